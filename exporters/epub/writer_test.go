package epub

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// TestWriterStreams checks that a Writer writes each document's chapter
// into the archive when it is given, not at End, and that the bytes are
// those of Write.
func TestWriterStreams(t *testing.T) {
	b := handBook()
	opts := Options{Modified: time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)}
	var buf bytes.Buffer
	w := NewWriter(&buf, opts)
	if err := w.Begin(b.Meta, len(b.Documents)); err != nil {
		t.Fatal(err)
	}
	for i, d := range b.Documents {
		// The pipeline gives each document the glossary as it stood: the
		// terms defined up to it.
		dd := *d
		for _, term := range b.Glossary {
			if term.Defined.Doc <= d.Index {
				dd.Glossary = append(dd.Glossary, term)
			}
		}
		if err := w.Document(&dd); err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("EPUB/xhtml/bolum-%03d.xhtml", i+1)
		if !bytes.Contains(buf.Bytes(), []byte(name)) {
			t.Errorf("after Document %d the archive has no %s", i, name)
		}
		if bytes.Contains(buf.Bytes(), []byte("EPUB/package.opf")) {
			t.Errorf("after Document %d the archive has the package document", i)
		}
	}
	if err := w.End(b.Glossary); err != nil {
		t.Fatal(err)
	}
	if want := write(t, b, opts); !bytes.Equal(buf.Bytes(), want) {
		t.Error("a Writer fed one document at a time differs from Write")
	}
	if err := w.Document(b.Documents[0]); err == nil {
		t.Error("Document after End did not fail")
	}
}

// TestWriterOrder checks that a Writer refuses calls out of doc.Sink's
// order.
func TestWriterOrder(t *testing.T) {
	var buf bytes.Buffer
	if err := NewWriter(&buf, Options{}).Document(&doc.Document{}); err == nil {
		t.Error("Document before Begin did not fail")
	}
	if err := NewWriter(&buf, Options{}).End(nil); err == nil {
		t.Error("End before Begin did not fail")
	}
	w := NewWriter(&buf, Options{})
	if err := w.Begin(doc.Meta{}, 0); err != nil {
		t.Fatal(err)
	}
	if err := w.Begin(doc.Meta{}, 0); err == nil {
		t.Error("a second Begin did not fail")
	}
}

// TestUUIDv5 checks that the identifier hashed a piece at a time is
// uuid.NewSHA1 of the pieces joined.
func TestUUIDv5(t *testing.T) {
	for _, pieces := range [][]string{nil, {""}, {"Kitap"}, {"Kitap", "\x00", "e3b0c442", "\x00", "ab"}} {
		u := newUUIDv5(idNamespace)
		var all []byte
		for _, p := range pieces {
			u.WriteString(p)
			all = append(all, p...)
		}
		if got, want := u.Sum(), uuid.NewSHA1(idNamespace, all); got != want {
			t.Errorf("%q: %s, want %s", pieces, got, want)
		}
	}
}

// TestEnglishFromDefinition checks that an English long form is marked as
// English in the documents from the one that defines its acronym on, as
// the acronym is, and the same whether the Writer gets the whole glossary
// (Write) or each document's glossary so far (the pipeline).
func TestEnglishFromDefinition(t *testing.T) {
	const en = "Internet Engineering Task Force"
	para := func(s string) []doc.Block {
		return []doc.Block{&doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Value: s}}}}
	}
	b := &doc.Book{
		Meta: doc.Meta{Title: "T", Lang: "tr"},
		Documents: []*doc.Document{
			{Index: 0, Title: "Bir", Blocks: para("Önce " + en + " geçer.")},
			{Index: 1, Title: "İki", Blocks: []doc.Block{&doc.Paragraph{Inlines: []doc.Inline{
				&doc.Text{Value: "İnternet Mühendisliği Görev Grubu (" + en + " - "}, &doc.Abbr{Text: "IETF", Term: 0}, &doc.Text{Value: ")"}}}}},
			{Index: 2, Title: "Üç", Blocks: para("Sonra " + en + " yine geçer.")},
		},
		Glossary: []doc.Term{{Acronym: "IETF", Expansion: "İnternet Mühendisliği Görev Grubu", ExpansionEN: en, Defined: doc.Ref{Doc: 1}}},
	}
	opts := Options{Modified: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	whole := write(t, b, opts)
	files, _ := unzip(t, whole)
	span := `<span lang="en" xml:lang="en">` + en + `</span>`
	for i, want := range []bool{false, true, true} {
		name := fmt.Sprintf("EPUB/xhtml/bolum-%03d.xhtml", i+1)
		if got := bytes.Contains(files[name], []byte(span)); got != want {
			t.Errorf("%s: English marked %v, want %v:\n%s", name, got, want, files[name])
		}
	}

	var buf bytes.Buffer
	w := NewWriter(&buf, opts)
	if err := w.Begin(b.Meta, len(b.Documents)); err != nil {
		t.Fatal(err)
	}
	for _, d := range b.Documents {
		dd := *d
		if d.Index >= 1 {
			dd.Glossary = b.Glossary
		}
		if err := w.Document(&dd); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.End(b.Glossary); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), whole) {
		t.Error("the streamed EPUB differs from Write's")
	}
}
