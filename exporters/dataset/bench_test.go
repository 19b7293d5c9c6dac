package dataset

import (
	"bytes"
	"encoding/json"
	"os"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// benchBook returns a book of n documents, copies of the fixture's.
func benchBook(n int) (*doc.Book, int64) {
	f := fixtureBook()
	b := &doc.Book{Meta: f.Meta, Glossary: longBook(n).Glossary}
	var size int64
	for i := 0; i < n; i++ {
		d := *f.Documents[i%2]
		d.Index = i
		b.Documents = append(b.Documents, &d)
		size += int64(len(d.Text()))
	}
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

// BenchmarkCheck decides every record of a generated 200-document corpus
// (the rows of the tables, and book.json's documents, glossary entries
// and skeleton), once with the fast check and once with the validator
// alone, as recordSchema.validate would without the check (decode, then
// validate), schema by schema. One op is every record of the schema:
// compare the two sub-benchmarks of one run (docs/dataset-check.md).
func BenchmarkCheck(b *testing.B) {
	c, err := schemas()
	if err != nil {
		b.Fatal(err)
	}
	_, rs, lines := checkRecords(b, c, generatedBook(b, 200, 1))
	groups := []struct {
		name string
		r    *recordSchema
	}{
		{TableDocuments, c.tables[TableDocuments]}, {TableParagraphs, c.tables[TableParagraphs]},
		{TableSentences, c.tables[TableSentences]}, {TableTerms, c.tables[TableTerms]},
		{"book-documents", c.bookDoc}, {"book-glossary", c.bookTerm},
	}
	for _, g := range groups {
		var recs [][]byte
		var size int64
		for i, l := range lines {
			if rs[i] == g.r {
				recs = append(recs, l)
				size += int64(len(l))
			}
		}
		for _, way := range []string{"check", "validator"} {
			b.Run(g.name+"/"+way, func(b *testing.B) {
				b.SetBytes(size)
				for b.Loop() {
					for _, l := range recs {
						if way == "check" && g.r.check.decide(l) != valid {
							b.Fatalf("check: %s", l)
						}
						if way == "validator" {
							if ok, err := libValid(g.r.s, l); !ok {
								b.Fatalf("validator: %v: %s", err, l)
							}
						}
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(recs)), "ns/record")
				b.ReportMetric(float64(len(recs)), "records")
			})
		}
	}
}

// BenchmarkEncode encodes the same records as BenchmarkCheck, once
// through their hand-written appendJSON (value.go) and once through
// encoding/json, as appendLine does for a record without one.
func BenchmarkEncode(b *testing.B) {
	c, err := schemas()
	if err != nil {
		b.Fatal(err)
	}
	book := generatedBook(b, 200, 1)
	var recs []appender
	w := width(len(book.Documents))
	for i, d := range book.Documents {
		ch, err := c.encodeDocument(w, i, d)
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, ch.doc)
		for _, p := range ch.paras {
			recs = append(recs, p)
		}
		for _, s := range ch.sents {
			recs = append(recs, s)
		}
		bd, _, err := bookDocument(ch.doc.ID, d)
		if err != nil {
			b.Fatal(err)
		}
		recs = append(recs, bd)
	}
	buf := make([]byte, 0, 1<<20)
	b.Run("appendJSON", func(b *testing.B) {
		for b.Loop() {
			for _, r := range recs {
				buf = append(r.appendJSON(buf[:0]), '\n')
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(recs)), "ns/record")
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			for _, r := range recs {
				var out bytes.Buffer
				enc := json.NewEncoder(&out)
				enc.SetEscapeHTML(false)
				if err := enc.Encode(r); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(recs)), "ns/record")
	})
}

// BenchmarkEncodeDocument builds, checks and encodes every document of a
// generated 1,000-document corpus, one after the other on one core: the
// work the Writer runs in parallel for the documents in flight. MB/s is
// of document text.
func BenchmarkEncodeDocument(b *testing.B) {
	c, err := schemas()
	if err != nil {
		b.Fatal(err)
	}
	book := generatedBook(b, 1000, 1)
	var size int64
	for _, d := range book.Documents {
		size += int64(len(d.Text()))
	}
	b.SetBytes(size)
	w := width(len(book.Documents))
	cpu0 := processCPU()
	for b.Loop() {
		for i, d := range book.Documents {
			if _, err := c.encodeDocument(w, i, d); err != nil {
				b.Fatal(err)
			}
		}
	}
	// On a shared machine wall time says little; CPU time (the garbage
	// collector's included) does.
	b.ReportMetric((processCPU()-cpu0).Seconds()*1e3/float64(b.N), "cpu-ms/op")
}

// processCPU returns the user and system CPU time of the process so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
