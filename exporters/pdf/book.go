package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/turkish"
)

// This file lays out the parts of the book: chapters and the glossary (the
// body), and the front matter: title page, imprint and contents.

// document lays out d, the book's i-th document (from 0), as a chapter. Its
// title is d.Title, else the label of an untitled chapter; a first heading
// of level 1, or one that says the title, is the chapter's title and is not
// repeated. A part that begins with d (d.Part) gets a page of its own
// before it, and the outline holds the chapters after it under it, until
// a document after the book's parts (d.PartEnds) returns to the top; a
// document nested in the book's outline (d.Depth > 0) opens on a new page,
// not a new recto, with a smaller title, one level deeper in the outline.
func (L *layouter) document(i int, d *doc.Document) {
	title := strings.TrimSpace(d.Title)
	if title == "" {
		title = fmt.Sprintf(L.lab.Chapter, i+1)
	}
	blocks := d.Blocks
	titleID := "" // the id of the heading that is the title
	if len(blocks) > 0 {
		if h, ok := blocks[0].(*doc.Heading); ok && (h.Level == 1 || strings.TrimSpace(doc.PlainText(h.Inlines)) == title) {
			blocks = blocks[1:]
			titleID = h.Attr.ID
		}
	}
	if part := strings.TrimSpace(d.Part); part != "" {
		L.part(part)
		L.inPart = true
	} else if d.PartEnds {
		L.inPart = false
	}
	L.docID = d.ID
	L.level = d.Depth
	if L.inPart {
		L.level++
	}
	L.titleID = titleID
	L.heads = L.heads[:0]
	L.foreign = d.Lang != "" && !turkishLang(d.Lang)
	L.chapter(title, blocks, d.Depth > 0)
	L.place([]vline{tagOnly(endTag())}) // tags: the chapter's Sect
	L.docID, L.titleID, L.foreign = "", "", false
}

// part sets a part's title page: a recto with the title centred, and its
// blank verso.
func (L *layouter) part(title string) {
	L.head = title
	L.newRecto(plainPage)
	d := L.newDest()
	L.dests[d] = dest{page: L.cur.num, y: L.g.top}
	L.marks = append(L.marks, mark{title: title, level: 0, dest: d})
	L.cur.marks = append(L.cur.marks, placedMark{mark: mark{title: title, level: 0, dest: d}, y: L.g.top})
	L.lastLevel = 0
	L.y = L.g.top + (L.bottom()-L.g.top)*0.35
	L.atTop = true
	size := L.body() * 2.4
	ls := L.setText([]run{{text: title, style: bold, size: size}}, ctx{measure: L.g.measure()}, 0, centred, size*1.2*ptMM, size)
	for i := range ls {
		ls[i].count = 0
	}
	L.spill = plainPage
	L.place(ls)
	L.spill = bodyPage
}

// chapter lays out one chapter: a new recto, the title sunk a third of the
// way down, then the body; a nested one (depth > 0) on a new page with its
// title at the top.
func (L *layouter) chapter(title string, blocks []doc.Block, nested bool) {
	L.head = title
	// The outline never skips a level: a nested chapter without its
	// parent goes one level below the mark before it, or to the top.
	if len(L.marks) == 0 {
		L.level = 0
	} else {
		L.level = min(L.level, L.lastLevel+1)
	}
	L.lastLevel = L.level
	if nested {
		L.newPage(bodyPage)
	} else {
		L.newRecto(openingPage)
	}
	d := L.newDest()
	L.dests[d] = dest{page: L.cur.num, y: L.g.top}
	L.marks = append(L.marks, mark{title: title, level: L.level, dest: d})
	L.cur.marks = append(L.cur.marks, placedMark{mark: mark{title: title, level: L.level, dest: d}, y: L.g.top})
	if L.docID != "" {
		L.placeTarget(bookKey(L.docID, ""), dest{page: L.cur.num, y: L.g.top})
		if L.titleID != "" {
			L.placeTarget(bookKey(L.docID, L.titleID), dest{page: L.cur.num, y: L.g.top})
		}
	}
	size := L.body() * 2
	if nested {
		size = L.body() * 1.5
	} else {
		L.y = L.g.top + (L.bottom()-L.g.top)*0.22
	}
	c := ctx{measure: L.g.measure(), foreign: L.foreign}
	ls := L.setText(flatten(nil, []doc.Inline{&doc.Text{Value: title}}, bold|c.st(), size, ""), c, 0, balanced, size*1.2*ptMM, size)
	for i := range ls {
		ls[i].count = 0
	}
	ls = tagLines(ls, fpdf.StructH1, tagAttr{})                                              // tags: the title
	ls[0].ops = append([]op{beginTag(fpdf.StructSect, tagAttr{Title: title})}, ls[0].ops...) // tags: the Sect, ended by the caller
	L.place(ls)
	L.y += L.leading() * 2.5
	if nested {
		L.y -= L.leading()
	}
	L.atTop = true // no space before the first block
	L.place(L.blocks(blocks, c, true))
	L.flush()
}

// glossary sets the acronym appendix, when there are terms: a chapter of
// the terms in the Turkish order of their acronyms, each the acronym in
// bold in a hanging column, then the Turkish expansion and the English one
// in italic.
func (L *layouter) glossary(terms []doc.Term) {
	if len(terms) == 0 {
		return
	}
	terms = turkish.Sorted(terms, func(t doc.Term) string { return t.Acronym })
	L.level = 0
	L.chapter(L.lab.Glossary, nil, false)
	size := L.body()
	col := 0.0
	for _, t := range terms {
		col = max(col, L.m.width(t.Acronym, bold, size))
	}
	col = min(col+L.body()*ptMM*1.2, L.g.measure()/3)
	c := ctx{x: col, measure: L.g.measure() - col}
	var lines []vline
	for i, t := range terms {
		runs := []run{{text: t.Expansion, size: size}}
		if t.ExpansionEN != "" {
			runs = append(runs, run{text: "\u00a0— ", size: size}, run{text: t.ExpansionEN, style: italic | enStyle, size: size}) // tags: /Lang (en)
		}
		ls := tagLines(L.setText(runs, c, 0, ragged, L.leading(), size), fpdf.StructP, tagAttr{})
		if len(ls) == 0 {
			continue
		}
		acr := truncate(L.m, t.Acronym, bold, size, col-1)
		ls[0].ops = append([]op{{kind: textOp, w: L.m.width(acr, bold, size), r: run{text: acr, style: bold, size: size}}}, ls[0].ops...)
		tagItem(ls) // tags: LI > Lbl (the acronym) + LBody
		if i > 0 {
			ls[0].before = L.leading() / 3
		}
		lines = append(lines, ls...)
	}
	lines = tagLines(lines, fpdf.StructL, tagAttr{})
	L.place(append(lines, tagOnly(endTag()))) // tags: the list, the chapter's Sect
}

// layoutFront lays out the front matter (title page, imprint, contents) of
// the laid-out body, an even number of pages. It is laid out twice: once to
// count the contents' pages, once with the real page numbers (the numbers'
// width is reserved, so the count does not change).
func layoutFront(meta doc.Meta, m measurer, g geometry, body *layouter) (*layouter, error) {
	lab := labelsFor(meta.Lang)
	front := func(offset int) *layouter {
		F := &layouter{g: g, m: m, lab: lab, meta: meta}
		F.titlePage()
		F.imprint()
		F.contents(body.marks, body.dests, offset)
		if len(F.pages)%2 == 1 {
			F.newPage(plainPage)
		}
		return F
	}
	F := front(0)
	offset := len(F.pages)
	F = front(offset)
	if F.err != nil {
		return nil, F.err
	}
	if len(F.pages) != offset {
		return nil, fmt.Errorf("pdf: the table of contents changed length (%d, then %d pages)", offset, len(F.pages))
	}
	return F, nil
}

// shiftDests returns dests with offset added to their pages.
func shiftDests(dests []dest, offset int) []dest {
	out := make([]dest, len(dests))
	for i, d := range dests {
		if d.page > 0 { // a destination never laid out stays on page 0
			d.page += offset
		}
		out[i] = d
	}
	return out
}

// titlePage sets the title, subtitle and authors, with the publisher and
// date at the foot.
func (L *layouter) titlePage() {
	L.newPage(plainPage)
	L.spill = plainPage
	defer func() { L.spill = bodyPage }()
	meta := L.meta
	c := ctx{measure: L.g.measure()}
	centred := func(text string, st style, size, y float64) float64 {
		if strings.TrimSpace(text) == "" {
			return y
		}
		L.y, L.atTop = min(y, L.bottom()-size*ptMM*2), true
		lead := size * 1.25 * ptMM
		ls := tagLines(L.setText([]run{{text: text, style: st, size: size}}, c, 0, centred, lead, size), fpdf.StructP, tagAttr{})
		for i := range ls {
			ls[i].count = 0
		}
		L.place(ls)
		return L.y
	}
	L.place([]vline{tagOnly(beginTag(fpdf.StructSect, tagAttr{}))}) // tags: the title page
	defer L.place([]vline{tagOnly(endTag())})
	top := L.g.top + (L.bottom()-L.g.top)*0.2
	y := centred(meta.Title, bold, L.body()*2.4, top)
	y = centred(meta.Subtitle, italic, L.body()*1.4, y+L.leading()*0.8)
	centred(strings.Join(meta.Authors, ", "), 0, L.body()*1.3, max(y+L.leading()*3, L.g.top+(L.bottom()-L.g.top)*0.5))
	foot := strings.TrimSpace(strings.Join(nonEmpty(meta.Publisher, meta.Date), " · "))
	centred(foot, 0, L.body(), L.bottom()-L.leading()*2)
}

// imprint sets the copyright page: the book's facts at the foot of the
// title page's verso.
func (L *layouter) imprint() {
	L.newPage(plainPage)
	meta := L.meta
	size := L.body() * 0.85
	lead := size * 1.35 * ptMM
	c := ctx{measure: L.g.measure()}
	var lines []vline
	add := func(label, value string) {
		if strings.TrimSpace(value) == "" {
			return
		}
		var runs []run
		if label != "" {
			runs = append(runs, run{text: label + ": ", style: italic, size: size})
		}
		runs = append(runs, run{text: value, size: size})
		lines = append(lines, tagLines(L.setText(runs, c, 0, ragged, lead, size), fpdf.StructP, tagAttr{})...)
	}
	add("", meta.Title)
	add("", strings.Join(meta.Authors, ", "))
	add(L.lab.Publisher, meta.Publisher)
	add(L.lab.Date, meta.Date)
	add(L.lab.Rights, meta.Rights)
	add(L.lab.ID, meta.Identifier)
	h := 0.0
	for _, l := range lines {
		h += l.height
	}
	L.y, L.atTop = max(L.g.top, L.bottom()-h), true
	L.spill = plainPage
	L.place(tagLines(lines, fpdf.StructSect, tagAttr{})) // tags: the imprint
	L.spill = bodyPage
}

// contents sets the table of contents with dot leaders, page numbers and
// links; offset is added to the body's page numbers.
func (L *layouter) contents(marks []mark, dests []dest, offset int) {
	L.head = L.lab.Contents
	L.newRecto(openingPage)
	L.y = L.g.top + (L.bottom()-L.g.top)*0.22
	size := L.body() * 2
	c := ctx{measure: L.g.measure()}
	head := tagLines(L.setText([]run{{text: L.lab.Contents, style: bold, size: size}}, c, 0, balanced, size*1.2*ptMM, size), fpdf.StructH1, tagAttr{})
	if len(head) > 0 { // tags: the contents' Sect, ended after the TOC
		head[0].ops = append([]op{beginTag(fpdf.StructSect, tagAttr{Title: L.lab.Contents})}, head[0].ops...)
	}
	for _, l := range head {
		L.put(l)
	}
	L.y += L.leading() * 2
	L.atTop = true
	var lines []vline
	numW := L.m.width("0000", 0, L.body())
	for _, mk := range marks {
		indent := float64(mk.level) * L.body() * ptMM * 1.8
		st := style(0)
		if mk.level == 0 {
			st = bold
		}
		ec := ctx{x: indent, measure: c.measure - indent - numW - 3}
		ls := L.setText([]run{{text: mk.title, style: st, size: L.body()}}, ec, 0, ragged, L.leading(), L.body())
		if len(ls) == 0 {
			continue
		}
		num := strconv.Itoa(dests[mk.dest].page + offset)
		last := &ls[len(ls)-1]
		nw := L.m.width(num, 0, L.body())
		end := last.width + 1.5
		dot := L.m.width(". ", 0, L.body())
		wordSpace(last.ops) // tags: the title, a space, its page number
		if n := int((c.measure - nw - 1.5 - end) / dot); n > 0 {
			last.ops = append(last.ops, op{kind: artifactTextOp, x: end, w: float64(n) * dot, r: run{text: strings.TrimSpace(strings.Repeat(". ", n)), size: L.body()}})
		}
		last.ops = append(last.ops, op{kind: textOp, x: c.measure - nw, w: nw, r: run{text: num, size: L.body()}})
		for i := range ls {
			ls[i].ops = append(ls[i].ops, op{kind: gotoOp, x: indent, y: -ls[i].base, w: c.measure - indent, h: ls[i].height, dest: mk.dest})
			ls[i].width = 0
			ls[i].count = 0
		}
		if mk.level == 0 {
			ls[0].before = L.leading() / 2
		}
		ls = tagLines(tagLines(ls, fpdf.StructLink, tagAttr{AnnotContents: mk.title}), fpdf.StructTOCI, tagAttr{})
		lines = append(lines, ls...)
	}
	lines = tagLines(lines, fpdf.StructTOC, tagAttr{})
	L.place(append(lines, tagOnly(endTag()))) // tags: the contents' Sect
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			out = append(out, s)
		}
	}
	return out
}
