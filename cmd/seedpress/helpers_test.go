package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/exporters"
	"github.com/seedpress/seedpress/internal/testtool"
)

// testEpoch is the SOURCE_DATE_EPOCH of the tests' builds.
const testEpoch = "1700000000"

// result is what one run of seedpress did.
type result struct {
	stdout, stderr string
	code           int
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\n--- stdout\n%s--- stderr\n%s", r.code, r.stdout, r.stderr)
}

// seedpress runs the command in-process, as main does, and returns its
// output and exit code.
func seedpress(t testing.TB, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	err := run(args, &stdout, &stderr)
	code := exitCode(err, &stderr)
	return result{stdout.String(), stderr.String(), code}
}

// writeSeeds creates a folder named "seeds" in a fresh temporary folder
// holding files (name → content) and returns its path.
func writeSeeds(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "seeds")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// shippedSeed returns the text of the seed that ships with seedpress.
func shippedSeed(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testtool.Root(), "seeds", "000_0e50c0d65c5fae10.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// previousDist creates an output folder that holds a previous release (its
// contents are arbitrary: the point is that a failed build leaves them
// alone) and returns its path.
func previousDist(t testing.TB) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "dist")
	for name, content := range map[string]string{
		"kitap.epub":                   "PK previous epub",
		"kitap.pdf":                    "%PDF-1.7 previous pdf %%EOF",
		"dataset/data/documents.jsonl": "{\"id\":\"doc-0001\"}\n",
		exporters.SumsName:             "0000  kitap.epub\n",
		exporters.ReleaseName:          "{}\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// tree describes every entry under dir: its path, kind and mode, and for a
// file its modification time, size and SHA-256, one per line, in path
// order. Two equal trees are byte-for-byte the same folder. (A folder's own
// modification time is left out: creating and removing a temporary file in
// it changes that time, and nothing else.)
func tree(t testing.TB, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "%s %v", filepath.ToSlash(rel), fi.Mode())
		if fi.Mode().IsRegular() {
			fmt.Fprintf(&b, " %d", fi.ModTime().UnixNano())
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h := sha256.Sum256(data)
			fmt.Fprintf(&b, " %d %s", len(data), hex.EncodeToString(h[:]))
		}
		b.WriteByte('\n')
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// checkDist checks a published folder: every output that the formats name
// is complete (the EPUB's zip opens and reads back, the PDF has its
// trailer, the dataset matches its datapackage.json), SHA256SUMS matches
// every file it lists and lists every file, and no temporary file is left.
func checkDist(t testing.TB, dir string) {
	t.Helper()
	sums, err := os.ReadFile(filepath.Join(dir, exporters.SumsName))
	if err != nil {
		t.Fatalf("no %s: %v", exporters.SumsName, err)
	}
	listed := checkSums(t, dir, sums)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		checkFinal(t, dir, e.Name())
	}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if rel != exporters.SumsName && rel != exporters.ReleaseName && !listed[rel] {
			t.Errorf("%s is not listed in SHA256SUMS", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkSums verifies the "<hex>  <path>" lines of a SHA256SUMS in dir and
// returns the paths listed.
func checkSums(t testing.TB, dir string, sums []byte) map[string]bool {
	t.Helper()
	listed := map[string]bool{}
	prev := ""
	sc := bufio.NewScanner(bytes.NewReader(sums))
	for sc.Scan() {
		hexSum, name, ok := strings.Cut(sc.Text(), "  ")
		if !ok || len(hexSum) != 64 {
			t.Errorf("SHA256SUMS: bad line %q", sc.Text())
			continue
		}
		if name <= prev {
			t.Errorf("SHA256SUMS: %s is out of order", name)
		}
		prev = name
		listed[name] = true
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("SHA256SUMS lists %s: %v", name, err)
			continue
		}
		if h := sha256.Sum256(data); hex.EncodeToString(h[:]) != hexSum {
			t.Errorf("SHA256SUMS: %s does not match", name)
		}
	}
	if len(listed) == 0 {
		t.Error("SHA256SUMS is empty")
	}
	return listed
}

// checkFinal checks that the entry name of dir, if it is a final output,
// is complete; a temporary name is an error.
func checkFinal(t testing.TB, dir, name string) {
	t.Helper()
	p := filepath.Join(dir, name)
	var err error
	switch {
	case strings.HasPrefix(name, exporters.TempPrefix):
		t.Errorf("temporary %s left in %s", name, dir)
	case strings.HasSuffix(name, ".epub"):
		err = exporters.VerifyZip(p)
	case strings.HasSuffix(name, ".pdf"):
		err = exporters.VerifyPDF(p)
	case name == "dataset":
		err = exporters.VerifyDataset(p, nil)
	}
	if err != nil {
		t.Errorf("%s is not complete: %v", name, err)
	}
}
