package dataset

import (
	"fmt"
	"os"
	"path/filepath"
)

// The links table and the media folder are written as the documents are,
// in reading order. A link may point into a document that comes later in
// the book, whose dataset id is known only once it arrives: links wait in
// a queue, in order, until the document each points into has been written
// (Writer.docIndex), so a book without forward links keeps none waiting.
// At End every target is known, or the link's target does not exist.

// pendingLink is a link whose target document may not be known yet.
type pendingLink struct {
	rec    Link
	target string // the model's id of the target document; "" for an external link
}

// writeElements writes a document's tables and figures, copies its images
// into media/ (each SHA-256 once in the dataset), and queues its links.
func (w *Writer) writeElements(c *chunk) error {
	w.docIndex.Set(c.name, int32(c.doc.Index))
	for j, t := range c.tables {
		if err := w.tables[TableTables].write(t.ID, c.tableLines[j], t); err != nil {
			return err
		}
	}
	for j, f := range c.figures {
		if err := w.tables[TableFigures].write(f.ID, c.figureLines[j], f); err != nil {
			return err
		}
	}
	for _, im := range c.images {
		if err := w.copyImage(im.SHA256, im.MediaType, im.Data); err != nil {
			return err
		}
	}
	for j, l := range c.links {
		w.linkQueue = append(w.linkQueue, pendingLink{rec: l, target: c.linkTargets[j]})
	}
	return w.writeLinks(false)
}

// copyImage writes an image's data to media/<sha256><ext> unless an image
// with that SHA-256 is there already.
func (w *Writer) copyImage(sha, mediaType string, data []byte) error {
	if w.media[sha] {
		return nil
	}
	if w.media == nil {
		w.media = map[string]bool{}
		if err := os.MkdirAll(filepath.Join(w.dir, "media"), 0o755); err != nil {
			return fmt.Errorf("dataset: %w", err)
		}
	}
	p := mediaPath(sha, mediaType)
	if err := os.WriteFile(filepath.Join(w.dir, filepath.FromSlash(p)), data, 0o644); err != nil {
		return fmt.Errorf("dataset: write %s: %w", p, err)
	}
	w.media[sha] = true
	return nil
}

// writeLinks writes the queued links, in order, up to the first whose
// target document has not arrived; at the end of the book (last), such a
// link is an error.
func (w *Writer) writeLinks(last bool) error {
	for len(w.linkQueue) > 0 {
		l := &w.linkQueue[0]
		if l.target != "" {
			i, ok := w.docIndex.Get(l.target)
			if !ok {
				if last {
					return recordErr(TableLinks, l.rec.ID, "target document %q is not in the book", l.target)
				}
				return nil
			}
			tid := docID(w.docWidth, int(i))
			l.rec.TargetDocumentID = &tid
		}
		line, err := w.c.encode(w.c.tables[TableLinks], TableLinks, l.rec.ID, l.rec)
		if err != nil {
			return err
		}
		if err := w.tables[TableLinks].write(l.rec.ID, line, l.rec); err != nil {
			return err
		}
		w.linkQueue[0] = pendingLink{}
		w.linkQueue = w.linkQueue[1:]
	}
	w.linkQueue = nil
	return nil
}
