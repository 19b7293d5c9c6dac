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
// (a paragraph, heading, list item, quoted paragraph or code block), in
// reading order.
type Paragraph struct {
	// Paragraph id: the document id, "-p" and the 1-based number in the document, e.g. "doc-0001-p0003".
	ID string `json:"id" jsonschema:"pattern=^doc-[0-9]{4\\,}-p[0-9]{4\\,}$"`
	// Id of the document the paragraph belongs to.
	DocumentID string `json:"document_id" jsonschema:"pattern=^doc-[0-9]{4\\,}$"`
	// 0-based position of the paragraph in its document.
	Index int `json:"index" jsonschema:"minimum=0"`
	// What the block is: "quote" is a paragraph inside a block quotation and "list_item" one inside a list item (the innermost container wins); "code" is preformatted text, not split into sentences.
	Kind string `json:"kind" jsonschema:"enum=paragraph,enum=heading,enum=quote,enum=list_item,enum=code"`
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
