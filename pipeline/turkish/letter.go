package turkish

import "unicode"

// IsWordRune reports whether r is a letter or a digit, as unicode.IsLetter
// or unicode.IsDigit would. ASCII and the Turkish letters outside Latin-1
// (ı ğ ş İ Ğ Ş) are answered without the Unicode tables, since they make
// up almost all of a Turkish text.
func IsWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	switch r {
	case 'ı', 'ğ', 'ş', 'İ', 'Ğ', 'Ş':
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
