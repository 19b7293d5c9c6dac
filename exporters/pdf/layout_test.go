package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// TestLinesWithinMeasure lays out books with tokens too long for any line
// and checks that every drawn line ends inside the text block.
func TestLinesWithinMeasure(t *testing.T) {
	m := testMeasurer(t)
	b := handBook()
	huge := strings.Repeat("x", 10_000)
	url := "https://example.com/" + strings.Repeat("a", 600)
	b.Documents[1].Blocks = append(b.Documents[1].Blocks,
		para(9, text("Çok uzun: "+huge+" bitti.")),
		&doc.Quote{Blocks: []doc.Block{para(10, text(url+" "+huge))}},
		&doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{para(11, &doc.Strong{Inlines: []doc.Inline{text(huge)}}), &doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{para(12, &doc.Code{Value: huge})}}}}}}}},
		&doc.CodeBlock{Text: huge + "\n\t" + url + "\n"},
		&doc.Heading{Level: 2, Inlines: []doc.Inline{text(huge)}},
	)
	b.Documents[1].Title = "Başlık " + strings.Repeat("uzun", 300)
	b.Glossary = append(b.Glossary, doc.Term{Acronym: strings.Repeat("ABC", 40), Expansion: huge, ExpansionEN: url})
	for _, paper := range []string{"a5", "a4", "letter"} {
		g, err := geometryFor(paper)
		if err != nil {
			t.Fatal(err)
		}
		bl, err := layoutBook(b, m, g)
		if err != nil {
			t.Fatalf("%s: %v", paper, err)
		}
		lines := checkWithinMeasure(t, paper, bl, g)
		if lines < 100 {
			t.Errorf("%s: only %d lines laid out", paper, lines)
		}
	}
}

// checkWithinMeasure checks that every drawn line of bl ends inside the
// text block and every text is drawn inside the page's text area, and
// returns the number of text lines.
func checkWithinMeasure(t *testing.T, paper string, bl *bookLayout, g geometry) int {
	t.Helper()
	lines := 0
	for _, pg := range bl.pages {
		for _, w := range pg.lines {
			lines++
			if w > g.measure()+1e-6 {
				t.Errorf("%s: page %d: a line is %.3f mm wide, measure %.3f", paper, pg.num, w, g.measure())
			}
		}
		for _, o := range pg.ops {
			if o.kind == textOp && (o.x < -20 || o.x+o.w > g.measure()+1e-6) {
				t.Errorf("%s: page %d: %.30q drawn from %.2f to %.2f mm, measure %.2f", paper, pg.num, o.r.text, o.x, o.x+o.w, g.measure())
			}
			if o.kind == textOp && (o.y < g.top-10 || o.y > g.h-g.bottom+1) {
				t.Errorf("%s: page %d: %.30q drawn at y = %.2f mm, outside the text block", paper, pg.num, o.r.text, o.y)
			}
		}
	}
	return lines
}

// TestNoWidowsOrOrphans flows paragraphs of every length from 1 to 14
// lines through pages and checks where each one breaks.
func TestNoWidowsOrOrphans(t *testing.T) {
	g, _ := geometryFor("a5")
	L := &layouter{g: g, m: testMeasurer(t)}
	L.newPage(bodyPage)
	lead := L.leading()
	var lines []vline
	for n := 1; n <= 14; n++ {
		for rep := 0; rep < 3; rep++ {
			id := n*10 + rep
			for i := 0; i < n; i++ {
				l := vline{height: lead, base: lead * 0.75, para: id, idx: i, count: n,
					ops: []op{{kind: textOp, r: run{text: fmt.Sprintf("%d/%d", id, i)}}}}
				if i == 0 {
					l.before = lead / 2
				}
				lines = append(lines, l)
			}
		}
	}
	L.place(lines)
	if len(L.pages) < 5 {
		t.Fatalf("only %d pages", len(L.pages))
	}
	type span struct{ first, last int } // line indexes on one page
	for _, pg := range L.pages {
		on := map[int]*span{}
		var order []int
		counts := map[int]int{}
		for _, o := range pg.ops {
			var id, i int
			fmt.Sscanf(o.r.text, "%d/%d", &id, &i)
			counts[id] = id / 10
			if s, ok := on[id]; ok {
				s.last = i
			} else {
				on[id] = &span{i, i}
				order = append(order, id)
			}
			if o.y > g.h-g.bottom+1e-6 {
				t.Errorf("page %d: line below the text block", pg.num)
			}
		}
		for _, id := range order {
			s, n := on[id], counts[id]
			if n < 2 {
				continue
			}
			if s.first == 0 && s.last == 0 {
				t.Errorf("page %d: orphan: paragraph %d (%d lines) leaves only its first line", pg.num, id, n)
			}
			if s.first == n-1 && s.last == n-1 {
				t.Errorf("page %d: widow: paragraph %d (%d lines) carries only its last line over", pg.num, id, n)
			}
		}
	}
}

func TestLabels(t *testing.T) {
	for _, tt := range []struct{ lang, want string }{{"", "İçindekiler"}, {"tr", "İçindekiler"}, {"tr-TR", "İçindekiler"}, {"en", "Contents"}, {"de", "Contents"}} {
		if got := labelsFor(tt.lang).Contents; got != tt.want {
			t.Errorf("labelsFor(%q).Contents = %q, want %q", tt.lang, got, tt.want)
		}
	}
}

// bookLayout is a laid-out book, ready to draw.
type bookLayout struct {
	pages []*page
	dests []dest
	marks []mark // the table of contents, in order
}

// layoutBody lays out the body of b as a Writer does (chapters, then the
// glossary), keeping every page, or handing each to emit when it is not
// nil.
func layoutBody(b *doc.Book, m measurer, g geometry, emit func(*page)) (*layouter, error) {
	body := &layouter{g: g, m: m, lab: labelsFor(b.Meta.Lang), meta: b.Meta, emit: emit}
	for i, d := range b.Documents {
		body.document(i, d)
		if body.err != nil {
			return nil, body.err
		}
	}
	body.glossary(b.Glossary)
	if body.err != nil {
		return nil, body.err
	}
	body.endPage()
	return body, nil
}

// layoutBook lays out the whole book and keeps every page, for tests that
// look at them: the body (chapters and the glossary) first, so that the
// table of contents knows its page numbers, then the front matter, whose
// length only shifts the body by an even number of pages. A Writer does the
// same, but spools the body's pages instead of keeping them.
func layoutBook(b *doc.Book, m measurer, g geometry) (*bookLayout, error) {
	body, err := layoutBody(b, m, g, nil)
	if err != nil {
		return nil, err
	}
	F, err := layoutFront(b.Meta, m, g, body)
	if err != nil {
		return nil, err
	}
	offset := len(F.pages)
	out := &bookLayout{pages: F.pages, marks: body.marks, dests: shiftDests(body.dests, offset)}
	for _, p := range body.pages {
		p.num += offset
		out.pages = append(out.pages, p)
	}
	return out, nil
}
