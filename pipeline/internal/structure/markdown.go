package structure

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// Messages of the warnings Markdown gives; tests compare them.
const (
	msgRawHTML = "raw HTML is not published; kept as text"
)

// Markdown parses a Markdown seed with goldmark (CommonMark with the
// manuscript extensions of MarkdownDocument) and walks its syntax tree into
// blocks and inlines. It returns the body alone, for a caller without a
// document to hold the notes and images (see MarkdownDocument).
//
// Entities and backslash escapes are decoded ("&amp;" → "&"); exporters
// escape. Raw HTML, block or inline, is never passed through: it becomes
// literal text with a warning. Links keep http, https, mailto and relative
// URLs, and their titles; any other scheme drops the link (its text stays)
// with a warning. Soft line breaks become a space.
// Quotes and lists nested deeper than MaxDepth, and emphasis and links
// nested deeper than MaxDepth inside a block, are flattened into the
// deepest allowed container, with one warning per document. Empty headings are dropped
// with a warning; paragraphs left without text or image are dropped. A node kind
// the converter does not know is skipped (a block) or kept as its text (an
// inline) with a warning. Each block's Pos is where goldmark saw it start,
// in runes.
func Markdown(file, text string) ([]doc.Block, diag.List) {
	r, diags := MarkdownDocument(file, text)
	return r.Blocks, diags
}

// markdownParser is goldmark's CommonMark parser with the manuscript
// extensions (see newMarkdownParser). It is built once: a goldmark parser
// keeps all per-document state in the parse context, so one may parse many
// documents at once, and building one per document cost about a tenth of
// the stage's allocations.
var markdownParser = newMarkdownParser()

type converter struct {
	file      string
	src       []byte
	lines     *lineIndex
	diags     diag.List
	flattened bool   // the nesting warning was given
	text      []byte // the text buffer of inlines, reused

	// The manuscript's notes and images (see manuscript.go).
	noteDefs   map[string]*extast.Footnote // definitions by label
	noteLabels []string                    // labels in the order of definition
	notes      map[string]*doc.Note        // referenced notes by label
	noteOrder  []*doc.Note                 // referenced notes by number
	captions   map[ast.Node]bool           // table captions converted
	images     []ImageUse
	mathWarned bool // the math warning was given
}

// pos returns the position of n, or def when goldmark did not record one.
func (c *converter) pos(n ast.Node, def doc.Pos) doc.Pos {
	if p := n.Pos(); p >= 0 {
		return c.lines.pos(c.file, p)
	}
	return def
}

func (c *converter) flatten(at doc.Pos) {
	if !c.flattened {
		c.flattened = true
		c.diags.Warnf(at, "nesting deeper than %d levels (quotes, lists, emphasis) is flattened into level %d", MaxDepth, MaxDepth)
	}
}

// blocks converts the block children of parent. depth counts the quotes
// and lists around them.
func (c *converter) blocks(parent ast.Node, depth int, parentPos doc.Pos) []doc.Block {
	var out []doc.Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		at := c.pos(n, parentPos)
		switch n := n.(type) {
		case *ast.Heading:
			ins := c.inlines(n, at)
			if !doc.HasText(ins) {
				c.diags.Warnf(at, "empty heading dropped")
				continue
			}
			out = append(out, &doc.Heading{Pos: at, Level: n.Level, Inlines: ins, Attr: attrOf(n)})
		case *ast.Paragraph, *ast.TextBlock:
			if bs, done := c.paragraph(n, at); done {
				out = append(out, bs...)
			} else if ins := c.inlines(n, at); hasContent(ins) {
				out = append(out, &doc.Paragraph{Pos: at, Inlines: ins})
			}
		case *ast.FencedCodeBlock:
			info := ""
			if n.Info != nil {
				info = strings.TrimSpace(unescape(n.Info.Segment.Value(c.src)))
			}
			out = append(out, &doc.CodeBlock{Pos: at, Info: info, Text: c.lineText(n)})
		case *ast.CodeBlock:
			out = append(out, &doc.CodeBlock{Pos: at, Text: c.lineText(n)})
		case *ast.Blockquote:
			if depth >= MaxDepth {
				c.flatten(at)
				out = append(out, c.blocks(n, depth, at)...)
				continue
			}
			out = append(out, &doc.Quote{Pos: at, Blocks: c.blocks(n, depth+1, at)})
		case *ast.List:
			if depth >= MaxDepth {
				c.flatten(at)
				for it := n.FirstChild(); it != nil; it = it.NextSibling() {
					out = append(out, c.blocks(it, depth, c.pos(it, at))...)
				}
				continue
			}
			l := &doc.List{Pos: at, Ordered: n.IsOrdered()}
			if l.Ordered {
				l.Start = n.Start
			}
			for it := n.FirstChild(); it != nil; it = it.NextSibling() {
				ip := c.pos(it, at)
				l.Items = append(l.Items, &doc.ListItem{Pos: ip, Blocks: c.blocks(it, depth+1, ip), Task: taskOf(it)})
			}
			out = append(out, l)
		case *ast.ThematicBreak:
			out = append(out, &doc.ThematicBreak{Pos: at})
		case *ast.HTMLBlock:
			c.diags.Warnf(at, msgRawHTML)
			var b []byte
			lines := n.Lines()
			for i := range lines.Len() {
				seg := lines.At(i)
				b = append(b, seg.Value(c.src)...)
			}
			if n.HasClosure() {
				b = append(b, n.ClosureLine.Value(c.src)...)
			}
			if s := joinLines(string(b)); s != "" {
				out = append(out, &doc.Paragraph{Pos: at, Inlines: []doc.Inline{&doc.Text{Value: s}}})
			}
		case *ast.LinkReferenceDefinition:
			// Used by the links that name it; nothing to show.
		default:
			if bs, ok := c.extBlock(n, depth, at); ok {
				out = append(out, bs...)
				continue
			}
			c.diags.Warnf(at, "unsupported Markdown block %s skipped", n.Kind())
		}
	}
	return out
}

// lineText returns a code block's lines, each ending in "\n".
func (c *converter) lineText(n ast.Node) string {
	var b strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		v := seg.Value(c.src)
		b.Write(v)
		if !bytes.HasSuffix(v, []byte("\n")) {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// joinLines turns the line breaks of s into single spaces and trims it, as
// a soft line break reads.
func joinLines(s string) string {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	return strings.TrimSpace(strings.Join(fields, " "))
}

// inlineBuilder collects inlines, merging neighbouring text.
type inlineBuilder struct {
	out  []doc.Inline
	text []byte
}

func (b *inlineBuilder) addText(s string) { b.text = append(b.text, s...) }

func (b *inlineBuilder) addBytes(s []byte) { b.text = append(b.text, s...) }

// softBreak ends a line inside a paragraph: a single space.
func (b *inlineBuilder) softBreak() {
	b.text = bytes.TrimRight(b.text, " \t")
	b.text = append(b.text, ' ')
}

func (b *inlineBuilder) flush() {
	if len(b.text) > 0 {
		b.out = append(b.out, &doc.Text{Value: string(b.text)})
		b.text = b.text[:0]
	}
}

func (b *inlineBuilder) add(in doc.Inline) {
	b.flush()
	b.out = append(b.out, in)
}

// done returns the inlines without white space or line breaks at the end.
func (b *inlineBuilder) done() []doc.Inline {
	b.text = bytes.TrimRightFunc(b.text, unicode.IsSpace)
	b.flush()
	for len(b.out) > 0 {
		if _, ok := b.out[len(b.out)-1].(*doc.LineBreak); !ok {
			break
		}
		b.out = b.out[:len(b.out)-1]
	}
	return b.out
}

// inlines converts the inline children of a block.
func (c *converter) inlines(block ast.Node, at doc.Pos) []doc.Inline {
	// The text buffer is the converter's, reused from block to block (an
	// emphasis or link inside builds its own).
	b := inlineBuilder{text: c.text[:0]}
	c.addInlines(&b, block, 0, false, at)
	out := b.done()
	c.text = b.text[:0]
	return out
}

// addInlines converts the children of parent into b. depth counts the
// emphasis and links around them (capped like blocks at MaxDepth); inLink
// says a link is open, so nested links keep only their text.
func (c *converter) addInlines(b *inlineBuilder, parent ast.Node, depth int, inLink bool, at doc.Pos) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			v := n.Value(c.src)
			if n.IsRaw() {
				b.addBytes(v)
			} else {
				b.text = appendUnescaped(b.text, v)
			}
			switch {
			case n.HardLineBreak():
				b.add(&doc.LineBreak{})
			case n.SoftLineBreak():
				b.softBreak()
			}
		case *ast.String:
			if n.IsCode() || n.IsRaw() {
				b.addBytes(n.Value)
			} else {
				b.text = appendUnescaped(b.text, n.Value)
			}
		case *ast.CodeSpan:
			var v []byte
			for t := n.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					s := t.Segment.Value(c.src)
					if bytes.HasSuffix(s, []byte("\n")) {
						s = append(s[:len(s)-1:len(s)-1], ' ')
					}
					v = append(v, s...)
				}
			}
			b.add(&doc.Code{Value: string(v)})
		case *ast.Emphasis:
			if depth >= MaxDepth {
				c.flatten(c.pos(n, at))
				c.addInlines(b, n, depth, inLink, at)
				continue
			}
			var inner inlineBuilder
			c.addInlines(&inner, n, depth+1, inLink, at)
			inner.flush()
			if n.Level >= 2 {
				b.add(&doc.Strong{Inlines: inner.out})
			} else {
				b.add(&doc.Emph{Inlines: inner.out})
			}
		case *ast.Link:
			url := string(util.URLEscape(n.Destination, true))
			c.addLink(b, n, url, nil, depth, inLink, c.pos(n, at), at)
		case *ast.AutoLink:
			url := string(util.URLEscape(n.URL(c.src), false))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
				url = "mailto:" + url
			}
			label := string(n.Label(c.src))
			c.addLink(b, n, url, []doc.Inline{&doc.Text{Value: label}}, depth, inLink, c.pos(n, at), at)
		case *ast.Image:
			c.inlineImage(b, n, at)
		case *ast.RawHTML:
			c.diags.Warnf(c.pos(n, at), msgRawHTML)
			var v []byte
			for i := range n.Segments.Len() {
				seg := n.Segments.At(i)
				v = append(v, seg.Value(c.src)...)
			}
			b.addText(strings.ReplaceAll(strings.ReplaceAll(string(v), "\r\n", " "), "\n", " "))
		default:
			c.extInline(b, n, depth, inLink, at)
		}
	}
}

// addLink adds a link to b, or only its text when the URL is refused or
// another link is open. label, when not nil, is the text of an autolink.
func (c *converter) addLink(b *inlineBuilder, n ast.Node, url string, label []doc.Inline, depth int, inLink bool, pos, at doc.Pos) {
	ok := true
	if scheme := urlScheme(url); scheme != "" && scheme != "http" && scheme != "https" && scheme != "mailto" {
		c.diags.Warnf(pos, "link with URL scheme %s: dropped, its text kept", strconv.Quote(scheme+":"))
		ok = false
	} else if url == "" {
		c.diags.Warnf(pos, "link without URL: dropped, its text kept")
		ok = false
	}
	if !ok || inLink || depth >= MaxDepth {
		if label != nil {
			b.addText(doc.PlainText(label))
		} else {
			c.addInlines(b, n, depth, inLink, at)
		}
		return
	}
	if label == nil {
		var inner inlineBuilder
		c.addInlines(&inner, n, depth+1, true, at)
		inner.flush()
		label = inner.out
	}
	link := &doc.Link{URL: url, Inlines: label}
	if l, ok := n.(*ast.Link); ok {
		link.Title = unescape(l.Title)
	}
	b.add(link)
}

// urlScheme returns the lower-case scheme of url ("https"), or "" for a
// relative URL.
func urlScheme(url string) string {
	for i, r := range url {
		switch {
		case r == ':':
			if i == 0 {
				return ""
			}
			return strings.ToLower(url[:i])
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		case i > 0 && ('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return ""
		}
	}
	return ""
}

// unescape decodes the backslash escapes and entity references of a
// CommonMark text span in one pass, as goldmark's HTML writer does, but
// without escaping for HTML: the model holds plain text.
func unescape(s []byte) string {
	if bytes.IndexByte(s, '\\') < 0 && bytes.IndexByte(s, '&') < 0 {
		return string(s)
	}
	return string(appendUnescaped(nil, s))
}

// appendUnescaped appends the unescaped text of s (see unescape) to b.
func appendUnescaped(b []byte, s []byte) []byte {
	if bytes.IndexByte(s, '\\') < 0 && bytes.IndexByte(s, '&') < 0 {
		return append(b, s...)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) && util.IsPunct(s[i+1]) {
			b = append(b, s[i+1])
			i++
			continue
		}
		if c == '&' {
			if r, n := entity(s[i:]); n > 0 {
				b = append(b, r...)
				i += n - 1
				continue
			}
		}
		b = append(b, c)
	}
	return b
}

// entity decodes the entity or numeric character reference at the start of
// s ("&amp;", "&#351;", "&#x15F;") and returns its text and length, or 0.
func entity(s []byte) (string, int) {
	end := bytes.IndexByte(s, ';')
	if end < 2 || end > 40 {
		return "", 0
	}
	name := s[1:end]
	if name[0] == '#' {
		digits, base := name[1:], 10
		if len(digits) > 0 && (digits[0] == 'x' || digits[0] == 'X') {
			digits, base = digits[1:], 16
		}
		if len(digits) == 0 || (base == 10 && len(digits) > 7) || (base == 16 && len(digits) > 6) {
			return "", 0
		}
		v, err := strconv.ParseUint(string(digits), base, 32)
		if err != nil {
			return "", 0
		}
		r := util.ToValidRune(rune(v))
		return string(r), end + 1
	}
	for _, ch := range name {
		if !util.IsAlphaNumeric(ch) {
			return "", 0
		}
	}
	if e, ok := util.LookUpHTML5EntityByName(string(name)); ok {
		return string(e.Characters), end + 1
	}
	return "", 0
}
