package exporters

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/seedpress/seedpress/exporters/dataset"
	"github.com/seedpress/seedpress/internal/parallel"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// TempPrefix starts the name of every temporary file or folder that Publish
// creates beside its final outputs. Publish removes leftovers with this
// prefix (from a run that was killed) when it starts.
const TempPrefix = ".seedpress-tmp-"

// The names of the files that Publish writes beside the editions.
const (
	SumsName    = "SHA256SUMS"
	ReleaseName = "RELEASE.json"
)

// ErrInterrupted is returned by Publish and PublishStream when
// Options.Cancel was closed before the outputs were committed. The output folder is left as it was.
var ErrInterrupted = errors.New("exporters: publication interrupted")

// Options tunes Publish and PublishStream and is handed to every format's
// writer. The zero value is usable.
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
	// Sequential writes the formats one after another instead of one
	// goroutine each. The outputs are byte-identical either way.
	// PublishStream ignores it: a stream goes to every format at once.
	Sequential bool
	// Cancel, when closed before the outputs are committed, abandons the
	// publication: temporary files are removed (once at once, and again
	// when the writers stop, waiting up to two seconds for them) and Publish
	// returns ErrInterrupted. Once committing has begun it is ignored, so that the
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

// staged is one format's output, written under a temporary name.
type staged struct {
	format Format
	tmp    string // temporary path in the output folder
	final  string // final name in the output folder
	stats  Stats
}

// Publish writes the given formats of b into outDir, atomically.
//
// Every output is written under a temporary name beside its final one
// (TempPrefix…), synced to disk and checked by its format's Verify; only
// when every format has succeeded are they renamed into place, followed by
// RELEASE.json and, last, SHA256SUMS. Until then no final name in outDir
// changes, so a failed or interrupted publication leaves the previous
// outputs exactly as they were (and removes outDir again if it created it
// and it is empty). A format whose writer panics fails like one that
// returns an error. A folder output (the dataset) replaces the old folder by two
// renames: the old one aside, the new one in.
//
// While committing, the old SHA256SUMS and RELEASE.json are removed first
// and the new ones renamed in last, so that if the process dies during the
// renames, a SHA256SUMS that is present always describes the files beside
// it. A file under a final name is always complete.
//
// The formats run concurrently unless opts.Sequential is set; they must not
// modify b. outDir is created if needed; leftovers of killed runs in it are
// removed first. SHA256SUMS covers the outputs of this publication only.
// Once it is committed, an output of the previous publication (listed in
// its RELEASE.json) that this one replaces under another name, the EPUB or
// PDF of an earlier title, is removed.
func Publish(outDir string, b *doc.Book, formats []Format, opts Options) (Result, error) {
	if b == nil {
		return Result{}, errors.New("publish: no book")
	}
	p := &publication{dir: outDir, book: b, opts: opts}
	return p.run(formats, func() ([]staged, error) {
		stagedOut := make([]staged, len(formats))
		errs := make([]error, len(formats))
		var wg sync.WaitGroup
		for i, f := range formats {
			job := func() {
				defer func() {
					if r := recover(); r != nil {
						errs[i] = fmt.Errorf("%s: internal error (a bug in seedpress): %v", f.Name, r)
					}
				}()
				stagedOut[i], errs[i] = p.stage(f)
				if errs[i] == nil && opts.Progress != nil {
					opts.Progress(f.Name)
				}
			}
			if opts.Sequential {
				job()
			} else {
				wg.Go(job)
			}
		}
		wg.Wait()
		return stagedOut, errors.Join(errs...)
	})
}

// Source gives a book to a sink one document at a time: it calls the
// sink's methods as doc.Sink says and returns an error when the book could
// not be given whole (pipeline.Stream, bound to a seeds folder).
type Source func(sink doc.Sink) error

// PublishStream is Publish for formats that write from a stream of
// documents (every format must have Stream): the book comes from src, one
// document at a time, and goes to every format at once, so that memory does
// not grow with the book. Publishing is atomic as with Publish; when src
// returns an error nothing is published and PublishStream returns that
// error.
func PublishStream(outDir string, src Source, formats []Format, opts Options) (Result, error) {
	if src == nil {
		return Result{}, errors.New("publish: no source")
	}
	for _, f := range formats {
		switch {
		case f.Stream == nil:
			return Result{}, fmt.Errorf("publish: %s cannot be written from a stream", f.Name)
		case f.Check != nil:
			return Result{}, fmt.Errorf("publish: %s has a check of the whole book, which a stream cannot give", f.Name)
		}
	}
	p := &publication{dir: outDir, book: &doc.Book{}, opts: opts}
	return p.run(formats, func() (_ []staged, err error) {
		stagedOut := make([]staged, len(formats))
		writers := make([]StreamWriter, len(formats))
		defer func() {
			for _, w := range writers {
				if w != nil {
					if cerr := w.Close(); err == nil && cerr != nil {
						err = cerr
					}
				}
			}
			if r := recover(); r != nil {
				err = fmt.Errorf("internal error (a bug in seedpress): %v", r)
			}
		}()
		for i, f := range formats {
			if stagedOut[i], err = p.stageDir(f); err != nil {
				return nil, err
			}
			if writers[i], err = f.Stream(stagedOut[i].tmp, opts); err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, err)
			}
		}
		if err := src(&tee{p: p, formats: formats, writers: writers}); err != nil {
			return nil, err
		}
		for i, f := range formats {
			stagedOut[i].stats = writers[i].Stats()
			err := writers[i].Close()
			writers[i] = nil
			if err != nil {
				return nil, fmt.Errorf("%s: %w", f.Name, err)
			}
			if err := p.check(&stagedOut[i]); err != nil {
				return nil, err
			}
			if opts.Progress != nil {
				opts.Progress(f.Name)
			}
		}
		return stagedOut, nil
	})
}

// StreamWriter writes a format's output as a book streams by (see
// Format.Stream). Stats is valid after End; Close releases what the writer
// holds and is called whether or not End was.
type StreamWriter interface {
	doc.Sink
	Stats() Stats
	Close() error
}

// tee gives a stream to every format's writer, and the book's metadata to
// the publication for RELEASE.json.
type tee struct {
	p       *publication
	formats []Format
	writers []StreamWriter
}

func (t *tee) Begin(meta doc.Meta, documents int) error {
	t.p.book = &doc.Book{Meta: meta}
	for i, w := range t.writers {
		if err := w.Begin(meta, documents); err != nil {
			return fmt.Errorf("%s: %w", t.formats[i].Name, err)
		}
	}
	return nil
}

func (t *tee) Document(d *doc.Document) error {
	for i, w := range t.writers {
		if err := w.Document(d); err != nil {
			return fmt.Errorf("%s: %w", t.formats[i].Name, err)
		}
	}
	return nil
}

func (t *tee) End(glossary []doc.Term) error {
	t.p.book.Glossary = glossary
	for i, w := range t.writers {
		if err := w.End(glossary); err != nil {
			return fmt.Errorf("%s: %w", t.formats[i].Name, err)
		}
	}
	return nil
}

// run publishes formats into p.dir: it prepares the folder, calls stage to
// write every output under a temporary name (watching opts.Cancel while it
// runs), then writes SHA256SUMS and RELEASE.json and commits. On any error
// or interrupt every temporary path is removed.
func (p *publication) run(formats []Format, stage func() ([]staged, error)) (_ Result, err error) {
	outDir, opts := p.dir, p.opts
	if len(formats) == 0 {
		return Result{}, errors.New("publish: no formats")
	}
	seen := map[string]bool{}
	for _, f := range formats {
		out := f.Output(p.book)
		if seen[out] {
			return Result{}, fmt.Errorf("publish: two formats write %s", out)
		}
		seen[out] = true
	}
	if _, err := os.Stat(outDir); errors.Is(err, fs.ErrNotExist) {
		defer func() {
			if err != nil {
				os.Remove(outDir) // only if empty: nothing was published
			}
		}()
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return Result{}, fmt.Errorf("publish: output folder: %w", err)
	}
	if err := RemoveStale(outDir); err != nil {
		return Result{}, err
	}
	// A final name that exists with the wrong kind (a folder where a file
	// goes) would only fail at the renames, after other outputs moved.
	for _, f := range formats {
		fi, err := os.Lstat(filepath.Join(outDir, f.Output(p.book)))
		if err == nil && fi.IsDir() != f.IsDir() {
			return Result{}, fmt.Errorf("publish: %s exists and is not a %s", filepath.Join(outDir, f.Output(p.book)), kind(f.IsDir()))
		}
	}
	defer p.cleanup()

	var stagedOut []staged
	var stageErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		stagedOut, stageErr = stage()
	}()
	select {
	case <-done:
	case <-opts.Cancel:
		// The writers cannot be stopped. Their temporary files are removed
		// now (writing to a removed file is harmless), and once more when
		// they finish, in case one recreated its folder; a writer still
		// busy after interruptGrace leaves its leftovers to the next run.
		p.cleanup()
		select {
		case <-done:
		case <-time.After(interruptGrace):
		}
		p.sweep()
		return Result{}, ErrInterrupted
	}
	if stageErr != nil {
		return Result{}, stageErr
	}
	select {
	case <-opts.Cancel:
		return Result{}, ErrInterrupted
	default:
	}

	res, sums, release, err := p.describe(stagedOut)
	if err != nil {
		return Result{}, err
	}
	sumsTmp, err := p.writeTemp(SumsName, sums)
	if err != nil {
		return Result{}, err
	}
	releaseTmp, err := p.writeTemp(ReleaseName, release)
	if err != nil {
		return Result{}, err
	}
	if err := p.commit(stagedOut, releaseTmp, sumsTmp); err != nil {
		return Result{}, err
	}
	return res, nil
}

func kind(dir bool) string {
	if dir {
		return "folder"
	}
	return "file"
}

// RemoveStale removes the temporary files and folders that a killed
// publication left in outDir. A missing outDir is not an error.
func RemoveStale(outDir string) error {
	entries, err := os.ReadDir(outDir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("publish: read output folder: %w", err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), TempPrefix) {
			if err := os.RemoveAll(filepath.Join(outDir, e.Name())); err != nil {
				return fmt.Errorf("publish: remove leftover %s: %w", e.Name(), err)
			}
		}
	}
	return nil
}

// publication tracks the temporary paths of one Publish or PublishStream
// call so that every way out (an error, an interrupt) removes them.
type publication struct {
	dir  string
	book *doc.Book
	opts Options

	sums Sums // the staged files' hashes, for Verify and SHA256SUMS

	mu      sync.Mutex
	temps   []string // created and not yet renamed into place
	created []string // every temporary path created
	closed  bool     // cleanup has run: create refuses
}

// interruptGrace is how long an interrupted Publish waits for its writers
// to stop before it removes their temporary files a second time.
const interruptGrace = 2 * time.Second

// sweep removes every temporary path ever created, after an interrupt.
func (p *publication) sweep() {
	p.mu.Lock()
	created := p.created
	p.mu.Unlock()
	for _, t := range created {
		os.RemoveAll(t)
	}
}

// create makes a temporary file (or folder, when dir is set) in the output
// folder and records it, both under the lock, so that cleanup never misses
// one: after cleanup has run, create refuses with ErrInterrupted.
func (p *publication) create(pattern string, dir bool) (string, *os.File, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return "", nil, ErrInterrupted
	}
	var name string
	var fh *os.File
	var err error
	if dir {
		name, err = os.MkdirTemp(p.dir, pattern)
	} else if fh, err = os.CreateTemp(p.dir, pattern); err == nil {
		name = fh.Name()
	}
	if err != nil {
		return "", nil, err
	}
	p.temps = append(p.temps, name)
	p.created = append(p.created, name)
	return name, fh, nil
}

// cleanup removes every temporary path that has not been renamed into place.
func (p *publication) cleanup() {
	p.mu.Lock()
	temps := p.temps
	p.temps = nil
	p.closed = true
	p.mu.Unlock()
	for _, t := range temps {
		os.RemoveAll(t)
	}
}

func (p *publication) untrack(path string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, t := range p.temps {
		if t == path {
			p.temps = append(p.temps[:i], p.temps[i+1:]...)
			return
		}
	}
}

// stage writes one format under a temporary name, syncs and verifies it.
func (p *publication) stage(f Format) (staged, error) {
	if f.IsDir() {
		s, err := p.stageDir(f)
		if err != nil {
			return s, err
		}
		if s.stats, err = f.WriteDir(s.tmp, p.book, p.opts); err != nil {
			return s, fmt.Errorf("%s: %w", f.Name, err)
		}
		return s, p.check(&s)
	}
	s := staged{format: f, final: f.Output(p.book)}
	tmp, fh, err := p.create(TempPrefix+f.Name+"-*", false)
	if err != nil {
		return s, fmt.Errorf("%s: create temporary file: %w", f.Name, err)
	}
	s.tmp = tmp
	bw := bufio.NewWriterSize(fh, 1<<20)
	s.stats, err = f.WriteFile(bw, p.book, p.opts)
	if err == nil {
		err = bw.Flush()
	}
	if err = closeFile(fh, err); err != nil {
		return s, fmt.Errorf("%s: write %s: %w", f.Name, s.final, err)
	}
	if err := f.verify(s.tmp, &p.sums); err != nil {
		return s, fmt.Errorf("%s: check %s: %w", f.Name, s.final, err)
	}
	return s, nil
}

// stageDir creates the temporary folder of a folder format.
func (p *publication) stageDir(f Format) (staged, error) {
	s := staged{format: f, final: f.Output(p.book)}
	tmp, _, err := p.create(TempPrefix+f.Name+"-*", true)
	if err != nil {
		return s, fmt.Errorf("%s: create temporary folder: %w", f.Name, err)
	}
	s.tmp = tmp
	if err := os.Chmod(tmp, 0o755); err != nil {
		return s, fmt.Errorf("%s: %w", f.Name, err)
	}
	return s, nil
}

// check syncs a folder output written under s.tmp to disk and verifies
// it, both at once: syncing waits on the disk, verifying (reading back
// what was written) on the processor, and neither changes the files.
func (p *publication) check(s *staged) error {
	f := s.format
	var syncErr error
	var wg sync.WaitGroup
	wg.Go(func() { syncErr = syncTree(s.tmp) })
	err := f.verify(s.tmp, &p.sums)
	wg.Wait()
	if syncErr != nil {
		return fmt.Errorf("%s: sync: %w", f.Name, syncErr)
	}
	if err != nil {
		return fmt.Errorf("%s: check %s: %w", f.Name, s.final, err)
	}
	return nil
}

// syncTree fsyncs every file and folder under root, several at a time
// (each waits on the disk, not the processor); the error is the first in
// walking order.
func syncTree(root string) error {
	var paths []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !d.Type().IsRegular() {
			return fmt.Errorf("%s is not a regular file", p)
		}
		paths = append(paths, p)
		return nil
	})
	if err != nil {
		return err
	}
	return parallel.Each(len(paths), syncParallel, func(i int) error { return syncPath(paths[i]) })
}

// syncParallel is how many files syncTree syncs at a time.
const syncParallel = 8

func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// describe hashes every staged file under its final path and renders
// SHA256SUMS and RELEASE.json.
func (p *publication) describe(st []staged) (Result, []byte, []byte, error) {
	var res Result
	var jobs []hashJob
	for _, s := range st {
		res.Outputs = append(res.Outputs, Output{Format: s.format.Name, Path: s.final, Stats: s.stats})
		out := len(res.Outputs) - 1
		if !s.format.IsDir() {
			jobs = append(jobs, hashJob{fsPath: s.tmp, name: s.final, output: out})
			continue
		}
		err := filepath.WalkDir(s.tmp, func(fp string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(s.tmp, fp)
			if err != nil {
				return err
			}
			jobs = append(jobs, hashJob{fsPath: fp, name: path.Join(s.final, filepath.ToSlash(rel)), output: out})
			return nil
		})
		if err != nil {
			return res, nil, nil, fmt.Errorf("publish: hash %s: %w", s.final, err)
		}
	}
	files, err := p.sums.hashFiles(jobs)
	if err != nil {
		return res, nil, nil, err
	}
	for i, f := range files {
		res.Outputs[jobs[i].output].Size += f.Size
	}
	res.Files = files
	sort.Slice(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })

	var sums bytes.Buffer
	for _, f := range res.Files {
		fmt.Fprintf(&sums, "%s  %s\n", f.SHA256, f.Path)
	}
	release, err := p.releaseJSON(res.Files)
	if err != nil {
		return res, nil, nil, err
	}
	return res, sums.Bytes(), release, nil
}

// hashJob is one published file to hash: where it is now, its name in the
// release and the index of its output.
type hashJob struct {
	fsPath, name string
	output       int
}

// hashFiles hashes the jobs' files, at most GOMAXPROCS at a time (a
// release is a few large files: a book, a PDF, the dataset's tables), and
// returns them in the jobs' order, or the first job's error.
func (s *Sums) hashFiles(jobs []hashJob) ([]File, error) {
	files := make([]File, len(jobs))
	err := parallel.Each(len(jobs), 0, func(i int) error {
		sha, size, err := s.File(jobs[i].fsPath)
		if err != nil {
			return fmt.Errorf("publish: hash %s: %w", jobs[i].name, err)
		}
		files[i] = File{Path: jobs[i].name, Size: size, SHA256: sha}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// Sums hashes a publication's files, each once: the check of a format
// that verifies its own hashes (the dataset) and SHA256SUMS read the same
// bytes. It is safe for concurrent use; a nil *Sums hashes every time.
type Sums struct {
	mu    sync.Mutex
	files map[string]*fileSum
}

type fileSum struct {
	once sync.Once
	sha  string
	size int64
	err  error
}

// File returns the lower-case hex SHA-256 and the size of the file at
// path, reading it the first time it is asked for.
func (s *Sums) File(path string) (sha string, size int64, err error) {
	if s == nil {
		return hashFile(path)
	}
	s.mu.Lock()
	if s.files == nil {
		s.files = map[string]*fileSum{}
	}
	key := filepath.Clean(path)
	f := s.files[key]
	if f == nil {
		f = &fileSum{}
		s.files[key] = f
	}
	s.mu.Unlock()
	f.once.Do(func() { f.sha, f.size, f.err = hashFile(path) })
	return f.sha, f.size, f.err
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// release is the content of RELEASE.json. It holds no wall-clock time, no
// absolute path and no host name, so that it is reproducible.
type release struct {
	Seedpress       string            `json:"seedpress"`
	Go              string            `json:"go"`
	Libraries       map[string]string `json:"libraries"`
	SourceDateEpoch int64             `json:"source_date_epoch"`
	Modified        string            `json:"modified"`
	Title           string            `json:"title"`
	Files           []File            `json:"files"`
}

func (p *publication) releaseJSON(files []File) ([]byte, error) {
	r := release{
		Seedpress:       p.opts.Version,
		Go:              p.opts.GoVersion,
		Libraries:       p.opts.Libraries,
		SourceDateEpoch: p.opts.modified().Unix(),
		Modified:        p.opts.modified().Format(time.RFC3339),
		Title:           p.book.Meta.Title,
		Files:           files,
	}
	if r.Seedpress == "" {
		r.Seedpress = "dev"
	}
	if r.Libraries == nil {
		r.Libraries = map[string]string{}
	}
	// encoding/json sorts map keys, so the output is stable.
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("publish: %s: %w", ReleaseName, err)
	}
	return append(data, '\n'), nil
}

// closeFile finishes a temporary file whose writing ended with err: unless
// err is set, it makes fh readable by all (0644) and syncs it; it always
// closes it. It returns err, else the first error of those steps.
func closeFile(fh *os.File, err error) error {
	if err == nil {
		err = fh.Chmod(0o644)
	}
	if err == nil {
		err = fh.Sync()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	return err
}

// WriteFileAtomic writes data to path through a synced temporary file in
// the same folder (TempPrefix…) renamed into place, so that path never
// holds part of data; on an error the temporary file is removed.
func WriteFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), TempPrefix+"*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err = closeFile(f, err); err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// writeTemp writes data to a synced temporary file in the output folder.
func (p *publication) writeTemp(name string, data []byte) (string, error) {
	_, fh, err := p.create(TempPrefix+name+"-*", false)
	if err != nil {
		return "", fmt.Errorf("publish: %s: %w", name, err)
	}
	_, err = fh.Write(data)
	if err = closeFile(fh, err); err != nil {
		return "", fmt.Errorf("publish: %s: %w", name, err)
	}
	return fh.Name(), nil
}

// commit renames the staged outputs into place: old checksums out first,
// then each output, then RELEASE.json and SHA256SUMS.
func (p *publication) commit(st []staged, releaseTmp, sumsTmp string) error {
	stale := p.staleOutputs(st)
	for _, name := range []string{SumsName, ReleaseName} {
		if err := os.Remove(filepath.Join(p.dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("publish: remove old %s: %w", name, err)
		}
	}
	for _, s := range st {
		final := filepath.Join(p.dir, s.final)
		if s.format.IsDir() {
			if err := swapDir(s.tmp, final); err != nil {
				return err
			}
		} else if err := os.Rename(s.tmp, final); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		p.untrack(s.tmp)
	}
	for _, r := range [][2]string{{releaseTmp, ReleaseName}, {sumsTmp, SumsName}} {
		if err := os.Rename(r[0], filepath.Join(p.dir, r[1])); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		p.untrack(r[0])
	}
	for _, name := range stale {
		if err := os.Remove(filepath.Join(p.dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("publish: remove %s of an earlier publication: %w", name, err)
		}
	}
	if err := syncPath(p.dir); err != nil {
		return fmt.Errorf("publish: sync %s: %w", p.dir, err)
	}
	return nil
}

// staleOutputs returns the files of the previous publication in p.dir (as
// its RELEASE.json lists them) that this one replaces under another name:
// the EPUB or PDF of an earlier title, when this publication writes an EPUB
// or PDF. Files the previous RELEASE.json does not list, and outputs of
// formats this publication does not write, are left alone.
func (p *publication) staleOutputs(st []staged) []string {
	data, err := os.ReadFile(filepath.Join(p.dir, ReleaseName))
	if err != nil {
		return nil
	}
	var prev release
	if json.Unmarshal(data, &prev) != nil {
		return nil
	}
	var stale []string
	for _, f := range prev.Files {
		name := f.Path
		if strings.ContainsAny(name, `/\`) || name == SumsName || name == ReleaseName || strings.HasPrefix(name, ".") {
			continue
		}
		for _, s := range st {
			if ext := s.format.Ext; ext != "" && strings.HasSuffix(name, ext) && name != s.final {
				if fi, err := os.Lstat(filepath.Join(p.dir, name)); err == nil && fi.Mode().IsRegular() {
					stale = append(stale, name)
				}
				break
			}
		}
	}
	return stale
}

// swapDir replaces the folder final by tmp: the old folder is renamed aside
// (under TempPrefix, so a killed run's leftover is cleaned up next time),
// the new one renamed in, and the old one removed.
func swapDir(tmp, final string) error {
	old := ""
	if _, err := os.Lstat(final); err == nil {
		old = filepath.Join(filepath.Dir(final), TempPrefix+"old-"+filepath.Base(final)+"-"+filepath.Base(tmp)[len(TempPrefix):])
		if err := os.Rename(final, old); err != nil {
			return fmt.Errorf("publish: move old %s aside: %w", filepath.Base(final), err)
		}
	}
	if err := os.Rename(tmp, final); err != nil {
		if old != "" {
			os.Rename(old, final) // put the old folder back
		}
		return fmt.Errorf("publish: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("publish: remove old %s: %w", filepath.Base(final), err)
		}
	}
	return nil
}

func verifyNonEmptyFile(p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	if fi.Size() == 0 {
		return errors.New("empty file")
	}
	return nil
}

func verifyNonEmptyDir(p string) error {
	entries, err := os.ReadDir(p)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return errors.New("empty folder")
	}
	return nil
}

// VerifyZip checks that the file at p is a complete EPUB container: a zip
// archive whose first entry is an uncompressed "mimetype" and whose every
// entry reads back with a correct checksum.
func VerifyZip(p string) error {
	r, err := zip.OpenReader(p)
	if err != nil {
		return err
	}
	defer r.Close()
	if len(r.File) == 0 {
		return errors.New("empty archive")
	}
	if first := r.File[0]; first.Name != "mimetype" || first.Method != zip.Store {
		return errors.New(`the first entry is not an uncompressed "mimetype"`)
	}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return nil
}

// VerifyPDF checks that the file at p looks like a complete PDF: it starts
// with "%PDF-" and its last kilobyte holds the "%%EOF" marker.
func VerifyPDF(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	head := make([]byte, 5)
	if _, err := io.ReadFull(f, head); err != nil || string(head) != "%PDF-" {
		return errors.New("no %PDF- header")
	}
	n := min(fi.Size(), 1024)
	tail := make([]byte, n)
	if _, err := f.ReadAt(tail, fi.Size()-n); err != nil {
		return err
	}
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return errors.New("no %%EOF trailer: the file is truncated")
	}
	return nil
}

// VerifyDataset checks that the folder at p holds a complete dataset; see
// dataset.Verify. The files' hashes come from sums.
func VerifyDataset(p string, sums *Sums) error { return dataset.VerifyWith(p, sums.File) }
