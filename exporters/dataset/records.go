package dataset

// The record types below are the rows of the dataset's tables. The JSON
// Schemas in schema/ are generated from them, with each description taken
// from the doc comment of the type or field, so these comments are the
// dataset's documentation: keep them true. `go generate` copies them (and
// book.go's) into comments.go, for binaries without the source; `make
// schema` runs it and rewrites schema/.
//
// Ids sort in reading order: every number in an id is 1-based and
// zero-padded to at least four digits, wider when a book needs more (all ids
// of one level in one book have the same width). Index columns are 0-based.
// Offsets come twice: char_start and char_end count Unicode code points
// (Python's str, DuckDB's substring, pandas), byte_start and byte_end count
// bytes of UTF-8 (Go, Rust, Arrow, a Node.js Buffer); each pair slices the
// parent text to the child's text exactly.

// Document is a row of the documents table: one seed file of the book.
type Document struct {
	// Document id: "doc-" and the 1-based reading-order number, e.g. "doc-0001".
	ID string `json:"id" jsonschema:"pattern=^doc-[0-9]{4\\,}$"`
	// 0-based position of the document in reading order.
	Index int `json:"index" jsonschema:"minimum=0"`
	// Path of the seed file relative to the seeds folder, slash-separated.
	Source string `json:"source" jsonschema:"minLength=1"`
	// Title of the document: its first heading, else the manifest's title, else a label such as "Bölüm 1".
	Title string `json:"title"`
	// Lower-case hex SHA-256 of the raw seed bytes, before decoding.
	SHA256 string `json:"sha256" jsonschema:"pattern=^[0-9a-f]{64}$"`
	// Detected encoding of the raw seed bytes.
	Encoding string `json:"encoding" jsonschema:"enum=utf-8,enum=utf-8-bom,enum=utf-16le,enum=utf-16be,enum=windows-1254,enum=iso-8859-9"`
	// Seed format: "text" for .txt seeds, "markdown" for .md seeds.
	Format string `json:"format" jsonschema:"enum=text,enum=markdown"`
	// Normalised plain text of the document: its paragraphs' texts joined by a blank line ("\n\n"). Paragraph offsets index it.
	Text string `json:"text"`
	// Length of text in Unicode code points.
	CharCount int `json:"char_count" jsonschema:"minimum=0"`
	// Sum of the word_count of the document's paragraphs.
	WordCount int `json:"word_count" jsonschema:"minimum=0"`
	// Number of rows of the paragraphs table that belong to the document.
	ParagraphCount int `json:"paragraph_count" jsonschema:"minimum=0"`
	// Number of rows of the sentences table that belong to the document.
	SentenceCount int `json:"sentence_count" jsonschema:"minimum=0"`
}

// Paragraph is a row of the paragraphs table: one text block of a document
// (a paragraph, heading, list item, quoted paragraph, code block, line
// block, a callout's or a definition list's paragraph, or a paragraph of a
// footnote), in reading order: the body's, then the footnotes', note by
// note.
type Paragraph struct {
	// Paragraph id: the document id, "-p" and the 1-based number in the document, e.g. "doc-0001-p0003".
	ID string `json:"id" jsonschema:"pattern=^doc-[0-9]{4\\,}-p[0-9]{4\\,}$"`
	// Id of the document the paragraph belongs to.
	DocumentID string `json:"document_id" jsonschema:"pattern=^doc-[0-9]{4\\,}$"`
	// 0-based position of the paragraph in its document.
	Index int `json:"index" jsonschema:"minimum=0"`
	// What the block is: "quote" is a paragraph inside a block quotation, "list_item" one inside a list item, "footnote" one inside a footnote, "callout" one inside a boxed note, "definition" one inside a definition of a definition list (the innermost container wins); "term" is the term a definition list defines; "line_block" is a block of lines whose breaks matter (poetry, addresses), one line of the text per line; "code" is preformatted text, not split into sentences.
	Kind string `json:"kind" jsonschema:"enum=paragraph,enum=heading,enum=quote,enum=list_item,enum=code,enum=footnote,enum=callout,enum=term,enum=definition,enum=line_block"`
	// Plain text of the block, markup removed.
	Text string `json:"text"`
	// Start of the paragraph in its document's text, in code points (inclusive).
	CharStart int `json:"char_start" jsonschema:"minimum=0"`
	// End of the paragraph in its document's text, in code points (exclusive).
	CharEnd int `json:"char_end" jsonschema:"minimum=0"`
	// Start of the paragraph in its document's text, in bytes of UTF-8 (inclusive).
	ByteStart int `json:"byte_start" jsonschema:"minimum=0"`
	// End of the paragraph in its document's text, in bytes of UTF-8 (exclusive).
	ByteEnd int `json:"byte_end" jsonschema:"minimum=0"`
	// Number of rows of the sentences table that belong to the paragraph (0 for code).
	SentenceCount int `json:"sentence_count" jsonschema:"minimum=0"`
	// Sum of the word_count of the paragraph's sentences; for code, the number of runs of non-space characters.
	WordCount int `json:"word_count" jsonschema:"minimum=0"`
	// The heading's id in the book, the target of links and cross-references (e.g. "sec-noktalama"); null for any other block.
	Anchor *string `json:"anchor" jsonschema:"nullable,minLength=1"`
	// The marker a reader sees before the paragraph when it is the first text block of a list item (of the innermost one, in nested lists): "•" for a bullet list, else the item's number as its list writes it ("3.", "c)", "(iv)", "IV."); null for any other paragraph, a later block of an item included.
	ListMarker *string `json:"list_marker" jsonschema:"nullable,minLength=1"`
	// The numbering of the list whose marker list_marker is: "bullet", "decimal", "lower-alpha", "upper-alpha", "lower-roman" or "upper-roman"; null when list_marker is.
	ListStyle *string `json:"list_style" jsonschema:"nullable,enum=bullet,enum=decimal,enum=lower-alpha,enum=upper-alpha,enum=lower-roman,enum=upper-roman"`
	// The box of a task list item shown before the paragraph: "open" (- [ ]) or "done" (- [x]); null when the paragraph has no list_marker or its item is not a task.
	Task *string `json:"task" jsonschema:"nullable,enum=open,enum=done"`
	// Number of the footnote the paragraph belongs to (1, 2, … per document, in the order of first reference); null for a paragraph of the body. A footnote's paragraphs follow the body's, note by note.
	NoteNumber *int `json:"note_number" jsonschema:"nullable,minimum=1"`
	// Id of the sentence that references the paragraph's footnote (the first reference's; the sentence that ends at or before the mark, else the first of its paragraph); null for a paragraph of the body, or when the reference stands where there are no sentences (a table cell, a caption, a callout's title).
	NoteRefSentenceID *string `json:"note_ref_sentence_id" jsonschema:"nullable,pattern=^doc-[0-9]{4\\,}-p[0-9]{4\\,}-s[0-9]{4\\,}$"`
	// BCP 47 tag of the language the block is marked as, when the book marks it: the lang attribute of the heading or code block itself, else of the innermost fenced div or callout holding it, else the document's front matter; null when nothing marks it (the book's language, book.json meta.lang). Spans marked inside a block do not change it.
	Lang *string `json:"lang" jsonschema:"nullable,minLength=1"`
}

// Sentence is a row of the sentences table: one sentence of a paragraph.
type Sentence struct {
	// Sentence id: the paragraph id, "-s" and the 1-based number in the paragraph, e.g. "doc-0001-p0003-s0002".
	ID string `json:"id" jsonschema:"pattern=^doc-[0-9]{4\\,}-p[0-9]{4\\,}-s[0-9]{4\\,}$"`
	// Id of the document the sentence belongs to.
	DocumentID string `json:"document_id" jsonschema:"pattern=^doc-[0-9]{4\\,}$"`
	// Id of the paragraph the sentence belongs to.
	ParagraphID string `json:"paragraph_id" jsonschema:"pattern=^doc-[0-9]{4\\,}-p[0-9]{4\\,}$"`
	// 0-based position of the sentence in its paragraph.
	Index int `json:"index" jsonschema:"minimum=0"`
	// Text of the sentence: the paragraph text from char_start to char_end.
	Text string `json:"text" jsonschema:"minLength=1"`
	// Start of the sentence in its paragraph's text, in code points (inclusive).
	CharStart int `json:"char_start" jsonschema:"minimum=0"`
	// End of the sentence in its paragraph's text, in code points (exclusive).
	CharEnd int `json:"char_end" jsonschema:"minimum=0"`
	// Start of the sentence in its paragraph's text, in bytes of UTF-8 (inclusive).
	ByteStart int `json:"byte_start" jsonschema:"minimum=0"`
	// End of the sentence in its paragraph's text, in bytes of UTF-8 (exclusive).
	ByteEnd int `json:"byte_end" jsonschema:"minimum=0"`
	// Words in the sentence; a word with an apostrophe suffix (İnternet’in, 1996’da) counts once.
	WordCount int `json:"word_count" jsonschema:"minimum=0"`
}

// Term is a row of the terms table: one acronym of the book's glossary,
// defined in the text as "Türkçe Ad (English Name - ACRONYM)" or
// "Türkçe Ad (ACRONYM)".
type Term struct {
	// Term id: "term-" and the 1-based number in glossary order, the order in which the acronyms are defined (reading order), so that term ids, like every other id, sort in reading order, e.g. "term-0001".
	ID string `json:"id" jsonschema:"pattern=^term-[0-9]{4\\,}$"`
	// The acronym as written, e.g. "ICANN".
	Acronym string `json:"acronym" jsonschema:"pattern=^[0-9A-ZÇĞİÖŞÜ][0-9A-Za-zÇĞİÖŞÜçğıöşü&.-]*$"`
	// Turkish long form, e.g. "İnternet Tahsisli Sayılar ve İsimler Kurumu".
	Expansion string `json:"expansion" jsonschema:"minLength=1"`
	// English long form, or null when the definition gives none.
	ExpansionEN *string `json:"expansion_en" jsonschema:"nullable,minLength=1"`
	// Id of the sentence that defines the acronym.
	FirstSentenceID string `json:"first_sentence_id" jsonschema:"pattern=^doc-[0-9]{4\\,}-p[0-9]{4\\,}-s[0-9]{4\\,}$"`
	// Number of mentions of the acronym in the book, suffixed forms (ICANN’in) and the definition included.
	Occurrences int `json:"occurrences" jsonschema:"minimum=1"`
	// Number of sentences that mention the acronym, the definition's included: the term's rows in the mentions table.
	SentenceCount int `json:"sentence_count" jsonschema:"minimum=1"`
}

// Mention is a row of the mentions table: a sentence that mentions a term
// of the glossary. Rows come in reading order of the sentences, and within
// a sentence in glossary order, each pair once: the join between the terms
// and the sentences tables.
type Mention struct {
	// Id of the term mentioned.
	TermID string `json:"term_id" jsonschema:"pattern=^term-[0-9]{4\\,}$"`
	// Id of the sentence that mentions it.
	SentenceID string `json:"sentence_id" jsonschema:"pattern=^doc-[0-9]{4\\,}-p[0-9]{4\\,}-s[0-9]{4\\,}$"`
	// Id of the document the sentence belongs to.
	DocumentID string `json:"document_id" jsonschema:"pattern=^doc-[0-9]{4\\,}$"`
}

// Table is a row of the tables table: one table of a document, its cells
// as plain text. Cells and captions are not split into sentences: they are
// not in the paragraphs and sentences tables.
type Table struct {
	// Table id: the document id, "-t" and the 1-based number of the table in the document, e.g. "doc-0001-t0001".
	ID string `json:"id" jsonschema:"pattern=^doc-[0-9]{4\\,}-t[0-9]{4\\,}$"`
	// Id of the document the table belongs to.
	DocumentID string `json:"document_id" jsonschema:"pattern=^doc-[0-9]{4\\,}$"`
	// 0-based position of the table among the document's tables.
	Index int `json:"index" jsonschema:"minimum=0"`
	// The table's number through the book (1, 2, …), as its caption and cross-references show it ("Tablo 4"); 0 when the book did not number it.
	Number int `json:"number" jsonschema:"minimum=0"`
	// The table's id in the book, the target of links and cross-references (e.g. "tbl-nufus"); null when the author gave none.
	Anchor *string `json:"anchor" jsonschema:"nullable,minLength=1"`
	// Plain text of the caption, markup removed; null when the table has none.
	Caption *string `json:"caption" jsonschema:"nullable"`
	// Alignment of each column: "default", "left", "center" or "right".
	Alignments []string `json:"alignments" jsonschema:"enum=default,enum=left,enum=center,enum=right"`
	// Plain text of the header row's cells, one per column.
	Header []string `json:"header"`
	// The body rows, each an array of the plain text of its cells, one per column (a short row of the source is padded with empty cells, as GFM does).
	Rows [][]string `json:"rows"`
}

// Figure is a row of the figures table: one figure of a document (an image
// alone in its paragraph), whose image file is copied into the dataset.
type Figure struct {
	// Figure id: the document id, "-f" and the 1-based number of the figure in the document, e.g. "doc-0001-f0001".
	ID string `json:"id" jsonschema:"pattern=^doc-[0-9]{4\\,}-f[0-9]{4\\,}$"`
	// Id of the document the figure belongs to.
	DocumentID string `json:"document_id" jsonschema:"pattern=^doc-[0-9]{4\\,}$"`
	// 0-based position of the figure among the document's figures.
	Index int `json:"index" jsonschema:"minimum=0"`
	// The figure's number through the book (1, 2, …), as its caption and cross-references show it ("Şekil 2"); 0 when the book did not number it.
	Number int `json:"number" jsonschema:"minimum=0"`
	// The figure's id in the book, the target of links and cross-references (e.g. "fig-harita"); null when the author gave none.
	Anchor *string `json:"anchor" jsonschema:"nullable,minLength=1"`
	// Plain text of the caption (the image's alt text as written, markup removed).
	Caption string `json:"caption"`
	// The image's alt text: the caption's plain text, for readers who cannot see the image.
	Alt string `json:"alt"`
	// Path of the image file in the dataset, "media/" and its SHA-256 and extension, e.g. "media/3f…a9.png": each distinct image is copied once, however many figures or paths use it.
	MediaPath string `json:"media_path" jsonschema:"pattern=^media/[0-9a-f]{64}[.][a-z]{3}$"`
	// Path of the image in the seeds folder, slash-separated, e.g. "resimler/harita.png".
	SourcePath string `json:"source_path" jsonschema:"minLength=1"`
	// Media type of the image, decided by its content.
	MediaType string `json:"media_type" jsonschema:"enum=image/png,enum=image/jpeg,enum=image/svg+xml"`
	// Width in pixels.
	Width int `json:"width" jsonschema:"minimum=0"`
	// Height in pixels.
	Height int `json:"height" jsonschema:"minimum=0"`
	// Lower-case hex SHA-256 of the image file.
	SHA256 string `json:"sha256" jsonschema:"pattern=^[0-9a-f]{64}$"`
}

// Link is a row of the links table: one hyperlink or cross-reference of a
// document, in reading order.
type Link struct {
	// Link id: the document id, "-l" and the 1-based number of the link in the document, e.g. "doc-0001-l0001".
	ID string `json:"id" jsonschema:"pattern=^doc-[0-9]{4\\,}-l[0-9]{4\\,}$"`
	// Id of the document the link is in.
	DocumentID string `json:"document_id" jsonschema:"pattern=^doc-[0-9]{4\\,}$"`
	// 0-based position of the link among the document's links: its body's in reading order, then its footnotes'.
	Index int `json:"index" jsonschema:"minimum=0"`
	// Id of the sentence that holds the link (the one its text starts in); null when the link is in a table cell, a caption or a callout's title, which are not split into sentences.
	SentenceID *string `json:"sentence_id" jsonschema:"nullable,pattern=^doc-[0-9]{4\\,}-p[0-9]{4\\,}-s[0-9]{4\\,}$"`
	// "external" for a link out of the book, "internal" for a link to a document of the book or an element in it ([bkz.](#noktalama)), "cross_reference" for a numbered reference (@fig-harita) that the book writes as "Şekil 2".
	Kind string `json:"kind" jsonschema:"enum=external,enum=internal,enum=cross_reference"`
	// Plain text of the link as a reader sees it ("bkz.", "Şekil 2’de").
	Text string `json:"text"`
	// The URL as the author wrote it (external and internal links); null for a cross-reference.
	URL *string `json:"url" jsonschema:"nullable"`
	// The anchor of the element the link points at: a heading's, table's or figure's (the anchor column of paragraphs, tables and figures; internal links and cross-references); null for an external link, or an internal link to the start of a document.
	TargetAnchor *string `json:"target_anchor" jsonschema:"nullable,minLength=1"`
	// Id of the document the link points into (internal links and cross-references); null for an external link.
	TargetDocumentID *string `json:"target_document_id" jsonschema:"nullable,pattern=^doc-[0-9]{4\\,}$"`
}
