package exporters

import (
	"strings"
	"testing"
)

// FuzzSlug checks Slug on any title (a title is untrusted text from
// book.yaml or a heading): the result is a non-empty, portable file name
// stem of lower-case ASCII letters, digits and single inner dashes, at most
// maxSlug bytes, and Slug of a slug is the slug itself.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"Siber Güvenlik ve İnternet Yönetimi", "", "../../etc/passwd", "ÇĞIİÖŞÜ", "東京", strings.Repeat("ab-", 50), "a\x00b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		s := Slug(title)
		if s == "" || len(s) > maxSlug || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
			t.Fatalf("Slug(%q) = %q", title, s)
		}
		for _, r := range s {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Fatalf("Slug(%q) = %q holds %q", title, s, r)
			}
		}
		if again := Slug(s); again != s {
			t.Fatalf("Slug(%q) = %q, but Slug(%q) = %q", title, s, s, again)
		}
	})
}
