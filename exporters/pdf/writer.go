package pdf

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// Writer writes a book as a PDF from its documents, given one at a time: it
// is a doc.Sink. It lays out each document as a chapter when it arrives and
// keeps its pages, compactly, in a spool (a temporary file once they pass a
// few megabytes), not the document. At End it lays out the glossary, then
// the front matter, whose table of contents is known only then, and draws
// the title page, imprint and contents, then every spooled page, in that
// order, each written to the writer as soon as it is drawn, and then the
// rest of the file. Nothing is written to the writer before End, nor when
// End fails before drawing (a glyph the fonts lack, a bad paper size, a
// paragraph that cannot be broken); when it fails later, what it wrote is
// to be discarded, as doc.Sink says.
//
// Unless Options.Checked is set, a Writer checks the book as a Checker
// does, and End refuses a book with characters the fonts cannot draw; End
// always refuses a paper size other than a5, a4 or letter. A Writer writes
// one book; its methods must be called in the order of doc.Sink.
type Writer struct {
	w     io.Writer
	opts  Options
	check *Checker
	state int // 0 new, 1 begun, 2 ended

	meta  doc.Meta
	g     geometry
	err   error // the first error of layout or setup, returned by End
	p     *fpdf.Fpdf
	m     *fontMeasurer
	body  *layouter // lays out the chapters and the glossary into spool
	spool spool
	docs  int // the documents laid out
	info  Info
}

var _ doc.Sink = (*Writer)(nil)

// NewWriter returns a Writer that writes a PDF to w.
func NewWriter(w io.Writer, opts Options) *Writer {
	wr := &Writer{w: w, opts: opts}
	if !opts.Checked {
		wr.check = NewChecker()
	}
	return wr
}

// Begin implements doc.Sink: it sets up the page and the fonts.
func (w *Writer) Begin(meta doc.Meta, documents int) error {
	if w.state != 0 {
		return errors.New("pdf: Writer.Begin called twice")
	}
	w.state = 1
	w.meta = meta
	if w.check != nil {
		if err := w.check.Begin(meta, documents); err != nil {
			return err
		}
	}
	g, err := geometryFor(meta.PaperSize)
	if err != nil {
		w.err = err // End reports it after the glyph check, as Write always has
		return nil
	}
	w.g = g
	p := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: g.w, Ht: g.h}})
	p.SetCatalogSort(true)
	p.SetTagged() // PDF/UA: see tags.go
	p.SetAutoPageBreak(false, 0)
	p.SetMargins(0, 0, 0)
	p.SetCompression(true)
	if err := addFonts(p); err != nil {
		w.err = err
		return nil
	}
	w.p = p
	w.m = newFontMeasurer(p)
	w.body = &layouter{g: g, m: w.m, lab: labelsFor(meta.Lang), meta: meta, emit: w.spool.put}
	return nil
}

// Document implements doc.Sink: it checks d and lays it out as the next
// chapter. It does not keep d. Errors of layout wait for End, so that End
// reports the glyph check's first, as Write always has; once there is an
// error, Document only checks.
func (w *Writer) Document(d *doc.Document) error {
	if w.state != 1 {
		return errors.New("pdf: Writer.Document called outside Begin and End")
	}
	if w.check != nil {
		if err := w.check.Document(d); err != nil {
			return err
		}
	}
	if w.failed() {
		return nil
	}
	w.body.document(w.docs, d)
	w.docs++
	return nil
}

// failed reports whether End will fail whatever comes: the layout or the
// check has failed.
func (w *Writer) failed() bool {
	return w.err != nil || w.body.err != nil || w.spool.err != nil || (w.check != nil && w.check.failed())
}

// End implements doc.Sink: it lays out the glossary and the front matter,
// draws every page and writes the PDF. It removes the spool, whether it
// succeeds or not.
func (w *Writer) End(glossary []doc.Term) error {
	if w.state != 1 {
		return errors.New("pdf: Writer.End called outside Begin and End")
	}
	w.state = 2
	defer w.spool.close()
	if w.check != nil {
		if err := w.check.End(glossary); err != nil {
			return err
		}
		if err := w.check.Diagnostics().Err(); err != nil {
			return fmt.Errorf("pdf: %w", err)
		}
	}
	if w.err != nil {
		return w.err
	}
	body, p := w.body, w.p
	body.glossary(glossary)
	if body.err != nil {
		return body.err
	}
	body.endPage()
	if err := w.spool.done(); err != nil {
		return err
	}
	front, err := layoutFront(w.meta, w.m, w.g, body)
	if err != nil {
		return err
	}
	if err := p.Error(); err != nil {
		return fmt.Errorf("pdf: layout: %w", err)
	}

	meta := w.meta
	mod := modified(w.opts, meta)
	producer := w.opts.Producer
	if producer == "" {
		producer = "seedpress"
	}
	lang := meta.Language()
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

	// fpdf writes each page to w.w as soon as it is drawn, so that no more
	// than one page is held (Output writes the rest).
	if err := registerImages(p, body.images); err != nil {
		return err
	}
	p.StreamPages(w.w)
	offset := len(front.pages)
	d := newDrawer(p, w.m.font, w.g, meta.Title, w.m, shiftDests(body.dests, offset))
	d.images = body.images
	d.tags = newTagger(p, lang, glossary)
	for _, pg := range front.pages {
		d.draw(pg)
	}
	n, err := w.spool.replay(func(pg *page) {
		pg.num += offset
		d.draw(pg)
	})
	if err != nil {
		return err
	}
	if d.err != nil {
		return d.err
	}
	if n != body.npages {
		return fmt.Errorf("pdf: %d pages laid out, %d drawn", body.npages, n)
	}
	d.tags.end()
	if err := p.Output(w.w); err != nil {
		return fmt.Errorf("pdf: output: %w", err)
	}
	w.info = Info{Pages: offset + body.npages}
	return nil
}

// Info describes the PDF written, after End returned nil.
func (w *Writer) Info() Info { return w.info }
