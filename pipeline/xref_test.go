package pipeline

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// diagString returns the diagnostics of diags that are warnings or errors,
// one a line.
func diagString(diags diag.List) string {
	var lines []string
	for _, d := range diags {
		if d.Severity != diag.Note {
			lines = append(lines, d.String())
		}
	}
	return strings.Join(lines, "\n")
}

// TestCrossDocumentLinks builds a book whose first document links forward
// into the second, by GitHub's id of a heading, by the book's own id, to a
// document's start, and back from a subfolder's view; the index pre-pass
// must know the second document before the first is published. (goldmark
// percent-encodes the URLs; their fragments are decoded to be looked up.)
func TestCrossDocumentLinks(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "01_giris.md", "# Giriş\n\n"+
		"Bkz. [desenler](02_yazim.md#tasarım-desenleri), [yazım](02_yazim.md), "+
		"[aynı](#giriş), [kod](02_yazim.md#kod-ornekleri), [dış](https://example.org/x.md#y).\n")
	write(t, dir, "02_yazim.md", "# Yazım\n\n## Tasarım Desenleri\n\nMetin.\n\n## Giriş\n\nİkinci giriş.\n\n"+
		"## 😄 Kod Örnekleri\n\n[başa](./01_giris.md#giris) ve [buraya](#giriş).\n")
	for _, workers := range []int{1, 4} {
		b, diags := Build(dir, Options{Workers: workers})
		if b == nil {
			t.Fatalf("no book: %v", diags)
		}
		var got []string
		for _, d := range b.Documents {
			doc.WalkDocument(d, func(n doc.Node, entering bool) doc.WalkStatus {
				switch n := n.(type) {
				case *doc.Heading:
					if entering {
						got = append(got, "h "+d.ID+"#"+n.Attr.ID)
					}
				case *doc.Link:
					if entering {
						got = append(got, "a "+n.URL+" -> "+n.TargetDoc+"#"+n.Fragment)
					}
				}
				return doc.WalkContinue
			})
		}
		want := []string{
			"h 01_giris#giris",
			"a 02_yazim.md#tasar%C4%B1m-desenleri -> 02_yazim#tasarim-desenleri",
			"a 02_yazim.md -> 02_yazim#",
			"a #giri%C5%9F -> 01_giris#giris",
			"a 02_yazim.md#kod-ornekleri -> 02_yazim#kod-ornekleri",
			"a https://example.org/x.md#y -> #",
			"h 02_yazim#yazim",
			"h 02_yazim#tasarim-desenleri",
			"h 02_yazim#giris-2",
			"h 02_yazim#kod-ornekleri",
			"a ./01_giris.md#giris -> 01_giris#giris",
			"a #giri%C5%9F -> 02_yazim#giris-2",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("workers=%d:\n%s\nwant:\n%s", workers, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestLinkErrors checks that a link to an id or seed the book does not
// have is an error at the link's paragraph, and that nothing is published.
func TestLinkErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "01_a.md", "# A\n\nMetin [yok](#yok).\n")
	write(t, dir, "02_b.md", "# B\n\nİlk paragraf.\n\nMetin [yok](03_c.md#x).\n")
	b, diags := Build(dir, Options{})
	if b != nil {
		t.Fatal("a book was published")
	}
	want := `01_a.md:3:1: error: link to "#yok": no heading or element of the book has the id "yok"
02_b.md:5:1: error: link to "03_c.md#x": the book has no seed 03_c.md`
	if got := diagString(diags); got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// TestIndexFirstSameBook checks that indexing the seeds first and indexing
// them as they come give the same model, on books without references
// (where Stream need not index first).
func TestIndexFirstSameBook(t *testing.T) {
	tmp := t.TempDir()
	writeSeeds(t, tmp, 12)
	for _, dir := range []string{"../testdata/corpus", "../seeds", tmp} {
		seeds, _, _ := listSeeds(dir)
		// testdata/corpus names a file "yazım-kılavuzu.md" in a code span.
		for _, workers := range []int{1, 3} {
			if mayRefer(seeds, workers, DefaultMaxFileSize) != (dir == "../testdata/corpus") {
				t.Errorf("%s: mayRefer with %d workers = %v", dir, workers, !(dir == "../testdata/corpus"))
			}
		}
		b, diags := Build(dir, Options{Workers: 3})
		var want bytes.Buffer
		if err := doc.Dump(&want, b); err != nil {
			t.Fatalf("%s: %v %v", dir, err, diags)
		}
		forceIndex = true
		b2, diags2 := Build(dir, Options{Workers: 3})
		forceIndex = false
		var got bytes.Buffer
		if err := doc.Dump(&got, b2); err != nil {
			t.Fatalf("%s: %v %v", dir, err, diags2)
		}
		if got.String() != want.String() {
			t.Errorf("%s: indexing first changes the model: %s", filepath.Base(dir), firstDiff(want.String(), got.String()))
		}
		if diagString(diags) != diagString(diags2) {
			t.Errorf("%s: indexing first changes the diagnostics:\n%s\nwant:\n%s", dir, diagString(diags2), diagString(diags))
		}
	}
}
