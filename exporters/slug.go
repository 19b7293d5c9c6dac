package exporters

import (
	"strings"
	"unicode"

	"github.com/seedpress/seedpress/pipeline/turkish"
)

// maxSlug bounds a slug's length in bytes, so file names stay portable.
const maxSlug = 80

// Slug returns a file name stem for title: Turkish and other Latin letters
// transliterated to ASCII (ç→c, ğ→g, ı→i, İ→i, ö→o, ş→s, ü→u, â→a), lower
// case, runs of anything else turned into one '-', no '-' at either end, at
// most 80 bytes (cut at a '-' when possible). It is never empty: a title
// with no usable letters gives "book".
func Slug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range turkish.ASCIIFold(title) {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	s := b.String()
	if len(s) > maxSlug {
		s = s[:maxSlug]
		if i := strings.LastIndexByte(s, '-'); i > maxSlug/2 {
			s = s[:i]
		}
		s = strings.Trim(s, "-")
	}
	if s == "" {
		return "book"
	}
	return s
}
