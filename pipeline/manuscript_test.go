package pipeline

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestImages checks that an image used by several documents, under several
// spellings of its path, is one *doc.Image of the book, listed once per
// document and once in Book.Resources, and that its folder is a resource,
// not a skipped folder.
func TestImages(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "resimler"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "resimler/a.png"), pngBytes(t, 4, 3), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "kapak.png"), pngBytes(t, 2, 2), 0o644); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "01.md", "# Bir\n\n![Harita](resimler/a.png){#fig-a}\n\nSatır içi ![a](./resimler/a.png) ve ![k](kapak.png).\n")
	write(t, dir, "02.md", "# İki\n\nYine ![a](resimler/a.png).\n")
	b, diags := Build(dir, Options{})
	if b == nil || len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	d1, d2 := b.Documents[0], b.Documents[1]
	fig := d1.Blocks[1].(*doc.Figure)
	inline := d1.Blocks[2].(*doc.Paragraph).Inlines[1].(*doc.InlineImage)
	again := d2.Blocks[1].(*doc.Paragraph).Inlines[1].(*doc.InlineImage)
	if fig.Image != inline.Image || fig.Image != again.Image || fig.Image.Path != "resimler/a.png" || fig.Image.Width != 4 {
		t.Errorf("the uses of resimler/a.png are not one image: %+v %+v %+v", fig.Image, inline.Image, again.Image)
	}
	if len(d1.Images) != 2 || d1.Images[0] != fig.Image || d1.Images[1].Path != "kapak.png" || len(d2.Images) != 1 || d2.Images[0] != fig.Image {
		t.Errorf("Document.Images: %v, %v", d1.Images, d2.Images)
	}
	if len(b.Resources) != 2 || b.Resources[0] != fig.Image {
		t.Errorf("Book.Resources: %v", b.Resources)
	}
}

// TestManuscriptBadInput checks the errors and warnings of a manuscript's
// constructs: each at the place it is written, and no book when one is an
// error.
func TestManuscriptBadInput(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
		book  bool
	}{
		{"missing image", map[string]string{"a.md": "Metin.\n\n![Harita](resimler/yok.png)\n"},
			`a.md:3:1: error: image "resimler/yok.png" does not exist in the seeds folder`, false},
		{"image outside the folder", map[string]string{"a.md": "Metin ![x](../x.png) ve ![y](/etc/passwd).\n"},
			"a.md:1:7: error: image \"../x.png\" leads outside the seeds folder\n" +
				`a.md:1:25: error: image "/etc/passwd" is an absolute path; give a path relative to the seeds folder`, false},
		{"remote image", map[string]string{"a.md": "# Başlık\n\n![Uzak](https://ornek.tr/a.png)\n"},
			`a.md:3:1: error: image "https://ornek.tr/a.png" is a remote URL; images are never fetched: put the file in the seeds folder`, false},
		{"not an image", map[string]string{"a.md": "![x](b.png)\n\nMetin.\n", "b.png": "metin"},
			`a.md:1:1: error: image "b.png" is not a JPEG or PNG image`, false},
		{"one bad image in two documents", map[string]string{"a.md": "Bir ![x](yok.png).\n", "b.md": "İki ![x](yok.png).\n"},
			"a.md:1:5: error: image \"yok.png\" does not exist in the seeds folder\n" +
				`b.md:1:5: error: image "yok.png" does not exist in the seeds folder`, false},
		{"undefined note", map[string]string{"a.md": "Metin.[^yok]\n"},
			`a.md:1:7: warning: footnote [^yok] is referenced but never defined; kept as text`, true},
		{"unreferenced note", map[string]string{"a.md": "Metin.\n\n[^fazla]: Kimse anmadı.\n"},
			`a.md:3:1: warning: footnote [^fazla] is defined but never referenced; not published`, true},
		{"uneven table", map[string]string{"a.md": "| A | B |\n|---|---|\n| 1 |\n"},
			`a.md:3:1: warning: table row has 1 cell where the header has 2: padded with empty cells (as GFM does)`, true},
		{"math", map[string]string{"a.md": "Alan $\\pi r^2$ ve $$e = mc^2$$.\n"},
			`a.md:1:6: warning: math is not typeset yet; kept as its TeX source`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, content := range tt.files {
				write(t, dir, name, content)
			}
			b, diags := Build(dir, Options{})
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), tt.want)
			}
			if (b != nil) != tt.book {
				t.Errorf("book %v, want one: %v", b != nil, tt.book)
			}
		})
	}
}

// TestManuscriptLimits builds, through every stage, notes that reference
// each other a thousand deep, a table of 2,000 rows and one of 12 columns.
func TestManuscriptLimits(t *testing.T) {
	dir := t.TempDir()
	var notes strings.Builder
	notes.WriteString("# Notlar\n\nBaşla.[^0]\n\n")
	for i := range 1000 {
		fmt.Fprintf(&notes, "[^%d]: Türk Dil Kurumu (TDK) notu %d.[^%d]\n\n", i, i, i+1)
	}
	notes.WriteString("[^1000]: Son.\n")
	write(t, dir, "01_notlar.md", notes.String())
	var rows strings.Builder
	rows.WriteString("# Tablo\n\n| Sıra | Ad | Değer |\n|--:|:--|:-:|\n")
	for i := range 2000 {
		fmt.Fprintf(&rows, "| %d | TDK %d | *%d* |\n", i, i, i*i)
	}
	rows.WriteString("\n: Uzun tablo {#tbl-uzun}\n\n| a | b | c | d | e | f | g | h | i | j | k | l |\n" + strings.Repeat("|---", 12) + "|\n" + strings.Repeat("| x ", 12) + "|\n")
	write(t, dir, "02_tablo.md", rows.String())
	b, diags := Build(dir, Options{})
	if b == nil || len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags[:min(3, len(diags))])
	}
	d := b.Documents[0]
	if len(d.Notes) != 1001 || len(d.Leaves()) != 1003 || d.Notes[1000].Blocks[0].(*doc.Paragraph).Sentences == nil {
		t.Errorf("%d notes, %d leaves", len(d.Notes), len(d.Leaves()))
	}
	if n := b.Glossary[0].Occurrences; n != 1000 {
		t.Errorf("TDK: %d occurrences, want the 1,000 in the notes (none in the table)", n)
	}
	tables := b.Documents[1].Blocks[1:]
	if len(tables) != 2 || len(tables[0].(*doc.Table).Rows) != 2000 || len(tables[1].(*doc.Table).Head) != 12 {
		t.Errorf("tables: %d blocks", len(tables))
	}
}
