package xref

import (
	"bytes"
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

// mayReferRef is MayRefer as first written, every byte through one
// switch: the reference its lookup table must agree with.
func mayReferRef(src []byte) bool {
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) || bytes.IndexByte(src, 0) >= 0 {
		return true
	}
	lineStart := 0
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '\n':
			lineStart = i + 1
		case '@':
			return true
		case '#':
			if i == openingMarks(src, lineStart) {
				for i+1 < len(src) && src[i+1] == '#' {
					i++
				}
				continue
			}
			return true
		case '.':
			if hasFoldPrefix(src[i+1:], "md") || hasFoldPrefix(src[i+1:], "txt") {
				return true
			}
		case '&':
			rest := src[i+1:]
			if hasFoldPrefix(rest, "commat;") || hasFoldPrefix(rest, "num;") || hasFoldPrefix(rest, "period;") {
				return true
			}
		case '%':
			if hasFoldPrefix(src[i+1:], "2e") {
				return true
			}
		}
	}
	return false
}

// FuzzMayReferScan checks MayRefer against mayReferRef.
func FuzzMayReferScan(f *testing.F) {
	for _, s := range []string{
		"", "# Başlık\n\nMetin.\n", "## İki ##\n#x\n", "   # a\n    # b\n", "a # b\n", "#\n##\n###a\n",
		"x\n# a ## b\n", "a.MD b.Txt", "&NUM; &commat", "%2E %2f", "C# kodu", "e@posta",
		"#######\n", "\n\n   ### a\n", "a.\n#", "\xff\xfe#",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := MayRefer([]byte(src)), mayReferRef([]byte(src)); got != want {
			t.Errorf("MayRefer(%q) = %v, want %v", src, got, want)
		}
	})
}
