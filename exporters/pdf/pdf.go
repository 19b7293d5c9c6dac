// Package pdf writes seedpress's print edition: a book-quality PDF set in
// the embedded fonts (package fonts), read from the canonical model alone.
//
// The book has a title page, an imprint, a table of contents with page
// numbers, dot leaders and links, chapters opening on recto pages (parts on
// pages of their own, nested chapters on a new page), running heads and
// folios, and the acronym glossary as an appendix, all labelled in the
// book's language. Paragraphs are justified by the Knuth–Plass total-fit
// line breaker with Turkish hyphenation (turkish.HyphenationPoints; text in
// another language is not hyphenated), and paginated without widows or
// orphans. Footnotes are set at the foot of the page of their reference,
// continuing on the next page's foot when they must; tables have
// book-typography rules, column widths from their content and their header
// repeated on every page they span; figures float to the next page's top
// when they do not fit, with their captions ("Şekil 2: …"); callouts are
// boxed, line blocks set as verse, code wraps under its indentation behind
// a continuation mark. Cross-references, internal links and note marks are
// live links. The file has a PDF outline that mirrors the contents (parts,
// chapters and headings to the book's toc-depth), UTF-8 document
// information, /Lang and XMP metadata that agrees with the information
// dictionary.
//
// A Writer takes the book one document at a time (it is a doc.Sink) and
// keeps no more of it than one chapter; Write is the same for a whole
// doc.Book. A Checker finds, the same way, the characters the fonts cannot
// draw; Check is the same for a whole book.
//
// The output is a pure function of the book and the options: two runs give
// the same bytes.
//
// The files of the package follow the work: measure.go measures text in
// the embedded fonts, text.go turns inlines into runs and items,
// breaker.go breaks items into lines (Knuth–Plass), lines.go sets blocks
// into lines (blocks.go callouts, line blocks and definition lists,
// table.go tables, figure.go figures), pages.go flows lines onto pages,
// notes.go sets footnotes at the foot of the pages and keeps floating
// figures, book.go lays out the book's parts, draw.go draws pages into
// fpdf, spool.go keeps laid-out pages on disk until the front matter is
// drawn, and writer.go runs it all.
package pdf

import (
	"errors"
	"io"
	"time"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// Options tunes Write and NewWriter. The zero value is the default.
type Options struct {
	// Modified is the document's creation and modification date, in the
	// information dictionary and the XMP metadata. When zero, the book's
	// Meta.Date is used if it parses (doc.ParseDate), else 1970-01-01: the
	// package never reads the clock.
	Modified time.Time
	// Producer names the program, e.g. "seedpress v0.1.0"; "seedpress" when
	// empty. It is the PDF's Producer and Creator.
	Producer string
	// Checked tells a Writer that its caller gives the same documents to a
	// Checker and calls End only when the Checker found no error (as the
	// publish route does), so that the Writer need not check the book a
	// second time. A Writer given a book that fails the check anyway may
	// draw missing glyphs as blanks.
	Checked bool
}

// Info describes a written PDF.
type Info struct {
	Pages int
}

// Write writes the book as a PDF to w: it gives b to a Writer (see
// NewWriter) document by document. It refuses, with an error and without
// writing, a book that Check finds characters in that the fonts cannot
// draw, and a paper size other than a5, a4 or letter.
func Write(w io.Writer, b *doc.Book, opts Options) (Info, error) {
	if b == nil {
		return Info{}, errors.New("pdf: nil book")
	}
	pw := NewWriter(w, opts)
	if err := pw.Begin(b.Meta, len(b.Documents)); err != nil {
		return Info{}, err
	}
	for _, d := range b.Documents {
		if err := pw.Document(d); err != nil {
			return Info{}, err
		}
	}
	if err := pw.End(b.Glossary); err != nil {
		return Info{}, err
	}
	return pw.Info(), nil
}
