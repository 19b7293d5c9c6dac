package epub

import (
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	os.WriteFile("/tmp/h4try/seeds.epub", write(t, buildBook(t, "../../seeds"), Options{Generator: "seedpress test"}), 0o644)
	os.WriteFile("/tmp/h4try/corpus.epub", write(t, buildBook(t, "../../testdata/corpus"), Options{Generator: "seedpress test"}), 0o644)
}
