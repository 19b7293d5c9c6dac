package turkish

import (
	"testing"
	"unicode"
)

// TestIsWordRune checks IsWordRune's fast paths against the Unicode tables.
func TestIsWordRune(t *testing.T) {
	for r := rune(0); r <= 0x2FFF; r++ {
		if got, want := IsWordRune(r), unicode.IsLetter(r) || unicode.IsDigit(r); got != want {
			t.Errorf("IsWordRune(%U) = %v, want %v", r, got, want)
		}
	}
}
