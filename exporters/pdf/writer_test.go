package pdf

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// TestWriterAgrees checks that a Writer given the documents one at a time
// writes the same bytes as Write, and the same Info, and that Info is
// known only after End.
func TestWriterAgrees(t *testing.T) {
	b := handBook()
	var want bytes.Buffer
	info, err := Write(&want, b, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	w := NewWriter(&got, testOpts)
	if err := w.Begin(b.Meta, len(b.Documents)); err != nil {
		t.Fatal(err)
	}
	for _, d := range b.Documents {
		if err := w.Document(d); err != nil {
			t.Fatal(err)
		}
	}
	if w.Info() != (Info{}) || got.Len() != 0 {
		t.Errorf("before End: Info %+v, %d bytes written", w.Info(), got.Len())
	}
	if err := w.End(b.Glossary); err != nil {
		t.Fatal(err)
	}
	if w.Info() != info || !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("Writer: %+v, %d bytes; Write: %+v, %d bytes", w.Info(), got.Len(), info, want.Len())
	}
	if err := w.End(nil); err == nil {
		t.Error("End after End: no error")
	}
	if err := w.Document(b.Documents[0]); err == nil {
		t.Error("Document after End: no error")
	}
}

// TestWriterRefuses checks that a Writer refuses, at End and without
// writing, a book with characters the fonts lack (with the errors Check
// gives, glossary terms at their defining leaf) or an unknown paper size,
// and that it leaves no spool behind; and that it reports its writer's
// error.
func TestWriterRefuses(t *testing.T) {
	defer func(n int) { spoolMemory = n }(spoolMemory)
	spoolMemory = 0 // a temporary file from the first page
	glyph := handBook()
	glyph.Documents[1].Blocks = append(glyph.Documents[1].Blocks, para(7, text("Gülen yüz 😀")))
	glyph.Glossary = append(glyph.Glossary, doc.Term{Acronym: "YZ", Expansion: "Yüz ✨", Defined: doc.Ref{Doc: 1, Leaf: 2}})
	paper := handBook()
	paper.Meta.PaperSize = "b5"
	for _, tt := range []struct {
		name string
		book *doc.Book
		want []string
	}{
		{"glyph", glyph, []string{"pdf: el.md:7:11: error: U+1F600 GRINNING FACE is not in the embedded fonts", "iki.txt:5:1: error: U+2728 SPARKLES"}},
		{"paper", paper, []string{`unknown paper size "b5"`}},
	} {
		tmp := t.TempDir()
		t.Setenv("TMPDIR", tmp)
		var buf bytes.Buffer
		w := NewWriter(&buf, testOpts)
		err := w.Begin(tt.book.Meta, len(tt.book.Documents))
		for _, d := range tt.book.Documents {
			if err == nil {
				err = w.Document(d)
			}
		}
		if err != nil {
			t.Fatalf("%s: %v before End", tt.name, err)
		}
		err = w.End(tt.book.Glossary)
		for _, want := range tt.want {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: End = %v, want %q", tt.name, err, want)
			}
		}
		if buf.Len() != 0 || w.Info() != (Info{}) {
			t.Errorf("%s: %d bytes written, Info %+v", tt.name, buf.Len(), w.Info())
		}
		if left, _ := filepath.Glob(filepath.Join(tmp, "*")); len(left) != 0 {
			t.Errorf("%s: left %v", tt.name, left)
		}
	}

	b := handBook()
	err := NewWriter(failingWriter{}, testOpts).write(b)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("a failing writer: End = %v, want its error", err)
	}
}

// write gives b to w, as Write does.
func (w *Writer) write(b *doc.Book) error {
	if err := w.Begin(b.Meta, len(b.Documents)); err != nil {
		return err
	}
	for _, d := range b.Documents {
		if err := w.Document(d); err != nil {
			return err
		}
	}
	return w.End(b.Glossary)
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
