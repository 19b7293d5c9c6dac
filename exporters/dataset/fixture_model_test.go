package dataset

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/seedpress/seedpress/internal/testtool"
)

// TestModelFixtures writes the dataset of every model fixture in
// testdata/model/*.txtar (a model dump and the files expected from it, see
// testtool.Model) and compares each expected file with the one written.
// The test starts from a written model, not from seeds: a failure here is
// the dataset's. With -update it rewrites the expected files.
func TestModelFixtures(t *testing.T) {
	paths, err := filepath.Glob("testdata/model/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no model fixtures in testdata/model (%v)", err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			b, a := testtool.Model(t, path)
			dir := t.TempDir()
			if _, err := Write(dir, b, Options{}); err != nil {
				t.Fatal(err)
			}
			if err := Verify(dir); err != nil {
				t.Fatal(err)
			}
			compared := 0
			for i, f := range a.Files {
				if f.Name == testtool.ModelFile {
					continue
				}
				got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Name)))
				if err != nil {
					t.Errorf("%s: %v", f.Name, err)
					continue
				}
				compared++
				if *update {
					a.Files[i].Data = got
					continue
				}
				if !bytes.Equal(got, f.Data) {
					t.Errorf("%s differs from the fixture (run with -update and review the diff):\n got %s\nwant %s", f.Name, got, f.Data)
				}
			}
			if compared == 0 {
				t.Errorf("the fixture names no file to compare")
			}
			if *update {
				if err := os.WriteFile(path, a.Format(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
