package exporters

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWriteFileAtomic checks that the file is replaced whole, with mode
// 0644, that no temporary file stays, and that a missing folder is an
// error.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.json")
	for _, data := range []string{"{}\n", "{\"b\": 1}\n"} {
		if err := WriteFileAtomic(p, []byte(data)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(p)
		fi, _ := os.Stat(p)
		if err != nil || string(got) != data || fi.Mode().Perm() != 0o644 {
			t.Errorf("after writing %q: %q, %v, mode %v", data, got, err, fi.Mode())
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d entries in the folder, want only a.json", len(entries))
	}
	if err := WriteFileAtomic(filepath.Join(dir, "no", "a.json"), nil); err == nil {
		t.Error("WriteFileAtomic into a missing folder: no error")
	}
}
