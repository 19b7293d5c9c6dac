package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// badInput is a seeds folder that must not be published.
type badInput struct {
	name  string
	files map[string]string                       // seeds folder contents
	setup func(t *testing.T, seeds string) string // more set-up; returns the --seeds value ("" for seeds)
	want  []string                                // lines (or parts of lines) on stderr; "SEEDS" stands for the seeds folder
	// pdfOnly marks a problem of the PDF's pre-flight check: a build of
	// the dataset alone succeeds.
	pdfOnly bool
}

// badInputs lists every kind of bad input with its message. The README's
// "What happens with bad input" table mirrors it.
var badInputs = []badInput{
	{name: "not UTF-8 and not a Turkish legacy encoding",
		files: map[string]string{"bozuk.txt": "Çok güzel, ışıklı bir öğle üstü şu \xff yazıldı."},
		want:  []string{"SEEDS/bozuk.txt:1:36: error: invalid UTF-8 byte 0xFF (1 invalid in the file): not valid UTF-8 and not a Turkish legacy encoding"}},
	{name: "unpaired surrogate encoded in UTF-8",
		files: map[string]string{"vekil.txt": "Çok güzel, ışıklı bir öğle üstü şu \xed\xa0\x80 yazıldı."},
		want:  []string{"SEEDS/vekil.txt:1:36: error: invalid UTF-8 byte 0xED"}},
	{name: "NUL bytes",
		files: map[string]string{"ikili.txt": "PNG\x00\x00\x01\x02"},
		want:  []string{"SEEDS/ikili.txt: error: binary file (NUL byte at line 1 col 4)"}},
	{name: "empty file",
		files: map[string]string{"bos.txt": ""},
		want:  []string{"SEEDS/bos.txt: error: empty file"}},
	{name: "only white space",
		files: map[string]string{"bosluk.md": "  \n\t\n\u00a0\n"},
		want:  []string{"SEEDS/bosluk.md: error: no text: the file holds only white space"}},
	{name: "empty seeds folder",
		want: []string{"SEEDS: error: no seeds (*.txt, *.md) in SEEDS"}},
	{name: "seeds folder with no seed",
		files: map[string]string{"notlar.pdf": "%PDF", "book.yaml": "title: Boş\n"},
		want:  []string{"SEEDS: error: no seeds (*.txt, *.md) in SEEDS"}},
	{name: "missing seeds folder",
		setup: func(t *testing.T, seeds string) string { return filepath.Join(seeds, "yok") },
		want:  []string{"SEEDS/yok: error: no seeds (*.txt, *.md) in SEEDS/yok"}},
	{name: "seeds folder is a file",
		files: map[string]string{"a.txt": "Bir cümle."},
		setup: func(t *testing.T, seeds string) string { return filepath.Join(seeds, "a.txt") },
		want:  []string{"SEEDS/a.txt: error: not a folder; give the folder that holds the seeds"}},
	{name: "symlink leading outside the seeds folder",
		files: map[string]string{"a.txt": "Bir cümle."},
		setup: func(t *testing.T, seeds string) string {
			outside := filepath.Join(filepath.Dir(seeds), "gizli.txt")
			must(t, os.WriteFile(outside, []byte("Gizli bir metin."), 0o644))
			must(t, os.Symlink(outside, filepath.Join(seeds, "b.txt")))
			return ""
		},
		want: []string{"SEEDS/b.txt: error: symlink leads outside the seeds folder (not followed)"}},
	// Tests run as root, who can read any file, so an unreadable seed is
	// made two ways that defeat root too: a dangling symlink and a folder
	// with a seed's name.
	{name: "unreadable: dangling symlink",
		files: map[string]string{"a.txt": "Bir cümle."},
		setup: func(t *testing.T, seeds string) string {
			must(t, os.Symlink("kayip.txt", filepath.Join(seeds, "b.txt")))
			return ""
		},
		want: []string{"SEEDS/b.txt: error: cannot read: no such file or directory"}},
	{name: "unreadable: a folder named like a seed",
		files: map[string]string{"a.txt": "Bir cümle."},
		setup: func(t *testing.T, seeds string) string {
			must(t, os.Mkdir(filepath.Join(seeds, "b.txt"), 0o755))
			return ""
		},
		want: []string{"SEEDS/b.txt: error: cannot read: is a folder, not a seed file"}},
	{name: "three bad files in one run",
		files: map[string]string{"1.txt": "", "2.txt": "a\x00", "3.md": "\n\n", "4.txt": "İyi bir dosya."},
		want: []string{"SEEDS/1.txt: error: empty file", "SEEDS/2.txt: error: binary file", "SEEDS/3.md: error: no text: the file holds only white space",
			" errors, 0 warnings"}},

	// The manifest.
	{name: "malformed book.yaml",
		files: map[string]string{"a.txt": "Bir cümle.", "book.yaml": "title: \"Kapanmamış\nauthor: [\n"},
		want:  []string{"SEEDS/book.yaml:3:1: error: malformed YAML: "}},
	{name: "YAML bomb",
		files: map[string]string{"a.txt": "Bir cümle.", "book.yaml": yamlBomb},
		want:  []string{"SEEDS/book.yaml:1:5: error: YAML anchors and aliases are not allowed in book.yaml"}},
	{name: "unknown key",
		files: map[string]string{"a.txt": "Bir cümle.", "book.yaml": "title: Kitap\nauthr: Yazar\n"},
		want:  []string{`SEEDS/book.yaml:2:1: error: unknown key "authr"; did you mean "author"?`}},
	{name: "wrong type",
		files: map[string]string{"a.txt": "Bir cümle.", "book.yaml": "title:\n  - bir\n  - iki\n"},
		want:  []string{"SEEDS/book.yaml:2:3: error: title must be a string, not a sequence"}},
	{name: "path escaping the seeds folder",
		files: map[string]string{"a.txt": "Bir cümle.", "book.yaml": "title: Kitap\ncover-image: ../kapak.png\n"},
		want:  []string{`SEEDS/book.yaml:2:14: error: cover-image "../kapak.png" leads outside the seeds folder`}},
	{name: "missing cover",
		files: map[string]string{"a.txt": "Bir cümle.", "book.yaml": "title: Kitap\ncover-image: kapak.png\n"},
		want:  []string{`SEEDS/book.yaml:2:14: error: cover-image "kapak.png" does not exist in the seeds folder`}},
	{name: "cover that is not an image",
		files: map[string]string{"a.txt": "Bir cümle.", "kapak.png": "bu bir resim değil", "book.yaml": "title: Kitap\ncover-image: kapak.png\n"},
		want:  []string{`SEEDS/book.yaml:2:14: error: cover-image "kapak.png" is not a JPEG or PNG image`}},
	{name: "absurd papersize",
		files: map[string]string{"a.txt": "Bir cümle.", "book.yaml": "title: Kitap\npapersize: 2000x3000\n"},
		want:  []string{`SEEDS/book.yaml:2:12: error: papersize "2000x3000" is not one of a4, a5, letter`}},

	// Characters that no embedded font covers: the PDF's pre-flight check.
	{name: "emoji",
		files:   map[string]string{"a.txt": "Bir cümle.\n\nGülen yüz 😀 burada."},
		want:    []string{"SEEDS/a.txt:3:11: error: U+1F600 GRINNING FACE is not in the embedded fonts"},
		pdfOnly: true},
	{name: "CJK",
		files: map[string]string{"a.md": "# Başlık\n\nTokyo 東京 demek."},
		want: []string{"SEEDS/a.md:3:7: error: U+6771 CJK UNIFIED IDEOGRAPH-6771 is not in the embedded fonts",
			"SEEDS/a.md:3:8: error: U+4EAC CJK UNIFIED IDEOGRAPH-4EAC is not in the embedded fonts"},
		pdfOnly: true},
}

// yamlBomb is the "billion laughs": nine levels of aliases, each expanding
// the one below ten times.
var yamlBomb = func() string {
	var b strings.Builder
	b.WriteString("a0: &a0 [\"lol\"]\n")
	for i := 1; i <= 9; i++ {
		b.WriteString("a" + string(rune('0'+i)) + ": &a" + string(rune('0'+i)) + " [")
		for j := 0; j < 10; j++ {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString("*a" + string(rune('0'+i-1)))
		}
		b.WriteString("]\n")
	}
	b.WriteString("title: *a9\n")
	return b.String()
}()

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestBadInput builds every bad input and checks the message, the exit code
// (1), that nothing was published (a previous output folder is byte-for-byte
// unchanged, a missing one is not created) and that check agrees.
func TestBadInput(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	for _, tt := range badInputs {
		t.Run(tt.name, func(t *testing.T) {
			root := writeSeeds(t, tt.files)
			seeds := root
			if tt.setup != nil {
				if s := tt.setup(t, root); s != "" {
					seeds = s
				}
			}
			dist := previousDist(t)
			before := tree(t, dist)
			fresh := filepath.Join(t.TempDir(), "dist")
			runs := [][]string{
				{"build", "--seeds", seeds, "--out", dist},
				{"build", "--seeds", seeds, "--out", fresh},
				{"check", "--seeds", seeds},
			}
			if !tt.pdfOnly {
				// The dataset alone is built from a stream of documents:
				// a different path through the pipeline.
				runs = append(runs, []string{"build", "--format", "dataset", "--seeds", seeds, "--out", dist},
					[]string{"build", "--format", "dataset", "--seeds", seeds, "--out", fresh})
			}
			for _, args := range runs {
				r := seedpress(t, args...)
				if r.code != 1 {
					t.Errorf("seedpress %s: exit %d, want 1\n%v", args[0], r.code, r)
				}
				for _, w := range tt.want {
					w = strings.ReplaceAll(w, "SEEDS", root)
					if !strings.Contains(r.stderr, w) {
						t.Errorf("seedpress %s: stderr lacks %q\n%v", args[0], w, r)
					}
				}
				if !strings.Contains(r.stderr, ": error: ") {
					t.Errorf("seedpress %s: no error line\n%v", args[0], r)
				}
			}
			if after := tree(t, dist); after != before {
				t.Errorf("the previous output folder changed:\nbefore\n%s\nafter\n%s", before, after)
			}
			if _, err := os.Stat(fresh); err == nil {
				t.Errorf("a failed build created %s", fresh)
			}
		})
	}
}

// TestUnwritableOutput checks a build into a folder that cannot be
// created: exit 1, a message naming the folder, and the seeds untouched.
func TestUnwritableOutput(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	seeds := writeSeeds(t, map[string]string{"a.txt": "Bir cümle."})
	file := filepath.Join(t.TempDir(), "dosya")
	must(t, os.WriteFile(file, []byte("a regular file"), 0o644))
	out := filepath.Join(file, "dist")
	r := seedpress(t, "build", "--quiet", "--seeds", seeds, "--out", out)
	want := "seedpress: build: publish: output folder: mkdir " + file + ": not a directory (" + out + " is unchanged)"
	if r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("want exit 1 and %q, got %v", want, r)
	}
	// A final name taken by a folder where a file goes fails before any
	// output is touched.
	dist := filepath.Join(t.TempDir(), "dist")
	must(t, os.MkdirAll(filepath.Join(dist, "seeds.pdf"), 0o755)) // the title falls back to the folder's name
	before := tree(t, dist)
	r = seedpress(t, "build", "--quiet", "--seeds", seeds, "--out", dist)
	if r.code != 1 || !strings.Contains(r.stderr, "seeds.pdf exists and is not a file") {
		t.Errorf("build over a folder named seeds.pdf: %v", r)
	}
	if tree(t, dist) != before {
		t.Error("the output folder changed")
	}
}

// TestEveryProblemAtOnce gives a build a warning of the stages (a legacy
// encoding) in one seed and an error of the PDF's check (an emoji) in
// another: both are reported in the same run, with or without --strict, and
// nothing is published; the dataset alone is published unless --strict
// turns the warning into an error.
func TestEveryProblemAtOnce(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	seeds := writeSeeds(t, map[string]string{
		"a.txt": "G\xfczel bir g\xfcn, \xe7ok \xfeeker ve \xfe\xf6yle bir \xe7i\xe7ek.",
		"b.txt": "Bir cümle.\n\nGülen yüz 😀 burada.",
	})
	warning := seeds + "/a.txt: warning: a.txt is not valid UTF-8; read it as iso-8859-9"
	strictWarning := seeds + "/a.txt: error: a.txt is not valid UTF-8; read it as iso-8859-9"
	emoji := seeds + "/b.txt:3:11: error: U+1F600 GRINNING FACE is not in the embedded fonts"
	for _, tt := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"build"}, 1, []string{warning, emoji, "1 error, 1 warning"}},
		{[]string{"build", "--strict"}, 1, []string{strictWarning, emoji, "2 errors, 0 warnings"}},
		{[]string{"check", "--strict"}, 1, []string{strictWarning, emoji, "2 errors, 0 warnings"}},
		{[]string{"build", "--format", "dataset"}, 0, []string{warning}},
		{[]string{"build", "--format", "dataset", "--strict"}, 1, []string{strictWarning}},
	} {
		out := filepath.Join(t.TempDir(), "dist")
		args := append(tt.args, "--seeds", seeds)
		if tt.args[0] == "build" {
			args = append(args, "--out", out)
		}
		r := seedpress(t, args...)
		if r.code != tt.code {
			t.Errorf("seedpress %v: exit %d, want %d\n%v", tt.args, r.code, tt.code, r)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.stderr, w) {
				t.Errorf("seedpress %v: stderr lacks %q\n%v", tt.args, w, r)
			}
		}
		if _, err := os.Stat(out); (err == nil) != (tt.code == 0 && tt.args[0] == "build") {
			t.Errorf("seedpress %v: output folder %v", tt.args, err)
		}
	}
}
