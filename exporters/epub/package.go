package epub

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// xmlHeader opens every XML file of the EPUB.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// htmlOpen returns the <html> start tag of an XHTML document in lang.
func htmlOpen(lang string) string {
	return `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="` +
		esc(lang) + `" xml:lang="` + esc(lang) + `">`
}

// packageDocument returns package.opf: the metadata, including the EPUB
// Accessibility 1.1 statements, the manifest sorted by href and the spine in
// reading order.
func (p *book) packageDocument() []byte {
	m, l := p.meta, p.labels
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	b.WriteString(xmlHeader)
	w(`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="%s">`+"\n", esc(m.Lang))
	b.WriteString(`  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">` + "\n")
	w("    <dc:identifier id=\"pub-id\">%s</dc:identifier>\n", esc(m.Identifier))
	w("    <dc:title id=\"title\">%s</dc:title>\n", esc(m.Title))
	w("    <meta refines=\"#title\" property=\"title-type\">main</meta>\n")
	if m.Subtitle != "" {
		w("    <dc:title id=\"subtitle\">%s</dc:title>\n", esc(m.Subtitle))
		w("    <meta refines=\"#subtitle\" property=\"title-type\">subtitle</meta>\n")
	}
	for i, a := range m.Authors {
		w("    <dc:creator id=\"creator-%d\">%s</dc:creator>\n", i+1, esc(a))
		w("    <meta refines=\"#creator-%d\" property=\"role\" scheme=\"marc:relators\">aut</meta>\n", i+1)
	}
	w("    <dc:language>%s</dc:language>\n", esc(m.Lang))
	if m.Date != "" {
		w("    <dc:date>%s</dc:date>\n", esc(m.Date))
	}
	if m.Publisher != "" {
		w("    <dc:publisher>%s</dc:publisher>\n", esc(m.Publisher))
	}
	if m.Rights != "" {
		w("    <dc:rights>%s</dc:rights>\n", esc(m.Rights))
	}
	if m.Description != "" {
		w("    <dc:description>%s</dc:description>\n", esc(m.Description))
	}
	for _, s := range m.Subjects {
		w("    <dc:subject>%s</dc:subject>\n", esc(s))
	}
	w("    <meta property=\"dcterms:modified\">%s</meta>\n", m.Modified.Format("2006-01-02T15:04:05Z"))
	for _, a := range p.accessibility() {
		w("    <meta property=\"%s\">%s</meta>\n", a[0], esc(a[1]))
	}
	w("    <meta property=\"schema:accessibilitySummary\">%s</meta>\n", esc(l.Summary))
	w("    <meta name=\"cover\" content=\"kapak-gorseli\"/>\n")
	if m.Generator != "" {
		w("    <meta name=\"generator\" content=\"%s\"/>\n", esc(m.Generator))
	}
	b.WriteString("  </metadata>\n  <manifest>\n")
	items := append([]*item(nil), p.items...)
	sort.Slice(items, func(i, j int) bool { return items[i].Href < items[j].Href })
	for _, it := range items {
		w("    <item id=\"%s\" href=\"%s\" media-type=\"%s\"", it.ID, it.Href, it.MediaType)
		if it.Properties != "" {
			w(" properties=\"%s\"", it.Properties)
		}
		b.WriteString("/>\n")
	}
	b.WriteString("  </manifest>\n  <spine toc=\"ncx\">\n")
	for _, it := range p.items {
		if it.Linear {
			w("    <itemref idref=\"%s\"/>\n", it.ID)
		}
	}
	b.WriteString("  </spine>\n</package>\n")
	return []byte(b.String())
}

// accessibility returns the EPUB Accessibility 1.1 metadata that holds for
// every book this package writes, as (property, value) pairs.
//
//   - accessMode: textual, and visual for the cover, which is an image.
//     accessModeSufficient textual: the cover has alt text, and its words are
//     the title page's.
//   - accessibilityFeature: structuralNavigation (headings and sections),
//     tableOfContents (the nav), readingOrder (the spine is the reading
//     order), alternativeText (the cover's alt), displayTransformability (no
//     forced fonts, colours or sizes).
//   - accessibilityHazard none: no sound, motion or flashing.
//   - conformsTo WCAG 2.2 AA: the tests hold every book written here to Ace
//     with zero violations. certifiedBy names the program that makes the
//     claim, since no person has certified the book.
func (p *book) accessibility() [][2]string {
	certifier := p.meta.Generator
	if certifier == "" {
		certifier = "seedpress"
	}
	return [][2]string{
		{"schema:accessMode", "textual"},
		{"schema:accessMode", "visual"},
		{"schema:accessModeSufficient", "textual"},
		{"schema:accessibilityFeature", "structuralNavigation"},
		{"schema:accessibilityFeature", "tableOfContents"},
		{"schema:accessibilityFeature", "readingOrder"},
		{"schema:accessibilityFeature", "alternativeText"},
		{"schema:accessibilityFeature", "displayTransformability"},
		{"schema:accessibilityHazard", "none"},
		{"dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"},
		{"a11y:certifiedBy", certifier},
	}
}

// navDocument returns nav.xhtml: the table of contents and the landmarks,
// labelled in the book's language.
func (p *book) navDocument() []byte {
	l := p.labels
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString("<!DOCTYPE html>\n")
	b.WriteString(htmlOpen(p.meta.Lang) + "\n")
	b.WriteString("  <head>\n    <title>" + esc(l.Contents) + "</title>\n")
	b.WriteString(`    <link rel="stylesheet" type="text/css" href="css/style.css"/>` + "\n  </head>\n  <body>\n")
	b.WriteString(`    <nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-baslik">` + "\n")
	b.WriteString(`      <h1 id="toc-baslik">` + esc(l.Contents) + "</h1>\n      <ol>\n")
	for _, it := range p.items {
		if it.TOC != "" {
			b.WriteString(`        <li><a href="` + it.Href + `">` + esc(it.TOC) + "</a></li>\n")
		}
	}
	b.WriteString("      </ol>\n    </nav>\n")
	b.WriteString(`    <nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-baslik" hidden="hidden">` + "\n")
	b.WriteString(`      <h2 id="landmarks-baslik">` + esc(l.Landmarks) + "</h2>\n      <ol>\n")
	for _, it := range p.items {
		if it.Landmark == "" {
			continue
		}
		href := it.Href
		if it.Landmark == "toc" {
			href += "#toc"
		}
		b.WriteString(`        <li><a epub:type="` + it.Landmark + `" href="` + href + `">` + esc(it.Label) + "</a></li>\n")
	}
	b.WriteString("      </ol>\n    </nav>\n  </body>\n</html>\n")
	return []byte(b.String())
}

// ncxDocument returns toc.ncx, the EPUB 2 table of contents for older
// readers, with the same entries as the nav.
func (p *book) ncxDocument() []byte {
	m := p.meta
	var b strings.Builder
	b.WriteString(xmlHeader)
	b.WriteString(`<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="` + esc(m.Lang) + `">` + "\n")
	b.WriteString("  <head>\n")
	b.WriteString(`    <meta name="dtb:uid" content="` + esc(m.Identifier) + `"/>` + "\n")
	b.WriteString(`    <meta name="dtb:depth" content="1"/>` + "\n")
	b.WriteString(`    <meta name="dtb:totalPageCount" content="0"/>` + "\n")
	b.WriteString(`    <meta name="dtb:maxPageNumber" content="0"/>` + "\n")
	b.WriteString("  </head>\n")
	b.WriteString("  <docTitle>\n    <text>" + esc(m.Title) + "</text>\n  </docTitle>\n")
	for _, a := range m.Authors {
		b.WriteString("  <docAuthor>\n    <text>" + esc(a) + "</text>\n  </docAuthor>\n")
	}
	b.WriteString("  <navMap>\n")
	n := 0
	for _, it := range p.items {
		if it.TOC == "" {
			continue
		}
		n++
		num := strconv.Itoa(n)
		b.WriteString(`    <navPoint id="navpoint-` + num + `" playOrder="` + num + `">` + "\n")
		b.WriteString("      <navLabel>\n        <text>" + esc(it.TOC) + "</text>\n      </navLabel>\n")
		b.WriteString(`      <content src="` + it.Href + `"/>` + "\n    </navPoint>\n")
	}
	b.WriteString("  </navMap>\n</ncx>\n")
	return []byte(b.String())
}
