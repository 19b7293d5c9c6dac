package turkish

import (
	"sync"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// A cases.Caser keeps state between calls and must not be shared between
// goroutines, so each function takes one from a pool.
var (
	lowers = sync.Pool{New: func() any { return cases.Lower(language.Turkish) }}
	titles = sync.Pool{New: func() any { return cases.Title(language.Turkish) }}
)

func convert(pool *sync.Pool, s string) string {
	c := pool.Get().(cases.Caser)
	defer pool.Put(c)
	return c.String(s)
}

// Lower returns s in lower case by Turkish rules: I→ı and İ→i.
// It is safe to call from many goroutines at once, as are all functions of
// this package.
func Lower(s string) string { return convert(&lowers, s) }

// Title returns s with the first letter of each word in upper case and the
// rest in lower case, by Turkish rules ("istanbul" → "İstanbul",
// "ICANN" → "Icann").
func Title(s string) string { return convert(&titles, s) }

// UpperRune returns r in upper case by Turkish rules (i→İ, ı→I), for
// callers that compare letters one at a time.
func UpperRune(r rune) rune {
	switch r {
	case 'i':
		return 'İ'
	case 'ı':
		return 'I'
	}
	return unicode.ToUpper(r)
}

// LowerRune returns r in lower case by Turkish rules (I→ı, İ→i), for
// callers that compare letters one at a time.
func LowerRune(r rune) rune {
	switch r {
	case 'I':
		return 'ı'
	case 'İ':
		return 'i'
	}
	return unicode.ToLower(r)
}

// IsUpperWord reports whether s has at least one letter and no lower-case
// letter: "ICANN", "TBMM", "G20" and "İŞ" are upper-case words; "İnternet",
// "20" and "" are not.
func IsUpperWord(s string) bool {
	letters := false
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters = true
		}
	}
	return letters
}

// IsCapitalized reports whether the first character of s is an upper-case
// letter: "İnternet", "Kurumu" and "ICANN" are capitalised; "ve", "1996" and
// "" are not.
func IsCapitalized(s string) bool {
	for _, r := range s {
		return unicode.IsUpper(r) || unicode.IsTitle(r)
	}
	return false
}
