package exporters

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHashFiles hashes files concurrently and checks each result is its
// own job's, in the jobs' order, that Sums reads each file once, and that
// a failing job names its file.
func TestHashFiles(t *testing.T) {
	dir := t.TempDir()
	var jobs []hashJob
	var want []File
	for i := range 9 {
		data := bytes.Repeat([]byte{byte('a' + i)}, 1000*i+1)
		p := filepath.Join(dir, fmt.Sprint(i))
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		jobs = append(jobs, hashJob{fsPath: p, name: fmt.Sprintf("out/%d.jsonl", i), output: i % 2})
		want = append(want, File{Path: fmt.Sprintf("out/%d.jsonl", i), Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])})
	}
	var sums Sums
	got, err := sums.hashFiles(jobs)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("hashFiles =\n%v\nwant\n%v", got, want)
	}
	// Each file is read once: a change after the first hash is not seen,
	// except without Sums.
	if err := os.WriteFile(jobs[2].fsPath, []byte("başka"), 0o644); err != nil {
		t.Fatal(err)
	}
	if again, err := sums.hashFiles(jobs); err != nil || fmt.Sprint(again) != fmt.Sprint(want) {
		t.Errorf("hashFiles again = %v, %v; want the first hashes", again, err)
	}
	if fresh, err := (*Sums)(nil).hashFiles(jobs); err != nil || fresh[2].Size != int64(len("başka")) {
		t.Errorf("hashFiles without Sums = %v, %v; want the new content of %s", fresh, err, jobs[2].name)
	}
	jobs[3].fsPath = filepath.Join(dir, "missing")
	jobs[6].fsPath = filepath.Join(dir, "missing too")
	if _, err := sums.hashFiles(jobs); err == nil || !strings.Contains(err.Error(), "out/3.jsonl") {
		t.Errorf("hashFiles with two missing files: %v, want the error of out/3.jsonl", err)
	}
}
