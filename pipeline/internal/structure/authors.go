package structure

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// This file wires the syntax of pandoc's Markdown that authors write and
// CommonMark lacks: fenced divs and callouts, line blocks, bracketed
// spans, superscript and subscript, attributes on links, images and code
// blocks, fancy list markers (liststyle.go) and HTML comments.

// authorBlockParsers are the block parsers of this syntax, for
// parser.WithBlockParsers.
func authorBlockParsers() []util.PrioritizedValue {
	return []util.PrioritizedValue{
		util.Prioritized(fencedDivParser{}, 650),
		util.Prioritized(lineBlockParser{}, 660),
	}
}

// authorInlineParsers are the inline parsers of this syntax. Priority 150
// puts them before goldmark's link parser (200) and any strikethrough
// parser (500), after code spans (100).
func authorInlineParsers() []util.PrioritizedValue {
	return []util.PrioritizedValue{
		util.Prioritized(pairParser{}, 150),
	}
}

var (
	// gridTableRow matches the first line of a pandoc grid table.
	gridTableRow = regexp.MustCompile(`^\+[-=:]+\+[-=:+]*\s*$`)
	// exampleItem matches the start of a pandoc example list item.
	exampleItem = regexp.MustCompile(`^\(@[A-Za-z0-9_-]*\)[ \t]`)
)

// authorBlock converts the blocks of this syntax; ok is false for any
// other node. A fenced div nested deeper than MaxDepth is flattened into
// its parent; a raw HTML block that is only comments is dropped
// silently, and one with more keeps its text (and warning) without its
// comments.
func (c *converter) authorBlock(n ast.Node, depth int, at doc.Pos) ([]doc.Block, bool) {
	switch n := n.(type) {
	case *fencedDiv:
		if depth >= MaxDepth {
			c.flatten(at)
			return c.blocks(n, depth, at), true
		}
		return []doc.Block{c.div(n, depth, at)}, true
	case *ast.Paragraph:
		lines := n.Lines()
		if lines.Len() == 0 {
			return nil, false
		}
		first := c.src[lines.At(0).Start:lines.At(0).Stop]
		switch {
		case lines.Len() == 1 && isDivCloser(first):
			c.diags.Warnf(at, "closing fence \":::\" without a fenced div open; dropped")
			return nil, true
		case bytes.HasPrefix(first, []byte("+")) && gridTableRow.Match(first): // the prefix spares most paragraphs the regexp
			c.diags.Warnf(at, "pandoc grid tables are not supported; kept as text")
		case divOpenerLine(first):
			c.diags.Warnf(at, "fenced divs nested deeper than %d levels are not read; kept as text", MaxDepth)
		case bytes.HasPrefix(first, []byte("(@")) && exampleItem.Match(first):
			c.diags.Warnf(at, "pandoc example lists ((@)) are not supported; kept as text")
		}
	case *lineBlock:
		if b := c.lineBlock(n, at); b != nil {
			return []doc.Block{b}, true
		}
		return nil, true
	case *ast.HTMLBlock:
		var b []byte
		lines := n.Lines()
		for i := range lines.Len() {
			seg := lines.At(i)
			b = append(b, seg.Value(c.src)...)
		}
		if n.HasClosure() {
			b = append(b, n.ClosureLine.Value(c.src)...)
		}
		rest, had := stripComments(string(b))
		if !had {
			return nil, false
		}
		if s := joinLines(rest); s != "" {
			c.diags.Warnf(at, msgRawHTML)
			return []doc.Block{&doc.Paragraph{Pos: at, Inlines: []doc.Inline{&doc.Text{Value: s}}}}, true
		}
		return nil, true
	}
	return nil, false
}

// authorInline converts the inlines of this syntax into b; ok is false
// for any other node. It returns the last node used, from which the
// caller goes on.
func (c *converter) authorInline(b *inlineBuilder, n ast.Node, depth int, inLink bool, at doc.Pos) (ast.Node, bool) {
	switch n := n.(type) {
	case *pairMarker:
		return c.pair(b, n, depth, inLink, at), true
	case *attrMarker:
		return n, true
	case *ast.RawHTML:
		var v []byte
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			v = append(v, seg.Value(c.src)...)
		}
		if isComment(v) {
			// "a <!-- x --> b" reads "a b": one space stays.
			if t, ok := n.NextSibling().(*ast.Text); ok && len(b.text) > 0 && b.text[len(b.text)-1] == ' ' {
				if v := t.Value(c.src); len(v) > 0 && v[0] == ' ' {
					b.text = bytes.TrimRight(b.text, " ")
				}
			}
			return n, true
		}
	}
	return n, false
}

// codeAttr reads a fence's info string as pandoc does: "{.python #id
// startFrom=10}" or "python {.numberLines}". It returns the attributes
// and the language (the first class), or info itself with no attributes
// when it has none or they are malformed.
func codeAttr(info string) (doc.Attr, string) {
	i := strings.IndexByte(info, '{')
	if i < 0 || !strings.HasSuffix(info, "}") {
		return doc.Attr{}, info
	}
	lang := strings.TrimSpace(info[:i])
	if strings.ContainsAny(lang, " \t") {
		return doc.Attr{}, info
	}
	attr, n, ok := parseAttr([]byte(info[i:]))
	if !ok || n != len(info)-i {
		return doc.Attr{}, info
	}
	if lang != "" {
		attr.Classes = append([]string{lang}, attr.Classes...)
	}
	if len(attr.Classes) > 0 {
		return attr, attr.Classes[0]
	}
	return attr, ""
}

// divOpenerLine reports whether line, with its indentation, opens a
// fenced div.
func divOpenerLine(line []byte) bool {
	_, ok := divOpener(bytes.TrimLeft(line, " "))
	return ok
}
