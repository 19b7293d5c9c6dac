package main

import "testing"

func TestParseSize(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want int64
	}{
		{"256MiB", 256 << 20}, {"1 GiB", 1 << 30}, {"4096", 4096}, {"600B", 600}, {"64KiB", 64 << 10},
		{"", 0}, {"0", 0}, {"-1MiB", 0}, {"1.5GiB", 0}, {"12MB", 0}, {"MiB", 0}, {"99999999999GiB", 0},
	} {
		got, err := parseSize(tt.in)
		if got != tt.want || (err != nil) != (tt.want == 0) {
			t.Errorf("parseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}
