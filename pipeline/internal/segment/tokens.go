package segment

import "github.com/seedpress/seedpress/pipeline/turkish"

// token is a maximal run of non-space runes, [start, end) in runes.
type token struct{ start, end int }

// tokenize appends the runes of text to rs and its tokens to toks, in one
// pass, and returns them with the index in rs of the last sentence
// punctuation (-1 when there is none). Only a token with sentence
// punctuation inside can be cut (see appendToken); the others are appended
// as they are.
func tokenize(rs []rune, toks []token, text string) ([]rune, []token, int) {
	start, term, lastTerm := -1, false, -1
	for _, r := range text {
		i := len(rs)
		rs = append(rs, r)
		c := spaceOrTerminal(r)
		if c&classSpace != 0 {
			if start >= 0 {
				toks = appendTokenIf(toks, rs, start, i, term)
				start = -1
			}
			continue
		}
		if start < 0 {
			start, term = i, false
		}
		if c&classTerminal != 0 {
			term, lastTerm = true, i
		}
	}
	if start >= 0 {
		toks = appendTokenIf(toks, rs, start, len(rs), term)
	}
	return rs, toks, lastTerm
}

// appendTokenIf appends the token rs[start:end], through appendToken when
// term says it holds sentence punctuation.
func appendTokenIf(toks []token, rs []rune, start, end int, term bool) []token {
	if term {
		return appendToken(toks, rs, start, end)
	}
	return append(toks, token{start, end})
}

// appendToken appends the token rs[start:end], cut in two where a sentence
// ends without the space after it, as hurried writing does: "geldi.Sonra",
// "Neden?Bilmem", "güzeldi.personel de ilgiliydi". A cut needs at least two
// lower-case letters before the punctuation, in a word that is not an
// abbreviation (Prof.Dr., St.Petersburg, vb.gibi), and after it either a
// capital and a lower-case letter, or a lower-case word of three letters or
// more that is not a domain or file-name ending (örnek.com, rapor.pdf).
// Tokens that look like web or e-mail addresses or like code (os.Open(f),
// a_b, fmt.Println: brackets, underscores, slashes, a word without a vowel)
// are never cut.
func appendToken(toks []token, rs []rune, start, end int) []token {
	if looksLikeAddress(rs[start:end]) || looksLikeCode(rs[start:end]) {
		return append(toks, token{start, end})
	}
	wordStart := start // start of the current run of letters
	for j := start; j < end; j++ {
		r := rs[j]
		if !isTerminal(r) {
			if !isLetter(r) {
				wordStart = j + 1
			}
			continue
		}
		// rs[j] starts a run of sentence punctuation.
		k := j
		for k < end && isTerminal(rs[k]) {
			k++
		}
		if k+1 < end && j-wordStart >= 2 &&
			isLower(rs[j-1]) && isLower(rs[j-2]) &&
			cutBefore(rs[k:end], r == '.' && k == j+1) &&
			hasVowel(rs[wordStart:j]) &&
			!turkish.IsAbbreviation(string(rs[wordStart:j])) {
			toks = append(toks, token{start, k})
			start = k
		}
		wordStart = k
		j = k - 1
	}
	return append(toks, token{start, end})
}

// cutBefore reports whether rest, the text after sentence punctuation
// inside a token, starts a new sentence. period says the punctuation is a
// single period, which also joins domain names and file names.
func cutBefore(rest []rune, period bool) bool {
	if len(rest) < 2 || !isLower(rest[1]) {
		return false
	}
	if isUpper(rest[0]) {
		return true
	}
	n := 0
	for n < len(rest) && isLower(rest[n]) {
		n++
	}
	if n < 3 || n < len(rest) && rest[n] == '.' {
		return false
	}
	return !period || !fileEndings[string(rest[:n])]
}

// fileEndings are domain and file-name endings that follow a period inside
// a word without ending a sentence.
var fileEndings = map[string]bool{
	"com": true, "net": true, "org": true, "edu": true, "gov": true,
	"mil": true, "int": true, "biz": true, "info": true, "app": true,
	"dev": true, "xyz": true, "online": true, "site": true, "shop": true,
	"store": true, "tech": true, "web": true, "bel": true, "pol": true,
	"pdf": true, "doc": true, "docx": true, "xls": true, "xlsx": true,
	"ppt": true, "pptx": true, "txt": true, "html": true, "htm": true,
	"php": true, "asp": true, "aspx": true, "jpg": true, "jpeg": true,
	"png": true, "gif": true, "svg": true, "webp": true, "mp3": true,
	"mp4": true, "avi": true, "zip": true, "rar": true, "exe": true,
	"json": true, "xml": true, "csv": true, "yaml": true, "yml": true,
	"epub": true, "css": true, "mov": true, "wav": true, "tar": true,
}

// looksLikeCode reports whether w holds a character that prose does not
// put inside a word: brackets, underscores, slashes, backquotes, "=", "<".
func looksLikeCode(w []rune) bool {
	for _, r := range w {
		switch r {
		case '(', ')', '[', ']', '{', '}', '_', '/', '\\', '`', '=', '<', '>':
			return true
		}
	}
	return false
}

func hasVowel(w []rune) bool {
	for _, r := range w {
		if isVowel(r) {
			return true
		}
	}
	return false
}

// looksLikeAddress reports whether w holds "://", "www." or "@".
func looksLikeAddress(w []rune) bool {
	for i, r := range w {
		switch r {
		case '@':
			return true
		case ':':
			if i+2 < len(w) && w[i+1] == '/' && w[i+2] == '/' {
				return true
			}
		case 'w', 'W':
			if i+3 < len(w) && (w[i+1] == 'w' || w[i+1] == 'W') && (w[i+2] == 'w' || w[i+2] == 'W') && w[i+3] == '.' {
				return true
			}
		}
	}
	return false
}

// isSmiley reports whether w is an emoji sequence (😀, 👍🏽, ❤️) or an ASCII
// emoticon (:) :-( ;) :D :P =) :/ :'( <3 xD ^^ :))).
func isSmiley(w []rune) bool {
	if len(w) == 0 {
		return false
	}
	if isEmoji(w[0]) {
		for _, r := range w {
			if !isEmoji(r) && r != '\uFE0F' && r != '\u200D' {
				return false
			}
		}
		return true
	}
	switch w[0] {
	case ':', ';', '=':
	case '<', 'x', 'X', '^':
		if len(w) <= 3 {
			switch string(w) {
			case "<3", "xD", "XD", "^^", "^_^", "xd":
				return true
			}
		}
		return false
	default:
		return false
	}
	// An ASCII emoticon: eyes, an optional nose, then mouths.
	if len(w) < 2 {
		return false
	}
	i := 1
	if w[i] == '-' || w[i] == '\'' {
		i++
	}
	if i >= len(w) {
		return false
	}
	for ; i < len(w); i++ {
		switch w[i] {
		case ')', '(', 'D', 'P', 'p', '/', '|', ']', '[':
		default:
			return false
		}
	}
	return true
}

// isEmoji reports whether r is a pictographic emoji or dingbat.
func isEmoji(r rune) bool {
	return r >= 0x1F300 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF
}

// Punctuation classes.

func isTerminal(r rune) bool {
	switch r {
	case '.', '!', '?', '…', '‼', '⁇', '⁈', '⁉', '‽':
		return true
	}
	return false
}

// isCloser reports whether r closes a quotation or a parenthesis. After
// sentence punctuation a straight quote or apostrophe can only close.
func isCloser(r rune) bool {
	switch r {
	case '”', '’', '"', '\'', '»', '›', ')', ']', '}', '“':
		// “ closes in the German style „…“ and in careless text.
		return true
	}
	return false
}

// isOpener reports whether r opens a quotation or a parenthesis, or is a
// dash that introduces a dialogue turn.
func isOpener(r rune) bool {
	switch r {
	case '“', '‘', '"', '\'', '«', '‹', '„', '(', '[', '{', '¿', '¡':
		return true
	}
	return isDash(r)
}

func isQuoteOpener(r rune) bool {
	switch r {
	case '“', '‘', '"', '\'', '«', '‹', '„':
		return true
	}
	return false
}

func isDash(r rune) bool {
	switch r {
	case '—', '–', '―', '-', '‒':
		return true
	}
	return false
}
