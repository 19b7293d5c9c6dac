package dataset

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// runeCases are texts for TestRunes and seeds for FuzzRunes: ASCII,
// Turkish, every length of sequence, runs longer than a word, and invalid
// UTF-8 of every kind.
var runeCases = []string{
	"",
	"a",
	"abcdefgh",
	"abcdefghi",
	"İnternet’in adlarını yönetir; Çağrı, Şule ve Ümit öğrendi.",
	"ğğğğğğğğğğ",
	"€€€€€€€€€",
	"𝄞𝄞𝄞 𝄞𝄞𝄞𝄞",
	"a\u2028b\u2029c\n\nd",
	strings.Repeat("ç", 17) + strings.Repeat("x", 9) + "€",
	"\xff",
	"abc\xe2\x82",
	"\xe2\x82abcdefgh",
	"\x80\x80\x80\x80\x80\x80\x80\x80\x80",
	"ab\xc3(cdefgh\xf0\x9f\x98",
	"\xed\xa0\x80 surrogate",
	"\xc0\xaf overlong",
}

func TestRunes(t *testing.T) {
	for _, s := range runeCases {
		checkRunes(t, s)
	}
}

func FuzzRunes(f *testing.F) {
	for _, s := range runeCases {
		f.Add(s)
	}
	f.Fuzz(checkRunes)
}

// checkRunes holds countRunes and runeCursor to the utf8 package on s:
// the count, validity, and the byte offset of every code point, asked
// for in order, each twice, and again from the start.
func checkRunes(t *testing.T, s string) {
	n, valid := countRunes(s)
	if want := utf8.RuneCountInString(s); n != want {
		t.Fatalf("countRunes(%q) = %d, want %d", s, n, want)
	}
	if want := utf8.ValidString(s); valid != want {
		t.Fatalf("countRunes(%q) valid %v, want %v", s, valid, want)
	}
	if valid {
		if got := validRunes(s); got != n {
			t.Fatalf("validRunes(%q) = %d, want %d", s, got, n)
		}
	}
	var offsets []int // the byte offset of each code point, and the end
	for i := range s {
		offsets = append(offsets, i)
	}
	offsets = append(offsets, len(s))
	for _, step := range []int{1, 2, 3, 7, 9} {
		c := newRuneCursor(s, valid)
		for r := 0; r <= n; r += step {
			for range 2 {
				if got := c.byteAt(r); got != offsets[r] {
					t.Fatalf("%q: byteAt(%d) in steps of %d = %d, want %d", s, r, step, got, offsets[r])
				}
			}
		}
		if got := c.byteAt(0); got != 0 {
			t.Fatalf("%q: byteAt(0) after the end = %d", s, got)
		}
		if got := c.byteAt(n); got != len(s) {
			t.Fatalf("%q: byteAt(%d) = %d, want %d", s, n, got, len(s))
		}
	}
}

func TestChildID(t *testing.T) {
	for _, c := range []struct {
		parent   string
		tag      byte
		n, width int
	}{
		{"doc-0001", 'p', 3, 4}, {"doc-0001-p0003", 's', 12, 4}, {"doc-00001", 'l', 12345, 5},
		{"doc-0001", 't', 123456, 4}, {"doc-0001", 'f', 1, 0}, {strings.Repeat("x", 70), 's', 7, 30},
	} {
		want := fmt.Sprintf("%s-%c%0*d", c.parent, c.tag, c.width, c.n)
		if got := childID(c.parent, c.tag, c.n, c.width); got != want {
			t.Errorf("childID(%q, %q, %d, %d) = %q, want %q", c.parent, c.tag, c.n, c.width, got, want)
		}
	}
}
