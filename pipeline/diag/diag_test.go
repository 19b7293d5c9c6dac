package diag_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

func TestString(t *testing.T) {
	tests := []struct {
		d    diag.Diagnostic
		want string
	}{
		{diag.Diagnostic{Pos: doc.Pos{File: "a.txt", Line: 3, Col: 14}, Severity: diag.Warning, Msg: "removed U+00AD SOFT HYPHEN"},
			"a.txt:3:14: warning: removed U+00AD SOFT HYPHEN"},
		{diag.Diagnostic{Pos: doc.Pos{File: "a.txt"}, Severity: diag.Error, Msg: "empty file"}, "a.txt: error: empty file"},
		{diag.Diagnostic{Severity: diag.Note, Msg: "skipped"}, "note: skipped"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestList(t *testing.T) {
	var l diag.List
	if l.HasErrors() || l.Err() != nil {
		t.Fatal("empty list has errors")
	}
	l.Warnf(doc.Pos{File: "b.md", Line: 2, Col: 1}, "w%d", 1)
	l.Notef(doc.Pos{File: "a.md"}, "skipped %s", "x.pdf")
	if l.HasErrors() || l.Err() != nil {
		t.Fatal("warnings and notes are not errors")
	}
	if s := l.Strict(); !s.HasErrors() || s[1].Severity != diag.Note {
		t.Fatalf("Strict() = %v: want the warning an error and the note a note", s)
	}
	l.Errorf(doc.Pos{File: "a.md", Line: 9, Col: 2}, "bad")
	l.Errorf(doc.Pos{File: "a.md", Line: 1, Col: 5}, "worse")
	l.Sort()
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.String() + "\n")
	}
	want := "a.md: note: skipped x.pdf\na.md:1:5: error: worse\na.md:9:2: error: bad\nb.md:2:1: warning: w1\n"
	if b.String() != want {
		t.Errorf("after Sort:\n%s\nwant:\n%s", b.String(), want)
	}
	if e, w := l.Count(); e != 2 || w != 1 {
		t.Errorf("Count() = %d, %d; want 2, 1", e, w)
	}
	if err := l.Err(); err == nil || err.Error() != strings.TrimSuffix(want, "\n") {
		t.Errorf("Err() = %v", err)
	}
}

func ExampleList() {
	var l diag.List
	l.Errorf(doc.Pos{File: "seeds/b.txt", Line: 1, Col: 36}, "invalid UTF-8 byte 0x%02X", 0xFF)
	l.Warnf(doc.Pos{File: "seeds/a.txt", Line: 3, Col: 14}, "removed U+00AD SOFT HYPHEN")
	l.Sort()
	for _, d := range l {
		fmt.Println(d)
	}
	// Output:
	// seeds/a.txt:3:14: warning: removed U+00AD SOFT HYPHEN
	// seeds/b.txt:1:36: error: invalid UTF-8 byte 0xFF
}
