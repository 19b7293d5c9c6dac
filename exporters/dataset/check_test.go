package dataset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"testing"

	validator "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/seedpress/seedpress/internal/corpus"
	"github.com/seedpress/seedpress/pipeline"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// agree fails unless the check and the validator give v the same verdict.
func agree(t testing.TB, name string, r *recordSchema, v any) (valid bool) {
	t.Helper()
	got := r.check.ok(v)
	err := r.s.Validate(v)
	if got != (err == nil) {
		b, _ := json.Marshal(v)
		t.Errorf("%s: check says valid=%v, the validator says %v, of\n%s", name, got, err, b)
	}
	return err == nil
}

// checkRecords returns the records of b with the schema of each: every
// table row, every document of book.json, its glossary entries and its
// skeleton.
func checkRecords(t testing.TB, c *compiled, b *doc.Book) (names []string, schemas []*recordSchema, values []any) {
	add := func(name string, r *recordSchema, v valuer) {
		names, schemas, values = append(names, name), append(schemas, r), append(values, v.value())
	}
	w := width(len(b.Documents))
	for i, d := range b.Documents {
		ch, err := c.encodeDocument(w, i, d)
		if err != nil {
			t.Fatal(err)
		}
		add(ch.doc.ID, c.tables[TableDocuments], ch.doc)
		for _, p := range ch.paras {
			add(p.ID, c.tables[TableParagraphs], p)
		}
		for _, s := range ch.sents {
			add(s.ID, c.tables[TableSentences], s)
		}
		bd, _, err := bookDocument(ch.doc.ID, d)
		if err != nil {
			t.Fatal(err)
		}
		add("book "+ch.doc.ID, c.bookDoc, bd)
	}
	var glossary []GlossaryEntry
	for i, term := range b.Glossary {
		e := bookTerm(term)
		glossary = append(glossary, e)
		add("book glossary "+term.Acronym, c.bookTerm, &e)
		rec := Term{ID: fmt.Sprintf("term-%04d", i+1), Acronym: term.Acronym, Expansion: term.Expansion,
			Occurrences: term.Occurrences, FirstSentenceID: "doc-0001-p0001-s0001"}
		if term.ExpansionEN != "" {
			rec.ExpansionEN = &term.ExpansionEN
		}
		for _, u := range term.Uses {
			rec.SentenceIDs = append(rec.SentenceIDs, fmt.Sprintf("doc-%04d-p%04d-s%04d", u.Doc+1, u.Leaf+1, u.Sentence+1))
		}
		add("term "+term.Acronym, c.tables[TableTerms], rec)
	}
	add("book skeleton", c.book, Book{Meta: bookMeta(b.Meta), Documents: []BookDocument{}, Glossary: glossary})
	return names, schemas, values
}

// variants are what TestCheckAgrees puts in place of each value: every
// JSON kind, the Go types the validator reads besides the records' own,
// values at and past the schemas' bounds, and strings that match and miss
// their patterns and enums.
var variants = []any{
	nil, true, false,
	0, 1, -1, 6, 7, math.MaxInt, math.MinInt, int64(3), int8(-2), uint(3), float64(2), float64(2.5), float64(-1),
	math.NaN(), json.Number("4"), json.Number("-2"), json.Number("1.5"), json.Number("1e2"),
	"", "x", "İ", "doc-0001", "doc-0001-p0002", "doc-0001-p0002-s0003", "doc-1", "term-0001",
	"heading", "paragraph", "list", "text", "abbr", "strong", "utf-8", "markdown", "a5",
	strings.Repeat("ab", 32), strings.Repeat("0", 64),
	[]any{}, []any{"a", "a"}, []any{"a", "b"}, []any{1, 1}, []any{1, "1"}, []any{nil},
	map[string]any{}, map[string]any{"line": 1, "col": 1}, map[string]any{"type": "text", "value": "x"},
	struct{}{},
}

// mutate calls try after each change of v it can make in place (each value
// replaced by each variant, each key removed, an unknown key added, each
// array item repeated), restoring v after each.
func mutate(v any, try func()) {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		for _, k := range keys {
			orig := v[k]
			for _, x := range variants {
				v[k] = x
				try()
			}
			delete(v, k)
			try()
			v[k] = orig
			mutate(orig, try)
		}
		v["seedpress_unknown"] = 1
		try()
		delete(v, "seedpress_unknown")
	case []any:
		for i, orig := range v {
			for _, x := range variants {
				v[i] = x
				try()
			}
			v[i] = orig
			if i > 0 {
				v[i] = v[i-1]
				try()
				v[i] = orig
			}
			mutate(orig, try)
		}
	}
}

// TestCheckAgrees holds the check to the validator's verdict on every
// record of the fixture and of a generated corpus, and on every mutation
// of a sample of them (each of the seven schemas, every field at every
// depth).
func TestCheckAgrees(t *testing.T) {
	c, err := schemas()
	if err != nil {
		t.Fatal(err)
	}
	seeds := t.TempDir()
	if _, err := corpus.Generate(seeds, 12, 3); err != nil {
		t.Fatal(err)
	}
	b, diags := pipeline.Build(seeds, pipeline.Options{})
	if b == nil || diags.HasErrors() {
		t.Fatalf("pipeline.Build: %v", diags.Err())
	}
	for _, book := range []*doc.Book{fixtureBook(), b} {
		names, rs, vs := checkRecords(t, c, book)
		for i := range vs {
			if !agree(t, names[i], rs[i], vs[i]) {
				t.Fatalf("%s is not valid", names[i])
			}
		}
	}

	names, rs, vs := checkRecords(t, c, fixtureBook())
	sampled := map[*recordSchema]int{}
	valid, invalid := 0, 0
	for i, v := range vs {
		if sampled[rs[i]] >= 2 {
			continue
		}
		sampled[rs[i]]++
		mutate(v, func() {
			if agree(t, names[i], rs[i], v) {
				valid++
			} else {
				invalid++
			}
		})
		if t.Failed() {
			return
		}
	}
	if len(sampled) != 3+len(Tables) {
		t.Errorf("mutated records of %d schemas, want %d", len(sampled), 3+len(Tables))
	}
	if valid < 100 || invalid < 5000 {
		t.Errorf("%d valid and %d invalid mutations, want at least 100 and 5000", valid, invalid)
	}
	t.Logf("%d valid and %d invalid mutations agree", valid, invalid)
}

// TestCheckCovers fails when a schema of the dataset uses a keyword the
// check leaves to the validator: it would stay correct but lose its speed.
func TestCheckCovers(t *testing.T) {
	c, err := schemas()
	if err != nil {
		t.Fatal(err)
	}
	roots := []*recordSchema{c.book, c.bookDoc, c.bookTerm}
	for _, tb := range Tables {
		roots = append(roots, c.tables[tb])
	}
	for _, r := range roots {
		seen := map[*check]bool{}
		var walk func(k *check)
		walk = func(k *check) {
			if k == nil || seen[k] {
				return
			}
			seen[k] = true
			if k.lib {
				t.Errorf("%s: decided by the validator", k.s.Location)
			}
			walk(k.ref)
			walk(k.extra)
			walk(k.items)
			for _, o := range k.oneOf {
				walk(o)
			}
			for _, p := range k.props {
				walk(p)
			}
		}
		walk(r.check)
	}
}

// TestCheckFallback compiles schemas with keywords the check does not
// decide (each leaves its subschema to the validator) and others it does,
// and holds both to the validator's verdict.
func TestCheckFallback(t *testing.T) {
	tests := []struct {
		schema string
		lib    bool // the root is left to the validator
		values []string
	}{
		{`{"type": "integer", "multipleOf": 3}`, true, []string{`3`, `4`, `"a"`}},
		{`{"properties": {"a": {"not": {"type": "string"}}}}`, false, []string{`{"a": 1}`, `{"a": "x"}`, `{}`}},
		{`{"patternProperties": {"^x": {"type": "integer"}}, "additionalProperties": false}`, true, []string{`{"x1": 1}`, `{"x1": "a"}`, `{"y": 1}`}},
		{`{"enum": [1, "a", null]}`, true, []string{`1`, `"a"`, `null`, `2`, `"b"`}},
		{`{"enum": ["a", "b"]}`, false, []string{`"a"`, `"c"`, `1`, `null`}},
		{`{"minimum": 1.5, "maximum": 9}`, true, []string{`1`, `2`, `9`, `10`}},
		{`{"type": ["integer", "null"], "minimum": -3, "maximum": 3}`, false, []string{`-3`, `-4`, `3`, `4`, `null`, `"1"`, `1.0`, `1.5`}},
		{`{"type": "number"}`, false, []string{`1`, `1.5`, `"1"`}},
		{`{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}`, false, []string{`1`}},
		{`{"$defs": {"n": {"type": "object", "properties": {"next": {"$ref": "#/$defs/n"}, "v": {"type": "string", "maxLength": 2}}}}, "$ref": "#/$defs/n"}`, false,
			[]string{`{"next": {"next": {"v": "ab"}}}`, `{"next": {"next": {"v": "abc"}}}`, `{"next": 1}`}},
		{`{"$dynamicAnchor": "x", "properties": {"a": {"$dynamicRef": "#x"}}}`, true, []string{`{"a": {"a": 1}}`, `1`}},
		{`{"items": {"type": "string"}, "uniqueItems": true, "minItems": 1, "maxItems": 3}`, false,
			[]string{`[]`, `["a"]`, `["a", "a"]`, `["a", "b", "c", "d"]`, `[1, 1.0]`, `[{"a": 1}, {"a": 1}]`, `[1]`}},
		{`{"uniqueItems": true}`, false, []string{`[1, 1.0]`, `[{"a": 1}, {"a": 1}]`, `[[1], [2]]`, `[1, "1", true]`}},
		{`{"oneOf": [{"type": "string", "minLength": 1}, {"type": "null"}]}`, false, []string{`"a"`, `""`, `null`, `1`}},
		{`{"oneOf": [{"type": "integer"}, {"minimum": 0}]}`, false, []string{`1`, `-1`, `"a"`, `1.5`}},
		{`{"additionalProperties": {"type": "integer"}, "properties": {"a": true, "b": false}, "required": ["a"]}`, false,
			[]string{`{"a": 1}`, `{"a": 1, "b": 1}`, `{"a": 1, "c": 1}`, `{"a": 1, "c": "x"}`, `{"c": 1}`}},
		{`{"type": "string", "minLength": 2, "maxLength": 3, "pattern": "^[a-zç]+$"}`, false,
			[]string{`"a"`, `"çç"`, `"abc"`, `"abcd"`, `"AB"`, `"\u00e7\u00e7\u00e7"`}},
		{`{"format": "email"}`, false, []string{`"x"`}},
		{`{"contentEncoding": "base64"}`, false, []string{`"!!"`}},
	}
	for _, tt := range tests {
		comp := validator.NewCompiler()
		comp.DefaultDraft(validator.Draft2020)
		sv, err := validator.UnmarshalJSON(strings.NewReader(tt.schema))
		if err != nil {
			t.Fatal(err)
		}
		if err := comp.AddResource("test.json", sv); err != nil {
			t.Fatal(err)
		}
		s, err := comp.Compile("test.json")
		if err != nil {
			t.Fatalf("%s: %v", tt.schema, err)
		}
		r := newRecordSchema(s)
		if r.check.lib != tt.lib {
			t.Errorf("%s: left to the validator = %v, want %v", tt.schema, r.check.lib, tt.lib)
		}
		for _, js := range tt.values {
			v, err := validator.UnmarshalJSON(strings.NewReader(js))
			if err != nil {
				t.Fatal(err)
			}
			agree(t, tt.schema+" of "+js, r, v)
			agree(t, tt.schema+" of "+js+" (ints)", r, intsOf(v))
		}
	}
}

// intsOf turns the integral json.Numbers of v that fit an int into ints,
// as the records hold them.
func intsOf(v any) any {
	switch v := v.(type) {
	case json.Number:
		if n, err := strconv.Atoi(string(v)); err == nil {
			return n
		}
	case map[string]any:
		for k, x := range v {
			v[k] = intsOf(x)
		}
	case []any:
		for i, x := range v {
			v[i] = intsOf(x)
		}
	}
	return v
}

// FuzzCheck holds the check to the validator's verdict on arbitrary JSON,
// against each of the dataset's schemas, with numbers as the validator's
// decoder gives them and as ints.
func FuzzCheck(f *testing.F) {
	c, err := schemas()
	if err != nil {
		f.Fatal(err)
	}
	_, _, vs := checkRecords(f, c, fixtureBook())
	for _, v := range vs {
		b, err := json.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"id": "doc-0001", "blocks": [{"type": "list", "pos": {"line": 1, "col": 1}, "items": [{"pos": {"line": 1, "col": 1}, "blocks": []}]}]}`))
	roots := []*recordSchema{c.book, c.bookDoc, c.bookTerm}
	for _, tb := range Tables {
		roots = append(roots, c.tables[tb])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := validator.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return
		}
		for _, r := range roots {
			agree(t, r.s.Location, r, v)
		}
		v = intsOf(v)
		for _, r := range roots {
			agree(t, r.s.Location+" (ints)", r, v)
		}
	})
}
