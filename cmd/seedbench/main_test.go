package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/seedpress/seedpress/internal/corpus"
	"github.com/seedpress/seedpress/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestParseSizes(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"100,1000,10000", "[100 1000 10000]", true},
		{" 5 , 7", "[5 7]", true},
		{"0", "", false},
		{"10,x", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, err := parseSizes(tt.in)
		if (err == nil) != tt.ok || (tt.ok && fmt.Sprint(got) != tt.want) {
			t.Errorf("parseSizes(%q) = %v, %v; want %s, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestParseFormats(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"all,epub,pdf,dataset", true},
		{"pdf", true},
		{"docx", false},
		{"epub,", false},
	}
	for _, tt := range tests {
		if _, err := parseFormats(tt.in); (err == nil) != tt.ok {
			t.Errorf("parseFormats(%q): err = %v, want ok=%v", tt.in, err, tt.ok)
		}
	}
}

func TestXelatexPagesPerSec(t *testing.T) {
	tests := []struct {
		docs int
		want float64
	}{
		{1, 1508.0 / 23},
		{1000, 1508.0 / 23},
		{5000, 1508.0 / 23},
		{10000, 14904.0 / 232},
		{20000, 14904.0 / 232},
	}
	for _, tt := range tests {
		if got := xelatexPagesPerSec(tt.docs); got != tt.want {
			t.Errorf("xelatexPagesPerSec(%d) = %v, want %v", tt.docs, got, tt.want)
		}
	}
}

// sampleResults is a fixed set of measurements for the report's golden file.
func sampleResults() *results {
	st1 := corpus.Stats{Documents: 1000, Bytes: 4_900_000}
	st10 := corpus.Stats{Documents: 10000, Bytes: 49_000_000}
	row := func(st corpus.Stats, tool, run string, wall, cpu float64, rssMB int64, pages int) Row {
		return Row{Docs: st.Documents, Corpus: st, Tool: tool, Run: run, Pages: pages, M: Measurement{
			Wall: time.Duration(wall * float64(time.Second)), User: time.Duration(cpu * float64(time.Second)),
			MaxRSSKB: rssMB * 1024,
		}}
	}
	rich := func(r Row) Row {
		r.Rich = true
		r.Corpus.Bytes = r.Corpus.Bytes * 11 / 10
		r.Corpus.Footnotes, r.Corpus.Tables, r.Corpus.Figures = r.Docs*3, r.Docs/5, r.Docs/5
		return r
	}
	failed := row(st10, "seedpress", "pdf", 3.5, 3, 10, 0)
	failed.M.ExitCode, failed.M.Err = 1, "exit status 1: pdf: font | glyph missing"
	return &results{
		Machine: "2 CPUs (GOMAXPROCS 2), test machine",
		LoadEnd: "1.00 2.00 3.00",
		Pandoc:  true,
		Rows: []Row{
			row(st1, "seedpress", "all", 1.2, 2.0, 150, 1400),
			row(st1, "seedpress", "epub", 0.4, 0.6, 60, 0),
			row(st1, "seedpress", "pdf", 0.9, 1.5, 120, 1400),
			row(st1, "seedpress", "dataset", 0.3, 0.5, 40, 0),
			row(st1, "pandoc", "epub3", 7.8, 7.5, 566, 0),
			row(st1, "pandoc", "json", 3.0, 2.9, 439, 0),
			row(st10, "seedpress", "all", 11, 20, 900, 14000),
			row(st10, "seedpress", "epub", 4, 6, 300, 0),
			failed,
			row(st10, "seedpress", "dataset", 4.5, 5, 70, 0),
			row(st10, "pandoc", "epub3", 163, 160, 4700, 0),
			row(st10, "pandoc", "json", 48, 47, 3500, 0),
			rich(row(st10, "seedpress", "epub", 4.8, 7, 320, 0)),
			rich(row(st10, "seedpress", "dataset", 5, 5.5, 75, 0)),
			rich(row(st10, "pandoc", "epub3", 190, 185, 5200, 0)),
		},
	}
}

func TestReportGolden(t *testing.T) {
	var b bytes.Buffer
	if err := sampleResults().write(&b); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "report.golden")
	if *update {
		if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), want) {
		t.Errorf("report differs from %s (go test -update rewrites it):\n%s", golden, b.String())
	}
}

// fakeSeedpress is a stand-in for the seedpress binary: it answers
// "version" and, for "build", writes a two-page PDF when asked for one and
// fails when the seeds folder holds no book.yaml.
const fakeSeedpress = `#!/bin/sh
if [ "$1" = version ]; then echo "seedpress fake"; exit 0; fi
seeds= out= format=
while [ $# -gt 0 ]; do
	case "$1" in
	--seeds) seeds=$2; shift ;;
	--out) out=$2; shift ;;
	--format) format=$2; shift ;;
	esac
	shift
done
[ -f "$seeds/book.yaml" ] || { echo "no book.yaml" >&2; exit 1; }
mkdir -p "$out"
case "$format" in
*pdf*) printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj\n3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] >> endobj\n4 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 420 595] >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' > "$out/book.pdf" ;;
esac
if [ "$format" = epub ]; then echo "epub: broken on purpose" >&2; exit 3; fi
exit 0
`

// TestRun runs the whole harness against a fake seedpress: corpora are
// generated once and then taken from the cache, every run gets a row, page
// counts reach the table and a failing run is reported with its exit
// status and stderr.
func TestRun(t *testing.T) {
	testtool.Require(t, "sh", "a POSIX shell")
	dir := t.TempDir()
	fake := filepath.Join(dir, "seedpress")
	if err := os.WriteFile(fake, []byte(fakeSeedpress), 0o755); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(dir, "work")
	args := []string{"-sizes", "3,5", "-formats", "all,epub,pdf", "-work", work, "-seedpress", fake, "-pandoc", "off", "-timeout", "1m"}
	var out, log bytes.Buffer
	if err := run(args, &out, &log); err != nil {
		t.Fatalf("run: %v\n%s", err, log.String())
	}
	table := out.String()
	for _, want := range []string{
		"| 3 | prose | 0.0 | seedpress | all |",
		"| 5 | prose | 0.0 | seedpress | pdf |",
		"| 5 | rich | 0.0 | seedpress | epub |",
		"### Rich manuscripts against prose",
		"FAILED: exit status 3: epub: broken on purpose",
		"seedpress fake",
		"not measured",
	} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
	pageRows := regexp.MustCompile(`(?m)\| (all|pdf) \|[^\n]* \| 2 \| \d* \| ok \|$`)
	if n := len(pageRows.FindAllString(table, -1)); n != 4 {
		t.Errorf("want 2 pages in the all and pdf rows of both sizes (4 rows), got %d:\n%s", n, table)
	}
	if strings.Contains(log.String(), "cached") {
		t.Errorf("first run used a cache:\n%s", log.String())
	}
	log.Reset()
	if err := run(args, &out, &log); err != nil {
		t.Fatalf("second run: %v", err)
	}
	if n := strings.Count(log.String(), "cached"); n != 4 {
		t.Errorf("second run: want the four corpora (two sizes, prose and rich) from the cache, log:\n%s", log.String())
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{
		{"-sizes", "ten"},
		{"-formats", "docx"},
		{"extra"},
		{"-nosuchflag"},
	} {
		var out, log bytes.Buffer
		if err := run(args, &out, &log); err == nil || !strings.Contains(err.Error(), "usage") {
			t.Errorf("run(%q) = %v, want a usage error", args, err)
		}
	}
}
