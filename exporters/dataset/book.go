package dataset

import (
	"encoding/json"
	"fmt"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// Book is book.json: the book's metadata and glossary, for tools that want
// the canonical model rather than the tables. Its documents, each a tree of
// blocks and inlines with a "type" discriminator, are the lines of
// book.jsonl (BookDocument), and the sentences that mention each term of
// the glossary are rows of the mentions table, so that no JSON value grows
// with the book.
type Book struct {
	// Book metadata.
	Meta BookMeta `json:"meta"`
	// Number of documents: the lines of book.jsonl, one document each, in reading order.
	DocumentCount int `json:"document_count" jsonschema:"minimum=0"`
	// Acronyms defined in the book, in the order they are defined (reading order of the definitions); an abbr's term indexes this list, and terms.jsonl is this list as a table.
	Glossary []GlossaryEntry `json:"glossary"`
}

// BookMeta is the book's metadata, from the manifest or derived from the documents.
type BookMeta struct {
	// Title of the book.
	Title string `json:"title"`
	// Subtitle, or "" when none.
	Subtitle string `json:"subtitle"`
	// Authors in order; empty when unknown.
	Authors []string `json:"authors"`
	// BCP 47 language tag, e.g. "tr".
	Lang string `json:"lang"`
	// Publication date as written in the manifest (YYYY, YYYY-MM or YYYY-MM-DD), or "".
	Date string `json:"date"`
	// Publisher, or "".
	Publisher string `json:"publisher"`
	// Rights or licence statement, or "".
	Rights string `json:"rights"`
	// Description of the book, or "".
	Description string `json:"description"`
	// Subjects (keywords), in order.
	Subjects []string `json:"subjects"`
	// Identifier from the manifest, or "" when it gives none.
	Identifier string `json:"identifier"`
	// PDF paper size: "a5" (the default when ""), "a4" or "letter".
	PaperSize string `json:"paper_size"`
	// Cover image, or null when the manifest names none.
	Cover *CoverImage `json:"cover" jsonschema:"nullable"`
}

// CoverImage is the manifest's cover image.
type CoverImage struct {
	// Base file name, e.g. "cover.jpg".
	Name string `json:"name"`
	// Media type: "image/jpeg" or "image/png".
	MediaType string `json:"media_type" jsonschema:"enum=image/jpeg,enum=image/png"`
	// Width in pixels.
	Width int `json:"width" jsonschema:"minimum=0"`
	// Height in pixels.
	Height int `json:"height" jsonschema:"minimum=0"`
	// The image file, base64-encoded.
	Data []byte `json:"data"`
}

// BookDocument is a line of book.jsonl: one seed file with its block tree.
type BookDocument struct {
	// Document id, as in the documents table, e.g. "doc-0001".
	ID string `json:"id" jsonschema:"pattern=^doc-[0-9]{4\\,}$"`
	// Stable name derived from the seed's file name stem, e.g. "000_0e50c0d65c5fae10".
	Name string `json:"name"`
	// 0-based position in reading order.
	Index int `json:"index" jsonschema:"minimum=0"`
	// Path of the seed relative to the seeds folder.
	Source string `json:"source"`
	// Lower-case hex SHA-256 of the raw seed bytes.
	SHA256 string `json:"sha256" jsonschema:"pattern=^[0-9a-f]{64}$"`
	// Detected encoding of the raw seed bytes.
	Encoding string `json:"encoding"`
	// "text" or "markdown".
	Format string `json:"format" jsonschema:"enum=text,enum=markdown"`
	// Title of the document.
	Title string `json:"title"`
	// Body in reading order.
	Blocks []Block `json:"blocks"`
	// Subtitle from the document's front matter; absent when none.
	Subtitle *string `json:"subtitle,omitzero"`
	// Authors from the document's front matter; absent when none.
	Authors []string `json:"authors,omitzero"`
	// Date from the document's front matter; absent when none.
	Date *string `json:"date,omitzero"`
	// Abstract from the document's front matter; absent when none.
	Abstract *string `json:"abstract,omitzero"`
	// BCP 47 language of the document when it differs from the book's; absent when it does not.
	Lang *string `json:"lang,omitzero"`
	// Title of the part of the book that begins with this document (from a book outline such as SUMMARY.md); absent when none begins here.
	Part *string `json:"part,omitzero"`
	// Nesting of the document in the book outline: absent for a chapter, 1 for a section under the chapter before it, and so on.
	Depth *int `json:"depth,omitzero" jsonschema:"minimum=1"`
	// The document's footnotes, numbered in the order of their first reference; absent when it has none.
	Notes []BookNote `json:"notes,omitzero"`
}

// BookNote is a footnote: blocks that a note_ref points at.
type BookNote struct {
	// The author's label of the note ("1", "kaynak").
	ID string `json:"id"`
	// The note's number in its document, as its reference marks show it.
	Number int `json:"number" jsonschema:"minimum=0"`
	// Where the note starts in its seed.
	Pos Position `json:"pos"`
	// The note's blocks.
	Blocks []Block `json:"blocks"`
}

// Attr is an element's attributes as Markdown writes them ({#id .class key=value}).
type Attr struct {
	// The element's id, "" when none.
	ID string `json:"id"`
	// Classes in order.
	Classes []string `json:"classes"`
	// Key-value pairs in order.
	Pairs []KeyValue `json:"pairs"`
}

// KeyValue is one key=value attribute.
type KeyValue struct {
	// The key.
	Key string `json:"key"`
	// The value.
	Value string `json:"value"`
}

// ImageRef is an image the book uses: a file of the seeds folder, copied into the dataset's media/ folder.
type ImageRef struct {
	// Path of the image in the seeds folder, slash-separated.
	Path string `json:"path"`
	// Path of the copy in the dataset: "media/", its SHA-256 and extension.
	MediaPath string `json:"media_path"`
	// Media type: "image/png", "image/jpeg" or "image/svg+xml".
	MediaType string `json:"media_type" jsonschema:"enum=image/png,enum=image/jpeg,enum=image/svg+xml"`
	// Width in pixels.
	Width int `json:"width" jsonschema:"minimum=0"`
	// Height in pixels.
	Height int `json:"height" jsonschema:"minimum=0"`
	// Lower-case hex SHA-256 of the image file.
	SHA256 string `json:"sha256" jsonschema:"pattern=^[0-9a-f]{64}$"`
}

// TableCell is one cell of a table.
type TableCell struct {
	// The cell's inline content.
	Inlines []Inline `json:"inlines"`
}

// DefinitionItem is one term of a definition list with its definitions.
type DefinitionItem struct {
	// Where the term starts in its seed.
	Pos Position `json:"pos"`
	// The term: a paragraph.
	Term Block `json:"term"`
	// The definitions, each a list of blocks.
	Definitions [][]Block `json:"definitions"`
}

// Position is where a node starts in its seed: 1-based line and column (in characters); 0 and 0 when unknown.
type Position struct {
	// 1-based line, 0 when unknown.
	Line int `json:"line" jsonschema:"minimum=0"`
	// 1-based column in characters, 0 when unknown.
	Col int `json:"col" jsonschema:"minimum=0"`
}

// Block is a block-level node. Besides type and pos, a heading has level, inlines and sentences; a paragraph and a line_block inlines and sentences; code info and text; a quote and a div blocks; a list ordered, start and items; a table number, caption, align, head and rows; a figure number, image, alt, image_title and caption; a definition_list definitions; a callout kind, title and blocks; a thematic_break nothing else. A heading, code, table, figure, div or callout may have attr.
type Block struct {
	// Node type: heading, paragraph, code, quote, list, thematic_break, table, figure, definition_list, div, callout or line_block.
	Type string `json:"type" jsonschema:"enum=heading,enum=paragraph,enum=code,enum=quote,enum=list,enum=thematic_break,enum=table,enum=figure,enum=definition_list,enum=div,enum=callout,enum=line_block"`
	// Where the block starts in its seed.
	Pos Position `json:"pos"`
	// Heading level, 1 to 6 (heading).
	Level *int `json:"level,omitzero" jsonschema:"minimum=1,maximum=6"`
	// Inline content (heading, paragraph).
	Inlines []Inline `json:"inlines,omitzero"`
	// Sentence spans in the block's plain text (heading, paragraph).
	Sentences []Span `json:"sentences,omitzero"`
	// Fence info string (code).
	Info *string `json:"info,omitzero"`
	// The code, each line ending in "\n" (code).
	Text *string `json:"text,omitzero"`
	// Nested blocks (quote).
	Blocks []Block `json:"blocks,omitzero"`
	// Whether the list is numbered (list).
	Ordered *bool `json:"ordered,omitzero"`
	// First number of an ordered list (list).
	Start *int `json:"start,omitzero"`
	// List items (list).
	Items []ListItem `json:"items,omitzero"`
	// Attributes (heading, code, table, figure, div, callout); absent when none.
	Attr *Attr `json:"attr,omitzero"`
	// An ordered list's numbering when it is not decimal: lower-alpha, upper-alpha, lower-roman or upper-roman (list).
	Style *string `json:"style,omitzero" jsonschema:"enum=lower-alpha,enum=upper-alpha,enum=lower-roman,enum=upper-roman"`
	// An ordered list's delimiter when it is not a period: paren "1)" or parens "(1)" (list).
	Delim *string `json:"delim,omitzero" jsonschema:"enum=paren,enum=parens"`
	// Number through the book, 0 when not numbered (table, figure).
	Number *int `json:"number,omitzero" jsonschema:"minimum=0"`
	// Caption (table, figure); absent for a table without one.
	Caption []Inline `json:"caption,omitzero"`
	// Column alignments: "", left, center or right (table).
	Align []string `json:"align,omitzero"`
	// Header row, one cell per column (table).
	Head []TableCell `json:"head,omitzero"`
	// Body rows (table).
	Rows [][]TableCell `json:"rows,omitzero"`
	// The image (figure).
	Image *ImageRef `json:"image,omitzero"`
	// The image's alt text (figure).
	Alt *string `json:"alt,omitzero"`
	// The image's title, absent when none (figure).
	ImageTitle *string `json:"image_title,omitzero"`
	// Terms and their definitions (definition_list).
	Definitions []DefinitionItem `json:"definitions,omitzero"`
	// Callout kind: note, tip, warning, important or caution (callout).
	Kind *string `json:"kind,omitzero" jsonschema:"enum=note,enum=tip,enum=warning,enum=important,enum=caution"`
	// The box's title (callout).
	Title []Inline `json:"title,omitzero"`
}

// ListItem is one item of a list.
type ListItem struct {
	// Where the item starts in its seed.
	Pos Position `json:"pos"`
	// The item's blocks.
	Blocks []Block `json:"blocks"`
	// A task item's box: "open" or "done"; absent when the item is not a task.
	Task *string `json:"task,omitzero" jsonschema:"enum=open,enum=done"`
}

// Span is a sentence: [start, end) in the block's plain text, in code points.
type Span struct {
	// Start in code points (inclusive).
	Start int `json:"start" jsonschema:"minimum=0"`
	// End in code points (exclusive).
	End int `json:"end" jsonschema:"minimum=0"`
	// Words in the sentence.
	Words int `json:"words" jsonschema:"minimum=0"`
}

// Inline is an inline node. Besides type, text and code have value; emph, strong, strike, sub and sup inlines; a link url and inlines (and title, attr, target_doc, fragment); a span attr and inlines; an abbr value and term; an image image, alt (and title, attr); a note_ref note; a cross_ref value (its text), target, ref_kind, target_doc, label, number and suffix; math value and display; a line_break nothing else.
type Inline struct {
	// Node type: text, emph, strong, code, link, abbr, line_break, strike, sub, sup, span, image, note_ref, cross_ref or math.
	Type string `json:"type" jsonschema:"enum=text,enum=emph,enum=strong,enum=code,enum=link,enum=abbr,enum=line_break,enum=strike,enum=sub,enum=sup,enum=span,enum=image,enum=note_ref,enum=cross_ref,enum=math"`
	// The text (text, code, abbr).
	Value *string `json:"value,omitzero"`
	// Nested inlines (emph, strong, link).
	Inlines []Inline `json:"inlines,omitzero"`
	// Link target, untrusted (link).
	URL *string `json:"url,omitzero"`
	// 0-based index of the acronym in the glossary (abbr).
	Term *int `json:"term,omitzero" jsonschema:"minimum=0"`
	// Title, absent when none (link, image).
	Title *string `json:"title,omitzero"`
	// Attributes, absent when none (link, span, image).
	Attr *Attr `json:"attr,omitzero"`
	// The name of the document the link or reference points into, as book.json's documents name it (internal link, cross_ref).
	TargetDoc *string `json:"target_doc,omitzero"`
	// The id of the element an internal link points at, "" for the document's start (internal link).
	Fragment *string `json:"fragment,omitzero"`
	// The image (image).
	Image *ImageRef `json:"image,omitzero"`
	// The image's alt text (image).
	Alt *string `json:"alt,omitzero"`
	// The number of the footnote, in its document's notes (note_ref).
	Note *int `json:"note,omitzero" jsonschema:"minimum=0"`
	// The id of the element referred to (cross_ref).
	Target *string `json:"target,omitzero"`
	// What the target is: sec, fig or tbl (cross_ref).
	RefKind *string `json:"ref_kind,omitzero" jsonschema:"enum=sec,enum=fig,enum=tbl"`
	// The kind's label in the book's language, e.g. "Şekil" (cross_ref).
	Label *string `json:"label,omitzero"`
	// The target's number as written, e.g. "3" (cross_ref).
	Number *string `json:"number,omitzero"`
	// The case suffix after the number, e.g. "’te" (cross_ref).
	Suffix *string `json:"suffix,omitzero"`
	// Whether the math is display math, $$…$$ (math).
	Display *bool `json:"display,omitzero"`
}

// GlossaryEntry is one acronym of the glossary, with references into the tree.
type GlossaryEntry struct {
	// The acronym, e.g. "ICANN".
	Acronym string `json:"acronym"`
	// Turkish long form.
	Expansion string `json:"expansion"`
	// English long form, "" when none was given.
	ExpansionEN string `json:"expansion_en"`
	// The defining sentence.
	Defined SentenceRef `json:"defined"`
	// Number of sentences that mention the acronym, the definition's included; the mentions table lists them.
	SentenceCount int `json:"sentence_count" jsonschema:"minimum=0"`
	// Number of mentions, suffixed forms included.
	Occurrences int `json:"occurrences" jsonschema:"minimum=0"`
}

// SentenceRef points at one sentence by 0-based indexes: document, leaf (text block in reading order, as in the paragraphs table's index) and sentence.
type SentenceRef struct {
	// 0-based document index.
	Doc int `json:"doc" jsonschema:"minimum=0"`
	// 0-based text-block (paragraph) index in the document.
	Leaf int `json:"leaf" jsonschema:"minimum=0"`
	// 0-based sentence index in the block.
	Sentence int `json:"sentence" jsonschema:"minimum=0"`
}

// bookMeta mirrors the book's metadata.
func bookMeta(m doc.Meta) BookMeta {
	bm := BookMeta{
		Title: m.Title, Subtitle: m.Subtitle, Authors: nonNil(m.Authors), Lang: m.Lang,
		Date: m.Date, Publisher: m.Publisher, Rights: m.Rights, Description: m.Description,
		Subjects: nonNil(m.Subjects), Identifier: m.Identifier, PaperSize: m.PaperSize,
	}
	if c := m.Cover; c != nil {
		bm.Cover = &CoverImage{Name: c.Name, MediaType: c.MediaType, Width: c.Width, Height: c.Height, Data: c.Data}
		if bm.Cover.Data == nil {
			bm.Cover.Data = []byte{}
		}
	}
	return bm
}

// bookTerm mirrors one term of the glossary, which sentences sentences
// mention.
func bookTerm(t doc.Term, sentences int) GlossaryEntry {
	return GlossaryEntry{Acronym: t.Acronym, Expansion: t.Expansion, ExpansionEN: t.ExpansionEN,
		Defined: SentenceRef(t.Defined), SentenceCount: sentences, Occurrences: t.Occurrences}
}

// termUse is the largest glossary index the abbreviations of a document
// use, and the first abbreviation that uses it: the glossary is complete
// only at the end of the book, so the index is checked against its size
// then.
type termUse struct {
	max  int    // -1 when the document has no abbreviation
	text string // the abbreviation's text
}

// bookDocument mirrors one document; id is its documents-table id. It
// fails on an abbreviation with a negative term index and returns the
// largest index used, which the caller checks against the glossary.
func bookDocument(id string, d *doc.Document) (BookDocument, termUse, error) {
	use := termUse{max: -1}
	blocks, err := bookBlocks(d.Blocks, &use)
	if err != nil {
		return BookDocument{}, termUse{}, err
	}
	bd := BookDocument{ID: id, Name: d.ID, Index: d.Index, Source: d.Source, SHA256: d.SHA256,
		Encoding: d.Encoding, Format: d.Format, Title: d.Title, Blocks: blocks,
		Subtitle: nonEmpty(d.Subtitle), Authors: d.Authors, Date: nonEmpty(d.Date), Abstract: nonEmpty(d.Abstract),
		Lang: nonEmpty(d.Lang), Part: nonEmpty(d.Part)}
	if len(d.Authors) == 0 {
		bd.Authors = nil
	}
	if d.Depth != 0 {
		bd.Depth = &d.Depth
	}
	for _, n := range d.Notes {
		if n == nil {
			return BookDocument{}, termUse{}, fmt.Errorf("nil note")
		}
		nb, err := bookBlocks(n.Blocks, &use)
		if err != nil {
			return BookDocument{}, termUse{}, err
		}
		bd.Notes = append(bd.Notes, BookNote{ID: n.ID, Number: n.Number, Pos: pos(n.Pos), Blocks: nb})
	}
	return bd, use, nil
}

// bookAttr mirrors an element's attributes; nil when it has none.
func bookAttr(a doc.Attr) *Attr {
	if a.IsZero() {
		return nil
	}
	ba := &Attr{ID: a.ID, Classes: nonNil(a.Classes), Pairs: make([]KeyValue, len(a.Pairs))}
	for i, kv := range a.Pairs {
		ba.Pairs[i] = KeyValue{Key: kv.Key, Value: kv.Value}
	}
	return ba
}

// bookImage mirrors an image; nil for none.
func bookImage(im *doc.Image) *ImageRef {
	if im == nil {
		return nil
	}
	return &ImageRef{Path: im.Path, MediaPath: mediaPath(im.SHA256, im.MediaType), MediaType: im.MediaType,
		Width: im.Width, Height: im.Height, SHA256: im.SHA256}
}

func pos(p doc.Pos) Position { return Position{Line: p.Line, Col: p.Col} }

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func spans(ss []doc.Sentence) []Span {
	out := make([]Span, len(ss))
	for i, s := range ss {
		out[i] = Span{Start: s.Start, End: s.End, Words: s.Words}
	}
	return out
}

// bookBlocks mirrors blocks, the body of a document, through doc.Walk: a
// frame per node on the path from the root, each appended to its parent's
// children when the walk leaves it. A node's lists of children are never
// nil, so that book.json writes an empty list as []. It records in use the
// largest term index the abbreviations use, and fails on a negative one.
func bookBlocks(blocks []doc.Block, use *termUse) ([]Block, error) {
	m := mirror{use: use}
	out := m.blocks(blocks)
	if m.err != nil {
		return nil, m.err
	}
	return out, nil
}

// blocks mirrors blocks in a walk of their own, sharing m's use and error.
func (m *mirror) blocks(blocks []doc.Block) []Block {
	sub := mirror{use: m.use, stack: make([]mirrorFrame, 1, 8)} // nesting is rarely deeper
	sub.stack[0] = mirrorFrame{kind: frameBlock, block: Block{Blocks: make([]Block, 0, len(blocks))}}
	doc.WalkBlocks(blocks, sub.visit)
	if sub.err != nil && m.err == nil {
		m.err = sub.err
	}
	return sub.stack[0].block.Blocks
}

// inlines mirrors inlines in a walk of their own, sharing m's use and
// error; never nil.
func (m *mirror) inlines(inlines []doc.Inline) []Inline {
	sub := mirror{use: m.use, stack: []mirrorFrame{{kind: frameInline, inline: Inline{Inlines: make([]Inline, 0, len(inlines))}}}}
	doc.WalkInlines(inlines, sub.visit)
	if sub.err != nil && m.err == nil {
		m.err = sub.err
	}
	return sub.stack[0].inline.Inlines
}

// cells mirrors a row of table cells.
func (m *mirror) cells(row []*doc.TableCell) []TableCell {
	out := make([]TableCell, len(row))
	for i, c := range row {
		if c == nil {
			m.err = fmt.Errorf("nil table cell")
			return out
		}
		out[i] = TableCell{Inlines: m.inlines(c.Inlines)}
	}
	return out
}

// whole appends block b, mirrored whole rather than through the walk, to
// the node on top of the stack, and skips the walk of its children.
func (m *mirror) whole(b Block) doc.WalkStatus {
	if m.err != nil {
		return doc.WalkStop
	}
	m.stack = append(m.stack, mirrorFrame{kind: frameBlock, block: b})
	m.leave()
	return doc.WalkSkipChildren
}

// mirror is the state of bookBlocks' walk.
type mirror struct {
	stack []mirrorFrame // the nodes being mirrored, the root first
	use   *termUse
	err   error
}

// mirrorFrame is one node being mirrored: a block, a list item or an
// inline, as kind says.
type mirrorFrame struct {
	kind   frameKind
	block  Block
	item   ListItem
	inline Inline
}

type frameKind int

const (
	frameBlock frameKind = iota
	frameItem
	frameInline
)

func (m *mirror) visit(n doc.Node, entering bool) doc.WalkStatus {
	if !entering {
		m.leave()
		return doc.WalkContinue
	}
	f := mirrorFrame{kind: frameBlock}
	switch n := n.(type) {
	case *doc.Heading:
		f.block = Block{Type: "heading", Pos: pos(n.Pos), Level: &n.Level, Inlines: make([]Inline, 0, len(n.Inlines)), Sentences: spans(n.Sentences), Attr: bookAttr(n.Attr)}
	case *doc.Paragraph:
		f.block = Block{Type: "paragraph", Pos: pos(n.Pos), Inlines: make([]Inline, 0, len(n.Inlines)), Sentences: spans(n.Sentences)}
	case *doc.LineBlock:
		f.block = Block{Type: "line_block", Pos: pos(n.Pos), Inlines: make([]Inline, 0, len(n.Inlines)), Sentences: spans(n.Sentences)}
	case *doc.CodeBlock:
		f.block = Block{Type: "code", Pos: pos(n.Pos), Info: &n.Info, Text: &n.Text, Attr: bookAttr(n.Attr)}
	case *doc.Quote:
		f.block = Block{Type: "quote", Pos: pos(n.Pos), Blocks: make([]Block, 0, len(n.Blocks))}
	case *doc.Div:
		f.block = Block{Type: "div", Pos: pos(n.Pos), Blocks: make([]Block, 0, len(n.Blocks)), Attr: bookAttr(n.Attr)}
	case *doc.List:
		f.block = Block{Type: "list", Pos: pos(n.Pos), Ordered: &n.Ordered, Start: &n.Start, Items: make([]ListItem, 0, len(n.Items))}
		if n.Style != doc.StyleDecimal {
			f.block.Style = (*string)(&n.Style)
		}
		if n.Delim != doc.DelimPeriod {
			f.block.Delim = (*string)(&n.Delim)
		}
	case *doc.ThematicBreak:
		f.block = Block{Type: "thematic_break", Pos: pos(n.Pos)}
	case *doc.ListItem:
		f = mirrorFrame{kind: frameItem, item: ListItem{Pos: pos(n.Pos), Blocks: make([]Block, 0, len(n.Blocks))}}
		switch n.Task {
		case doc.TaskOpen:
			f.item.Task = nonEmpty("open")
		case doc.TaskDone:
			f.item.Task = nonEmpty("done")
		}
	case *doc.Table:
		b := Block{Type: "table", Pos: pos(n.Pos), Attr: bookAttr(n.Attr), Number: &n.Number,
			Align: make([]string, len(n.Align)), Head: m.cells(n.Head), Rows: make([][]TableCell, len(n.Rows))}
		if n.Caption != nil {
			b.Caption = m.inlines(n.Caption)
		}
		for i, a := range n.Align {
			b.Align[i] = string(a)
		}
		for i, row := range n.Rows {
			b.Rows[i] = m.cells(row)
		}
		return m.whole(b)
	case *doc.Figure:
		if n.Image == nil {
			m.err = fmt.Errorf("figure without an image")
			return doc.WalkStop
		}
		return m.whole(Block{Type: "figure", Pos: pos(n.Pos), Attr: bookAttr(n.Attr), Number: &n.Number,
			Image: bookImage(n.Image), Alt: &n.Alt, ImageTitle: nonEmpty(n.Title), Caption: m.inlines(n.Caption)})
	case *doc.DefinitionList:
		f.block = Block{Type: "definition_list", Pos: pos(n.Pos), Definitions: make([]DefinitionItem, 0, len(n.Items))}
	case *doc.Definition:
		if n.Term == nil {
			m.err = fmt.Errorf("definition without a term")
			return doc.WalkStop
		}
		item := DefinitionItem{Pos: pos(n.Pos), Definitions: make([][]Block, len(n.Defs))}
		if t := m.blocks([]doc.Block{n.Term}); len(t) == 1 {
			item.Term = t[0]
		}
		for i, def := range n.Defs {
			item.Definitions[i] = m.blocks(def)
		}
		if m.err != nil {
			return doc.WalkStop
		}
		p := &m.stack[len(m.stack)-1].block
		p.Definitions = append(p.Definitions, item)
		return doc.WalkSkipChildren
	case *doc.Callout:
		kind := string(n.Kind)
		return m.whole(Block{Type: "callout", Pos: pos(n.Pos), Attr: bookAttr(n.Attr), Kind: &kind,
			Title: m.inlines(n.Title), Blocks: m.blocks(n.Blocks)})
	default:
		f = mirrorFrame{kind: frameInline}
		switch n := n.(type) {
		case *doc.Text:
			f.inline = Inline{Type: "text", Value: &n.Value}
		case *doc.Emph:
			f.inline = Inline{Type: "emph", Inlines: make([]Inline, 0, len(n.Inlines))}
		case *doc.Strong:
			f.inline = Inline{Type: "strong", Inlines: make([]Inline, 0, len(n.Inlines))}
		case *doc.Code:
			f.inline = Inline{Type: "code", Value: &n.Value}
		case *doc.Link:
			f.inline = Inline{Type: "link", URL: &n.URL, Inlines: make([]Inline, 0, len(n.Inlines)),
				Title: nonEmpty(n.Title), Attr: bookAttr(n.Attr)}
			if n.Internal() {
				f.inline.TargetDoc, f.inline.Fragment = &n.TargetDoc, &n.Fragment
			}
		case *doc.Strike:
			f.inline = Inline{Type: "strike", Inlines: make([]Inline, 0, len(n.Inlines))}
		case *doc.Sub:
			f.inline = Inline{Type: "sub", Inlines: make([]Inline, 0, len(n.Inlines))}
		case *doc.Sup:
			f.inline = Inline{Type: "sup", Inlines: make([]Inline, 0, len(n.Inlines))}
		case *doc.Span:
			f.inline = Inline{Type: "span", Inlines: make([]Inline, 0, len(n.Inlines)), Attr: bookAttr(n.Attr)}
		case *doc.InlineImage:
			if n.Image == nil {
				m.err = fmt.Errorf("inline image without an image")
				return doc.WalkStop
			}
			f.inline = Inline{Type: "image", Image: bookImage(n.Image), Alt: &n.Alt, Title: nonEmpty(n.Title), Attr: bookAttr(n.Attr)}
		case *doc.NoteRef:
			number := 0
			if n.Note != nil {
				number = n.Note.Number
			}
			f.inline = Inline{Type: "note_ref", Note: &number}
		case *doc.CrossRef:
			text, kind := n.Text(), string(n.Kind)
			f.inline = Inline{Type: "cross_ref", Value: &text, Target: &n.Target, RefKind: &kind, TargetDoc: &n.TargetDoc,
				Label: &n.Label, Number: &n.Number, Suffix: &n.Suffix}
		case *doc.Math:
			f.inline = Inline{Type: "math", Value: &n.Source, Display: &n.Display}
		case *doc.Abbr:
			if n.Term < 0 {
				m.err = fmt.Errorf("abbreviation %q: term %d does not exist (negative index)", n.Text, n.Term)
				return doc.WalkStop
			}
			if n.Term > m.use.max {
				m.use.max, m.use.text = n.Term, n.Text
			}
			f.inline = Inline{Type: "abbr", Value: &n.Text, Term: &n.Term}
		case *doc.LineBreak:
			f.inline = Inline{Type: "line_break"}
		default:
			m.err = fmt.Errorf("unknown node type %T", n)
			return doc.WalkStop
		}
	}
	m.stack = append(m.stack, f)
	return doc.WalkContinue
}

// leave appends the finished node on top of the stack to its parent.
func (m *mirror) leave() {
	f := m.stack[len(m.stack)-1]
	m.stack = m.stack[:len(m.stack)-1]
	p := &m.stack[len(m.stack)-1]
	switch {
	case f.kind == frameItem:
		p.block.Items = append(p.block.Items, f.item)
	case f.kind == frameBlock && p.kind == frameItem:
		p.item.Blocks = append(p.item.Blocks, f.block)
	case f.kind == frameBlock:
		p.block.Blocks = append(p.block.Blocks, f.block)
	case p.kind == frameInline:
		p.inline.Inlines = append(p.inline.Inlines, f.inline)
	default:
		p.block.Inlines = append(p.block.Inlines, f.inline)
	}
}

// skeletonMeta validates book.json's skeleton (the metadata, the number of
// documents, an empty glossary) and returns the JSON of its "meta".
func (w *Writer) skeletonMeta() ([]byte, error) {
	skel := Book{Meta: bookMeta(w.meta), DocumentCount: w.documents, Glossary: []GlossaryEntry{}}
	line, err := w.c.encode(w.c.book, "book", "book", skel)
	if err != nil {
		return nil, err
	}
	return skeletonMetaJSON(line)
}

// writeGlossary writes book.json's glossary, validating one entry at a
// time against the schema of one element of "glossary": an error names
// the entry, and an entry lists every sentence
// that uses its acronym, so the whole glossary at once would be one line of
// tens of megabytes for a large corpus.
func (w *Writer) writeGlossary(glossary []doc.Term) error {
	w.bookF.WriteString("[")
	tw := width(len(glossary))
	for i, t := range glossary {
		line, err := w.c.encode(w.c.bookTerm, "book", fmt.Sprintf("glossary term-%0*d", tw, i+1), bookTerm(t, w.sentenceCount(i)))
		if err != nil {
			return err
		}
		if i > 0 {
			w.bookF.WriteString(",")
		}
		w.bookF.Write(line[:len(line)-1])
	}
	w.bookF.WriteString("]")
	return w.bookF.err
}

// skeletonMetaJSON returns the JSON of "meta" of a marshalled Book.
func skeletonMetaJSON(line []byte) ([]byte, error) {
	var parts struct {
		Meta json.RawMessage `json:"meta"`
	}
	if err := json.Unmarshal(line, &parts); err != nil {
		return nil, fmt.Errorf("dataset: book: %w", err)
	}
	return parts.Meta, nil
}
