package exporters

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline/doc"
)

func TestTable(t *testing.T) {
	names := Names()
	want := []string{"dataset", "epub", "pdf"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("Names() = %v, want %v", names, want)
	}
	b := &doc.Book{Meta: doc.Meta{Title: "Siber Güvenlik"}}
	outs := map[string]string{"dataset": "dataset", "epub": "siber-guvenlik.epub", "pdf": "siber-guvenlik.pdf"}
	for _, f := range Formats() {
		if got := f.Output(b.Meta); got != outs[f.Name] {
			t.Errorf("%s: Output = %q, want %q", f.Name, got, outs[f.Name])
		}
		if f.New == nil {
			t.Errorf("%s: no New", f.Name)
		}
		if f.Verify == nil {
			t.Errorf("%s: no Verify", f.Name)
		}
		if g, ok := Lookup(f.Name); !ok || g.Name != f.Name {
			t.Errorf("Lookup(%q) failed", f.Name)
		}
	}
	if _, ok := Lookup("docx"); ok {
		t.Error(`Lookup("docx") succeeded`)
	}
}

// publish publishes b, a book in memory.
func publish(outDir string, b *doc.Book, formats []Format, opts Options) (Result, error) {
	res, _, err := Publish(outDir, BookSource(b), formats, opts)
	return res, err
}

// wholeFile is a file format that writes the whole book to a file with
// write.
func wholeFile(name, ext string, write func(w io.Writer, b *doc.Book) (Stats, error)) Format {
	return Format{
		Name: name, Ext: ext,
		New: func(dest Dest, opts Options) (Writer, error) {
			return WholeBook(func(b *doc.Book) (Stats, error) { return write(dest.File, b) }), nil
		},
	}
}

// wholeDir is a folder format that writes the whole book into its folder
// with write.
func wholeDir(name string, write func(dir string, b *doc.Book) (Stats, error)) Format {
	return Format{
		Name: name,
		New: func(dest Dest, opts Options) (Writer, error) {
			return WholeBook(func(b *doc.Book) (Stats, error) { return write(dest.Dir, b) }), nil
		},
	}
}

// fakeFile is a file format that writes content, or fails with err.
func fakeFile(name, ext, content string, err error) Format {
	return wholeFile(name, ext, func(w io.Writer, b *doc.Book) (Stats, error) {
		if _, werr := io.WriteString(w, content); werr != nil {
			return Stats{}, werr
		}
		return Stats{Pages: 3}, err
	})
}

// fakeDir is a folder format writing files (path → content) into its folder.
func fakeDir(name string, files map[string]string) Format {
	return wholeDir(name, func(dir string, b *doc.Book) (Stats, error) {
		for p, c := range files {
			fp := filepath.Join(dir, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(fp), 0o755); err != nil {
				return Stats{}, err
			}
			if err := os.WriteFile(fp, []byte(c), 0o644); err != nil {
				return Stats{}, err
			}
		}
		return Stats{Records: map[string]int{"rows": len(files)}}, nil
	})
}

var testBook = &doc.Book{Meta: doc.Meta{Title: "Deneme Kitabı"}}

var testOpts = Options{
	Modified:  time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC),
	Version:   "1.2.3",
	GoVersion: "go1.26",
	Libraries: map[string]string{"github.com/go-pdf/fpdf": "v0.9.0"},
}

// snapshot returns every path under dir (slash-separated) with its content;
// folders map to "<dir>".
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			snap[filepath.ToSlash(rel)] = "<dir>"
			return nil
		}
		data, err := os.ReadFile(p)
		snap[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func sameSnapshot(t *testing.T, got, want map[string]string) {
	t.Helper()
	for p, w := range want {
		if g, ok := got[p]; !ok {
			t.Errorf("%s is gone", p)
		} else if g != w {
			t.Errorf("%s changed", p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("%s appeared", p)
		}
	}
}

func TestPublish(t *testing.T) {
	for _, seq := range []bool{false, true} {
		t.Run(fmt.Sprintf("sequential=%v", seq), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "dist")
			formats := []Format{
				fakeFile("book", ".txt", "kitap\n", nil),
				fakeDir("dataset", map[string]string{"data/a.jsonl": "{}\n", "README.md": "# veri\n"}),
			}
			opts := testOpts
			opts.Sequential = seq
			var progressed []string
			opts.Progress = func(name string) { progressed = append(progressed, name) }
			if seq {
				// Progress may be called from several goroutines only when concurrent.
			} else {
				opts.Progress = nil
			}
			res, err := publish(out, testBook, formats, opts)
			if err != nil {
				t.Fatal(err)
			}
			if seq && strings.Join(progressed, ",") != "book,dataset" {
				t.Errorf("progress = %v", progressed)
			}
			snap := snapshot(t, out)
			wantFiles := map[string]string{
				"deneme-kitabi.txt":    "kitap\n",
				"dataset/data/a.jsonl": "{}\n",
				"dataset/README.md":    "# veri\n",
			}
			var sums strings.Builder
			for _, p := range []string{"dataset/README.md", "dataset/data/a.jsonl", "deneme-kitabi.txt"} {
				if snap[p] != wantFiles[p] {
					t.Errorf("%s = %q, want %q", p, snap[p], wantFiles[p])
				}
				h := sha256.Sum256([]byte(wantFiles[p]))
				fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(h[:]), p)
			}
			if snap[SumsName] != sums.String() {
				t.Errorf("SHA256SUMS =\n%s\nwant\n%s", snap[SumsName], sums.String())
			}
			for p := range snap {
				if strings.Contains(p, TempPrefix) {
					t.Errorf("temporary %s left behind", p)
				}
			}
			var rel release
			if err := json.Unmarshal([]byte(snap[ReleaseName]), &rel); err != nil {
				t.Fatalf("RELEASE.json: %v", err)
			}
			if rel.SourceDateEpoch != 1716076800 || rel.Seedpress != "1.2.3" || rel.Go != "go1.26" ||
				rel.Libraries["github.com/go-pdf/fpdf"] != "v0.9.0" || len(rel.Files) != 3 || rel.Modified != "2024-05-19T00:00:00Z" {
				t.Errorf("RELEASE.json = %+v", rel)
			}
			if strings.Contains(snap[ReleaseName], out) {
				t.Errorf("RELEASE.json holds an absolute path:\n%s", snap[ReleaseName])
			}
			if len(res.Outputs) != 2 || res.Outputs[0].Path != "deneme-kitabi.txt" || res.Outputs[0].Pages != 3 ||
				res.Outputs[1].Path != "dataset" || res.Outputs[1].Size != int64(len("{}\n# veri\n")) || res.Outputs[1].Records["rows"] != 2 {
				t.Errorf("Result.Outputs = %+v", res.Outputs)
			}
			for _, name := range []string{"deneme-kitabi.txt", "dataset/README.md", SumsName, ReleaseName} {
				fi, err := os.Stat(filepath.Join(out, name))
				if err != nil || fi.Mode().Perm() != 0o644 {
					t.Errorf("%s: mode %v, %v; want 0644", name, fi.Mode().Perm(), err)
				}
			}

			// The independent check: sha256sum -c in the output folder.
			sha := testtool.Require(t, "sha256sum", "apt-get install coreutils")
			cmd := exec.Command(sha, "--strict", "-c", SumsName)
			cmd.Dir = out
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("sha256sum -c: %v\n%s", err, b)
			}
		})
	}
}

// TestPublishReplaces publishes twice: the second run's outputs replace the
// first's entirely, files dropped from the folder format included.
func TestPublishReplaces(t *testing.T) {
	out := t.TempDir()
	first := []Format{fakeFile("book", ".txt", "bir\n", nil), fakeDir("dataset", map[string]string{"old.json": "1", "keep.json": "1"})}
	if _, err := publish(out, testBook, first, testOpts); err != nil {
		t.Fatal(err)
	}
	second := []Format{fakeFile("book", ".txt", "iki\n", nil), fakeDir("dataset", map[string]string{"keep.json": "2"})}
	if _, err := publish(out, testBook, second, testOpts); err != nil {
		t.Fatal(err)
	}
	snap := snapshot(t, out)
	if snap["deneme-kitabi.txt"] != "iki\n" || snap["dataset/keep.json"] != "2" {
		t.Errorf("outputs not replaced: %v", snap)
	}
	if _, ok := snap["dataset/old.json"]; ok {
		t.Error("dataset/old.json survived the swap")
	}
	if len(snap) != 6 { // ., book, SHA256SUMS, RELEASE.json, dataset, dataset/keep.json
		t.Errorf("unexpected files: %v", snap)
	}
}

// TestPublishRenamed publishes a book, then the same book under another
// title: the outputs named after the old title go, while a file the old
// RELEASE.json does not list, and the output of a format the second
// publication does not write, stay.
func TestPublishRenamed(t *testing.T) {
	out := t.TempDir()
	formats := []Format{fakeFile("book", ".txt", "bir\n", nil), fakeFile("print", ".bin", "baskı\n", nil)}
	if _, err := publish(out, testBook, formats, testOpts); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "notlar.txt"), []byte("benim\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	renamed := &doc.Book{Meta: doc.Meta{Title: "Yeni Başlık"}}
	if _, err := publish(out, renamed, formats[:1], testOpts); err != nil {
		t.Fatal(err)
	}
	snap := snapshot(t, out)
	if _, ok := snap["deneme-kitabi.txt"]; ok {
		t.Error("the output of the old title survived")
	}
	for name, want := range map[string]string{"yeni-baslik.txt": "bir\n", "notlar.txt": "benim\n", "deneme-kitabi.bin": "baskı\n"} {
		if snap[name] != want {
			t.Errorf("%s = %q, want %q (all: %v)", name, snap[name], want, snap)
		}
	}
	sums := snap[SumsName]
	if !strings.Contains(sums, "yeni-baslik.txt") || strings.Contains(sums, "deneme-kitabi") {
		t.Errorf("SHA256SUMS:\n%s", sums)
	}
}

// TestPublishFailureKeepsPrevious fails a publication on purpose in each way
// a format can fail, after other formats succeeded, and proves that the
// previous output folder is byte-for-byte unchanged and no temporary file
// is left.
func TestPublishFailureKeepsPrevious(t *testing.T) {
	good := []Format{
		fakeFile("book", ".txt", "eski kitap\n", nil),
		fakeDir("dataset", map[string]string{"a.json": "eski"}),
	}
	truncatedPDF := fakeFile("book", ".txt", "%PDF-1.7\n1 0 obj\n", nil)
	truncatedPDF.Verify = func(p string, _ *Sums) error { return VerifyPDF(p) }
	tests := []struct {
		name    string
		formats []Format
		want    string
	}{
		{"write error after success", []Format{
			fakeFile("book", ".txt", "yeni kitap\n", nil),
			fakeDir("dataset", map[string]string{"a.json": "yeni"}),
			fakeFile("broken", ".bin", "half", errors.New("disk full")),
		}, "broken: write deneme-kitabi.bin: disk full"},
		{"folder format fails", []Format{
			fakeFile("book", ".txt", "yeni kitap\n", nil),
			wholeDir("dataset", func(dir string, b *doc.Book) (Stats, error) {
				os.WriteFile(filepath.Join(dir, "a.json"), []byte("yarım"), 0o644)
				return Stats{}, errors.New("record doc-0001: invalid")
			}),
		}, "dataset: record doc-0001: invalid"},
		{"verification fails", []Format{truncatedPDF, fakeDir("dataset", map[string]string{"a.json": "yeni"})}, "book: check deneme-kitabi.txt: no %%EOF trailer"},
		{"empty output", []Format{fakeFile("book", ".txt", "", nil)}, "empty file"},
		{"writer panics", []Format{fakeFile("book", ".txt", "yeni\n", nil), wholeFile("panicky", ".bin",
			func(w io.Writer, b *doc.Book) (Stats, error) { panic("index out of range") })},
			"panicky: internal error (a bug in seedpress): index out of range"},
		{"empty folder", []Format{fakeDir("dataset", nil)}, "empty folder"},
		{"bad dataset", []Format{{Name: "dataset", New: fakeDir("dataset", map[string]string{"datapackage.json": "{"}).New, Verify: VerifyDataset}}, "datapackage.json"},
	}
	for _, tt := range tests {
		for _, seq := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/sequential=%v", tt.name, seq), func(t *testing.T) {
				out := t.TempDir()
				if _, err := publish(out, testBook, good, testOpts); err != nil {
					t.Fatal(err)
				}
				before := snapshot(t, out)
				opts := testOpts
				opts.Sequential = seq
				_, err := publish(out, testBook, tt.formats, opts)
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("Publish error = %v, want one containing %q", err, tt.want)
				}
				for _, f := range tt.formats {
					if f.Ext != "" && strings.Count(err.Error(), f.Name+": ") > 1 {
						t.Errorf("Publish error = %v, names %s twice", err, f.Name)
					}
				}
				sameSnapshot(t, snapshot(t, out), before)

				// A publication that fails into a new folder does not leave
				// the folder behind.
				fresh := filepath.Join(t.TempDir(), "dist")
				if _, err := publish(fresh, testBook, tt.formats, opts); err == nil {
					t.Fatal("no error")
				}
				if _, err := os.Stat(fresh); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("a failed publication left %s: %v", fresh, err)
				}
			})
		}
	}
}

func TestPublishInterrupted(t *testing.T) {
	out := t.TempDir()
	if _, err := publish(out, testBook, []Format{fakeFile("book", ".txt", "eski\n", nil)}, testOpts); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	started := make(chan struct{})
	release := make(chan struct{})
	defer close(release)
	slow := wholeFile("slow", ".bin", func(w io.Writer, b *doc.Book) (Stats, error) {
		io.WriteString(w, "partial")
		close(started)
		<-release
		return Stats{}, nil
	})
	cancel := make(chan struct{})
	go func() { <-started; close(cancel) }()
	opts := testOpts
	opts.Cancel = cancel
	_, err := publish(out, testBook, []Format{fakeFile("book", ".txt", "yeni\n", nil), slow}, opts)
	if !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Publish error = %v, want ErrInterrupted", err)
	}
	sameSnapshot(t, snapshot(t, out), before)
}

func TestPublishRemovesStale(t *testing.T) {
	out := t.TempDir()
	for _, p := range []string{TempPrefix + "epub-123", TempPrefix + "dataset-9/data/x.jsonl", TempPrefix + "old-dataset-1/a"} {
		fp := filepath.Join(out, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(fp), 0o755)
		os.WriteFile(fp, []byte("stale"), 0o644)
	}
	if _, err := publish(out, testBook, []Format{fakeFile("book", ".txt", "x\n", nil)}, testOpts); err != nil {
		t.Fatal(err)
	}
	for p := range snapshot(t, out) {
		if strings.Contains(p, TempPrefix) {
			t.Errorf("stale %s not removed", p)
		}
	}
}

func TestPublishUnwritable(t *testing.T) {
	parent := filepath.Join(t.TempDir(), "file")
	os.WriteFile(parent, []byte("a regular file"), 0o644)
	_, err := publish(filepath.Join(parent, "dist"), testBook, []Format{fakeFile("book", ".txt", "x", nil)}, testOpts)
	if err == nil || !strings.Contains(err.Error(), "publish: output folder") || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("Publish into a file's child = %v", err)
	}
	// A final name taken by the wrong kind is refused before anything moves.
	out := t.TempDir()
	os.Mkdir(filepath.Join(out, "deneme-kitabi.txt"), 0o755)
	_, err = publish(out, testBook, []Format{fakeFile("book", ".txt", "x", nil)}, testOpts)
	if err == nil || !strings.Contains(err.Error(), "is not a file") {
		t.Errorf("Publish over a folder = %v", err)
	}
}

func TestPublishRejects(t *testing.T) {
	out := t.TempDir()
	if _, err := publish(out, testBook, nil, testOpts); err == nil {
		t.Error("no formats: no error")
	}
	if _, err := publish(out, nil, []Format{fakeFile("a", ".x", "x", nil)}, testOpts); err == nil {
		t.Error("no book: no error")
	}
	dup := []Format{fakeFile("a", ".x", "x", nil), fakeFile("b", ".x", "y", nil)}
	if _, err := publish(out, testBook, dup, testOpts); err == nil || !strings.Contains(err.Error(), "two formats") {
		t.Errorf("duplicate outputs: %v", err)
	}
}
