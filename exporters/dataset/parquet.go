package dataset

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"github.com/parquet-go/parquet-go"
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
//     extras (hyparquet, for one, reads ZSTD only with a plug-in);
//   - a row group whenever the rows buffered since the last one reach
//     parquetGroupBytes of JSON text, so that a reader scans a shard on
//     several threads, and never an empty one;
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
	return &parquetTable{name: table, typ: t, ptyp: pt, dataDir: dataDir, all: sha256.New(),
		schema: parquet.SchemaOf(reflect.Zero(pt).Interface()), rec: rec, row: reflect.NewAt(pt, rec.UnsafePointer()).Interface()}
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
	p.w = parquet.NewWriter(p.out, p.schema,
		parquet.Compression(&parquet.Snappy),
		createdBy(parquetCreatedBy),
		parquet.ColumnPageBuffers(parquet.NewFileBufferPool(p.dataDir, "."+p.name+".pages.*")))
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
	if err := p.w.Write(p.row); err != nil {
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

// compareParquet checks that the Parquet file at parquetPath holds the rows
// of the JSON Lines file at jsonlPath, of the record type of table: as
// many rows, and each row, read back from Parquet into the record type and
// encoded as the JSON Lines are, gives the same line byte for byte. It
// reads both files as streams, one row at a time.
func compareParquet(table, jsonlPath, parquetPath string) error {
	t := recordTypes[table]
	pt := parquetType(t)
	pf, err := os.Open(parquetPath)
	if err != nil {
		return fmt.Errorf("dataset: check %s parquet: %w", table, err)
	}
	defer pf.Close()
	st, err := pf.Stat()
	if err != nil {
		return fmt.Errorf("dataset: check %s parquet: %w", table, err)
	}
	file, err := parquet.OpenFile(pf, st.Size())
	if err != nil {
		return fmt.Errorf("dataset: check %s parquet %s: %w", table, filepath.Base(parquetPath), err)
	}
	if !parquet.SameNodes(file.Schema(), parquet.SchemaOf(reflect.Zero(pt).Interface())) {
		return fmt.Errorf("dataset: check %s parquet %s: schema %s, want %s", table, filepath.Base(parquetPath), file.Schema(), ParquetSchema(table))
	}
	r := parquet.NewReader(file)
	defer r.Close()
	jf, err := os.Open(jsonlPath)
	if err != nil {
		return fmt.Errorf("dataset: check %s parquet: %w", table, err)
	}
	defer jf.Close()
	lines := bufio.NewReaderSize(jf, 256<<10)
	row := reflect.New(pt)
	rec := reflect.NewAt(t, row.UnsafePointer()).Elem() // row seen as t, as in parquetTable
	var buf []byte
	for i := 0; ; i++ {
		line, lerr := lines.ReadSlice('\n')
		if lerr == bufio.ErrBufferFull {
			// A line longer than the buffer: gather it.
			long := append([]byte(nil), line...)
			for lerr == bufio.ErrBufferFull {
				line, lerr = lines.ReadSlice('\n')
				long = append(long, line...)
			}
			line = long
		}
		if lerr != nil && lerr != io.EOF {
			return fmt.Errorf("dataset: check %s parquet: %w", table, lerr)
		}
		row.Elem().SetZero()
		perr := r.Read(row.Interface())
		if len(line) == 0 {
			if perr == nil {
				return &Error{Table: table, ID: filepath.Base(parquetPath), Reason: fmt.Sprintf("Parquet has more rows than the JSON Lines file's %d", i)}
			}
			if !errors.Is(perr, io.EOF) {
				return fmt.Errorf("dataset: check %s parquet: %w", table, perr)
			}
			return nil
		}
		if perr != nil {
			if errors.Is(perr, io.EOF) {
				return &Error{Table: table, ID: filepath.Base(parquetPath), Reason: fmt.Sprintf("Parquet has %d rows, the JSON Lines file more", i)}
			}
			return fmt.Errorf("dataset: check %s parquet: %w", table, perr)
		}
		if buf, err = appendLine(buf[:0], rec.Interface()); err != nil {
			return fmt.Errorf("dataset: check %s parquet: %w", table, err)
		}
		if string(buf) != string(line) {
			return &Error{Table: table, ID: filepath.Base(parquetPath), Reason: fmt.Sprintf("row %d differs from the JSON Lines row: %q, want %q", i, buf, line)}
		}
	}
}
