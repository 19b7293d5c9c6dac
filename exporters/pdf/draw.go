package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"
)

// This file draws laid-out pages into fpdf.

// drawer draws laid-out pages into fpdf, in order, one at a time.
type drawer struct {
	p     *fpdf.Fpdf
	font  *fontSwitch
	g     geometry
	title string // the running head of versos
	m     measurer
	links []int // fpdf's link of each destination
	err   error // the first error; draw does nothing after it
}

// newDrawer returns a drawer for a book whose link destinations are dests
// (final page numbers). It registers every destination with fpdf before the
// first page, so that links may point forward: fpdf's StreamPages writes a
// page's links when the page ends. font is the fontSwitch of p, shared with
// the measurer m.
func newDrawer(p *fpdf.Fpdf, font *fontSwitch, g geometry, title string, m measurer, dests []dest) *drawer {
	d := &drawer{p: p, font: font, g: g, title: title, m: m, links: make([]int, len(dests))}
	for i, ds := range dests {
		d.links[i] = p.AddLink()
		p.SetLink(d.links[i], ds.y, ds.page)
	}
	return d
}

// draw adds pg, whose num is its final page number, as fpdf's next page.
func (d *drawer) draw(pg *page) {
	if d.err != nil {
		return
	}
	p, g, m := d.p, d.g, d.m
	headSize := g.body * 0.85
	p.AddPage()
	left := g.left(pg.num)
	d.font.to(0, g.body) // Bookmark encodes its title as the current font does
	for _, mk := range pg.marks {
		p.Bookmark(mk.title, mk.level, mk.y)
	}
	for _, o := range pg.ops {
		switch o.kind {
		case textOp:
			d.font.to(o.r.style, o.r.size)
			p.Text(left+o.x, o.y, o.r.text)
		case ruleOp:
			p.SetLineWidth(0.3)
			p.SetDrawColor(120, 120, 120)
			p.Line(left+o.x, o.y, left+o.x+o.w, o.y+o.h)
		case urlOp:
			p.LinkString(left+o.x, o.y, o.w, o.h, asciiURL(o.r.url))
		case gotoOp:
			p.Link(left+o.x, o.y, o.w, o.h, d.links[o.dest])
		}
	}
	// Running head and folio.
	folio := strconv.Itoa(pg.num)
	switch pg.kind {
	case openingPage:
		d.font.to(0, headSize)
		w := m.width(folio, 0, headSize)
		p.Text(left+(g.measure()-w)/2, g.h-g.bottom+9, folio)
	case bodyPage:
		head := d.title
		if pg.num%2 == 1 {
			head = pg.chapter
		}
		head = truncate(m, head, italic, headSize, g.measure()-25)
		y := g.top - 7
		d.font.to(italic, headSize)
		p.Text(left+(g.measure()-m.width(head, italic, headSize))/2, y, head)
		d.font.to(0, headSize)
		if pg.num%2 == 1 {
			p.Text(left+g.measure()-m.width(folio, 0, headSize), y, folio)
		} else {
			p.Text(left, y, folio)
		}
	}
	if err := p.Error(); err != nil {
		d.err = fmt.Errorf("pdf: draw page %d: %w", pg.num, err)
	}
}

// asciiURL percent-encodes the bytes of u that may not stand in a PDF URI
// (which is 7-bit ASCII), so that links with Turkish letters work.
func asciiURL(u string) string {
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		if c <= ' ' || c >= 0x7f {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
