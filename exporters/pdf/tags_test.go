package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/internal/pdfua"
	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/turkish"
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
func expectedTreeWords(b *doc.Book) []string {
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

// TestStructTreePDFJS reads the seed book's structure tree with pdf.js
// (getStructTree per page), as a browser's accessibility layer does: the
// chapter's page has its H1 heading and paragraphs with content, the
// contents its TOC of links, the glossary its list and English spans.
func TestStructTreePDFJS(t *testing.T) {
	node := testtool.Require(t, "node", "apt-get install nodejs")
	mod := os.Getenv("PDFJS_DIST")
	if mod == "" {
		mod = filepath.Join(testtool.Root(), "node_modules", "pdfjs-dist", "legacy", "build", "pdf.mjs")
	}
	testtool.RequireFile(t, mod, "npm install pdfjs-dist@4.10.38 (or set PDFJS_DIST to its legacy/build/pdf.mjs)")
	b, ok := books(t)["seeds"]
	if !ok {
		t.Skip("no seed book")
	}
	path, _ := writeTemp(t, "seeds", b)
	out, err := exec.Command(node, filepath.Join("testdata", "structtree.mjs"), mod, path).Output()
	if err != nil {
		t.Fatalf("node structtree.mjs: %v", err)
	}
	var pages [][]struct {
		Role    string `json:"role"`
		Alt     string `json:"alt"`
		Lang    string `json:"lang"`
		Content int    `json:"content"`
	}
	if err := json.Unmarshal(out, &pages); err != nil {
		t.Fatal(err)
	}
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
