package dataset_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/seedpress/seedpress/exporters/dataset"
	"github.com/seedpress/seedpress/internal/corpus"
	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline"
)

// TestPipelineCorpora builds the shipped seeds and the multi-document test
// corpus with the real pipeline, writes their datasets and checks them with
// the Python validator.
func TestPipelineCorpora(t *testing.T) {
	tests := []struct {
		seeds     string
		documents int
		terms     []string // acronyms the glossary must hold
	}{
		{"seeds", 1, []string{"ICANN", "IETF"}},
		{"testdata/corpus", 3, []string{"IETF", "WHO"}},
	}
	for _, tt := range tests {
		t.Run(tt.seeds, func(t *testing.T) {
			book, diags := pipeline.Build(filepath.Join(testtool.Root(), filepath.FromSlash(tt.seeds)), pipeline.Options{})
			if diags.HasErrors() {
				t.Fatalf("pipeline.Build: %v", diags.Err())
			}
			if book == nil {
				t.Fatal("pipeline.Build returned no book (the pipeline stages have not landed)")
			}
			dir := t.TempDir()
			info, err := dataset.Write(dir, book, dataset.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("records: %v", info.Records)
			if info.Records[dataset.TableDocuments] != tt.documents {
				t.Errorf("%d documents, want %d", info.Records[dataset.TableDocuments], tt.documents)
			}
			var acronyms []string
			for _, term := range book.Glossary {
				acronyms = append(acronyms, term.Acronym)
			}
			for _, a := range tt.terms {
				if !slices.Contains(acronyms, a) {
					t.Errorf("glossary %v lacks %s", acronyms, a)
				}
			}
			s := dataset.RunPythonValidator(t, dir)
			for table, n := range info.Records {
				if s.Records[table] != n {
					t.Errorf("pandas loaded %d %s, Write wrote %d", s.Records[table], table, n)
				}
			}
		})
	}
}

// BenchmarkWriteCorpus measures Write alone on the model of a generated
// corpus of 1,000 realistic documents; MB/s is of seed text.
func BenchmarkWriteCorpus(b *testing.B) {
	seeds := b.TempDir()
	st, err := corpus.Generate(seeds, 1000, 1)
	if err != nil {
		b.Fatal(err)
	}
	book, diags := pipeline.Build(seeds, pipeline.Options{})
	if book == nil || diags.HasErrors() {
		b.Fatalf("pipeline.Build: %v", diags.Err())
	}
	b.SetBytes(st.Bytes)
	records := 0
	cpu0 := cpuTime()
	for b.Loop() {
		info, err := dataset.Write(b.TempDir(), book, dataset.Options{})
		if err != nil {
			b.Fatal(err)
		}
		records = 0
		for _, n := range info.Records {
			records += n
		}
	}
	b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
	// On a shared machine wall time says little; CPU time does.
	cpu := (cpuTime() - cpu0).Seconds() / float64(b.N)
	b.ReportMetric(cpu, "cpu-s/op")
	b.ReportMetric(float64(st.Bytes)/1e6/cpu, "MB/cpu-s")
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// TestMentionsFromDocuments checks that the mentions table, which the
// Writer reads from the documents' abbreviations, holds the sentences the
// pipeline's glossary lists as each term's Uses, in reading order, and
// that a book without Uses (pipeline.Options.OmitUses) gives the same
// files.
func TestMentionsFromDocuments(t *testing.T) {
	generated := t.TempDir()
	if _, err := corpus.Generate(generated, 60, 3); err != nil {
		t.Fatal(err)
	}
	for _, seeds := range []string{filepath.Join(testtool.Root(), "seeds"), filepath.Join(testtool.Root(), "testdata", "corpus"), generated} {
		full, diags := pipeline.Build(seeds, pipeline.Options{})
		if full == nil || diags.HasErrors() {
			t.Fatalf("pipeline.Build(%s): %v", seeds, diags.Err())
		}
		lean, _ := pipeline.Build(seeds, pipeline.Options{OmitUses: true})
		a, b := t.TempDir(), t.TempDir()
		if _, err := dataset.Write(a, full, dataset.Options{}); err != nil {
			t.Fatal(err)
		}
		if _, err := dataset.Write(b, lean, dataset.Options{}); err != nil {
			t.Fatal(err)
		}
		var want []string
		for i, term := range full.Glossary {
			for _, u := range term.Uses {
				want = append(want, fmt.Sprintf("%d/%d/%d %d", u.Doc, u.Leaf, u.Sentence, i))
			}
		}
		data, err := os.ReadFile(filepath.Join(a, "data", "mentions.jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for line := range strings.Lines(string(data)) {
			var m dataset.Mention
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Fatal(err)
			}
			var d, p, s, term int
			if _, err := fmt.Sscanf(m.SentenceID+" "+m.TermID, "doc-%d-p%d-s%d term-%d", &d, &p, &s, &term); err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			got = append(got, fmt.Sprintf("%d/%d/%d %d", d-1, p-1, s-1, term-1))
		}
		if len(got) == 0 {
			t.Fatalf("%s: no mentions", seeds)
		}
		byRef := func(x, y string) int {
			var a, b [4]int
			fmt.Sscanf(x, "%d/%d/%d %d", &a[0], &a[1], &a[2], &a[3])
			fmt.Sscanf(y, "%d/%d/%d %d", &b[0], &b[1], &b[2], &b[3])
			return slices.Compare(a[:], b[:])
		}
		if !slices.IsSortedFunc(got, byRef) {
			t.Errorf("%s: mentions not in reading order, then term order", seeds)
		}
		slices.SortFunc(want, byRef)
		if !slices.Equal(got, want) {
			t.Errorf("%s: mentions (document/leaf/sentence term)\n%v\nthe glossary's Uses\n%v", seeds, got, want)
		}
		err = filepath.WalkDir(a, func(path string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(a, path)
			x, _ := os.ReadFile(path)
			y, err := os.ReadFile(filepath.Join(b, rel))
			if err != nil || !bytes.Equal(x, y) {
				t.Errorf("%s: %s differs without the glossary's Uses (%v)", seeds, rel, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
