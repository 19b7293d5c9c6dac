package dataset

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// decodeJSON decodes one JSON value into the form the schema validator
// takes: map[string]any, []any, string, json.Number, bool or nil, as
// jsonschema.UnmarshalJSON does. It exists for speed: it decodes each
// record right after it is marshalled, and is several times faster than
// encoding/json's reflection-driven decoding into any, which dominated the
// cost of validation.
// Trailing data after the value (other than white space) is an error.
func decodeJSON(b []byte) (any, error) {
	d := jsonDecoder{b: b}
	v, err := d.value()
	if err != nil {
		return nil, err
	}
	d.space()
	if d.i != len(d.b) {
		return nil, fmt.Errorf("json: data after the value at offset %d", d.i)
	}
	return v, nil
}

type jsonDecoder struct {
	b []byte
	i int
}

var errJSONEnd = errors.New("json: unexpected end of input")

func (d *jsonDecoder) space() {
	for d.i < len(d.b) {
		switch d.b[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *jsonDecoder) value() (any, error) {
	d.space()
	if d.i >= len(d.b) {
		return nil, errJSONEnd
	}
	switch c := d.b[d.i]; {
	case c == '{':
		return d.object()
	case c == '[':
		return d.array()
	case c == '"':
		return d.str()
	case c == 't':
		return true, d.literal("true")
	case c == 'f':
		return false, d.literal("false")
	case c == 'n':
		return nil, d.literal("null")
	case c == '-' || c >= '0' && c <= '9':
		return d.number()
	default:
		return nil, fmt.Errorf("json: unexpected %q at offset %d", c, d.i)
	}
}

func (d *jsonDecoder) literal(s string) error {
	if !strings.HasPrefix(string(d.b[d.i:min(len(d.b), d.i+len(s))]), s) {
		return fmt.Errorf("json: bad literal at offset %d", d.i)
	}
	d.i += len(s)
	return nil
}

func (d *jsonDecoder) object() (any, error) {
	d.i++ // {
	m := make(map[string]any)
	d.space()
	if d.i < len(d.b) && d.b[d.i] == '}' {
		d.i++
		return m, nil
	}
	for {
		d.space()
		if d.i >= len(d.b) || d.b[d.i] != '"' {
			return nil, fmt.Errorf("json: want a key at offset %d", d.i)
		}
		k, err := d.str()
		if err != nil {
			return nil, err
		}
		d.space()
		if d.i >= len(d.b) || d.b[d.i] != ':' {
			return nil, fmt.Errorf("json: want ':' at offset %d", d.i)
		}
		d.i++
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		m[k] = v
		d.space()
		if d.i >= len(d.b) {
			return nil, errJSONEnd
		}
		switch d.b[d.i] {
		case ',':
			d.i++
		case '}':
			d.i++
			return m, nil
		default:
			return nil, fmt.Errorf("json: want ',' or '}' at offset %d", d.i)
		}
	}
}

func (d *jsonDecoder) array() (any, error) {
	d.i++ // [
	a := []any{}
	d.space()
	if d.i < len(d.b) && d.b[d.i] == ']' {
		d.i++
		return a, nil
	}
	for {
		v, err := d.value()
		if err != nil {
			return nil, err
		}
		a = append(a, v)
		d.space()
		if d.i >= len(d.b) {
			return nil, errJSONEnd
		}
		switch d.b[d.i] {
		case ',':
			d.i++
		case ']':
			d.i++
			return a, nil
		default:
			return nil, fmt.Errorf("json: want ',' or ']' at offset %d", d.i)
		}
	}
}

func (d *jsonDecoder) str() (string, error) {
	start := d.i
	d.i++ // "
	escaped := false
	for d.i < len(d.b) {
		switch c := d.b[d.i]; {
		case c == '"':
			d.i++
			s := d.b[start+1 : d.i-1]
			if escaped {
				return unescape(s, start)
			}
			for _, c := range s {
				if c < 0x20 {
					return "", fmt.Errorf("json: control character in string at offset %d", start)
				}
			}
			// The record's bytes are never changed once marshalled, so
			// the decoded value may share them instead of copying every
			// text of the book once more.
			return unsafe.String(unsafe.SliceData(s), len(s)), nil
		case c == '\\':
			escaped = true
			d.i += 2
		default:
			d.i++
		}
	}
	return "", errJSONEnd
}

// unescape decodes the body of a JSON string that holds escapes; at is the
// offset of its opening quote, for errors.
func unescape(s []byte, at int) (string, error) {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 {
			return "", fmt.Errorf("json: control character in string at offset %d", at)
		}
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(s) {
			return "", fmt.Errorf("json: bad escape in string at offset %d", at)
		}
		switch s[i] {
		case '"', '\\', '/':
			out = append(out, s[i])
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(s[i+1:])
			if !ok {
				return "", fmt.Errorf("json: bad \\u escape in string at offset %d", at)
			}
			i += 4
			if utf16.IsSurrogate(r) {
				r2, ok := rune(-1), false
				if i+2 < len(s) && s[i+1] == '\\' && s[i+2] == 'u' {
					r2, ok = hex4(s[i+3:])
				}
				if ok {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						r = dec
						i += 6
					} else {
						r = utf8.RuneError
					}
				} else {
					r = utf8.RuneError
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			return "", fmt.Errorf("json: bad escape in string at offset %d", at)
		}
	}
	return string(out), nil
}

// hex4 decodes four hex digits.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

func (d *jsonDecoder) number() (any, error) {
	start := d.i
	for d.i < len(d.b) {
		c := d.b[d.i]
		if c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E' || c >= '0' && c <= '9' {
			d.i++
			continue
		}
		break
	}
	n := json.Number(d.b[start:d.i])
	if !json.Valid(d.b[start:d.i]) {
		return nil, fmt.Errorf("json: bad number %q at offset %d", n, start)
	}
	return n, nil
}
