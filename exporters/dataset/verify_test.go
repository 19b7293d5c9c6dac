package dataset

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
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

// TestVerifyWith checks that VerifyWith takes the hash of every
// one-file resource from sum, reads sharded ones itself, and reports a
// hash that does not match the descriptor.
func TestVerifyWith(t *testing.T) {
	for _, shard := range []int64{0, 200} {
		dir := t.TempDir()
		if _, err := Write(dir, fixtureBook(), Options{ShardBytes: shard}); err != nil {
			t.Fatal(err)
		}
		var mu sync.Mutex
		var asked []string
		sum := func(p string) (string, int64, error) {
			rel, _ := filepath.Rel(dir, p)
			mu.Lock()
			asked = append(asked, filepath.ToSlash(rel))
			mu.Unlock()
			data, err := os.ReadFile(p)
			h := sha256.Sum256(data)
			return hex.EncodeToString(h[:]), int64(len(data)), err
		}
		if err := VerifyWith(dir, sum); err != nil {
			t.Fatalf("ShardBytes %d: %v", shard, err)
		}
		slices.Sort(asked)
		want := []string{"book.json", "book.jsonl", "data/documents.jsonl", "data/documents.parquet",
			"data/figures.jsonl", "data/figures.parquet", "data/links.jsonl", "data/links.parquet",
			"data/mentions.jsonl", "data/mentions.parquet", "data/paragraphs.jsonl", "data/paragraphs.parquet",
			"data/sentences.jsonl", "data/sentences.parquet", "data/tables.jsonl", "data/tables.parquet",
			"data/terms.jsonl", "data/terms.parquet"}
		if shard > 0 {
			// Every table with more than one record is sharded: the
			// empty ones and the one link are a file each.
			want = []string{"book.json", "book.jsonl", "data/figures.jsonl", "data/figures.parquet",
				"data/links.jsonl", "data/links.parquet", "data/tables.jsonl", "data/tables.parquet"}
		}
		if !slices.Equal(asked, want) {
			t.Errorf("ShardBytes %d: sum asked for %q, want %q", shard, asked, want)
		}
		wrong := func(p string) (string, int64, error) {
			_, n, err := sum(p)
			return strings.Repeat("0", 64), n, err
		}
		if err := VerifyWith(dir, wrong); err == nil || !strings.Contains(err.Error(), "descriptor says") {
			t.Errorf("ShardBytes %d: VerifyWith with a wrong hash = %v, want a mismatch", shard, err)
		}
	}
}
