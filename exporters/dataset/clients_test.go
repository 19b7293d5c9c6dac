package dataset

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// requireNode returns node, or stops the test (see testtool.Missing),
// after checking that the npm packages the tests run are installed.
func requireNode(t testing.TB, packages ...string) string {
	t.Helper()
	node := testtool.Require(t, "node", "apt-get install nodejs")
	for _, p := range packages {
		testtool.RequireFile(t, filepath.Join(testtool.Root(), "node_modules", filepath.FromSlash(p), "package.json"), "npm ci (at the repository root)")
	}
	return node
}

// runNode runs testdata/script with args and decodes the JSON it prints
// into v.
func runNode(t testing.TB, script string, v any, args ...string) {
	t.Helper()
	node := requireNode(t, "@duckdb/node-api", "hyparquet")
	cmd := exec.Command(node, append([]string{filepath.Join(testtool.Root(), "exporters", "dataset", "testdata", script)}, args...)...)
	out, err := cmd.Output()
	if jerr := json.Unmarshal(out, v); err != nil || jerr != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("%s: %v %v\n%s%s", script, err, jerr, out, stderr)
	}
}

// duckSummary is what testdata/duckdb.mjs prints.
type duckSummary struct {
	Tables map[string]struct {
		Parquet, JSONL *duckRelation
	} `json:"tables"`
	Book    map[string]*duckRelation `json:"book"`
	Slicing struct {
		Sentences, Mismatches int
	} `json:"slicing"`
	Errors []string `json:"errors"`
}

// hyparquetSummary is what testdata/hyparquet.mjs prints.
type hyparquetSummary struct {
	Tables map[string]struct {
		Files, Rows, Equal int
		Columns            []string
	} `json:"tables"`
	Slicing struct {
		Sentences, Mismatches int
		UTF16Mismatches       int `json:"utf16_slice_mismatches"`
	} `json:"slicing"`
	Errors []string `json:"errors"`
}

type duckRelation struct {
	Types map[string]string `json:"types"`
	Rows  int               `json:"rows"`
}

// duckType is the DuckDB type of a Go field of a record type, as DuckDB
// reads its Parquet column.
func duckType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Int:
		return "BIGINT"
	case reflect.Slice:
		return duckType(t.Elem()) + "[]"
	case reflect.Pointer:
		return duckType(t.Elem())
	}
	return "VARCHAR"
}

// wantDuckTypes returns the DuckDB types of table's columns.
func wantDuckTypes(table string) map[string]string {
	t := recordTypes[table]
	out := map[string]string{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		out[name] = duckType(t.Field(i).Type)
	}
	return out
}

// checkDuckDB reads the dataset in dir with DuckDB and checks every
// table's Parquet and JSON Lines files and book.json against info: the
// Parquet columns' types, and the row counts. It returns the summary.
func checkDuckDB(t *testing.T, dir string, info Info) duckSummary {
	t.Helper()
	var s duckSummary
	runNode(t, "duckdb.mjs", &s, append([]string{dir}, Tables...)...)
	for _, e := range s.Errors {
		t.Errorf("duckdb: %s", e)
	}
	for _, table := range Tables {
		r := s.Tables[table]
		if r.Parquet == nil {
			continue // an error, reported
		}
		if want := wantDuckTypes(table); !reflect.DeepEqual(r.Parquet.Types, want) {
			t.Errorf("duckdb: %s Parquet types %v, want %v", table, r.Parquet.Types, want)
		}
		if r.Parquet.Rows != info.Records[table] {
			t.Errorf("duckdb: %s Parquet has %d rows, Write wrote %d", table, r.Parquet.Rows, info.Records[table])
		}
		if info.Records[table] == 0 {
			continue // an empty JSON Lines file has no columns to read
		}
		if r.JSONL == nil {
			continue
		}
		if r.JSONL.Rows != info.Records[table] {
			t.Errorf("duckdb: %s JSON Lines has %d rows, Write wrote %d", table, r.JSONL.Rows, info.Records[table])
		}
		nullable := map[string]bool{}
		for i := 0; i < recordTypes[table].NumField(); i++ {
			f := recordTypes[table].Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			nullable[name] = f.Type.Kind() == reflect.Pointer
		}
		for col, typ := range wantDuckTypes(table) {
			// A nullable column that is null in every row has no type
			// for DuckDB to infer from JSON Lines: it reads it as JSON
			// (Parquet has the type).
			if typ == "BIGINT" && r.JSONL.Types[col] != typ && !(nullable[col] && r.JSONL.Types[col] == "JSON") {
				t.Errorf("duckdb: %s JSON Lines column %s is %s, want %s", table, col, r.JSONL.Types[col], typ)
			}
			if _, ok := r.JSONL.Types[col]; !ok {
				t.Errorf("duckdb: %s JSON Lines has no column %s", table, col)
			}
		}
	}
	return s
}

// checkHyparquet reads every Parquet file of the dataset in dir with
// hyparquet and checks it against the JSON Lines files, row by row. It
// returns the summary.
func checkHyparquet(t *testing.T, dir string, info Info) hyparquetSummary {
	t.Helper()
	var s hyparquetSummary
	runNode(t, "hyparquet.mjs", &s, append([]string{dir}, Tables...)...)
	for _, e := range s.Errors {
		t.Errorf("hyparquet: %s", e)
	}
	for _, table := range Tables {
		r := s.Tables[table]
		if r.Files != len(info.Parquet[table]) || r.Rows != info.Records[table] || r.Equal != r.Rows {
			t.Errorf("hyparquet: %s: %d files, %d rows, %d equal to the JSON Lines rows; want %d files, %d rows, all equal",
				table, r.Files, r.Rows, r.Equal, len(info.Parquet[table]), info.Records[table])
		}
		var want []string
		for i := 0; i < recordTypes[table].NumField(); i++ {
			name, _, _ := strings.Cut(recordTypes[table].Field(i).Tag.Get("json"), ",")
			want = append(want, name)
		}
		if !reflect.DeepEqual(r.Columns, want) {
			t.Errorf("hyparquet: %s columns %v, want %v", table, r.Columns, want)
		}
	}
	return s
}

// TestClients reads the fixture's dataset, whole and sharded, with DuckDB
// and hyparquet.
func TestClients(t *testing.T) {
	for _, shard := range []int64{0, 600} {
		dir := t.TempDir()
		info := mustWrite(t, dir, fixtureBook(), Options{ShardBytes: shard})
		checkDuckDB(t, dir, info)
		checkHyparquet(t, dir, info)
	}
}

// TestClientsEmptyTable reads a dataset whose terms table is empty: its
// Parquet file still has the columns.
func TestClientsEmptyTable(t *testing.T) {
	b := fixtureBook()
	b.Glossary = nil
	stripAbbrs(b)
	dir := t.TempDir()
	info := mustWrite(t, dir, b, Options{})
	if info.Records[TableTerms] != 0 || info.Records[TableMentions] != 0 {
		t.Fatalf("%d terms, want none", info.Records[TableTerms])
	}
	checkDuckDB(t, dir, info)
	checkHyparquet(t, dir, info)

	// The card's pandas recipe gives the empty table its columns.
	card, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(card), "pandas (JSON Lines")
	_, after, _ = strings.Cut(after, "```python\n")
	snippet, _, ok := strings.Cut(after, "```")
	if !ok {
		t.Fatalf("no pandas recipe in the card:\n%s", card)
	}
	cmd := exec.Command(requirePython(t), "-c", snippet+`terms = read_table("terms")
print(len(terms), ",".join(terms.columns))`)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	want := "0 id,acronym,expansion,expansion_en,first_sentence_id,occurrences,sentence_count"
	if err != nil || strings.TrimSpace(string(out)) != want {
		t.Errorf("the card's pandas recipe on the empty terms table printed %q (%v), want %q", out, err, want)
	}
}

// stripAbbrs replaces every abbreviation of b by its text, so that b can go
// without a glossary.
func stripAbbrs(b *doc.Book) {
	swap := func(ins []doc.Inline) {
		for i, in := range ins {
			if a, ok := in.(*doc.Abbr); ok {
				ins[i] = text(a.Text)
			}
		}
	}
	for _, d := range b.Documents {
		doc.WalkBlocks(d.Blocks, func(n doc.Node, entering bool) doc.WalkStatus {
			if entering {
				switch n := n.(type) {
				case *doc.Heading:
					swap(n.Inlines)
				case *doc.Paragraph:
					swap(n.Inlines)
				case *doc.Emph:
					swap(n.Inlines)
				case *doc.Strong:
					swap(n.Inlines)
				case *doc.Link:
					swap(n.Inlines)
				}
			}
			return doc.WalkContinue
		})
	}
}
