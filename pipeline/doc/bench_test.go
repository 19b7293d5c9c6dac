package doc_test

import (
	"bytes"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// benchDocs returns the documents of every golden dump of the repository,
// read with ParseDump.
func benchDocs(b *testing.B) []*doc.Document {
	var docs []*doc.Document
	for name, data := range goldenDumps(b) {
		book, err := doc.ParseDump(bytes.NewReader(data))
		if err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		docs = append(docs, book.Documents...)
	}
	return docs
}

func BenchmarkPlainText(b *testing.B) {
	var inlines [][]doc.Inline
	for _, d := range benchDocs(b) {
		for _, l := range d.Leaves() {
			switch blk := l.Block.(type) {
			case *doc.Heading:
				inlines = append(inlines, blk.Inlines)
			case *doc.Paragraph:
				inlines = append(inlines, blk.Inlines)
			}
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, in := range inlines {
			doc.PlainText(in)
		}
	}
}

func BenchmarkLeaves(b *testing.B) {
	docs := benchDocs(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			d.Leaves()
		}
	}
}

func BenchmarkHasText(b *testing.B) {
	docs := benchDocs(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			d.HasText()
		}
	}
}

func BenchmarkParseDump(b *testing.B) {
	dumps := goldenDumps(b)
	var size int64
	for _, d := range dumps {
		size += int64(len(d))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range dumps {
			if _, err := doc.ParseDump(bytes.NewReader(d)); err != nil {
				b.Fatal(err)
			}
		}
	}
}
