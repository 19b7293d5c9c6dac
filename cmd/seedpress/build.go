package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/seedpress/seedpress/exporters"
	"github.com/seedpress/seedpress/exporters/dataset"
	"github.com/seedpress/seedpress/pipeline"
	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/manifest"
)

// source returns the pipeline on seedsDir as an exporters.Source: it gives
// the book to a sink through count (when not nil), and reports the
// stages' problems. The glossary comes without its Uses, which grow with
// the book and which no edition reads (pipeline.Options.OmitUses).
func source(seedsDir string, workers int, count *counter) exporters.Source {
	return func(sink doc.Sink) (diag.List, error) {
		if count != nil {
			count.Sink = sink
			sink = count
		}
		return pipeline.Stream(seedsDir, pipeline.Options{Workers: workers, OmitUses: true}, sink)
	}
}

// located returns diags with their paths joined to seedsDir (see prefixed),
// sorted.
func located(seedsDir string, diags diag.List) diag.List {
	diags = prefixed(seedsDir, diags)
	diags.Sort()
	return diags
}

// prefixed returns diags with every file path joined to seedsDir, so that
// they are paths a user can open (a diagnostic about no file in particular
// gets seedsDir itself). A diagnostic about the seeds folder as a whole
// already names it as given, and is left alone.
func prefixed(seedsDir string, diags diag.List) diag.List {
	out := make(diag.List, len(diags))
	for i, d := range diags {
		if d.Pos.File != seedsDir {
			d.Pos.File = filepath.Join(seedsDir, filepath.FromSlash(d.Pos.File))
		}
		out[i] = d
	}
	return out
}

// report prints diags to w, notes only when notes is set, and then the
// count line "N errors, M warnings" when always is set or there is
// something to count.
func report(w io.Writer, diags diag.List, notes, always bool) {
	bw := bufio.NewWriter(w)
	for _, d := range diags {
		if d.Severity == diag.Note && !notes {
			continue
		}
		fmt.Fprintln(bw, d.String())
	}
	if e, warn := diags.Count(); always || e+warn > 0 {
		fmt.Fprintf(bw, "%s, %s\n", plural(e, "error"), plural(warn, "warning"))
	}
	bw.Flush()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

const checkSynopsis = "seedpress check [--seeds DIR] [--strict]"

func runCheck(args []string, stdout, stderr io.Writer) error {
	fs := flagSet("check")
	seeds := fs.String("seeds", "seeds", "read the seeds and book.yaml from `DIR`")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	if err := parse(fs, checkSynopsis, args, stdout); err != nil {
		return helped(err)
	}
	// The same route as a build's, with the formats' checks and no output.
	diags, err := exporters.Check(source(*seeds, 0, nil), exporters.Formats(), exporters.Options{Strict: *strict})
	diags = located(*seeds, diags)
	report(stderr, diags, true, true)
	if diags.HasErrors() {
		return errReported
	}
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	return nil
}

const dumpSynopsis = "seedpress dump [--seeds DIR]"

func runDump(args []string, stdout, stderr io.Writer) error {
	fs := flagSet("dump")
	seeds := fs.String("seeds", "seeds", "read the seeds and book.yaml from `DIR`")
	if err := parse(fs, dumpSynopsis, args, stdout); err != nil {
		return helped(err)
	}
	b, diags := pipeline.Build(*seeds, pipeline.Options{})
	report(stderr, located(*seeds, diags), false, false)
	if b == nil {
		return errReported
	}
	bw := bufio.NewWriter(stdout)
	if err := doc.Dump(bw, b); err != nil {
		return fmt.Errorf("dump: %w", err)
	}
	return bw.Flush()
}

// streamGCPercent is the collector's GOGC during a build: every format
// streams, so few documents are live at once.
const streamGCPercent = 200

// streamGC sets the collector to streamGCPercent unless GOGC is set in the
// environment lookup reads, and returns what restores the setting before.
func streamGC(lookup func(string) (string, bool)) (restore func()) {
	if _, set := lookup("GOGC"); set {
		return func() {}
	}
	old := debug.SetGCPercent(streamGCPercent)
	return func() { debug.SetGCPercent(old) }
}

const buildSynopsis = "seedpress build [--seeds DIR] [--out DIR] [--format epub,pdf,dataset] [--strict] [--quiet] [--workers N] [--shard-size SIZE]"

// parseFormats turns a comma-separated list into formats, in table order
// and each once.
func parseFormats(list string) ([]exporters.Format, error) {
	want := map[string]bool{}
	for _, name := range strings.Split(list, ",") {
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		if _, ok := exporters.Lookup(name); !ok {
			return nil, fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(exporters.Names(), ", "))
		}
		want[name] = true
	}
	if len(want) == 0 {
		return nil, fmt.Errorf("no format given (known: %s)", strings.Join(exporters.Names(), ", "))
	}
	var formats []exporters.Format
	for _, f := range exporters.Formats() {
		if want[f.Name] {
			formats = append(formats, f)
		}
	}
	return formats, nil
}

// Thresholds above which a build counts as long enough for a progress bar.
const (
	progressSeeds = 200
	progressBytes = 5 << 20
)

func runBuild(args []string, stdout, stderr io.Writer) error {
	fs := flagSet("build")
	seeds := fs.String("seeds", "seeds", "read the seeds and book.yaml from `DIR`")
	out := fs.String("out", "dist", "publish into `DIR`")
	formatList := fs.String("format", strings.Join(exporters.Names(), ","), "publish only these comma-separated `FORMATS`")
	strict := fs.Bool("strict", false, "treat warnings as errors")
	quiet := fs.Bool("quiet", false, "print only warnings and errors: no notes, progress or summary")
	workers := fs.Int("workers", 0, "process at most `N` seeds at once (0: one per CPU)")
	shardSize := fs.String("shard-size", "256MiB", "split a dataset table whose JSON Lines pass `SIZE` (bytes, or with KiB, MiB or GiB) into shards")
	if err := parse(fs, buildSynopsis, args, stdout); err != nil {
		return helped(err)
	}
	usage := func(format string, a ...any) error {
		return &usageError{msg: "seedpress build: " + fmt.Sprintf(format, a...), usage: usageText(fs, buildSynopsis)}
	}
	formats, err := parseFormats(*formatList)
	if err != nil {
		return usage("%v", err)
	}
	if *workers < 0 {
		return usage("--workers must be 0 or more, not %d", *workers)
	}
	shardBytes, err := parseSize(*shardSize)
	if err != nil {
		return usage("--shard-size: %v", err)
	}
	if _, _, err := epochEnv(os.LookupEnv); err != nil {
		return &usageError{msg: "seedpress build: " + err.Error()}
	}
	start := time.Now() // for the summary only, never for the artifacts

	// The documents go from the stages to every format a few at a time and
	// no format keeps the book, so only a few documents are live (a few
	// MiB), and the default GOGC runs the collector every few MiB
	// allocated; at streamGCPercent it runs half as often, for a tenth less
	// time on 1,000 documents and a few MiB more at the peak, still flat in
	// the corpus size. GOGC in the environment wins.
	defer streamGC(os.LookupEnv)()

	// The release time is needed before the first document: the manifest's
	// date is read here, and the manifest again by the pipeline, which
	// reports its problems.
	date := ""
	if m, _ := manifest.Load(*seeds); m != nil {
		date = m.Meta.Date
	}
	modified, from, err := releaseTime(epochInputs{
		lookup: os.LookupEnv, gitTime: gitCommitTime, seedsDir: *seeds, date: date,
	})
	if err != nil {
		return err
	}
	v := buildVersions()
	opts := exporters.Options{
		Modified:   modified,
		Version:    v.Seedpress,
		GoVersion:  v.Go,
		Libraries:  v.Libraries,
		Strict:     *strict,
		ShardBytes: shardBytes,
	}
	count := &counter{}
	if !*quiet && isTerminal(stderr) && longWork(*seeds) {
		count.bar = newBar(stderr, formats)
		opts.Progress = func(string) { count.bar.Add(1) }
	}

	// An interrupt while the formats are written removes their temporary
	// files and leaves the output folder as it was.
	var sig os.Signal // the signal that cancelled, read once Cancel is closed
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	cancel, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		select {
		case sig = <-sigs:
			close(cancel)
		case <-stopped:
		}
	}()
	stop := sync.OnceFunc(func() {
		signal.Stop(sigs)
		close(stopped)
	})
	opts.Cancel = cancel
	res, diags, err := exporters.Publish(*out, source(*seeds, *workers, count), formats, opts)
	stop()
	// After an interrupt the pipeline may still be running: there are no
	// diagnostics to read.
	if !errors.Is(err, exporters.ErrInterrupted) {
		diags = located(*seeds, diags)
		if count.bar != nil && len(diags) > 0 {
			count.bar.Clear() // the diagnostics go on lines of their own
		}
		report(stderr, diags, !*quiet, false)
		if diags.HasErrors() {
			return errReported
		}
	}
	if count.bar != nil {
		count.bar.Finish()
	}
	if errors.Is(err, exporters.ErrInterrupted) {
		return &interrupted{sig: sig, msg: fmt.Sprintf("build interrupted: %s is unchanged", *out)}
	}
	if err != nil {
		return fmt.Errorf("build: %w (%s is unchanged)", err, *out)
	}
	if !*quiet {
		summary(stderr, count.counts, res, *out, modified, from, time.Since(start))
	}
	return nil
}

// newBar returns the progress bar of a build of formats: a step for each
// document (the number comes with the book) and one for each format
// written and checked.
func newBar(w io.Writer, formats []exporters.Format) *progressbar.ProgressBar {
	bar := progressbar.NewOptions(len(formats),
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("reading seeds"),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
	)
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	bar.Describe("reading seeds, writing " + strings.Join(names, ", "))
	bar.RenderBlank()
	return bar
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// longWork reports whether the seeds folder is big enough for a progress
// bar: more than 200 seeds or more than 5 MB.
func longWork(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	n, size := 0, int64(0)
	for _, e := range entries {
		if ext := strings.ToLower(filepath.Ext(e.Name())); ext != ".txt" && ext != ".md" {
			continue
		}
		n++
		if fi, err := e.Info(); err == nil {
			size += fi.Size()
		}
	}
	return n > progressSeeds || size > progressBytes
}

// counts is what the summary says of a book.
type counts struct {
	title                       string
	documents, words, sentences int
}

// add counts d.
func (c *counts) add(d *doc.Document) {
	c.documents++
	sentences, words := d.Counts()
	c.sentences += sentences
	c.words += words
}

// counter is a doc.Sink that counts what passes through it on the way to
// Sink, and moves the progress bar, when there is one, a step a document.
type counter struct {
	doc.Sink
	counts
	bar *progressbar.ProgressBar
}

func (c *counter) Begin(m doc.Meta, documents int) error {
	c.title = m.Title
	if c.bar != nil {
		c.bar.ChangeMax(c.bar.GetMax() + documents)
	}
	return c.Sink.Begin(m, documents)
}

func (c *counter) Document(d *doc.Document) error {
	c.add(d)
	if c.bar != nil {
		c.bar.Add(1)
	}
	return c.Sink.Document(d)
}

// summary prints what a build published: counts from the model, each
// output with its size, the release time and how long it took.
func summary(w io.Writer, n counts, res exporters.Result, outDir string, modified time.Time, source epochSource, took time.Duration) {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s: %s, %s, %s\n", n.title, plural(n.documents, "document"), plural(n.words, "word"), plural(n.sentences, "sentence"))
	for _, o := range res.Outputs {
		name := filepath.Join(outDir, o.Path)
		extra := ""
		if o.Pages > 0 {
			extra = "  " + plural(o.Pages, "page")
		}
		if len(o.Records) > 0 {
			tables := make([]string, 0, len(o.Records))
			for t := range o.Records {
				tables = append(tables, t)
			}
			sort.Strings(tables)
			for i, t := range tables {
				tables[i] = fmt.Sprintf("%s %d", t, o.Records[t])
			}
			extra = "  " + strings.Join(tables, ", ")
		}
		if o.Format == "dataset" {
			name += string(filepath.Separator)
		}
		fmt.Fprintf(bw, "  %-48s %10s%s\n", name, size(o.Size), extra)
	}
	fmt.Fprintf(bw, "  %-48s %d files\n", filepath.Join(outDir, exporters.SumsName), len(res.Files))
	fmt.Fprintf(bw, "SOURCE_DATE_EPOCH=%d (%s, from %s); built in %s\n", modified.Unix(), modified.Format(time.RFC3339), source, took.Round(time.Millisecond))
	bw.Flush()
}

// size formats n bytes for people: 812 B, 12.3 kB, 4.5 MB.
func size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%.1f kB", float64(n)/1000)
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

const schemaSynopsis = "seedpress schema [--out DIR]"

// runSchema writes the dataset's JSON Schemas, generated from the record
// types with the doc comments compiled in: it needs no source checkout
// (TestSchemaFromBinary runs it outside the module).
func runSchema(args []string, stdout, stderr io.Writer) error {
	fs := flagSet("schema")
	out := fs.String("out", "schema", "write the *.schema.json files into `DIR`")
	if err := parse(fs, schemaSynopsis, args, stdout); err != nil {
		return helped(err)
	}
	schemas, err := dataset.Schemas()
	if err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return fmt.Errorf("schema: %w", err)
	}
	names := make([]string, 0, len(schemas))
	for name := range schemas {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !filepath.IsLocal(name) || strings.ContainsAny(name, `/\`) {
			return fmt.Errorf("schema: bad file name %q", name)
		}
		if err := exporters.WriteFileAtomic(filepath.Join(*out, name), schemas[name]); err != nil {
			return fmt.Errorf("schema: %w", err)
		}
	}
	fmt.Fprintf(stderr, "wrote %s to %s\n", plural(len(names), "schema"), *out)
	return nil
}
