package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
)

// results is everything one invocation measured.
type results struct {
	Machine string
	LoadEnd string // load averages when the runs ended; "" when unknown
	Pandoc  bool   // whether pandoc was run
	Rows    []Row
}

// xelatexRun is one reference measurement of pandoc + xelatex.
type xelatexRun struct {
	docs, pages int
	mb, seconds float64 // MB of seed text, wall time
}

// xelatexRef is issue 7's measurement of pandoc + xelatex → PDF on the
// 2-core machines (xelatex is not installed where seedbench runs, so the
// comparison uses these numbers).
var xelatexRef = []xelatexRun{
	{1000, 1508, 4.9, 23},
	{10000, 14904, 48, 232},
}

// xelatexPagesPerSec returns the reference page rate for a corpus of n
// documents: that of the largest reference size not above n, else the
// smallest.
func xelatexPagesPerSec(n int) float64 {
	r := xelatexFor(n)
	return float64(r.pages) / r.seconds
}

// xelatexMBPerSec returns the reference rate in MB of seed text per second.
func xelatexMBPerSec(n int) float64 {
	r := xelatexFor(n)
	return r.mb / r.seconds
}

func xelatexFor(n int) xelatexRun {
	ref := xelatexRef[0]
	for _, r := range xelatexRef {
		if r.docs <= n {
			ref = r
		}
	}
	return ref
}

// Targets from issues 7 and 16.
const (
	targetSpeedup  = 10.0  // × faster than pandoc (EPUB) or xelatex (PDF pages/s)
	targetMemShare = 0.25  // EPUB peak ÷ pandoc → EPUB peak
	targetMBps     = 10.0  // dataset MB/s of seed text
	targetFlat     = 2.0   // dataset peak at 10,000 ÷ at 1,000
	targetFlat100k = 1.5   // dataset peak at 100,000 ÷ at 10,000 (issue 16)
	targetAllWall  = 30.0  // s, everything for 10,000 documents
	targetAllPeak  = 1.5e9 // bytes; "1.5 GB"
)

// Targets from issue 14.
const (
	targetRichShare = 0.75 // rich PDF pages/s ÷ prose PDF pages/s
	targetTypst     = 3.0  // × Typst's MB/s of seed text on the rich corpus
)

func mb(bytes int64) float64 { return float64(bytes) / 1e6 }

// write prints the results as Markdown.
func (res *results) write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	p("## seedbench results\n\n")
	p("Machine: %s", res.Machine)
	if res.LoadEnd != "" {
		p("; load average %s at the end", res.LoadEnd)
	}
	p(".\n\n")
	p("Wall time, CPU time (user + system) and peak RSS from `/usr/bin/time -v`; MB = 10⁶ bytes of seed text (book.yaml excluded); peak in MiB.\n\n")
	p("| docs | corpus | seed MB | tool | build | wall s | CPU s | peak MiB | MB/s | pages | pages/s | status |\n")
	p("|---:|---|---:|---|---|---:|---:|---:|---:|---:|---:|---|\n")
	for _, r := range res.Rows {
		status := "ok"
		if !r.M.OK() {
			status = "FAILED: " + strings.ReplaceAll(r.M.Err, "|", "/")
		}
		// Rates only for runs that succeeded and took measurable time
		// (time -v reports wall time in hundredths of a second).
		rate, pages, pps := "", "", ""
		if r.M.OK() && r.Pages > 0 {
			pages = strconv.Itoa(r.Pages)
		}
		if secs := r.M.Wall.Seconds(); r.M.OK() && secs > 0 {
			rate = fmt.Sprintf("%.1f", mb(r.Corpus.Bytes)/secs)
			if r.Pages > 0 {
				pps = fmt.Sprintf("%.0f", float64(r.Pages)/secs)
			}
		}
		p("| %d | %s | %.1f | %s | %s | %.2f | %.2f | %d | %s | %s | %s | %s |\n",
			r.Docs, corpusKind(r.Rich), mb(r.Corpus.Bytes), r.Tool, r.Run, r.M.Wall.Seconds(), r.M.CPU().Seconds(),
			r.M.MaxRSSKB/1024, rate, pages, pps, status)
	}
	sizes := res.sizes()
	if res.hasRich() {
		p("\n### Rich manuscripts against prose (issue 13; same run)\n\n")
		p("The rich corpus is the prose corpus of the same size and seed with footnotes, tables and figures added (a note every few paragraphs, a table and a figure in about one document in four). Throughput is MB of seed text per second of wall time and per second of CPU, for the PDF pages per second too; the ratio is rich ÷ prose (the target: ≥ 0.75, within 25%%). pandoc × is pandoc's EPUB time ÷ seedpress's on the rich files (target ≥ 10).\n\n")
		p("| docs | notes | tables | figures | EPUB MB/s rich ÷ prose (wall, CPU) | PDF pages/s rich ÷ prose (wall, CPU) | PDF MB/s rich ÷ prose (wall, CPU) | dataset MB/s rich ÷ prose (wall, CPU) | rich EPUB vs pandoc wall ×, CPU × |\n")
		p("|---:|---:|---:|---:|---|---|---|---|---|\n")
		for _, n := range sizes {
			var r Row
			ok := false
			for _, run := range []string{"epub", "pdf", "dataset"} {
				if r, ok = res.findKind(n, "seedpress", run, true); ok {
					break
				}
			}
			if !ok {
				continue
			}
			p("| %d | %d | %d | %d | %s, %s | %s, %s | %s, %s | %s, %s | %s, %s |\n", n, r.Corpus.Footnotes, r.Corpus.Tables, r.Corpus.Figures,
				res.richRatio(n, "epub", wallOf), res.richRatio(n, "epub", cpuOf),
				res.richPagesRatio(n, wallOf), res.richPagesRatio(n, cpuOf),
				res.richRatio(n, "pdf", wallOf), res.richRatio(n, "pdf", cpuOf),
				res.richRatio(n, "dataset", wallOf), res.richRatio(n, "dataset", cpuOf),
				res.kindRatio(n, true, "pandoc", "epub3", "seedpress", "epub", wallOf),
				res.kindRatio(n, true, "pandoc", "epub3", "seedpress", "epub", cpuOf))
		}
	}
	if res.Pandoc {
		p("\n### Against pandoc (same run, same files)\n\n")
		p("Time ratios are pandoc ÷ seedpress (higher is better for seedpress), by wall time and by CPU time (user + system; seedpress's parallelism does not help it there). Peak ratios are seedpress ÷ pandoc (lower is better).\n\n")
		p("| docs | EPUB wall × | EPUB CPU × | EPUB peak share | JSON vs dataset wall × | JSON vs dataset CPU × | dataset peak share |\n")
		p("|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, n := range sizes {
			p("| %d | %s | %s | %s | %s | %s | %s |\n", n,
				res.ratio(n, "pandoc", "epub3", "seedpress", "epub", wallOf),
				res.ratio(n, "pandoc", "epub3", "seedpress", "epub", cpuOf),
				res.ratio(n, "seedpress", "epub", "pandoc", "epub3", rssOf),
				res.ratio(n, "pandoc", "json", "seedpress", "dataset", wallOf),
				res.ratio(n, "pandoc", "json", "seedpress", "dataset", cpuOf),
				res.ratio(n, "seedpress", "dataset", "pandoc", "json", rssOf))
		}
	}
	p("\n### PDF against pandoc + xelatex\n\n")
	p("xelatex is not installed here: the reference is issue 7's measurement on the same kind of machine (1,508 A4 pages in 23 s for 1,000 documents of 4.9 MB, 14,904 pages in 232 s for 10,000 documents of 48 MB). seedpress's pages may be smaller (A5 by default), so the ratio of text throughput is given too.\n\n")
	p("| docs | seedpress pages | seedpress pages/s | xelatex pages/s | pages/s × | seedpress MB/s | xelatex MB/s | MB/s × |\n")
	p("|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, n := range sizes {
		r, ok := res.find(n, "seedpress", "pdf")
		if !ok || !r.M.OK() || r.Pages == 0 || r.M.Wall <= 0 {
			continue
		}
		pps := float64(r.Pages) / r.M.Wall.Seconds()
		mbps := mb(r.Corpus.Bytes) / r.M.Wall.Seconds()
		p("| %d | %d | %.0f | %.1f | %.1f | %.2f | %.3f | %.1f |\n", n, r.Pages, pps, xelatexPagesPerSec(n),
			pps/xelatexPagesPerSec(n), mbps, xelatexMBPerSec(n), mbps/xelatexMBPerSec(n))
	}
	if res.hasTool("typst") {
		p("\n### PDF against Typst (same run, same seeds)\n\n")
		p("Typst 0.14 (npm @myriaddreamin/typst-ts-node-compiler, a native binary run by Node.js) sets the same seeds, written as one Typst document by internal/typstsrc before the measured run (A5, 10 pt Charis SIL, justified and hyphenated, footnotes, tables, figures). Its pages may hold more or less text than seedpress's, so the fair ratio is that of MB of seed text per second; × is seedpress ÷ Typst (higher is better for seedpress; the target for rich content: ≥ 3).\n\n")
		p("| docs | corpus | seedpress pages | Typst pages | seedpress pages/s | Typst pages/s | pages/s × | MB/s × (wall) | MB/s × (CPU) | Typst peak MiB |\n")
		p("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
		for _, n := range sizes {
			for _, rich := range []bool{false, true} {
				s, ok1 := res.findKind(n, "seedpress", "pdf", rich)
				ty, ok2 := res.findKind(n, "typst", "pdf", rich)
				if !ok1 || !ok2 || !s.M.OK() || !ty.M.OK() || s.M.Wall <= 0 || ty.M.Wall <= 0 || s.Pages == 0 || ty.Pages == 0 {
					continue
				}
				sp, tp := float64(s.Pages)/s.M.Wall.Seconds(), float64(ty.Pages)/ty.M.Wall.Seconds()
				p("| %d | %s | %d | %d | %.0f | %.0f | %.1f | %s | %s | %d |\n", n, corpusKind(rich), s.Pages, ty.Pages, sp, tp, sp/tp,
					res.kindRatio(n, rich, "typst", "pdf", "seedpress", "pdf", wallOf),
					res.kindRatio(n, rich, "typst", "pdf", "seedpress", "pdf", cpuOf), ty.M.MaxRSSKB/1024)
			}
		}
	}
	p("\n### Targets (issues 7, 14 and 16)\n\n")
	for _, t := range res.targets() {
		p("- %s\n", t)
	}
	if t := res.richPDFTargets(); len(t) > 0 {
		p("\n### Targets (issue 14)\n\n")
		for _, t := range t {
			p("- %s\n", t)
		}
	}
	return bw.Flush()
}

func wallOf(r Row) float64 { return r.M.Wall.Seconds() }
func cpuOf(r Row) float64  { return r.M.CPU().Seconds() }
func rssOf(r Row) float64  { return float64(r.M.MaxRSSKB) }

// ratio returns f(numerator row) ÷ f(denominator row) for n documents,
// formatted, or "—" when either is missing or failed.
func (res *results) ratio(n int, numTool, numRun, denTool, denRun string, f func(Row) float64) string {
	a, ok1 := res.find(n, numTool, numRun)
	b, ok2 := res.find(n, denTool, denRun)
	if !ok1 || !ok2 || !a.M.OK() || !b.M.OK() || f(b) == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", f(a)/f(b))
}

// find returns the run on the prose corpus of n documents.
func (res *results) find(n int, tool, run string) (Row, bool) {
	return res.findKind(n, tool, run, false)
}

// findKind returns the run on the prose or rich corpus of n documents.
func (res *results) findKind(n int, tool, run string, rich bool) (Row, bool) {
	for _, r := range res.Rows {
		if r.Docs == n && r.Tool == tool && r.Run == run && r.Rich == rich {
			return r, true
		}
	}
	return Row{}, false
}

// kindRatio is ratio on the prose or rich corpus.
func (res *results) kindRatio(n int, rich bool, numTool, numRun, denTool, denRun string, f func(Row) float64) string {
	a, ok1 := res.findKind(n, numTool, numRun, rich)
	b, ok2 := res.findKind(n, denTool, denRun, rich)
	if !ok1 || !ok2 || !a.M.OK() || !b.M.OK() || f(b) == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", f(a)/f(b))
}

// richRatio returns seedpress's throughput (MB of seed text per unit of
// f) on the rich corpus of n documents divided by that on the prose one,
// formatted, or "—".
func (res *results) richRatio(n int, run string, f func(Row) float64) string {
	a, ok1 := res.findKind(n, "seedpress", run, true)
	b, ok2 := res.findKind(n, "seedpress", run, false)
	if !ok1 || !ok2 || !a.M.OK() || !b.M.OK() || f(a) == 0 || f(b) == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", (mb(a.Corpus.Bytes)/f(a))/(mb(b.Corpus.Bytes)/f(b)))
}

// richPagesRatio returns seedpress's PDF pages per unit of f on the rich
// corpus of n documents divided by that on the prose one, formatted, or
// "—".
func (res *results) richPagesRatio(n int, f func(Row) float64) string {
	if r, ok := res.richPages(n, f); ok {
		return fmt.Sprintf("%.2f", r)
	}
	return "—"
}

func (res *results) richPages(n int, f func(Row) float64) (float64, bool) {
	a, ok1 := res.findKind(n, "seedpress", "pdf", true)
	b, ok2 := res.findKind(n, "seedpress", "pdf", false)
	if !ok1 || !ok2 || !a.M.OK() || !b.M.OK() || a.Pages == 0 || b.Pages == 0 || f(a) == 0 || f(b) == 0 {
		return 0, false
	}
	return (float64(a.Pages) / f(a)) / (float64(b.Pages) / f(b)), true
}

// richPDFTargets evaluates issue 14's performance targets for every size
// whose rich PDF was measured: the rich PDF's pages per second within 25%
// of the prose PDF's, and its MB of seed text per second at least 3× that
// of Typst on the same rich seeds.
func (res *results) richPDFTargets() []string {
	var out []string
	mark := func(ok bool) string {
		if ok {
			return "**met**"
		}
		return "**not met**"
	}
	for _, n := range res.sizes() {
		r, ok := res.findKind(n, "seedpress", "pdf", true)
		if !ok {
			continue
		}
		if x, ok := res.richPages(n, wallOf); ok {
			out = append(out, fmt.Sprintf("rich PDF pages/s ≥ %.2f × the prose rate, %d docs: %.2f: %s", targetRichShare, n, x, mark(x >= targetRichShare)))
		} else {
			out = append(out, fmt.Sprintf("rich PDF pages/s ≥ %.2f × the prose rate, %d docs: not measured", targetRichShare, n))
		}
		ty, ok := res.findKind(n, "typst", "pdf", true)
		if !ok || !ty.M.OK() || !r.M.OK() || r.M.Wall <= 0 {
			out = append(out, fmt.Sprintf("rich PDF ≥ %.0f× Typst's MB/s of seed text, %d docs: not measured", targetTypst, n))
			continue
		}
		x := ty.M.Wall.Seconds() / r.M.Wall.Seconds()
		out = append(out, fmt.Sprintf("rich PDF ≥ %.0f× Typst's MB/s of seed text, %d docs: %.1f× by wall time (%.1f× by CPU time): %s",
			targetTypst, n, x, ty.M.CPU().Seconds()/r.M.CPU().Seconds(), mark(x >= targetTypst)))
	}
	return out
}

func (res *results) hasTool(tool string) bool {
	for _, r := range res.Rows {
		if r.Tool == tool {
			return true
		}
	}
	return false
}

func (res *results) hasRich() bool {
	for _, r := range res.Rows {
		if r.Rich {
			return true
		}
	}
	return false
}

func corpusKind(rich bool) string {
	if rich {
		return "rich"
	}
	return "prose"
}

func (res *results) sizes() []int {
	var out []int
	for _, r := range res.Rows {
		if len(out) == 0 || out[len(out)-1] != r.Docs {
			out = append(out, r.Docs)
		}
	}
	return out
}

// targets evaluates issue 7's targets on what was measured; a target whose
// runs are missing says so.
func (res *results) targets() []string {
	var out []string
	mark := func(ok bool) string {
		if ok {
			return "**met**"
		}
		return "**not met**"
	}
	ok := func(n int, tool, run string) (Row, bool) {
		r, found := res.find(n, tool, run)
		return r, found && r.M.OK() && r.M.Wall > 0 && r.M.MaxRSSKB > 0
	}
	for _, n := range []int{1000, 10000} {
		s, ok1 := ok(n, "seedpress", "epub")
		pd, ok2 := ok(n, "pandoc", "epub3")
		if !ok1 || !ok2 {
			out = append(out, fmt.Sprintf("EPUB ≥ %.0f× faster than pandoc, ≤ ¼ of its peak, %d docs: not measured", targetSpeedup, n))
			continue
		}
		speed := pd.M.Wall.Seconds() / s.M.Wall.Seconds()
		cpu := pd.M.CPU().Seconds() / s.M.CPU().Seconds()
		share := float64(s.M.MaxRSSKB) / float64(pd.M.MaxRSSKB)
		out = append(out, fmt.Sprintf("EPUB ≥ %.0f× faster than pandoc and ≤ ¼ of its peak, %d docs: %.1f× faster by wall time (%.1f× by CPU time), %.2f of its peak: %s",
			targetSpeedup, n, speed, cpu, share, mark(speed >= targetSpeedup && share <= targetMemShare)))
	}
	for _, n := range []int{1000, 10000} {
		r, found := ok(n, "seedpress", "pdf")
		if !found || r.Pages == 0 || r.M.Wall <= 0 {
			out = append(out, fmt.Sprintf("PDF ≥ %.0f× the pages/s of pandoc + xelatex, %d docs: not measured", targetSpeedup, n))
			continue
		}
		x := float64(r.Pages) / r.M.Wall.Seconds() / xelatexPagesPerSec(n)
		out = append(out, fmt.Sprintf("PDF ≥ %.0f× the pages/s of pandoc + xelatex (issue's numbers), %d docs: %.1f×, peak %d MiB: %s",
			targetSpeedup, n, x, r.M.MaxRSSKB/1024, mark(x >= targetSpeedup && float64(r.M.MaxRSSKB)*1024 < targetAllPeak)))
	}
	d1, ok1 := ok(1000, "seedpress", "dataset")
	d10, ok10 := ok(10000, "seedpress", "dataset")
	if ok10 {
		mbps := mb(d10.Corpus.Bytes) / d10.M.Wall.Seconds()
		out = append(out, fmt.Sprintf("dataset ≥ %.0f MB/s of seed text, 10000 docs: %.1f MB/s: %s", targetMBps, mbps, mark(mbps >= targetMBps)))
	} else {
		out = append(out, fmt.Sprintf("dataset ≥ %.0f MB/s of seed text, 10000 docs: not measured", targetMBps))
	}
	if ok1 && ok10 {
		growth := float64(d10.M.MaxRSSKB) / float64(d1.M.MaxRSSKB)
		out = append(out, fmt.Sprintf("dataset peak for 10000 docs ≤ %.0f× that for 1000: %.2f× (%d vs %d MiB): %s",
			targetFlat, growth, d10.M.MaxRSSKB/1024, d1.M.MaxRSSKB/1024, mark(growth <= targetFlat)))
	} else {
		out = append(out, fmt.Sprintf("dataset peak for 10000 docs ≤ %.0f× that for 1000: not measured", targetFlat))
	}
	if d100, ok100 := ok(100000, "seedpress", "dataset"); ok10 && ok100 {
		growth := float64(d100.M.MaxRSSKB) / float64(d10.M.MaxRSSKB)
		out = append(out, fmt.Sprintf("dataset peak for 100000 docs ≤ %.1f× that for 10000: %.2f× (%d vs %d MiB): %s",
			targetFlat100k, growth, d100.M.MaxRSSKB/1024, d10.M.MaxRSSKB/1024, mark(growth <= targetFlat100k)))
	} else {
		out = append(out, fmt.Sprintf("dataset peak for 100000 docs ≤ %.1f× that for 10000: not measured (make bench-dataset)", targetFlat100k))
	}
	if a, found := ok(10000, "seedpress", "all"); found {
		peak := float64(a.M.MaxRSSKB) * 1024
		out = append(out, fmt.Sprintf("everything for 10000 docs < %.0f s and < 1.5 GB: %.1f s, %.2f GB: %s",
			targetAllWall, a.M.Wall.Seconds(), peak/1e9, mark(a.M.Wall.Seconds() < targetAllWall && peak < targetAllPeak)))
	} else {
		out = append(out, fmt.Sprintf("everything for 10000 docs < %.0f s and < 1.5 GB: not measured", targetAllWall))
	}
	return out
}

// describeMachine returns one line about the machine and the tools.
func describeMachine(c *config) string {
	parts := []string{fmt.Sprintf("%d CPUs (GOMAXPROCS %d)", runtime.NumCPU(), runtime.GOMAXPROCS(0))}
	if model := procField("/proc/cpuinfo", "model name"); model != "" {
		parts = append(parts, model)
	}
	if mem := procField("/proc/meminfo", "MemTotal"); mem != "" {
		if kb, err := strconv.ParseFloat(strings.Fields(mem)[0], 64); err == nil {
			parts = append(parts, fmt.Sprintf("%.1f GiB RAM", kb/(1<<20)))
		}
	}
	parts = append(parts, runtime.GOOS+"/"+runtime.GOARCH, runtime.Version())
	if load := loadAverage(); load != "" {
		parts = append(parts, "load average "+load+" at the start")
	}
	if v := firstLine(c.seedpress, "version"); v != "" {
		parts = append(parts, v)
	}
	if c.pandoc != "" {
		if v := firstLine(c.pandoc, "--version"); v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(parts, ", ")
}

// loadAverage returns the 1-, 5- and 15-minute load averages, or "".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// procField returns the value of the first "key : value" line of a /proc
// file, or "".
func procField(path, key string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// firstLine runs a command and returns the first line of its output, or "".
func firstLine(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(line)
}
