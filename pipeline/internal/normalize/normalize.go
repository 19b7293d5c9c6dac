// Package normalize applies seedpress's text normalisation rules.
package normalize

import "github.com/seedpress/seedpress/pipeline/diag"

// Normalize applies every rule to text in order. markdown says whether text
// is Markdown (code spans and blocks are then left untouched). STUB.
func Normalize(file, text string, markdown bool) (string, diag.List) {
	return text, nil
}
