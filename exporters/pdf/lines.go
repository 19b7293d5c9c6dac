package pdf

import (
	"fmt"
	"strconv"
	"strings"

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
	breaks, ok := lineBreaks(items, c.measure, p)
	if !ok {
		L.fail(fmt.Errorf("pdf: no way to break a paragraph into lines of %.1f mm", c.measure))
		return nil
	}
	L.paraID++
	out := make([]vline, 0, len(breaks))
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

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
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
