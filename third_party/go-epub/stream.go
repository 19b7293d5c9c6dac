// seedpress: this file is new. Upstream's Epub holds every section until
// WriteTo, writes them all to a temporary folder, zips that folder with the
// wall clock on every entry and a manifest in map order, and cannot state a
// language, meta properties or landmarks. Writer writes the archive once, in
// one pass, as its files are given, and nothing else of the package changes
// for it (see PATCHES.md).

package epub

import (
	"archive/zip"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Item is one file of the publication as the package document, the nav and
// the NCX list it. The manifest lists every item sorted by Href; the spine,
// the table of contents and the landmarks list theirs by Order, then in the
// order they were given.
type Item struct {
	ID         string // the manifest id
	Href       string // relative to the package document, e.g. "xhtml/ch1.xhtml"
	MediaType  string
	Properties string // e.g. "cover-image"; "" for none
	// Order is the item's place in the reading order. Files are written in
	// the order they are given, which need not be the reading order: a title
	// page that needs the whole book is given last and read second.
	Order  int
	Linear bool   // listed in the spine
	TOC    string // its label in the table of contents; "" when not listed
	// Landmark is the epub:type of its entry in the landmarks nav
	// ("cover", "bodymatter", ...), Label that entry's text; "" for none.
	Landmark, Label string
}

// Metadata is one element of the package document's <metadata>, written in
// the order given: <Element attributes>Value</Element>, or an empty element
// when Value is empty and Name is set (<meta name="cover" content="..."/>).
// The attributes are written in the order of the fields, each when set.
type Metadata struct {
	Element  string // "dc:title", "meta", ...
	ID       string
	Refines  string
	Property string
	Scheme   string
	Name     string
	Content  string
	Value    string
}

// Package describes the package document, the nav and the NCX, which Close
// writes.
type Package struct {
	Identifier string // dc:identifier (id "pub-id") and the NCX's dtb:uid
	Title      string // the NCX's docTitle
	Authors    []string
	// Metadata follows dc:identifier in <metadata>. The element with
	// Property "dcterms:modified" gets the Writer's time, in UTC to the
	// second; Close adds one at the end when there is none.
	Metadata []Metadata
	// The nav document (nav.xhtml, id "nav"): its place in the reading
	// order, its title and heading (and its landmark's label), the heading
	// of its landmarks and its stylesheet, relative to it ("" for none).
	NavOrder       int
	NavTitle       string
	LandmarksTitle string
	NavCSS         string
}

// Writer writes an EPUB 3 into a zip stream in one pass. NewWriter writes
// the mimetype (first and stored, as OCF requires) and META-INF/container.xml;
// AddFile and AddSection write a file into the archive at once and keep one
// Item of it; Close writes the nav, the NCX and the package document from
// those items and ends the archive. Every entry but the mimetype is deflated
// and carries the time given to NewWriter: the output is a function of the
// calls alone, and memory holds one file at a time.
type Writer struct {
	z        *zip.Writer
	lang     string
	modified time.Time // of the package document, UTC to the second
	zipTime  time.Time // of the entries: modified, or 1980 when earlier
	items    []Item
	hrefs    map[string]bool
	err      error // the first error; every later call returns it
}

// dosEpoch is the earliest time a zip entry can carry.
var dosEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// NewWriter starts an EPUB in lang (a BCP 47 tag, stated on the package
// document, the nav, the NCX and every section), modified at modified, on
// dst.
func NewWriter(dst io.Writer, lang string, modified time.Time) (*Writer, error) {
	w := &Writer{z: zip.NewWriter(dst), lang: lang, modified: modified.UTC().Truncate(time.Second), hrefs: map[string]bool{}}
	w.zipTime = w.modified
	if w.zipTime.Before(dosEpoch) {
		w.zipTime = dosEpoch
	}
	mt := []byte(mediaTypeEpub)
	// CreateRaw writes the header as given: stored, sizes and CRC known up
	// front (no data descriptor), no extra field and no time. A time would
	// add an extra field, which epubcheck reports (PKG-005).
	fw, err := w.z.CreateRaw(&zip.FileHeader{
		Name:               mimetypeFilename,
		Method:             zip.Store,
		CreatorVersion:     20,
		ReaderVersion:      20,
		CRC32:              crc32.ChecksumIEEE(mt),
		CompressedSize64:   uint64(len(mt)),
		UncompressedSize64: uint64(len(mt)),
	})
	if err == nil {
		_, err = fw.Write(mt)
	}
	if err != nil {
		return nil, fmt.Errorf("write mimetype: %w", err)
	}
	container := fmt.Sprintf(containerFileTemplate, contentFolderName, pkgFilename)
	if err := w.create(metaInfFolderName+"/"+containerFilename, writeBytes([]byte(container))); err != nil {
		return nil, err
	}
	return w, nil
}

// create writes one deflated entry, its content with write.
func (w *Writer) create(name string, write func(io.Writer) error) error {
	fw, err := w.z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: w.zipTime})
	if err == nil {
		err = write(fw)
	}
	if err == nil {
		// Hand the entry to dst now rather than when a buffer fills: all but
		// the compressor's tail, which the next entry or Close ends.
		err = w.z.Flush()
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// add checks it and writes its file with write.
func (w *Writer) add(it Item, write func(io.Writer) error) error {
	if w.err != nil {
		return w.err
	}
	switch {
	case it.ID == "" || it.Href == "" || it.MediaType == "":
		w.err = fmt.Errorf("item %q (%s): id, href and media type are required", it.ID, it.Href)
	case it.Href != path.Clean(it.Href) || strings.HasPrefix(it.Href, "/") || strings.HasPrefix(it.Href, "../"):
		w.err = fmt.Errorf("item %s: href %q is not a clean relative path", it.ID, it.Href)
	case w.hrefs[it.Href] || it.Href == tocNavFilename || it.Href == tocNcxFilename || it.Href == pkgFilename:
		w.err = &FilenameAlreadyUsedError{Filename: it.Href}
	}
	if w.err != nil {
		return w.err
	}
	w.hrefs[it.Href] = true
	w.items = append(w.items, it)
	if err := w.create(contentFolderName+"/"+it.Href, write); err != nil {
		w.err = err
	}
	return w.err
}

// AddFile writes data as the file of it, e.g. a stylesheet or an image.
func (w *Writer) AddFile(it Item, data []byte) error { return w.add(it, writeBytes(data)) }

// writeBytes returns a function that writes data.
func writeBytes(data []byte) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	}
}

// AddSection writes the XHTML section of it: body, which must be XHTML that
// may stand between <body> tags (it is not checked), in upstream's section
// template (the one AddSection uses) with title as <title>, cssPath (relative
// to the section, "" for none) as its stylesheet, and the Writer's language
// on <html>. The section is handed to the archive's writer before
// AddSection returns (all but the compressor's tail, which the next file
// ends), and only its Item is kept.
func (w *Writer) AddSection(it Item, title, cssPath, body string) error {
	if w.err != nil {
		return w.err
	}
	if it.MediaType == "" {
		it.MediaType = mediaTypeXhtml
	}
	x, err := newXhtml(body)
	if err != nil {
		w.err = fmt.Errorf("section %s: %w", it.Href, err)
		return w.err
	}
	x.setTitle(title)
	x.setXmlnsEpub(xmlnsEpub)
	x.setLang(w.lang)
	if cssPath != "" {
		x.setCSS(cssPath)
	}
	return w.add(it, x.writeTo)
}

// Close writes the nav (nav.xhtml), the NCX (toc.ncx) and the package
// document (package.opf) of every item given, and ends the archive. It does
// not close the underlying writer.
func (w *Writer) Close(p Package) error {
	if w.err != nil {
		return w.err
	}
	nav := Item{ID: tocNavItemID, Href: tocNavFilename, MediaType: mediaTypeXhtml, Properties: tocNavItemProperties,
		Order: p.NavOrder, Linear: true, Landmark: tocNavEpubType, Label: p.NavTitle}
	ncx := Item{ID: tocNcxItemID, Href: tocNcxFilename, MediaType: mediaTypeNcx}
	items := append(w.items[:len(w.items):len(w.items)], nav, ncx)
	ids := map[string]bool{}
	for _, it := range items {
		if ids[it.ID] {
			w.err = fmt.Errorf("two items with id %q", it.ID)
			return w.err
		}
		ids[it.ID] = true
	}
	reading := append([]Item(nil), items...)
	sort.SliceStable(reading, func(i, j int) bool { return reading[i].Order < reading[j].Order })
	for _, f := range []struct {
		name string
		data []byte
	}{
		{tocNavFilename, w.navDocument(p, reading)},
		{tocNcxFilename, w.ncxDocument(p, reading)},
		{pkgFilename, w.packageDocument(p, items, reading)},
	} {
		if err := w.create(contentFolderName+"/"+f.name, writeBytes(f.data)); err != nil {
			w.err = err
			return err
		}
	}
	if err := w.z.Close(); err != nil {
		w.err = fmt.Errorf("close archive: %w", err)
		return w.err
	}
	w.err = errors.New("epub: Writer is closed")
	return nil
}

// xmlDeclaration opens every XML file that Close writes.
const xmlDeclaration = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// packageDocument renders package.opf: the metadata in the order given, the
// manifest sorted by href (never map order) and the spine in reading order.
func (w *Writer) packageDocument(p Package, items, reading []Item) []byte {
	var b strings.Builder
	b.WriteString(xmlDeclaration)
	b.WriteString(`<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="` + pkgUniqueIdentifier + `" xml:lang="` + esc(w.lang) + `">` + "\n")
	b.WriteString(`  <metadata xmlns:dc="` + xmlnsDc + `">` + "\n")
	b.WriteString(`    <dc:identifier id="` + pkgUniqueIdentifier + `">` + esc(p.Identifier) + "</dc:identifier>\n")
	modified := Metadata{Element: "meta", Property: pkgModifiedProperty}
	dated := false
	for _, m := range p.Metadata {
		if m.Property == pkgModifiedProperty {
			m.Value, dated = w.modified.Format("2006-01-02T15:04:05Z"), true
		}
		writeMetadata(&b, m)
	}
	if !dated {
		modified.Value = w.modified.Format("2006-01-02T15:04:05Z")
		writeMetadata(&b, modified)
	}
	b.WriteString("  </metadata>\n  <manifest>\n")
	byHref := append([]Item(nil), items...)
	sort.SliceStable(byHref, func(i, j int) bool { return byHref[i].Href < byHref[j].Href })
	for _, it := range byHref {
		b.WriteString(`    <item id="` + esc(it.ID) + `" href="` + esc(it.Href) + `" media-type="` + esc(it.MediaType) + `"`)
		if it.Properties != "" {
			b.WriteString(` properties="` + esc(it.Properties) + `"`)
		}
		b.WriteString("/>\n")
	}
	b.WriteString(`  </manifest>` + "\n" + `  <spine toc="` + tocNcxItemID + `">` + "\n")
	for _, it := range reading {
		if it.Linear {
			b.WriteString(`    <itemref idref="` + esc(it.ID) + `"/>` + "\n")
		}
	}
	b.WriteString("  </spine>\n</package>\n")
	return []byte(b.String())
}

// writeMetadata writes one element of <metadata>.
func writeMetadata(b *strings.Builder, m Metadata) {
	b.WriteString("    <" + m.Element)
	for _, a := range [...][2]string{
		{"id", m.ID}, {"refines", m.Refines}, {"property", m.Property},
		{"scheme", m.Scheme}, {"name", m.Name}, {"content", m.Content},
	} {
		if a[1] != "" {
			b.WriteString(" " + a[0] + `="` + esc(a[1]) + `"`)
		}
	}
	if m.Value == "" && m.Name != "" {
		b.WriteString("/>\n")
		return
	}
	b.WriteString(">" + esc(m.Value) + "</" + m.Element + ">\n")
}

// navDocument renders nav.xhtml: the table of contents (role doc-toc) and
// the landmarks, in the Writer's language and with the headings given
// (upstream writes "Table of Contents" whatever the language, and no
// landmarks).
func (w *Writer) navDocument(p Package, reading []Item) []byte {
	var b strings.Builder
	b.WriteString(xmlDeclaration)
	b.WriteString(xhtmlDoctype)
	b.WriteString(`<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="` + xmlnsEpub + `" lang="` + esc(w.lang) + `" xml:lang="` + esc(w.lang) + `">` + "\n")
	b.WriteString("  <head>\n    <title>" + esc(p.NavTitle) + "</title>\n")
	if p.NavCSS != "" {
		b.WriteString(`    <link rel="stylesheet" type="text/css" href="` + esc(p.NavCSS) + `"/>` + "\n")
	}
	b.WriteString("  </head>\n  <body>\n")
	b.WriteString(`    <nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-baslik">` + "\n")
	b.WriteString(`      <h1 id="toc-baslik">` + esc(p.NavTitle) + "</h1>\n      <ol>\n")
	for _, it := range reading {
		if it.TOC != "" {
			b.WriteString(`        <li><a href="` + esc(it.Href) + `">` + esc(it.TOC) + "</a></li>\n")
		}
	}
	b.WriteString("      </ol>\n    </nav>\n")
	b.WriteString(`    <nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-baslik" hidden="hidden">` + "\n")
	b.WriteString(`      <h2 id="landmarks-baslik">` + esc(p.LandmarksTitle) + "</h2>\n      <ol>\n")
	for _, it := range reading {
		if it.Landmark == "" {
			continue
		}
		href := it.Href
		if it.Href == tocNavFilename {
			href += "#toc" // the nav element above, not the file's top
		}
		b.WriteString(`        <li><a epub:type="` + esc(it.Landmark) + `" href="` + esc(href) + `">` + esc(it.Label) + "</a></li>\n")
	}
	b.WriteString("      </ol>\n    </nav>\n  </body>\n</html>\n")
	return []byte(b.String())
}

// ncxDocument renders toc.ncx, the EPUB 2 table of contents, with the same
// entries as the nav, in the Writer's language.
func (w *Writer) ncxDocument(p Package, reading []Item) []byte {
	var b strings.Builder
	b.WriteString(xmlDeclaration)
	b.WriteString(`<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1" xml:lang="` + esc(w.lang) + `">` + "\n")
	b.WriteString("  <head>\n")
	b.WriteString(`    <meta name="dtb:uid" content="` + esc(p.Identifier) + `"/>` + "\n")
	b.WriteString(`    <meta name="dtb:depth" content="1"/>` + "\n")
	b.WriteString(`    <meta name="dtb:totalPageCount" content="0"/>` + "\n")
	b.WriteString(`    <meta name="dtb:maxPageNumber" content="0"/>` + "\n")
	b.WriteString("  </head>\n")
	b.WriteString("  <docTitle>\n    <text>" + esc(p.Title) + "</text>\n  </docTitle>\n")
	for _, a := range p.Authors {
		b.WriteString("  <docAuthor>\n    <text>" + esc(a) + "</text>\n  </docAuthor>\n")
	}
	b.WriteString("  <navMap>\n")
	n := 0
	for _, it := range reading {
		if it.TOC == "" {
			continue
		}
		n++
		num := strconv.Itoa(n)
		b.WriteString(`    <navPoint id="navpoint-` + num + `" playOrder="` + num + `">` + "\n")
		b.WriteString("      <navLabel>\n        <text>" + esc(it.TOC) + "</text>\n      </navLabel>\n")
		b.WriteString(`      <content src="` + esc(it.Href) + `"/>` + "\n    </navPoint>\n")
	}
	b.WriteString("  </navMap>\n</ncx>\n")
	return []byte(b.String())
}

// escaper escapes text for element content and double-quoted attribute
// values. Unlike xml.EscapeText it keeps newlines as they are.
var escaper = strings.NewReplacer(
	"&", "&amp;",
	"<", "&lt;",
	">", "&gt;",
	`"`, "&quot;",
	"\r", "&#xD;",
)

// esc returns s escaped, without the characters that XML 1.0 forbids or HTML
// reports (C0 controls but tab, newline and carriage return; C1 controls;
// surrogates; noncharacters), and with invalid UTF-8 as U+FFFD: whatever
// the caller gives, the file stays well-formed. Upstream marshals with
// encoding/xml, which writes such characters as they are.
func esc(s string) string {
	for _, r := range s {
		if !allowedRune(r) {
			return escaper.Replace(cleanString(s))
		}
	}
	if !utf8.ValidString(s) {
		return escaper.Replace(cleanString(s))
	}
	return escaper.Replace(s)
}

// cleanString drops the runes that allowedRune refuses; ranging over s turns
// invalid UTF-8 into U+FFFD.
func cleanString(s string) string {
	var b strings.Builder
	for _, r := range s {
		if allowedRune(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// allowedRune reports whether r may appear in the text of an XML or XHTML
// file.
func allowedRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0x7F && r <= 0x9F:
		return false
	case r >= 0xD800 && r <= 0xDFFF:
		return false
	case r >= 0xFDD0 && r <= 0xFDEF:
		return false
	case r&0xFFFE == 0xFFFE:
		return false
	}
	return true
}
