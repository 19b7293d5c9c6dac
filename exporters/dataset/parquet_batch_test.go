package dataset

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// TestParquetTagsSchema checks that the schema parquet-go derives from each
// record type and its run-time tags (parquetTags) is the table's schema,
// so that the generic writer writes column by column rather than row by
// row, and that every table has a rowWriter of its record type.
func TestParquetTagsSchema(t *testing.T) {
	for _, table := range Tables {
		rt := recordTypes[table]
		got := parquet.SchemaOf(reflect.Zero(rt).Interface(), parquetTags(rt)...)
		if !parquet.EqualNodes(got, ParquetSchema(table)) {
			t.Errorf("%s: schema with tags\n%s\nwant\n%s", table, got, ParquetSchema(table))
		}
		p := newParquetTable(table, t.TempDir())
		if err := p.write(reflect.Zero(rt).Interface(), 10); err != nil {
			t.Fatal(err)
		}
		if err := p.close(); err != nil {
			t.Fatal(err)
		}
	}
}

// randomRecords returns n records of table with random values: texts of
// up to long code points (some past a page), null and non-null optional
// values, empty and full lists.
func randomRecords(table string, n, long int, seed uint64) []any {
	r := rand.New(rand.NewPCG(seed, 1))
	text := func(max int) string {
		var b strings.Builder
		for range r.IntN(max + 1) {
			b.WriteRune([]rune("abcçdefgğhıijklmnoöprsştuüvyz .,’İ")[r.IntN(34)])
		}
		return b.String()
	}
	opt := func() *string {
		if r.IntN(3) == 0 {
			return nil
		}
		s := text(20)
		return &s
	}
	list := func() []string {
		l := make([]string, r.IntN(4))
		for i := range l {
			l[i] = text(10)
		}
		return l
	}
	recs := make([]any, n)
	for i := range recs {
		switch table {
		case TableSentences:
			recs[i] = Sentence{ID: fmt.Sprintf("s%06d", i), DocumentID: "doc-0001", ParagraphID: text(15), Index: i,
				Text: text(long), CharStart: r.IntN(1 << 20), CharEnd: r.Int(), ByteStart: -i, ByteEnd: i, WordCount: r.IntN(100)}
		case TableMentions:
			recs[i] = Mention{TermID: text(9), SentenceID: text(20), DocumentID: text(8)}
		case TableParagraphs:
			p := Paragraph{ID: fmt.Sprintf("p%06d", i), DocumentID: "doc-0001", Index: i, Kind: text(8), Text: text(long),
				CharEnd: r.Int(), ByteEnd: r.Int(), Anchor: opt(), ListMarker: opt(), ListStyle: opt(), Task: opt(),
				NoteRefSentenceID: opt(), Lang: opt()}
			if r.IntN(2) == 0 {
				k := r.IntN(10)
				p.NoteNumber = &k
			}
			recs[i] = p
		case TableTables:
			tb := Table{ID: fmt.Sprintf("t%06d", i), DocumentID: text(8), Index: i, Number: r.IntN(9), Anchor: opt(), Caption: opt(),
				Alignments: list(), Header: list()}
			switch r.IntN(4) {
			case 0:
			case 1:
				tb.Rows = [][]string{}
			default:
				tb.Rows = make([][]string, r.IntN(6))
				for j := range tb.Rows {
					tb.Rows[j] = list()
					if r.IntN(4) == 0 {
						tb.Rows[j] = append(tb.Rows[j], text(long))
					}
				}
			}
			recs[i] = tb
		default:
			panic(table)
		}
	}
	return recs
}

// writeRowByRow writes recs, with JSON lines of the given sizes, as one
// Parquet file the way a row-at-a-time writer does: each record
// deconstructed into a parquet.Row and given to the writer alone, a row
// group closed where parquetTable closes one.
func writeRowByRow(t *testing.T, table string, recs []any, sizes []int) []byte {
	t.Helper()
	schema := ParquetSchema(table)
	var buf bytes.Buffer
	w := parquet.NewWriter(&buf, append([]parquet.WriterOption{schema, parquet.Compression(&fastSnappy{}),
		createdBy(parquetCreatedBy)}, parquetBounds(schema)...)...)
	pt := parquetType(recordTypes[table])
	var group int64
	for i, rec := range recs {
		if i > 0 && group+int64(sizes[i]) > parquetGroupBytes {
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			group = 0
		}
		row := reflect.New(pt)
		row.Elem().Set(reflect.ValueOf(rec).Convert(pt))
		if _, err := w.WriteRows([]parquet.Row{schema.Deconstruct(nil, row.Interface())}); err != nil {
			t.Fatal(err)
		}
		group += int64(sizes[i])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestParquetBatchesAsRows checks that parquetTable, which writes records
// column by column in batches, writes the bytes a writer given one row at
// a time writes, with pages and row groups closing at the same rows: for
// texts that fill many pages, optional values, nested lists, and numbers
// enough to fill an INT64 column's page. It checks the shards back too.
func TestParquetBatchesAsRows(t *testing.T) {
	for _, tc := range []struct {
		table      string
		n, long    int // the number of records, the longest text
		minS, maxS int // the range of the JSON lines' sizes, which place the row groups
	}{
		{TableSentences, 1500, 3000, 20 << 10, 60 << 10},
		{TableSentences, 200, 3000, 1 << 20, 4 << 20},
		{TableMentions, 40000, 0, 10, 100},
		{TableParagraphs, 1500, 2000, 20 << 10, 60 << 10},
		{TableParagraphs, 40000, 10, 10, 100},
		{TableTables, 3000, 900, 5 << 10, 20 << 10},
	} {
		name := fmt.Sprintf("%s-%d", tc.table, tc.n)
		recs := randomRecords(tc.table, tc.n, tc.long, uint64(tc.n))
		r := rand.New(rand.NewPCG(uint64(tc.n), 2))
		sizes := make([]int, len(recs))
		for i := range sizes {
			sizes[i] = tc.minS + r.IntN(tc.maxS-tc.minS)
		}
		p := newParquetTable(tc.table, t.TempDir())
		for i, rec := range recs {
			if err := p.write(rec, sizes[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := p.close(); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(p.temps[0])
		if err != nil {
			t.Fatal(err)
		}
		want := writeRowByRow(t, tc.table, recs, sizes)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, a row-at-a-time writer writes %d other bytes", name, len(got), len(want))
		}
		if err := p.nameShards(); err != nil {
			t.Fatal(err)
		}
		if len(p.shardGroups[0]) < 2 && tc.maxS > 1000 {
			t.Errorf("%s: %d row groups, want several", name, len(p.shardGroups[0]))
		}
		if err := p.checkShard(0, int64(len(recs))); err != nil {
			t.Errorf("%s: the shard as written: %v", name, err)
		}
	}
}

// TestCheckShardCatchesRows checks that checkShard reports a shard of
// several row groups whose rows are not those written: a value changed in
// one row group, a row missing, a pair of rows swapped, a row moved into
// the next row group, a null where a value was.
func TestCheckShardCatchesRows(t *testing.T) {
	const size = 1 << 20 // pretend each row is 1 MiB of JSON: row groups of 16 rows
	recs := randomRecords(TableParagraphs, 40, 2000, 7)
	shard := func(rs []any) *parquetTable { return writeShard(t, TableParagraphs, rs, size) }
	written := shard(recs)
	if n := len(written.shardGroups[0]); n != 3 {
		t.Fatalf("%d row groups, want 3", n)
	}
	if err := written.checkShard(0, 40); err != nil {
		t.Fatalf("the shard as written: %v", err)
	}
	tables := []*tableWriter{{name: TableParagraphs, final: written.final, lines: []int64{40}, pq: written}}
	if err := checkParquet(tables); err != nil {
		t.Fatalf("checkParquet, the shard as written: %v", err)
	}
	edit := func(i int, f func(*Paragraph)) func([]any) []any {
		return func(r []any) []any {
			p := r[i].(Paragraph)
			f(&p)
			r[i] = p
			return r
		}
	}
	for _, tc := range []struct {
		name string
		edit func([]any) []any
		want string
	}{
		{"value", edit(20, func(p *Paragraph) { p.CharEnd++ }), "differ from the rows written: row group 1, column char_end"},
		{"text", edit(39, func(p *Paragraph) { p.Text += "." }), "differ from the rows written: row group 2, column text"},
		{"null", edit(3, func(p *Paragraph) { p.Lang = nil; p.Anchor = nil }), "row group 0, column anchor"},
		{"empty", edit(3, func(p *Paragraph) { s := ""; p.Lang, p.Anchor = &s, &s }), "row group 0, column anchor"},
		{"missing", func(r []any) []any { return append(r[:20], r[21:]...) }, "39 rows, the JSON Lines shard has 40"},
		{"swapped", func(r []any) []any { r[20], r[21] = r[21], r[20]; return r }, "differ from the rows written: row group 1, column id"},
		{"moved", func(r []any) []any {
			// rows 15 and 16 change places across the row groups' boundary
			r[15], r[16] = r[16], r[15]
			return r
		}, "differ from the rows written: row group 0, column id"},
	} {
		p := shard(tc.edit(append([]any(nil), recs...)))
		// The shard on disk is the edited one; what was written is recs.
		p.shardRows, p.shardGroups = written.shardRows, written.shardGroups
		err := p.checkShard(0, 40)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error with %q", tc.name, err, tc.want)
		}
		tables := []*tableWriter{{name: TableParagraphs, final: p.final, lines: []int64{40}, pq: p}}
		if err2 := checkParquet(tables); fmt.Sprint(err2) != fmt.Sprint(err) {
			t.Errorf("%s: checkParquet: %v, checkShard: %v", tc.name, err2, err)
		}
	}
}

// TestPagePool checks that a page buffer given back comes back empty, that
// the pool makes a file only when none is free, and that remove removes
// every file, also one still handed out.
func TestPagePool(t *testing.T) {
	dir := t.TempDir()
	p := &pagePool{dir: dir, pattern: ".t.pages.*"}
	a, b := p.GetBuffer(), p.GetBuffer()
	for _, buf := range []io.ReadWriteSeeker{a, b} {
		if _, err := buf.Write([]byte("sayfa")); err != nil {
			t.Fatal(err)
		}
	}
	p.PutBuffer(a)
	c := p.GetBuffer()
	if c != a {
		t.Errorf("GetBuffer made a file with one free")
	}
	if _, err := c.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	if data, _ := io.ReadAll(c); len(data) != 0 {
		t.Errorf("a buffer given back holds %q, want nothing", data)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("%d files, want 2", len(entries))
	}
	if err := p.remove(); err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("%d files after remove, want none", len(entries))
	}
	p.dir = filepath.Join(dir, "missing")
	if _, err := p.GetBuffer().Write([]byte("x")); err == nil || !strings.Contains(err.Error(), "page buffer") {
		t.Errorf("a buffer in a missing folder: %v, want an error", err)
	}
}
