package dataset

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/internal/testtool"
)

// TestCommentsFresh fails when comments.go is stale: it runs the
// //go:generate line of schema.go with its output sent to a temporary file
// and compares that with the committed comments.go (run `go generate
// ./exporters/dataset` to refresh it).
func TestCommentsFresh(t *testing.T) {
	goCmd := testtool.Require(t, "go", "install Go")
	src, err := os.ReadFile("schema.go")
	if err != nil {
		t.Fatal(err)
	}
	const prefix = "//go:generate go run "
	var args []string
	for line := range strings.Lines(string(src)) {
		if rest, ok := strings.CutPrefix(line, prefix); ok {
			args = strings.Fields(rest)
		}
	}
	if len(args) < 3 || args[1] != "-o" {
		t.Fatalf("schema.go has no line %q<generator> -o <file> ...", prefix)
	}
	committed := args[2]
	tmp := filepath.Join(t.TempDir(), committed)
	args[2] = tmp
	cmd := exec.Command(goCmd, append([]string{"run"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	got, err := os.ReadFile(tmp)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(committed)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: the doc comments of the record types changed; run `go generate ./exporters/dataset`", committed)
	}
}
