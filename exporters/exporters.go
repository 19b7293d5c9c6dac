// Package exporters holds seedpress's editions as values in one table and
// publishes a set of them into an output folder atomically (see Publish).
//
// Each edition lives in its own package (epub, pdf, dataset) and reads only
// the model; this package adapts them to one shape, Format, so that the
// command line and Publish treat them alike.
package exporters

import (
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/seedpress/seedpress/pipeline/turkish"

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

// Format is one edition seedpress can publish. A format writes either one
// file (WriteFile, named "<slug><Ext>") or one folder (WriteDir, named
// Name, when Ext is empty); a folder format may also write from a stream of
// documents (Stream).
type Format struct {
	// Name is the format's name on the command line: "epub", "pdf", "dataset".
	Name string
	// Ext is the output file's extension, with its dot; empty for a folder.
	Ext string
	// Check runs the format's pre-flight checks on the book, before any
	// output is touched. Nil means none.
	Check func(b *doc.Book) diag.List
	// WriteFile writes a file format's output to w.
	WriteFile func(w io.Writer, b *doc.Book, opts Options) (Stats, error)
	// WriteDir writes a folder format's output into dir, an empty folder.
	WriteDir func(dir string, b *doc.Book, opts Options) (Stats, error)
	// Stream, when set, returns a writer that writes a folder format's
	// output into dir, an empty folder, from a stream of documents (see
	// PublishStream). A format that streams has no Check (PublishStream
	// refuses one: there is no book to check first).
	Stream func(dir string, opts Options) (StreamWriter, error)
	// Verify checks a written output at path, synced to disk, before it
	// is published; a format that checks file hashes takes them from sums,
	// which SHA256SUMS reads too. Nil means only that it is not empty.
	Verify func(path string, sums *Sums) error
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

// Streams reports whether every format writes from a stream, so that
// PublishStream can publish them without the whole book.
func Streams(formats []Format) bool {
	for _, f := range formats {
		if f.Stream == nil || f.Check != nil {
			return false
		}
	}
	return len(formats) > 0
}

// IsDir reports whether the format's output is a folder.
func (f Format) IsDir() bool { return f.Ext == "" }

// Output returns the output's name in the output folder: the book's slug
// plus Ext for a file ("siber-guvenlik.epub"), Name for a folder ("dataset").
func (f Format) Output(b *doc.Book) string {
	if f.IsDir() {
		return f.Name
	}
	return Slug(b.Meta.Title) + f.Ext
}

// datasetStream adapts a dataset.Writer to StreamWriter.
type datasetStream struct{ *dataset.Writer }

func (d datasetStream) Stats() Stats { return Stats{Records: d.Info().Records} }

// formats is the table of every edition, sorted by name. It is the one
// place a new format is registered.
var formats = []Format{
	{
		Name: "dataset",
		WriteDir: func(dir string, b *doc.Book, opts Options) (Stats, error) {
			info, err := dataset.Write(dir, b, dataset.Options{ShardBytes: opts.ShardBytes})
			return Stats{Records: info.Records}, err
		},
		Stream: func(dir string, opts Options) (StreamWriter, error) {
			w, err := dataset.NewWriter(dir, dataset.Options{ShardBytes: opts.ShardBytes})
			if err != nil {
				return nil, err
			}
			return datasetStream{w}, nil
		},
		Verify: VerifyDataset,
	},
	{
		Name: "epub",
		Ext:  ".epub",
		WriteFile: func(w io.Writer, b *doc.Book, opts Options) (Stats, error) {
			err := epub.Write(w, b, epub.Options{Modified: opts.modified(), Generator: opts.generator()})
			return Stats{}, err
		},
		Verify: func(p string, _ *Sums) error { return VerifyZip(p) },
	},
	{
		Name:  "pdf",
		Ext:   ".pdf",
		Check: pdf.Check,
		WriteFile: func(w io.Writer, b *doc.Book, opts Options) (Stats, error) {
			info, err := pdf.Write(w, b, pdf.Options{Modified: opts.modified(), Producer: opts.generator()})
			return Stats{Pages: info.Pages}, err
		},
		Verify: func(p string, _ *Sums) error { return VerifyPDF(p) },
	},
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

// maxSlug bounds a slug's length in bytes, so file names stay portable.
const maxSlug = 80

// Slug returns a file name stem for title: Turkish and other Latin letters
// transliterated to ASCII (ç→c, ğ→g, ı→i, İ→i, ö→o, ş→s, ü→u, â→a), lower
// case, runs of anything else turned into one '-', no '-' at either end, at
// most 80 bytes (cut at a '-' when possible). It is never empty: a title
// with no usable letters gives "book".
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range turkish.ASCIIFold(title) {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > maxSlug {
		s = s[:maxSlug]
		if i := strings.LastIndexByte(s, '-'); i > maxSlug/2 {
			s = s[:i]
		}
		s = strings.Trim(s, "-")
	}
	if s == "" {
		return "book"
	}
	return s
}
