package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/seedpress/seedpress/exporters"
	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// corpus returns a copy of the Markdown test corpus in a fresh folder
// (so that the copy's path and modification times differ from the
// original's).
func corpus(t testing.TB) string {
	t.Helper()
	src := filepath.Join(testtool.Root(), "testdata", "corpus")
	dst := filepath.Join(t.TempDir(), "kopya", "seeds")
	must(t, os.MkdirAll(dst, 0o755))
	entries, err := os.ReadDir(src)
	must(t, err)
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		must(t, err)
		must(t, os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644))
	}
	return dst
}

// TestBuild publishes the shipped seeds and the test corpus and checks the
// layout of the output folder, SHA256SUMS, RELEASE.json, the summary and
// that the seeds folder was not written to.
func TestBuild(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	for _, seeds := range []string{filepath.Join(testtool.Root(), "seeds"), filepath.Join(testtool.Root(), "testdata", "corpus")} {
		t.Run(filepath.Base(seeds), func(t *testing.T) {
			before := tree(t, seeds)
			out := filepath.Join(t.TempDir(), "dist")
			r := seedpress(t, "build", "--seeds", seeds, "--out", out)
			if r.code != 0 {
				t.Fatalf("build: %v", r)
			}
			if after := tree(t, seeds); after != before {
				t.Errorf("the seeds folder changed:\nbefore\n%s\nafter\n%s", before, after)
			}
			checkDist(t, out)
			checkXHTML(t, out)

			b, _ := pipeline.Build(seeds, pipeline.Options{})
			slug := exporters.Slug(b.Meta.Title)
			for _, name := range []string{slug + ".epub", slug + ".pdf", "dataset/datapackage.json", exporters.SumsName, exporters.ReleaseName} {
				if _, err := os.Stat(filepath.Join(out, name)); err != nil {
					t.Errorf("missing %s", name)
				}
			}
			var rel struct {
				Seedpress       string            `json:"seedpress"`
				Go              string            `json:"go"`
				Libraries       map[string]string `json:"libraries"`
				SourceDateEpoch int64             `json:"source_date_epoch"`
				Files           []exporters.File  `json:"files"`
			}
			data, err := os.ReadFile(filepath.Join(out, exporters.ReleaseName))
			must(t, err)
			must(t, json.Unmarshal(data, &rel))
			if rel.SourceDateEpoch != 1700000000 || rel.Seedpress == "" || rel.Go == "" || len(rel.Files) < 3 {
				t.Errorf("RELEASE.json: %s", data)
			}
			for _, leak := range []string{out, seeds, os.TempDir()} {
				if strings.Contains(string(data), leak) {
					t.Errorf("RELEASE.json names the path %s", leak)
				}
			}
			if host, err := os.Hostname(); err == nil && host != "" && strings.Contains(string(data), `"`+host+`"`) {
				t.Errorf("RELEASE.json names the host")
			}
			for _, want := range []string{
				fmt.Sprintf("%s: %s", b.Meta.Title, plural(len(b.Documents), "document")),
				filepath.Join(out, slug+".pdf"), " pages", filepath.Join(out, "dataset") + "/",
				"SOURCE_DATE_EPOCH=1700000000 (2023-11-14T22:13:20Z, from SOURCE_DATE_EPOCH)",
			} {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("summary lacks %q:\n%s", want, r.stderr)
				}
			}

			r = seedpress(t, "build", "--quiet", "--seeds", seeds, "--out", out)
			if r.code != 0 || r.stderr != "" {
				t.Errorf("build --quiet printed something: %v", r)
			}
		})
	}
}

// TestReproducible builds the same seeds twice into one folder, once from a
// copy at another path (other modification times, no git, no
// SOURCE_DATE_EPOCH: the manifest's date dates both) and once with one
// worker: every byte agrees.
func TestReproducible(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "")
	a, b := corpus(t), corpus(t)
	must(t, os.Chtimes(filepath.Join(b, "01_giris.md"), time.Unix(1e9, 0), time.Unix(1e9, 0)))
	outA := filepath.Join(t.TempDir(), "dist")
	outB := filepath.Join(t.TempDir(), "elsewhere", "dist")
	var sums []string
	for i, run := range [][2]string{{a, outA}, {a, outA}, {b, outB}, {a, outA}} {
		args := []string{"build", "--seeds", run[0], "--out", run[1]}
		if i == 3 {
			args = append(args, "--workers", "1") // one seed at a time: the same bytes
		}
		r := seedpress(t, args...)
		if r.code != 0 || !strings.Contains(r.stderr, "from book.yaml date") {
			t.Fatalf("build: %v", r)
		}
		data, err := os.ReadFile(filepath.Join(run[1], exporters.SumsName))
		must(t, err)
		sums = append(sums, string(data))
	}
	for i, s := range sums[1:] {
		if s != sums[0] {
			t.Errorf("SHA256SUMS of build %d differs:\n%s\nwant\n%s", i+2, s, sums[0])
		}
	}
	relA, _ := os.ReadFile(filepath.Join(outA, exporters.ReleaseName))
	relB, _ := os.ReadFile(filepath.Join(outB, exporters.ReleaseName))
	if string(relA) != string(relB) {
		t.Errorf("RELEASE.json differs:\n%s\n%s", relA, relB)
	}
}

// TestConcurrentIsSequential publishes the formats one goroutine each and
// one after another: the outputs are byte-identical.
func TestConcurrentIsSequential(t *testing.T) {
	b := loadBook(t, filepath.Join(testtool.Root(), "testdata", "corpus"))
	opts := exporters.Options{Modified: time.Unix(1700000000, 0), Version: "test"}
	var sums [2]string
	for i, seq := range []bool{false, true} {
		out := t.TempDir()
		opts.Sequential = seq
		if _, _, err := exporters.Publish(out, exporters.BookSource(b), exporters.Formats(), opts); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(out, exporters.SumsName))
		must(t, err)
		sums[i] = string(data)
	}
	if sums[0] != sums[1] {
		t.Errorf("concurrent and sequential outputs differ:\n%s\n%s", sums[0], sums[1])
	}
}

func loadBook(t testing.TB, seeds string) *doc.Book {
	t.Helper()
	b, diags := pipeline.Build(seeds, pipeline.Options{})
	if b == nil {
		t.Fatalf("pipeline.Build: %v", diags.Err())
	}
	return b
}

// TestFailedBuildKeepsPrevious publishes the real formats, then fails a
// publication on purpose after every real format succeeded: the previous
// output folder is byte-for-byte unchanged (contents, modes and times).
func TestFailedBuildKeepsPrevious(t *testing.T) {
	b := loadBook(t, filepath.Join(testtool.Root(), "testdata", "corpus"))
	out := filepath.Join(t.TempDir(), "dist")
	opts := exporters.Options{Modified: time.Unix(1700000000, 0), Version: "test"}
	if _, _, err := exporters.Publish(out, exporters.BookSource(b), exporters.Formats(), opts); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	failing := exporters.Format{Name: "broken", Ext: ".bin",
		New: func(dest exporters.Dest, opts exporters.Options) (exporters.Writer, error) {
			return exporters.WholeBook(func(b *doc.Book) (exporters.Stats, error) {
				io.WriteString(dest.File, "half an edition")
				return exporters.Stats{}, errors.New("no space left on device")
			}), nil
		}}
	for _, seq := range []bool{true, false} {
		opts := opts
		opts.Sequential = seq // sequential: the failure comes after all three succeeded
		opts.Modified = time.Unix(1800000000, 0)
		_, _, err := exporters.Publish(out, exporters.BookSource(b), append(exporters.Formats(), failing), opts)
		if err == nil || !strings.Contains(err.Error(), "no space left on device") {
			t.Fatalf("Publish error = %v", err)
		}
		if after := tree(t, out); after != before {
			t.Errorf("sequential=%v: the output folder changed:\nbefore\n%s\nafter\n%s", seq, before, after)
		}
	}
}

// TestKilledBuild SIGKILLs a seedpress binary during builds of a big
// corpus, at several moments (fixed delays, as soon as a temporary file
// appears, and as soon as the commit starts), and checks after each that
// every final name present holds a complete output and that SHA256SUMS,
// when present, matches. A last full build cleans up and passes checkDist.
func TestKilledBuild(t *testing.T) {
	bin := buildBinary(t)
	seeds := bigSeeds(t)
	out := filepath.Join(t.TempDir(), "dist")
	start := func(epoch int) *exec.Cmd {
		cmd := exec.Command(bin, "build", "--quiet", "--seeds", seeds, "--out", out)
		cmd.Env = append(os.Environ(), fmt.Sprintf("SOURCE_DATE_EPOCH=%d", epoch))
		cmd.Stderr = os.Stderr
		must(t, cmd.Start())
		return cmd
	}
	if err := start(1700000000).Wait(); err != nil {
		t.Fatalf("first build: %v", err)
	}
	checkDist(t, out)

	triggers := []struct {
		name string
		when func() bool
	}{
		{"after 50ms", after(50 * time.Millisecond)},
		{"after 300ms", after(300 * time.Millisecond)},
		{"after 1s", after(time.Second)},
		{"after 2.5s", after(2500 * time.Millisecond)},
		{"when a temporary file appears", func() bool { return hasTemp(out) }},
		{"when the commit starts", func() bool {
			_, err := os.Stat(filepath.Join(out, exporters.SumsName))
			return errors.Is(err, os.ErrNotExist)
		}},
	}
	for i, tr := range triggers {
		cmd := start(1700000000 + 1000*(i+1)) // each build's outputs differ
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		killed := false
	poll:
		for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
			select {
			case <-done:
				break poll // finished before the trigger
			default:
			}
			if tr.when() {
				cmd.Process.Signal(syscall.SIGKILL)
				<-done
				killed = true
				break
			}
		}
		t.Logf("%s: killed=%v, temporary files left=%v", tr.name, killed, hasTemp(out))
		checkKilled(t, out)
	}
	if err := start(1700000000).Wait(); err != nil {
		t.Fatalf("last build: %v", err)
	}
	checkDist(t, out)
}

func after(d time.Duration) func() bool {
	var t0 time.Time
	return func() bool {
		if t0.IsZero() {
			t0 = time.Now()
		}
		return time.Since(t0) >= d
	}
}

func hasTemp(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), exporters.TempPrefix) {
			return true
		}
	}
	return false
}

// checkKilled checks an output folder after a killed build: temporary
// files may remain (the next build removes them), but every final name
// holds a complete output and a SHA256SUMS present matches its files.
func checkKilled(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	must(t, err)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), exporters.TempPrefix) {
			checkFinal(t, dir, e.Name())
		}
	}
	if sums, err := os.ReadFile(filepath.Join(dir, exporters.SumsName)); err == nil {
		checkSums(t, dir, sums)
	}
}

// buildBinary builds seedpress into a temporary folder.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "seedpress")
	goCmd := testtool.Require(t, "go", "install Go")
	build := exec.Command(goCmd, "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// bigSeeds writes 600 seeds, each the shipped seed twice: a build that
// takes long enough to be interrupted.
func bigSeeds(t *testing.T) string {
	t.Helper()
	seeds := writeSeeds(t, nil)
	text := shippedSeed(t)
	for i := range 600 {
		must(t, os.WriteFile(filepath.Join(seeds, fmt.Sprintf("%03d.txt", i)), []byte(text+"\n\n"+text), 0o644))
	}
	return seeds
}

// TestInterruptedBuild sends SIGINT (and SIGTERM) to a build while its
// outputs are being written: it exits 1 saying so, removes its temporary
// files and leaves the previous output folder byte-for-byte as it was.
func TestInterruptedBuild(t *testing.T) {
	bin := buildBinary(t)
	seeds := bigSeeds(t)
	out := filepath.Join(t.TempDir(), "dist")
	first := exec.Command(bin, "build", "--quiet", "--seeds", seeds, "--out", out)
	first.Env = append(os.Environ(), "SOURCE_DATE_EPOCH="+testEpoch)
	if b, err := first.CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	before := tree(t, out)
	// Every format from the whole book, and the dataset alone, which
	// streams: the pipeline is still running when the signal comes.
	for _, formats := range []string{"dataset,epub,pdf", "dataset"} {
		for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
			var stderr strings.Builder
			cmd := exec.Command(bin, "build", "--quiet", "--format", formats, "--seeds", seeds, "--out", out)
			cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1800000000")
			cmd.Stderr = &stderr
			must(t, cmd.Start())
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			sent := false
		poll:
			for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
				select {
				case <-done:
					break poll
				default:
				}
				if hasTemp(out) {
					cmd.Process.Signal(sig)
					sent = true
					<-done
					break
				}
			}
			if !sent {
				t.Fatalf("%s, %v: the build ended before any temporary file appeared", formats, sig)
			}
			// A shell reports 128 + the signal's number for a process the
			// signal stopped: 130 for Ctrl-C, 143 for SIGTERM.
			want := 128 + int(sig.(syscall.Signal))
			if code := cmd.ProcessState.ExitCode(); code != want || !strings.Contains(stderr.String(), "seedpress: build interrupted: "+out+" is unchanged") {
				t.Errorf("%s, %v: exit %d, stderr:\n%s", formats, sig, code, stderr.String())
			}
			if hasTemp(out) {
				t.Errorf("%s, %v: temporary files left", formats, sig)
			}
			if after := tree(t, out); after != before {
				t.Errorf("%s, %v: the output folder changed:\nbefore\n%s\nafter\n%s", formats, sig, before, after)
			}
		}
	}
}
