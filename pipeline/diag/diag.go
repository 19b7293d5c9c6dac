// Package diag holds positioned diagnostics: the problems a run finds, each
// with the seed position it concerns, collected into one list and printed
// together in compiler style ("path:line:col: error: message").
package diag

import (
	"fmt"
	"sort"
	"strings"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// Severity says whether a diagnostic stops the build.
type Severity int

const (
	// Note is information, such as a file that was skipped on purpose.
	Note Severity = iota
	// Warning is a problem that was repaired or can be lived with; --strict
	// makes it an error.
	Warning
	// Error is a problem that stops publication.
	Error
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return "note"
}

// Diagnostic is one problem at one position.
type Diagnostic struct {
	Pos      doc.Pos
	Severity Severity
	Msg      string
}

// String formats d as "file:line:col: severity: msg" ("file: severity: msg"
// when d concerns a whole file, "severity: msg" when it concerns no file).
func (d Diagnostic) String() string {
	p := d.Pos.String()
	if p == "" {
		return d.Severity.String() + ": " + d.Msg
	}
	return p + ": " + d.Severity.String() + ": " + d.Msg
}

// List collects the diagnostics of a run. The zero value is an empty list.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(pos doc.Pos, sev Severity, msg string) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: sev, Msg: msg})
}

// Errorf appends an error at pos.
func (l *List) Errorf(pos doc.Pos, format string, args ...any) {
	l.Add(pos, Error, fmt.Sprintf(format, args...))
}

// Warnf appends a warning at pos.
func (l *List) Warnf(pos doc.Pos, format string, args ...any) {
	l.Add(pos, Warning, fmt.Sprintf(format, args...))
}

// Notef appends a note at pos.
func (l *List) Notef(pos doc.Pos, format string, args ...any) {
	l.Add(pos, Note, fmt.Sprintf(format, args...))
}

// Append appends every diagnostic of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the numbers of errors and warnings (notes are not counted).
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		}
	}
	return
}

// Strict returns a copy of l with every warning turned into an error; notes
// stay notes.
func (l List) Strict() List {
	out := make(List, len(l))
	for i, d := range l {
		if d.Severity == Warning {
			d.Severity = Error
		}
		out[i] = d
	}
	return out
}

// Sort orders the list by file, line and column, keeping the order of
// diagnostics at the same position.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i].Pos, l[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Err returns nil when l has no errors, else an error whose message is every
// diagnostic of l, one per line.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return listError(l)
}

type listError List

func (e listError) Error() string {
	var b strings.Builder
	for i, d := range e {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}
