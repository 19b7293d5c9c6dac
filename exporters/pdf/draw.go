package pdf

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// This file draws laid-out pages into fpdf.

// drawer draws laid-out pages into fpdf, in order, one at a time.
type drawer struct {
	p     *fpdf.Fpdf
	font  *fontSwitch
	g     geometry
	title string // the running head of versos
	m     measurer
	links []int // fpdf's link of each destination; -1 for one never laid out
	// images are the book's images by key (layouter.images), registered
	// with fpdf (registerImages), so that each is embedded once.
	images map[string]*doc.Image
	tags   *tagger // tags the pages; nil for none
	err    error   // the first error; draw does nothing after it
}

// newDrawer returns a drawer for a book whose link destinations are dests
// (final page numbers). It registers every destination with fpdf before the
// first page, so that links may point forward: fpdf's StreamPages writes a
// page's links when the page ends. font is the fontSwitch of p, shared with
// the measurer m.
func newDrawer(p *fpdf.Fpdf, font *fontSwitch, g geometry, title string, m measurer, dests []dest) *drawer {
	d := &drawer{p: p, font: font, g: g, title: title, m: m, links: make([]int, len(dests))}
	for i, ds := range dests {
		if ds.page <= 0 {
			d.links[i] = -1
			continue
		}
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
	d.tags.begin()
	left := g.left(pg.num)
	d.font.to(0, g.body) // Bookmark encodes its title as the current font does
	for _, mk := range pg.marks {
		p.Bookmark(mk.title, mk.level, mk.y)
	}
	for _, o := range pg.ops {
		switch o.kind {
		case textOp:
			d.tags.beginAbbr(o)
			d.text(left, o)
			d.tags.endAbbr(o)
		case artifactTextOp:
			d.tags.beginArtifact(fpdf.ArtifactLayout)
			d.text(left, o)
			d.tags.endArtifact()
		case tagBeginOp, tagEndOp:
			d.tags.op(o)
		case ruleOp:
			d.tags.beginArtifact(fpdf.ArtifactLayout)
			p.SetLineWidth(0.3)
			p.SetDrawColor(120, 120, 120)
			p.Line(left+o.x, o.y, left+o.x+o.w, o.y+o.h)
			d.tags.endArtifact()
		case urlOp:
			p.LinkString(left+o.x, o.y, o.w, o.h, asciiURL(o.r.url))
		case gotoOp:
			if o.dest < len(d.links) && d.links[o.dest] >= 0 {
				p.Link(left+o.x, o.y, o.w, o.h, d.links[o.dest])
			}
		case fillOp:
			d.tags.beginArtifact(fpdf.ArtifactLayout)
			grey := o.dest
			p.SetFillColor(grey, grey, grey)
			p.Rect(left+o.x, o.y, o.w, o.h, "F")
			d.tags.endArtifact()
		case imageOp:
			d.image(left, o)
		}
	}
	// Running head and folio.
	d.tags.beginArtifact(fpdf.ArtifactPagination)
	defer d.tags.endArtifact()
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
		d.centred(left, y, head, italic, headSize)
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

// centred draws s in st at size centred on the measure at baseline y,
// with the characters the face lacks from the fallback face (fallback).
func (d *drawer) centred(left, y float64, s string, st style, size float64) {
	runs := fallback([]run{{text: s, style: st, size: size}})
	w := 0.0
	for _, r := range runs {
		w += d.m.width(r.text, r.style, r.size)
	}
	x := left + (d.g.measure()-w)/2
	for _, r := range runs {
		d.font.to(r.style, r.size)
		d.p.Text(x, y, r.text)
		x += d.m.width(r.text, r.style, r.size)
	}
}

// text draws a text op: raised or lowered by its rise, struck through when
// it says so.
func (d *drawer) text(left float64, o op) {
	d.font.to(o.r.style, o.r.size)
	y := o.y - o.r.rise
	d.p.Text(left+o.x, y, o.r.text)
	if o.r.style&struck != 0 {
		d.p.SetLineWidth(o.r.size * ptMM * 0.06)
		d.p.SetDrawColor(0, 0, 0)
		sy := y - o.r.size*ptMM*0.25
		d.p.Line(left+o.x, sy, left+o.x+o.w, sy)
	}
}

// image draws an image op: the image keyed o.r.text (see registerImages).
func (d *drawer) image(left float64, o op) {
	img := d.images[o.r.text]
	if img == nil {
		return
	}
	d.p.ImageOptions(o.r.text, left+o.x, o.y, o.w, o.h, false, imageOptions(img), 0, "")
}

// imageOptions are fpdf's options for img: JPEG embedded as it is, PNG
// with its alpha channel as a soft mask.
func imageOptions(img *doc.Image) fpdf.ImageOptions {
	if img.MediaType == "image/jpeg" {
		return fpdf.ImageOptions{ImageType: "JPG"}
	}
	return fpdf.ImageOptions{ImageType: "PNG"}
}

// registerImages registers the book's images with p, in the order of their
// keys, each once. It must come before the first page is drawn: a PNG with
// an alpha channel raises the PDF's version, which a streamed header
// cannot change afterwards. It returns the first image fpdf refuses.
func registerImages(p *fpdf.Fpdf, images map[string]*doc.Image) error {
	keys := make([]string, 0, len(images))
	for k := range images {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		img := images[k]
		p.RegisterImageOptionsReader(k, imageOptions(img), bytes.NewReader(img.Data))
		if err := p.Error(); err != nil {
			name := img.Path
			if name == "" {
				name = img.Name
			}
			return fmt.Errorf("pdf: image %s: %w", name, err)
		}
	}
	return nil
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
