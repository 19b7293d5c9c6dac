package dataset_test

import (
	"path/filepath"
	"slices"
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
