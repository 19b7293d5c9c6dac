package exporters

import (
	"io"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// collected is the adapter of a writer that needs the whole book: a
// doc.Sink that keeps the documents as they come (doc.Collect) and gives
// the book to write at End. Info returns write's result after End. It lets
// a whole-book function serve as a format's Writer (see WholeBook).
type collected[I any] struct {
	doc.Collect
	write func(b *doc.Book) (I, error)
	info  I
}

// collect returns a collected that calls write at End.
func collect[I any](write func(b *doc.Book) (I, error)) *collected[I] {
	return &collected[I]{write: write}
}

// End implements doc.Sink: it completes the book, gives it to write and
// lets it go.
func (c *collected[I]) End(glossary []doc.Term) error {
	if err := c.Collect.End(glossary); err != nil {
		return err
	}
	b := c.Book
	c.Book = doc.Book{}
	var err error
	c.info, err = c.write(&b)
	return err
}

// Info returns the result of write, after End.
func (c *collected[I]) Info() I { return c.info }

// WholeBook returns a Writer for a format that needs the whole book before
// it writes anything: it keeps the documents as they come and calls write
// with the book at End; write's Stats are the Writer's.
func WholeBook(write func(b *doc.Book) (Stats, error)) Writer {
	c := collect(write)
	return sinkWriter{c, c.Info}
}

// sinkWriter adapts an edition's doc.Sink to Writer: stats, when set,
// gives its Stats after End, and Close closes the sink when it is an
// io.Closer.
type sinkWriter struct {
	doc.Sink
	stats func() Stats
}

func (w sinkWriter) Stats() Stats {
	if w.stats == nil {
		return Stats{}
	}
	return w.stats()
}

func (w sinkWriter) Close() error {
	if c, ok := w.Sink.(io.Closer); ok {
		return c.Close()
	}
	return nil
}

// Close lets the collected book go, after End or a failure.
func (c *collected[I]) Close() error {
	c.Book = doc.Book{}
	return nil
}
