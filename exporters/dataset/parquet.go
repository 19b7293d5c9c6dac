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
// a pointer, ",list" for a slice). A value of t converts to it and back, as
// the two types differ only in tags, so that the record types in records.go
// name each column once, for JSON and for Parquet alike.
func parquetType(t reflect.Type) reflect.Type {
	if pt, ok := parquetTypes.Load(t); ok {
		return pt.(reflect.Type)
	}
	fields := make([]reflect.StructField, t.NumField())
	for i := range fields {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		tag := name
		switch f.Type.Kind() {
		case reflect.Pointer:
			tag += ",optional"
		case reflect.Slice:
			tag += ",list"
		}
		fields[i] = reflect.StructField{Name: f.Name, Type: f.Type, Tag: reflect.StructTag(`parquet:"` + tag + `"`)}
	}
	pt, _ := parquetTypes.LoadOrStore(t, reflect.StructOf(fields))
	return pt.(reflect.Type)
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

// parquetTable writes one table's rows as Parquet shards into data/ under
// temporary names (data/<table>.<n>.parquet), and names them once their
// number is known (nameShards); its tableWriter calls rotate where the
// JSON Lines shard turns. The pages of the row group being written are
// buffered in temporary files of data/, removed once the row group is
// written, not in memory: memory does not grow with the row group.
type parquetTable struct {
	name    string
	typ     reflect.Type // the record type
	ptyp    reflect.Type // parquetType(typ)
	schema  *parquet.Schema
	dataDir string

	f     *os.File
	out   *hashingWriter
	w     *parquet.Writer
	group int64 // JSON bytes of the rows in the current row group
	rows  int64 // rows in the current shard

	temps []string  // the shards' temporary paths, in order
	sums  []fileSum // each closed shard's size and SHA-256
	final []string  // the shards' final paths, relative to the dataset and slash-separated
	all   hash.Hash // the SHA-256 of the shards concatenated, for datapackage.json
	bytes int64     // the size of the shards together
	// rec is a reusable record, and row the same memory seen as ptyp: the
	// two types differ only in tags, so they have one layout, and a record
	// copied into rec is a row for parquet-go without a conversion per
	// row (reflect's Convert compares the types every time).
	rec reflect.Value // *typ
	row any           // *ptyp, at rec's address
	// buf holds the row being written as Parquet values, and sum hashes
	// every row of the current shard as written (hashRow): checkShard
	// reads the shard back and hashes what it reads. shardRows and
	// shardSums are each closed shard's row count and hash.
	buf       []parquet.Row
	scratch   []byte
	sum       maphash.Hash
	shardRows []int64
	shardSums []uint64
}

// fileSum is the size and SHA-256 (lower-case hex) of one file.
type fileSum struct {
	Bytes  int64
	SHA256 string
}

// newParquetTable returns the Parquet writer of table, writing into
// dataDir.
func newParquetTable(table, dataDir string) *parquetTable {
	t := recordTypes[table]
	pt := parquetType(t)
	rec := reflect.New(t)
	p := &parquetTable{name: table, typ: t, ptyp: pt, dataDir: dataDir, all: sha256.New(),
		schema: parquet.SchemaOf(reflect.Zero(pt).Interface()), rec: rec, row: reflect.NewAt(pt, rec.UnsafePointer()).Interface(),
		buf: make([]parquet.Row, 1)}
	p.sum.SetSeed(rowSeed)
	return p
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
	p.out = &hashingWriter{w: bufio.NewWriterSize(f, 256<<10), h: sha256.New(), all: p.all}
	opts := append([]parquet.WriterOption{p.schema,
		parquet.Compression(&fastSnappy{}),
		createdBy(parquetCreatedBy),
		parquet.ColumnPageBuffers(parquet.NewFileBufferPool(p.dataDir, "."+p.name+".pages.*"))},
		parquetBounds(p.schema)...)
	p.w = parquet.NewWriter(p.out, opts...)
	p.group, p.rows = 0, 0
	p.temps = append(p.temps, path)
	return nil
}

// write appends rec, a value of the table's record type whose JSON line is
// size bytes long, to the current shard.
func (p *parquetTable) write(rec any, size int) error {
	if p.w == nil {
		if err := p.rotate(); err != nil {
			return err
		}
	}
	if p.rows > 0 && p.group+int64(size) > parquetGroupBytes {
		if err := p.w.Flush(); err != nil {
			return fmt.Errorf("dataset: write %s parquet: %w", p.name, err)
		}
		p.group = 0
	}
	p.rec.Elem().Set(reflect.ValueOf(rec))
	p.buf[0] = p.schema.Deconstruct(p.buf[0][:0], p.row)
	p.scratch = hashRow(&p.sum, p.scratch, p.buf[0])
	if _, err := p.w.WriteRows(p.buf); err != nil {
		return fmt.Errorf("dataset: write %s parquet: %w", p.name, err)
	}
	p.group += int64(size)
	p.rows++
	return nil
}

// closeShard writes the current shard's footer and closes it.
func (p *parquetTable) closeShard() error {
	if p.f == nil {
		return nil
	}
	err := p.w.Close()
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
	p.sums = append(p.sums, fileSum{Bytes: p.out.n, SHA256: hex.EncodeToString(p.out.h.Sum(nil))})
	p.shardRows = append(p.shardRows, p.rows)
	p.shardSums = append(p.shardSums, p.sum.Sum64())
	p.sum.Reset()
	p.bytes += p.out.n
	return nil
}

// close closes the last shard; a table with no rows still gets one file,
// with its columns and no row group.
func (p *parquetTable) close() error {
	if p.f == nil && len(p.temps) == 0 {
		if err := p.rotate(); err != nil {
			return err
		}
	}
	return p.closeShard()
}

// abort closes the open shard without finishing it.
func (p *parquetTable) abort() {
	if p.f != nil {
		p.f.Close()
		p.f, p.w = nil, nil
	}
}

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

// rowSeed seeds the row hashes of every shard, written and read back.
var rowSeed = maphash.MakeSeed()

// hashRow adds row, the Parquet values of one row, to h: the number of
// values, then each value's column, levels, kind and bytes, with lengths
// that keep the encoding unambiguous. A byte array goes to h as it is,
// not copied; scratch is a reusable buffer for the rest, returned grown.
func hashRow(h *maphash.Hash, scratch []byte, row parquet.Row) []byte {
	b := binary.AppendUvarint(scratch[:0], uint64(len(row)))
	for _, v := range row {
		b = binary.AppendUvarint(b, uint64(v.Column()))
		b = append(b, byte(v.RepetitionLevel()), byte(v.DefinitionLevel()))
		switch {
		case v.IsNull():
			b = append(b, 0xff)
		case v.Kind() == parquet.ByteArray:
			data := v.ByteArray()
			b = binary.AppendUvarint(append(b, byte(v.Kind())), uint64(len(data)))
			h.Write(b)
			h.Write(data)
			b = b[:0]
		default:
			b = append(b, byte(v.Kind()))
			n := len(b)
			b = v.AppendBytes(append(b, 0))
			b[n] = byte(len(b) - n - 1)
		}
	}
	h.Write(b)
	return b
}

// checkShard reads Parquet shard i of p back and checks it against what
// was written into it: the table's schema, rows as many as its JSON Lines
// shard holds (lines), and values that hash as the rows written did. It
// reads the shard as a stream of rows, a few at a time; the rows are the
// records whose JSON Lines were validated, so equal values are the JSON
// Lines rows. (compareParquet, in the tests, compares the rows with the
// JSON Lines text itself.)
func (p *parquetTable) checkShard(i int, lines int64) error {
	path := filepath.Join(p.dataDir, filepath.Base(p.final[i]))
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("dataset: check %s parquet: %w", p.name, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("dataset: check %s parquet: %w", p.name, err)
	}
	file, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return fmt.Errorf("dataset: check %s parquet %s: %w", p.name, name, err)
	}
	if !parquet.SameNodes(file.Schema(), p.schema) {
		return fmt.Errorf("dataset: check %s parquet %s: schema %s, want %s", p.name, name, file.Schema(), p.schema)
	}
	if n := file.NumRows(); n != lines || n != p.shardRows[i] {
		return &Error{Table: p.name, ID: name, Reason: fmt.Sprintf("%d rows, the JSON Lines shard has %d", n, lines)}
	}
	r := parquet.NewReader(file)
	defer r.Close()
	var h maphash.Hash
	h.SetSeed(rowSeed)
	rows := make([]parquet.Row, 64)
	var scratch []byte
	read := int64(0)
	for {
		n, err := r.ReadRows(rows)
		for _, row := range rows[:n] {
			scratch = hashRow(&h, scratch, row)
		}
		read += int64(n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("dataset: check %s parquet %s: %w", p.name, name, err)
		}
	}
	if read != lines {
		return &Error{Table: p.name, ID: name, Reason: fmt.Sprintf("%d rows read, the JSON Lines shard has %d", read, lines)}
	}
	if h.Sum64() != p.shardSums[i] {
		return &Error{Table: p.name, ID: name, Reason: "the rows read back differ from the rows written"}
	}
	return nil
}
