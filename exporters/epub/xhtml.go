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

// body renders the XHTML bodies of a book's sections, one at a time, into
// one buffer. It keeps the first error and ignores later writes, like
// bufio.Writer.
type body struct {
	b        *bytes.Buffer
	glossary []doc.Term // what Abbr.Term indexes
	err      error
	// english lists the English expansions of the glossary's first
	// englishOf terms (-1: none computed yet), longest first, to be marked lang="en" where they
	// stand in running text; always empty in an English book.
	english   []string
	englishOf int
	// turkish is true when the book is in Turkish; otherwise the glossary's
	// Turkish expansions are marked lang="tr".
	turkish, inEnglish bool
	// inLink counts the open <a> elements; links holds, for every Link
	// being walked, whether it opened one.
	inLink int
	links  []bool
	// headingID is the id of the next heading, the chapter's first.
	headingID string
	// outline holds the open headings: each one's level in the model and
	// its level as written.
	outline []struct{ in, out int }
}

// newBody returns a body writer for a book written in lang.
func newBody(lang string) *body {
	primary := doc.PrimaryLang(lang)
	return &body{b: new(bytes.Buffer), turkish: primary == "tr", inEnglish: primary == "en", englishOf: -1}
}

// tag returns start when entering, else end.
func tag(entering bool, start, end string) string {
	if entering {
		return start
	}
	return end
}

// useGlossary sets the glossary that Abbr inlines index, and the English
// expansions to mark: those of the terms defined in the document at index
// or before it. The glossary is in the reading order of the
// definitions, so they are its first terms; a mention of a long form
// before the document that defines it stays unmarked, as a mention of its
// acronym does.
func (w *body) useGlossary(glossary []doc.Term, index int) {
	w.glossary = glossary
	if w.inEnglish {
		return
	}
	n := 0
	for n < len(glossary) && glossary[n].Defined.Doc <= index {
		n++
	}
	if n == w.englishOf {
		return
	}
	w.englishOf = n
	w.english = w.english[:0]
	seen := map[string]bool{}
	for _, t := range glossary[:n] {
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

// node is the doc.Walker that renders the body: it writes a node's start
// tag when entering it and its end tag when leaving it.
func (w *body) node(n doc.Node, entering bool) doc.WalkStatus {
	switch n := n.(type) {
	case *doc.Heading:
		if entering {
			level := strconv.Itoa(w.headingLevel(n.Level))
			w.raw("<h" + level)
			if w.headingID != "" {
				w.raw(` id="` + w.headingID + `"`)
				w.headingID = ""
			}
			w.raw(">")
		} else {
			w.raw("</h" + strconv.Itoa(w.outline[len(w.outline)-1].out) + ">\n")
		}
	case *doc.Paragraph:
		w.raw(tag(entering, "<p>", "</p>\n"))
	case *doc.CodeBlock:
		if entering {
			w.raw("<pre><code>")
			w.text(n.Text)
			w.raw("</code></pre>\n")
		}
	case *doc.Quote:
		w.raw(tag(entering, "<blockquote>\n", "</blockquote>\n"))
	case *doc.List:
		tag := "ul"
		if n.Ordered {
			tag = "ol"
		}
		if !entering {
			w.raw("</" + tag + ">\n")
			break
		}
		w.raw("<" + tag)
		if n.Ordered && n.Start != 1 {
			w.raw(` start="` + strconv.Itoa(n.Start) + `"`)
		}
		w.raw(">\n")
	case *doc.ListItem:
		switch {
		case !entering:
			w.raw("</li>\n")
		case len(n.Blocks) > 0:
			w.raw("<li>\n")
		default:
			w.raw("<li>")
		}
	case *doc.ThematicBreak:
		if entering {
			w.raw("<hr/>\n")
		}
	case *doc.Text:
		if entering {
			w.running(n.Value)
		}
	case *doc.Emph:
		w.raw(tag(entering, "<em>", "</em>"))
	case *doc.Strong:
		w.raw(tag(entering, "<strong>", "</strong>"))
	case *doc.Code:
		if entering {
			w.raw("<code>")
			w.text(n.Value)
			w.raw("</code>")
		}
	case *doc.Link:
		// A link inside a link is not valid HTML, and a scheme other than
		// http, https or mailto is refused: both keep only their text.
		if !entering {
			if w.links[len(w.links)-1] {
				w.inLink--
				w.raw("</a>")
			}
			w.links = w.links[:len(w.links)-1]
			break
		}
		u := safeURL(n.URL)
		open := u != "" && w.inLink == 0
		w.links = append(w.links, open)
		if open {
			w.raw(`<a href="` + esc(u) + `">`)
			w.inLink++
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
	return doc.WalkContinue
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

// chapter returns the body of document d, the index-th in reading order,
// as the chapter id, its abbreviations resolved against glossary: it is
// labelled by its first heading, and when d does not open with a heading
// its title is set as one.
func (w *body) chapter(d *doc.Document, index int, id string, glossary []doc.Term) (string, error) {
	w.b.Reset()
	w.err, w.inLink, w.links, w.outline, w.headingID = nil, 0, w.links[:0], w.outline[:0], ""
	w.useGlossary(glossary, index)
	hid := id + "-baslik"
	w.raw(`<section epub:type="chapter" role="doc-chapter" aria-labelledby="` + hid + `">` + "\n")
	if len(d.Blocks) > 0 {
		if _, ok := d.Blocks[0].(*doc.Heading); ok {
			w.headingID = hid
		} else {
			w.title(hid, d.Title)
		}
	} else {
		w.title(hid, d.Title)
	}
	doc.WalkBlocks(d.Blocks, w.node)
	w.raw("</section>")
	return w.b.String(), w.err
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
func glossaryBody(glossary []doc.Term, l labels, lang string) string {
	w := newBody(lang)
	w.glossary = glossary
	w.raw(`<section epub:type="glossary" role="doc-glossary" aria-labelledby="kisaltmalar-baslik">` + "\n")
	w.raw(`<h1 id="kisaltmalar-baslik">`)
	w.text(l.Glossary)
	w.raw("</h1>\n<dl>\n")
	for _, t := range turkish.Sorted(glossary, func(t doc.Term) string { return t.Acronym }) {
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
