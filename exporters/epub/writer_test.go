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
