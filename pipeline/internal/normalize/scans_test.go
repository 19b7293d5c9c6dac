package normalize

import (
	"slices"
	"strings"
	"testing"
)

// linkTargetsRef, bareURLsRef, urlStartRef and mayCollapseRef are
// linkTargets, bareURLs, urlStart and mayCollapse as first written, a
// switch or a search for every byte: the references that FuzzProtectScans
// checks the lookup tables against.
func linkTargetsRef(s string) []region {
	var rs []region
	lineStart := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n':
			lineStart = i + 1
		case '\\':
			if i+1 < len(s) && isASCIIPunct(s[i+1]) {
				rs = append(rs, region{i, i + 2})
				i++
			}
		case ']':
			if i+1 < len(s) && s[i+1] == '(' {
				if end := closeParen(s, i+1); end > 0 {
					rs = append(rs, region{i + 1, end})
					i = end - 1
				}
			} else if lead := strings.TrimLeft(s[lineStart:i], " "); i+1 < len(s) && s[i+1] == ':' && strings.HasPrefix(lead, "[") && !strings.HasPrefix(lead, "[^") {
				// A link reference definition; a footnote's ("[^1]: …") is text.
				end := strings.IndexByte(s[i:], '\n')
				if end < 0 {
					end = len(s)
				} else {
					end += i
				}
				rs = append(rs, region{i + 1, end})
				i = end - 1
			}
		case '<':
			j := i + 1
			for j < len(s) && s[j] != '>' && s[j] != '<' && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' {
				j++
			}
			if j < len(s) && s[j] == '>' && strings.ContainsAny(s[i+1:j], ":@") {
				rs = append(rs, region{i, j + 1})
				i = j
			}
		}
	}
	return rs
}

func bareURLsRef(s string) []region {
	var rs []region
	for i := 0; i < len(s); {
		k := strings.IndexAny(s[i:], "hfmwHW")
		if k < 0 {
			break
		}
		i += k
		if prev, _ := around(s, i, i); wordRune(prev) || !urlStartRef(s[i:]) {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] > ' ' && s[j] != '<' && s[j] != '>' && s[j] != '"' && s[j] != '`' {
			j++
		}
		end := j
		for end > i && strings.IndexByte(".,;:!?'\")]}*_", s[end-1]) >= 0 {
			end--
		}
		rs = append(rs, region{i, end})
		i = j
	}
	return rs
}

func urlStartRef(s string) bool {
	for _, p := range []string{"http://", "https://", "ftp://", "mailto:", "www."} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}

func mayCollapseRef(t span) bool {
	s := t.s
	if strings.IndexByte(s, '\t') >= 0 {
		return true
	}
	for _, r := range t.keep {
		if r.end < len(s) && (s[r.end] == ' ' || s[r.end] == 0xC2) {
			return true
		}
	}
	lead := true // s[:i] since the last line start is all blanks
	prevBlank := false
	for i := 0; i < len(s); i++ {
		// Bytes, not runes: a blank is " " or the no-break space C2 A0, and
		// no other character holds the byte C2 or 20.
		switch c := s[i]; {
		case c == '\n':
			lead, prevBlank = true, false
		case c == ' ', c == 0xC2 && i+1 < len(s) && s[i+1] == 0xA0:
			if prevBlank && !lead {
				return true
			}
			prevBlank = true
			if c == 0xC2 {
				i++
			}
		default:
			lead, prevBlank = false, false
		}
	}
	return false
}

func FuzzProtectScans(f *testing.F) {
	for _, s := range []string{
		"[a](http://x.org) ve <https://y.org> \\* [id]: http://z\n[^1]: not",
		"Bkz. www.tdk.gov.tr, HTTP://A.B; mailto:a@b.c ftp://f FTP://g Mailto:x hthttp://x",
		"ahttp://x _http://y (www.x.org). \"https://q\"", "  [a]: b\n  [b]:c\n]:\n[x]]: y",
		"a]b]c](d)\\\n\\]<a:b> <a@b> <a b:c>", "a  b", "  a\u00a0 b", "a \u00a0b\n  c", "x\u00ab b", "a\xc2 b", "wWw.x wwW. Www", "m", "h", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := linkTargets(s), linkTargetsRef(s); !slices.Equal(got, want) {
			t.Errorf("linkTargets(%q) = %v, want %v", s, got, want)
		}
		if got, want := bareURLs(s), bareURLsRef(s); !slices.Equal(got, want) {
			t.Errorf("bareURLs(%q) = %v, want %v", s, got, want)
		}
		if got, want := mayCollapse(span{s: s}), mayCollapseRef(span{s: s}); got != want {
			t.Errorf("mayCollapse(%q) = %v, want %v", s, got, want)
		}
		for i := range len(s) {
			if got, want := urlStart(s[i:]), urlStartRef(s[i:]); got != want {
				t.Errorf("urlStart(%q) = %v, want %v", s[i:], got, want)
			}
		}
	})
}
