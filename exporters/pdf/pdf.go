// Package pdf writes seedpress's print edition: a book-quality PDF set in
// the embedded fonts (package fonts), read from the canonical model alone.
//
// The book has a title page, an imprint, a table of contents with page
// numbers, dot leaders and links, chapters opening on recto pages, running
// heads and folios, and the acronym glossary as an appendix, all labelled in
// the book's language. Paragraphs are justified by the Knuth–Plass total-fit
// line breaker with Turkish hyphenation (turkish.HyphenationPoints), and
// paginated without widows or orphans. The file has a PDF outline that
// mirrors the contents, UTF-8 document information, /Lang and XMP metadata
// that agrees with the information dictionary.
//
// The output is a pure function of the book and the options: two runs give
// the same bytes.
package pdf

import (
	"errors"
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// Options tunes Write. The zero value is the default.
type Options struct {
	// Modified is the document's creation and modification date, in the
	// information dictionary and the XMP metadata. When zero, the book's
	// Meta.Date is used if it parses (YYYY, YYYY-MM or YYYY-MM-DD), else
	// 1970-01-01: Write never reads the clock.
	Modified time.Time
	// Producer names the program, e.g. "seedpress v0.1.0"; "seedpress" when
	// empty. It is the PDF's Producer and Creator.
	Producer string
}

// Info describes a written PDF.
type Info struct {
	Pages int
}

// Write writes the book as a PDF to w. It refuses, with an error and
// without writing, a book that Check finds characters in that the fonts
// cannot draw, and a paper size other than a5, a4 or letter.
func Write(w io.Writer, b *doc.Book, opts Options) (Info, error) {
	if b == nil {
		return Info{}, errors.New("pdf: nil book")
	}
	if err := Check(b).Err(); err != nil {
		return Info{}, fmt.Errorf("pdf: %w", err)
	}
	g, err := geometryFor(b.Meta.PaperSize)
	if err != nil {
		return Info{}, err
	}
	p := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: g.w, Ht: g.h}})
	p.SetCatalogSort(true)
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	p.SetCompression(true)
	if err := addFonts(p); err != nil {
		return Info{}, err
	}
	m := newFontMeasurer(p)
	// The body is laid out twice, so that no more than one chapter's layout
	// is live at a time: pass 1 only counts its pages and finds where its
	// headings land, for the table of contents and the links, and records
	// every paragraph's line breaks; pass 2, after the front matter is
	// drawn, lays the body out again with those breaks and draws each page
	// as soon as it is laid out.
	// Both passes measure the same text, so pass 2 finds every width in the
	// measurer's cache and does not change fpdf's current font while it
	// draws.
	body, err := layoutBody(b, m, g, func(*page) {}, true, nil)
	if err != nil {
		return Info{}, err
	}
	front, err := layoutFront(b, m, g, body)
	if err != nil {
		return Info{}, err
	}
	if err := p.Error(); err != nil {
		return Info{}, fmt.Errorf("pdf: layout: %w", err)
	}

	meta := b.Meta
	mod := opts.Modified
	if mod.IsZero() {
		mod = dateOf(meta.Date)
	}
	mod = mod.UTC().Truncate(time.Second)
	producer := opts.Producer
	if producer == "" {
		producer = "seedpress"
	}
	lang := meta.Lang
	if lang == "" {
		lang = "tr"
	}
	p.SetCreationDate(mod)
	p.SetModificationDate(mod)
	p.SetTitle(meta.Title, true)
	p.SetAuthor(strings.Join(meta.Authors, ", "), true)
	p.SetSubject(subject(meta), true)
	p.SetKeywords(strings.Join(meta.Subjects, ", "), true)
	p.SetCreator(producer, true)
	p.SetProducer(producer, true)
	p.SetLang(pdfString(lang))
	p.SetXmpMetadata(xmp(meta, lang, producer, mod))

	offset := len(front.pages)
	d := newDrawer(p, m.font, g, meta.Title, m, shiftDests(body.dests, offset))
	for _, pg := range front.pages {
		d.draw(pg)
	}
	again, err := layoutBody(b, m, g, func(pg *page) {
		pg.num += offset
		d.draw(pg)
	}, false, body.breaks)
	if err != nil {
		return Info{}, err
	}
	if d.err != nil {
		return Info{}, d.err
	}
	if again.npages != body.npages || again.next != len(body.breaks) {
		return Info{}, fmt.Errorf("pdf: the body changed between passes (%d, then %d pages; %d of %d paragraphs' breaks used)",
			body.npages, again.npages, again.next, len(body.breaks))
	}
	var out keeper
	if err := p.Output(&out); err != nil {
		return Info{}, fmt.Errorf("pdf: output: %w", err)
	}
	if err := finish(w, out.b); err != nil {
		return Info{}, err
	}
	return Info{Pages: offset + body.npages}, nil
}

// keeper receives fpdf's output. fpdf.Output hands its whole finished
// file to a single Write and never touches that buffer again, so keeper
// keeps the first slice it is given instead of copying it, against the
// letter of io.Writer: that saves a copy of the whole file, hundreds of
// megabytes for a long book. Any later Write appends as usual.
type keeper struct{ b []byte }

func (k *keeper) Write(p []byte) (int, error) {
	if k.b == nil {
		k.b = p
	} else {
		k.b = append(k.b[:len(k.b):len(k.b)], p...)
	}
	return len(p), nil
}

// subject is the document's Subject: the description, else the subtitle.
func subject(m doc.Meta) string {
	if s := strings.TrimSpace(m.Description); s != "" {
		return s
	}
	return m.Subtitle
}

// pdfString keeps the characters of a BCP 47 tag, so that it can stand in a
// PDF literal string unescaped.
func pdfString(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// dateOf parses a manifest date, or returns the Unix epoch.
func dateOf(s string) time.Time {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	return time.Unix(0, 0).UTC()
}

// xmp returns the XMP packet: the same title, authors, subject, keywords,
// producer and dates as the information dictionary, plus the language.
func xmp(m doc.Meta, lang, producer string, mod time.Time) []byte {
	e := html.EscapeString
	date := mod.Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` + "\n")
	b.WriteString(`<dc:format>application/pdf</dc:format>` + "\n")
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", e(m.Title))
	if len(m.Authors) > 0 {
		b.WriteString("<dc:creator><rdf:Seq>")
		for _, a := range m.Authors {
			fmt.Fprintf(&b, "<rdf:li>%s</rdf:li>", e(a))
		}
		b.WriteString("</rdf:Seq></dc:creator>\n")
	}
	if s := subject(m); s != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", e(s))
	}
	if len(m.Subjects) > 0 {
		b.WriteString("<dc:subject><rdf:Bag>")
		for _, s := range m.Subjects {
			fmt.Fprintf(&b, "<rdf:li>%s</rdf:li>", e(s))
		}
		b.WriteString("</rdf:Bag></dc:subject>\n")
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", e(strings.Join(m.Subjects, ", ")))
	}
	if m.Publisher != "" {
		fmt.Fprintf(&b, "<dc:publisher><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:publisher>\n", e(m.Publisher))
	}
	if m.Rights != "" {
		fmt.Fprintf(&b, "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:rights>\n", e(m.Rights))
	}
	fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", e(lang))
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", date, date, date)
	fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n<pdf:Producer>%s</pdf:Producer>\n", e(producer), e(producer))
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}
