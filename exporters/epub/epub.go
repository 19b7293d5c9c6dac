// Package epub writes a book of the model as an EPUB 3: valid (epubcheck),
// accessible (EPUB Accessibility 1.1, checked with Ace by DAISY) and
// reproducible (the same book and options give the same bytes).
//
// A Writer takes the book one document at a time (it is a doc.Sink) and
// writes each chapter into the archive as it arrives, through go-epub's
// streaming Writer (third_party/go-epub): the archive is written once, and
// memory holds one chapter and a line of bookkeeping per chapter, whatever
// the length of the book. Write is the same for a whole doc.Book. The
// exporter reads the model alone.
//
// Each document is one XHTML file named after its ID (see chapterFile), so
// links and cross-references reach documents not yet written; its level 1
// headings each begin a chapter of the file with its own contents entry.
// Footnotes are EPUB 3 footnotes gathered at the end of their chapter;
// tables, figures, definition lists, callouts (role note), line blocks and
// task items are the HTML elements and ARIA roles readers and screen
// readers know, styled by the book's stylesheet. The nav lists parts (each
// with a title page), chapters, the documents nested under them in the
// book's outline and their headings down to Meta.TOCDepth. End checks that
// every link and cross-reference into the book reaches an id it holds.
package epub

import (
	_ "embed"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
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

// resolveMeta resolves what the book's metadata leaves open and the
// documents do not decide: the language (doc.DefaultLang) and the
// modification time (opts.Modified, else the manifest date, else the Unix
// epoch). An empty title and the identifier are left for the Writer, which
// decides them from the documents (see End).
func resolveMeta(m doc.Meta, opts Options) *meta {
	r := &meta{
		Title:       strings.TrimSpace(clean(m.Title)),
		Subtitle:    strings.TrimSpace(clean(m.Subtitle)),
		Publisher:   strings.TrimSpace(clean(m.Publisher)),
		Rights:      strings.TrimSpace(clean(m.Rights)),
		Description: strings.TrimSpace(clean(m.Description)),
		Identifier:  strings.TrimSpace(clean(m.Identifier)),
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
	r.Lang = doc.DefaultLang
	if tag, err := language.Parse(m.Lang); err == nil && m.Lang != "" {
		r.Lang = tag.String()
	}
	date, ok := doc.ParseDate(m.Date)
	if ok {
		r.Date = m.Date
	}
	switch {
	case !opts.Modified.IsZero():
		r.Modified = opts.Modified.UTC().Truncate(time.Second)
	case ok:
		r.Modified = date
	default:
		r.Modified = time.Unix(0, 0).UTC()
	}
	return r
}

// The files of the publication, relative to the package document, and the
// stylesheet's path as the sections link it.
const (
	cssHref     = "css/style.css"
	sectionCSS  = "../" + cssHref
	coverHref   = "xhtml/kapak.xhtml"
	titleHref   = "xhtml/kunye.xhtml"
	glossHref   = "xhtml/kisaltmalar.xhtml"
	coverImgID  = "kapak-gorseli"
	coverImgDir = "images/kapak"
)

// The reading order: the cover, the title page, the nav, the chapters and
// the glossary. The files are written in another order (the chapters as
// they come; the cover, which shows the title, and the title page, which
// shows the identifier, once every document is known), so each states its
// place.
const (
	orderCover = iota
	orderTitlePage
	orderNav
	orderChapters // document i is orderChapters+2i+1, its part page (if any) orderChapters+2i; the glossary follows the last
)

// Writer writes an EPUB 3 of a book given one document at a time: it is a
// doc.Sink. Begin writes the archive's head and the stylesheet, Document
// writes the document's chapter into the archive at once, and End writes
// the cover, the title page, the glossary, the nav, the NCX and the package
// document, and ends the archive. Memory holds one chapter, a few
// strings per chapter and per contents entry, and the ids of the book (to
// check every internal link at the end). The output is a pure function of the book and the
// options: Write gives the same bytes for the same book.
//
// A document's abbreviations are resolved against its Glossary (the
// glossary as it stood when the pipeline made the document), else against
// the whole glossary when the Writer is fed by Write. After an error every
// call returns it and the output is to be discarded.
type Writer struct {
	dst    io.Writer
	opts   Options
	ew     *goepub.Writer
	meta   *meta
	labels labels
	body   *body
	// title is the first document's title, for a book without one.
	title string
	// id hashes the title and every document's SHA-256 as they pass, for
	// the identifier of a book whose metadata gives none.
	id        *uuidV5
	documents int
	// glossary is the whole glossary, when Write knows it in advance.
	glossary []doc.Term
	// cover is the manifest's cover image; nil draws one.
	cover *doc.Image
	// nav is the table of contents so far; tocDepth the deepest heading
	// level it lists (Meta.TOCDepth, 3 by default).
	nav      nav
	tocDepth int
	err      error
}

// NewWriter returns a Writer that writes the EPUB to w.
func NewWriter(w io.Writer, opts Options) *Writer {
	return &Writer{dst: w, opts: opts}
}

// Write writes b as an EPUB 3 to w through a Writer. The output is a pure
// function of b and opts: two calls give the same bytes. Every text of the
// model is escaped, so any text gives well-formed XHTML; links other than
// http, https and mailto keep their text and lose their target.
func Write(w io.Writer, b *doc.Book, opts Options) error {
	if b == nil {
		return errors.New("epub: nil book")
	}
	ew := NewWriter(w, opts)
	ew.glossary = b.Glossary
	if err := ew.Begin(b.Meta, len(b.Documents)); err != nil {
		return err
	}
	for _, d := range b.Documents {
		if err := ew.Document(d); err != nil {
			return err
		}
	}
	return ew.End(b.Glossary)
}

// fail keeps err as the Writer's error and returns it.
func (w *Writer) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	return w.err
}

// Begin implements doc.Sink: it resolves the metadata and writes the
// archive's head (mimetype, container) and the stylesheet.
func (w *Writer) Begin(m doc.Meta, documents int) error {
	if w.err != nil {
		return w.err
	}
	if w.ew != nil {
		return w.fail(errors.New("epub: Begin called twice"))
	}
	w.meta = resolveMeta(m, w.opts)
	w.labels = labelsFor(w.meta.Lang)
	w.cover = m.Cover
	w.tocDepth = m.TOCDepth
	if w.tocDepth <= 0 {
		w.tocDepth = 3
	}
	if w.meta.Identifier == "" {
		w.id = newUUIDv5(idNamespace)
		w.id.WriteString(m.Title)
	}
	w.body = newBody(w.meta.Lang)
	ew, err := goepub.NewWriter(w.dst, w.meta.Lang, w.meta.Modified)
	if err != nil {
		return w.fail(fmt.Errorf("epub: %w", err))
	}
	w.ew = ew
	if err := ew.AddFile(goepub.Item{ID: "stil", Href: cssHref, MediaType: "text/css"}, styleCSS); err != nil {
		return w.fail(fmt.Errorf("epub: %w", err))
	}
	return nil
}

// Document implements doc.Sink: it writes d's chapter into the archive.
func (w *Writer) Document(d *doc.Document) error {
	if w.err != nil {
		return w.err
	}
	if w.ew == nil {
		return w.fail(errors.New("epub: Document called before Begin"))
	}
	i := w.documents
	w.documents++
	if w.id != nil {
		w.id.WriteString("\x00")
		w.id.WriteString(d.SHA256)
	}
	// A title kept for the nav may be a slice of the document's text: a
	// copy lets the text go.
	title := strings.Clone(strings.TrimSpace(clean(d.Title)))
	if w.title == "" {
		w.title = title
	}
	if title == "" {
		title = fmt.Sprintf("%d", i+1)
	}
	glossary := d.Glossary
	if w.glossary != nil {
		glossary = w.glossary
	}
	id := fmt.Sprintf("bolum-%03d", i+1)
	file := chapterFile(d.ID, i)
	body, err := w.body.chapter(d, i, title, id, file, glossary)
	if err != nil {
		return w.fail(fmt.Errorf("epub: document %s: %w", d.Source, err))
	}
	if err := w.writeImages(); err != nil {
		return w.fail(fmt.Errorf("epub: document %s: %w", d.Source, err))
	}
	landmark := i == 0
	var part *navNode
	if p := strings.TrimSpace(clean(d.Part)); p != "" {
		pid := fmt.Sprintf("kisim-%03d", i+1)
		it := goepub.Item{ID: pid, Href: "xhtml/" + pid + ".xhtml", Order: orderChapters + 2*i, Linear: true}
		if landmark {
			it.Landmark, it.Label, landmark = "bodymatter", w.labels.Start, false
		}
		if err := w.ew.AddSection(it, p, sectionCSS, partBody(pid+"-baslik", p)); err != nil {
			return w.fail(fmt.Errorf("epub: %w", err))
		}
		part = &navNode{label: p, href: it.Href}
	}
	it := goepub.Item{ID: id, Href: "xhtml/" + file, Order: orderChapters + 2*i + 1, Linear: true}
	if l := langTag(d.Lang); l != "" && l != w.meta.Lang {
		it.Lang = l
	}
	if landmark {
		it.Landmark, it.Label = "bodymatter", w.labels.Start
	}
	if err := w.ew.AddSection(it, title, sectionCSS, body); err != nil {
		return w.fail(fmt.Errorf("epub: %w", err))
	}
	w.nav.add(part, d.PartEnds, d.Depth, w.body.ch.entries, w.tocDepth)
	return nil
}

// writeImages writes the images that the last chapter used first.
func (w *Writer) writeImages() error {
	for _, im := range w.body.pending {
		href := w.body.imageHref(im)
		id := "resim-" + strings.TrimSuffix(strings.TrimPrefix(href, "images/"), path.Ext(href))
		if err := w.ew.AddFile(goepub.Item{ID: id, Href: href, MediaType: im.MediaType}, im.Data); err != nil {
			return err
		}
	}
	w.body.pending = w.body.pending[:0]
	return nil
}

// End implements doc.Sink: it writes what needs the whole book (the cover
// and the title page show the title, which may be the first document's,
// and the identifier, which may hash every document), the glossary, the
// nav, the NCX and the package document, and ends the archive.
func (w *Writer) End(glossary []doc.Term) error {
	if w.err != nil {
		return w.err
	}
	if w.ew == nil {
		return w.fail(errors.New("epub: End called before Begin"))
	}
	m, l := w.meta, w.labels
	if m.Title == "" {
		m.Title = w.title
	}
	if m.Title == "" {
		m.Title = l.Untitled
	}
	if w.id != nil {
		m.Identifier = "urn:uuid:" + w.id.Sum().String()
	}
	if err := w.checkRefs(); err != nil {
		return w.fail(fmt.Errorf("epub: %w", err))
	}
	if err := w.end(glossary); err != nil {
		return w.fail(fmt.Errorf("epub: %w", err))
	}
	w.err = errors.New("epub: Writer has ended")
	return nil
}

func (w *Writer) end(glossary []doc.Term) error {
	m, l := w.meta, w.labels
	img, mediaType := []byte(nil), ""
	if c := w.cover; c != nil && len(c.Data) > 0 && (c.MediaType == "image/png" || c.MediaType == "image/jpeg") {
		img, mediaType = c.Data, c.MediaType
	} else {
		var err error
		if img, err = drawCover(m); err != nil {
			return err
		}
		mediaType = "image/png"
	}
	ext := ".png"
	if mediaType == "image/jpeg" {
		ext = ".jpg"
	}
	imgHref := coverImgDir + ext
	if err := w.ew.AddFile(goepub.Item{ID: coverImgID, Href: imgHref, MediaType: mediaType, Properties: "cover-image"}, img); err != nil {
		return err
	}
	alt := fmt.Sprintf(l.CoverAlt, m.Title)
	if err := w.ew.AddSection(goepub.Item{ID: "kapak", Href: coverHref, Order: orderCover, Linear: true,
		Landmark: "cover", Label: l.Cover}, l.Cover, sectionCSS, coverBody("../"+imgHref, alt)); err != nil {
		return err
	}
	if err := w.ew.AddSection(goepub.Item{ID: "kunye", Href: titleHref, Order: orderTitlePage, Linear: true,
		TOC: l.TitlePage, Landmark: "titlepage", Label: l.TitlePage}, m.Title, sectionCSS, titlePageBody(m, l)); err != nil {
		return err
	}
	if len(glossary) > 0 {
		if err := w.ew.AddSection(goepub.Item{ID: "kisaltmalar", Href: glossHref, Order: orderChapters + 2*w.documents,
			Linear: true, TOC: l.Glossary, Landmark: "glossary", Label: l.Glossary}, l.Glossary, sectionCSS, glossaryBody(glossary, l, m.Lang)); err != nil {
			return err
		}
	}
	p := w.packageInfo()
	p.TOC = append([]goepub.NavPoint{{Label: l.TitlePage, Href: titleHref}}, w.nav.points()...)
	if len(glossary) > 0 {
		p.TOC = append(p.TOC, goepub.NavPoint{Label: l.Glossary, Href: glossHref})
	}
	return w.ew.Close(p)
}

// checkRefs reports the first link or cross-reference, in the order of
// their ids, whose target the book does not hold.
func (w *Writer) checkRefs() error {
	var missing []string
	for key := range w.body.refs {
		if !w.body.targets[key] {
			missing = append(missing, key)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	sort.Strings(missing)
	key := missing[0]
	docID, frag, _ := strings.Cut(key, "#")
	if frag == "" {
		return fmt.Errorf("%s: no document %q in the book (%d unresolved)", w.body.refs[key], docID, len(missing))
	}
	return fmt.Errorf("%s: no id %q in document %q (%d unresolved)", w.body.refs[key], frag, docID, len(missing))
}
