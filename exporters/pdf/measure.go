package pdf

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/fonts"
)

// This file measures text: the embedded fonts as fpdf loads them, the
// selection of fpdf's current font, and the widths of text.

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

// measurer gives the advance width of text, in millimetres.
type measurer interface {
	width(s string, st style, size float64) float64
}

// truncate shortens s to fit width w at size and style, ending in "…".
func truncate(m measurer, s string, st style, size, w float64) string {
	if m.width(s, st, size) <= w {
		return s
	}
	for s != "" {
		_, n := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-n]
		if m.width(s+"…", st, size) <= w {
			return strings.TrimSpace(s) + "…"
		}
	}
	return ""
}

// fallback returns runs with every character that the face of its run
// lacks but the monospaced face has (∈, ☐, arrows, box drawing) in a run
// of its own in that face, at the same size: the monospaced face is the
// fallback of the text faces. Runs of text below U+0250, which the text
// faces cover, come back as they are, without a copy.
func fallback(runs []run) []run {
	var out []run
	for i, r := range runs {
		if r.style&mono != 0 || r.obj != nil || !beyondLatin(r.text) {
			if out != nil {
				out = append(out, r)
			}
			continue
		}
		cov, err := loadCoverage()
		if err != nil {
			return runs // the Checker reports it
		}
		if out == nil {
			out = append(make([]run, 0, len(runs)+2), runs[:i]...)
		}
		out = appendFallback(out, r, cov)
	}
	if out == nil {
		return runs
	}
	return out
}

// beyondLatin reports whether s has a character from U+0250 up.
func beyondLatin(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0xC9 { // the lead byte of U+0240 and above
			for _, c := range s[i:] {
				if c >= 0x250 {
					return true
				}
			}
			return false
		}
	}
	return false
}

// fallbackBuf is the sfnt buffer of fallback's lookups.
var fallbackBuf struct {
	sync.Mutex
	buf sfnt.Buffer
}

// appendFallback appends r to out, split where its characters change
// between its face and the monospaced one.
func appendFallback(out []run, r run, cov *coverage) []run {
	fallbackBuf.Lock()
	defer fallbackBuf.Unlock()
	st := r.style
	start, inMono := 0, false
	for i, c := range r.text {
		m := c >= 0x250 && !cov.has(&fallbackBuf.buf, c, st) && cov.has(&fallbackBuf.buf, c, mono)
		if m != inMono && i > start {
			x := r
			x.text = r.text[start:i]
			if inMono {
				x.style |= mono
			}
			out = append(out, x)
			start = i
		}
		inMono = m
	}
	x := r
	x.text = r.text[start:]
	if inMono {
		x.style |= mono
	}
	return append(out, x)
}
