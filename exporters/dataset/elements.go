package dataset

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// This file reads what a document holds beside its running text: the
// paragraphs' anchors, list markers, task boxes and footnotes, and the
// document's tables, figures, links and images. One walk over the document
// (doc.WalkDocument, in the order of Leaves) finds them all; the records
// are built in encodeDocument, and the links are resolved and written by
// the Writer (links.go), since a link may point at a later document.

// leafInfo is what the paragraphs table says about a leaf beyond its text.
type leafInfo struct {
	anchor string    // a heading's id
	marker string    // "" when the leaf shows no list marker
	style  string    // list_style of marker
	task   doc.Task  // the box shown with marker
	note   *doc.Note // the footnote holding the leaf, nil in the body
	lang   string    // the language the leaf is marked as; "" for the book's
	block  doc.Block // the leaf's block, as Leaves gives it
	abbrs  []abbrAt  // the leaf's abbreviations, in order
	length int       // code points of the leaf's inlines, as the walk counts them
}

// inlineAt is where an inline stands: the leaf it is in (-1 for a table
// cell, a caption or a callout's title, which are not leaves) and its
// offset in the leaf's plain text, in code points.
type inlineAt struct {
	leaf, offset int
}

// linkAt is a Link or a CrossRef and where it stands.
type linkAt struct {
	at   inlineAt
	node doc.Inline // *doc.Link or *doc.CrossRef
}

// elements is what the walk of one document found.
type elements struct {
	info    []leafInfo // one per leaf, in the order of Leaves
	tables  []*doc.Table
	figures []*doc.Figure
	links   []linkAt
	notes   map[*doc.Note]inlineAt // each note's first reference
	images  []*doc.Image           // every image used, each SHA-256 once, in order of first use
}

// listFrame is a list item being walked: its marker, until a leaf has
// shown it.
type listFrame struct {
	marker  string
	style   string
	task    doc.Task
	pending bool // no leaf of the item has been seen yet
}

// listState is a list being walked: the number of its next item.
type listState struct {
	list *doc.List
	next int
}

// elementWalk is the state of collectElements' walk.
type elementWalk struct {
	el     *elements
	leaves []doc.Leaf
	cur    int // the leaf being walked, -1 between leaves
	next   int // the number of leaves entered so far
	offset int // code points of the current leaf's plain text walked so far
	lists  []listState
	items  []*listFrame
	note   *doc.Note
	langs  []string        // the lang attribute of each div and callout on the path ("" for none), the document's first
	seen   map[string]bool // the SHA-256 of the images listed
	err    error
}

// collectElements walks d, whose leaves are leaves, and returns what it
// holds beside its running text.
func collectElements(d *doc.Document, leaves []doc.Leaf) (*elements, error) {
	w := &elementWalk{el: &elements{info: make([]leafInfo, len(leaves))}, leaves: leaves, cur: -1, langs: []string{d.Lang}}
	doc.WalkDocument(d, w.visit)
	if w.err != nil {
		return nil, w.err
	}
	if w.next != len(leaves) {
		return nil, fmt.Errorf("the walk found %d text blocks, Leaves %d", w.next, len(leaves))
	}
	return w.el, nil
}

func (w *elementWalk) visit(n doc.Node, entering bool) doc.WalkStatus {
	switch n := n.(type) {
	case *doc.Heading, *doc.Paragraph, *doc.LineBlock, *doc.CodeBlock:
		if !entering {
			if w.cur >= 0 {
				w.el.info[w.cur].length = w.offset
			}
			w.cur = -1
			return doc.WalkContinue
		}
		return w.enterLeaf(n.(doc.Block))
	case *doc.List:
		if entering {
			w.lists = append(w.lists, listState{list: n, next: n.Start})
		} else {
			w.lists = w.lists[:len(w.lists)-1]
		}
	case *doc.ListItem:
		if !entering {
			w.items = w.items[:len(w.items)-1]
			return doc.WalkContinue
		}
		f := &listFrame{marker: "•", style: "bullet", task: n.Task, pending: true}
		if k := len(w.lists); k > 0 {
			ls := &w.lists[k-1]
			if ls.list.Ordered {
				f.marker, f.style = ls.list.Label(ls.next-ls.list.Start), listStyle(ls.list.Style)
			}
			ls.next++
		}
		w.items = append(w.items, f)
	case *doc.Note:
		if entering {
			w.note = n
		} else {
			w.note = nil
		}
	case *doc.Table:
		if entering {
			w.el.tables = append(w.el.tables, n)
		}
	case *doc.Figure:
		if entering {
			w.el.figures = append(w.el.figures, n)
			w.image(n.Image)
		}
	case *doc.InlineImage:
		if entering {
			w.image(n.Image)
		}
	case *doc.Link:
		if entering {
			w.el.links = append(w.el.links, linkAt{w.at(), n})
		}
	case *doc.CrossRef:
		if entering {
			w.el.links = append(w.el.links, linkAt{w.at(), n})
			w.advance(n.Text())
		}
	case *doc.NoteRef:
		if entering && n.Note != nil {
			if w.el.notes == nil {
				w.el.notes = map[*doc.Note]inlineAt{}
			}
			if _, ok := w.el.notes[n.Note]; !ok {
				w.el.notes[n.Note] = w.at()
			}
		}
	case *doc.Text:
		if entering {
			w.advance(n.Value)
		}
	case *doc.Code:
		if entering {
			w.advance(n.Value)
		}
	case *doc.Abbr:
		if entering {
			if w.cur >= 0 {
				info := &w.el.info[w.cur]
				info.abbrs = append(info.abbrs, abbrAt{pos: w.offset, term: n.Term, text: n.Text})
			}
			w.advance(n.Text)
		}
	case *doc.Math:
		if entering {
			w.advance(n.Source)
		}
	case *doc.LineBreak:
		if entering {
			w.advance("\n")
		}
	case *doc.Div:
		w.pushLang(n.Attr, entering)
	case *doc.Callout:
		w.pushLang(n.Attr, entering)
	case *doc.Quote, *doc.DefinitionList, *doc.Definition,
		*doc.TableCell, *doc.ThematicBreak, *doc.Emph, *doc.Strong, *doc.Strike,
		*doc.Sub, *doc.Sup, *doc.Span:
		// Containers, and a break: nothing of their own.
	default:
		w.err = fmt.Errorf("unknown node type %T", n)
		return doc.WalkStop
	}
	return doc.WalkContinue
}

// enterLeaf starts leaf b, the next of Leaves.
func (w *elementWalk) enterLeaf(b doc.Block) doc.WalkStatus {
	if w.next >= len(w.leaves) || w.leaves[w.next].Block != b {
		w.err = fmt.Errorf("the walk and Leaves disagree at text block %d", w.next)
		return doc.WalkStop
	}
	info := &w.el.info[w.next]
	info.block, info.note = b, w.note
	for _, l := range w.langs {
		if l != "" {
			info.lang = l
		}
	}
	switch b := b.(type) {
	case *doc.Heading:
		info.anchor = b.Attr.ID
		if l := b.Attr.Lang(); l != "" {
			info.lang = l
		}
	case *doc.CodeBlock:
		if l := b.Attr.Lang(); l != "" {
			info.lang = l
		}
	}
	if k := len(w.items); k > 0 {
		if top := w.items[k-1]; top.pending {
			info.marker, info.style, info.task = top.marker, top.style, top.task
		}
		// An outer item's first leaf is its inner item's: once a leaf
		// is seen, no item on the path shows a marker again.
		for _, f := range w.items {
			f.pending = false
		}
	}
	w.cur, w.offset = w.next, 0
	w.next++
	if _, ok := b.(*doc.CodeBlock); ok {
		w.cur = -1
		return doc.WalkSkipChildren
	}
	return doc.WalkContinue
}

// pushLang enters (or leaves) an element with attributes a.
func (w *elementWalk) pushLang(a doc.Attr, entering bool) {
	if entering {
		w.langs = append(w.langs, a.Lang())
	} else {
		w.langs = w.langs[:len(w.langs)-1]
	}
}

// at returns where the walk stands.
func (w *elementWalk) at() inlineAt { return inlineAt{leaf: w.cur, offset: w.offset} }

// advance moves past the plain text s of an inline.
func (w *elementWalk) advance(s string) {
	if w.cur >= 0 {
		w.offset += utf8.RuneCountInString(s)
	}
}

// image lists im unless an image with its SHA-256 is listed.
func (w *elementWalk) image(im *doc.Image) {
	if im == nil {
		return
	}
	if w.seen == nil {
		w.seen = map[string]bool{}
	}
	key := im.SHA256
	if key == "" {
		key = "path:" + im.Path
	}
	if !w.seen[key] {
		w.seen[key] = true
		w.el.images = append(w.el.images, im)
	}
}

// listStyle is the list_style of an ordered list's numbering.
func listStyle(s doc.ListStyle) string {
	if s == doc.StyleDecimal {
		return "decimal"
	}
	return string(s)
}

// sentenceAtMark returns the index of the sentence a mark at offset p
// belongs to (a footnote's reference): the last that starts before p, else
// the first; -1 when there is none.
func sentenceAtMark(ss []doc.Sentence, p int) int {
	if len(ss) == 0 {
		return -1
	}
	i := 0
	for j, s := range ss {
		if s.Start < p {
			i = j
		}
	}
	return i
}

// sentenceAtStart returns the index of the sentence a link whose text
// starts at offset p is in: the first that ends after p, else the last; -1
// when there is none.
func sentenceAtStart(ss []doc.Sentence, p int) int {
	for j, s := range ss {
		if s.End > p {
			return j
		}
	}
	return len(ss) - 1
}

// mediaExt is the file extension of an image's media type in media/.
var mediaExt = map[string]string{"image/png": ".png", "image/jpeg": ".jpg", "image/svg+xml": ".svg"}

// mediaPath returns the path of an image in the dataset: media/<sha256><ext>.
func mediaPath(sha, mediaType string) string { return "media/" + sha + mediaExt[mediaType] }

// checkImage checks an image the dataset copies: a known media type and
// a SHA-256 that is its data's.
func checkImage(im *doc.Image) error {
	if _, ok := mediaExt[im.MediaType]; !ok {
		return fmt.Errorf("image %q: media type %q is not image/png, image/jpeg or image/svg+xml", im.Path, im.MediaType)
	}
	sum := sha256.Sum256(im.Data)
	if got := hex.EncodeToString(sum[:]); got != im.SHA256 {
		return fmt.Errorf("image %q: sha256 %q, but its data's is %s", im.Path, im.SHA256, got)
	}
	return nil
}

// tableRecord builds the record of table t, the index-th of document id.
func tableRecord(id string, index, width int, t *doc.Table) Table {
	rec := Table{ID: childID(id, 't', index+1, width), DocumentID: id, Index: index, Number: t.Number,
		Anchor: nonEmpty(t.Attr.ID), Alignments: make([]string, len(t.Align)),
		Header: cellTexts(t.Head), Rows: make([][]string, len(t.Rows))}
	if t.Caption != nil {
		c := doc.PlainText(t.Caption)
		rec.Caption = &c
	}
	for i, a := range t.Align {
		rec.Alignments[i] = string(a)
		if a == doc.AlignDefault {
			rec.Alignments[i] = "default"
		}
	}
	for i, row := range t.Rows {
		rec.Rows[i] = cellTexts(row)
	}
	return rec
}

// cellTexts returns the plain text of each cell.
func cellTexts(cells []*doc.TableCell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		if c != nil {
			out[i] = doc.PlainText(c.Inlines)
		}
	}
	return out
}

// figureRecord builds the record of figure f, the index-th of document id.
func figureRecord(id string, index, width int, f *doc.Figure) (Figure, error) {
	fid := childID(id, 'f', index+1, width)
	im := f.Image
	if im == nil {
		return Figure{}, recordErr(TableFigures, fid, "the figure has no image")
	}
	return Figure{ID: fid, DocumentID: id, Index: index, Number: f.Number, Anchor: nonEmpty(f.Attr.ID),
		Caption: doc.PlainText(f.Caption), Alt: f.Alt, MediaPath: mediaPath(im.SHA256, im.MediaType),
		SourcePath: im.Path, MediaType: im.MediaType, Width: im.Width, Height: im.Height, SHA256: im.SHA256}, nil
}

// nonEmpty returns &s, or nil for "".
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
