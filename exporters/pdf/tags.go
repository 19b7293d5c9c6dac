package pdf

import (
	"strings"

	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// This file tags the PDF (PDF/UA-1): the layout describes the structure
// of what it sets with tag ops, which begin and end structure elements in
// the flow of a page's ops, and the drawer hands them to fpdf's tagging
// (third_party/fpdf/tagged.go), which writes the marked content, the
// structure tree and the ParentTree. What is not text of the book is drawn
// as an artifact: running heads and folios, rules, ornaments, dot leaders
// and the hyphens added at line breaks.
//
// Structure: Document > Sect per part of the book (title page, imprint,
// contents, each chapter, the glossary) > H1 (the part's title), H2–H6
// (headingTag: no level skipped), P, L > LI > Lbl + LBody, BlockQuote,
// P > Code, TOC > TOCI > Link; inline, Link (with its annotations) and Span
// with /E (an acronym's expansion).
//
// How a new kind of block tags itself: wrap its lines with
// tagLines(lines, typ, attr) (typ one of the fpdf.Struct constants), or,
// for parts that are not whole lines, its ops with tagOps (or put
// beginTag(typ, attr) before them and endTag() after); draw what is not
// text of the book with artifactTextOp or ruleOp (always an artifact).
// Elements nest as their begin and end ops do in the flow of ops, which
// may run over pages; an element whose lines are drawn between its
// siblings' (a table cell, drawn line by line across its row) is suspended
// and resumed (suspendTag, resumeTag). Tables: Table > THead/TBody > TR >
// TH (attr Scope "Column" or "Row") / TD, one TR per row and one TH or TD
// per cell; figures: Figure (attr Alt) > the image, then Caption;
// footnotes: Note (attr ID) at the note, and a Link around the reference
// that points to it.

// The tag ops. Their numbers leave room for the layout's own op kinds.
const (
	// tagBeginOp begins the structure element tagTypes[dest], with the
	// attributes r.text encodes (see beginTag).
	tagBeginOp opKind = 200 + iota
	// tagEndOp ends the innermost structure element.
	tagEndOp
	// artifactTextOp draws r.text at (x, y), as textOp does, as a layout
	// artifact: an ornament, a dot leader, a hyphen added at a line break.
	artifactTextOp
	// tagSuspendOp closes the innermost structure element for now and
	// keeps it in slot dest; tagResumeOp opens the element of slot dest
	// again. A table cell of several lines, drawn line by line across its
	// row, stays one element so (see table.go).
	tagSuspendOp
	tagResumeOp
)

// abbrStyle marks the run of an acronym (doc.Abbr): the drawer tags it as
// a Span whose /E is the acronym's expansion. Faces ignore it (face).
const abbrStyle style = 1 << 6

// enStyle marks a run of English text: it is tagged as a Span with /Lang
// (en). Faces ignore it.
const enStyle style = 1 << 5

// tagTypes lists the structure types the layout uses; a tagBeginOp's dest
// indexes it.
var tagTypes = []string{
	fpdf.StructDocument, fpdf.StructPart, fpdf.StructSect, fpdf.StructDiv, fpdf.StructBlockQuote,
	fpdf.StructCaption, fpdf.StructTOC, fpdf.StructTOCI, fpdf.StructH1, fpdf.StructH2, fpdf.StructH3,
	fpdf.StructH4, fpdf.StructH5, fpdf.StructH6, fpdf.StructP, fpdf.StructL, fpdf.StructLI,
	fpdf.StructLbl, fpdf.StructLBody, fpdf.StructTable, fpdf.StructTR, fpdf.StructTH, fpdf.StructTD,
	fpdf.StructTHead, fpdf.StructTBody, fpdf.StructTFoot, fpdf.StructSpan, fpdf.StructQuote,
	fpdf.StructNote, fpdf.StructReference, fpdf.StructCode, fpdf.StructLink, fpdf.StructFigure,
	fpdf.StructFormula,
}

func tagIndex(typ string) int {
	for i, t := range tagTypes {
		if t == typ {
			return i
		}
	}
	panic("pdf: unknown structure type " + typ)
}

// attrSep and kvSep separate the attributes that beginTag encodes, and each
// key from its value.
const attrSep, kvSep = "\x1e", "\x1f"

// tagAttr is what a structure element may carry besides its type; see
// fpdf.StructAttr.
type tagAttr = fpdf.StructAttr

// attrFields lists the fields of a that beginTag encodes and decodeAttr
// reads back, each with its key, in the order of the encoding.
func attrFields(a *tagAttr) [8]struct {
	k string
	v *string
} {
	return [...]struct {
		k string
		v *string
	}{{"Alt", &a.Alt}, {"ActualText", &a.ActualText}, {"E", &a.E}, {"Lang", &a.Lang},
		{"T", &a.Title}, {"ID", &a.ID}, {"Scope", &a.Scope}, {"Contents", &a.AnnotContents}}
}

// beginTag returns the op that begins a structure element of type typ.
func beginTag(typ string, a tagAttr) op {
	var parts []string
	for _, f := range attrFields(&a) {
		if *f.v != "" {
			v := strings.NewReplacer(attrSep, " ", kvSep, " ").Replace(*f.v)
			parts = append(parts, f.k+kvSep+v)
		}
	}
	return op{kind: tagBeginOp, dest: tagIndex(typ), r: run{text: strings.Join(parts, attrSep)}}
}

// endTag returns the op that ends the innermost structure element.
func endTag() op { return op{kind: tagEndOp} }

// suspendTag returns the op that closes the innermost structure element
// for now, keeping it in slot; resumeTag the op that opens it again.
func suspendTag(slot int) op { return op{kind: tagSuspendOp, dest: slot} }
func resumeTag(slot int) op  { return op{kind: tagResumeOp, dest: slot} }

// decodeAttr reads the attributes beginTag encoded.
func decodeAttr(s string) tagAttr {
	var a tagAttr
	if s == "" {
		return a
	}
	fields := attrFields(&a)
	for _, p := range strings.Split(s, attrSep) {
		k, v, _ := strings.Cut(p, kvSep)
		for _, f := range fields {
			if f.k == k {
				*f.v = v
				break
			}
		}
	}
	return a
}

// tagLines makes lines the content of one structure element: a begin op
// heads the first line's ops, an end op closes the last's. It returns
// lines, unchanged when empty.
func tagLines(lines []vline, typ string, a tagAttr) []vline {
	if len(lines) == 0 {
		return lines
	}
	lines[0].ops = append([]op{beginTag(typ, a)}, lines[0].ops...)
	last := &lines[len(lines)-1]
	last.ops = append(last.ops, endTag())
	return lines
}

// tagOps returns ops as the content of one structure element: for parts
// of a line, such as a table cell's text or a note reference.
func tagOps(ops []op, typ string, a tagAttr) []op {
	out := make([]op, 0, len(ops)+2)
	out = append(out, beginTag(typ, a))
	out = append(out, ops...)
	return append(out, endTag())
}

// headingTag returns the structure type of a heading of the model's
// level, so that the tree never skips a level (PDF/UA-1 7.4.2): a
// chapter's title is H1, and a heading is one level below the nearest
// heading before it of a lower model level (H2 with none), H6 at most.
// A "##" followed by "####" is so H2 then H3. heads is the stack of the
// chapter's open headings, model level and tagged level, which headingTag
// updates (unless keep is false: a heading in a note does not open a
// section of the chapter).
func headingTag(heads *[]headLevel, level int, keep bool) string {
	s := *heads
	for len(s) > 0 && s[len(s)-1].model >= level {
		s = s[:len(s)-1]
	}
	tagged := 2
	if len(s) > 0 {
		tagged = min(s[len(s)-1].tagged+1, 6)
	}
	if keep {
		*heads = append(s, headLevel{model: level, tagged: tagged})
	}
	return tagTypes[tagIndex(fpdf.StructH1)+tagged-1]
}

// headLevel is an open heading of a chapter: its level in the model and
// in the structure tree.
type headLevel struct{ model, tagged int }

// tagInline tags the inline parts of a line's ops: each stretch of ops
// that link to one URL (text ops and their link annotations) becomes a
// Link element whose annotations' /Contents is the URL, and each stretch
// of English text (enStyle) a Span with /Lang (en).
func tagInline(ops []op) []op {
	n := 0
	for _, o := range ops {
		if o.r.url != "" || o.r.style&enStyle != 0 {
			n++
		}
	}
	if n == 0 {
		return ops
	}
	key := func(o op) string {
		switch {
		case o.r.url != "":
			return "L" + o.r.url
		case o.r.style&enStyle != 0 && o.kind == textOp:
			return "E"
		}
		return ""
	}
	out := make([]op, 0, len(ops)+2*n)
	open := ""
	for _, o := range ops {
		if k := key(o); k != open {
			if open != "" {
				out = append(out, endTag())
			}
			switch {
			case k == "E":
				out = append(out, beginTag(fpdf.StructSpan, tagAttr{Lang: "en"}))
			case k != "":
				out = append(out, beginTag(fpdf.StructLink, tagAttr{AnnotContents: o.r.url}))
			}
			open = k
		}
		out = append(out, o)
	}
	if open != "" {
		out = append(out, endTag())
	}
	return out
}

// wordSpace appends to the text op that ends a word the space that
// follows it in the text, so that text read from the structure tree (which
// joins the text of a line's ops as drawn) keeps its words apart. A space
// is drawn as nothing: the page looks the same.
func wordSpace(ops []op) {
	for i := len(ops) - 1; i >= 0; i-- {
		if ops[i].kind == textOp {
			if !strings.HasSuffix(ops[i].r.text, " ") {
				ops[i].r.text += " "
			}
			return
		}
		if ops[i].kind == artifactTextOp {
			return
		}
	}
}

// tagger draws the tag ops of pages into fpdf, and marks what the drawer
// draws that is not text of the book as artifacts.
type tagger struct {
	p     *fpdf.Fpdf
	lang  string
	terms map[string]doc.Term // the glossary by acronym
	begun bool
	slots map[int]int // the suspended elements by slot
}

// newTagger makes p a tagged PDF in language lang, whose acronyms are
// those of glossary.
func newTagger(p *fpdf.Fpdf, lang string, glossary []doc.Term) *tagger {
	t := &tagger{p: p, lang: lang, terms: make(map[string]doc.Term, len(glossary))}
	for _, term := range glossary {
		t.terms[term.Acronym] = term
	}
	return t
}

// begin opens the Document element before the first page's content.
func (t *tagger) begin() {
	if t == nil || t.begun {
		return
	}
	t.begun = true
	t.p.BeginStruct(fpdf.StructDocument, tagAttr{Lang: t.lang})
}

// end closes the Document element, after the last page.
func (t *tagger) end() {
	if t == nil || !t.begun {
		return
	}
	t.p.EndStruct()
}

// op draws a tag op.
func (t *tagger) op(o op) {
	if t == nil {
		return
	}
	switch o.kind {
	case tagBeginOp:
		t.p.BeginStruct(tagTypes[o.dest], decodeAttr(o.r.text))
	case tagEndOp:
		t.p.EndStruct()
	case tagSuspendOp:
		if t.slots == nil {
			t.slots = map[int]int{}
		}
		t.slots[o.dest] = t.p.SuspendStruct()
	case tagResumeOp:
		e, ok := t.slots[o.dest]
		if !ok {
			panic("pdf: resume of an empty slot")
		}
		delete(t.slots, o.dest)
		t.p.ResumeStruct(e)
	default:
		panic("pdf: not a tag op")
	}
}

// beginAbbr opens the Span of an acronym's text op: /E is the Turkish
// expansion, else the English one with /Lang (en).
func (t *tagger) beginAbbr(o op) {
	if t == nil {
		return
	}
	if o.r.style&abbrStyle == 0 {
		return
	}
	a := tagAttr{}
	if term, ok := t.terms[strings.TrimSpace(o.r.text)]; ok {
		a.E = term.Expansion
		if a.E == "" && term.ExpansionEN != "" {
			a.E, a.Lang = term.ExpansionEN, "en"
		}
	}
	t.p.BeginStruct(fpdf.StructSpan, a)
}

// endAbbr closes what beginAbbr opened.
func (t *tagger) endAbbr(o op) {
	if t == nil {
		return
	}
	if o.r.style&abbrStyle != 0 {
		t.p.EndStruct()
	}
}

// beginArtifact and endArtifact mark what is drawn between them as an
// artifact of type typ.
func (t *tagger) beginArtifact(typ string) {
	if t != nil {
		t.p.BeginArtifact(typ)
	}
}

func (t *tagger) endArtifact() {
	if t != nil {
		t.p.EndArtifact()
	}
}

// tagItem tags the lines of a list item, whose first op is its marker:
// LI > Lbl (the marker) + LBody (the rest).
func tagItem(ls []vline) {
	if len(ls) == 0 || len(ls[0].ops) == 0 {
		return
	}
	first := ls[0].ops
	ops := make([]op, 0, len(first)+5)
	ops = append(ops, beginTag(fpdf.StructLI, tagAttr{}), beginTag(fpdf.StructLbl, tagAttr{}), first[0], endTag(),
		beginTag(fpdf.StructLBody, tagAttr{}))
	ls[0].ops = append(ops, first[1:]...)
	last := &ls[len(ls)-1]
	last.ops = append(last.ops, endTag(), endTag())
}

// tagOnly returns a line that takes no room and holds only o.
func tagOnly(o op) vline { return vline{ops: []op{o}} }

// xmpUA is the XMP description that identifies the file as PDF/UA-1.
const xmpUA = `<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>` + "\n"
