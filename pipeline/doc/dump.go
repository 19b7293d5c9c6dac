package doc

import (
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Dump writes a stable, readable text form of the book to w: the contract
// between the stages and the golden files of their tests. Every field of the
// model appears; strings are quoted with strconv.Quote so that invisible
// characters show. Indentation is two spaces per level.
func Dump(w io.Writer, b *Book) error {
	d := &dumper{w: w}
	m := b.Meta
	d.line(0, "book")
	d.str(1, "title", m.Title)
	d.str(1, "subtitle", m.Subtitle)
	for _, a := range m.Authors {
		d.str(1, "author", a)
	}
	d.str(1, "lang", m.Lang)
	d.str(1, "date", m.Date)
	d.str(1, "publisher", m.Publisher)
	d.str(1, "rights", m.Rights)
	d.str(1, "description", m.Description)
	for _, s := range m.Subjects {
		d.str(1, "subject", s)
	}
	d.str(1, "identifier", m.Identifier)
	d.str(1, "papersize", m.PaperSize)
	if m.Cover != nil {
		d.line(1, "cover %q %s %dx%d %d bytes", m.Cover.Name, m.Cover.MediaType, m.Cover.Width, m.Cover.Height, len(m.Cover.Data))
	}
	for _, doc := range b.Documents {
		d.line(0, "document %d %s", doc.Index, doc.ID)
		d.line(1, "source %q", doc.Source)
		d.line(1, "sha256 %s", doc.SHA256)
		d.line(1, "encoding %s", doc.Encoding)
		d.line(1, "format %s", doc.Format)
		d.line(1, "title %q", doc.Title)
		leafIndex := map[Block]int{}
		for i, l := range doc.Leaves() {
			leafIndex[l.Block] = i
		}
		d.depth, d.leafIndex = 1, leafIndex
		WalkBlocks(doc.Blocks, d.node)
	}
	if len(b.Glossary) > 0 {
		d.line(0, "glossary")
		for i, t := range b.Glossary {
			d.line(1, "term %d %q", i, t.Acronym)
			d.line(2, "expansion %q", t.Expansion)
			if t.ExpansionEN != "" {
				d.line(2, "expansion_en %q lang=en", t.ExpansionEN)
			}
			d.line(2, "defined %s", t.Defined)
			d.line(2, "occurrences %d", t.Occurrences)
			uses := make([]string, len(t.Uses))
			for j, u := range t.Uses {
				uses[j] = u.String()
			}
			d.line(2, "uses %s", strings.Join(uses, " "))
		}
	}
	return d.err
}

// String formats r as "doc/leaf/sentence".
func (r Ref) String() string { return fmt.Sprintf("%d/%d/%d", r.Doc, r.Leaf, r.Sentence) }

// String formats p as "file:line:col", or "file" when Line is zero.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}

type dumper struct {
	w   io.Writer
	err error

	// The state of the walk over a document's blocks.
	depth     int
	leafIndex map[Block]int
}

func (d *dumper) line(depth int, format string, args ...any) {
	if d.err != nil {
		return
	}
	_, d.err = fmt.Fprintf(d.w, "%s"+format+"\n", append([]any{strings.Repeat("  ", depth)}, args...)...)
}

func (d *dumper) str(depth int, key, v string) {
	if v != "" {
		d.line(depth, "%s %q", key, v)
	}
}

func at(p Pos) string {
	if p.Line == 0 {
		return ""
	}
	return fmt.Sprintf(" @%d:%d", p.Line, p.Col)
}

// node writes the line of n when entering it, and a text block's sentences
// when leaving it; the lines of n's children are one level deeper.
func (d *dumper) node(n Node, entering bool) WalkStatus {
	if !entering {
		d.depth--
		switch n := n.(type) {
		case *Heading:
			d.sentences(d.depth+1, PlainText(n.Inlines), n.Sentences)
		case *Paragraph:
			d.sentences(d.depth+1, PlainText(n.Inlines), n.Sentences)
		}
		return WalkContinue
	}
	depth := d.depth
	d.depth++
	switch n := n.(type) {
	case *Heading:
		d.line(depth, "heading%s level=%d leaf=%d", at(n.Pos), n.Level, d.leafIndex[n])
	case *Paragraph:
		d.line(depth, "paragraph%s leaf=%d", at(n.Pos), d.leafIndex[n])
	case *CodeBlock:
		d.line(depth, "code%s leaf=%d info=%q", at(n.Pos), d.leafIndex[n], n.Info)
		d.line(depth+1, "%q", n.Text)
	case *Quote:
		d.line(depth, "quote%s", at(n.Pos))
	case *List:
		if n.Ordered {
			d.line(depth, "list%s ordered start=%d", at(n.Pos), n.Start)
		} else {
			d.line(depth, "list%s bullet", at(n.Pos))
		}
	case *ListItem:
		d.line(depth, "item%s", at(n.Pos))
	case *ThematicBreak:
		d.line(depth, "break%s", at(n.Pos))
	case *Text:
		d.line(depth, "text %q", n.Value)
	case *Emph:
		d.line(depth, "emph")
	case *Strong:
		d.line(depth, "strong")
	case *Code:
		d.line(depth, "code %q", n.Value)
	case *Link:
		d.line(depth, "link %q", n.URL)
	case *Abbr:
		d.line(depth, "abbr %q term=%d", n.Text, n.Term)
	case *LineBreak:
		d.line(depth, "linebreak")
	default:
		panic(fmt.Sprintf("doc: Dump: unknown node type %T", n))
	}
	return WalkContinue
}

func (d *dumper) sentences(depth int, text string, ss []Sentence) {
	for i, s := range ss {
		d.line(depth, "sentence %d [%d,%d) words=%d %q", i, s.Start, s.End, s.Words, SliceRunes(text, s.Start, s.End))
	}
}
