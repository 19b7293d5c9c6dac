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
	if m.TOCDepth != 0 {
		d.line(1, "toc-depth %d", m.TOCDepth)
	}
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
		d.str(1, "subtitle", doc.Subtitle)
		for _, a := range doc.Authors {
			d.str(1, "author", a)
		}
		d.str(1, "date", doc.Date)
		d.str(1, "abstract", doc.Abstract)
		d.str(1, "lang", doc.Lang)
		d.str(1, "part", doc.Part)
		if doc.PartEnds {
			d.line(1, "partend")
		}
		if doc.Depth != 0 {
			d.line(1, "depth %d", doc.Depth)
		}
		for _, im := range doc.Images {
			d.line(1, "image %q %s %dx%d %d bytes sha256=%s", im.Path, im.MediaType, im.Width, im.Height, len(im.Data), im.SHA256)
		}
		leafIndex := map[Block]int{}
		for i, l := range doc.Leaves() {
			leafIndex[l.Block] = i
		}
		d.depth, d.leafIndex = 1, leafIndex
		WalkDocument(doc, d.node)
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
		case *LineBlock:
			d.sentences(d.depth+1, PlainText(n.Inlines), n.Sentences)
		}
		return WalkContinue
	}
	depth := d.depth
	d.depth++
	switch n := n.(type) {
	case *Heading:
		d.line(depth, "heading%s level=%d leaf=%d%s", at(n.Pos), n.Level, d.leafIndex[n], attrString(n.Attr))
	case *Paragraph:
		d.line(depth, "paragraph%s leaf=%d", at(n.Pos), d.leafIndex[n])
	case *LineBlock:
		d.line(depth, "lineblock%s leaf=%d", at(n.Pos), d.leafIndex[n])
	case *CodeBlock:
		d.line(depth, "code%s leaf=%d info=%q%s", at(n.Pos), d.leafIndex[n], n.Info, attrString(n.Attr))
		d.line(depth+1, "%q", n.Text)
	case *Quote:
		d.line(depth, "quote%s", at(n.Pos))
	case *List:
		if n.Ordered {
			style := ""
			if n.Style != StyleDecimal {
				style += " style=" + string(n.Style)
			}
			if n.Delim != DelimPeriod {
				style += " delim=" + string(n.Delim)
			}
			d.line(depth, "list%s ordered start=%d%s", at(n.Pos), n.Start, style)
		} else {
			d.line(depth, "list%s bullet", at(n.Pos))
		}
	case *ListItem:
		switch n.Task {
		case TaskOpen:
			d.line(depth, "item%s task=open", at(n.Pos))
		case TaskDone:
			d.line(depth, "item%s task=done", at(n.Pos))
		default:
			d.line(depth, "item%s", at(n.Pos))
		}
	case *Table:
		d.table(depth, n)
		d.depth = depth
		return WalkSkipChildren
	case *TableCell:
		d.line(depth, "cell")
	case *Figure:
		d.line(depth, "figure%s number=%d image=%q alt=%q title=%q%s", at(n.Pos), n.Number, imagePath(n.Image), n.Alt, n.Title, attrString(n.Attr))
	case *DefinitionList:
		d.line(depth, "deflist%s", at(n.Pos))
	case *Definition:
		d.line(depth, "definition%s", at(n.Pos))
		d.depth = depth + 1
		Walk(n.Term, d.node)
		for _, def := range n.Defs {
			d.line(depth+1, "def")
			d.depth = depth + 2
			WalkBlocks(def, d.node)
		}
		d.depth = depth
		return WalkSkipChildren
	case *Div:
		d.line(depth, "div%s%s", at(n.Pos), attrString(n.Attr))
	case *Callout:
		d.line(depth, "callout%s kind=%s%s", at(n.Pos), n.Kind, attrString(n.Attr))
		d.line(depth+1, "title")
		d.depth = depth + 2
		WalkInlines(n.Title, d.node)
		d.depth = depth + 1
		WalkBlocks(n.Blocks, d.node)
		d.depth = depth
		return WalkSkipChildren
	case *Note:
		d.line(depth, "note %d%s id=%q", n.Number, at(n.Pos), n.ID)
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
		extra := ""
		if n.Title != "" {
			extra += fmt.Sprintf(" title=%q", n.Title)
		}
		if n.TargetDoc != "" {
			extra += fmt.Sprintf(" doc=%s fragment=%q", n.TargetDoc, n.Fragment)
		}
		d.line(depth, "link %q%s%s", n.URL, extra, attrString(n.Attr))
	case *Abbr:
		d.line(depth, "abbr %q term=%d", n.Text, n.Term)
	case *LineBreak:
		d.line(depth, "linebreak")
	case *Strike:
		d.line(depth, "strike")
	case *Sub:
		d.line(depth, "sub")
	case *Sup:
		d.line(depth, "sup")
	case *Span:
		d.line(depth, "span%s", attrString(n.Attr))
	case *InlineImage:
		d.line(depth, "image %q alt=%q title=%q%s", imagePath(n.Image), n.Alt, n.Title, attrString(n.Attr))
	case *NoteRef:
		number := 0
		if n.Note != nil {
			number = n.Note.Number
		}
		d.line(depth, "noteref %d", number)
	case *CrossRef:
		d.line(depth, "xref %q kind=%s doc=%s label=%q number=%q suffix=%q", n.Target, n.Kind, n.TargetDoc, n.Label, n.Number, n.Suffix)
	case *Math:
		if n.Display {
			d.line(depth, "math display %q", n.Source)
		} else {
			d.line(depth, "math %q", n.Source)
		}
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

// table writes a table's lines: the table, its caption, its head and each
// row, with the cells' inlines under them.
func (d *dumper) table(depth int, t *Table) {
	aligns := make([]string, len(t.Align))
	for i, a := range t.Align {
		aligns[i] = string(a)
		if a == AlignDefault {
			aligns[i] = "default"
		}
	}
	d.line(depth, "table%s number=%d align=%s%s", at(t.Pos), t.Number, strings.Join(aligns, ","), attrString(t.Attr))
	if t.Caption != nil {
		d.line(depth+1, "caption")
		d.depth = depth + 2
		WalkInlines(t.Caption, d.node)
	}
	d.line(depth+1, "head")
	for _, c := range t.Head {
		d.depth = depth + 2
		Walk(c, d.node)
	}
	for _, row := range t.Rows {
		d.line(depth+1, "row")
		for _, c := range row {
			d.depth = depth + 2
			Walk(c, d.node)
		}
	}
}

// imagePath is the path Dump writes for an image: its Path, or "" for none.
func imagePath(im *Image) string {
	if im == nil {
		return ""
	}
	return im.Path
}

// attrString formats a non-empty Attr as " {#id .class key="value"}", the
// way Markdown writes it, with values quoted; "" for an empty one.
func attrString(a Attr) string {
	if a.IsZero() {
		return ""
	}
	var parts []string
	if a.ID != "" {
		parts = append(parts, "#"+a.ID)
	}
	for _, c := range a.Classes {
		parts = append(parts, "."+c)
	}
	for _, kv := range a.Pairs {
		parts = append(parts, kv.Key+"="+strconv.Quote(kv.Value))
	}
	return " {" + strings.Join(parts, " ") + "}"
}
