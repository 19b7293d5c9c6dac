package turkish

import (
	"strings"
	"unicode/utf8"
)

// The word lists below are curated by hand for two stages: sentence
// segmentation (openers, label nouns, speech verbs, chat shorthand) and
// acronym definitions (long-form joiners). They hold words of ordinary
// Turkish prose, news and fiction dialogue; the segmenter's dev and hard
// sets and the enrich tests check them in use. Lookups are map or switch
// lookups without allocation, since the segmenter asks for every word
// before a period.

// sentenceOpeners are words that open sentences and never follow an
// ordinal, an initial or a title: pronouns, demonstratives, conjunctions
// and sentence adverbs.
var sentenceOpeners = map[string]bool{
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

// IsSentenceOpener reports whether w, in any case, is a word that opens
// sentences and never follows an ordinal, an initial or a title: a
// pronoun, demonstrative, conjunction or sentence adverb ("Bu", "Ancak",
// "ÇÜNKÜ"). After "85." or "Şti." such a word shows that the period ended
// the sentence. Case is folded by Turkish rules (I→ı, İ→i), so "Işte" is
// not "işte".
func IsSentenceOpener(w string) bool { return inFolded(sentenceOpeners, w) }

// labelNouns take a cardinal number after them.
var labelNouns = map[string]bool{
	"sayısı": true, "toplam": true, "toplamı": true,
	"puanı": true, "puan": true, "yaşı": true, "skor": true, "skoru": true,
	"sonuç": true, "adet": true, "tel": true, "telefon": true,
	"bölüm": true, "tablo": true, "şekil": true, "madde": true, "ek": true,
	"sayfa": true, "s": true, "sayı": true, "numara": true, "no": true,
	"nu": true, "cilt": true, "c": true, "oda": true, "kat": true,
	"peron": true, "kapı": true, "saat": true, "grup": true, "daire": true,
	"resim": true, "harita": true, "grafik": true, "örnek": true, "soru": true,
	"alıştırma": true, "ünite": true, "kısım": true, "fıkra": true, "bent": true,
	"paragraf": true, "satır": true, "ayet": true, "sure": true, "level": true,
	"seviye": true, "derece": true, "sezon": true, "hafta": true, "gün": true,
}

// IsLabelNoun reports whether w, in any case (folded by Turkish rules), is
// a noun that takes a cardinal number after it: "Bölüm 3", "Tablo 2",
// "sayfa 45", "puanı 85", and the reference letters s (sayfa) and c
// (cilt). A number after one of them is not an ordinal, so a period after
// the number before a capital ends the sentence: "bkz. Bölüm 3. Orada …".
func IsLabelNoun(w string) bool { return inFolded(labelNouns, w) }

// speechStems are stems of speech verbs whose every form attributes:
// dedi, dediler, demiş, diyor, sordu, bağırdı, …
var speechStems = []string{
	"dedi", "demiş", "diyor", "diyen", "derdi", "sordu", "soruyor", "bağırdı",
	"bağırıyor", "haykırdı", "fısıldadı", "mırıldandı", "söyledi", "yanıtladı",
	"cevapladı", "seslendi", "söylendi", "ekledi", "sızlandı", "homurdandı",
	"kekeledi",
}

// IsSpeechVerb reports whether w, a word in lower case, is a form of demek
// (to say), another verb that attributes speech, or a noun such as sorusu
// that takes quoted words as its complement: dedi, diye, sordu,
// fısıldadı, şeklinde, sorusu, sözleriyle. After a quotation ending in
// "!", "?" or "." ("Gel!" dedi.) such a word continues the sentence. Forms
// of the listed stems match with any ending (dediler, sordular). Case is
// not folded: "Dedi" and "DEDİ" are not speech verbs, since a capital
// after the quotation opens a new sentence.
func IsSpeechVerb(w string) bool {
	for _, p := range speechStems {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	switch w {
	case "der", "deyip", "deyince", "diye", "diyerek", "şeklinde",
		"biçiminde",
		// Nouns that take a quoted question or exclamation as their
		// complement: "Ne yapmalı? sorusu", "Yaşasın! sözleriyle".
		"sorusu", "sorusunu", "sorusuna", "sorusuyla", "soruları",
		"sorularını", "ifadesini", "ifadelerini", "sözleriyle", "sözlerini":
		return true
	}
	return false
}

// chatShorthand holds vowel-less shorthand of informal writing.
var chatShorthand = map[string]bool{
	"tmm": true, "slm": true, "mrb": true, "mrhb": true, "nbr": true,
	"tşk": true, "tşkr": true, "tşkrlr": true, "kib": true, "cnm": true,
	"knk": true, "bnm": true, "hşçkl": true, "grşz": true, "grşrz": true,
	"nsl": true, "nrd": true, "bşy": true, "hrks": true, "msj": true,
}

// IsChatShorthand reports whether w, in any case (folded by Turkish
// rules), is vowel-less shorthand of informal writing: tmm (tamam), slm
// (selam), mrb (merhaba), tşk (teşekkürler), nbr (ne haber), … Unlike a
// vowel-less title (Tğm., Yzb.), such shorthand ends a sentence when a
// period follows it.
func IsChatShorthand(w string) bool { return inFolded(chatShorthand, w) }

// longFormJoiners may stand in lower case inside a long form.
var longFormJoiners = map[string]bool{"ve": true, "ile": true, "için": true, "de": true, "da": true}

// IsLongFormJoiner reports whether w is one of the lower-case function
// words that may stand inside the Turkish long form of an acronym between
// capitalised words: "ve", "ile", "için", "de" and "da" (Millî Eğitim ve
// Kültür Bakanlığı, Ekonomik İşbirliği ve Kalkınma Örgütü). The match is
// exact: capitalised forms ("Ve") are name words in their own right.
func IsLongFormJoiner(w string) bool { return longFormJoiners[w] }

// foldBuf is the size of the stack buffer inFolded folds into; every word
// of the folded lists is shorter.
const foldBuf = 64

// inFolded reports whether w, folded to lower case by Turkish rules
// (LowerRune), is a key of m. It folds into a stack buffer,
// so the lookup does not allocate; a word that does not fit is longer than
// every key and is not in m.
func inFolded(m map[string]bool, w string) bool {
	var buf [foldBuf]byte
	b, ok := foldInto(buf[:0], w)
	return ok && m[string(b)]
}

// foldInto appends w, folded to lower case by Turkish rules (LowerRune),
// to b, and reports whether it fits in b's capacity.
func foldInto(b []byte, w string) ([]byte, bool) {
	for _, r := range w {
		if r < utf8.RuneSelf && r != 'I' { // ASCII folds as ASCII
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			if len(b) == cap(b) {
				return b, false
			}
			b = append(b, byte(r))
			continue
		}
		r = LowerRune(r)
		if len(b)+utf8.RuneLen(r) > cap(b) {
			return b, false
		}
		b = utf8.AppendRune(b, r)
	}
	return b, true
}
