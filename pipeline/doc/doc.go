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
	// Resources are the book's images (Document.Images of every
	// document), each path once, in order of first use.
	Resources []*Image
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
	// TOCDepth is the deepest heading level the contents list (book.yaml
	// toc-depth, pandoc's key); 0 means the default, 3.
	TOCDepth int
	// PaperSize is the PDF page size: "a5" (the default when empty), "a4" or "letter".
	PaperSize string
	// Cover is the manifest's cover-image, already read and checked; nil when
	// there is none and exporters draw their own.
	Cover *Image
}

// Image is an image file carried in the model, so that exporters never read
// the seeds folder themselves. The pipeline has checked it: a PNG or JPEG by
// content (or an SVG made safe), within the pixel and size limits.
type Image struct {
	Name      string // base file name, e.g. "cover.jpg"
	MediaType string // "image/jpeg", "image/png" or "image/svg+xml"
	Data      []byte
	Width     int // pixels
	Height    int // pixels
	// Path is the image's path relative to the seeds folder,
	// slash-separated ("resimler/harita.png"); unique in the book.
	Path string
	// SHA256 is the lower-case hex SHA-256 of Data: the same image used
	// twice, under any path, has the same SHA256.
	SHA256 string
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

	// Subtitle, Authors, Date, Abstract and Lang come from the seed's front
	// matter; "" or nil when it has none. Lang, a BCP 47 tag, is the
	// document's language when it differs from the book's.
	Subtitle string
	Authors  []string
	Date     string
	Abstract string
	Lang     string
	// Part is the title of the part of the book that begins with this
	// document (from a book outline such as SUMMARY.md); "" when none
	// begins here.
	Part string
	// PartEnds reports that the book's parts end before this document: it
	// and the documents after it, until another part begins, stand outside
	// any part (mdBook's suffix chapters after a `---` line in SUMMARY.md).
	// A document with a Part begins that part whatever PartEnds says.
	PartEnds bool
	// Depth is the document's nesting in the book outline: 0 for a
	// chapter, 1 for a section under the chapter before it, and so on.
	Depth int
	// Notes are the document's footnotes, numbered 1, 2, … in the reading
	// order of their first reference; Notes[i].Number is i+1.
	Notes []*Note
	// Images lists every image the document uses (figures and inline
	// images), each once, in the order of first use.
	Images []*Image
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

// Attr is an element's attributes as Markdown writes them ({#id .class
// key=value}): ID, classes in order, and key-value pairs in order. Classes
// and keys an exporter does not know are kept and ignored.
type Attr struct {
	ID      string
	Classes []string
	Pairs   []KeyValue
}

// KeyValue is one key=value attribute.
type KeyValue struct{ Key, Value string }

// HasClass reports whether a has class c.
func (a Attr) HasClass(c string) bool {
	for _, x := range a.Classes {
		if x == c {
			return true
		}
	}
	return false
}

// Get returns the value of key, or "" when a has none.
func (a Attr) Get(key string) string {
	for _, kv := range a.Pairs {
		if kv.Key == key {
			return kv.Value
		}
	}
	return ""
}

// Lang returns the element's language (the lang attribute), or "" when it
// inherits its parent's.
func (a Attr) Lang() string { return a.Get("lang") }

// IsZero reports whether a has no id, class or pair.
func (a Attr) IsZero() bool { return a.ID == "" && len(a.Classes) == 0 && len(a.Pairs) == 0 }

// Block is a block-level node: one of [*Heading], [*Paragraph], [*CodeBlock],
// [*Quote], [*List], [*ThematicBreak], [*Table], [*Figure],
// [*DefinitionList], [*Div], [*Callout] or [*LineBlock].
type Block interface {
	Node
	block()
	// Position returns where the block starts in its seed.
	Position() Pos
}

// Heading is a section heading, Level 1 to 6. Attr.ID is its id, unique in
// the book: the author's ({#sec-noktalama}) or one derived from its text;
// "" only in a document not made by the pipeline.
type Heading struct {
	Pos       Pos
	Level     int
	Inlines   []Inline
	Sentences []Sentence
	Attr      Attr
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
	Attr Attr   // from a fence's {…} attributes; Info is then the first class
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
	// Style and Delim are an ordered list's numbering as written:
	// "1." is StyleDecimal with DelimPeriod, "a)" StyleLowerAlpha with
	// DelimParen, "(i)" StyleLowerRoman with DelimParens.
	Style ListStyle
	Delim ListDelim
}

// ListStyle is how an ordered list is numbered.
type ListStyle string

// The list styles (pandoc's names, CSS's list-style-type beside them).
const (
	StyleDecimal    ListStyle = ""            // 1, 2, 3 (decimal); also "#."
	StyleLowerAlpha ListStyle = "lower-alpha" // a, b, c
	StyleUpperAlpha ListStyle = "upper-alpha" // A, B, C
	StyleLowerRoman ListStyle = "lower-roman" // i, ii, iii
	StyleUpperRoman ListStyle = "upper-roman" // I, II, III
)

// ListDelim is what follows (or surrounds) an ordered list's number.
type ListDelim string

// The list delimiters.
const (
	DelimPeriod ListDelim = ""       // 1.
	DelimParen  ListDelim = "paren"  // 1)
	DelimParens ListDelim = "parens" // (1)
)

// ListItem is one item of a list; it holds blocks (usually one paragraph).
type ListItem struct {
	Pos    Pos
	Blocks []Block
	Task   Task // a task list item's box, NoTask otherwise
}

// Task is the state of a task list item's box.
type Task int

// The task states.
const (
	NoTask   Task = iota // not a task item
	TaskOpen             // - [ ]
	TaskDone             // - [x]
)

// Table is a pipe table. Its cells and caption are not leaves: they are not
// split into sentences of the running text.
type Table struct {
	Pos Pos
	// Attr.ID is the table's id for cross-references ("tbl-nufus"), "" when
	// the author gave none.
	Attr Attr
	// Number is the table's number, 1, 2, … through the book, counting
	// every table; 0 in a document not made by the pipeline.
	Number  int
	Caption []Inline // nil when the table has none
	// Align has one entry per column.
	Align []Align
	Head  []*TableCell // the header row; one cell per column
	Rows  [][]*TableCell
}

// Align is a table column's alignment.
type Align string

// The column alignments.
const (
	AlignDefault Align = ""
	AlignLeft    Align = "left"
	AlignCenter  Align = "center"
	AlignRight   Align = "right"
)

// TableCell is one cell of a table: inline content.
type TableCell struct {
	Inlines []Inline
}

// Figure is an image alone in its paragraph: Caption is its alt text's
// markup, Alt its plain text.
type Figure struct {
	Pos   Pos
	Attr  Attr // Attr.ID: the figure's id ("fig-harita"), or ""
	Image *Image
	Alt   string
	// Title is the image's title ("…" after the URL), "" when none.
	Title   string
	Caption []Inline
	// Number is the figure's number, 1, 2, … through the book; 0 in a
	// document not made by the pipeline.
	Number int
}

// DefinitionList is a list of terms and their definitions.
type DefinitionList struct {
	Pos   Pos
	Items []*Definition
}

// Definition is one term of a definition list with its definitions, each a
// list of blocks. The term is a paragraph: a leaf of its own, kind
// KindTerm.
type Definition struct {
	Pos  Pos
	Term *Paragraph
	Defs [][]Block
}

// Div is a fenced div (::: {#id .class lang=en}) that is not a callout: a
// transparent group of blocks that carries an id and a language.
type Div struct {
	Pos    Pos
	Attr   Attr
	Blocks []Block
}

// Callout is a boxed note (Quarto's ::: {.callout-note}).
type Callout struct {
	Pos  Pos
	Attr Attr
	Kind CalloutKind
	// Title is the box's title: the author's title= attribute, else the
	// kind's label in the document's language ("Not", "Uyarı").
	Title  []Inline
	Blocks []Block
}

// CalloutKind is the kind of a callout.
type CalloutKind string

// The callout kinds (Quarto's names).
const (
	CalloutNote      CalloutKind = "note"
	CalloutTip       CalloutKind = "tip"
	CalloutWarning   CalloutKind = "warning"
	CalloutImportant CalloutKind = "important"
	CalloutCaution   CalloutKind = "caution"
)

// LineBlock is a block of lines whose breaks and leading spaces matter
// (Markdown "| " lines: poetry, addresses). Its lines are separated by
// LineBreak inlines; leading spaces are kept as U+00A0. It is a leaf, kind
// KindLineBlock.
type LineBlock struct {
	Pos       Pos
	Inlines   []Inline
	Sentences []Sentence
}

// Note is a footnote: blocks that a NoteRef points at.
type Note struct {
	Pos    Pos
	ID     string // the author's label ("1", "kaynak")
	Number int    // 1, 2, … per document, in order of first reference
	Blocks []Block
}

// ThematicBreak is a scene or section break (Markdown "***").
type ThematicBreak struct {
	Pos Pos
}

func (*Heading) block()        {}
func (*Paragraph) block()      {}
func (*CodeBlock) block()      {}
func (*Quote) block()          {}
func (*List) block()           {}
func (*ThematicBreak) block()  {}
func (*Table) block()          {}
func (*Figure) block()         {}
func (*DefinitionList) block() {}
func (*Div) block()            {}
func (*Callout) block()        {}
func (*LineBlock) block()      {}

func (b *Heading) Position() Pos        { return b.Pos }
func (b *Paragraph) Position() Pos      { return b.Pos }
func (b *CodeBlock) Position() Pos      { return b.Pos }
func (b *Quote) Position() Pos          { return b.Pos }
func (b *List) Position() Pos           { return b.Pos }
func (b *ThematicBreak) Position() Pos  { return b.Pos }
func (b *Table) Position() Pos          { return b.Pos }
func (b *Figure) Position() Pos         { return b.Pos }
func (b *DefinitionList) Position() Pos { return b.Pos }
func (b *Div) Position() Pos            { return b.Pos }
func (b *Callout) Position() Pos        { return b.Pos }
func (b *LineBlock) Position() Pos      { return b.Pos }

// Inline is an inline node: one of [*Text], [*Emph], [*Strong], [*Code],
// [*Link], [*Abbr], [*LineBreak], [*Strike], [*Sub], [*Sup], [*Span],
// [*InlineImage], [*NoteRef], [*CrossRef] or [*Math].
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
//
// A link into the book ("#noktalama", "02_yazim.md#noktalama") has
// TargetDoc set to the target document's ID and Fragment to the target
// element's id ("" for the document's start); URL keeps what the author
// wrote. An external link has TargetDoc "".
type Link struct {
	URL       string
	Inlines   []Inline
	Title     string // the link's title ("…" after the URL), "" when none
	Attr      Attr
	TargetDoc string
	Fragment  string
}

// Internal reports whether the link points into the book.
func (l *Link) Internal() bool { return l.TargetDoc != "" }

// Abbr is a use of a glossary acronym, suffix excluded: in "ICANN’in" the
// Abbr's Text is "ICANN" and "’in" stays in the following Text. Term indexes
// Book.Glossary.
type Abbr struct {
	Text string
	Term int
}

// LineBreak is a hard line break inside a block. Its plain text is "\n".
type LineBreak struct{}

// Strike is struck-out text (~~…~~).
type Strike struct{ Inlines []Inline }

// Sub is subscript (H~2~O).
type Sub struct{ Inlines []Inline }

// Sup is superscript (a^bc^d).
type Sup struct{ Inlines []Inline }

// Span is a bracketed span with attributes ([text]{.smallcaps lang=en}).
// The class "smallcaps" sets small capitals; Attr.Lang() the language.
type Span struct {
	Attr    Attr
	Inlines []Inline
}

// InlineImage is an image inside running text. Its plain text is "" (its
// alt text is for readers that cannot see it, not part of the sentence).
type InlineImage struct {
	Image *Image
	Alt   string
	Title string
	Attr  Attr
}

// NoteRef is a footnote's reference mark: Note is the document's note it
// points at (Note.Number is the mark). Its plain text is "".
type NoteRef struct {
	Note *Note
}

// CrossRef is a reference to a numbered element (@sec-id, @fig-id,
// @tbl-id), resolved by the pipeline: its plain text is Text().
type CrossRef struct {
	Target    string  // the target's id, e.g. "fig-harita"
	Kind      RefKind // what the target is
	TargetDoc string  // the ID of the document holding the target
	Label     string  // the kind's label in the book's language: "Şekil"
	Number    string  // the target's number as written: "3", "2.1"
	Suffix    string  // the case suffix after the number, "" or e.g. "’te"
}

// Text returns the reference as a reader sees it: "Şekil 3’te".
func (r *CrossRef) Text() string { return r.Label + "\u00a0" + r.Number + r.Suffix }

// RefKind is the kind of a cross-reference's target.
type RefKind string

// The cross-reference kinds, by the prefix of the target's id.
const (
	RefSection RefKind = "sec"
	RefFigure  RefKind = "fig"
	RefTable   RefKind = "tbl"
)

// Math is TeX math ($…$, or $$…$$ when Display), kept as its source text:
// it is not typeset yet. Its plain text is Source.
type Math struct {
	Display bool
	Source  string
}

func (*Text) inline()        {}
func (*Emph) inline()        {}
func (*Strong) inline()      {}
func (*Code) inline()        {}
func (*Link) inline()        {}
func (*Abbr) inline()        {}
func (*LineBreak) inline()   {}
func (*Strike) inline()      {}
func (*Sub) inline()         {}
func (*Sup) inline()         {}
func (*Span) inline()        {}
func (*InlineImage) inline() {}
func (*NoteRef) inline()     {}
func (*CrossRef) inline()    {}
func (*Math) inline()        {}

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
		case *Strike:
			n += plainLen(in.Inlines)
		case *Sub:
			n += plainLen(in.Inlines)
		case *Sup:
			n += plainLen(in.Inlines)
		case *Span:
			n += plainLen(in.Inlines)
		case *CrossRef:
			n += len(in.Text())
		case *Math:
			n += len(in.Source)
		case *InlineImage, *NoteRef:
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
		case *Strike:
			appendPlain(b, in.Inlines)
		case *Sub:
			appendPlain(b, in.Inlines)
		case *Sup:
			appendPlain(b, in.Inlines)
		case *Span:
			appendPlain(b, in.Inlines)
		case *CrossRef:
			b.WriteString(in.Text())
		case *Math:
			b.WriteString(in.Source)
		case *InlineImage, *NoteRef:
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
	case *Math:
		s = n.Source
	case *CrossRef:
		return WalkStop
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
// a list item is KindListItem; a paragraph inside a footnote is KindFootnote,
// inside a callout KindCallout, inside a definition KindDefinition (the
// innermost container wins; a Div is transparent).
const (
	KindHeading    LeafKind = "heading"
	KindParagraph  LeafKind = "paragraph"
	KindQuote      LeafKind = "quote"
	KindListItem   LeafKind = "list_item"
	KindCode       LeafKind = "code"
	KindFootnote   LeafKind = "footnote"
	KindCallout    LeafKind = "callout"
	KindTerm       LeafKind = "term"
	KindDefinition LeafKind = "definition"
	KindLineBlock  LeafKind = "line_block"
)

// Leaf is one text-bearing block of a document, in reading order: a
// *Heading, *Paragraph, *LineBlock or *CodeBlock, wherever it is nested.
// The leaves of the document's notes follow those of its body, note by
// note. Tables and figures have no leaves.
type Leaf struct {
	Kind  LeafKind
	Block Block // *Heading, *Paragraph, *LineBlock or *CodeBlock
	// Note is the footnote holding the leaf, nil for the body.
	Note *Note
	Text string
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
	case *LineBlock:
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
	WalkDocument(d, c.visit)
	if c.n == 0 {
		return nil
	}
	l := leafMaker{leaves: make([]Leaf, 0, c.n)}
	l.kinds = append(l.stack[:0], KindParagraph)
	WalkDocument(d, l.visit)
	return l.leaves
}

// Counts returns the number of sentences of d and the sum of their words:
// those of the sentences of d.Leaves(), without making the leaves.
func (d *Document) Counts() (sentences, words int) {
	var c leafCounter
	WalkDocument(d, c.visit)
	return c.sentences, c.words
}

// leafCounter counts the leaves of a walk, so that Leaves allocates its
// slice once, and their sentences and words, for Counts.
type leafCounter struct{ n, sentences, words int }

func (c *leafCounter) visit(n Node, entering bool) WalkStatus {
	switch n.(type) {
	case *Heading, *Paragraph, *CodeBlock, *LineBlock:
		c.n++
		for _, s := range (Leaf{Block: n.(Block)}).Sentences() {
			c.sentences++
			c.words += s.Words
		}
		return WalkSkipChildren
	case *Table, *Figure:
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
	note   *Note      // the note being walked, nil in the body
	term   *Paragraph // the term of the definition being walked
}

func (l *leafMaker) visit(n Node, entering bool) WalkStatus {
	var text string
	kind := l.kinds[len(l.kinds)-1]
	switch n := n.(type) {
	case *Heading:
		text, kind = PlainText(n.Inlines), KindHeading
	case *Paragraph:
		text = PlainText(n.Inlines)
		if n == l.term {
			kind = KindTerm
		}
	case *CodeBlock:
		text, kind = n.Text, KindCode
	case *LineBlock:
		text, kind = PlainText(n.Inlines), KindLineBlock
	case *Quote:
		l.push(KindQuote, entering)
		return WalkContinue
	case *ListItem:
		l.push(KindListItem, entering)
		return WalkContinue
	case *Callout:
		l.push(KindCallout, entering)
		return WalkContinue
	case *Note:
		l.push(KindFootnote, entering)
		if entering {
			l.note = n
		} else {
			l.note = nil
		}
		return WalkContinue
	case *Definition:
		// The term is a leaf of its own kind; the definitions' blocks
		// that follow it are KindDefinition.
		l.push(KindDefinition, entering)
		l.term = n.Term
		return WalkContinue
	case *Table, *Figure:
		return WalkSkipChildren
	default: // a List, Div, DefinitionList or ThematicBreak: no leaf of its own
		return WalkContinue
	}
	l.add(n.(Block), kind, text)
	return WalkSkipChildren
}

// add appends the leaf of block b.
func (l *leafMaker) add(b Block, kind LeafKind, text string) {
	if len(l.leaves) > 0 {
		l.pos += len(LeafSeparator)
	}
	r := utf8.RuneCountInString(text)
	l.leaves = append(l.leaves, Leaf{Kind: kind, Block: b, Note: l.note, Text: text, Start: l.pos, End: l.pos + r})
	l.pos += r
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
