package xref

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/turkish"
)

// maxID bounds a derived id's length in bytes.
const maxID = 80

// Slug returns the id seedpress derives from a heading's text: Turkish and
// other Latin letters transliterated to ASCII as the file slugs are
// (turkish.ASCIIFold: ç→c, ğ→g, ı→i, İ→i, ö→o, ş→s, ü→u), lower case, every
// run of other characters turned into one '-', no '-' at either end, and,
// as pandoc does, nothing before the first letter, so that the id is a valid
// XML name ("1. Giriş" → "giris"). It is at most 80 bytes, cut at a '-' when
// possible, and "section" when nothing is left. It is not made unique.
func Slug(text string) string {
	var b strings.Builder
	dash := false
	for _, r := range turkish.ASCIIFold(text) {
		switch {
		case 'A' <= r && r <= 'Z' || 'a' <= r && r <= 'z':
			r = unicode.ToLower(r)
		case '0' <= r && r <= '9':
			if b.Len() == 0 {
				continue // an id starts with a letter
			}
		default:
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	s := b.String()
	if len(s) > maxID {
		s = s[:maxID]
		if i := strings.LastIndexByte(s, '-'); i > maxID/2 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "-")
	}
	if s == "" {
		return "section"
	}
	return s
}

// GitHubSlug returns the id GitHub gives a heading with text, before it is
// made unique in its file: github-slugger's algorithm (JavaScript's
// toLowerCase, then every character removed that is not a letter, a mark,
// a decimal or letter number, connector punctuation ('_'), alphabetic, a
// space or '-', then each space turned into '-'). Turkish letters are kept
// ("Tasarım Desenleri" → "tasarım-desenleri"); an emoji leaves its space
// ("😄 Singleton" → "-singleton"); İ lowers to i and a combining dot
// (U+0307), as JavaScript and Ruby lower it.
func GitHubSlug(text string) string {
	var b strings.Builder
	for _, r := range text {
		if r == 'İ' { // the one unconditional lower case of two characters
			b.WriteString("i\u0307")
			continue
		}
		r = unicode.ToLower(r)
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || githubKeeps(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// PandocSlug returns the id pandoc's Markdown reader gives a heading with
// text (the auto_identifiers extension, Text.Pandoc.Shared's
// inlineListToIdentifier), before it is made unique: lower case (İ → i),
// every character removed that is not a letter, a number, white space, '_',
// '-' or '.', the words joined by '-', and everything before the first
// letter removed; "section" when nothing is left ("1. Giriş" → "giriş",
// "Tasarım Desenleri" → "tasarım-desenleri").
func PandocSlug(text string) string {
	var b strings.Builder
	space := false // white space seen since the last word
	for _, r := range text {
		r = unicode.ToLower(r) // İ → i; pandoc's i + U+0307 loses the mark below
		switch {
		case haskellSpace(r):
			space = true
			continue
		case letterOrNumber(r) || r == '_' || r == '-' || r == '.':
		default:
			continue
		}
		if b.Len() == 0 && !unicode.IsLetter(r) {
			continue // dropWhile (not . isAlpha)
		}
		if space && b.Len() > 0 {
			b.WriteByte('-')
		}
		space = false
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "section"
	}
	return b.String()
}

// githubKeeps reports whether GitHubSlug keeps r: a letter, a mark, a
// decimal or letter number, connector punctuation or alphabetic. In ASCII
// those are the letters, the digits and '_'.
func githubKeeps(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Nl, unicode.Pc, unicode.Other_Alphabetic)
}

// letterOrNumber reports whether r is a letter or a number (L, N); in
// ASCII, a letter or a digit.
func letterOrNumber(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.In(r, unicode.L, unicode.N)
}

// haskellSpace is Haskell's Data.Char.isSpace, which pandoc splits words
// by: the ASCII white space, U+00A0, and the space separators (Zs); not
// U+0085 or the line and paragraph separators.
func haskellSpace(r rune) bool {
	switch {
	case r == ' ', '\t' <= r && r <= '\r', r == '\u00a0':
		return true
	case r <= 0x377:
		return false
	}
	return unicode.Is(unicode.Zs, r)
}

// githubSlugger makes GitHubSlug unique within one file, as
// github-slugger's BananaSlug does: the first repeat of "a" is "a-1", the
// next "a-2", skipping any taken by another heading.
type githubSlugger struct{ seen map[string]int }

func (s *githubSlugger) slug(text string) string {
	if s.seen == nil {
		s.seen = map[string]int{}
	}
	base := GitHubSlug(text)
	id := base
	for {
		if _, taken := s.seen[id]; !taken {
			break
		}
		s.seen[base]++
		id = base + "-" + strconv.Itoa(s.seen[base])
	}
	s.seen[id] = 0
	return id
}

// uniquePandoc makes id unique among used as pandoc's uniqueIdent does
// (id, id-1, id-2, …) and records it. next holds the next suffix to try for
// an id already taken (see Index.next): the result is the same as probing
// from 1, in time that does not grow with the id's earlier uses.
func uniquePandoc(id string, used map[string]bool, next map[string]int) string {
	u := id
	if used[u] {
		n := max(next[id], 1)
		u = id + "-" + strconv.Itoa(n)
		for used[u] {
			n++
			u = id + "-" + strconv.Itoa(n)
		}
		next[id] = n + 1
	}
	used[u] = true
	return u
}
