package dataset

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/internal/testtool"
)

// pythonSummary is what testdata/validate.py prints.
type pythonSummary struct {
	Records         map[string]int `json:"records"`
	SchemaValidated int            `json:"schema_validated"`
	SameRows        bool           `json:"same_rows"`
	Errors          []string       `json:"errors"`
}

// requirePython returns Debian's python3 with jsonschema and pandas, or
// stops the test (see testtool.Missing).
func requirePython(t testing.TB) string {
	t.Helper()
	py := testtool.RequireFile(t, "/usr/bin/python3", "apt-get install python3")
	if out, err := exec.Command(py, "-c", "import jsonschema, pandas").CombinedOutput(); err != nil {
		testtool.Missing(t, "python3 modules jsonschema and pandas", "apt-get install python3-jsonschema python3-pandas: "+string(out))
	}
	return py
}

// RunPythonValidator runs testdata/validate.py over a written dataset and
// fails the test on any error it reports.
func runPythonValidator(t testing.TB, dir string, args ...string) pythonSummary {
	t.Helper()
	py := requirePython(t)
	script := filepath.Join(testtool.Root(), "exporters", "dataset", "testdata", "validate.py")
	cmd := exec.Command(py, append([]string{script, dir}, args...)...)
	out, err := cmd.Output()
	var s pythonSummary
	if jerr := json.Unmarshal(out, &s); jerr != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("validate.py: %v %v\n%s%s", err, jerr, out, stderr)
	}
	for _, e := range s.Errors {
		t.Errorf("validate.py: %s", e)
	}
	if err != nil && len(s.Errors) == 0 {
		t.Errorf("validate.py: %v", err)
	}
	return s
}

// TestPythonValidator checks the fixture's dataset with Python's jsonschema
// and pandas, independently of the Go validator.
func TestPythonValidator(t *testing.T) {
	dir := t.TempDir()
	info, err := Write(dir, fixtureBook(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s := runPythonValidator(t, dir)
	total := 1 + info.Records[TableDocuments] // book.json, and a line of book.jsonl per document
	for _, table := range Tables {
		if s.Records[table] != info.Records[table] {
			t.Errorf("pandas loaded %d %s, Write wrote %d", s.Records[table], table, info.Records[table])
		}
		total += info.Records[table]
	}
	if s.SchemaValidated != total {
		t.Errorf("python validated %d records, want %d", s.SchemaValidated, total)
	}
}

// TestPythonShards checks that pandas over the shard lists gives the same
// rows as the unsharded build.
func TestPythonShards(t *testing.T) {
	whole, sharded := t.TempDir(), t.TempDir()
	if _, err := Write(whole, fixtureBook(), Options{}); err != nil {
		t.Fatal(err)
	}
	info, err := Write(sharded, fixtureBook(), Options{ShardBytes: 600})
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Files[TableSentences]) < 2 {
		t.Fatalf("sentences in %v: want shards", info.Files[TableSentences])
	}
	if s := runPythonValidator(t, sharded, "--same-rows", whole); !s.SameRows {
		t.Errorf("validate.py did not compare rows")
	}

	// The card's pandas example loads every shard.
	card, err := os.ReadFile(filepath.Join(sharded, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(card), "pandas (JSON Lines")
	_, after, _ = strings.Cut(after, "```python\n")
	snippet, _, ok := strings.Cut(after, "```")
	if !ok {
		t.Fatalf("no pandas example in the card:\n%s", card)
	}
	cmd := exec.Command(requirePython(t), "-c", snippet+"print(len(sentences))")
	cmd.Dir = sharded
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != strconv.Itoa(info.Records[TableSentences]) {
		t.Errorf("the card's pandas example printed %q (%v), want %d rows", out, err, info.Records[TableSentences])
	}
}

// TestPythonValidatorCatches tampers with a written table and checks that
// the Python validator reports it, so that its silence above means
// something.
func TestPythonValidatorCatches(t *testing.T) {
	py := requirePython(t)
	dir := t.TempDir()
	if _, err := Write(dir, fixtureBook(), Options{}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "data", "sentences.jsonl")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte(`"char_end":25,"byte_start":0,"byte_end":27,"word_count":3}`), []byte(`"char_end":24,"byte_start":0,"byte_end":27,"word_count":3,"extra":1}`), 1)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	script := filepath.Join(testtool.Root(), "exporters", "dataset", "testdata", "validate.py")
	out, err := exec.Command(py, script, dir).Output()
	if err == nil {
		t.Fatalf("validate.py accepted a tampered dataset:\n%s", out)
	}
	var s pythonSummary
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := []string{
		"sentences: files hold",
		"data/sentences.jsonl line 2 (doc-0001-p0002-s0001): Additional properties are not allowed ('extra' was unexpected)",
		"sentences doc-0001-p0002-s0001: text[0:24] differs from its text",
	}
	got := strings.Join(s.Errors, "\n")
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("errors\n%s\ndo not report %q", got, w)
		}
	}
}
