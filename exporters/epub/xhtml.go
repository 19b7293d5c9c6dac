package epub

import (
	"bytes"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/turkish"
)

// clean makes s safe to carry in XML 1.0 and HTML text: invalid UTF-8
// becomes U+FFFD, and characters that XML 1.0 forbids (C0 controls other than
// tab, newline and carriage return; surrogates; U+FFFE, U+FFFF) are dropped,
// as are those that HTML reports as parse errors (C1 controls and
// noncharacters). The model should not contain any of them; clean is the
// last line of defence, because go-epub inserts section bodies verbatim.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if !allowed(r) {
			ok = false
			break
		}
	}
	if ok && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s { // ranging turns invalid UTF-8 into U+FFFD
		if allowed(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// allowed reports whether r may appear in the text of an XHTML document.
func allowed(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0x7F && r <= 0x9F:
		return false
	case r >= 0xD800 && r <= 0xDFFF:
		return false
	case r >= 0xFDD0 && r <= 0xFDEF:
		return false
	case r&0xFFFE == 0xFFFE: // U+xFFFE and U+xFFFF of every plane
		return false
	case r > utf8.MaxRune:
		return false
	}
	return true
}

// escaper escapes text for XHTML element content and double-quoted
// attribute values. Unlike xml.EscapeText it keeps newlines as they are, so
// that code blocks stay readable.
var escaper = strings.NewReplacer(
	"&", "&amp;",
	"<", "&lt;",
	">", "&gt;",
	`"`, "&quot;",
	"\r", "&#xD;",
)

// esc returns s cleaned and escaped: every text from the model goes through
// it before it reaches a file of the EPUB.
func esc(s string) string { return escaper.Replace(clean(s)) }

// body renders the XHTML bodies of a book's sections. It keeps the first
// error and ignores later writes, like bufio.Writer.
type body struct {
	b      *bytes.Buffer
	book   *doc.Book
	inLink int
	err    error
	// english lists the glossary's English expansions, longest first, to
	// be marked lang="en" where they stand in running text; empty in an
	// English book.
	english []string
	// turkish is true when the book is in Turkish; otherwise the glossary's
	// Turkish expansions are marked lang="tr".
	turkish bool
	// outline holds the open headings: each one's level in the model and
	// its level as written.
	outline []struct{ in, out int }
}

// newBody returns a body writer for book, written in lang.
func newBody(book *doc.Book, lang string) *body {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	w := &body{b: new(bytes.Buffer), book: book, turkish: primary == "tr"}
	if primary == "en" || book == nil {
		return w
	}
	seen := map[string]bool{}
	for _, t := range book.Glossary {
		if en := strings.TrimSpace(clean(t.ExpansionEN)); en != "" && !seen[en] {
			seen[en] = true
			w.english = append(w.english, en)
		}
	}
	sort.Slice(w.english, func(i, j int) bool {
		a, b := w.english[i], w.english[j]
		if len(a) != len(b) {
			return len(a) > len(b)
		}
		return a < b
	})
	return w
}

func (w *body) raw(s string) { w.b.WriteString(s) }

// text writes s cleaned and escaped.
func (w *body) text(s string) { escaper.WriteString(w.b, clean(s)) }

// cleanText writes s, which clean has already passed, escaped.
func (w *body) cleanText(s string) { escaper.WriteString(w.b, s) }

// running writes running text, marking every English expansion of the
// glossary in it (as in "Kurumu (Internet Corporation for Assigned Names and
// Numbers – ICANN)") as English, so that readers and screen readers switch
// language for it.
func (w *body) running(s string) {
	s = clean(s)
	for len(w.english) > 0 {
		at, name := -1, ""
		for _, en := range w.english {
			if i := strings.Index(s, en); i >= 0 && (at < 0 || i < at) {
				at, name = i, en
			}
		}
		if at < 0 {
			break
		}
		w.cleanText(s[:at])
		w.raw(`<span lang="en" xml:lang="en">`)
		w.cleanText(name)
		w.raw("</span>")
		s = s[at+len(name):]
	}
	w.cleanText(s)
}

// safeURL returns u when it is an absolute http, https or mailto URL that
// parses, else "".
func safeURL(u string) string {
	u = strings.TrimSpace(clean(u))
	p, err := url.Parse(u)
	if err != nil || strings.ContainsAny(u, " \t\n\r<>\"{}|\\^`") {
		return ""
	}
	switch strings.ToLower(p.Scheme) {
	case "http", "https":
		if p.Host == "" {
			return ""
		}
		return u
	case "mailto":
		if p.Opaque == "" {
			return ""
		}
		return u
	}
	return ""
}

func (w *body) blocks(blocks []doc.Block) {
	for _, b := range blocks {
		w.block(b, "")
	}
}

// block renders b; id, when not empty, is set on a heading.
func (w *body) block(b doc.Block, id string) {
	switch b := b.(type) {
	case *doc.Heading:
		n := strconv.Itoa(w.headingLevel(b.Level))
		w.raw("<h" + n)
		if id != "" {
			w.raw(` id="` + id + `"`)
		}
		w.raw(">")
		w.inlines(b.Inlines)
		w.raw("</h" + n + ">\n")
	case *doc.Paragraph:
		w.raw("<p>")
		w.inlines(b.Inlines)
		w.raw("</p>\n")
	case *doc.CodeBlock:
		w.raw("<pre><code>")
		w.text(b.Text)
		w.raw("</code></pre>\n")
	case *doc.Quote:
		w.raw("<blockquote>\n")
		w.blocks(b.Blocks)
		w.raw("</blockquote>\n")
	case *doc.List:
		tag := "ul"
		if b.Ordered {
			tag = "ol"
		}
		w.raw("<" + tag)
		if b.Ordered && b.Start != 1 {
			w.raw(` start="` + strconv.Itoa(b.Start) + `"`)
		}
		w.raw(">\n")
		for _, it := range b.Items {
			w.raw("<li>")
			if len(it.Blocks) > 0 {
				w.raw("\n")
			}
			w.blocks(it.Blocks)
			w.raw("</li>\n")
		}
		w.raw("</" + tag + ">\n")
	case *doc.ThematicBreak:
		w.raw("<hr/>\n")
	default:
		if w.err == nil {
			w.err = fmt.Errorf("unknown block %T", b)
		}
	}
}

func (w *body) inlines(inlines []doc.Inline) {
	for _, in := range inlines {
		switch in := in.(type) {
		case *doc.Text:
			w.running(in.Value)
		case *doc.Emph:
			w.raw("<em>")
			w.inlines(in.Inlines)
			w.raw("</em>")
		case *doc.Strong:
			w.raw("<strong>")
			w.inlines(in.Inlines)
			w.raw("</strong>")
		case *doc.Code:
			w.raw("<code>")
			w.text(in.Value)
			w.raw("</code>")
		case *doc.Link:
			// A link inside a link is not valid HTML, and a scheme other than
			// http, https or mailto is refused: both keep only their text.
			u := safeURL(in.URL)
			if u == "" || w.inLink > 0 {
				w.inlines(in.Inlines)
				continue
			}
			w.raw(`<a href="` + esc(u) + `">`)
			w.inLink++
			w.inlines(in.Inlines)
			w.inLink--
			w.raw("</a>")
		case *doc.Abbr:
			if in.Term < 0 || in.Term >= len(w.book.Glossary) {
				if w.err == nil {
					w.err = fmt.Errorf("abbreviation %q refers to glossary term %d of %d", in.Text, in.Term, len(w.book.Glossary))
				}
				continue
			}
			w.abbr(in.Text, w.book.Glossary[in.Term])
		case *doc.LineBreak:
			w.raw("<br/>\n")
		default:
			if w.err == nil {
				w.err = fmt.Errorf("unknown inline %T", in)
			}
		}
	}
}

// abbr writes an acronym with its Turkish expansion as the title. The title
// attribute carries one language, its element's, so the English expansion
// is left to the glossary, where it is marked lang="en"; in a book that is
// not in Turkish the abbr is marked lang="tr".
func (w *body) abbr(text string, t doc.Term) {
	w.raw("<abbr")
	if t.Expansion != "" {
		if !w.turkish {
			w.raw(` lang="tr" xml:lang="tr"`)
		}
		w.raw(` title="` + esc(t.Expansion) + `"`)
	}
	w.raw(">")
	w.text(text)
	w.raw("</abbr>")
}

// chapter writes document d as the chapter id to w.b: it is labelled by
// its first heading, and when d does not open with a heading its title is
// set as one. The first error is left in w.err. w may have written other chapters before.
func (w *body) chapter(d *doc.Document, id string) {
	w.err, w.inLink, w.outline = nil, 0, w.outline[:0]
	hid := id + "-baslik"
	w.raw(`<section epub:type="chapter" role="doc-chapter" aria-labelledby="` + hid + `">` + "\n")
	blocks := d.Blocks
	if len(blocks) > 0 {
		if h, ok := blocks[0].(*doc.Heading); ok {
			w.block(h, hid)
			blocks = blocks[1:]
		} else {
			w.title(hid, d.Title)
		}
	} else {
		w.title(hid, d.Title)
	}
	w.blocks(blocks)
	w.raw("</section>")
}

// title writes a chapter's title as its level 1 heading; the model's
// headings go below it.
func (w *body) title(id, title string) {
	w.raw(`<h1 id="` + id + `">`)
	w.text(title)
	w.raw("</h1>\n")
	w.outline = append(w.outline[:0], struct{ in, out int }{0, 1})
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

// glossaryBody renders the book's glossary as a definition list, in
// Turkish collation order of the acronyms.
func glossaryBody(book *doc.Book, l labels, lang string) string {
	w := newBody(book, lang)
	w.raw(`<section epub:type="glossary" role="doc-glossary" aria-labelledby="kisaltmalar-baslik">` + "\n")
	w.raw(`<h1 id="kisaltmalar-baslik">`)
	w.text(l.Glossary)
	w.raw("</h1>\n<dl>\n")
	for _, t := range turkish.Sorted(book.Glossary, func(t doc.Term) string { return t.Acronym }) {
		w.raw("<dt>")
		w.abbr(t.Acronym, t)
		w.raw("</dt>\n<dd>")
		if t.Expansion != "" && !w.turkish {
			w.raw(`<span lang="tr" xml:lang="tr">`)
			w.text(t.Expansion)
			w.raw("</span>")
		} else {
			w.text(t.Expansion)
		}
		if t.ExpansionEN != "" {
			if t.Expansion != "" {
				w.raw(" (")
			}
			w.raw(`<span lang="en" xml:lang="en">`)
			w.text(t.ExpansionEN)
			w.raw("</span>")
			if t.Expansion != "" {
				w.raw(")")
			}
		}
		w.raw("</dd>\n")
	}
	w.raw("</dl>\n</section>")
	return w.b.String()
}

// titlePageBody renders the title page: title, subtitle, authors and the
// imprint (publisher, date, rights, identifier).
func titlePageBody(m *meta, l labels) string {
	w := &body{b: new(bytes.Buffer)}
	w.raw(`<section epub:type="titlepage" class="titlepage" aria-labelledby="kitap-adi">` + "\n")
	w.raw(`<h1 id="kitap-adi" class="title">`)
	w.text(m.Title)
	w.raw("</h1>\n")
	if m.Subtitle != "" {
		w.raw(`<p class="subtitle">`)
		w.text(m.Subtitle)
		w.raw("</p>\n")
	}
	if len(m.Authors) > 0 {
		w.raw(`<p class="authors">`)
		w.text(strings.Join(m.Authors, ", "))
		w.raw("</p>\n")
	}
	w.raw(`<dl class="imprint">` + "\n")
	for _, row := range [][2]string{
		{l.Publisher, m.Publisher},
		{l.Date, m.Date},
		{l.Rights, m.Rights},
		{l.ID, m.Identifier},
	} {
		if row[1] == "" {
			continue
		}
		w.raw("<dt>")
		w.text(row[0])
		w.raw("</dt>\n<dd>")
		w.text(row[1])
		w.raw("</dd>\n")
	}
	w.raw("</dl>\n</section>")
	return w.b.String()
}

// coverBody renders the cover page: the cover image alone.
func coverBody(href, alt string) string {
	return `<div class="cover">` + "\n" +
		`<img epub:type="cover" role="doc-cover" src="` + esc(href) + `" alt="` + esc(alt) + `"/>` + "\n</div>"
}
