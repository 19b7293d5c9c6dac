package segment

import (
	"unicode"

	"github.com/seedpress/seedpress/pipeline/turkish"
)

// Character classes of the runes below tableSize, looked up in one table
// instead of the Unicode range tables: ASCII, Latin-1, the Latin
// extensions (ı ğ ş İ Ğ Ş), the combining marks and the general
// punctuation (’ “ ” — …) make up almost all of a Turkish text. The table
// is filled from package unicode, so every answer is unicode's.
const (
	classSpace = 1 << iota
	classLetter
	classLower
	classUpper
	classDigit
	classMark
	classWord     // a letter or a digit: turkish.IsWordRune
	classTerminal // sentence punctuation: isTerminal
)

// tableSize bounds the runes answered from classes: up to the end of
// General Punctuation (U+206F).
const tableSize = 0x2070

var classes = func() (t [tableSize]uint8) {
	for r := range rune(tableSize) {
		var c uint8
		if unicode.IsSpace(r) {
			c |= classSpace
		}
		if unicode.IsLetter(r) {
			c |= classLetter
		}
		if unicode.IsLower(r) {
			c |= classLower
		}
		if unicode.IsUpper(r) {
			c |= classUpper
		}
		if unicode.IsDigit(r) {
			c |= classDigit
		}
		if unicode.IsMark(r) {
			c |= classMark
		}
		if turkish.IsWordRune(r) {
			c |= classWord
		}
		if isTerminal(r) {
			c |= classTerminal
		}
		t[r] = c
	}
	return t
}()

// isSpace is unicode.IsSpace.
func isSpace(r rune) bool {
	if uint32(r) < tableSize {
		return classes[r]&classSpace != 0
	}
	return unicode.IsSpace(r)
}

// isLetter is unicode.IsLetter.
func isLetter(r rune) bool {
	if uint32(r) < tableSize {
		return classes[r]&classLetter != 0
	}
	return unicode.IsLetter(r)
}

// isLower is unicode.IsLower.
func isLower(r rune) bool {
	if uint32(r) < tableSize {
		return classes[r]&classLower != 0
	}
	return unicode.IsLower(r)
}

// isUpper is unicode.IsUpper.
func isUpper(r rune) bool {
	if uint32(r) < tableSize {
		return classes[r]&classUpper != 0
	}
	return unicode.IsUpper(r)
}

// isDigit is unicode.IsDigit.
func isDigit(r rune) bool {
	if uint32(r) < tableSize {
		return classes[r]&classDigit != 0
	}
	return unicode.IsDigit(r)
}

// isMark is unicode.IsMark.
func isMark(r rune) bool {
	if uint32(r) < tableSize {
		return classes[r]&classMark != 0
	}
	return unicode.IsMark(r)
}

// isWordRune is turkish.IsWordRune.
func isWordRune(r rune) bool {
	if uint32(r) < tableSize {
		return classes[r]&classWord != 0
	}
	return turkish.IsWordRune(r)
}

// spaceOrTerminal returns the classSpace and classTerminal bits of r.
func spaceOrTerminal(r rune) uint8 {
	if uint32(r) < tableSize {
		return classes[r] & (classSpace | classTerminal)
	}
	if unicode.IsSpace(r) {
		return classSpace
	}
	return 0 // every sentence punctuation mark is in the table
}
