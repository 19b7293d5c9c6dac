package structure

import (
	"reflect"

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
// needs: footnote definitions, tables, definition lists and task boxes.
// A heading's attributes are read by parseAttr, the package's one reader
// of pandoc's attribute syntax (headingParser). Three are this package's: footnote references (goldmark's
// drops a reference to an undefined note in silence and forgets the label),
// strikethrough (goldmark's also takes a single "~", which pandoc reads as
// subscript) and math and cross-references, which goldmark does not have.
func newMarkdownParser() parser.Parser {
	var blocks []util.PrioritizedValue
	atx, setext := reflect.TypeOf(parser.NewATXHeadingParser()), reflect.TypeOf(parser.NewSetextHeadingParser())
	for _, v := range parser.DefaultBlockParsers() {
		if t := reflect.TypeOf(v.Value); t == atx || t == setext {
			v.Value = headingParser{v.Value.(parser.BlockParser)}
		}
		blocks = append(blocks, v)
	}
	blocks = append(blocks,
		util.Prioritized(noteBlockParser{extension.NewFootnoteBlockParser()}, 999),
		util.Prioritized(extension.NewDefinitionListParser(), 101),
		util.Prioritized(extension.NewDefinitionDescriptionParser(), 102),
	)
	blocks = append(blocks, authorBlockParsers()...)
	inlines := append(parser.DefaultInlineParsers(),
		util.Prioritized(extension.NewTaskCheckBoxParser(), 0),
		util.Prioritized(noteRefParser{}, 101),
		util.Prioritized(strikeParser{}, 500),
		util.Prioritized(mathParser{}, 500),
		util.Prioritized(crossRefParser{}, 500),
	)
	inlines = append(inlines, authorInlineParsers()...)
	paragraphs := append(parser.DefaultParagraphTransformers(),
		util.Prioritized(extension.NewTableParagraphTransformer(), 200),
	)
	return parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(paragraphs...),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
	)
}

// headingParser is goldmark's ATX or setext heading parser, and reads
// the attributes that end a heading's line ("## Noktalama
// {#sec-noktalama}", "Başlık {.unnumbered}" over "===") with parseAttr,
// before the heading's inlines are parsed. They are the heading's
// nodeAttr.
type headingParser struct{ parser.BlockParser }

func (p headingParser) Close(node ast.Node, reader gtext.Reader, pc parser.Context) {
	p.BlockParser.Close(node, reader, pc)
	lines := node.Lines()
	if node.Parent() == nil || lines.Len() == 0 { // a setext heading that was not one
		return
	}
	i := lines.Len() - 1
	seg := lines.At(i)
	if attr, n, ok := trailingAttr(seg.Value(reader.Source())); ok {
		lines.Set(i, seg.WithStop(seg.Start+n))
		node.SetAttribute(attrName, attr)
	}
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

// strikeParser reads "~~" as a strikethrough delimiter and leaves a
// single "~" to the subscript parser (pairParser), as pandoc does. Of a
// longer run only two tildes are the delimiter, again as pandoc reads
// them: an opener's last two ("~~~a" is "~" then a strike's start), a
// closer's first two ("a~~~" is a strike's end then "~"); the rest is
// text.
type strikeParser struct{}

// strikeSplitKey holds the offset at which an opening run of more than
// two tildes has its delimiter, after the tildes given back as text.
var strikeSplitKey = parser.NewContextKey()

func (strikeParser) Trigger() []byte { return []byte{'~'} }

func (strikeParser) Parse(parent ast.Node, block gtext.Reader, pc parser.Context) ast.Node {
	before := block.PrecendingCharacter()
	line, segment := block.PeekLine()
	if split, ok := pc.Get(strikeSplitKey).(int); ok && split == segment.Start {
		pc.Set(strikeSplitKey, nil)
		node := parser.NewDelimiter(true, false, 2, '~', strikeDelimiter{})
		node.Segment = segment.WithStop(segment.Start + 2)
		block.Advance(2)
		pc.PushDelimiter(node)
		return node
	}
	node := parser.ScanDelimiter(line, before, 1, strikeDelimiter{})
	if node == nil || node.OriginalLength < 2 || before == '~' {
		return nil
	}
	if n := node.OriginalLength; n > 2 {
		if node.CanOpen && !node.CanClose {
			pc.Set(strikeSplitKey, segment.Start+n-2)
			block.Advance(n - 2)
			return ast.NewTextSegment(segment.WithStop(segment.Start + n - 2))
		}
		node = parser.NewDelimiter(node.CanOpen, node.CanClose, 2, '~', strikeDelimiter{})
	}
	node.Segment = segment.WithStop(segment.Start + 2)
	block.Advance(2)
	pc.PushDelimiter(node)
	return node
}
