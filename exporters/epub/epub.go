// Package epub writes a book of the model as an EPUB 3: valid (epubcheck),
// accessible (EPUB Accessibility 1.1, checked with Ace by DAISY) and
// reproducible (the same book and options give the same bytes).
//
// go-epub (github.com/go-shiori/go-epub) writes the archive's skeleton and
// the cover page; finishArchive writes the other sections itself, in
// go-epub's template, and rewrites go-epub's output where it falls short
// (see finish.go). The exporter reads the model alone.
package epub

import (
	"bytes"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	goepub "github.com/go-shiori/go-epub"
	"github.com/google/uuid"
	"golang.org/x/text/language"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// Options tunes Write. The zero value is the default.
type Options struct {
	// Modified is the book's dcterms:modified, written in UTC to the second,
	// and the modification time of the archive's entries. When zero, the
	// manifest's date is used, else the Unix epoch: the exporter never reads
	// the clock.
	Modified time.Time
	// Generator names the program that wrote the book, e.g.
	// "seedpress v0.1.0"; it is written as the package's generator meta.
	// Empty means none.
	Generator string
}

//go:embed style.css
var styleCSS []byte

// idNamespace is the namespace of the UUID v5 identifiers that Write derives
// for books whose manifest gives no identifier.
var idNamespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://github.com/seedpress/seedpress/exporters/epub"))

// dateLayouts are the forms of a manifest date, all valid W3C dates.
var dateLayouts = []string{"2006-01-02", "2006-01", "2006"}

// meta is the book's metadata as the EPUB states it: every field resolved
// and cleaned.
type meta struct {
	Title, Subtitle string
	Authors         []string
	Lang            string
	Date            string // a valid W3C date, or ""
	Publisher       string
	Rights          string
	Description     string
	Subjects        []string
	Identifier      string
	Modified        time.Time // UTC, to the second
	Generator       string
}

// resolveMeta fills in what the model leaves open: the language ("tr"), the
// identifier (a UUID v5 of the title and every document's SHA-256, so that
// it survives rebuilds and changes with the content) and the modification
// time (opts.Modified, else the manifest date, else the Unix epoch).
func resolveMeta(b *doc.Book, opts Options) *meta {
	m := b.Meta
	r := &meta{
		Title:       strings.TrimSpace(clean(m.Title)),
		Subtitle:    strings.TrimSpace(clean(m.Subtitle)),
		Publisher:   strings.TrimSpace(clean(m.Publisher)),
		Rights:      strings.TrimSpace(clean(m.Rights)),
		Description: strings.TrimSpace(clean(m.Description)),
		Generator:   strings.TrimSpace(clean(opts.Generator)),
	}
	for _, a := range m.Authors {
		if a = strings.TrimSpace(clean(a)); a != "" {
			r.Authors = append(r.Authors, a)
		}
	}
	for _, s := range m.Subjects {
		if s = strings.TrimSpace(clean(s)); s != "" {
			r.Subjects = append(r.Subjects, s)
		}
	}
	r.Lang = "tr"
	if tag, err := language.Parse(m.Lang); err == nil && m.Lang != "" {
		r.Lang = tag.String()
	}
	if r.Title == "" {
		for _, d := range b.Documents {
			if t := strings.TrimSpace(clean(d.Title)); t != "" {
				r.Title = t
				break
			}
		}
	}
	if r.Title == "" {
		r.Title = labelsFor(r.Lang).Untitled
	}
	var date time.Time
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, m.Date); err == nil {
			r.Date, date = m.Date, t
			break
		}
	}
	switch {
	case !opts.Modified.IsZero():
		r.Modified = opts.Modified.UTC().Truncate(time.Second)
	case r.Date != "":
		r.Modified = date.UTC()
	default:
		r.Modified = time.Unix(0, 0).UTC()
	}
	r.Identifier = strings.TrimSpace(clean(m.Identifier))
	if r.Identifier == "" {
		var key strings.Builder
		key.WriteString(m.Title)
		for _, d := range b.Documents {
			key.WriteString("\x00")
			key.WriteString(d.SHA256)
		}
		r.Identifier = "urn:uuid:" + uuid.NewSHA1(idNamespace, []byte(key.String())).String()
	}
	return r
}

// item is one file of the publication, in the manifest.
type item struct {
	ID         string
	Href       string // relative to the package document
	MediaType  string
	Properties string
	Linear     bool   // in the spine
	TOC        string // label in the table of contents; "" when not listed
	Landmark   string // epub:type of its landmark; "" when none
	Label      string // landmark label
	Title      string // the document's <title>
	Body       string // XHTML body
	// Doc is the document of a chapter, whose body finishArchive renders
	// (Body is then empty): one at a time, so that the bodies of a long
	// book are never all in memory.
	Doc *doc.Document
}

// book is everything finishArchive needs to know: the metadata, the labels
// and the files in reading order.
type book struct {
	book   *doc.Book
	meta   *meta
	labels labels
	items  []*item
}

// Write writes b as an EPUB 3 to w. The output is a pure function of b and
// opts: two calls give the same bytes. Every text of the model is escaped,
// so any text gives well-formed XHTML; links other than http, https and
// mailto keep their text and lose their target.
func Write(w io.Writer, b *doc.Book, opts Options) error {
	if b == nil {
		return errors.New("epub: nil book")
	}
	p, err := plan(b, opts)
	if err != nil {
		return err
	}
	raw, err := p.goEPUB()
	if err != nil {
		return err
	}
	return finishArchive(w, raw, p)
}

// plan lays out the publication: cover, title page, nav, one chapter per
// document, glossary.
func plan(b *doc.Book, opts Options) (*book, error) {
	m := resolveMeta(b, opts)
	l := labelsFor(m.Lang)
	p := &book{book: b, meta: m, labels: l}
	p.items = append(p.items, &item{ID: "stil", Href: "css/style.css", MediaType: "text/css"})

	img, mediaType := []byte(nil), ""
	if c := b.Meta.Cover; c != nil && len(c.Data) > 0 && (c.MediaType == "image/png" || c.MediaType == "image/jpeg") {
		img, mediaType = c.Data, c.MediaType
	} else {
		var err error
		if img, err = drawCover(m); err != nil {
			return nil, err
		}
		mediaType = "image/png"
	}
	ext := ".png"
	if mediaType == "image/jpeg" {
		ext = ".jpg"
	}
	coverImg := &item{ID: "kapak-gorseli", Href: "images/kapak" + ext, MediaType: mediaType, Properties: "cover-image", Body: string(img)}
	p.items = append(p.items, coverImg)
	alt := fmt.Sprintf(l.CoverAlt, m.Title)
	p.items = append(p.items,
		&item{ID: "kapak", Href: "xhtml/kapak.xhtml", MediaType: "application/xhtml+xml", Linear: true,
			Landmark: "cover", Label: l.Cover, Title: l.Cover, Body: coverBody("../"+coverImg.Href, alt)},
		&item{ID: "kunye", Href: "xhtml/kunye.xhtml", MediaType: "application/xhtml+xml", Linear: true,
			TOC: l.TitlePage, Landmark: "titlepage", Label: l.TitlePage, Title: m.Title, Body: titlePageBody(m, l)},
		&item{ID: "nav", Href: "nav.xhtml", MediaType: "application/xhtml+xml", Properties: "nav", Linear: true,
			Landmark: "toc", Label: l.Contents, Title: l.Contents},
	)
	for i, d := range b.Documents {
		id := fmt.Sprintf("bolum-%03d", i+1)
		title := strings.TrimSpace(clean(d.Title))
		if title == "" {
			title = fmt.Sprintf("%d", i+1)
		}
		it := &item{ID: id, Href: "xhtml/" + id + ".xhtml", MediaType: "application/xhtml+xml", Linear: true,
			TOC: title, Title: title, Doc: d}
		if i == 0 {
			it.Landmark, it.Label = "bodymatter", l.Start
		}
		p.items = append(p.items, it)
	}
	if len(b.Glossary) > 0 {
		p.items = append(p.items, &item{ID: "kisaltmalar", Href: "xhtml/kisaltmalar.xhtml", MediaType: "application/xhtml+xml",
			Linear: true, TOC: l.Glossary, Landmark: "glossary", Label: l.Glossary, Title: l.Glossary, Body: glossaryBody(b, l, m.Lang)})
	}
	p.items = append(p.items, &item{ID: "ncx", Href: "toc.ncx", MediaType: "application/x-dtbncx+xml"})
	return p, nil
}

// dataURL encodes data for go-epub, which fetches every resource from a
// source: a data URL keeps it from touching the file system or network.
func dataURL(mediaType string, data []byte) string {
	return "data:" + mediaType + ";base64," + base64.StdEncoding.EncodeToString(data)
}

// goEPUB has go-epub write the archive's skeleton: mimetype,
// META-INF/container.xml, the stylesheet, the cover image and one section,
// the cover page (the reference rendering that finishArchive checks its own
// sections against). Its package document, nav and NCX are replaced, and the
// other sections are written, by finishArchive (see there why).
func (p *book) goEPUB() ([]byte, error) {
	e, err := goepub.NewEpub(p.meta.Title)
	if err != nil {
		return nil, fmt.Errorf("epub: go-epub: %w", err)
	}
	e.SetLang(p.meta.Lang)
	e.SetIdentifier(p.meta.Identifier)
	cssPath, err := e.AddCSS(dataURL("text/css", styleCSS), "style.css")
	if err != nil {
		return nil, fmt.Errorf("epub: add stylesheet: %w", err)
	}
	if cssPath != sectionCSS {
		return nil, fmt.Errorf("epub: go-epub put the stylesheet at %s, not %s", cssPath, sectionCSS)
	}
	ref := p.reference()
	for _, it := range p.items {
		switch {
		case it.MediaType == "image/png" || it.MediaType == "image/jpeg":
			if _, err := e.AddImage(dataURL(it.MediaType, []byte(it.Body)), strings.TrimPrefix(it.Href, "images/")); err != nil {
				return nil, fmt.Errorf("epub: add %s: %w", it.Href, err)
			}
		case it == ref:
			if _, err := e.AddSection(it.Body, it.Title, strings.TrimPrefix(it.Href, "xhtml/"), cssPath); err != nil {
				return nil, fmt.Errorf("epub: add %s: %w", it.Href, err)
			}
		}
	}
	var buf bytes.Buffer
	if _, err := e.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("epub: go-epub: %w", err)
	}
	return buf.Bytes(), nil
}

// reference returns the section that go-epub writes, the first (the cover
// page), or nil when there is none.
func (p *book) reference() *item {
	for _, it := range p.items {
		if isSection(it) {
			return it
		}
	}
	return nil
}

// isSection reports whether it is an XHTML section (not the nav).
func isSection(it *item) bool { return strings.HasPrefix(it.Href, "xhtml/") }
