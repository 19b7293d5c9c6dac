package dataset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestVerify(t *testing.T) {
	for _, shard := range []int64{0, 200} { // unsharded, and shards of ~200 bytes
		dir := t.TempDir()
		if _, err := Write(dir, fixtureBook(), Options{ShardBytes: shard}); err != nil {
			t.Fatal(err)
		}
		if err := Verify(dir); err != nil {
			t.Fatalf("ShardBytes %d: Verify of a fresh dataset: %v", shard, err)
		}
		// Change one byte of one data file: the hash no longer matches.
		files, _ := filepath.Glob(filepath.Join(dir, "data", "sentences*.jsonl"))
		if len(files) == 0 {
			t.Fatal("no sentences file")
		}
		data, err := os.ReadFile(files[len(files)-1])
		if err != nil {
			t.Fatal(err)
		}
		data[len(data)-2] ^= 1
		if err := os.WriteFile(files[len(files)-1], data, 0o644); err != nil {
			t.Fatal(err)
		}
		err = Verify(dir)
		if err == nil || !strings.Contains(err.Error(), "sentences datapackage.json") || !strings.Contains(err.Error(), "descriptor says") {
			t.Errorf("ShardBytes %d: Verify after tampering = %v, want a size/hash mismatch of sentences", shard, err)
		}
		// Resources are read concurrently; the error is still the first
		// in the descriptor's order.
		if err := os.WriteFile(filepath.Join(dir, "book.json"), []byte("{}"), 0o644); err != nil {
			t.Fatal(err)
		}
		docs, _ := filepath.Glob(filepath.Join(dir, "data", "documents*.jsonl"))
		if len(docs) == 0 {
			t.Fatal("no documents file")
		}
		if err := os.Remove(docs[0]); err != nil {
			t.Fatal(err)
		}
		for range 5 {
			err = Verify(dir)
			if err == nil || !strings.Contains(err.Error(), "documents") {
				t.Fatalf("ShardBytes %d: Verify with documents, sentences and book.json damaged = %v, want the error of documents", shard, err)
			}
		}
	}
}
