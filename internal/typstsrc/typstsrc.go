// Package typstsrc writes a book of the model as one Typst document, so that
// the benchmark harness (cmd/seedbench) can set the same seeds with Typst
// and compare its speed with seedpress's PDF.
//
// It is for measurement, not for users: the markup is simple and correct
// (every character of the text is escaped, every node of the model is set)
// but it makes no attempt at seedpress's typography. Each document is a
// chapter on a new page; headings, paragraphs, emphasis, code, links,
// lists, quotes, code blocks, footnotes (set at their reference, numbered
// from 1 in each chapter), tables
// (captioned figures, caption above), figures (scaled like seedpress's:
// to the text width, two thirds of the text height, 150 dpi at most),
// callouts (a framed block), definition lists and line blocks. Internal
// links and cross-references are set as their text, not as live links.
// The page is A5 with the Typst default margins, 10 pt Charis SIL,
// justified and hyphenated, language "tr"; code is in DejaVu Sans Mono.
package typstsrc

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// ImageDir is the folder, relative to the Typst file, that Writer puts the
// book's images in.
const ImageDir = "img"

// Writer is a doc.Sink that writes the book as Typst markup to a file
// (book.typ) in its folder, and the images the book uses into ImageDir
// beside it.
type Writer struct {
	dir    string
	w      *bufio.Writer
	err    error
	images map[string]string // SHA-256 → path relative to dir
	notes  map[*doc.Note]string
	doc    int  // index of the document being written
	call   bool // the last thing written ends an inline function call
}

// New returns a Writer that writes Typst markup to w, and the images into
// dir/ImageDir.
func New(w io.Writer, dir string) *Writer {
	return &Writer{dir: dir, w: bufio.NewWriterSize(w, 1<<16), images: map[string]string{}}
}

// Begin writes the page setup and the title.
func (t *Writer) Begin(meta doc.Meta, documents int) error {
	t.s("#set document(title: " + Str(meta.Title) + ")\n")
	t.s("#set page(paper: \"a5\", numbering: \"1\")\n")
	t.s("#set text(font: \"Charis SIL\", size: 10pt, lang: \"tr\", hyphenate: true)\n")
	t.s("#set par(justify: true)\n")
	t.s("#show raw: set text(font: \"DejaVu Sans Mono\")\n")
	t.s("#show figure.where(kind: table): set figure.caption(position: top)\n")
	t.s("#align(center)[#text(size: 20pt)[" + Escape(meta.Title) + "]]\n\n")
	t.s("#pagebreak()\n#outline(depth: 3)\n\n")
	return t.err
}

// Document writes d as a chapter.
func (t *Writer) Document(d *doc.Document) error {
	t.doc = d.Index
	t.notes = map[*doc.Note]string{}
	if part := strings.TrimSpace(d.Part); part != "" {
		t.s("#pagebreak(weak: true)\n#heading(level: 1)[" + Escape(part) + "]\n\n")
	}
	title := strings.TrimSpace(d.Title)
	if title == "" {
		title = fmt.Sprintf("Bölüm %d", d.Index+1)
	}
	blocks := d.Blocks
	if len(blocks) > 0 {
		if h, ok := blocks[0].(*doc.Heading); ok && (h.Level == 1 || strings.TrimSpace(doc.PlainText(h.Inlines)) == title) {
			blocks = blocks[1:]
		}
	}
	t.s("#pagebreak(weak: true)\n#heading(level: 1)[" + Escape(title) + "]\n#counter(footnote).update(0)\n\n")
	t.blocks(blocks)
	return t.err
}

// End flushes the markup.
func (t *Writer) End([]doc.Term) error {
	if t.err == nil {
		t.err = t.w.Flush()
	}
	return t.err
}

func (t *Writer) s(s string) {
	if t.err == nil {
		_, t.err = t.w.WriteString(s)
	}
	t.call = false
}

// endCall writes the end of an inline function call.
func (t *Writer) endCall(s string) {
	t.s(s)
	t.call = true
}

func (t *Writer) blocks(bs []doc.Block) {
	doc.WalkBlocks(bs, t.node)
}

func (t *Writer) inlines(ins []doc.Inline) {
	doc.WalkInlines(ins, t.node)
}

// content writes ins as a content block, [...].
func (t *Writer) content(ins []doc.Inline) {
	t.s("[")
	t.inlines(ins)
	t.s("]")
}

// blockContent writes bs as a content block.
func (t *Writer) blockContent(bs []doc.Block) {
	t.s("[")
	t.blocks(bs)
	t.s("]")
}

// node writes n on entering it and sets its children itself, so it never
// goes into them; its default panics on a type it does not know.
func (t *Writer) node(n doc.Node, entering bool) doc.WalkStatus {
	if !entering {
		return doc.WalkContinue
	}
	switch n := n.(type) {
	// Blocks.
	case *doc.Heading:
		t.s("#heading(level: " + strconv.Itoa(max(n.Level, 2)) + ")")
		t.content(n.Inlines)
		t.s("\n\n")
	case *doc.Paragraph:
		t.inlines(n.Inlines)
		t.s("\n\n")
	case *doc.LineBlock:
		t.inlines(n.Inlines)
		t.s("\n\n")
	case *doc.CodeBlock:
		t.s("#raw(block: true, " + Str(n.Text) + ")\n\n")
	case *doc.Quote:
		t.s("#quote(block: true)")
		t.blockContent(n.Blocks)
		t.s("\n\n")
	case *doc.List:
		t.list(n)
	case *doc.ThematicBreak:
		t.s("#align(center, line(length: 30%))\n\n")
	case *doc.Table:
		t.table(n)
	case *doc.Figure:
		t.s("#figure(")
		t.image(n.Image, "")
		if n.Caption != nil {
			t.s(", caption: ")
			t.content(n.Caption)
		}
		t.s(")\n\n")
	case *doc.DefinitionList:
		t.s("#terms(")
		for _, d := range n.Items {
			t.s("terms.item(")
			t.content(d.Term.Inlines)
			t.s(", [")
			for i, def := range d.Defs {
				if i > 0 {
					t.s("\n\n")
				}
				t.blocks(def)
			}
			t.s("]), ")
		}
		t.s(")\n\n")
	case *doc.Div:
		t.blocks(n.Blocks)
	case *doc.Callout:
		t.s("#block(stroke: 0.5pt, inset: 6pt, width: 100%)[#strong[")
		if len(n.Title) > 0 {
			t.inlines(n.Title)
		} else {
			t.s(Escape(string(n.Kind)))
		}
		t.s("]\n\n")
		t.blocks(n.Blocks)
		t.s("]\n\n")
	case *doc.Note: // set at its reference
	case *doc.ListItem, *doc.TableCell, *doc.Definition:
		panic(fmt.Sprintf("typstsrc: %T outside its container", n))

	// Inlines.
	case *doc.Text:
		v := n.Value
		if t.call && v != "" && (v[0] == '.' || v[0] == '(') {
			t.s(`\`)
		}
		t.s(Escape(v))
	case *doc.Abbr:
		t.s(Escape(n.Text))
	case *doc.Emph:
		t.call1("#emph", n.Inlines)
	case *doc.Strong:
		t.call1("#strong", n.Inlines)
	case *doc.Strike:
		t.call1("#strike", n.Inlines)
	case *doc.Sub:
		t.call1("#sub", n.Inlines)
	case *doc.Sup:
		t.call1("#super", n.Inlines)
	case *doc.Span:
		t.call1("#box", n.Inlines)
	case *doc.Code:
		t.endCall("#raw(" + Str(n.Value) + ")")
	case *doc.Math:
		t.endCall("#raw(" + Str(n.Source) + ")")
	case *doc.Link:
		if n.Internal() || n.URL == "" {
			t.inlines(n.Inlines)
			break
		}
		t.s("#link(" + Str(n.URL) + ")")
		t.content(n.Inlines)
		t.call = true
	case *doc.LineBreak:
		t.s("\\\n")
	case *doc.InlineImage:
		t.s("#box(")
		t.image(n.Image, "1em")
		t.endCall(")")
	case *doc.NoteRef:
		t.noteRef(n.Note)
	case *doc.CrossRef:
		t.s(Escape(n.Text()))
	default:
		panic(fmt.Sprintf("typstsrc: unknown node %T", n))
	}
	return doc.WalkSkipChildren
}

// call1 writes name[ins].
func (t *Writer) call1(name string, ins []doc.Inline) {
	t.s(name)
	t.content(ins)
	t.call = true
}

// noteRef writes note as a footnote at its first reference and refers to
// that footnote at the next ones.
func (t *Writer) noteRef(note *doc.Note) {
	if note == nil {
		return
	}
	if label, ok := t.notes[note]; ok {
		t.endCall("#footnote(<" + label + ">)")
		return
	}
	label := fmt.Sprintf("fn-%d-%d", t.doc, len(t.notes)+1)
	t.notes[note] = label
	t.s("#footnote[")
	t.blocks(note.Blocks)
	t.endCall("]<" + label + ">")
}

func (t *Writer) list(l *doc.List) {
	if l.Ordered {
		num := "1."
		switch l.Style {
		case doc.StyleLowerAlpha:
			num = "a."
		case doc.StyleUpperAlpha:
			num = "A."
		case doc.StyleLowerRoman:
			num = "i."
		case doc.StyleUpperRoman:
			num = "I."
		}
		switch l.Delim {
		case doc.DelimParen:
			num = strings.TrimSuffix(num, ".") + ")"
		case doc.DelimParens:
			num = "(" + strings.TrimSuffix(num, ".") + ")"
		}
		t.s("#enum(start: " + strconv.Itoa(max(l.Start, 0)) + ", numbering: " + Str(num) + ", ")
	} else {
		t.s("#list(")
	}
	for _, it := range l.Items {
		t.s("[")
		switch it.Task {
		case doc.TaskOpen:
			t.s(`\[ \] `)
		case doc.TaskDone:
			t.s(`\[x\] `)
		}
		t.blocks(it.Blocks)
		t.s("], ")
	}
	t.s(")\n\n")
}

func (t *Writer) table(tb *doc.Table) {
	t.s("#figure(kind: table, ")
	if tb.Caption != nil {
		t.s("caption: ")
		t.content(tb.Caption)
		t.s(", ")
	}
	cols := len(tb.Head)
	for _, r := range tb.Rows {
		cols = max(cols, len(r))
	}
	t.s("table(columns: " + strconv.Itoa(max(cols, 1)) + ", stroke: none, align: (")
	for i := range cols {
		a := "left"
		if i < len(tb.Align) {
			switch tb.Align[i] {
			case doc.AlignCenter:
				a = "center"
			case doc.AlignRight:
				a = "right"
			}
		}
		t.s(a + ", ")
	}
	t.s("), table.hline(), ")
	if len(tb.Head) > 0 {
		t.s("table.header(")
		t.cells(tb.Head)
		t.s("), table.hline(), ")
	}
	for _, r := range tb.Rows {
		t.cells(r)
	}
	t.s("table.hline()))\n\n")
}

func (t *Writer) cells(row []*doc.TableCell) {
	for _, c := range row {
		t.content(c.Inlines)
		t.s(", ")
	}
}

// Text area of an A5 page with Typst's default margins (2.5/21 of the
// shorter side), in millimetres, for scaling figures as seedpress does.
const (
	textWidthMM  = 148 * (1 - 5.0/21)
	textHeightMM = 210 - 148*5.0/21
)

// image writes an image(...) call for img, writing its file once. With a
// height ("1em") the image is set at that height; otherwise at its size at
// 150 dpi, shrunk to the text width and two thirds of the text height.
func (t *Writer) image(img *doc.Image, height string) {
	if img == nil {
		t.s("[]")
		return
	}
	path, ok := t.images[img.SHA256]
	if !ok {
		ext := map[string]string{"image/jpeg": ".jpg", "image/png": ".png", "image/svg+xml": ".svg"}[img.MediaType]
		path = ImageDir + "/" + strconv.Itoa(len(t.images)) + ext
		t.images[img.SHA256] = path
		if t.err == nil {
			t.err = os.MkdirAll(filepath.Join(t.dir, ImageDir), 0o755)
		}
		if t.err == nil {
			t.err = os.WriteFile(filepath.Join(t.dir, filepath.FromSlash(path)), img.Data, 0o644)
		}
	}
	if height != "" {
		t.s("image(" + Str(path) + ", height: " + height + ")")
		return
	}
	w := float64(max(img.Width, 1)) / 150 * 25.4
	h := float64(max(img.Height, 1)) / 150 * 25.4
	scale := min(1, textWidthMM/w, textHeightMM*2/3/h)
	t.s(fmt.Sprintf("image(%s, width: %.2fmm)", Str(path), w*scale))
}

// Escape returns s as Typst markup that sets s literally: every character
// with a meaning in markup is escaped with a backslash, a '.' after a digit
// too (so that "1999. yıl" at the start of a line is no numbered list), and
// line breaks and tabs become spaces.
func Escape(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if special(s[i]) || s[i] == '.' || s[i] == '\n' || s[i] == '\r' || s[i] == '\t' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	var prev byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\n' || c == '\r' || c == '\t':
			c = ' '
		case special(c) || c == '.' && '0' <= prev && prev <= '9':
			b.WriteByte('\\')
		}
		b.WriteByte(c)
		prev = c
	}
	return b.String()
}

// special reports whether c has a meaning in Typst markup.
func special(c byte) bool {
	switch c {
	case '\\', '#', '*', '_', '`', '$', '<', '>', '@', '[', ']', '~', '=', '-', '+', '/':
		return true
	}
	return false
}

// Str returns s as a Typst string literal.
func Str(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\\' || r == '"':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u{%x}`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	b.WriteByte('"')
	return b.String()
}

var _ doc.Sink = (*Writer)(nil)

// CompileScript is a Node.js script that sets a Typst file as a PDF with
// the npm package @myriaddreamin/typst-ts-node-compiler:
//
//	node compile.mjs COMPILER_MODULE FONTS_DIR BOOK.typ OUT.pdf
//
// COMPILER_MODULE is the package's index.js; FONTS_DIR the folder of the
// fonts (the project's fonts/).
//
//go:embed compile.mjs
var CompileScript []byte
