package pdf

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/seedpress/seedpress/internal/corpus"
	"github.com/seedpress/seedpress/internal/pdfua"
	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// TestTagged checks the PDF/UA tagging of every test book with the tools
// that can stand in for veraPDF: pdfinfo says it is tagged, the text of
// the structure tree (pdfinfo -struct-text) is every word of the book in
// reading order with no running head or folio in it, pdfua's checks of
// qpdf's JSON find nothing wrong (catalog, tree, ParentTree, marked
// content of every page, link annotations, fonts), and pdffonts says every
// font is embedded, subset and mapped to Unicode.
func TestTagged(t *testing.T) {
	testtool.Require(t, "qpdf", "apt-get install qpdf")
	pdffonts := testtool.Require(t, "pdffonts", "apt-get install poppler-utils")
	pdfinfo := testtool.Require(t, "pdfinfo", "apt-get install poppler-utils")
	for name, b := range books(t) {
		t.Run(name, func(t *testing.T) {
			path, _ := writeTemp(t, name, b)
			if !strings.Contains(command(t, pdfinfo, path), "Tagged:          yes") {
				t.Error("pdfinfo: not tagged")
			}
			r, err := pdfua.CheckFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range r.Problems {
				t.Error(p)
			}
			t.Logf("%d pages, elements %v, %d MCIDs and %d ParentTree entries checked, %d text operators (%d tagged, %d artifacts), %d link annotations, %d expansions (/E), /Lang %v",
				r.Pages, r.Elements, r.MCIDs, r.ParentTreeEntries, r.TextOps, r.TaggedTextOps, r.ArtifactTextOps, r.LinkAnnots, r.Expansions, r.Langs)
			if r.MCIDs == 0 || r.TaggedTextOps == 0 {
				t.Error("no tagged content")
			}
			if got := r.Elements["H1"]; got < len(b.Documents)+1 {
				t.Errorf("%d H1, want a chapter title for each of %d documents and the contents'", got, len(b.Documents))
			}
			if got, want := r.Elements["Sect"], len(b.Documents)+3; got < want {
				t.Errorf("%d Sect, want at least %d", got, want)
			}
			if len(b.Glossary) > 0 && r.Expansions == 0 {
				t.Error("acronyms, but no Span with /E")
			}

			if name == "deep" && testing.Short() {
				return // poppler's -struct-text takes a minute on its 2,000 MCIDs
			}
			got := treeWords(command(t, pdfinfo, "-struct-text", path))
			if rich(b) {
				// Notes at the feet of pages and floating figures change
				// the reading order: every word must be there.
				checkWordsPresent(t, b, strings.Join(got, " "))
				return
			}
			want := expectedTreeWords(b)
			if len(got) < len(want) || !slices.Equal(got[len(got)-len(want):], want) {
				// The last difference, counted from the end.
				i := 1
				for i <= len(want) && i <= len(got) && got[len(got)-i] == want[len(want)-i] {
					i++
				}
				g, w := len(got)-i, len(want)-i
				t.Fatalf("the structure tree's text (%d words) does not end with the book's %d words: the tree has %q where the book has %q (tree: %s; book: %s)",
					len(got), len(want), at(got, g), at(want, w), strings.Join(got[max(0, g-6):min(len(got), max(0, g+6))], " "), strings.Join(want[max(0, w-6):max(0, min(len(want), w+6))], " "))
			}

			fonts := strings.Split(strings.TrimSpace(command(t, pdffonts, path)), "\n")
			for _, l := range fonts[2:] {
				f := strings.Fields(l)
				// ... emb sub uni object ID
				if len(f) < 6 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" || f[len(f)-3] != "yes" {
					t.Errorf("pdffonts: not embedded, subset and mapped to Unicode: %s", l)
				}
			}
		})
	}
}

func at(s []string, i int) string {
	if i < 0 || i >= len(s) {
		return ""
	}
	return s[i]
}

// treeWords returns the words of the text of pdfinfo -struct-text's tree:
// the text of the marked-content sequences of an element run on (a word
// broken at a line's end is whole again, the hyphen being an artifact),
// and a block element starts a new word.
func treeWords(out string) []string {
	var b strings.Builder
	for _, line := range strings.Split(out, "\n") {
		l := strings.TrimSpace(line)
		switch {
		case len(l) >= 2 && l[0] == '"' && l[len(l)-1] == '"':
			b.WriteString(l[1 : len(l)-1])
		case strings.HasSuffix(l, "(inline)"), strings.HasPrefix(l, "Object "):
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Fields(b.String())
}

// expectedTreeWords returns the words of b's chapters and glossary, as the
// structure tree gives them: expectedWords without the ornaments of
// thematic breaks, which are artifacts.
func expectedTreeWords(b *doc.Book) []string { return bookWords(b, false) }

// TestStructTreePDFJS reads the seed book's structure tree with pdf.js
// (getStructTree per page), as a browser's accessibility layer does: the
// chapter's page has its H1 heading and paragraphs with content, the
// contents its TOC of links, the glossary its list and English spans.
func TestStructTreePDFJS(t *testing.T) {
	b, ok := books(t)["seeds"]
	if !ok {
		t.Skip("no seed book")
	}
	path, _ := writeTemp(t, "seeds", b)
	pages := pdfjsTree(t, path)
	roles := map[string]int{}
	content := map[string]int{}
	for _, p := range pages {
		for _, n := range p {
			roles[n.Role]++
			content[n.Role] += n.Content
			if n.Role == "Figure" && n.Alt == "" {
				t.Error("pdf.js: a Figure without alt text")
			}
			if n.Role == "Span" && n.Lang == "en" {
				roles["Span en"]++
			}
		}
	}
	t.Logf("pdf.js roles: %v", roles)
	for _, r := range []string{"Document", "Sect", "H1", "P", "TOC", "TOCI", "Link", "L", "LI", "Lbl", "LBody"} {
		if roles[r] == 0 {
			t.Errorf("pdf.js finds no %s", r)
		}
	}
	for _, r := range []string{"H1", "P", "Link", "Lbl"} {
		if content[r] == 0 {
			t.Errorf("pdf.js finds no content in %s", r)
		}
	}
	if len(b.Glossary) > 0 && roles["Span en"] == 0 {
		t.Error("pdf.js finds no English span in the glossary")
	}
}

// TestTaggedReproducible writes the seed book twice: the tagged PDFs are
// the same bytes.
func TestTaggedReproducible(t *testing.T) {
	b, ok := books(t)["seeds"]
	if !ok {
		t.Skip("no seed book")
	}
	var x, y bytes.Buffer
	if _, err := Write(&x, b, testOpts); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(&y, b, testOpts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Bytes(), y.Bytes()) {
		t.Error("two writes of the seed book differ")
	}
	if !bytes.Contains(x.Bytes(), []byte("/StructTreeRoot")) {
		t.Error("the PDF is not tagged")
	}
}

// TestTypstAnchor renders testdata/typst/book.typ (the test corpus in
// Typst markup, with a table and a figure besides) with Typst as a
// PDF/UA-1 and runs the checks of TestTagged on it and on seedpress's PDF
// of the same corpus, side by side (docs/pdfua.md reports them). Typst's
// PDF must pass the same checks: they ask nothing a PDF/UA writer other
// than seedpress would not do.
func TestTypstAnchor(t *testing.T) {
	node := testtool.Require(t, "node", "apt-get install nodejs")
	mod := os.Getenv("TYPST_TS")
	if mod == "" {
		mod = filepath.Join(testtool.Root(), "node_modules", "@myriaddreamin", "typst-ts-node-compiler", "index.js")
	}
	testtool.RequireFile(t, mod, "npm install @myriaddreamin/typst-ts-node-compiler@0.7.0 (or set TYPST_TS to its index.js)")
	testtool.Require(t, "qpdf", "apt-get install qpdf")
	pdfinfo := testtool.Require(t, "pdfinfo", "apt-get install poppler-utils")
	dir := t.TempDir()
	typst := filepath.Join(dir, "typst.pdf")
	book, _ := filepath.Abs(filepath.Join("testdata", "typst", "book.typ"))
	if out, err := exec.Command(node, filepath.Join("testdata", "typst", "typst.mjs"), mod,
		filepath.Join(testtool.Root(), "fonts"), book, typst).CombinedOutput(); err != nil {
		t.Fatalf("typst: %v\n%s", err, out)
	}
	b, ok := books(t)["corpus"]
	if !ok {
		t.Skip("no corpus book")
	}
	ours, _ := writeTemp(t, "corpus", b)
	for _, c := range []struct{ name, path string }{{"seedpress", ours}, {"typst", typst}} {
		r, err := pdfua.CheckFile(c.path)
		if err != nil {
			t.Fatal(err)
		}
		tagged := strings.Contains(command(t, pdfinfo, c.path), "Tagged:          yes")
		t.Logf("%s: tagged %v, %d pages, elements %v, %d MCIDs, %d ParentTree entries, %d text operators (%d tagged, %d artifacts), %d link annotations, %d /E, /Lang %v, problems %v",
			c.name, tagged, r.Pages, r.Elements, r.MCIDs, r.ParentTreeEntries, r.TextOps, r.TaggedTextOps, r.ArtifactTextOps, r.LinkAnnots, r.Expansions, r.Langs, r.Problems)
		if !tagged || !r.OK() {
			t.Errorf("%s fails the checks", c.name)
		}
	}
}

// TestTaggedTables checks the tables' structure on the manuscript fixture
// and on the rich test book, whose 60-row table has rows of several lines
// and runs over pages: Table > THead/TBody > TR, one TR per row of the
// model and one TH or TD per cell, however many lines the cell takes
// (pdfua checks that every row of a table has as many cells as its first).
func TestTaggedTables(t *testing.T) {
	testtool.Require(t, "qpdf", "apt-get install qpdf")
	bs := map[string]*doc.Book{"rich": richBook(t)}
	if b, ok := books(t)["manuscript"]; ok {
		bs["manuscript"] = b
	} else if testtool.InCI() {
		t.Fatal("no manuscript fixture")
	}
	for name, b := range bs {
		t.Run(name, func(t *testing.T) {
			want := map[string]int{}
			for _, d := range b.Documents {
				doc.WalkDocument(d, func(n doc.Node, entering bool) doc.WalkStatus {
					tb, ok := n.(*doc.Table)
					if !ok || !entering {
						return doc.WalkContinue
					}
					ncol := len(tb.Align)
					for _, r := range append([][]*doc.TableCell{tb.Head}, tb.Rows...) {
						ncol = max(ncol, len(r))
					}
					want["Table"]++
					if len(tb.Head) > 0 {
						want["THead"]++
						want["TR"]++
						want["TH"] += ncol
					}
					if len(tb.Rows) > 0 {
						want["TBody"]++
					}
					want["TR"] += len(tb.Rows)
					want["TD"] += ncol * len(tb.Rows)
					return doc.WalkContinue
				})
			}
			if want["Table"] == 0 {
				t.Fatal("no table in the book")
			}
			path, _ := writeTemp(t, name, b)
			r, err := pdfua.CheckFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range r.Problems {
				t.Error(p)
			}
			for _, k := range []string{"Table", "THead", "TBody", "TR", "TH", "TD"} {
				if r.Elements[k] != want[k] {
					t.Errorf("%d %s, want %d", r.Elements[k], k, want[k])
				}
			}
			if r.TableRows != want["TR"] {
				t.Errorf("pdfua checked %d rows, want %d", r.TableRows, want["TR"])
			}
			t.Logf("%d pages, tables: %v", r.Pages, want)
		})
	}
}

// TestTaggedHeadingLevels checks that a chapter whose headings skip levels
// ("##" then "####") is tagged without a skipped level: pdfua finds none.
func TestTaggedHeadingLevels(t *testing.T) {
	testtool.Require(t, "qpdf", "apt-get install qpdf")
	h := func(level int, s string) *doc.Heading {
		return &doc.Heading{Level: level, Inlines: []doc.Inline{&doc.Text{Value: s}}}
	}
	p := &doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Value: "Bir paragraf."}}}
	b := &doc.Book{Meta: doc.Meta{Title: "Başlıklar", Lang: "tr"}, Documents: []*doc.Document{
		{ID: "a", Title: "Birinci", Blocks: []doc.Block{h(2, "İki"), p, h(4, "Dört"), p, h(6, "Altı"), p, h(3, "Üç"), p}},
		{ID: "b", Title: "İkinci", Blocks: []doc.Block{h(5, "Beş"), p, h(2, "İki"), p}},
	}}
	path, _ := writeTemp(t, "headings", b)
	r, err := pdfua.CheckFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Problems {
		t.Error(p)
	}
	// H2 H3 H4 H3 in the first chapter, H2 H2 in the second.
	if r.Elements["H2"] != 3 || r.Elements["H3"] != 2 || r.Elements["H4"] != 1 || r.Elements["H5"]+r.Elements["H6"] != 0 {
		t.Errorf("headings %v, want H2 3, H3 2, H4 1", r.Elements)
	}
}

// BenchmarkTagging writes generated corpora, 1,000 documents of prose and
// 200 rich ones (footnotes, tables, figures), as a tagged PDF and as an
// untagged one, one after the other in each iteration (in turn first), and
// reports what tagging costs: tag-time-% is the fastest tagged write's time
// over the fastest untagged one's, less 100 (tag-cpu-% the same of the
// process's CPU time, which a busy machine disturbs less than the clock);
// tag-size-% the same of the files' sizes. The issue
// allows 15% and 25%. (The untagged write still makes the layout's tag
// ops, and skips them when drawing; the layout's part is small.)
func BenchmarkTagging(b *testing.B) {
	for _, c := range []struct {
		name string
		n    int
		rich bool
	}{{"prose", 1000, false}, {"rich", 200, true}} {
		b.Run(c.name, func(b *testing.B) {
			dir := b.TempDir()
			g := corpus.Generator{Rich: c.rich}
			if _, err := g.Generate(dir, c.n, 1); err != nil {
				b.Fatal(err)
			}
			book, diags := pipeline.Build(dir, pipeline.Options{})
			if diags.HasErrors() {
				b.Fatal(diags.Err())
			}
			untagged := testOpts
			untagged.untagged = true
			// The fastest of the iterations' writes of each kind: on a busy
			// machine the others measure the machine.
			best := func(d *time.Duration, v time.Duration) {
				if *d == 0 || v < *d {
					*d = v
				}
			}
			var tagT, plainT, tagCPU, plainCPU time.Duration
			var tagB, plainB int64
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				opts := []Options{untagged, testOpts}
				if i%2 == 1 {
					opts[0], opts[1] = opts[1], opts[0]
				}
				i++
				for _, o := range opts {
					var n countWriter
					runtime.GC() // the other write's garbage is not this one's
					start, cpu := time.Now(), cpuTime()
					if _, err := Write(&n, book, o); err != nil {
						b.Fatal(err)
					}
					wall, used := time.Since(start), cpuTime()-cpu
					if o.untagged {
						best(&plainT, wall)
						best(&plainCPU, used)
						plainB = int64(n)
					} else {
						best(&tagT, wall)
						best(&tagCPU, used)
						tagB = int64(n)
					}
				}
			}
			b.ReportMetric(100*(float64(tagT)/float64(plainT)-1), "tag-time-%")
			if plainCPU > 0 {
				b.ReportMetric(100*(float64(tagCPU)/float64(plainCPU)-1), "tag-cpu-%")
			}
			b.ReportMetric(100*(float64(tagB)/float64(plainB)-1), "tag-size-%")
			b.ReportMetric(float64(tagB), "tagged-bytes")
			b.ReportMetric(float64(plainB), "untagged-bytes")
		})
	}
}

// countWriter counts the bytes written to it.
type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }

// structNode is an element of pdfinfo -struct-text's tree.
type structNode struct {
	typ    string // "" for a string of text
	text   string // the text of a string
	inline bool   // pdfinfo says "(inline)"
	kids   []*structNode
}

// allText returns the text of n and its descendants, in order, the
// strings of an element run on (a word broken at a line's end is whole
// again), its inline kids run on and its block kids set apart by a space,
// with white space
// collapsed.
func (n *structNode) allText() string {
	var b strings.Builder
	var walk func(n *structNode)
	walk = func(n *structNode) {
		b.WriteString(n.text)
		for _, k := range n.kids {
			if !k.inline {
				b.WriteByte(' ')
			}
			walk(k)
			if !k.inline {
				b.WriteByte(' ')
			}
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// parseStructText reads pdfinfo -struct-text's output into a tree: an
// element per line of its type, indented two spaces per level, its text
// strings quoted (kids of their own, typ ""); attributes and annotation
// objects are left out.
func parseStructText(out string) *structNode {
	root := &structNode{typ: "root"}
	stack := []*structNode{root}
	depths := []int{-1}
	for _, line := range strings.Split(out, "\n") {
		l := strings.TrimLeft(line, " ")
		if l == "" || strings.HasPrefix(l, "/") || strings.HasPrefix(l, "Object ") {
			continue
		}
		d := len(line) - len(l)
		for len(depths) > 1 && depths[len(depths)-1] >= d {
			stack, depths = stack[:len(stack)-1], depths[:len(depths)-1]
		}
		top := stack[len(stack)-1]
		if len(l) >= 2 && l[0] == '"' && l[len(l)-1] == '"' {
			top.kids = append(top.kids, &structNode{text: l[1 : len(l)-1], inline: true})
			continue
		}
		n := &structNode{typ: strings.TrimSuffix(strings.Fields(l)[0], ":"), inline: strings.HasSuffix(l, "(inline)")}
		top.kids = append(top.kids, n)
		stack, depths = append(stack, n), append(depths, d)
	}
	return root
}

// elements returns the elements of type typ under n, in reading order.
func (n *structNode) elements(typ string) []*structNode {
	var out []*structNode
	for _, k := range n.kids {
		if k.typ == typ {
			out = append(out, k)
		}
		out = append(out, k.elements(typ)...)
	}
	return out
}

// collapse collapses white space.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestStructTextManuscript reads the manuscript fixture's tree with
// pdfinfo -struct-text: every sentence of its paragraphs is there, in
// reading order; every table cell is a TH or TD with the cell's text, in
// order; every caption is a Caption and every note a Note with its text;
// and no running head is in the tree (each chapter's title is there twice,
// its heading and its contents entry, however many pages carry it at the
// top).
func TestStructTextManuscript(t *testing.T) {
	pdfinfo := testtool.Require(t, "pdfinfo", "apt-get install poppler-utils")
	b, ok := books(t)["manuscript"]
	if !ok {
		t.Skip("no manuscript fixture")
	}
	path, info := writeTemp(t, "manuscript", b)
	tree := parseStructText(command(t, pdfinfo, "-struct-text", path))
	all := tree.allText()

	var paras, cells, captions, notes []string
	for _, d := range b.Documents {
		doc.WalkBlocks(d.Blocks, func(n doc.Node, entering bool) doc.WalkStatus {
			if !entering {
				return doc.WalkContinue
			}
			switch n := n.(type) {
			case *doc.Paragraph:
				paras = append(paras, collapse(doc.PlainText(n.Inlines)))
				return doc.WalkSkipChildren
			case *doc.Table:
				if len(n.Caption) > 0 {
					captions = append(captions, collapse(doc.PlainText(n.Caption)))
				}
				for _, r := range append([][]*doc.TableCell{n.Head}, n.Rows...) {
					for _, c := range r {
						cells = append(cells, collapse(doc.PlainText(c.Inlines)))
					}
				}
				return doc.WalkSkipChildren
			case *doc.Figure:
				if len(n.Caption) > 0 {
					captions = append(captions, collapse(doc.PlainText(n.Caption)))
				}
				return doc.WalkSkipChildren
			}
			return doc.WalkContinue
		})
		for _, n := range d.Notes {
			for _, bl := range n.Blocks {
				if p, ok := bl.(*doc.Paragraph); ok {
					notes = append(notes, collapse(doc.PlainText(p.Inlines)))
					break
				}
			}
		}
	}
	if len(paras) == 0 || len(cells) == 0 || len(captions) == 0 || len(notes) == 0 {
		t.Fatalf("the fixture lacks paragraphs (%d), cells (%d), captions (%d) or notes (%d)", len(paras), len(cells), len(captions), len(notes))
	}

	// The body's paragraphs, in reading order: the words of each in order,
	// close together (note marks and cross-references' text come between
	// them; notes and captions between paragraphs). A note's mark runs on
	// after the word it follows, as drawn: "döküldü.1".
	words := strings.Fields(all)
	same := func(tree, model string) bool {
		rest, ok := strings.CutPrefix(tree, model)
		return ok && strings.Trim(rest, "0123456789") == ""
	}
	at := 0
	for _, p := range paras {
		pw := strings.Fields(p)
		i, j, first := at, 0, 0
		for ; i < len(words) && j < len(pw); i++ {
			if same(words[i], pw[j]) {
				if j == 0 {
					first = i
				}
				j++
			} else if j > 0 && i-first > 2*len(pw)+20 {
				break
			}
		}
		if j < len(pw) {
			t.Errorf("paragraph not whole in the tree, in reading order, from word %d (%q): %q", j, pw[j], p)
			continue
		}
		at = i
	}
	var got []string
	for _, tb := range tree.elements("Table") {
		for _, tr := range tb.elements("TR") {
			for _, c := range tr.kids {
				if c.typ == "TH" || c.typ == "TD" {
					got = append(got, c.allText())
				}
			}
		}
	}
	if !slices.Equal(got, cells) {
		t.Errorf("table cells:\n%q\nwant\n%q", got, cells)
	}
	var caps []string
	for _, c := range tree.elements("Caption") {
		caps = append(caps, c.allText())
	}
	for _, c := range captions {
		if !slices.ContainsFunc(caps, func(s string) bool { return strings.HasSuffix(s, c) }) {
			t.Errorf("no Caption %q in %q", c, caps)
		}
	}
	var ns []string
	for _, n := range tree.elements("Note") {
		ns = append(ns, n.allText())
	}
	if len(ns) != len(notes) {
		t.Errorf("%d Note elements, want %d", len(ns), len(notes))
	}
	for _, n := range notes {
		if !slices.ContainsFunc(ns, func(s string) bool { return strings.Contains(s, n) }) {
			t.Errorf("no Note with %q", n)
		}
	}
	texts := map[string]int{}
	var count func(n *structNode)
	count = func(n *structNode) {
		if n.typ == "" {
			texts[collapse(n.text)]++
		}
		for _, k := range n.kids {
			count(k)
		}
	}
	count(tree)
	for _, d := range b.Documents {
		if n := texts[collapse(d.Title)]; n != 2 {
			t.Errorf("chapter title %q is %d times in the tree, want 2 (its heading and its contents entry) of %d pages", d.Title, n, info.Pages)
		}
	}
	if n := strings.Count(all, b.Meta.Title); n != 2 {
		t.Errorf("the book's title is %d times in the tree, want 2 (title page and imprint)", n)
	}
	t.Logf("%d paragraphs, %d cells, %d captions, %d notes found", len(paras), len(cells), len(captions), len(notes))
}

// pdfjsNode is a node of structtree.mjs's output.
type pdfjsNode struct {
	Role    string `json:"role"`
	Alt     string `json:"alt"`
	Lang    string `json:"lang"`
	Depth   int    `json:"depth"`
	Content int    `json:"content"`
	Text    string `json:"text"`
}

// pdfjsTree reads the structure tree of every page of the PDF at path
// with pdf.js (testdata/structtree.mjs).
func pdfjsTree(t *testing.T, path string) [][]pdfjsNode {
	t.Helper()
	node := testtool.Require(t, "node", "apt-get install nodejs")
	mod := os.Getenv("PDFJS_DIST")
	if mod == "" {
		mod = filepath.Join(testtool.Root(), "node_modules", "pdfjs-dist", "legacy", "build", "pdf.mjs")
	}
	testtool.RequireFile(t, mod, "npm install pdfjs-dist@4.10.38 (or set PDFJS_DIST to its legacy/build/pdf.mjs)")
	out, err := exec.Command(node, filepath.Join("testdata", "structtree.mjs"), mod, path).Output()
	if err != nil {
		t.Fatalf("node structtree.mjs: %v", err)
	}
	var pages [][]pdfjsNode
	if err := json.Unmarshal(out, &pages); err != nil {
		t.Fatal(err)
	}
	return pages
}

// TestStructTreePDFJSManuscript reads the manuscript fixture's tree with
// pdf.js, as a browser's accessibility layer does: every figure with its
// alt text, every table cell with its text in order, every caption, a
// Note with text for every footnote, and the references to them as Links.
func TestStructTreePDFJSManuscript(t *testing.T) {
	b, ok := books(t)["manuscript"]
	if !ok {
		t.Skip("no manuscript fixture")
	}
	var alts, cells, captions []string
	notes := 0
	for _, d := range b.Documents {
		notes += len(d.Notes)
		doc.WalkDocument(d, func(n doc.Node, entering bool) doc.WalkStatus {
			if !entering {
				return doc.WalkContinue
			}
			switch n := n.(type) {
			case *doc.Figure:
				alts = append(alts, n.Alt)
				if len(n.Caption) > 0 {
					captions = append(captions, collapse(doc.PlainText(n.Caption)))
				}
			case *doc.InlineImage:
				alts = append(alts, n.Alt)
			case *doc.Table:
				if len(n.Caption) > 0 {
					captions = append(captions, collapse(doc.PlainText(n.Caption)))
				}
				for _, r := range append([][]*doc.TableCell{n.Head}, n.Rows...) {
					for _, c := range r {
						cells = append(cells, collapse(doc.PlainText(c.Inlines)))
					}
				}
			}
			return doc.WalkContinue
		})
	}
	path, _ := writeTemp(t, "manuscript", b)
	var gotAlts, gotCells, gotCaps, noteText []string
	links := 0
	for _, p := range pdfjsTree(t, path) {
		for i, n := range p {
			switch n.Role {
			case "Figure":
				gotAlts = append(gotAlts, n.Alt)
			case "TH", "TD":
				gotCells = append(gotCells, collapse(n.Text))
			case "Caption":
				gotCaps = append(gotCaps, collapse(n.Text))
			case "Note":
				var s []string
				for _, k := range p[i+1:] {
					if k.Depth <= n.Depth {
						break
					}
					s = append(s, k.Text)
				}
				noteText = append(noteText, collapse(strings.Join(s, " ")))
			case "Link":
				if n.Content >= 2 { // its text and its annotation
					links++
				}
			}
		}
	}
	slices.Sort(alts)
	slices.Sort(gotAlts)
	if !slices.Equal(gotAlts, alts) {
		t.Errorf("pdf.js: figures' alt texts %q, want %q", gotAlts, alts)
	}
	if !slices.Equal(gotCells, cells) {
		t.Errorf("pdf.js: table cells %q, want %q", gotCells, cells)
	}
	for _, c := range captions {
		if !slices.ContainsFunc(gotCaps, func(s string) bool { return strings.HasSuffix(s, c) }) {
			t.Errorf("pdf.js: no Caption %q in %q", c, gotCaps)
		}
	}
	if len(noteText) != notes {
		t.Errorf("pdf.js: %d Notes, want %d", len(noteText), notes)
	}
	for _, s := range noteText {
		if s == "" {
			t.Error("pdf.js: a Note without text")
		}
	}
	if links < notes {
		t.Errorf("pdf.js: %d Links with an annotation, want at least one per note (%d)", links, notes)
	}
	t.Logf("pdf.js: %d figures, %d cells, %d captions, %d notes, %d links", len(gotAlts), len(gotCells), len(gotCaps), len(noteText), links)
}
