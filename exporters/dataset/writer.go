package dataset

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"

	"github.com/seedpress/seedpress/internal/idset"
	"github.com/seedpress/seedpress/internal/parallel"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// Writer writes a dataset folder from a stream of documents; it is a
// doc.Sink. NewWriter makes one for a folder, Begin gives the book's
// metadata and its number of documents, Document each document in reading
// order, End the complete glossary, and Close, which must always follow
// (defer it), releases what is left. After a successful End the folder
// holds, byte for byte, what Write writes for the same book, under the same
// contract: the Writer writes into the folder directly, and after any
// error the folder is incomplete (it has no datapackage.json) and is to be
// discarded.
//
// Document encodes and validates documents on up to Options.Workers
// goroutines and writes them in reading order as they complete. At most
// 2×Workers documents are in flight: Document blocks while the window is
// full, and a document is dropped once written, keeping only the few
// numbers per document that resolve the glossary's references, so memory
// does not grow with the number of documents.
//
// The first error (a validation *Error, an I/O error, a call out of order)
// is returned by the Document or End call that sees it, which may come
// after the call given the faulty document, and by every later call; no
// goroutine outlives the call that returns it, nor End, nor Close. A
// Writer is not safe for concurrent use.
type Writer struct {
	c     *compiled
	dir   string
	opts  Options
	state writerState
	err   error // the first error; every later call returns it

	meta      doc.Meta
	documents int // the number of documents Begin announced
	docWidth  int
	given     int // documents given to Document so far

	tables map[string]*tableWriter
	bookF  *countingFile // book.json
	bookL  *countingFile // book.jsonl
	// termStats counts, by glossary index, the sentences that mention each
	// term, and mentions spools the mentions table's rows until End (see
	// mentions.go): the Writer keeps nothing per document.
	termStats map[int]*termStat
	mentions  mentionSpool
	// termUses lists, in reading order, the documents whose abbreviations
	// raised the largest glossary index used so far: the first document
	// that indexes past the glossary End gets is among them.
	termUses []docTerms
	// docIndex maps the model's id of every document written to its
	// index, for the links that point into it; linkQueue holds the links
	// waiting for a later document (see links.go); media the SHA-256 of
	// the images copied into media/.
	docIndex  idset.Map[int32] // the ids as hashes: a book's are not kept as text
	linkQueue []pendingLink
	media     map[string]bool

	// win encodes the documents in flight and hands them back in reading
	// order.
	win *parallel.Window[result]
}

// writerState is where a Writer is in its sequence of calls.
type writerState int

const (
	stateNew    writerState = iota // made, Begin not called
	stateBegun                     // Begin called, End not
	stateEnded                     // End called
	stateClosed                    // Close called
)

// result is one document's records, encoded and checked.
type result struct {
	chunk *chunk
	err   error
}

// NewWriter returns a Writer that writes a dataset into dir, which should
// be empty, as Write's. It compiles the schemas and creates dir/data (and
// dir if need be).
func NewWriter(dir string, opts Options) (*Writer, error) {
	c, err := schemas()
	if err != nil {
		return nil, err
	}
	if opts.ShardBytes <= 0 {
		opts.ShardBytes = DefaultShardBytes
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	dataDir := filepath.Join(dir, "data")
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	w := &Writer{c: c, dir: dir, opts: opts, win: parallel.NewWindow[result](opts.Workers),
		tables: make(map[string]*tableWriter), termStats: map[int]*termStat{},
		mentions: mentionSpool{path: filepath.Join(dataDir, mentionsSpool)}}
	for _, t := range Tables {
		w.tables[t] = &tableWriter{name: t, dataDir: dataDir, limit: opts.ShardBytes, hash: sha256.New(),
			pq: newParquetTable(t, dataDir)}
	}
	return w, nil
}

// width returns the number of digits of ids numbering n items: four, or
// more when n needs more, so that ids of one level sort in reading order.
func width(n int) int { return max(4, len(strconv.Itoa(n))) }

func docID(w, i int) string { return fmt.Sprintf("doc-%0*d", w, i+1) }

// Begin implements doc.Sink: it validates the book's metadata and starts
// book.json with it. documents, the number of documents that will follow,
// sets the width of the document ids; End fails unless exactly that many
// were given.
func (w *Writer) Begin(meta doc.Meta, documents int) error {
	if w.err != nil {
		return w.err
	}
	if err := w.want(stateNew, "Begin"); err != nil {
		return w.fail(err)
	}
	w.state = stateBegun
	if documents < 0 {
		return w.fail(fmt.Errorf("dataset: Begin: %d documents, want 0 or more", documents))
	}
	w.meta, w.documents, w.docWidth = meta, documents, width(documents)

	// book.json is written as it goes: the skeleton (the metadata, the
	// number of documents, an empty glossary) is validated against the
	// root schema here, and at End each glossary entry against the schema
	// of one element of "glossary". Each document is a line of book.jsonl,
	// validated against its own schema.
	metaJSON, err := w.skeletonMeta()
	if err != nil {
		return w.fail(err)
	}
	f, err := newCountingFile(filepath.Join(w.dir, "book.json"))
	if err != nil {
		return w.fail(err)
	}
	w.bookF = f
	f.WriteString(`{"meta":`)
	f.Write(metaJSON)
	f.WriteString(`,"document_count":` + strconv.Itoa(documents) + `,"glossary":`)
	if f.err != nil {
		return w.fail(f.err)
	}
	if w.bookL, err = newCountingFile(filepath.Join(w.dir, "book.jsonl")); err != nil {
		return w.fail(err)
	}
	return nil
}

// Document implements doc.Sink: it queues d, the next document in reading
// order, whose Index must be the number of documents given before it, for
// encoding and validation, and writes the documents before it that are
// ready. It blocks while 2×Workers documents are in flight. It does not
// keep d once written. The term indexes of d's abbreviations are checked
// at End, against the complete glossary; a negative one fails here.
func (w *Writer) Document(d *doc.Document) error {
	if w.err != nil {
		return w.err
	}
	if err := w.want(stateBegun, "Document"); err != nil {
		return w.fail(err)
	}
	i := w.given
	if i >= w.documents {
		return w.failAfterPending(fmt.Errorf("dataset: document %d given, but Begin announced only %d", i+1, w.documents))
	}
	id := docID(w.docWidth, i)
	if d == nil {
		return w.failAfterPending(&Error{Table: TableDocuments, ID: id, Reason: "no document"})
	}
	if d.Index != i {
		return w.failAfterPending(&Error{Table: TableDocuments, ID: id,
			Reason: fmt.Sprintf("index %d, want %d (the document's position in reading order)", d.Index, i)})
	}
	w.given++
	for w.win.Len() >= 2*w.opts.Workers {
		if err := w.writeNext(); err != nil {
			return err
		}
	}
	w.win.Go(func() result {
		c, err := w.c.encodeDocument(w.docWidth, i, d)
		return result{c, err}
	})
	return w.writeReady()
}

// End implements doc.Sink: it writes the documents still in flight, checks
// that Begin's count of them arrived and that every abbreviation's term
// index is in glossary, writes the terms table and the rest of book.json,
// names the data files, and writes the schemas, README.md and
// datapackage.json: what Write does after the last document.
func (w *Writer) End(glossary []doc.Term) error {
	if w.err != nil {
		return w.err
	}
	if err := w.want(stateBegun, "End"); err != nil {
		return w.fail(err)
	}
	w.state = stateEnded
	if err := w.drain(); err != nil {
		return err
	}
	if w.given != w.documents {
		return w.fail(fmt.Errorf("dataset: End after %d of the %d documents Begin announced", w.given, w.documents))
	}
	if err := w.writeLinks(true); err != nil {
		return w.fail(err)
	}
	if err := w.end(glossary); err != nil {
		return w.fail(err)
	}
	return nil
}

func (w *Writer) end(glossary []doc.Term) error {
	for _, t := range w.termUses {
		if t.max >= len(glossary) {
			return &Error{Table: "book", ID: docID(w.docWidth, t.doc),
				Reason: fmt.Sprintf("abbreviation %q: term %d does not exist (%d terms)", t.text, t.max, len(glossary))}
		}
	}
	if err := w.writeGlossary(glossary); err != nil {
		return err
	}
	w.bookF.WriteString("}\n")
	if w.bookF.err != nil {
		return w.bookF.err
	}
	if err := w.terms(glossary); err != nil {
		return err
	}
	return w.finish()
}

// Info describes what the Writer wrote; it is valid after a successful
// End.
func (w *Writer) Info() Info {
	in := Info{Records: map[string]int{}, Files: map[string][]string{}, Parquet: map[string][]string{}}
	for _, t := range Tables {
		in.Records[t] = w.tables[t].records
		in.Files[t] = w.tables[t].final
		in.Parquet[t] = w.tables[t].pq.final
	}
	return in
}

// Close waits for the documents in flight and closes the open files. Call
// it always, after End or after a failure; it removes nothing: after a
// failure the folder is to be discarded. A second call does nothing. Every
// call but Info fails after Close. Close returns nil; it has an error
// result so that a Writer is an io.Closer.
func (w *Writer) Close() error {
	if w.state == stateClosed {
		return nil
	}
	w.state = stateClosed
	w.win.Wait()
	for _, t := range w.tables {
		t.abort()
	}
	w.mentions.remove()
	if w.bookF != nil {
		w.bookF.f.Close()
	}
	if w.bookL != nil {
		w.bookL.f.Close()
	}
	return nil
}

// want returns an error unless the Writer is in state s, for method.
func (w *Writer) want(s writerState, method string) error {
	if w.state == s {
		return nil
	}
	switch w.state {
	case stateNew:
		return fmt.Errorf("dataset: %s before Begin", method)
	case stateBegun:
		return fmt.Errorf("dataset: %s after Begin", method)
	case stateEnded:
		return fmt.Errorf("dataset: %s after End", method)
	}
	return fmt.Errorf("dataset: %s after Close", method)
}

// fail records err unless an error is recorded already, waits for the
// documents in flight and drops them, and returns the recorded error.
func (w *Writer) fail(err error) error {
	if w.err == nil {
		w.err = err
	}
	w.win.Wait()
	return w.err
}

// failAfterPending is fail for a problem of the next document: the
// documents before it are written first, so that an error of theirs, which
// comes first in reading order, wins.
func (w *Writer) failAfterPending(err error) error {
	if derr := w.drain(); derr != nil {
		return derr
	}
	return w.fail(err)
}

// writeNext waits for the oldest document in flight and writes it.
func (w *Writer) writeNext() error {
	r, _ := w.win.Next()
	return w.write(r)
}

// writeReady writes the oldest documents in flight that are encoded,
// without waiting for the others.
func (w *Writer) writeReady() error {
	for {
		r, ok := w.win.Ready()
		if !ok {
			return nil
		}
		if err := w.write(r); err != nil {
			return err
		}
	}
}

// drain writes every document in flight.
func (w *Writer) drain() error {
	for w.win.Len() > 0 {
		if err := w.writeNext(); err != nil {
			return err
		}
	}
	return nil
}

// write writes one document's result, or fails with its error.
func (w *Writer) write(r result) error {
	if r.err != nil {
		return w.fail(r.err)
	}
	if err := w.writeChunk(r.chunk); err != nil {
		return w.fail(err)
	}
	return nil
}

// writeChunk writes one document's records, which come in reading order,
// and keeps what the glossary needs to resolve references into it.
func (w *Writer) writeChunk(c *chunk) error {
	i := c.doc.Index
	if err := w.addMentions(c); err != nil {
		return err
	}
	if n := len(w.termUses); c.terms.max >= 0 && (n == 0 || c.terms.max > w.termUses[n-1].max) {
		w.termUses = append(w.termUses, docTerms{doc: i, termUse: c.terms})
	}
	if err := w.tables[TableDocuments].write(c.doc.ID, c.docLine, c.doc); err != nil {
		return err
	}
	for j, p := range c.paras {
		if err := w.tables[TableParagraphs].write(p.ID, c.paraLines[j], p); err != nil {
			return err
		}
	}
	for j, s := range c.sents {
		if err := w.tables[TableSentences].write(s.ID, c.sentLines[j], s); err != nil {
			return err
		}
	}
	if err := w.writeElements(c); err != nil {
		return err
	}
	w.bookL.Write(c.bookLine)
	return w.bookL.err
}

// finish closes the data files, names them, and writes the descriptors,
// whose sizes and hashes are those of the bytes written, datapackage.json
// last: a folder without it is incomplete. Reading the files back is
// Verify's job: exporters.Publish runs it once the files are synced.
func (w *Writer) finish() error {
	if err := w.bookF.Close(); err != nil {
		return err
	}
	if err := w.bookL.Close(); err != nil {
		return err
	}
	for _, t := range Tables {
		if err := w.tables[t].close(); err != nil {
			return err
		}
	}
	for _, t := range Tables {
		if err := w.tables[t].nameShards(); err != nil {
			return err
		}
	}
	// The Parquet files hold the rows the JSON Lines files hold, which
	// were validated: check them, every value of every row group, before
	// any descriptor names them.
	tables := make([]*tableWriter, len(Tables))
	for i, t := range Tables {
		tables[i] = w.tables[t]
	}
	if err := checkParquet(tables); err != nil {
		return err
	}
	schemaDir := filepath.Join(w.dir, "schema")
	if err := os.MkdirAll(schemaDir, 0o755); err != nil {
		return fmt.Errorf("dataset: %w", err)
	}
	for name, data := range w.c.files {
		if err := os.WriteFile(filepath.Join(schemaDir, name), data, 0o644); err != nil {
			return fmt.Errorf("dataset: write schema/%s: %w", name, err)
		}
	}
	if err := os.WriteFile(filepath.Join(w.dir, "README.md"), []byte(w.card()), 0o644); err != nil {
		return fmt.Errorf("dataset: write README.md: %w", err)
	}
	if lic, _, link := cardLicense(w.meta.Rights); lic == "other" {
		if err := os.WriteFile(filepath.Join(w.dir, link), []byte(w.meta.Rights+"\n"), 0o644); err != nil {
			return fmt.Errorf("dataset: write %s: %w", link, err)
		}
	}
	cj, err := json.MarshalIndent(w.croissant(), "", "  ")
	if err != nil {
		return fmt.Errorf("dataset: croissant.json: %w", err)
	}
	if err := os.WriteFile(filepath.Join(w.dir, "croissant.json"), append(cj, '\n'), 0o644); err != nil {
		return fmt.Errorf("dataset: write croissant.json: %w", err)
	}
	pj, err := json.MarshalIndent(w.datapackage(), "", "  ")
	if err != nil {
		return fmt.Errorf("dataset: datapackage.json: %w", err)
	}
	if err := os.WriteFile(filepath.Join(w.dir, "datapackage.json"), append(pj, '\n'), 0o644); err != nil {
		return fmt.Errorf("dataset: write datapackage.json: %w", err)
	}
	return nil
}
