package turkish

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The abbreviation lists below are curated by hand for sentence
// segmentation. Sources: the abbreviation list of the Türk Dil Kurumu's
// Yazım Kılavuzu (titles, ranks, address and bibliography terms), the
// abbreviations of Turkish news and academic prose, and the English
// honorifics and company forms that appear in translated text.
//
// An entry is left out when the bare word is also an ordinary Turkish word
// that often ends a sentence: "der" (says / derleyen), "bas" (press /
// baskı), "ara" (search / Aralık), "kas" (muscle / Kasım), "kat" (floor /
// katı) and the like. Where the capitalised form is the usual
// abbreviation and the lower-case form a word, only the capitalised form
// is listed: Av. (avukat) but not av. (hunting).
//
// Matching: an entry written in lower case also matches its capitalised
// and upper-case forms (bkz., Bkz., BKZ.); an entry written with a capital
// matches only as written (Av. but not av.).

// abbreviations never end a sentence in practice: titles and ranks stand
// before a name, reference words stand before a number or a name.
var abbreviations = []string{
	// Academic and professional titles, also typed in lower case.
	"prof", "doç", "dr", "yrd", "yard", "öğr", "öğ", "gör", "arş", "ord",
	"uzm", "Op", "Av", "müh", "mim", "ecz", "dt", "dyt", "psk", "öğrt", "okt",
	"Sn", "hz", "müd", "md", "bşk", "başk", "Gen", "gnl", "Sek", "vek",
	// Military ranks.
	"org", "Kur", "korg", "tümg", "tuğg", "alb", "yb", "bnb", "yzb", "ütğm", "tğm",
	"asteğm", "astsb", "asb", "kd", "çvş", "amr", "koramr", "tümamr", "tuğamr",
	// English and other honorifics in translated text.
	"mr", "mrs", "ms", "Messrs", "jr", "sr", "st", "Mt", "Ft", "Gov", "Rep",
	"Rev", "Capt", "Col", "Sgt", "Mme", "Mlle", "Mgr", "Hon",
	// Organisations and company forms.
	"ltd", "şti", "koll", "Ort", "tic", "San", "Bros",
	"A.Ş", "T.C", "T.A.Ş", "K.K.T.C", "T.B.M.M", "A.B.D",
	// Eras.
	"M.Ö", "M.S", "İ.Ö", "İ.S",
	// Addresses (bul = find, böl = divide: only the capitalised forms).
	"mah", "mh", "cad", "cd", "sok", "sk", "Bul", "blv", "apt", "ap", "no", "nu",
	// References and bibliography (haz, yay, tel, böl are also words).
	"bkz", "bknz", "bk", "krş", "yakl", "karş", "örn", "ör", "sf", "sy", "ss", "çev", "Haz",
	"Yay", "ed", "eds", "vol", "pp", "fig", "şek", "a.g.e", "a.g.m", "age",
	"agm", "y.a.g.e", "a.y", "bl", "Böl", "md", "mad", "fık", "cf", "e.g",
	"i.e", "viz", "approx", "Tel", "fax",
	// Languages (etymology notes).
	"İng", "Fr", "Alm", "Ar", "Far", "Lat", "Yun", "İsp", "Osm",
	// Institutions.
	"Üniv", "Fak", "Ens", "Hast", "Müz", "Kütüp",
	// Single letters used as reference words (sayfa, cilt, yıl, doğum,
	// ölüm); single letters are also initials, see the segmenter.
	"s", "c", "y", "d", "ö", "p",
}

// terminalAbbreviations often close a sentence: list closers (vb., vs.,
// etc.), units written with a period, and the English company forms that
// end company names in translated news (Inc., Corp., Co.; Turkish writes
// the title after a company name in lower case: "… Inc. başkanı"). A
// capitalised word after them starts a new sentence; a lower-case word or
// a number continues it.
var terminalAbbreviations = []string{
	"vb", "v.b", "vs", "v.s", "vd", "vdd", "v.d", "etc", "vesaire", "yy",
	"km", "cm", "mm", "kg", "gr", "lt", "ml", "dk", "sa", "inc", "corp", "co",
}

// The lookup sets. abbrevExact holds the entries written with a capital,
// which match only as written; abbrevFolded holds the lower-case entries
// (terminal ones included), which match in any case; terminalFolded holds
// the terminal entries. Every terminal entry is written in lower case.
var abbrevExact, abbrevFolded, terminalFolded = abbrevSets()

// maxAbbrevRunes is the length in runes of the longest entry: a longer
// word is no abbreviation, and folding (LowerRune, rune for rune) keeps
// the length.
var maxAbbrevRunes = func() int {
	n := 0
	for _, w := range slices.Concat(abbreviations, terminalAbbreviations) {
		n = max(n, utf8.RuneCountInString(w))
	}
	return n
}()

// tooLong reports whether w has more runes than any entry.
func tooLong(w string) bool {
	return len(w) > maxAbbrevRunes && utf8.RuneCountInString(w) > maxAbbrevRunes
}

func abbrevSets() (exact, folded, terminal map[string]bool) {
	exact, folded, terminal = map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, w := range abbreviations {
		if abbrevFold(w) == w {
			folded[w] = true
		} else {
			exact[w] = true
		}
	}
	for _, w := range terminalAbbreviations {
		folded[w] = true
		terminal[w] = true
	}
	return exact, folded, terminal
}

// IsAbbreviation reports whether word, with or without its final period, is
// a known abbreviation (Dr., Prof., vb., bkz., A.Ş., M.Ö., St., …). Proper
// nouns with a suffix (ABD’de) and acronyms without periods (ABD, TBMM) are
// not abbreviations in this sense: they end sentences like other words.
func IsAbbreviation(word string) bool {
	w := strings.TrimSuffix(word, ".")
	if w == "" || tooLong(w) {
		return false
	}
	if abbrevExact[w] {
		return true
	}
	if !foldable(w) {
		return false
	}
	return inFolded(abbrevFolded, w)
}

// IsTerminalAbbreviation reports whether word (with or without its final
// period) is an abbreviation that commonly ends a sentence, such as vb.,
// vs., vd., etc. and units (km., kg.): after it a capitalised word starts a
// new sentence. Every terminal abbreviation is also an [IsAbbreviation].
func IsTerminalAbbreviation(word string) bool {
	w := strings.TrimSuffix(word, ".")
	if w == "" || tooLong(w) || !foldable(w) {
		return false
	}
	return inFolded(terminalFolded, w)
}

// LookupAbbreviation reports both IsAbbreviation(word) and
// IsTerminalAbbreviation(word), folding word once, for a caller that
// asks both.
func LookupAbbreviation(word string) (known, terminal bool) {
	w := strings.TrimSuffix(word, ".")
	if w == "" || tooLong(w) {
		return false, false
	}
	exact := abbrevExact[w]
	if !foldable(w) {
		return exact, false
	}
	var buf [foldBuf]byte
	f, ok := foldInto(buf[:0], w)
	if !ok {
		return exact, false
	}
	return exact || abbrevFolded[string(f)], terminalFolded[string(f)]
}

// foldable reports whether w is written in lower case, capitalised, or all
// upper case, the forms in which a lower-case entry matches. Mixed forms
// such as "bKz" match nothing.
func foldable(w string) bool {
	first, n := utf8.DecodeRuneInString(w)
	rest := w[n:]
	if !unicode.IsLetter(first) {
		return true
	}
	lowerRest, upperRest := true, true
	for _, r := range rest {
		if r < utf8.RuneSelf { // ASCII: the same answers without the tables
			upperRest = upperRest && !('a' <= r && r <= 'z')
			lowerRest = lowerRest && !('A' <= r && r <= 'Z')
			continue
		}
		if unicode.IsLower(r) {
			upperRest = false
		}
		if unicode.IsUpper(r) {
			lowerRest = false
		}
	}
	return lowerRest || upperRest
}

// abbrevFold lower-cases w with the Turkish rules for I and İ (I → ı,
// İ → i), so that "BKZ" and "Bkz" both find "bkz".
func abbrevFold(w string) string { return strings.Map(LowerRune, w) }
