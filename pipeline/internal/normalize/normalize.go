// Package normalize applies seedpress's text normalisation rules to a
// decoded seed.
//
// The rules run in this order, each one a named function with its own test:
//
//  1. [nfc]: Unicode Normalization Form C.
//  2. [lineEndings]: CRLF and lone CR become LF.
//  3. [removeInvisible]: control characters (except LF and tab), zero-width
//     characters, stray byte order marks, soft hyphens and bidirectional
//     embedding, override and isolate controls are removed, with a warning.
//     Removing a character can join a letter and a combining mark, so NFC
//     runs again when needed.
//  4. [warnReplacement]: U+FFFD stays but is reported.
//  5. [commaBelow]: Romanian ș Ș (comma below) become Turkish ş Ş, with a
//     warning.
//  6. [trimTrailing]: white space at the end of lines is removed (a
//     Markdown hard line break, two spaces before a non-blank line, stays).
//  7. [collapseSpaces]: tabs become spaces, runs of spaces and no-break
//     spaces become one space; indentation at the start of a line is kept.
//  8. [apostrophes], [quotes], [ellipses], [dashes]: Turkish typography.
//
// Rules 1 to 3 apply to the whole text, code included: they fix the
// encoding of characters, not the writing, and an invisible bidirectional
// control inside code is the most dangerous place for one ("Trojan Source").
// Every later rule leaves alone Markdown code spans and code blocks, raw
// HTML, link destinations, autolinks and backslash escapes (when the text is
// Markdown), and bare URLs (always).
//
// Warnings carry the line and column (in runes, 1-based) of the text as
// given to Normalize, whatever earlier rules changed.
package normalize

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// Normalize applies every rule to text in order. markdown says whether text
// is Markdown (code spans and blocks are then left untouched). The result is
// valid UTF-8 in NFC with no control characters other than "\n" and "\t"
// (tabs survive only in the Markdown regions that are left untouched: code,
// raw HTML, link destinations), and normalising it again changes nothing.
func Normalize(file, text string, markdown bool) (string, diag.List) {
	var diags diag.List
	rep := &reporter{file: file, diags: &diags}
	if !utf8.ValidString(text) {
		// Decode never returns invalid UTF-8; this guards other callers.
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	s, m := nfc(text)
	rep.push(m)
	s = lineEndings(s)
	s, m = removeInvisible(s, rep)
	rep.push(m)
	// Only a removal can make the text leave NFC (lineEndings cannot):
	// without one the second pass is skipped.
	if len(m) > 0 {
		s, m = nfc(s)
		rep.push(m)
	}
	warnReplacement(s, rep)
	t := span{s: s, keep: protect(s, markdown)}
	t = commaBelow(t, rep)
	t = trimTrailing(t, markdown)
	t = collapseSpaces(t)
	t = apostrophes(t)
	t = quotes(t)
	t = ellipses(t)
	t = dashes(t)
	return t.s, diags
}

// reporter turns positions in the text a rule was given into positions in
// the text Normalize was given, and records warnings.
type reporter struct {
	file  string
	diags *diag.List
	maps  []shifts // the column maps of the rules run so far, in order
}

func (r *reporter) push(m shifts) {
	if len(m) > 0 {
		r.maps = append(r.maps, m)
	}
}

// warnf records a warning at line:col of the current text.
func (r *reporter) warnf(line, col int, format string, args ...any) {
	for i := len(r.maps) - 1; i >= 0; i-- {
		col = r.maps[i].in(line, col)
	}
	r.diags.Warnf(doc.Pos{File: r.file, Line: line, Col: col}, format, args...)
}

// shifts maps the columns of a rule's output back to its input, for the
// lines where the rule changed the number of characters. No rule before
// the last warning adds or removes a line.
type shifts map[int][]shift

// shift says that from output column out onwards, input column = out + delta.
type shift struct{ out, delta int }

func (s shifts) in(line, col int) int {
	d := 0
	for _, b := range s[line] {
		if col < b.out {
			break
		}
		d = b.delta
	}
	return col + d
}

// tally counts one kind of finding per character per line, so that a line
// full of the same invisible character gives one warning with a count.
type tally struct {
	rep   *reporter
	line  int
	order []rune
	first map[rune]int
	count map[rune]int
	msg   func(r rune, n int) string
}

func newTally(rep *reporter, msg func(r rune, n int) string) *tally {
	return &tally{rep: rep, first: map[rune]int{}, count: map[rune]int{}, msg: msg}
}

func (t *tally) add(line, col int, r rune) {
	if line != t.line {
		t.flush()
		t.line = line
	}
	if t.count[r] == 0 {
		t.order = append(t.order, r)
		t.first[r] = col
	}
	t.count[r]++
}

func (t *tally) flush() {
	if t.rep == nil {
		return
	}
	for _, r := range t.order {
		t.rep.warnf(t.line, t.first[r], "%s", t.msg(r, t.count[r]))
		delete(t.count, r)
		delete(t.first, r)
	}
	t.order = t.order[:0]
}

// onLine formats the count of a finding on one line.
func onLine(n int) string {
	if n == 1 {
		return ""
	}
	return fmt.Sprintf(" (%d on this line)", n)
}

// cursor turns increasing byte offsets of a text with "\n" line ends into
// lines and columns in one pass.
type cursor struct {
	s              string
	off, line, col int
}

func newCursor(s string) *cursor { return &cursor{s: s, line: 1, col: 1} }

func (c *cursor) at(off int) (line, col int) {
	for c.off < off {
		r, size := utf8.DecodeRuneInString(c.s[c.off:])
		if r == '\n' {
			c.line, c.col = c.line+1, 1
		} else {
			c.col++
		}
		c.off += size
	}
	return c.line, c.col
}
