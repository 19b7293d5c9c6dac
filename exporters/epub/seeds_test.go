package epub

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline"
	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/turkish"
)

// buildBook runs the pipeline on a seeds folder.
func buildBook(t testing.TB, dir string) *doc.Book {
	t.Helper()
	b, diags := pipeline.Build(dir, pipeline.Options{})
	if diags.HasErrors() {
		t.Fatalf("pipeline.Build(%s):\n%v", dir, diags.Err())
	}
	if b == nil {
		t.Fatalf("pipeline.Build(%s) returned no book (is the pipeline in place?)", dir)
	}
	return b
}

// The seed folders that the tests publish: the shipped seeds and the
// multi-document Markdown corpus.
var seedFolders = []struct{ name, dir string }{
	{"seeds", "../../seeds"},
	{"corpus", "../../testdata/corpus"},
}

func TestValidatorsSeeds(t *testing.T) {
	for _, f := range seedFolders {
		t.Run(f.name, func(t *testing.T) { validate(t, buildBook(t, f.dir)) })
	}
}

func TestReproducibleSeeds(t *testing.T) {
	for _, f := range seedFolders {
		t.Run(f.name, func(t *testing.T) {
			a := write(t, buildBook(t, f.dir), Options{Generator: "seedpress test"})
			b := write(t, buildBook(t, f.dir), Options{Generator: "seedpress test"})
			if !bytes.Equal(a, b) {
				t.Fatal("two builds of the same seeds differ")
			}
			files, _ := unzip(t, a)
			if err := wellFormed(files); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// words splits text into words the way the round trip compares them:
// letters, digits and apostrophes (İnternet’in is one word); punctuation
// and white space separate words and are not compared.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '’' && r != '\''
	})
}

// chapterWords returns the words that a reader of document d's chapter
// sees, in order: the model's text, plus what the chapter adds to it (the
// title set as a heading when the document has none, the numbers of ordered
// lists).
func chapterWords(d *doc.Document) []string {
	var ws []string
	if len(d.Blocks) == 0 {
		return words(d.Title)
	}
	if _, ok := d.Blocks[0].(*doc.Heading); !ok {
		ws = words(d.Title)
	}
	// lists holds, for each open list, the number of its next item; -1 for
	// a bullet list.
	var lists []int
	doc.WalkBlocks(d.Blocks, func(n doc.Node, entering bool) doc.WalkStatus {
		switch n := n.(type) {
		case *doc.Heading:
			ws = append(ws, words(doc.PlainText(n.Inlines))...)
			return doc.WalkSkipChildren
		case *doc.Paragraph:
			ws = append(ws, words(doc.PlainText(n.Inlines))...)
			return doc.WalkSkipChildren
		case *doc.CodeBlock:
			if entering {
				ws = append(ws, words(n.Text)...)
			}
		case *doc.List:
			if !entering {
				lists = lists[:len(lists)-1]
			} else if n.Ordered {
				lists = append(lists, n.Start)
			} else {
				lists = append(lists, -1)
			}
		case *doc.ListItem:
			if top := len(lists) - 1; entering && lists[top] >= 0 {
				ws = append(ws, strconv.Itoa(lists[top]))
				lists[top]++
			}
		}
		return doc.WalkContinue
	})
	return ws
}

// TestRoundTrip has pandoc, an independent reader, extract the text of the
// EPUB and checks that the chapters' words are the model's, in order, and
// that the glossary follows them.
func TestRoundTrip(t *testing.T) {
	pandoc := testtool.Require(t, "pandoc", "apt-get install pandoc")
	books := []struct {
		name string
		book func(t *testing.T) *doc.Book
	}{{"hand", func(*testing.T) *doc.Book { return handBook() }}}
	for _, f := range seedFolders {
		books = append(books, struct {
			name string
			book func(t *testing.T) *doc.Book
		}{f.name, func(t *testing.T) *doc.Book { return buildBook(t, f.dir) }})
	}
	for _, tc := range books {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.book(t)
			path := filepath.Join(t.TempDir(), "book.epub")
			if err := os.WriteFile(path, write(t, b, Options{}), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(pandoc, "-f", "epub", "-t", "plain", "--wrap=none", path).Output()
			if err != nil {
				t.Fatalf("pandoc: %v", err)
			}
			got := words(string(out))
			var want []string
			for _, d := range b.Documents {
				want = append(want, chapterWords(d)...)
			}
			if len(b.Glossary) > 0 {
				want = append(want, words(labelsFor(b.Meta.Lang).Glossary)...)
				// The glossary chapter is in Turkish alphabetical order.
				for _, term := range turkish.Sorted(b.Glossary, func(t doc.Term) string { return t.Acronym }) {
					want = append(want, words(term.Acronym+" "+term.Expansion+" "+term.ExpansionEN)...)
				}
			}
			// The chapters and glossary are the end of the book: pandoc's
			// text before them is the cover, title page and navigation.
			if len(got) < len(want) {
				t.Fatalf("pandoc gives %d words, the model %d:\n%s", len(got), len(want), out)
			}
			tail := got[len(got)-len(want):]
			for i := range want {
				if tail[i] != want[i] {
					lo, hi := max(i-8, 0), min(i+8, len(want))
					t.Fatalf("word %d of the chapters: pandoc has %q, the model %q\npandoc: %s\nmodel:  %s",
						i, tail[i], want[i], strings.Join(tail[lo:hi], " "), strings.Join(want[lo:hi], " "))
				}
			}
			t.Logf("%d words match", len(want))
		})
	}
}
