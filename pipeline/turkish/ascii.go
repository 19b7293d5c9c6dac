package turkish

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// asciiLetters transliterates the letters that Unicode decomposition does not
// reduce to ASCII (ı has no dot to strip) and a few ligatures.
var asciiLetters = map[rune]string{
	'ı': "i", 'İ': "I", 'ß': "ss", 'æ': "ae", 'Æ': "AE", 'œ': "oe", 'Œ': "OE",
	'ø': "o", 'Ø': "O", 'đ': "d", 'Đ': "D", 'ł': "l", 'Ł': "L", 'þ': "th", 'Þ': "TH",
}

// ASCIIFold returns s with Turkish and other Latin letters transliterated to
// ASCII, keeping their case (ç→c, Ğ→G, ı→i, İ→I, ö→o, Ş→S, ü→u, â→a).
// Combining marks are dropped; every other character is kept as it is. It is
// meant for names (file names, identifiers), not for text.
func ASCIIFold(s string) string {
	if f, ok := foldTurkishASCII(s); ok {
		return f
	}
	return foldNFD(s)
}

// foldNFD is ASCIIFold of any s: decomposition, then the letters and
// marks it leaves.
func foldNFD(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if t, ok := asciiLetters[r]; ok {
			b.WriteString(t)
			continue
		}
		if unicode.Is(unicode.Mn, r) {
			continue // a mark left by decomposition: ç = c + U+0327
		}
		b.WriteRune(r)
	}
	return b.String()
}

// foldTurkishASCII is ASCIIFold of s when s is ASCII and the letters of
// the Turkish alphabet (with â î û), each of which decomposes on its own
// into an ASCII letter and marks: ok is false for any other s. It skips
// the decomposition, and returns an ASCII s as it is.
func foldTurkishASCII(s string) (string, bool) {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s, true
	}
	b := make([]byte, i, len(s))
	copy(b, s)
	for _, r := range s[i:] {
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
			continue
		}
		c := turkishASCII(r)
		if c == 0 {
			return "", false
		}
		b = append(b, c)
	}
	return string(b), true
}

// turkishASCII returns the ASCII letter of a Turkish letter outside ASCII,
// or 0.
func turkishASCII(r rune) byte {
	switch r {
	case 'ç':
		return 'c'
	case 'Ç':
		return 'C'
	case 'ğ':
		return 'g'
	case 'Ğ':
		return 'G'
	case 'ı', 'î':
		return 'i'
	case 'İ', 'Î':
		return 'I'
	case 'ö':
		return 'o'
	case 'Ö':
		return 'O'
	case 'ş':
		return 's'
	case 'Ş':
		return 'S'
	case 'ü', 'û':
		return 'u'
	case 'Ü', 'Û':
		return 'U'
	case 'â':
		return 'a'
	case 'Â':
		return 'A'
	}
	return 0
}
