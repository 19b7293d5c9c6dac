package turkish

import (
	"strings"
	"unicode"
)

// This file holds Turkish syllabification and hyphenation by the TDK rules:
//
//   - every syllable has exactly one vowel;
//   - between two vowels, a single consonant starts the next syllable
//     (ge-le-cek), and of a run of consonants only the last one does
//     (Türk-çe, kork-mak, prog-ram, kont-rol, e-lekt-rik, sport-men);
//   - consonants before the first vowel stay together (stra-te-ji, never
//     st-ra-te-ji) and consonants after the last vowel end the word;
//   - two adjacent vowels belong to different syllables (sa-at, şi-ir).
//
// Line-break points add the typesetting rules: at least two letters on each
// side of a break, no break in all-caps acronyms, numbers, URLs or e-mail
// addresses, and a break right after an apostrophe (İnternet’|in, 1996’|da,
// ICANN’|in) that takes no hyphen.

// IsVowel reports whether r is a Turkish vowel (a e ı i o ö u ü, the
// circumflexed â î û, and their capitals).
func IsVowel(r rune) bool {
	switch r {
	case 'a', 'e', 'ı', 'i', 'o', 'ö', 'u', 'ü', 'â', 'î', 'û',
		'A', 'E', 'I', 'İ', 'O', 'Ö', 'U', 'Ü', 'Â', 'Î', 'Û':
		return true
	}
	return false
}

// IsApostrophe reports whether r is an apostrophe that separates a proper
// name or number from its suffixes: ’ (U+2019) or ' (U+0027).
func IsApostrophe(r rune) bool { return r == '’' || r == '\'' }

// syllableStarts appends to out the rune indexes of word, relative to off,
// where a syllable other than the first begins, for a run of letters.
func syllableStarts(out []int, letters []rune, off int) []int {
	prev := -1 // index of the previous vowel
	for i, r := range letters {
		if !IsVowel(r) {
			continue
		}
		if prev >= 0 {
			if i-prev == 1 {
				out = append(out, off+i) // sa-at
			} else {
				out = append(out, off+i-1) // the last consonant moves on
			}
		}
		prev = i
	}
	return out
}

// letterRuns calls f for every maximal run [start, end) of letters in w.
func letterRuns(w []rune, f func(start, end int)) {
	start := -1
	for i, r := range w {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			f(start, i)
			start = -1
		}
	}
	if start >= 0 {
		f(start, len(w))
	}
}

// HyphenationPoints returns, in increasing order, the rune indexes i of word
// where a line may break between word[i-1] and word[i].
//
// Inside a run of letters a break falls on a syllable boundary with at least
// two letters of the run on each side, and is marked with a hyphen. A break
// right after an apostrophe (at least two characters on each side) takes no
// hyphen: see [HyphenAfter]. All-caps acronyms, numbers, URLs and e-mail
// addresses are not broken, though a suffix after their apostrophe may be.
func HyphenationPoints(word string) []int {
	w := []rune(word)
	if len(w) < 4 {
		return nil
	}
	if isURLOrEmail(word) {
		return nil
	}
	var out []int
	stem := w
	ap := -1
	for i, r := range w {
		if IsApostrophe(r) {
			ap = i
			break
		}
	}
	if ap >= 0 {
		stem = w[:ap]
	}
	if breakable(stem) {
		out = letterPoints(out, stem, 0)
	}
	if ap >= 0 {
		if ap >= 2 && len(w)-(ap+1) >= 2 {
			out = append(out, ap+1)
		}
		// The suffixes themselves are broken like a plain word.
		out = letterPoints(out, w[ap+1:], ap+1)
	}
	return out
}

// HyphenAfter reports whether a line broken at a hyphenation point right
// after the letter prev ends with a hyphen: it does unless prev is an
// apostrophe (İnternet’ / in). For a point i of HyphenationPoints(word)
// the letter is []rune(word)[i-1].
func HyphenAfter(prev rune) bool { return !IsApostrophe(prev) }

// letterPoints appends the hyphenation points of the letter runs of w,
// offset by off.
func letterPoints(out []int, w []rune, off int) []int {
	letterRuns(w, func(start, end int) {
		if end-start < 4 {
			return
		}
		var cuts []int
		cuts = syllableStarts(cuts, w[start:end], start)
		for _, c := range cuts {
			if c-start >= 2 && end-c >= 2 {
				out = append(out, off+c)
			}
		}
	})
	return out
}

// breakable reports whether the stem of a word may be hyphenated: it is not
// a number and not an all-caps acronym.
func breakable(stem []rune) bool {
	letters, upper := 0, 0
	for _, r := range stem {
		if unicode.IsDigit(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return !(letters >= 2 && upper == letters)
}

// isURLOrEmail reports whether word looks like a URL, a domain or an e-mail
// address, which are never hyphenated.
func isURLOrEmail(word string) bool {
	if strings.Contains(word, "://") || strings.Contains(word, "@") || strings.HasPrefix(strings.ToLower(word), "www.") {
		return true
	}
	if strings.Contains(word, "/") {
		return true
	}
	// A dot between letters marks a domain name (example.com.tr).
	r := []rune(word)
	for i := 1; i+1 < len(r); i++ {
		if r[i] == '.' && unicode.IsLetter(r[i-1]) && unicode.IsLetter(r[i+1]) {
			return true
		}
	}
	return false
}
