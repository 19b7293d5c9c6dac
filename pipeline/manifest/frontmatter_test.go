package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseFrontMatter(t *testing.T) {
	tests := []struct {
		name, yaml string
		check      func(*FrontMatter) bool
		diags      string
	}{
		{"document keys", "title: Başlık\nsubtitle: Alt\nauthor: [Bir, İki]\ndate: 2024-03-15\nlang: en-GB\nabstract: Özet.\n",
			func(f *FrontMatter) bool {
				return f.Title == "Başlık" && f.Subtitle == "Alt" && strings.Join(f.Authors, ",") == "Bir,İki" && f.Date == "2024-03-15" && f.Lang == "en-GB" && f.Abstract == "Özet." && f.Keys["title"]
			}, ""},
		{"book keys", "publisher: Yayınevi\ntoc-depth: 2\nsubject: [a, b]\n",
			func(f *FrontMatter) bool {
				return f.Book.Publisher == "Yayınevi" && f.Book.TOCDepth == 2 && len(f.Book.Subjects) == 2 && f.Keys["toc-depth"]
			}, ""},
		{"authors as Quarto writes them", "author:\n  - name: Ayşe Yılmaz\n    affiliation: X\n  - Mehmet\n", func(f *FrontMatter) bool { return strings.Join(f.Authors, ",") == "Ayşe Yılmaz,Mehmet" }, ""},
		{"date and time", "date: 2024-03-15T10:00:00+03:00\n", func(f *FrontMatter) bool { return f.Date == "2024-03-15" }, ""},
		{"checks with positions in the seed", "title: a\ndate: 15 Mart\nlang: \"?\"\ntoc-depth: 9\n", nil,
			`x.md:3:7: error: date "15 Mart" must be YYYY, YYYY-MM or YYYY-MM-DD
x.md:4:7: error: lang "?" is not a BCP 47 language tag such as "tr" or "tr-TR": language: tag is not well-formed
x.md:5:12: error: toc-depth 9 is not a whole number from 1 to 6`},
		{"other tools' keys", "title: a\nlayout: post\ntags: [x]\n", func(f *FrontMatter) bool { return f.Title == "a" },
			`x.md:3:1: warning: front matter key "layout" is not used (known keys: title, subtitle, author, lang, date, abstract, publisher, rights, description, subject, identifier, papersize, toc-depth)
x.md:4:1: warning: front matter key "tags" is not used (known keys: title, subtitle, author, lang, date, abstract, publisher, rights, description, subject, identifier, papersize, toc-depth)`},
		{"not a mapping", "- a\n", nil, "x.md:2:1: error: front matter must be a mapping of keys to values, not a sequence"},
		{"malformed", "title: [a\n", nil, "x.md:2:1: error: malformed YAML: did not find expected ',' or ']'"},
		{"aliases", "a: &x 1\ntitle: *x\n", nil, "x.md:2:4: error: YAML anchors and aliases are not allowed in front matter (anchor &x; 2 in the file); write each value out"},
		{"empty", "", func(f *FrontMatter) bool { return f.Title == "" }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, diags := ParseFrontMatter("x.md", 2, []byte(tt.yaml))
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			if g := strings.Join(got, "\n"); g != tt.diags {
				t.Errorf("diagnostics:\n%s\nwant\n%s", g, tt.diags)
			}
			if tt.check != nil && !tt.check(fm) {
				t.Errorf("front matter %+v", fm)
			}
		})
	}
}

func FuzzParseFrontMatter(f *testing.F) {
	f.Add([]byte("title: a\nauthor: [b, c]\ntoc-depth: 2\n"))
	f.Add([]byte(billionLaughs()))
	f.Fuzz(func(t *testing.T, data []byte) {
		fm, _ := ParseFrontMatter("x.md", 2, data)
		if fm == nil {
			t.Fatal("nil front matter")
		}
	})
}

// FuzzOutline reads any SUMMARY.md in a folder with one chapter.
func FuzzOutline(f *testing.F) {
	f.Add("# Summary\n\n[A](a.md)\n\n# Part\n\n- [B]()\n  - [A](a.md)\n- [C](yok.md)\n")
	f.Add("* [a](a.md#x)\n  * [b](%61.md)\n---\n[c](<a b.md>)\n")
	f.Fuzz(func(t *testing.T, summary string) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, SummaryName), []byte(summary), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("a"), 0o644); err != nil {
			t.Fatal(err)
		}
		o, diags := LoadOutline(dir)
		if o == nil {
			if !diags.HasErrors() {
				t.Fatal("no outline and no error")
			}
			return // not UTF-8
		}
		for _, e := range o.Entries {
			if e.Path != "a.md" || e.Depth < 0 {
				t.Fatalf("entry %+v", e)
			}
		}
		for _, d := range diags {
			if d.Pos.Line > strings.Count(summary, "\n")+1 {
				t.Fatalf("position %v outside the outline", d.Pos)
			}
		}
	})
}
