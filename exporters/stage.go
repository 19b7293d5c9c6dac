package exporters

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/seedpress/seedpress/internal/parallel"
	"github.com/seedpress/seedpress/pipeline/doc"
)

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

// publication is one Publish call: it tracks the temporary paths so that
// every way out (an error, an interrupt) removes them.
type publication struct {
	dir  string
	opts Options
	meta doc.Meta // the book's, from the stream's Begin

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

// staged is one format's output, written under a temporary name by its
// Writer.
type staged struct {
	format Format
	tmp    string // temporary path in the output folder
	final  string // final name in the output folder, known once the book begins
	w      Writer
	fh     *os.File      // a file format's temporary file, until it is closed
	bw     *bufio.Writer // buffers fh
	stats  Stats
	closed bool // w and fh are closed
}

// open creates the temporary file or folder of f and f's Writer on it.
func (p *publication) open(f Format) (*staged, error) {
	s := &staged{format: f}
	var dest Dest
	if f.IsDir() {
		tmp, _, err := p.create(TempPrefix+f.Name+"-*", true)
		if err != nil {
			return nil, fmt.Errorf("%s: create temporary folder: %w", f.Name, err)
		}
		s.tmp, dest.Dir = tmp, tmp
		if err := os.Chmod(tmp, 0o755); err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
	} else {
		tmp, fh, err := p.create(TempPrefix+f.Name+"-*", false)
		if err != nil {
			return nil, fmt.Errorf("%s: create temporary file: %w", f.Name, err)
		}
		s.tmp, s.fh = tmp, fh
		s.bw = bufio.NewWriterSize(fh, 1<<20)
		dest.File = s.bw
	}
	w, err := f.New(dest, p.opts)
	if err != nil {
		s.close(err)
		return nil, fmt.Errorf("%s: %w", f.Name, err)
	}
	s.w = w
	return s, nil
}

// wrap names the format, and a file format's output, in err.
func (s *staged) wrap(err error) error {
	if s.format.IsDir() || s.final == "" {
		return fmt.Errorf("%s: %w", s.format.Name, err)
	}
	return fmt.Errorf("%s: write %s: %w", s.format.Name, s.final, err)
}

// wrapped is wrap, and nil for nil.
func (s *staged) wrapped(err error) error {
	if err == nil {
		return nil
	}
	return s.wrap(err)
}

// close closes the Writer and, for a file format, flushes, syncs and
// closes the temporary file (see closeFile) unless err, the writing's
// error, is set. It returns err, else the first error of those steps; a
// second call does nothing.
func (s *staged) close(err error) error {
	if s.closed {
		return err
	}
	s.closed = true
	if s.w != nil {
		if cerr := s.w.Close(); err == nil {
			err = cerr
		}
	}
	if s.fh != nil {
		if err == nil {
			err = s.bw.Flush()
		}
		err = closeFile(s.fh, err)
	}
	return err
}

// finish completes s after its Writer's End: it takes the Stats, closes
// the Writer and the file, and syncs and verifies the output.
func (p *publication) finish(s *staged) error {
	s.stats = s.w.Stats()
	if err := s.close(nil); err != nil {
		return s.wrap(err)
	}
	if s.format.IsDir() {
		return p.check(s)
	}
	if err := s.format.verify(s.tmp, &p.sums); err != nil {
		return fmt.Errorf("%s: check %s: %w", s.format.Name, s.final, err)
	}
	return nil
}

// check syncs a folder output written under s.tmp to disk and verifies
// it, both at once: syncing waits on the disk, verifying (reading back
// what was written) on the processor, and neither changes the files.
func (p *publication) check(s *staged) error {
	f := s.format
	err := parallel.Each(2, 2, func(i int) error {
		if i == 0 {
			if err := syncTree(s.tmp); err != nil {
				return fmt.Errorf("%s: sync: %w", f.Name, err)
			}
			return nil
		}
		if err := f.verify(s.tmp, &p.sums); err != nil {
			return fmt.Errorf("%s: check %s: %w", f.Name, s.final, err)
		}
		return nil
	})
	return err
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
