// Command seedbench is seedpress's benchmark harness (make bench).
//
// For each corpus size it generates a deterministic corpus of Turkish seed
// files (internal/corpus, cached in the work folder by size and seed), runs
// "seedpress build" on it for all formats together and for each format alone
// under /usr/bin/time -v, and, when pandoc is installed, runs pandoc → EPUB 3
// and pandoc → JSON on the same files in the same run. It prints Markdown
// tables to stdout: wall time, CPU time, peak RSS, MB of seed text per
// second, PDF pages per second, the ratios against pandoc and the issue's
// targets. Progress goes to stderr.
//
// Usage:
//
//	seedbench [-sizes 100,1000,10000] [-formats all,epub,pdf,dataset] [-work .bench]
//	          [-pandoc auto|off|PATH] [-seedpress PATH] [-seed 1] [-timeout 15m]
//
// It asserts nothing about time: it measures and reports.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "seedbench:", err)
		if errors.Is(err, errUsage) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

// config is the parsed command line.
type config struct {
	sizes     []int
	formats   []string
	work      string // absolute
	pandoc    string // path of pandoc; "" when not run
	seedpress string // path of the seedpress binary; "" means build it
	seed      int64
	timeout   time.Duration
	timeBin   string // path of GNU time; "" falls back to rusage
	pdfinfo   string // path of pdfinfo; "" falls back to counting objects
	rich      bool   // also measure the EPUB and dataset on rich corpora
}

// knownFormats are the values -formats accepts; "all" is every edition in
// one build.
var knownFormats = []string{"all", "epub", "pdf", "dataset"}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("seedbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("sizes", "100,1000,10000", "comma-separated corpus sizes, in documents")
	formats := fs.String("formats", "all,epub,pdf,dataset", "comma-separated builds to measure: all (every format in one build), epub, pdf, dataset")
	work := fs.String("work", ".bench", "work folder for corpora, outputs and the seedpress binary")
	pandoc := fs.String("pandoc", "auto", "pandoc to compare with: auto (when on PATH), off, or a path")
	seedpress := fs.String("seedpress", "", "seedpress binary to measure (default: go build ./cmd/seedpress into the work folder)")
	seed := fs.Int64("seed", 1, "random seed of the generated corpora")
	timeout := fs.Duration("timeout", 15*time.Minute, "time limit of each measured run")
	timeBin := fs.String("time", "/usr/bin/time", "GNU time, run with -v; if missing, the Go runtime's rusage is used")
	rich := fs.Bool("rich", true, "also build rich corpora (footnotes, tables, figures) of each size to EPUB and dataset, and compare with the prose runs")
	if err := fs.Parse(args); err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	c := &config{seed: *seed, timeout: *timeout, seedpress: *seedpress, rich: *rich}
	var err error
	if c.sizes, err = parseSizes(*sizes); err != nil {
		return nil, fmt.Errorf("%w: -sizes: %v", errUsage, err)
	}
	if c.formats, err = parseFormats(*formats); err != nil {
		return nil, fmt.Errorf("%w: -formats: %v", errUsage, err)
	}
	if c.work, err = filepath.Abs(*work); err != nil {
		return nil, err
	}
	switch *pandoc {
	case "off", "":
	case "auto":
		c.pandoc, _ = exec.LookPath("pandoc")
	default:
		if c.pandoc, err = exec.LookPath(*pandoc); err != nil {
			return nil, fmt.Errorf("-pandoc: %w", err)
		}
	}
	if p, err := exec.LookPath(*timeBin); err == nil {
		c.timeBin = p
	}
	c.pdfinfo, _ = exec.LookPath("pdfinfo")
	if c.seedpress != "" {
		if c.seedpress, err = filepath.Abs(c.seedpress); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// parseSizes parses "100,1000,10000".
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		n, err := strconv.Atoi(f)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("bad size %q: want a positive number of documents", f)
		}
		out = append(out, n)
	}
	return out, nil
}

// parseFormats parses "all,epub,pdf,dataset".
func parseFormats(s string) ([]string, error) {
	var out []string
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		known := false
		for _, k := range knownFormats {
			known = known || f == k
		}
		if !known {
			return nil, fmt.Errorf("unknown format %q (want %s)", f, strings.Join(knownFormats, ", "))
		}
		out = append(out, f)
	}
	return out, nil
}

func run(args []string, stdout, stderr io.Writer) error {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.work, 0o755); err != nil {
		return err
	}
	if c.seedpress == "" {
		c.seedpress = filepath.Join(c.work, "seedpress")
		fmt.Fprintf(stderr, "seedbench: go build -o %s ./cmd/seedpress\n", c.seedpress)
		cmd := exec.Command("go", "build", "-o", c.seedpress, "./cmd/seedpress")
		cmd.Stdout, cmd.Stderr = stderr, stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("build seedpress: %w", err)
		}
	}
	// The measured commands run in process groups of their own, which a
	// terminal's Ctrl-C does not reach: an interrupt cancels ctx, and that
	// kills the running one.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	b := &bench{config: c, log: stderr, r: &runner{ctx: ctx, timeBin: c.timeBin, timeout: c.timeout, scratch: c.work}}
	res := &results{Machine: describeMachine(c), Pandoc: c.pandoc != ""}
	for _, n := range c.sizes {
		rows, err := b.size(n)
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return errors.New("interrupted")
		}
		res.Rows = append(res.Rows, rows...)
	}
	res.LoadEnd = loadAverage()
	return res.write(stdout)
}
