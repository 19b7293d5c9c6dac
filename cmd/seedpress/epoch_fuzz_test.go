package main

import (
	"strconv"
	"strings"
	"testing"
)

// FuzzEpochEnv checks that any SOURCE_DATE_EPOCH value is either refused
// with an error or read as exactly the whole number it spells, never
// guessed, and never panics.
func FuzzEpochEnv(f *testing.F) {
	for _, s := range []string{"1700000000", "0", "", " 12 ", "-1", "1.5", "1e9", "0x10", "253402300799", "253402300800", "99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got, ok, err := epochEnv(func(string) (string, bool) { return v, true })
		trimmed := strings.TrimSpace(v)
		switch {
		case err != nil:
			if ok {
				t.Fatalf("%q: error %v and ok", v, err)
			}
		case trimmed == "":
			if ok {
				t.Fatalf("%q: an empty value counted as set", v)
			}
		default:
			n, perr := strconv.ParseInt(trimmed, 10, 64)
			if !ok || perr != nil || n < 0 || got.Unix() != n {
				t.Fatalf("%q: read as %v (ok=%v)", v, got, ok)
			}
		}
	})
}
