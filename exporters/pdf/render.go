package pdf

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

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

// face returns the embedded face that draws st: mono, or the text family
// in bold, italic or both.
func face(st style) style {
	if st&mono != 0 {
		return mono
	}
	return st & (bold | italic)
}

// fontSwitch selects fpdf's current font. fpdf v0.9.0 writes a font
// selection operator into the page on every SetFont call, even one that
// changes nothing: 59 bytes before every word, half of a page's content
// and of the memory fpdf holds until Output. Every font change of one
// Fpdf goes through its fontSwitch, which calls SetFont only when the face
// or size differs from the current one. AddPage keeps fpdf's current font
// and selects it on the new page, so the state holds across pages.
type fontSwitch struct {
	p    *fpdf.Fpdf
	face style
	size float64
	set  bool // face and size are fpdf's current font
}

// to makes st at size points the current font.
func (f *fontSwitch) to(st style, size float64) {
	fc := face(st)
	if f.set && f.face == fc && f.size == size {
		return
	}
	f.face, f.size, f.set = fc, size, true
	switch fc {
	case mono:
		f.p.SetFont(monoFamily, "", size)
	case bold | italic:
		f.p.SetFont(textFamily, "BI", size)
	case bold:
		f.p.SetFont(textFamily, "B", size)
	case italic:
		f.p.SetFont(textFamily, "I", size)
	default:
		f.p.SetFont(textFamily, "", size)
	}
}

// fontMeasurer measures text with fpdf's own metrics of the embedded
// fonts, so that layout and drawing agree exactly. Widths of single runes
// are cached per style.
type fontMeasurer struct {
	p     *fpdf.Fpdf
	font  *fontSwitch     // shared with the drawer of the same Fpdf
	cache [8]map[rune]int // glyph units per em of 1000
}

func newFontMeasurer(p *fpdf.Fpdf) *fontMeasurer {
	m := &fontMeasurer{p: p, font: &fontSwitch{p: p}}
	for i := range m.cache {
		m.cache[i] = map[rune]int{}
	}
	return m
}

func (m *fontMeasurer) width(s string, st style, size float64) float64 {
	st = face(st)
	c := m.cache[st]
	units := 0
	set := false
	for _, r := range s {
		u, ok := c[r]
		if !ok {
			if !set {
				m.font.to(st, 10)
				set = true
			}
			u = m.p.GetStringSymbolWidth(string(r))
			c[r] = u
		}
		units += u
	}
	return float64(units) * size / 1000 * ptMM
}

// drawer draws laid-out pages into fpdf, in order, one at a time.
type drawer struct {
	p     *fpdf.Fpdf
	font  *fontSwitch
	g     geometry
	title string // the running head of versos
	m     measurer
	links []int // fpdf's link of each destination
	err   error // the first error; draw does nothing after it
}

// newDrawer returns a drawer for a book whose link destinations are dests
// (final page numbers). It registers every destination with fpdf before the
// first page, so that links may point forward. font is the fontSwitch of
// p, shared with the measurer m.
func newDrawer(p *fpdf.Fpdf, font *fontSwitch, g geometry, title string, m measurer, dests []dest) *drawer {
	d := &drawer{p: p, font: font, g: g, title: title, m: m, links: make([]int, len(dests))}
	for i, ds := range dests {
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
	left := g.left(pg.num)
	d.font.to(0, g.body) // Bookmark encodes its title as the current font does
	for _, mk := range pg.marks {
		p.Bookmark(mk.title, mk.level, mk.y)
	}
	for _, o := range pg.ops {
		switch o.kind {
		case textOp:
			d.font.to(o.r.style, o.r.size)
			p.Text(left+o.x, o.y, o.r.text)
		case ruleOp:
			p.SetLineWidth(0.3)
			p.SetDrawColor(120, 120, 120)
			p.Line(left+o.x, o.y, left+o.x+o.w, o.y+o.h)
		case urlOp:
			p.LinkString(left+o.x, o.y, o.w, o.h, asciiURL(o.r.url))
		case gotoOp:
			p.Link(left+o.x, o.y, o.w, o.h, d.links[o.dest])
		}
	}
	// Running head and folio.
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
		d.font.to(italic, headSize)
		p.Text(left+(g.measure()-m.width(head, italic, headSize))/2, y, head)
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

// finish corrects fpdf's output in one place, for two things fpdf v0.9.0
// does not do:
//
//   - it writes the XMP packet given to SetXmpMetadata as an object but
//     never points the catalog at it, so no reader finds it: finish adds
//     "/Metadata n 0 R" to the catalog;
//   - it writes CreationDate and ModDate without a time zone, so readers
//     take them as local time while the XMP dates are UTC: finish marks them
//     UTC with "Z".
//
// The insertions shift the objects after them; finish rewrites their
// offsets in the cross-reference table (whose length does not change) and
// the startxref offset. It writes the corrected file to w, and nothing when
// fpdf's output is not as expected. It looks for the objects with plain
// byte searches rather than regular expressions: the file of a long book
// is hundreds of megabytes.
func finish(w io.Writer, pdf []byte) error {
	type edit struct {
		at  int
		ins string
	}
	var edits []edit
	meta := metadataObject(pdf)
	cat := bytes.LastIndex(pdf, []byte("/Type /Catalog\n"))
	xref := bytes.LastIndex(pdf, []byte("\nxref\n"))
	if meta == "" || cat < 0 || xref < cat {
		return errors.New("pdf: finish: unexpected layout of fpdf's output (no metadata object or catalog)")
	}
	for _, key := range []string{"/CreationDate (D:", "/ModDate (D:"} {
		for from := 0; ; {
			i := bytes.Index(pdf[from:xref], []byte(key))
			if i < 0 {
				break
			}
			at := from + i + len(key)
			if at+15 <= xref && digits(pdf[at:at+14]) && pdf[at+14] == ')' {
				edits = append(edits, edit{at + 14, "Z"})
			}
			from = at
		}
	}
	edits = append(edits, edit{cat + len("/Type /Catalog\n"), "/Metadata " + meta + " 0 R\n"})
	slices.SortFunc(edits, func(a, b edit) int { return a.at - b.at })
	shift := func(off int) int {
		d := 0
		for _, e := range edits {
			if e.at < off {
				d += len(e.ins)
			}
		}
		return d
	}

	// The cross-reference table: "xref\n0 n\n" then n entries of 20 bytes.
	head := regexp.MustCompile(`^xref\n0 (\d+)\n`).FindSubmatch(pdf[xref+1:])
	if head == nil {
		return errors.New("pdf: finish: no cross-reference table")
	}
	n, _ := strconv.Atoi(string(head[1]))
	start := xref + 1 + len(head[0])
	end := start + 20*n
	if end > len(pdf) {
		return errors.New("pdf: finish: unexpected cross-reference table")
	}
	tail := regexp.MustCompile(`^trailer\n<<\n[^>]*>>\nstartxref\n(\d+)\n%%EOF\n?$`).FindSubmatchIndex(pdf[end:])
	if tail == nil {
		return errors.New("pdf: finish: unexpected cross-reference table")
	}
	offs := make([]int, n)
	for i := range offs {
		entry := pdf[start+20*i : start+20*i+20]
		offs[i] = -1
		if entry[17] == 'n' {
			off, err := strconv.Atoi(string(entry[:10]))
			if err != nil {
				return fmt.Errorf("pdf: finish: bad xref entry %q", entry)
			}
			offs[i] = off
		}
	}
	out := bufio.NewWriterSize(w, 64<<10)
	last := 0
	for _, e := range edits {
		out.Write(pdf[last:e.at])
		out.WriteString(e.ins)
		last = e.at
	}
	out.Write(pdf[last:start])
	for i, off := range offs {
		entry := pdf[start+20*i : start+20*i+20]
		if off < 0 {
			out.Write(entry)
			continue
		}
		fmt.Fprintf(out, "%010d", off+shift(off))
		out.Write(entry[10:])
	}
	sx := end + tail[2]
	old, _ := strconv.Atoi(string(pdf[sx : end+tail[3]]))
	out.Write(pdf[end:sx])
	out.WriteString(strconv.Itoa(old + shift(old)))
	out.Write(pdf[end+tail[3]:])
	if err := out.Flush(); err != nil {
		return fmt.Errorf("pdf: write: %w", err)
	}
	return nil
}

// metadataObject returns the number of the first object that starts a line
// with "n 0 obj\n<< /Type /Metadata /Subtype /XML", or "".
func metadataObject(pdf []byte) string {
	key := []byte(" 0 obj\n<< /Type /Metadata /Subtype /XML")
	for from := 0; ; {
		i := bytes.Index(pdf[from:], key)
		if i < 0 {
			return ""
		}
		at := from + i
		j := at
		for j > 0 && pdf[j-1] >= '0' && pdf[j-1] <= '9' {
			j--
		}
		if j < at && (j == 0 || pdf[j-1] == '\n') {
			return string(pdf[j:at])
		}
		from = at + 1
	}
}

// digits reports whether b is all ASCII digits.
func digits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
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
