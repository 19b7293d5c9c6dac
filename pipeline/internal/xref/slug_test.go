package xref

import (
	"strings"
	"testing"
	"unicode"
)

func TestSlug(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Giriş", "giris"},
		{"Tasarım Desenleri", "tasarim-desenleri"},
		{"İstanbul’un Çağları", "istanbul-un-caglari"},
		{"ĞÜŞİÖÇ ğüşıöç", "gusioc-gusioc"},
		{"1. Giriş", "giris"},
		{"3.2 Noktalama ve Yazım", "noktalama-ve-yazim"},
		{"😄 Singleton", "singleton"},
		{"C++ ve Go: Karşılaştırma", "c-ve-go-karsilastirma"},
		{"Şekil 3 — Harita", "sekil-3-harita"},
		{"  --Boşluk--  ", "bosluk"},
		{"Âdet ve Kâğıt", "adet-ve-kagit"},
		{"2024", "section"},
		{"", "section"},
		{"…", "section"},
		{"Привет", "section"},
		{strings.Repeat("uzunbaşlık ", 12), strings.TrimSuffix(strings.Repeat("uzunbaslik-", 7), "-")},
	}
	for _, tt := range tests {
		if got := Slug(tt.text); got != tt.want {
			t.Errorf("Slug(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}

func TestGitHubSlug(t *testing.T) {
	tests := []struct{ text, want string }{
		{"Tasarım Desenleri", "tasarım-desenleri"},
		{"😄 Singleton", "-singleton"},
		{"😄-😄 unicode emoji", "--unicode-emoji"},
		{"Giriş", "giriş"},
		{"İstanbul", "i\u0307stanbul"}, // JavaScript's and Ruby's lower case of İ
		{"IŞIK", "işik"},               // not Turkish-aware: I lowers to i
		{"Şekil 3: Harita", "şekil-3-harita"},
		{"Soru & Cevap?", "soru--cevap"},
		{"a – b", "a--b"}, // an en dash is removed, each space kept
		{"heading with a - dash", "heading-with-a---dash"},
		{"heading with an _ underscore", "heading-with-an-_-underscore"},
		{"heading with a period.txt", "heading-with-a-periodtxt"},
		{"exchange.bind_headers(exchange, routing [, bindCallback])", "exchangebind_headersexchange-routing--bindcallback"},
		{"apostrophe’s should be trimmed", "apostrophes-should-be-trimmed"},
		{"I ♥ unicode", "i--unicode"},
		{"en–dash", "endash"},
		{":smile: - a gemoji", "smile---a-gemoji"},
		{"Привет non-latin 你好", "привет-non-latin-你好"},
		{"a\u00a0b", "ab"},             // only U+0020 becomes '-'
		{"Ⓐ ⅰ ½", "ⓐ-ⅰ-"},              // alphabetic and letter numbers stay, other numbers go
		{"e\u0301tude", "e\u0301tude"}, // marks stay
		{" a ", "-a-"},
	}
	for _, tt := range tests {
		if got := GitHubSlug(tt.text); got != tt.want {
			t.Errorf("GitHubSlug(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}

// TestGitHubSlugger replays github-slugger's own fixtures of repeats, in
// order, through one slugger.
func TestGitHubSlugger(t *testing.T) {
	var s githubSlugger
	for _, tt := range []struct{ text, want string }{
		{"alpha", "alpha"},
		{"alpha", "alpha-1"},
		{"echo", "echo"},
		{"echo", "echo-1"},
		{"echo 1", "echo-1-1"},
		{"echo-1", "echo-1-2"},
		{"echo", "echo-2"},
		{"foxtrot-1", "foxtrot-1"},
		{"foxtrot", "foxtrot"},
		{"foxtrot", "foxtrot-2"},
		{"-a-", "-a-"},
		{" a ", "-a--1"},
	} {
		if got := s.slug(tt.text); got != tt.want {
			t.Errorf("slug(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
}

func TestPandocSlug(t *testing.T) {
	tests := []struct{ text, want string }{
		// The examples of pandoc's manual (Extension: auto_identifiers),
		// as plain text. Every want is what pandoc 2.17 gives the heading
		// (pandoc -f markdown-smart -t json).
		{"Heading identifiers in HTML", "heading-identifiers-in-html"},
		{"Maître d'hôtel", "maître-dhôtel"},
		{"Dogs?--in my house?", "dogs--in-my-house"},
		{"HTML, S5, or RTF?", "html-s5-or-rtf"},
		{"3. Applications", "applications"},
		{"33", "section"},
		// Turkish.
		{"Tasarım Desenleri", "tasarım-desenleri"},
		{"İstanbul’un Çağları", "istanbulun-çağları"},
		{"1. Giriş", "giriş"},
		{"Şekil 3 – Harita", "şekil-3-harita"},
		{"😄 Singleton", "singleton"},
		{"a\u00a0b\tc", "a-b-c"},
		{"v1.2 sürümü", "v1.2-sürümü"},
		{"snake_case ve kebab-case", "snake_case-ve-kebab-case"},
		{"½ ve ⅰ", "ve-ⅰ"}, // a number is dropped before the first letter
		{"IŞIK Ⓐ", "işik"},
		{"", "section"},
	}
	for _, tt := range tests {
		if got := PandocSlug(tt.text); got != tt.want {
			t.Errorf("PandocSlug(%q) = %q; want %q", tt.text, got, tt.want)
		}
	}
	used, next := map[string]bool{}, map[string]int{}
	for _, want := range []string{"a", "a-1", "a-2"} {
		if got := uniquePandoc("a", used, next); got != want {
			t.Errorf("uniquePandoc(a) = %q; want %q", got, want)
		}
	}
	// An id taken by other means is skipped, as pandoc's probing does.
	used["a-4"] = true
	for _, want := range []string{"a-3", "a-5"} {
		if got := uniquePandoc("a", used, next); got != want {
			t.Errorf("uniquePandoc(a) = %q; want %q", got, want)
		}
	}
}

// TestSlugClasses checks the ASCII answers of githubKeeps and
// letterOrNumber against the Unicode classes they stand for, over every
// code point.
func TestSlugClasses(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := githubKeeps(r), unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Nl, unicode.Pc, unicode.Other_Alphabetic); got != want {
			t.Errorf("githubKeeps(%U) = %v, want %v", r, got, want)
		}
		if got, want := letterOrNumber(r), unicode.In(r, unicode.L, unicode.N); got != want {
			t.Errorf("letterOrNumber(%U) = %v, want %v", r, got, want)
		}
	}
}
