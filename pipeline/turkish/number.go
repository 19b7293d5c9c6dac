package turkish

import "strings"

// NumberSuffix returns suffix, a case ending that an author wrote after a
// reference without knowing the number it will show ("'da" in
// "@fig-harita'da"), inflected again for the number n as it is read aloud:
// for n = 3 (üç) "'da" becomes "'te", for n = 2 (iki) "'da" becomes "'de"
// and "'ya" becomes "'ye", for n = 40 (kırk) "'nın" becomes "'ın".
//
// suffix starts with an apostrophe, straight (') or typographic (’), which
// is kept as written; without one, the result starts with a straight
// apostrophe, since Turkish separates the endings of a number written in
// digits by one (3'te, 1985'te). The suffix may be written in any of its
// forms, for any word. Recognised are the case endings
//
//   - locative -DA: 'da 'de 'ta 'te, and with the relative -ki: 'daki 'deki
//     'taki 'teki;
//   - ablative -DAn: 'dan 'den 'tan 'ten;
//   - dative -(y)A: 'a 'e 'ya 'ye;
//   - accusative -(y)I: 'ı 'i 'u 'ü 'yı 'yi 'yu 'yü;
//   - genitive -(n)In: 'ın 'in 'un 'ün 'nın 'nin 'nun 'nün;
//   - instrumental -(y)lA: 'la 'le 'yla 'yle.
//
// Any other suffix (a plural, a possessive, a misspelling, "") comes back
// unchanged with ok false, so that the caller can warn.
//
// The rules are those of the Türk Dil Kurumu's Yazım Kılavuzu. Kesme
// işareti: the endings of a number written in digits are separated by an
// apostrophe and follow the number as it is read (1985'te, 3'ü, 64'ten);
// the last word read decides, so 21 is read "yirmi bir" (21'de), 40 "kırk"
// (40'ta), 100 "yüz" (100'de), 1000 "bin" (1000'de), 0 "sıfır" (0'da), and
// a negative number as its absolute value after "eksi". Ünlü uyumu: a
// two-way ending takes a after a back vowel (a ı o u) and e after a front
// one (e i ö ü); a four-way ending takes ı, u, i or ü after a ı, o u, e i
// and ö ü. Ünsüz benzeşmesi: an ending that starts with d starts with t
// after the voiceless consonants ç f h k p s ş t (3'te, 4'ten, 5'te,
// 40'ta, 60'ta). Buffer consonants: y before a vowel ending and n before
// the genitive after a vowel (2'ye, 2'yi, 2'yle, 2'nin); after a consonant
// none (3'e, 3'ü, 3'le, 3'ün). The softening of a final k or ç (kırka,
// üçü) does not show in digits: 40'a, 3'ü.
func NumberSuffix(n int, suffix string) (s string, ok bool) {
	apos, body := "'", suffix
	for _, a := range []string{"'", "’"} {
		if rest, cut := strings.CutPrefix(suffix, a); cut {
			apos, body = a, rest
			break
		}
	}
	c, ki := suffixCase(body)
	if c == caseNone {
		return suffix, false
	}
	w := lastNumberWord(n)
	return apos + inflect(c, w) + ki, true
}

// grammaticalCase is a case ending that NumberSuffix knows.
type grammaticalCase int

const (
	caseNone grammaticalCase = iota
	caseLocative
	caseAblative
	caseDative
	caseAccusative
	caseGenitive
	caseInstrumental
)

// suffixCases maps every written form of the recognised endings to its case.
var suffixCases = map[string]grammaticalCase{
	"da": caseLocative, "de": caseLocative, "ta": caseLocative, "te": caseLocative,
	"dan": caseAblative, "den": caseAblative, "tan": caseAblative, "ten": caseAblative,
	"a": caseDative, "e": caseDative, "ya": caseDative, "ye": caseDative,
	"ı": caseAccusative, "i": caseAccusative, "u": caseAccusative, "ü": caseAccusative,
	"yı": caseAccusative, "yi": caseAccusative, "yu": caseAccusative, "yü": caseAccusative,
	"ın": caseGenitive, "in": caseGenitive, "un": caseGenitive, "ün": caseGenitive,
	"nın": caseGenitive, "nin": caseGenitive, "nun": caseGenitive, "nün": caseGenitive,
	"la": caseInstrumental, "le": caseInstrumental, "yla": caseInstrumental, "yle": caseInstrumental,
}

// suffixCase returns the case of body, a suffix without its apostrophe, and
// the relative "ki" that follows a locative ("daki"), or caseNone.
func suffixCase(body string) (grammaticalCase, string) {
	if c := suffixCases[body]; c != caseNone {
		return c, ""
	}
	if stem, cut := strings.CutSuffix(body, "ki"); cut && suffixCases[stem] == caseLocative {
		return caseLocative, "ki"
	}
	return caseNone, ""
}

// numberWord describes the last word of a number read aloud, as far as its
// endings are concerned.
type numberWord struct {
	vowel     rune // its last vowel
	vowelEnd  bool // it ends in a vowel
	voiceless bool // it ends in a voiceless consonant (ç f h k p s ş t)
}

// Turkish number words, by the value they name.
var (
	onesWords = [10]string{"sıfır", "bir", "iki", "üç", "dört", "beş", "altı", "yedi", "sekiz", "dokuz"}
	tensWords = [10]string{"", "on", "yirmi", "otuz", "kırk", "elli", "altmış", "yetmiş", "seksen", "doksan"}
	// scaleWords name the powers of a thousand: bin (10³), milyon (10⁶),
	// milyar (10⁹), trilyon, katrilyon, kentilyon (10¹⁸).
	scaleWords = []string{"bin", "milyon", "milyar", "trilyon", "katrilyon", "kentilyon"}
)

// lastNumberWord returns the last word of n read aloud: the ones, else the
// tens, else yüz, else the scale of its lowest non-zero group of three
// digits; sıfır for 0.
func lastNumberWord(n int) numberWord {
	u := uint64(n)
	if n < 0 {
		u = -u // "eksi" is read first; the magnitude ends the number
	}
	var w string
	switch {
	case u == 0:
		w = onesWords[0]
	case u%10 != 0:
		w = onesWords[u%10]
	case u%100 != 0:
		w = tensWords[u/10%10]
	case u%1000 != 0:
		w = "yüz"
	default:
		for i := 0; ; i++ {
			u /= 1000
			if u%1000 != 0 {
				w = scaleWords[i]
				break
			}
		}
	}
	var nw numberWord
	for _, r := range w {
		if isHarmonyVowel(r) {
			nw.vowel = r
		}
	}
	last := []rune(w)[len([]rune(w))-1]
	nw.vowelEnd = isHarmonyVowel(last)
	nw.voiceless = strings.ContainsRune("çfhkpsşt", last)
	return nw
}

func isHarmonyVowel(r rune) bool { return strings.ContainsRune("aıoueiöü", r) }

// inflect writes the ending of case c after word w.
func inflect(c grammaticalCase, w numberWord) string {
	back := strings.ContainsRune("aıou", w.vowel)
	a := "e" // two-way vowel: a or e
	if back {
		a = "a"
	}
	var i string // four-way vowel: ı, i, u or ü
	switch w.vowel {
	case 'a', 'ı':
		i = "ı"
	case 'o', 'u':
		i = "u"
	case 'e', 'i':
		i = "i"
	default:
		i = "ü"
	}
	d := "d"
	if w.voiceless {
		d = "t"
	}
	y, n := "", ""
	if w.vowelEnd {
		y, n = "y", "n"
	}
	switch c {
	case caseLocative:
		return d + a
	case caseAblative:
		return d + a + "n"
	case caseDative:
		return y + a
	case caseAccusative:
		return y + i
	case caseGenitive:
		return n + i + "n"
	case caseInstrumental:
		return y + "l" + a
	}
	panic("turkish: unknown case")
}

// NumeralSuffix is NumberSuffix for a number as it is printed: numeral is
// one or more groups of decimal digits joined by dots or commas, a section
// number ("3.2", "2.1.4") or a decimal fraction ("3,5"), and the last group
// read aloud decides the ending, since that is the last word a reader says:
// "3.2" is read "üç nokta iki", so "'da" becomes "'de" (3.2'de), and "3.10"
// ends in "on" (3.10'da). A group's leading zeros are not read ("3.05" ends
// in "beş"). A dot is never taken as a thousands separator here.
//
// A numeral that is not of that form, or whose last group has more than 18
// digits, returns suffix unchanged with ok false, like an unknown suffix.
func NumeralSuffix(numeral, suffix string) (s string, ok bool) {
	last := numeral[strings.LastIndexAny(numeral, ".,")+1:]
	if !isNumeral(numeral) || len(last) > 18 {
		return suffix, false
	}
	n := 0
	for _, c := range last {
		n = n*10 + int(c-'0')
	}
	return NumberSuffix(n, suffix)
}

// isNumeral reports whether s is groups of ASCII digits joined by single
// dots or commas.
func isNumeral(s string) bool {
	digits := false // the current group has a digit
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
			digits = true
		case (c == '.' || c == ',') && digits:
			digits = false
		default:
			return false
		}
	}
	return digits
}
