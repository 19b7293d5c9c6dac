package doc

import (
	"fmt"
	"testing"
	"time"
)

func TestPrimaryLang(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", "tr"}, {"tr", "tr"}, {"TR", "tr"}, {"tr-TR", "tr"}, {"tr_TR", "tr"}, {"en-GB", "en"}, {"-x", "tr"},
	} {
		if got := PrimaryLang(tt.in); got != tt.want {
			t.Errorf("PrimaryLang(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2024", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"2024-03", time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), true},
		{"2024-03-09", time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC), true},
		{"2024-02-30", time.Time{}, false},
		{"2024-3-9", time.Time{}, false},
		{"2024-03-09T00:00:00Z", time.Time{}, false},
		{"", time.Time{}, false},
	} {
		got, ok := ParseDate(tt.in)
		if ok != tt.ok || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func ExamplePrimaryLang() {
	fmt.Println(PrimaryLang("tr-TR"), PrimaryLang("en_GB"), PrimaryLang(""))
	// Output: tr en tr
}
