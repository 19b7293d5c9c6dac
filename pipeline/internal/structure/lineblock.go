package structure

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// lineBlock is pandoc's line block in goldmark's tree: lines that begin
// with "| ", each a lineBlockLine child.
type lineBlock struct{ ast.BaseBlock }

// lineBlockLine is one line of a line block: its text after "| " and its
// leading spaces, plus the continuation lines (lines that begin with a
// space) that join it.
type lineBlockLine struct {
	ast.BaseBlock
	indent int // leading spaces after "| "
}

var (
	kindLineBlock     = ast.NewNodeKind("LineBlock")
	kindLineBlockLine = ast.NewNodeKind("LineBlockLine")
)

func (n *lineBlock) Kind() ast.NodeKind             { return kindLineBlock }
func (n *lineBlock) Dump(src []byte, level int)     { ast.DumpHelper(n, src, level, nil, nil) }
func (n *lineBlockLine) Kind() ast.NodeKind         { return kindLineBlockLine }
func (n *lineBlockLine) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// lineBlockParser parses line blocks. A "|" line followed by a pipe
// table's delimiter row is a table, not a line block (pandoc tries tables
// first).
type lineBlockParser struct{}

func (lineBlockParser) Trigger() []byte { return []byte{'|'} }

func (lineBlockParser) Open(parent ast.Node, reader gtext.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || !isLineBlockLine(line[pos:]) {
		return nil, parser.NoChildren
	}
	if isTableDelimiterRow(nextLine(reader.Source(), seg.Stop)) {
		return nil, parser.NoChildren
	}
	n := &lineBlock{}
	n.AppendChild(n, newLineBlockLine(line[pos:], seg.Start+pos))
	reader.AdvanceToEOL()
	return n, parser.NoChildren
}

func (lineBlockParser) Continue(node ast.Node, reader gtext.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if line == nil || len(bytes.TrimSpace(line)) == 0 {
		return parser.Close
	}
	i := 0
	for i < len(line) && line[i] == ' ' {
		i++
	}
	switch {
	case i <= 3 && isLineBlockLine(line[i:]):
		node.AppendChild(node, newLineBlockLine(line[i:], seg.Start+i))
	case i > 0:
		// A continuation: joins the line before it, its leading spaces
		// dropped.
		last := node.LastChild()
		last.Lines().Append(gtext.NewSegment(seg.Start+i, seg.Stop))
	default:
		return parser.Close
	}
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

func (lineBlockParser) Close(node ast.Node, reader gtext.Reader, pc parser.Context) {}

func (lineBlockParser) CanInterruptParagraph() bool { return false }

func (lineBlockParser) CanAcceptIndentedLine() bool { return false }

// isLineBlockLine reports whether s (a line from its indentation on) is a
// line of a line block: "|" then a space or the end of the line.
func isLineBlockLine(s []byte) bool {
	return len(s) > 0 && s[0] == '|' && (len(s) == 1 || s[1] == ' ' || s[1] == '\n' || s[1] == '\r')
}

// newLineBlockLine makes the line whose "|" is s[0], at offset start.
func newLineBlockLine(s []byte, start int) *lineBlockLine {
	i := 1
	if i < len(s) && s[i] == ' ' {
		i++
	}
	indent := 0
	for i < len(s) && s[i] == ' ' {
		i++
		indent++
	}
	n := &lineBlockLine{indent: indent}
	n.Lines().Append(gtext.NewSegment(start+i, start+len(s)))
	return n
}

// nextLine returns the line of src that starts at offset off, without its
// line break.
func nextLine(src []byte, off int) []byte {
	if off >= len(src) {
		return nil
	}
	rest := src[off:]
	if i := bytes.IndexByte(rest, '\n'); i >= 0 {
		rest = rest[:i]
	}
	return rest
}

// isTableDelimiterRow reports whether line is a pipe table's delimiter row
// ("|---|:--:|").
func isTableDelimiterRow(line []byte) bool {
	s := strings.TrimSpace(string(line))
	if !strings.Contains(s, "-") || strings.Trim(s, "|:- \t") != "" {
		return false
	}
	return strings.Contains(s, "|") || strings.Contains(s, ":")
}

// lineBlock converts a line block: its lines joined by LineBreak, each
// line's leading spaces kept as no-break spaces (U+00A0) so that no
// exporter collapses them. An empty line ("|" alone) gives two line
// breaks in a row. It returns nil when the block has no text.
func (c *converter) lineBlock(n *lineBlock, at doc.Pos) doc.Block {
	var out []doc.Inline
	for l := n.FirstChild(); l != nil; l = l.NextSibling() {
		line, ok := l.(*lineBlockLine)
		if !ok {
			continue
		}
		if l != n.FirstChild() {
			out = append(out, &doc.LineBreak{})
		}
		ins := c.inlines(line, at)
		if line.indent > 0 && len(ins) > 0 {
			pad := strings.Repeat("\u00a0", line.indent)
			if t, ok := first(ins).(*doc.Text); ok {
				t.Value = pad + t.Value
			} else {
				ins = append([]doc.Inline{&doc.Text{Value: pad}}, ins...)
			}
		}
		out = append(out, ins...)
	}
	for len(out) > 0 {
		if _, ok := out[len(out)-1].(*doc.LineBreak); !ok {
			break
		}
		out = out[:len(out)-1]
	}
	if !doc.HasText(out) {
		return nil
	}
	return &doc.LineBlock{Pos: at, Inlines: out}
}

// first returns ins[0], or nil.
func first(ins []doc.Inline) doc.Inline {
	if len(ins) == 0 {
		return nil
	}
	return ins[0]
}
