package dataset

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// mustWrite writes b's dataset into dir, or fails the test.
func mustWrite(t testing.TB, dir string, b *doc.Book, opts Options) Info {
	t.Helper()
	info, err := Write(dir, b, opts)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// TestParquetMatchesJSONL checks every Parquet file against its JSON Lines
// file, whole and sharded, and the columns' names and types.
func TestParquetMatchesJSONL(t *testing.T) {
	for _, shard := range []int64{0, 600} {
		dir := t.TempDir()
		info := mustWrite(t, dir, fixtureBook(), Options{ShardBytes: shard})
		for _, table := range Tables {
			if len(info.Parquet[table]) != len(info.Files[table]) {
				t.Fatalf("shard size %d: %s: Parquet files %v beside JSON Lines files %v", shard, table, info.Parquet[table], info.Files[table])
			}
			for i, f := range info.Files[table] {
				pf := info.Parquet[table][i]
				if pf != strings.TrimSuffix(f, ".jsonl")+".parquet" {
					t.Errorf("Parquet file %s beside %s", pf, f)
				}
				if err := compareParquet(table, filepath.Join(dir, f), filepath.Join(dir, pf)); err != nil {
					t.Errorf("shard size %d: %v", shard, err)
				}
			}
		}
		if shard > 0 && len(info.Files[TableSentences]) < 2 {
			t.Errorf("sentences in %v: want shards", info.Files[TableSentences])
		}
	}
	want := map[string]string{
		TableDocuments: "id:BYTE_ARRAY/STRING index:INT64/INT(64,true) source:BYTE_ARRAY/STRING title:BYTE_ARRAY/STRING sha256:BYTE_ARRAY/STRING encoding:BYTE_ARRAY/STRING format:BYTE_ARRAY/STRING text:BYTE_ARRAY/STRING char_count:INT64/INT(64,true) word_count:INT64/INT(64,true) paragraph_count:INT64/INT(64,true) sentence_count:INT64/INT(64,true)",
		TableParagraphs: "id:BYTE_ARRAY/STRING document_id:BYTE_ARRAY/STRING index:INT64/INT(64,true) kind:BYTE_ARRAY/STRING text:BYTE_ARRAY/STRING char_start:INT64/INT(64,true) char_end:INT64/INT(64,true) byte_start:INT64/INT(64,true) byte_end:INT64/INT(64,true) sentence_count:INT64/INT(64,true) word_count:INT64/INT(64,true)" +
			" anchor:optional BYTE_ARRAY/STRING list_marker:optional BYTE_ARRAY/STRING list_style:optional BYTE_ARRAY/STRING task:optional BYTE_ARRAY/STRING note_number:optional INT64/INT(64,true) note_ref_sentence_id:optional BYTE_ARRAY/STRING lang:optional BYTE_ARRAY/STRING",
		TableSentences: "id:BYTE_ARRAY/STRING document_id:BYTE_ARRAY/STRING paragraph_id:BYTE_ARRAY/STRING index:INT64/INT(64,true) text:BYTE_ARRAY/STRING char_start:INT64/INT(64,true) char_end:INT64/INT(64,true) byte_start:INT64/INT(64,true) byte_end:INT64/INT(64,true) word_count:INT64/INT(64,true)",
		TableTerms:     "id:BYTE_ARRAY/STRING acronym:BYTE_ARRAY/STRING expansion:BYTE_ARRAY/STRING expansion_en:optional BYTE_ARRAY/STRING first_sentence_id:BYTE_ARRAY/STRING occurrences:INT64/INT(64,true) sentence_count:INT64/INT(64,true)",
		TableMentions:  "term_id:BYTE_ARRAY/STRING sentence_id:BYTE_ARRAY/STRING document_id:BYTE_ARRAY/STRING",
		TableTables:    "id:BYTE_ARRAY/STRING document_id:BYTE_ARRAY/STRING index:INT64/INT(64,true) number:INT64/INT(64,true) anchor:optional BYTE_ARRAY/STRING caption:optional BYTE_ARRAY/STRING alignments:list BYTE_ARRAY/STRING header:list BYTE_ARRAY/STRING rows:list list BYTE_ARRAY/STRING",
		TableFigures:   "id:BYTE_ARRAY/STRING document_id:BYTE_ARRAY/STRING index:INT64/INT(64,true) number:INT64/INT(64,true) anchor:optional BYTE_ARRAY/STRING caption:BYTE_ARRAY/STRING alt:BYTE_ARRAY/STRING media_path:BYTE_ARRAY/STRING source_path:BYTE_ARRAY/STRING media_type:BYTE_ARRAY/STRING width:INT64/INT(64,true) height:INT64/INT(64,true) sha256:BYTE_ARRAY/STRING",
		TableLinks:     "id:BYTE_ARRAY/STRING document_id:BYTE_ARRAY/STRING index:INT64/INT(64,true) sentence_id:optional BYTE_ARRAY/STRING kind:BYTE_ARRAY/STRING text:BYTE_ARRAY/STRING url:optional BYTE_ARRAY/STRING target_anchor:optional BYTE_ARRAY/STRING target_document_id:optional BYTE_ARRAY/STRING",
	}
	for _, table := range Tables {
		if got := columns(ParquetSchema(table)); got != want[table] {
			t.Errorf("%s columns\n%s\nwant\n%s", table, got, want[table])
		}
	}
}

// columns describes a Parquet schema's top-level columns in one line.
func columns(s *parquet.Schema) string {
	var out []string
	for _, f := range s.Fields() {
		n, desc := parquet.Node(f), ""
		if f.Optional() {
			desc = "optional "
		}
		for {
			lt := n.Type().LogicalType()
			if lt == nil || lt.String() != "LIST" {
				break
			}
			desc += "list "
			n = n.Fields()[0].Fields()[0]
		}
		out = append(out, f.Name()+":"+desc+n.Type().Kind().String()+"/"+n.Type().LogicalType().String())
	}
	return strings.Join(out, " ")
}

// TestParquetReproducible checks that the same records give the same
// Parquet bytes.
func TestParquetReproducible(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	mustWrite(t, a, longBook(40), Options{ShardBytes: 4000})
	mustWrite(t, b, longBook(40), Options{ShardBytes: 4000})
	sameFiles(t, a, b)
	for _, f := range listFiles(t, a) {
		if !strings.HasSuffix(f, ".parquet") {
			continue
		}
		data, _ := os.ReadFile(filepath.Join(a, f))
		if bytes.Contains(data, []byte("parquet-go")) || !bytes.Contains(data, []byte(parquetCreatedBy)) {
			t.Errorf("%s: created_by is not %q", f, parquetCreatedBy)
		}
	}
}

// TestParquetEmpty checks that a table with no rows is a Parquet file with
// its columns.
func TestParquetEmpty(t *testing.T) {
	dir := t.TempDir()
	p := newParquetTable(TableTerms, dir)
	if err := p.close(); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p.temps[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	if pf.NumRows() != 0 || len(pf.RowGroups()) != 0 {
		t.Errorf("%d rows in %d row groups, want none", pf.NumRows(), len(pf.RowGroups()))
	}
	if !parquet.SameNodes(pf.Schema(), ParquetSchema(TableTerms)) {
		t.Errorf("schema %s, want %s", pf.Schema(), ParquetSchema(TableTerms))
	}
	empty := filepath.Join(dir, "empty.jsonl")
	os.WriteFile(empty, nil, 0o644)
	if err := compareParquet(TableTerms, empty, p.temps[0]); err != nil {
		t.Error(err)
	}
}

// TestParquetRowGroups checks that a shard is cut into row groups of about
// parquetGroupBytes of JSON.
func TestParquetRowGroups(t *testing.T) {
	dir := t.TempDir()
	p := newParquetTable(TableSentences, dir)
	s := Sentence{ID: "doc-0001-p0001-s0001", DocumentID: "doc-0001", ParagraphID: "doc-0001-p0001", Text: "Bir.", CharEnd: 4, WordCount: 1}
	const size = 1 << 20 // pretend each row is 1 MiB of JSON
	for range 40 {
		if err := p.write(s, size); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.close(); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(p.temps[0])
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	var rows []int64
	for _, g := range pf.RowGroups() {
		rows = append(rows, g.NumRows())
	}
	if want := []int64{16, 16, 8}; !reflect.DeepEqual(rows, want) {
		t.Errorf("row groups of %v rows, want %v", rows, want)
	}
}

// TestCompareParquetCatches checks that compareParquet reports a Parquet
// file that differs from its JSON Lines file: a value, a missing row, an
// extra row.
func TestCompareParquetCatches(t *testing.T) {
	dir := t.TempDir()
	info, err := Write(dir, fixtureBook(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	jsonl := filepath.Join(dir, filepath.FromSlash(info.Files[TableSentences][0]))
	data, _ := os.ReadFile(jsonl)
	var recs []Sentence
	for _, line := range strings.SplitAfter(strings.TrimSuffix(string(data), "\n"), "\n") {
		var s Sentence
		if err := json.Unmarshal([]byte(line), &s); err != nil {
			t.Fatal(err)
		}
		recs = append(recs, s)
	}
	for _, tc := range []struct {
		name string
		edit func([]Sentence) []Sentence
		want string
	}{
		{"value", func(r []Sentence) []Sentence { r[1].CharEnd++; return r }, "row 1 differs"},
		{"missing", func(r []Sentence) []Sentence { return r[:len(r)-1] }, "the JSON Lines file more"},
		{"extra", func(r []Sentence) []Sentence { return append(r, r[0]) }, "more rows than"},
	} {
		p := newParquetTable(TableSentences, t.TempDir())
		for _, s := range tc.edit(append([]Sentence(nil), recs...)) {
			if err := p.write(s, 100); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.close(); err != nil {
			t.Fatal(err)
		}
		err := compareParquet(TableSentences, jsonl, p.temps[0])
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", tc.name, err, tc.want)
		}
	}
}

// TestCheckShardCatches checks that checkShard reports a Parquet shard
// whose rows are not those written: a value changed, a row missing, a row
// too many.
func TestCheckShardCatches(t *testing.T) {
	recs := []Sentence{
		{ID: "doc-0001-p0001-s0001", DocumentID: "doc-0001", ParagraphID: "doc-0001-p0001", Text: "Bir.", CharEnd: 4, ByteEnd: 4, WordCount: 1},
		{ID: "doc-0001-p0001-s0002", DocumentID: "doc-0001", ParagraphID: "doc-0001-p0001", Index: 1, Text: "İki üç.", CharStart: 5, CharEnd: 12, ByteStart: 5, ByteEnd: 14, WordCount: 2},
	}
	shard := func(rs []Sentence) *parquetTable {
		recs := make([]any, len(rs))
		for i, r := range rs {
			recs[i] = r
		}
		return writeShard(t, TableSentences, recs, 100)
	}
	written := shard(recs)
	if err := written.checkShard(0, 2); err != nil {
		t.Fatalf("the shard as written: %v", err)
	}
	for _, tc := range []struct {
		name string
		edit func([]Sentence) []Sentence
		want string
	}{
		{"value", func(r []Sentence) []Sentence { r[1].CharEnd++; return r }, "the rows read back differ from the rows written"},
		{"text", func(r []Sentence) []Sentence { r[0].Text = "Bir!"; return r }, "the rows read back differ from the rows written"},
		{"missing", func(r []Sentence) []Sentence { return r[:1] }, "1 rows, the JSON Lines shard has 2"},
		{"extra", func(r []Sentence) []Sentence { return append(r, r[0]) }, "3 rows, the JSON Lines shard has 2"},
	} {
		p := shard(tc.edit(append([]Sentence(nil), recs...)))
		// The shard on disk is the edited one; what was written is recs.
		p.shardRows, p.shardGroups = written.shardRows, written.shardGroups
		err := p.checkShard(0, 2)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", tc.name, err, tc.want)
		}
	}
}

// compareParquet checks that the Parquet file at parquetPath holds the rows
// of the JSON Lines file at jsonlPath, of the record type of table: as
// many rows, and each row, read back from Parquet into the record type and
// encoded as the JSON Lines are, gives the same line byte for byte. It
// reads both files as streams, one row at a time. The build checks the
// rows by their values' hash (parquetTable.checkShard); the tests check
// them against the JSON Lines text too.
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

// writeShard writes recs, records of table each counted as size bytes of
// JSON, into one Parquet shard of a new folder, closes and names it.
func writeShard(t *testing.T, table string, recs []any, size int) *parquetTable {
	t.Helper()
	p := newParquetTable(table, t.TempDir())
	for _, r := range recs {
		if err := p.write(r, size); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.close(); err != nil {
		t.Fatal(err)
	}
	if err := p.nameShards(); err != nil {
		t.Fatal(err)
	}
	return p
}
