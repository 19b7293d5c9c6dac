package structure

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
		{"spans", "[küçük harf]{.smallcaps} ve [İngilizce *metin*]{lang=en .x} ve [bağlantı](https://ornek.org){.dis target=\"_blank\"}.\n\n[yalnız köşeli] ayraç ve [yarım]{ ve [a]{.b}c.\n"},
		{"superscript and subscript", "H~2~O ve a^bc^d, 2^10^ ama ^boşluk var^ ve ~~silik~~ ve x~a\\ b~ ve ^^ ve ~tek.\n"},
		{"code attributes", "``` {.python #kod startFrom=10}\nprint(1)\n```\n\n```go {.numberLines}\nx := 1\n```\n\n```{bozuk\ny\n```\n"},
		{"list styles", "a) bir\nb) iki\n\n(1) birinci\n(2) ikinci\n\nIV.  dört\nV.  beş\n\ni. bir\nii. iki\n\n#. diyez\n#. diyez\n\nA.  Büyük\nB.  Harf\n\nc. üç\nd. dört\n"},
		{"list style changes", "1. bir\n2. iki\n a. a\n b. b\n\nh) h\ni) i\nj) j\n"},
		{"not lists", "A. Yılmaz dedi ki geldi.\n\nI. Dünya Savaşı bitti.\n\nMetin\na) değil\n\nb)\n\n    a) kod\n"},
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
