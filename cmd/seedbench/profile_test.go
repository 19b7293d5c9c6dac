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
	"github.com/seedpress/seedpress/pipeline/doc"
)

var benchDocs = flag.Int("docs", 100, "corpus size of BenchmarkBuild, in documents (cached in the repository's .bench folder)")

// BenchmarkBuild runs a whole build in process, as "seedpress build" does:
// pipeline.Build, every format's pre-flight check and exporters.Publish,
// on a generated corpus; the dataset alone streams (pipeline.Stream into
// exporters.PublishStream). format=none is the pipeline alone. It is the
// profiling entry point for the 10,000-document build:
//
//	go test ./cmd/seedbench -run '^$' -bench 'Build/.*/format=all' -benchtime 1x \
//	    -docs 10000 -cpuprofile cpu.prof -memprofile mem.prof
//
// The bytes per second are those of the seed text.
func BenchmarkBuild(b *testing.B) {
	bn := &bench{config: &config{work: filepath.Join(testtool.Root(), ".bench"), seed: 1}, log: io.Discard}
	dir, st, err := bn.corpusDir(*benchDocs)
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
			streaming := exporters.Streams(formats)
			for b.Loop() {
				out, err := os.MkdirTemp("", "seedbench-out-")
				if err != nil {
					b.Fatal(err)
				}
				if streaming {
					// As "seedpress build" does: the dataset alone streams.
					src := func(sink doc.Sink) error {
						diags, err := pipeline.Stream(dir, pipeline.Options{}, sink)
						if err == nil && diags.HasErrors() {
							err = diags.Err()
						}
						return err
					}
					if _, err := exporters.PublishStream(out, src, formats, exporters.Options{}); err != nil {
						b.Fatal(err)
					}
				} else {
					book, diags := pipeline.Build(dir, pipeline.Options{})
					if diags.HasErrors() {
						b.Fatalf("pipeline: %v", diags.Err())
					}
					for _, f := range formats {
						if f.Check != nil {
							if d := f.Check(book); d.HasErrors() {
								b.Fatalf("%s: %v", f.Name, d.Err())
							}
						}
					}
					if len(formats) > 0 {
						if _, err := exporters.Publish(out, book, formats, exporters.Options{}); err != nil {
							b.Fatal(err)
						}
					}
				}
				b.StopTimer()
				os.RemoveAll(out)
				b.StartTimer()
			}
		})
	}
}
