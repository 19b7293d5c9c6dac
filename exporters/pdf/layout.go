package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// This file lays the book out into pages of positioned drawing operations.
// Nothing here touches fpdf except through the measurer, so the layout can
// be tested on its own and drawn afterwards (render.go), either page by page
// as each page is complete (emit) or all at once.

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
	textOp opKind = iota // r.text at (x, y) on the baseline
	ruleOp               // a line from (x, y) to (x+w, y+h)
	urlOp                // a link to r.url over the rectangle (x, y, w, h)
	gotoOp               // a link to dests[dest] over the rectangle
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
	lab  labels
	book *doc.Book
	// emit, when not nil, receives each page as soon as it is complete (see
	// endPage), and pages stays empty, so that a long book's layout is not
	// kept: only the page being filled and the lines of one chapter are.
	// emit must not keep the page: its buffers are reused.
	emit   func(*page)
	pages  []*page // the laid-out pages, when emit is nil
	npages int     // the number of pages begun
	// countOnly leaves out the drawing operations of text: the layout
	// only counts pages and places destinations (Write's first pass). It
	// records the line breaks of every text it sets in breaks.
	countOnly bool
	// breaks, when not countOnly, are the line breaks of a countOnly pass
	// over the same text, which setText takes in order instead of running
	// the line breaker again; next is the next one to take.
	breaks [][]int
	next   int
	spare  *page // a page emitted and drawn, whose buffers newPage reuses
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
}

// endPage ends the current page: it hands it to emit, if set. Nothing may
// be placed after endPage before the next newPage.
func (L *layouter) endPage() {
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
}

// need is the height l takes at the cursor.
func (L *layouter) need(l vline, first bool) float64 {
	if first && L.atTop {
		return l.height
	}
	return l.before + l.height
}

// place flows lines onto pages: paragraphs never leave a lone first line at
// a page's foot (orphan) or a lone last line at a page's head (widow), and
// headings stay with what follows them.
func (L *layouter) place(lines []vline) {
	const eps = 1e-6
	for i := 0; i < len(lines); {
		l := lines[i]
		if l.count >= 2 && l.idx == 0 && i+l.count <= len(lines) {
			L.placePara(lines[i : i+l.count])
			i += l.count
			continue
		}
		need := L.need(l, true)
		for j := i + 1; j <= i+l.keep && j < len(lines); j++ {
			need += lines[j].before + lines[j].height
		}
		if L.y+need > L.bottom()+eps && !L.atTop {
			L.newPage(L.spill)
		}
		L.put(l)
		i++
	}
}

func (L *layouter) placePara(group []vline) {
	const eps = 1e-6
	done := 0
	for done < len(group) {
		rem := len(group) - done
		// How many lines fit on this page?
		fit, y := 0, L.y
		for j := done; j < len(group); j++ {
			h := group[j].height
			if j == done && !L.atTop {
				h += group[j].before
			}
			if y+h > L.bottom()+eps {
				break
			}
			y += h
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
				L.newPage(L.spill)
				continue
			}
		}
		for _, l := range group[done : done+k] {
			L.put(l)
		}
		done += k
		L.newPage(L.spill)
	}
}

// ctx is the horizontal context of a block: its left edge and width, and
// how deep it sits in quotes and lists.
type ctx struct {
	x, measure float64
	depth      int // the quotes and lists around the block
	inList     bool
}

// indentLevels is how many levels of quotes and lists indent their content.
// Deeper levels are set at the indentation of the last of these, so that any
// model the pipeline can build (nesting up to 64 levels) keeps a measure
// that text can be set in; a deeper list shows its depth in its markers
// instead (see listMarker), a deeper quote only by its spacing.
const indentLevels = 4

// minMeasure is the narrowest measure that nesting may leave: half the
// page's. A level whose indentation would go below it is not indented, even
// within the first indentLevels (an ordered list with very long numbers).
func (L *layouter) minMeasure() float64 { return L.g.measure() / 2 }

// nest returns the context inside a quote or list in c: one level deeper,
// and, while c is less than indentLevels deep and the measure stays at least
// minMeasure, indented by left and narrowed by left+right. indented reports
// whether it was.
func (L *layouter) nest(c ctx, left, right float64) (in ctx, indented bool) {
	in = c
	in.depth++
	if c.depth >= indentLevels || c.measure-left-right < L.minMeasure() {
		return in, false
	}
	in.x += left
	in.measure -= left + right
	return in, true
}

// setting is how setText sets a text's lines.
type setting uint8

const (
	justified setting = iota // Knuth–Plass with hyphenation, lines filled to the measure
	ragged                   // ragged right without hyphens; a short last line is free
	balanced                 // ragged right with lines of even length (titles, headings)
	centred                  // balanced and centred
)

// setText breaks runs into lines of width measure and returns them as
// vlines, each line's text positioned as the setting says.
func (L *layouter) setText(runs []run, c ctx, indent float64, how setting, leading float64, size float64) []vline {
	isRagged, center := how != justified, how == centred
	items := L.ib.build(L.items, runs, L.m, paraOptions{measure: c.measure, indent: indent, ragged: isRagged})
	defer func() { L.items = items[:0] }() // nothing below keeps items
	p := defaultParams
	if isRagged {
		p.ragged = c.measure / 2
		p.balance = how != ragged
	}
	breaks, ok := L.replayBreaks(len(items))
	if !ok {
		breaks, ok = lineBreaks(items, c.measure, p)
		if ok && L.countOnly {
			L.breaks = append(L.breaks, breaks)
		}
	}
	if !ok {
		L.fail(fmt.Errorf("pdf: no way to break a paragraph into lines of %.1f mm", c.measure))
		return nil
	}
	L.paraID++
	out := make([]vline, 0, len(breaks))
	if L.countOnly {
		for range breaks {
			out = append(out, vline{height: leading, base: (leading-size*ptMM)/2 + 0.78*size*ptMM, para: L.paraID})
		}
	}
	from := 0
	for _, b := range breaks {
		if L.countOnly {
			break
		}
		for from < b && items[from].kind != boxItem {
			from++
		}
		r := 0.0
		if !isRagged {
			r = lineRatio(items, from, b, c.measure)
		}
		var ops []op
		x, end := 0.0, 0.0
		addText := func(rn run, w float64) {
			if n := len(ops); n > 0 && ops[n-1].kind == textOp && ops[n-1].r.style == rn.style &&
				ops[n-1].r.size == rn.size && ops[n-1].r.url == rn.url && abs(ops[n-1].x+ops[n-1].w-x) < 1e-9 {
				ops[n-1].r.text += rn.text
				ops[n-1].w += w
			} else {
				ops = append(ops, op{kind: textOp, x: x, w: w, r: rn})
			}
			x += w
			end = x
		}
		for i := from; i < b; i++ {
			it := items[i]
			switch it.kind {
			case boxItem:
				if it.run.text == "" {
					x += it.width
					continue
				}
				addText(it.run, it.width)
			case glueItem:
				x += it.width
				if r > 0 {
					x += r * it.stretch
				} else {
					x += r * it.shrink
				}
			}
		}
		if it := items[b]; it.kind == penaltyItem && it.flagged {
			addText(it.run, it.width)
		}
		shift := c.x
		if center {
			shift += (c.measure - end) / 2
		}
		urls := 0
		for i := range ops {
			ops[i].x += shift
			if ops[i].r.url != "" {
				urls++
			}
		}
		lineOps := ops
		if urls > 0 {
			lineOps = make([]op, 0, len(ops)+urls)
			for _, o := range ops {
				lineOps = append(lineOps, o)
				if o.r.url != "" {
					lineOps = append(lineOps, op{kind: urlOp, x: o.x, y: -size * ptMM * 0.8, w: o.w, h: size * ptMM, r: o.r})
				}
			}
		}
		out = append(out, vline{height: leading, base: (leading-size*ptMM)/2 + 0.78*size*ptMM,
			ops: lineOps, width: shift + end, para: L.paraID})
		from = b + 1
	}
	for i := range out {
		out[i].idx, out[i].count = i, len(out)
	}
	return out
}

// replayBreaks returns the next recorded line breaks, when there are any
// and they fit a text of n items (they end at its last item).
func (L *layouter) replayBreaks(n int) ([]int, bool) {
	if L.countOnly || L.next >= len(L.breaks) {
		return nil, false
	}
	b := L.breaks[L.next]
	L.next++
	if len(b) == 0 || b[len(b)-1] != n-1 {
		return nil, false
	}
	return b, true
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

func (L *layouter) fail(err error) {
	if L.err == nil {
		L.err = err
	}
}

// blocks lays out blocks in context c.
func (L *layouter) blocks(blocks []doc.Block, c ctx, first bool) []vline {
	var out []vline
	lead := L.leading()
	prevPara := false
	for bi, bl := range blocks {
		gap := lead / 2
		if first && bi == 0 {
			gap = 0
		}
		switch bl := bl.(type) {
		case *doc.Heading:
			size := L.body()
			st := bold
			switch bl.Level {
			case 1, 2:
				size = L.body() * 1.3
			case 3:
				size = L.body() * 1.1
			default:
				st = bold | italic
			}
			runs := flatten(nil, bl.Inlines, st, size, "")
			ls := L.setText(runs, c, 0, balanced, size*1.25*ptMM, size)
			if len(ls) > 0 {
				ls[0].before = lead
				if first && bi == 0 {
					ls[0].before = 0
				}
				for i := range ls {
					ls[i].count = 0 // headings are not paragraphs
				}
				ls[len(ls)-1].keep = 2
				if bl.Level <= 2 {
					d := L.newDest()
					ls[0].mark = &mark{title: doc.PlainText(bl.Inlines), level: 1, dest: d}
				}
				// Space after the heading, as a gap line.
				ls = append(ls, vline{height: lead / 3})
				ls[len(ls)-2].keep = 3
			}
			out = append(out, ls...)
			prevPara = false
			continue
		case *doc.Paragraph:
			indent := 0.0
			if prevPara && !c.inList {
				indent, gap = L.body()*ptMM*1.2, 0
			}
			ls := L.paragraph(bl, c, indent)
			if len(ls) > 0 {
				ls[0].before = gap
			}
			out = append(out, ls...)
			prevPara = true
		case *doc.CodeBlock:
			out = append(out, L.code(bl.Text, c, gap)...)
			prevPara = false
		case *doc.Quote:
			q, indented := L.nest(c, 6, 4)
			ls := L.blocks(bl.Blocks, q, false)
			if indented {
				// The quote's bar runs beside every line of it, in the
				// indentation. A quote too deep to indent draws none: it
				// would cover its parent's bar.
				for i := range ls {
					ls[i].ops = append(ls[i].ops, op{kind: ruleOp, x: c.x + 1, y: -ls[i].base, h: ls[i].height})
				}
			}
			if len(ls) > 0 {
				ls[0].before = gap
			}
			out = append(out, ls...)
			prevPara = false
		case *doc.List:
			ls := L.list(bl, c)
			if len(ls) > 0 {
				ls[0].before = gap
			}
			out = append(out, ls...)
			prevPara = false
		case *doc.ThematicBreak:
			size := L.body()
			w := L.m.width(ornament, 0, size)
			out = append(out, vline{height: lead * 2, base: lead + 0.3*size*ptMM, before: gap,
				ops: []op{{kind: textOp, x: c.x + (c.measure-w)/2, w: w, r: run{text: ornament, size: size}}}})
			prevPara = false
		default:
			panic("pdf: unknown block type")
		}
	}
	return out
}

// paragraph sets a paragraph justified in c, its first line indented by
// indent.
func (L *layouter) paragraph(p *doc.Paragraph, c ctx, indent float64) []vline {
	runs := flatten(nil, p.Inlines, 0, L.body(), "")
	return L.setText(runs, c, indent, justified, L.leading(), L.body())
}

// ornament marks a thematic break. The text faces have no U+2042 ASTERISM.
const ornament = "*\u2003*\u2003*"

// list lays out a list with its markers in a hanging indent. A list too
// deep to indent (see nest) runs its markers in instead: each item's marker
// opens the first line of its first paragraph, or stands on a line of its
// own above any other first block.
func (L *layouter) list(l *doc.List, c ctx) []vline {
	var out []vline
	gap := L.body() * ptMM * 0.6 // between a marker and its text
	hang := L.body() * ptMM * 1.8
	if l.Ordered {
		last := strconv.Itoa(l.Start+len(l.Items)-1) + "."
		hang = max(hang, L.m.width(last, 0, L.body())+gap)
	}
	inner, hanging := L.nest(c, hang, 0)
	inner.inList = true
	for i, it := range l.Items {
		marker := listMarker(l, i, inner.depth, !hanging)
		w := L.m.width(marker, 0, L.body())
		var ls []vline
		if hanging {
			ls = L.blocks(it.Blocks, inner, true)
			if len(ls) == 0 {
				ls = []vline{L.emptyLine()}
			}
			x := inner.x - gap - w
			if !l.Ordered {
				x = c.x + (hang-w)/2 - L.body()*ptMM*0.2
			}
			// The marker comes first in the content stream, so that text
			// extraction reads it before the item.
			ls[0].ops = append([]op{{kind: textOp, x: x, w: w, r: run{text: marker, size: L.body()}}}, ls[0].ops...)
		} else {
			ls = L.runIn(it.Blocks, inner, op{kind: textOp, x: inner.x, w: w, r: run{text: marker, size: L.body()}}, w+gap)
		}
		if i > 0 {
			ls[0].before = L.leading() / 4
		}
		out = append(out, ls...)
	}
	return out
}

// runIn lays out the blocks of a list item with its marker run in: the
// marker mk opens the first paragraph, whose first line is indented by
// indent to make room for it; any other first block gets a line of its own
// for the marker, kept with what follows.
func (L *layouter) runIn(blocks []doc.Block, c ctx, mk op, indent float64) []vline {
	if len(blocks) > 0 {
		if p, ok := blocks[0].(*doc.Paragraph); ok {
			if ls := L.paragraph(p, c, indent); len(ls) > 0 {
				ls[0].ops = append([]op{mk}, ls[0].ops...)
				return append(ls, L.blocks(blocks[1:], c, false)...)
			}
		}
	}
	head := L.emptyLine()
	head.ops = []op{mk}
	head.width = mk.x + mk.w
	head.keep = 2
	return append([]vline{head}, L.blocks(blocks, c, true)...)
}

// emptyLine is a line of body text with nothing on it.
func (L *layouter) emptyLine() vline {
	lead, size := L.leading(), L.body()
	return vline{height: lead, base: (lead-size*ptMM)/2 + 0.78*size*ptMM}
}

// listMarker returns the marker of item i of l: a bullet, or the item's
// number and a full stop. A run-in marker (a list too deep to indent) is
// preceded by the list's depth in superscript digits, "⁵•" or "⁵3.", since
// the indentation no longer shows it.
func listMarker(l *doc.List, i, depth int, runIn bool) string {
	m := "•"
	if l.Ordered {
		m = strconv.Itoa(l.Start+i) + "."
	}
	if runIn {
		m = superscript(depth) + m
	}
	return m
}

// superscript writes n, which is not negative, in superscript digits.
func superscript(n int) string {
	digits := []rune("⁰¹²³⁴⁵⁶⁷⁸⁹")
	var b strings.Builder
	for _, d := range strconv.Itoa(n) {
		b.WriteRune(digits[d-'0'])
	}
	return b.String()
}

// code lays out a code block in the monospaced face, wrapping lines that
// are wider than the measure at any character.
func (L *layouter) code(text string, c ctx, gap float64) []vline {
	size := L.body() * monoScale
	lead := size * 1.3 * ptMM
	text = strings.TrimSuffix(text, "\n")
	var out []vline
	for _, line := range strings.Split(text, "\n") {
		line = expandTabs(line)
		for {
			// The longest prefix that fits, cut after a space when there
			// is one past the indentation, else at any character.
			w, cut, space := 0.0, len(line), -1
			indent := len(line) - len(strings.TrimLeft(line, " "))
			for i, r := range line {
				rw := L.m.width(string(r), mono, size)
				if w+rw > c.measure && i > 0 {
					cut = i
					if space > indent {
						cut = space
					}
					break
				}
				if r == ' ' {
					space = i + 1
				}
				w += rw
			}
			part := line[:cut]
			pw := L.m.width(part, mono, size)
			var ops []op
			if strings.TrimSpace(part) != "" {
				ops = []op{{kind: textOp, x: c.x, w: pw, r: run{text: part, style: mono, size: size}}}
			}
			out = append(out, vline{height: lead, base: (lead-size*ptMM)/2 + 0.78*size*ptMM, ops: ops, width: c.x + pw})
			line = line[cut:]
			if line == "" {
				break
			}
		}
	}
	if len(out) > 0 {
		out[0].before = gap
		out = append(out, vline{height: L.leading() / 3})
	}
	return out
}

// expandTabs replaces tabs with spaces to the next multiple of four columns.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// chapter lays out one chapter: a new recto, the title sunk a third of the
// way down, then the body.
func (L *layouter) chapter(title string, blocks []doc.Block) {
	L.head = title
	L.newRecto(openingPage)
	d := L.newDest()
	L.dests[d] = dest{page: L.cur.num, y: L.g.top}
	L.marks = append(L.marks, mark{title: title, level: 0, dest: d})
	L.cur.marks = append(L.cur.marks, placedMark{mark: mark{title: title, level: 0, dest: d}, y: L.g.top})
	L.y = L.g.top + (L.bottom()-L.g.top)*0.22
	size := L.body() * 2
	c := ctx{measure: L.g.measure()}
	ls := L.setText(flatten(nil, []doc.Inline{&doc.Text{Value: title}}, bold, size, ""), c, 0, balanced, size*1.2*ptMM, size)
	for i := range ls {
		ls[i].count = 0
	}
	L.place(ls)
	L.y += L.leading() * 2.5
	L.atTop = true // no space before the first block
	L.place(L.blocks(blocks, c, true))
}

// truncate shortens s to fit width w at size and style, ending in "…".
func truncate(m measurer, s string, st style, size, w float64) string {
	if m.width(s, st, size) <= w {
		return s
	}
	for s != "" {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
		if m.width(s+"…", st, size) <= w {
			return strings.TrimSpace(s) + "…"
		}
	}
	return ""
}
