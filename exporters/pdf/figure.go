package pdf

import (
	"strconv"

	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// This file sets figures: the image scaled to the measure and at most two
// thirds of the text block's height, its aspect kept and never enlarged
// past its pixels at figureDPI, centred, with its caption below it; the
// figure and its caption are one line of the flow (vline.float), which
// floats to the top of the next page when it does not fit on the rest of
// this one.

// figureDPI is the resolution below which an image is not enlarged.
const figureDPI = 150

// figure sets a figure as one floating line.
func (L *layouter) figure(bl *doc.Figure, c ctx) []vline {
	size := L.body() * 0.9
	lead := size * 1.3 * ptMM
	gap := L.leading() / 2
	var ops []op
	var notes [][]vline
	width := 0.0
	h := 0.0
	key := ""
	if bl.Image != nil && bl.Image.Width > 0 && bl.Image.Height > 0 {
		key = L.image(bl.Image)
	}
	if key != "" {
		maxH := (L.bottom() - L.g.top) * 2 / 3
		if L.inNote {
			maxH /= 3 // a figure in a footnote stays small
		}
		w, ih := figureSize(bl.Image, c.measure, maxH)
		ops = append(ops, beginTag(fpdf.StructFigure, tagAttr{Alt: bl.Alt}),
			op{kind: imageOp, x: c.x + (c.measure-w)/2, w: w, h: ih, r: run{text: key}}, endTag())
		h = ih
	} else {
		// An image the PDF cannot embed: its alt text in a frame.
		alt := bl.Alt
		if alt == "" && bl.Image != nil {
			alt = bl.Image.Name
		}
		ls := L.setText([]run{{text: "[" + alt + "]", style: italic, size: size}}, c, 0, centred, lead, size)
		for _, l := range ls {
			for _, o := range l.ops {
				o.y += h + l.base
				ops = append(ops, o)
			}
			width = max(width, l.width)
			h += l.height
		}
	}
	var runs []run
	if bl.Number > 0 {
		label := L.lab.Figure + "\u00a0" + strconv.Itoa(bl.Number)
		if len(bl.Caption) > 0 {
			label += ": "
		}
		runs = append(runs, run{text: label, style: bold, size: size})
	}
	runs = flatten(runs, bl.Caption, c.st(), size, "")
	if len(runs) > 0 {
		h += gap
		for _, l := range tagLines(L.setText(runs, c, 0, centred, lead, size), fpdf.StructCaption, tagAttr{}) {
			for _, o := range l.ops {
				o.y += h + l.base
				ops = append(ops, o)
			}
			notes = append(notes, l.notes()...)
			width = max(width, l.width)
			h += l.height
		}
	}
	// A figure floats in the running text, not out of a list, quote or box.
	fl := vline{height: h, ops: ops, width: width, float: c.depth == 0}
	fl.setX(func(x *lineExtra) {
		x.notes = notes
		if bl.Attr.ID != "" {
			x.target = bookKey(L.docID, bl.Attr.ID)
		}
	})
	// Space below the figure, as the figure's own: a float takes it along.
	fl.height += gap
	return []vline{fl}
}

// figureSize returns the size, mm, at which img is set within maxW and
// maxH: its aspect kept, and no larger than its pixels at figureDPI.
func figureSize(img *doc.Image, maxW, maxH float64) (w, h float64) {
	pw, ph := float64(img.Width), float64(img.Height)
	w = min(maxW, pw/figureDPI*25.4)
	h = w * ph / pw
	if h > maxH {
		h = maxH
		w = h * pw / ph
	}
	return w, h
}
