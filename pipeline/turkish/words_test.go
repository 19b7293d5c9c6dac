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
