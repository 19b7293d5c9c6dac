package structure

import (
	"bytes"
	"strings"
)

// stripComments removes the HTML comments ("<!-- … -->") from s. It
// returns the rest and whether s held a comment. An unclosed comment runs
// to the end of s.
func stripComments(s string) (string, bool) {
	i := strings.Index(s, "<!--")
	if i < 0 {
		return s, false
	}
	var b strings.Builder
	for i >= 0 {
		b.WriteString(s[:i])
		rest := s[i+4:]
		j := strings.Index(rest, "-->")
		if j < 0 {
			s = ""
			break
		}
		s = rest[j+3:]
		i = strings.Index(s, "<!--")
	}
	b.WriteString(s)
	return b.String(), true
}

// isComment reports whether raw HTML v is one HTML comment and nothing
// else.
func isComment(v []byte) bool {
	v = bytes.TrimSpace(v)
	return bytes.HasPrefix(v, []byte("<!--")) && bytes.HasSuffix(v, []byte("-->")) &&
		len(v) >= 7 && !bytes.Contains(v[4:len(v)-3], []byte("-->"))
}
