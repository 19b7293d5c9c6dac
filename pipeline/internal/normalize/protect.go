package normalize

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// region is a byte range [start, end) of a text.
type region struct{ start, end int }

// span is a text with the regions that rules must leave untouched, sorted
// and disjoint.
type span struct {
	s    string
	keep []region
}

// apply runs one rule over the parts of t outside its kept regions and
// copies the kept regions unchanged, returning the new text and where its
// kept regions now are. fn is called with an offset i outside every kept
// region and lim, the start of the next kept region (or len(s)); it writes
// its output to b and returns where to continue, in (i, lim]. It may look at
// all of s for context.
func (t span) apply(fn func(b *strings.Builder, s string, i, lim int) int) span {
	var b strings.Builder
	b.Grow(len(t.s) + len(t.s)/16)
	out := span{keep: make([]region, 0, len(t.keep))}
	i := 0
	for k := 0; ; k++ {
		lim := len(t.s)
		if k < len(t.keep) {
			lim = t.keep[k].start
		}
		for i < lim {
			i = fn(&b, t.s, i, lim)
		}
		if k == len(t.keep) {
			break
		}
		r := t.keep[k]
		start := b.Len()
		b.WriteString(t.s[r.start:r.end])
		out.keep = append(out.keep, region{start, b.Len()})
		i = r.end
	}
	out.s = b.String()
	return out
}

// protect returns the regions of s that typography must not touch: bare
// URLs always, and in Markdown also code spans, fenced and indented code
// blocks (their fence lines included), raw HTML, link destinations and
// titles, autolinks, link reference definitions and backslash escapes.
// Code is found with goldmark's CommonMark parser, so that containers
// (quotes, lists), unclosed fences and backtick runs of every length are
// read exactly as the structure stage will read them.
func protect(s string, markdown bool) []region {
	var rs []region
	rs = append(rs, bareURLs(s)...)
	if markdown {
		rs = append(rs, markdownCode(s)...)
		rs = append(rs, linkTargets(s)...)
		rs = append(rs, authorSyntax(s)...)
	}
	return merge(rs)
}

// merge sorts rs and joins overlapping and touching regions.
func merge(rs []region) []region {
	sort.Slice(rs, func(i, j int) bool { return rs[i].start < rs[j].start })
	out := rs[:0]
	for _, r := range rs {
		if r.end <= r.start {
			continue
		}
		if n := len(out); n > 0 && r.start <= out[n-1].end {
			if r.end > out[n-1].end {
				out[n-1].end = r.end
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

var markdownParser = goldmark.New().Parser()

// markdownCode returns the code and raw HTML regions of Markdown source s.
func markdownCode(s string) []region {
	if !mayHoldCode(s) {
		return nil // the common case: no parse needed
	}
	return parseCode(s)
}

// mayHoldCode reports whether Markdown source s can hold code or raw HTML.
// Each needs one of these: a backquote (code span, fence), a tilde (fence),
// "<" (raw HTML, HTML block, autolink), or indentation of four columns
// (indented code, also inside quotes and lists), which is a tab or four
// spaces in a row.
func mayHoldCode(s string) bool {
	return strings.ContainsAny(s, "`~<\t") || strings.Contains(s, "    ")
}

// parseCode is markdownCode without its fast path: it parses s.
func parseCode(s string) []region {
	src := []byte(s)
	root := markdownParser.Parse(text.NewReader(src))
	var rs []region
	lines := func(n ast.Node) {
		l := n.Lines()
		for i := 0; i < l.Len(); i++ {
			seg := l.At(i)
			rs = append(rs, region{seg.Start, seg.Stop})
		}
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			rs = append(rs, fencedBlock(s, n)...)
			return ast.WalkSkipChildren, nil
		case *ast.CodeBlock:
			// Whole lines: the indentation that makes an indented code block
			// (and any list or quote marker before it) must not change, or
			// the block would stop being code.
			l := n.Lines()
			for i := 0; i < l.Len(); i++ {
				seg := l.At(i)
				rs = append(rs, region{strings.LastIndexByte(s[:seg.Start], '\n') + 1, seg.Stop})
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			lines(n)
			if n.HasClosure() {
				rs = append(rs, region{n.ClosureLine.Start, n.ClosureLine.Stop})
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			rs = append(rs, codeSpan(s, n)...)
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				rs = append(rs, region{seg.Start, seg.Stop})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return rs
}

// fencedBlock returns the region of a fenced code block: from the start of
// its opening fence line to the end of its closing fence line (or of its
// last line when the fence is never closed).
func fencedBlock(s string, n *ast.FencedCodeBlock) []region {
	start, end := -1, -1
	l := n.Lines()
	if n.Info != nil {
		start = n.Info.Segment.Start
	} else if l.Len() > 0 {
		start = strings.LastIndexByte(s[:l.At(0).Start], '\n') // the end of the fence line
		if start < 0 {
			return nil
		}
	}
	if start < 0 {
		return nil // an empty block without info: only fence characters
	}
	start = strings.LastIndexByte(s[:start], '\n') + 1
	end = start
	if k := strings.IndexByte(s[start:], '\n'); k >= 0 {
		end = start + k + 1
	} else {
		end = len(s)
	}
	if l.Len() > 0 {
		end = l.At(l.Len() - 1).Stop
	}
	// The closing fence line, if there is one.
	if end < len(s) {
		next := s[end:]
		if k := strings.IndexByte(next, '\n'); k >= 0 {
			next = next[:k+1]
		}
		fence := strings.TrimRight(strings.TrimLeft(next, " >\t"), " \t\n")
		if fence != "" && (strings.Trim(fence, "`") == "" || strings.Trim(fence, "~") == "") {
			end += len(next)
		}
	}
	return []region{{start, end}}
}

// codeSpan returns the region of a code span, backticks included.
func codeSpan(s string, n *ast.CodeSpan) []region {
	first, ok1 := n.FirstChild().(*ast.Text)
	last, ok2 := n.LastChild().(*ast.Text)
	if !ok1 || !ok2 {
		return nil
	}
	// The segments hold the content without the space goldmark strips next
	// to the backticks and without the indentation of continuation lines;
	// widen to the backtick runs, which lie past white space only.
	start, end := first.Segment.Start, last.Segment.Stop
	k := start
	for k > 0 && strings.IndexByte(" \t\n", s[k-1]) >= 0 {
		k--
	}
	if k > 0 && s[k-1] == '`' {
		for start = k; start > 0 && s[start-1] == '`'; start-- {
		}
	}
	k = end
	for k < len(s) && strings.IndexByte(" \t\n", s[k]) >= 0 {
		k++
	}
	if k < len(s) && s[k] == '`' {
		for end = k; end < len(s) && s[end] == '`'; end++ {
		}
	}
	return []region{{start, end}}
}

// linkTargets returns, line by line, the Markdown syntax that holds URLs:
// inline link destinations and titles "](…)", autolinks "<scheme:…>" and
// "<user@host>", the rest of a link reference definition "[id]: …", and
// backslash escapes "\x" (a quote after a backslash is a literal character
// the writer asked for).
func linkTargets(s string) []region {
	var rs []region
	// The start of the line of i, found when needed: lineStart is the
	// start of the line of seen, and no line starts in (seen, i] unless
	// a '\n' of s[seen:i] says so.
	lineStart, seen := 0, 0
	lineOf := func(i int) int {
		if k := strings.LastIndexByte(s[seen:i], '\n'); k >= 0 {
			lineStart = seen + k + 1
		}
		seen = i
		return lineStart
	}
	for i := 0; i < len(s); i++ {
		if !linkByte[s[i]] {
			continue
		}
		switch s[i] {
		case '\\':
			if i+1 < len(s) && isASCIIPunct(s[i+1]) {
				rs = append(rs, region{i, i + 2})
				i++
			}
		case ']':
			if i+1 < len(s) && s[i+1] == '(' {
				if end := closeParen(s, i+1); end > 0 {
					rs = append(rs, region{i + 1, end})
					i = end - 1
				}
			} else if lead := strings.TrimLeft(s[lineOf(i):i], " "); i+1 < len(s) && s[i+1] == ':' && strings.HasPrefix(lead, "[") && !strings.HasPrefix(lead, "[^") {
				// A link reference definition; a footnote's ("[^1]: …") is text.
				end := strings.IndexByte(s[i:], '\n')
				if end < 0 {
					end = len(s)
				} else {
					end += i
				}
				rs = append(rs, region{i + 1, end})
				i = end - 1
			}
		case '<':
			j := i + 1
			for j < len(s) && s[j] != '>' && s[j] != '<' && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' {
				j++
			}
			if j < len(s) && s[j] == '>' && strings.ContainsAny(s[i+1:j], ":@") {
				rs = append(rs, region{i, j + 1})
				i = j
			}
		}
	}
	return rs
}

// linkByte marks the bytes linkTargets looks at: every other byte is
// skipped with one lookup.
var linkByte = [256]bool{'\\': true, ']': true, '<': true}

// closeParen returns the offset after the ")" that closes the "(" at
// s[open], on the same line, or -1.
func closeParen(s string, open int) int {
	depth := 0
	for i := open; i < len(s); i++ {
		switch s[i] {
		case '\n':
			return -1
		case '\\':
			i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return -1
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

// bareURLs returns the URLs written without Markdown syntax: from
// "http://", "https://", "ftp://", "mailto:" or "www." to the next white
// space or angle bracket, without trailing punctuation.
func bareURLs(s string) []region {
	var rs []region
	for i := 0; i < len(s); {
		for i < len(s) && !urlLead[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		if !urlStart(s[i:]) {
			i++
			continue
		}
		if prev, _ := around(s, i, i); wordRune(prev) {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] > ' ' && s[j] != '<' && s[j] != '>' && s[j] != '"' && s[j] != '`' {
			j++
		}
		end := j
		for end > i && strings.IndexByte(".,;:!?'\")]}*_", s[end-1]) >= 0 {
			end--
		}
		rs = append(rs, region{i, end})
		i = j
	}
	return rs
}

// urlLead marks the bytes bareURLs looks for a URL at.
var urlLead = [256]bool{'h': true, 'f': true, 'm': true, 'w': true, 'H': true, 'W': true}

// urlStart reports whether s starts with "http://", "https://", "ftp://",
// "mailto:" or "www." in any case. A non-ASCII character, two bytes or
// more, never stands for an ASCII one in those lengths: the comparison is
// ASCII's.
func urlStart(s string) bool {
	switch lowerASCII(s[0]) {
	case 'h':
		return hasPrefixASCIIFold(s, "http://") || hasPrefixASCIIFold(s, "https://")
	case 'f':
		return hasPrefixASCIIFold(s, "ftp://")
	case 'm':
		return hasPrefixASCIIFold(s, "mailto:")
	case 'w':
		return hasPrefixASCIIFold(s, "www.")
	}
	return false
}

// hasPrefixASCIIFold reports whether s starts with prefix, lower-case
// ASCII, with its letters in any case.
func hasPrefixASCIIFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for k := 0; k < len(prefix); k++ {
		if lowerASCII(s[k]) != prefix[k] {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
