package structure

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// pairMarker is one end of an inline that pandoc writes with a pair of
// delimiters and that goldmark does not know: a bracketed span
// ("[text]{.smallcaps}"), superscript ("^2^") or subscript ("~2~"). The
// opener is only made when its closer was seen ahead, and the inlines
// between the two are parsed as usual; the converter joins a matched pair
// into a Span, Sup or Sub and writes an unmatched marker back as the text
// it came from.
type pairMarker struct {
	ast.BaseInline
	kind    byte // '[', '^' or '~'
	open    bool
	at      int // byte offset of the marker
	closeAt int // an opener's closer's offset
	attr    doc.Attr
	literal []byte // the source text of the marker
}

var kindPairMarker = ast.NewNodeKind("PairMarker")

func (n *pairMarker) Kind() ast.NodeKind { return kindPairMarker }

func (n *pairMarker) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"literal": string(n.literal)}, nil)
}

// attrMarker stands where attributes after a link, image or code span
// were read ("[a](u){.c}"); the attributes are on the link or image (see
// nodeAttr). It has no text.
type attrMarker struct{ ast.BaseInline }

var kindAttrMarker = ast.NewNodeKind("AttrMarker")

func (n *attrMarker) Kind() ast.NodeKind         { return kindAttrMarker }
func (n *attrMarker) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// attrName is the goldmark attribute under which a link or image node
// holds its pandoc attributes (a doc.Attr).
var attrName = []byte("seedpress-attr")

// nodeAttr returns the pandoc attributes read after link or image n, or
// at the end of heading n (headingParser).
func nodeAttr(n ast.Node) doc.Attr {
	if v, ok := n.Attribute(attrName); ok {
		if a, ok := v.(doc.Attr); ok {
			return a
		}
	}
	return doc.Attr{}
}

// closer is a closing delimiter seen ahead by its opener.
type closer struct {
	kind byte
	n    int // bytes of the closer, attributes included
	attr doc.Attr
}

var closersKey = parser.NewContextKey()

// closers returns the document's closers by offset.
func closers(pc parser.Context) map[int]closer {
	if m, ok := pc.Get(closersKey).(map[int]closer); ok {
		return m
	}
	m := map[int]closer{}
	pc.Set(closersKey, m)
	return m
}

// pairParser parses the ends of spans, superscripts and subscripts, and
// the attributes after a link or image. It must run before goldmark's
// link parser and before a strikethrough parser.
type pairParser struct{}

func (pairParser) Trigger() []byte { return []byte{'[', ']', '^', '~', '{'} }

func (pairParser) Parse(parent ast.Node, block gtext.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) == 0 {
		return nil
	}
	at := seg.Start
	cs := closers(pc)
	if cl, ok := cs[at]; ok && cl.kind != 0 {
		delete(cs, at)
		lit := bytes.Clone(block.Source()[at : at+cl.n])
		block.Advance(cl.n)
		return &pairMarker{kind: cl.kind, at: at, attr: cl.attr, literal: lit}
	}
	switch line[0] {
	case '[':
		closeAt, ok := bracketPairs(pc, parent, block.Source())[at]
		if !ok {
			return nil
		}
		attr, n, ok := parseAttr(block.Source()[closeAt+1:])
		if !ok {
			return nil
		}
		n++ // the "]"
		cs[closeAt] = closer{kind: '[', n: n, attr: attr}
		block.Advance(1)
		return &pairMarker{kind: '[', open: true, at: at, closeAt: closeAt, literal: []byte("[")}
	case '^', '~':
		d := line[0]
		if d == '~' && (len(line) > 1 && line[1] == '~' || block.PrecendingCharacter() == '~') {
			return nil // strikethrough
		}
		j, ok := scriptClose(line, d)
		if !ok {
			return nil
		}
		cs[at+j] = closer{kind: d, n: 1}
		block.Advance(1)
		return &pairMarker{kind: d, open: true, at: at, closeAt: at + j, literal: []byte{d}}
	case '{':
		// Attributes right after a link, an image or a code span (whose
		// model has no attributes: they are read and dropped, as a class
		// that names the code's language is of no use inline).
		last := parent.LastChild()
		p := block.PrecendingCharacter()
		switch last.(type) {
		case *ast.Link, *ast.Image:
			if p != ')' && p != ']' && p != '>' {
				return nil
			}
		case *ast.CodeSpan:
			if p != '`' {
				return nil
			}
		default:
			return nil
		}
		attr, n, ok := parseAttr(line)
		if !ok {
			return nil
		}
		last.SetAttribute(attrName, attr)
		block.Advance(n)
		return &attrMarker{}
	}
	return nil
}

var bracketsKey = parser.NewContextKey()

// brackets is the bracket pairs of one block.
type brackets struct {
	block ast.Node
	pairs map[int]int
}

// bracketPairs returns the offsets of the "]" that closes each "[" of
// the block being parsed, found in one pass (backslash escapes skipped)
// and kept for the block's other brackets, so that a paragraph full of
// "[" costs linear time. Code spans are not skipped: a "]" inside one
// is never reached by the inline parser, so its span stays text.
func bracketPairs(pc parser.Context, parent ast.Node, src []byte) map[int]int {
	block := parent
	for block != nil && block.Type() != ast.TypeBlock {
		block = block.Parent()
	}
	if b, ok := pc.Get(bracketsKey).(*brackets); ok && b.block == block {
		return b.pairs
	}
	b := &brackets{block: block, pairs: map[int]int{}}
	pc.Set(bracketsKey, b)
	if block == nil {
		return b.pairs
	}
	var open []int
	lines := block.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		stop := min(seg.Stop, len(src))
		for j := seg.Start; j < stop; j++ {
			switch src[j] {
			case '\\':
				j++
			case '[':
				open = append(open, j)
			case ']':
				if len(open) > 0 {
					b.pairs[open[len(open)-1]] = j
					open = open[:len(open)-1]
				}
			}
		}
	}
	return b.pairs
}

// scriptClose finds, in line (which starts with the opening d), the
// closing d of a superscript (^) or subscript (~): pandoc's rule is a
// non-empty run without unescaped spaces or line breaks. A "~~" is not a
// closer.
func scriptClose(line []byte, d byte) (int, bool) {
	for j := 1; j < len(line); j++ {
		switch c := line[j]; c {
		case '\\':
			if j+1 < len(line) && line[j+1] != '\n' && line[j+1] != '\r' {
				j++
				continue
			}
			return 0, false
		case ' ', '\t', '\n', '\r':
			return 0, false
		case d:
			if j == 1 || d == '~' && j+1 < len(line) && line[j+1] == '~' {
				return 0, false
			}
			return j, true
		}
	}
	return 0, false
}

// pair converts the pair marker m: with its closer among the siblings
// after it, the inlines between them become a Span, Sup or Sub; else m is
// written back as text. It returns the last node it used.
func (c *converter) pair(b *inlineBuilder, m *pairMarker, depth int, inLink bool, at doc.Pos) ast.Node {
	if m.open {
		for s := m.NextSibling(); s != nil; s = s.NextSibling() {
			if passed(s, m.closeAt) {
				break // the closer was read as something else
			}
			cm, ok := s.(*pairMarker)
			if !ok || cm.open || cm.at != m.closeAt {
				continue
			}
			if depth >= MaxDepth {
				c.flatten(at)
				c.addSiblings(b, m.NextSibling(), s, depth, inLink, at)
				return s
			}
			var inner inlineBuilder
			c.addSiblings(&inner, m.NextSibling(), s, depth+1, inLink, at)
			inner.flush()
			if m.kind != '[' {
				escapedSpaces(inner.out)
			}
			switch m.kind {
			case '^':
				b.add(&doc.Sup{Inlines: inner.out})
			case '~':
				b.add(&doc.Sub{Inlines: inner.out})
			default:
				b.add(&doc.Span{Attr: cm.attr, Inlines: inner.out})
			}
			return s
		}
	}
	b.addBytes(m.literal)
	return m
}

// escapedSpaces turns the escaped spaces (a backslash and a space) of a superscript's or
// subscript's text into no-break spaces, as pandoc reads them.
func escapedSpaces(ins []doc.Inline) {
	for _, in := range ins {
		if t, ok := in.(*doc.Text); ok {
			t.Value = strings.ReplaceAll(t.Value, "\\ ", "\u00a0")
		}
	}
}

// passed reports whether node n starts after offset off, when it knows
// where it starts, so that an unmatched opener stops looking at once.
func passed(n ast.Node, off int) bool {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start > off
	}
	return n.Pos() > off
}
