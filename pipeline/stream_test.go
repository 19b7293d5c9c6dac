package pipeline

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// recorder is a doc.Sink that records the calls it gets and fails on
// document failAt (when >= 0).
type recorder struct {
	calls  []string
	book   doc.Book
	failAt int
}

var errSink = errors.New("sink failed")

func (r *recorder) Begin(m doc.Meta, n int) error {
	r.calls = append(r.calls, fmt.Sprintf("begin %q %d", m.Title, n))
	r.book.Meta = m
	return nil
}

func (r *recorder) Document(d *doc.Document) error {
	r.calls = append(r.calls, fmt.Sprintf("document %d %s", d.Index, d.ID))
	if d.Index == r.failAt {
		return errSink
	}
	r.book.Documents = append(r.book.Documents, d)
	return nil
}

func (r *recorder) End(g []doc.Term) error {
	r.calls = append(r.calls, fmt.Sprintf("end %d terms", len(g)))
	r.book.Glossary = g
	return nil
}

// TestStream checks that Stream gives a sink the book Build returns, one
// document at a time in reading order, between one Begin and one End.
func TestStream(t *testing.T) {
	dir := t.TempDir()
	writeSeeds(t, dir, 30)
	for _, d := range []string{dir, "../testdata/corpus", "../seeds"} {
		want, wantDiags := Build(d, Options{})
		if want == nil {
			t.Fatalf("%s: no book: %v", d, wantDiags)
		}
		for _, workers := range []int{1, 3} {
			r := &recorder{failAt: -1}
			diags, err := Stream(d, Options{Workers: workers}, r)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(dump(t, &r.book, diags), dump(t, want, wantDiags)) {
				t.Errorf("%s, %d workers: the streamed book differs from Build's", d, workers)
			}
			wantCalls := []string{fmt.Sprintf("begin %q %d", want.Meta.Title, len(want.Documents))}
			for _, wd := range want.Documents {
				wantCalls = append(wantCalls, fmt.Sprintf("document %d %s", wd.Index, wd.ID))
			}
			wantCalls = append(wantCalls, fmt.Sprintf("end %d terms", len(want.Glossary)))
			if !slices.Equal(r.calls, wantCalls) {
				t.Errorf("%s: calls\n%q\nwant\n%q", d, r.calls, wantCalls)
			}
		}
	}
}

// TestStreamStops checks that a seed with an error stops the documents
// (no End) while every seed's diagnostics are still reported, that an error
// in the first seed means no call at all, and that a sink's error is
// returned and ends the calls.
func TestStreamStops(t *testing.T) {
	dir := t.TempDir()
	write := func(t *testing.T, bad int) string {
		dir := filepath.Join(dir, t.Name()[len("TestStreamStops/"):])
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			text := fmt.Sprintf("Belge %d. Türk Dil Kurumu (TDK) burada.\n", i)
			if i == bad {
				text = "\n\t\n"
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%d.txt", i)), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "book.yaml"), []byte("title: Belgeler\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		// A second problem after the first: it must be reported too.
		if err := os.WriteFile(filepath.Join(dir, "9.txt"), []byte(" \n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	tests := []struct {
		name   string
		bad    int
		failAt int
		calls  []string
		err    error
	}{
		{"bad_third_seed", 2, -1, []string{`begin "Belgeler" 6`, "document 0 0", "document 1 1"}, nil},
		{"bad_first_seed", 0, -1, nil, nil},
		{"sink_fails", -1, 1, []string{`begin "Belgeler" 6`, "document 0 0", "document 1 1"}, errSink},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := write(t, tt.bad)
			r := &recorder{failAt: tt.failAt}
			diags, err := Stream(dir, Options{Workers: 2}, r)
			if !errors.Is(err, tt.err) {
				t.Errorf("error %v, want %v", err, tt.err)
			}
			if !slices.Equal(r.calls, tt.calls) {
				t.Errorf("calls\n%q\nwant\n%q", r.calls, tt.calls)
			}
			if !diags.HasErrors() {
				t.Fatalf("no errors: %v", diags)
			}
			last := diags[len(diags)-1]
			if last.Pos.File != "9.txt" || !strings.HasPrefix(last.Msg, "no text") {
				t.Errorf("last diagnostic %v, want 9.txt: error: no text…", last)
			}
		})
	}
}

// discard is a doc.Sink that drops every document.
type discard struct{ docs, sentences int }

func (d *discard) Begin(doc.Meta, int) error { return nil }
func (d *discard) Document(x *doc.Document) error {
	d.docs++
	for _, l := range x.Leaves() {
		d.sentences += len(l.Sentences())
	}
	return nil
}
func (d *discard) End([]doc.Term) error { return nil }

// BenchmarkStream runs the pipeline into a sink that keeps nothing: its
// allocations per run, unlike BenchmarkBuild's, include no book.
func BenchmarkStream(b *testing.B) {
	dir, size := benchSeeds(b, 500)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		if diags, err := Stream(dir, Options{}, &discard{}); err != nil || diags.HasErrors() {
			b.Fatal(err, diags)
		}
	}
}

// ExampleStream gives the test corpus to a sink one document at a time.
func ExampleStream() {
	var d discard
	diags, err := Stream("../testdata/corpus", Options{}, &d)
	if err != nil || diags.HasErrors() {
		fmt.Println(err, diags)
		return
	}
	fmt.Printf("%d documents, %d sentences\n", d.docs, d.sentences)
	// Output:
	// 3 documents, 32 sentences
}
