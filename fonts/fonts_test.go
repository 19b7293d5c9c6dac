package fonts

import (
	"testing"

	"golang.org/x/image/font/sfnt"
)

// TestTurkishCoverage checks that every face parses as TrueType and draws
// the Turkish alphabet and punctuation.
func TestTurkishCoverage(t *testing.T) {
	const turkish = "abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZâîûÂÎÛ“”‘’–—…0123456789"
	for _, tt := range []struct {
		name string
		data []byte
	}{{"Regular", Regular}, {"Bold", Bold}, {"Italic", Italic}, {"BoldItalic", BoldItalic}, {"Mono", Mono}} {
		f, err := sfnt.Parse(tt.data)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var b sfnt.Buffer
		for _, r := range turkish {
			if g, err := f.GlyphIndex(&b, r); err != nil || g == 0 {
				t.Errorf("%s has no glyph for %q", tt.name, r)
			}
		}
	}
}
