// Package structure turns a seed's normalised text into the model's blocks
// and inlines: plain-text seeds by blank-line paragraphs, Markdown seeds by
// CommonMark (goldmark) with the syntax of pandoc's and Quarto's
// manuscripts: footnotes, pipe tables, figures, definition lists, task
// lists, strikethrough, attributes, math and cross-references. It does not
// split sentences, read images or resolve references; the pipeline does
// that afterwards.
package structure

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// MaxDepth is the deepest nesting of quotes and lists, and of emphasis and
// links inside a block, kept in the model. Deeper containers are flattened
// into the deepest allowed one, so that no reader of the model (exporters
// included) meets an unbounded tree.
const MaxDepth = 64

// Text parses a plain-text seed. Paragraphs are separated by blank lines
// (lines of only white space); the lines of a paragraph are trimmed and
// joined with a space. A first line "# Title" is a level-1 heading. Nothing
// else is interpreted: "*", "<b>" or "---" stay text. Each block's Pos is its
// first character. file is the seed's path for positions.
func Text(file, text string) ([]doc.Block, diag.List) {
	text = sanitize(text)
	var blocks []doc.Block
	var para []string
	var paraPos doc.Pos
	flush := func() {
		if len(para) > 0 {
			blocks = append(blocks, &doc.Paragraph{Pos: paraPos, Inlines: []doc.Inline{&doc.Text{Value: strings.Join(para, " ")}}})
			para = para[:0]
		}
	}
	for i, line := range strings.Split(text, "\n") {
		if i == 0 {
			if rest, ok := strings.CutPrefix(line, "# "); ok && strings.TrimSpace(rest) != "" {
				blocks = append(blocks, &doc.Heading{
					Pos:     doc.Pos{File: file, Line: 1, Col: 1},
					Level:   1,
					Inlines: []doc.Inline{&doc.Text{Value: strings.TrimSpace(rest)}},
				})
				continue
			}
		}
		trimmed := strings.TrimSpace(line)
		if trimmed == "" {
			flush()
			continue
		}
		if len(para) == 0 {
			lead := len(line) - len(strings.TrimLeftFunc(line, unicode.IsSpace))
			paraPos = doc.Pos{File: file, Line: i + 1, Col: utf8.RuneCountInString(line[:lead]) + 1}
		}
		para = append(para, trimmed)
	}
	flush()
	return blocks, nil
}

// sanitize makes text valid UTF-8 without NUL characters (CommonMark
// replaces U+0000 by U+FFFD), keeping every line break where it was.
func sanitize(text string) string {
	if !utf8.ValidString(text) { // the pipeline's text always is: skip the copy
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	if strings.IndexByte(text, 0) >= 0 {
		text = strings.ReplaceAll(text, "\x00", "\uFFFD")
	}
	return text
}

// lineIndex maps byte offsets of a text to 1-based line and rune column.
type lineIndex struct {
	text   string
	starts []int // byte offset of each line's first byte
}

func newLineIndex(text string) *lineIndex {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{text: text, starts: starts}
}

// pos returns the position of byte offset off; off is clamped to the text.
func (x *lineIndex) pos(file string, off int) doc.Pos {
	off = max(0, min(off, len(x.text)))
	// goldmark's offsets of content after a tab can be one byte past the
	// start of a character: back to its first byte, so that the column
	// counts the character once.
	for off > 0 && off < len(x.text) && !utf8.RuneStart(x.text[off]) {
		off--
	}
	line := sort.Search(len(x.starts), func(i int) bool { return x.starts[i] > off }) - 1
	col := utf8.RuneCountInString(x.text[x.starts[line]:off]) + 1
	return doc.Pos{File: file, Line: line + 1, Col: col}
}
