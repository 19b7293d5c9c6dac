package doc

import "fmt"

// Node is any node of the model: a Block, a *ListItem or an Inline. The set
// is closed: it is the block and inline types of this package and
// *ListItem, and Walk panics on any other.
type Node interface {
	node()
}

func (*Heading) node()       {}
func (*Paragraph) node()     {}
func (*CodeBlock) node()     {}
func (*Quote) node()         {}
func (*List) node()          {}
func (*ListItem) node()      {}
func (*ThematicBreak) node() {}

func (*Text) node()      {}
func (*Emph) node()      {}
func (*Strong) node()    {}
func (*Code) node()      {}
func (*Link) node()      {}
func (*Abbr) node()      {}
func (*LineBreak) node() {}

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
// Quote's blocks, a List's items, a ListItem's blocks, a Heading's or
// Paragraph's inlines, an Emph's, Strong's or Link's inlines. It calls fn
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
	case *CodeBlock, *ThematicBreak, *Text, *Code, *Abbr, *LineBreak:
		return true
	default:
		panic(fmt.Sprintf("doc: Walk: unknown node type %T", n))
	}
}
