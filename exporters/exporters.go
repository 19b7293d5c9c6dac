// Package exporters holds seedpress's editions as values in one table and
// publishes a set of them into an output folder atomically (see Publish).
//
// Each edition lives in its own package (epub, pdf, dataset) and reads only
// the model; this package adapts them to one shape, Format: a Writer that
// takes the book one document at a time (a doc.Sink) and writes its output
// under a temporary name, an optional pre-flight Checker that sees the same
// documents, and a Verify step. There is one route for every format: the
// pipeline's documents go to every format at once (see Publish); a format
// that needs the whole book before it writes collects it itself.
package exporters

import (
	"io"
	"slices"

	"github.com/seedpress/seedpress/exporters/dataset"
	"github.com/seedpress/seedpress/exporters/epub"
	"github.com/seedpress/seedpress/exporters/pdf"
	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// Stats is what a format reports about the output it wrote.
type Stats struct {
	Pages   int            // pages of the PDF; 0 for other formats
	Records map[string]int // records per dataset table; nil for other formats
}

// Format is one edition seedpress can publish: one file, named
// "<slug><Ext>" after the book's title, or one folder, named Name, when Ext
// is empty.
type Format struct {
	// Name is the format's name on the command line: "epub", "pdf", "dataset".
	Name string
	// Ext is the output file's extension, with its dot; empty for a folder.
	Ext string
	// New returns the format's Writer for one publication, writing to dest:
	// dest.File for a file format, dest.Dir for a folder format.
	New func(dest Dest, opts Options) (Writer, error)
	// Check, when set, returns a new pre-flight check of the book for the
	// format (the PDF's glyph coverage). It sees the same documents as the
	// writers; its diagnostics join the run's, and an error among them
	// means nothing is published. Nil means none.
	Check func() Checker
	// Verify checks a written output at path, synced to disk, before it
	// is published; a format that checks file hashes takes them from sums,
	// which SHA256SUMS reads too. Nil means only that it is not empty.
	Verify func(path string, sums *Sums) error
}

// Dest is where a format's Writer puts its output, under a temporary name
// that Publish renames into place once every format has succeeded.
type Dest struct {
	// File receives a file format's bytes; it is buffered, and Publish
	// flushes, syncs and closes it after the Writer's End. Nil for a
	// folder format.
	File io.Writer
	// Dir is a folder format's folder, empty at first. Empty for a file
	// format.
	Dir string
}

// Writer writes one format's output from the book given one document at a
// time: it is a doc.Sink, called as doc.Sink says, by one goroutine at a
// time. Stats is valid after a successful End. Close releases what the
// Writer holds (goroutines, open files, the book it collected); Publish
// calls it once, after End or after a failure, and it must not close
// Dest.File.
type Writer interface {
	doc.Sink
	Stats() Stats
	Close() error
}

// Checker is a format's pre-flight check: a doc.Sink that reads the book
// and reports what the format could not publish.
type Checker interface {
	doc.Sink
	// Diagnostics returns the problems found in the documents given so
	// far; the list is complete after End.
	Diagnostics() diag.List
}

// verify runs Verify, or, without one, checks that the output is not
// empty.
func (f Format) verify(path string, sums *Sums) error {
	switch {
	case f.Verify != nil:
		return f.Verify(path, sums)
	case f.IsDir():
		return verifyNonEmptyDir(path)
	}
	return verifyNonEmptyFile(path)
}

// IsDir reports whether the format's output is a folder.
func (f Format) IsDir() bool { return f.Ext == "" }

// Output returns the output's name in the output folder: the slug of the
// book's title plus Ext for a file ("siber-guvenlik.epub"), Name for a
// folder ("dataset").
func (f Format) Output(m doc.Meta) string {
	if f.IsDir() {
		return f.Name
	}
	return Slug(m.Title) + f.Ext
}

// formats is the table of every edition, sorted by name. It is the one
// place a new format is registered. Every edition streams: its Writer
// takes the documents as they come and keeps no more of the book than it
// needs (see docs/architecture.md).
var formats = []Format{
	{
		Name: "dataset",
		New: func(dest Dest, opts Options) (Writer, error) {
			w, err := dataset.NewWriter(dest.Dir, dataset.Options{ShardBytes: opts.ShardBytes})
			if err != nil {
				return nil, err
			}
			return sinkWriter{w, func() Stats { return Stats{Records: w.Info().Records} }}, nil
		},
		Verify: VerifyDataset,
	},
	{
		Name: "epub",
		Ext:  ".epub",
		New: func(dest Dest, opts Options) (Writer, error) {
			w := epub.NewWriter(dest.File, epubOptions(opts))
			return sinkWriter{w, nil}, nil
		},
		Verify: func(p string, _ *Sums) error { return VerifyZip(p) },
	},
	{
		Name:  "pdf",
		Ext:   ".pdf",
		Check: func() Checker { return pdf.NewChecker() },
		New: func(dest Dest, opts Options) (Writer, error) {
			w := pdf.NewWriter(dest.File, pdfOptions(opts))
			return sinkWriter{w, func() Stats { return Stats{Pages: w.Info().Pages} }}, nil
		},
		Verify: func(p string, _ *Sums) error { return VerifyPDF(p) },
	},
}

func epubOptions(opts Options) epub.Options {
	return epub.Options{Modified: opts.modified(), Generator: opts.generator()}
}

func pdfOptions(opts Options) pdf.Options {
	// The route gives the same documents to the format's Checker and ends
	// the Writer only when it found no error, so the Writer does not check
	// the book again.
	return pdf.Options{Modified: opts.modified(), Producer: opts.generator(), Checked: true}
}

// Formats returns every format, sorted by name. The slice is a copy.
func Formats() []Format { return slices.Clone(formats) }

// Names returns the names of every format, sorted.
func Names() []string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return names
}

// Lookup returns the format called name.
func Lookup(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}
