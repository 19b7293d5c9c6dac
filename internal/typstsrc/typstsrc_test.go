package typstsrc

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline"
)

func TestEscape(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"düz metin, noktalı virgül; soru?", "düz metin, noktalı virgül; soru?"},
		{"Bitti.", "Bitti."},
		{"1999. yılda", `1999\. yılda`},
		{"3.5 oranı", `3\.5 oranı`},
		{"#etiket $para @kişi", `\#etiket \$para \@kişi`},
		{"*kalın* _eğik_ `kod`", "\\*kalın\\* \\_eğik\\_ \\`kod\\`"},
		{"[köşeli] <etiket>", `\[köşeli\] \<etiket\>`},
		{`a\b ~ c`, `a\\b \~ c`},
		{"= başlık", `\= başlık`},
		{"- madde + artı", `\- madde \+ artı`},
		{"https://tdk.gov.tr // yorum /* */", `https:\/\/tdk.gov.tr \/\/ yorum \/\* \*\/`},
		{"satır\nsonu\r\tsekme", "satır sonu  sekme"},
		{"e-posta -- ---", `e\-posta \-\- \-\-\-`},
		{"“tırnak” ’te 'tek' \"çift\"", "“tırnak” ’te 'tek' \"çift\""},
	} {
		if got := Escape(c.in); got != c.want {
			t.Errorf("Escape(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestStr(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", `""`},
		{"düz", `"düz"`},
		{`a"b\c`, `"a\"b\\c"`},
		{"x\ny\tz\r", `"x\ny\tz\r"`},
		{"\x01", `"\u{1}"`},
	} {
		if got := Str(c.in); got != c.want {
			t.Errorf("Str(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

const richSeed = `# Birinci Bölüm

Metin *vurgulu* ve **kalın**, ` + "`kod`" + ` ve [bağlantı](https://www.tdk.gov.tr). 1999. yıl; a_b #etiket $para [köşeli] ~ tilde.[^1] İkinci not burada.[^2]

- bir madde
- iki madde

3. üçüncü
4. dördüncü

> Alıntı paragrafı.

` + "```go\nfunc main() { fmt.Println(\"merhaba\\n\") }\n```" + `

Aşağıdaki veriler @tbl-1'de özetlenmiştir.

| İl | Yıl | Değer |
|:---|:---:|---:|
| Ankara | 1950 | 12,5 |
| İzmir[^3] | 1960 | 7,0 |

: Yıllara göre değerler {#tbl-1}

![Ankara haritası](resimler/sekil.png){#fig-1}

Dağılım @fig-1'te görülmektedir.

[^1]: Birinci dipnot.
[^2]: İkinci dipnot.
[^3]: Tablodaki dipnot.
`

// writeBook writes a small rich book's seeds into a folder and returns
// it.
func writeBook(t *testing.T) string {
	t.Helper()
	seeds := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 160, 90))
	for y := range 90 {
		for x := range 160 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(2 * y), 120, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(seeds, "resimler"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"resimler/sekil.png": b.Bytes(),
		"01-bolum.md":        []byte(richSeed),
		"02-duz.txt":         []byte("İkinci belge.\n\nDüz bir paragraf: 2. madde değil.\n"),
	} {
		if err := os.WriteFile(filepath.Join(seeds, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return seeds
}

// TestRichBook converts a small rich book and, when Typst is installed,
// sets it: the PDF holds every footnote, the table's and the figure's
// captions.
func TestRichBook(t *testing.T) {
	seeds := writeBook(t)
	out := t.TempDir()
	f, err := os.Create(filepath.Join(out, "book.typ"))
	if err != nil {
		t.Fatal(err)
	}
	diags, err := pipeline.Stream(seeds, pipeline.Options{}, New(f, out))
	if err != nil || diags.HasErrors() {
		t.Fatalf("Stream: %v %v", err, diags)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(filepath.Join(out, "book.typ"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"tilde.#footnote[Birinci dipnot.\n\n]<fn-0-1>", "[İzmir#footnote[Tablodaki dipnot.\n\n]<fn-0-3>]",
		`#figure(image("img/0.png", width: 27.09mm), caption: [Ankara haritası])`,
		`#figure(kind: table, caption: [Yıllara göre değerler]`,
		`#raw(block: true, "func main() { fmt.Println(\"merhaba\\n\") }\n")`,
		`#enum(start: 3, numbering: "1.", `,
		`#link("https://www.tdk.gov.tr")[bağlantı]`,
		`[bağlantı]\. 1999\. yıl; a\_b \#etiket \$para \[köşeli\] \~ tilde.`,
		`2\. madde değil`,
	} {
		if !strings.Contains(string(src), want) {
			t.Errorf("book.typ lacks %s", want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "img", "0.png")); err != nil {
		t.Error(err)
	}
	if t.Failed() {
		t.Logf("book.typ:\n%s", src)
	}

	node := testtool.Require(t, "node", "apt-get install nodejs")
	mod := os.Getenv("TYPST_TS")
	if mod == "" {
		mod = filepath.Join(testtool.Root(), "node_modules", "@myriaddreamin", "typst-ts-node-compiler", "index.js")
	}
	testtool.RequireFile(t, mod, "npm install @myriaddreamin/typst-ts-node-compiler@0.7.0 (or set TYPST_TS to its index.js)")
	pdftotext := testtool.Require(t, "pdftotext", "apt-get install poppler-utils")
	script := filepath.Join(out, "compile.mjs")
	if err := os.WriteFile(script, CompileScript, 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(out, "book.pdf")
	if msg, err := exec.Command(node, script, mod, filepath.Join(testtool.Root(), "fonts"),
		filepath.Join(out, "book.typ"), pdf).CombinedOutput(); err != nil {
		t.Fatalf("typst: %v\n%s", err, msg)
	}
	text, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	got := string(text)
	for _, c := range []struct {
		what string
		n    int
	}{
		{"Birinci dipnot.", 1}, {"İkinci dipnot.", 1}, {"Tablodaki dipnot.", 1},
		{"Tablo 1: Yıllara göre değerler", 1}, {"Şekil 1: Ankara haritası", 1},
		{"bağlantı. 1999. yıl; a_b #etiket $para", 1}, {"[köşeli] ~ tilde.", 1},
	} {
		if n := strings.Count(got, c.what); n != c.n {
			t.Errorf("the PDF holds %q %d times, want %d", c.what, n, c.n)
		}
	}
	if t.Failed() {
		t.Logf("pdftotext:\n%s", got)
	}
}
