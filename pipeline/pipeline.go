// Package pipeline runs seedpress's stages, from a seeds folder to one
// canonical model: read and decode, normalise, structure, segment, enrich.
package pipeline

import (
	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// Options tunes Build. The zero value is the default.
type Options struct {
	// Workers bounds the documents processed at once; zero means GOMAXPROCS.
	Workers int
}

// Build reads every seed of seedsDir and returns the book and every problem
// found. The book is nil when diags has errors. STUB.
func Build(seedsDir string, opts Options) (*doc.Book, diag.List) {
	return nil, nil
}
