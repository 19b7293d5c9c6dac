package segment

import (
	"slices"
	"unicode"

	"github.com/seedpress/seedpress/pipeline/turkish"
)

// isOpenerWord reports whether w is a sentence opener (see
// turkish.IsSentenceOpener). Words longer than 12 letters are not
// openers and are not converted.
func isOpenerWord(w []rune) bool {
	return len(w) > 0 && len(w) <= 12 && turkish.IsSentenceOpener(string(w))
}

// Word kinds before a period.
const (
	wordOrdinary = iota
	wordAbbrev
	wordTerminalAbbrev
	wordInitial
	wordRoman
	wordSmallNumber
	wordNumber
	wordNoVowel
)

// classify tells what kind of word w is, as far as a following period is
// concerned.
func classify(w []rune) int {
	s := string(w)
	switch known, terminal := turkish.LookupAbbreviation(s); {
	case terminal:
		return wordTerminalAbbrev
	case known:
		return wordAbbrev
	}
	if len(w) == 1 && isLetter(w[0]) {
		// "o" is the pronoun and ends sentences ("Gelen o."); any other
		// single letter is an initial or a reference letter (s., c.).
		if w[0] == 'o' {
			return wordOrdinary
		}
		return wordInitial
	}
	if n := numberKind(w); n != wordOrdinary {
		return n
	}
	if isRoman(s) {
		return wordRoman
	}
	if dottedInitials(w) {
		return wordInitial
	}
	if noVowel(w) {
		return wordNoVowel
	}
	return wordOrdinary
}

// abbreviationLike reports whether w, an ordinary word before a period
// (see classify), is written the way abbreviations and symbols are and
// words that end Turkish sentences are not:
//
//   - with a capital after its first letter: acronyms and unit or
//     currency symbols (AKP, TL, USD, kWh, 400TL);
//   - capitalised inside its sentence (first is false): a title or an
//     unlisted abbreviation (Gn., Yön., Müd.), or a proper noun, which
//     ends a Turkish sentence only as a bare predicate;
//   - without a vowel, inside its sentence: every Turkish word has one,
//     so sn. and gnl. are shortened; chat shorthand (tmm., slm.) is an
//     exception, as it ends sentences (see turkish.IsChatShorthand), and
//     so is a vowel-less word alone, an interjection (Hmm., Pff.).
//
// A word with a suffix after an apostrophe (Ankara’ya, ABD’de) is an
// inflected word, never an abbreviation: a suffix comes after the period
// of an abbreviation, without an apostrophe (vb.leri, s.den).
func abbreviationLike(w []rune, first bool) bool {
	if len(w) == 0 {
		return false
	}
	vowel, inner := false, false
	for k, r := range w {
		if r == '\'' || r == '’' {
			return false
		}
		inner = inner || k > 0 && isUpper(r)
		vowel = vowel || isVowel(r)
	}
	if inner {
		return true
	}
	if first {
		// A capital may only mark the sentence start, and a sentence
		// of one vowel-less word is an interjection: "Hmm. sanırım".
		return false
	}
	return isUpper(w[0]) || !vowel && isLetter(w[0]) && !turkish.IsChatShorthand(string(w))
}

// numberKind classifies digits: wordSmallNumber for 1 to 3 plain digits,
// wordNumber for longer numbers and numbers with inner separators
// (16.551.000, 3,5, 29.05.2023, 14.30, 90+3), wordOrdinary for anything else
// (1996’da, 3-1, 5km).
func numberKind(w []rune) int {
	digits, seps := 0, 0
	for i, r := range w {
		switch {
		case isDigit(r):
			digits++
		case (r == '.' || r == ',' || r == ':' || r == '/' || r == '+') && i > 0 && i < len(w)-1 &&
			isDigit(w[i-1]) && isDigit(w[i+1]):
			seps++
		default:
			return wordOrdinary
		}
	}
	if seps == 0 && digits <= 3 {
		return wordSmallNumber
	}
	return wordNumber
}

// isRoman reports whether s is an upper-case Roman numeral (I to MMMCMXCIX).
// "I" and "V" alone are single letters and counted as initials before this.
func isRoman(s string) bool {
	if s == "" || len(s) > 9 {
		return false
	}
	total := 0
	for i := 0; i < len(s); i++ {
		v := romanValue(s[i])
		if v == 0 {
			return false
		}
		if i+1 < len(s) && romanValue(s[i+1]) > v {
			total -= v
		} else {
			total += v
		}
	}
	// Well-formed: writing the value back gives the same string.
	return total > 0 && total < 4000 && toRoman(total) == s
}

func romanValue(c byte) int {
	switch c {
	case 'I':
		return 1
	case 'V':
		return 5
	case 'X':
		return 10
	case 'L':
		return 50
	case 'C':
		return 100
	case 'D':
		return 500
	case 'M':
		return 1000
	}
	return 0
}

func toRoman(n int) string {
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b []byte
	for i, v := range vals {
		for n >= v {
			b = append(b, syms[i]...)
			n -= v
		}
	}
	return string(b)
}

// dottedInitials reports whether w is groups of letters joined by inner
// periods, each group one to three letters long or an abbreviation: J.R.R,
// A.Ş, Ph.D, a.g.e, Prof.Dr. Domain names (example.com) have longer groups.
func dottedInitials(w []rune) bool {
	if !slices.Contains(w, '.') {
		return false // one group at most
	}
	groups, start := 0, 0
	for i := 0; i <= len(w); i++ {
		if i < len(w) && w[i] != '.' {
			if !isLetter(w[i]) {
				return false
			}
			continue
		}
		n := i - start
		if n == 0 || n > 3 && !turkish.IsAbbreviation(string(w[start:i])) {
			return false
		}
		groups++
		start = i + 1
	}
	return groups > 1
}

// noVowel reports whether w is a short capitalised word without a vowel:
// Tğm, Yzb, Bnb, an unlisted title or rank. Turkish words always have a
// vowel. All-capitals acronyms (TBMM) end sentences like other words, and
// so do lower-case ones: the lower-case abbreviations that continue a
// sentence are listed in turkish.IsAbbreviation, and the rest are chat
// shorthand that ends one (tmm., slm., tşk.), capitalised or not (see
// turkish.IsChatShorthand).
func noVowel(w []rune) bool {
	if len(w) < 2 || len(w) > 5 || !isUpper(w[0]) || turkish.IsChatShorthand(string(w)) {
		return false
	}
	for _, r := range w[1:] {
		if !isLower(r) || isVowel(r) {
			return false
		}
	}
	return !isVowel(w[0])
}

func isVowel(r rune) bool {
	switch unicode.ToLower(r) {
	case 'a', 'e', 'ı', 'i', 'o', 'ö', 'u', 'ü', 'â', 'î', 'û', 'y', 'é', 'è', 'à', 'ä', 'ë', 'ï', 'ô', 'ó', 'ú', 'í', 'á':
		return true
	}
	return r == 'I' || r == 'İ'
}

// isSpeechVerb reports whether word, a lower-case word of at most 16
// letters, is a speech verb (see turkish.IsSpeechVerb).
func isSpeechVerb(word []rune) bool {
	return len(word) > 0 && len(word) <= 16 && turkish.IsSpeechVerb(string(word))
}

// attribution reports whether one of the three tokens after token i (a
// quotation that ends in ! ? or .) is a verb of speech in lower case and
// no sentence punctuation comes before it: “Gel!” Ahmet dedi.
func attribution(rs []rune, toks []token, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+3; k++ {
		n := parseNext(rs, toks[k])
		if n.dialogue {
			return false
		}
		if k > i+1 && isLower(n.first) && isSpeechVerb(n.word) {
			return true
		}
		if _, ends := parseEnding(rs, toks[k]); ends {
			return false
		}
	}
	return false
}
