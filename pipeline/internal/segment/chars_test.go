package segment

import (
	"testing"
	"unicode"

	"github.com/seedpress/seedpress/pipeline/turkish"
)

// TestClasses checks every class function against the function it stands
// for, over every code point and a few values that are not one.
func TestClasses(t *testing.T) {
	tests := []struct {
		name      string
		got, want func(rune) bool
	}{
		{"isSpace", isSpace, unicode.IsSpace},
		{"isLetter", isLetter, unicode.IsLetter},
		{"isLower", isLower, unicode.IsLower},
		{"isUpper", isUpper, unicode.IsUpper},
		{"isDigit", isDigit, unicode.IsDigit},
		{"isMark", isMark, unicode.IsMark},
		{"isWordRune", isWordRune, turkish.IsWordRune},
		{"spaceOrTerminal(r)&classSpace", func(r rune) bool { return spaceOrTerminal(r)&classSpace != 0 }, unicode.IsSpace},
		{"spaceOrTerminal(r)&classTerminal", func(r rune) bool { return spaceOrTerminal(r)&classTerminal != 0 }, isTerminal},
	}
	for _, tt := range tests {
		check := func(r rune) {
			if got, want := tt.got(r), tt.want(r); got != want {
				t.Errorf("%s(%U) = %v, want %v", tt.name, r, got, want)
			}
		}
		for r := rune(0); r <= unicode.MaxRune; r++ {
			check(r)
		}
		for _, r := range []rune{-1, unicode.MaxRune + 1, unicode.ReplacementChar, 1 << 30} {
			check(r)
		}
	}
}
