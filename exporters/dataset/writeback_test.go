package dataset

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestWritebackFile checks that a writebackFile writes what it is given,
// in writes that straddle, fill and pass its chunks, and starts the
// writing of each full chunk.
func TestWritebackFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := &writebackFile{f: f}
	var want bytes.Buffer
	for i, n := range []int{1, writebackChunk - 2, 3, writebackChunk, 2*writebackChunk + 5, 0, 7} {
		p := bytes.Repeat([]byte{byte('a' + i)}, n)
		if m, err := w.Write(p); err != nil || m != n {
			t.Fatalf("Write of %d bytes = %d, %v", n, m, err)
		}
		want.Write(p)
	}
	if w.off != int64(want.Len()) || w.started != 4*writebackChunk+7 {
		t.Errorf("written %d, started %d; want %d, %d", w.off, w.started, want.Len(), 4*writebackChunk+7)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("the file holds %d bytes that differ from the %d written", len(got), want.Len())
	}
}
