// Package dataset writes seedpress's JSON dataset from the canonical model:
// four JSON Lines tables (documents, paragraphs, sentences, terms), the
// whole model as book.json, their JSON Schemas, a Frictionless Data Package
// descriptor (datapackage.json) and a Hugging Face dataset card (README.md).
//
// Every record is validated against its compiled JSON Schema before it is
// written, and so is what a schema cannot say: ids are unique and in reading
// order, every foreign key resolves, every offset pair reproduces its text,
// counts agree across tables, and the sizes and hashes in datapackage.json
// match the files. Write streams: it encodes and checks documents in
// parallel, writes them in reading order as they come, and never holds a
// whole table in memory.
package dataset

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"unicode/utf8"

	validator "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// DefaultShardBytes is the largest data file Write produces when
// Options.ShardBytes is zero: 256 MiB, a size Spark, DuckDB and Hugging
// Face datasets read comfortably in parallel.
const DefaultShardBytes = 256 << 20

// Options tunes Write. The zero value is the default.
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

// Info describes what Write wrote.
type Info struct {
	// Records counts the rows of each table.
	Records map[string]int
	// Files lists each table's data files, relative to dir and
	// slash-separated, in order.
	Files map[string][]string
}

// Error is a record that fails validation: its table, its id, and why.
// Write returns an *Error, unwrapped, for every failed check of the data.
type Error struct {
	Table  string // "documents", "paragraphs", "sentences", "terms" or "book"
	ID     string // the record's id
	Reason string
}

func (e *Error) Error() string { return "dataset: " + e.Table + " " + e.ID + ": " + e.Reason }

// stageName is the folder under dir where Write builds its files before
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
// otherwise. Only the last check, which re-reads the files in place against
// datapackage.json, fails after they are in place; dir is then to be
// discarded, as after any error. Write reads nothing but b: no clock, no
// randomness, so the same book gives the same bytes.
func Write(dir string, b *doc.Book, opts Options) (info Info, err error) {
	if b == nil {
		return Info{}, errors.New("dataset: no book")
	}
	c, err := schemas()
	if err != nil {
		return Info{}, err
	}
	stage := filepath.Join(dir, stageName)
	if err := os.MkdirAll(stage, 0o755); err != nil {
		return Info{}, fmt.Errorf("dataset: %w", err)
	}
	defer func() {
		if rerr := os.RemoveAll(stage); rerr != nil && err == nil {
			err = fmt.Errorf("dataset: remove staging folder: %w", rerr)
		}
	}()
	w := &writer{c: c, book: b, dir: dir, stage: stage, opts: opts}
	if w.opts.ShardBytes <= 0 {
		w.opts.ShardBytes = DefaultShardBytes
	}
	if w.opts.Workers <= 0 {
		w.opts.Workers = runtime.GOMAXPROCS(0)
	}
	defer w.close()
	if err := w.run(); err != nil {
		return Info{}, err
	}
	return w.info(), nil
}

// writer is one run of Write.
type writer struct {
	c      *compiled
	book   *doc.Book
	dir    string
	stage  string
	opts   Options
	tables map[string]*tableWriter
	bookF  *countingFile
	// leafSentences[d][l] is the number of sentences of leaf l of document
	// d, for resolving the glossary's references.
	leafSentences [][]int
	// paraWidths[d] and sentWidths[d][l] are the id widths used.
	paraWidths []int
	sentWidths [][]int
	docWidth   int
}

// width returns the number of digits of ids numbering n items: four, or
// more when n needs more, so that ids of one level sort in reading order.
func width(n int) int { return max(4, len(strconv.Itoa(n))) }

func docID(w, i int) string { return fmt.Sprintf("doc-%0*d", w, i+1) }

func (w *writer) run() error {
	b := w.book
	w.docWidth = width(len(b.Documents))
	w.tables = make(map[string]*tableWriter)
	for _, t := range Tables {
		w.tables[t] = &tableWriter{name: t, stage: w.stage, limit: w.opts.ShardBytes, hash: sha256.New()}
	}
	f, err := newCountingFile(filepath.Join(w.stage, "book.json"))
	if err != nil {
		return err
	}
	w.bookF = f

	// book.json is written as it goes: the skeleton (meta and glossary,
	// with no documents) is validated against the root schema, each
	// document against the schema of one element of "documents".
	skel := Book{Meta: bookMeta(b.Meta), Documents: []BookDocument{}, Glossary: bookGlossary(b.Glossary)}
	skelLine, err := w.c.encode(w.c.book, "book", "book", skel)
	if err != nil {
		return err
	}
	metaJSON, glossJSON, err := splitSkeleton(skelLine)
	if err != nil {
		return err
	}
	f.WriteString(`{"meta":`)
	f.Write(metaJSON)
	f.WriteString(`,"documents":[`)

	if err := w.documents(); err != nil {
		return err
	}

	f.WriteString(`],"glossary":`)
	f.Write(glossJSON)
	f.WriteString("}\n")
	if err := w.terms(); err != nil {
		return err
	}
	return w.finish()
}

// splitSkeleton returns the JSON of "meta" and "glossary" of a marshalled
// Book whose documents are empty.
func splitSkeleton(line []byte) (meta, gloss []byte, err error) {
	var parts struct {
		Meta     json.RawMessage `json:"meta"`
		Glossary json.RawMessage `json:"glossary"`
	}
	if err := json.Unmarshal(line, &parts); err != nil {
		return nil, nil, fmt.Errorf("dataset: book: %w", err)
	}
	return parts.Meta, parts.Glossary, nil
}

// result is one document's records, encoded and checked.
type result struct {
	chunk *chunk
	err   error
}

// documents encodes the documents in parallel and writes them in order.
func (w *writer) documents() error {
	docs := w.book.Documents
	w.leafSentences = make([][]int, len(docs))
	w.paraWidths = make([]int, len(docs))
	w.sentWidths = make([][]int, len(docs))
	order := make(chan chan result, 2*w.opts.Workers)
	sem := make(chan struct{}, w.opts.Workers)
	done := make(chan struct{})
	var wg sync.WaitGroup
	defer wg.Wait() // no worker outlives Write
	defer close(done)
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(order)
		for i, d := range docs {
			ch := make(chan result, 1)
			select {
			case order <- ch:
			case <-done:
				return
			}
			select {
			case sem <- struct{}{}:
			case <-done:
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer func() { <-sem }()
				c, err := w.c.encodeDocument(w.docWidth, i, d, len(w.book.Glossary))
				ch <- result{c, err}
			}()
		}
	}()
	for ch := range order {
		r := <-ch
		if r.err != nil {
			return r.err
		}
		if err := w.writeChunk(r.chunk); err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) writeChunk(c *chunk) error {
	i := c.doc.Index
	w.leafSentences[i] = c.leafSentences
	w.paraWidths[i] = c.paraWidth
	w.sentWidths[i] = c.sentWidths
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
func (w *writer) sentenceID(r doc.Ref) (string, string) {
	if r.Doc < 0 || r.Doc >= len(w.leafSentences) {
		return "", fmt.Sprintf("document %d does not exist (%d documents)", r.Doc, len(w.leafSentences))
	}
	ls := w.leafSentences[r.Doc]
	if r.Leaf < 0 || r.Leaf >= len(ls) {
		return "", fmt.Sprintf("paragraph %d of %s does not exist (%d paragraphs)", r.Leaf, docID(w.docWidth, r.Doc), len(ls))
	}
	pid := fmt.Sprintf("%s-p%0*d", docID(w.docWidth, r.Doc), w.paraWidths[r.Doc], r.Leaf+1)
	if r.Sentence < 0 || r.Sentence >= ls[r.Leaf] {
		return "", fmt.Sprintf("sentence %d of %s does not exist (%d sentences)", r.Sentence, pid, ls[r.Leaf])
	}
	return fmt.Sprintf("%s-s%0*d", pid, w.sentWidths[r.Doc][r.Leaf], r.Sentence+1), ""
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

// terms writes the glossary, resolving every reference to a sentence id.
func (w *writer) terms() error {
	g := w.book.Glossary
	tw := width(len(g))
	for i, t := range g {
		id := fmt.Sprintf("term-%0*d", tw, i+1)
		fail := func(format string, args ...any) error {
			return &Error{Table: TableTerms, ID: id, Reason: fmt.Sprintf(format, args...)}
		}
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
// validates it against s. A record that writes its own JSON (appender) or
// builds its own validator value (valuer) skips reflection for that step;
// either way the value validated is the one the written line decodes to
// (TestRecordFastPath).
func (c *compiled) encode(s *validator.Schema, table, id string, v any) ([]byte, error) {
	var line []byte
	if a, ok := v.(appender); ok {
		line = append(a.appendJSON(make([]byte, 0, 256)), '\n')
	} else {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			return nil, &Error{Table: table, ID: id, Reason: "encode: " + err.Error()}
		}
		line = buf.Bytes()
	}
	var val any
	if vr, ok := v.(valuer); ok {
		val = vr.value()
	} else {
		var err error
		if val, err = validator.UnmarshalJSON(bytes.NewReader(line)); err != nil {
			return nil, &Error{Table: table, ID: id, Reason: err.Error()}
		}
	}
	if err := validate(s, val); err != nil {
		return nil, &Error{Table: table, ID: id, Reason: err.Error()}
	}
	return line, nil
}

// finish closes the files, moves them into place, writes the descriptors
// and checks the written files against them.
func (w *writer) finish() error {
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
	return verifyResources(w.dir, pkg)
}

// verifyResources re-reads every resource's files and checks their total
// size and SHA-256 against the descriptor.
func verifyResources(dir string, pkg *dataPackage) error {
	for _, r := range pkg.Resources {
		h := sha256.New()
		var n int64
		for _, p := range r.paths() {
			f, err := os.Open(filepath.Join(dir, filepath.FromSlash(p)))
			if err != nil {
				return fmt.Errorf("dataset: verify %s: %w", p, err)
			}
			m, err := io.Copy(h, f)
			f.Close()
			if err != nil {
				return fmt.Errorf("dataset: verify %s: %w", p, err)
			}
			n += m
		}
		if got := "sha256:" + hex.EncodeToString(h.Sum(nil)); got != r.Hash || n != r.Bytes {
			return &Error{Table: r.Name, ID: "datapackage.json", Reason: fmt.Sprintf("files hold %d bytes %s, descriptor says %d bytes %s", n, got, r.Bytes, r.Hash)}
		}
	}
	return nil
}

func (w *writer) info() Info {
	in := Info{Records: map[string]int{}, Files: map[string][]string{}}
	for _, t := range Tables {
		in.Records[t] = w.tables[t].records
		in.Files[t] = w.tables[t].final
	}
	return in
}

// close releases open files after a failure.
func (w *writer) close() {
	for _, t := range w.tables {
		if t.f != nil {
			t.f.Close()
		}
	}
	if w.bookF != nil {
		w.bookF.f.Close()
	}
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
