package dataset

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// TestCroissant checks croissant.json, whole and sharded, against the
// properties Croissant 1.0 requires and against the files themselves:
// every hash and size matches its file, every glob matches the table's
// shards, every field's column exists in the files its source names, every
// key and reference names a field.
func TestCroissant(t *testing.T) {
	for _, shard := range []int64{0, 600} {
		dir := t.TempDir()
		info := mustWrite(t, dir, fixtureBook(), Options{ShardBytes: shard})
		data, err := os.ReadFile(filepath.Join(dir, "croissant.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, err := range checkCroissant(dir, data, info) {
			t.Errorf("shard size %d: %v", shard, err)
		}
	}
}

// TestCroissantCatches checks that checkCroissant reports a wrong hash, a
// glob that misses a shard and a missing column.
func TestCroissantCatches(t *testing.T) {
	dir := t.TempDir()
	info := mustWrite(t, dir, fixtureBook(), Options{ShardBytes: 600})
	data, _ := os.ReadFile(filepath.Join(dir, "croissant.json"))
	for _, tc := range []struct{ from, to, want string }{
		{`"sha256": "`, `"sha256": "0`, "sha256"},
		{`"includes": "data/sentences-*.parquet"`, `"includes": "data/sentences-0000[0-3]-*.parquet"`, "matches"},
		{`"column": "word_count"`, `"column": "words"`, "no column words"},
		{`"conformsTo": "http://mlcommons.org/croissant/1.0",`, ``, "conformsTo"},
	} {
		bad := strings.Replace(string(data), tc.from, tc.to, 1)
		errs := checkCroissant(dir, []byte(bad), info)
		if !strings.Contains(fmt.Sprint(errs), tc.want) {
			t.Errorf("%s → %s: %v, want an error with %q", tc.from, tc.to, errs, tc.want)
		}
	}
}

// checkCroissant returns what is wrong with data, a croissant.json of the
// dataset in dir.
func checkCroissant(dir string, data []byte, info Info) (errs []error) {
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	var cr map[string]any
	if err := json.Unmarshal(data, &cr); err != nil {
		return []error{err}
	}
	// The Dataset's required properties (Croissant 1.0, "Dataset-level
	// information"), with the distribution and record sets.
	for _, p := range []string{"@context", "@type", "conformsTo", "name", "description", "license", "url", "creator", "datePublished", "distribution", "recordSet"} {
		if v, ok := cr[p]; !ok || v == "" || v == nil {
			fail("no %s", p)
		}
	}
	if cr["@type"] != "sc:Dataset" || cr["conformsTo"] != nil && cr["conformsTo"] != CroissantVersion || cr["inLanguage"] != "tr" {
		fail("@type %v, conformsTo %v, inLanguage %v", cr["@type"], cr["conformsTo"], cr["inLanguage"])
	}
	if cr["license"] != "https://spdx.org/licenses/CC-BY-4.0.html" {
		fail("license %v", cr["license"])
	}
	ctx, _ := cr["@context"].(map[string]any)
	for _, term := range []string{"cr", "sc", "dct", "conformsTo", "recordSet", "field", "source", "extract", "column", "fileObject", "fileSet", "includes", "key", "references", "repeated", "dataType"} {
		if _, ok := ctx[term]; !ok {
			fail("@context does not define %s", term)
		}
	}

	ids := map[string]string{} // @id → @type
	files := map[string][]string{}
	dist, _ := cr["distribution"].([]any)
	for _, d := range dist {
		d := d.(map[string]any)
		id, typ := fmt.Sprint(d["@id"]), fmt.Sprint(d["@type"])
		if _, dup := ids[id]; dup {
			fail("@id %s twice", id)
		}
		ids[id] = typ
		if d["encodingFormat"] != "application/x-parquet" || d["name"] == nil {
			fail("%s: encodingFormat %v, name %v", id, d["encodingFormat"], d["name"])
		}
		switch typ {
		case "cr:FileObject":
			p := fmt.Sprint(d["contentUrl"])
			b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
			if err != nil {
				fail("%s: %v", id, err)
				continue
			}
			sum := sha256.Sum256(b)
			if d["sha256"] != hex.EncodeToString(sum[:]) || d["contentSize"] != fmt.Sprintf("%d B", len(b)) {
				fail("%s: sha256 %v and contentSize %v, the file has %x and %d B", id, d["sha256"], d["contentSize"], sum, len(b))
			}
			files[id] = []string{p}
		case "cr:FileSet":
			matches, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(fmt.Sprint(d["includes"]))))
			if err != nil {
				fail("%s: %v", id, err)
			}
			var rel []string
			for _, m := range matches {
				r, _ := filepath.Rel(dir, m)
				rel = append(rel, filepath.ToSlash(r))
			}
			table := strings.TrimSuffix(id, "-parquet")
			if !slices.Equal(rel, info.Parquet[table]) {
				fail("%s: includes %v matches %v, want the shards %v", id, d["includes"], rel, info.Parquet[table])
			}
			files[id] = rel
		default:
			fail("%s: @type %s", id, typ)
		}
	}
	for _, table := range Tables {
		for _, f := range info.Parquet[table] {
			if ids[f] != "cr:FileObject" {
				fail("no FileObject for %s", f)
			}
		}
	}

	sets, _ := cr["recordSet"].([]any)
	if len(sets) != len(Tables) {
		fail("%d record sets, want %d", len(sets), len(Tables))
	}
	fields := map[string]bool{}
	type ref struct{ from, to string }
	var refs []ref
	for _, s := range sets {
		s := s.(map[string]any)
		id := fmt.Sprint(s["@id"])
		if s["@type"] != "cr:RecordSet" {
			fail("%s: @type %v", id, s["@type"])
		}
		fs, _ := s["field"].([]any)
		for _, f := range fs {
			f := f.(map[string]any)
			fid := fmt.Sprint(f["@id"])
			fields[fid] = true
			if f["@type"] != "cr:Field" || !strings.HasPrefix(fid, id+"/") || (f["dataType"] != "sc:Text" && f["dataType"] != "sc:Integer") {
				fail("%s: @type %v, dataType %v", fid, f["@type"], f["dataType"])
			}
			src, _ := f["source"].(map[string]any)
			var from string
			for _, k := range []string{"fileObject", "fileSet"} {
				if r, ok := src[k].(map[string]any); ok {
					from = fmt.Sprint(r["@id"])
				}
			}
			col := fmt.Sprint(src["extract"].(map[string]any)["column"])
			if len(files[from]) == 0 {
				fail("%s: source %q names no file", fid, from)
			}
			for _, p := range files[from] {
				if !parquetHasColumn(dir, p, col) {
					fail("%s: %s has no column %s", fid, p, col)
				}
			}
			if r, ok := f["references"].(map[string]any); ok {
				refs = append(refs, ref{fid, fmt.Sprint(r["@id"])})
			}
		}
		keys, ok := s["key"].([]any)
		if !ok {
			keys = []any{s["key"]}
		}
		for _, k := range keys {
			refs = append(refs, ref{id + " key", fmt.Sprint(k.(map[string]any)["@id"])})
		}
	}
	for _, r := range refs {
		if !fields[r.to] {
			fail("%s refers to %s, which is no field", r.from, r.to)
		}
	}
	want := 0
	for _, t := range Tables {
		want += len(foreignKeys[t]) + len(primaryKey(t))
	}
	if len(refs) != want {
		fail("%d references and keys, want %d", len(refs), want)
	}
	return errs
}

// parquetHasColumn reports whether the Parquet file p of dir has a
// top-level column named col.
func parquetHasColumn(dir, p, col string) bool {
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		return false
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		return false
	}
	for _, fd := range pf.Schema().Fields() {
		if fd.Name() == col {
			return true
		}
	}
	return false
}

// TestLicenseFields checks the card's and croissant.json's licence for a
// known licence, a rights statement that names none, and no statement.
func TestLicenseFields(t *testing.T) {
	for _, tt := range []struct {
		rights, front, license string
		file                   bool // LICENSE written
	}{
		{"CC BY 4.0", "license: cc-by-4.0\n", `"https://spdx.org/licenses/CC-BY-4.0.html"`, false},
		{"Tüm hakları saklıdır.", "license: other\nlicense_name: tum-haklari-saklidir\nlicense_link: LICENSE\n", `{"@type":"sc:CreativeWork","name":"Tüm hakları saklıdır."}`, true},
		{"", "license: unknown\n", `{"@type":"sc:CreativeWork","name":"unknown","description":"The source of the text gives no rights statement."}`, false},
	} {
		b := fixtureBook()
		b.Meta.Rights = tt.rights
		dir := t.TempDir()
		mustWrite(t, dir, b, Options{})
		card, _ := os.ReadFile(filepath.Join(dir, "README.md"))
		if !strings.HasPrefix(string(card), "---\n"+tt.front+"language:") {
			t.Errorf("rights %q: card starts\n%.200s\nwant the fields\n%s", tt.rights, card, tt.front)
		}
		var cr struct {
			License json.RawMessage `json:"license"`
		}
		data, _ := os.ReadFile(filepath.Join(dir, "croissant.json"))
		json.Unmarshal(data, &cr)
		var got bytes.Buffer
		json.Compact(&got, cr.License)
		if got.String() != tt.license {
			t.Errorf("rights %q: croissant license %s, want %s", tt.rights, got.String(), tt.license)
		}
		lic, err := os.ReadFile(filepath.Join(dir, "LICENSE"))
		if tt.file != (err == nil) || tt.file && string(lic) != tt.rights+"\n" {
			t.Errorf("rights %q: LICENSE %q, %v", tt.rights, lic, err)
		}
	}
}

// TestCroissantType checks the Croissant data type of each kind of column
// a record type may have, and that any other kind is refused loudly.
func TestCroissantType(t *testing.T) {
	tests := []struct {
		v        any
		dataType string
		repeated bool
	}{
		{"", "sc:Text", false},
		{0, "sc:Integer", false},
		{int64(0), "sc:Integer", false},
		{false, "sc:Boolean", false},
		{0.5, "sc:Float", false},
		{(*string)(nil), "sc:Text", false},
		{[]string(nil), "sc:Text", true},
		{[]int(nil), "sc:Integer", true},
	}
	for _, tt := range tests {
		dt, rep := croissantType(reflect.TypeOf(tt.v))
		if dt != tt.dataType || rep != tt.repeated {
			t.Errorf("%T: %s, repeated %v; want %s, %v", tt.v, dt, rep, tt.dataType, tt.repeated)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("a map column got a Croissant type, want a panic")
		}
	}()
	croissantType(reflect.TypeFor[map[string]int]())
}
