package pdf

import (
	"fmt"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/image/font/sfnt"

	"github.com/seedpress/seedpress/fonts"
	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// coverage answers whether a face has a glyph for a rune.
type coverage struct {
	faces [8]*sfnt.Font // indexed by style (bold|italic|mono)
}

var (
	coverOnce sync.Once
	cover     coverage
	coverErr  error
)

// faceData returns the font file of a style.
func faceData(st style) []byte {
	switch {
	case st&mono != 0:
		return fonts.Mono
	case st&(bold|italic) == bold|italic:
		return fonts.BoldItalic
	case st&bold != 0:
		return fonts.Bold
	case st&italic != 0:
		return fonts.Italic
	}
	return fonts.Regular
}

func loadCoverage() (*coverage, error) {
	coverOnce.Do(func() {
		for _, st := range []style{0, bold, italic, bold | italic, mono} {
			f, err := sfnt.Parse(faceData(st))
			if err != nil {
				coverErr = fmt.Errorf("pdf: parse embedded font: %w", err)
				return
			}
			cover.faces[st] = f
		}
	})
	return &cover, coverErr
}

// has reports whether the face of st draws r. Line feeds and tabs are
// layout, not glyphs.
func (c *coverage) has(buf *sfnt.Buffer, r rune, st style) bool {
	if r == '\n' || r == '\t' {
		return true
	}
	g, err := c.faces[face(st)].GlyphIndex(buf, r)
	return err == nil && g != 0
}

// glyphs memoises coverage.has for one Checker: sfnt looks each character up
// in the font's cmap, which is slow next to an array or map lookup, and a
// book asks about the same few hundred characters millions of times.
type glyphs struct {
	c    *coverage
	buf  sfnt.Buffer
	low  [8][0x250]uint8 // Latin, by style: 0 not asked yet, 1 drawn, 2 missing
	high [8]map[rune]bool
}

// has is c.has, remembered.
func (g *glyphs) has(r rune, st style) bool {
	i := face(st)
	if r >= 0 && r < 0x250 {
		switch g.low[i][r] {
		case 1:
			return true
		case 2:
			return false
		}
		ok := g.c.has(&g.buf, r, st)
		g.low[i][r] = 2
		if ok {
			g.low[i][r] = 1
		}
		return ok
	}
	if v, ok := g.high[i][r]; ok {
		return v
	}
	if g.high[i] == nil {
		g.high[i] = map[rune]bool{}
	}
	ok := g.c.has(&g.buf, r, st)
	g.high[i][r] = ok
	return ok
}

// Checker finds every character of a book that the embedded fonts cannot
// draw, before any layout, from the book's documents given one at a time: it
// is a doc.Sink that keeps no document. It reports one error per character
// and block, in the form "U+1F600 GRINNING FACE is not in the embedded
// fonts", and text that is not valid UTF-8. Code is checked against the
// monospaced face, everything else against the text face of its style.
// Write and Writer refuse a book with such errors rather than print empty
// boxes.
//
// An error in a paragraph stands at the character's column when the
// character is on the paragraph's first line (see charPos); every other
// error stands at its block's position.
type Checker struct {
	l      diag.List
	gl     *glyphs // nil when the fonts could not be read
	seen   map[rune]bool
	seenAt doc.Pos
	lab    doc.Labels // the book's labels, set in captions
	// leaves has, for every document given, its source and the position
	// of each of its leaves (see doc.Document.Leaves), for the glossary's
	// terms (termPos).
	leaves []docLeaves
}

// docLeaves is what a Checker keeps of a document.
type docLeaves struct {
	source string
	pos    []doc.Pos
}

var _ doc.Sink = (*Checker)(nil)

// NewChecker returns a Checker ready for a book.
func NewChecker() *Checker {
	c := &Checker{}
	cov, err := loadCoverage()
	if err != nil {
		c.l.Errorf(doc.Pos{}, "%v", err)
		return c
	}
	c.gl = &glyphs{c: cov}
	return c
}

// Check returns the diagnostics of a Checker given the whole book.
func Check(b *doc.Book) diag.List {
	c := NewChecker()
	c.Begin(b.Meta, len(b.Documents))
	for _, d := range b.Documents {
		c.Document(d)
	}
	c.End(b.Glossary)
	return c.Diagnostics()
}

// Diagnostics returns the errors found so far: all of the book's after End.
func (c *Checker) Diagnostics() diag.List { return c.l }

// failed reports whether the Checker has found an error. (Every
// diagnostic of a Checker is an error.)
func (c *Checker) failed() bool { return len(c.l) > 0 }

// Begin implements doc.Sink: it checks the book's metadata.
func (c *Checker) Begin(m doc.Meta, documents int) error {
	if c.gl == nil {
		return nil
	}
	c.leaves = make([]docLeaves, 0, documents)
	c.lab = labelsFor(m.Lang)
	metaPos := doc.Pos{File: "book.yaml"}
	var metaRuns []run
	for _, s := range append([]string{m.Title, m.Subtitle, m.Publisher, m.Rights, m.Date, m.Description}, m.Authors...) {
		metaRuns = append(metaRuns, run{text: s})
	}
	c.runs(metaPos, metaRuns, false)
	metaRuns = metaRuns[:0]
	for _, s := range []string{m.Title, m.Subtitle} {
		metaRuns = append(metaRuns, run{text: s, style: bold}, run{text: s, style: italic})
	}
	c.runs(metaPos, metaRuns, false)
	return nil
}

// Document implements doc.Sink: it checks d's title and blocks.
func (c *Checker) Document(d *doc.Document) error {
	if c.gl == nil {
		return nil
	}
	pos := doc.Pos{File: d.Source}
	c.runs(pos, []run{{text: d.Title, style: bold}, {text: d.Title, style: italic}}, false)
	dl := docLeaves{source: d.Source}
	var visit doc.Walker
	visit = func(n doc.Node, entering bool) doc.WalkStatus {
		if !entering {
			return doc.WalkContinue
		}
		switch n := n.(type) {
		case *doc.Heading:
			dl.pos = append(dl.pos, n.Pos)
			c.runs(n.Pos, flatten(nil, n.Inlines, bold, 1, ""), false)
			return doc.WalkSkipChildren
		case *doc.Paragraph:
			dl.pos = append(dl.pos, n.Pos)
			runs := flatten(nil, n.Inlines, 0, 1, "")
			c.runs(n.Pos, runs, true)
			// Quotes and glossary entries set the same text in italic.
			for i := range runs {
				if runs[i].style&mono == 0 {
					runs[i].style ^= italic
				}
			}
			c.runs(n.Pos, runs, true)
			return doc.WalkSkipChildren
		case *doc.LineBlock:
			dl.pos = append(dl.pos, n.Pos)
			c.runs(n.Pos, flatten(nil, n.Inlines, 0, 1, ""), true)
			return doc.WalkSkipChildren
		case *doc.CodeBlock:
			dl.pos = append(dl.pos, n.Pos)
			c.runs(n.Pos, []run{{text: n.Text, style: mono}}, false)
		case *doc.Definition:
			// The term is set in bold (and is a leaf, checked as a
			// paragraph next).
			if n.Term != nil {
				c.runs(n.Term.Pos, flatten(nil, n.Term.Inlines, bold, 1, ""), false)
			}
		case *doc.Table:
			// Captions and header cells are bold in part; cells are no
			// leaves.
			c.runs(n.Pos, flatten([]run{{text: c.lab.Table, style: bold}}, n.Caption, 0, 1, ""), false)
			for _, cell := range n.Head {
				if cell != nil {
					c.runs(n.Pos, flatten(nil, cell.Inlines, bold, 1, ""), false)
				}
			}
			for _, r := range n.Rows {
				for _, cell := range r {
					if cell != nil {
						c.runs(n.Pos, flatten(nil, cell.Inlines, 0, 1, ""), false)
					}
				}
			}
			return doc.WalkSkipChildren
		case *doc.Figure:
			c.runs(n.Pos, flatten([]run{{text: c.lab.Figure, style: bold}, {text: n.Alt, style: italic}}, n.Caption, 0, 1, ""), false)
			return doc.WalkSkipChildren
		case *doc.Callout:
			c.runs(n.Pos, flatten(nil, n.Title, bold, 1, ""), false)
			doc.WalkBlocks(n.Blocks, visit)
			return doc.WalkSkipChildren
		case *doc.Quote, *doc.List, *doc.ListItem, *doc.ThematicBreak, *doc.Div, *doc.DefinitionList, *doc.Note:
		default:
			panic(fmt.Sprintf("pdf: Checker: unexpected node %T", n))
		}
		return doc.WalkContinue
	}
	doc.WalkDocument(d, visit)
	c.leaves = append(c.leaves, dl)
	return nil
}

// End implements doc.Sink: it checks the glossary.
func (c *Checker) End(glossary []doc.Term) error {
	if c.gl == nil {
		return nil
	}
	for _, t := range glossary {
		c.runs(c.termPos(t), []run{{text: t.Acronym, style: bold}, {text: t.Expansion}, {text: t.ExpansionEN, style: italic}}, false)
	}
	c.leaves = nil
	return nil
}

// runs checks the runs of the block at pos. With cols, an error stands at
// the character's column while the runs' text has had no line break (the
// runs of flatten spell the block's plain text). A character is reported
// once per block.
func (c *Checker) runs(pos doc.Pos, runs []run, cols bool) {
	if c.seen == nil || pos != c.seenAt {
		c.seen, c.seenAt = map[rune]bool{}, pos
	}
	off := 0 // runes before ch in the block's first line; -1 past it
	for _, r := range runs {
		if r.obj != nil && r.obj.img != nil {
			continue // an inline image: no glyphs
		}
		if !utf8.ValidString(r.text) {
			if !c.seen[utf8.RuneError] {
				c.seen[utf8.RuneError] = true
				c.l.Errorf(charPos(pos, off, cols), "text is not valid UTF-8")
			}
			off = -1 // the rune count of invalid text is no column
			continue
		}
		for _, ch := range r.text {
			if !c.gl.has(ch, r.style) && !(ch >= 0x250 && c.gl.has(ch, mono)) && !c.seen[ch] {
				c.seen[ch] = true
				c.l.Errorf(charPos(pos, off, cols), "%s is not in the embedded fonts", runeName(ch))
			}
			if ch == '\n' {
				off = -1
			} else if off >= 0 {
				off++
			}
		}
	}
}

// charPos returns the position of a character off runes into the first
// line of a paragraph at pos: pos.Col + off on pos.Line. It returns pos
// itself when cols is false, when off < 0 (the character follows a hard
// line break: the model does not say on which seed line) or when pos has no
// line.
//
// The column is exact only when the paragraph's plain text spells its seed
// line up to the character. It is approximate, too far left, when markup,
// escapes or entities come before the character (**, `, [text](url), \*,
// &amp;: the model keeps their text, not their spelling), and it is wrong,
// too far right, when the seed wraps the paragraph before the character:
// the model joins soft line breaks into single spaces, so Check cannot
// tell, and counts on along the first line. Headings and code blocks are
// not given columns at all: their Pos is that of the block's marker or
// fence ("# ", "```"), not of their text, and the model does not keep the
// marker's width.
func charPos(pos doc.Pos, off int, cols bool) doc.Pos {
	if !cols || off < 0 || pos.Line <= 0 || pos.Col <= 0 {
		return pos
	}
	pos.Col += off
	return pos
}

// termPos returns where a glossary term is defined, as far as the model
// tells: the position of its leaf, else its document's source.
func (c *Checker) termPos(t doc.Term) doc.Pos {
	r := t.Defined
	if r.Doc < 0 || r.Doc >= len(c.leaves) {
		return doc.Pos{}
	}
	dl := c.leaves[r.Doc]
	if r.Leaf >= 0 && r.Leaf < len(dl.pos) {
		return dl.pos[r.Leaf]
	}
	return doc.Pos{File: dl.source}
}

// runeNames names the characters most likely to be missing from a Latin
// text face. Names are from the Unicode Character Database. Others are
// named by their script or category.
var runeNames = map[rune]string{
	0x2042: "ASTERISM", 0x2603: "SNOWMAN", 0x2605: "BLACK STAR", 0x2606: "WHITE STAR",
	0x263A: "WHITE SMILING FACE", 0x2764: "HEAVY BLACK HEART", 0x2705: "WHITE HEAVY CHECK MARK",
	0x274C: "CROSS MARK", 0x2728: "SPARKLES", 0x26A0: "WARNING SIGN", 0xFFFD: "REPLACEMENT CHARACTER",
	0xFEFF: "ZERO WIDTH NO-BREAK SPACE", 0x200B: "ZERO WIDTH SPACE", 0x200D: "ZERO WIDTH JOINER",
	0x1F600: "GRINNING FACE", 0x1F601: "GRINNING FACE WITH SMILING EYES", 0x1F602: "FACE WITH TEARS OF JOY",
	0x1F603: "SMILING FACE WITH OPEN MOUTH", 0x1F604: "SMILING FACE WITH OPEN MOUTH AND SMILING EYES",
	0x1F609: "WINKING FACE", 0x1F60A: "SMILING FACE WITH SMILING EYES", 0x1F60D: "SMILING FACE WITH HEART-SHAPED EYES",
	0x1F622: "CRYING FACE", 0x1F62D: "LOUDLY CRYING FACE", 0x1F642: "SLIGHTLY SMILING FACE",
	0x1F914: "THINKING FACE", 0x1F44D: "THUMBS UP SIGN", 0x1F44E: "THUMBS DOWN SIGN", 0x1F44F: "CLAPPING HANDS SIGN",
	0x1F64F: "PERSON WITH FOLDED HANDS", 0x1F525: "FIRE", 0x1F680: "ROCKET", 0x1F389: "PARTY POPPER",
	0x1F4A1: "ELECTRIC LIGHT BULB", 0x1F512: "LOCK", 0x1F513: "OPEN LOCK", 0x1F310: "GLOBE WITH MERIDIANS",
	0x1F30D: "EARTH GLOBE EUROPE-AFRICA", 0x1F4BB: "PERSONAL COMPUTER", 0x1F4F1: "MOBILE PHONE",
	0x1F1F9: "REGIONAL INDICATOR SYMBOL LETTER T", 0x1F1F7: "REGIONAL INDICATOR SYMBOL LETTER R",
	0x2B50: "WHITE MEDIUM STAR", 0x2714: "HEAVY CHECK MARK", 0x2716: "HEAVY MULTIPLICATION X",
}

// runeName returns "U+XXXX NAME" for r, with a descriptive name when the
// table above does not know it.
func runeName(r rune) string {
	code := fmt.Sprintf("U+%04X", r)
	if n, ok := runeNames[r]; ok {
		return code + " " + n
	}
	switch {
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF, r >= 0x20000 && r <= 0x2A6DF:
		return fmt.Sprintf("%s CJK UNIFIED IDEOGRAPH-%04X", code, r)
	case unicode.IsControl(r):
		return code + " (a control character)"
	case unicode.Is(unicode.Co, r):
		return code + " (a private-use character)"
	}
	for name, t := range unicode.Scripts {
		if name != "Common" && name != "Inherited" && unicode.Is(t, r) {
			return fmt.Sprintf("%s (%s script)", code, name)
		}
	}
	return code
}
