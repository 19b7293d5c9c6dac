package turkish

import (
	"fmt"
	"strings"
	"testing"
)

func TestIsSentenceOpener(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"bu", true},
		{"Bu", true},
		{"BU", true},
		{"O", true},
		{"Ancak", true},
		{"Çünkü", true},
		{"ÇÜNKÜ", true},
		{"Dolayısıyla", true},
		{"DOLAYISIYLA", true}, // I folds to ı
		{"İşte", true},        // İ folds to i
		{"Işte", false},       // I folds to ı: "ışte" is no word
		{"Halbuki", true},
		{"Louis", false},
		{"Ahmet", false},
		{"Bölüm", false},
		{"bu.", false},
		{"", false},
		{strings.Repeat("İ", 100), false}, // longer than the fold buffer
	}
	for _, tt := range tests {
		if got := IsSentenceOpener(tt.word); got != tt.want {
			t.Errorf("IsSentenceOpener(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestIsLabelNoun(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"bölüm", true},
		{"Bölüm", true},
		{"BÖLÜM", true},
		{"Tablo", true},
		{"sayfa", true},
		{"puanı", true},
		{"PUANI", true}, // I folds to ı
		{"s", true},
		{"c", true},
		{"no", true},
		{"sayısı", true},
		{"yüzyıl", false},
		{"Dünya", false},
		{"puani", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsLabelNoun(tt.word); got != tt.want {
			t.Errorf("IsLabelNoun(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestIsSpeechVerb(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"dedi", true},
		{"dediler", true}, // every form of a listed stem
		{"demişti", true},
		{"diyordu", true},
		{"sordu", true},
		{"fısıldadı", true},
		{"mırıldandı", true},
		{"der", true},
		{"diye", true},
		{"diyerek", true},
		{"şeklinde", true},
		{"sorusu", true},
		{"sözleriyle", true},
		{"ifadelerini", true},
		{"dersi", false}, // "der" is an exact form, not a stem
		{"sorusundan", false},
		{"Dedi", false}, // case is not folded
		{"DEDİ", false},
		{"gitti", false},
		{"de", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsSpeechVerb(tt.word); got != tt.want {
			t.Errorf("IsSpeechVerb(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestIsChatShorthand(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"tmm", true},
		{"Tmm", true},
		{"TMM", true},
		{"slm", true},
		{"Tşk", true},
		{"hşçkl", true},
		{"Tğm", false}, // a rank: a title, not shorthand
		{"Yzb", false},
		{"tamam", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsChatShorthand(tt.word); got != tt.want {
			t.Errorf("IsChatShorthand(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

func TestIsLongFormJoiner(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"ve", true},
		{"ile", true},
		{"için", true},
		{"de", true},
		{"da", true},
		{"Ve", false}, // exact: a capitalised word is a name word
		{"VE", false},
		{"icin", false},
		{"veya", false},
		{"ya", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsLongFormJoiner(tt.word); got != tt.want {
			t.Errorf("IsLongFormJoiner(%q) = %v, want %v", tt.word, got, tt.want)
		}
	}
}

// The folded lists must hold their keys folded already, or no word could
// match them.
func TestFoldedListsAreLowerCase(t *testing.T) {
	for name, m := range map[string]map[string]bool{
		"sentenceOpeners": sentenceOpeners,
		"labelNouns":      labelNouns,
		"chatShorthand":   chatShorthand,
	} {
		for k := range m {
			if !inFolded(m, k) || Lower(k) != k {
				t.Errorf("%s: key %q is not in folded lower case", name, k)
			}
		}
	}
}

// TestInFoldedFolds checks inFolded, whose ASCII letters skip LowerRune,
// against folding the whole word with LowerRune, on ASCII, Turkish
// letters, dotted and dotless I, and words at the fold buffer's size.
func TestInFoldedFolds(t *testing.T) {
	words := []string{
		"bu", "BU", "Bu", "bU", "ICIN", "İÇİN", "Için", "için", "ıçın", "I", "ı", "i", "İ",
		"TDK", "tdk", "Tdk", "T.D.K", "3D", "a-b", "ÇÜNKÜ", "çünkü", "Ǆ", "ǅ", "",
		strings.Repeat("a", foldBuf), strings.Repeat("a", foldBuf+1),
		strings.Repeat("ş", foldBuf/2), strings.Repeat("I", foldBuf/2), strings.Repeat("I", foldBuf/2+1),
	}
	for _, w := range words {
		folded := strings.Map(LowerRune, w)
		m := map[string]bool{folded: true}
		want := len(folded) <= foldBuf
		if got := inFolded(m, w); got != want {
			t.Errorf("inFolded({%q}, %q) = %v, want %v", folded, w, got, want)
		}
		if inFolded(map[string]bool{w + "x": true}, w) {
			t.Errorf("inFolded({%q}, %q) = true, want false", w+"x", w)
		}
	}
}

// TestFoldable checks foldable, whose ASCII letters skip the Unicode
// tables, on the forms a lower-case entry matches in and on mixed ones.
func TestFoldable(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"bkz", true}, {"Bkz", true}, {"BKZ", true}, {"bKz", false}, {"bKZ", true},
		{"BkZ", false}, {"Şti", true}, {"ŞTİ", true}, {"ŞtI", false}, {"şTi", false},
		{"a.ş", true}, {"A.Ş", true}, {"A.ş", true}, {"A.şB", false}, {"3d", true}, {"", true},
		{"ığ", true}, {"IĞ", true}, {"Iğ", true}, {"IğX", false}, {"aǅ", true},
	}
	for _, tt := range tests {
		if got := foldable(tt.w); got != tt.want {
			t.Errorf("foldable(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}

func TestInFoldedAllocs(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { IsSentenceOpener("Dolayısıyla") }); n != 0 {
		t.Errorf("IsSentenceOpener allocates %v times, want 0", n)
	}
}

func ExampleIsSentenceOpener() {
	fmt.Println(IsSentenceOpener("Bu"), IsSentenceOpener("ÇÜNKÜ"), IsSentenceOpener("Louis"))
	// Output: true true false
}

func ExampleIsSpeechVerb() {
	fmt.Println(IsSpeechVerb("dediler"), IsSpeechVerb("diye"), IsSpeechVerb("gitti"))
	// Output: true true false
}
