package dataset

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strconv"
	"testing"

	validator "github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/seedpress/seedpress/internal/corpus"
	"github.com/seedpress/seedpress/pipeline"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// marshal is the reference encoding: encoding/json with HTML escaping off,
// without the newline.
func marshal(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// numbersAsJSON turns the ints of a validator value into json.Number, the
// form the validator's own decoder (jsonschema.UnmarshalJSON) gives, so the
// two can be compared.
func numbersAsJSON(v any) any {
	switch v := v.(type) {
	case int:
		return json.Number(strconv.Itoa(v))
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = numbersAsJSON(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = numbersAsJSON(x)
		}
		return out
	}
	return v
}

// checkFastPath fails unless rec's hand-written JSON (when it has one) is
// encoding/json's, and its validator value (when it builds one) is what
// decoding that JSON gives.
func checkFastPath(t *testing.T, name string, rec any) {
	t.Helper()
	want := marshal(t, rec)
	a, isA := rec.(appender)
	v, isV := rec.(valuer)
	if !isA && !isV {
		t.Fatalf("%s: %T has no fast path", name, rec)
	}
	if isA {
		if got := a.appendJSON(nil); !bytes.Equal(got, want) {
			t.Errorf("%s: appendJSON\n%s\nwant\n%s", name, got, want)
		}
	}
	if isV {
		dec, err := validator.UnmarshalJSON(bytes.NewReader(want))
		if err != nil {
			t.Fatal(err)
		}
		if got := numbersAsJSON(v.value()); !reflect.DeepEqual(got, dec) {
			t.Errorf("%s: value\n%#v\nwant\n%#v", name, got, dec)
		}
	}
}

// checkBook runs checkFastPath on every record Write would validate with
// the fast path.
func checkBook(t *testing.T, b *doc.Book) (records int) {
	t.Helper()
	c, err := schemas()
	if err != nil {
		t.Fatal(err)
	}
	w := width(len(b.Documents))
	for i, d := range b.Documents {
		ch, err := c.encodeDocument(w, i, d)
		if err != nil {
			t.Fatal(err)
		}
		checkFastPath(t, ch.doc.ID, ch.doc)
		for _, p := range ch.paras {
			checkFastPath(t, p.ID, p)
		}
		for _, s := range ch.sents {
			checkFastPath(t, s.ID, s)
		}
		bd, _, err := bookDocument(ch.doc.ID, d)
		if err != nil {
			t.Fatal(err)
		}
		checkFastPath(t, "book "+ch.doc.ID, bd)
		records += 2 + len(ch.paras) + len(ch.sents)
	}
	var glossary []GlossaryEntry
	for _, term := range b.Glossary {
		glossary = append(glossary, bookTerm(term))
	}
	checkFastPath(t, "book skeleton", Book{Meta: bookMeta(b.Meta), Documents: []BookDocument{}, Glossary: glossary})
	for i, term := range b.Glossary {
		rec := Term{ID: "term-" + strconv.Itoa(i), Acronym: term.Acronym, Expansion: term.Expansion, Occurrences: term.Occurrences}
		if term.ExpansionEN != "" {
			rec.ExpansionEN = &term.ExpansionEN
		}
		for _, u := range term.Uses {
			rec.SentenceIDs = append(rec.SentenceIDs, u.String())
		}
		checkFastPath(t, "term "+term.Acronym, rec)
	}
	return records
}

// TestRecordFastPath checks the hand-written JSON and validator values
// against encoding/json and the validator's decoder on the fixture, on records with
// every escape and every optional field, and on a generated corpus built
// by the real pipeline.
func TestRecordFastPath(t *testing.T) {
	checkBook(t, fixtureBook())

	odd := "tırnak \" ters \\ <b>&amp; \x00\x01\b\f\n\r\t\x1f\x7f \u2028\u2029 geçersiz \xff\xc3( son \xe2\x82"
	checkFastPath(t, "odd document", Document{ID: odd, Index: 1 << 40, Source: odd, Title: "", SHA256: odd, Encoding: odd, Format: odd, Text: odd, CharCount: -3})
	checkFastPath(t, "odd paragraph", Paragraph{ID: odd, DocumentID: odd, Kind: odd, Text: odd, CharStart: -1, CharEnd: 12345678})
	checkFastPath(t, "odd sentence", Sentence{ID: odd, DocumentID: odd, ParagraphID: odd, Text: odd, WordCount: -1 << 62})
	checkFastPath(t, "zero records", Document{})
	checkFastPath(t, "zero book document", BookDocument{})
	blocks := []Block{
		{},
		{Type: odd, Inlines: []Inline{}, Sentences: []Span{}, Blocks: []Block{}, Items: []ListItem{}},
		{Type: "list", Level: ptr(0), Info: ptr(""), Text: ptr(odd), Ordered: ptr(false), Start: ptr(-2),
			Items: []ListItem{{}, {Pos: Position{Line: 3, Col: 4}, Blocks: []Block{{Type: "quote", Blocks: []Block{{}}}}}}},
		{Type: "paragraph", Inlines: []Inline{{}, {Type: odd, Value: ptr(odd), URL: ptr(""), Term: ptr(0),
			Inlines: []Inline{{Inlines: []Inline{}}}}}, Sentences: []Span{{Start: 1, End: 2, Words: 3}}},
	}
	checkFastPath(t, "odd book document", BookDocument{ID: odd, Name: odd, Index: 7, Blocks: blocks})
	checkFastPath(t, "zero book", Book{})
	checkFastPath(t, "zero term", Term{})
	checkFastPath(t, "odd book", Book{
		Meta:      BookMeta{Title: odd, Authors: []string{odd, ""}, Subjects: []string{}, Cover: &CoverImage{Name: odd, Width: 3, Data: []byte("\x00\xff görsel")}},
		Documents: []BookDocument{{ID: odd, Blocks: blocks}, {}},
		Glossary:  []GlossaryEntry{{Acronym: odd, Uses: []SentenceRef{{Doc: 1, Leaf: 2, Sentence: 3}}}, {Uses: []SentenceRef{}}}})
	checkFastPath(t, "book with an empty cover", Book{Meta: BookMeta{Cover: &CoverImage{}}})

	seeds := t.TempDir()
	if _, err := corpus.Generate(seeds, 40, 1); err != nil {
		t.Fatal(err)
	}
	b, diags := pipeline.Build(seeds, pipeline.Options{})
	if b == nil || diags.HasErrors() {
		t.Fatalf("pipeline.Build: %v", diags.Err())
	}
	if n := checkBook(t, b); n < 1000 {
		t.Errorf("checked %d records of the generated corpus, want at least 1000", n)
	}
}

// FuzzAppendString checks appendString and jsonString against
// encoding/json on any string.
func FuzzAppendString(f *testing.F) {
	f.Fuzz(func(t *testing.T, s string) {
		want := marshal(t, s)
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
		var dec string
		if err := json.Unmarshal(want, &dec); err != nil {
			t.Fatal(err)
		}
		if got := jsonString(s); got != dec {
			t.Fatalf("jsonString(%q) = %q, want %q", s, got, dec)
		}
	})
}
