package dataset

import (
	"math/bits"
	"unicode/utf8"
)

// This file counts code points for the offsets of the records, in one
// place. A document's text is counted several times over (each
// paragraph's span, each sentence's, and again by chunk.check), and Turkish
// text has a multi-byte letter every few bytes, where a count by
// utf8.DecodeRuneInString spends most of its time. In valid UTF-8 every
// byte but a continuation byte (10xxxxxx) starts a code point, so a count
// is the length less the continuation bytes, eight bytes at a time; text
// that is not valid UTF-8 is counted rune by rune, as utf8 counts it
// (each byte of an invalid sequence one code point). TestRunes and
// FuzzRunes hold both to the utf8 package.

// string8 returns the first eight bytes of s as a little-endian word.
func string8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// continuations returns the number of continuation bytes in w: a high
// bit set and the bit below it clear.
func continuations(w uint64) int { return bits.OnesCount64(w &^ (w << 1) & highBits) }

// countRunes returns utf8.RuneCountInString(s) and utf8.ValidString(s).
func countRunes(s string) (n int, valid bool) {
	if !utf8.ValidString(s) {
		return utf8.RuneCountInString(s), false
	}
	return validRunes(s), true
}

// validRunes returns the number of code points of s, valid UTF-8.
func validRunes(s string) int {
	n := len(s)
	i := 0
	for ; i+8 <= len(s); i += 8 {
		n -= continuations(string8(s[i:]))
	}
	for ; i < len(s); i++ {
		if s[i]&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// runeCursor maps code-point offsets of s to byte offsets, moving forward
// from the last offset asked for, so that a run of increasing offsets costs
// one pass over s. In valid UTF-8 (valid) it moves eight bytes at a time.
type runeCursor struct {
	s     string
	valid bool // s is valid UTF-8
	runes int
	bytes int
}

// newRuneCursor returns a cursor over s; valid must say whether s is
// valid UTF-8.
func newRuneCursor(s string, valid bool) runeCursor { return runeCursor{s: s, valid: valid} }

// byteAt returns the byte offset of code point r of s; r must be at most
// the number of code points of s.
func (c *runeCursor) byteAt(r int) int {
	if r < c.runes {
		c.runes, c.bytes = 0, 0
	}
	if !c.valid {
		for c.runes < r {
			_, size := utf8.DecodeRuneInString(c.s[c.bytes:])
			c.bytes += size
			c.runes++
		}
		return c.bytes
	}
	// c.bytes is where code point c.runes starts: skip whole words while
	// every code point starting in them comes before r, then the bytes
	// that continue the last of them.
	s := c.s
	for c.bytes+8 <= len(s) {
		k := 8 - continuations(string8(s[c.bytes:]))
		if c.runes+k > r {
			break
		}
		c.runes += k
		c.bytes += 8
		for c.bytes < len(s) && s[c.bytes]&0xC0 == 0x80 {
			c.bytes++
		}
	}
	for c.runes < r && c.bytes < len(s) {
		c.bytes++
		for c.bytes < len(s) && s[c.bytes]&0xC0 == 0x80 {
			c.bytes++
		}
		c.runes++
	}
	return c.bytes
}
