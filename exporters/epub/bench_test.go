package epub

import (
	"flag"
	"fmt"
	"io"
	"runtime"
	"sync"
	"testing"

	"github.com/seedpress/seedpress/internal/corpus"
	"github.com/seedpress/seedpress/pipeline/doc"
)

var benchDocs = flag.Int("docs", 1000, "documents in the generated corpus of BenchmarkWriteCorpus")

// corpusBooks caches the books that the benchmarks build, by size.
var corpusBooks sync.Map // int -> *doc.Book

// corpusBook builds the book of a generated corpus of n documents (seed 1).
func corpusBook(b testing.TB, n int) *doc.Book {
	b.Helper()
	if v, ok := corpusBooks.Load(n); ok {
		return v.(*doc.Book)
	}
	dir := b.TempDir()
	if _, err := corpus.Generate(dir, n, 1); err != nil {
		b.Fatal(err)
	}
	book := buildBook(b, dir)
	corpusBooks.Store(n, book)
	return book
}

// BenchmarkWriteCorpus writes the EPUB of a generated many-document book
// (-docs, 1,000 by default): the cost that grows with the number of
// documents.
func BenchmarkWriteCorpus(b *testing.B) {
	book := corpusBook(b, *benchDocs)
	b.Run(fmt.Sprintf("docs=%d", *benchDocs), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := Write(io.Discard, book, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// setMaxProcs sets GOMAXPROCS to n and returns a function that restores it.
func setMaxProcs(n int) func() {
	old := runtime.GOMAXPROCS(n)
	return func() { runtime.GOMAXPROCS(old) }
}
