// Package segment splits text blocks into sentences and counts their words.
//
// The segmenter is rule-based and linear in the length of the text. It cuts
// the text into white-space separated tokens and looks at each token that
// ends in sentence punctuation (. ! ? … and their runs, optionally followed
// by closing quotes and brackets). Whether that is a sentence boundary
// depends on three things:
//
//   - the punctuation: ! and ? end a sentence; an ellipsis ends one only
//     before a capital or a dialogue opener; a single period is decided by
//     the word before it;
//   - the word before a period: an ordinary word ends the sentence whatever
//     follows, because Turkish sentences end in a finite verb and informal
//     writing often starts the next one in lower case; abbreviations,
//     ordinal numbers (19. yüzyıl, 2. Dünya Savaşı, XV. yüzyıl) and initials
//     (A. Yılmaz) do not;
//   - the first word after it: a lower-case word after a closing quote
//     continues the sentence that holds the quotation (“Gel!” dedi.), and so
//     does a verb of speech after ! or ? (Nereye? diye sordu.).
package segment

import (
	"unicode"

	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/turkish"
)

// Sentences splits text, the plain text of one paragraph or heading, into
// sentence spans [Start, End) counted in code points. The spans are in
// order, do not overlap, are trimmed of white space, and together cover
// every rune of text that is not white space. Text with no such rune gives
// no spans. Each span's Words is [Words] of its text.
func Sentences(text string) []doc.Sentence {
	rs := []rune(text)
	toks := tokenize(rs)
	if len(toks) == 0 {
		return nil
	}
	var out []doc.Sentence
	start, first := toks[0].start, 0
	for i := range toks {
		if i+1 < len(toks) && boundaryAfter(rs, toks, i, i == first) {
			out = append(out, span(rs, start, toks[i].end))
			start, first = toks[i+1].start, i+1
		}
	}
	out = append(out, span(rs, start, toks[len(toks)-1].end))
	return out
}

func span(rs []rune, start, end int) doc.Sentence {
	return doc.Sentence{Start: start, End: end, Words: wordsRunes(rs[start:end])}
}

// token is a maximal run of non-space runes, [start, end) in runes.
type token struct{ start, end int }

func tokenize(rs []rune) []token {
	var toks []token
	start := -1
	for i, r := range rs {
		sp := unicode.IsSpace(r)
		switch {
		case !sp && start < 0:
			start = i
		case sp && start >= 0:
			toks = appendToken(toks, rs, start, i)
			start = -1
		}
	}
	if start >= 0 {
		toks = appendToken(toks, rs, start, len(rs))
	}
	return toks
}

// appendToken appends the token rs[start:end], cut in two where a sentence
// ends without the space after it, as hurried writing does: "geldi.Sonra",
// "Neden?Bilmem". A cut needs at least two lower-case letters before the
// punctuation, a capital and a lower-case letter after it, and a word
// before it that is not an abbreviation (Prof.Dr., St.Petersburg); tokens
// that look like web or e-mail addresses are never cut.
func appendToken(toks []token, rs []rune, start, end int) []token {
	if looksLikeAddress(rs[start:end]) {
		return append(toks, token{start, end})
	}
	wordStart := start // start of the current run of letters
	for j := start; j < end; j++ {
		r := rs[j]
		if !isTerminal(r) {
			if !unicode.IsLetter(r) {
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
			unicode.IsLower(rs[j-1]) && unicode.IsLower(rs[j-2]) &&
			unicode.IsUpper(rs[k]) && unicode.IsLower(rs[k+1]) &&
			!turkish.IsAbbreviation(string(rs[wordStart:j])) {
			toks = append(toks, token{start, k})
			start = k
		}
		wordStart = k
		j = k - 1
	}
	return append(toks, token{start, end})
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
	switch string(w) {
	case "<3", "xD", "XD", "^^", "^_^", "xd":
		return true
	}
	if w[0] != ':' && w[0] != ';' && w[0] != '=' || len(w) < 2 {
		return false
	}
	i := 1
	if w[i] == '-' || w[i] == '\'' {
		i++
	}
	if i == len(w) {
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

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// ending describes how a token ends: the word, the sentence punctuation
// after it and the closers after that.
type ending struct {
	word      []rune // the token without leading openers, punctuation and closers
	punct     []rune // the run of sentence punctuation
	closed    bool   // closers (quotes, brackets) follow the punctuation
	wordClose bool   // the word itself ends in a closer: "(2000)." or "“Ev”."
	open      bool   // the punctuation follows an opening bracket: "(!)", "[…]"
}

// parseEnding splits token t. ok is false when t does not end in sentence
// punctuation (closers and footnote marks such as [3] aside).
func parseEnding(rs []rune, t token) (e ending, ok bool) {
	end := t.end
	for {
		// Strip closers, and footnote references "[12]" that follow the
		// punctuation in encyclopaedic text.
		if end > t.start && isCloser(rs[end-1]) {
			if rs[end-1] == ']' {
				if j := footnoteStart(rs, t.start, end); j >= 0 {
					end = j
					continue
				}
			}
			end--
			e.closed = true
			continue
		}
		break
	}
	p := end
	for p > t.start && isTerminal(rs[p-1]) {
		p--
	}
	if p == end {
		return e, false
	}
	e.punct = rs[p:end]
	s := t.start
	for s < p && isOpener(rs[s]) {
		s++
	}
	e.word = rs[s:p]
	if p > t.start {
		switch rs[p-1] {
		case '(', '[', '{':
			e.open = true
		}
		if isCloser(rs[p-1]) && p-1 >= s {
			e.wordClose = true
		}
	}
	return e, true
}

// footnoteStart returns the index of '[' when rs[start:end] ends in a
// footnote mark "[digits]" that follows sentence punctuation, else -1.
func footnoteStart(rs []rune, start, end int) int {
	j := end - 2
	for j >= start && unicode.IsDigit(rs[j]) {
		j--
	}
	if j < start || j == end-2 || rs[j] != '[' || j == start || !isTerminal(rs[j-1]) && !isCloser(rs[j-1]) {
		return -1
	}
	return j
}

// next describes the start of the token after a candidate boundary.
type next struct {
	first    rune // first letter or digit, 0 when there is none
	dialogue bool // a dash or an opening quote comes first
	dash     bool // a dash comes first
	word     string
}

func parseNext(rs []rune, t token) next {
	var n next
	i := t.start
	for i < t.end && !isAlnum(rs[i]) {
		if isDash(rs[i]) {
			n.dialogue, n.dash = true, true
		}
		if isQuoteOpener(rs[i]) {
			n.dialogue = true
		}
		i++
	}
	if i < t.end {
		n.first = rs[i]
		j := i
		for j < t.end && (unicode.IsLetter(rs[j]) || unicode.IsMark(rs[j])) {
			j++
		}
		n.word = string(rs[i:j])
	}
	return n
}

// nextAfter returns the description of the first token after i that holds a
// letter or digit, skipping tokens made only of dashes and opening quotes
// ("— Eve.", "“ Gel"); a dash or quote skipped on the way is recorded.
func nextAfter(rs []rune, toks []token, i int) next {
	var acc next
	for k := i + 1; k < len(toks) && k <= i+3; k++ {
		n := parseNext(rs, toks[k])
		acc.dialogue = acc.dialogue || n.dialogue
		acc.dash = acc.dash || n.dash
		if n.first != 0 {
			acc.first, acc.word = n.first, n.word
			return acc
		}
		if !onlyOpeners(rs, toks[k]) {
			return acc
		}
	}
	return acc
}

func onlyOpeners(rs []rune, t token) bool {
	for _, r := range rs[t.start:t.end] {
		if !isOpener(r) {
			return false
		}
	}
	return true
}

// boundaryAfter reports whether a sentence ends with token i. first says
// that token i is the first token of its sentence.
func boundaryAfter(rs []rune, toks []token, i int, first bool) bool {
	// Smileys close the sentence before them, so a boundary waits for
	// them ("Harika! 😀 Sonra …"); after one, a capital or a digit starts
	// a new sentence, and after an emoticon typed in ASCII (":)") even a
	// lower-case word does.
	if isSmiley(rs[toks[i+1].start:toks[i+1].end]) {
		return false
	}
	if isSmiley(rs[toks[i].start:toks[i].end]) {
		n := nextAfter(rs, toks, i)
		if unicode.IsLower(n.first) {
			return !isEmoji(rs[toks[i].start])
		}
		return true
	}
	e, ok := parseEnding(rs, toks[i])
	if !ok || e.open {
		return false
	}
	n := nextAfter(rs, toks, i)
	lower := unicode.IsLower(n.first)
	upper := !lower && !unicode.IsDigit(n.first) // capitals, and symbols or nothing
	// When no letter or digit follows soon (a symbol, an emoji, "***"),
	// upper is true: such a token starts a sentence like a capital does.

	// A verb of speech in lower case continues the sentence whatever the
	// punctuation: "Nereye? diye sordu.", "— Eve. — dedi."
	if lower && isSpeechVerb(n.word) {
		return false
	}
	// A quotation or parenthesis that ends in sentence punctuation and is
	// followed by a lower-case word is embedded in the sentence around it:
	// “Size baskı yapmak istemem.” dedi.
	if e.closed && lower {
		return false
	}
	// A quotation followed by its attribution is one sentence:
	// “Gel!” Ahmet dedi. The attribution is looked for in the next three
	// words, so the rule stays local.
	if e.closed && upper && attribution(rs, toks, i) {
		return false
	}

	q, dots := 0, 0
	for _, r := range e.punct {
		switch r {
		case '.':
			dots++
		case '…':
			dots += 3
		default:
			q++
		}
	}
	switch {
	case q > 0:
		// ! and ? (and ?!, !!!, ?..) end the sentence.
		return true
	case dots >= 2:
		// An ellipsis is a pause unless a capital or a dialogue turn
		// follows.
		return upper || n.dialogue
	}
	return periodBoundary(e, n, upper, lower, prevWord(rs, toks, i), first)
}

// prevWord returns the letters of the token before token i, lower-cased
// with the Turkish rules, without a final period ("" when there is none).
func prevWord(rs []rune, toks []token, i int) string {
	if i == 0 {
		return ""
	}
	t := toks[i-1]
	var b []rune
	for _, r := range rs[t.start:t.end] {
		switch {
		case r == 'I':
			b = append(b, 'ı')
		case r == 'İ':
			b = append(b, 'i')
		case unicode.IsLetter(r):
			b = append(b, unicode.ToLower(r))
		default:
			if len(b) > 0 {
				return string(b)
			}
		}
		if len(b) > 24 {
			break
		}
	}
	return string(b)
}

// labelNouns take a cardinal number after them: "Bölüm 3", "Tablo 2",
// "sayfa 45". A number after one of them is not an ordinal, so a period
// after it before a capital ends the sentence: "bkz. Bölüm 3. Orada …".
var labelNouns = map[string]bool{
	"bölüm": true, "tablo": true, "şekil": true, "madde": true, "ek": true,
	"sayfa": true, "s": true, "sayı": true, "numara": true, "no": true,
	"nu": true, "cilt": true, "c": true, "oda": true, "kat": true,
	"peron": true, "kapı": true, "saat": true, "grup": true, "daire": true,
	"resim": true, "harita": true, "grafik": true, "örnek": true, "soru": true,
	"alıştırma": true, "ünite": true, "kısım": true, "fıkra": true, "bent": true,
	"paragraf": true, "satır": true, "ayet": true, "sure": true, "level": true,
	"seviye": true, "derece": true, "sezon": true, "hafta": true, "gün": true,
}

// periodBoundary decides a single period after e.word.
func periodBoundary(e ending, n next, upper, lower bool, prev string, first bool) bool {
	w := e.word
	if len(w) == 0 || e.wordClose || e.closed {
		// "gitti .", "(2000). Sonra", "dedi.” Sonra": the period closes the
		// sentence, not a word.
		return true
	}
	digitNext := !upper && !lower
	switch k := classify(w); k {
	case wordOrdinary:
		return true
	case wordTerminalAbbrev:
		return upper
	case wordAbbrev, wordInitial, wordRoman:
		// Titles, references, initials and Roman ordinals stand before
		// what they qualify: "Dr. Ayşe", "A. Yılmaz", "XV. Louis". A
		// sentence opener cannot be qualified so: "… Ltd. Şti. Bu şirket …",
		// "… XIV. Louis XV. Bu dönemde …".
		return upper && isOpenerWord(n.word) && !first
	case wordSmallNumber:
		// 1 to 3 digits: an ordinal before a word or a name (19. yüzyıl,
		// 2. Dünya Savaşı, 3. Selim), or a list number before a number;
		// but a cardinal after a label noun (Bölüm 3. Orada …) or before
		// a sentence opener (Puanı 85. Bu bir rekor.). A number that opens
		// its sentence is a list number ("1. Bu bölümde …").
		return n.dialogue || upper && (labelNouns[prev] || isOpenerWord(n.word) && !first)
	case wordNumber:
		// Years and other long numbers end sentences before a capital
		// (… 1881. Ölüm yılı …) but are ordinals before a lower-case word
		// (1453. yıl, 5.000. ziyaretçi).
		return (upper || n.dialogue) && !digitNext
	case wordNoVowel:
		// Unknown vowel-less abbreviations (Tğm., krş.): capitalised ones
		// are titles; lower-case ones behave like vb. and units.
		return upper && unicode.IsLower(w[0])
	}
	return true
}

// openerWords are capitalised words that open sentences and never follow
// an ordinal, an initial or a title: pronouns, demonstratives,
// conjunctions and sentence adverbs. After "85." or "Şti." they show
// that the period ended the sentence.
var openerWords = map[string]bool{
	"bu": true, "şu": true, "o": true, "bunlar": true, "şunlar": true,
	"onlar": true, "bunun": true, "onun": true, "bunu": true, "onu": true,
	"buna": true, "ona": true, "bunda": true, "onda": true, "burada": true,
	"orada": true, "böyle": true, "ben": true, "sen": true, "biz": true,
	"siz": true, "ama": true, "fakat": true, "ancak": true, "ve": true,
	"veya": true, "ya": true, "çünkü": true, "sonra": true, "ardından": true,
	"ayrıca": true, "böylece": true, "bununla": true, "yine": true,
	"hem": true, "ne": true, "neden": true, "niçin": true, "nasıl": true,
	"kim": true, "şimdi": true, "artık": true, "belki": true, "evet": true,
	"hayır": true, "işte": true, "oysa": true, "eğer": true, "hatta": true,
	"zaten": true, "dolayısıyla": true, "üstelik": true, "yani": true,
	"peki": true, "bugün": true, "dün": true, "yarın": true, "sonunda": true,
	"nitekim": true, "halbuki": true,
}

// isOpenerWord reports whether w, folded to lower case, is an opener word.
func isOpenerWord(w string) bool { return w != "" && openerWords[foldTR(w)] }

func foldTR(w string) string {
	rs := []rune(w)
	for i, r := range rs {
		switch r {
		case 'I':
			rs[i] = 'ı'
		case 'İ':
			rs[i] = 'i'
		default:
			rs[i] = unicode.ToLower(r)
		}
	}
	return string(rs)
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
	if turkish.IsTerminalAbbreviation(s) {
		return wordTerminalAbbrev
	}
	if turkish.IsAbbreviation(s) {
		return wordAbbrev
	}
	if len(w) == 1 && unicode.IsLetter(w[0]) {
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

// numberKind classifies digits: wordSmallNumber for 1 to 3 plain digits,
// wordNumber for longer numbers and numbers with inner separators
// (16.551.000, 3,5, 29.05.2023, 14.30), wordOrdinary for anything else
// (1996’da, 3-1, 5km).
func numberKind(w []rune) int {
	digits, seps := 0, 0
	for i, r := range w {
		switch {
		case unicode.IsDigit(r):
			digits++
		case (r == '.' || r == ',' || r == ':' || r == '/') && i > 0 && i < len(w)-1 &&
			unicode.IsDigit(w[i-1]) && unicode.IsDigit(w[i+1]):
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
	if s == "" {
		return false
	}
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}
	for i := 0; i < len(s); i++ {
		if _, ok := vals[s[i]]; !ok {
			return false
		}
	}
	if len(s) > 9 {
		return false
	}
	// Well-formed: converting and back gives the same string.
	total := 0
	for i := 0; i < len(s); i++ {
		v := vals[s[i]]
		if i+1 < len(s) && vals[s[i+1]] > v {
			total -= v
		} else {
			total += v
		}
	}
	return total > 0 && total < 4000 && toRoman(total) == s
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
	groups, start := 0, 0
	for i := 0; i <= len(w); i++ {
		if i < len(w) && w[i] != '.' {
			if !unicode.IsLetter(w[i]) {
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

// noVowel reports whether w is a short word of letters without a vowel that
// is not an all-capitals acronym: Tğm, Yzb, krş. Turkish words always have a
// vowel; acronyms such as TBMM end sentences like other words.
func noVowel(w []rune) bool {
	if len(w) > 5 {
		return false
	}
	allUpper := true
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
		if isVowel(r) {
			return false
		}
		if !unicode.IsUpper(r) {
			allUpper = false
		}
	}
	return !allUpper
}

func isVowel(r rune) bool {
	switch unicode.ToLower(r) {
	case 'a', 'e', 'ı', 'i', 'o', 'ö', 'u', 'ü', 'â', 'î', 'û', 'y', 'é', 'è', 'à', 'ä', 'ë', 'ï', 'ô', 'ó', 'ú', 'í', 'á':
		return true
	}
	return r == 'I' || r == 'İ'
}

// isSpeechVerb reports whether w (a lower-case word) is a form of demek
// (to say) or another verb that attributes speech: after "Gel!" or
// "Nereye?" such a word continues the sentence.
func isSpeechVerb(w string) bool {
	for _, p := range speechPrefixes {
		if hasPrefix(w, p) {
			return true
		}
	}
	switch w {
	case "der", "derdi", "deyip", "deyince", "diye", "diyerek", "şeklinde",
		"biçiminde":
		return true
	}
	return false
}

// speechPrefixes are stems of speech verbs whose every form attributes:
// dedi, dediler, demiş, diyor, sordu, bağırdı, …
var speechPrefixes = []string{
	"dedi", "demiş", "diyor", "diyen", "derdi", "sordu", "soruyor", "bağırdı",
	"bağırıyor", "haykırdı", "fısıldadı", "mırıldandı", "söyledi", "yanıtladı",
	"cevapladı", "seslendi", "söylendi", "ekledi", "sızlandı", "homurdandı",
	"kekeledi",
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// attribution reports whether one of the three tokens after token i (a
// quotation that ends in ! ? or .) is a verb of speech in lower case and
// no sentence punctuation comes before it: “Gel!” Ahmet dedi.
func attribution(rs []rune, toks []token, i int) bool {
	for k := i + 1; k < len(toks) && k <= i+3; k++ {
		n := parseNext(rs, toks[k])
		if n.dialogue {
			return false
		}
		if k > i+1 && unicode.IsLower(n.first) && isSpeechVerb(n.word) {
			return true
		}
		if _, ends := parseEnding(rs, toks[k]); ends {
			return false
		}
	}
	return false
}
