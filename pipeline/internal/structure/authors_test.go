package structure

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/authors")

// TestAuthorsSyntax converts one input per construct of pandoc's Markdown
// (fenced divs and callouts, line blocks, spans, superscript and
// subscript, attributes, list styles, comments) and compares the model's
// dump and the diagnostics with testdata/authors/<name>.golden.
func TestAuthorsSyntax(t *testing.T) {
	tests := []struct{ name, in string }{
		{"callouts", "::: {.callout-note}\nBir not.\n:::\n\n::: {.callout-tip title=\"Kısa yol\"}\nİpucu.\n:::\n\n::: callout-warning\n## Başlıklı uyarı\nDikkat et.\n:::\n\n::: {.callout-important}\nÖnemli.\n:::\n\n:::: {.callout-caution #dikkat}\nSon.\n::::\n\n::: {.callout-bilinmez}\nTuhaf.\n:::\n"},
		{"divs", "::: {#kutu .ozel lang=en}\nEnglish text.\n\n::: {.ic}\nİç içe.\n:::\n\nStill outer.\n:::\n\nSonra.\n"},
		{"div fences inside code", "::: {.dis}\n```\n:::\n```\n:::\n"},
		{"unclosed div", "::: {.acik}\nMetin.\n"},
		{"stray closer", "Metin.\n\n:::\n"},
		{"line block", "| Bir bahar akşamı rastgeldim sana\n|     Sevdim seni.\n|\n| Devam eden\n  satır\n| *vurgulu* satır\n"},
		{"line block or table", "| a | b |\n|---|---|\n| 1 | 2 |\n"},
		{"spans", "[küçük harf]{.smallcaps} ve [İngilizce *metin*]{lang=en .x} ve [bağlantı](https://ornek.org){.dis target=\"_blank\"} ve `kod`{.go}.\n\n[yalnız köşeli] ayraç ve [yarım]{ ve [a]{.b}c.\n"},
		{"superscript and subscript", "H~2~O ve a^bc^d, 2^10^ ama ^boşluk var^ ve ~~silik~~ ve x~a\\ b~ ve ^^ ve ~tek.\n"},
		{"code attributes", "``` {.python #kod startFrom=10}\nprint(1)\n```\n\n```go {.numberLines}\nx := 1\n```\n\n```{bozuk\ny\n```\n"},
		{"list styles", "a) bir\nb) iki\n\n(1) birinci\n(2) ikinci\n\nIV.  dört\nV.  beş\n\ni. bir\nii. iki\n\n#. diyez\n#. diyez\n\nA.  Büyük\nB.  Harf\n\nc. üç\nd. dört\n"},
		{"list style changes", "1. bir\n2. iki\n a. a\n b. b\n\nh) h\ni) i\nj) j\n"},
		{"not lists", "A. Yılmaz dedi ki geldi.\n\nI. Dünya Savaşı bitti.\n\nII. Dünya Savaşı da.\n\nIV. Murat tahta çıktı.\n\n%40 arttı.\n\nMetin\na) değil\n\nb)\n\n    a) kod\n"},
		{"comments", "<!-- yazarın notu -->\n\nMetin <!-- satır içi --> sürer.\n\n<!--\nçok\nsatırlı\n-->\n\n<!-- önce --> <b>sonra</b>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks, diags := Markdown("x.md", tt.in)
			got := "-- input\n" + tt.in + "-- model\n" + dumpBlocks(t, blocks) + "\n-- diagnostics\n" + diagStrings(diags)
			got = strings.TrimRight(got, "\n") + "\n"
			path := filepath.Join("testdata", "authors", strings.ReplaceAll(tt.name, " ", "_")+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if got != string(want) {
				t.Errorf("got\n%s\nwant\n%s", got, want)
			}
		})
	}
}

// FuzzAuthorsSyntax runs Markdown on inputs rich in pandoc's syntax:
// nothing panics, positions stay inside the input, nesting stays bounded.
func FuzzAuthorsSyntax(f *testing.F) {
	for _, s := range []string{
		"::: {.callout-note title=\"a\"}\n| x\n|   y\n:::\n",
		":::: a\n::: b\n[s]{.c} ^x^ ~y~\n:::\n::::\n",
		"a) x\nb) y\n\nIV.  z\n\n(1) q\n#. r\n",
		"[a [b]{.c} d]{#e k='v'} [l](u){.x}\n",
		"```{.py #i}\nx\n```\n<!-- c -->\n| a | b |\n|---|---|\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		blocks, diags := Markdown("f.md", in)
		lines := strings.Split(in, "\n")
		for _, d := range diags {
			p := d.Pos
			if p.Line < 1 || p.Line > len(lines) || p.Col < 1 {
				t.Fatalf("position %v outside the input", p)
			}
		}
		if depth(blocks) > MaxDepth {
			t.Fatalf("depth %d", depth(blocks))
		}
	})
}

// FuzzParseAttr checks that parseAttr never reads past its input and
// reads only what starts with "{" and ends with "}".
func FuzzParseAttr(f *testing.F) {
	for _, s := range []string{`{#a .b c=d e="f g" h='i'}`, `{-}`, `{.x`, `{k="\"}"}`, "{.ş #ğ}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		_, n, ok := parseAttr([]byte(in))
		if !ok {
			return
		}
		if n < 2 || n > len(in) || in[0] != '{' || in[n-1] != '}' {
			t.Fatalf("parseAttr(%q) read %d bytes", in, n)
		}
	})
}

// FuzzFancyLists checks the list pre-pass: same length, and changes only
// at the markers it reports.
func FuzzFancyLists(f *testing.F) {
	for _, s := range []string{"a) x\nb) y\n", "IV.  x\n\n(iv) y\n", "```\na) x\n```\n", "1. a\n a. b\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, markers := fancyLists([]byte(in))
		if len(out) != len(in) {
			t.Fatalf("length %d, want %d", len(out), len(in))
		}
		for i := range out {
			if out[i] == in[i] {
				continue
			}
			ok := false
			for at := range markers {
				if at <= i && i < at+maxMarker {
					ok = true
				}
			}
			if !ok {
				t.Fatalf("byte %d changed outside a marker", i)
			}
		}
	})
}

// FuzzSplitFrontMatter checks that the body keeps every line break.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{"---\ntitle: a\n---\nb\n", "% a\n  b\n% c; d\n% 2024\n\ne\n", "---\n\n---\n", "%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		_, body, _ := SplitFrontMatter(in)
		if strings.Count(body, "\n") != strings.Count(in, "\n") {
			t.Fatalf("lines %d, want %d", strings.Count(body, "\n"), strings.Count(in, "\n"))
		}
	})
}

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name, in string
		want     FrontMatter
		body     string
		ok       bool
	}{
		{"yaml", "---\ntitle: Başlık\nauthor: [a, b]\n...\n# Metin\n", FrontMatter{YAML: "title: Başlık\nauthor: [a, b]\n", Line: 2}, "\n\n\n\n# Metin\n", true},
		{"a rule, not front matter", "---\n\nMetin\n---\n", FrontMatter{}, "---\n\nMetin\n---\n", false},
		{"prose between rules", "---\nNot: bu bir not.\nBu bölümde anlatılanlar.\n---\n", FrontMatter{}, "---\nNot: bu bir not.\nBu bölümde anlatılanlar.\n---\n", false},
		{"unclosed", "---\ntitle: a\n\nMetin\n", FrontMatter{}, "---\ntitle: a\n\nMetin\n", false},
		{"title block", "% Başlık\n  sürer\n% Bir; İki\n  Üç\n% 2024-01-02\n\nMetin\n",
			FrontMatter{TitleBlock: true, Title: "Başlık sürer", Authors: []string{"Bir", "İki", "Üç"}, Date: "2024-01-02", DateLine: 5}, "\n\n\n\n\n\nMetin\n", true},
		{"a percentage, not a title block", "%40 oranında arttı.\n", FrontMatter{}, "%40 oranında arttı.\n", false},
		{"title only", "% Başlık\nMetin\n", FrontMatter{TitleBlock: true, Title: "Başlık"}, "\nMetin\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, ok := SplitFrontMatter(tt.in)
			if ok != tt.ok || body != tt.body || fmt.Sprint(fm) != fmt.Sprint(tt.want) {
				t.Errorf("got %v %q %+v, want %v %q %+v", ok, body, fm, tt.ok, tt.body, tt.want)
			}
		})
	}
}

// TestHostileAuthorsSyntax feeds inputs that would cost quadratic time if
// a parser of this syntax rescanned its block for every delimiter or kept
// every fenced div open: each takes well under a second; the bound is
// generous for a busy machine.
func TestHostileAuthorsSyntax(t *testing.T) {
	for _, in := range []string{
		strings.Repeat("[", 200000),
		strings.Repeat("[`]{.x}`", 30000),
		strings.Repeat("^a", 100000),
		strings.Repeat("[a]{.x}", 30000),
		strings.Repeat("| a\n", 50000),
		strings.Repeat("::: x\n", 20000),
		strings.Repeat("a) x\n", 50000),
	} {
		start := time.Now()
		_, diags := Markdown("x.md", in)
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("%.20q… (%d bytes): %v", in, len(in), d)
		}
		_ = diags
	}
}
