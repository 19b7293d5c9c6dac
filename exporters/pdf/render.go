package pdf

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"

	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/fonts"
)

const (
	textFamily = "charis"
	monoFamily = "mono"
)

// addFonts registers the embedded faces with fpdf. Each PDF gets its own
// copy of the font files: fpdf v0.9.0 rewrites the component indexes of
// composite glyphs in the bytes it is given while subsetting, which would
// corrupt the shared embedded data and make the next PDF differ.
func addFonts(p *fpdf.Fpdf) error {
	p.AddUTF8FontFromBytes(textFamily, "", bytes.Clone(fonts.Regular))
	p.AddUTF8FontFromBytes(textFamily, "B", bytes.Clone(fonts.Bold))
	p.AddUTF8FontFromBytes(textFamily, "I", bytes.Clone(fonts.Italic))
	p.AddUTF8FontFromBytes(textFamily, "BI", bytes.Clone(fonts.BoldItalic))
	p.AddUTF8FontFromBytes(monoFamily, "", bytes.Clone(fonts.Mono))
	if err := p.Error(); err != nil {
		return fmt.Errorf("pdf: load fonts: %w", err)
	}
	return nil
}

func setFont(p *fpdf.Fpdf, st style, size float64) {
	switch {
	case st&mono != 0:
		p.SetFont(monoFamily, "", size)
	case st&(bold|italic) == bold|italic:
		p.SetFont(textFamily, "BI", size)
	case st&bold != 0:
		p.SetFont(textFamily, "B", size)
	case st&italic != 0:
		p.SetFont(textFamily, "I", size)
	default:
		p.SetFont(textFamily, "", size)
	}
}

// fontMeasurer measures text with fpdf's own metrics of the embedded
// fonts, so that layout and drawing agree exactly. Widths of single runes
// are cached per style.
type fontMeasurer struct {
	p     *fpdf.Fpdf
	cache [8]map[rune]int // glyph units per em of 1000
}

func newFontMeasurer(p *fpdf.Fpdf) *fontMeasurer {
	m := &fontMeasurer{p: p}
	for i := range m.cache {
		m.cache[i] = map[rune]int{}
	}
	return m
}

func (m *fontMeasurer) width(s string, st style, size float64) float64 {
	st &= bold | italic | mono
	if st&mono != 0 {
		st = mono
	}
	c := m.cache[st]
	units := 0
	set := false
	for _, r := range s {
		u, ok := c[r]
		if !ok {
			if !set {
				setFont(m.p, st, 10)
				set = true
			}
			u = m.p.GetStringSymbolWidth(string(r))
			c[r] = u
		}
		units += u
	}
	return float64(units) * size / 1000 * ptMM
}

// render draws the laid-out book.
func render(p *fpdf.Fpdf, bl *bookLayout, g geometry, title string, m measurer) error {
	links := make([]int, len(bl.dests))
	for i, d := range bl.dests {
		links[i] = p.AddLink()
		p.SetLink(links[i], d.y, d.page)
	}
	headSize := g.body * 0.85
	for _, pg := range bl.pages {
		p.AddPage()
		left := g.left(pg.num)
		setFont(p, 0, g.body) // Bookmark encodes its title as the current font does
		for _, mk := range pg.marks {
			p.Bookmark(mk.title, mk.level, mk.y)
		}
		for _, o := range pg.ops {
			switch o.kind {
			case textOp:
				setFont(p, o.r.style, o.r.size)
				p.Text(left+o.x, o.y, o.r.text)
			case ruleOp:
				p.SetLineWidth(0.3)
				p.SetDrawColor(120, 120, 120)
				p.Line(left+o.x, o.y, left+o.x+o.w, o.y+o.h)
			case urlOp:
				p.LinkString(left+o.x, o.y, o.w, o.h, o.r.url)
			case gotoOp:
				p.Link(left+o.x, o.y, o.w, o.h, links[o.dest])
			}
		}
		// Running head and folio.
		folio := strconv.Itoa(pg.num)
		switch pg.kind {
		case openingPage:
			setFont(p, 0, headSize)
			w := m.width(folio, 0, headSize)
			p.Text(left+(g.measure()-w)/2, g.h-g.bottom+9, folio)
		case bodyPage:
			head := title
			if pg.num%2 == 1 {
				head = pg.chapter
			}
			head = truncate(m, head, italic, headSize, g.measure()-25)
			y := g.top - 7
			setFont(p, italic, headSize)
			p.Text(left+(g.measure()-m.width(head, italic, headSize))/2, y, head)
			setFont(p, 0, headSize)
			if pg.num%2 == 1 {
				p.Text(left+g.measure()-m.width(folio, 0, headSize), y, folio)
			} else {
				p.Text(left, y, folio)
			}
		}
		if err := p.Error(); err != nil {
			return fmt.Errorf("pdf: draw page %d: %w", pg.num, err)
		}
	}
	return nil
}

// linkMetadata finishes fpdf's output: fpdf v0.9.0 writes the XMP packet
// given to SetXmpMetadata as an object but never points the catalog at it,
// so no reader finds it. This adds "/Metadata n 0 R" to the catalog, which
// fpdf writes as the last object before the cross-reference table, and moves
// the startxref offset by the bytes inserted; no other offset changes.
func linkMetadata(pdf []byte) ([]byte, error) {
	meta := regexp.MustCompile(`(?m)^(\d+) 0 obj\n<< /Type /Metadata /Subtype /XML`).FindSubmatch(pdf)
	if meta == nil {
		return nil, errors.New("pdf: finish: no XMP metadata object")
	}
	cat := bytes.LastIndex(pdf, []byte("/Type /Catalog\n"))
	xref := bytes.LastIndex(pdf, []byte("\nxref\n"))
	sx := regexp.MustCompile(`startxref\n(\d+)\n%%EOF\n?$`)
	loc := sx.FindSubmatchIndex(pdf)
	if cat < 0 || xref < cat || loc == nil {
		return nil, errors.New("pdf: finish: unexpected layout of fpdf's output")
	}
	ins := []byte("/Metadata " + string(meta[1]) + " 0 R\n")
	at := cat + len("/Type /Catalog\n")
	old, err := strconv.Atoi(string(pdf[loc[2]:loc[3]]))
	if err != nil || old != xref+1 {
		return nil, fmt.Errorf("pdf: finish: startxref %q does not point at the xref table", pdf[loc[2]:loc[3]])
	}
	var out bytes.Buffer
	out.Grow(len(pdf) + len(ins) + 4)
	out.Write(pdf[:at])
	out.Write(ins)
	out.Write(pdf[at:loc[2]])
	out.WriteString(strconv.Itoa(old + len(ins)))
	out.Write(pdf[loc[3]:])
	return out.Bytes(), nil
}
