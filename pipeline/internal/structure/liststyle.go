package structure

import (
	"bytes"

	"github.com/yuin/goldmark/ast"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// listMarker is an ordered list item's marker as written, when goldmark
// cannot read it: a letter or roman numeral ("a)", "iv."), a number in
// parentheses ("(1)") or "#.".
type listMarker struct {
	style doc.ListStyle
	delim doc.ListDelim
	num   int
}

// maxMarker is the longest marker rewritten: goldmark reads at most nine
// digits, and the rewrite keeps the marker's width.
const maxMarker = 10

// fancyLists finds pandoc's ordered list markers that CommonMark does not
// know (a) A. i. I. (1) #.) and returns a copy of src in which each is
// replaced by a decimal marker of the same width that goldmark reads
// ("a)" → "1)", "(iv)" → "001)"), with the markers as written keyed by
// their byte offset; styleList puts them back. Offsets and widths do not
// change, so positions and indentation stay right, and every text value is
// read from the original src. It returns src itself when there is none.
//
// To keep running text running text, a marker counts only where a list
// may start: after a blank line, at the start of the text, right after
// another list item line, or in a list of markers already found. As in
// pandoc, a capital letter with a period needs two spaces after it, so
// that "A. Yılmaz dedi" stays a sentence; so does every capital roman
// numeral with a period ("II. Dünya Savaşı", "IV. Murat"), where pandoc
// asks it of single letters only. Every marker needs text after it.
// Fenced code is skipped.
func fancyLists(src []byte) ([]byte, map[int]listMarker) {
	var out []byte
	var markers map[int]listMarker
	type context struct {
		indent int
		style  doc.ListStyle
		delim  doc.ListDelim
	}
	var lists []context
	prevBlank, prevItem := true, false
	var fence []byte // the open code fence, nil when none
	for start := 0; start < len(src); {
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += start
		}
		line := src[start:end]
		next := end + 1
		ind := 0
		for ind < len(line) && line[ind] == ' ' {
			ind++
		}
		body := line[ind:]
		blank := len(bytes.TrimSpace(line)) == 0
		switch {
		case fence != nil:
			if bytes.HasPrefix(body, fence) && len(bytes.Trim(body, string(fence[:1])+" \t\r")) == 0 {
				fence = nil
			}
			start, prevBlank, prevItem = next, false, false
			continue
		case bytes.HasPrefix(body, []byte("```")) || bytes.HasPrefix(body, []byte("~~~")):
			n := 0
			for n < len(body) && body[n] == body[0] {
				n++
			}
			fence = body[:n]
			start, prevBlank, prevItem = next, false, false
			continue
		case blank:
			start, prevBlank, prevItem = next, true, false
			continue
		}
		// Leave the lists a line less indented than them after a blank line.
		if prevBlank {
			for len(lists) > 0 && lists[len(lists)-1].indent >= ind {
				lists = lists[:len(lists)-1]
			}
		}
		var ctx *context
		nested := false
		for i := range lists {
			if lists[i].indent == ind {
				ctx = &lists[i]
			}
			if lists[i].indent < ind {
				nested = true
			}
		}
		isItem := isPlainListItem(body)
		if (ind <= 3 || nested) && (prevBlank || prevItem || ctx != nil) {
			var pstyle doc.ListStyle
			var pdelim doc.ListDelim = "?" // no list to continue
			if ctx != nil {
				pstyle, pdelim = ctx.style, ctx.delim
			}
			if m, w, ok := parseListMarker(body, pstyle, pdelim); ok {
				if out == nil {
					out = bytes.Clone(src)
					markers = map[int]listMarker{}
				}
				at := start + ind
				copy(out[at:at+w], decimalMarker(w, m.delim))
				markers[at] = m
				for len(lists) > 0 && lists[len(lists)-1].indent >= ind {
					lists = lists[:len(lists)-1]
				}
				lists = append(lists, context{ind, m.style, m.delim})
				isItem = true
			}
		}
		start, prevBlank, prevItem = next, false, isItem
	}
	if out == nil {
		return src, nil
	}
	return out, markers
}

// decimalMarker returns a decimal marker of width w for goldmark: zeros,
// "1" and the delimiter.
func decimalMarker(w int, delim doc.ListDelim) []byte {
	b := bytes.Repeat([]byte{'0'}, w-2)
	b = append(b, '1')
	if delim == doc.DelimPeriod {
		return append(b, '.')
	}
	return append(b, ')')
}

// isPlainListItem reports whether s starts with a marker CommonMark knows:
// "-", "*", "+" or digits with "." or ")", then a space.
func isPlainListItem(s []byte) bool {
	if len(s) >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && (s[1] == ' ' || s[1] == '\t') {
		return true
	}
	i := 0
	for i < len(s) && i < 9 && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(s) && (s[i] == '.' || s[i] == ')') && (s[i+1] == ' ' || s[i+1] == '\t')
}

// parseListMarker parses a pandoc list marker that goldmark does not read
// at the start of s and returns it with its width. A single letter that is
// also a roman numeral ("i", "v") is read in the style of the list it
// continues (pstyle with pdelim), else as pandoc reads it: "i" and "I" as
// roman one, the others as letters.
func parseListMarker(s []byte, pstyle doc.ListStyle, pdelim doc.ListDelim) (listMarker, int, bool) {
	var m listMarker
	i := 0
	parens := len(s) > 0 && s[0] == '('
	if parens {
		i = 1
	}
	j := i
	for j < len(s) && j-i < maxMarker && isMarkerByte(s[j]) {
		j++
	}
	word := s[i:j]
	if len(word) == 0 || j >= len(s) {
		return m, 0, false
	}
	switch {
	case parens && s[j] == ')':
		m.delim = doc.DelimParens
	case parens:
		return m, 0, false
	case s[j] == '.':
		m.delim = doc.DelimPeriod
	case s[j] == ')':
		m.delim = doc.DelimParen
	default:
		return m, 0, false
	}
	w := j + 1
	if w > maxMarker || w < 2 {
		return m, 0, false
	}
	// Text must follow: a space or tab, then something other than space.
	rest := s[w:]
	if len(rest) < 2 || (rest[0] != ' ' && rest[0] != '\t') || len(bytes.TrimSpace(rest)) == 0 {
		return m, 0, false
	}
	switch {
	case allDigits(word):
		if !parens || len(word) > 9 {
			return m, 0, false // goldmark reads "1." and "1)" itself
		}
		m.style, m.num = doc.StyleDecimal, leadingNumber(word, 0)
	case len(word) == 1 && word[0] == '#':
		if parens {
			return m, 0, false
		}
		m.style, m.num = doc.StyleDecimal, 1
	case len(word) == 1 && isLetter(word[0]):
		c := word[0]
		lower := 'a' <= c && c <= 'z'
		alpha, roman := doc.StyleUpperAlpha, doc.StyleUpperRoman
		if lower {
			alpha, roman = doc.StyleLowerAlpha, doc.StyleLowerRoman
		}
		r, isRoman := romanValue(word)
		switch {
		case isRoman && pstyle == roman && pdelim == m.delim:
			m.style, m.num = roman, r
		case pstyle == alpha && pdelim == m.delim:
			m.style, m.num = alpha, int(c|0x20-'a')+1
		case c == 'i' || c == 'I':
			m.style, m.num = roman, 1
		default:
			m.style, m.num = alpha, int(c|0x20-'a')+1
		}
	default:
		r, ok := romanValue(word)
		if !ok {
			return m, 0, false
		}
		m.num = r
		m.style = doc.StyleLowerRoman
		if 'A' <= word[0] && word[0] <= 'Z' {
			m.style = doc.StyleUpperRoman
		}
	}
	// pandoc: a capital letter with a period, and I., V., X., L., C., D.,
	// M., need two spaces (or a tab) after them. Every capital roman
	// numeral with a period does here: Turkish text starts sentences with
	// "II. Dünya Savaşı" and "IV. Murat".
	if m.delim == doc.DelimPeriod && (m.style == doc.StyleUpperAlpha || m.style == doc.StyleUpperRoman) {
		if rest[0] != '\t' && (len(rest) < 2 || rest[1] != ' ') {
			return m, 0, false
		}
	}
	return m, w, true
}

func isMarkerByte(c byte) bool {
	return '0' <= c && c <= '9' || isLetter(c) || c == '#'
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func allDigits(s []byte) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(s) > 0
}

// romanValue returns the value of a roman numeral in one case ("xiv",
// "XIV"), up to 3999, or false.
func romanValue(s []byte) (int, bool) {
	if len(s) == 0 || len(s) > 15 {
		return 0, false
	}
	upper := 'A' <= s[0] && s[0] <= 'Z'
	val := func(c byte) int {
		if upper != ('A' <= c && c <= 'Z') {
			return 0
		}
		switch c | 0x20 {
		case 'i':
			return 1
		case 'v':
			return 5
		case 'x':
			return 10
		case 'l':
			return 50
		case 'c':
			return 100
		case 'd':
			return 500
		case 'm':
			return 1000
		}
		return 0
	}
	total := 0
	for i := range s {
		v := val(s[i])
		if v == 0 {
			return 0, false
		}
		if i+1 < len(s) && v < val(s[i+1]) {
			total -= v
		} else {
			total += v
		}
	}
	// Only canonical numerals: writing the value back gives s.
	if total <= 0 || total > 3999 || !bytes.EqualFold(roman(total), s) {
		return 0, false
	}
	return total, true
}

// roman writes n in lower-case roman numerals.
func roman(n int) []byte {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var b []byte
	for i, v := range vals {
		for n >= v {
			b = append(b, syms[i]...)
			n -= v
		}
	}
	return b
}

// styleList gives list l, converted from n, the style, delimiter and
// start its markers were written with, and splits it where the style or
// delimiter changes (pandoc starts a new list there). l's items are n's
// items in order.
func (c *converter) styleList(n *ast.List, l *doc.List) []doc.Block {
	if !l.Ordered {
		return []doc.Block{l}
	}
	defaultDelim := doc.DelimPeriod
	if n.Marker == ')' {
		defaultDelim = doc.DelimParen
	}
	items := l.Items
	l.Items = nil
	var out []doc.Block
	var cur *doc.List
	i := 0
	for it := n.FirstChild(); it != nil && i < len(items); it = it.NextSibling() {
		m, ok := c.markers[it.Pos()]
		if !ok {
			m = listMarker{style: doc.StyleDecimal, delim: defaultDelim, num: leadingNumber(c.src, it.Pos())}
		}
		switch {
		case cur == nil:
			cur = l
			cur.Style, cur.Delim = m.style, m.delim
			if ok {
				cur.Start = m.num
			}
		case m.style != cur.Style || m.delim != cur.Delim:
			out = append(out, cur)
			cur = &doc.List{Pos: items[i].Pos, Ordered: true, Start: m.num, Style: m.style, Delim: m.delim}
		}
		cur.Items = append(cur.Items, items[i])
		i++
	}
	cur.Items = append(cur.Items, items[i:]...)
	return append(out, cur)
}

// leadingNumber returns the number that src holds at offset off, 0 when
// none.
func leadingNumber(src []byte, off int) int {
	n := 0
	for i := off; i >= 0 && i < len(src) && i < off+9 && '0' <= src[i] && src[i] <= '9'; i++ {
		n = n*10 + int(src[i]-'0')
	}
	return n
}
