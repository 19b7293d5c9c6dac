package xref

import (
	"fmt"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/internal/normalize"
	"github.com/seedpress/seedpress/pipeline/internal/structure"
	"github.com/seedpress/seedpress/pipeline/manifest"
)

// FuzzMayRefer checks MayRefer against the stages themselves: a Markdown
// seed for which it is false must come out of normalisation and
// structure with no link into the book, no cross-reference and no id of
// the author's, since Stream then does not index the book first.
func FuzzMayRefer(f *testing.F) {
	for _, s := range []string{
		"# Başlık\n\nMetin [bağ](https://example.org).\n",
		"# Başlık {#sec-x}\n",
		"[a](#b)\n",
		"[a](b.md)\n",
		"[a]\n\n[a]: b.md\n",
		"@fig-x'te\n",
		"<b.md>\n",
		"[a](b%2Emd)\n",
		"[a](&num;b)\n",
		"Başlık\n======\n\n## İki ##\n",
		"```\n#include\n```\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if MayRefer([]byte(src)) {
			return
		}
		text, _ := normalize.Normalize("a.md", src, true)
		blocks, _ := structure.Markdown("a.md", text)
		d := &doc.Document{ID: "a", Source: "a.md", Blocks: blocks}
		doc.WalkDocument(d, func(n doc.Node, entering bool) doc.WalkStatus {
			if !entering {
				return doc.WalkContinue
			}
			var problem string
			switch n := n.(type) {
			case *doc.Link:
				file, frag, hasFrag := strings.Cut(n.URL, "#")
				if !isExternal(n.URL) && (hasFrag && frag != "" || manifest.IsSeedName(file)) {
					problem = fmt.Sprintf("an internal link %q", n.URL)
				}
				if n.Attr.ID != "" {
					problem = "a link's id"
				}
			case *doc.CrossRef:
				problem = "a cross-reference @" + n.Target
			case *doc.Heading:
				if n.Attr.ID != "" {
					problem = "a heading's id"
				}
			case *doc.Figure, *doc.Table, *doc.Div, *doc.Callout, *doc.Span, *doc.CodeBlock, *doc.InlineImage:
				if id := attrID(n); id != "" {
					problem = fmt.Sprintf("the id %q of a %T", id, n)
				}
			}
			if problem != "" {
				t.Fatalf("MayRefer(%q) = false, but the seed has %s", src, problem)
			}
			return doc.WalkContinue
		})
	})
}

// attrID returns the author's id of an element that may have one.
func attrID(n doc.Node) string {
	switch n := n.(type) {
	case *doc.Figure:
		return n.Attr.ID
	case *doc.Table:
		return n.Attr.ID
	case *doc.Div:
		return n.Attr.ID
	case *doc.Callout:
		return n.Attr.ID
	case *doc.Span:
		return n.Attr.ID
	case *doc.CodeBlock:
		return n.Attr.ID
	case *doc.InlineImage:
		return n.Attr.ID
	}
	return ""
}
