package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// TestFrontMatter checks what front matter gives: the document's fields
// and language (the callout title follows it), the book's keys from the
// first document only when book.yaml lacks them, and a warning for book
// keys in a later document.
func TestFrontMatter(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"book.yaml": "title: Kitap\n",
		"01.md":     "---\ntitle: Birinci\nauthor: Ayşe\ndate: 2024-05-01\npublisher: Yayınevi\ntitle-prefix: x\n---\n\n# Başlık\n\nMetin.\n",
		"02.md":     "---\nlang: en\nrights: CC0\n---\n\n::: {.callout-warning}\nText.\n:::\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, diags := Build(dir, Options{})
	if b == nil {
		t.Fatal(diags)
	}
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := `01.md:6:1: warning: front matter key "title-prefix" is not used (known keys: title, subtitle, author, lang, date, abstract, publisher, rights, description, subject, identifier, papersize, toc-depth)
02.md: warning: front matter keys rights set the book's metadata only in the first document; not used here`
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("diagnostics:\n%s\nwant\n%s", g, want)
	}
	m := b.Meta
	if m.Title != "Kitap" || m.Publisher != "Yayınevi" || strings.Join(m.Authors, ",") != "Ayşe" || m.Date != "2024-05-01" || m.Rights != "" {
		t.Errorf("book: %+v", m)
	}
	d0, d1 := b.Documents[0], b.Documents[1]
	if d0.Title != "Birinci" || d0.Date != "2024-05-01" || d0.Lang != "" {
		t.Errorf("document 0: title %q date %q lang %q", d0.Title, d0.Date, d0.Lang)
	}
	c, ok := d1.Blocks[0].(*doc.Callout)
	if d1.Lang != "en" || !ok || doc.PlainText(c.Title) != "Warning" || d1.Title != "Bölüm 2" {
		t.Errorf("document 1: lang %q, title %q, first block %#v", d1.Lang, d1.Title, d1.Blocks[0])
	}
}
