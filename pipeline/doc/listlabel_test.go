package doc

import "testing"

func TestListLabel(t *testing.T) {
	tests := []struct {
		style ListStyle
		delim ListDelim
		start int
		i     int
		want  string
	}{
		{StyleDecimal, DelimPeriod, 1, 2, "3."},
		{StyleDecimal, DelimParen, 0, 0, "0)"},
		{StyleLowerAlpha, DelimParen, 1, 2, "c)"},
		{StyleLowerAlpha, DelimPeriod, 1, 25, "z."},
		{StyleLowerAlpha, DelimPeriod, 1, 26, "aa."},
		{StyleUpperAlpha, DelimPeriod, 1, 27, "AB."},
		{StyleLowerAlpha, DelimPeriod, 0, 0, "0."},
		{StyleLowerRoman, DelimParens, 1, 3, "(iv)"},
		{StyleUpperRoman, DelimPeriod, 1, 1993, "MCMXCIV."},
		{StyleUpperRoman, DelimPeriod, 4000, 0, "4000."},
		{StyleUpperRoman, DelimPeriod, 0, 0, "0."},
	}
	for _, tt := range tests {
		l := &List{Ordered: true, Start: tt.start, Style: tt.style, Delim: tt.delim}
		if got := l.Label(tt.i); got != tt.want {
			t.Errorf("%s %s start %d: Label(%d) = %q; want %q", tt.style, tt.delim, tt.start, tt.i, got, tt.want)
		}
	}
}
