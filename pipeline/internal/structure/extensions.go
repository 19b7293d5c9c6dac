package structure

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// newMarkdownParser builds goldmark's CommonMark parser with the syntax of
// pandoc's and Quarto's manuscripts: footnotes, pipe tables, definition
// lists, task lists, strikethrough, heading attributes ({#id .class}),
// math ($…$, $$…$$) and cross-references (@fig-id).
//
// goldmark's own parsers are used where they keep everything the model
// needs: footnote definitions, tables, definition lists, task boxes and
// attributes. Three are this package's: footnote references (goldmark's
// drops a reference to an undefined note in silence and forgets the label),
// strikethrough (goldmark's also takes a single "~", which pandoc reads as
// subscript) and math and cross-references, which goldmark does not have.
func newMarkdownParser() parser.Parser {
	blocks := append(parser.DefaultBlockParsers(),
		util.Prioritized(noteBlockParser{extension.NewFootnoteBlockParser()}, 999),
		util.Prioritized(extension.NewDefinitionListParser(), 101),
		util.Prioritized(extension.NewDefinitionDescriptionParser(), 102),
	)
	inlines := append(parser.DefaultInlineParsers(),
		util.Prioritized(extension.NewTaskCheckBoxParser(), 0),
		util.Prioritized(noteRefParser{}, 101),
		util.Prioritized(strikeParser{}, 500),
		util.Prioritized(mathParser{}, 500),
		util.Prioritized(crossRefParser{}, 500),
	)
	paragraphs := append(parser.DefaultParagraphTransformers(),
		util.Prioritized(extension.NewTableParagraphTransformer(), 200),
	)
	return parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(paragraphs...),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
		parser.WithAttribute(),
	)
}

// noteListKey holds a parse's *extast.FootnoteList: every footnote
// definition of the document, in the order they close.
var noteListKey = parser.NewContextKey()

// noteBlockParser is goldmark's footnote definition parser, but for where
// a definition goes when it closes: into a list that is the document's
// first child. goldmark's parser puts the list where the first definition
// closed, which for a definition inside another one is inside that one, so
// that moving the outer one into the list cuts both from the document and
// their text is never parsed.
type noteBlockParser struct{ parser.BlockParser }

func (p noteBlockParser) Close(node ast.Node, reader gtext.Reader, pc parser.Context) {
	list, _ := pc.Get(noteListKey).(*extast.FootnoteList)
	if list == nil {
		list = extast.NewFootnoteList()
		root := node
		for root.Parent() != nil {
			root = root.Parent()
		}
		root.InsertBefore(root, root.FirstChild(), list)
		pc.Set(noteListKey, list)
	}
	node.Parent().RemoveChild(node.Parent(), node)
	list.AppendChild(list, node)
}

// strikeDelimiter makes a Strikethrough of a pair of "~~".
type strikeDelimiter struct{}

func (strikeDelimiter) IsDelimiter(b byte) bool { return b == '~' }

func (strikeDelimiter) CanOpenCloser(opener, closer *parser.Delimiter) bool {
	return opener.Char == closer.Char
}

func (strikeDelimiter) OnMatch(consumes int) ast.Node { return extast.NewStrikethrough() }

// strikeParser reads "~~" as a strikethrough delimiter (GFM's syntax, as
// goldmark's parser does) but leaves a single "~" alone.
type strikeParser struct{}

func (strikeParser) Trigger() []byte { return []byte{'~'} }

func (strikeParser) Parse(parent ast.Node, block gtext.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	node := parser.ScanDelimiter(line, before, 1, strikeDelimiter{})
	if node == nil || node.OriginalLength != 2 || before == '~' {
		return nil
	}
	node.Segment = segment.WithStop(segment.Start + node.OriginalLength)
	block.Advance(node.OriginalLength)
	pc.PushDelimiter(node)
	return node
}
