package dataset_test

import (
	"testing"
	"time"

	"github.com/seedpress/seedpress/exporters/dataset"
	"github.com/seedpress/seedpress/internal/corpus"
	"github.com/seedpress/seedpress/pipeline"
)

func TestZZTiming(t *testing.T) {
	seeds := t.TempDir()
	st, _ := corpus.Generate(seeds, 1000, 1)
	t0 := time.Now()
	book, _ := pipeline.Build(seeds, pipeline.Options{})
	t.Logf("build %v, %d bytes", time.Since(t0), st.Bytes)
	for _, w := range []int{1, 2} {
		t0 = time.Now()
		info, err := dataset.Write(t.TempDir(), book, dataset.Options{Workers: w})
		t.Logf("workers %d: %v %v %v", w, time.Since(t0), info.Records, err)
	}
}
