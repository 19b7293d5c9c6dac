package exporters

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline"
	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// fakeStreamWriter writes one file per document as it comes; it fails at
// End with endErr.
type fakeStreamWriter struct {
	dir    string
	docs   int
	endErr error
}

func (w *fakeStreamWriter) Begin(m doc.Meta, n int) error { return nil }

func (w *fakeStreamWriter) Document(d *doc.Document) error {
	w.docs++
	return os.WriteFile(filepath.Join(w.dir, fmt.Sprintf("%d.txt", d.Index)), []byte(d.Title), 0o644)
}

func (w *fakeStreamWriter) End(g []doc.Term) error { return w.endErr }
func (w *fakeStreamWriter) Stats() Stats           { return Stats{Records: map[string]int{"docs": w.docs}} }
func (w *fakeStreamWriter) Close() error           { return nil }

func fakeStream(name string, endErr error) Format {
	return Format{Name: name, New: func(dest Dest, opts Options) (Writer, error) {
		return &fakeStreamWriter{dir: dest.Dir, endErr: endErr}, nil
	}}
}

// fakeChecker reports a diagnostic of severity sev for every document
// whose title holds bad, and counts the documents it sees.
type fakeChecker struct {
	bad   string
	sev   diag.Severity
	docs  int
	diags diag.List
}

func (c *fakeChecker) Begin(doc.Meta, int) error { return nil }
func (c *fakeChecker) Document(d *doc.Document) error {
	c.docs++
	if strings.Contains(d.Title, c.bad) {
		c.diags.Add(doc.Pos{File: d.Source, Line: 1, Col: 1}, c.sev, "cannot print "+c.bad)
	}
	return nil
}
func (c *fakeChecker) End([]doc.Term) error   { return nil }
func (c *fakeChecker) Diagnostics() diag.List { return c.diags }

// checked returns f with a check that flags bad in titles.
func checked(f Format, c *fakeChecker) Format {
	f.Check = func() Checker { return c }
	return f
}

// bookSource streams b and fails before document failAt (-1: never).
func bookSource(b *doc.Book, failAt int) Source {
	return func(sink doc.Sink) (diag.List, error) {
		if err := sink.Begin(b.Meta, len(b.Documents)); err != nil {
			return nil, err
		}
		for i, d := range b.Documents {
			if i == failAt {
				return nil, errors.New("seeds have errors")
			}
			if err := sink.Document(d); err != nil {
				return nil, err
			}
		}
		return nil, sink.End(b.Glossary)
	}
}

// TestPublishStream checks that every format published from the pipeline's
// stream is byte-for-byte what it publishes from the whole book in memory,
// SHA256SUMS and RELEASE.json included, for the dataset alone and for
// every format at once.
func TestPublishStream(t *testing.T) {
	for _, seeds := range []string{"../testdata/corpus", "../seeds"} {
		b, diags := pipeline.Build(seeds, pipeline.Options{})
		if b == nil {
			t.Fatal(diags)
		}
		for _, formats := range [][]Format{{mustLookup(t, "dataset")}, Formats()} {
			whole, streamed := t.TempDir(), t.TempDir()
			if _, err := publish(whole, b, formats, testOpts); err != nil {
				t.Fatal(err)
			}
			src := func(sink doc.Sink) (diag.List, error) {
				return pipeline.Stream(seeds, pipeline.Options{Workers: 3}, sink)
			}
			res, diags, err := Publish(streamed, src, formats, testOpts)
			if err != nil {
				t.Fatal(err, diags)
			}
			sameSnapshot(t, snapshot(t, streamed), snapshot(t, whole))
			if len(res.Outputs) != len(formats) || res.Outputs[0].Records["sentences"] == 0 {
				t.Errorf("%s: result %+v", seeds, res)
			}
		}
	}
}

// TestPublishStreamFailure fails a streamed publication in each way and
// proves that the previous output folder is unchanged and that a new
// folder is not left behind.
func TestPublishStreamFailure(t *testing.T) {
	book := &doc.Book{Meta: doc.Meta{Title: "Deneme"}}
	for i := range 3 {
		book.Documents = append(book.Documents, &doc.Document{Index: i, Source: fmt.Sprintf("%d.txt", i), Title: fmt.Sprintf("Belge %d", i)})
	}
	book.Documents[1].Title = "Belge 😀"
	tests := []struct {
		name    string
		src     Source
		formats []Format
		strict  bool
		want    string
	}{
		{"source fails", bookSource(book, 2), []Format{fakeStream("rows", nil)}, false, "seeds have errors"},
		{"writer fails at End", bookSource(book, -1), []Format{fakeStream("rows", errors.New("disk full"))}, false, "rows: disk full"},
		{"second writer fails", bookSource(book, -1), []Format{fakeStream("rows", nil), fakeStream("more", errors.New("invalid"))}, false, "more: invalid"},
		{"check finds an error", bookSource(book, -1), []Format{checked(fakeStream("rows", nil), &fakeChecker{bad: "😀", sev: diag.Error})}, false, ErrDiagnosed.Error()},
		{"check warns, strict", bookSource(book, -1), []Format{checked(fakeStream("rows", nil), &fakeChecker{bad: "😀", sev: diag.Warning})}, true, ErrDiagnosed.Error()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			if _, _, err := Publish(out, bookSource(book, -1), []Format{fakeStream("rows", nil)}, testOpts); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, out)
			if before["rows/2.txt"] != "Belge 2" {
				t.Fatalf("first publication: %v", before)
			}
			opts := testOpts
			opts.Strict = tt.strict
			_, _, err := Publish(out, tt.src, tt.formats, opts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			sameSnapshot(t, snapshot(t, out), before)
			fresh := filepath.Join(t.TempDir(), "dist")
			if _, _, err := Publish(fresh, tt.src, tt.formats, opts); err == nil {
				t.Fatal("no error")
			}
			if _, err := os.Stat(fresh); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a failed publication left %s: %v", fresh, err)
			}
		})
	}
}

// TestPublishDiagnostics checks that the checks' diagnostics join the
// source's in one sorted list, that a warning publishes, and that the
// checks see every document even after a Writer failed, so that the run
// reports every problem of the book at once.
func TestPublishDiagnostics(t *testing.T) {
	book := &doc.Book{Meta: doc.Meta{Title: "Deneme"}}
	for i, title := range []string{"Bir 😀", "İki", "Üç 😀"} {
		book.Documents = append(book.Documents, &doc.Document{Index: i, Source: fmt.Sprintf("%d.txt", i), Title: title})
	}
	src := func(sink doc.Sink) (diag.List, error) {
		var l diag.List
		l.Warnf(doc.Pos{File: "1.txt", Line: 2, Col: 1}, "from the source")
		_, err := BookSource(book)(sink)
		return l, err
	}
	warn := &fakeChecker{bad: "😀", sev: diag.Warning}
	res, diags, err := Publish(t.TempDir(), src, []Format{checked(fakeStream("rows", nil), warn)}, testOpts)
	if err != nil || len(res.Outputs) != 1 {
		t.Fatalf("Publish with warnings: %v, %+v", err, res)
	}
	if got := fmt.Sprint(diags); got != "[0.txt:1:1: warning: cannot print 😀 1.txt:2:1: warning: from the source 2.txt:1:1: warning: cannot print 😀]" {
		t.Errorf("diagnostics %s", got)
	}

	bad := &fakeChecker{bad: "😀", sev: diag.Error}
	failing := checked(fakeStream("rows", errors.New("disk full")), bad)
	_, diags, err = Publish(t.TempDir(), BookSource(book), []Format{failing}, testOpts)
	if !errors.Is(err, ErrDiagnosed) || len(diags) != 2 || bad.docs != 3 {
		t.Errorf("Publish = %v, %v; the check saw %d documents, want 3", err, diags, bad.docs)
	}
}

// TestCheck checks that Check runs the formats' checks over the stream and
// writes nothing.
func TestCheck(t *testing.T) {
	book := &doc.Book{Meta: doc.Meta{Title: "Deneme"}, Documents: []*doc.Document{{Source: "a.txt", Title: "😀"}}}
	c := &fakeChecker{bad: "😀", sev: diag.Warning}
	wrote := false
	f := checked(Format{Name: "rows", New: func(Dest, Options) (Writer, error) { wrote = true; return nil, nil }}, c)
	for _, strict := range []bool{false, true} {
		*c = fakeChecker{bad: "😀", sev: diag.Warning}
		diags, err := Check(BookSource(book), []Format{f}, Options{Strict: strict})
		if err != nil || len(diags) != 1 || diags.HasErrors() != strict {
			t.Errorf("strict=%v: Check = %v, %v", strict, diags, err)
		}
	}
	if wrote {
		t.Error("Check made a Writer")
	}
}

// TestWholeBook checks the adapter of a writer that needs the whole book:
// it gets every document and the glossary at End, once.
func TestWholeBook(t *testing.T) {
	book := &doc.Book{Meta: doc.Meta{Title: "Deneme"}, Glossary: []doc.Term{{Acronym: "TDK"}}}
	for i := range 4 {
		book.Documents = append(book.Documents, &doc.Document{Index: i})
	}
	calls := 0
	w := WholeBook(func(b *doc.Book) (Stats, error) {
		calls++
		if b.Meta.Title != "Deneme" || len(b.Documents) != 4 || len(b.Glossary) != 1 {
			t.Errorf("book %+v", b)
		}
		return Stats{Pages: 7}, nil
	})
	if _, err := BookSource(book)(w); err != nil {
		t.Fatal(err)
	}
	if calls != 1 || w.Stats().Pages != 7 || w.Close() != nil {
		t.Errorf("%d calls, stats %+v", calls, w.Stats())
	}
}

func mustLookup(t *testing.T, name string) Format {
	t.Helper()
	f, ok := Lookup(name)
	if !ok {
		t.Fatalf("no format %q", name)
	}
	return f
}
