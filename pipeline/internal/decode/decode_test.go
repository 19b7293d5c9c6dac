package decode

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

func encode(cm *charmap.Charmap, s string) []byte {
	b, err := cm.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func utf16With(e xunicode.Endianness, s string) []byte {
	b, err := xunicode.UTF16(e, xunicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func join(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name     string
		raw      []byte
		text     string
		encoding string
		diags    []string
	}{
		{"utf-8", []byte("Merhaba dünya\n"), "Merhaba dünya\n", "utf-8", nil},
		{"utf-8 bom", []byte("\xEF\xBB\xBFİnternet’in"), "İnternet’in", "utf-8-bom", nil},
		{"utf-16le", utf16With(xunicode.LittleEndian, "Çağ\nİz 😀"), "Çağ\nİz 😀", "utf-16le", nil},
		{"utf-16be", utf16With(xunicode.BigEndian, "Çağ\r\nİz"), "Çağ\r\nİz", "utf-16be", nil},
		{"utf-16 with nul bytes is not binary", utf16With(xunicode.LittleEndian, "abc"), "abc", "utf-16le", nil},
		{"utf-16le unpaired surrogate", join(utf16With(xunicode.LittleEndian, "ab\ncd"), []byte{0x00, 0xD8, 'e', 0}), "", "utf-16le",
			[]string{"a.txt:2:3: error: utf-16le: unpaired surrogate U+D800"}},
		{"utf-16be lone low surrogate after crlf", join(utf16With(xunicode.BigEndian, "a\r\nb"), []byte{0xDC, 0x00}), "", "utf-16be",
			[]string{"a.txt:2:2: error: utf-16be: unpaired surrogate U+DC00"}},
		{"utf-16 odd length", join(utf16With(xunicode.LittleEndian, "ab"), []byte{1}), "", "utf-16le",
			[]string{"a.txt: error: utf-16le: odd number of bytes (7); the last character is cut off"}},
		{"nul byte", []byte("abç\ndé\x00"), "", "utf-8",
			[]string{"a.txt: error: binary file (NUL byte at line 2 col 3)"}},
		{"empty", nil, "", "utf-8", []string{"a.txt: error: empty file"}},
		{"white space only", []byte(" \r\n\t"), "", "utf-8", []string{"a.txt: error: no text: the file holds only white space"}},
		{"invisible only", []byte("\u200b\r\n\u202e\x07"), "", "utf-8", []string{"a.txt: error: no text: the file holds only white space and invisible characters"}},
		{"bom only", []byte("\xEF\xBB\xBF"), "", "utf-8-bom", []string{"a.txt: error: no text: the file holds only white space"}},
		{"windows-1254", encode(charmap.Windows1254, "Işık “güzel” ğüşiöç…"), "Işık “güzel” ğüşiöç…", "windows-1254",
			[]string{"a.txt: warning: a.txt is not valid UTF-8; read it as windows-1254 (a Turkish legacy encoding); save it as UTF-8 to silence this warning"}},
		{"iso-8859-9", encode(charmap.ISO8859_9, "Işık ğüşiöç İstanbul"), "Işık ğüşiöç İstanbul", "iso-8859-9",
			[]string{"a.txt: warning: a.txt is not valid UTF-8; read it as iso-8859-9 (a Turkish legacy encoding); save it as UTF-8 to silence this warning"}},
		{"not text", []byte("abc\x81\x8d\x90"), "", "utf-8",
			[]string{"a.txt:1:4: error: invalid UTF-8 byte 0x81 (3 invalid in the file): not valid UTF-8 and not a Turkish legacy encoding"}},
		{"latin-1 without turkish letters", []byte("caf\xe9 cr\xe8me"), "", "utf-8",
			[]string{"a.txt:1:4: error: invalid UTF-8 byte 0xE9 (2 invalid in the file): not valid UTF-8 and not a Turkish legacy encoding"}},
		{"damaged utf-8", []byte("Güzel\nçok \xff iyi"), "", "utf-8",
			[]string{"a.txt:2:5: error: invalid UTF-8 byte 0xFF (1 invalid in the file): not valid UTF-8 and not a Turkish legacy encoding"}},
		{"windows-1254 read as windows-1252", []byte("Bu metin Ýnternet'in geliþmesi ve ýþýk üzerine."), "Bu metin İnternet'in gelişmesi ve ışık üzerine.", "utf-8",
			[]string{`a.txt:1:10: warning: "Ýnternet'in" looks like Windows-1254 text mis-decoded as Windows-1252, probably "İnternet'in"; repaired 5 characters (Ý→İ, ý→ı, þ→ş)`}},
		{"windows-1254 read as windows-1252 next to genuine letters", []byte("Işık ve Ýnternet ýþýk"), "Işık ve Ýnternet ýþýk", "utf-8",
			[]string{`a.txt:1:9: warning: "Ýnternet" may be Windows-1254 text mis-decoded as Windows-1252 (probably "İnternet"); 4 such letters, left as they are because the file also has genuine Turkish letters`}},
		{"one lone ý is a name, not mojibake", []byte("Ýr kalesi"), "Ýr kalesi", "utf-8", nil},
		{"double utf-8", []byte("Ä°nternet ÅŸirketi\nÃ§ok gÃ¼zel"), "İnternet şirketi\nçok güzel", "utf-8",
			[]string{`a.txt:1:1: warning: "Ä°nternet" looks like UTF-8 encoded twice (read as Windows-1252 and saved as UTF-8), probably "İnternet"; repaired 4 sequences (Ä°→İ, ÅŸ→ş, Ã§→ç, Ã¼→ü)`}},
		{"double utf-8 of three-byte characters", []byte("Ä°nternetâ€™in â€œilkâ€\u009d"), "İnternet’in “ilk”", "utf-8",
			[]string{`a.txt:1:1: warning: "Ä°nternetâ€™in" looks like UTF-8 encoded twice (read as Windows-1252 and saved as UTF-8), probably "İnternet’in"; repaired 4 sequences (Ä°→İ, â€™→’, â€œ→“, â€\u009d→”)`}},
		{"one double utf-8 sequence", []byte("Kafe: CafÃ© güzel"), "Kafe: CafÃ© güzel", "utf-8",
			[]string{`a.txt:1:10: warning: "CafÃ©" may be UTF-8 encoded twice ("Ã©" for "é"); left as it is`}},
		// Upper-case Turkish letters before an apostrophe look like a
		// two-byte sequence in Windows-1252 (Ü’ = DC 92 = U+0712) but are
		// ordinary text.
		{"Ü’ Ö’ Ç’ are not double utf-8", []byte("ODTÜ’de, İTÜ’nün ve KÖÇ’ün ÇÖ’sü"), "ODTÜ’de, İTÜ’nün ve KÖÇ’ün ÇÖ’sü", "utf-8", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, diags := Decode("a.txt", tt.raw)
			if text != tt.text {
				t.Errorf("text = %q, want %q", text, tt.text)
			}
			if enc != tt.encoding {
				t.Errorf("encoding = %q, want %q", enc, tt.encoding)
			}
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.diags, "\n") {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.diags, "\n"))
			}
		})
	}
}

func ExampleDecode() {
	raw := []byte("Ýnternet'in geliþmesi")
	text, enc, diags := Decode("seed.txt", raw)
	fmt.Println(text, enc)
	for _, d := range diags {
		fmt.Println(d)
	}
	// Output:
	// İnternet'in gelişmesi utf-8
	// seed.txt:1:1: warning: "Ýnternet'in" looks like Windows-1254 text mis-decoded as Windows-1252, probably "İnternet'in"; repaired 2 characters (Ý→İ, þ→ş)
}

var encodings = map[string]bool{UTF8: true, UTF8BOM: true, UTF16LE: true, UTF16BE: true, Windows1254: true, ISO88599: true}

// FuzzDecode checks that Decode never panics, always names a known
// encoding, returns valid UTF-8, and returns text exactly when there is no
// error.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("Merhaba dünya"))
	f.Add(encode(charmap.Windows1254, "Işık “güzel”"))
	f.Add(utf16With(xunicode.BigEndian, "Çağ"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, enc, diags := Decode("f.txt", raw)
		if !encodings[enc] {
			t.Fatalf("unknown encoding %q", enc)
		}
		if !utf8.ValidString(text) {
			t.Fatalf("text is not valid UTF-8: %q", text)
		}
		if diags.HasErrors() != (text == "") {
			t.Fatalf("text %q with diagnostics %v", text, diags)
		}
	})
}

// TestByteFilters checks the byte tests that let the repairs skip ordinary
// text against the rune rules they stand for.
func TestByteFilters(t *testing.T) {
	for r := rune(0xC0); r <= 0xFF; r++ {
		b0, ok := win1252[r]
		want := ok && (b0 == 0xC3 || b0 == 0xC4 || b0 == 0xC5 || b0 == 0xE2)
		if got := leadSecond(string(r)[1]); got != want {
			t.Errorf("leadSecond(%q) = %v, want %v", r, got, want)
		}
	}
	for _, s := range []string{"", "çöü", "ÝÞðýþÐ", "aÝbçþ", "ð", "\xc3", "İŞğışĞ", "ÃÄÅâ ý"} {
		want := 0
		for _, r := range s {
			if _, ok := misdecoded(r); ok {
				want++
			}
		}
		if got := countMisdecoded(s); got != want {
			t.Errorf("countMisdecoded(%q) = %d, want %d", s, got, want)
		}
	}
}
