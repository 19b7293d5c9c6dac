package dataset

import (
	"os"
	"testing"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// benchBook returns a book of n documents, copies of the fixture's.
func benchBook(n int) (*doc.Book, int64) {
	f := fixtureBook()
	b := &doc.Book{Meta: f.Meta, Glossary: f.Glossary}
	var size int64
	for i := 0; i < n; i++ {
		d := *f.Documents[i%2]
		d.Index = i
		b.Documents = append(b.Documents, &d)
		size += int64(len(d.Text()))
	}
	// Keep the glossary's references inside the first two documents.
	return b, size
}

// BenchmarkWrite measures Write on 1,000 documents; MB/s is of document
// text.
func BenchmarkWrite(b *testing.B) {
	book, size := benchBook(1000)
	b.SetBytes(size)
	records := 0
	for b.Loop() {
		dir, err := os.MkdirTemp(b.TempDir(), "w")
		if err != nil {
			b.Fatal(err)
		}
		info, err := Write(dir, book, Options{})
		if err != nil {
			b.Fatal(err)
		}
		records = 0
		for _, n := range info.Records {
			records += n
		}
	}
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkValidate measures the encoding and schema validation of one
// sentence record, on one core.
func BenchmarkValidate(b *testing.B) {
	c, err := schemas()
	if err != nil {
		b.Fatal(err)
	}
	s := Sentence{ID: "doc-0001-p0002-s0002", DocumentID: "doc-0001", ParagraphID: "doc-0001-p0002", Index: 1,
		Text:      "İnternet Tahsisli Sayılar ve İsimler Kurumu (Internet Corporation for Assigned Names and Numbers - ICANN) İnternet’in adlarını yönetir.",
		CharStart: 26, CharEnd: 161, WordCount: 18}
	b.SetBytes(int64(utf8.RuneCountInString(s.Text)))
	for b.Loop() {
		if _, err := c.encode(c.tables[TableSentences], TableSentences, s.ID, s); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "records/s")
}
