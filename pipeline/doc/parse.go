package doc

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DumpError is an error in the text given to ParseDump, at a line of it.
type DumpError struct {
	Line int // 1-based
	Msg  string
}

func (e *DumpError) Error() string { return fmt.Sprintf("doc: dump line %d: %s", e.Line, e.Msg) }

// MaxDumpCover is the largest cover that ParseDump accepts, in bytes: the
// manifest's limit on a cover image.
const MaxDumpCover = 32 << 20

// ParseDump reads the text form that Dump writes and returns the book it
// describes, so that a test can start from a written model instead of
// running the pipeline. Dump(ParseDump(x)) is x for every x that Dump
// wrote.
//
// ParseDump reads every field Dump writes. What Dump derives from the
// model is checked, not stored: a text block's leaf= index (which may be
// left out), a sentence's and a term's index, and a sentence's quoted
// text, which must be the span of its block's plain text. References must
// point into the book: an Abbr's term= indexes the glossary, and a Ref's
// document and leaf exist (its sentence exists, or is 0); a noteref's
// number is one of its document's notes; a figure's or inline image's path
// is one of its document's images. Book.Resources is derived from the
// documents' images, as doc.Collect does. Dump writes no
// file name in a block's position, so a positioned block's Pos.File is its
// document's Source. Dump writes a cover's size but not its bytes, so
// Cover.Data holds as many zero bytes, at most MaxDumpCover.
//
// The book's keys and a document's source, sha256, encoding, format and
// title may come in any order and may be left out; each at most once.
// Indentation is two spaces per level, as Dump writes it; blank lines are
// skipped. The first error in the text is returned as a *DumpError, with
// its line number.
func ParseDump(r io.Reader) (*Book, error) {
	var lines []dumpLine
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<20)
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSuffix(sc.Text(), "\r")
		trimmed := strings.TrimLeft(text, " ")
		indent := len(text) - len(trimmed)
		if trimmed == "" {
			continue // Dump writes no blank lines, but a written fixture may
		}
		if indent%2 != 0 {
			return nil, &DumpError{n, fmt.Sprintf("indentation of %d spaces; it is two per level", indent)}
		}
		lines = append(lines, dumpLine{n: n, depth: indent / 2, text: trimmed})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("doc: read dump: %w", err)
	}
	p := &dumpParser{lines: lines}
	return p.book()
}

// dumpLine is one non-blank line of a dump.
type dumpLine struct {
	n     int // line number
	depth int
	text  string // without the indentation
}

// dumpParser reads a dump line by line, each node consuming the lines
// indented under it.
type dumpParser struct {
	lines []dumpLine
	i     int       // next line
	cur   dumpLine  // the line being read
	rest  string    // what is left of cur.text
	b     *Book     // the book being built
	terms []termUse // every Abbr read, checked against the glossary at the end
	refs  []refUse  // every Ref read, checked against the documents at the end
	// sents holds the sentences of every leaf of every document read, for
	// the checks of the Refs.
	sents [][][]Sentence

	// The state of the document being read: its NoteRefs and image uses,
	// resolved when its notes and images are all read.
	doc      *Document
	noteRefs []noteRefUse
	images   []imageUse
	// resources holds the paths of Book.Resources, which ParseDump fills
	// as doc.Collect does.
	resources map[string]bool
}

// noteRefUse is a NoteRef read, with the number its line gave.
type noteRefUse struct {
	line, number int
	ref          *NoteRef
}

// imageUse is a figure's or inline image's image= path, resolved against
// the document's images.
type imageUse struct {
	line int
	path string
	set  func(*Image) // sets the image of the node
}

// resolve sets the image of u's node to d's image at u.path.
func (u imageUse) resolve(d *Document) error {
	for _, im := range d.Images {
		if im.Path == u.path {
			u.set(im)
			return nil
		}
	}
	return &DumpError{u.line, fmt.Sprintf("image %q is not one of the document's images", u.path)}
}

type termUse struct {
	line, term int
}

type refUse struct {
	line int
	ref  Ref
}

func (p *dumpParser) errorf(format string, args ...any) error {
	return &DumpError{p.cur.n, fmt.Sprintf(format, args...)}
}

// next makes the next line current if it is at depth, and reports whether
// it did.
func (p *dumpParser) next(depth int) (bool, error) {
	if p.i >= len(p.lines) {
		return false, nil
	}
	l := p.lines[p.i]
	if l.depth < depth {
		return false, nil
	}
	if l.depth > depth {
		p.cur = l
		return false, p.errorf("indented too deep: %d levels where %d were expected", l.depth, depth)
	}
	p.i++
	p.cur, p.rest = l, l.text
	return true, nil
}

// noChildren fails when lines are indented under the current one.
func (p *dumpParser) noChildren() error {
	line := p.cur
	if p.i < len(p.lines) && p.lines[p.i].depth > line.depth {
		p.cur = p.lines[p.i]
		return p.errorf("%q holds nothing indented under it", keyword(line.text))
	}
	return nil
}

func keyword(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

// word returns the next word of the current line: the text up to the next
// space, which it consumes.
func (p *dumpParser) word() string {
	w, rest, _ := strings.Cut(p.rest, " ")
	p.rest = rest
	return w
}

// quoted reads a Go-quoted string at the start of the rest of the line.
func (p *dumpParser) quoted(what string) (string, error) {
	q, err := strconv.QuotedPrefix(p.rest)
	if err != nil || q[0] == '\'' {
		return "", p.errorf("%s: want a quoted string, got %q", what, p.rest)
	}
	s, err := strconv.Unquote(q)
	if err != nil {
		return "", p.errorf("%s: %v", what, err)
	}
	p.rest = strings.TrimPrefix(p.rest[len(q):], " ")
	return s, nil
}

// int reads the integer word w, the value of what.
func (p *dumpParser) int(what, w string) (int, error) {
	n, err := strconv.Atoi(w)
	if err != nil {
		return 0, p.errorf("%s: want a number, got %q", what, w)
	}
	return n, nil
}

// attr reads the word key=N.
func (p *dumpParser) attr(key string) (int, error) {
	w := p.word()
	v, ok := strings.CutPrefix(w, key+"=")
	if !ok {
		return 0, p.errorf("want %s=N, got %q", key, w)
	}
	return p.int(key, v)
}

// end fails when the current line has more than was read.
func (p *dumpParser) end() error {
	if p.rest != "" {
		return p.errorf("unexpected %q at the end of the line", p.rest)
	}
	return nil
}

func (p *dumpParser) book() (*Book, error) {
	if len(p.lines) == 0 {
		return nil, &DumpError{1, `empty dump; it starts with "book"`}
	}
	if ok, err := p.next(0); err != nil {
		return nil, err
	} else if !ok || p.cur.text != "book" {
		p.cur = p.lines[0]
		return nil, p.errorf(`the dump starts with "book", not %q`, p.cur.text)
	}
	p.b = &Book{}
	if err := p.meta(&p.b.Meta); err != nil {
		return nil, err
	}
	glossary := false
	for {
		ok, err := p.next(0)
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		switch kw := p.word(); {
		case kw == "document" && !glossary:
			if err := p.document(); err != nil {
				return nil, err
			}
		case kw == "glossary" && !glossary:
			glossary = true
			if err := p.end(); err != nil {
				return nil, err
			}
			if err := p.glossary(); err != nil {
				return nil, err
			}
		case kw == "document" || kw == "glossary":
			return nil, p.errorf("%s after the glossary; the glossary comes last", kw)
		default:
			return nil, p.errorf("want document or glossary, got %q", kw)
		}
	}
	for _, u := range p.terms {
		if u.term < 0 || u.term >= len(p.b.Glossary) {
			return nil, &DumpError{u.line, fmt.Sprintf("term=%d: the glossary has %d terms", u.term, len(p.b.Glossary))}
		}
	}
	for _, u := range p.refs {
		if msg := p.checkRef(u.ref); msg != "" {
			return nil, &DumpError{u.line, msg}
		}
	}
	return p.b, nil
}

func (p *dumpParser) checkRef(r Ref) string {
	if r.Doc < 0 || r.Doc >= len(p.sents) {
		return fmt.Sprintf("reference %s: the book has %d documents", r, len(p.sents))
	}
	if n := len(p.sents[r.Doc]); r.Leaf < 0 || r.Leaf >= n {
		return fmt.Sprintf("reference %s: document %d has %d leaves", r, r.Doc, n)
	}
	if n := len(p.sents[r.Doc][r.Leaf]); r.Sentence < 0 || r.Sentence >= max(n, 1) {
		return fmt.Sprintf("reference %s: leaf %d of document %d has %d sentences", r, r.Leaf, r.Doc, n)
	}
	return ""
}

// once records that key was read, failing on a second time.
func (p *dumpParser) once(seen map[string]bool, key string) error {
	if seen[key] {
		return p.errorf("%s given twice", key)
	}
	seen[key] = true
	return nil
}

func (p *dumpParser) meta(m *Meta) error {
	seen := map[string]bool{}
	strs := map[string]*string{
		"title": &m.Title, "subtitle": &m.Subtitle, "lang": &m.Lang, "date": &m.Date,
		"publisher": &m.Publisher, "rights": &m.Rights, "description": &m.Description,
		"identifier": &m.Identifier, "papersize": &m.PaperSize,
	}
	for {
		ok, err := p.next(1)
		if err != nil || !ok {
			return err
		}
		if err := p.noChildren(); err != nil {
			return err
		}
		key := p.word()
		var v string
		if key == "toc-depth" {
			if err := p.once(seen, key); err != nil {
				return err
			}
			if m.TOCDepth, err = p.int(key, p.word()); err != nil {
				return err
			}
			if m.TOCDepth < 1 || m.TOCDepth > 6 {
				return p.errorf("toc-depth %d is not between 1 and 6", m.TOCDepth)
			}
			if err := p.end(); err != nil {
				return err
			}
			continue
		}
		if key != "cover" {
			if v, err = p.quoted(key); err != nil {
				return err
			}
		}
		switch key {
		case "author":
			m.Authors = append(m.Authors, v)
		case "subject":
			m.Subjects = append(m.Subjects, v)
		case "cover":
			if err := p.once(seen, key); err != nil {
				return err
			}
			if m.Cover, err = p.cover(); err != nil {
				return err
			}
		default:
			s, ok := strs[key]
			if !ok {
				return p.errorf("unknown book key %q", key)
			}
			if err := p.once(seen, key); err != nil {
				return err
			}
			*s = v
		}
		if err := p.end(); err != nil {
			return err
		}
	}
}

// cover reads `"name" media/type WxH N bytes`.
func (p *dumpParser) cover() (*Image, error) {
	name, err := p.quoted("cover")
	if err != nil {
		return nil, err
	}
	img, err := p.imageSize("cover")
	if err != nil {
		return nil, err
	}
	img.Name = name
	return img, nil
}

// imageSize reads `media/type WxH N bytes` of an image called what; Data
// is N zero bytes.
func (p *dumpParser) imageSize(what string) (*Image, error) {
	img := &Image{MediaType: p.word()}
	w, h, ok := strings.Cut(p.word(), "x")
	if !ok {
		return nil, p.errorf("%s: want WIDTHxHEIGHT", what)
	}
	var err error
	if img.Width, err = p.int(what+" width", w); err != nil {
		return nil, err
	}
	if img.Height, err = p.int(what+" height", h); err != nil {
		return nil, err
	}
	n, err := p.int(what+" size", p.word())
	if err != nil {
		return nil, err
	}
	if n < 0 || n > MaxDumpCover {
		return nil, p.errorf("%s size %d is not between 0 and %d", what, n, MaxDumpCover)
	}
	if p.word() != "bytes" {
		return nil, p.errorf(`%s: want "N bytes"`, what)
	}
	img.Data = make([]byte, n)
	return img, nil
}

// leafBlock is where a heading, paragraph or code block was read and the
// leaf= it gave, checked once its document is complete.
type leafBlock struct {
	line int
	leaf int // -1 when the dump gave no leaf=
}

func (p *dumpParser) document() error {
	d := &Document{}
	var err error
	w := p.word()
	if d.Index, err = p.int("document index", w); err != nil {
		return err
	}
	d.ID = p.rest // may be empty; Dump does not quote it
	p.rest = ""
	if d.Index != len(p.b.Documents) {
		return p.errorf("document %d is document %d of the book", d.Index, len(p.b.Documents))
	}
	seen := map[string]bool{}
	blocks := map[Block]leafBlock{}
	for {
		ok, err := p.next(1)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		key := keyword(p.rest)
		var field *string
		quoted := false
		switch key {
		case "note":
			p.word()
			n, err := p.note(len(d.Notes)+1, blocks)
			if err != nil {
				return err
			}
			d.Notes = append(d.Notes, n)
			continue
		case "author", "image", "depth", "partend":
			if len(d.Blocks) > 0 || len(d.Notes) > 0 {
				return p.errorf("%s after the first block; a document's fields come first", key)
			}
			if err := p.noChildren(); err != nil {
				return err
			}
			p.word()
			switch key {
			case "author":
				a, err := p.quoted(key)
				if err != nil {
					return err
				}
				d.Authors = append(d.Authors, a)
			case "partend":
				if err := p.once(seen, key); err != nil {
					return err
				}
				d.PartEnds = true
			case "depth":
				if err := p.once(seen, key); err != nil {
					return err
				}
				if d.Depth, err = p.int(key, p.word()); err != nil {
					return err
				}
			case "image":
				im, err := p.image()
				if err != nil {
					return err
				}
				for _, o := range d.Images {
					if o.Path == im.Path {
						return p.errorf("image %q given twice", im.Path)
					}
				}
				d.Images = append(d.Images, im)
			}
			if err := p.end(); err != nil {
				return err
			}
			continue
		case "source":
			field, quoted = &d.Source, true
		case "title":
			field, quoted = &d.Title, true
		case "subtitle":
			field, quoted = &d.Subtitle, true
		case "date":
			field, quoted = &d.Date, true
		case "abstract":
			field, quoted = &d.Abstract, true
		case "lang":
			field, quoted = &d.Lang, true
		case "part":
			field, quoted = &d.Part, true
		case "sha256":
			field = &d.SHA256
		case "encoding":
			field = &d.Encoding
		case "format":
			field = &d.Format
		}
		if field == nil {
			if len(d.Notes) > 0 {
				return p.errorf("a block after the notes; the notes come last")
			}
			p.doc = d
			b, err := p.block(1, blocks)
			if err != nil {
				return err
			}
			d.Blocks = append(d.Blocks, b)
			continue
		}
		if len(d.Blocks) > 0 || len(d.Notes) > 0 {
			return p.errorf("%s after the first block; a document's fields come first", key)
		}
		if err := p.once(seen, key); err != nil {
			return err
		}
		if err := p.noChildren(); err != nil {
			return err
		}
		p.word()
		if quoted {
			if *field, err = p.quoted(key); err != nil {
				return err
			}
			if err := p.end(); err != nil {
				return err
			}
		} else {
			*field, p.rest = p.rest, ""
		}
	}
	for _, r := range p.noteRefs {
		if r.number < 1 || r.number > len(d.Notes) {
			return &DumpError{r.line, fmt.Sprintf("noteref %d: the document has %d notes", r.number, len(d.Notes))}
		}
		r.ref.Note = d.Notes[r.number-1]
	}
	p.noteRefs = p.noteRefs[:0]
	for _, u := range p.images {
		if err := u.resolve(d); err != nil {
			return err
		}
	}
	p.images = p.images[:0]
	setFile(d, d.Source)
	leaves := d.Leaves()
	sents := make([][]Sentence, len(leaves))
	for i, l := range leaves {
		sents[i] = l.Sentences()
		if tb, ok := blocks[l.Block]; ok && tb.leaf >= 0 && tb.leaf != i {
			return &DumpError{tb.line, fmt.Sprintf("leaf=%d, but the block is leaf %d of its document", tb.leaf, i)}
		}
	}
	p.sents = append(p.sents, sents)
	p.b.Documents = append(p.b.Documents, d)
	for _, im := range d.Images {
		if !p.resources[im.Path] {
			if p.resources == nil {
				p.resources = map[string]bool{}
			}
			p.resources[im.Path] = true
			p.b.Resources = append(p.b.Resources, im)
		}
	}
	return nil
}

// setFile sets the file of every positioned block, list item, definition
// and note of d.
func setFile(d *Document, file string) {
	WalkDocument(d, func(n Node, entering bool) WalkStatus {
		if !entering {
			return WalkContinue
		}
		var pos *Pos
		switch n := n.(type) {
		case *Heading:
			pos = &n.Pos
		case *Paragraph:
			pos = &n.Pos
		case *CodeBlock:
			pos = &n.Pos
		case *Quote:
			pos = &n.Pos
		case *List:
			pos = &n.Pos
		case *ListItem:
			pos = &n.Pos
		case *ThematicBreak:
			pos = &n.Pos
		case *Table:
			pos = &n.Pos
		case *Figure:
			pos = &n.Pos
		case *DefinitionList:
			pos = &n.Pos
		case *Definition:
			pos = &n.Pos
		case *Div:
			pos = &n.Pos
		case *Callout:
			pos = &n.Pos
		case *LineBlock:
			pos = &n.Pos
		case *Note:
			pos = &n.Pos
		case *TableCell:
			return WalkSkipChildren
		default:
			return WalkSkipChildren // inlines have no position
		}
		if pos.Line != 0 {
			pos.File = file
		}
		return WalkContinue
	})
}

// pos reads an optional " @LINE:COL" word.
func (p *dumpParser) pos() (Pos, error) {
	if !strings.HasPrefix(p.rest, "@") {
		return Pos{}, nil
	}
	w := p.word()
	l, c, ok := strings.Cut(w[1:], ":")
	if !ok {
		return Pos{}, p.errorf("position %q: want @LINE:COL", w)
	}
	line, err := p.int("line", l)
	if err != nil {
		return Pos{}, err
	}
	col, err := p.int("column", c)
	if err != nil {
		return Pos{}, err
	}
	if line <= 0 {
		return Pos{}, p.errorf("position %q: the line is 1 or more (a block without a position has no @)", w)
	}
	return Pos{Line: line, Col: col}, nil // setFile adds the file
}

// leafAttr reads an optional leaf=N, giving -1 when there is none.
func (p *dumpParser) leafAttr() (int, error) {
	if !strings.HasPrefix(p.rest, "leaf=") {
		return -1, nil
	}
	n, err := p.attr("leaf")
	if err == nil && n < 0 {
		err = p.errorf("leaf=%d is negative", n)
	}
	return n, err
}

// block reads the block on the current line and everything under it.
func (p *dumpParser) block(depth int, leaves map[Block]leafBlock) (Block, error) {
	kw := p.word()
	line := p.cur.n
	pos, err := p.pos()
	if err != nil {
		return nil, err
	}
	switch kw {
	case "heading", "paragraph":
		level := 0
		if kw == "heading" {
			if level, err = p.attr("level"); err != nil {
				return nil, err
			}
		}
		leaf, err := p.leafAttr()
		if err != nil {
			return nil, err
		}
		var a Attr
		if kw == "heading" {
			if a, err = p.attrs(); err != nil {
				return nil, err
			}
		}
		if err := p.end(); err != nil {
			return nil, err
		}
		inlines, sents, err := p.textChildren(depth + 1)
		if err != nil {
			return nil, err
		}
		var b Block
		if kw == "heading" {
			b = &Heading{Pos: pos, Level: level, Inlines: inlines, Sentences: sents, Attr: a}
		} else {
			b = &Paragraph{Pos: pos, Inlines: inlines, Sentences: sents}
		}
		leaves[b] = leafBlock{line: line, leaf: leaf}
		return b, nil
	case "code":
		leaf, err := p.leafAttr()
		if err != nil {
			return nil, err
		}
		b := &CodeBlock{Pos: pos}
		if strings.HasPrefix(p.rest, "info=") {
			p.rest = p.rest[len("info="):]
			if b.Info, err = p.quoted("info"); err != nil {
				return nil, err
			}
		}
		if b.Attr, err = p.attrs(); err != nil {
			return nil, err
		}
		if err := p.end(); err != nil {
			return nil, err
		}
		if ok, err := p.next(depth + 1); err != nil {
			return nil, err
		} else if !ok {
			return nil, p.errorf("a code block holds its text, quoted, on the line under it")
		}
		if b.Text, err = p.quoted("code text"); err != nil {
			return nil, err
		}
		if err := p.end(); err != nil {
			return nil, err
		}
		if err := p.noChildren(); err != nil {
			return nil, err
		}
		if ok, _ := p.next(depth + 1); ok {
			return nil, p.errorf("a code block holds one line of text")
		}
		leaves[b] = leafBlock{line: line, leaf: leaf}
		return b, nil
	case "quote":
		if err := p.end(); err != nil {
			return nil, err
		}
		q := &Quote{Pos: pos}
		q.Blocks, err = p.blocks(depth+1, leaves)
		return q, err
	case "list":
		l := &List{Pos: pos}
		switch p.word() {
		case "bullet":
		case "ordered":
			l.Ordered = true
			if l.Start, err = p.attr("start"); err != nil {
				return nil, err
			}
			if v, ok := p.keyWord("style"); ok {
				l.Style = ListStyle(v)
				if !validStyle(l.Style) {
					return nil, p.errorf("unknown list style %q", v)
				}
			}
			if v, ok := p.keyWord("delim"); ok {
				l.Delim = ListDelim(v)
				if l.Delim != DelimParen && l.Delim != DelimParens {
					return nil, p.errorf("unknown list delimiter %q", v)
				}
			}
		default:
			return nil, p.errorf("a list is bullet or ordered start=N")
		}
		if err := p.end(); err != nil {
			return nil, err
		}
		for {
			ok, err := p.next(depth + 1)
			if err != nil {
				return nil, err
			}
			if !ok {
				return l, nil
			}
			if p.word() != "item" {
				return nil, p.errorf("a list holds items, not %q", p.cur.text)
			}
			it := &ListItem{}
			if it.Pos, err = p.pos(); err != nil {
				return nil, err
			}
			if v, ok := p.keyWord("task"); ok {
				switch v {
				case "open":
					it.Task = TaskOpen
				case "done":
					it.Task = TaskDone
				default:
					return nil, p.errorf("task=%s: want task=open or task=done", v)
				}
			}
			if err := p.end(); err != nil {
				return nil, err
			}
			if it.Blocks, err = p.blocks(depth+2, leaves); err != nil {
				return nil, err
			}
			l.Items = append(l.Items, it)
		}
	case "break":
		if err := p.end(); err != nil {
			return nil, err
		}
		return &ThematicBreak{Pos: pos}, p.noChildren()
	case "lineblock":
		leaf, err := p.leafAttr()
		if err != nil {
			return nil, err
		}
		if err := p.end(); err != nil {
			return nil, err
		}
		inlines, sents, err := p.textChildren(depth + 1)
		if err != nil {
			return nil, err
		}
		b := &LineBlock{Pos: pos, Inlines: inlines, Sentences: sents}
		leaves[b] = leafBlock{line: line, leaf: leaf}
		return b, nil
	case "table":
		return p.table(pos, depth)
	case "figure":
		f := &Figure{Pos: pos}
		if f.Number, err = p.attr("number"); err != nil {
			return nil, err
		}
		path, err := p.keyQuoted("image")
		if err != nil {
			return nil, err
		}
		if f.Alt, err = p.keyQuoted("alt"); err != nil {
			return nil, err
		}
		if f.Title, err = p.keyQuoted("title"); err != nil {
			return nil, err
		}
		if f.Attr, err = p.attrs(); err != nil {
			return nil, err
		}
		if err := p.end(); err != nil {
			return nil, err
		}
		p.useImage(path, func(im *Image) { f.Image = im })
		f.Caption, err = p.inlines(depth + 1)
		return f, err
	case "deflist":
		if err := p.end(); err != nil {
			return nil, err
		}
		dl := &DefinitionList{Pos: pos}
		for {
			ok, err := p.next(depth + 1)
			if err != nil {
				return nil, err
			}
			if !ok {
				return dl, nil
			}
			if p.word() != "definition" {
				return nil, p.errorf("a definition list holds definitions, not %q", p.cur.text)
			}
			def, err := p.definition(depth+1, leaves)
			if err != nil {
				return nil, err
			}
			dl.Items = append(dl.Items, def)
		}
	case "div":
		dv := &Div{Pos: pos}
		if dv.Attr, err = p.attrs(); err != nil {
			return nil, err
		}
		if err := p.end(); err != nil {
			return nil, err
		}
		dv.Blocks, err = p.blocks(depth+1, leaves)
		return dv, err
	case "callout":
		c := &Callout{Pos: pos}
		v, ok := p.keyWord("kind")
		if !ok {
			return nil, p.errorf("a callout has kind=KIND")
		}
		c.Kind = CalloutKind(v)
		if c.Attr, err = p.attrs(); err != nil {
			return nil, err
		}
		if err := p.end(); err != nil {
			return nil, err
		}
		if ok, err := p.next(depth + 1); err != nil {
			return nil, err
		} else if !ok || p.cur.text != "title" {
			return nil, p.errorf("a callout's first line under it is its title")
		}
		if c.Title, err = p.inlines(depth + 2); err != nil {
			return nil, err
		}
		c.Blocks, err = p.blocks(depth+1, leaves)
		return c, err
	}
	return nil, p.errorf("unknown block %q", kw)
}

// validStyle reports whether s is one of the list styles.
func validStyle(s ListStyle) bool {
	switch s {
	case StyleLowerAlpha, StyleUpperAlpha, StyleLowerRoman, StyleUpperRoman:
		return true
	}
	return false
}

// definition reads a definition's term paragraph and its def groups.
func (p *dumpParser) definition(depth int, leaves map[Block]leafBlock) (*Definition, error) {
	def := &Definition{}
	var err error
	if def.Pos, err = p.pos(); err != nil {
		return nil, err
	}
	if err := p.end(); err != nil {
		return nil, err
	}
	if ok, err := p.next(depth + 1); err != nil {
		return nil, err
	} else if !ok || keyword(p.cur.text) != "paragraph" {
		return nil, p.errorf("a definition starts with its term, a paragraph")
	}
	b, err := p.block(depth+1, leaves)
	if err != nil {
		return nil, err
	}
	def.Term = b.(*Paragraph)
	for {
		ok, err := p.next(depth + 1)
		if err != nil {
			return nil, err
		}
		if !ok {
			return def, nil
		}
		if p.cur.text != "def" {
			return nil, p.errorf("a definition holds its term and def groups, not %q", p.cur.text)
		}
		blocks, err := p.blocks(depth+2, leaves)
		if err != nil {
			return nil, err
		}
		def.Defs = append(def.Defs, blocks)
	}
}

// table reads a table line's attributes and its caption, head and rows.
func (p *dumpParser) table(pos Pos, depth int) (*Table, error) {
	t := &Table{Pos: pos}
	var err error
	if t.Number, err = p.attr("number"); err != nil {
		return nil, err
	}
	v, ok := p.keyWord("align")
	if !ok {
		return nil, p.errorf("a table has align=A,B,…")
	}
	if v != "" {
		for _, a := range strings.Split(v, ",") {
			switch Align(a) {
			case "default":
				t.Align = append(t.Align, AlignDefault)
			case AlignLeft, AlignCenter, AlignRight:
				t.Align = append(t.Align, Align(a))
			default:
				return nil, p.errorf("unknown alignment %q", a)
			}
		}
	}
	if t.Attr, err = p.attrs(); err != nil {
		return nil, err
	}
	if err := p.end(); err != nil {
		return nil, err
	}
	head := false
	for {
		ok, err := p.next(depth + 1)
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		switch kw := p.cur.text; {
		case kw == "caption" && !head && t.Caption == nil:
			if t.Caption, err = p.inlines(depth + 2); err != nil {
				return nil, err
			}
			if t.Caption == nil {
				t.Caption = []Inline{}
			}
		case kw == "head" && !head:
			head = true
			if t.Head, err = p.cells(depth + 2); err != nil {
				return nil, err
			}
		case kw == "row" && head:
			row, err := p.cells(depth + 2)
			if err != nil {
				return nil, err
			}
			t.Rows = append(t.Rows, row)
		default:
			return nil, p.errorf("a table holds caption, head and rows, in that order, not %q", kw)
		}
	}
	if !head {
		return nil, p.errorf("a table has a head line")
	}
	return t, nil
}

// cells reads the cell lines at depth and their inlines.
func (p *dumpParser) cells(depth int) ([]*TableCell, error) {
	var cells []*TableCell
	for {
		ok, err := p.next(depth)
		if err != nil {
			return nil, err
		}
		if !ok {
			return cells, nil
		}
		if p.cur.text != "cell" {
			return nil, p.errorf("a row holds cells, not %q", p.cur.text)
		}
		c := &TableCell{}
		if c.Inlines, err = p.inlines(depth + 1); err != nil {
			return nil, err
		}
		cells = append(cells, c)
	}
}

// note reads `note N @L:C id="ID"` and its blocks; N must be number.
func (p *dumpParser) note(number int, leaves map[Block]leafBlock) (*Note, error) {
	n, err := p.int("note number", p.word())
	if err != nil {
		return nil, err
	}
	if n != number {
		return nil, p.errorf("note %d is note %d of its document", n, number)
	}
	note := &Note{Number: n}
	if note.Pos, err = p.pos(); err != nil {
		return nil, err
	}
	if note.ID, err = p.keyQuoted("id"); err != nil {
		return nil, err
	}
	if err := p.end(); err != nil {
		return nil, err
	}
	note.Blocks, err = p.blocks(2, leaves)
	return note, err
}

// image reads `"path" media/type WxH N bytes sha256=HEX` of a document's
// image.
func (p *dumpParser) image() (*Image, error) {
	path, err := p.quoted("image")
	if err != nil {
		return nil, err
	}
	im, err := p.imageSize("image")
	if err != nil {
		return nil, err
	}
	im.Path = path
	im.Name = path[strings.LastIndexByte(path, '/')+1:]
	v, ok := p.keyWord("sha256")
	if !ok {
		return nil, p.errorf("image: want sha256=HEX")
	}
	im.SHA256 = v
	return im, nil
}

// useImage records that the node on the current line uses the document's
// image at path ("" for none), which set receives once the document is
// read.
func (p *dumpParser) useImage(path string, set func(*Image)) {
	if path == "" {
		return
	}
	p.images = append(p.images, imageUse{line: p.cur.n, path: path, set: set})
}

// keyWord reads an optional word key=VALUE, reporting whether it was there.
func (p *dumpParser) keyWord(key string) (string, bool) {
	if !strings.HasPrefix(p.rest, key+"=") {
		return "", false
	}
	return strings.TrimPrefix(p.word(), key+"="), true
}

// keyQuoted reads the word key="VALUE" (the value Go-quoted).
func (p *dumpParser) keyQuoted(key string) (string, error) {
	if !strings.HasPrefix(p.rest, key+"=") {
		return "", p.errorf("want %s=\"…\", got %q", key, p.rest)
	}
	p.rest = p.rest[len(key)+1:]
	return p.quoted(key)
}

// attrs reads an optional attribute set {#id .class key="value"} as
// attrString writes it.
func (p *dumpParser) attrs() (Attr, error) {
	var a Attr
	if !strings.HasPrefix(p.rest, "{") {
		return a, nil
	}
	rest := p.rest[1:]
	for {
		rest = strings.TrimLeft(rest, " ")
		switch {
		case strings.HasPrefix(rest, "}"):
			p.rest = strings.TrimPrefix(rest[1:], " ")
			if a.IsZero() {
				return a, p.errorf("empty attributes {}")
			}
			return a, nil
		case rest == "":
			return a, p.errorf("attributes without their closing }")
		case rest[0] == '#' || rest[0] == '.':
			end := strings.IndexAny(rest, " }")
			if end < 0 {
				return a, p.errorf("attributes without their closing }")
			}
			w := rest[1:end]
			if w == "" {
				return a, p.errorf("empty %q attribute", rest[:1])
			}
			if rest[0] == '#' {
				if a.ID != "" {
					return a, p.errorf("two ids in one attribute set")
				}
				a.ID = w
			} else {
				a.Classes = append(a.Classes, w)
			}
			rest = rest[end:]
		default:
			key, v, ok := strings.Cut(rest, "=")
			if !ok || key == "" || strings.ContainsAny(key, " {}\"") {
				return a, p.errorf("attribute %q: want #id, .class or key=\"value\"", rest)
			}
			q, err := strconv.QuotedPrefix(v)
			if err != nil || q[0] != '"' {
				return a, p.errorf("attribute %s: want a quoted value", key)
			}
			val, _ := strconv.Unquote(q)
			a.Pairs = append(a.Pairs, KeyValue{Key: key, Value: val})
			rest = v[len(q):]
		}
	}
}

// inlines reads the inlines at depth.
func (p *dumpParser) inlines(depth int) ([]Inline, error) {
	var inlines []Inline
	for {
		ok, err := p.next(depth)
		if err != nil {
			return nil, err
		}
		if !ok {
			return inlines, nil
		}
		in, err := p.inline(depth)
		if err != nil {
			return nil, err
		}
		inlines = append(inlines, in)
	}
}

// blocks reads the blocks at depth.
func (p *dumpParser) blocks(depth int, leaves map[Block]leafBlock) ([]Block, error) {
	var bs []Block
	for {
		ok, err := p.next(depth)
		if err != nil || !ok {
			return bs, err
		}
		b, err := p.block(depth, leaves)
		if err != nil {
			return nil, err
		}
		bs = append(bs, b)
	}
}

// textChildren reads the inlines and sentences of a heading or paragraph,
// and checks each sentence's index and text.
func (p *dumpParser) textChildren(depth int) ([]Inline, []Sentence, error) {
	var inlines []Inline
	var sents []Sentence
	var texts []string
	var lines []int
	for {
		ok, err := p.next(depth)
		if err != nil {
			return nil, nil, err
		}
		if !ok {
			break
		}
		if keyword(p.rest) != "sentence" {
			in, err := p.inline(depth)
			if err != nil {
				return nil, nil, err
			}
			inlines = append(inlines, in)
			continue
		}
		s, text, err := p.sentence(len(sents))
		if err != nil {
			return nil, nil, err
		}
		sents = append(sents, s)
		texts = append(texts, text)
		lines = append(lines, p.cur.n)
	}
	plain := PlainText(inlines)
	n := utf8.RuneCountInString(plain)
	for i, s := range sents {
		if s.End > n {
			return nil, nil, &DumpError{lines[i], fmt.Sprintf("sentence %d [%d,%d) ends after the block's text of %d characters", i, s.Start, s.End, n)}
		}
		if got := SliceRunes(plain, s.Start, s.End); got != texts[i] {
			return nil, nil, &DumpError{lines[i], fmt.Sprintf("sentence %d: the block's text at [%d,%d) is %q, not %q", i, s.Start, s.End, got, texts[i])}
		}
	}
	return inlines, sents, nil
}

// sentence reads `sentence I [START,END) words=N "text"`.
func (p *dumpParser) sentence(i int) (Sentence, string, error) {
	var s Sentence
	p.word()
	n, err := p.int("sentence index", p.word())
	if err != nil {
		return s, "", err
	}
	if n != i {
		return s, "", p.errorf("sentence %d is sentence %d of its block", n, i)
	}
	span := p.word()
	a, b, ok := strings.Cut(strings.TrimSuffix(strings.TrimPrefix(span, "["), ")"), ",")
	if !ok || !strings.HasPrefix(span, "[") || !strings.HasSuffix(span, ")") {
		return s, "", p.errorf("sentence span %q: want [START,END)", span)
	}
	if s.Start, err = p.int("sentence start", a); err != nil {
		return s, "", err
	}
	if s.End, err = p.int("sentence end", b); err != nil {
		return s, "", err
	}
	if s.Start < 0 || s.End < s.Start {
		return s, "", p.errorf("sentence span %q is not a range", span)
	}
	if s.Words, err = p.attr("words"); err != nil {
		return s, "", err
	}
	text, err := p.quoted("sentence text")
	if err != nil {
		return s, "", err
	}
	return s, text, p.end()
}

// inline reads the inline on the current line and everything under it.
func (p *dumpParser) inline(depth int) (Inline, error) {
	kw := p.word()
	var in Inline
	var err error
	switch kw {
	case "text":
		t := &Text{}
		t.Value, err = p.quoted("text")
		in = t
	case "code":
		c := &Code{}
		c.Value, err = p.quoted("code")
		in = c
	case "abbr":
		a := &Abbr{}
		if a.Text, err = p.quoted("abbr"); err == nil {
			a.Term, err = p.attr("term")
			p.terms = append(p.terms, termUse{p.cur.n, a.Term})
		}
		in = a
	case "linebreak":
		in = &LineBreak{}
	case "image":
		im := &InlineImage{}
		var path string
		if path, err = p.quoted("image"); err != nil {
			return nil, err
		}
		if im.Alt, err = p.keyQuoted("alt"); err != nil {
			return nil, err
		}
		if im.Title, err = p.keyQuoted("title"); err != nil {
			return nil, err
		}
		im.Attr, err = p.attrs()
		p.useImage(path, func(x *Image) { im.Image = x })
		in = im
	case "noteref":
		var n int
		if n, err = p.int("noteref", p.word()); err == nil {
			r := &NoteRef{}
			p.noteRefs = append(p.noteRefs, noteRefUse{line: p.cur.n, number: n, ref: r})
			in = r
		}
	case "xref":
		x := &CrossRef{}
		if x.Target, err = p.quoted("xref"); err != nil {
			return nil, err
		}
		v, _ := p.keyWord("kind")
		x.Kind = RefKind(v)
		x.TargetDoc, _ = p.keyWord("doc")
		for _, f := range []struct {
			key string
			v   *string
		}{{"label", &x.Label}, {"number", &x.Number}, {"suffix", &x.Suffix}} {
			if *f.v, err = p.keyQuoted(f.key); err != nil {
				return nil, err
			}
		}
		in = x
	case "math":
		m := &Math{}
		if strings.HasPrefix(p.rest, "display ") {
			p.word()
			m.Display = true
		}
		m.Source, err = p.quoted("math")
		in = m
	case "emph", "strong", "link", "strike", "sub", "sup", "span":
		var link Link
		var attr Attr
		switch kw {
		case "link":
			if link.URL, err = p.quoted("link"); err != nil {
				return nil, err
			}
			if strings.HasPrefix(p.rest, "title=") {
				if link.Title, err = p.keyQuoted("title"); err != nil {
					return nil, err
				}
			}
			if v, ok := p.keyWord("doc"); ok {
				if v == "" {
					return nil, p.errorf("link doc= is empty")
				}
				link.TargetDoc = v
				if link.Fragment, err = p.keyQuoted("fragment"); err != nil {
					return nil, err
				}
			}
			if link.Attr, err = p.attrs(); err != nil {
				return nil, err
			}
		case "span":
			if attr, err = p.attrs(); err != nil {
				return nil, err
			}
		}
		if err := p.end(); err != nil {
			return nil, err
		}
		inlines, err := p.inlines(depth + 1)
		if err != nil {
			return nil, err
		}
		switch kw {
		case "emph":
			return &Emph{Inlines: inlines}, nil
		case "strong":
			return &Strong{Inlines: inlines}, nil
		case "strike":
			return &Strike{Inlines: inlines}, nil
		case "sub":
			return &Sub{Inlines: inlines}, nil
		case "sup":
			return &Sup{Inlines: inlines}, nil
		case "span":
			return &Span{Attr: attr, Inlines: inlines}, nil
		}
		link.Inlines = inlines
		return &link, nil
	default:
		return nil, p.errorf("unknown inline %q", kw)
	}
	if err != nil {
		return nil, err
	}
	if err := p.end(); err != nil {
		return nil, err
	}
	return in, p.noChildren()
}

func (p *dumpParser) glossary() error {
	for {
		ok, err := p.next(1)
		if err != nil || !ok {
			return err
		}
		if kw := p.word(); kw != "term" {
			return p.errorf("the glossary holds terms, not %q", kw)
		}
		i, err := p.int("term index", p.word())
		if err != nil {
			return err
		}
		if i != len(p.b.Glossary) {
			return p.errorf("term %d is term %d of the glossary", i, len(p.b.Glossary))
		}
		t := Term{}
		if t.Acronym, err = p.quoted("term"); err != nil {
			return err
		}
		if err := p.end(); err != nil {
			return err
		}
		if err := p.term(&t); err != nil {
			return err
		}
		p.b.Glossary = append(p.b.Glossary, t)
	}
}

func (p *dumpParser) term(t *Term) error {
	seen := map[string]bool{}
	line := p.cur.n
	for {
		ok, err := p.next(2)
		if err != nil {
			return err
		}
		if !ok {
			if !seen["defined"] {
				// Dump writes every term's definition: a term is defined
				// somewhere, or it would not be in the glossary.
				return &DumpError{line, fmt.Sprintf("term %q has no defined line", t.Acronym)}
			}
			return nil
		}
		if err := p.noChildren(); err != nil {
			return err
		}
		key := p.word()
		if err := p.once(seen, key); err != nil {
			return err
		}
		switch key {
		case "expansion":
			t.Expansion, err = p.quoted(key)
		case "expansion_en":
			if t.ExpansionEN, err = p.quoted(key); err == nil && p.word() != "lang=en" {
				err = p.errorf("expansion_en %q is followed by lang=en", t.ExpansionEN)
			}
		case "defined":
			t.Defined, err = p.ref()
		case "occurrences":
			t.Occurrences, err = p.int(key, p.word())
		case "uses":
			for err == nil && p.rest != "" {
				var r Ref
				r, err = p.ref()
				t.Uses = append(t.Uses, r)
			}
		default:
			err = p.errorf("unknown term key %q", key)
		}
		if err != nil {
			return err
		}
		if err := p.end(); err != nil {
			return err
		}
	}
}

// ref reads a reference DOC/LEAF/SENTENCE.
func (p *dumpParser) ref() (Ref, error) {
	w := p.word()
	parts := strings.Split(w, "/")
	if len(parts) != 3 {
		return Ref{}, p.errorf("reference %q: want DOC/LEAF/SENTENCE", w)
	}
	var n [3]int
	for i, s := range parts {
		v, err := p.int("reference "+w, s)
		if err != nil {
			return Ref{}, err
		}
		n[i] = v
	}
	r := Ref{Doc: n[0], Leaf: n[1], Sentence: n[2]}
	p.refs = append(p.refs, refUse{p.cur.n, r})
	return r, nil
}
