package turkish

import (
	"fmt"
	"sync"
	"testing"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

func TestCase(t *testing.T) {
	tests := []struct {
		in, upper, lower, title string
	}{
		{"istanbul", "İSTANBUL", "istanbul", "İstanbul"},
		{"ISPARTA", "ISPARTA", "ısparta", "Isparta"},
		{"İzmir", "İZMİR", "izmir", "İzmir"},
		{"ılık ırmak", "ILIK IRMAK", "ılık ırmak", "Ilık Irmak"},
		{"çiğ şeker ölçüsü", "ÇİĞ ŞEKER ÖLÇÜSÜ", "çiğ şeker ölçüsü", "Çiğ Şeker Ölçüsü"},
		{"ICANN’in", "ICANN’İN", "ıcann’in", "Icann’in"},
		{"", "", "", ""},
	}
	for _, tt := range tests {
		if got := upper(tt.in); got != tt.upper {
			t.Errorf("upper(%q) = %q, want %q", tt.in, got, tt.upper)
		}
		if got := Lower(tt.in); got != tt.lower {
			t.Errorf("Lower(%q) = %q, want %q", tt.in, got, tt.lower)
		}
		if got := Title(tt.in); got != tt.title {
			t.Errorf("Title(%q) = %q, want %q", tt.in, got, tt.title)
		}
	}
}

func TestUpperRune(t *testing.T) {
	for in, want := range map[rune]rune{'i': 'İ', 'ı': 'I', 'ş': 'Ş', 'ç': 'Ç', 'a': 'A', 'İ': 'İ', 'I': 'I', '1': '1'} {
		if got := UpperRune(in); got != want {
			t.Errorf("UpperRune(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLowerRune(t *testing.T) {
	for in, want := range map[rune]rune{'I': 'ı', 'İ': 'i', 'Ş': 'ş', 'Ç': 'ç', 'Ğ': 'ğ', 'A': 'a', 'i': 'i', 'ı': 'ı', '1': '1'} {
		if got := LowerRune(in); got != want {
			t.Errorf("LowerRune(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsUpperWord(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"ICANN", true},
		{"TBMM", true},
		{"İŞ", true},
		{"G20", true},
		{"İnternet", false},
		{"ıI", false},
		{"2023", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsUpperWord(tt.in); got != tt.want {
			t.Errorf("IsUpperWord(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIsCapitalized(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"İnternet", true},
		{"Çağ", true},
		{"ICANN", true},
		{"ve", false},
		{"ılık", false},
		{"1996", false},
		{"“Bu", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsCapitalized(tt.in); got != tt.want {
			t.Errorf("IsCapitalized(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func ExampleLower() {
	fmt.Println(Lower("IŞIK İZMİR"))
	fmt.Println(Title("türk dil kurumu"))
	// Output:
	// ışık izmir
	// Türk Dil Kurumu
}

// uppers and upper are the upper case by Turkish rules (i→İ and ı→I), for
// the tests of Lower and UpperRune: seedpress itself never upper-cases a
// whole string.
var uppers = sync.Pool{New: func() any { return cases.Upper(language.Turkish) }}

func upper(s string) string { return convert(&uppers, s) }
