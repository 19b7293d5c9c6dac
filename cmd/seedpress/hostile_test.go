package main

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileInputs are seeds that must build: markup, entities, control and
// bidirectional characters, deep nesting and enormous sizes. Each lists
// the formats it builds (nil: all). The slowest build fewer formats: the
// point of each is named in its comment.
var hostileInputs = []struct {
	name    string
	files   func() map[string]string
	formats string
}{
	{"markup and entities in text", func() map[string]string {
		return map[string]string{"a.txt": "<script>alert('x')</script> ve &amp; ile &lt;b&gt; ]]> <!DOCTYPE html> <?xml version=\"1.0\"?> \"tırnak\" & 'tek' &#0; &nbsp;\n\n<![CDATA[ kaçış ]]>"}
	}, ""},
	{"Markdown raw HTML", func() map[string]string {
		return map[string]string{"a.md": "# Başlık <b>kalın</b>\n\n<div onclick=\"x()\">Merhaba</div>\n\nMetin <script>alert(1)</script> &copy; &amp; ]]> <!-- yorum -->\n\n[bağlantı](javascript:alert(1)) ve [iyi](https://example.org/?a=1&b=<2>)\n\n```html\n<script>]]></script>\n```\n"}
	}, ""},
	{"bidirectional overrides", func() map[string]string {
		return map[string]string{"a.txt": "Metin \u202eters yazı\u202c ve \u2066yalıtılmış\u2069 ile \u200fRLM\u200e burada. \u061c Son."}
	}, ""},
	{"control characters", func() map[string]string {
		return map[string]string{"a.txt": "Bir\x01 iki\x07 üç\x1b[31m kırmızı\u0085 dört\x7f beş\u00ad altı\ufeff yedi\u200b sekiz.\f\vDokuz\r\non."}
	}, ""},
	{"1,000-deep nested quotes", func() map[string]string {
		return map[string]string{"a.md": strings.Repeat("> ", 1000) + "derin bir alıntı.\n"}
	}, ""},
	{"1,000-deep nested lists", func() map[string]string {
		var b strings.Builder
		for i := range 1000 {
			fmt.Fprintf(&b, "%s- öğe %d\n", strings.Repeat("  ", i), i)
		}
		return map[string]string{"a.md": b.String()}
	}, ""},
	{"a 200,000-character paragraph", func() map[string]string {
		var b strings.Builder
		for i := 0; b.Len() < 200_000; i++ {
			fmt.Fprintf(&b, "Sözcük%d güzel bir tümce. ", i)
		}
		return map[string]string{"a.txt": b.String()}
	}, ""},
	{"a 10,000-character word", func() map[string]string {
		return map[string]string{"a.txt": "Başlangıç " + strings.Repeat("abcçdefgğh", 1000) + " bitiş.\n\nhttps://example.org/" + strings.Repeat("yol/", 2500)}
	}, ""},
	// 100,000 items make a 3,000-page PDF; all three formats still build.
	{"100,000 list items", func() map[string]string {
		var b strings.Builder
		for i := range 100_000 {
			fmt.Fprintf(&b, "- öğe %d\n", i)
		}
		return map[string]string{"a.md": b.String()}
	}, ""},
	// 10,000 seeds are 10,000 chapters: the EPUB (10,000 XHTML files) and
	// the dataset are the formats that scale with files; the PDF would be
	// 20,000 pages of layout that "a 100,000 list items" already covers.
	{"10,000 tiny seeds", func() map[string]string {
		files := map[string]string{}
		for i := range 10_000 {
			files[fmt.Sprintf("%05d.txt", i)] = fmt.Sprintf("Küçük tohum %d.", i)
		}
		return files
	}, "epub,dataset"},
}

// TestHostileInput builds every hostile input: exit 0, every output
// complete, every XHTML file of the EPUB well-formed.
func TestHostileInput(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	for _, tt := range hostileInputs {
		t.Run(tt.name, func(t *testing.T) {
			seeds := writeSeeds(t, tt.files())
			out := filepath.Join(t.TempDir(), "dist")
			args := []string{"build", "--quiet", "--seeds", seeds, "--out", out}
			if tt.formats != "" {
				args = append(args, "--format", tt.formats)
			}
			r := seedpress(t, args...)
			if r.code != 0 {
				t.Fatalf("build: %v", r)
			}
			checkDist(t, out)
			checkXHTML(t, out)
		})
	}
}

// TestFiftyMegabyteSeed runs a 50 MB seed through every stage and the PDF's
// glyph check (seedpress check) and publishes its EPUB. (A PDF of it would
// be 25,000 pages; "100,000 list items" covers long PDFs.)
func TestFiftyMegabyteSeed(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	seeds := filepath.Join(t.TempDir(), "seeds")
	must(t, os.Mkdir(seeds, 0o755))
	para := strings.Repeat("Bu büyük bir tohum dosyasıdır ve İnternet’in yönetimi hakkında uzun bir metin içerir. Dr. Ayşe 19. yüzyılda 3,5 milyon kişiye ulaştı! ", 5) + "\n\n"
	var b bytes.Buffer
	for b.Len() < 50_000_000 {
		b.WriteString(para)
	}
	must(t, os.WriteFile(filepath.Join(seeds, "buyuk.txt"), b.Bytes(), 0o644))

	r := seedpress(t, "check", "--seeds", seeds)
	if r.code != 0 || !strings.Contains(r.stderr, "0 errors") {
		t.Fatalf("check: %v", r)
	}
	out := filepath.Join(t.TempDir(), "dist")
	r = seedpress(t, "build", "--quiet", "--format", "epub", "--seeds", seeds, "--out", out)
	if r.code != 0 {
		t.Fatalf("build: %v", r)
	}
	checkDist(t, out)
}

// checkXHTML parses every XHTML, XML and OPF file of every EPUB in dir with
// a strict XML parser.
func checkXHTML(t *testing.T, dir string) {
	t.Helper()
	epubs, _ := filepath.Glob(filepath.Join(dir, "*.epub"))
	for _, p := range epubs {
		zr, err := zip.OpenReader(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			ext := filepath.Ext(f.Name)
			if ext != ".xhtml" && ext != ".opf" && ext != ".ncx" && ext != ".xml" {
				continue
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			if err := wellFormed(rc); err != nil {
				t.Errorf("%s: %s is not well-formed XML: %v", filepath.Base(p), f.Name, err)
			}
			rc.Close()
		}
		zr.Close()
	}
}

func wellFormed(r io.Reader) error {
	d := xml.NewDecoder(r)
	d.Strict = true
	d.Entity = map[string]string{} // XHTML in EPUB may use only XML's own entities
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
