package exporters

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/seedpress/seedpress/internal/parallel"
	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// tee is the sink of one run: it gives the book to every format's check
// and Writer at once (one goroutine each, unless Options.Sequential), and
// at the end of the book finishes every output.
//
// A Writer that fails is not given another document, nor are the others
// (the publication has failed), and its error waits in err; the checks go
// on to the end of the book, so that the run reports every problem of the
// book, and the source gets no error from a Writer. The writers get the
// end of the book only when the checks found no error.
type tee struct {
	p      *publication // nil for Check: no writers
	checks []namedCheck
	outs   []*staged
	opts   Options

	ended bool  // End was called
	err   error // the writers' failures
}

// namedCheck is a check with the name of its format, for messages.
type namedCheck struct {
	name string
	sink Checker
}

func newTee(p *publication, formats []Format, outs []*staged, opts Options) *tee {
	t := &tee{p: p, outs: outs, opts: opts}
	for _, f := range formats {
		if f.Check != nil {
			t.checks = append(t.checks, namedCheck{f.Name, f.Check()})
		}
	}
	return t
}

// all calls checkCall for every check and, while no Writer has failed,
// writeCall for every Writer, each on a goroutine of its own unless
// opts.Sequential or there is one call (a nil call is skipped). It returns
// the checks' errors, and keeps the writers' in t.err; writeCall names its
// format in its errors. A call that panics fails with an error that names
// its format.
func (t *tee) all(checkCall func(c Checker) error, writeCall func(s *staged) error) error {
	if t.opts.interrupted() {
		return ErrInterrupted
	}
	nc := 0
	if checkCall != nil {
		nc = len(t.checks)
	}
	writing := writeCall != nil && t.err == nil && len(t.outs) > 0
	n := nc
	if writing {
		n += len(t.outs)
	}
	limit := n
	if t.opts.Sequential {
		limit = 1
	}
	errs := make([]error, n)
	call := func(i int) error {
		defer func() {
			if r := recover(); r != nil {
				name := ""
				if i < nc {
					name = t.checks[i].name
				} else {
					name = t.outs[i-nc].format.Name
				}
				errs[i] = fmt.Errorf("%s: internal error (a bug in seedpress): %v", name, r)
			}
		}()
		if i < nc {
			if err := checkCall(t.checks[i].sink); err != nil {
				errs[i] = fmt.Errorf("%s: check: %w", t.checks[i].name, err)
			}
			return nil
		}
		errs[i] = writeCall(t.outs[i-nc])
		return nil
	}
	if limit <= 1 || n == 1 {
		for i := range n {
			call(i)
		}
	} else {
		parallel.Each(n, limit, call)
	}
	if writing {
		if err := errors.Join(errs[nc:]...); err != nil {
			t.err = err
		}
	}
	return errors.Join(errs[:nc]...)
}

// Begin implements doc.Sink: it names the outputs after the book's title,
// refusing two formats that write the same name and a name taken by the
// wrong kind (a folder where a file goes, which would fail only at the
// renames, after other outputs moved).
func (t *tee) Begin(meta doc.Meta, documents int) error {
	if t.p != nil {
		t.p.meta = meta
		if err := t.nameOutputs(meta); err != nil {
			t.err = err
		}
	}
	return t.all(
		func(c Checker) error { return c.Begin(meta, documents) },
		func(s *staged) error { return s.wrapped(s.w.Begin(meta, documents)) })
}

// nameOutputs sets the final name of every output.
func (t *tee) nameOutputs(meta doc.Meta) error {
	seen := map[string]bool{}
	for _, s := range t.outs {
		s.final = s.format.Output(meta)
		if seen[s.final] {
			return fmt.Errorf("publish: two formats write %s", s.final)
		}
		seen[s.final] = true
		path := filepath.Join(t.p.dir, s.final)
		if fi, err := os.Lstat(path); err == nil && fi.IsDir() != s.format.IsDir() {
			return fmt.Errorf("publish: %s exists and is not a %s", path, kind(s.format.IsDir()))
		}
	}
	return nil
}

func kind(dir bool) string {
	if dir {
		return "folder"
	}
	return "file"
}

// Document implements doc.Sink.
func (t *tee) Document(d *doc.Document) error {
	return t.all(
		func(c Checker) error { return c.Document(d) },
		func(s *staged) error { return s.wrapped(s.w.Document(d)) })
}

// End implements doc.Sink: the checks end first; then, unless they found
// an error, every Writer ends and its output is finished (closed, synced
// and verified; see publication.finish).
func (t *tee) End(glossary []doc.Term) error {
	t.ended = true
	if err := t.all(func(c Checker) error { return c.End(glossary) }, nil); err != nil {
		return err
	}
	if t.diagnostics(nil).HasErrors() {
		return nil // nothing will be published: the writers need not finish
	}
	err := t.all(nil, func(s *staged) error {
		if err := s.w.End(glossary); err != nil {
			return s.wrap(err)
		}
		if err := t.p.finish(s); err != nil {
			return err
		}
		if t.opts.Progress != nil {
			t.opts.Progress(s.format.Name)
		}
		return nil
	})
	return err
}

// close closes every Writer and temporary file not closed yet, after the
// source returned.
func (t *tee) close() {
	for _, s := range t.outs {
		s.close(errors.New("not finished"))
	}
}

// diagnostics returns src's diagnostics and the checks', with warnings as
// errors when opts.Strict is set, sorted by position.
func (t *tee) diagnostics(src diag.List) diag.List {
	diags := append(diag.List(nil), src...)
	for _, c := range t.checks {
		diags.Append(c.sink.Diagnostics())
	}
	if t.opts.Strict {
		diags = diags.Strict()
	}
	diags.Sort()
	return diags
}
