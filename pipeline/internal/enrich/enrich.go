// Package enrich finds the book's acronym glossary.
package enrich

import "github.com/seedpress/seedpress/pipeline/doc"

// Glossary finds acronym definitions and uses in b, sets b.Glossary and
// replaces every use in the documents' inlines by a *doc.Abbr. STUB.
func Glossary(b *doc.Book) {}
