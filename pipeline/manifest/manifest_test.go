package manifest

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

func diagStrings(l diag.List) string {
	var out []string
	for _, d := range l {
		out = append(out, d.String())
	}
	return strings.Join(out, "\n")
}

func pngBytes(w, h int) []byte {
	var b bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{200, 30, 30, 255})
	if err := png.Encode(&b, img); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func jpegBytes(w, h int) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func gifBytes() []byte {
	var b bytes.Buffer
	if err := gif.Encode(&b, image.NewPaletted(image.Rect(0, 0, 2, 2), color.Palette{color.Black}), nil); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// folder writes files into a new seeds folder and returns its path.
func folder(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadMissing(t *testing.T) {
	m, diags := Load(t.TempDir())
	if m.Found || !reflect.DeepEqual(m.Meta, doc.Meta{}) || len(diags) != 0 {
		t.Errorf("Load(empty folder) = %+v, %v; want not found, zero Meta, no diagnostics", m, diags)
	}
}

func TestLoadErrors(t *testing.T) {
	seed := []byte("Metin.")
	tests := []struct {
		name  string
		yaml  string
		files map[string][]byte
		diags string
	}{
		{"malformed flow sequence", "title: [a\nsubtitle: b\n", nil,
			"book.yaml:1:1: error: malformed YAML: did not find expected ',' or ']'"},
		{"malformed on the first line", "title: a: b\n", nil,
			"book.yaml:1:1: error: malformed YAML: mapping values are not allowed in this context"},
		{"malformed tab", "title: a\n\t- b\n", nil,
			"book.yaml:2:1: error: malformed YAML: found a tab character that violates indentation"},
		{"unknown key, near", "title: a\nsubtitel: b\n", nil,
			`book.yaml:2:1: error: unknown key "subtitel"; did you mean "subtitle"?`},
		{"unknown key, other spelling", "paper_size: a4\nCover_Image: x.png\n", nil,
			`book.yaml:1:1: error: unknown key "paper_size"; did you mean "papersize"?` + "\n" +
				`book.yaml:2:1: error: unknown key "Cover_Image"; did you mean "cover-image"?`},
		{"unknown key, far", "toc: true\n", nil,
			`book.yaml:1:1: error: unknown key "toc"; known keys: title, subtitle, author, lang, date, publisher, rights, description, subject, identifier, cover-image, papersize, documents`},
		{"wrong type", "title: [a, b]\nsubtitle: {x: y}\n", nil,
			"book.yaml:1:8: error: title must be a string, not a sequence\nbook.yaml:2:11: error: subtitle must be a string, not a mapping"},
		{"author mapping", "author: {ad: Ayşe}\n", nil,
			"book.yaml:1:9: error: author must be a string or a list of strings, not a mapping"},
		{"author list element", "author:\n  - Ayşe Yılmaz\n  - [x]\n  -\n", nil,
			"book.yaml:3:5: error: author[2] must be a string, not a sequence\nbook.yaml:4:4: error: author[3] is empty; give it a value or leave the key out"},
		{"empty values", "title:\nrights: \"\"\nsubject: []\n", nil,
			"book.yaml:1:7: error: title is empty; give it a value or leave the key out\n" +
				"book.yaml:2:9: error: rights is empty; give it a value or leave the key out\n" +
				"book.yaml:3:10: error: subject is an empty list; give it a value or leave the key out"},
		{"lang", "lang: klingon\n", nil,
			`book.yaml:1:7: error: lang "klingon" is not a BCP 47 language tag such as "tr" or "tr-TR": language: tag is not well-formed`},
		{"lang unknown subtag", "lang: zz\n", nil,
			`book.yaml:1:7: error: lang "zz" is not a BCP 47 language tag such as "tr" or "tr-TR": language: subtag "zz" is well-formed but unknown`},
		{"date", "date: 2024-13-01\n", nil,
			`book.yaml:1:7: error: date "2024-13-01" must be YYYY, YYYY-MM or YYYY-MM-DD`},
		{"date with time", "date: 2024-05-19T10:00:00Z\n", nil,
			`book.yaml:1:7: error: date "2024-05-19T10:00:00Z" must be YYYY, YYYY-MM or YYYY-MM-DD`},
		{"papersize", "papersize: B52\n", nil,
			`book.yaml:1:12: error: papersize "B52" is not one of a4, a5, letter`},
		{"duplicate keys", "title: a\nlang: tr\ntitle: b\n", nil,
			`book.yaml:3:1: error: duplicate key "title" (first at line 1)`},
		{"non-string key", "[a]: b\n", nil,
			"book.yaml:1:1: error: a key must be a string, not a sequence"},
		{"not a mapping", "- title\n- lang\n", nil,
			"book.yaml:1:1: error: book.yaml must be a mapping of keys to values, not a sequence"},
		{"two documents", "title: a\n---\ntitle: b\n", nil,
			"book.yaml:2:1: error: more than one YAML document; book.yaml holds one mapping"},
		{"anchors and aliases", "title: &t Başlık\nsubtitle: *t\n", nil,
			"book.yaml:1:8: error: YAML anchors and aliases are not allowed in book.yaml (anchor &t; 2 in the file); write each value out"},
		{"merge key", "documents:\n  a.txt: &d {title: A}\n  b.txt:\n    <<: *d\n", nil,
			"book.yaml:2:10: error: YAML anchors and aliases are not allowed in book.yaml (anchor &d; 2 in the file); write each value out"},
		{"empty file", "# nothing yet\n", nil,
			"book.yaml: warning: book.yaml is empty; the defaults apply"},
		{"cover outside", "cover-image: ../kapak.png\n", nil,
			`book.yaml:1:14: error: cover-image "../kapak.png" leads outside the seeds folder`},
		{"cover outside after a folder", "cover-image: img/../../kapak.png\n", nil,
			`book.yaml:1:14: error: cover-image "img/../../kapak.png" leads outside the seeds folder`},
		{"cover absolute", "cover-image: /etc/passwd\n", nil,
			`book.yaml:1:14: error: cover-image "/etc/passwd" is an absolute path; give a path relative to the seeds folder`},
		{"cover missing", "cover-image: yok.png\n", nil,
			`book.yaml:1:14: error: cover-image "yok.png" does not exist in the seeds folder`},
		{"cover folder", "cover-image: img\n", map[string][]byte{"img/a.txt": seed},
			`book.yaml:1:14: error: cover-image "img" is a folder, not an image`},
		{"cover not an image", "cover-image: kapak.png\n", map[string][]byte{"kapak.png": []byte("not a picture")},
			`book.yaml:1:14: error: cover-image "kapak.png" is not a JPEG or PNG image`},
		{"cover gif", "cover-image: kapak.gif\n", map[string][]byte{"kapak.gif": gifBytes()},
			`book.yaml:1:14: error: cover-image "kapak.gif" is not a JPEG or PNG image`},
		{"cover broken png", "cover-image: kapak.png\n", map[string][]byte{"kapak.png": pngBytes(4, 4)[:20]},
			`book.yaml:1:14: error: cover-image "kapak.png" is not a valid PNG image: unexpected EOF`},
		{"cover broken jpeg", "cover-image: kapak.jpg\n", map[string][]byte{"kapak.jpg": jpegBytes(4, 4)[:10]},
			`book.yaml:1:14: error: cover-image "kapak.jpg" is not a valid JPEG image: unexpected EOF`},
		{"documents not a mapping", "documents: [a.txt]\n", nil,
			"book.yaml:1:12: error: documents must be a mapping of seed file names to overrides, not a sequence"},
		{"documents entry", "documents:\n  a.txt: Başlık\n  b.txt:\n    titel: B\n  c.txt:\n    title: [x]\n",
			map[string][]byte{"a.txt": seed, "b.txt": seed, "c.txt": seed},
			"book.yaml:2:10: error: documents.a.txt must be a mapping such as {title: ...}, not a string\n" +
				`book.yaml:4:5: error: unknown key "titel"; did you mean "title"?` + "\n" +
				"book.yaml:6:12: error: documents.c.txt.title must be a string, not a sequence"},
		{"documents not a seed", "documents:\n  yok.md: {title: A}\n  resim.png: {title: B}\n  alt/b.md: {title: C}\n  .gizli.md: {title: D}\n",
			map[string][]byte{"resim.png": pngBytes(1, 1), "alt/b.md": seed, ".gizli.md": seed},
			`book.yaml:2:3: warning: documents: "yok.md" is not a seed in the seeds folder (a .txt or .md file); its override is not used` + "\n" +
				`book.yaml:3:3: warning: documents: "resim.png" is not a seed in the seeds folder (a .txt or .md file); its override is not used` + "\n" +
				`book.yaml:4:3: warning: documents: "alt/b.md" is not a seed in the seeds folder (a .txt or .md file); its override is not used` + "\n" +
				`book.yaml:5:3: warning: documents: ".gizli.md" is not a seed in the seeds folder (a .txt or .md file); its override is not used`},
		{"documents outside", "documents:\n  ../a.txt: {title: A}\n  /a.txt: {title: A}\n", nil,
			`book.yaml:2:3: error: documents: "../a.txt" leads outside the seeds folder` + "\n" +
				`book.yaml:3:3: error: documents: "/a.txt" is an absolute path; give the seed's path relative to the seeds folder`},
		{"documents duplicate", "documents:\n  a.txt: {title: A}\n  a.txt: {title: B}\n", map[string][]byte{"a.txt": seed},
			`book.yaml:3:3: error: documents: duplicate key "a.txt" (first at line 2)`},
		{"every problem at once", "titel: a\ntitle: [b]\nlang: 42x\npapersize: huge\ndate: dün\n", nil,
			`book.yaml:1:1: error: unknown key "titel"; did you mean "title"?` + "\n" +
				"book.yaml:2:8: error: title must be a string, not a sequence\n" +
				`book.yaml:3:7: error: lang "42x" is not a BCP 47 language tag such as "tr" or "tr-TR": language: tag is not well-formed` + "\n" +
				`book.yaml:4:12: error: papersize "huge" is not one of a4, a5, letter` + "\n" +
				`book.yaml:5:7: error: date "dün" must be YYYY, YYYY-MM or YYYY-MM-DD`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string][]byte{FileName: []byte(tt.yaml)}
			for k, v := range tt.files {
				files[k] = v
			}
			m, diags := Load(folder(t, files))
			if !m.Found {
				t.Error("Found = false")
			}
			if got := diagStrings(diags); got != tt.diags {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.diags)
			}
		})
	}
}

func TestLoadSymlinkOut(t *testing.T) {
	outside := folder(t, map[string][]byte{"kapak.png": pngBytes(2, 2)})
	dir := folder(t, map[string][]byte{FileName: []byte("cover-image: img/kapak.png\n")})
	if err := os.Mkdir(filepath.Join(dir, "img"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "kapak.png"), filepath.Join(dir, "img", "kapak.png")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	m, diags := Load(dir)
	want := `book.yaml:1:14: error: cover-image "img/kapak.png" is a symbolic link that leads outside the seeds folder`
	if got := diagStrings(diags); got != want || m.Meta.Cover != nil {
		t.Errorf("diagnostics:\n%s\nwant:\n%s (cover %v)", got, want, m.Meta.Cover)
	}
}

func TestLoadValues(t *testing.T) {
	cover := pngBytes(3, 2)
	dir := folder(t, map[string][]byte{
		FileName: []byte(`title: "  Başlık  "
author: Tek Yazar
subject: [Bir, İki]
lang: tr_TR
date: 2024-05-19
papersize: A4
cover-image: img/kapak.png
identifier: urn:isbn:9780000000000
documents:
  01.md:
    title: Birinci
`),
		"img/kapak.png": cover,
		"01.md":         []byte("# Bir"),
	})
	m, diags := Load(dir)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	want := doc.Meta{
		Title: "Başlık", Authors: []string{"Tek Yazar"}, Subjects: []string{"Bir", "İki"},
		Lang: "tr-TR", Date: "2024-05-19", PaperSize: "a4", Identifier: "urn:isbn:9780000000000",
		Cover: &doc.Image{Name: "kapak.png", MediaType: "image/png", Data: cover, Width: 3, Height: 2,
			Path: "img/kapak.png", SHA256: fmt.Sprintf("%x", sha256.Sum256(cover))},
	}
	if !reflect.DeepEqual(m.Meta, want) {
		t.Errorf("Meta = %+v\nwant %+v", m.Meta, want)
	}
	if got := m.Documents; !reflect.DeepEqual(got, map[string]DocumentOverride{"01.md": {Title: "Birinci"}}) {
		t.Errorf("Documents = %v", got)
	}

	jpg := jpegBytes(5, 7)
	m, diags = Load(folder(t, map[string][]byte{FileName: []byte("cover-image: kapak.jpeg\nauthor: [A, B]\ndate: 2024\n"), "kapak.jpeg": jpg}))
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if c := m.Meta.Cover; c == nil || c.MediaType != "image/jpeg" || c.Width != 5 || c.Height != 7 || !bytes.Equal(c.Data, jpg) {
		t.Errorf("Cover = %+v", c)
	}
	if m.Meta.Lang != "tr" || m.Meta.PaperSize != "a5" || m.Meta.Date != "2024" || !reflect.DeepEqual(m.Meta.Authors, []string{"A", "B"}) {
		t.Errorf("Meta = %+v, want the defaults lang tr and papersize a5", m.Meta)
	}
}

// billionLaughs returns the classic exponential alias document: ten levels
// of ten aliases each, 10^9 strings if expanded.
func billionLaughs() string {
	var b strings.Builder
	b.WriteString("a0: &a0 \"lol\"\n")
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [", i, i)
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "*a%d", i-1)
		}
		b.WriteString("]\n")
	}
	b.WriteString("title: *a9\n")
	return b.String()
}

func TestLoadRefusesBombs(t *testing.T) {
	m, diags := Load(folder(t, map[string][]byte{FileName: []byte(billionLaughs())}))
	want := "book.yaml:1:5: error: YAML anchors and aliases are not allowed in book.yaml (anchor &a0; 101 in the file); write each value out"
	if got := diagStrings(diags); got != want || m.Meta.Title != "" {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}

	big := "title: a\n" + strings.Repeat("# dolgu satırı\n", MaxSize/10)
	_, diags = Load(folder(t, map[string][]byte{FileName: []byte(big)}))
	want = "book.yaml: error: file is larger than the limit of 1048576 bytes (1 MiB); book metadata needs a few hundred"
	if got := diagStrings(diags); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// TestShippedSeeds checks the book.yaml that ships with the seeds.
func TestShippedSeeds(t *testing.T) {
	dir := filepath.Join(testtool.Root(), "seeds")
	m, diags := Load(dir)
	if len(diags) != 0 {
		t.Fatalf("seeds/book.yaml: %v", diags)
	}
	if !m.Found {
		t.Fatal("seeds/book.yaml not found")
	}
	meta := m.Meta
	if meta.Title != "Siber Güvenlik ve Siber Diplomasi" || meta.Lang != "tr" || meta.Publisher != "seedpress" || meta.PaperSize != "a5" {
		t.Errorf("Meta = %+v", meta)
	}
	if len(meta.Authors) != 0 || meta.Rights != "" || meta.Date != "" {
		t.Errorf("the seed's author, rights and date are unknown and must stay empty: %+v", meta)
	}
	if meta.Description == "" || len(meta.Subjects) == 0 {
		t.Errorf("description and subject must be given: %+v", meta)
	}
	for name, ov := range m.Documents {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil || ov.Title == "" {
			t.Errorf("documents.%s: %v %+v", name, err, ov)
		}
	}
	if len(m.Documents) != 1 {
		t.Errorf("Documents = %v, want the one seed", m.Documents)
	}
}

func TestSuggest(t *testing.T) {
	for key, want := range map[string]string{
		"subtitel": "subtitle", "autor": "author", "Title": "title", "paper-size": "papersize",
		"coverimage": "cover-image", "lnag": "lang", "x": "", "keywords": "", "toc": "",
	} {
		if got := suggest(key, keys); got != want {
			t.Errorf("suggest(%q) = %q, want %q", key, got, want)
		}
	}
}

func ExampleLoad() {
	m, diags := Load("testdata/example")
	fmt.Println(m.Meta.Title, m.Meta.Lang, m.Meta.PaperSize)
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// Örnek Kitap tr a5
	// book.yaml:3:1: error: unknown key "autor"; did you mean "author"?
	// book.yaml:4:12: error: papersize "b5" is not one of a4, a5, letter
}

// FuzzLoad checks that Load never panics and always reports Found for a
// book.yaml that exists.
func FuzzLoad(f *testing.F) {
	f.Add([]byte("title: a\nauthor: [b, c]\ndocuments:\n  x.txt: {title: d}\n"))
	f.Add([]byte(billionLaughs()))
	f.Add([]byte("cover-image: ../../etc/passwd\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, FileName), data, 0o644); err != nil {
			t.Fatal(err)
		}
		m, _ := Load(dir)
		if !m.Found {
			t.Fatal("Found = false for an existing book.yaml")
		}
	})
}
