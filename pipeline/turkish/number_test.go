package turkish

import (
	"fmt"
	"math"
	"testing"
)

// numberSuffixCases lists, for each number, its ending in each case:
// locative, ablative, dative, accusative, genitive, instrumental. Every
// final digit 0 to 9, every tens, the scale words, and longer numbers
// whose last word read aloud decides.
var numberSuffixCases = []struct {
	n    int
	word string // the last word read aloud, for the reader of the table
	want [6]string
}{
	{0, "sıfır", [6]string{"da", "dan", "a", "ı", "ın", "la"}},
	{1, "bir", [6]string{"de", "den", "e", "i", "in", "le"}},
	{2, "iki", [6]string{"de", "den", "ye", "yi", "nin", "yle"}},
	{3, "üç", [6]string{"te", "ten", "e", "ü", "ün", "le"}},
	{4, "dört", [6]string{"te", "ten", "e", "ü", "ün", "le"}},
	{5, "beş", [6]string{"te", "ten", "e", "i", "in", "le"}},
	{6, "altı", [6]string{"da", "dan", "ya", "yı", "nın", "yla"}},
	{7, "yedi", [6]string{"de", "den", "ye", "yi", "nin", "yle"}},
	{8, "sekiz", [6]string{"de", "den", "e", "i", "in", "le"}},
	{9, "dokuz", [6]string{"da", "dan", "a", "u", "un", "la"}},
	{10, "on", [6]string{"da", "dan", "a", "u", "un", "la"}},
	{20, "yirmi", [6]string{"de", "den", "ye", "yi", "nin", "yle"}},
	{30, "otuz", [6]string{"da", "dan", "a", "u", "un", "la"}},
	{40, "kırk", [6]string{"ta", "tan", "a", "ı", "ın", "la"}},
	{50, "elli", [6]string{"de", "den", "ye", "yi", "nin", "yle"}},
	{60, "altmış", [6]string{"ta", "tan", "a", "ı", "ın", "la"}},
	{70, "yetmiş", [6]string{"te", "ten", "e", "i", "in", "le"}},
	{80, "seksen", [6]string{"de", "den", "e", "i", "in", "le"}},
	{90, "doksan", [6]string{"da", "dan", "a", "ı", "ın", "la"}},
	{100, "yüz", [6]string{"de", "den", "e", "ü", "ün", "le"}},
	{1000, "bin", [6]string{"de", "den", "e", "i", "in", "le"}},
	{1000000, "milyon", [6]string{"da", "dan", "a", "u", "un", "la"}},
	{1000000000, "milyar", [6]string{"da", "dan", "a", "ı", "ın", "la"}},
	{1000000000000, "trilyon", [6]string{"da", "dan", "a", "u", "un", "la"}},
	{21, "bir", [6]string{"de", "den", "e", "i", "in", "le"}},
	{36, "altı", [6]string{"da", "dan", "ya", "yı", "nın", "yla"}},
	{101, "bir", [6]string{"de", "den", "e", "i", "in", "le"}},
	{110, "on", [6]string{"da", "dan", "a", "u", "un", "la"}},
	{340, "kırk", [6]string{"ta", "tan", "a", "ı", "ın", "la"}},
	{1100, "yüz", [6]string{"de", "den", "e", "ü", "ün", "le"}},
	{1923, "üç", [6]string{"te", "ten", "e", "ü", "ün", "le"}},
	{1960, "altmış", [6]string{"ta", "tan", "a", "ı", "ın", "la"}},
	{1985, "beş", [6]string{"te", "ten", "e", "i", "in", "le"}},
	{2000, "bin", [6]string{"de", "den", "e", "i", "in", "le"}},
	{2009, "dokuz", [6]string{"da", "dan", "a", "u", "un", "la"}},
	{3000000, "milyon", [6]string{"da", "dan", "a", "u", "un", "la"}},
	{5000000000, "milyar", [6]string{"da", "dan", "a", "ı", "ın", "la"}},
	{1000000000000000000, "kentilyon", [6]string{"da", "dan", "a", "u", "un", "la"}},
	{-3, "eksi üç", [6]string{"te", "ten", "e", "ü", "ün", "le"}},
	{-40, "eksi kırk", [6]string{"ta", "tan", "a", "ı", "ın", "la"}},
	{math.MinInt, "… sekiz", [6]string{"de", "den", "e", "i", "in", "le"}},
	{math.MaxInt, "… yedi", [6]string{"de", "den", "ye", "yi", "nin", "yle"}},
}

// authorSpellings lists, for each case in the order of numberSuffixCases,
// every form in which an author may write it after a word.
var authorSpellings = [6][]string{
	{"da", "de", "ta", "te"},
	{"dan", "den", "tan", "ten"},
	{"a", "e", "ya", "ye"},
	{"ı", "i", "u", "ü", "yı", "yi", "yu", "yü"},
	{"ın", "in", "un", "ün", "nın", "nin", "nun", "nün"},
	{"la", "le", "yla", "yle"},
}

func TestNumberSuffix(t *testing.T) {
	for _, tc := range numberSuffixCases {
		for c, forms := range authorSpellings {
			for _, f := range forms {
				for _, apos := range []string{"'", "’"} {
					got, ok := NumberSuffix(tc.n, apos+f)
					if want := apos + tc.want[c]; got != want || !ok {
						t.Errorf("NumberSuffix(%d (%s), %q) = %q, %v; want %q, true", tc.n, tc.word, apos+f, got, ok, want)
					}
				}
			}
		}
		// The relative -ki after a locative is kept.
		for _, f := range []string{"'daki", "'deki", "'taki", "'teki"} {
			if got, ok := NumberSuffix(tc.n, f); got != "'"+tc.want[0]+"ki" || !ok {
				t.Errorf("NumberSuffix(%d (%s), %q) = %q, %v; want %q, true", tc.n, tc.word, f, got, ok, "'"+tc.want[0]+"ki")
			}
		}
	}
}

func TestNumberSuffixForms(t *testing.T) {
	tests := []struct {
		n      int
		suffix string
		want   string
		ok     bool
	}{
		// Without an apostrophe the result gets a straight one.
		{3, "da", "'te", true},
		{6, "yi", "'yı", true},
		// Unknown suffixes come back unchanged.
		{3, "", "", false},
		{3, "'", "'", false},
		{3, "'ler", "'ler", false},
		{3, "'si", "'si", false},
		{3, "'ünde", "'ünde", false},
		{3, "'Da", "'Da", false},
		{3, "'dakiler", "'dakiler", false},
		{3, "'ki", "'ki", false},
		{3, "'dana", "'dana", false},
		{3, "''da", "''da", false},
		{3, "’ler", "’ler", false},
	}
	for _, tt := range tests {
		got, ok := NumberSuffix(tt.n, tt.suffix)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NumberSuffix(%d, %q) = %q, %v; want %q, %v", tt.n, tt.suffix, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzNumberSuffix(f *testing.F) {
	f.Add(3, "'da")
	f.Add(-1, "’nın")
	f.Fuzz(func(t *testing.T, n int, suffix string) {
		got, ok := NumberSuffix(n, suffix)
		if !ok && got != suffix {
			t.Fatalf("NumberSuffix(%d, %q) = %q, false: an unknown suffix must come back unchanged", n, suffix, got)
		}
		if ok {
			// An inflected suffix is recognised again and stable.
			again, ok2 := NumberSuffix(n, got)
			if !ok2 || again != got {
				t.Fatalf("NumberSuffix(%d, %q) = %q, but again gives %q, %v", n, suffix, got, again, ok2)
			}
		}
	})
}

func ExampleNumberSuffix() {
	// An author wrote "@fig-harita'da" (in the map figure); the figure's
	// number decides the ending.
	for _, n := range []int{3, 6, 2, 40, 100} {
		s, _ := NumberSuffix(n, "'da")
		fmt.Printf("Şekil %d%s\n", n, s)
	}
	s, ok := NumberSuffix(2, "'ler")
	fmt.Println(s, ok)
	// Output:
	// Şekil 3'te
	// Şekil 6'da
	// Şekil 2'de
	// Şekil 40'ta
	// Şekil 100'de
	// 'ler false
}

func TestNumeralSuffix(t *testing.T) {
	tests := []struct {
		numeral, suffix string
		want            string
		ok              bool
	}{
		{"3", "'da", "'te", true},
		{"6", "’da", "’da", true},
		{"2", "’da", "’de", true},
		{"3.2", "'da", "'de", true},   // üç nokta iki
		{"2.6", "’de", "’da", true},   // iki nokta altı
		{"3.10", "'de", "'da", true},  // … on
		{"1.40", "'e", "'a", true},    // … kırk
		{"2.1.4", "'ün", "'ün", true}, // … dört
		{"3.05", "'da", "'te", true},  // … beş
		{"3,5", "'i", "'i", true},     // üç virgül beş
		{"10.100", "'ta", "'de", true},
		{"1000", "'ya", "'e", true},
		{"000000000000000003", "'da", "'te", true},
		// Not numerals: the suffix comes back unchanged.
		{"", "'da", "'da", false},
		{"3.", "'da", "'da", false},
		{".3", "'da", "'da", false},
		{"3..2", "'da", "'da", false},
		{"3a", "'da", "'da", false},
		{"-3", "'da", "'da", false},
		{"٣", "'da", "'da", false},
		{"1.0000000000000000000", "'da", "'da", false},
		// An unknown suffix after a good numeral.
		{"3.2", "'ler", "'ler", false},
	}
	for _, tt := range tests {
		got, ok := NumeralSuffix(tt.numeral, tt.suffix)
		if got != tt.want || ok != tt.ok {
			t.Errorf("NumeralSuffix(%q, %q) = %q, %v; want %q, %v", tt.numeral, tt.suffix, got, ok, tt.want, tt.ok)
		}
	}
}

func ExampleNumeralSuffix() {
	// "@sec-noktalama'da" for a section numbered 3.2: "iki" is read last.
	s, _ := NumeralSuffix("3.2", "’da")
	fmt.Println("Bölüm 3.2" + s)
	s, _ = NumeralSuffix("4.10", "’de")
	fmt.Println("Bölüm 4.10" + s)
	// Output:
	// Bölüm 3.2’de
	// Bölüm 4.10’da
}
