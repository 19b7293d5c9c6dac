// Package doc is seedpress's canonical document model: the one tree that the
// pipeline stages produce and every exporter reads.
//
// The package is a leaf: it imports nothing else of seedpress. Stages only
// build values of these types; exporters only read them. Blocks and inlines
// are closed sets, sealed by an unexported method, so a writer can switch over
// every member and fail loudly on anything else.
//
// All offsets in the model are counted in Unicode code points (runes), never
// bytes, so that Python slicing of a parent text gives a child's text exactly.
package doc

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Pos is a position in a seed file. Line and Col are 1-based; Col counts
// characters (runes) of the decoded line. A zero Line means "the whole file".
type Pos struct {
	File string // path of the seed, relative to the seeds folder, slash-separated
	Line int
	Col  int
}

// Book is a whole publication: metadata, documents in reading order, and the
// acronym glossary.
type Book struct {
	Meta      Meta
	Documents []*Document
	// Glossary holds the acronyms defined in the book, in the reading order
	// of their definitions; Abbr.Term indexes it. An exporter that lists the
	// glossary sorts it itself (Turkish collation of Acronym).
	Glossary []Term
}

// Meta is the book's metadata, from seeds/book.yaml (pandoc's metadata keys)
// or derived from the documents when there is no manifest.
type Meta struct {
	Title       string
	Subtitle    string
	Authors     []string // in order; empty when unknown (never invented)
	Lang        string   // BCP 47 tag; DefaultLang by default
	Date        string   // as written in the manifest (YYYY, YYYY-MM or YYYY-MM-DD); "" when absent
	Publisher   string
	Rights      string
	Description string
	Subjects    []string
	Identifier  string // "" when the manifest gives none; exporters derive a stable one
	// PaperSize is the PDF page size: "a5" (the default when empty), "a4" or "letter".
	PaperSize string
	// Cover is the manifest's cover-image, already read and checked; nil when
	// there is none and exporters draw their own.
	Cover *Image
}

// Image is an image file carried in the model, so that exporters never read
// the seeds folder themselves.
type Image struct {
	Name      string // base file name, e.g. "cover.jpg"
	MediaType string // "image/jpeg" or "image/png"
	Data      []byte
	Width     int // pixels
	Height    int // pixels
}

// Document is one seed file.
type Document struct {
	// ID is stable and derived from the file name stem: lower-case letters,
	// digits, '-' and '_', unique in the book (e.g. "000_0e50c0d65c5fae10").
	ID string
	// Index is the 0-based position of the document in reading order.
	Index int
	// Source is the seed's path relative to the seeds folder, slash-separated.
	Source string
	// SHA256 is the lower-case hex SHA-256 of the raw seed bytes.
	SHA256 string
	// Encoding is the detected encoding of the raw bytes: "utf-8",
	// "utf-8-bom", "utf-16le", "utf-16be", "windows-1254" or "iso-8859-9".
	Encoding string
	// Format is "text" for .txt seeds and "markdown" for .md seeds.
	Format string
	// Title is the document's heading, else the manifest's per-document
	// title, else a localised label ("Bölüm 1").
	Title string
	// Blocks is the document body in reading order. A title taken from a
	// leading heading stays in Blocks as that heading.
	Blocks []Block
	// Glossary is the book's glossary as it stood when the document was
	// made: every term defined in this document or before it, a prefix of
	// Book.Glossary, which its Abbr inlines index. It lets a consumer that
	// takes one document at a time (doc.Sink) write what an abbreviation
	// stands for beside it. Uses and Occurrences of its terms are not final.
	// Nil when the document was not made by the pipeline.
	Glossary []Term
}

// Sentence is a span of a text block's plain text: [Start, End) in code
// points. Spans of one block are in order, do not overlap, and exclude the
// white space between sentences.
type Sentence struct {
	Start int
	End   int
	Words int // words in the span; İnternet’in and 1996’da are one word each
}

// Term is one acronym of the glossary.
type Term struct {
	Acronym     string // e.g. "ICANN"
	Expansion   string // the Turkish long form, e.g. "İnternet Tahsisli Sayılar ve İsimler Kurumu"
	ExpansionEN string // the English long form (language "en"); "" when none was given
	// Defined is where the definition stands.
	Defined Ref
	// Uses lists every sentence that mentions the acronym from its
	// defining document on (the defining sentence included), in reading
	// order, each once; a mention in an earlier document is not marked.
	Uses []Ref
	// Occurrences counts every mention, suffixed forms (ICANN’in) included.
	Occurrences int
}

// Ref points at one sentence: Leaf indexes (*Document).Leaves of Documents[Doc].
type Ref struct {
	Doc      int
	Leaf     int
	Sentence int
}

// Block is a block-level node: one of [*Heading], [*Paragraph], [*CodeBlock],
// [*Quote], [*List] or [*ThematicBreak].
type Block interface {
	Node
	block()
	// Position returns where the block starts in its seed.
	Position() Pos
}

// Heading is a section heading, Level 1 to 6.
type Heading struct {
	Pos       Pos
	Level     int
	Inlines   []Inline
	Sentences []Sentence
}

// Paragraph is a paragraph of running text.
type Paragraph struct {
	Pos       Pos
	Inlines   []Inline
	Sentences []Sentence
}

// CodeBlock is preformatted text, kept exactly as written. It is not split
// into sentences.
type CodeBlock struct {
	Pos  Pos
	Info string // the fence's info string ("go", ""), untrusted
	Text string // the lines, each ending in "\n"
}

// Quote is a block quotation.
type Quote struct {
	Pos    Pos
	Blocks []Block
}

// List is an ordered or unordered list.
type List struct {
	Pos     Pos
	Ordered bool
	Start   int // first number of an ordered list
	Items   []*ListItem
}

// ListItem is one item of a list; it holds blocks (usually one paragraph).
type ListItem struct {
	Pos    Pos
	Blocks []Block
}

// ThematicBreak is a scene or section break (Markdown "***").
type ThematicBreak struct {
	Pos Pos
}

func (*Heading) block()       {}
func (*Paragraph) block()     {}
func (*CodeBlock) block()     {}
func (*Quote) block()         {}
func (*List) block()          {}
func (*ThematicBreak) block() {}

func (b *Heading) Position() Pos       { return b.Pos }
func (b *Paragraph) Position() Pos     { return b.Pos }
func (b *CodeBlock) Position() Pos     { return b.Pos }
func (b *Quote) Position() Pos         { return b.Pos }
func (b *List) Position() Pos          { return b.Pos }
func (b *ThematicBreak) Position() Pos { return b.Pos }

// Inline is an inline node: one of [*Text], [*Emph], [*Strong], [*Code],
// [*Link], [*Abbr] or [*LineBreak].
type Inline interface {
	Node
	inline()
}

// Text is plain text. It never contains markup: exporters escape it.
type Text struct{ Value string }

// Emph is emphasis (italic).
type Emph struct{ Inlines []Inline }

// Strong is strong importance (bold).
type Strong struct{ Inlines []Inline }

// Code is a code span, kept exactly as written.
type Code struct{ Value string }

// Link is a hyperlink. URL is untrusted: exporters escape it and may refuse
// schemes other than http, https and mailto.
type Link struct {
	URL     string
	Inlines []Inline
}

// Abbr is a use of a glossary acronym, suffix excluded: in "ICANN’in" the
// Abbr's Text is "ICANN" and "’in" stays in the following Text. Term indexes
// Book.Glossary.
type Abbr struct {
	Text string
	Term int
}

// LineBreak is a hard line break inside a block. Its plain text is "\n".
type LineBreak struct{}

func (*Text) inline()      {}
func (*Emph) inline()      {}
func (*Strong) inline()    {}
func (*Code) inline()      {}
func (*Link) inline()      {}
func (*Abbr) inline()      {}
func (*LineBreak) inline() {}

// PlainText returns the text of inlines with all markup dropped: the text
// that sentence offsets count in.
func PlainText(inlines []Inline) string {
	if len(inlines) == 1 {
		// The common block of one text run: its value, without a copy.
		switch in := inlines[0].(type) {
		case *Text:
			return in.Value
		case *Code:
			return in.Value
		case *Abbr:
			return in.Text
		}
	}
	var b strings.Builder
	b.Grow(plainLen(inlines))
	appendPlain(&b, inlines)
	return b.String()
}

// plainLen and appendPlain are PlainText's own walk over inlines, the one
// exception to Walk: PlainText runs for every block in every stage, and
// Walk's two calls per node cost it about 15%. Like Walk, they panic on a
// node type they do not know.

// plainLen returns the length in bytes of the plain text of inlines.
func plainLen(inlines []Inline) int {
	n := 0
	for _, in := range inlines {
		switch in := in.(type) {
		case *Text:
			n += len(in.Value)
		case *Code:
			n += len(in.Value)
		case *Abbr:
			n += len(in.Text)
		case *LineBreak:
			n++
		case *Emph:
			n += plainLen(in.Inlines)
		case *Strong:
			n += plainLen(in.Inlines)
		case *Link:
			n += plainLen(in.Inlines)
		default:
			panic(fmt.Sprintf("doc: PlainText: unknown inline type %T", in))
		}
	}
	return n
}

func appendPlain(b *strings.Builder, inlines []Inline) {
	for _, in := range inlines {
		switch in := in.(type) {
		case *Text:
			b.WriteString(in.Value)
		case *Code:
			b.WriteString(in.Value)
		case *Abbr:
			b.WriteString(in.Text)
		case *LineBreak:
			b.WriteByte('\n')
		case *Emph:
			appendPlain(b, in.Inlines)
		case *Strong:
			appendPlain(b, in.Inlines)
		case *Link:
			appendPlain(b, in.Inlines)
		default:
			panic(fmt.Sprintf("doc: PlainText: unknown inline type %T", in))
		}
	}
}

// HasText reports whether the plain text of inlines (see PlainText) has
// more than white space, without building it.
func HasText(inlines []Inline) bool {
	return !WalkInlines(inlines, stopAtText)
}

// stopAtText is a Walker that stops the walk at the first text-bearing node
// with more than white space.
func stopAtText(n Node, entering bool) WalkStatus {
	if !entering {
		return WalkContinue
	}
	var s string
	switch n := n.(type) {
	case *Text:
		s = n.Value
	case *Code:
		s = n.Value
	case *Abbr:
		s = n.Text
	case *CodeBlock:
		s = n.Text
	default:
		return WalkContinue
	}
	if strings.TrimSpace(s) != "" {
		return WalkStop
	}
	return WalkContinue
}

// LeafKind names what a text block is, for tables and statistics.
type LeafKind string

// The leaf kinds. A paragraph inside a quote is KindQuote; a paragraph inside
// a list item is KindListItem (the innermost container wins).
const (
	KindHeading   LeafKind = "heading"
	KindParagraph LeafKind = "paragraph"
	KindQuote     LeafKind = "quote"
	KindListItem  LeafKind = "list_item"
	KindCode      LeafKind = "code"
)

// Leaf is one text-bearing block of a document, in reading order: a
// *Heading, *Paragraph or *CodeBlock, wherever it is nested.
type Leaf struct {
	Kind  LeafKind
	Block Block // *Heading, *Paragraph or *CodeBlock
	Text  string
	// Start and End are the leaf's span in (*Document).Text, in code points.
	Start, End int
}

// Sentences returns the leaf's sentence spans (none for code).
func (l Leaf) Sentences() []Sentence {
	switch b := l.Block.(type) {
	case *Heading:
		return b.Sentences
	case *Paragraph:
		return b.Sentences
	}
	return nil
}

// SentenceText returns the text of sentence i of the leaf.
func (l Leaf) SentenceText(i int) string {
	s := l.Sentences()[i]
	return SliceRunes(l.Text, s.Start, s.End)
}

// LeafSeparator joins the texts of consecutive leaves in (*Document).Text.
const LeafSeparator = "\n\n"

// Leaves flattens the document into its text blocks in reading order,
// with each one's span in the document's normalised text. Thematic breaks
// have no text and no leaf.
func (d *Document) Leaves() []Leaf {
	var c leafCounter
	WalkBlocks(d.Blocks, c.visit)
	if c.n == 0 {
		return nil
	}
	l := leafMaker{leaves: make([]Leaf, 0, c.n)}
	l.kinds = append(l.stack[:0], KindParagraph)
	WalkBlocks(d.Blocks, l.visit)
	return l.leaves
}

// leafCounter counts the leaves of a walk, so that Leaves allocates its
// slice once.
type leafCounter struct{ n int }

func (c *leafCounter) visit(n Node, entering bool) WalkStatus {
	switch n.(type) {
	case *Heading, *Paragraph, *CodeBlock:
		c.n++
		return WalkSkipChildren
	}
	return WalkContinue
}

// leafMaker collects the leaves of a walk. kinds is a stack: the kind of
// a paragraph is that of its innermost quote or list item.
type leafMaker struct {
	leaves []Leaf
	kinds  []LeafKind
	stack  [4]LeafKind // kinds' first array: nesting is rarely deeper
	pos    int
}

func (l *leafMaker) visit(n Node, entering bool) WalkStatus {
	var text string
	kind := l.kinds[len(l.kinds)-1]
	switch n := n.(type) {
	case *Heading:
		text, kind = PlainText(n.Inlines), KindHeading
	case *Paragraph:
		text = PlainText(n.Inlines)
	case *CodeBlock:
		text, kind = n.Text, KindCode
	case *Quote:
		l.push(KindQuote, entering)
		return WalkContinue
	case *ListItem:
		l.push(KindListItem, entering)
		return WalkContinue
	default: // a List or a ThematicBreak: no leaf of its own
		return WalkContinue
	}
	if len(l.leaves) > 0 {
		l.pos += len(LeafSeparator)
	}
	r := utf8.RuneCountInString(text)
	l.leaves = append(l.leaves, Leaf{Kind: kind, Block: n.(Block), Text: text, Start: l.pos, End: l.pos + r})
	l.pos += r
	return WalkSkipChildren
}

// push enters (or, when entering is false, leaves) a container of kind.
func (l *leafMaker) push(kind LeafKind, entering bool) {
	if entering {
		l.kinds = append(l.kinds, kind)
	} else {
		l.kinds = l.kinds[:len(l.kinds)-1]
	}
}

// HasText reports whether any leaf of d has more than white space. It walks
// the blocks and inlines in place rather than building d.Leaves, whose
// plain texts it would only throw away.
func (d *Document) HasText() bool { return !WalkBlocks(d.Blocks, stopAtText) }

// Text returns the document's normalised text: the texts of its leaves
// joined by LeafSeparator.
func (d *Document) Text() string {
	var b strings.Builder
	for i, l := range d.Leaves() {
		if i > 0 {
			b.WriteString(LeafSeparator)
		}
		b.WriteString(l.Text)
	}
	return b.String()
}

// SliceRunes returns s[start:end] with start and end counted in code points.
// It panics if the range is out of bounds, like slicing.
func SliceRunes(s string, start, end int) string {
	if start < 0 || end < start {
		panic("doc: SliceRunes: bad range")
	}
	i, n := 0, 0
	bs, be := -1, -1
	for i <= len(s) {
		if n == start {
			bs = i
		}
		if n == end {
			be = i
			break
		}
		if i == len(s) {
			break
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		n++
	}
	if bs < 0 || be < 0 {
		panic("doc: SliceRunes: range out of bounds")
	}
	return s[bs:be]
}
