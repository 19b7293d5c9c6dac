package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// maxNesting is the deepest nesting of quotes and lists that the pipeline
// builds (the structure stage flattens anything deeper into this level).
const maxNesting = 64

// nested builds maxNesting levels of containers around inner, level k
// (1-based, outermost first) a quote ('q'), a bulleted list ('u') or an
// ordered list ('o') as kind(k) says. Each level opens with a paragraph
// unless bare(k), so that some list items start with a list and some
// quotes with a quote; each list has a second, short item.
func nested(file string, kind func(k int) byte, bare func(k int) bool, inner []doc.Block) []doc.Block {
	const sentence = "Siber güvenliğin sağlanması, fiziksel güvenlikte olduğu gibi üzerinde uzlaşılmış sözlü ya da yazılı anlaşmalarla gerçekleşmektedir."
	blocks := inner
	for k := maxNesting; k >= 1; k-- {
		pos := doc.Pos{File: file, Line: k, Col: 1}
		var body []doc.Block
		if !bare(k) {
			body = append(body, &doc.Paragraph{Pos: pos, Inlines: []doc.Inline{text(fmt.Sprintf("Düzey %d: ", k)), &doc.Emph{Inlines: []doc.Inline{text(sentence)}}}})
		}
		body = append(body, blocks...)
		switch kind(k) {
		case 'q':
			blocks = []doc.Block{&doc.Quote{Pos: pos, Blocks: body}}
		case 'u', 'o':
			l := &doc.List{Pos: pos, Ordered: kind(k) == 'o', Start: k * 1000}
			l.Items = []*doc.ListItem{{Pos: pos, Blocks: body}, {Pos: pos, Blocks: []doc.Block{&doc.Paragraph{Pos: pos, Inlines: []doc.Inline{text("kısa madde")}}}}}
			blocks = []doc.Block{l}
		default:
			panic("nested: unknown kind")
		}
	}
	return blocks
}

// deepBook builds a book nested as deep as the pipeline allows: quotes,
// bulleted lists, ordered lists and mixes of them, with every other block
// kind and an over-long word at the bottom.
func deepBook() *doc.Book {
	innermost := func(file string) []doc.Block {
		pos := doc.Pos{File: file, Line: 100, Col: 1}
		return []doc.Block{
			&doc.Heading{Pos: pos, Level: 3, Inlines: []doc.Inline{text("En derindeki başlık")}},
			&doc.Paragraph{Pos: pos, Inlines: []doc.Inline{text(seedText)}},
			&doc.Paragraph{Pos: pos, Inlines: []doc.Inline{text("Uzun: " + strings.Repeat("çok", 80) + " bitti.")}},
			&doc.CodeBlock{Pos: pos, Text: "func derin() {\n\treturn " + strings.Repeat("x", 200) + "\n}\n"},
			&doc.ThematicBreak{Pos: pos},
			&doc.List{Pos: pos, Items: []*doc.ListItem{{}}},
			&doc.Quote{Pos: pos},
		}
	}
	only := func(c byte) func(int) byte { return func(int) byte { return c } }
	never := func(int) bool { return false }
	docs := []struct {
		id, title string
		kind      func(int) byte
		bare      func(int) bool
	}{
		{"alinti", "Alıntılar", only('q'), never},
		{"madde", "Madde imli listeler", only('u'), never},
		{"sirali", "Sıralı listeler", only('o'), never},
		{"karisik", "Karışık", func(k int) byte { return "quo"[k%3] }, never},
		// Every third level has no paragraph of its own: items that open
		// with a list or a quote, quotes that open with a list.
		{"yalin", "Yalın düzeyler", func(k int) byte { return "uqo"[k%3] }, func(k int) bool { return k%3 == 0 }},
		// Lists whose items open with the next list, all the way down.
		{"zincir", "Zincir", func(k int) byte { return "uo"[k%2] }, func(k int) bool { return k > 1 }},
	}
	b := &doc.Book{Meta: doc.Meta{Title: "Derin İç İçe Yapılar", Lang: "tr"}}
	for i, d := range docs {
		file := d.id + ".md"
		b.Documents = append(b.Documents, &doc.Document{ID: d.id, Index: i, Source: file, Format: "markdown", Title: d.title,
			Blocks: nested(file, d.kind, d.bare, innermost(file))})
	}
	return b
}

// TestDeepNesting lays out and writes a book nested as deep as the model
// gets on every paper size: the indentation must stop growing so that
// every line keeps at least minMeasure and stays inside the margins, the
// levels past the indentation must show their depth in their markers, and
// the file must pass qpdf --check.
func TestDeepNesting(t *testing.T) {
	qpdf := testtool.Require(t, "qpdf", "apt-get install qpdf")
	m := testMeasurer(t)
	b := deepBook()
	for _, paper := range []string{"a5", "a4", "letter"} {
		b.Meta.PaperSize = paper
		g, err := geometryFor(paper)
		if err != nil {
			t.Fatal(err)
		}
		bl, err := layoutBook(b, m, g)
		if err != nil {
			t.Fatalf("%s: layout: %v", paper, err)
		}
		if lines := checkWithinMeasure(t, paper, bl, g); lines < 64*len(b.Documents) {
			t.Errorf("%s: only %d lines laid out", paper, lines)
		}
		markers := map[string]bool{}
		for _, pg := range bl.pages {
			for _, o := range pg.ops {
				if o.kind == textOp {
					markers[o.r.text] = true
				}
			}
		}
		// Each line starts (at its marker or its text) far enough left to
		// leave at least minMeasure; the centred ornament does not count.
		L := &layouter{g: g, m: m, meta: b.Meta, lab: labelsFor(b.Meta.Lang)}
		L.newPage(bodyPage)
		for _, d := range b.Documents {
			for i, l := range L.blocks(d.Blocks, ctx{measure: g.measure()}, true) {
				start, text := g.measure(), ""
				for _, o := range l.ops {
					if o.kind == textOp && o.r.text != ornament && o.x < start {
						start, text = o.x, o.r.text
					}
				}
				if text != "" && start > g.measure()-L.minMeasure()+1e-6 {
					t.Errorf("%s: %s: line %d starts %.2f mm in (%.30q): less than the minimum measure %.2f mm is left", paper, d.ID, i, start, text, L.minMeasure())
				}
			}
		}
		if L.err != nil {
			t.Errorf("%s: %v", paper, L.err)
		}
		for _, want := range []string{"•", "1000.", superscript(indentLevels+1) + "•", superscript(maxNesting) + "•", superscript(maxNesting) + "64000."} {
			if !markers[want] {
				t.Errorf("%s: no list marker %q", paper, want)
			}
		}
		path, info := writeTemp(t, "deep-"+paper, b)
		if info.Pages < 10 {
			t.Errorf("%s: %d pages", paper, info.Pages)
		}
		out := command(t, qpdf, "--check", path)
		if !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(strings.ToLower(out), "warning") {
			t.Errorf("%s: qpdf --check:\n%s", paper, out)
		}
	}
}
