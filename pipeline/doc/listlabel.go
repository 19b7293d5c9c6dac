package doc

import (
	"strconv"
	"strings"
)

// Label returns the label of item i (0-based) of an ordered list, in its
// style and delimiter: "3.", "c)", "(iv)", "C.", "III.". A number that a
// style cannot write (below 1 in letters, below 1 or above 3999 in roman
// numerals) is written in digits. Every edition that prints the labels
// itself takes them from here.
func (l *List) Label(i int) string {
	n := l.Start + i
	num := strconv.Itoa(n)
	switch l.Style {
	case StyleLowerAlpha:
		if n >= 1 {
			num = alpha(n)
		}
	case StyleUpperAlpha:
		if n >= 1 {
			num = strings.ToUpper(alpha(n))
		}
	case StyleLowerRoman:
		if n >= 1 && n <= 3999 {
			num = strings.ToLower(roman(n))
		}
	case StyleUpperRoman:
		if n >= 1 && n <= 3999 {
			num = roman(n)
		}
	}
	switch l.Delim {
	case DelimParen:
		return num + ")"
	case DelimParens:
		return "(" + num + ")"
	}
	return num + "."
}

// alpha writes n ≥ 1 in letters as lists count: a … z, aa, ab, … (CSS's
// lower-alpha).
func alpha(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('a' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

// roman writes 1 ≤ n ≤ 3999 in upper-case roman numerals.
func roman(n int) string {
	var b strings.Builder
	for _, p := range []struct {
		v int
		s string
	}{{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"}, {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"}, {5, "V"}, {4, "IV"}, {1, "I"}} {
		for ; n >= p.v; n -= p.v {
			b.WriteString(p.s)
		}
	}
	return b.String()
}
