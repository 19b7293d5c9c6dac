package turkish

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// hyphenated writes word with a "-" at every hyphenated break and a "|" at
// every break that takes no hyphen.
func hyphenated(word string) string {
	w := []rune(word)
	var b strings.Builder
	pts := HyphenationPoints(word)
	for i, r := range w {
		if slices.Contains(pts, i) {
			if breakTakesHyphen(word, i) {
				b.WriteByte('-')
			} else {
				b.WriteByte('|')
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestSyllables(t *testing.T) {
	tests := []struct{ word, want string }{
		{"Türkçe", "Türk-çe"},
		{"korkmak", "kork-mak"},
		{"program", "prog-ram"},
		{"kontrol", "kont-rol"},
		{"elektrik", "e-lekt-rik"},
		{"sportmen", "sport-men"},
		{"gelecek", "ge-le-cek"},
		{"strateji", "stra-te-ji"},
		{"saat", "sa-at"},
		{"şiir", "şi-ir"},
		{"kitap", "ki-tap"},
		{"araba", "a-ra-ba"},
		{"okul", "o-kul"},
		{"İstanbul", "İs-tan-bul"},
		{"güvenlik", "gü-ven-lik"},
		{"altyapı", "alt-ya-pı"},
		{"Ankara", "An-ka-ra"},
		{"kardeş", "kar-deş"},
		{"trafik", "tra-fik"},
		{"sevgi", "sev-gi"},
		{"çiçek", "çi-çek"},
		{"öğretmen", "öğ-ret-men"},
		{"kâğıt", "kâ-ğıt"},
		{"ilgili", "il-gi-li"},
		{"kaydettiği", "kay-det-ti-ği"},
		{"Türkiye", "Tür-ki-ye"},
		{"dijital", "di-ji-tal"},
		{"diplomasi", "dip-lo-ma-si"},
		{"yıkıcı", "yı-kı-cı"},
		{"ağaç", "a-ğaç"},
		{"ve", "ve"},
		{"st", "st"},
		{"", ""},
	}
	for _, tt := range tests {
		got := strings.Join(syllables(tt.word), "-")
		if got != tt.want {
			t.Errorf("syllables(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestHyphenationPoints is the table of TDK line-break forms: "-" marks a
// break that takes a hyphen, "|" one that takes none.
func TestHyphenationPoints(t *testing.T) {
	tests := []struct{ word, want string }{
		// One vowel per syllable; only the last consonant of a run moves on.
		{"Türkçe", "Türk-çe"},
		{"korkmak", "kork-mak"},
		{"program", "prog-ram"},
		{"kontrol", "kont-rol"},
		{"elektrik", "elekt-rik"}, // e-lekt-rik: a lone e never ends a line
		{"sportmen", "sport-men"},
		{"gelecek", "ge-le-cek"},
		{"strateji", "stra-te-ji"}, // word-initial clusters are not split
		{"stratejik", "stra-te-jik"},
		{"İstanbul", "İs-tan-bul"},
		{"güvenliğin", "gü-ven-li-ğin"},
		{"sağlanması", "sağ-lan-ma-sı"},
		{"fiziksel", "fi-zik-sel"},
		{"uzlaşılmış", "uz-la-şıl-mış"},
		{"anlaşmalarla", "an-laş-ma-lar-la"},
		{"gerçekleşmektedir", "ger-çek-leş-mek-te-dir"},
		{"altyapısının", "alt-ya-pı-sı-nın"},
		{"koordinasyon", "ko-or-di-nas-yon"},
		{"Mühendisliği", "Mü-hen-dis-li-ği"},
		{"diplomasiyi", "dip-lo-ma-si-yi"},
		{"uluslararası", "ulus-la-ra-ra-sı"},
		{"dijitalleşen", "di-ji-tal-le-şen"},
		{"öngörmek", "ön-gör-mek"},
		{"saat", "sa-at"},
		{"şiir", "şi-ir"},
		{"araba", "ara-ba"}, // at least two letters before a break
		{"okul", "okul"},    // o-kul would leave one letter
		{"kâğıt", "kâ-ğıt"}, // â is a vowel
		{"hâlâ", "hâ-lâ"},
		{"ekipmandan", "ekip-man-dan"},
		{"zekâ", "ze-kâ"},
		{"ve", "ve"},
		{"bir", "bir"},
		{"elma", "el-ma"},
		{"ilgisiz", "il-gi-siz"},
		// Apostrophes: a break right after one takes no hyphen.
		{"İnternet’in", "İn-ter-net’|in"},
		{"İnternet’lerinden", "İn-ter-net’|le-rin-den"},
		{"1996’da", "1996’|da"},
		{"ICANN’in", "ICANN’|in"},
		{"IETF’nin", "IETF’|nin"},
		{"Ali’ye", "Ali’|ye"},
		{"Ankara'da", "An-ka-ra'|da"},
		// Never hyphenated: acronyms, numbers, URLs, e-mail addresses.
		{"ICANN", "ICANN"},
		{"NATO", "NATO"},
		{"2024", "2024"},
		{"1.234.567", "1.234.567"},
		{"https://www.icann.org/resources", "https://www.icann.org/resources"},
		{"www.ornekadres.com", "www.ornekadres.com"},
		{"iletisim@kurumsal.gov.tr", "iletisim@kurumsal.gov.tr"},
		{"ornekadres.com.tr", "ornekadres.com.tr"},
		// Punctuation around a word stays outside the letter run.
		{"(protokolleri", "(pro-to-kol-le-ri"},
		{"standartlarının)", "stan-dart-la-rı-nın)"},
		{"güvenlik,", "gü-ven-lik,"},
	}
	if len(tests) < 40 {
		t.Fatalf("the table needs at least 40 words, has %d", len(tests))
	}
	for _, tt := range tests {
		if got := hyphenated(tt.word); got != tt.want {
			t.Errorf("hyphenated(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestHyphenationPointsInvariants(t *testing.T) {
	for _, w := range strings.Fields("Siber güvenliğin sağlanması, fiziksel güvenlikte olduğu gibi üzerinde uzlaşılmış sözlü ya da yazılı anlaşmalarla gerçekleşmektedir İnternet’in ICANN’in") {
		pts := HyphenationPoints(w)
		n := len([]rune(w))
		for i, p := range pts {
			if p < 2 || n-p < 2 {
				t.Errorf("%q: break %d leaves fewer than two characters on a side", w, p)
			}
			if i > 0 && pts[i-1] >= p {
				t.Errorf("%q: points %v not increasing", w, pts)
			}
		}
		if got := strings.Join(syllables(w), ""); got != w {
			t.Errorf("syllables(%q) joins to %q", w, got)
		}
	}
}

func ExampleHyphenationPoints() {
	fmt.Println(HyphenationPoints("gerçekleşmektedir"))
	fmt.Println(HyphenationPoints("İnternet’in"), breakTakesHyphen("İnternet’in", 9))
	fmt.Println(HyphenationPoints("ICANN"))
	// Output:
	// [3 6 9 12 14]
	// [2 5 9] false
	// []
}

func BenchmarkHyphenate(b *testing.B) {
	words := strings.Fields("Siber güvenliğin sağlanması, fiziksel güvenlikte olduğu gibi üzerinde uzlaşılmış sözlü ya da yazılı anlaşmalarla gerçekleşmektedir. İnternet’in temel fonksiyonlarının yerine getirmesi için koordinasyon görevini")
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			HyphenationPoints(w)
		}
	}
}

func FuzzHyphenationPoints(f *testing.F) {
	for _, s := range []string{"Türkçe", "İnternet’in", "1996’da", "ICANN’in", "strateji", "a’b", "’’", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		pts := HyphenationPoints(w)
		n := len([]rune(w))
		for i, p := range pts {
			if p < 1 || p >= n || (i > 0 && pts[i-1] >= p) {
				t.Fatalf("HyphenationPoints(%q) = %v", w, pts)
			}
		}
		if got := strings.Join(syllables(w), ""); got != string([]rune(w)) {
			t.Fatalf("syllables(%q) joins to %q", w, got)
		}
	})
}

// syllables splits word into its syllables by the TDK rules. Characters
// other than letters (punctuation, digits, an apostrophe) stay attached to
// the syllable before them, or to the first syllable when they lead. The
// syllables concatenate to word. A word without vowels is one syllable; the
// empty word has none. The hyphenation points are
// the syllable boundaries it tests.
func syllables(word string) []string {
	if word == "" {
		return nil
	}
	w := []rune(word)
	var cuts []int
	letterRuns(w, func(start, end int) {
		cuts = syllableStarts(cuts, w[start:end], start)
	})
	out := make([]string, 0, len(cuts)+1)
	last := 0
	for _, c := range cuts {
		out = append(out, string(w[last:c]))
		last = c
	}
	return append(out, string(w[last:]))
}

// breakTakesHyphen reports whether a line broken at rune index i of word (a
// point returned by HyphenationPoints) ends with a hyphen: every break does
// except the one right after an apostrophe.
func breakTakesHyphen(word string, i int) bool {
	w := []rune(word)
	return i <= 0 || i > len(w) || HyphenAfter(w[i-1])
}
