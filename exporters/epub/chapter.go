package epub

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// A chapter is one document of the model in one XHTML file. The file is
// named after the document's ID (chapterFile), so that a link or a
// cross-reference into a document not yet written knows its target. A
// document with several level 1 headings (pandoc's chapter level) holds as
// many chapters: each is a <section epub:type="chapter"> of the file with
// its own entry in the contents, and none of the document's headings is
// pushed down a level. Footnotes are gathered at the end of the section
// that first refers to them, as EPUB 3 footnotes (<aside
// epub:type="footnote">), which reading systems show as pop-ups.

// chapterState is what body knows of the chapter being written.
type chapterState struct {
	d      *doc.Document
	title  string // the document's title, never empty: the label of a chapter without text
	file   string // the file's name beside the other chapters: "bolum-01_giris.xhtml"
	prefix string // generated ids start with it: "bolum-002"
	ids    map[string]bool
	// headings counts the chapter's headings, for generated ids.
	headings int
	// nested counts the open blocks (quotes, list items, callouts,
	// definitions, table cells, notes) whose headings stay out of the
	// contents; a Div is transparent.
	nested int
	// lead is markup to write at the start of the next paragraph (a task
	// item's box, a note's back link); "" when none.
	lead string
	// front is the document whose front matter is written after the
	// chapter's first heading; nil once written.
	front *doc.Document
	// notes holds the state of every note referred to; queue the notes
	// to gather at the end of the current section, in order.
	notes map[*doc.Note]*noteState
	queue []*doc.Note
	// entries are the chapter's contents entries, in order.
	entries []navEntry
}

// noteState is a footnote's ids in the chapter.
type noteState struct {
	id, ref string // the aside's id and the first reference's id
	refs    int    // references so far
	queued  bool
}

// navEntry is a heading listed in the contents.
type navEntry struct {
	level int    // its level as written: 1 for a chapter's title
	label string // its plain text
	href  string // the file, with the heading's id after a '#' but for a file's first chapter
}

// chapterFile returns the file name of the chapter of the document with
// ID id, the index-th in reading order: "bolum-" and the ID, which the
// pipeline makes of lower-case ASCII letters, digits, '-' and '_'. An ID
// that is empty or holds other characters (a document not made by the
// pipeline) gives "belge-" and the index, which no link can name.
func chapterFile(id string, index int) string {
	if validID(id) {
		return "bolum-" + id + ".xhtml"
	}
	return fmt.Sprintf("belge-%03d.xhtml", index+1)
}

// validID reports whether id is a document ID as the pipeline makes them.
func validID(id string) bool {
	if id == "" {
		return false
	}
	for _, r := range id {
		if !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// linkFile returns the file of the chapter of the document with ID id, as
// a link from another chapter names it.
func linkFile(id string) string { return chapterFile(id, -1) }

// chapter returns the body of document d, the index-th in reading order,
// whose generated ids start with prefix and whose file is file, its
// abbreviations resolved against glossary. Each of its chapters (see
// above) is labelled by its first heading; when d does not open with a
// heading, d's title is set as the first chapter's. w.ch.entries holds
// the chapter's contents entries after it.
func (w *body) chapter(d *doc.Document, index int, title, prefix, file string, glossary []doc.Term) (string, error) {
	w.b.Reset()
	w.err, w.inLink, w.links, w.outline = nil, 0, w.links[:0], w.outline[:0]
	w.useGlossary(glossary, index)
	c := &w.ch
	c.d, c.title, c.file, c.prefix, c.headings, c.nested, c.lead, c.front = d, title, file, prefix, 0, 0, "", d
	c.entries, c.queue = c.entries[:0], c.queue[:0]
	if c.ids == nil {
		c.ids, c.notes = map[string]bool{}, map[*doc.Note]*noteState{}
	}
	clear(c.ids)
	clear(c.notes)
	w.collectIDs(d)
	if validID(d.ID) {
		w.targets[d.ID+"#"] = true
	}
	sections := splitChapters(d.Blocks)
	for i, blocks := range sections {
		if i > 0 {
			w.raw("\n")
		}
		w.section(i, blocks, i == len(sections)-1)
		if w.err != nil {
			break
		}
	}
	return w.b.String(), w.err
}

// splitChapters splits blocks before every level 1 heading but a leading
// one. There is always at least one part, which may be empty.
func splitChapters(blocks []doc.Block) [][]doc.Block {
	var out [][]doc.Block
	start := 0
	for i, b := range blocks {
		if h, ok := b.(*doc.Heading); ok && h.Level == 1 && i > start {
			out = append(out, blocks[start:i])
			start = i
		}
	}
	return append(out, blocks[start:])
}

// collectIDs records the ids the document's author gave, so that the ids
// the EPUB generates (headings without one, notes) never take one of them.
func (w *body) collectIDs(d *doc.Document) {
	doc.WalkDocument(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if !entering {
			return doc.WalkContinue
		}
		if a := attrOf(n); a != nil && a.ID != "" {
			w.ch.ids[a.ID] = true
		}
		return doc.WalkContinue
	})
}

// attrOf returns the attributes of n, nil for a node without any.
func attrOf(n doc.Node) *doc.Attr {
	switch n := n.(type) {
	case *doc.Heading:
		return &n.Attr
	case *doc.CodeBlock:
		return &n.Attr
	case *doc.Table:
		return &n.Attr
	case *doc.Figure:
		return &n.Attr
	case *doc.Div:
		return &n.Attr
	case *doc.Callout:
		return &n.Attr
	case *doc.Link:
		return &n.Attr
	case *doc.Span:
		return &n.Attr
	case *doc.InlineImage:
		return &n.Attr
	}
	return nil
}

// newID returns base, or base with the first free suffix "-2", "-3", …,
// an id not yet used in the chapter, and records it.
func (w *body) newID(base string) string {
	id := base
	for n := 2; w.ch.ids[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	w.ch.ids[id] = true
	return id
}

// authorID returns a's id when it may be written as one (no white space),
// and records it as a target of the book.
func (w *body) authorID(a doc.Attr) string {
	id := clean(a.ID)
	if id == "" || strings.ContainsAny(id, " \t\n\r\f") {
		return ""
	}
	if validID(w.ch.d.ID) {
		w.targets[w.ch.d.ID+"#"+id] = true
	}
	return id
}

// attrTag writes, entering, the start tag of the element name with the
// attributes a, and leaving its end tag; after follows either.
func (w *body) attrTag(entering bool, name string, a doc.Attr, after string) {
	if !entering {
		w.raw("</" + name + ">" + after)
		return
	}
	w.raw("<" + name)
	w.attrs(a)
	w.raw(">" + after)
}

// attrs writes the id, class and language attributes of an element: a's
// id, the classes given, then a's own (those that are safe names), and
// a's language.
func (w *body) attrs(a doc.Attr, classes ...string) {
	if id := w.authorID(a); id != "" {
		w.raw(` id="` + esc(id) + `"`)
	}
	for _, c := range a.Classes {
		if safeClass(c) {
			classes = append(classes, c)
		}
	}
	if len(classes) > 0 {
		w.raw(` class="` + esc(strings.Join(classes, " ")) + `"`)
	}
	if l := langTag(a.Lang()); l != "" {
		w.raw(` lang="` + l + `" xml:lang="` + l + `"`)
	}
}

// safeClass reports whether c is a class name made of ASCII letters,
// digits, '-' and '_'.
func safeClass(c string) bool {
	if c == "" {
		return false
	}
	for _, r := range c {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// langTag returns the BCP 47 tag s in canonical form, or "" when s is
// empty or not a tag.
func langTag(s string) string {
	if s == "" {
		return ""
	}
	tag, err := language.Parse(s)
	if err != nil {
		return ""
	}
	return esc(tag.String())
}

// section writes the i-th chapter of the document: blocks, which open with
// its level 1 heading but for the first (which may open with anything),
// and the footnotes it refers to first; the last also gathers the notes
// that nothing refers to.
func (w *body) section(i int, blocks []doc.Block, last bool) {
	c := &w.ch
	w.outline = w.outline[:0]
	var hid string
	h, ok := firstHeading(blocks)
	switch {
	case ok && h.Attr.ID != "":
		hid = w.authorID(h.Attr)
	case i == 0:
		hid = w.newID(c.prefix + "-baslik")
	default:
		c.headings++
		hid = w.newID(c.prefix + "-baslik-" + strconv.Itoa(c.headings+1))
	}
	if hid == "" { // an author's id with white space
		hid = w.newID(c.prefix + "-baslik-" + strconv.Itoa(c.headings+1))
	}
	w.raw(`<section epub:type="chapter" role="doc-chapter" aria-labelledby="` + esc(hid) + `">` + "\n")
	if ok {
		w.heading(h, true, hid)
		doc.WalkInlines(h.Inlines, w.node)
		w.heading(h, false, "")
		blocks = blocks[1:]
	} else {
		title := strings.TrimSpace(clean(c.d.Title))
		if title == "" {
			title = c.title
		}
		w.raw(`<h1 id="` + esc(hid) + `">`)
		w.text(title)
		w.raw("</h1>\n")
		w.outline = append(w.outline, struct{ in, out int }{0, 1})
		href := c.file
		if i > 0 {
			href += "#" + hid
		}
		c.entries = append(c.entries, navEntry{level: 1, label: title, href: href})
		w.frontMatter()
	}
	doc.WalkBlocks(blocks, w.node)
	w.footnotes(last)
	w.raw("</section>")
}

// headingLevel returns the level to write a heading of model level in at:
// one below the nearest open heading of a smaller model level, and 1 for the
// first. The outline keeps its shape, but a chapter opens at level 1 and no
// level is skipped: screen reader users navigate by level, and a skipped
// level reads as a missing section (Ace's heading-order rule).
func (w *body) headingLevel(in int) int {
	in = min(max(in, 1), 6)
	for len(w.outline) > 0 && w.outline[len(w.outline)-1].in >= in {
		w.outline = w.outline[:len(w.outline)-1]
	}
	out := 1
	if n := len(w.outline); n > 0 {
		out = min(w.outline[n-1].out+1, 6)
	}
	w.outline = append(w.outline, struct{ in, out int }{in, out})
	return out
}

// firstHeading returns the first block when it is a heading.
func firstHeading(blocks []doc.Block) (*doc.Heading, bool) {
	if len(blocks) == 0 {
		return nil, false
	}
	h, ok := blocks[0].(*doc.Heading)
	return h, ok
}

// heading writes a heading's start tag (entering) or end tag. id is the
// section's heading id for the chapter's title, "" for the others, which
// get their author's id or a generated one. A heading outside quotes, lists
// and the like is a contents entry.
func (w *body) heading(n *doc.Heading, entering bool, id string) {
	c := &w.ch
	if !entering {
		w.raw("</h" + strconv.Itoa(w.outline[len(w.outline)-1].out) + ">\n")
		if c.front != nil {
			w.frontMatter()
		}
		return
	}
	first := id != ""
	level := w.headingLevel(n.Level)
	if id == "" {
		if id = w.authorID(n.Attr); id == "" {
			c.headings++
			id = w.newID(c.prefix + "-baslik-" + strconv.Itoa(c.headings+1))
		}
	}
	w.raw("<h" + strconv.Itoa(level) + ` id="` + esc(id) + `"`)
	if l := langTag(n.Attr.Lang()); l != "" {
		w.raw(` lang="` + l + `" xml:lang="` + l + `"`)
	}
	w.raw(">")
	if c.nested > 0 {
		return
	}
	href := c.file + "#" + id
	label := strings.TrimSpace(clean(doc.PlainText(n.Inlines)))
	if first && len(c.entries) == 0 {
		// The document's first chapter is listed by the document's
		// title, which a book outline (SUMMARY.md) may give.
		href, label = c.file, c.title
	}
	if label == "" {
		label = c.title
	}
	c.entries = append(c.entries, navEntry{level: level, label: label, href: href})
}

// frontMatter writes the document's subtitle, authors, date and abstract
// under its title, once.
func (w *body) frontMatter() {
	d := w.ch.front
	w.ch.front = nil
	if d == nil {
		return
	}
	if s := strings.TrimSpace(d.Subtitle); s != "" {
		w.raw(`<p class="subtitle">`)
		w.text(s)
		w.raw("</p>\n")
	}
	var by []string
	for _, a := range d.Authors {
		if a = strings.TrimSpace(a); a != "" {
			by = append(by, a)
		}
	}
	if len(by) > 0 {
		w.raw(`<p class="chapter-authors">`)
		w.text(strings.Join(by, ", "))
		w.raw("</p>\n")
	}
	if s := strings.TrimSpace(d.Date); s != "" {
		w.raw(`<p class="chapter-date">`)
		w.text(s)
		w.raw("</p>\n")
	}
	if s := strings.TrimSpace(d.Abstract); s != "" {
		w.raw(`<div class="abstract" role="doc-abstract">` + "\n")
		for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
			if p = strings.TrimSpace(p); p != "" {
				w.raw("<p>")
				w.text(p)
				w.raw("</p>\n")
			}
		}
		w.raw("</div>\n")
	}
}

// The kinds of element a Link opened.
const (
	linkNone = iota
	linkA
	linkSpan // a link that cannot be one but carries an id
)

// node is the doc.Walker that renders the body: it writes a node's start
// tag when entering it and its end tag when leaving it, or, for the nodes
// whose parts need markup between them (tables, figures, definitions,
// callouts), the whole node when entering it.
func (w *body) node(n doc.Node, entering bool) doc.WalkStatus {
	c := &w.ch
	switch n := n.(type) {
	case *doc.Heading:
		w.heading(n, entering, "")
	case *doc.Paragraph:
		if entering {
			w.raw("<p>" + c.lead)
			c.lead = ""
		} else {
			w.raw("</p>\n")
		}
	case *doc.CodeBlock:
		if entering {
			w.raw("<pre")
			if id := w.authorID(n.Attr); id != "" {
				w.raw(` id="` + esc(id) + `"`)
			}
			w.raw("><code>")
			w.text(n.Text)
			w.raw("</code></pre>\n")
		}
	case *doc.Quote:
		w.nest(entering)
		w.raw(tag(entering, "<blockquote>\n", "</blockquote>\n"))
	case *doc.List:
		w.list(n, entering)
	case *doc.ListItem:
		w.nest(entering)
		w.item(n, entering)
	case *doc.ThematicBreak:
		if entering {
			w.raw("<hr/>\n")
		}
	case *doc.Table:
		if entering {
			w.table(n)
		}
		return doc.WalkSkipChildren
	case *doc.Figure:
		if entering {
			w.figure(n)
		}
		return doc.WalkSkipChildren
	case *doc.DefinitionList:
		w.raw(tag(entering, "<dl>\n", "</dl>\n"))
	case *doc.Definition:
		if entering {
			w.definition(n)
		}
		return doc.WalkSkipChildren
	case *doc.Div:
		w.attrTag(entering, "div", n.Attr, "\n")
	case *doc.Callout:
		if entering {
			w.callout(n)
		}
		return doc.WalkSkipChildren
	case *doc.LineBlock:
		w.raw(tag(entering, `<div class="line-block">`, "</div>\n"))
	case *doc.Text:
		if entering {
			w.running(n.Value)
		}
	case *doc.Emph:
		w.raw(tag(entering, "<em>", "</em>"))
	case *doc.Strong:
		w.raw(tag(entering, "<strong>", "</strong>"))
	case *doc.Strike:
		w.raw(tag(entering, "<del>", "</del>"))
	case *doc.Sub:
		w.raw(tag(entering, "<sub>", "</sub>"))
	case *doc.Sup:
		w.raw(tag(entering, "<sup>", "</sup>"))
	case *doc.Span:
		w.attrTag(entering, "span", n.Attr, "")
	case *doc.Code:
		if entering {
			w.raw("<code>")
			w.text(n.Value)
			w.raw("</code>")
		}
	case *doc.Math:
		if entering {
			class := "math"
			if n.Display {
				class = "math display"
			}
			w.raw(`<span class="` + class + `">`)
			w.text(n.Source)
			w.raw("</span>")
		}
	case *doc.Link:
		w.link(n, entering)
	case *doc.CrossRef:
		if entering {
			w.crossRef(n)
		}
	case *doc.NoteRef:
		if entering {
			w.noteRef(n)
		}
	case *doc.InlineImage:
		if entering {
			w.image(n.Image, n.Alt, n.Title, n.Attr, "inline")
		}
	case *doc.Abbr:
		if !entering {
			break
		}
		if n.Term < 0 || n.Term >= len(w.glossary) {
			w.err = fmt.Errorf("abbreviation %q refers to glossary term %d of %d", n.Text, n.Term, len(w.glossary))
			return doc.WalkStop
		}
		w.abbr(n.Text, w.glossary[n.Term])
	case *doc.LineBreak:
		if entering {
			w.raw("<br/>\n")
		}
	default:
		w.err = fmt.Errorf("unknown node %T", n)
		return doc.WalkStop
	}
	if w.err != nil {
		return doc.WalkStop
	}
	return doc.WalkContinue
}

// nest enters (or leaves) a block whose headings stay out of the contents.
func (w *body) nest(entering bool) {
	if entering {
		w.ch.nested++
	} else {
		w.ch.nested--
	}
}

// listTypes maps an ordered list's style to its type attribute.
var listTypes = map[doc.ListStyle]string{
	doc.StyleLowerAlpha: "a", doc.StyleUpperAlpha: "A",
	doc.StyleLowerRoman: "i", doc.StyleUpperRoman: "I",
}

// list writes a list's start or end tag: an ordered list's numbering as
// type and start, its delimiter as a class that the stylesheet draws
// ("1)" paren, "(1)" parens); a list of task items has class task-list.
func (w *body) list(n *doc.List, entering bool) {
	tag := "ul"
	if n.Ordered {
		tag = "ol"
	}
	if !entering {
		w.raw("</" + tag + ">\n")
		return
	}
	w.raw("<" + tag)
	if n.Ordered {
		if t, ok := listTypes[n.Style]; ok {
			w.raw(` type="` + t + `"`)
		}
		if n.Start != 1 {
			w.raw(` start="` + strconv.Itoa(n.Start) + `"`)
		}
		switch n.Delim {
		case doc.DelimParen:
			w.raw(` class="paren"`)
		case doc.DelimParens:
			w.raw(` class="parens"`)
		}
	}
	w.raw(">\n")
}

// item writes a list item's start or end tag. A task item's box is a
// checkbox a screen reader announces, checked or not, with the glyph ☑ or
// ☐ for the eye; it stands at the start of the item's first paragraph.
func (w *body) item(n *doc.ListItem, entering bool) {
	if !entering {
		w.raw("</li>\n")
		return
	}
	box := ""
	switch n.Task {
	case doc.TaskDone:
		box = `<span class="task-box" role="checkbox" aria-checked="true" aria-label="` + esc(w.words.TaskDone) + `">☑</span> `
	case doc.TaskOpen:
		box = `<span class="task-box" role="checkbox" aria-checked="false" aria-label="` + esc(w.words.TaskOpen) + `">☐</span> `
	case doc.NoTask:
	default:
		w.err = fmt.Errorf("list item with unknown task state %d", n.Task)
		return
	}
	open := "<li>"
	if box != "" {
		open = `<li class="task">`
	}
	switch {
	case len(n.Blocks) == 0:
		w.raw(open + box)
	case box == "":
		w.raw(open + "\n")
	default:
		w.raw(open + "\n")
		if _, ok := n.Blocks[0].(*doc.Paragraph); ok {
			w.ch.lead = box
		} else {
			w.raw(box)
		}
	}
}

// link writes a link's start tag when entering and its end tag when
// leaving. A link into the book goes to its target's chapter file; an
// external one must be http, https or mailto; a link inside a link is not
// valid HTML. A link that cannot be one keeps its text, and its id on a
// span.
func (w *body) link(n *doc.Link, entering bool) {
	if !entering {
		switch w.links[len(w.links)-1] {
		case linkA:
			w.inLink--
			w.raw("</a>")
		case linkSpan:
			w.raw("</span>")
		}
		w.links = w.links[:len(w.links)-1]
		return
	}
	var href string
	if n.Internal() {
		href = w.internalHref(n.TargetDoc, n.Fragment, "link "+n.URL)
	} else {
		href = safeURL(n.URL)
	}
	id := w.authorID(n.Attr)
	switch {
	case href != "" && w.inLink == 0:
		w.links = append(w.links, linkA)
		w.inLink++
		w.raw(`<a href="` + esc(href) + `"`)
		if id != "" {
			w.raw(` id="` + esc(id) + `"`)
		}
		if t := strings.TrimSpace(n.Title); t != "" {
			w.raw(` title="` + esc(t) + `"`)
		}
		w.raw(">")
	case id != "":
		w.links = append(w.links, linkSpan)
		w.raw(`<span id="` + esc(id) + `">`)
	default:
		w.links = append(w.links, linkNone)
	}
}

// internalHref returns the href of element fragment of document docID
// ("" for its start), and records it to be checked when the book ends;
// what names the reference in the error.
func (w *body) internalHref(docID, fragment, what string) string {
	c := &w.ch
	if docID == "" {
		docID = c.d.ID
	}
	file := c.file
	if docID != c.d.ID {
		if !validID(docID) {
			w.err = fmt.Errorf("%s: target document %q is not a document ID", what, docID)
			return ""
		}
		file = linkFile(docID)
	}
	key := docID + "#" + fragment
	if _, ok := w.refs[key]; !ok {
		w.refs[key] = what + " in " + c.d.Source
	}
	if fragment == "" {
		return file
	}
	if docID == c.d.ID {
		return "#" + fragment
	}
	return file + "#" + fragment
}

// crossRef writes a cross-reference as a link to its target: "Şekil 3’te".
func (w *body) crossRef(n *doc.CrossRef) {
	if w.inLink > 0 {
		w.text(n.Text())
		return
	}
	href := w.internalHref(n.TargetDoc, n.Target, "cross-reference @"+n.Target)
	if href == "" {
		return
	}
	w.raw(`<a class="xref" href="` + esc(href) + `">`)
	w.text(n.Text())
	w.raw("</a>")
}

// noteRef writes a footnote's reference mark, a link to the note, which it
// queues to be gathered at the end of the section. A note referred to
// twice is written once; each reference has an id of its own.
func (w *body) noteRef(n *doc.NoteRef) {
	c := &w.ch
	if n.Note == nil {
		w.err = fmt.Errorf("note reference without a note")
		return
	}
	s := c.notes[n.Note]
	if s == nil {
		num := strconv.Itoa(n.Note.Number)
		s = &noteState{id: w.newID("fn-" + num)}
		c.notes[n.Note] = s
	}
	s.refs++
	num := esc(strconv.Itoa(n.Note.Number))
	ref := w.newID("fnref-" + strconv.Itoa(n.Note.Number))
	if s.refs == 1 {
		s.ref = ref
	}
	w.queueNote(n.Note)
	if w.inLink > 0 { // a link cannot hold one: the mark alone
		w.raw(`<sup class="noteref" id="` + ref + `">` + num + "</sup>")
		return
	}
	w.raw(`<a epub:type="noteref" role="doc-noteref" class="noteref" href="#` + esc(s.id) + `" id="` + esc(ref) + `"><sup>` + num + "</sup></a>")
}

// queueNote queues note n, unless it is queued already, to be gathered at
// the end of the section, and with it the notes that it refers to, and
// those they refer to, so that footnotes can write them all in the order
// of their numbers.
func (w *body) queueNote(n *doc.Note) {
	c := &w.ch
	todo := []*doc.Note{n}
	for len(todo) > 0 {
		n := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		s := c.notes[n]
		if s == nil {
			s = &noteState{id: w.newID("fn-" + strconv.Itoa(n.Number))}
			c.notes[n] = s
		}
		if s.queued {
			continue
		}
		s.queued = true
		c.queue = append(c.queue, n)
		doc.WalkBlocks(n.Blocks, func(x doc.Node, entering bool) doc.WalkStatus {
			if r, ok := x.(*doc.NoteRef); ok && entering && r.Note != nil {
				todo = append(todo, r.Note)
			}
			return doc.WalkContinue
		})
	}
}

// footnotes writes the notes that the section referred to first, and
// those the notes themselves refer to, under a heading; when last is set,
// the document's notes that nothing refers to follow them.
func (w *body) footnotes(last bool) {
	c := &w.ch
	if last {
		for _, n := range c.d.Notes {
			if c.notes[n] == nil {
				c.notes[n] = &noteState{id: w.newID("fn-" + strconv.Itoa(n.Number)), queued: true}
				c.queue = append(c.queue, n)
			}
		}
	}
	if len(c.queue) == 0 {
		return
	}
	sort.SliceStable(c.queue, func(i, j int) bool { return c.queue[i].Number < c.queue[j].Number })
	hid := w.newID(c.prefix + "-dipnotlar")
	level := 2
	if n := len(w.outline); n > 0 {
		level = min(w.outline[0].out+1, 6)
	}
	// The section is not named: named sections are landmarks, and the
	// notes of a file's chapters would be landmarks of the same name.
	w.raw(`<section class="footnotes" epub:type="footnotes">` + "\n")
	w.raw("<h" + strconv.Itoa(level) + ` id="` + hid + `">`)
	w.text(w.words.Notes)
	w.raw("</h" + strconv.Itoa(level) + ">\n")
	saved := w.outline
	w.outline = append(w.outline[len(w.outline):], struct{ in, out int }{0, level})
	c.nested++
	for i := 0; i < len(c.queue) && w.err == nil; i++ {
		w.note(c.queue[i], c.notes[c.queue[i]])
	}
	c.nested--
	w.outline = saved
	c.queue = c.queue[:0]
	w.raw("</section>\n")
}

// note writes one footnote: an aside whose first paragraph opens with the
// note's number, a link back to the first reference.
func (w *body) note(n *doc.Note, s *noteState) {
	w.raw(`<aside epub:type="footnote" role="doc-footnote" id="` + esc(s.id) + `">` + "\n")
	num := esc(strconv.Itoa(n.Number))
	mark := `<span class="note-number">` + num + "</span> "
	if s.ref != "" {
		mark = `<a class="note-number" role="doc-backlink" href="#` + esc(s.ref) + `" aria-label="` + esc(w.words.BackToText+": "+strconv.Itoa(n.Number)) + `">` + num + "</a> "
	}
	if _, ok := firstParagraph(n.Blocks); ok {
		w.ch.lead = mark
	} else {
		w.raw("<p>" + strings.TrimSuffix(mark, " ") + "</p>\n")
	}
	doc.WalkBlocks(n.Blocks, w.node)
	w.raw("</aside>\n")
}

// firstParagraph returns the first block when it is a paragraph.
func firstParagraph(blocks []doc.Block) (*doc.Paragraph, bool) {
	if len(blocks) == 0 {
		return nil, false
	}
	p, ok := blocks[0].(*doc.Paragraph)
	return p, ok
}

// alignClass returns the class of a column's alignment, "" for the
// default.
func alignClass(a doc.Align) string {
	switch a {
	case doc.AlignLeft, doc.AlignCenter, doc.AlignRight:
		return ` class="align-` + string(a) + `"`
	}
	return ""
}

// table writes a table with its caption ("Tablo 3: …"), its header row of
// column headers and its body rows; each cell is aligned by its column's
// class.
func (w *body) table(n *doc.Table) {
	w.ch.nested++
	defer func() { w.ch.nested-- }()
	w.raw("<table")
	if id := w.authorID(n.Attr); id != "" {
		w.raw(` id="` + esc(id) + `"`)
	}
	w.raw(">\n")
	w.caption("caption", w.words.Table, n.Number, n.Caption)
	cells := func(row []*doc.TableCell, start, end string) {
		for i, cell := range row {
			class := ""
			if i < len(n.Align) {
				class = alignClass(n.Align[i])
			}
			w.raw(start + class + ">")
			if cell != nil {
				doc.WalkInlines(cell.Inlines, w.node)
			}
			w.raw(end)
		}
	}
	head := false
	for _, cell := range n.Head {
		head = head || cell != nil && doc.HasText(cell.Inlines)
	}
	if head {
		w.raw("<thead>\n<tr>")
		cells(n.Head, `<th scope="col"`, "</th>")
		w.raw("</tr>\n</thead>\n")
	}
	if len(n.Rows) > 0 {
		w.raw("<tbody>\n")
		for _, row := range n.Rows {
			w.raw("<tr>")
			cells(row, "<td", "</td>")
			w.raw("</tr>\n")
		}
		w.raw("</tbody>\n")
	}
	w.raw("</table>\n")
}

// caption writes a table's or figure's caption in element el: the label
// and number ("Tablo 3"), a colon and the caption, or either alone.
func (w *body) caption(el, label string, number int, caption []doc.Inline) {
	has := doc.HasText(caption) || len(caption) > 0 && hasImageOrNote(caption)
	if number <= 0 && !has {
		return
	}
	w.raw("<" + el + ">")
	if number > 0 {
		w.raw(`<span class="caption-label">`)
		w.text(label + "\u00a0" + strconv.Itoa(number))
		if has {
			w.raw(":")
		}
		w.raw("</span>")
		if has {
			w.raw(" ")
		}
	}
	doc.WalkInlines(caption, w.node)
	w.raw("</" + el + ">\n")
}

// hasImageOrNote reports whether inlines hold an inline image or a note
// reference, which have no text but must be written.
func hasImageOrNote(inlines []doc.Inline) bool {
	return !doc.WalkInlines(inlines, func(n doc.Node, entering bool) doc.WalkStatus {
		switch n.(type) {
		case *doc.InlineImage, *doc.NoteRef:
			return doc.WalkStop
		}
		return doc.WalkContinue
	})
}

// figure writes a figure: its image, with the alt text, and its caption
// ("Şekil 2: …").
func (w *body) figure(n *doc.Figure) {
	w.ch.nested++
	defer func() { w.ch.nested-- }()
	w.raw("<figure")
	if id := w.authorID(n.Attr); id != "" {
		w.raw(` id="` + esc(id) + `"`)
	}
	w.raw(">\n")
	w.image(n.Image, n.Alt, n.Title, doc.Attr{}, "")
	w.raw("\n")
	w.caption("figcaption", w.words.Figure, n.Number, n.Caption)
	w.raw("</figure>\n")
}

// mediaExt gives the file extension of each image type an EPUB may hold.
var mediaExt = map[string]string{
	"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif",
	"image/svg+xml": ".svg", "image/webp": ".webp",
}

// image writes an <img> of im, adding im to the book the first time its
// path (or its bytes, under another path) is used. The file is named by
// the SHA-256 of its bytes, so that any path of the seeds gives a safe
// name and the same image is stored once.
func (w *body) image(im *doc.Image, alt, title string, a doc.Attr, class string) {
	if im == nil || len(im.Data) == 0 {
		w.err = fmt.Errorf("image %q has no data", alt)
		return
	}
	href, ok := w.images["path:"+im.Path]
	if !ok || im.Path == "" {
		sum := im.SHA256
		if len(sum) < 16 {
			h := sha256.Sum256(im.Data)
			sum = hex.EncodeToString(h[:])
		}
		ext, known := mediaExt[im.MediaType]
		if !known {
			w.err = fmt.Errorf("image %s: media type %q is not one an EPUB may hold", im.Path, im.MediaType)
			return
		}
		if href, ok = w.images["sha:"+sum]; !ok {
			href = "images/" + strings.ToLower(sum[:16]) + ext
			w.images["sha:"+sum] = href
			w.pending = append(w.pending, im)
		}
		if im.Path != "" {
			w.images["path:"+im.Path] = href
		}
	}
	w.raw(`<img src="../` + esc(href) + `" alt="` + esc(strings.TrimSpace(alt)) + `"`)
	if id := w.authorID(a); id != "" {
		w.raw(` id="` + esc(id) + `"`)
	}
	if class != "" {
		w.raw(` class="` + class + `"`)
	}
	if t := strings.TrimSpace(title); t != "" {
		w.raw(` title="` + esc(t) + `"`)
	}
	w.raw("/>")
}

// imageHref returns the href in the package of an image written by
// image.
func (w *body) imageHref(im *doc.Image) string {
	sum := im.SHA256
	if len(sum) < 16 {
		h := sha256.Sum256(im.Data)
		sum = hex.EncodeToString(h[:])
	}
	return w.images["sha:"+sum]
}

// definition writes a term and its definitions.
func (w *body) definition(n *doc.Definition) {
	w.ch.nested++
	defer func() { w.ch.nested-- }()
	w.raw("<dt>")
	if n.Term != nil {
		doc.WalkInlines(n.Term.Inlines, w.node)
	}
	w.raw("</dt>\n")
	for _, def := range n.Defs {
		w.raw("<dd>\n")
		doc.WalkBlocks(def, w.node)
		w.raw("</dd>\n")
	}
}

// calloutKinds are the callout kinds the stylesheet draws.
var calloutKinds = map[doc.CalloutKind]bool{
	doc.CalloutNote: true, doc.CalloutTip: true, doc.CalloutWarning: true,
	doc.CalloutImportant: true, doc.CalloutCaution: true,
}

// callout writes a boxed note: an aside with role note, its title first.
func (w *body) callout(n *doc.Callout) {
	w.ch.nested++
	defer func() { w.ch.nested-- }()
	kind := n.Kind
	if !calloutKinds[kind] {
		kind = doc.CalloutNote
	}
	w.raw(`<aside role="note"`)
	w.attrs(doc.Attr{ID: n.Attr.ID, Pairs: n.Attr.Pairs}, "callout", "callout-"+string(kind))
	w.raw(">\n")
	title := n.Title
	if !doc.HasText(title) {
		title = []doc.Inline{&doc.Text{Value: w.words.Callouts[kind]}}
	}
	w.raw(`<p class="callout-title">`)
	doc.WalkInlines(title, w.node)
	w.raw("</p>\n")
	doc.WalkBlocks(n.Blocks, w.node)
	w.raw("</aside>\n")
}
