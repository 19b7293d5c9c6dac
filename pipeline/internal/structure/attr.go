package structure

import (
	"strings"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// parseAttr parses pandoc's attribute syntax at the start of s: "{", then
// "#id", ".class", "key=value" (the value bare, or in double or single
// quotes, with backslash escapes), "-" (pandoc's .unnumbered) separated by
// white space, then "}". It returns the attributes and the bytes read, or
// ok false when s does not start with a well-formed attribute list (which
// is then text). The braces must close on the same line.
func parseAttr(s []byte) (attr doc.Attr, n int, ok bool) {
	if len(s) == 0 || s[0] != '{' {
		return doc.Attr{}, 0, false
	}
	i := 1
	for {
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		if i >= len(s) || s[i] == '\n' || s[i] == '\r' {
			return doc.Attr{}, 0, false
		}
		switch c := s[i]; {
		case c == '}':
			return attr, i + 1, true
		case c == '#' || c == '.':
			j := i + 1
			for j < len(s) && isAttrNameByte(s[j]) {
				j++
			}
			if j == i+1 {
				return doc.Attr{}, 0, false
			}
			name := string(s[i+1 : j])
			if c == '#' {
				attr.ID = name
			} else {
				attr.Classes = append(attr.Classes, name)
			}
			i = j
		case c == '-' && i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '}'):
			attr.Classes = append(attr.Classes, "unnumbered")
			i++
		case isAttrKeyStart(c):
			j := i
			for j < len(s) && isAttrNameByte(s[j]) {
				j++
			}
			key := string(s[i:j])
			if j >= len(s) || s[j] != '=' {
				return doc.Attr{}, 0, false
			}
			j++
			val, m, ok := attrValue(s[j:])
			if !ok {
				return doc.Attr{}, 0, false
			}
			if key == "id" {
				attr.ID = val
			} else if key == "class" {
				attr.Classes = append(attr.Classes, strings.Fields(val)...)
			} else {
				attr.Pairs = append(attr.Pairs, doc.KeyValue{Key: key, Value: val})
			}
			i = j + m
		default:
			return doc.Attr{}, 0, false
		}
		// An attribute ends at white space or the closing brace.
		if i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '}' {
			return doc.Attr{}, 0, false
		}
	}
}

// attrValue reads a key's value at the start of s: quoted (double or
// single quotes, backslash escapes) or bare (up to white space or "}").
func attrValue(s []byte) (string, int, bool) {
	if len(s) == 0 {
		return "", 0, false
	}
	if q := s[0]; q == '"' || q == '\'' {
		var b strings.Builder
		for i := 1; i < len(s); i++ {
			switch c := s[i]; {
			case c == '\\' && i+1 < len(s) && s[i+1] != '\n':
				i++
				b.WriteByte(s[i])
			case c == q:
				return b.String(), i + 1, true
			case c == '\n' || c == '\r':
				return "", 0, false
			default:
				b.WriteByte(c)
			}
		}
		return "", 0, false
	}
	i := 0
	for i < len(s) && s[i] != ' ' && s[i] != '\t' && s[i] != '}' && s[i] != '\n' && s[i] != '\r' && s[i] != '"' && s[i] != '\'' {
		i++
	}
	if i == 0 {
		return "", 0, false
	}
	return string(s[:i]), i, true
}

func isAttrKeyStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

// isAttrNameByte reports whether c may be part of an id, class or key:
// ASCII letters and digits, "-", "_", ":", "." and any byte of a non-ASCII
// character (Turkish ids such as #şekil-1).
func isAttrNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == ':' || c == '.' || c >= 0x80
}
