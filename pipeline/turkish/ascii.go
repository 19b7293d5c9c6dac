package turkish

import (
	"strings"
	"unicode"

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
