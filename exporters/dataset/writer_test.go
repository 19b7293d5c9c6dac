package dataset

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"
	"weak"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// longBook returns the fixture book with n documents: after the fixture's
// two, fresh copies of them, so that a test can corrupt one alone. The
// glossary counts the copies' mentions too.
func longBook(n int) *doc.Book {
	b := fixtureBook()
	for i := 2; i < n; i++ {
		d := fixtureBook().Documents[i%2]
		d.Index = i
		b.Documents = append(b.Documents, d)
		// The copy's mentions join the glossary: each abbreviation of
		// the fixture stands in a sentence of its own.
		for k := range b.Glossary {
			t := &b.Glossary[k]
			for _, u := range fixtureBook().Glossary[k].Uses {
				if u.Doc == i%2 {
					u.Doc = i
					t.Uses = append(t.Uses, u)
					t.Occurrences++
				}
			}
		}
	}
	return b
}

// streamBook gives b to a new Writer for dir, call by call, and stops at
// the first error. It returns the Writer, still open, the error and the
// call that returned it: -1 for Begin, the document's index for Document,
// len(b.Documents) for End.
func streamBook(t *testing.T, dir string, b *doc.Book, opts Options) (*Writer, int, error) {
	t.Helper()
	w, err := NewWriter(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Begin(b.Meta, len(b.Documents)); err != nil {
		return w, -1, err
	}
	for i, d := range b.Documents {
		if err := w.Document(d); err != nil {
			return w, i, err
		}
	}
	return w, len(b.Documents), w.End(b.Glossary)
}

// sameFiles fails unless folders a and b hold the same files, byte for
// byte.
func sameFiles(t *testing.T, a, b string) {
	t.Helper()
	fa, fb := listFiles(t, a), listFiles(t, b)
	if strings.Join(fa, "\n") != strings.Join(fb, "\n") {
		t.Fatalf("files\n%s\ndiffer from\n%s", strings.Join(fa, "\n"), strings.Join(fb, "\n"))
	}
	for _, f := range fa {
		x, err := os.ReadFile(filepath.Join(a, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs", f)
		}
	}
}

// checkIncomplete fails unless dir is as Write leaves it after a failure:
// without the descriptors, which are written only after every check has
// passed, datapackage.json last.
func checkIncomplete(t *testing.T, dir string) {
	t.Helper()
	for _, name := range []string{"datapackage.json", "README.md", "schema"} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s exists after a failure (%v)", name, err)
		}
	}
}

// checkGoroutines fails unless the number of goroutines comes back to base
// (a goroutine that has signalled its end may take a moment to exit).
func checkGoroutines(t *testing.T, base int) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for runtime.NumGoroutine() > base {
		if time.Now().After(deadline) {
			t.Errorf("%d goroutines left, want %d", runtime.NumGoroutine(), base)
			return
		}
		time.Sleep(time.Millisecond)
	}
}

// TestWriterMatchesWrite streams books through a Writer and checks that
// the folder holds, byte for byte, what Write writes for the same book.
func TestWriterMatchesWrite(t *testing.T) {
	tests := []struct {
		name string
		book func() *doc.Book
		opts Options
	}{
		{"fixture", fixtureBook, Options{}},
		{"fixture, shards of 600 bytes, 1 worker", fixtureBook, Options{ShardBytes: 600, Workers: 1}},
		{"40 documents, 2 workers", func() *doc.Book { return longBook(40) }, Options{Workers: 2}},
		{"40 documents, shards of 5000 bytes, 8 workers", func() *doc.Book { return longBook(40) }, Options{ShardBytes: 5000, Workers: 8}},
		{"no documents", func() *doc.Book { return &doc.Book{Meta: fixtureBook().Meta} }, Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := runtime.NumGoroutine()
			want := t.TempDir()
			wantInfo, err := Write(want, tt.book(), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := t.TempDir()
			w, call, err := streamBook(t, got, tt.book(), tt.opts)
			defer w.Close()
			if err != nil {
				t.Fatalf("call %d: %v", call, err)
			}
			checkGoroutines(t, base)
			if info := w.Info(); !reflect.DeepEqual(info, wantInfo) {
				t.Errorf("Info() = %+v, Write gives %+v", info, wantInfo)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			sameFiles(t, got, want)
		})
	}
}

// TestWriterRejects streams corrupt books and checks that the Document call
// given the faulty document, or a later call, fails with the error Write
// gives, that every later call returns it, that no goroutine is left, and
// that after Close dir holds what Write leaves: nothing.
func TestWriterRejects(t *testing.T) {
	para := func(b *doc.Book, d, i int) *doc.Paragraph { return b.Documents[d].Blocks[i].(*doc.Paragraph) }
	emptySentence := func(p *doc.Paragraph) { s := &p.Sentences[0]; s.End = s.Start }
	tests := []struct {
		name    string
		book    *doc.Book
		corrupt func(b *doc.Book)
		opts    Options
		doc     int // the document at fault
		want    string
	}{
		{"empty sentence", fixtureBook(), func(b *doc.Book) { emptySentence(para(b, 0, 1)) }, Options{}, 0,
			"dataset: sentences doc-0001-p0002-s0001: char_end 0 <= char_start 0: empty sentence"},
		{"empty sentence in document 26 of 40", longBook(40), func(b *doc.Book) { emptySentence(para(b, 25, 1)) }, Options{Workers: 2}, 25,
			"dataset: sentences doc-0026-p0003-s0001: char_end 0 <= char_start 0: empty sentence"},
		{"bad sha256 in the last document", longBook(40), func(b *doc.Book) { b.Documents[39].SHA256 = "XYZ" }, Options{Workers: 3}, 39,
			`dataset: documents doc-0040: schema: at /sha256: 'XYZ' does not match pattern '^[0-9a-f]{64}$'`},
		{"the first of two faults wins", longBook(40), func(b *doc.Book) {
			b.Documents[30].SHA256 = "XYZ"
			emptySentence(para(b, 10, 1))
		}, Options{Workers: 8}, 10, "dataset: sentences doc-0011-p0002-s0001: char_end 0 <= char_start 0: empty sentence"},
		{"nil block", fixtureBook(), func(b *doc.Book) { b.Documents[1].Blocks = append(b.Documents[1].Blocks, nil) }, Options{}, 1,
			"dataset: documents doc-0002: malformed model: doc: Walk: unknown node type <nil>"},
		{"document out of order", longBook(20), func(b *doc.Book) { b.Documents[12].Index = 5 }, Options{Workers: 2}, 12,
			"dataset: documents doc-0013: index 5, want 12 (the document's position in reading order)"},
		{"term defined in a missing sentence", fixtureBook(), func(b *doc.Book) { b.Glossary[0].Defined.Sentence = 9 }, Options{}, 2,
			"dataset: terms term-0001: first_sentence_id: the definition's sentence (document/leaf/sentence 0/1/9) does not mention ICANN"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.corrupt(tt.book)
			_, werr := Write(t.TempDir(), tt.book, tt.opts)
			if werr == nil || werr.Error() != tt.want {
				t.Fatalf("Write: %v, want %s", werr, tt.want)
			}
			base := runtime.NumGoroutine()
			dir := t.TempDir()
			w, call, err := streamBook(t, dir, tt.book, tt.opts)
			defer w.Close()
			if err == nil {
				t.Fatalf("the Writer took the book, want %s", tt.want)
			}
			if call < tt.doc {
				t.Errorf("call %d failed, before the document at fault, %d", call, tt.doc)
			}
			var got, want *Error
			if !errors.As(err, &got) || !errors.As(werr, &want) || !reflect.DeepEqual(got, want) {
				t.Errorf("error %#v, Write gives %#v", err, werr)
			}
			checkGoroutines(t, base)
			if err2 := w.End(tt.book.Glossary); err2 != err {
				t.Errorf("End after the error: %v, want the same error", err2)
			}
			if err2 := w.Document(tt.book.Documents[0]); err2 != err {
				t.Errorf("Document after the error: %v, want the same error", err2)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			checkIncomplete(t, dir)
		})
	}
}

// TestWriterCalls checks the calls out of sequence: each fails with a clear
// error, which every later call returns, and Close leaves nothing.
func TestWriterCalls(t *testing.T) {
	type step func(w *Writer, b *doc.Book) error
	begin := func(n int) step { return func(w *Writer, b *doc.Book) error { return w.Begin(b.Meta, n) } }
	document := func(i int) step { return func(w *Writer, b *doc.Book) error { return w.Document(b.Documents[i]) } }
	end := func(w *Writer, b *doc.Book) error { return w.End(b.Glossary) }
	tests := []struct {
		name  string
		steps []step // all but the last succeed
		want  string
	}{
		{"fewer documents than announced", []step{begin(2), document(0), end},
			"dataset: End after 1 of the 2 documents Begin announced"},
		{"no document of those announced", []step{begin(2), end},
			"dataset: End after 0 of the 2 documents Begin announced"},
		{"more documents than announced", []step{begin(1), document(0), document(1)},
			"dataset: document 2 given, but Begin announced only 1"},
		{"wrong index", []step{begin(2), document(1)},
			"dataset: documents doc-0001: index 1, want 0 (the document's position in reading order)"},
		{"same document twice", []step{begin(2), document(0), document(0)},
			"dataset: documents doc-0002: index 0, want 1 (the document's position in reading order)"},
		{"nil document", []step{begin(2), func(w *Writer, _ *doc.Book) error { return w.Document(nil) }},
			"dataset: documents doc-0001: no document"},
		{"negative count", []step{begin(-1)}, "dataset: Begin: -1 documents, want 0 or more"},
		{"Document before Begin", []step{document(0)}, "dataset: Document before Begin"},
		{"End before Begin", []step{end}, "dataset: End before Begin"},
		{"Begin twice", []step{begin(2), begin(2)}, "dataset: Begin after Begin"},
		{"End twice", []step{begin(2), document(0), document(1), end, end}, "dataset: End after End"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := runtime.NumGoroutine()
			dir := t.TempDir()
			w, err := NewWriter(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			b := fixtureBook()
			for i, s := range tt.steps {
				err = s(w, b)
				if i < len(tt.steps)-1 && err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
			}
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error %v, want %s", err, tt.want)
			}
			checkGoroutines(t, base)
			if err2 := w.End(b.Glossary); err2 != err {
				t.Errorf("End after the error: %v, want the same error", err2)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if err2 := w.Begin(b.Meta, 2); err2 != err {
				t.Errorf("Begin after Close: %v, want the same error", err2)
			}
			if tt.name != "End twice" {
				checkIncomplete(t, dir)
			}
		})
	}
	t.Run("after Close", func(t *testing.T) {
		w, err := NewWriter(t.TempDir(), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Errorf("second Close: %v", err)
		}
		if err := w.Begin(doc.Meta{}, 0); err == nil || err.Error() != "dataset: Begin after Close" {
			t.Errorf("Begin after Close: %v", err)
		}
	})
}

// TestWriterTermIndex checks the abbreviations' term indexes, which a
// stream can check only at End, against the glossary End gets: the first
// document (in reading order) that indexes past it is named.
func TestWriterTermIndex(t *testing.T) {
	// abbr replaces the abbreviation that starts the last paragraph of
	// document d, which must be odd (a copy of the fixture's second), by
	// one of the same length.
	abbr := func(b *doc.Book, d, term int, text string) {
		b.Documents[d].Blocks[1].(*doc.Paragraph).Inlines[0] = &doc.Abbr{Text: text, Term: term}
	}
	// Two more terms, defined and used where the fixture's are.
	more := func(b *doc.Book) {
		for _, a := range []string{"ABC", "XYZ"} {
			tm := b.Glossary[1]
			tm.Acronym = a
			b.Glossary = append(b.Glossary, tm)
		}
	}
	tests := []struct {
		name     string
		book     *doc.Book
		corrupt  func(b *doc.Book)
		glossary int  // terms given to End; all when 0
		write    bool // Write gives the same error
		want     string
	}{
		{"abbreviation past the glossary", fixtureBook(), func(b *doc.Book) { abbr(b, 1, 7, "ICANN") }, 0, true,
			`dataset: book doc-0002: abbreviation "ICANN": term 7 does not exist (2 terms)`},
		{"glossary shorter than the documents use", fixtureBook(), func(*doc.Book) {}, 1, false,
			`dataset: book doc-0002: abbreviation "IETF": term 1 does not exist (1 terms)`},
		{"the first document past the glossary is named", longBook(10), func(b *doc.Book) {
			more(b)
			abbr(b, 3, 3, "XYZAB")  // in the glossary
			abbr(b, 5, 6, "DEFGH")  // the first past it
			abbr(b, 7, 11, "JKLMN") // past it too, and further
		}, 0, true, `dataset: book doc-0006: abbreviation "DEFGH": term 6 does not exist (4 terms)`},
		{"negative index", fixtureBook(), func(b *doc.Book) { abbr(b, 1, -1, "ICANN") }, 0, true,
			`dataset: book doc-0002: abbreviation "ICANN": term -1 does not exist (negative index)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.corrupt(tt.book)
			if tt.glossary > 0 {
				tt.book.Glossary = tt.book.Glossary[:tt.glossary]
			}
			if tt.write {
				if _, err := Write(t.TempDir(), tt.book, Options{}); err == nil || err.Error() != tt.want {
					t.Errorf("Write: %v, want %s", err, tt.want)
				}
			}
			dir := t.TempDir()
			w, _, err := streamBook(t, dir, tt.book, Options{Workers: 2})
			defer w.Close()
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error %v, want %s", err, tt.want)
			}
			var de *Error
			if !errors.As(err, &de) || de.Table != "book" {
				t.Errorf("error %#v, want a *Error of table book", err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			checkIncomplete(t, dir)
		})
	}
}

// TestWriterWindow streams documents made one at a time and checks that at
// most 2×Workers are in flight and that the Writer keeps none once written,
// then that the result is Write's for the same book.
func TestWriterWindow(t *testing.T) {
	const n, workers = 200, 2
	f := fixtureBook()
	dir := t.TempDir()
	w, err := NewWriter(dir, Options{Workers: workers})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.Begin(f.Meta, n); err != nil {
		t.Fatal(err)
	}
	given := make([]weak.Pointer[doc.Document], n)
	for i := range n {
		d := new(doc.Document)
		*d = *f.Documents[i%2]
		d.Index = i
		given[i] = weak.Make(d)
		if err := w.Document(d); err != nil {
			t.Fatal(err)
		}
		if w.win.Len() > 2*workers {
			t.Fatalf("after document %d: %d in flight, want at most %d", i, w.win.Len(), 2*workers)
		}
	}
	runtime.GC()
	kept := 0
	for _, p := range given[:n-2*workers-1] {
		if p.Value() != nil {
			kept++
		}
	}
	if kept > 0 {
		t.Errorf("%d written documents still reachable after GC, want 0", kept)
	}
	if err := w.End(longBook(n).Glossary); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	want := t.TempDir()
	b, _ := benchBook(n)
	if _, err := Write(want, b, Options{}); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, dir, want)
}
