package epub

import (
	goepub "github.com/go-shiori/go-epub"
)

// navNode is an entry of the table of contents under construction.
type navNode struct {
	label, href string
	kids        []*navNode
}

// nav is the table of contents as the documents arrive: parts, chapters,
// the documents nested under a chapter in the book's outline
// (doc.Document.Depth) and each chapter's headings.
type nav struct {
	roots []*navNode
	// part is the part the documents now fall in, nil before the first.
	part *navNode
	// levels[k] is the last chapter of the last document at depth k: the
	// parent of a document at depth k+1.
	levels []*navNode
}

// add adds a document's contents entries: under part when it begins a part
// (nil when none does), at the top when partEnds says the parts end before
// it (doc.Document.PartEnds) and no part begins, under the last chapter of the document before it
// at depth-1 when depth > 0, else at the top (or under the current part).
// Every chapter (level 1) is listed; a heading of level l when l+depth is
// at most tocDepth.
func (n *nav) add(part *navNode, partEnds bool, depth int, entries []navEntry, tocDepth int) {
	switch {
	case part != nil:
		n.roots = append(n.roots, part)
		n.part, n.levels = part, n.levels[:0]
	case partEnds && n.part != nil:
		n.part, n.levels = nil, n.levels[:0]
	}
	depth = min(max(depth, 0), len(n.levels))
	var parent *navNode
	switch {
	case depth > 0:
		parent = n.levels[depth-1]
	case n.part != nil:
		parent = n.part
	}
	type open struct {
		level int
		node  *navNode
	}
	var stack []open
	var last *navNode
	for _, e := range entries {
		if e.level > 1 && e.level+depth > tocDepth {
			continue
		}
		node := &navNode{label: e.label, href: e.href}
		for len(stack) > 0 && stack[len(stack)-1].level >= e.level {
			stack = stack[:len(stack)-1]
		}
		switch {
		case len(stack) > 0:
			top := stack[len(stack)-1].node
			top.kids = append(top.kids, node)
		case parent != nil:
			parent.kids = append(parent.kids, node)
		default:
			n.roots = append(n.roots, node)
		}
		if len(stack) == 0 {
			last = node
		}
		stack = append(stack, open{e.level, node})
	}
	if last != nil {
		n.levels = append(n.levels[:depth], last)
	}
}

// points returns the table of contents as go-epub takes it; hrefs are made
// relative to the package document.
func (n *nav) points() []goepub.NavPoint { return navPoints(n.roots) }

func navPoints(nodes []*navNode) []goepub.NavPoint {
	if len(nodes) == 0 {
		return nil
	}
	out := make([]goepub.NavPoint, len(nodes))
	for i, x := range nodes {
		href := x.href
		if len(href) < 6 || href[:6] != "xhtml/" {
			href = "xhtml/" + href
		}
		out[i] = goepub.NavPoint{Label: x.label, Href: href, Children: navPoints(x.kids)}
	}
	return out
}

// partBody renders a part's title page.
func partBody(id, title string) string {
	return `<section epub:type="part" role="doc-part" aria-labelledby="` + esc(id) + `">` + "\n" +
		`<h1 id="` + esc(id) + `" class="part-title">` + esc(title) + "</h1>\n</section>"
}
