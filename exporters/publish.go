package exporters

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// TempPrefix starts the name of every temporary file or folder that Publish
// creates beside its final outputs. Publish removes leftovers with this
// prefix (from a run that was killed) when it starts.
const TempPrefix = ".seedpress-tmp-"

// ErrInterrupted is returned by Publish when Options.Cancel was closed
// before the outputs were committed. The output folder is left as it was.
var ErrInterrupted = errors.New("exporters: publication interrupted")

// ErrDiagnosed is returned by Publish when the run's diagnostics hold an
// error (with Options.Strict, a warning): nothing was published, and the
// diagnostics say why.
var ErrDiagnosed = errors.New("exporters: the book has errors; nothing was published")

// Options tunes Publish and Check and is handed to every format's Writer.
// The zero value is usable.
type Options struct {
	// Modified is the release time (from SOURCE_DATE_EPOCH), the only time
	// that may appear in an artifact. Zero means the Unix epoch.
	Modified time.Time
	// Version is seedpress's version, written into the editions' generator
	// fields and RELEASE.json. Empty means "dev".
	Version string
	// GoVersion is the Go toolchain that built seedpress, for RELEASE.json.
	GoVersion string
	// Libraries maps module paths to the versions compiled in, for
	// RELEASE.json. Nil means none are recorded.
	Libraries map[string]string
	// Strict turns the run's warnings into errors: those of the source and
	// those of the formats' checks.
	Strict bool
	// Sequential gives each document, and the end of the book, to the
	// formats one after another instead of one goroutine each. The outputs
	// are byte-identical either way.
	Sequential bool
	// Cancel, when closed before the outputs are committed, abandons the
	// publication: temporary files are removed (once at once, and again
	// when the writers stop, waiting up to two seconds for them), the
	// source gets an error from its sink, and Publish returns
	// ErrInterrupted. Once committing has begun it is ignored, so that the
	// renames are never cut short by the caller. Nil means never.
	Cancel <-chan struct{}
	// Progress, when not nil, is called (from any goroutine) after each
	// format has been written and checked, with the format's name.
	Progress func(format string)
	// ShardBytes is the dataset's shard size (dataset.Options.ShardBytes);
	// zero means dataset.DefaultShardBytes.
	ShardBytes int64
}

func (o Options) modified() time.Time {
	if o.Modified.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return o.Modified.UTC()
}

func (o Options) generator() string {
	v := o.Version
	if v == "" {
		v = "dev"
	}
	return "seedpress " + v
}

// interrupted reports whether o.Cancel is closed.
func (o Options) interrupted() bool {
	select {
	case <-o.Cancel:
		return true
	default:
		return false
	}
}

// Source gives a book to a sink one document at a time: it calls the
// sink's methods as doc.Sink says, and returns the problems it found in
// the book and an error when the book could not be given whole (a sink's
// error among them). pipeline.Stream, bound to a seeds folder, is one.
type Source func(sink doc.Sink) (diag.List, error)

// BookSource returns a Source that gives b, a book already in memory; it
// finds no problems. A nil b gives an error.
func BookSource(b *doc.Book) Source {
	return func(sink doc.Sink) (diag.List, error) {
		if b == nil {
			return nil, errors.New("publish: no book")
		}
		if err := sink.Begin(b.Meta, len(b.Documents)); err != nil {
			return nil, err
		}
		for _, d := range b.Documents {
			if err := sink.Document(d); err != nil {
				return nil, err
			}
		}
		return nil, sink.End(b.Glossary)
	}
}

// File is one published file: its path relative to the output folder
// (slash-separated), size and SHA-256.
type File struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Output is what one format published.
type Output struct {
	Format string
	// Path is the output's name in the output folder: "<slug>.epub",
	// "<slug>.pdf" or "dataset".
	Path string
	// Size is the output's size in bytes (for a folder, the sum of its
	// files).
	Size int64
	Stats
}

// Result describes a publication: the outputs in the order of the formats
// given, and every file listed in SHA256SUMS, sorted by path.
type Result struct {
	Outputs []Output
	Files   []File
}

// Check gives the book src gives to the pre-flight checks of formats
// (see Format.Check), writing nothing, and returns the run's diagnostics:
// src's, then the checks', sorted by position, with warnings as errors
// when opts.Strict is set. The error is src's, or a check's.
func Check(src Source, formats []Format, opts Options) (diag.List, error) {
	t := newTee(nil, formats, nil, opts)
	diags, err := src(t)
	return t.diagnostics(diags), err
}

// Publish gives the book src gives to every format of formats at once and
// publishes what they wrote into outDir, atomically; it returns what it
// published and the run's diagnostics (as Check's).
//
// Every format's Writer writes under a temporary name beside the output's
// final one (TempPrefix…), as the documents come; at the end of the book
// its output is synced to disk and checked by its format's Verify. The
// formats' checks see the same documents. Only when the diagnostics hold
// no error (else Publish returns ErrDiagnosed) and every format has
// succeeded are the outputs renamed into place, followed by RELEASE.json
// and, last, SHA256SUMS. Until then no final name in outDir changes, so a
// failed or interrupted publication leaves the previous outputs exactly as
// they were (and removes outDir again if it created it and it is empty). A
// format whose Writer panics fails like one that returns an error. A folder
// output (the dataset) replaces the old folder by two renames: the old one
// aside, the new one in.
//
// While committing, the old SHA256SUMS and RELEASE.json are removed first
// and the new ones renamed in last, so that if the process dies during the
// renames, a SHA256SUMS that is present always describes the files beside
// it. A file under a final name is always complete.
//
// Each document goes to the formats on one goroutine each unless
// opts.Sequential is set; they must not modify it. outDir is created if
// needed; leftovers of killed runs in it are removed first. SHA256SUMS
// covers the outputs of this publication only. Once it is committed, an
// output of the previous publication (listed in its RELEASE.json) that this
// one replaces under another name, the EPUB or PDF of an earlier title, is
// removed. After an interrupt the diagnostics are nil: src may still be
// running.
func Publish(outDir string, src Source, formats []Format, opts Options) (Result, diag.List, error) {
	if src == nil {
		return Result{}, nil, errors.New("publish: no source")
	}
	if len(formats) == 0 {
		return Result{}, nil, errors.New("publish: no formats")
	}
	p := &publication{dir: outDir, opts: opts}
	return p.run(src, formats)
}

// run publishes formats into p.dir: it prepares the folder, opens every
// format's Writer under a temporary name, gives them the book from src
// (watching opts.Cancel while it runs), then writes SHA256SUMS and
// RELEASE.json and commits. On any error or interrupt every temporary path
// is removed.
func (p *publication) run(src Source, formats []Format) (_ Result, _ diag.List, err error) {
	outDir, opts := p.dir, p.opts
	if _, err := os.Stat(outDir); errors.Is(err, fs.ErrNotExist) {
		defer func() {
			if err != nil {
				os.Remove(outDir) // only if empty: nothing was published
			}
		}()
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return Result{}, nil, fmt.Errorf("publish: output folder: %w", err)
	}
	if err := RemoveStale(outDir); err != nil {
		return Result{}, nil, err
	}
	defer p.cleanup()

	outs := make([]*staged, 0, len(formats))
	for _, f := range formats {
		s, err := p.open(f)
		if err != nil {
			for _, s := range outs {
				s.close(err)
			}
			return Result{}, nil, err
		}
		outs = append(outs, s)
	}
	t := newTee(p, formats, outs, opts)
	var diags diag.List
	var srcErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		defer t.close() // whatever happened, on the goroutine that wrote
		diags, srcErr = src(t)
	}()
	select {
	case <-done:
	case <-opts.Cancel:
		// The writers cannot be stopped at once. Their temporary files are
		// removed now (writing to a removed file is harmless), and once
		// more when they finish, in case one recreated its folder; a
		// writer still busy after interruptGrace leaves its leftovers to
		// the next run.
		p.cleanup()
		select {
		case <-done:
		case <-time.After(interruptGrace):
		}
		p.sweep()
		return Result{}, nil, ErrInterrupted
	}
	if opts.interrupted() {
		return Result{}, nil, ErrInterrupted
	}
	diags = t.diagnostics(diags)
	switch {
	case diags.HasErrors():
		return Result{}, diags, ErrDiagnosed
	case srcErr != nil:
		return Result{}, diags, srcErr
	case t.err != nil:
		return Result{}, diags, t.err
	case !t.ended:
		return Result{}, diags, errors.New("publish: the source gave no book")
	}

	res, sums, release, err := p.describe(outs)
	if err != nil {
		return Result{}, diags, err
	}
	sumsTmp, err := p.writeTemp(SumsName, sums)
	if err != nil {
		return Result{}, diags, err
	}
	releaseTmp, err := p.writeTemp(ReleaseName, release)
	if err != nil {
		return Result{}, diags, err
	}
	if err := p.commit(outs, releaseTmp, sumsTmp); err != nil {
		return Result{}, diags, err
	}
	return res, diags, nil
}
