// Package segment splits text blocks into sentences and counts their words.
//
// The segmenter is rule-based and linear in the length of the text. It cuts
// the text into white-space separated tokens (and cuts a token where a
// sentence ends without a space: "geldi.Sonra") and looks at each token that
// ends in sentence punctuation (. ! ? … and their runs, optionally followed
// by closing quotes, brackets and footnote marks) or is a smiley. Whether
// that is a sentence boundary depends on:
//
//   - the punctuation: ! and ? end a sentence; an ellipsis ends one only
//     before a capital or a dialogue opener (dash or opening quote); a
//     single period is decided by the word before it; punctuation right
//     after an opening bracket, as in "(!)" and "[…]", never ends one;
//   - the word before a period: an ordinary word ends the sentence whatever
//     follows, because Turkish sentences end in a finite verb and informal
//     writing often starts the next one in lower case. But edited Turkish
//     starts every sentence with a capital, so in a sentence that starts
//     with one (or with a digit) a lower-case word after a period that
//     follows an acronym, a symbol, a capitalised word inside the sentence
//     or a word without a vowel continues the sentence (400 TL. olarak,
//     AKP. ve, Genel Müd. yardımcısı, 30 sn. sürdü). Abbreviations
//     (turkish.IsAbbreviation), ordinal numbers (19. yüzyıl, 2. Dünya
//     Savaşı, XV. yüzyıl) and initials (A. Yılmaz, J.R.R.) do not, unless a
//     word that only opens sentences follows (… puanı 85. Bu bir rekor.) or,
//     for a number, a label noun precedes it (Bölüm 3. Orada …); titles
//     without later punctuation stay whole (Bölüm 2. Yöntem). List
//     closers and units (vb., vs., km.) end the sentence before a capital;
//   - the words after it: a lower-case word after a closing quote or
//     bracket continues the sentence that holds the quotation (“Gel!”
//     dedi.), a verb of speech continues it after any punctuation (Nereye?
//     diye sordu.), and so does an attribution within three words (“Gel!”
//     Ahmet dedi.).
//
// Web and e-mail addresses are single tokens and never cut; a period after
// one ends the sentence like any word.
package segment

import (
	"slices"
	"strings"
	"sync"

	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/turkish"
)

// Sentences splits text, the plain text of one paragraph or heading, into
// sentence spans [Start, End) counted in code points. The spans are in
// order, do not overlap, are trimmed of white space, and together cover
// every rune of text that is not white space. Text with no such rune gives
// no spans. Each span's Words is [Words] of its text.
func Sentences(text string) []doc.Sentence {
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	// A rune per byte at most: the buffer grows once.
	rs, toks, lastTerm := tokenize(slices.Grow(sc.rs[:0], len(text)), sc.toks[:0], text)
	sc.rs, sc.toks = rs, toks
	if len(toks) == 0 {
		return nil
	}
	out := sc.out[:0]
	closers := standaloneClosers(sc.closers[:0], rs, toks, strings.IndexByte(text, '"') >= 0)
	sc.closers = closers
	start, first := toks[0].start, 0
	capStart := capitalStart(rs, toks[0])
	for i := range toks {
		more := lastTerm >= toks[i].end
		if i+1 < len(toks) && boundaryAfter(rs, toks, closers, i, i == first, more, capStart) {
			out = append(out, span(rs, start, toks[i].end))
			start, first = toks[i+1].start, i+1
			capStart = capitalStart(rs, toks[i+1])
		}
	}
	out = append(out, span(rs, start, toks[len(toks)-1].end))
	sc.out = out
	// The spans stay in the model: give them a slice of their own size.
	return append([]doc.Sentence(nil), out...)
}

// scratch holds the working buffers of one Sentences call, reused across
// calls: the runes of the text, its tokens, the closer marks and the spans.
type scratch struct {
	rs      []rune
	toks    []token
	closers []bool
	out     []doc.Sentence
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxScratch bounds the runes of a buffer kept for reuse, so that one huge
// block does not pin its buffers.
const maxScratch = 1 << 16

func (sc *scratch) release() {
	if cap(sc.rs) > maxScratch {
		return
	}
	scratchPool.Put(sc)
}

func span(rs []rune, start, end int) doc.Sentence {
	return doc.Sentence{Start: start, End: end, Words: wordsRunes(rs[start:end])}
}

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
	for j >= start && isDigit(rs[j]) {
		j--
	}
	if j < start || j == end-2 || rs[j] != '[' || j == start || !isTerminal(rs[j-1]) && !isCloser(rs[j-1]) {
		return -1
	}
	return j
}

// next describes the start of the token after a candidate boundary.
type next struct {
	first    rune   // first letter or digit, 0 when there is none
	dialogue bool   // a dash or an opening quote comes first
	dash     bool   // a dash comes first
	word     []rune // the letters from first on
}

func parseNext(rs []rune, t token) next {
	var n next
	i := t.start
	for i < t.end && !isWordRune(rs[i]) {
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
		for j < t.end && (isLetter(rs[j]) || isMark(rs[j])) {
			j++
		}
		n.word = rs[i:j]
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

// standaloneClosers marks the tokens made only of closing quotes and
// brackets, written apart from the punctuation they close: "… belirleyecektir.
// ” vurgusu yapıldı." A straight double quote alone is a closer when an odd
// number of straight double quotes come before it; quotes says that rs
// holds one.
func standaloneClosers(marks []bool, rs []rune, toks []token, quotes bool) []bool {
	marks = append(marks[:0], make([]bool, len(toks))...)
	n := 0 // straight double quotes so far
	for k, t := range toks {
		w := rs[t.start:t.end]
		if len(w) == 1 && w[0] == '"' {
			marks[k] = n%2 == 1
		} else {
			marks[k] = true
			for _, r := range w {
				if !isCloser(r) || r == '"' || r == '\'' || r == '“' {
					marks[k] = false
					break
				}
			}
		}
		if !quotes {
			continue
		}
		for _, r := range w {
			if r == '"' {
				n++
			}
		}
	}
	return marks
}

// capitalStart reports whether a sentence that starts with token t starts
// the way edited Turkish does: its first letter or digit is not a
// lower-case letter ("Geldi", "400 kişi", "“Gel"). A sentence with no
// letter or digit in its first token counts as capitalised.
func capitalStart(rs []rune, t token) bool {
	return !isLower(parseNext(rs, t).first)
}

// boundaryAfter reports whether a sentence ends with token i. closers marks
// the standalone closers (see standaloneClosers); first says that token i
// is the first token of its sentence; more says that sentence punctuation
// follows somewhere after token i; capStart says that the sentence starts
// with a capital or a digit (see capitalStart).
func boundaryAfter(rs []rune, toks []token, closers []bool, i int, first, more, capStart bool) bool {
	// Smileys close the sentence before them, so a boundary waits for
	// them ("Harika! 😀 Sonra …"); after one, a capital or a digit starts
	// a new sentence, and after an emoticon typed in ASCII (":)") even a
	// lower-case word does.
	if isSmiley(rs[toks[i+1].start:toks[i+1].end]) {
		return false
	}
	if isSmiley(rs[toks[i].start:toks[i].end]) {
		n := nextAfter(rs, toks, i)
		if isLower(n.first) {
			return !isEmoji(rs[toks[i].start])
		}
		return true
	}
	if last := rs[toks[i].end-1]; !isTerminal(last) && !isCloser(last) {
		// Most tokens: no sentence punctuation to end with, and not a
		// standalone closer, which is all closers.
		return false
	}
	e, ok := parseEnding(rs, toks[i])
	if ok && closers[i+1] {
		// The sentence, if it ends, ends after the closer.
		return false
	}
	if !ok && closers[i] && i > 0 {
		// A standalone closer takes the ending of the token before it.
		if e, ok = parseEnding(rs, toks[i-1]); ok {
			e.closed = true
		}
	}
	if !ok || e.open {
		return false
	}
	n := nextAfter(rs, toks, i)
	lower := isLower(n.first)
	upper := !lower && !isDigit(n.first) // capitals, and symbols or nothing
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
	var prev []rune
	if i > 0 {
		prev = rs[toks[i-1].start:toks[i-1].end]
	}
	return periodBoundary(e, n, upper, lower, prev, first, more, capStart)
}

// prevWord returns the first run of letters of token t, lower-cased with
// the Turkish rules ("" when there is none, or when it is long: the words
// it is compared with are short).
func prevWord(t []rune) string {
	var buf [16]rune
	b := buf[:0]
	for _, r := range t {
		if !isLetter(r) {
			if len(b) > 0 {
				break
			}
			continue
		}
		if len(b) == len(buf) {
			return ""
		}
		b = append(b, turkish.LowerRune(r))
	}
	return string(b)
}

// isLabel reports whether prev, the token before a number, makes the
// number a cardinal: a label noun (see turkish.IsLabelNoun) or another number
// ("0212 555 55 55.").
func isLabel(prev []rune) bool {
	if len(prev) == 0 {
		return false
	}
	return numberKind(prev) != wordOrdinary || turkish.IsLabelNoun(prevWord(prev))
}

// periodBoundary decides a single period after e.word.
func periodBoundary(e ending, n next, upper, lower bool, prev []rune, first, more, capStart bool) bool {
	w := e.word
	if len(w) == 0 || e.wordClose || e.closed {
		// "gitti .", "(2000). Sonra", "dedi.” Sonra": the period closes the
		// sentence, not a word.
		return true
	}
	if len(w) == 2 && w[0] == 'a' && w[1] == 'l' && prevWord(prev) == "et" {
		// "et al." of references: Smith et al. (2018) gösterdi.
		return upper && isOpenerWord(n.word)
	}
	switch k := classify(w); k {
	case wordOrdinary:
		// Edited Turkish starts every sentence with a capital, so a
		// lower-case word after a period shows that the period was not
		// a full stop, if the writer follows that rule: the sentence
		// it would close starts with a capital or a digit. Even then a
		// word that can end a sentence ends it, since writers who
		// capitalise a first sentence often drop the capitals later
		// ("Otel güzeldi. personel de ilgiliydi."); what cannot end one
		// is an abbreviation or a symbol (see abbreviationLike).
		return !lower || n.dialogue || !capStart || !abbreviationLike(w, first)
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
		// its sentence is a list number ("1. Bu bölümde …"), and so is one
		// before a dash ("Madde 1. – Bu Kanunun amacı …").
		if n.dash {
			return false
		}
		// Without sentence punctuation later on, the rest is a title
		// ("Bölüm 2. Yöntem"), not a sentence of its own.
		return n.dialogue || upper && more && (isLabel(prev) || isOpenerWord(n.word) && !first)
	case wordNumber:
		// Years and other long numbers end sentences before a capital
		// (… 1881. Ölüm yılı …) but are ordinals before a lower-case word
		// (1453. yıl, 5.000. ziyaretçi), and in titles without sentence
		// punctuation later on ("2023. Yıl Değerlendirmesi").
		return n.dialogue || upper && more
	case wordNoVowel:
		// Unlisted vowel-less capitalised abbreviations are titles. One
		// that opens its sentence before a lower-case word is an
		// interjection: "Hmm. sanırım öyle."
		if lower {
			return first
		}
		return upper && isOpenerWord(n.word) && !first
	}
	return true
}
