package dataset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	validator "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/seedpress/seedpress/internal/corpus"
	"github.com/seedpress/seedpress/pipeline"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// libValid is the validator's verdict on a JSON text: it decodes and is
// valid against s.
func libValid(s *validator.Schema, data []byte) (bool, error) {
	v, err := validator.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return false, err
	}
	err = s.Validate(v)
	return err == nil, err
}

// generatedBook is the book the pipeline builds from a generated corpus
// of n documents.
func generatedBook(t testing.TB, n int, seed int64) *doc.Book {
	t.Helper()
	seeds := t.TempDir()
	if _, err := corpus.Generate(seeds, n, seed); err != nil {
		t.Fatal(err)
	}
	b, diags := pipeline.Build(seeds, pipeline.Options{})
	if b == nil || diags.HasErrors() {
		t.Fatalf("pipeline.Build: %v", diags.Err())
	}
	return b
}

// agree fails unless the check's verdict on data is the validator's, or
// unsure; it returns both.
func agree(t testing.TB, name string, r *recordSchema, data []byte) (verdict, bool) {
	t.Helper()
	got := r.check.decide(data)
	ok, err := libValid(r.s, data)
	if got == valid && !ok || got == invalid && ok {
		t.Errorf("%s: check says %s, the validator says %v, of\n%s", name, got, err, data)
	}
	return got, ok
}

func (v verdict) String() string { return [...]string{"valid", "invalid", "unsure"}[v] }

// checkRecords returns the records of b as Write writes them, with the
// schema of each: every table row, every document of book.json, its
// glossary entries and its skeleton.
func checkRecords(t testing.TB, c *compiled, b *doc.Book) (names []string, schemas []*recordSchema, lines [][]byte) {
	add := func(name string, r *recordSchema, v any) {
		line, err := appendLine(nil, v)
		if err != nil {
			t.Fatal(err)
		}
		names, schemas, lines = append(names, name), append(schemas, r), append(lines, line)
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
		for _, r := range ch.tables {
			add(r.ID, c.tables[TableTables], r)
		}
		for _, r := range ch.figures {
			add(r.ID, c.tables[TableFigures], r)
		}
		for j, r := range ch.links {
			if ch.linkTargets[j] != "" {
				tid := "doc-0001" // as the Writer resolves it
				r.TargetDocumentID = &tid
			}
			add(r.ID, c.tables[TableLinks], r)
		}
		bd, _, err := bookDocument(ch.doc.ID, d)
		if err != nil {
			t.Fatal(err)
		}
		add("book "+ch.doc.ID, c.bookDoc, bd)
	}
	var glossary []GlossaryEntry
	for i, term := range b.Glossary {
		e := bookTerm(term, len(term.Uses))
		glossary = append(glossary, e)
		add("book glossary "+term.Acronym, c.bookTerm, e)
		rec := Term{ID: fmt.Sprintf("term-%04d", i+1), Acronym: term.Acronym, Expansion: term.Expansion,
			Occurrences: term.Occurrences, FirstSentenceID: "doc-0001-p0001-s0001"}
		if term.ExpansionEN != "" {
			rec.ExpansionEN = &term.ExpansionEN
		}
		rec.SentenceCount = len(term.Uses)
		for _, u := range term.Uses {
			add("mention "+term.Acronym, c.tables[TableMentions], Mention{TermID: rec.ID,
				SentenceID: fmt.Sprintf("doc-%04d-p%04d-s%04d", u.Doc+1, u.Leaf+1, u.Sentence+1), DocumentID: fmt.Sprintf("doc-%04d", u.Doc+1)})
		}
		add("term "+term.Acronym, c.tables[TableTerms], rec)
	}
	add("book skeleton", c.book, Book{Meta: bookMeta(b.Meta), DocumentCount: len(b.Documents), Glossary: glossary})
	return names, schemas, lines
}

// oddRecords are records with every escape, invalid UTF-8, extreme numbers
// and every optional field of book.json set and empty, for each schema.
func oddRecords(c *compiled) (schemas []*recordSchema, records []any) {
	odd := "tırnak \" ters \\ <b>&amp; \x00\x01\b\f\n\r\t\x1f\x7f \u2028\u2029 geçersiz \xff\xc3( son \xe2\x82"
	blocks := []Block{
		{},
		{Type: odd, Inlines: []Inline{}, Sentences: []Span{}, Blocks: []Block{}, Items: []ListItem{}},
		{Type: "list", Level: ptr(0), Info: ptr(""), Text: ptr(odd), Ordered: ptr(false), Start: ptr(-2),
			Items: []ListItem{{}, {Pos: Position{Line: 3, Col: 4}, Blocks: []Block{{Type: "quote", Blocks: []Block{{}}}}}}},
		{Type: "paragraph", Inlines: []Inline{{}, {Type: odd, Value: ptr(odd), URL: ptr(""), Term: ptr(0),
			Inlines: []Inline{{Inlines: []Inline{}}}}}, Sentences: []Span{{Start: 1, End: 2, Words: 3}}},
	}
	add := func(r *recordSchema, v any) { schemas, records = append(schemas, r), append(records, v) }
	add(c.tables[TableDocuments], Document{ID: odd, Index: 1 << 40, Source: odd, SHA256: odd, Encoding: odd, Format: odd, Text: odd, CharCount: -3})
	add(c.tables[TableDocuments], Document{})
	add(c.tables[TableParagraphs], Paragraph{ID: odd, DocumentID: odd, Kind: odd, Text: odd, CharStart: -1, CharEnd: 12345678})
	add(c.tables[TableSentences], Sentence{ID: odd, DocumentID: odd, ParagraphID: odd, Text: odd, WordCount: math.MinInt})
	add(c.tables[TableSentences], Sentence{ID: "doc-0001-p0001-s0001", DocumentID: "doc-0001", ParagraphID: "doc-0001-p0001", Text: "\"\\/\b\f\n\r\t", WordCount: math.MaxInt})
	add(c.tables[TableTerms], Term{})
	add(c.tables[TableTerms], Term{ID: "term-0001", Acronym: "AB", Expansion: odd, ExpansionEN: ptr(""), FirstSentenceID: "doc-0001-p0001-s0001",
		SentenceCount: -1})
	add(c.tables[TableMentions], Mention{})
	add(c.tables[TableMentions], Mention{TermID: "term-0001", SentenceID: odd, DocumentID: "doc-0001"})
	add(c.bookDoc, BookDocument{})
	add(c.bookDoc, BookDocument{ID: odd, Name: odd, Index: 7, Blocks: blocks})
	add(c.bookDoc, BookDocument{ID: "doc-0001", Name: "a", Source: "a.md", SHA256: strings.Repeat("0", 64), Encoding: "utf-8", Format: "markdown", Blocks: blocks[2:]})
	add(c.book, Book{})
	add(c.book, Book{Meta: BookMeta{Cover: &CoverImage{}}})
	add(c.book, Book{
		Meta:          BookMeta{Title: odd, Authors: []string{odd, ""}, Subjects: []string{}, Cover: &CoverImage{Name: odd, Width: 3, Data: []byte("\x00\xff görsel")}},
		DocumentCount: -1,
		Glossary:      []GlossaryEntry{{Acronym: odd, SentenceCount: 3, Defined: SentenceRef{Doc: 1, Leaf: 2, Sentence: 3}}, {SentenceCount: -1}}})
	add(c.bookTerm, GlossaryEntry{})
	add(c.bookTerm, GlossaryEntry{Acronym: odd, Expansion: "x", Defined: SentenceRef{Doc: -1}})
	return schemas, records
}

// variants are what TestCheckAgrees puts in place of each value: every
// JSON kind, values at and past the schemas' bounds, strings that match
// and miss their patterns and enums, and strings with the short escapes.
var variants = []any{
	nil, true, false,
	0, 1, -1, 6, 7, math.MaxInt, math.MinInt, -1.0, json.Number("4"), json.Number("-0"),
	"", "x", "İ", "doc-0001", "doc-0001-p0002", "doc-0001-p0002-s0003", "doc-1", "term-0001",
	"heading", "paragraph", "list", "text", "abbr", "strong", "utf-8", "markdown", "a5",
	"a\"b", "tab\t", "ters\\bölü", strings.Repeat("ab", 32), strings.Repeat("0", 64),
	[]any{}, []any{"a", "a"}, []any{"a", "b"}, []any{"b", "a"}, []any{1, 1}, []any{1, "1"}, []any{nil},
	map[string]any{}, map[string]any{"line": 1, "col": 1}, map[string]any{"type": "text", "value": "x"},
}

// unusual are variants the records never hold, which the check may leave
// to the validator: numbers with a fraction or exponent or outside int64,
// \u escapes (a control character, U+2028, invalid UTF-8).
var unusual = []any{
	uint64(math.MaxUint64), 2.5, 1e300, json.Number("1.0"), json.Number("1e2"), json.Number("-1E-2"),
	json.Number("99999999999999999999"), "\x00", "\u2028", "\xff",
}

// mutate calls try after each change of v it can make in place (each value
// replaced by each of variants, each key removed, an unknown key added,
// each array item repeated), restoring v after each.
func mutate(v any, variants []any, try func()) {
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
			mutate(orig, variants, try)
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
			mutate(orig, variants, try)
		}
	}
}

// TestCheckAgrees holds the check to the validator's verdict: it must
// accept every record of the fixture and of a generated corpus as they
// are written, and agree with the validator (or be unsure) on odd records
// and on every mutation of a sample of records, by value (each of the
// seven schemas, every field at every depth) and by byte.
func TestCheckAgrees(t *testing.T) {
	c, err := schemas()
	if err != nil {
		t.Fatal(err)
	}
	for _, book := range []*doc.Book{fixtureBook(), richBook(), generatedBook(t, 12, 3)} {
		names, rs, lines := checkRecords(t, c, book)
		for i := range lines {
			if got, _ := agree(t, names[i], rs[i], lines[i]); got != valid {
				t.Errorf("%s: check says %s of a valid record, want valid", names[i], got)
			}
		}
	}
	rs, recs := oddRecords(c)
	for i, rec := range recs {
		line, err := appendLine(nil, rec)
		if err != nil {
			t.Fatal(err)
		}
		agree(t, fmt.Sprintf("odd record %d", i), rs[i], line)
	}

	names, rs, lines := checkRecords(t, c, richBook())
	sampled := map[*recordSchema]int{}
	count := map[string]int{}
	for i, line := range lines {
		if sampled[rs[i]] >= 2 {
			continue
		}
		sampled[rs[i]]++
		v, err := validator.UnmarshalJSON(bytes.NewReader(line))
		if err != nil {
			t.Fatal(err)
		}
		for _, set := range []struct {
			name     string
			variants []any
		}{{"", variants}, {"unusual ", unusual}} {
			mutate(v, set.variants, func() {
				data, err := appendLine(nil, v)
				if err != nil {
					t.Fatal(err)
				}
				got, ok := agree(t, names[i], rs[i], data)
				count[fmt.Sprintf("%s%s/%v", set.name, got, ok)]++
			})
		}
		for j := range line {
			cut := append(line[:j:j], line[j+1:]...)
			got, ok := agree(t, names[i]+fmt.Sprintf(" without byte %d", j), rs[i], cut)
			count[fmt.Sprintf("bytes %s/%v", got, ok)]++
		}
		if t.Failed() {
			return
		}
	}
	if len(sampled) != 3+len(Tables) {
		t.Errorf("mutated records of %d schemas, want %d", len(sampled), 3+len(Tables))
	}
	// valid/true: accepted; invalid/false: rejected for sure; unsure/...:
	// left to the validator, which it must never be for a valid text of the
	// usual variants.
	if count["valid/true"] < 1000 || count["invalid/false"] < 10000 || count["unsure/true"] > 0 {
		t.Errorf("mutations: %v; want at least 1,000 accepted, 10,000 rejected, and none valid left to the validator", count)
	}
	t.Logf("mutations: %v", count)
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
			if k.pattern != nil && compileSequence(k.s.Pattern.String()) == nil {
				t.Errorf("%s: pattern %s is matched by regexp", k.s.Location, k.s.Pattern)
			}
			if k.props != nil && k.names.slots == nil {
				t.Errorf("%s: properties looked up in a map: no perfect hash found", k.s.Location)
			}
			if k.ref != nil && !k.refOnly {
				t.Errorf("%s: $ref beside other keywords: each value is scanned twice", k.s.Location)
			}
			walk(k.ref)
			walk(k.extra)
			walk(k.items)
			for _, o := range k.oneOf {
				walk(o)
			}
			for _, p := range k.props {
				walk(p.check)
			}
		}
		walk(r.check)
	}
}

// TestPropTable holds the property table to a map lookup: every name is
// found, and a key one byte off, a prefix or an extension of a name is
// found only if it is a name too; with the perfect hash and with the map
// it falls back to.
func TestPropTable(t *testing.T) {
	sets := [][]string{
		{"id", "document_id", "paragraph_id", "index", "text", "char_start", "char_end", "byte_start", "byte_end", "word_count"},
		{"", "a", "b", "ab", "ba", "aa", "abc", "acb"},
		{"x"},
	}
	var many []string // more names than the hash separates in its largest table
	for i := range 64 {
		many = append(many, fmt.Sprintf("k%02d", i), fmt.Sprintf("k%02dz", i))
	}
	sets = append(sets, many[:64])
	for _, names := range sets {
		props := map[string]prop{}
		for i, name := range names {
			props[name] = prop{bit: 1 << i}
		}
		tables := []propTable{newPropTable(props), {m: props}}
		if len(names) <= 10 && tables[0].slots == nil {
			t.Errorf("%q: no perfect hash", names)
		}
		var keys []string
		for _, name := range names {
			keys = append(keys, name, name+"_", name+"\x00")
			if name != "" {
				keys = append(keys, name[:len(name)-1], name[1:])
				for i := range len(name) {
					b := []byte(name)
					b[i]++
					keys = append(keys, string(b))
				}
			}
		}
		for _, tb := range tables {
			for _, key := range keys {
				want, wantOK := props[key]
				got, ok := tb.lookup([]byte(key))
				if ok != wantOK || got.bit != want.bit {
					t.Errorf("%q: lookup(%q) = %v, %v, want %v, %v", names, key, got.bit, ok, want.bit, wantOK)
				}
			}
		}
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
		{`{"enum": ["a", "b"]}`, false, []string{`"a"`, `"c"`, `1`, `null`, `true`, `[]`, `{}`, `"\u0061"`, `"a\ud800"`}},
		{`{"minimum": 1.5, "maximum": 9}`, true, []string{`1`, `2`, `9`, `10`}},
		{`{"type": ["integer", "null"], "minimum": -3, "maximum": 3}`, false,
			[]string{`-3`, `-4`, `3`, `4`, `null`, `"1"`, `1.0`, `1.5`, `-0`, `01`, `1e0`, `-`, `9223372036854775807`, `-9223372036854775808`, `9223372036854775808`}},
		{`{"type": "number"}`, false, []string{`1`, `1.5`, `"1"`, `1 `, ` 1`, `1 2`, `1x`}},
		{`{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}`, false, []string{`1`}},
		{`{"$defs": {"n": {"type": "object", "properties": {"next": {"$ref": "#/$defs/n"}, "v": {"type": "string", "maxLength": 2}}}}, "$ref": "#/$defs/n"}`, false,
			[]string{`{"next": {"next": {"v": "ab"}}}`, `{"next": {"next": {"v": "abc"}}}`, `{"next": 1}`, `{"v": "ab", "v": "abc"}`, `{"v": "abc", "v": "ab"}`}},
		{`{"$dynamicAnchor": "x", "properties": {"a": {"$dynamicRef": "#x"}}}`, true, []string{`{"a": {"a": 1}}`, `1`}},
		{`{"items": {"type": "string"}, "uniqueItems": true, "minItems": 1, "maxItems": 3}`, false,
			[]string{`[]`, `["a"]`, `["a", "a"]`, `["a", "b", "c", "d"]`, `["b", "a"]`, `["a", "\u0061"]`, `[1, 1.0]`, `[{"a": 1}, {"a": 1}]`, `[1]`, `["a",]`, `[,]`, `["a" "b"]`}},
		{`{"uniqueItems": true}`, false, []string{`[1, 1.0]`, `[{"a": 1}, {"a": 1}]`, `[[1], [2]]`, `[1, "1", true]`, `["\xff", "\xfe"]`}},
		{`{"oneOf": [{"type": "string", "minLength": 1}, {"type": "null"}]}`, false, []string{`"a"`, `""`, `null`, `1`, `"\t"`, `"\u00e7"`, `"a` + "\x01n" + `b"`, `"a` + "\n" + `"`}},
		{`{"oneOf": [{"type": "integer"}, {"minimum": 0}]}`, false, []string{`1`, `-1`, `"a"`, `1.5`}},
		{`{"additionalProperties": {"type": "integer"}, "properties": {"a": true, "b": false}, "required": ["a"]}`, false,
			[]string{`{"a": 1}`, `{"a": 1, "b": 1}`, `{"a": 1, "c": 1}`, `{"a": 1, "c": "x"}`, `{"c": 1}`, `{"a": 1, "c": "x", "c": 2}`, `{"a": 1,}`, `{"a" 1}`, `{"\u0061": 1}`}},
		{`{"required": ["z"], "properties": {"a": true}}`, true, []string{`{"z": 1}`, `{}`}},
		{`{"type": "string", "minLength": 2, "maxLength": 3, "pattern": "^[a-zç]+$"}`, false,
			[]string{`"a"`, `"çç"`, `"abc"`, `"abcd"`, `"AB"`, `"\u00e7\u00e7\u00e7"`, `"a\nb"`, `"ab\/"`, `"ab`, `"a` + "\x01" + `"`, `"a` + "\x01n" + `b"`, `"a` + "\x7f" + `b"`}},
		{`{"format": "email"}`, false, []string{`"x"`}},
		// Nesting: the check reads maxDepth levels, the validator's
		// decoder 10,000; both sides of each limit.
		{`{"items": {"$ref": "#"}}`, false, []string{nested(maxDepth), nested(maxDepth + 1), nested(10001), nested(10001)[1:]}},
		{`{"$defs": {"q": {"type": "object", "properties": {"in": {"$ref": "#/$defs/q"}}}}, "$ref": "#/$defs/q"}`, false,
			[]string{strings.Repeat(`{"in":`, 5000) + `{}` + strings.Repeat(`}`, 5000), strings.Repeat(`{"in":`, 10001) + `{}` + strings.Repeat(`}`, 10001)}},
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
			agree(t, tt.schema+" of "+js, r, []byte(js))
		}
	}
}

// FuzzCheck holds the check to the validator's verdict on arbitrary JSON
// texts, against each of the dataset's schemas.
func FuzzCheck(f *testing.F) {
	c, err := schemas()
	if err != nil {
		f.Fatal(err)
	}
	_, _, lines := checkRecords(f, c, fixtureBook())
	for _, line := range lines {
		f.Add(line)
	}
	_, recs := oddRecords(c)
	for _, rec := range recs {
		line, err := appendLine(nil, rec)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(line)
	}
	roots := []*recordSchema{c.book, c.bookDoc, c.bookTerm}
	for _, tb := range Tables {
		roots = append(roots, c.tables[tb])
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, r := range roots {
			agree(t, r.s.Location, r, data)
		}
	})
}

func ptr[T any](v T) *T { return &v }

// nested returns n arrays nested in each other.
func nested(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
