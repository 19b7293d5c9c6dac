package exporters

import (
	"fmt"
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct{ title, want string }{
		{"Siber Güvenlik ve İnternet Yönetimi", "siber-guvenlik-ve-internet-yonetimi"},
		{"Dijital Çağda Türkçe", "dijital-cagda-turkce"},
		{"ÇĞIİÖŞÜ çğıiöşü", "cgiiosu-cgiiosu"},
		{"Kâr ve Zarar: Âdet, Îmân, Ûlfet", "kar-ve-zarar-adet-iman-ulfet"},
		{"  --Başlık!!  2024  ", "baslik-2024"},
		{"", "book"},
		{"!!! ???", "book"},
		{"東京", "book"},
		{"Straße Œuvre", "strasse-oeuvre"},
		{"../../etc/passwd", "etc-passwd"},
		{strings.Repeat("uzun ", 40), strings.TrimSuffix(strings.Repeat("uzun-", 16), "-")},
	}
	for _, tt := range tests {
		if got := Slug(tt.title); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.title, got, tt.want)
		}
	}
}

func ExampleSlug() {
	fmt.Println(Slug("Siber Güvenlik ve İnternet Yönetimi"))
	fmt.Println(Slug("Dijital Çağda Türkçe"))
	fmt.Println(Slug("???"))
	// Output:
	// siber-guvenlik-ve-internet-yonetimi
	// dijital-cagda-turkce
	// book
}
