// Package xref gives every heading of a book its id, numbers its sections,
// figures and tables, and resolves its internal links and cross-references,
// across documents.
//
// # Ids
//
// A heading's id is the author's ({#sec-noktalama}), else Slug of its
// text, made unique in the book by "-2", "-3", … in reading order; a
// derived id never takes an id the author gave anywhere in the book. The
// ids the author gives (headings, figures, tables, divs, callouts, code
// blocks, spans, links and images) must be unique in the book: a repeat is
// an error that names both places.
//
// So that a book written for GitHub or pandoc links unchanged, a heading is
// also found by the id GitHub gives it (GitHubSlug, made unique within its
// document: "#tasarım-desenleri", "#-singleton") and by the one pandoc gives
// it (PandocSlug, made unique in the book, as when pandoc reads the
// documents as one). A fragment is looked up as a book id first, then as a
// GitHub id in the target document, then as a pandoc id.
//
// # Links
//
// A link whose URL has no scheme and is "#id", "file.md#id" or "file.md"
// points into the book. The file is a seed's Source path, relative to the
// folder of the linking document (a leading "/" means the seeds folder);
// its fragment, percent-decoded, names an element of that document ("#id"
// alone may name one anywhere in the book, as in pandoc's single-document
// reading). Link.TargetDoc becomes the target document's ID and
// Link.Fragment the element's id, "" for the document's start. A link to a
// seed or id that does not exist is an error. Other links are left alone.
//
// # Numbers
//
// Figures and tables are numbered 1, 2, 3, … through the book in reading
// order (a document's notes after its body). Sections are numbered as
// pandoc's --number-sections numbers a book read as one document with
// chapters at level 1: every level-1 heading is the next chapter (1, 2, 3,
// … through the book), a level-n heading gets its parent's number and a
// count (3.1, 3.2, 3.2.1; a skipped level counts as 0, 3.0.1). A document
// that does not open a chapter itself (its first heading is not at level
// 1, or it has none) is a chapter of its own at its start, as its entry in
// the contents is, so that its level-2 headings are numbered under it;
// unless its Depth in the book outline is above 0, when it continues the
// chapter before it. Headings with the class "unnumbered" are not numbered,
// nor are headings inside quotes, lists, callouts, definitions and notes
// (those inside plain divs are).
//
// # Cross-references
//
// A CrossRef (@sec-id, @fig-id, @tbl-id) gets its target's document, kind,
// label in the book's language ("Bölüm", "Şekil", "Tablo") and number. In
// a Turkish book the case ending the author wrote after it, not knowing the
// number ("@fig-harita'da"), is inflected again for the number as it is
// read aloud (turkish.NumeralSuffix: "Şekil 3’te", "Şekil 6’da") and
// written with the typographic apostrophe the normaliser puts between a
// number and its ending; an ending it does not know is kept as written,
// with a warning. A reference to an id that does not exist, to an element
// that is not a section, figure or table, to one of another kind than the
// reference says, or to an unnumbered section is an error.
//
// # Streaming
//
// The pipeline gives documents to its sink one at a time, but a reference
// may point forward. So an Index is filled first (Add, in reading order,
// from documents that are then dropped: it keeps ids, kinds, numbers and
// heading texts, not blocks), sealed, and then used to Resolve every
// document; Resolve of a sealed Index is safe to call from several
// goroutines at once, each with its own document. When no document can
// hold a reference, Add and Resolve may alternate, document by document:
// ids and numbers come out the same. An Index told so (ForgetResolved)
// then keeps of each resolved document only what keeps later ids unique,
// so that its memory grows by a few dozen bytes an id, not by the
// document's headings.
package xref

import (
	"fmt"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/seedpress/seedpress/internal/idset"
	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/manifest"
	"github.com/seedpress/seedpress/pipeline/turkish"
)

// Index holds the ids, kinds and numbers of a book's elements. The zero
// value is not usable; make one with New.
type Index struct {
	labels  doc.Labels
	turkish bool

	docs     []*document          // in reading order
	bySource map[string]*document // by Document.Source
	ids      map[string]*target   // every id of the book
	pandoc   map[string]*target   // pandoc's ids of the headings
	used     map[string]bool      // the ids pandoc would have used so far
	// next holds, for a derived id taken once, the next suffix to try
	// (ours and pandoc's), so that making ids unique does not probe
	// -2, -3, … again for every heading of the same text: a book of
	// 10,000 chapters, each with a "Giriş", would otherwise cost time
	// quadratic in the chapters.
	next, nextPandoc map[string]int
	sealed           int // docs[:sealed] have their ids and numbers

	// forget is set by ForgetResolved: Resolve then moves the ids of the
	// document it resolves into past, as hashes, and drops the document.
	forget bool
	past   idset.Set

	sections []int // the last section number, pandoc's lastnum
	figures  int   // figures numbered so far
	tables   int
}

// document is what the Index keeps of one document.
type document struct {
	id, source string
	depth      int
	// targets are the document's headings, figures and tables in the
	// order of doc.WalkDocument, which Resolve walks again.
	targets []*target
	others  []*target          // the other elements the author gave an id
	github  map[string]*target // GitHub's ids of its headings
}

// kind is what an element with an id is.
type kind int

const (
	kindOther kind = iota // a div, callout, code block, span, link or image
	kindHeading
	kindFigure
	kindTable
)

func (k kind) String() string {
	switch k {
	case kindHeading:
		return "heading"
	case kindFigure:
		return "figure"
	case kindTable:
		return "table"
	}
	return "element"
}

// refKind returns the cross-reference kind of k, "" for kindOther.
func (k kind) refKind() doc.RefKind {
	switch k {
	case kindHeading:
		return doc.RefSection
	case kindFigure:
		return doc.RefFigure
	case kindTable:
		return doc.RefTable
	}
	return ""
}

// target is one element of the book that a link or reference may name.
type target struct {
	kind     kind
	id       string // "" for a heading without the author's id until sealed
	explicit bool   // the author gave id
	doc      *document
	pos      doc.Pos
	// Headings only:
	text       string // plain text
	level      int
	section    bool // numbered as a section: not inside a quote, list, …
	unnumbered bool // class "unnumbered"
	// number is a heading's section number ("3.2"), a figure's or table's
	// ("4"); "" for an unnumbered heading.
	number string
}

// New returns an empty Index for a book in language lang (a BCP 47 tag;
// its labels are doc.LabelsFor(lang), and case endings are inflected only
// when it is Turkish).
func New(lang string) *Index {
	return &Index{
		labels:   doc.LabelsFor(lang),
		turkish:  doc.PrimaryLang(lang) == "tr",
		bySource: map[string]*document{},
		ids:      map[string]*target{},
		pandoc:   map[string]*target{},
		used:     map[string]bool{},
	}
}

// ForgetResolved makes x keep, of each document it resolves from then on,
// only what keeps the ids of later documents unique: the ids themselves,
// as hashes (internal/idset), about 28 bytes an id. No link or
// cross-reference may then name an element of a resolved document, and
// GitHub's and pandoc's ids, which only links use, are not made; a
// duplicate of a forgotten id is reported without its place. Stream calls
// it when no seed may refer to another, so that a book's index does not
// grow with its headings: no seed then has an id of the author's, which
// MayRefer sees, so every id is made unique, and none is a duplicate.
func (x *Index) ForgetResolved() { x.forget = true }

// Add records the elements of d, the next document in reading order, and
// returns an error for each id the author gave that the book already has.
// d.ID and d.Source must be set; d is not changed and not kept.
func (x *Index) Add(d *doc.Document) diag.List {
	var diags diag.List
	e := &document{id: d.ID, source: d.Source, depth: d.Depth, github: map[string]*target{}}
	x.docs = append(x.docs, e)
	x.bySource[d.Source] = e

	var at doc.Pos // the position of the innermost block entered
	nested := 0    // containers entered that are not plain divs
	explicit := func(t *target, id string) {
		if id == "" {
			return
		}
		t.id, t.explicit = id, true
		if prev := x.ids[id]; prev != nil {
			diags.Errorf(t.pos, "duplicate id %q: it is also the id of the %s at %s", id, prev.kind, prev.pos)
			return
		}
		if x.forgotten(id) {
			diags.Errorf(t.pos, "duplicate id %q: it is also the id of an element of an earlier seed", id)
			return
		}
		x.ids[id] = t
		if t.kind == kindOther {
			e.others = append(e.others, t)
		}
	}
	doc.WalkDocument(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if b, ok := n.(doc.Block); ok && entering {
			at = b.Position()
		}
		switch n.(type) {
		case *doc.Quote, *doc.List, *doc.Callout, *doc.DefinitionList, *doc.Note:
			if entering {
				nested++
			} else {
				nested--
			}
		}
		if !entering {
			return doc.WalkContinue
		}
		switch n := n.(type) {
		case *doc.Heading:
			t := &target{kind: kindHeading, doc: e, pos: n.Pos, text: doc.PlainText(n.Inlines), level: n.Level,
				section: nested == 0, unnumbered: n.Attr.HasClass("unnumbered")}
			e.targets = append(e.targets, t)
			explicit(t, n.Attr.ID)
		case *doc.Figure:
			t := &target{kind: kindFigure, doc: e, pos: n.Pos}
			e.targets = append(e.targets, t)
			explicit(t, n.Attr.ID)
		case *doc.Table:
			t := &target{kind: kindTable, doc: e, pos: n.Pos}
			e.targets = append(e.targets, t)
			explicit(t, n.Attr.ID)
		case *doc.Div:
			explicit(&target{doc: e, pos: at}, n.Attr.ID)
		case *doc.Callout:
			explicit(&target{doc: e, pos: at}, n.Attr.ID)
		case *doc.CodeBlock:
			explicit(&target{doc: e, pos: at}, n.Attr.ID)
		case *doc.Span:
			explicit(&target{doc: e, pos: at}, n.Attr.ID)
		case *doc.Link:
			explicit(&target{doc: e, pos: at}, n.Attr.ID)
		case *doc.InlineImage:
			explicit(&target{doc: e, pos: at}, n.Attr.ID)
		}
		return doc.WalkContinue
	})
	return diags
}

// Seal gives ids and numbers to the elements of the documents added since
// the last Seal (Resolve seals too). After it, until the next Add, the
// Index is only read.
func (x *Index) Seal() {
	for _, e := range x.docs[x.sealed:] {
		x.seal(e)
	}
	x.sealed = len(x.docs)
}

// seal gives ids and numbers to the elements of e.
func (x *Index) seal(e *document) {
	if e.depth == 0 && !opensChapter(e) {
		x.sections = append(x.sections[:0], x.chapter()+1)
	}
	var github githubSlugger
	for _, t := range e.targets {
		switch t.kind {
		case kindFigure:
			x.figures++
			t.number = strconv.Itoa(x.figures)
		case kindTable:
			x.tables++
			t.number = strconv.Itoa(x.tables)
		case kindHeading:
			if !t.explicit {
				t.id = x.unique(Slug(t.text))
				x.ids[t.id] = t
			}
			if t.section && !t.unnumbered {
				t.number = x.numberSection(t.level)
			}
			if x.forget {
				continue // the aliases only links use
			}
			if gh := github.slug(t.text); e.github[gh] == nil {
				e.github[gh] = t
			}
			p := t.id
			if !t.explicit {
				if x.nextPandoc == nil {
					x.nextPandoc = map[string]int{}
				}
				p = uniquePandoc(PandocSlug(t.text), x.used, x.nextPandoc)
			}
			x.used[p] = true
			if x.pandoc[p] == nil {
				x.pandoc[p] = t
			}
		}
		if t.explicit && !x.forget {
			x.used[t.id] = true
		}
	}
}

// opensChapter reports whether the first section heading of e is at level 1.
func opensChapter(e *document) bool {
	for _, t := range e.targets {
		if t.kind == kindHeading && t.section && !t.unnumbered {
			return t.level == 1
		}
	}
	return false
}

// chapter returns the number of the last chapter, 0 before the first.
func (x *Index) chapter() int {
	if len(x.sections) == 0 {
		return 0
	}
	return x.sections[0]
}

// numberSection returns the number of the next section at level, as
// pandoc's makeSections counts.
func (x *Index) numberSection(level int) string {
	n := x.sections
	if len(n) >= level {
		n = n[:level]
		n[level-1]++
	} else {
		for len(n) < level-1 {
			n = append(n, 0)
		}
		n = append(n, 1)
	}
	x.sections = n
	var b strings.Builder
	for i, v := range n {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(strconv.Itoa(v))
	}
	return b.String()
}

// taken reports whether an element of the book has id.
func (x *Index) taken(id string) bool { return x.ids[id] != nil || x.forgotten(id) }

// forgotten reports whether a forgotten document has id: past has it, or
// it is implied.
func (x *Index) forgotten(id string) bool { return x.past.Has(id) || x.implied(id) }

// implied reports whether id is a derived id and a suffix, "base-N", whose
// N unique gave or stepped over for base (2 ≤ N < next[base]): every such
// id is taken, so a forgotten document's are not kept in past. A book
// whose chapters all have a "Giriş" keeps one id for them, not one each.
func (x *Index) implied(id string) bool {
	i := strings.LastIndexByte(id, '-')
	if i < 0 || len(x.next) == 0 {
		return false
	}
	next, ok := x.next[id[:i]]
	if !ok {
		return false
	}
	n, err := strconv.Atoi(id[i+1:])
	return err == nil && n >= 2 && n < next && strconv.Itoa(n) == id[i+1:]
}

// unique returns id, or id with the first suffix "-2", "-3", … that no
// element of the book has.
func (x *Index) unique(id string) string {
	if !x.taken(id) {
		return id
	}
	// Every suffix below next[id] was taken when it was passed, and ids
	// are never given back: the first free one is at next[id] or after.
	n := max(x.next[id], 2)
	u := id + "-" + strconv.Itoa(n)
	for x.taken(u) {
		n++
		u = id + "-" + strconv.Itoa(n)
	}
	if x.next == nil {
		x.next = map[string]int{}
	}
	x.next[id] = n + 1
	return u
}

// Resolve gives d (a document added before, by its Source) what the Index
// knows: its headings' ids, its figures' and tables' numbers, its internal
// links' targets and its cross-references' kinds, labels, numbers and
// endings. It returns the problems found, at the position of the block
// that holds each link or reference. A document the Index does not have
// (one whose reading failed) is left alone.
func (x *Index) Resolve(d *doc.Document) diag.List {
	if x.sealed < len(x.docs) {
		x.Seal()
	}
	e := x.bySource[d.Source]
	if e == nil {
		return nil
	}
	r := resolver{x: x, from: e}
	doc.WalkDocument(d, r.visit)
	if r.next != len(e.targets) && !r.diags.HasErrors() {
		r.diags.Errorf(doc.Pos{File: d.Source}, "internal error: the document changed between its indexing and its resolution")
	}
	if x.forget {
		x.release(e)
	}
	return r.diags
}

// release forgets e, which is sealed, but for its ids.
func (x *Index) release(e *document) {
	for _, ts := range [][]*target{e.targets, e.others} {
		for _, t := range ts {
			if t.id == "" || x.ids[t.id] != t {
				continue // no id, or a duplicate reported at Add
			}
			delete(x.ids, t.id)
			if !x.implied(t.id) {
				x.past.Add(t.id)
			}
		}
	}
	delete(x.bySource, e.source)
	if i := slices.Index(x.docs, e); i >= 0 {
		x.docs = slices.Delete(x.docs, i, i+1)
		x.sealed--
	}
}

// resolver walks one document for Resolve.
type resolver struct {
	x     *Index
	from  *document
	at    doc.Pos // the position of the innermost block entered
	next  int     // index of the next of from.targets
	diags diag.List
}

func (r *resolver) visit(n doc.Node, entering bool) doc.WalkStatus {
	if !entering {
		return doc.WalkContinue
	}
	if b, ok := n.(doc.Block); ok {
		r.at = b.Position()
	}
	switch n := n.(type) {
	case *doc.Heading:
		if t := r.take(kindHeading); t != nil {
			n.Attr.ID = t.id
		}
	case *doc.Figure:
		if t := r.take(kindFigure); t != nil {
			n.Number, _ = strconv.Atoi(t.number)
		}
	case *doc.Table:
		if t := r.take(kindTable); t != nil {
			n.Number, _ = strconv.Atoi(t.number)
		}
	case *doc.Link:
		r.link(n)
	case *doc.CrossRef:
		r.crossRef(n)
	}
	return doc.WalkContinue
}

// take returns the next target of the document, which must be of kind k.
func (r *resolver) take(k kind) *target {
	if r.next >= len(r.from.targets) || r.from.targets[r.next].kind != k {
		r.next = len(r.from.targets) + 1 // reported once, by Resolve
		return nil
	}
	t := r.from.targets[r.next]
	r.next++
	return t
}

// link resolves an internal link.
func (r *resolver) link(l *doc.Link) {
	raw := l.URL
	if isExternal(raw) {
		return
	}
	file, frag, _ := strings.Cut(raw, "#")
	if i := strings.IndexByte(file, '?'); i >= 0 {
		file = file[:i]
	}
	to := r.from
	if file != "" {
		p, err := url.PathUnescape(file)
		if err != nil {
			p = file
		}
		if !manifest.IsSeedName(p) {
			return // a resource or a folder: not a document of the book
		}
		if strings.HasPrefix(p, "/") {
			p = path.Clean(strings.TrimLeft(p, "/"))
		} else {
			p = path.Join(path.Dir(r.from.source), p)
		}
		if to = r.x.bySource[p]; to == nil {
			r.diags.Errorf(r.at, "link to %q: the book has no seed %s", raw, p)
			return
		}
	}
	id, err := url.PathUnescape(frag)
	if err != nil {
		id = frag
	}
	if id == "" {
		l.TargetDoc, l.Fragment = to.id, ""
		return
	}
	t := r.x.lookup(to, id, file == "")
	if t == nil {
		if o := r.x.ids[id]; o != nil {
			r.diags.Errorf(r.at, "link to %q: %s has no id %q (the %s at %s has it)", raw, to.source, id, o.kind, o.pos)
		} else {
			r.diags.Errorf(r.at, "link to %q: no heading or element of the book has the id %q", raw, id)
		}
		return
	}
	l.TargetDoc, l.Fragment = t.doc.id, t.id
}

// lookup finds the element that id names in document to: a book id, a
// GitHub id of to, or a pandoc id; anywhere in the book when anywhere is
// set, else only in to.
func (x *Index) lookup(to *document, id string, anywhere bool) *target {
	if t := x.ids[id]; t != nil && (anywhere || t.doc == to) {
		return t
	}
	if t := to.github[id]; t != nil {
		return t
	}
	if t := x.pandoc[id]; t != nil && (anywhere || t.doc == to) {
		return t
	}
	return nil
}

// crossRef resolves a cross-reference.
func (r *resolver) crossRef(c *doc.CrossRef) {
	t := r.x.ids[c.Target]
	switch {
	case t == nil:
		r.diags.Errorf(r.at, "cross-reference @%s: no element of the book has the id %q", c.Target, c.Target)
		return
	case t.kind == kindOther:
		r.diags.Errorf(r.at, "cross-reference @%s: the element at %s is not a section, figure or table", c.Target, t.pos)
		return
	case c.Kind != "" && c.Kind != t.kind.refKind():
		r.diags.Errorf(r.at, "cross-reference @%s: it names a %s, but %q is the id of the %s at %s", c.Target, kindName(c.Kind), c.Target, t.kind, t.pos)
		return
	case t.number == "":
		r.diags.Errorf(r.at, "cross-reference @%s: the heading at %s is not numbered", c.Target, t.pos)
		return
	}
	c.Kind = t.kind.refKind()
	c.TargetDoc = t.doc.id
	c.Number = t.number
	switch c.Kind {
	case doc.RefSection:
		c.Label = r.x.labels.Section
	case doc.RefFigure:
		c.Label = r.x.labels.Figure
	case doc.RefTable:
		c.Label = r.x.labels.Table
	}
	if c.Suffix == "" || !r.x.turkish {
		return
	}
	s, ok := turkish.NumeralSuffix(c.Number, c.Suffix)
	if !ok {
		r.diags.Warnf(r.at, "cross-reference @%s: %q is not a case ending that can follow the number; kept as written", c.Target, c.Suffix)
		return
	}
	// The apostrophe the normaliser writes between a number and its ending.
	c.Suffix = "’" + strings.TrimLeft(s, "'’")
}

// kindName names a cross-reference kind for messages.
func kindName(k doc.RefKind) string {
	switch k {
	case doc.RefSection:
		return "section"
	case doc.RefFigure:
		return "figure"
	case doc.RefTable:
		return "table"
	}
	return fmt.Sprintf("%q", string(k))
}

// isExternal reports whether a URL leaves the book: it has a scheme
// ("https:", "mailto:") or a host ("//example.org").
func isExternal(u string) bool {
	if strings.HasPrefix(u, "//") {
		return true
	}
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case c == ':' && i > 0:
			return true
		default:
			return false
		}
	}
	return false
}
