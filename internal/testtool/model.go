package testtool

import (
	"bytes"
	"os"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// ModelFile is the name of the file that holds the model in a model
// fixture.
const ModelFile = "model"

// Model reads the model fixture at path: a txtar archive (see Archive)
// whose file "model" is a model dump, read with doc.ParseDump, and whose
// other files are whatever the test compares with (typically the files an
// exporter writes for that model, by name). It returns the book and the
// archive, and stops the test on any error, naming the file and the line of
// the dump, counted in the fixture.
func Model(t testing.TB, path string) (*doc.Book, *Archive) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a := ParseArchive(data)
	dump, ok := a.File(ModelFile)
	if !ok {
		t.Fatalf("%s: no file %q in the archive", path, ModelFile)
	}
	b, err := doc.ParseDump(bytes.NewReader(dump))
	if err != nil {
		if de, ok := err.(*doc.DumpError); ok {
			t.Fatalf("%s:%d: %s", path, modelLine(data, de.Line), de.Msg)
		}
		t.Fatalf("%s: %v", path, err)
	}
	return b, a
}

// modelLine turns line n of the model file into a line of the archive.
func modelLine(archive []byte, n int) int {
	line := 1
	for rest := archive; len(rest) > 0; line++ {
		if bytes.HasPrefix(rest, []byte("-- "+ModelFile+" --")) {
			return line + n
		}
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			break
		}
		rest = rest[i+1:]
	}
	return n
}
