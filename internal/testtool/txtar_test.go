package testtool

import (
	"reflect"
	"testing"
)

func TestParseArchive(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Archive
		out  string // Format's result when it is not in
	}{
		{"empty", "", Archive{Comment: []byte{}}, ""},
		{"comment only", "hello\n", Archive{Comment: []byte("hello\n")}, ""},
		{"files", "c\n-- a --\nA\n-- b/c.json --\n{}\n", Archive{Comment: []byte("c\n"), Files: []File{{"a", []byte("A\n")}, {"b/c.json", []byte("{}\n")}}}, ""},
		{"empty file", "-- a --\n-- b --\nB\n", Archive{Comment: []byte{}, Files: []File{{"a", []byte{}}, {"b", []byte("B\n")}}}, ""},
		{"not markers", "-- --\n--a --\n-- x -\n", Archive{Comment: []byte("-- --\n--a --\n-- x -\n")}, ""},
		{"no final newline", "-- a --\nA", Archive{Comment: []byte{}, Files: []File{{"a", []byte("A")}}}, "-- a --\nA\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ParseArchive([]byte(tt.in))
			if !reflect.DeepEqual(*a, tt.want) {
				t.Errorf("ParseArchive = %q, want %q", *a, tt.want)
			}
			want := tt.in
			if tt.out != "" {
				want = tt.out
			}
			if got := string(a.Format()); got != want {
				t.Errorf("Format = %q, want %q", got, want)
			}
		})
	}
}

func TestModelLine(t *testing.T) {
	archive := []byte("comment\n-- expected --\nx\n-- model --\nbook\n  title \"K\"\n")
	if got := modelLine(archive, 2); got != 6 {
		t.Errorf("modelLine = %d, want 6", got)
	}
}
