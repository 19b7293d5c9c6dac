package manifest

import (
	"go.yaml.in/yaml/v3"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// FrontMatter is the metadata of one seed, from the YAML block at its top
// (pandoc's metadata block; how Hugo, Jekyll, Quarto and Obsidian pages
// start).
type FrontMatter struct {
	// The document's own keys: "" or nil when absent.
	Title    string
	Subtitle string
	Authors  []string
	Date     string
	Abstract string
	Lang     string
	// Book holds the book's keys the front matter gave (title, subtitle,
	// author, lang and date count as the book's too); Keys names every key
	// with a valid value. The pipeline takes them from the first document
	// for the keys book.yaml does not give.
	Book doc.Meta
	Keys map[string]bool
}

// FrontMatterKeys are the keys a seed's front matter may hold: the
// document's and, for the first document, the book's.
var FrontMatterKeys = []string{
	"title", "subtitle", "author", "lang", "date", "abstract",
	"publisher", "rights", "description", "subject", "identifier", "papersize", "toc-depth",
}

// ParseFrontMatter reads the YAML of a seed's front matter. file is the
// seed's path and line the seed's line of the YAML's first line, for
// positions. The values get book.yaml's checks (a date is YYYY, YYYY-MM
// or YYYY-MM-DD, or a date and time whose date is kept; lang a BCP 47
// tag); a problem is an error at its line and column, as in book.yaml.
// Keys that seedpress does not use are warnings, not errors: front matter
// often serves other tools too. Anchors and aliases are refused.
func ParseFrontMatter(file string, line int, data []byte) (*FrontMatter, diag.List) {
	fm := &FrontMatter{}
	l := &loader{m: &Manifest{}, front: fm, file: file, line: line - 1}
	if len(data) > MaxSize {
		l.errorf(nil, "front matter is larger than the limit of %d bytes (1 MiB)", MaxSize)
		return fm, l.diags
	}
	l.parse(data)
	return fm, l.diags
}

// frontMatter reads the mapping of a front matter.
func (l *loader) frontMatter(root *yaml.Node) {
	if root.Kind == 0 || len(root.Content) == 0 {
		return // "---" right after "---": nothing
	}
	top := root.Content[0]
	if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
		return
	}
	if top.Kind != yaml.MappingNode {
		l.errorf(top, "front matter must be a mapping of keys to values, not %s", kindName(top))
		return
	}
	for _, kv := range pairs(l, top, FrontMatterKeys) {
		l.value(kv.key.Value, kv.value)
	}
	fm, meta := l.front, l.m.Meta
	fm.Keys = l.m.Keys
	fm.Title, fm.Subtitle, fm.Authors, fm.Date, fm.Lang = meta.Title, meta.Subtitle, meta.Authors, meta.Date, meta.Lang
	fm.Book = meta
}
