package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/fonts"
	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline"
	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/turkish"
)

var keep = flag.String("keep", "", "write the test PDFs into this folder, to look at them")

// fontSums are the embedded fonts' hashes before any Write.
var fontSums = func() (s [5][32]byte) {
	for i, f := range [][]byte{fonts.Regular, fonts.Bold, fonts.Italic, fonts.BoldItalic, fonts.Mono} {
		s[i] = sha256.Sum256(f)
	}
	return s
}()

var testOpts = Options{Modified: time.Date(2024, 5, 19, 12, 0, 0, 0, time.UTC), Producer: "seedpress test"}

// books returns the books every validator test runs on: the hand-built one,
// the deeply nested one, the shipped seeds and the Markdown corpus.
func books(t *testing.T) map[string]*doc.Book {
	t.Helper()
	out := map[string]*doc.Book{"hand": handBook(), "deep": deepBook()}
	root := testtool.Root()
	dirs := map[string]string{"seeds": filepath.Join(root, "seeds"), "corpus": filepath.Join(root, "testdata", "corpus")}
	for _, name := range []string{"manuscript", "authors"} {
		// The authored-Markdown fixtures, where they exist.
		if dir := filepath.Join(root, "testdata", "seeds", name); isDir(dir) {
			dirs[name] = dir
		}
	}
	for name, dir := range dirs {
		b, diags := pipeline.Build(dir, pipeline.Options{})
		if diags.HasErrors() {
			t.Fatalf("pipeline.Build(%s): %v", name, diags.Err())
		}
		if b == nil {
			// The stages land separately; in CI a missing book is a failure.
			if testtool.InCI() {
				t.Fatalf("pipeline.Build(%s) returned no book", name)
			}
			t.Logf("pipeline.Build(%s) returned no book yet: not checked", name)
			continue
		}
		out[name] = b
	}
	return out
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// writeTemp writes b as a PDF into a temporary file.
func writeTemp(t *testing.T, name string, b *doc.Book) (string, Info) {
	t.Helper()
	var buf bytes.Buffer
	info, err := Write(&buf, b, testOpts)
	if err != nil {
		t.Fatalf("%s: Write: %v", name, err)
	}
	dir := t.TempDir()
	if *keep != "" {
		dir = *keep
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, info
}

func command(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestValidators(t *testing.T) {
	qpdf := testtool.Require(t, "qpdf", "apt-get install qpdf")
	pdffonts := testtool.Require(t, "pdffonts", "apt-get install poppler-utils")
	pdfinfo := testtool.Require(t, "pdfinfo", "apt-get install poppler-utils")
	for name, b := range books(t) {
		t.Run(name, func(t *testing.T) {
			path, info := writeTemp(t, name, b)
			out := command(t, qpdf, "--check", path)
			if !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(strings.ToLower(out), "warning") {
				t.Errorf("qpdf --check:\n%s", out)
			}
			// The outline mirrors the table of contents.
			var outline struct {
				Outlines []outlineItem `json:"outlines"`
			}
			if err := json.Unmarshal([]byte(command(t, qpdf, "--json", "--json-key=outlines", path)), &outline); err != nil {
				t.Fatal(err)
			}
			var gotOutline, wantOutline []string
			var walk func(items []outlineItem, level int)
			walk = func(items []outlineItem, level int) {
				for _, o := range items {
					gotOutline = append(gotOutline, fmt.Sprintf("%d %s %d", level, o.Title, o.Page))
					walk(o.Kids, level+1)
				}
			}
			walk(outline.Outlines, 0)
			bl, _ := layoutFor(t, b)
			for _, mk := range bl.marks {
				wantOutline = append(wantOutline, fmt.Sprintf("%d %s %d", mk.level, mk.title, bl.dests[mk.dest].page))
			}
			if !slices.Equal(gotOutline, wantOutline) || len(wantOutline) < len(b.Documents) {
				t.Errorf("outline:\n%s\nwant (the contents):\n%s", strings.Join(gotOutline, "\n"), strings.Join(wantOutline, "\n"))
			}
			fonts := command(t, pdffonts, path)
			lines := strings.Split(strings.TrimSpace(fonts), "\n")
			if len(lines) < 3 {
				t.Fatalf("pdffonts lists no fonts:\n%s", fonts)
			}
			for _, l := range lines[2:] {
				f := strings.Fields(l)
				// name type... encoding emb sub uni object ID: emb is the 5th from the end.
				if len(f) < 6 || f[len(f)-5] != "yes" {
					t.Errorf("font not embedded: %s", l)
				}
				if f[len(f)-3] != "yes" {
					t.Errorf("font without ToUnicode map: %s", l)
				}
			}
			pi := command(t, pdfinfo, path)
			field := func(k string) string {
				m := regexp.MustCompile(`(?m)^` + k + `:[ \t]*(.*)$`).FindStringSubmatch(pi)
				if m == nil {
					return ""
				}
				return strings.TrimSpace(m[1])
			}
			if got := field("Title"); got != b.Meta.Title {
				t.Errorf("pdfinfo Title = %q, want %q", got, b.Meta.Title)
			}
			if got, want := field("Author"), strings.Join(b.Meta.Authors, ", "); got != want {
				t.Errorf("pdfinfo Author = %q, want %q", got, want)
			}
			if got := field("Pages"); got != strconv.Itoa(info.Pages) {
				t.Errorf("pdfinfo Pages = %q, Info.Pages = %d", got, info.Pages)
			}
			if field("Metadata Stream") != "yes" {
				t.Errorf("pdfinfo: no XMP metadata stream:\n%s", pi)
			}
			meta := command(t, pdfinfo, "-meta", path)
			for _, want := range []string{"<rdf:li xml:lang=\"x-default\">" + xmlEscape(b.Meta.Title) + "</rdf:li>", "<pdf:Producer>seedpress test</pdf:Producer>",
				"<xmp:CreateDate>2024-05-19T12:00:00Z</xmp:CreateDate>", "<dc:language><rdf:Bag><rdf:li>" + langOr(b.Meta.Lang) + "</rdf:li>"} {
				if !strings.Contains(meta, want) {
					t.Errorf("XMP lacks %s:\n%s", want, meta)
				}
			}
			for _, a := range b.Meta.Authors {
				if !strings.Contains(meta, "<rdf:li>"+xmlEscape(a)+"</rdf:li>") {
					t.Errorf("XMP lacks author %q", a)
				}
			}
			raw, _ := os.ReadFile(path)
			if !bytes.Contains(raw, []byte("/Lang ("+langOr(b.Meta.Lang)+")")) {
				t.Errorf("catalog has no /Lang (%s)", langOr(b.Meta.Lang))
			}
		})
	}
}

func langOr(l string) string {
	if l == "" {
		return "tr"
	}
	return l
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\"", "&#34;", "'", "&#39;").Replace(s)
}

// expectedWords returns the words the body pages should show, in reading
// order: each chapter's title and blocks (list markers and the ornament
// included), then the glossary. Lists deeper than indentLevels are expected
// with run-in markers; the books tested have no list whose numbers are so
// wide that a shallower one runs in (see nest).
func expectedWords(b *doc.Book) []string { return bookWords(b, true) }

// bookWords returns the words of b's chapters and glossary in reading
// order, the ornaments of thematic breaks only if ornaments is set.
func bookWords(b *doc.Book, ornaments bool) []string {
	lab := labelsFor(b.Meta.Lang)
	var words []string
	var walk func(blocks []doc.Block, depth int)
	walk = func(blocks []doc.Block, depth int) {
		for _, bl := range blocks {
			switch bl := bl.(type) {
			case *doc.Heading:
				words = append(words, strings.Fields(doc.PlainText(bl.Inlines))...)
			case *doc.Paragraph:
				words = append(words, strings.Fields(doc.PlainText(bl.Inlines))...)
			case *doc.CodeBlock:
				words = append(words, strings.Fields(bl.Text)...)
			case *doc.Quote:
				walk(bl.Blocks, depth+1)
			case *doc.List:
				for i, it := range bl.Items {
					words = append(words, listMarker(bl, i, depth+1, depth >= indentLevels))
					walk(it.Blocks, depth+1)
				}
			case *doc.ThematicBreak:
				if ornaments {
					words = append(words, "*", "*", "*")
				}
			}
		}
	}
	for i, d := range b.Documents {
		title := strings.TrimSpace(d.Title)
		if title == "" {
			title = fmt.Sprintf(lab.Chapter, i+1)
		}
		words = append(words, strings.Fields(title)...)
		blocks := d.Blocks
		if len(blocks) > 0 {
			if h, ok := blocks[0].(*doc.Heading); ok && (h.Level == 1 || strings.TrimSpace(doc.PlainText(h.Inlines)) == title) {
				blocks = blocks[1:]
			}
		}
		walk(blocks, 0)
	}
	if len(b.Glossary) > 0 {
		words = append(words, strings.Fields(lab.Glossary)...)
		// The glossary appendix is in Turkish alphabetical order.
		for _, t := range turkish.Sorted(b.Glossary, func(t doc.Term) string { return t.Acronym }) {
			words = append(words, t.Acronym)
			words = append(words, strings.Fields(t.Expansion)...)
			if t.ExpansionEN != "" {
				words = append(words, "—")
				words = append(words, strings.Fields(t.ExpansionEN)...)
			}
		}
	}
	return words
}

// token is a word of pdftotext's output and whether it ends its line.
type token struct {
	s       string
	lineEnd bool
}

// tokens splits pdftotext's output into words, leaving out the marks that
// open the continuation of a wrapped line of code (contMark).
func tokens(text string) []token {
	var out []token
	for _, line := range strings.Split(text, "\n") {
		f := slices.DeleteFunc(strings.Fields(line), func(w string) bool { return w == contMark })
		for i, w := range f {
			out = append(out, token{s: w, lineEnd: i == len(f)-1})
		}
	}
	return out
}

// matchWords compares the words of the PDF with the model's, joining a word
// broken at a line end when the break is one of ours: a hyphen at one of
// turkish.HyphenationPoints, a break right after an apostrophe, or an
// emergency break inside a token too long for any line.
func matchWords(t *testing.T, got []token, want []string) {
	t.Helper()
	j := 0
	for i, w := range want {
		if j >= len(got) {
			t.Fatalf("PDF text ends before word %d %q", i, w)
		}
		acc, k := got[j].s, j
		pts := turkish.HyphenationPoints(w)
	join:
		for acc != w && got[k].lineEnd && k+1 < len(got) {
			next := got[k+1].s
			n := utf8.RuneCountInString(acc)
			switch {
			case strings.HasSuffix(acc, "-") && strings.HasPrefix(w, strings.TrimSuffix(acc, "-")) &&
				slices.Contains(pts, n-1) && turkish.HyphenAfter([]rune(w)[n-2]):
				acc = strings.TrimSuffix(acc, "-") + next
			case strings.HasPrefix(w, acc) && slices.Contains(pts, n) && !turkish.HyphenAfter([]rune(w)[n-1]):
				acc += next
			case strings.HasPrefix(w, acc) && utf8.RuneCountInString(w) > 40:
				acc += next // an emergency break in an over-long token
			default:
				break join
			}
			k++
		}
		if acc != w {
			lo, hi := max(0, j-5), min(len(got), j+5)
			var ctx []string
			for _, g := range got[lo:hi] {
				ctx = append(ctx, g.s)
			}
			t.Fatalf("word %d: PDF has %q, model has %q (PDF context: %s)", i, got[j].s, w, strings.Join(ctx, " "))
		}
		j = k + 1
	}
	if j != len(got) {
		t.Errorf("PDF has %d words more than the model after the last one: %q", len(got)-j, got[j].s)
	}
}

// layoutFor lays b out as Write does (see TestPassesAgree).
func layoutFor(t *testing.T, b *doc.Book) (*bookLayout, geometry) {
	t.Helper()
	g, err := geometryFor(b.Meta.PaperSize)
	if err != nil {
		t.Fatal(err)
	}
	p := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: g.w, Ht: g.h}})
	if err := addFonts(p); err != nil {
		t.Fatal(err)
	}
	bl, err := layoutBook(b, newFontMeasurer(p), g)
	if err != nil {
		t.Fatal(err)
	}
	return bl, g
}

// firstBodyPage returns the page where the first chapter opens.
func firstBodyPage(t *testing.T, b *doc.Book) (int, geometry) {
	t.Helper()
	bl, g := layoutFor(t, b)
	for _, pg := range bl.pages {
		if pg.kind == openingPage && pg.chapter != labelsFor(b.Meta.Lang).Contents {
			return pg.num, g
		}
	}
	t.Fatal("no chapter opening")
	return 0, g
}

func TestTextExtraction(t *testing.T) {
	pdftotext := testtool.Require(t, "pdftotext", "apt-get install poppler-utils")
	for name, b := range books(t) {
		t.Run(name, func(t *testing.T) {
			path, _ := writeTemp(t, name, b)
			if rich(b) {
				// Notes at the feet of pages and floating figures change
				// the reading order: every word must be there.
				checkWordsPresent(t, b, command(t, pdftotext, "-raw", "-enc", "UTF-8", path, "-"))
				return
			}
			first, g := firstBodyPage(t, b)
			// Crop the running heads and folios away (72 dpi: 1 mm = 72/25.4 px).
			px := func(mm float64) string { return strconv.Itoa(int(mm * 72 / 25.4)) }
			out := command(t, pdftotext, "-raw", "-nopgbrk", "-enc", "UTF-8", "-f", strconv.Itoa(first),
				"-x", "0", "-y", px(g.top-3), "-W", px(g.w), "-H", px(g.h-g.bottom-g.top+6), path, "-")
			matchWords(t, tokens(out), expectedWords(b))
		})
	}
}

// TestTurkishLettersExtract checks the ToUnicode maps: the letters that
// only a working map gets right.
func TestTurkishLettersExtract(t *testing.T) {
	pdftotext := testtool.Require(t, "pdftotext", "apt-get install poppler-utils")
	const s = "ığdır Iğdır şişli İzmir’in ÇAĞ göç ünlü hâlâ “tırnak” – … Ğ Ş Ö Ü"
	b := &doc.Book{Meta: doc.Meta{Title: "Harfler", Lang: "tr"}, Documents: []*doc.Document{{Title: "Harfler", Source: "h.txt", Blocks: []doc.Block{
		para(1, text(s)), para(2, &doc.Strong{Inlines: []doc.Inline{text(s)}}), para(3, &doc.Emph{Inlines: []doc.Inline{text(s)}}),
		para(4, &doc.Strong{Inlines: []doc.Inline{&doc.Emph{Inlines: []doc.Inline{text(s)}}}}), para(5, &doc.Code{Value: s}),
	}}}}
	path, _ := writeTemp(t, "letters", b)
	out := strings.ReplaceAll(command(t, pdftotext, "-raw", "-enc", "UTF-8", path, "-"), "\n", " ")
	if n := strings.Count(out, s); n != 5 {
		t.Errorf("the Turkish test line extracts %d times, want 5 (once per face):\n%s", n, out)
	}
}

func TestReproducible(t *testing.T) {
	var a, b bytes.Buffer
	if _, err := Write(&a, handBook(), testOpts); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(&b, handBook(), testOpts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same book differ")
	}
	for i, f := range [][]byte{fonts.Regular, fonts.Bold, fonts.Italic, fonts.BoldItalic, fonts.Mono} {
		if sha256.Sum256(f) != fontSums[i] {
			t.Errorf("font %d was modified in memory by Write", i)
		}
	}
	// The only date in the file is the one in the options.
	for _, d := range regexp.MustCompile(`D:\d{14}Z?|\d{4}-\d{2}-\d{2}T[\d:]+Z`).FindAll(a.Bytes(), -1) {
		if s := string(d); s != "D:20240519120000Z" && s != "2024-05-19T12:00:00Z" {
			t.Errorf("unexpected date %s in the PDF", s)
		}
	}
}

func TestCheck(t *testing.T) {
	b := handBook()
	d := b.Documents[0]
	d.Blocks = append(d.Blocks, &doc.Paragraph{Pos: doc.Pos{File: "el.md", Line: 30, Col: 1}, Inlines: []doc.Inline{text("Gülen yüz 😀 ve 中 karakteri.")}},
		&doc.CodeBlock{Pos: doc.Pos{File: "el.md", Line: 32, Col: 1}, Text: "x := \"\u2042\"\n"},
		// Columns count the runes of the first line from the block's column,
		// through markup; after a hard line break only the block's position
		// is known.
		&doc.Quote{Blocks: []doc.Block{&doc.Paragraph{Pos: doc.Pos{File: "el.md", Line: 34, Col: 3}, Inlines: []doc.Inline{
			text("İki "), &doc.Strong{Inlines: []doc.Inline{text("kalın ✨ ∈ ☃")}}, text(" ve "), &doc.Code{Value: "x中"}, &doc.LineBreak{}, text("alt satırda ❌")}}}},
		&doc.Heading{Pos: doc.Pos{File: "el.md", Line: 37, Col: 1}, Level: 2, Inlines: []doc.Inline{text("Başlıkta 😀")}},
		&doc.Paragraph{Pos: doc.Pos{File: "el.md"}, Inlines: []doc.Inline{text("Satırsız 😀")}})
	got := Check(b)
	want := []string{
		"el.md:30:11: error: U+1F600 GRINNING FACE is not in the embedded fonts",
		"el.md:30:16: error: U+4E2D CJK UNIFIED IDEOGRAPH-4E2D is not in the embedded fonts",
		"el.md:32:1: error: U+2042 ASTERISM is not in the embedded fonts",
		"el.md:34:13: error: U+2728 SPARKLES is not in the embedded fonts",
		"el.md:34:23: error: U+4E2D CJK UNIFIED IDEOGRAPH-4E2D is not in the embedded fonts",
		"el.md:34:3: error: U+274C CROSS MARK is not in the embedded fonts",
		"el.md:37:1: error: U+1F600 GRINNING FACE is not in the embedded fonts",
		"el.md: error: U+1F600 GRINNING FACE is not in the embedded fonts",
	}
	var lines []string
	for _, dg := range got {
		lines = append(lines, dg.String())
	}
	if !slices.Equal(lines, want) {
		t.Errorf("Check =\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	var buf bytes.Buffer
	if _, err := Write(&buf, b, testOpts); err == nil || !strings.Contains(err.Error(), "U+1F600 GRINNING FACE") {
		t.Errorf("Write = %v, want the coverage error", err)
	}
	if buf.Len() != 0 {
		t.Error("Write wrote output for a book it refused")
	}
	if l := Check(handBook()); len(l) != 0 {
		t.Errorf("Check(handBook) = %v, want none", l)
	}
}

// TestLabelsInFonts checks that every string the PDF adds draws.
func TestLabelsInFonts(t *testing.T) {
	c, err := loadCoverage()
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, lang := range []string{"tr", "en"} {
		l := labelsFor(lang)
		all = append(all, l.Contents, l.Glossary, l.Chapter, l.Publisher, l.Date, l.Rights, l.ID,
			l.Section, l.Figure, l.Table, l.Notes, l.BackToText, l.TaskDone, l.TaskOpen)
		for _, c := range l.Callouts {
			all = append(all, c)
		}
	}
	all = append(all, ornament, "•", "…", "—", "·", "-", ". 0123456789")
	for _, s := range all {
		for _, st := range []style{0, bold, italic, bold | italic} {
			for _, r := range s {
				if !c.has(nil, r, st) {
					t.Errorf("%q: %s not in style %d", s, runeName(r), st)
				}
			}
		}
	}
}

func TestPaperSizes(t *testing.T) {
	for _, tt := range []struct {
		paper string
		w, h  string
	}{{"", "419.53", "595.28"}, {"a5", "419.53", "595.28"}, {"a4", "595.28", "841.89"}, {"letter", "612.00", "792.00"}} {
		b := handBook()
		b.Meta.PaperSize = tt.paper
		var buf bytes.Buffer
		if _, err := Write(&buf, b, testOpts); err != nil {
			t.Fatalf("%q: %v", tt.paper, err)
		}
		want := fmt.Sprintf("/MediaBox [0 0 %s %s]", tt.w, tt.h)
		if !bytes.Contains(buf.Bytes(), []byte(want)) {
			t.Errorf("%q: no %s", tt.paper, want)
		}
	}
	b := handBook()
	b.Meta.PaperSize = "b5"
	if _, err := Write(&bytes.Buffer{}, b, testOpts); err == nil {
		t.Error("paper size b5: no error")
	}
}

func BenchmarkWrite(b *testing.B) {
	book := handBook()
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if _, err := Write(&buf, book, testOpts); err != nil {
			b.Fatal(err)
		}
	}
}

// longBook repeats the documents of handBook n times.
func longBook(n int) *doc.Book {
	b := handBook()
	docs := b.Documents
	b.Documents = nil
	for range n {
		b.Documents = append(b.Documents, docs...)
	}
	return b
}

func BenchmarkWriteLong(b *testing.B) {
	book := longBook(40)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Write(io.Discard, book, testOpts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	book := longBook(40)
	b.ReportAllocs()
	for b.Loop() {
		if err := Check(book).Err(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestWriteEdgeCases(t *testing.T) {
	tests := []struct {
		name  string
		book  *doc.Book
		pages int
	}{
		{"no documents", &doc.Book{Meta: doc.Meta{Title: "Boş"}}, 4},
		{"empty document", &doc.Book{Documents: []*doc.Document{{Source: "a.txt"}}}, 5},
		{"only a heading", &doc.Book{Meta: doc.Meta{Lang: "en"}, Documents: []*doc.Document{{Source: "a.md", Title: "Tek",
			Blocks: []doc.Block{&doc.Heading{Level: 1, Inlines: []doc.Inline{text("Tek")}}}}}}, 5},
		{"empty inlines", &doc.Book{Documents: []*doc.Document{{Source: "a.md", Blocks: []doc.Block{
			&doc.Paragraph{}, &doc.Heading{Level: 3}, &doc.CodeBlock{}, &doc.Quote{}, &doc.List{}, &doc.List{Items: []*doc.ListItem{{}}},
			para(1, text("   ")), para(2, &doc.LineBreak{}, &doc.LineBreak{}),
		}}}}, 5},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		info, err := Write(&buf, tt.book, testOpts)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if info.Pages != tt.pages {
			t.Errorf("%s: %d pages, want %d", tt.name, info.Pages, tt.pages)
		}
	}
	if _, err := Write(&bytes.Buffer{}, nil, testOpts); err == nil {
		t.Error("Write(nil book): no error")
	}
}
