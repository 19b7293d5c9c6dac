package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/seedpress/seedpress/exporters"
	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline"
	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

var benchDocs = flag.Int("docs", 100, "corpus size of BenchmarkBuild, in documents (cached in the repository's .bench folder)")
var benchRich = flag.Bool("rich", false, "BenchmarkBuild: use the rich corpus (footnotes, tables, figures)")

// BenchmarkBuild runs a whole build in process, as "seedpress build" does:
// pipeline.Stream into exporters.Publish, which gives the documents to
// every format's check and writer, on a generated corpus. format=none is
// the pipeline alone (exporters.Check with no format). It is the
// profiling entry point for the 10,000-document build:
//
//	go test ./cmd/seedbench -run '^$' -bench 'Build/.*/format=all' -benchtime 1x \
//	    -docs 10000 -cpuprofile cpu.prof -memprofile mem.prof
//
// The bytes per second are those of the seed text.
func BenchmarkBuild(b *testing.B) {
	bn := &bench{config: &config{work: filepath.Join(testtool.Root(), ".bench"), seed: 1}, log: io.Discard}
	dir, st, err := bn.corpusDir(*benchDocs, *benchRich)
	if err != nil {
		b.Fatal(err)
	}
	sets := []struct {
		name    string
		formats []string
	}{
		{"none", nil},
		{"all", []string{"dataset", "epub", "pdf"}},
		{"epub", []string{"epub"}},
		{"pdf", []string{"pdf"}},
		{"dataset", []string{"dataset"}},
	}
	for _, set := range sets {
		var formats []exporters.Format
		for _, name := range set.formats {
			f, ok := exporters.Lookup(name)
			if !ok {
				b.Fatalf("no format %q", name)
			}
			formats = append(formats, f)
		}
		b.Run(fmt.Sprintf("docs=%d/format=%s", *benchDocs, set.name), func(b *testing.B) {
			b.SetBytes(st.Bytes)
			b.ReportAllocs()
			src := func(sink doc.Sink) (diag.List, error) {
				return pipeline.Stream(dir, pipeline.Options{OmitUses: true}, sink)
			}
			for b.Loop() {
				out, err := os.MkdirTemp("", "seedbench-out-")
				if err != nil {
					b.Fatal(err)
				}
				var diags diag.List
				if len(formats) == 0 {
					diags, err = exporters.Check(src, nil, exporters.Options{})
				} else {
					_, diags, err = exporters.Publish(out, src, formats, exporters.Options{})
				}
				if diags.HasErrors() {
					b.Fatalf("%v", diags.Err())
				}
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				os.RemoveAll(out)
				b.StartTimer()
			}
		})
	}
}
