package pdf

import (
	"fmt"
	"strings"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// This file makes pages: the page's geometry, the drawing operations a
// laid-out page holds, and the layouter's flow of lines onto pages, without
// widows or orphans. lines.go sets the lines; draw.go draws the pages.

const ptMM = 25.4 / 72 // millimetres per point

// geometry is the page and its margins, in millimetres. Inner and outer
// margins are mirrored: the inner one is on the left of a recto (odd) page.
type geometry struct {
	w, h                      float64
	inner, outer, top, bottom float64
	body                      float64 // body text size, points
}

// geometryFor returns the page of a manifest paper size.
func geometryFor(paper string) (geometry, error) {
	switch strings.ToLower(paper) {
	case "", "a5":
		return geometry{w: 148, h: 210, inner: 18, outer: 14, top: 16, bottom: 20, body: 10}, nil
	case "a4":
		return geometry{w: 210, h: 297, inner: 30, outer: 24, top: 25, bottom: 30, body: 11}, nil
	case "letter":
		return geometry{w: 215.9, h: 279.4, inner: 30, outer: 25, top: 24, bottom: 29, body: 11}, nil
	}
	return geometry{}, fmt.Errorf("pdf: unknown paper size %q (want a5, a4 or letter)", paper)
}

func (g geometry) measure() float64 { return g.w - g.inner - g.outer }

// left returns the left margin of page n (1-based).
func (g geometry) left(n int) float64 {
	if n%2 == 1 {
		return g.inner
	}
	return g.outer
}

type opKind uint8

const (
	textOp  opKind = iota // r.text at (x, y) on the baseline
	ruleOp                // a line from (x, y) to (x+w, y+h)
	urlOp                 // a link to r.url over the rectangle (x, y, w, h)
	gotoOp                // a link to dests[dest] over the rectangle
	fillOp                // the rectangle (x, y, w, h) filled in the grey level dest (0 black, 255 white)
	imageOp               // the image keyed r.text (see layouter.images) in the rectangle (x, y, w, h), y its top
)

// op is one drawing operation. x is relative to the page's left margin.
type op struct {
	kind       opKind
	x, y, w, h float64
	r          run
	dest       int
}

// mark is a destination of the table of contents and the outline.
type mark struct {
	title string
	level int // 0 chapter, 1 section
	dest  int
}

// vline is one line of the vertical flow: a line of text, a rule, a gap.
type vline struct {
	height float64 // advance, mm
	base   float64 // baseline below the line's top, mm
	before float64 // space above, dropped at the top of a page
	ops    []op    // y relative to the baseline
	width  float64 // widest drawn extent, from x = 0 of the text block
	para   int     // lines of one paragraph share idx/count; count 0 otherwise
	idx    int
	count  int
	keep   int // the number of following lines that must share the page
	mark   *mark
	// float marks a figure: when it does not fit on the rest of the page
	// it waits for the top of the next one, and the text after it goes on
	// (see layouter.place).
	float bool
	// x holds what few lines have (notes, a table's header, a link
	// target), so that a line of prose stays small; nil for none. Lines
	// copied from one another share it: change it with setX.
	x *lineExtra
}

// lineExtra is what some lines hold besides their drawing.
type lineExtra struct {
	// notes are the footnotes whose reference marks the line holds, in
	// order, each with its lines (see layouter.noteLines).
	notes [][]vline
	// repeat are the lines repeated at the top of every page that the
	// line continues a table on: its header.
	repeat []vline
	// target is the bookKey of the element the line begins, for internal
	// links to it; "" for none.
	target string
}

// notes returns the notes of l (see lineExtra).
func (l *vline) notes() [][]vline {
	if l.x == nil {
		return nil
	}
	return l.x.notes
}

// repeat returns the lines repeated before l on a new page.
func (l *vline) repeat() []vline {
	if l.x == nil {
		return nil
	}
	return l.x.repeat
}

// target returns the link target that l begins, or "".
func (l *vline) target() string {
	if l.x == nil {
		return ""
	}
	return l.x.target
}

// setX gives l a copy of its extra, changed by fn.
func (l *vline) setX(fn func(x *lineExtra)) {
	var x lineExtra
	if l.x != nil {
		x = *l.x
	}
	fn(&x)
	if x.notes == nil && x.repeat == nil && x.target == "" {
		l.x = nil
		return
	}
	l.x = &x
}

// page is one laid-out page.
type page struct {
	num     int
	ops     []op
	kind    pageKind
	chapter string // running head of a recto
	marks   []placedMark
	lines   []float64 // drawn widths of the text lines, for tests
}

type placedMark struct {
	mark
	y float64
}

type pageKind uint8

const (
	bodyPage    pageKind = iota // running head and folio
	openingPage                 // folio at the foot, no head
	plainPage                   // no head, no folio: title, imprint, blanks
)

// dest is where an internal link or bookmark points.
type dest struct {
	page int
	y    float64
}

// layouter holds the state of laying out one book.
type layouter struct {
	g    geometry
	m    measurer
	lab  doc.Labels
	meta doc.Meta // for the front matter
	// emit, when not nil, receives each page as soon as it is complete (see
	// endPage), and pages stays empty, so that a long book's layout is not
	// kept: only the page being filled and the lines of one chapter are.
	// emit must not keep the page: its buffers are reused.
	emit   func(*page)
	pages  []*page // the laid-out pages, when emit is nil
	npages int     // the number of pages begun
	spare  *page   // a page emitted, whose buffers newPage reuses
	ib     itemBuilder
	items  []item // the last paragraph's items, for ib to reuse
	cur    *page
	y      float64  // top of the next line, from the top edge
	atTop  bool     // nothing flowed on the page yet
	spill  pageKind // the kind of the pages that place adds
	head   string   // running head of the pages being laid out
	dests  []dest
	marks  []mark
	paraID int
	err    error

	// level is the outline level of the chapter being laid out: 0, or 1
	// under a part, plus its depth in the book's outline.
	level int
	// inPart is set once the book's first part has begun, until a
	// document after the parts (doc.Document.PartEnds) ends them.
	inPart bool
	// lastLevel is the outline level of the last mark, so that a level is
	// never skipped (a chapter's first heading of level 3 is one level
	// below the chapter).
	lastLevel int
	// docID is the ID of the document being laid out, for its link
	// targets.
	docID string
	// titleID is the id of the heading that is the chapter's title.
	titleID string
	// heads are the chapter's open headings, for their tags (headingTag).
	heads []headLevel
	// foreign says the document's language is not Turkish.
	foreign bool
	// keyDests are the destinations of internal links by bookKey;
	// placedAt the place of every link target laid out (see destFor).
	keyDests map[string]int
	placedAt map[string]dest
	// images are the images drawn, by key (see image).
	images map[string]*doc.Image

	// The footnotes (see notes.go): the notes set in this chapter, the
	// lines at the foot of the page being filled and their height with
	// the rule above them, the lines that did not fit and wait for the
	// next page's foot, and whether a note is being set.
	notesSet map[*doc.Note]bool
	foot     []vline
	footH    float64
	carry    []vline
	inNote   bool
	// floats are the figures waiting for the top of a page, in order.
	floats []vline
}

// typographic sizes derived from the body size
func (L *layouter) body() float64    { return L.g.body }
func (L *layouter) leading() float64 { return L.g.body * 1.3 * ptMM }

func (L *layouter) newPage(kind pageKind) {
	L.endPage()
	L.npages++
	p := &page{num: L.npages, kind: kind, chapter: L.head}
	if L.spare != nil {
		p.ops, p.lines, p.marks = L.spare.ops[:0], L.spare.lines[:0], L.spare.marks[:0]
		L.spare = nil
	}
	if L.emit == nil {
		L.pages = append(L.pages, p)
	}
	L.cur = p
	L.y = L.g.top
	L.atTop = true
	L.footH = 0
	if len(L.carry) > 0 {
		L.placeCarry()
	}
	if len(L.floats) > 0 && kind == bodyPage {
		L.placeFloats()
	}
}

// endPage ends the current page: it hands it to emit, if set. Nothing may
// be placed after endPage before the next newPage.
func (L *layouter) endPage() {
	if L.cur != nil && len(L.foot) > 0 {
		L.drawFoot()
	}
	if L.cur != nil && L.emit != nil {
		L.emit(L.cur)
		L.spare = L.cur
	}
	L.cur = nil
}

// newRecto starts a new odd page, leaving a blank verso when needed.
func (L *layouter) newRecto(kind pageKind) {
	if L.npages%2 == 1 {
		L.newPage(plainPage)
	}
	L.newPage(kind)
}

func (L *layouter) bottom() float64 { return L.g.h - L.g.bottom }

// newDest reserves a link destination, filled in when placed.
func (L *layouter) newDest() int {
	L.dests = append(L.dests, dest{})
	return len(L.dests) - 1
}

// put places a line at the cursor.
func (L *layouter) put(l vline) {
	if !L.atTop {
		L.y += l.before
	}
	baseline := L.y + l.base
	for _, o := range l.ops {
		o.y += baseline
		L.cur.ops = append(L.cur.ops, o)
	}
	if t := l.target(); t != "" {
		L.placeTarget(t, dest{page: L.cur.num, y: L.y})
	}
	if l.mark != nil {
		L.dests[l.mark.dest] = dest{page: L.cur.num, y: L.y}
		L.cur.marks = append(L.cur.marks, placedMark{mark: *l.mark, y: L.y})
		L.marks = append(L.marks, *l.mark)
	}
	if l.width > 0 {
		L.cur.lines = append(L.cur.lines, l.width)
	}
	L.y += l.height
	L.atTop = false
	for _, n := range l.notes() {
		L.addFoot(n)
	}
}

// need is the height l takes at the cursor.
func (L *layouter) need(l vline, first bool) float64 {
	if first && L.atTop {
		return l.height
	}
	return l.before + l.height
}

// place flows lines onto pages: paragraphs never leave a lone first line at
// a page's foot (orphan) or a lone last line at a page's head (widow),
// headings stay with what follows them, a line with footnote marks finds
// room for at least the first line of its notes at the page's foot, a
// figure that does not fit waits for the next page's top while the text
// goes on (see placeFloats), and a table's caption and header come again
// at the top of each page the table continues on.
func (L *layouter) place(lines []vline) {
	const eps = 1e-6
	for i := 0; i < len(lines); {
		l := lines[i]
		if l.count >= 2 && l.idx == 0 && i+l.count <= len(lines) {
			L.placePara(lines[i : i+l.count])
			i += l.count
			continue
		}
		if l.float && (len(L.floats) > 0 || !L.atTop && L.y+L.need(l, true)+L.footH > L.bottom()+eps) {
			L.floats = append(L.floats, l)
			i++
			continue
		}
		need := L.need(l, true) + L.noteNeed(l, L.footH)
		for j := i + 1; j <= i+l.keep && j < len(lines); j++ {
			need += lines[j].before + lines[j].height
		}
		if L.y+need > L.limit()+eps && !L.atTop {
			L.nextPage()
			for _, r := range l.repeat() {
				r.x = nil // notes and targets are set once, at the first header
				r.ops = asArtifact(r.ops)
				L.put(r)
			}
		}
		L.put(l)
		i++
	}
}

// limit is the lowest a line of text may end on the page: the bottom of
// the text block, less the footnotes.
func (L *layouter) limit() float64 { return L.bottom() - L.footH }

// nextPage starts a new page of the kind that place adds.
func (L *layouter) nextPage() { L.newPage(L.spill) }

func (L *layouter) placePara(group []vline) {
	const eps = 1e-6
	done := 0
	for done < len(group) {
		rem := len(group) - done
		// How many lines fit on this page?
		fit, y, foot := 0, L.y, L.footH
		for j := done; j < len(group); j++ {
			h := group[j].height
			if j == done && !L.atTop {
				h += group[j].before
			}
			if y+h+foot+L.noteNeed(group[j], foot) > L.bottom()+eps {
				break
			}
			y += h
			foot += L.notesHeight(group[j], foot)
			fit++
		}
		if fit >= rem {
			for _, l := range group[done:] {
				L.put(l)
			}
			return
		}
		k := fit
		if rem-k == 1 {
			k-- // no widow
		}
		if done == 0 && k < 2 {
			k = 0 // no orphan
		}
		if k <= 0 {
			if L.atTop {
				k = max(fit, 1) // the page is too short for any better choice
			} else {
				L.nextPage()
				continue
			}
		}
		for _, l := range group[done : done+k] {
			L.put(l)
		}
		done += k
		L.nextPage()
	}
}

func (L *layouter) fail(err error) {
	if L.err == nil {
		L.err = err
	}
}
