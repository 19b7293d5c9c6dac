package dataset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

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

// checkFastPath fails unless rec's hand-written JSON is encoding/json's.
func checkFastPath(t *testing.T, name string, rec appender) {
	t.Helper()
	if got, want := rec.appendJSON(nil), marshal(t, rec); !bytes.Equal(got, want) {
		t.Errorf("%s: appendJSON\n%s\nwant\n%s", name, got, want)
	}
}

// checkBook runs checkFastPath on every table row of b's documents.
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
		records += 1 + len(ch.paras) + len(ch.sents)
	}
	return records
}

// TestRecordFastPath checks the hand-written JSON against encoding/json on
// the fixture, on records with every escape, and on a generated corpus
// built by the real pipeline.
func TestRecordFastPath(t *testing.T) {
	checkBook(t, fixtureBook())
	checkBook(t, richBook())

	odd := "tırnak \" ters \\ <b>&amp; \x00\x01\b\f\n\r\t\x1f\x7f \u2028\u2029 geçersiz \xff\xc3( son \xe2\x82"
	checkFastPath(t, "odd document", Document{ID: odd, Index: 1 << 40, Source: odd, Title: "", SHA256: odd, Encoding: odd, Format: odd, Text: odd, CharCount: -3})
	checkFastPath(t, "odd paragraph", Paragraph{ID: odd, DocumentID: odd, Kind: odd, Text: odd, CharStart: -1, CharEnd: 12345678})
	checkFastPath(t, "odd sentence", Sentence{ID: odd, DocumentID: odd, ParagraphID: odd, Text: odd, WordCount: -1 << 62})
	checkFastPath(t, "odd mention", Mention{TermID: odd, SentenceID: odd, DocumentID: odd})
	checkFastPath(t, "zero records", Document{})
	c, err := schemas()
	if err != nil {
		t.Fatal(err)
	}
	_, recs := oddRecords(c)
	for i, rec := range recs {
		if a, ok := rec.(appender); ok {
			checkFastPath(t, fmt.Sprintf("odd record %d (%T)", i, rec), a)
		}
	}

	if n := checkBook(t, generatedBook(t, 40, 1)); n < 1000 {
		t.Errorf("checked %d records of the generated corpus, want at least 1000", n)
	}
}

// FuzzAppendString checks appendString against encoding/json on any
// string.
func FuzzAppendString(f *testing.F) {
	for _, s := range runeCases {
		f.Add(s)
	}
	for _, s := range []string{"abcdefgh\"ijklmnop", "abcdefg\\hijklmnop\t", "çalışma \u2028 saat", strings.Repeat("ğ", 9) + "\x01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := marshal(t, s)
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}
