package dataset

import (
	"bufio"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"unsafe"

	"github.com/klauspost/compress/s2"
	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/snappy"
)

// The Parquet files mirror the JSON Lines files: one Parquet shard per
// JSON Lines shard, holding the same rows in the same order, so that
// data/<table>-00001-of-00003.parquet and data/<table>-00001-of-00003.jsonl
// are the same rows in two formats.
//
// A Parquet file is written with these fixed choices, so that the same
// records always give the same bytes and every common reader reads them:
//
//   - columns named and typed from the record type: a string is a
//     required UTF-8 string (BYTE_ARRAY, logical type STRING), an int a
//     required INT64, a *string an optional string, a []string a LIST of
//     required strings;
//   - SNAPPY compression, which every Parquet reader decodes without
//     extras (hyparquet, for one, reads ZSTD only with a plug-in), in its
//     fast mode (fastSnappy);
//   - a row group whenever the rows buffered since the last one reach
//     parquetGroupBytes of JSON text, so that a reader scans a shard on
//     several threads, and never an empty one;
//   - page statistics and column-index bounds for the ids and the
//     numbers only (parquetBounds): the bounds of a text column hold whole
//     texts, which cost memory and bytes per page and let no reader skip
//     a page;
//   - a fixed created_by (parquetCreatedBy), no key-value metadata, no
//     clock.
const (
	// parquetGroupBytes is the size, in bytes of the rows' JSON lines,
	// at which a row group is closed.
	parquetGroupBytes = 16 << 20
	// parquetCreatedBy is the created_by of every Parquet file: the
	// library's default names its version and build, which vary.
	parquetCreatedBy = "seedpress"
)

// ParquetMediaType is the media type of the Parquet files.
const ParquetMediaType = "application/vnd.apache.parquet"

// parquetTypes caches parquetType by record type.
var parquetTypes sync.Map // reflect.Type → reflect.Type

// parquetType returns the struct type parquet-go writes for the record type
// t: t's fields, in order, each tagged with its JSON name (",optional" for
// a pointer, ",list" for a slice; parquetTag). A value of t converts to it
// and back, as the two types differ only in tags, so that the record types
// in records.go name each column once, for JSON and for Parquet alike.
func parquetType(t reflect.Type) reflect.Type {
	if pt, ok := parquetTypes.Load(t); ok {
		return pt.(reflect.Type)
	}
	fields := make([]reflect.StructField, t.NumField())
	for i := range fields {
		f := t.Field(i)
		fields[i] = reflect.StructField{Name: f.Name, Type: f.Type, Tag: parquetTag(f)}
	}
	pt, _ := parquetTypes.LoadOrStore(t, reflect.StructOf(fields))
	return pt.(reflect.Type)
}

// parquetTag returns the parquet struct tag of a record type's field: its
// JSON name, with ",optional" for a pointer and ",list" for a slice.
func parquetTag(f reflect.StructField) reflect.StructTag {
	tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch f.Type.Kind() {
	case reflect.Pointer:
		tag += ",optional"
	case reflect.Slice:
		tag += ",list"
	}
	return reflect.StructTag(`parquet:"` + tag + `"`)
}

// parquetTags returns the options that give each field of the record type
// t its parquetTag, for parquet-go's generic writer of t, whose schema
// then is parquetType(t)'s, so that it writes column by column. The files'
// schema itself comes from parquetType: a schema derived from t with these
// tags has the same columns but t's name at its root, which would change
// the files' bytes.
func parquetTags(t reflect.Type) []parquet.SchemaOption {
	opts := make([]parquet.SchemaOption, t.NumField())
	for i := range opts {
		f := t.Field(i)
		opts[i] = parquet.StructTag(parquetTag(f), f.Name)
	}
	return opts
}

// ParquetSchema returns the Parquet schema of a table's files.
func ParquetSchema(table string) *parquet.Schema {
	return parquet.SchemaOf(reflect.Zero(parquetType(recordTypes[table])).Interface())
}

// fastSnappy is the SNAPPY codec in the fast mode of
// github.com/klauspost/compress/s2 (s2.EncodeSnappy): parquet-go's own
// SNAPPY codec spends about twice the time for blocks a few per cent
// smaller. Any Snappy decoder reads either.
type fastSnappy struct{ snappy.Codec }

func (*fastSnappy) Encode(dst, src []byte) ([]byte, error) {
	return s2.EncodeSnappy(dst, src), nil
}

// parquetBounds returns the writer options that leave out the page
// statistics and the column-index bounds of every string column of schema
// but the ids ("id" and the columns whose name ends in "_id"), which sort
// in reading order, so that a reader can skip pages by id.
func parquetBounds(schema *parquet.Schema) []parquet.WriterOption {
	var opts []parquet.WriterOption
	for _, path := range schema.Columns() {
		leaf, _ := schema.Lookup(path...)
		name := path[0]
		if leaf.Node.Type().Kind() != parquet.ByteArray || name == "id" || strings.HasSuffix(name, "_id") {
			continue
		}
		opts = append(opts, parquet.SkipPageBounds(path...), parquet.SkipPageStatistics(path...))
	}
	return opts
}

// createdBy is a parquet.WriterOption that sets created_by exactly.
type createdBy string

func (c createdBy) ConfigureWriter(config *parquet.WriterConfig) { config.CreatedBy = string(c) }

// The rows are written column by column, in batches, with parquet-go's
// generic writer of the record type (rowWriter), and the bytes are those
// of a writer given one row at a time: a writer closes a column's page
// once the column's buffered values reach pageFlushBytes, checking after
// each batch, so a batch ends where a page closes. parquetTable counts the
// bytes a record adds to each column's buffer (parquetColumn.add) to know
// where that is.
const (
	// parquetPageBytes is the size of the page buffers
	// (parquet.PageBufferSize), parquet-go's default.
	parquetPageBytes = parquet.DefaultPageBufferSize
	// pageFlushBytes is the size of a column's buffered values at which
	// the writer closes the column's page: 98% of the page buffer, as
	// parquet-go computes it.
	pageFlushBytes = parquetPageBytes * 98 / 100
	// parquetBatchRows is the most rows buffered before they are written.
	parquetBatchRows = 256
)

// parquetTable writes one table's rows as Parquet shards into data/ under
// temporary names (data/<table>.<n>.parquet), and names them once their
// number is known (nameShards); its tableWriter calls rotate where the
// JSON Lines shard turns. The pages of the row group being written are
// buffered in temporary files of data/ (pagePool), emptied once the row
// group is written, not in memory: memory does not grow with the row group.
//
// As it writes, it hashes each column's values per row group from the
// records' fields (columnHash); checkShard reads the shard back and hashes
// the values it reads.
type parquetTable struct {
	name    string
	schema  *parquet.Schema
	dataDir string
	cols    []parquetColumn // the leaf columns, in schema order
	newRows func(io.Writer, ...parquet.WriterOption) rowWriter
	opts    []parquet.WriterOption // the struct tags of the record type
	pool    pagePool

	f         *os.File
	out       *hashingWriter
	w         rowWriter
	group     int64 // JSON bytes of the rows in the current row group
	rows      int64 // rows in the current shard
	groupRows int64 // rows in the current row group
	// hashes hashes each column's values in the current row group, and
	// pages counts the bytes of each column's values buffered in the
	// writer's current page, as parquet-go counts them (parquetColumn.add).
	hashes []columnHash
	pages  []int64
	groups []parquetGroup // the current shard's closed row groups

	temps []string  // the shards' temporary paths, in order
	sums  []fileSum // each closed shard's size and SHA-256
	final []string  // the shards' final paths, relative to the dataset and slash-separated
	all   hash.Hash // the SHA-256 of the shards concatenated, for datapackage.json
	bytes int64     // the size of the shards together
	// shardRows and shardGroups are each closed shard's row count and row
	// groups as written.
	shardRows   []int64
	shardGroups [][]parquetGroup
}

// parquetGroup is one row group as written: its rows and the hash of each
// column's values (columnHash), in schema order.
type parquetGroup struct {
	rows int64
	sums []uint64
}

// fileSum is the size and SHA-256 (lower-case hex) of one file.
type fileSum struct {
	Bytes  int64
	SHA256 string
}

// rowWriter is the typed half of a parquetTable: parquet-go's generic
// writer of the table's record type, which writes records column by
// column, and the records buffered for it.
type rowWriter interface {
	// add buffers rec, a value of the record type, and returns the
	// address of the copy buffered, valid until the next add or write.
	add(rec any) unsafe.Pointer
	// buffered returns the number of records buffered.
	buffered() int
	// write writes the buffered records.
	write() error
	// Flush writes the row group; call write first.
	Flush() error
	// Close writes the file's footer; call write first.
	Close() error
}

// typedRows is the rowWriter of records of type T.
type typedRows[T any] struct {
	*parquet.GenericWriter[T]
	buf []T
}

func newTypedRows[T any](out io.Writer, opts ...parquet.WriterOption) rowWriter {
	return &typedRows[T]{GenericWriter: parquet.NewGenericWriter[T](out, opts...), buf: make([]T, 0, parquetBatchRows)}
}

func (r *typedRows[T]) add(rec any) unsafe.Pointer {
	r.buf = append(r.buf, rec.(T))
	return unsafe.Pointer(&r.buf[len(r.buf)-1])
}

func (r *typedRows[T]) buffered() int { return len(r.buf) }

func (r *typedRows[T]) write() error {
	_, err := r.Write(r.buf)
	clear(r.buf)
	r.buf = r.buf[:0]
	return err
}

// rowWriters makes the rowWriter of each table's record type.
var rowWriters = map[string]func(io.Writer, ...parquet.WriterOption) rowWriter{
	TableDocuments:  newTypedRows[Document],
	TableParagraphs: newTypedRows[Paragraph],
	TableSentences:  newTypedRows[Sentence],
	TableTerms:      newTypedRows[Term],
	TableMentions:   newTypedRows[Mention],
	TableTables:     newTypedRows[Table],
	TableFigures:    newTypedRows[Figure],
	TableLinks:      newTypedRows[Link],
}

// columnKind is the Go type of a record field, which says how its Parquet
// column holds it.
type columnKind uint8

const (
	columnString     columnKind = iota // string: a required string
	columnInt                          // int: a required INT64
	columnOptString                    // *string: an optional string
	columnOptInt                       // *int: an optional INT64
	columnStrings                      // []string: a LIST of strings
	columnStringRows                   // [][]string: a LIST of LISTs of strings
)

// parquetColumn is one leaf column of a table: the record field it holds.
type parquetColumn struct {
	name   string
	offset uintptr // the field's offset in the record
	kind   columnKind
	maxDef int // the column's largest definition level
}

// parquetColumns returns the leaf columns of schema, the schema of the
// record type t, in order. It panics on a field of a type the tables do
// not use.
func parquetColumns(t reflect.Type, schema *parquet.Schema) []parquetColumn {
	var cols []parquetColumn
	for _, path := range schema.Columns() {
		leaf, _ := schema.Lookup(path...)
		c := parquetColumn{name: path[0], maxDef: leaf.MaxDefinitionLevel}
		var f reflect.StructField
		for i := range t.NumField() {
			if name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); name == path[0] {
				f = t.Field(i)
			}
		}
		c.offset = f.Offset
		switch ft := f.Type; {
		case ft == reflect.TypeFor[string]():
			c.kind = columnString
		case ft == reflect.TypeFor[int]():
			c.kind = columnInt
		case ft == reflect.TypeFor[*string]():
			c.kind = columnOptString
		case ft == reflect.TypeFor[*int]():
			c.kind = columnOptInt
		case ft == reflect.TypeFor[[]string]():
			c.kind = columnStrings
		case ft == reflect.TypeFor[[][]string]():
			c.kind = columnStringRows
		default:
			panic(fmt.Sprintf("dataset: %s.%s: no Parquet column for a field of type %s", t.Name(), f.Name, ft))
		}
		cols = append(cols, c)
	}
	return cols
}

// add hashes into h the value of the column's field in the record at rec,
// as the column holds it (columnHash), and returns the bytes parquet-go's
// column buffer grows by when the value is written: for each value a
// string's length and 4 bytes of offset, an INT64's 8 bytes; for an
// optional column 4 bytes of row index and 1 of definition level per row;
// for a LIST 8 bytes of row offset per row and 2 bytes of levels per
// value, null or not. A nil list is written, and hashed, as an empty one:
// the LIST columns are required, so Parquet holds both alike.
func (c *parquetColumn) add(h *columnHash, rec unsafe.Pointer) int64 {
	p := unsafe.Add(rec, c.offset)
	switch c.kind {
	case columnString:
		s := *(*string)(p)
		h.levels(0, 0)
		h.string(s)
		return int64(len(s)) + 4
	case columnInt:
		h.levels(0, 0)
		h.int(int64(*(*int)(p)))
		return 8
	case columnOptString:
		s := *(**string)(p)
		if s == nil {
			h.levels(0, 0)
			return 5
		}
		h.levels(0, 1)
		h.string(*s)
		return 5 + int64(len(*s)) + 4
	case columnOptInt:
		v := *(**int)(p)
		if v == nil {
			h.levels(0, 0)
			return 5
		}
		h.levels(0, 1)
		h.int(int64(*v))
		return 5 + 8
	case columnStrings:
		list := *(*[]string)(p)
		if len(list) == 0 {
			h.levels(0, 0)
			return 8 + 2
		}
		n := int64(8)
		for i, s := range list {
			h.levels(min(i, 1), 1)
			h.string(s)
			n += 2 + int64(len(s)) + 4
		}
		return n
	case columnStringRows:
		rows := *(*[][]string)(p)
		if len(rows) == 0 {
			h.levels(0, 0)
			return 8 + 2
		}
		n := int64(8)
		for i, row := range rows {
			if len(row) == 0 {
				h.levels(min(i, 1), 1)
				n += 2
				continue
			}
			for j, s := range row {
				rep := min(i, 1)
				if j > 0 {
					rep = 2
				}
				h.levels(rep, 2)
				h.string(s)
				n += 2 + int64(len(s)) + 4
			}
		}
		return n
	}
	panic("dataset: unknown column kind")
}

// columnHash hashes one column's values in order, as Parquet holds them:
// for each value its repetition and definition levels, one byte each,
// then, unless the value is null (a definition level below the column's
// largest), a string as its length (uvarint) and its bytes, an integer as
// 8 bytes little-endian. The levels say whether a value follows and where
// a row and a list start, the lengths where a string ends, so that two
// sequences of values hash alike only if they are equal (but for a
// collision of the 64-bit hash). The writer hashes the records' fields,
// the check the values read back; the bytes hashed are the same however
// they are split.
type columnHash struct {
	h   maphash.Hash
	buf []byte // bytes not yet given to h
}

// columnHashBuf is the size of a columnHash's buffer; a string longer than
// columnHashDirect goes to the hash without a copy.
const (
	columnHashBuf    = 1024
	columnHashDirect = 128
)

// columnSeed seeds the column hashes of every shard, written and read back.
var columnSeed = maphash.MakeSeed()

func newColumnHashes(n int) []columnHash {
	hs := make([]columnHash, n)
	for i := range hs {
		hs[i].h.SetSeed(columnSeed)
		hs[i].buf = make([]byte, 0, columnHashBuf)
	}
	return hs
}

func (c *columnHash) room(n int) {
	if len(c.buf)+n > cap(c.buf) {
		c.h.Write(c.buf)
		c.buf = c.buf[:0]
	}
}

func (c *columnHash) levels(rep, def int) {
	c.room(2)
	c.buf = append(c.buf, byte(rep), byte(def))
}

func (c *columnHash) int(v int64) {
	c.room(8)
	c.buf = binary.LittleEndian.AppendUint64(c.buf, uint64(v))
}

func (c *columnHash) string(s string) {
	if len(s) > columnHashDirect {
		c.room(binary.MaxVarintLen64)
		c.buf = binary.AppendUvarint(c.buf, uint64(len(s)))
		c.h.Write(c.buf)
		c.buf = c.buf[:0]
		c.h.WriteString(s)
		return
	}
	c.room(binary.MaxVarintLen64 + len(s))
	c.buf = append(binary.AppendUvarint(c.buf, uint64(len(s))), s...)
}

func (c *columnHash) bytes(b []byte) { c.string(unsafe.String(unsafe.SliceData(b), len(b))) }

// sum returns the hash of the values given since the last sum.
func (c *columnHash) sum() uint64 {
	c.h.Write(c.buf)
	c.buf = c.buf[:0]
	s := c.h.Sum64()
	c.h.Reset()
	return s
}

// newParquetTable returns the Parquet writer of table, writing into
// dataDir.
func newParquetTable(table, dataDir string) *parquetTable {
	t := recordTypes[table]
	schema := parquet.SchemaOf(reflect.Zero(parquetType(t)).Interface())
	cols := parquetColumns(t, schema)
	var opts []parquet.WriterOption
	for _, o := range parquetTags(t) {
		opts = append(opts, o.(parquet.WriterOption))
	}
	return &parquetTable{name: table, schema: schema, dataDir: dataDir, all: sha256.New(),
		cols: cols, newRows: rowWriters[table], opts: opts, pool: pagePool{dir: dataDir, pattern: "." + table + ".pages.*"},
		hashes: newColumnHashes(len(cols)), pages: make([]int64, len(cols))}
}

// rotate closes the current shard, if any, and starts the next one.
func (p *parquetTable) rotate() error {
	if err := p.closeShard(); err != nil {
		return err
	}
	path := filepath.Join(p.dataDir, fmt.Sprintf("%s.%d.parquet", p.name, len(p.temps)))
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("dataset: %w", err)
	}
	p.f = f
	p.out = &hashingWriter{w: dataWriter(f), h: sha256.New(), all: p.all}
	opts := append([]parquet.WriterOption{p.schema,
		parquet.Compression(&fastSnappy{}),
		parquet.PageBufferSize(parquetPageBytes),
		createdBy(parquetCreatedBy),
		parquet.ColumnPageBuffers(&p.pool)},
		parquetBounds(p.schema)...)
	p.w = p.newRows(p.out, append(opts, p.opts...)...)
	p.group, p.rows, p.groupRows = 0, 0, 0
	clear(p.pages)
	p.groups = nil
	p.temps = append(p.temps, path)
	return nil
}

// write appends rec, a value of the table's record type whose JSON line is
// size bytes long, to the current shard. It buffers rec, and writes the
// records buffered when a column's page is full, when parquetBatchRows
// are buffered, and before a row group closes.
func (p *parquetTable) write(rec any, size int) error {
	if p.w == nil {
		if err := p.rotate(); err != nil {
			return err
		}
	}
	if p.rows > 0 && p.group+int64(size) > parquetGroupBytes {
		if err := p.closeGroup(); err != nil {
			return err
		}
	}
	r := p.w.add(rec)
	full := false
	for i := range p.cols {
		p.pages[i] += p.cols[i].add(&p.hashes[i], r)
		full = full || p.pages[i] >= pageFlushBytes
	}
	p.group += int64(size)
	p.rows++
	p.groupRows++
	if full || p.w.buffered() >= parquetBatchRows {
		return p.writeBuffered()
	}
	return nil
}

// writeBuffered writes the records buffered. The writer closes the page of
// every column whose buffered values reached pageFlushBytes.
func (p *parquetTable) writeBuffered() error {
	if p.w.buffered() == 0 {
		return nil
	}
	if err := p.w.write(); err != nil {
		return fmt.Errorf("dataset: write %s parquet: %w", p.name, err)
	}
	for i, n := range p.pages {
		if n >= pageFlushBytes {
			p.pages[i] = 0
		}
	}
	return nil
}

// closeGroup writes the current row group and keeps its hashes.
func (p *parquetTable) closeGroup() error {
	if err := p.writeBuffered(); err != nil {
		return err
	}
	if err := p.w.Flush(); err != nil {
		return fmt.Errorf("dataset: write %s parquet: %w", p.name, err)
	}
	p.endGroup()
	return nil
}

// endGroup keeps the hashes of the row group just written, if it has rows
// (parquet-go writes no empty row group), and starts the next.
func (p *parquetTable) endGroup() {
	p.group = 0
	clear(p.pages)
	if p.groupRows == 0 {
		return
	}
	g := parquetGroup{rows: p.groupRows, sums: make([]uint64, len(p.hashes))}
	for i := range p.hashes {
		g.sums[i] = p.hashes[i].sum()
	}
	p.groups = append(p.groups, g)
	p.groupRows = 0
}

// closeShard writes the current shard's footer and closes it.
func (p *parquetTable) closeShard() error {
	if p.f == nil {
		return nil
	}
	err := p.writeBuffered()
	if err == nil {
		err = p.w.Close()
	}
	if err == nil {
		err = p.out.w.Flush()
	}
	if cerr := p.f.Close(); err == nil {
		err = cerr
	}
	p.f, p.w = nil, nil
	if err != nil {
		return fmt.Errorf("dataset: write %s parquet: %w", p.name, err)
	}
	p.endGroup()
	p.sums = append(p.sums, fileSum{Bytes: p.out.n, SHA256: hex.EncodeToString(p.out.h.Sum(nil))})
	p.shardRows = append(p.shardRows, p.rows)
	p.shardGroups = append(p.shardGroups, p.groups)
	p.groups = nil
	p.bytes += p.out.n
	return nil
}

// close closes the last shard and removes the page buffers; a table with
// no rows still gets one file, with its columns and no row group.
func (p *parquetTable) close() error {
	if p.f == nil && len(p.temps) == 0 {
		if err := p.rotate(); err != nil {
			return err
		}
	}
	err := p.closeShard()
	if rerr := p.pool.remove(); err == nil {
		err = rerr
	}
	return err
}

// abort closes the open shard without finishing it and removes the page
// buffers.
func (p *parquetTable) abort() {
	if p.f != nil {
		p.f.Close()
		p.f, p.w = nil, nil
	}
	p.pool.remove()
}

// pagePool is the parquet.BufferPool of a table's page buffers: temporary
// files of dir, as parquet.NewFileBufferPool makes, but emptied when the
// writer gives one back and handed out again, rather than made and removed
// for every column of every row group. remove removes them all.
type pagePool struct {
	dir, pattern string
	free         []*os.File // the files given back, empty
	all          []*os.File // every file made
}

func (p *pagePool) GetBuffer() io.ReadWriteSeeker {
	if n := len(p.free); n > 0 {
		f := p.free[n-1]
		p.free = p.free[:n-1]
		return f
	}
	f, err := os.CreateTemp(p.dir, p.pattern)
	if err != nil {
		return errorBuffer{fmt.Errorf("dataset: page buffer: %w", err)}
	}
	p.all = append(p.all, f)
	return f
}

func (p *pagePool) PutBuffer(b io.ReadWriteSeeker) {
	f, _ := b.(*os.File)
	if f == nil {
		return
	}
	if err := f.Truncate(0); err != nil {
		return // not handed out again; remove removes it
	}
	p.free = append(p.free, f)
}

// remove closes and removes the pool's files, and returns the first error.
func (p *pagePool) remove() error {
	var err error
	for _, f := range p.all {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("dataset: page buffer: %w", cerr)
		}
		if rerr := os.Remove(f.Name()); err == nil && rerr != nil {
			err = fmt.Errorf("dataset: page buffer: %w", rerr)
		}
	}
	p.all, p.free = nil, nil
	return err
}

// errorBuffer is a page buffer that fails every call with err.
type errorBuffer struct{ err error }

func (b errorBuffer) Read([]byte) (int, error)       { return 0, b.err }
func (b errorBuffer) Write([]byte) (int, error)      { return 0, b.err }
func (b errorBuffer) Seek(int64, int) (int64, error) { return 0, b.err }

// nameShards renames the closed shards as the JSON Lines shards are named,
// with the extension .parquet.
func (p *parquetTable) nameShards() error {
	n := len(p.temps)
	for i, tmp := range p.temps {
		name := p.name + ".parquet"
		if n > 1 {
			name = fmt.Sprintf("%s-%05d-of-%05d.parquet", p.name, i, n)
		}
		if err := os.Rename(tmp, filepath.Join(p.dataDir, name)); err != nil {
			return fmt.Errorf("dataset: %w", err)
		}
		p.final = append(p.final, "data/"+name)
	}
	return nil
}

// hashingWriter counts and hashes what it writes through, into the hash of
// its file and that of all its table's files.
type hashingWriter struct {
	w      *bufio.Writer
	h, all hash.Hash
	n      int64
}

func (h *hashingWriter) Write(b []byte) (int, error) {
	n, err := h.w.Write(b)
	h.h.Write(b[:n])
	h.all.Write(b[:n])
	h.n += int64(n)
	return n, err
}

// parquetShard is a Parquet shard opened for the check.
type parquetShard struct {
	f    *os.File
	file *parquet.File
	name string
}

// openShard opens Parquet shard i of p and checks what its footer says
// against what was written into it: the table's schema, rows as many as
// its JSON Lines shard holds (lines), in the row groups written. The
// caller closes the shard's file (sh.f), also after an error.
func (p *parquetTable) openShard(i int, lines int64) (sh parquetShard, err error) {
	path := filepath.Join(p.dataDir, filepath.Base(p.final[i]))
	sh.name = filepath.Base(path)
	if sh.f, err = os.Open(path); err != nil {
		return sh, fmt.Errorf("dataset: check %s parquet: %w", p.name, err)
	}
	st, err := sh.f.Stat()
	if err != nil {
		return sh, fmt.Errorf("dataset: check %s parquet: %w", p.name, err)
	}
	if sh.file, err = parquet.OpenFile(sh.f, st.Size()); err != nil {
		return sh, fmt.Errorf("dataset: check %s parquet %s: %w", p.name, sh.name, err)
	}
	if !parquet.SameNodes(sh.file.Schema(), p.schema) {
		return sh, fmt.Errorf("dataset: check %s parquet %s: schema %s, want %s", p.name, sh.name, sh.file.Schema(), p.schema)
	}
	if n := sh.file.NumRows(); n != lines || n != p.shardRows[i] {
		return sh, &Error{Table: p.name, ID: sh.name, Reason: fmt.Sprintf("%d rows, the JSON Lines shard has %d", n, lines)}
	}
	groups := sh.file.RowGroups()
	if len(groups) != len(p.shardGroups[i]) {
		return sh, &Error{Table: p.name, ID: sh.name, Reason: fmt.Sprintf("%d row groups, %d written", len(groups), len(p.shardGroups[i]))}
	}
	for g, rg := range groups {
		if n, want := rg.NumRows(), p.shardGroups[i][g].rows; n != want {
			return sh, &Error{Table: p.name, ID: sh.name, Reason: fmt.Sprintf("row group %d: %d rows, %d written", g, n, want)}
		}
	}
	return sh, nil
}

// checkGroup reads row group g of shard i of p, opened as sh, column by
// column and page by page, and checks that each column's values hash as
// the values written did (columnHash). The rows written are the records
// whose JSON Lines were validated, so equal values are the JSON Lines
// rows. (compareParquet, in the tests, compares the rows with the JSON
// Lines text itself.)
func (p *parquetTable) checkGroup(sh parquetShard, i, g int) error {
	rg := sh.file.RowGroups()[g]
	want := p.shardGroups[i][g]
	h := &newColumnHashes(1)[0]
	values := make([]parquet.Value, 256)
	for c, cc := range rg.ColumnChunks() {
		col := p.cols[c]
		sum, err := hashColumnChunk(h, cc, col.maxDef, values)
		if err != nil {
			return fmt.Errorf("dataset: check %s parquet %s: row group %d, column %s: %w", p.name, sh.name, g, col.name, err)
		}
		if sum != want.sums[c] {
			return &Error{Table: p.name, ID: sh.name, Reason: fmt.Sprintf("the rows read back differ from the rows written: row group %d, column %s", g, col.name)}
		}
	}
	return nil
}

// hashColumnChunk hashes the values of a column chunk into h, as
// parquetColumn.add does the values written, and returns the sum;
// maxDef is the column's largest definition level, values a buffer.
func hashColumnChunk(h *columnHash, cc parquet.ColumnChunk, maxDef int, values []parquet.Value) (uint64, error) {
	pages := cc.Pages()
	defer pages.Close()
	kind := cc.Type().Kind()
	for {
		page, err := pages.ReadPage()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return 0, err
		}
		r := page.Values()
		for {
			n, err := r.ReadValues(values)
			for _, v := range values[:n] {
				def := v.DefinitionLevel()
				h.levels(v.RepetitionLevel(), def)
				if def != maxDef {
					continue
				}
				switch kind {
				case parquet.ByteArray:
					h.bytes(v.ByteArray())
				default:
					h.int(v.Int64())
				}
			}
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				parquet.Release(page)
				return 0, err
			}
		}
		parquet.Release(page)
	}
	return h.sum(), nil
}

// checkShard checks Parquet shard i of p against what was written into it
// and its JSON Lines shard, of lines rows: openShard, then checkGroup for
// every row group, one after the other.
func (p *parquetTable) checkShard(i int, lines int64) error {
	for g := range max(1, len(p.shardGroups[i])) {
		if err := p.checkShardGroup(i, g, lines); err != nil {
			return err
		}
	}
	return nil
}

// checkShardGroup opens Parquet shard i of p, of lines rows, checks its
// footer (openShard) and its row group g, if the shard was written with
// one (checkGroup), and closes it. checkParquet calls it for every row
// group written, in parallel: each call opens the shard for itself, so
// that no more shards are open at once than calls run.
func (p *parquetTable) checkShardGroup(i, g int, lines int64) error {
	sh, err := p.openShard(i, lines)
	if sh.f != nil {
		defer sh.f.Close()
	}
	if err != nil {
		return err
	}
	if g < len(p.shardGroups[i]) {
		return p.checkGroup(sh, i, g)
	}
	return nil
}
