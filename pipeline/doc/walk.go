package doc

import "fmt"

// Node is any node of the model: a Block, an Inline, or one of the parts
// that only a block holds: *ListItem, *TableCell, *Definition and *Note.
// The set is closed, and Walk panics on any other type.
type Node interface {
	node()
}

func (*Heading) node()        {}
func (*Paragraph) node()      {}
func (*CodeBlock) node()      {}
func (*Quote) node()          {}
func (*List) node()           {}
func (*ListItem) node()       {}
func (*ThematicBreak) node()  {}
func (*Table) node()          {}
func (*TableCell) node()      {}
func (*Figure) node()         {}
func (*DefinitionList) node() {}
func (*Definition) node()     {}
func (*Div) node()            {}
func (*Callout) node()        {}
func (*LineBlock) node()      {}
func (*Note) node()           {}

func (*Text) node()        {}
func (*Emph) node()        {}
func (*Strong) node()      {}
func (*Code) node()        {}
func (*Link) node()        {}
func (*Abbr) node()        {}
func (*LineBreak) node()   {}
func (*Strike) node()      {}
func (*Sub) node()         {}
func (*Sup) node()         {}
func (*Span) node()        {}
func (*InlineImage) node() {}
func (*NoteRef) node()     {}
func (*CrossRef) node()    {}
func (*Math) node()        {}

// WalkStatus tells Walk how to go on after a call of its function.
type WalkStatus int

const (
	// WalkContinue goes on into the node's children (when entering) and
	// then to the next node.
	WalkContinue WalkStatus = iota
	// WalkSkipChildren, returned when entering a node, skips its children
	// and the call that leaves it.
	WalkSkipChildren
	// WalkStop ends the walk at once.
	WalkStop
)

// Walker is called by Walk for every node: with entering set before the
// node's children, and with entering unset after them.
type Walker func(n Node, entering bool) WalkStatus

// Walk visits n and everything below it, depth first in reading order: a
// Quote's, ListItem's, Div's, Note's blocks; a List's items; a Heading's,
// Paragraph's, LineBlock's, TableCell's inlines and those of every inline
// container; a Table's caption, then its head cells, then its rows' cells;
// a Figure's caption; a DefinitionList's items; a Definition's term, then
// each definition's blocks; a Callout's title, then its blocks. A NoteRef is
// a leaf: the note it points at is walked with the document's notes (see
// WalkDocument), not at the reference. It calls fn
// with entering set before a node's children and unset after them, even for
// a node without children. It returns false when fn stopped the walk
// (WalkStop).
//
// Walk is the one walk over the model: it is written once here, and it
// panics on a node type it does not know, so that a type added to the model
// cannot be skipped in silence by a walk that forgot it. (PlainText alone
// keeps a walk of its own, measured faster on that hot path, with the same
// loud default.)
func Walk(n Node, fn Walker) bool {
	switch fn(n, true) {
	case WalkStop:
		return false
	case WalkSkipChildren:
		return true
	}
	if !walkChildren(n, fn) {
		return false
	}
	return fn(n, false) != WalkStop
}

// WalkDocument walks d's blocks and then its notes, in order (see Walk). It
// returns false when fn stopped the walk.
func WalkDocument(d *Document, fn Walker) bool {
	if !WalkBlocks(d.Blocks, fn) {
		return false
	}
	for _, n := range d.Notes {
		if !Walk(n, fn) {
			return false
		}
	}
	return true
}

// WalkBlocks walks every block of blocks in order (see Walk). It returns
// false when fn stopped the walk.
func WalkBlocks(blocks []Block, fn Walker) bool {
	for _, b := range blocks {
		if !Walk(b, fn) {
			return false
		}
	}
	return true
}

// WalkInlines walks every inline of inlines in order (see Walk). It returns
// false when fn stopped the walk.
func WalkInlines(inlines []Inline, fn Walker) bool {
	for _, in := range inlines {
		if !Walk(in, fn) {
			return false
		}
	}
	return true
}

// walkChildren walks n's children; it is the one place that knows which
// node holds which.
func walkChildren(n Node, fn Walker) bool {
	switch n := n.(type) {
	case *Heading:
		return WalkInlines(n.Inlines, fn)
	case *Paragraph:
		return WalkInlines(n.Inlines, fn)
	case *Quote:
		return WalkBlocks(n.Blocks, fn)
	case *List:
		for _, it := range n.Items {
			if !Walk(it, fn) {
				return false
			}
		}
		return true
	case *ListItem:
		return WalkBlocks(n.Blocks, fn)
	case *Emph:
		return WalkInlines(n.Inlines, fn)
	case *Strong:
		return WalkInlines(n.Inlines, fn)
	case *Link:
		return WalkInlines(n.Inlines, fn)
	case *Strike:
		return WalkInlines(n.Inlines, fn)
	case *Sub:
		return WalkInlines(n.Inlines, fn)
	case *Sup:
		return WalkInlines(n.Inlines, fn)
	case *Span:
		return WalkInlines(n.Inlines, fn)
	case *LineBlock:
		return WalkInlines(n.Inlines, fn)
	case *Div:
		return WalkBlocks(n.Blocks, fn)
	case *Note:
		return WalkBlocks(n.Blocks, fn)
	case *Callout:
		return WalkInlines(n.Title, fn) && WalkBlocks(n.Blocks, fn)
	case *Figure:
		return WalkInlines(n.Caption, fn)
	case *TableCell:
		return WalkInlines(n.Inlines, fn)
	case *Table:
		if !WalkInlines(n.Caption, fn) {
			return false
		}
		for _, c := range n.Head {
			if !Walk(c, fn) {
				return false
			}
		}
		for _, row := range n.Rows {
			for _, c := range row {
				if !Walk(c, fn) {
					return false
				}
			}
		}
		return true
	case *DefinitionList:
		for _, it := range n.Items {
			if !Walk(it, fn) {
				return false
			}
		}
		return true
	case *Definition:
		if !Walk(n.Term, fn) {
			return false
		}
		for _, def := range n.Defs {
			if !WalkBlocks(def, fn) {
				return false
			}
		}
		return true
	case *CodeBlock, *ThematicBreak, *Text, *Code, *Abbr, *LineBreak,
		*InlineImage, *NoteRef, *CrossRef, *Math:
		return true
	default:
		panic(fmt.Sprintf("doc: Walk: unknown node type %T", n))
	}
}
