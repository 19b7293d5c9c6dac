package epub

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/seedpress/seedpress/fonts"
)

// The generated cover's geometry, in pixels: a 2:3 page with margins.
const (
	coverWidth  = 1200
	coverHeight = 1800
	coverMargin = 120
)

var (
	coverBackground = color.RGBA{0x1d, 0x35, 0x57, 0xff} // deep blue
	coverInk        = color.RGBA{0xff, 0xff, 0xff, 0xff}
	coverAccent     = color.RGBA{0xf1, 0xc4, 0x0f, 0xff} // the rule under the title
)

// coverFonts parses the embedded faces once.
var coverFonts = sync.OnceValues(func() (map[string]*opentype.Font, error) {
	m := map[string]*opentype.Font{}
	for name, data := range map[string][]byte{"regular": fonts.Regular, "bold": fonts.Bold, "italic": fonts.Italic} {
		f, err := opentype.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("epub: cover: parse %s font: %w", name, err)
		}
		m[name] = f
	}
	return m, nil
})

// coverEncoder encodes the cover at png.BestSpeed: the cover is mostly flat
// colour, so that costs a twentieth more bytes than the default level and a
// fifth of the time (about 3 instead of 15 ms, most of the cost of a small
// book). Its buffer pool keeps the compressor of one cover for the next.
var coverEncoder = &png.Encoder{CompressionLevel: png.BestSpeed, BufferPool: new(pngBuffers)}

// pngBuffers is a png.EncoderBufferPool on a sync.Pool.
type pngBuffers struct{ pool sync.Pool }

func (p *pngBuffers) Get() *png.EncoderBuffer {
	b, _ := p.pool.Get().(*png.EncoderBuffer)
	return b
}

func (p *pngBuffers) Put(b *png.EncoderBuffer) { p.pool.Put(b) }

// drawCover draws the cover of a book without one: title, subtitle and
// authors set in the project's fonts on a plain background, as a PNG. Long
// titles are wrapped and, if need be, set smaller; a word wider than the page
// is broken. The result depends on m alone (drawing and PNG encoding are
// deterministic).
func drawCover(m *meta) ([]byte, error) {
	fs, err := coverFonts()
	if err != nil {
		return nil, err
	}
	// The text is drawn as coverage into an alpha mask, then the mask is
	// turned into a paletted image of the background blended towards the
	// ink: a quarter of the bytes of RGBA to compress, and a smaller file.
	img := image.NewAlpha(image.Rect(0, 0, coverWidth, coverHeight))
	width := coverWidth - 2*coverMargin

	// The title: the largest size at which it fits in five lines.
	y := 420
	var lines []string
	var face font.Face
	for size := 120.0; ; size *= 0.85 {
		if face, err = newFace(fs["bold"], size); err != nil {
			return nil, err
		}
		lines = wrapText(face, m.Title, width, 5)
		if len(lines) <= 5 || size < 50 {
			break
		}
	}
	y = drawLines(img, face, lines, y, 5)
	accent := image.Rect(coverWidth/2-120, y+40, coverWidth/2+120, y+48)
	y += 130
	if m.Subtitle != "" {
		f, err := newFace(fs["italic"], 60)
		if err != nil {
			return nil, err
		}
		drawLines(img, f, wrapText(f, m.Subtitle, width, 4), y, 4)
	}
	if len(m.Authors) > 0 {
		f, err := newFace(fs["regular"], 56)
		if err != nil {
			return nil, err
		}
		lines := wrapText(f, strings.Join(m.Authors, ", "), width, 3)
		n := min(len(lines), 3)
		drawLines(img, f, lines, coverHeight-coverMargin-lineHeight(f)*n, 3)
	}
	var buf bytes.Buffer
	if err := coverEncoder.Encode(&buf, paletted(img, accent)); err != nil {
		return nil, fmt.Errorf("epub: cover: encode: %w", err)
	}
	return buf.Bytes(), nil
}

// paletted turns the ink coverage of mask into the cover's colours: 255
// shades from the background to the ink, and the accent inside accent. The
// image shares mask's pixels, which it overwrites.
func paletted(mask *image.Alpha, accent image.Rectangle) *image.Paletted {
	pal := make(color.Palette, 256)
	lerp := func(a, b uint8, i int) uint8 { return uint8((int(a)*(254-i) + int(b)*i + 127) / 254) }
	for i := 0; i < 255; i++ {
		pal[i] = color.RGBA{
			lerp(coverBackground.R, coverInk.R, i),
			lerp(coverBackground.G, coverInk.G, i),
			lerp(coverBackground.B, coverInk.B, i),
			0xff,
		}
	}
	pal[255] = coverAccent
	var shade [256]uint8 // coverage to palette index
	for a := range shade {
		shade[a] = uint8((a*254 + 127) / 255)
	}
	for i, a := range mask.Pix {
		mask.Pix[i] = shade[a]
	}
	img := &image.Paletted{Pix: mask.Pix, Stride: mask.Stride, Rect: mask.Rect, Palette: pal}
	draw.Draw(img, accent, image.NewUniform(coverAccent), image.Point{}, draw.Src)
	return img
}

func newFace(f *opentype.Font, size float64) (font.Face, error) {
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		return nil, fmt.Errorf("epub: cover: face: %w", err)
	}
	return face, nil
}

func lineHeight(f font.Face) int { return f.Metrics().Height.Ceil() }

// drawLines draws at most max lines centred, as ink coverage in img, the
// first baseline at y plus the ascent, and returns the baseline of the last
// line drawn. Lines past max are dropped and the last one drawn ends in an
// ellipsis.
func drawLines(img draw.Image, f font.Face, lines []string, y, max int) int {
	if len(lines) > max {
		lines = append(lines[:max-1:max-1], strings.TrimSpace(lines[max-1])+"…")
	}
	d := &font.Drawer{Dst: img, Src: image.Opaque, Face: f}
	lh := lineHeight(f)
	y += f.Metrics().Ascent.Ceil()
	last := y
	for _, line := range lines {
		w := d.MeasureString(line).Ceil()
		d.Dot = fixed.P((coverWidth-w)/2, y)
		d.DrawString(line)
		last = y
		y += lh
	}
	return last
}

// wrapText breaks s into lines no wider than width pixels: greedily by
// words, and inside a word that is wider than a line on its own. It stops
// after max+1 lines, enough for the caller to see that s does not fit.
func wrapText(f font.Face, s string, width, max int) []string {
	limit := fixed.I(width)
	var lines []string
	line := ""
	for _, word := range strings.Fields(clean(s)) {
		for len(lines) <= max {
			cut := fitPrefix(f, word, limit)
			if cut == len(word) {
				break
			}
			// The word is wider than a line: break it.
			if line != "" {
				lines, line = append(lines, line), ""
			}
			lines = append(lines, word[:cut])
			word = word[cut:]
		}
		if len(lines) > max {
			return lines
		}
		switch {
		case line == "":
			line = word
		case font.MeasureString(f, line+" "+word) <= limit:
			line += " " + word
		default:
			lines, line = append(lines, line), word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// fitPrefix returns the length in bytes of the longest prefix of word that
// is at most limit wide, and at least one character.
func fitPrefix(f font.Face, word string, limit fixed.Int26_6) int {
	var adv fixed.Int26_6
	prev := rune(-1)
	for i, r := range word {
		if prev >= 0 {
			adv += f.Kern(prev, r)
		}
		a, ok := f.GlyphAdvance(r)
		if !ok {
			a, _ = f.GlyphAdvance('\uFFFD')
		}
		adv += a
		if adv > limit && i > 0 {
			return i
		}
		prev = r
	}
	return len(word)
}
