package normalize

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/unicode/runenames"
)

// nfc returns s in Unicode Normalization Form C and the column shifts of
// the lines it changed. Lines end at "\n", "\r\n" or a lone "\r", none of
// which takes part in normalisation, so each line is normalised on its own.
func nfc(s string) (string, shifts) {
	if isNFC(s) {
		return s, nil
	}
	var b strings.Builder
	b.Grow(len(s))
	m := shifts{}
	line := 1
	for start := 0; start <= len(s); {
		end := start
		for end < len(s) && s[end] != '\n' && s[end] != '\r' {
			end++
		}
		seg := s[start:end]
		if norm.NFC.IsNormalString(seg) {
			b.WriteString(seg)
		} else {
			var it norm.Iter
			it.InitString(norm.NFC, seg)
			out, delta := 1, 0
			for !it.Done() {
				from := it.Pos()
				piece := it.Next()
				b.Write(piece)
				nIn := utf8.RuneCountInString(seg[from:it.Pos()])
				nOut := utf8.RuneCount(piece)
				out += nOut
				if nIn != nOut {
					delta += nIn - nOut
					m[line] = append(m[line], shift{out: out, delta: delta})
				}
			}
		}
		if end == len(s) {
			break
		}
		next := end + 1
		if s[end] == '\r' && next < len(s) && s[next] == '\n' {
			next++
		}
		b.WriteString(s[end:next])
		start = next
		line++
	}
	return b.String(), m
}

// isNFC reports whether s is in NFC, like norm.NFC.IsNormalString, and
// answers without the normalisation tables when every character of s is
// below U+0300 (ASCII, Latin-1, the Turkish letters) or typographic
// punctuation from U+2010 to U+205E: each of those is a starter that is
// quick-check Yes for NFC and never composes with its neighbour (checked by
// TestIsNFCFastRanges), so such a text is normalised. Other text goes to
// the tables.
func isNFC(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < 0x80:
			i++
		case c < 0xCC: // lead bytes C2–CB: U+0080–U+02FF
			i += 2
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r < 0x2010 || r > 0x205E {
				return norm.NFC.IsNormalString(s)
			}
			i += size
		}
	}
	return true
}

// lineEndings turns "\r\n" and a lone "\r" into "\n".
func lineEndings(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

// invisible reports whether removeInvisible removes r.
func invisible(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20 || r >= 0x7F && r <= 0x9F: // C0, DEL, C1
		return true
	case r >= 0x200B && r <= 0x200D, r == 0x2060, r == 0xFEFF: // zero-width, BOM
		return true
	case r == 0x00AD: // soft hyphen
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069, // bidi embeddings, overrides, isolates
		r == 0x200E, r == 0x200F, r == 0x061C: // bidi marks (LRM, RLM, ALM)
		return true
	}
	return false
}

// indexInvisible returns strings.IndexFunc(s, invisible), looking at bytes:
// only the lead bytes of the invisible characters above ASCII (C2, D8, E2,
// EF) make it decode a character.
func indexInvisible(s string) int {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 && c != '\n' && c != '\t', c == 0x7F:
			return i
		case c == 0xC2 || c == 0xD8 || c == 0xE2 || c == 0xEF:
			if r, _ := utf8.DecodeRuneInString(s[i:]); invisible(r) {
				return i
			}
		}
	}
	return -1
}

// controlNames names the control characters, which the Unicode name list
// calls only "<control>".
var controlNames = map[rune]string{
	0x00: "NULL", 0x01: "START OF HEADING", 0x02: "START OF TEXT", 0x03: "END OF TEXT",
	0x04: "END OF TRANSMISSION", 0x05: "ENQUIRY", 0x06: "ACKNOWLEDGE", 0x07: "BELL",
	0x08: "BACKSPACE", 0x0B: "LINE TABULATION", 0x0C: "FORM FEED", 0x0E: "SHIFT OUT",
	0x0F: "SHIFT IN", 0x10: "DATA LINK ESCAPE", 0x11: "DEVICE CONTROL ONE", 0x12: "DEVICE CONTROL TWO",
	0x13: "DEVICE CONTROL THREE", 0x14: "DEVICE CONTROL FOUR", 0x15: "NEGATIVE ACKNOWLEDGE",
	0x16: "SYNCHRONOUS IDLE", 0x17: "END OF TRANSMISSION BLOCK", 0x18: "CANCEL", 0x19: "END OF MEDIUM",
	0x1A: "SUBSTITUTE", 0x1B: "ESCAPE", 0x1C: "INFORMATION SEPARATOR FOUR", 0x1D: "INFORMATION SEPARATOR THREE",
	0x1E: "INFORMATION SEPARATOR TWO", 0x1F: "INFORMATION SEPARATOR ONE", 0x7F: "DELETE",
	0x85: "NEXT LINE",
}

// charName returns "U+XXXX NAME" for r.
func charName(r rune) string {
	name, ok := controlNames[r]
	if !ok {
		name = runenames.Name(r)
		if name == "" || name == "<control>" {
			name = "CONTROL CHARACTER"
		}
	}
	return fmt.Sprintf("U+%04X %s", r, name)
}

// removeInvisible removes the characters that [invisible] reports, with one
// warning per character per line. s has "\n" line ends. It returns the
// column shifts of the removals.
func removeInvisible(s string, rep *reporter) (string, shifts) {
	i := indexInvisible(s)
	if i < 0 {
		return s, nil
	}
	t := newTally(rep, func(r rune, n int) string {
		return "removed " + charName(r) + onLine(n)
	})
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	m := shifts{}
	c := newCursor(s)
	removed, lastLine := 0, 0
	for ; i < len(s); i++ {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !invisible(r) {
			b.WriteString(s[i : i+size])
			i += size - 1
			continue
		}
		line, col := c.at(i)
		if line != lastLine {
			removed, lastLine = 0, line
		}
		t.add(line, col, r)
		removed++
		// The next character, at input column col+1, lands at output column col+1-removed.
		m[line] = append(m[line], shift{out: col + 1 - removed, delta: removed})
		i += size - 1
	}
	t.flush()
	return b.String(), m
}

// warnReplacement reports every U+FFFD REPLACEMENT CHARACTER: a character
// lost before the file reached seedpress, which no rule can bring back. It
// changes nothing.
func warnReplacement(s string, rep *reporter) {
	// s is valid UTF-8: look for the character's bytes, which IndexRune
	// would not do for utf8.RuneError (it matches invalid bytes too).
	i := strings.Index(s, "\uFFFD")
	if i < 0 {
		return
	}
	t := newTally(rep, func(r rune, n int) string {
		return "U+FFFD REPLACEMENT CHARACTER: a character was lost before this file was read; left as it is" + onLine(n)
	})
	c := newCursor(s)
	for ; i < len(s); i++ {
		if strings.HasPrefix(s[i:], "\uFFFD") {
			line, col := c.at(i)
			t.add(line, col, utf8.RuneError)
		}
	}
	t.flush()
}

// commaBelow replaces the Romanian letters ș and Ș (s with comma below),
// which look like the Turkish ş and Ş (s with cedilla) and come in through
// Romanian keyboard layouts and fonts, with a warning. ț (t with comma
// below) has no Turkish look-alike and stays.
func commaBelow(t span, rep *reporter) span {
	if !strings.ContainsRune(t.s, 'ș') && !strings.ContainsRune(t.s, 'Ș') {
		return t
	}
	tl := newTally(rep, func(r rune, n int) string {
		to := 'ş'
		if r == 'Ș' {
			to = 'Ş'
		}
		return fmt.Sprintf("replaced %s (%c, Romanian) with %s (%c, Turkish)%s", charName(r), r, charName(to), to, onLine(n))
	})
	c := newCursor(t.s)
	out := t.apply(func(b *strings.Builder, s string, i, lim int) int {
		if j := upTo(b, s, i, lim, &commaStops); j > i {
			return j
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch r {
		case 'ș', 'Ș':
			line, col := c.at(i)
			tl.add(line, col, r)
			if r == 'ș' {
				b.WriteRune('ş')
			} else {
				b.WriteRune('Ş')
			}
		default:
			b.WriteString(s[i : i+size])
		}
		return i + size
	})
	tl.flush()
	return out
}

// blank reports whether r is white space within a line.
func blank(r rune) bool { return r == ' ' || r == '\t' || r == '\u00A0' }

// blankRun returns the end of the run of blanks that starts at i, not
// beyond lim.
func blankRun(s string, i, lim int) int {
	for i < lim {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !blank(r) {
			break
		}
		i += size
	}
	return i
}

// trimTrailing removes blanks (space, tab, no-break space) at the end of
// each line. In Markdown, two or more spaces before a line that is not blank
// are a hard line break; they become exactly two spaces.
func trimTrailing(t span, markdown bool) span {
	if !hasTrailingBlank(t.s) {
		return t // the common case: nothing to trim, no copy
	}
	return trimTrailingAll(t, markdown)
}

// trimTrailingAll is trimTrailing without its fast path.
func trimTrailingAll(t span, markdown bool) span {
	return t.apply(func(b *strings.Builder, s string, i, lim int) int {
		if j := upTo(b, s, i, lim, &blankStops); j > i {
			return j
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !blank(r) {
			b.WriteString(s[i : i+size])
			return i + size
		}
		j := blankRun(s, i, lim)
		if j < len(s) && s[j] != '\n' {
			b.WriteString(s[i:j]) // not at the end of a line
			return j
		}
		if markdown && j < len(s) && hardBreak(s, i, j) {
			b.WriteString("  ")
		}
		return j
	})
}

// hasTrailingBlank reports whether a blank (space, tab, no-break space)
// ends a line of s or s itself: the only places trimTrailing changes.
func hasTrailingBlank(s string) bool {
	if s == "" {
		return false
	}
	if r, _ := utf8.DecodeLastRuneInString(s); blank(r) {
		return true
	}
	for i := strings.IndexByte(s, '\n'); i >= 0; {
		if i > 0 {
			if r, _ := utf8.DecodeLastRuneInString(s[:i]); blank(r) {
				return true
			}
		}
		j := strings.IndexByte(s[i+1:], '\n')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// hardBreak reports whether the blanks s[i:j], which end a line, are a
// Markdown hard line break: two or more spaces after text, before a line
// that is not blank.
func hardBreak(s string, i, j int) bool {
	if j-i < 2 || strings.Trim(s[i:j], " ") != "" || i == 0 || s[i-1] == '\n' {
		return false
	}
	next := s[j+1:]
	if k := strings.IndexByte(next, '\n'); k >= 0 {
		next = next[:k]
	}
	return strings.TrimLeft(next, " \t\u00A0") != ""
}

// collapseSpaces turns a run of two or more blanks (space, tab, no-break
// space) inside a line into one space, and a lone tab into a space; a lone
// no-break space stays, since it was put there on purpose. Indentation at
// the start of a line is kept, with tabs expanded to the next multiple of
// four columns (Markdown's tab stop), because it carries structure. A run at
// the end of a line is left to trimTrailing (only a hard line break is
// there).
func collapseSpaces(t span) span {
	if !mayCollapse(t) {
		return t // the common case: nothing to collapse, no copy
	}
	return collapseSpacesAll(t)
}

// collapseSpacesAll is collapseSpaces without its fast path.
func collapseSpacesAll(t span) span {
	return t.apply(func(b *strings.Builder, s string, i, lim int) int {
		if j := upTo(b, s, i, lim, &blankStops); j > i {
			return j
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !blank(r) {
			b.WriteString(s[i : i+size])
			return i + size
		}
		j := blankRun(s, i, lim)
		switch {
		case i == 0 || s[i-1] == '\n':
			col := 0
			for _, r := range s[i:j] {
				if r == '\t' {
					n := 4 - col%4
					b.WriteString("    "[:n])
					col += n
					continue
				}
				b.WriteRune(r)
				col++
			}
		case j < len(s) && s[j] == '\n':
			b.WriteString(s[i:j])
		case j-i == size && r == '\t':
			b.WriteByte(' ')
		case j-i == size:
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
		return j
	})
}

// mayCollapse reports whether collapseSpaces could change t. It is false
// only when t has no tab, every two neighbouring blanks stand in the
// indentation at the start of a line (kept as it is when it has no tab),
// and no kept region is followed by a blank (a run cut there would no
// longer start its line).
func mayCollapse(t span) bool {
	s := t.s
	if strings.IndexByte(s, '\t') >= 0 {
		return true
	}
	for _, r := range t.keep {
		if r.end < len(s) && (s[r.end] == ' ' || s[r.end] == 0xC2) {
			return true
		}
	}
	lead := true // s[:i] since the last line start is all blanks
	prevBlank := false
	for i := 0; i < len(s); i++ {
		// Bytes, not runes: a blank is " " or the no-break space C2 A0, and
		// no other character holds the byte C2 or 20.
		switch c := s[i]; {
		case c == '\n':
			lead, prevBlank = true, false
		case c == ' ', c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0:
			if prevBlank && !lead {
				return true
			}
			prevBlank = true
			if c == 0xC2 {
				i++
			}
		default:
			lead, prevBlank = false, false
			for i+1 < len(s) && !blankByte[s[i+1]] { // the same for the bytes up to the next blank
				i++
			}
		}
	}
	return false
}

// blankByte marks the bytes that mayCollapse stops at: a line end and the
// first bytes of the blanks.
var blankByte = [256]bool{'\n': true, ' ': true, 0xC2: true}

// around returns the runes before and after s[i:j] (-1 at either end of s).
func around(s string, i, j int) (prev, next rune) {
	prev, next = -1, -1
	if i > 0 {
		prev, _ = utf8.DecodeLastRuneInString(s[:i])
	}
	if j < len(s) {
		next, _ = utf8.DecodeRuneInString(s[j:])
	}
	return prev, next
}

func wordRune(r rune) bool {
	return r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r))
}

// apostrophes turns a straight apostrophe between letters or digits into
// the typographic one: İnternet’in, 1996’da, ICANN’in. Turkish separates
// suffixes from proper names, numbers and acronyms this way, so this runs
// before the quote rule.
func apostrophes(t span) span {
	if strings.IndexByte(t.s, '\'') < 0 {
		return t
	}
	return t.apply(func(b *strings.Builder, s string, i, lim int) int {
		if j := upTo(b, s, i, lim, &apostropheStops); j > i {
			return j
		}
		if s[i] == '\'' {
			if prev, next := around(s, i, i+1); wordRune(prev) && wordRune(next) {
				b.WriteString("’")
				return i + 1
			}
		}
		b.WriteByte(s[i])
		return i + 1
	})
}

// opens reports whether a quote after prev opens a quotation: at the start
// of the text or a line, after white space, an opening bracket, a dash, a
// slash or another opening quote.
func opens(prev rune) bool {
	return prev < 0 || unicode.IsSpace(prev) || strings.ContainsRune("([{“‘«‹–—-/", prev)
}

// beforeEmphasis returns the rune before s[i], looking past Markdown
// emphasis marks (* and _), so that the quote in *"Bu"* opens and the one in
// "*bu*" closes (-1 at the start of s).
func beforeEmphasis(s string, i int) rune {
	for i > 0 && (s[i-1] == '*' || s[i-1] == '_') {
		i--
	}
	prev, _ := around(s, i, i)
	return prev
}

// quotes turns straight double quotes into “ and ” and straight single
// quotes (apostrophes were handled before) into ‘ and ’, opening or closing
// by what stands before them.
func quotes(t span) span {
	if strings.IndexByte(t.s, '"') < 0 && strings.IndexByte(t.s, '\'') < 0 {
		return t
	}
	return t.apply(func(b *strings.Builder, s string, i, lim int) int {
		if j := upTo(b, s, i, lim, &quoteStops); j > i {
			return j
		}
		switch s[i] {
		case '"', '\'':
			open := opens(beforeEmphasis(s, i))
			switch {
			case s[i] == '"' && open:
				b.WriteString("“")
			case s[i] == '"':
				b.WriteString("”")
			case open:
				b.WriteString("‘")
			default:
				b.WriteString("’")
			}
		default:
			b.WriteByte(s[i])
		}
		return i + 1
	})
}

// ellipses turns exactly three full stops into an ellipsis (…). Runs of
// two, or of four and more, are left alone: they are something else.
func ellipses(t span) span {
	if !strings.Contains(t.s, "...") {
		return t
	}
	return t.apply(func(b *strings.Builder, s string, i, lim int) int {
		if j := upTo(b, s, i, lim, &dotStops); j > i {
			return j
		}
		if s[i] != '.' {
			b.WriteByte(s[i])
			return i + 1
		}
		j := i
		for j < lim && s[j] == '.' {
			j++
		}
		if j-i == 3 && (j == len(s) || s[j] != '.') && (i == 0 || s[i-1] != '.') {
			b.WriteString("…")
		} else {
			b.WriteString(s[i:j])
		}
		return j
	})
}

// dashes turns a hyphen or a double hyphen used as a dash into a spaced en
// dash: "a - b", "a -- b" and "a--b" become "a – b".
//
// Turkish typography accepts both the spaced en dash and the em dash; we
// choose the spaced en dash (as most European typography does) because its
// spaces let lines break on either side in the narrow A5 column, and because
// writers who type " - " mean exactly that shape. The hyphen stays in words
// (Ar-Ge), before numbers (-5), in Markdown list markers ("- item") and
// thematic breaks ("---"), and in table rows ("| - |"): a spaced hyphen is a
// dash only with text on both sides.
func dashes(t span) span {
	if strings.IndexByte(t.s, '-') < 0 {
		return t
	}
	return t.apply(func(b *strings.Builder, s string, i, lim int) int {
		if j := upTo(b, s, i, lim, &dashStops); j > i {
			return j
		}
		if s[i] != '-' {
			b.WriteByte(s[i])
			return i + 1
		}
		j := i
		for j < lim && s[j] == '-' {
			j++
		}
		n := j - i
		if j < len(s) && s[j] == '-' || i > 0 && s[i-1] == '-' || n > 2 {
			b.WriteString(s[i:j]) // part of a longer run
			return j
		}
		prev, next := around(s, i, j)
		switch {
		case prev == ' ' && next == ' ' && spacedDash(s, i, j):
			b.WriteString("–")
		case n == 2 && wordRune(prev) && wordRune(next):
			b.WriteString(" – ")
		default:
			b.WriteString(s[i:j])
		}
		return j
	})
}

// spacedDash reports whether the hyphens s[i:j], with a space on either
// side, stand between text on the same line.
func spacedDash(s string, i, j int) bool {
	before, _ := utf8.DecodeLastRuneInString(s[:i-1])
	if i-1 == 0 || before == utf8.RuneError || unicode.IsSpace(before) || strings.ContainsRune("|>-#–—", before) {
		return false
	}
	// Look back over at most 64 bytes of marker characters: a longer prefix
	// is not a list marker, and the bound keeps long lines linear.
	k := i
	for k > 0 && i-k < 64 && strings.IndexByte(" >*+-0123456789.)", s[k-1]) >= 0 {
		k--
	}
	if (k == 0 || s[k-1] == '\n') && onlyMarkers(s[k:i]) {
		return false
	}
	if j+1 >= len(s) {
		return false
	}
	after, _ := utf8.DecodeRuneInString(s[j+1:])
	return !unicode.IsSpace(after) && !strings.ContainsRune("|-–—", after)
}

// onlyMarkers reports whether line holds nothing but Markdown block quote
// markers and list markers ("> ", "- ", "* ", "+ ", "1. ", "1) ") and
// spaces, so that a hyphen after it is a list marker, not a dash.
func onlyMarkers(line string) bool {
	for {
		line = strings.TrimLeft(line, " ")
		switch {
		case line == "":
			return true
		case line[0] == '>':
			line = line[1:]
		case strings.IndexByte("-*+", line[0]) >= 0 && len(line) > 1 && line[1] == ' ':
			line = line[2:]
		default:
			k := 0
			for k < len(line) && k < 9 && line[k] >= '0' && line[k] <= '9' {
				k++
			}
			if k == 0 || k+1 >= len(line) || (line[k] != '.' && line[k] != ')') || line[k+1] != ' ' {
				return false
			}
			line = line[k+2:]
		}
	}
}

// stops is a set of bytes at which a rule has work to do.
type stops [256]bool

func stopSet(bytes string) stops {
	var st stops
	for i := 0; i < len(bytes); i++ {
		st[bytes[i]] = true
	}
	return st
}

// The bytes each rule looks at: the first byte of ș and Ș (U+0218, U+0219),
// of the no-break space (U+00A0), and the ASCII marks of typography.
var (
	commaStops      = stopSet("\xc8")
	blankStops      = stopSet(" \t\xc2")
	apostropheStops = stopSet("'")
	quoteStops      = stopSet("\"'")
	dotStops        = stopSet(".")
	dashStops       = stopSet("-")
)

// upTo copies s[i:lim] up to the first byte in st to b and returns that
// byte's offset (lim if there is none), so that rules skip the text they
// have nothing to do with in one tight loop.
func upTo(b *strings.Builder, s string, i, lim int, st *stops) int {
	j := i
	for j < lim && !st[s[j]] {
		j++
	}
	b.WriteString(s[i:j])
	return j
}
