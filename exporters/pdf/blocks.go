package pdf

import (
	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// This file sets the blocks of authored Markdown beyond plain prose:
// callouts, line blocks and definition lists; and keeps the book's internal
// link targets and images.

// Grey levels of fillOp.
const (
	calloutFill = 242 // a callout's background
	calloutBar  = 110 // the bar at a callout's left
	ruleGrey    = 0   // a table's rules
)

// callout sets a boxed note: its title in bold, then its blocks, on a
// light background with a bar at the left. Every line of the box carries
// its own piece of the background, and the spaces between blocks become
// lines of their own, so that the box breaks across pages anywhere
// between lines and each page's part of it is a whole box.
func (L *layouter) callout(bl *doc.Callout, c ctx) []vline {
	pad := L.body() * ptMM * 0.8
	bar := 1.0
	in := c
	in.depth++
	if c.measure-2*pad-bar >= L.minMeasure() {
		in.x += pad + bar
		in.measure -= 2*pad + bar
	}
	lines := []vline{{height: pad}}
	title := flatten(nil, bl.Title, bold|c.st(), L.body(), "")
	tl := tagLines(L.setText(title, in, 0, ragged, L.leading(), L.body()), fpdf.StructP, tagAttr{})
	for i := range tl {
		tl[i].count = 0
		tl[i].keep = 1
	}
	if bl.Attr.ID != "" && len(tl) > 0 {
		tl[0].setX(func(x *lineExtra) { x.target = bookKey(L.docID, bl.Attr.ID) })
	}
	lines = append(lines, tl...)
	body := L.blocks(bl.Blocks, in, true)
	if len(body) > 0 && len(tl) > 0 {
		body[0].before = L.leading() / 4
	}
	lines = append(lines, body...)
	lines = append(lines, vline{height: pad})
	return tagLines(L.boxed(lines, c, calloutFill, calloutBar, bar), fpdf.StructDiv, tagAttr{Title: doc.PlainText(bl.Title)})
}

// boxed returns lines with the space above each made a line of its own,
// and every line given a background of grey fill across c and a bar of
// grey barFill and width barW at its left.
func (L *layouter) boxed(lines []vline, c ctx, fill, barFill int, barW float64) []vline {
	out := make([]vline, 0, len(lines)+len(lines)/4)
	for i, l := range lines {
		if i > 0 && l.before > 0 {
			out = append(out, vline{height: l.before})
			l.before = 0
		}
		out = append(out, l)
	}
	for i := range out {
		l := &out[i]
		box := []op{
			{kind: fillOp, x: c.x, y: -l.base, w: c.measure, h: l.height, dest: fill},
			{kind: fillOp, x: c.x, y: -l.base, w: barW, h: l.height, dest: barFill},
		}
		l.ops = append(box, l.ops...)
	}
	return out
}

// lineBlock sets a line block as poetry: each of its lines starts a line,
// ragged right, with its leading spaces kept; a line longer than the
// measure wraps with a hanging indent. An empty line is a blank line.
func (L *layouter) lineBlock(bl *doc.LineBlock, c ctx) []vline {
	hang := L.body() * ptMM * 2
	in := c
	if c.measure-hang >= L.minMeasure() {
		in.x += hang
		in.measure -= hang
	} else {
		hang = 0
	}
	var out []vline
	for _, seg := range splitLines(bl.Inlines) {
		if !doc.HasText(seg) && !hasObject(seg) {
			out = append(out, L.emptyLine())
			continue
		}
		ls := L.setText(flatten(nil, seg, c.st(), L.body(), ""), in, 0, ragged, L.leading(), L.body())
		if len(ls) == 0 {
			continue
		}
		// The first line hangs out into the indentation.
		for i := range ls[0].ops {
			ls[0].ops[i].x -= hang
		}
		ls[0].width -= hang
		out = append(out, ls...)
	}
	return tagLines(out, fpdf.StructP, tagAttr{}) // tags: a poem is one paragraph of lines
}

// splitLines cuts inlines at their top-level hard line breaks. A break
// nested in emphasis or a link stays a break inside its line.
func splitLines(inlines []doc.Inline) [][]doc.Inline {
	var out [][]doc.Inline
	var cur []doc.Inline
	for _, in := range inlines {
		if _, ok := in.(*doc.LineBreak); ok {
			out = append(out, cur)
			cur = nil
			continue
		}
		cur = append(cur, in)
	}
	return append(out, cur)
}

// hasObject reports whether inlines hold an inline image.
func hasObject(inlines []doc.Inline) bool {
	found := false
	doc.WalkInlines(inlines, func(n doc.Node, entering bool) doc.WalkStatus {
		if _, ok := n.(*doc.InlineImage); ok {
			found = true
			return doc.WalkStop
		}
		return doc.WalkContinue
	})
	return found
}

// definitionList sets each term in bold, kept with its definitions, which
// are indented below it.
func (L *layouter) definitionList(bl *doc.DefinitionList, c ctx) []vline {
	in, _ := L.nest(c, L.body()*ptMM*1.8, 0)
	var out []vline
	for i, d := range bl.Items {
		var ls []vline
		if d.Term != nil {
			ls = tagLines(L.setText(flatten(nil, d.Term.Inlines, bold|c.st(), L.body(), ""), c, 0, ragged, L.leading(), L.body()), fpdf.StructP, tagAttr{})
		}
		for j := range ls {
			ls[j].count = 0
			ls[j].keep = 1
		}
		for _, def := range d.Defs {
			dl := L.blocks(def, in, true)
			if len(dl) > 0 && len(ls) > 0 {
				dl[0].before = L.leading() / 4
			}
			ls = append(ls, dl...)
		}
		if len(ls) > 0 && i > 0 {
			ls[0].before = L.leading() / 2
		}
		out = append(out, ls...)
	}
	return tagLines(out, fpdf.StructDiv, tagAttr{})
}

// tocDepth is the deepest heading level in the contents and the outline.
func (L *layouter) tocDepth() int {
	if L.meta.TOCDepth > 0 {
		return L.meta.TOCDepth
	}
	return 3
}

// destFor returns the destination of an internal link to key (see bookKey),
// made at the first link to it: the target's place when it is already laid
// out, else filled in when it is (see put). A destination whose target is
// never laid out stays on page 0, and its links are not drawn.
func (L *layouter) destFor(key string) int {
	if d, ok := L.keyDests[key]; ok {
		return d
	}
	d := L.newDest()
	if at, ok := L.placedAt[key]; ok {
		L.dests[d] = at
	}
	if L.keyDests == nil {
		L.keyDests = map[string]int{}
	}
	L.keyDests[key] = d
	return d
}

// placeTarget records that the target key stands at at.
func (L *layouter) placeTarget(key string, at dest) {
	if L.placedAt == nil {
		L.placedAt = map[string]dest{}
	}
	if _, ok := L.placedAt[key]; ok {
		return
	}
	L.placedAt[key] = at
	if d, ok := L.keyDests[key]; ok {
		L.dests[d] = at
	}
}

// image returns the key under which img is drawn (its SHA-256, else its
// path or name), and keeps img for the drawer under it: an image used
// twice is embedded once. It returns "" for an image the PDF cannot embed
// (SVG).
func (L *layouter) image(img *doc.Image) string {
	if img.MediaType != "image/jpeg" && img.MediaType != "image/png" {
		return ""
	}
	key := img.SHA256
	if key == "" {
		key = img.Path
	}
	if key == "" {
		key = img.Name
	}
	if L.images == nil {
		L.images = map[string]*doc.Image{}
	}
	if _, ok := L.images[key]; !ok {
		L.images[key] = img
	}
	return key
}
