package main

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/seedpress/seedpress/internal/corpus"
)

// Row is one measured run.
type Row struct {
	Docs   int
	Corpus corpus.Stats
	Tool   string // "seedpress" or "pandoc"
	Run    string // seedpress: "all", "epub", "pdf", "dataset"; pandoc: "epub3", "json"
	M      Measurement
	Pages  int // pages of the PDF written; 0 when none
	// Rich marks a run on the rich corpus of Docs documents (footnotes,
	// tables, figures: corpus.Generator.Rich) rather than the prose one.
	Rich bool
}

// bench runs the measurements of one invocation.
type bench struct {
	*config
	log io.Writer
	r   *runner
}

// corpusDir returns the folder of the corpus of n documents, generating it
// unless a complete one is cached. A corpus is complete when its stats
// file, written last, exists.
func (b *bench) corpusDir(n int, rich bool) (string, corpus.Stats, error) {
	name := fmt.Sprintf("n%d-seed%d-v%d", n, b.seed, corpus.Version)
	if rich {
		name += "-rich"
	}
	dir := filepath.Join(b.work, "corpus", name)
	stamp := dir + ".json"
	var st corpus.Stats
	if data, err := os.ReadFile(stamp); err == nil && json.Unmarshal(data, &st) == nil && st.Documents == n {
		if _, err := os.Stat(dir); err == nil {
			fmt.Fprintf(b.log, "seedbench: corpus of %d documents: cached in %s\n", n, dir)
			return dir, st, nil
		}
	}
	fmt.Fprintf(b.log, "seedbench: generating a corpus of %d documents in %s\n", n, dir)
	if err := os.RemoveAll(dir); err != nil {
		return "", st, err
	}
	g := corpus.Generator{Rich: rich}
	st, err := g.Generate(dir, n, b.seed)
	if err != nil {
		return "", st, err
	}
	data, err := json.Marshal(st)
	if err != nil {
		return "", st, err
	}
	if err := os.WriteFile(stamp, data, 0o644); err != nil {
		return "", st, err
	}
	return dir, st, nil
}

// size measures every run on the corpus of n documents, and then, with
// -rich, the EPUB and dataset runs (and pandoc's EPUB) on the rich corpus
// of n documents.
func (b *bench) size(n int) ([]Row, error) {
	rows, err := b.corpusRuns(n, false, b.formats, []string{"epub3", "json"})
	if err != nil || !b.rich {
		return rows, err
	}
	var formats []string
	for _, f := range b.formats {
		if f == "epub" || f == "dataset" {
			formats = append(formats, f)
		}
	}
	rich, err := b.corpusRuns(n, true, formats, []string{"epub3"})
	return append(rows, rich...), err
}

// corpusRuns measures seedpress's builds of formats and pandoc's runs
// (epub3, json) on the prose or rich corpus of n documents.
func (b *bench) corpusRuns(n int, rich bool, formats, pandocRuns []string) ([]Row, error) {
	kind := ""
	if rich {
		kind = "-rich"
	}
	dir, st, err := b.corpusDir(n, rich)
	if err != nil {
		return nil, fmt.Errorf("corpus of %d: %w", n, err)
	}
	var rows []Row
	for _, f := range formats {
		out := filepath.Join(b.work, "out", fmt.Sprintf("n%d%s-%s", n, kind, f))
		if err := os.RemoveAll(out); err != nil {
			return nil, err
		}
		format := f
		if f == "all" {
			format = "epub,pdf,dataset"
		}
		fmt.Fprintf(b.log, "seedbench: %d%s docs: seedpress build --format %s\n", n, kind, format)
		row := Row{Docs: n, Corpus: st, Tool: "seedpress", Run: f, Rich: rich}
		row.M = b.r.measure(b.work, b.seedpress, "build", "--seeds", dir, "--out", out, "--format", format, "--quiet")
		if row.M.OK() && (f == "all" || f == "pdf") {
			pdf, err := findPDF(out)
			if err == nil {
				row.Pages, err = pdfPages(b.pdfinfo, pdf)
			}
			if err != nil {
				row.M.Err = "pages: " + err.Error()
			}
		}
		b.logRow(row)
		rows = append(rows, row)
	}
	if b.pandoc == "" {
		return rows, nil
	}
	seeds, err := seedFiles(dir)
	if err != nil {
		return nil, err
	}
	out := filepath.Join(b.work, "out", fmt.Sprintf("n%d%s-pandoc", n, kind))
	if err := os.RemoveAll(out); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	files := map[string]string{"epub3": "book.epub", "json": "book.json"}
	for _, run := range pandocRuns {
		fmt.Fprintf(b.log, "seedbench: %d%s docs: pandoc -t %s\n", n, kind, run)
		args := append([]string{"-f", "markdown", "-t", run, "--metadata-file", "book.yaml",
			"-o", filepath.Join(out, files[run])}, seeds...)
		row := Row{Docs: n, Corpus: st, Tool: "pandoc", Run: run, Rich: rich}
		row.M = b.r.measure(dir, b.pandoc, args...)
		b.logRow(row)
		rows = append(rows, row)
	}
	return rows, nil
}

func (b *bench) logRow(r Row) {
	status := "ok"
	if !r.M.OK() {
		status = r.M.Err
	}
	fmt.Fprintf(b.log, "seedbench:   %s %s: %.2f s wall, %.2f s CPU, %d MB peak: %s\n",
		r.Tool, r.Run, r.M.Wall.Seconds(), r.M.CPU().Seconds(), r.M.MaxRSSKB/1024, status)
}

// seedFiles returns the names of the seed files of dir (*.md, *.txt), sorted,
// relative to dir.
func seedFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); ext == ".md" || ext == ".txt" {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// findPDF returns the one PDF under dir.
func findPDF(dir string) (string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(path), ".pdf") {
			found = append(found, path)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	if len(found) != 1 {
		return "", fmt.Errorf("want one PDF in %s, found %d", filepath.Base(dir), len(found))
	}
	return found[0], nil
}
