package manifest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutlineSeparator checks where a separator line ends the parts: after
// a part it does (mdBook's suffix chapters), among the prefix chapters it
// does not, and a part heading after it begins a part again.
func TestOutlineSeparator(t *testing.T) {
	tests := []struct {
		name, summary string
		want          []string
	}{
		{"suffix", "[A](a.md)\n\n# Kısım\n\n- [B](b.md)\n\n---\n\n[C](c.md)\n[D](d.md)\n",
			[]string{`a.md part="" partend=false`, `b.md part="Kısım" partend=false`, `c.md part="" partend=true`, `d.md part="" partend=false`}},
		{"asterisks", "# Özet\n\n# Kısım\n\n- [A](a.md)\n\n***\n\n[B](b.md)\n",
			[]string{`a.md part="Kısım" partend=false`, `b.md part="" partend=true`}},
		{"prefix only", "[A](a.md)\n\n---\n\n[B](b.md)\n\n# Kısım\n\n- [C](c.md)\n",
			[]string{`a.md part="" partend=false`, `b.md part="" partend=false`, `c.md part="Kısım" partend=false`}},
		{"part after", "# Özet\n\n# Bir\n\n- [A](a.md)\n\n---\n\n# İki\n\n- [B](b.md)\n",
			[]string{`a.md part="Bir" partend=false`, `b.md part="İki" partend=false`}},
		{"draft part", "- [Taslak]()\n  - [A](a.md)\n\n---\n\n[B](b.md)\n",
			[]string{`a.md part="Taslak" partend=false`, `b.md part="" partend=true`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			files := map[string]string{SummaryName: tt.summary, "a.md": "a", "b.md": "b", "c.md": "c", "d.md": "d"}
			for name, text := range files {
				if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			o, diags := LoadOutline(dir)
			if o == nil || diags.HasErrors() {
				t.Fatal(diags)
			}
			var got []string
			for _, e := range o.Entries {
				got = append(got, fmt.Sprintf("%s part=%q partend=%t", e.Path, e.Part, e.PartEnds))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("entries:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}
