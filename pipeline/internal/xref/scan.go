package xref

import "bytes"

// MayRefer reports whether a Markdown seed's raw bytes may hold something
// that needs the whole book's index before the first document is
// published: an internal link ("#id", "file.md"), a cross-reference
// ("@fig-id") or an id the author gave ("{#id}"). It looks only for the
// characters that any of these needs: a '@', a '#' other than the marks
// that open an ATX heading ("## Başlık"), a seed extension (".md", ".txt",
// in any case), or the same written as an entity or percent-escape
// ("&commat;", "&num;", "&period;", "%2E"). It may answer true for a seed
// that has none (an e-mail address, "C#"), never false for one that has
// one. Bytes that are not ASCII-compatible (UTF-16, with a byte-order mark
// or NUL bytes) answer true.
func MayRefer(src []byte) bool {
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) || bytes.IndexByte(src, 0) >= 0 {
		return true
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if !scanned[c] {
			continue
		}
		switch c {
		case '@':
			return true
		case '#':
			lineStart := bytes.LastIndexByte(src[:i], '\n') + 1
			if i == openingMarks(src, lineStart) {
				// Skip the run of marks that opens a heading.
				for i+1 < len(src) && src[i+1] == '#' {
					i++
				}
				continue
			}
			return true
		case '.':
			if hasFoldPrefix(src[i+1:], "md") || hasFoldPrefix(src[i+1:], "txt") {
				return true
			}
		case '&':
			rest := src[i+1:]
			if hasFoldPrefix(rest, "commat;") || hasFoldPrefix(rest, "num;") || hasFoldPrefix(rest, "period;") {
				return true
			}
		case '%':
			if hasFoldPrefix(src[i+1:], "2e") {
				return true
			}
		}
	}
	return false
}

// scanned marks the bytes that MayRefer looks at more closely; it skips
// every other byte with one lookup.
var scanned = [256]bool{'@': true, '#': true, '.': true, '&': true, '%': true}

// openingMarks returns the index of the first '#' of an ATX heading that
// opens the line at start (up to three spaces, one to six '#', then a
// space, a tab or the end of the line), or -1.
func openingMarks(src []byte, start int) int {
	i := start
	for i < len(src) && i-start < 3 && src[i] == ' ' {
		i++
	}
	j := i
	for j < len(src) && src[j] == '#' {
		j++
	}
	if j == i || j-i > 6 {
		return -1
	}
	if j < len(src) && src[j] != ' ' && src[j] != '\t' && src[j] != '\n' && src[j] != '\r' {
		return -1
	}
	return i
}

// hasFoldPrefix reports whether b starts with the lower-case ASCII prefix,
// in any case.
func hasFoldPrefix(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if b[i]|0x20 != prefix[i] {
			return false
		}
	}
	return true
}
