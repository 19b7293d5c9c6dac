package normalize

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		markdown bool
		want     string
		diags    string
	}{
		{
			name: "shipped seed style",
			in:   "İnternet'in  temel fonksiyonları -- ICANN'in \"koordinasyon\" görevi...\r\n1996'da kuruldu  \r\n",
			want: "İnternet’in temel fonksiyonları – ICANN’in “koordinasyon” görevi…\n1996’da kuruldu\n",
		},
		{
			name:  "positions count the text as given",
			in:    "Tu\u0308rkc\u0327e\u200b metin\u00ad \u202eters\nikinci ș\u200b",
			want:  "Türkçe metin ters\nikinci ş",
			diags: "f.txt:1:9: warning: removed U+200B ZERO WIDTH SPACE\nf.txt:1:16: warning: removed U+00AD SOFT HYPHEN\nf.txt:1:18: warning: removed U+202E RIGHT-TO-LEFT OVERRIDE\nf.txt:2:9: warning: removed U+200B ZERO WIDTH SPACE\nf.txt:2:8: warning: replaced U+0219 LATIN SMALL LETTER S WITH COMMA BELOW (ș, Romanian) with U+015F LATIN SMALL LETTER S WITH CEDILLA (ş, Turkish)",
		},
		{
			name:  "positions after a removal and a composition",
			in:    "a\u200bb s\u0326 ș \uFFFD",
			want:  "ab ş ş \uFFFD",
			diags: "f.txt:1:2: warning: removed U+200B ZERO WIDTH SPACE\nf.txt:1:10: warning: U+FFFD REPLACEMENT CHARACTER: a character was lost before this file was read; left as it is\nf.txt:1:5: warning: replaced U+0219 LATIN SMALL LETTER S WITH COMMA BELOW (ș, Romanian) with U+015F LATIN SMALL LETTER S WITH CEDILLA (ş, Turkish) (2 on this line)",
		},
		{
			name:  "removal joins a letter and a combining mark",
			in:    "I\u200b\u0307stanbul",
			want:  "İstanbul",
			diags: "f.txt:1:2: warning: removed U+200B ZERO WIDTH SPACE",
		},
		{
			name: "circumflexes stay",
			in:   "kâr ile kar, hâlâ ile hala",
			want: "kâr ile kar, hâlâ ile hala",
		},
		{
			name:     "markdown code and links are untouched",
			markdown: true,
			in: "# Başlık - alt\n\n\"Kod\" `a 'b' -- c` ve ``x ` \"y\"`` -- [bağ](http://x.org/a'b--c \"T\") <http://a--b>\n\n" +
				"```go\nx := \"a\"  -- 'b'...\t \n```\n\n~~~\n\"tilde\"\n~~~\n\n    \"girintili\"   kod\n\n- madde 'bir'\n  - iç...\n",
			want: "# Başlık – alt\n\n“Kod” `a 'b' -- c` ve ``x ` \"y\"`` – [bağ](http://x.org/a'b--c \"T\") <http://a--b>\n\n" +
				"```go\nx := \"a\"  -- 'b'...\t \n```\n\n~~~\n\"tilde\"\n~~~\n\n    \"girintili\"   kod\n\n- madde ‘bir’\n  - iç…\n",
		},
		{
			name:     "unclosed backtick is text",
			markdown: true,
			in:       "a `b \"c\"",
			want:     "a `b “c”",
		},
		{
			name:     "the same text as plain text",
			markdown: false,
			in:       "a `b 'c' -- d`",
			want:     "a `b ‘c’ – d`",
		},
		{
			name:     "invisible characters go even in code",
			markdown: true,
			in:       "`a\u202eb`",
			want:     "`ab`",
			diags:    "f.txt:1:3: warning: removed U+202E RIGHT-TO-LEFT OVERRIDE",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, diags := Normalize("f.txt", tt.in, tt.markdown)
			if got != tt.want {
				t.Errorf("Normalize(%q) =\n%q\nwant\n%q", tt.in, got, tt.want)
			}
			if d := diagStrings(diags); d != tt.diags {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", d, tt.diags)
			}
			if again, _ := Normalize("f.txt", got, tt.markdown); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}

func ExampleNormalize() {
	text, diags := Normalize("seed.txt", "İnternet'in \"temel\" işlevleri -- ICANN'in  görevi...\u200b", false)
	fmt.Println(text)
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// İnternet’in “temel” işlevleri – ICANN’in görevi…
	// seed.txt:1:53: warning: removed U+200B ZERO WIDTH SPACE
}

// checkInvariants fails t unless out, the normalisation of in, is valid
// UTF-8 in NFC with no control characters but "\n" (and "\t" in Markdown
// code), and normalising it again changes nothing.
func checkInvariants(t *testing.T, in string, markdown bool) {
	out, _ := Normalize("f", in, markdown)
	if !utf8.ValidString(out) {
		t.Fatalf("Normalize(%q) = %q: not valid UTF-8", in, out)
	}
	if !norm.NFC.IsNormalString(out) {
		t.Fatalf("Normalize(%q) = %q: not NFC", in, out)
	}
	for _, r := range out {
		if r == '\n' || r == '\t' && markdown {
			continue
		}
		if unicode.IsControl(r) || invisible(r) {
			t.Fatalf("Normalize(%q) = %q: has %U", in, out, r)
		}
	}
	if again, _ := Normalize("f", out, markdown); again != out {
		t.Fatalf("not idempotent:\nin    %q\nonce  %q\ntwice %q", in, out, again)
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add("İnternet'in \"temel\" -- işlevleri...", false)
	f.Add("a `b 'c'` [x](y'z) <http://a--b>\n```\n\"k\"\n```\n", true)
	f.Add("\ufeffa\u200b\r\nb\u202e ș\t\tc  \n", true)
	f.Fuzz(func(t *testing.T, in string, markdown bool) {
		checkInvariants(t, in, markdown)
	})
}

// turkishText returns about n bytes of Turkish prose with the marks the
// rules work on.
func turkishText(n int) string {
	para := "Siber güvenliğin sağlanması, fiziksel güvenlikte olduğu gibi \"uzlaşılmış\" anlaşmalarla gerçekleşir. " +
		"İnternet'in temel fonksiyonları -- koordinasyon ve standartlar -- ICANN'in ve IETF'in görevidir...  " +
		"1996'da kurulan yapılar  bugün de 'etkin' durumdadır.\r\n\r\n"
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(para)
	}
	return b.String()
}

func BenchmarkNormalize(b *testing.B) {
	for _, md := range []bool{false, true} {
		text := turkishText(1 << 20)
		b.Run(fmt.Sprintf("markdown=%v", md), func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Normalize("bench.txt", text, md)
			}
		})
	}
}
