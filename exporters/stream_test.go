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

// fakeStreamWriter writes one file per document; it fails at End with
// endErr.
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
	return Format{Name: name, Stream: func(dir string, opts Options) (StreamWriter, error) {
		return &fakeStreamWriter{dir: dir, endErr: endErr}, nil
	}}
}

// bookSource streams b.
func bookSource(b *doc.Book, failAt int) Source {
	return func(sink doc.Sink) error {
		if err := sink.Begin(b.Meta, len(b.Documents)); err != nil {
			return err
		}
		for i, d := range b.Documents {
			if i == failAt {
				return errors.New("seeds have errors")
			}
			if err := sink.Document(d); err != nil {
				return err
			}
		}
		return sink.End(b.Glossary)
	}
}

// TestPublishStream checks that the dataset published from a stream of the
// pipeline is byte-for-byte the dataset published from the whole book,
// SHA256SUMS and RELEASE.json included.
func TestPublishStream(t *testing.T) {
	for _, seeds := range []string{"../testdata/corpus", "../seeds"} {
		b, diags := pipeline.Build(seeds, pipeline.Options{})
		if b == nil {
			t.Fatal(diags)
		}
		ds, _ := Lookup("dataset")
		whole, streamed := t.TempDir(), t.TempDir()
		if _, err := Publish(whole, b, []Format{ds}, testOpts); err != nil {
			t.Fatal(err)
		}
		src := func(sink doc.Sink) error {
			_, err := pipeline.Stream(seeds, pipeline.Options{Workers: 3}, sink)
			return err
		}
		res, err := PublishStream(streamed, src, []Format{ds}, testOpts)
		if err != nil {
			t.Fatal(err)
		}
		sameSnapshot(t, snapshot(t, streamed), snapshot(t, whole))
		if len(res.Outputs) != 1 || res.Outputs[0].Records["sentences"] == 0 {
			t.Errorf("%s: result %+v", seeds, res)
		}
	}
}

// TestPublishStreamFailure fails a streamed publication in each way and
// proves that the previous output folder is unchanged and that a new
// folder is not left behind.
func TestPublishStreamFailure(t *testing.T) {
	book := &doc.Book{Meta: doc.Meta{Title: "Deneme"}}
	for i := range 3 {
		book.Documents = append(book.Documents, &doc.Document{Index: i, Title: fmt.Sprintf("Belge %d", i)})
	}
	checked := fakeStream("rows", nil)
	checked.Check = func(*doc.Book) diag.List { return nil }
	tests := []struct {
		name    string
		src     Source
		formats []Format
		want    string
	}{
		{"source fails", bookSource(book, 2), []Format{fakeStream("rows", nil)}, "seeds have errors"},
		{"writer fails at End", bookSource(book, -1), []Format{fakeStream("rows", errors.New("disk full"))}, "rows: disk full"},
		{"second writer fails", bookSource(book, -1), []Format{fakeStream("rows", nil), fakeStream("more", errors.New("invalid"))}, "more: invalid"},
		{"format cannot stream", bookSource(book, -1), []Format{fakeDir("dataset", map[string]string{"a": "b"})}, "cannot be written from a stream"},
		{"format checks the whole book", bookSource(book, -1), []Format{checked}, "rows has a check of the whole book"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			if _, err := PublishStream(out, bookSource(book, -1), []Format{fakeStream("rows", nil)}, testOpts); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, out)
			if before["rows/2.txt"] != "Belge 2" {
				t.Fatalf("first publication: %v", before)
			}
			_, err := PublishStream(out, tt.src, tt.formats, testOpts)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one containing %q", err, tt.want)
			}
			sameSnapshot(t, snapshot(t, out), before)
			fresh := filepath.Join(t.TempDir(), "dist")
			if _, err := PublishStream(fresh, tt.src, tt.formats, testOpts); err == nil {
				t.Fatal("no error")
			}
			if _, err := os.Stat(fresh); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a failed publication left %s: %v", fresh, err)
			}
		})
	}
}

func TestStreams(t *testing.T) {
	checked := fakeStream("rows", nil)
	checked.Check = func(*doc.Book) diag.List { return nil }
	for _, tt := range []struct {
		name    string
		formats []Format
		want    bool
	}{
		{"none", nil, false},
		{"one streams", []Format{fakeStream("rows", nil)}, true},
		{"two stream", []Format{fakeStream("rows", nil), fakeStream("more", nil)}, true},
		{"one does not", []Format{fakeStream("rows", nil), fakeDir("dataset", nil)}, false},
		{"one checks the book", []Format{checked}, false},
		{"the dataset", []Format{mustLookup(t, "dataset")}, true},
		{"the dataset and the EPUB", []Format{mustLookup(t, "dataset"), mustLookup(t, "epub")}, false},
	} {
		if got := Streams(tt.formats); got != tt.want {
			t.Errorf("%s: Streams = %v, want %v", tt.name, got, tt.want)
		}
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
