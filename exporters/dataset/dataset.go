// Package dataset writes seedpress's JSON dataset from the canonical model:
// four JSON Lines tables (documents, paragraphs, sentences, terms), the
// whole model as book.json, their JSON Schemas, a Frictionless Data Package
// descriptor (datapackage.json) and a Hugging Face dataset card (README.md).
//
// Every record is validated against its compiled JSON Schema before it is
// written, and so is what a schema cannot say: ids are unique and in reading
// order, every foreign key resolves, every offset pair reproduces its text,
// counts agree across tables. The sizes and hashes in datapackage.json are
// those of the bytes written; Verify reads the files back against them.
//
// Write writes a whole doc.Book through a Writer, a doc.Sink that takes the
// book one document at a time: documents are encoded and checked in
// parallel, written in reading order as they come and dropped once
// written, so that a Writer holds no whole table, and no more than a few
// documents, in memory.
package dataset

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// DefaultShardBytes is the largest data file Write produces when
// Options.ShardBytes is zero: 256 MiB, a size Spark, DuckDB and Hugging
// Face datasets read comfortably in parallel.
const DefaultShardBytes = 256 << 20

// Options tunes Write and Writer. The zero value is the default.
type Options struct {
	// ShardBytes bounds the size of one data file. A table whose records
	// pass it is split into numbered shards, data/<table>-00000-of-0000N.jsonl,
	// each at most ShardBytes long unless one record alone is longer; the
	// shards concatenated are byte for byte the unsharded file. Zero means
	// DefaultShardBytes.
	ShardBytes int64
	// Workers bounds the documents encoded and validated at once; zero
	// means GOMAXPROCS. The output does not depend on it.
	Workers int
}

// Info describes what Write, or a Writer, wrote.
type Info struct {
	// Records counts the rows of each table.
	Records map[string]int
	// Files lists each table's data files, relative to dir and
	// slash-separated, in order.
	Files map[string][]string
}

// Error is a record that fails validation: its table, its id, and why.
// Write and Writer return an *Error, unwrapped, for every failed check of
// the data.
type Error struct {
	Table  string // "documents", "paragraphs", "sentences", "terms" or "book"
	ID     string // the record's id
	Reason string
}

func (e *Error) Error() string { return "dataset: " + e.Table + " " + e.ID + ": " + e.Reason }

// stageName is the folder under dir where a Writer builds its files before
// moving them into place; it is removed on success and on failure.
const stageName = ".partial"

// Write writes the dataset of b under dir, which should be empty:
// data/<table>.jsonl (or its shards), book.json, schema/*.schema.json,
// datapackage.json and README.md.
//
// On a validation failure Write returns an *Error naming the table, the
// record id and the reason, and leaves data/ and every top-level file
// unwritten: records go to a staging folder that is moved into place only
// once every record and every cross-table invariant has passed, and removed
// otherwise; after an error dir is to be discarded. The sizes and hashes in
// datapackage.json are those of the bytes written; Write does not read the
// files back: Verify does (exporters.Publish runs it once they are synced).
// Write reads nothing but b: no clock, no randomness, so the same book
// gives the same bytes.
//
// Write is a Writer given the whole book: NewWriter, Begin, Document for
// each document, End and Close. A producer that makes documents one at a
// time can use a Writer itself and never hold the book.
func Write(dir string, b *doc.Book, opts Options) (Info, error) {
	if b == nil {
		return Info{}, errors.New("dataset: no book")
	}
	w, err := NewWriter(dir, opts)
	if err != nil {
		return Info{}, err
	}
	err = w.writeBook(b)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Info{}, err
	}
	return w.Info(), nil
}

// writeBook gives b to w as a stream.
func (w *Writer) writeBook(b *doc.Book) error {
	if err := w.Begin(b.Meta, len(b.Documents)); err != nil {
		return err
	}
	for _, d := range b.Documents {
		if err := w.Document(d); err != nil {
			return err
		}
	}
	return w.End(b.Glossary)
}

// Writer writes a dataset folder from a stream of documents; it is a
// doc.Sink. NewWriter makes one for a folder, Begin gives the book's
// metadata and its number of documents, Document each document in reading
// order, End the complete glossary, and Close, which must always follow
// (defer it), releases what is left. After a successful End the folder
// holds, byte for byte, what Write writes for the same book, under the same
// contract: the files are built in a staging folder that End moves into
// place only once every record and every cross-table check has passed.
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
	stage string
	opts  Options
	state writerState
	err   error // the first error; every later call returns it

	meta      doc.Meta
	documents int // the number of documents Begin announced
	docWidth  int
	given     int // documents given to Document so far

	tables map[string]*tableWriter
	bookF  *countingFile
	// sentCounts[leafStart[d]+l] is the number of sentences of leaf l of
	// document d, for resolving the glossary's references; leafStart[d+1]
	// - leafStart[d] is the number of leaves of d. The id widths follow
	// from the counts (see width). Two flat int32 slices: for a large
	// corpus this is all the Writer keeps per document.
	sentCounts []int32
	leafStart  []int32
	// termUses lists, in reading order, the documents whose abbreviations
	// raised the largest glossary index used so far: the first document
	// that indexes past the glossary End gets is among them.
	termUses []docTerms

	// pending holds the documents in flight, oldest first; each channel
	// receives its document's result once. sem bounds the goroutines that
	// encode them, wg waits for those.
	pending []chan result
	sem     chan struct{}
	wg      sync.WaitGroup
}

// writerState is where a Writer is in its sequence of calls.
type writerState int

const (
	stateNew    writerState = iota // made, Begin not called
	stateBegun                     // Begin called, End not
	stateEnded                     // End called
	stateClosed                    // Close called
)

// docTerms is the largest glossary index document doc uses.
type docTerms struct {
	doc int
	termUse
}

// result is one document's records, encoded and checked.
type result struct {
	chunk *chunk
	err   error
}

// NewWriter returns a Writer that writes a dataset under dir, which should
// be empty, as Write's. It compiles the schemas and creates the staging
// folder dir/.partial (and dir if need be); Close removes it.
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
	stage := filepath.Join(dir, stageName)
	if err := os.MkdirAll(stage, 0o755); err != nil {
		return nil, fmt.Errorf("dataset: create staging folder: %w", err)
	}
	w := &Writer{c: c, dir: dir, stage: stage, opts: opts, sem: make(chan struct{}, opts.Workers),
		tables: make(map[string]*tableWriter)}
	for _, t := range Tables {
		w.tables[t] = &tableWriter{name: t, stage: stage, limit: opts.ShardBytes, hash: sha256.New()}
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
	w.leafStart = make([]int32, 1, documents+1)

	// book.json is written as it goes: the skeleton (the metadata, no
	// documents, an empty glossary) is validated against the root schema
	// here, each document against the schema of one element of
	// "documents", and at End each glossary entry against that of one
	// element of "glossary".
	metaJSON, err := w.skeletonMeta()
	if err != nil {
		return w.fail(err)
	}
	f, err := newCountingFile(filepath.Join(w.stage, "book.json"))
	if err != nil {
		return w.fail(err)
	}
	w.bookF = f
	f.WriteString(`{"meta":`)
	f.Write(metaJSON)
	f.WriteString(`,"documents":[`)
	if f.err != nil {
		return w.fail(f.err)
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
	for len(w.pending) >= 2*w.opts.Workers {
		if err := w.writeNext(); err != nil {
			return err
		}
	}
	ch := make(chan result, 1)
	w.sem <- struct{}{}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		defer func() { <-w.sem }()
		c, err := w.c.encodeDocument(w.docWidth, i, d)
		ch <- result{c, err}
	}()
	w.pending = append(w.pending, ch)
	return w.writeReady()
}

// End implements doc.Sink: it writes the documents still in flight, checks
// that Begin's count of them arrived and that every abbreviation's term
// index is in glossary, writes the terms table and the rest of book.json,
// moves the files into place, writes the schemas, datapackage.json and
// README.md and removes the staging folder: what Write does after the last
// document.
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
	w.bookF.WriteString(`],"glossary":`)
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
	if err := w.finish(); err != nil {
		return err
	}
	if err := os.RemoveAll(w.stage); err != nil {
		return fmt.Errorf("dataset: remove staging folder: %w", err)
	}
	return nil
}

// Info describes what the Writer wrote; it is valid after a successful
// End.
func (w *Writer) Info() Info {
	in := Info{Records: map[string]int{}, Files: map[string][]string{}}
	for _, t := range Tables {
		in.Records[t] = w.tables[t].records
		in.Files[t] = w.tables[t].final
	}
	return in
}

// Close waits for the documents in flight, closes the open files and
// removes the staging folder. Call it always, after End or after a
// failure: then nothing remains in dir but what Write leaves on failure.
// It returns an error only when the staging folder cannot be removed; a
// second call does nothing. Every call but Info fails after Close.
func (w *Writer) Close() error {
	if w.state == stateClosed {
		return nil
	}
	w.state = stateClosed
	w.wg.Wait()
	clear(w.pending)
	w.pending = nil
	for _, t := range w.tables {
		if t.f != nil {
			t.f.Close()
			t.f = nil
		}
	}
	if w.bookF != nil {
		w.bookF.f.Close()
	}
	if err := os.RemoveAll(w.stage); err != nil {
		return fmt.Errorf("dataset: remove staging folder: %w", err)
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
	w.wg.Wait()
	clear(w.pending)
	w.pending = w.pending[:0]
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
	return w.write(<-w.pop())
}

// writeReady writes the oldest documents in flight that are encoded,
// without waiting for the others.
func (w *Writer) writeReady() error {
	for len(w.pending) > 0 {
		select {
		case r := <-w.pending[0]:
			w.pop()
			if err := w.write(r); err != nil {
				return err
			}
		default:
			return nil
		}
	}
	return nil
}

// drain writes every document in flight.
func (w *Writer) drain() error {
	for len(w.pending) > 0 {
		if err := w.writeNext(); err != nil {
			return err
		}
	}
	return nil
}

// pop removes the oldest document in flight and returns its channel.
func (w *Writer) pop() chan result {
	ch := w.pending[0]
	w.pending[0] = nil
	w.pending = w.pending[1:]
	return ch
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

// skeletonMeta validates book.json's skeleton (the metadata, no documents,
// an empty glossary) and returns the JSON of its "meta".
func (w *Writer) skeletonMeta() ([]byte, error) {
	skel := Book{Meta: bookMeta(w.meta), Documents: []BookDocument{}, Glossary: []GlossaryEntry{}}
	line, err := w.c.encode(w.c.book, "book", "book", skel)
	if err != nil {
		return nil, err
	}
	return skeletonMetaJSON(line)
}

// writeGlossary writes book.json's glossary, validating one entry at a
// time against the schema of one element of "glossary", like the
// documents: an error names the entry, and an entry lists every sentence
// that uses its acronym, so the whole glossary at once would be one line of
// tens of megabytes for a large corpus.
func (w *Writer) writeGlossary(glossary []doc.Term) error {
	w.bookF.WriteString("[")
	tw := width(len(glossary))
	for i, t := range glossary {
		line, err := w.c.encode(w.c.bookTerm, "book", fmt.Sprintf("glossary term-%0*d", tw, i+1), bookTerm(t))
		if err != nil {
			return err
		}
		if i > 0 {
			w.bookF.WriteString(",")
		}
		w.bookF.Write(line[:len(line)-1])
	}
	w.bookF.WriteString("]")
	return w.bookF.err
}

// skeletonMetaJSON returns the JSON of "meta" of a marshalled Book.
func skeletonMetaJSON(line []byte) ([]byte, error) {
	var parts struct {
		Meta json.RawMessage `json:"meta"`
	}
	if err := json.Unmarshal(line, &parts); err != nil {
		return nil, fmt.Errorf("dataset: book: %w", err)
	}
	return parts.Meta, nil
}

// writeChunk writes one document's records, which come in reading order,
// and keeps what the glossary needs to resolve references into it.
func (w *Writer) writeChunk(c *chunk) error {
	i := c.doc.Index
	for _, n := range c.leafSentences {
		w.sentCounts = append(w.sentCounts, int32(n))
	}
	w.leafStart = append(w.leafStart, int32(len(w.sentCounts)))
	if n := len(w.termUses); c.terms.max >= 0 && (n == 0 || c.terms.max > w.termUses[n-1].max) {
		w.termUses = append(w.termUses, docTerms{doc: i, termUse: c.terms})
	}
	if err := w.tables[TableDocuments].write(c.doc.ID, c.docLine); err != nil {
		return err
	}
	for j, p := range c.paras {
		if err := w.tables[TableParagraphs].write(p.ID, c.paraLines[j]); err != nil {
			return err
		}
	}
	for j, s := range c.sents {
		if err := w.tables[TableSentences].write(s.ID, c.sentLines[j]); err != nil {
			return err
		}
	}
	if i > 0 {
		w.bookF.WriteString(",")
	}
	w.bookF.Write(c.bookLine)
	return w.bookF.err
}

// sentenceID returns the id of the sentence r points at, or a reason why
// it resolves to none.
func (w *Writer) sentenceID(r doc.Ref) (string, string) {
	if docs := len(w.leafStart) - 1; r.Doc < 0 || r.Doc >= docs {
		return "", fmt.Sprintf("document %d does not exist (%d documents)", r.Doc, docs)
	}
	ls := w.sentCounts[w.leafStart[r.Doc]:w.leafStart[r.Doc+1]]
	if r.Leaf < 0 || r.Leaf >= len(ls) {
		return "", fmt.Sprintf("paragraph %d of %s does not exist (%d paragraphs)", r.Leaf, docID(w.docWidth, r.Doc), len(ls))
	}
	pid := fmt.Sprintf("%s-p%0*d", docID(w.docWidth, r.Doc), width(len(ls)), r.Leaf+1)
	n := int(ls[r.Leaf])
	if r.Sentence < 0 || r.Sentence >= n {
		return "", fmt.Sprintf("sentence %d of %s does not exist (%d sentences)", r.Sentence, pid, n)
	}
	return fmt.Sprintf("%s-s%0*d", pid, width(n), r.Sentence+1), ""
}

func refLess(a, b doc.Ref) bool {
	if a.Doc != b.Doc {
		return a.Doc < b.Doc
	}
	if a.Leaf != b.Leaf {
		return a.Leaf < b.Leaf
	}
	return a.Sentence < b.Sentence
}

// terms writes the glossary g, resolving every reference to a sentence id.
func (w *Writer) terms(g []doc.Term) error {
	tw := width(len(g))
	for i, t := range g {
		id := fmt.Sprintf("term-%0*d", tw, i+1)
		fail := func(format string, args ...any) error { return recordErr(TableTerms, id, format, args...) }
		first, why := w.sentenceID(t.Defined)
		if why != "" {
			return fail("first_sentence_id: %s", why)
		}
		rec := Term{ID: id, Acronym: t.Acronym, Expansion: t.Expansion, FirstSentenceID: first,
			Occurrences: t.Occurrences, SentenceIDs: make([]string, 0, len(t.Uses))}
		if t.ExpansionEN != "" {
			rec.ExpansionEN = &t.ExpansionEN
		}
		defined := false
		for j, u := range t.Uses {
			if j > 0 && !refLess(t.Uses[j-1], u) {
				return fail("sentence_ids: use %d (%s) is not after use %d (%s): uses must be in reading order, each once", j, u, j-1, t.Uses[j-1])
			}
			sid, why := w.sentenceID(u)
			if why != "" {
				return fail("sentence_ids: %s", why)
			}
			defined = defined || u == t.Defined
			rec.SentenceIDs = append(rec.SentenceIDs, sid)
		}
		if !defined {
			return fail("first_sentence_id %s is not among sentence_ids", first)
		}
		if t.Occurrences < len(t.Uses) {
			return fail("occurrences %d < %d sentences that use it", t.Occurrences, len(t.Uses))
		}
		line, err := w.c.encode(w.c.tables[TableTerms], TableTerms, id, rec)
		if err != nil {
			return err
		}
		if err := w.tables[TableTerms].write(id, line); err != nil {
			return err
		}
	}
	return nil
}

// encode marshals v as one JSON line (non-ASCII and <>& unescaped) and
// validates the line against s. A record that writes its own JSON
// (appender) skips reflection; TestRecordFastPath holds it to encoding/json.
func (c *compiled) encode(s *recordSchema, table, id string, v any) ([]byte, error) {
	return c.appendRecord(nil, s, table, id, v)
}

// appendRecord is encode appending the line to dst: the records of one
// document share a buffer per table.
func (c *compiled) appendRecord(dst []byte, s *recordSchema, table, id string, v any) ([]byte, error) {
	start := len(dst)
	dst, err := appendLine(dst, v)
	if err != nil {
		return nil, &Error{Table: table, ID: id, Reason: "encode: " + err.Error()}
	}
	if err := s.validate(dst[start:]); err != nil {
		return nil, &Error{Table: table, ID: id, Reason: err.Error()}
	}
	return dst, nil
}

// appendLine appends v's JSON line to dst.
func appendLine(dst []byte, v any) ([]byte, error) {
	if a, ok := v.(appender); ok {
		return append(a.appendJSON(dst), '\n'), nil
	}
	buf := bytes.NewBuffer(dst)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// finish closes the files, moves them into place and writes the
// descriptors, whose sizes and hashes are those of the bytes written.
// Reading the files back is Verify's job: exporters.Publish runs it once
// the files are synced.
func (w *Writer) finish() error {
	if err := w.bookF.Close(); err != nil {
		return err
	}
	for _, t := range Tables {
		if err := w.tables[t].close(); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Join(w.dir, "data"), 0o755); err != nil {
		return fmt.Errorf("dataset: %w", err)
	}
	for _, t := range Tables {
		if err := w.tables[t].moveInto(w.dir); err != nil {
			return err
		}
	}
	if err := os.Rename(w.bookF.path, filepath.Join(w.dir, "book.json")); err != nil {
		return fmt.Errorf("dataset: %w", err)
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
	pkg := w.datapackage()
	pj, err := json.MarshalIndent(pkg, "", "  ")
	if err != nil {
		return fmt.Errorf("dataset: datapackage.json: %w", err)
	}
	if err := os.WriteFile(filepath.Join(w.dir, "datapackage.json"), append(pj, '\n'), 0o644); err != nil {
		return fmt.Errorf("dataset: write datapackage.json: %w", err)
	}
	if err := os.WriteFile(filepath.Join(w.dir, "README.md"), []byte(w.card()), 0o644); err != nil {
		return fmt.Errorf("dataset: write README.md: %w", err)
	}
	return nil
}

// tableWriter writes one table into numbered temporary shards, hashing as
// it goes, and names the shards once their number is known.
type tableWriter struct {
	name    string
	stage   string
	limit   int64
	f       *os.File
	w       *bufio.Writer
	cur     int64 // bytes in the current shard
	temps   []string
	final   []string
	hash    hash.Hash
	bytes   int64
	records int
	last    string
}

// write appends one record. Ids must increase strictly: they sort in
// reading order, so this proves them unique.
func (t *tableWriter) write(id string, line []byte) error {
	if t.records > 0 && id <= t.last {
		return &Error{Table: t.name, ID: id, Reason: fmt.Sprintf("id does not sort after the previous id %s: duplicate or out of reading order", t.last)}
	}
	if t.f == nil || (t.cur > 0 && t.cur+int64(len(line)) > t.limit) {
		if err := t.rotate(); err != nil {
			return err
		}
	}
	if _, err := t.w.Write(line); err != nil {
		return fmt.Errorf("dataset: write %s: %w", t.name, err)
	}
	t.hash.Write(line)
	t.cur += int64(len(line))
	t.bytes += int64(len(line))
	t.records++
	t.last = id
	return nil
}

func (t *tableWriter) rotate() error {
	if err := t.closeShard(); err != nil {
		return err
	}
	p := filepath.Join(t.stage, fmt.Sprintf("%s.%d.jsonl", t.name, len(t.temps)))
	f, err := os.Create(p)
	if err != nil {
		return fmt.Errorf("dataset: %w", err)
	}
	t.f, t.w, t.cur = f, bufio.NewWriterSize(f, 256<<10), 0
	t.temps = append(t.temps, p)
	return nil
}

func (t *tableWriter) closeShard() error {
	if t.f == nil {
		return nil
	}
	err := t.w.Flush()
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	t.f = nil
	if err != nil {
		return fmt.Errorf("dataset: write %s: %w", t.name, err)
	}
	return nil
}

func (t *tableWriter) close() error {
	if t.f == nil && len(t.temps) == 0 {
		// An empty table is still a file, with no lines.
		if err := t.rotate(); err != nil {
			return err
		}
	}
	return t.closeShard()
}

// moveInto renames the shards to data/<table>.jsonl, or to
// data/<table>-00000-of-0000N.jsonl when there are several.
func (t *tableWriter) moveInto(dir string) error {
	n := len(t.temps)
	for i, p := range t.temps {
		name := t.name + ".jsonl"
		if n > 1 {
			name = fmt.Sprintf("%s-%05d-of-%05d.jsonl", t.name, i, n)
		}
		if err := os.Rename(p, filepath.Join(dir, "data", name)); err != nil {
			return fmt.Errorf("dataset: %w", err)
		}
		t.final = append(t.final, "data/"+name)
	}
	return nil
}

// countingFile is a buffered file that counts and hashes what it writes
// and keeps its first error.
type countingFile struct {
	path  string
	f     *os.File
	w     *bufio.Writer
	hash  hash.Hash
	bytes int64
	err   error
}

func newCountingFile(path string) (*countingFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	return &countingFile{path: path, f: f, w: bufio.NewWriterSize(f, 256<<10), hash: sha256.New()}, nil
}

func (c *countingFile) Write(p []byte) {
	if c.err != nil {
		return
	}
	if _, err := c.w.Write(p); err != nil {
		c.err = fmt.Errorf("dataset: write %s: %w", filepath.Base(c.path), err)
		return
	}
	c.hash.Write(p)
	c.bytes += int64(len(p))
}

func (c *countingFile) WriteString(s string) { c.Write([]byte(s)) }

func (c *countingFile) Close() error {
	if c.err == nil {
		if err := c.w.Flush(); err != nil {
			c.err = fmt.Errorf("dataset: write %s: %w", filepath.Base(c.path), err)
		}
	}
	if err := c.f.Close(); err != nil && c.err == nil {
		c.err = fmt.Errorf("dataset: write %s: %w", filepath.Base(c.path), err)
	}
	return c.err
}

// runeCursor maps code-point offsets of s to byte offsets, moving forward
// from the last offset asked for, so that a run of increasing offsets costs
// one pass over s.
type runeCursor struct {
	s     string
	runes int
	bytes int
}

// byteAt returns the byte offset of code point r of s; r must be at most
// the number of code points of s.
func (c *runeCursor) byteAt(r int) int {
	if r < c.runes {
		c.runes, c.bytes = 0, 0
	}
	for c.runes < r {
		_, size := utf8.DecodeRuneInString(c.s[c.bytes:])
		c.bytes += size
		c.runes++
	}
	return c.bytes
}
