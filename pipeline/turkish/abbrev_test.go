package turkish

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
)

func TestIsAbbreviation(t *testing.T) {
	tests := []struct {
		word     string
		abbrev   bool
		terminal bool
	}{
		{"Dr.", true, false},
		{"Dr", true, false},
		{"Prof.", true, false},
		{"Doç.", true, false},
		{"Yrd.", true, false},
		{"Av.", true, false},
		{"av.", false, false}, // "av" (hunting) is a word
		{"Müh.", true, false},
		{"Op.", true, false},
		{"Uzm.", true, false},
		{"Sn.", true, false},
		{"vek.", true, false}, // vekil, vekili: Başbakan vek. Ali Ak
		{"vb.", true, true},
		{"vs.", true, true},
		{"vd.", true, true},
		{"etc.", true, true},
		{"bkz.", true, false},
		{"Bkz.", true, false},
		{"BKZ.", true, false},
		{"bKz.", false, false},
		{"örn.", true, false},
		{"Örn.", true, false},
		{"sf.", true, false},
		{"no.", true, false},
		{"No.", true, false},
		{"Nu.", true, false},
		{"yy.", true, true},
		{"mah.", true, false},
		{"cad.", true, false},
		{"Cad.", true, false},
		{"sok.", true, false},
		{"apt.", true, false},
		{"Ltd.", true, false},
		{"Şti.", true, false},
		{"A.Ş.", true, false},
		{"T.C.", true, false},
		{"M.Ö.", true, false},
		{"M.S.", true, false},
		{"St.", true, false},
		{"Mr.", true, false},
		{"Mrs.", true, false},
		{"Jr.", true, false},
		{"km.", true, true},
		{"ABD'de", false, false},
		{"ABD’de", false, false},
		{"ABD", false, false},
		{"TBMM", false, false},
		{"der.", false, false}, // "der" (says)
		{"bul.", false, false}, // "bul" (find)
		{"kat.", false, false}, // "kat" (floor)
		{"gitti.", false, false},
		{"", false, false},
		{".", false, false},
	}
	for _, tt := range tests {
		if got := IsAbbreviation(tt.word); got != tt.abbrev {
			t.Errorf("IsAbbreviation(%q) = %v, want %v", tt.word, got, tt.abbrev)
		}
		if got := IsTerminalAbbreviation(tt.word); got != tt.terminal {
			t.Errorf("IsTerminalAbbreviation(%q) = %v, want %v", tt.word, got, tt.terminal)
		}
	}
}

// TestTerminalAreAbbreviations checks the documented promise that every
// terminal abbreviation is also an abbreviation.
func TestTerminalAreAbbreviations(t *testing.T) {
	for _, w := range terminalAbbreviations {
		if abbrevFold(w) != w {
			t.Errorf("terminal entry %q must be written in lower case", w)
		}
		if !IsAbbreviation(w) || !IsTerminalAbbreviation(w) {
			t.Errorf("%q: IsAbbreviation %v, IsTerminalAbbreviation %v", w, IsAbbreviation(w), IsTerminalAbbreviation(w))
		}
	}
	for _, w := range abbreviations {
		if !IsAbbreviation(w) {
			t.Errorf("IsAbbreviation(%q) = false for a listed entry", w)
		}
		// Upper case matches a lower-case entry, even where it takes
		// more bytes (i → İ).
		if up := strings.ToUpperSpecial(unicode.TurkishCase, w); abbrevFold(w) == w && !IsAbbreviation(up+".") {
			t.Errorf("IsAbbreviation(%q) = false for the entry %q", up+".", w)
		}
	}
}

func ExampleIsAbbreviation() {
	for _, w := range []string{"Dr.", "bkz.", "A.Ş.", "ABD’de", "gitti."} {
		fmt.Println(w, IsAbbreviation(w))
	}
	// Output:
	// Dr. true
	// bkz. true
	// A.Ş. true
	// ABD’de false
	// gitti. false
}

// lookupWords are words for TestLookupAbbreviation and the fuzz target's
// seeds: entries in every case, with and without the period, and others.
func lookupWords() []string {
	words := []string{"", ".", "..", "gitti", "gitti.", "bKz", "İSTANBUL", "K.K.T.C.", "ıı", "Iİ", "a.ş.", strings.Repeat("a", 70)}
	for _, w := range append(abbreviations, terminalAbbreviations...) {
		up := strings.ToUpperSpecial(unicode.TurkishCase, w)
		words = append(words, w, w+".", up, up+".", Title(w))
	}
	return words
}

func TestLookupAbbreviation(t *testing.T) {
	for _, w := range lookupWords() {
		known, terminal := LookupAbbreviation(w)
		if known != IsAbbreviation(w) || terminal != IsTerminalAbbreviation(w) {
			t.Errorf("LookupAbbreviation(%q) = %v, %v; want %v, %v", w, known, terminal, IsAbbreviation(w), IsTerminalAbbreviation(w))
		}
	}
}

func FuzzLookupAbbreviation(f *testing.F) {
	for _, w := range lookupWords() {
		f.Add(w)
	}
	f.Fuzz(func(t *testing.T, w string) {
		known, terminal := LookupAbbreviation(w)
		if known != IsAbbreviation(w) || terminal != IsTerminalAbbreviation(w) {
			t.Errorf("LookupAbbreviation(%q) = %v, %v; want %v, %v", w, known, terminal, IsAbbreviation(w), IsTerminalAbbreviation(w))
		}
	})
}
