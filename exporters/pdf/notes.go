package pdf

import (
	"strconv"

	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// This file sets footnotes at the foot of the page of their reference, as
// TeX does: under a short rule, smaller, justified and hyphenated like the
// body, each opening with its mark in superscript; several notes on a page
// stack in order, and a note that does not fit continues at the foot of the
// next page. The line holding a reference mark carries its notes' lines
// (lineExtra.notes); put hands them to the foot (addFoot) when it places the
// line, and place leaves room for at least a note's first line beside its
// reference (noteNeed), so that the reference is never pushed away by its
// note, nor the note's start. It also keeps the figures that float to the
// next page's top.

// noteScale is the size of footnotes relative to the body.
const noteScale = 0.8

// noteLines returns the lines of note n, set at the foot's size in the
// measure; nil when n was set already in this chapter (a second reference
// to it). Notes referenced inside n follow its lines.
func (L *layouter) noteLines(n *doc.Note) []vline {
	if L.notesSet[n] {
		return nil
	}
	if L.notesSet == nil {
		L.notesSet = map[*doc.Note]bool{}
	}
	L.notesSet[n] = true
	body, inNote := L.g.body, L.inNote
	L.g.body, L.inNote = body*noteScale, true
	defer func() { L.g.body, L.inNote = body, inNote }()

	mark := []doc.Inline{&doc.Sup{Inlines: []doc.Inline{&doc.Text{Value: strconv.Itoa(n.Number)}}}, &doc.Text{Value: "\u00a0"}}
	blocks := n.Blocks
	if len(blocks) > 0 {
		if p, ok := blocks[0].(*doc.Paragraph); ok {
			q := *p
			q.Inlines = append(mark, p.Inlines...)
			blocks = append([]doc.Block{&q}, blocks[1:]...)
		} else {
			blocks = append([]doc.Block{&doc.Paragraph{Inlines: mark}}, blocks...)
		}
	} else {
		blocks = []doc.Block{&doc.Paragraph{Inlines: mark}}
	}
	ls := L.blocks(blocks, ctx{measure: L.g.measure(), foreign: L.foreign}, true)
	var inner []vline
	for i := range ls {
		for _, sub := range ls[i].notes() {
			inner = append(inner, sub...)
		}
		ls[i].setX(func(x *lineExtra) { x.notes = nil })
	}
	ls = tagLines(ls, fpdf.StructNote, tagAttr{ID: "note-" + L.docID + "-" + strconv.Itoa(n.Number)})
	if len(ls) > 0 {
		ls[0].before = L.leading() / 4 // L.leading is the note's here
		ls[0].setX(func(x *lineExtra) { x.target = noteKey(L.docID, n) })
	}
	return append(ls, inner...)
}

// noteKey is the bookKey of the start of note n of the document docID: a
// note's reference mark links to it. (No id of the model has a NUL.)
func noteKey(docID string, n *doc.Note) string {
	return bookKey(docID, "\x00note"+strconv.Itoa(n.Number))
}

// footSep is the space the rule above the footnotes takes.
func (L *layouter) footSep() float64 { return L.leading() * 0.8 }

// noteNeed is the room at the foot that line l needs beside it, the foot
// being foot high: the first line of its first note, and the rule when the
// foot is empty; nothing when the line has no notes, or when notes are
// waiting for a later page (its notes will follow them).
func (L *layouter) noteNeed(l vline, foot float64) float64 {
	notes := l.notes()
	if len(notes) == 0 || len(notes[0]) == 0 || len(L.carry) > 0 {
		return 0
	}
	h := notes[0][0].height
	if foot == 0 {
		h += L.footSep()
	}
	return h
}

// notesHeight is the height of all of l's notes at a foot foot high.
func (L *layouter) notesHeight(l vline, foot float64) float64 {
	h := 0.0
	for _, n := range l.notes() {
		for i, nl := range n {
			h += nl.height
			if i == 0 && foot+h > 0 {
				h += nl.before
			}
		}
	}
	if h > 0 && foot == 0 {
		h += L.footSep()
	}
	return h
}

// addFoot adds the lines of a note to the page's foot, as many as fit
// below the text; the rest wait for the next page (carry).
func (L *layouter) addFoot(lines []vline) {
	const eps = 1e-6
	for _, l := range lines {
		if len(L.carry) > 0 {
			L.carry = append(L.carry, l)
			continue
		}
		h := l.height
		if len(L.foot) == 0 {
			h += L.footSep()
		} else {
			h += l.before
		}
		if L.y+L.footH+h > L.bottom()+eps {
			L.carry = append(L.carry, l)
			continue
		}
		L.foot = append(L.foot, l)
		L.footH += h
	}
}

// placeCarry moves the note lines waiting for this new page to its foot:
// no more than half the text block, so that the page has text too.
func (L *layouter) placeCarry() {
	const eps = 1e-6
	room := (L.bottom() - L.g.top) / 2
	carry := L.carry
	L.carry = nil
	for i, l := range carry {
		h := l.height
		if len(L.foot) == 0 {
			h += L.footSep()
		} else {
			h += l.before
		}
		if L.footH+h > room+eps && len(L.foot) > 0 {
			L.carry = append(L.carry, carry[i:]...)
			return
		}
		L.foot = append(L.foot, l)
		L.footH += h
	}
}

// drawFoot draws the page's footnotes at the foot of its text block, under
// a short rule, and empties the foot.
func (L *layouter) drawFoot() {
	y := L.bottom() - L.footH
	sep := L.footSep()
	L.cur.ops = append(L.cur.ops, op{kind: ruleOp, y: y + sep*0.4, w: L.g.measure() / 4})
	y += sep
	for i, l := range L.foot {
		if i > 0 {
			y += l.before
		}
		baseline := y + l.base
		for _, o := range l.ops {
			o.y += baseline
			L.cur.ops = append(L.cur.ops, o)
		}
		if t := l.target(); t != "" {
			L.placeTarget(t, dest{page: L.cur.num, y: y})
		}
		if l.width > 0 {
			L.cur.lines = append(L.cur.lines, l.width)
		}
		y += l.height
	}
	L.foot = L.foot[:0]
	L.footH = 0
}

// placeFloats places the figures waiting for a page's top, in order, as
// many as fit.
func (L *layouter) placeFloats() {
	const eps = 1e-6
	for len(L.floats) > 0 {
		l := L.floats[0]
		if !L.atTop && L.y+L.need(l, false)+L.footH > L.bottom()+eps {
			return
		}
		L.floats = L.floats[1:]
		L.put(l)
	}
}

// flush ends a chapter's flow: pages until no note waits for a foot and no
// figure for a top.
func (L *layouter) flush() {
	for guard := 0; (len(L.carry) > 0 || len(L.floats) > 0) && guard < 1000; guard++ {
		if len(L.floats) > 0 && L.atTop {
			// A float too tall for an empty page goes anyway.
			L.put(L.floats[0])
			L.floats = L.floats[1:]
			continue
		}
		L.nextPage()
	}
	L.carry, L.floats = nil, nil
	L.notesSet = nil
}
