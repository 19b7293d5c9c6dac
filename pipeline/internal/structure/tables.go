package structure

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// captionPrefixes start a table's caption paragraph (pandoc's syntax).
var captionPrefixes = [][]byte{[]byte("Table: "), []byte("table: "), []byte(": ")}

// captionPrefix returns the length of the caption prefix that starts the
// paragraph n, or 0.
func (c *converter) captionPrefix(n ast.Node) int {
	if n == nil || n.Kind() != ast.KindParagraph {
		return 0
	}
	t, ok := n.FirstChild().(*ast.Text)
	if !ok {
		return 0
	}
	v := t.Segment.Value(c.src)
	for _, p := range captionPrefixes {
		if bytes.HasPrefix(v, p) {
			return len(p)
		}
	}
	return 0
}

// captionOf returns the caption paragraph of table t: the paragraph right
// after it that starts like a caption, else the one right before it; nil
// when there is none. A paragraph between two tables is the caption of the
// one before it.
func (c *converter) captionOf(t ast.Node) ast.Node {
	if next := t.NextSibling(); c.captionPrefix(next) > 0 {
		return next
	}
	if prev := t.PreviousSibling(); c.captionPrefix(prev) > 0 {
		if _, ok := prev.PreviousSibling().(*extast.Table); !ok {
			return prev
		}
	}
	return nil
}

// isCaption reports whether the paragraph n is the caption of a table
// next to it: one converted already, or the one that follows.
func (c *converter) isCaption(n ast.Node) bool {
	if c.captions[n] {
		return true
	}
	t, ok := n.NextSibling().(*extast.Table)
	return ok && c.captionOf(t) == n
}

// table converts a pipe table with its caption. A row of fewer cells than
// the header is padded with empty cells, one of more cut to the header's,
// as GFM does, with a warning.
func (c *converter) table(n *extast.Table, at doc.Pos) *doc.Table {
	t := &doc.Table{Pos: at}
	for _, a := range n.Alignments {
		switch a {
		case extast.AlignLeft:
			t.Align = append(t.Align, doc.AlignLeft)
		case extast.AlignRight:
			t.Align = append(t.Align, doc.AlignRight)
		case extast.AlignCenter:
			t.Align = append(t.Align, doc.AlignCenter)
		default:
			t.Align = append(t.Align, doc.AlignDefault)
		}
	}
	cols := len(t.Align)
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		rp := c.pos(row, at)
		cells := make([]*doc.TableCell, 0, cols)
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, &doc.TableCell{Inlines: c.inlines(cell, rp)})
		}
		switch row.(type) {
		case *extast.TableHeader:
			t.Head = cells
			continue
		case *extast.TableRow:
		default:
			c.diags.Warnf(rp, "unsupported Markdown table part %s skipped", row.Kind())
			continue
		}
		if written := c.writtenCells(row); written < cols {
			c.diags.Warnf(rp, msgRowShort, cellCount(written), cols)
		} else if written > cols {
			c.diags.Warnf(rp, msgRowLong, cellCount(written), cols, cols)
		}
		t.Rows = append(t.Rows, cells)
	}
	if p := c.captionOf(n); p != nil {
		if c.captions == nil {
			c.captions = map[ast.Node]bool{}
		}
		c.captions[p] = true
		first := p.FirstChild().(*ast.Text)
		first.Segment = first.Segment.WithStart(first.Segment.Start + c.captionPrefix(p))
		if last, ok := p.LastChild().(*ast.Text); ok {
			t.Attr, _ = c.trailingAttrs(last)
		}
		t.Caption = c.inlines(p, c.pos(p, at))
		if t.Caption == nil {
			t.Caption = []doc.Inline{}
		}
	}
	return t
}

// cellCount writes n cells in English: "1 cell", "3 cells".
func cellCount(n int) string {
	if n == 1 {
		return "1 cell"
	}
	return strconv.Itoa(n) + " cells"
}

// writtenCells counts the cells written in the source line of a table row,
// splitting it at unescaped '|' as goldmark does.
func (c *converter) writtenCells(row ast.Node) int {
	start := row.Pos()
	if start < 0 || start > len(c.src) {
		return 0
	}
	line := c.src[start:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimSpace(line)
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > 0 && line[limit-1] == '|' {
		limit--
	}
	n := 0
	for pos < limit {
		closure := pos
		for ; closure < limit; closure++ {
			if line[closure] == '|' && (closure == 0 || line[closure-1] != '\\') {
				break
			}
		}
		n++
		pos = closure + 1
	}
	return n
}
