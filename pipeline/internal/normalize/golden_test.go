package normalize

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden normalises the shipped seed, the Markdown test corpus and the
// cases in testdata/in, and compares each result and its diagnostics with
// testdata/golden/NAME.
func TestGolden(t *testing.T) {
	root := testtool.Root()
	var inputs []string
	for _, pattern := range []string{
		filepath.Join(root, "seeds", "*.txt"),
		filepath.Join(root, "testdata", "corpus", "*.md"),
		filepath.Join(root, "testdata", "corpus", "*.txt"),
		filepath.Join("testdata", "in", "*"),
	} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, m...)
	}
	if len(inputs) < 4 {
		t.Fatalf("found only %d inputs", len(inputs))
	}
	for _, in := range inputs {
		name := filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			out, diags := Normalize(name, string(raw), strings.HasSuffix(name, ".md"))
			var b strings.Builder
			b.WriteString(out)
			b.WriteString("\n-- diagnostics --\n")
			for _, d := range diags {
				b.WriteString(d.String())
				b.WriteByte('\n')
			}
			golden := filepath.Join("testdata", "golden", name)
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if b.String() != string(want) {
				t.Errorf("Normalize(%s) differs from %s:\n%s", name, golden, b.String())
			}
		})
	}
}
