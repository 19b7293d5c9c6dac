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

func ExampleASCIIFold() {
	fmt.Println(ASCIIFold("Siber Güvenlik ve İnternet’in Geleceği"))
	// Output: Siber Guvenlik ve Internet’in Gelecegi
}
