// Package examples holds the example notebook and the test that runs it.
package examples

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/exporters/dataset"
	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline"
)

// notebook is the part of nbformat 4 this test reads.
type notebook struct {
	NBFormat int `json:"nbformat"`
	Metadata struct {
		KernelSpec struct {
			Name string `json:"name"`
		} `json:"kernelspec"`
	} `json:"metadata"`
	Cells []struct {
		CellType       string            `json:"cell_type"`
		ExecutionCount *int              `json:"execution_count"`
		Outputs        []json.RawMessage `json:"outputs"`
	} `json:"cells"`
}

// output is one output of an executed code cell.
type output struct {
	OutputType string         `json:"output_type"`
	Name       string         `json:"name"` // stdout or stderr, for streams
	Text       any            `json:"text"`
	Data       map[string]any `json:"data"`
	EName      string         `json:"ename"`
	EValue     string         `json:"evalue"`
}

func readNotebook(t *testing.T, path string) notebook {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var nb notebook
	if err := json.Unmarshal(data, &nb); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return nb
}

// TestNotebookCommittedClean checks that the committed notebook is nbformat
// 4 for the python3 kernel and stores no outputs.
func TestNotebookCommittedClean(t *testing.T) {
	nb := readNotebook(t, "analysis.ipynb")
	if nb.NBFormat != 4 || nb.Metadata.KernelSpec.Name != "python3" {
		t.Errorf("nbformat %d, kernel %q: want 4 and python3", nb.NBFormat, nb.Metadata.KernelSpec.Name)
	}
	for i, c := range nb.Cells {
		if c.CellType == "code" && (len(c.Outputs) > 0 || c.ExecutionCount != nil) {
			t.Errorf("cell %d stores outputs or an execution count", i)
		}
	}
}

// text joins a stream's or a result's text/plain.
func text(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case []any:
		var b strings.Builder
		for _, s := range v {
			b.WriteString(s.(string))
		}
		return b.String()
	}
	return ""
}

// TestNotebookRuns builds the dataset of seeds/, and of the manuscript
// test seeds, and executes the notebook on each with jupyter nbconvert and
// Debian's python3 kernel; a failing cell fails the test.
func TestNotebookRuns(t *testing.T) {
	nbconvert := testtool.Require(t, "jupyter-nbconvert", "apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel python3-pandas")
	testtool.RequireFile(t, "/usr/bin/python3", "apt-get install python3")
	if out, err := exec.Command("/usr/bin/python3", "-c", "import ipykernel, pandas").CombinedOutput(); err != nil {
		testtool.Missing(t, "python3 modules ipykernel and pandas", "apt-get install python3-ipykernel python3-pandas: "+string(out))
	}

	for _, tt := range []struct {
		seeds string
		want  []string // in the notebook's output
	}{
		{"seeds", []string{
			"every sentence slices out of its paragraph: True",
			"every figure's image matches its sha256: True",
			"tables 0, figures 0, links 0",
			"ICANN", "IETF", "İnternet Tahsisli Sayılar ve İsimler Kurumu",
		}},
		// A manuscript: footnotes, tables, a figure, links.
		{"testdata/seeds/manuscript", []string{
			"every sentence slices out of its paragraph: True",
			"every figure's image matches its sha256: True",
			"tables 2, figures 1, links 11",
			"footnote paragraphs: ", "Türkçede en sık kullanılan harfler", "cross_reference", "tbl-harfler",
		}},
	} {
		t.Run(tt.seeds, func(t *testing.T) { runNotebook(t, nbconvert, tt.seeds, tt.want) })
	}
}

// runNotebook builds the dataset of the seeds folder and executes the
// notebook on it; every string of want must be in its output.
func runNotebook(t *testing.T, nbconvert, seeds string, want []string) {
	book, diags := pipeline.Build(filepath.Join(testtool.Root(), filepath.FromSlash(seeds)), pipeline.Options{})
	if diags.HasErrors() {
		t.Fatalf("pipeline.Build: %v", diags.Err())
	}
	if book == nil {
		t.Fatal("pipeline.Build returned no book (the pipeline stages have not landed)")
	}
	data := t.TempDir()
	info, err := dataset.Write(data, book, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}

	out := t.TempDir()
	cmd := exec.Command(nbconvert, "--to", "notebook", "--execute", "--output-dir", out,
		"--ExecutePreprocessor.kernel_name=python3", "--ExecutePreprocessor.timeout=300", "analysis.ipynb")
	cmd.Env = append(os.Environ(), "SEEDPRESS_DATASET="+data, "JUPYTER_RUNTIME_DIR="+t.TempDir(), "JUPYTER_PLATFORM_DIRS=1")
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("jupyter nbconvert --execute: %v\n%s", err, msg)
	}
	nb := readNotebook(t, filepath.Join(out, "analysis.ipynb"))
	var all strings.Builder
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		if c.ExecutionCount == nil {
			t.Errorf("cell %d did not run", i)
		}
		for _, raw := range c.Outputs {
			var o output
			if err := json.Unmarshal(raw, &o); err != nil {
				t.Fatal(err)
			}
			if o.OutputType == "error" || o.Name == "stderr" {
				t.Errorf("cell %d: %s %s %s", i, o.EName, o.EValue, text(o.Text))
			}
			s := text(o.Text) + text(o.Data["text/plain"])
			all.WriteString(s)
			t.Logf("cell %d:\n%s", i, s)
		}
	}
	got := all.String()
	for _, want := range want {
		if !strings.Contains(got, want) {
			t.Errorf("the notebook's output lacks %q", want)
		}
	}
	if n := info.Records[dataset.TableSentences]; !strings.Contains(got, "sentences ") || n == 0 {
		t.Errorf("no sentences in the dataset or the output (%d written)", n)
	}
}
