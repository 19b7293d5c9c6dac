package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/exporters/dataset"
	"github.com/seedpress/seedpress/internal/testtool"
)

func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"help"}, "Commands:"},
		{[]string{"--help"}, "Commands:"},
		{[]string{"-h"}, "Commands:"},
		{[]string{"help", "build"}, "Usage: " + buildSynopsis},
		{[]string{"check", "--help"}, "Usage: " + checkSynopsis},
		{[]string{"check", "-h"}, "-strict"},
		{[]string{"dump", "--help"}, "Usage: " + dumpSynopsis},
		{[]string{"build", "--help"}, "-workers N"},
		{[]string{"build", "-h"}, "-format FORMATS"},
		{[]string{"schema", "--help"}, "Usage: " + schemaSynopsis},
		{[]string{"version", "--help"}, "Usage: seedpress version"},
	}
	for _, tt := range tests {
		r := seedpress(t, tt.args...)
		if r.code != 0 || !strings.Contains(r.stdout, tt.want) || r.stderr != "" {
			t.Errorf("seedpress %s: want exit 0 and %q on stdout, got %v", strings.Join(tt.args, " "), tt.want, r)
		}
	}
}

// TestUsageErrors checks that every mistake on the command line exits 2
// with a message naming it, and that no output folder is created.
func TestUsageErrors(t *testing.T) {
	seeds := writeSeeds(t, map[string]string{"a.txt": "Bir cümle."})
	out := filepath.Join(t.TempDir(), "dist")
	tests := []struct {
		args []string
		env  string
		want string
	}{
		{nil, "", "seedpress: no command given"},
		{[]string{"publish"}, "", `seedpress: unknown command "publish"`},
		{[]string{"build", "--format", "docx"}, "", `seedpress build: unknown format "docx" (known: dataset, epub, pdf)`},
		{[]string{"build", "--format", "epub,docx"}, "", `seedpress build: unknown format "docx" (known: dataset, epub, pdf)`},
		{[]string{"build", "--format", ","}, "", "seedpress build: no format given (known: dataset, epub, pdf)"},
		{[]string{"build", "--workers", "-1"}, "", "seedpress build: --workers must be 0 or more, not -1"},
		{[]string{"build", "--workers", "many"}, "", `seedpress build: invalid value "many" for flag -workers`},
		{[]string{"build", "--colour"}, "", "seedpress build: flag provided but not defined: -colour"},
		{[]string{"check", "extra"}, "", `seedpress check: unexpected argument "extra"`},
		{[]string{"build"}, "yesterday", `seedpress build: SOURCE_DATE_EPOCH="yesterday" is not a whole number of seconds`},
		{[]string{"build"}, "-1", `seedpress build: SOURCE_DATE_EPOCH="-1" is not a whole number`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			t.Setenv("SOURCE_DATE_EPOCH", tt.env)
			args := tt.args
			if len(args) > 0 && args[0] == "build" {
				args = append(args, "--seeds", seeds, "--out", out)
			}
			r := seedpress(t, args...)
			if r.code != 2 || !strings.Contains(r.stderr, tt.want) || r.stdout != "" {
				t.Errorf("want exit 2 and %q on stderr, got %v", tt.want, r)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a usage error created %s", out)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	r := seedpress(t, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "seedpress ") || !strings.Contains(r.stdout, runtime.Version()) {
		t.Errorf("seedpress version: %v", r)
	}
	v := buildVersions()
	if v.Seedpress == "" || v.Go == "" {
		t.Errorf("buildVersions() = %+v", v)
	}
	for lib, ver := range v.Libraries {
		if !strings.Contains(r.stdout, lib+" "+ver+"\n") {
			t.Errorf("version output lacks %s %s", lib, ver)
		}
	}
}

// TestShippedSeeds checks the shipped seeds: check passes, and dump shows
// one document with the ICANN and IETF glossary.
func TestShippedSeeds(t *testing.T) {
	seeds := filepath.Join(testtool.Root(), "seeds")
	r := seedpress(t, "check", "--seeds", seeds)
	if r.code != 0 || !strings.Contains(r.stderr, "0 errors, 0 warnings") {
		t.Errorf("check of the shipped seeds: %v", r)
	}
	r = seedpress(t, "dump", "--seeds", seeds)
	if r.code != 0 || !strings.HasPrefix(r.stdout, "book\n") || strings.Count(r.stdout, "\ndocument ") != 1 {
		t.Fatalf("dump of the shipped seeds: %v", r)
	}
	for _, want := range []string{`term 0 "ICANN"`, `term 1 "IETF"`, `expansion_en "Internet Corporation for Assigned Names and Numbers" lang=en`} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("dump lacks %s", want)
		}
	}
}

// TestCheckReportsEverything checks that one run reports the problems of
// every file, with clickable paths, and the count line.
func TestCheckReportsEverything(t *testing.T) {
	seeds := writeSeeds(t, map[string]string{
		"01_bos.txt":    "",
		"02_ikili.txt":  "abc\x00def",
		"03_bosluk.txt": " \n\t\n",
		"04_iyi.txt":    "Bu dosya iyi.",
	})
	r := seedpress(t, "check", "--seeds", seeds)
	want := []string{
		seeds + "/01_bos.txt: error: empty file",
		seeds + "/02_ikili.txt: error: binary file (NUL byte at line 1 col 4)",
		seeds + "/03_bosluk.txt: error: no text: the file holds only white space",
	}
	var errs, warns int
	if _, err := fmt.Sscanf(r.stderr[strings.LastIndex(strings.TrimSuffix(r.stderr, "\n"), "\n")+1:], "%d errors, %d warnings", &errs, &warns); err != nil || errs < 3 {
		t.Errorf("count line: %v, %d errors; want 3 or more", err, errs)
	}
	if r.code != 1 {
		t.Errorf("exit %d, want 1", r.code)
	}
	for _, w := range want {
		if !strings.Contains(r.stderr, w+"\n") {
			t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
		}
	}
}

// TestStrict checks that --strict turns warnings into errors for check
// and build, and that a warning alone does not fail a build.
func TestStrict(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	// Windows-1254 bytes: read with a warning.
	seeds := writeSeeds(t, map[string]string{"eski.txt": "\x93G\xfczel\x94 bir g\xfcn, \xe7ok g\xfczel \xfeeyler. \xdd\xfeler yolunda."})
	warning := "eski.txt is not valid UTF-8; read it as windows-1254"

	r := seedpress(t, "check", "--seeds", seeds)
	if r.code != 0 || !strings.Contains(r.stderr, ": warning: "+warning) || !strings.Contains(r.stderr, "0 errors, 1 warning") {
		t.Errorf("check: %v", r)
	}
	r = seedpress(t, "check", "--strict", "--seeds", seeds)
	if r.code != 1 || !strings.Contains(r.stderr, ": error: "+warning) || !strings.Contains(r.stderr, "1 error, 0 warnings") {
		t.Errorf("check --strict: %v", r)
	}
	out := previousDist(t)
	before := tree(t, out)
	r = seedpress(t, "build", "--strict", "--seeds", seeds, "--out", out)
	if r.code != 1 || !strings.Contains(r.stderr, ": error: "+warning) {
		t.Errorf("build --strict: %v", r)
	}
	if tree(t, out) != before {
		t.Error("build --strict changed the output folder")
	}
	r = seedpress(t, "build", "--strict", "--format", "dataset", "--seeds", seeds, "--out", out)
	if r.code != 1 || !strings.Contains(r.stderr, ": error: "+warning) {
		t.Errorf("build --strict --format dataset: %v", r)
	}
	if tree(t, out) != before {
		t.Error("build --strict --format dataset changed the output folder")
	}
	r = seedpress(t, "build", "--quiet", "--format", "dataset", "--seeds", seeds, "--out", out)
	if r.code != 0 || !strings.Contains(r.stderr, ": warning: "+warning) {
		t.Errorf("build with a warning: %v", r)
	}
}

// TestProgressBar checks when a build shows a progress bar: only on a
// terminal, and only for long work (over 200 seeds or 5 MB of them).
func TestProgressBar(t *testing.T) {
	many := map[string]string{}
	for i := range progressSeeds + 1 {
		many[fmt.Sprintf("%03d.txt", i)] = "Bir."
	}
	few := map[string]string{"a.txt": "Bir.", "notes.pdf": strings.Repeat("x", progressBytes+1)}
	tests := []struct {
		name  string
		files map[string]string
		long  bool
	}{
		{"201 seeds", many, true},
		{"one small seed and a big non-seed", few, false},
		{"one big seed", map[string]string{"a.md": strings.Repeat("x", progressBytes+1)}, true},
	}
	for _, tt := range tests {
		if got := longWork(writeSeeds(t, tt.files)); got != tt.long {
			t.Errorf("%s: longWork = %v, want %v", tt.name, got, tt.long)
		}
	}
	if longWork(filepath.Join(t.TempDir(), "missing")) {
		t.Error("longWork of a missing folder")
	}
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	must(t, err)
	defer f.Close()
	for _, w := range []io.Writer{f, &strings.Builder{}} {
		if isTerminal(w) {
			t.Errorf("isTerminal(%T) = true", w)
		}
	}
	// A long build to a non-terminal draws no bar.
	t.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	r := seedpress(t, "build", "--format", "dataset", "--seeds", writeSeeds(t, many), "--out", filepath.Join(t.TempDir(), "dist"))
	if r.code != 0 || strings.ContainsAny(r.stderr, "\r█") {
		t.Errorf("build of 201 seeds: %v", r)
	}
}

// TestSchema checks that schema writes every schema dataset.Schemas
// returns, byte for byte, and leaves no temporary file.
func TestSchema(t *testing.T) {
	out := filepath.Join(t.TempDir(), "schema")
	r := seedpress(t, "schema", "--out", out)
	if r.code != 0 {
		t.Fatalf("schema: %v", r)
	}
	want, err := dataset.Schemas()
	must(t, err)
	entries, err := os.ReadDir(out)
	must(t, err)
	if len(entries) != len(want) || len(want) == 0 {
		t.Errorf("%d files written, want %d", len(entries), len(want))
	}
	for name, data := range want {
		got, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || !bytes.Equal(got, data) || !json.Valid(got) {
			t.Errorf("%s: written %d bytes (%v), want the %d of dataset.Schemas", name, len(got), err, len(data))
		}
	}
}

// TestStreamGCPercent checks the streamed build's collector setting:
// streamGCPercent while it runs, unless GOGC is set, and the setting before
// afterwards; and that a streamed build through run restores it too.
func TestStreamGCPercent(t *testing.T) {
	gcPercent := func() int { p := debug.SetGCPercent(-1); debug.SetGCPercent(p); return p }
	old := debug.SetGCPercent(123)
	defer debug.SetGCPercent(old)
	for _, tt := range []struct {
		env    map[string]string
		during int
	}{
		{map[string]string{}, streamGCPercent},
		{map[string]string{"GOGC": "150"}, 123}, // the runtime read GOGC at start; seedpress leaves it
		{map[string]string{"GOGC": ""}, 123},
	} {
		restore := streamGC(func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
		if got := gcPercent(); got != tt.during {
			t.Errorf("env %v: GC percent during the build %d, want %d", tt.env, got, tt.during)
		}
		restore()
		if got := gcPercent(); got != 123 {
			t.Errorf("env %v: GC percent afterwards %d, want 123", tt.env, got)
		}
	}
	r := seedpress(t, "build", "--seeds", filepath.Join(testtool.Root(), "seeds"), "--out", t.TempDir(), "--format", "dataset", "--quiet")
	if got := gcPercent(); got != 123 || r.code != 0 {
		t.Errorf("build %v; GC percent afterwards %d, want 123", r, got)
	}
}
