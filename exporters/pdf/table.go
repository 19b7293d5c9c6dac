package pdf

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// This file sets tables in the book-typography style: the caption above
// ("Tablo 3: …"), a rule above the header, one under it and one at the end,
// no vertical rules. Column widths come from the content, as HTML's
// automatic table layout does: each column's minimum width (its widest
// word) and preferred width (its longest cell on one line), fitted to the
// measure. A table too wide for the measure at the body's size is set
// smaller, down to minTableScale, and then wraps its cells harder (words
// break anywhere); it is never drawn past the text block. Each line of a
// row is a line of the flow, kept with the rest of its row, so that a
// table breaks between rows, and a row taller than a page between its
// lines; the header comes again at the top of every page the table
// continues on (lineExtra.repeat).

// Sizes of table text relative to the body.
const (
	tableScale    = 0.9
	minTableScale = 0.7
)

// minColumn is the narrowest column a table may have, mm; a table that
// would need narrower ones is an error.
const minColumn = 4.0

// table sets a table.
func (L *layouter) table(bl *doc.Table, c ctx) []vline {
	ncol := len(bl.Align)
	for _, r := range append([][]*doc.TableCell{bl.Head}, bl.Rows...) {
		ncol = max(ncol, len(r))
	}
	if ncol == 0 {
		return nil
	}
	cellRuns := func(cell *doc.TableCell, st style, size float64) []run {
		if cell == nil {
			return nil
		}
		return flatten(nil, cell.Inlines, st|c.st(), size, "")
	}
	// Column widths at the body size, scaled to the size that fits.
	base := L.body()
	minW := make([]float64, ncol)
	prefW := make([]float64, ncol)
	measure := func(cells []*doc.TableCell, st style) {
		for j, cell := range cells {
			mn, pf := L.cellWidths(cellRuns(cell, st, base))
			minW[j] = max(minW[j], mn)
			prefW[j] = max(prefW[j], pf)
		}
	}
	measure(bl.Head, bold)
	for _, r := range bl.Rows {
		measure(r, 0)
	}
	for j := range minW {
		// An empty column keeps the narrowest width.
		minW[j] = max(minW[j], minColumn/minTableScale)
		prefW[j] = max(prefW[j], minW[j])
	}
	sep := base * ptMM * 1.2                                      // between columns
	avail := c.measure - float64(ncol-1)*sep - 0.01*float64(ncol) // see below
	sumMin, sumPref := 0.0, 0.0
	for j := range minW {
		sumMin += minW[j]
		sumPref += prefW[j]
	}
	scale := tableScale
	if sumMin*scale > avail {
		scale = max(minTableScale, avail/sumMin)
	}
	size := base * scale
	for j := range minW {
		minW[j] *= scale
		prefW[j] *= scale
	}
	widths := fitColumns(minW, prefW, avail)
	total := float64(ncol-1) * sep
	for j := range widths {
		widths[j] += 0.01 // a word exactly as wide as its column fits
		if widths[j] < minColumn {
			L.fail(fmt.Errorf("pdf: %s: table too wide for the page: %d columns leave %.1f mm to column %d", posString(bl.Pos), ncol, widths[j], j+1))
			return nil
		}
		total += widths[j]
	}
	x0 := c.x + (c.measure-total)/2
	xs := make([]float64, ncol)
	x := x0
	for j := range xs {
		xs[j] = x
		x += widths[j] + sep
	}
	lead := size * 1.3 * ptMM
	align := func(j int) doc.Align {
		if j < len(bl.Align) {
			return bl.Align[j]
		}
		return doc.AlignDefault
	}
	// row sets one row into lines, line t of every cell side by side.
	row := func(cells []*doc.TableCell, st style) []vline {
		var cols [][]vline
		for j := 0; j < ncol; j++ {
			var cell *doc.TableCell
			if j < len(cells) {
				cell = cells[j]
			}
			ls := L.setText(cellRuns(cell, st, size), ctx{x: xs[j], measure: widths[j]}, 0, raggedHyph, lead, size)
			for i := range ls {
				w := ls[i].width - xs[j]
				shift := 0.0
				switch align(j) {
				case doc.AlignRight:
					shift = widths[j] - w
				case doc.AlignCenter:
					shift = (widths[j] - w) / 2
				}
				if shift > 0 {
					for k := range ls[i].ops {
						ls[i].ops[k].x += shift
					}
					ls[i].width += shift
				}
			}
			cols = append(cols, ls)
		}
		n := 1
		for _, ls := range cols {
			n = max(n, len(ls))
		}
		cellTag, scope := fpdf.StructTD, ""
		if st&bold != 0 {
			cellTag, scope = fpdf.StructTH, "Column"
		}
		out := make([]vline, n)
		for t := range out {
			l := vline{height: lead, base: (lead-size*ptMM)/2 + 0.78*size*ptMM, keep: n - 1 - t}
			for _, ls := range cols {
				if t < len(ls) {
					// tags: a row of a multi-line row is a TR of its own
					l.ops = append(l.ops, tagOps(ls[t].ops, cellTag, tagAttr{Scope: scope})...)
					if ns := ls[t].notes(); ns != nil {
						l.setX(func(x *lineExtra) { x.notes = append(x.notes, ns...) })
					}
					l.width = max(l.width, ls[t].width)
				}
			}
			l.ops = tagOps(l.ops, fpdf.StructTR, tagAttr{})
			out[t] = l
		}
		return out
	}
	rule := func(thick, above, below float64) vline {
		return vline{height: above + thick + below,
			ops: []op{{kind: fillOp, x: x0, y: above, w: total, h: thick, dest: ruleGrey}}}
	}
	heavy, light := 0.6*ptMM, 0.35*ptMM
	pad := lead * 0.25

	var out []vline
	if bl.Number > 0 || len(bl.Caption) > 0 {
		var runs []run
		if bl.Number > 0 {
			label := L.lab.Table + "\u00a0" + strconv.Itoa(bl.Number)
			if len(bl.Caption) > 0 {
				label += ": "
			}
			runs = append(runs, run{text: label, style: bold, size: size})
		}
		runs = flatten(runs, bl.Caption, c.st(), size, "")
		cap := tagLines(L.setText(runs, c, 0, centred, lead, size), fpdf.StructCaption, tagAttr{})
		for i := range cap {
			cap[i].count = 0
		}
		if len(cap) > 0 {
			cap = append(cap, vline{height: pad})
		}
		out = append(out, cap...)
	}
	var head []vline
	head = append(head, rule(heavy, 0, pad))
	if len(bl.Head) > 0 {
		head = append(head, row(bl.Head, bold)...)
		head = append(head, rule(light, pad, pad))
	}
	out = append(out, head...)
	keepTo := len(out) // the caption and header stay with the first row
	for i, r := range bl.Rows {
		ls := row(r, 0)
		if i > 0 && len(ls) > 0 {
			ls[0].before = pad
		}
		for k := range ls {
			ls[k].setX(func(x *lineExtra) { x.repeat = head })
		}
		if i == 0 {
			keepTo += len(ls)
		}
		out = append(out, ls...)
	}
	bottom := rule(heavy, pad, 0)
	bottom.setX(func(x *lineExtra) { x.repeat = head })
	out = append(out, bottom)
	if len(bl.Rows) == 0 {
		keepTo = len(out)
	}
	for i := 0; i < keepTo-1 && i < len(out); i++ {
		out[i].keep = max(out[i].keep, keepTo-1-i)
	}
	if bl.Attr.ID != "" {
		out[0].setX(func(x *lineExtra) { x.target = bookKey(L.docID, bl.Attr.ID) })
	}
	return tagLines(out, fpdf.StructTable, tagAttr{})
}

// asArtifact returns a copy of ops with their text drawn as artifacts and
// without tags: a table's header repeated on a new page is not text of the
// book a second time.
func asArtifact(ops []op) []op {
	out := make([]op, 0, len(ops))
	for _, o := range ops {
		switch o.kind {
		case tagBeginOp, tagEndOp:
			continue
		case textOp:
			o.kind = artifactTextOp
		}
		out = append(out, o)
	}
	return out
}

// fitColumns returns the widths of columns whose minimum and preferred
// widths are minW and prefW in the width avail, as HTML's automatic table
// layout does: every column its preferred width when they all fit; else
// the narrow columns, whose preferred width is no more than their share of
// what is left, get it, and the others their minimum and a part of the
// rest in proportion to what they lack; when even the minimums do not fit,
// widths in proportion to them (the cells then break words anywhere).
func fitColumns(minW, prefW []float64, avail float64) []float64 {
	n := len(minW)
	w := make([]float64, n)
	sumMin, sumPref := 0.0, 0.0
	for j := range minW {
		sumMin += minW[j]
		sumPref += prefW[j]
	}
	switch {
	case sumPref <= avail:
		copy(w, prefW)
		return w
	case sumMin >= avail:
		for j := range w {
			w[j] = avail * minW[j] / sumMin
		}
		return w
	}
	fixed := make([]bool, n)
	left, open := avail, n
	for changed := true; changed && open > 0; {
		changed = false
		for j := range w {
			if !fixed[j] && prefW[j] <= left/float64(open) {
				w[j], fixed[j] = prefW[j], true
				left -= prefW[j]
				open--
				changed = true
			}
		}
	}
	sm, sp := 0.0, 0.0
	for j := range w {
		if !fixed[j] {
			sm += minW[j]
			sp += prefW[j]
		}
	}
	if left < sm || sp <= sm {
		// The narrow columns took too much: share the rest over all.
		f := (avail - sumMin) / (sumPref - sumMin)
		for j := range w {
			w[j] = minW[j] + (prefW[j]-minW[j])*f
		}
		return w
	}
	f := (left - sm) / (sp - sm)
	for j := range w {
		if !fixed[j] {
			w[j] = minW[j] + (prefW[j]-minW[j])*f
		}
	}
	return w
}

// cellWidths returns the minimum width of the runs of a cell (its widest
// word) and its preferred width (all of it on one line), mm.
func (L *layouter) cellWidths(runs []run) (minW, prefW float64) {
	word, line := 0.0, 0.0
	for _, r := range runs {
		if r.text == "\n" {
			minW, prefW = max(minW, word), max(prefW, line)
			word, line = 0, 0
			continue
		}
		if img := r.img(); img != nil {
			w := imageWidth(img, r.size, maxImageInline)
			word += w
			line += w
			continue
		}
		s := r.text
		for s != "" {
			i := strings.IndexFunc(s, isSpace)
			if i < 0 {
				w := L.m.width(s, r.style, r.size)
				word += w
				line += w
				break
			}
			w := L.m.width(s[:i], r.style, r.size)
			word += w
			line += w
			minW = max(minW, word)
			word = 0
			line += L.m.width(" ", r.style, r.size)
			s = s[i+1:]
		}
	}
	return max(minW, word), max(prefW, line)
}

// posString writes a position as file:line:col, as far as it is known.
func posString(p doc.Pos) string {
	switch {
	case p.File == "":
		return "table"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}
