package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// This file sets the model's blocks into lines (vlines) for the layouter
// to place on pages: text through the line breaker (breaker.go), lists,
// quotes, code and thematic breaks.

// ctx is the horizontal context of a block: its left edge and width, and
// how deep it sits in quotes and lists.
type ctx struct {
	x, measure float64
	depth      int // the quotes and lists around the block
	inList     bool
	foreign    bool // the block's language is not Turkish (see style foreign)
}

// lang returns c in the language lang: c itself when lang is "".
func (c ctx) lang(lang string) ctx {
	if lang != "" {
		c.foreign = !turkishLang(lang)
	}
	return c
}

// st returns the style of plain text in c.
func (c ctx) st() style {
	if c.foreign {
		return foreign
	}
	return 0
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
	justified  setting = iota // Knuth–Plass with hyphenation, lines filled to the measure
	ragged                    // ragged right without hyphens; a short last line is free
	balanced                  // ragged right with lines of even length (titles, headings)
	centred                   // balanced and centred
	raggedHyph                // ragged right with hyphenation (table cells)
)

// setText breaks runs into lines of width measure and returns them as
// vlines, each line's text positioned as the setting says.
func (L *layouter) setText(runs []run, c ctx, indent float64, how setting, leading float64, size float64) []vline {
	isRagged, center := how != justified, how == centred
	runs = fallback(runs)
	items := L.ib.build(L.items, runs, L.m, paraOptions{measure: c.measure, indent: indent, ragged: isRagged, hyphenate: how == raggedHyph})
	defer func() { L.items = items[:0] }() // nothing below keeps items
	p := defaultParams
	if isRagged {
		p.ragged = c.measure / 2
		p.balance = how == balanced || how == centred
	}
	breaks, ok := lineBreaks(items, c.measure, p)
	if !ok {
		L.fail(fmt.Errorf("pdf: no way to break a paragraph into lines of %.1f mm", c.measure))
		return nil
	}
	L.paraID++
	out := make([]vline, 0, len(breaks))
	var lineNotes [][]*doc.Note // the notes referenced on each line
	from := 0
	for _, b := range breaks {
		for from < b && items[from].kind != boxItem {
			from++
		}
		r := 0.0
		if !isRagged {
			r = lineRatio(items, from, b, c.measure)
		}
		var ops []op
		var notes []*doc.Note
		x, end := 0.0, 0.0
		addText := func(rn run, w float64) {
			switch {
			case rn.img() != nil:
				img := rn.img()
				h := w * float64(img.Height) / float64(img.Width)
				ops = append(ops, beginTag(fpdf.StructFigure, tagAttr{Alt: rn.obj.alt}),
					op{kind: imageOp, x: x, y: -h - rn.rise, w: w, h: h, r: run{text: L.image(img), url: rn.url}}, endTag())
			case rn.note() != nil:
				notes = append(notes, rn.note())
				rn.url = "#" + noteKey(L.docID, rn.note())
				ops = append(ops, op{kind: textOp, x: x, w: w, r: rn})
			default:
				if n := len(ops); n > 0 && ops[n-1].kind == textOp && ops[n-1].r.style == rn.style &&
					ops[n-1].r.size == rn.size && ops[n-1].r.url == rn.url && ops[n-1].r.rise == rn.rise &&
					ops[n-1].r.obj == nil && abs(ops[n-1].x+ops[n-1].w-x) < 1e-9 {
					ops[n-1].r.text += rn.text
					ops[n-1].w += w
				} else {
					ops = append(ops, op{kind: textOp, x: x, w: w, r: rn})
				}
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
				if it.width > 0 {
					wordSpace(ops) // tags: the space, for the text in the structure tree
				}
				x += it.width
				if r > 0 {
					x += r * it.stretch
				} else {
					x += r * it.shrink
				}
			}
		}
		if it := items[b]; it.kind == penaltyItem && it.flagged {
			// tags: the added hyphen is an artifact, not text of the book
			ops = append(ops, op{kind: artifactTextOp, x: x, w: it.width, r: it.run})
			x += it.width
			end = x
		} else if b < len(items)-1 && (it.kind == glueItem || it.penalty <= -infPenalty) {
			wordSpace(ops) // tags: the space or line break at the end of the line
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
				if o.r.url == "" {
					continue
				}
				lo := op{kind: urlOp, x: o.x, y: -size * ptMM * 0.8, w: o.w, h: size * ptMM, r: o.r}
				if o.kind == imageOp {
					lo.y, lo.h = o.y, o.h
				}
				if key, ok := strings.CutPrefix(o.r.url, "#"); ok {
					lo.kind, lo.dest, lo.r = gotoOp, L.destFor(key), run{url: o.r.url} // the url groups it with its text (tagInline)
				}
				lineOps = append(lineOps, lo)
			}
		}
		lineOps = tagInline(lineOps) // tags: links
		vl := vline{height: leading, base: (leading-size*ptMM)/2 + 0.78*size*ptMM,
			ops: lineOps, width: shift + end, para: L.paraID}
		if len(notes) > 0 {
			if lineNotes == nil {
				lineNotes = make([][]*doc.Note, len(breaks))
			}
			lineNotes[len(out)] = notes
		}
		out = append(out, vl)
		from = b + 1
	}
	for i := range out {
		out[i].idx, out[i].count = i, len(out)
	}
	// The notes are set once the paragraph's items are no longer needed:
	// setting them reuses the buffers.
	for i, ns := range lineNotes {
		for _, n := range ns {
			if nl := L.noteLines(n); nl != nil {
				out[i].setX(func(x *lineExtra) { x.notes = append(x.notes, nl) })
			}
		}
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// blocks lays out blocks in context c. Each kind of block is set by a
// function of its own (heading, paragraph, code, quote, list, thematicBreak,
// table, figure, definitionList, callout, lineBlock; a Div is transparent),
// which returns the block's lines; blocks puts the space between them.
func (L *layouter) blocks(blocks []doc.Block, c ctx, first bool) []vline {
	var out []vline
	lead := L.leading()
	prevPara := false
	for bi, bl := range blocks {
		gap := lead / 2
		top := first && bi == 0
		if top {
			gap = 0
		}
		var ls []vline
		para := false
		switch bl := bl.(type) {
		case *doc.Heading:
			ls = L.heading(bl, c, top)
			out = append(out, ls...)
			prevPara = false
			continue
		case *doc.Paragraph:
			indent := 0.0
			if prevPara && !c.inList {
				indent, gap = L.body()*ptMM*1.2, 0
			}
			ls = L.paragraph(bl, c, indent)
			para = true
		case *doc.CodeBlock:
			out = append(out, tagLines(tagLines(L.code(bl.Text, c, gap), fpdf.StructCode, tagAttr{}), fpdf.StructP, tagAttr{})...)
			prevPara = false
			continue
		case *doc.Quote:
			ls = L.quote(bl, c)
		case *doc.List:
			ls = L.list(bl, c)
		case *doc.ThematicBreak:
			ls = []vline{L.thematicBreak(c)}
		case *doc.Div:
			ls = L.blocks(bl.Blocks, c.lang(bl.Attr.Lang()), true)
		case *doc.Callout:
			ls = L.callout(bl, c.lang(bl.Attr.Lang()))
		case *doc.LineBlock:
			ls = L.lineBlock(bl, c)
		case *doc.DefinitionList:
			ls = L.definitionList(bl, c)
		case *doc.Table:
			ls = L.table(bl, c)
		case *doc.Figure:
			ls = L.figure(bl, c)
		default:
			panic(fmt.Sprintf("pdf: unknown block type %T", bl))
		}
		if len(ls) > 0 {
			ls[0].before = gap
		}
		out = append(out, ls...)
		prevPara = para
	}
	return out
}

// heading sets a heading, bold and larger by level, kept with what follows;
// top says it opens its context (no space above it). A heading of a level
// the contents list holds (tocDepth) carries its mark.
func (L *layouter) heading(bl *doc.Heading, c ctx, top bool) []vline {
	lead := L.leading()
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
	runs := flatten(nil, bl.Inlines, st|c.st(), size, "")
	ls := tagLines(L.setText(runs, c, 0, balanced, size*1.25*ptMM, size), headingTag(&L.heads, bl.Level, !L.inNote), tagAttr{})
	if len(ls) == 0 {
		return nil
	}
	ls[0].before = lead
	if top {
		ls[0].before = 0
	}
	for i := range ls {
		ls[i].count = 0 // headings are not paragraphs
	}
	ls[len(ls)-1].keep = 2
	if bl.Level <= L.tocDepth() && !L.inNote {
		d := L.newDest()
		lvl := min(L.level+max(bl.Level-1, 1), L.lastLevel+1)
		L.lastLevel = lvl
		ls[0].mark = &mark{title: doc.PlainText(bl.Inlines), level: lvl, dest: d}
	}
	if bl.Attr.ID != "" {
		ls[0].setX(func(x *lineExtra) { x.target = bookKey(L.docID, bl.Attr.ID) })
	}
	// Space after the heading, as a gap line.
	ls = append(ls, vline{height: lead / 3})
	ls[len(ls)-2].keep = 3
	return ls
}

// quote sets a block quotation indented, with a bar beside it.
func (L *layouter) quote(bl *doc.Quote, c ctx) []vline {
	q, indented := L.nest(c, 6, 4)
	ls := tagLines(L.blocks(bl.Blocks, q, false), fpdf.StructBlockQuote, tagAttr{})
	if indented {
		// The quote's bar runs beside every line of it, in the
		// indentation. A quote too deep to indent draws none: it
		// would cover its parent's bar.
		for i := range ls {
			ls[i].ops = append(ls[i].ops, op{kind: ruleOp, x: c.x + 1, y: -ls[i].base, h: ls[i].height})
		}
	}
	return ls
}

// thematicBreak sets a scene break: an ornament centred on a line.
func (L *layouter) thematicBreak(c ctx) vline {
	lead, size := L.leading(), L.body()
	w := L.m.width(ornament, 0, size)
	return vline{height: lead * 2, base: lead + 0.3*size*ptMM,
		ops: []op{{kind: artifactTextOp, x: c.x + (c.measure-w)/2, w: w, r: run{text: ornament, size: size}}}}
}

// paragraph sets a paragraph justified in c, its first line indented by
// indent.
func (L *layouter) paragraph(p *doc.Paragraph, c ctx, indent float64) []vline {
	runs := flatten(nil, p.Inlines, c.st(), L.body(), "")
	return tagLines(L.setText(runs, c, indent, justified, L.leading(), L.body()), fpdf.StructP, tagAttr{})
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
		// The last label is the widest of decimal ones; letters and
		// Roman numerals vary.
		from := len(l.Items) - 1
		if l.Style != doc.StyleDecimal {
			from = 0
		}
		for i := max(from, 0); i < len(l.Items); i++ {
			hang = max(hang, L.m.width(l.Label(i), 0, L.body())+gap)
		}
	}
	inner, hanging := L.nest(c, hang, 0)
	inner.inList = true
	for i, it := range l.Items {
		marker := listMarker(l, i, inner.depth, !hanging)
		mst := style(0)
		if it.Task != doc.NoTask {
			// A task item's box takes the place of its bullet.
			marker, mst = taskBox(it.Task), mono
			if !hanging {
				marker = superscript(inner.depth) + marker
			}
		}
		w := L.m.width(marker, mst, L.body())
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
			ls[0].ops = append([]op{{kind: textOp, x: x, w: w, r: run{text: marker, style: mst, size: L.body()}}}, ls[0].ops...)
		} else {
			ls = L.runIn(it.Blocks, inner, op{kind: textOp, x: inner.x, w: w, r: run{text: marker, style: mst, size: L.body()}}, w+gap)
		}
		tagItem(ls)
		if i > 0 {
			ls[0].before = L.leading() / 4
		}
		out = append(out, ls...)
	}
	return tagLines(out, fpdf.StructL, tagAttr{})
}

// taskBox returns the box of a task item, ☐ or ☑, drawn in the
// monospaced face (the text faces have neither).
func taskBox(t doc.Task) string {
	if t == doc.TaskDone {
		return "☑"
	}
	return "☐"
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
		m = l.Label(i)
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

// code lays out a code block in the monospaced face, keeping its
// indentation. A line wider than the measure wraps, after a space past its
// indentation when there is one, else at any character; its continuation
// lines hang under the line's indentation, two columns in, behind the mark
// contMark.
func (L *layouter) code(text string, c ctx, gap float64) []vline {
	size := L.body() * monoScale
	lead := size * 1.3 * ptMM
	cw := L.m.width(" ", mono, size)
	markW := L.m.width(contMark, mono, size)
	text = strings.TrimSuffix(text, "\n")
	var out []vline
	for _, line := range strings.Split(text, "\n") {
		line = expandTabs(line)
		indent := len(line) - len(strings.TrimLeft(line, " "))
		hang := min(float64(indent)*cw, c.measure/2) + 2*cw
		for first := true; ; first = false {
			x0, avail := 0.0, c.measure
			if !first {
				x0, avail = hang, c.measure-hang
			}
			// The longest prefix that fits, cut after a space when there
			// is one past the indentation, else at any character.
			w, cut, space := 0.0, len(line), -1
			for i, r := range line {
				rw := L.m.width(string(r), mono, size)
				if w+rw > avail && i > 0 {
					cut = i
					if space > indent || !first && space > 0 {
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
			if !first {
				ops = append(ops, op{kind: artifactTextOp, x: c.x + x0 - 2*cw, w: markW, r: run{text: contMark, style: mono, size: size}})
			}
			if strings.TrimSpace(part) != "" {
				ops = append(ops, op{kind: textOp, x: c.x + x0, w: pw, r: run{text: part, style: mono, size: size}})
			}
			out = append(out, vline{height: lead, base: (lead-size*ptMM)/2 + 0.78*size*ptMM, ops: ops, width: c.x + x0 + pw})
			line = line[cut:]
			if line == "" {
				wordSpace(out[len(out)-1].ops) // tags: the line's end, for the text in the structure tree
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

// contMark opens the continuation of a wrapped line of code (U+21AA, in
// the monospaced face).
const contMark = "↪"

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
