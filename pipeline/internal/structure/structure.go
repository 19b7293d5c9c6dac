// Package structure turns normalised text into the model's blocks.
package structure

import (
	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// Text parses a plain-text seed. STUB.
func Text(file, text string) ([]doc.Block, diag.List) { return nil, nil }

// Markdown parses a CommonMark seed. STUB.
func Markdown(file, text string) ([]doc.Block, diag.List) { return nil, nil }
