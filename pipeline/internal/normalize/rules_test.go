package normalize

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/seedpress/seedpress/pipeline/diag"
)

// diagStrings formats diagnostics one per line for comparison.
func diagStrings(l diag.List) string {
	var out []string
	for _, d := range l {
		out = append(out, d.String())
	}
	return strings.Join(out, "\n")
}

// plain wraps s as a span with nothing kept.
func plain(s string) span { return span{s: s} }

func TestNFC(t *testing.T) {
	tests := []struct {
		in, want string
		shifts   shifts
	}{
		{"Türkçe", "Türkçe", nil},
		{"Tu\u0308rkc\u0327e", "Türkçe", shifts{1: {{3, 1}, {6, 2}}}},
		{"a\r\nI\u0307stanbul\rs\u0327", "a\r\nİstanbul\rş", shifts{2: {{2, 1}}, 3: {{2, 1}}}},
		{"ka\u0302r", "kâr", shifts{1: {{3, 1}}}},
	}
	for _, tt := range tests {
		got, m := nfc(tt.in)
		if got != tt.want {
			t.Errorf("nfc(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if len(m) == 0 && len(tt.shifts) == 0 {
			continue
		}
		if !reflect.DeepEqual(m, tt.shifts) {
			t.Errorf("nfc(%q) shifts = %v, want %v", tt.in, m, tt.shifts)
		}
	}
}

func TestShiftsIn(t *testing.T) {
	m := shifts{1: {{2, 1}, {4, 3}}}
	for _, tt := range []struct{ line, col, want int }{
		{1, 1, 1}, {1, 2, 3}, {1, 3, 4}, {1, 4, 7}, {1, 9, 12}, {2, 5, 5},
	} {
		if got := m.in(tt.line, tt.col); got != tt.want {
			t.Errorf("in(%d, %d) = %d, want %d", tt.line, tt.col, got, tt.want)
		}
	}
}

func TestLineEndings(t *testing.T) {
	for in, want := range map[string]string{
		"a\r\nb":       "a\nb",
		"a\rb\r":       "a\nb\n",
		"a\r\r\nb":     "a\n\nb",
		"a\nb":         "a\nb",
		"\r\n\r\n":     "\n\n",
		"yok\u2028sep": "yok\u2028sep",
	} {
		if got := lineEndings(in); got != want {
			t.Errorf("lineEndings(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRemoveInvisible(t *testing.T) {
	tests := []struct {
		in, want, diags string
	}{
		{"temiz metin\tsekme", "temiz metin\tsekme", ""},
		{"a\u200bb\u200bc\u200b", "abc", "f:1:2: warning: removed U+200B ZERO WIDTH SPACE (3 on this line)"},
		{"zil\a ve\x1b[0m", "zil ve[0m", "f:1:4: warning: removed U+0007 BELL\nf:1:8: warning: removed U+001B ESCAPE"},
		{"\ufeffBaşlık\n\u00adyu\u00advar", "Başlık\nyuvar",
			"f:1:1: warning: removed U+FEFF ZERO WIDTH NO-BREAK SPACE\nf:2:1: warning: removed U+00AD SOFT HYPHEN (2 on this line)"},
		{"x\u202eevil\u202c\u2066y\u2069", "xevily",
			"f:1:2: warning: removed U+202E RIGHT-TO-LEFT OVERRIDE\nf:1:7: warning: removed U+202C POP DIRECTIONAL FORMATTING\nf:1:8: warning: removed U+2066 LEFT-TO-RIGHT ISOLATE\nf:1:10: warning: removed U+2069 POP DIRECTIONAL ISOLATE"},
		{"a\u200eb\u200fc\u061cd", "abcd",
			"f:1:2: warning: removed U+200E LEFT-TO-RIGHT MARK\nf:1:4: warning: removed U+200F RIGHT-TO-LEFT MARK\nf:1:6: warning: removed U+061C ARABIC LETTER MARK"},
		{"c1\u0085\u009f\x7f", "c1", "f:1:3: warning: removed U+0085 NEXT LINE\nf:1:4: warning: removed U+009F CONTROL CHARACTER\nf:1:5: warning: removed U+007F DELETE"},
		{"ZWJ\u200d ZWNJ\u200c WJ\u2060", "ZWJ ZWNJ WJ",
			"f:1:4: warning: removed U+200D ZERO WIDTH JOINER\nf:1:10: warning: removed U+200C ZERO WIDTH NON-JOINER\nf:1:14: warning: removed U+2060 WORD JOINER"},
	}
	for _, tt := range tests {
		var diags diag.List
		got, _ := removeInvisible(tt.in, &reporter{file: "f", diags: &diags})
		if got != tt.want {
			t.Errorf("removeInvisible(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if d := diagStrings(diags); d != tt.diags {
			t.Errorf("removeInvisible(%q) diagnostics:\n%s\nwant:\n%s", tt.in, d, tt.diags)
		}
	}
}

func TestWarnReplacement(t *testing.T) {
	var diags diag.List
	warnReplacement("tamam\nbozuk \uFFFD ve \uFFFD\n\uFFFD", &reporter{file: "f", diags: &diags})
	want := "f:2:7: warning: U+FFFD REPLACEMENT CHARACTER: a character was lost before this file was read; left as it is (2 on this line)\n" +
		"f:3:1: warning: U+FFFD REPLACEMENT CHARACTER: a character was lost before this file was read; left as it is"
	if d := diagStrings(diags); d != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", d, want)
	}
}

func TestCommaBelow(t *testing.T) {
	tests := []struct {
		in, want, diags string
	}{
		{"şişe", "şişe", ""},
		{"ușak\nȘimdi ș", "uşak\nŞimdi ş",
			"f:1:2: warning: replaced U+0219 LATIN SMALL LETTER S WITH COMMA BELOW (ș, Romanian) with U+015F LATIN SMALL LETTER S WITH CEDILLA (ş, Turkish)\n" +
				"f:2:1: warning: replaced U+0218 LATIN CAPITAL LETTER S WITH COMMA BELOW (Ș, Romanian) with U+015E LATIN CAPITAL LETTER S WITH CEDILLA (Ş, Turkish)\n" +
				"f:2:7: warning: replaced U+0219 LATIN SMALL LETTER S WITH COMMA BELOW (ș, Romanian) with U+015F LATIN SMALL LETTER S WITH CEDILLA (ş, Turkish)"},
		{"țară", "țară", ""},
	}
	for _, tt := range tests {
		var diags diag.List
		got := commaBelow(plain(tt.in), &reporter{file: "f", diags: &diags})
		if got.s != tt.want {
			t.Errorf("commaBelow(%q) = %q, want %q", tt.in, got.s, tt.want)
		}
		if d := diagStrings(diags); d != tt.diags {
			t.Errorf("commaBelow(%q) diagnostics:\n%s\nwant:\n%s", tt.in, d, tt.diags)
		}
	}
}

func TestCommaBelowKeepsCode(t *testing.T) {
	in := "ș `ș` ș"
	got := commaBelow(span{s: in, keep: []region{{len("ș "), len("ș `ș`")}}}, nil)
	if want := "ş `ș` ş"; got.s != want {
		t.Errorf("commaBelow = %q, want %q", got.s, want)
	}
}

// ruleTest is a table case for a rule that changes text only.
type ruleTest struct{ in, want string }

func runRule(t *testing.T, name string, rule func(span) span, tests []ruleTest) {
	t.Helper()
	for _, tt := range tests {
		if got := rule(plain(tt.in)); got.s != tt.want {
			t.Errorf("%s(%q) = %q, want %q", name, tt.in, got.s, tt.want)
		}
	}
}

func TestTrimTrailing(t *testing.T) {
	runRule(t, "trimTrailing", func(s span) span { return trimTrailing(s, false) }, []ruleTest{
		{"a \nb\t\n c\u00a0 ", "a\nb\n c"},
		{"a  \nb", "a\nb"},
		{"   \n", "\n"},
		{"a b", "a b"},
	})
	runRule(t, "trimTrailing(markdown)", func(s span) span { return trimTrailing(s, true) }, []ruleTest{
		{"satır  \nsonraki", "satır  \nsonraki"},     // hard line break kept
		{"satır     \nsonraki", "satır  \nsonraki"},  // made exactly two spaces
		{"son satır  \n\nyeni", "son satır\n\nyeni"}, // before a blank line: not a break
		{"son satır  ", "son satır"},                 // end of text
		{"tek \nsonraki", "tek\nsonraki"},            // one space is not a break
		{"  \nsonraki", "\nsonraki"},                 // blank line
		{"sekme\t\t\nsonraki", "sekme\nsonraki"},     // tabs are not a break
	})
}

func TestCollapseSpaces(t *testing.T) {
	runRule(t, "collapseSpaces", collapseSpaces, []ruleTest{
		{"a  b   c", "a b c"},
		{"a\tb", "a b"},
		{"a\t \tb", "a b"},
		{"10\u00a0km", "10\u00a0km"}, // a lone no-break space stays
		{"a\u00a0\u00a0 b", "a b"},   // a run of them does not
		{"    kod gibi  girinti", "    kod gibi girinti"},
		{"\tsekme\n  \tiki", "    sekme\n    iki"}, // tabs in indentation go to the next tab stop
		{"satır  \nsonraki", "satır  \nsonraki"},   // a hard line break is trimTrailing's
	})
}

func TestApostrophes(t *testing.T) {
	runRule(t, "apostrophes", apostrophes, []ruleTest{
		{"İnternet'in", "İnternet’in"},
		{"1996'da ICANN'in TDK'nin", "1996’da ICANN’in TDK’nin"},
		{"'alıntı' sonu", "'alıntı' sonu"},
		{"a' b 'c", "a' b 'c"},
	})
}

func TestQuotes(t *testing.T) {
	runRule(t, "quotes", quotes, []ruleTest{
		{`"Merhaba" dedi.`, "“Merhaba” dedi."},
		{`("iç") ve -"tire"`, "(“iç”) ve -“tire”"},
		{"'tek' ve \"çift\"\n\"yeni satır\"", "‘tek’ ve “çift”\n“yeni satır”"},
		{`"İç 'içe' tırnak."`, "“İç ‘içe’ tırnak.”"},
		{"sonunda'", "sonunda’"},
		{`*"Bu"* ve "**kalın**" ve _'eğik'_`, "*“Bu”* ve “**kalın**” ve _‘eğik’_"},
	})
}

func TestEllipses(t *testing.T) {
	runRule(t, "ellipses", ellipses, []ruleTest{
		{"Bekle...", "Bekle…"},
		{"... ve ...", "… ve …"},
		{"iki.. dört....", "iki.. dört...."},
		{"1.2.3", "1.2.3"},
	})
}

func TestDashes(t *testing.T) {
	runRule(t, "dashes", dashes, []ruleTest{
		{"güvenlik - diplomasi", "güvenlik – diplomasi"},
		{"güvenlik -- diplomasi", "güvenlik – diplomasi"},
		{"güvenlik--diplomasi", "güvenlik – diplomasi"},
		{"Ar-Ge ve e-posta", "Ar-Ge ve e-posta"},
		{"sıcaklık -5 derece", "sıcaklık -5 derece"},
		{"- madde\n  - iç madde\n* a - b", "- madde\n  - iç madde\n* a – b"},
		{"1. - madde\n> - alıntı", "1. - madde\n> - alıntı"},
		{"---\n- - -\n***", "---\n- - -\n***"},
		{"a --- b", "a --- b"},
		{"| a | - |\n|---|--:|", "| a | - |\n|---|--:|"},
		{"sonda -", "sonda -"},
		{"2020 - 2021", "2020 – 2021"},
		{"a -b ve a- b", "a -b ve a- b"},
		{"*vurgu* - **kalın** - son", "*vurgu* – **kalın** – son"},
		{"* - x\n+ - y\n- - z", "* - x\n+ - y\n- - z"},
	})
}

// kept returns the kept substrings of s.
func kept(s string, rs []region) []string {
	var out []string
	for _, r := range rs {
		out = append(out, s[r.start:r.end])
	}
	return out
}

func TestProtect(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		markdown bool
		want     []string
	}{
		{"code span", "a `b 'c'` d", true, []string{"`b 'c'`"}},
		{"double backticks", "a ``b ` c`` d", true, []string{"``b ` c``"}},
		{"code span over lines", "a `b\n\t'c'\n  ` d", true, []string{"`b\n\t'c'\n  `"}},
		{"unclosed backtick", "a `b 'c' d", true, nil},
		{"unmatched run lengths", "a ``b` c", true, nil},
		{"fence with tilde", "x\n\n~~~ py\n'a' -- b\n~~~\nsonra", true, []string{"~~~ py\n'a' -- b\n~~~\n"}},
		{"unclosed fence", "```\nkod \"x\"\n", true, []string{"```\nkod \"x\"\n"}},
		{"fence in quote", "> ```\n> \"x\"\n> ```\n", true, []string{"> ```\n> \"x\"\n> ```\n"}},
		{"indented code", "p\n\n    kod 'x'\n    iki\n", true, []string{"    kod 'x'\n    iki\n"}},
		{"link destination", `[a "b"](http://x.org/a'b--c "başlık") c`, true, []string{`(http://x.org/a'b--c "başlık")`}},
		{"autolink", "bak <http://a.org/x--y> ve <a@b.org>", true, []string{"<http://a.org/x--y>", "<a@b.org>"}},
		{"raw html", `a <span title="x">b</span>`, true, []string{`<span title="x">`, "</span>"}},
		{"reference definition", "[id]: http://a.org/'x' \"T\"\n", true, []string{`: http://a.org/'x' "T"`}},
		{"escape", `\"a\" \\ b`, true, []string{`\"`, `\"`, `\\`}},
		{"bare url in text", "bak: https://a.org/x--y'z. Sonra", false, []string{"https://a.org/x--y'z"}},
		{"no markdown in text", "a `b 'c'` d", false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := kept(tt.in, protect(tt.in, tt.markdown))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("protect(%q) kept %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// checkFastPaths fails when a rule's fast path would skip work that the
// rule without it does on s.
func checkFastPaths(t *testing.T, s string, markdown bool) {
	t.Helper()
	s = lineEndings(strings.ToValidUTF8(s, "\uFFFD"))
	sp := span{s: s, keep: protect(s, markdown)}
	if !mayHoldCode(s) {
		if rs := parseCode(s); len(rs) > 0 {
			t.Errorf("mayHoldCode(%q) = false, but it has code or HTML at %v", s, rs)
		}
	}
	if !hasTrailingBlank(s) {
		if got := trimTrailingAll(sp, markdown).s; got != s {
			t.Errorf("hasTrailingBlank(%q) = false, but trimTrailing gives %q", s, got)
		}
	}
	if !mayCollapse(sp) {
		if got := collapseSpacesAll(sp).s; got != s {
			t.Errorf("mayCollapse(%q) = false, but collapseSpaces gives %q", s, got)
		}
	}
}

func TestFastPaths(t *testing.T) {
	tests := []string{
		"a b\nc d", "a  b", "  girinti\n    iki", "a \nb", "a\u00a0b", "\u00a0\u00a0a", "a\u00a0 b",
		"son ", "satır  \nsonraki", "`kod`  sonra", "    kod  blok\n\nmetin", "- madde\n  - iç madde  iki",
		"> alıntı\n>  iki", "http://a.b/c  d", "a `b` c", "~~~\nx\n~~~", "a <b>c</b>", "<div>\nx\n</div>",
		"-     kod", ">     kod", "1.  a\n\n        kod", "\tkod", "   üç boşluk", "- a\n   - b\n      - c", "[a](http://x)  b", "\\  a", "",
	}
	for _, md := range []bool{false, true} {
		for _, s := range tests {
			checkFastPaths(t, s, md)
		}
		for _, name := range []string{"in/tricky.md", "in/typography.txt"} {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			checkFastPaths(t, string(data), md)
		}
	}
}

// FuzzFastPaths checks that trimTrailing and collapseSpaces skip only text
// they would leave unchanged.
func FuzzFastPaths(f *testing.F) {
	f.Add("a  b\n  c \u00a0", true)
	f.Add("`x`  y\n    kod  \n", true)
	f.Fuzz(func(t *testing.T, s string, markdown bool) {
		checkFastPaths(t, s, markdown)
	})
}

// TestIsNFCFastRanges checks what isNFC assumes of the characters it
// passes without the tables: each is a starter (combining class 0), normal
// on its own and after any other of them.
func TestIsNFCFastRanges(t *testing.T) {
	var fast []rune
	for r := rune(0); r < 0x300; r++ {
		fast = append(fast, r)
	}
	for r := rune(0x2010); r <= 0x205E; r++ {
		fast = append(fast, r)
	}
	for _, r := range fast {
		if ccc := norm.NFC.PropertiesString(string(r)).CCC(); ccc != 0 {
			t.Errorf("%U has combining class %d", r, ccc)
		}
		if !norm.NFC.IsNormalString(string(r)) {
			t.Errorf("%U is not NFC", r)
		}
	}
	for _, a := range fast {
		for _, b := range fast {
			if s := string([]rune{a, b}); !norm.NFC.IsNormalString(s) {
				t.Errorf("%U %U is not NFC", a, b)
			}
		}
	}
	for _, s := range []string{"", "abc", "çğıİşŞöü’“”–…", "e\u0301", "\u2000", "a\u2126", "İ\u0307", "\u205F", "\xff"} {
		if got, want := isNFC(s), norm.NFC.IsNormalString(s); got != want {
			t.Errorf("isNFC(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestIndexInvisible checks indexInvisible against strings.IndexFunc for
// every character up to U+FFFF, alone and after text.
func TestIndexInvisible(t *testing.T) {
	for r := rune(0); r <= 0xFFFF; r++ {
		for _, s := range []string{string(r), "çalış " + string(r) + " son"} {
			if got, want := indexInvisible(s), strings.IndexFunc(s, invisible); got != want {
				t.Fatalf("indexInvisible(%q) = %d, want %d", s, got, want)
			}
		}
	}
}
