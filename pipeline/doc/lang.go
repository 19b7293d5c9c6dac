package doc

import (
	"strings"
	"time"
)

// DefaultLang is the book's language when the manifest names none: seedpress
// publishes Turkish books.
const DefaultLang = "tr"

// PrimaryLang returns the primary language subtag of the BCP 47 tag lang,
// lower-cased: the part before the first "-" or "_" ("tr-TR" and "TR_tr"
// give "tr"). An empty tag gives DefaultLang.
func PrimaryLang(lang string) string {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	if lang == "" {
		return DefaultLang
	}
	return strings.ToLower(lang)
}

// Language returns the book's language tag: m.Lang, or DefaultLang when it is
// empty.
func (m Meta) Language() string {
	if m.Lang == "" {
		return DefaultLang
	}
	return m.Lang
}

// DateLayouts are the forms a manifest date may take, most precise first:
// YYYY-MM-DD, YYYY-MM and YYYY. All are valid W3C dates.
var DateLayouts = []string{"2006-01-02", "2006-01", "2006"}

// ParseDate parses s written in one of DateLayouts, exactly (no extra
// characters), as UTC midnight of its first day. It reports false when s is
// no such date.
func ParseDate(s string) (time.Time, bool) {
	for _, layout := range DateLayouts {
		if len(s) == len(layout) {
			if t, err := time.Parse(layout, s); err == nil {
				return t.UTC(), true
			}
		}
	}
	return time.Time{}, false
}

// TimestampLayout is the layout of every timestamp seedpress writes (the
// release time in the EPUB's dcterms:modified, the PDF's XMP): UTC, to the
// second.
const TimestampLayout = "2006-01-02T15:04:05Z"
