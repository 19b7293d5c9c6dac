package turkish

import (
	"fmt"
	"testing"
)

func TestASCIIFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Çağdaş Türkçe", "Cagdas Turkce"},
		{"IĞDIR ılık İzmir", "IGDIR ilik Izmir"},
		{"Ünite 1", "Unite 1"},
		{"kâr hâlâ", "kar hala"},
		{"Şöför ŞÖFÖR", "Sofor SOFOR"},
		{"straße œuvre", "strasse oeuvre"},
		{"a-b_c 1.2 日本", "a-b_c 1.2 日本"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ASCIIFold(tt.in); got != tt.want {
			t.Errorf("ASCIIFold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFoldTurkishASCII checks every letter of the fast path against the
// decomposition it skips.
func TestFoldTurkishASCII(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if turkishASCII(r) == 0 && r >= 0x80 {
			continue
		}
		s := "a" + string(r) + "Z"
		if got, want := ASCIIFold(s), foldNFD(s); got != want {
			t.Errorf("ASCIIFold(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzASCIIFold(f *testing.F) {
	for _, s := range []string{"Çağdaş Türkçe", "IĞDIR ılık İzmir", "kâr hâlâ", "straße", "s\u0327", "ş\u0301", "a\xffb", "日本", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := ASCIIFold(s), foldNFD(s); got != want {
			t.Errorf("ASCIIFold(%q) = %q, want %q", s, got, want)
		}
	})
}

func ExampleASCIIFold() {
	fmt.Println(ASCIIFold("Siber Güvenlik ve İnternet’in Geleceği"))
	// Output: Siber Guvenlik ve Internet’in Gelecegi
}
