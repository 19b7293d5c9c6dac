package structure

import (
	"bytes"
	"net/url"
	"unsafe"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// Messages of the warnings about a manuscript's constructs; tests compare
// them.
const (
	msgMath          = "math is not typeset yet; kept as its TeX source"
	msgNoteUndefined = "footnote %s is referenced but never defined; kept as text"
	msgNoteUnused    = "footnote [^%s] is defined but never referenced; not published"
	msgNoteTwice     = "footnote [^%s] is defined again; the first definition is kept"
	msgRowShort      = "table row has %s where the header has %d: padded with empty cells (as GFM does)"
	msgRowLong       = "table row has %s where the header has %d: the cells past the %d are dropped (as GFM does)"
)

// Result is what MarkdownDocument makes of a seed: its body, its
// footnotes and the images it uses.
type Result struct {
	Blocks []doc.Block
	// Notes are the footnotes, numbered 1, 2, … in the reading order of
	// their first reference: the body first, then the notes in order.
	Notes []*doc.Note
	// Images lists every image written in the seed, in reading order.
	Images []ImageUse
}

// ImageUse is one image written in a seed (a figure's or an inline
// image's). Image is the node's image as written: its Path is the
// destination, percent-decoded and not yet checked; the pipeline loads the
// file and puts the loaded image in its place.
type ImageUse struct {
	Pos   doc.Pos
	Image *doc.Image
}

// MarkdownDocument parses a Markdown seed as Markdown does, with its
// footnotes and images.
//
// A footnote reference "[^id]" becomes a NoteRef to the note of that
// label; a reference to a label never defined stays text, with a warning,
// and a definition never referenced is dropped with a warning. A pipe
// table becomes a Table, with the paragraph right after it (else right
// before it) that starts with ": " or "Table: " as its caption and the
// caption's trailing {#tbl-id} as its attributes. An image alone in its
// paragraph (with only a trailing {#fig-id …} beside it) is a Figure whose
// caption is the alt text; any other image is an InlineImage. Definition
// lists, task boxes, "~~strikethrough~~", heading attributes, "$math$"
// (kept as source, with one warning per document) and "@fig-id"
// cross-references (left for the pipeline to resolve) are carried too.
func MarkdownDocument(file, text string) (Result, diag.List) {
	text = sanitize(text)
	// The text's own bytes, not a copy: goldmark and the converter only
	// read their source, and fancyLists copies it before it changes it.
	src := unsafe.Slice(unsafe.StringData(text), len(text))
	parsed, markers := fancyLists(src)
	pc := parser.NewContext()
	root := markdownParser.Parse(gtext.NewReader(parsed), parser.WithContext(pc))
	c := &converter{file: file, src: src, lines: newLineIndex(text), markers: markers}
	c.noteDefinitions(pc)
	whole := doc.Pos{File: file, Line: 1, Col: 1}
	blocks := c.blocks(root, 0, whole)
	notes := c.finishNotes()
	return Result{Blocks: blocks, Notes: notes, Images: c.images}, c.diags
}

// noteDefinitions indexes the footnote definitions of a parse by label.
func (c *converter) noteDefinitions(pc parser.Context) {
	list, _ := pc.Get(noteListKey).(*extast.FootnoteList)
	if list == nil {
		return
	}
	c.noteDefs = map[string]*extast.Footnote{}
	for n := list.FirstChild(); n != nil; n = n.NextSibling() {
		fn, ok := n.(*extast.Footnote)
		if !ok {
			continue
		}
		label := string(fn.Ref)
		if _, dup := c.noteDefs[label]; dup {
			c.diags.Warnf(c.pos(fn, c.firstPos()), msgNoteTwice, label)
			continue
		}
		c.noteDefs[label] = fn
		c.noteLabels = append(c.noteLabels, label)
	}
}

func (c *converter) firstPos() doc.Pos { return doc.Pos{File: c.file, Line: 1, Col: 1} }

// noteRef adds the reference n to b: a NoteRef when its note is defined,
// else its text, with a warning.
func (c *converter) noteRef(b *inlineBuilder, n *noteRefNode, at doc.Pos) {
	def := c.noteDefs[n.label]
	if def == nil {
		c.diags.Warnf(c.pos(n, at), msgNoteUndefined, n.text)
		b.addText(n.text)
		return
	}
	if c.notes == nil {
		c.notes = map[string]*doc.Note{}
	}
	note := c.notes[n.label]
	if note == nil {
		note = &doc.Note{Pos: c.pos(def, at), ID: n.label, Number: len(c.noteOrder) + 1}
		c.notes[n.label] = note
		c.noteOrder = append(c.noteOrder, note)
	}
	b.add(&doc.NoteRef{Note: note})
}

// finishNotes converts the blocks of every referenced note, in number
// order (a note's own references number the notes after it), and warns of
// the definitions never referenced.
func (c *converter) finishNotes() []*doc.Note {
	for i := 0; i < len(c.noteOrder); i++ {
		note := c.noteOrder[i]
		note.Blocks = c.blocks(c.noteDefs[note.ID], 0, note.Pos)
	}
	for _, label := range c.noteLabels {
		if c.notes[label] == nil {
			c.diags.Warnf(c.pos(c.noteDefs[label], c.firstPos()), msgNoteUnused, label)
		}
	}
	return c.noteOrder
}

// extBlock converts a block of the syntax extensions; ok is false for a
// node kind it does not know.
func (c *converter) extBlock(n ast.Node, depth int, at doc.Pos) (out []doc.Block, ok bool) {
	switch n := n.(type) {
	case *extast.Table:
		return []doc.Block{c.table(n, at)}, true
	case *extast.DefinitionList:
		return c.definitionList(n, depth, at), true
	case *extast.FootnoteList:
		// The definitions: converted as notes when referenced (finishNotes).
		return nil, true
	}
	return nil, false
}

// paragraph converts a paragraph that is a figure or a table's caption;
// done is false for any other paragraph.
func (c *converter) paragraph(n ast.Node, at doc.Pos) (out []doc.Block, done bool) {
	if c.isCaption(n) {
		return nil, true // the table's (see table)
	}
	if f := c.figure(n, at); f != nil {
		return []doc.Block{f}, true
	}
	return nil, false
}

// extInline converts an inline of the syntax extensions into b, and warns
// of any other kind, keeping its text.
func (c *converter) extInline(b *inlineBuilder, n ast.Node, depth int, inLink bool, at doc.Pos) {
	switch n := n.(type) {
	case *noteRefNode:
		c.noteRef(b, n, at)
	case *crossRefNode:
		b.add(&doc.CrossRef{Target: n.target, Kind: n.kind, Suffix: n.suffix})
	case *mathNode:
		if !c.mathWarned {
			c.mathWarned = true
			c.diags.Warnf(c.pos(n, at), msgMath)
		}
		b.add(&doc.Math{Display: n.display, Source: n.source})
	case *extast.Strikethrough:
		if depth >= MaxDepth {
			c.flatten(c.pos(n, at))
			c.addInlines(b, n, depth, inLink, at)
			return
		}
		var inner inlineBuilder
		c.addInlines(&inner, n, depth+1, inLink, at)
		inner.flush()
		b.add(&doc.Strike{Inlines: inner.out})
	case *extast.TaskCheckBox:
		// Carried by the list item (taskOf).
	default:
		c.diags.Warnf(c.pos(n, at), "unsupported Markdown inline %s: its text kept", n.Kind())
		c.addInlines(b, n, depth, inLink, at)
	}
}

// hasContent reports whether inlines hold text, an image or a note
// reference: a paragraph of them is kept.
func hasContent(inlines []doc.Inline) bool {
	return doc.HasText(inlines) || !doc.WalkInlines(inlines, func(n doc.Node, entering bool) doc.WalkStatus {
		switch n.(type) {
		case *doc.InlineImage, *doc.NoteRef:
			return doc.WalkStop
		}
		return doc.WalkContinue
	})
}

// taskOf returns the state of a list item's task box.
func taskOf(item ast.Node) doc.Task {
	if p := item.FirstChild(); p != nil {
		if box, ok := p.FirstChild().(*extast.TaskCheckBox); ok {
			if box.IsChecked {
				return doc.TaskDone
			}
			return doc.TaskOpen
		}
	}
	return doc.NoTask
}

// definitionList converts a definition list: each term is a Definition,
// and each description belongs to the term before it.
func (c *converter) definitionList(n *extast.DefinitionList, depth int, at doc.Pos) []doc.Block {
	if depth >= MaxDepth {
		c.flatten(at)
		var out []doc.Block
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			p := c.pos(ch, at)
			if _, ok := ch.(*extast.DefinitionTerm); ok {
				if ins := c.inlines(ch, p); doc.HasText(ins) {
					out = append(out, &doc.Paragraph{Pos: p, Inlines: ins})
				}
				continue
			}
			out = append(out, c.blocks(ch, depth, p)...)
		}
		return out
	}
	dl := &doc.DefinitionList{Pos: at}
	var cur *doc.Definition
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		p := c.pos(ch, at)
		switch ch := ch.(type) {
		case *extast.DefinitionTerm:
			cur = &doc.Definition{Pos: p, Term: &doc.Paragraph{Pos: p, Inlines: c.inlines(ch, p)}}
			dl.Items = append(dl.Items, cur)
		case *extast.DefinitionDescription:
			if cur == nil { // goldmark always opens a list with a term
				cur = &doc.Definition{Pos: p, Term: &doc.Paragraph{Pos: p}}
				dl.Items = append(dl.Items, cur)
			}
			cur.Defs = append(cur.Defs, c.blocks(ch, depth+1, p))
		default:
			c.diags.Warnf(p, "unsupported Markdown block %s in a definition list skipped", ch.Kind())
		}
	}
	return []doc.Block{dl}
}

// trailingAttrs finds an attribute block "{…}" that ends the inlines of
// p (white space after it aside), removes it from them and returns it.
// The block may span several text nodes, as "{#tbl-a_b}" does (the "_"
// is an emphasis delimiter that matched nothing).
func (c *converter) trailingAttrs(p ast.Node) (doc.Attr, bool) {
	var run []*ast.Text // the text nodes at the end, contiguous in the source
	for n := p.LastChild(); n != nil; n = n.PreviousSibling() {
		t, ok := n.(*ast.Text)
		if !ok || len(run) > 0 && t.Segment.Stop != run[len(run)-1].Segment.Start {
			break
		}
		run = append(run, t)
	}
	if len(run) == 0 {
		return doc.Attr{}, false
	}
	start, stop := run[len(run)-1].Segment.Start, run[0].Segment.Stop
	a, n, ok := trailingAttr(c.src[start:stop])
	if !ok {
		return doc.Attr{}, false
	}
	cut := start + n
	for _, t := range run {
		switch {
		case t.Segment.Start >= cut:
			p.RemoveChild(p, t)
		case t.Segment.Stop > cut:
			t.Segment = t.Segment.WithStop(cut)
		}
	}
	return a, true
}

// maxAttrTries is how many "{" from the end trailingAttr tries as the
// start of the attributes, so that a line full of braces costs linear
// time.
const maxAttrTries = 8

// trailingAttr reads, with parseAttr, an attribute block "{…}" that ends
// v (white space after it aside; an escaped "\{" is text). It returns
// the attributes and the length of v before them, white space before them
// trimmed.
func trailingAttr(v []byte) (doc.Attr, int, bool) {
	end := len(bytes.TrimRight(v, " \t\r\n"))
	if end == 0 || v[end-1] != '}' {
		return doc.Attr{}, 0, false
	}
	open := end
	for range maxAttrTries {
		open = bytes.LastIndexByte(v[:open], '{')
		if open < 0 {
			break
		}
		esc := 0
		for j := open - 1; j >= 0 && v[j] == '\\'; j-- {
			esc++
		}
		if esc%2 == 1 {
			continue
		}
		if a, n, ok := parseAttr(v[open:end]); ok && n == end-open {
			return a, len(bytes.TrimRight(v[:open], " \t")), true
		}
	}
	return doc.Attr{}, 0, false
}

// imageUse records an image written at pos and returns its node's image.
func (c *converter) imageUse(n *ast.Image, pos doc.Pos) *doc.Image {
	dest := string(n.Destination)
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	im := &doc.Image{Path: dest}
	c.images = append(c.images, ImageUse{Pos: pos, Image: im})
	return im
}

// inlineImage adds the image n inside running text to b, with the
// attributes written right after it (nodeAttr).
func (c *converter) inlineImage(b *inlineBuilder, n *ast.Image, at doc.Pos) {
	pos := c.pos(n, at)
	b.add(&doc.InlineImage{Image: c.imageUse(n, pos), Alt: c.altText(n), Title: unescape(n.Title), Attr: nodeAttr(n)})
}

// altText returns the plain text of an inline image's description: its
// text and code, markup dropped. It reads the syntax tree directly, so
// that a note reference or an image inside the description (which an
// InlineImage has no place for) is neither numbered nor loaded.
func (c *converter) altText(n ast.Node) string {
	var b []byte
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b = appendUnescaped(b, n.Value(c.src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, n.Value...)
		case *ast.CodeSpan:
			for t := n.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b = append(b, t.Segment.Value(c.src)...)
				}
			}
			return ast.WalkSkipChildren, nil
		case *noteRefNode:
			b = append(b, n.text...)
		case *mathNode:
			b = append(b, n.source...)
		case *crossRefNode:
			b = append(b, '@')
			b = append(b, n.target...)
			b = append(b, n.suffix...)
		}
		return ast.WalkContinue, nil
	})
	return joinLines(string(b))
}

// figure returns the paragraph n as a figure when it holds one image and
// nothing else but white space, as pandoc reads it; else nil. Its
// attributes are the ones written right after the image (nodeAttr): a
// "{#fig-id}" after a space is text, and the image an inline one.
func (c *converter) figure(n ast.Node, at doc.Pos) *doc.Figure {
	var img *ast.Image
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.Image:
			if img != nil {
				return nil
			}
			img = ch
		case *attrMarker:
			// The image's attributes, read onto the image.
		case *ast.Text:
			if len(bytes.TrimSpace(ch.Segment.Value(c.src))) != 0 {
				return nil
			}
		default:
			return nil
		}
	}
	if img == nil {
		return nil
	}
	var alt inlineBuilder
	c.addInlines(&alt, img, 0, false, at)
	caption := alt.done()
	return &doc.Figure{
		Pos:     at,
		Attr:    nodeAttr(img),
		Image:   c.imageUse(img, c.pos(img, at)),
		Alt:     doc.PlainText(caption),
		Title:   unescape(img.Title),
		Caption: caption,
	}
}
