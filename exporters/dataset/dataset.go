// Package dataset writes seedpress's dataset from the canonical model:
// eight tables (documents, paragraphs, sentences, terms, mentions, tables,
// figures, links), each as JSON Lines and as Parquet with the same rows,
// the image files the book uses under media/, the model as book.json (its
// metadata and glossary) and book.jsonl (a document per line), their JSON
// Schemas, a Frictionless Data Package descriptor (datapackage.json),
// Croissant metadata (croissant.json) and a Hugging Face dataset card
// (README.md).
//
// Every record is validated against its compiled JSON Schema before it is
// written, and so is what a schema cannot say: ids are unique and in reading
// order, every foreign key resolves, every offset pair reproduces its text,
// counts agree across tables. Every Parquet file is read back and its
// values compared, row group by row group and column by column, with those
// of the rows written to its JSON Lines file before the descriptors are
// written.
// The sizes and hashes in datapackage.json and croissant.json are those of
// the bytes written; Verify reads the files back against datapackage.json.
//
// Write writes a whole doc.Book through a Writer, a doc.Sink that takes the
// book one document at a time: documents are encoded and checked in
// parallel, written in reading order as they come and dropped once
// written, so that a Writer holds no whole table, and no more than a few
// documents, in memory.
//
// The package's files follow its jobs: dataset.go (this API) and writer.go
// (the Writer's calls and its window of documents in flight); records.go
// and book.go (the rows and book.json, with their mirrors of the model),
// document.go (one document's records and their checks), elements.go
// (what a document holds beside its running text: list markers, footnotes,
// tables, figures, links, images), links.go (the links, resolved in reading
// order, and the media folder), terms.go (the terms and mentions tables);
// encode.go and value.go (a record as a checked JSON line); schema.go and
// comments.go (the schemas, from the record types and their doc comments,
// which go generate copies into comments.go); check.go and pattern.go (the
// fast check); shard.go and file.go (the data files), parquet.go (their
// Parquet twins and the row-by-row comparison); card.go (datapackage.json
// and README.md), croissant.go (croissant.json); verify.go (reading a
// written dataset back).
package dataset

import (
	"errors"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// Options tunes Write and Writer. The zero value is the default.
type Options struct {
	// ShardBytes bounds the size of one data file. A table whose records
	// pass it is split into numbered shards, data/<table>-00000-of-0000N.jsonl,
	// each at most ShardBytes long unless one record alone is longer; the
	// shards concatenated are byte for byte the unsharded file. Zero means
	// DefaultShardBytes.
	ShardBytes int64
	// Workers bounds the documents encoded and validated at once; zero
	// means GOMAXPROCS. The output does not depend on it.
	Workers int
}

// Info describes what Write, or a Writer, wrote.
type Info struct {
	// Records counts the rows of each table.
	Records map[string]int
	// Files lists each table's JSON Lines files, relative to dir and
	// slash-separated, in order.
	Files map[string][]string
	// Parquet lists each table's Parquet files, as Files: one beside each
	// JSON Lines file, with the same rows.
	Parquet map[string][]string
}

// Error is a record that fails validation: its table, its id, and why.
// Write and Writer return an *Error, unwrapped, for every failed check of
// the data.
type Error struct {
	Table  string // a table's name (see Tables) or "book"
	ID     string // the record's id
	Reason string
}

func (e *Error) Error() string { return "dataset: " + e.Table + " " + e.ID + ": " + e.Reason }

// Write writes the dataset of b into dir, which it creates if need be and
// which should be empty: data/<table>.jsonl (or its shards), book.json,
// schema/*.schema.json, README.md and, last, datapackage.json.
//
// On a validation failure Write returns an *Error naming the table, the
// record id and the reason. Write does not stage: after any error dir
// holds an incomplete dataset, without datapackage.json, and is to be
// discarded (exporters.Publish gives Write a temporary folder and commits
// it only on success). The sizes and hashes in datapackage.json are those
// of the bytes written; Write does not read the files back: Verify does
// (exporters.Publish runs it once they are synced). Write reads nothing
// but b: no clock, no randomness, so the same book gives the same bytes.
//
// Write is a Writer given the whole book: NewWriter, Begin, Document for
// each document, End and Close. A producer that makes documents one at a
// time can use a Writer itself and never hold the book.
func Write(dir string, b *doc.Book, opts Options) (Info, error) {
	if b == nil {
		return Info{}, errors.New("dataset: no book")
	}
	w, err := NewWriter(dir, opts)
	if err != nil {
		return Info{}, err
	}
	err = w.writeBook(b)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Info{}, err
	}
	return w.Info(), nil
}

// writeBook gives b to w as a stream.
func (w *Writer) writeBook(b *doc.Book) error {
	if err := w.Begin(b.Meta, len(b.Documents)); err != nil {
		return err
	}
	for _, d := range b.Documents {
		if err := w.Document(d); err != nil {
			return err
		}
	}
	return w.End(b.Glossary)
}
