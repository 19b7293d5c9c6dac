package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutlineFixture builds testdata/seeds/summary, whose SUMMARY.md has
// part titles, nested chapters in subfolders, a draft chapter and an
// unlisted file, and a suffix chapter after a separator, and checks the
// reading order, titles, depths and parts.
func TestOutlineFixture(t *testing.T) {
	b, diags := Build("../testdata/seeds/summary", Options{})
	if b == nil {
		t.Fatal(diags)
	}
	var got []string
	for _, d := range b.Documents {
		got = append(got, fmt.Sprintf("%s %s %q depth=%d part=%q partend=%t", d.ID, d.Source, d.Title, d.Depth, d.Part, d.PartEnds))
	}
	want := []string{
		`onsoz onsoz.md "Önsöz" depth=0 part="" partend=false`,
		`bolum1-giris bolum1/giris.md "Giriş" depth=0 part="Birinci Kısım" partend=false`,
		`bolum1-tarihce bolum1/tarihce.md "Tarihçe" depth=1 part="" partend=false`,
		`bolum1-alt-kavramlar bolum1/alt/kavramlar.md "Temel Kavramlar" depth=1 part="" partend=false`,
		`bolum2-yontem bolum2/yontem.md "Yöntem" depth=0 part="İkinci Kısım" partend=false`,
		`bolum3-uygulama bolum3/uygulama.md "Uygulama" depth=0 part="Taslak Bölüm" partend=false`,
		`sonsoz sonsoz.md "Sonsöz" depth=0 part="" partend=true`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("documents:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	var all []string
	for _, d := range diags {
		all = append(all, d.String())
	}
	if s := strings.Join(all, "\n"); !strings.Contains(s, "notlar.md: warning: not in SUMMARY.md") || !strings.Contains(s, "README.md: note:") {
		t.Errorf("diagnostics: %s", s)
	}
}

// TestOutlineErrors checks the outline's problems as Build reports them.
func TestOutlineErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"missing chapter", map[string]string{
			"SUMMARY.md": "# Summary\n\n- [Bir](bir.md)\n- [Yok](yok/iki.md)\n",
			"bir.md":     "Bir.\n",
		}, `SUMMARY.md:4:3: error: chapter file "yok/iki.md" does not exist`},
		{"mdBook src", map[string]string{
			"book.toml":         "[book]\ntitle = \"x\"\nsrc = \"kaynak\"\n",
			"kaynak/SUMMARY.md": "- [Bir](bir.md)\n",
			"kaynak/bir.md":     "Bir.\n",
			"disarida.md":       "Dışarıda.\n",
		}, ""},
		{"GitBook root", map[string]string{
			".gitbook.yaml":       "root: ./docs/\nstructure:\n  summary: ICINDEKILER.md\n",
			"docs/ICINDEKILER.md": "* [Bir](bir.md)\n",
			"docs/bir.md":         "Bir.\n",
		}, ""},
		{"not chapters", map[string]string{
			"SUMMARY.md": "- [Site](https://ornek.org)\n- [Resim](a.png)\n- [Dış](../x.md)\n- [Bir](bir.md)\n- [Bir yine](./bir.md)\n",
			"bir.md":     "Bir.\n",
		}, `SUMMARY.md:1:3: warning: link to "https://ornek.org" is not a chapter file; left out
SUMMARY.md:2:3: warning: link to "a.png" is not a seed (*.md, *.txt); left out
SUMMARY.md:3:3: warning: link to "../x.md" leads outside the seeds folder; left out
SUMMARY.md:5:3: warning: chapter "bir.md" is listed already (line 4); left out here`},
		{"no chapters", map[string]string{
			"SUMMARY.md": "# Özet\n\nHenüz yok.\n",
			"bir.md":     "Bir.\n",
		}, `SUMMARY.md: error: no chapters: the outline links no .md or .txt file`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tt.files {
				p := filepath.Join(dir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			b, diags := Build(dir, Options{})
			var got []string
			for _, d := range diags {
				if d.Severity.String() != "note" {
					got = append(got, d.String())
				}
			}
			switch tt.name {
			case "mdBook src":
				if b == nil || len(b.Documents) != 1 || b.Documents[0].Source != "kaynak/bir.md" {
					t.Fatalf("book: %v", diags)
				}
			case "GitBook root":
				if b == nil || len(b.Documents) != 1 || b.Documents[0].Source != "docs/bir.md" || b.Documents[0].Title != "Bir" {
					t.Fatalf("book: %v", diags)
				}
			}
			if strings.Join(got, "\n") != tt.want {
				t.Errorf("diagnostics:\n%s\nwant\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}
