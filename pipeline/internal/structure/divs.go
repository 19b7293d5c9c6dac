package structure

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// fencedDiv is pandoc's fenced div in goldmark's tree: a container of
// blocks between an opening fence ("::: {#id .class}" or "::: class") and
// a closing fence (":::"), each of at least three colons.
type fencedDiv struct {
	ast.BaseBlock
	attr   doc.Attr
	closed bool // its closing fence was seen
}

var kindFencedDiv = ast.NewNodeKind("FencedDiv")

func (n *fencedDiv) Kind() ast.NodeKind { return kindFencedDiv }

func (n *fencedDiv) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// fencedDivParser parses fenced divs. A closing fence closes the innermost
// open div; inside an open fenced code block it is code.
type fencedDivParser struct{}

func (fencedDivParser) Trigger() []byte { return []byte{':'} }

func (fencedDivParser) Open(parent ast.Node, reader gtext.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos >= len(line) {
		return nil, parser.NoChildren
	}
	attr, ok := divOpener(line[pos:])
	if !ok || divDepth(parent) >= MaxDepth {
		// Deeper divs stay text (with a warning, see authorBlock): each
		// open block costs goldmark work on every line.
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &fencedDiv{attr: attr}, parser.HasChildren
}

func (fencedDivParser) Continue(node ast.Node, reader gtext.Reader, pc parser.Context) parser.State {
	line, _ := reader.PeekLine()
	if isDivCloser(line) && !innerOpen(node, pc) {
		node.(*fencedDiv).closed = true
		reader.AdvanceToEOL()
		return parser.Close
	}
	return parser.Continue | parser.HasChildren
}

func (fencedDivParser) Close(node ast.Node, reader gtext.Reader, pc parser.Context) {}

func (fencedDivParser) CanInterruptParagraph() bool { return true }

func (fencedDivParser) CanAcceptIndentedLine() bool { return false }

// innerOpen reports whether a block opened inside node is still open and
// owns a closing fence: a fenced div (the fence is its) or a fenced code
// block or raw HTML block (the fence is text). The open blocks are
// searched from the innermost out, so that deep nesting costs little.
func innerOpen(node ast.Node, pc parser.Context) bool {
	blocks := pc.OpenedBlocks()
	for i := len(blocks) - 1; i >= 0; i-- {
		switch blocks[i].Node.(type) {
		case *fencedDiv, *ast.FencedCodeBlock, *ast.HTMLBlock:
			return blocks[i].Node != node
		}
	}
	return false
}

// divDepth counts the fenced divs around n, up to MaxDepth.
func divDepth(n ast.Node) int {
	d := 0
	for ; n != nil && d < MaxDepth; n = n.Parent() {
		if _, ok := n.(*fencedDiv); ok {
			d++
		}
	}
	return d
}

// colons returns the number of colons at the start of s.
func colons(s []byte) int {
	n := 0
	for n < len(s) && s[n] == ':' {
		n++
	}
	return n
}

// divOpener parses an opening fence at the start of s (after its
// indentation): three or more colons, attributes in braces or one bare
// class, optionally more colons, and nothing else on the line.
func divOpener(s []byte) (doc.Attr, bool) {
	n := colons(s)
	if n < 3 {
		return doc.Attr{}, false
	}
	rest := bytes.TrimLeft(s[n:], " \t")
	var attr doc.Attr
	switch {
	case len(rest) > 0 && rest[0] == '{':
		a, m, ok := parseAttr(rest)
		if !ok {
			return doc.Attr{}, false
		}
		attr, rest = a, rest[m:]
	default:
		end := 0
		for end < len(rest) && !isSpaceByte(rest[end]) && rest[end] != ':' && rest[end] != '{' && rest[end] != '}' {
			end++
		}
		if end == 0 {
			return doc.Attr{}, false // a closing fence
		}
		attr.Classes = []string{string(rest[:end])}
		rest = rest[end:]
	}
	rest = bytes.TrimLeft(rest, " \t")
	rest = rest[colons(rest):]
	return attr, len(bytes.TrimSpace(rest)) == 0
}

// isDivCloser reports whether line is a closing fence: up to three spaces,
// three or more colons, and only white space after them.
func isDivCloser(line []byte) bool {
	i := 0
	for i < len(line) && i < 3 && line[i] == ' ' {
		i++
	}
	n := colons(line[i:])
	return n >= 3 && len(bytes.TrimSpace(line[i+n:])) == 0
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// calloutPrefix starts the classes that make a div a callout.
const calloutPrefix = "callout-"

// calloutKinds are the callout kinds by class suffix.
var calloutKinds = map[string]doc.CalloutKind{
	"note": doc.CalloutNote, "tip": doc.CalloutTip, "warning": doc.CalloutWarning,
	"important": doc.CalloutImportant, "caution": doc.CalloutCaution,
}

// div converts a fenced div: a Callout when a class names a callout kind
// (callout-note, …), else a Div. A callout's title is its title attribute,
// else a leading heading of its body (Quarto's way); when it has neither,
// Title stays nil and CalloutTitles fills in the kind's label. An unknown
// callout-… class makes a note, with a warning.
func (c *converter) div(n *fencedDiv, depth int, at doc.Pos) doc.Block {
	if !n.closed {
		c.diags.Warnf(at, "fenced div not closed (no \":::\" line after it); it runs to the end of the file")
	}
	blocks := c.blocks(n, depth+1, at)
	kind, isCallout := doc.CalloutKind(""), false
	for _, cl := range n.attr.Classes {
		if suffix, ok := strings.CutPrefix(cl, calloutPrefix); ok {
			isCallout = true
			if k, ok := calloutKinds[suffix]; ok {
				kind = k
				break
			}
		}
	}
	if !isCallout {
		return &doc.Div{Pos: at, Attr: n.attr, Blocks: blocks}
	}
	if kind == "" {
		c.diags.Warnf(at, "unknown callout kind (known: callout-note, -tip, -warning, -important, -caution); set as a note")
		kind = doc.CalloutNote
	}
	co := &doc.Callout{Pos: at, Attr: n.attr, Kind: kind, Blocks: blocks}
	if t := strings.TrimSpace(n.attr.Get("title")); t != "" {
		co.Title = []doc.Inline{&doc.Text{Value: t}}
	} else if len(blocks) > 0 {
		if h, ok := blocks[0].(*doc.Heading); ok {
			co.Title, co.Blocks = h.Inlines, blocks[1:]
		}
	}
	return co
}

// CalloutTitles gives every callout of blocks without a title its kind's
// label ("Not", "Uyarı") in its language: its lang attribute, else that of
// the innermost div around it that has one, else lang.
func CalloutTitles(blocks []doc.Block, lang string) {
	for _, b := range blocks {
		switch b := b.(type) {
		case *doc.Callout:
			l := lang
			if a := b.Attr.Lang(); a != "" {
				l = a
			}
			if b.Title == nil {
				b.Title = []doc.Inline{&doc.Text{Value: doc.LabelsFor(l).Callouts[b.Kind]}}
			}
			CalloutTitles(b.Blocks, l)
		case *doc.Div:
			l := lang
			if a := b.Attr.Lang(); a != "" {
				l = a
			}
			CalloutTitles(b.Blocks, l)
		case *doc.Quote:
			CalloutTitles(b.Blocks, lang)
		case *doc.List:
			for _, it := range b.Items {
				CalloutTitles(it.Blocks, lang)
			}
		case *doc.DefinitionList:
			for _, it := range b.Items {
				for _, d := range it.Defs {
					CalloutTitles(d, lang)
				}
			}
		case *doc.Heading, *doc.Paragraph, *doc.CodeBlock, *doc.ThematicBreak, *doc.Table, *doc.Figure, *doc.LineBlock:
		default:
			panic("structure: CalloutTitles: unknown block type")
		}
	}
}
