package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/turkish"
)

// style is a font style: a set of the flags below.
type style uint8

const (
	bold style = 1 << iota
	italic
	mono
	// foreign marks text in a language other than Turkish: it is not
	// hyphenated by Turkish rules, and its small capitals are not cased
	// by them. It selects no face.
	foreign
	// struck text has a line through it. It selects no face.
	struck
)

// turkishLang reports whether the BCP 47 tag lang is Turkish (or
// Azerbaijani, cased the same way); "" inherits, and counts as Turkish.
func turkishLang(lang string) bool {
	l := strings.ToLower(lang)
	return l == "" || l == "tr" || strings.HasPrefix(l, "tr-") || l == "az" || strings.HasPrefix(l, "az-")
}

// run is a piece of text in one style and size, possibly a link.
type run struct {
	text  string
	style style
	size  float64 // points
	url   string  // http, https or mailto link target, or "#" and a book key (see bookKey); "" for none
	rise  float64 // baseline shift upwards, mm: superscripts, note marks; negative for subscripts
	// obj is the footnote whose reference mark the run is, or the inline
	// image it draws (its text is objectChar); nil for text. (One pointer
	// for both keeps runs, and the ops that hold them, small.)
	obj *inlineObj
}

// inlineObj is what a run stands for besides text.
type inlineObj struct {
	note *doc.Note
	img  *doc.Image
	alt  string // the image's alt text, for the tagged PDF
}

// note returns the footnote whose mark r is, or nil.
func (r *run) note() *doc.Note {
	if r.obj == nil {
		return nil
	}
	return r.obj.note
}

// img returns the inline image r draws, or nil.
func (r *run) img() *doc.Image {
	if r.obj == nil {
		return nil
	}
	return r.obj.img
}

// objectChar stands for an inline image in the items of a paragraph.
const objectChar = "\ufffc"

// maxImageInline is the widest an inline image is set, mm.
const maxImageInline = 40.0

// scriptScale is the size of superscripts, subscripts and note marks
// relative to the text around them; smallCapsScale that of small capitals.
const (
	scriptScale    = 0.7
	smallCapsScale = 0.8
)

// bookKey returns the key of an element of the book for internal links:
// the document's ID and the element's id ("" for the document's start).
func bookKey(docID, id string) string { return docID + "#" + id }

// flatten appends the runs of inlines to out: text in style st at size
// points, linked to url (or to nothing when url is ""). Emphasis toggles
// italic, strong sets bold, code and math are set in the monospaced face at
// monoScale, a link whose URL is not safe (safeURL) keeps the URL around
// it, and a link into the book (or a cross-reference) links to "#" and its
// target's bookKey. Superscripts, subscripts and note marks are smaller and
// raised or lowered, and note marks side by side are separated by a raised
// comma; small capitals are capitals at smallCapsScale (in Turkish casing
// unless the span's language says otherwise); struck text is struck;
// a span in another language than Turkish is foreign. A hard line break
// becomes a run with text "\n"; an inline image a run of objectChar with
// the image, or its alt text when the PDF cannot embed it (SVG).
func flatten(out []run, inlines []doc.Inline, st style, size float64, url string) []run {
	type frame struct {
		st   style
		url  string
		size float64
		rise float64
		caps bool // small capitals
	}
	stack := []frame{{st: st, url: url, size: size}} // the style and link of the innermost span
	text := func(top frame, s string) {
		if !top.caps {
			out = append(out, run{text: s, style: top.st, size: top.size, url: top.url, rise: top.rise})
			return
		}
		out = appendSmallCaps(out, s, run{style: top.st, size: top.size, url: top.url, rise: top.rise}, top.st&foreign != 0)
	}
	doc.WalkInlines(inlines, func(n doc.Node, entering bool) doc.WalkStatus {
		top := stack[len(stack)-1]
		if !entering {
			switch n.(type) {
			case *doc.Emph, *doc.Strong, *doc.Link, *doc.Strike, *doc.Sub, *doc.Sup, *doc.Span:
				stack = stack[:len(stack)-1]
			}
			return doc.WalkContinue
		}
		switch n := n.(type) {
		case *doc.Text:
			text(top, n.Value)
		case *doc.Emph:
			top.st ^= italic
			stack = append(stack, top)
		case *doc.Strong:
			top.st |= bold
			stack = append(stack, top)
		case *doc.Code:
			out = append(out, run{text: n.Value, style: mono | top.st&struck, size: top.size * monoScale, url: top.url, rise: top.rise})
		case *doc.Math:
			out = append(out, run{text: n.Source, style: mono | top.st&struck, size: top.size * monoScale, url: top.url, rise: top.rise})
		case *doc.Link:
			u := n.URL
			switch {
			case n.Internal():
				u = "#" + bookKey(n.TargetDoc, n.Fragment)
			case !safeURL(u):
				u = top.url
			}
			top.url = u
			stack = append(stack, top)
		case *doc.Abbr:
			abbr := top
			abbr.st |= abbrStyle // tags: a Span with /E
			text(abbr, n.Text)
		case *doc.LineBreak:
			out = append(out, run{text: "\n", style: top.st, size: top.size})
		case *doc.Strike:
			top.st |= struck
			stack = append(stack, top)
		case *doc.Sup:
			top.rise += top.size * 0.33 * ptMM
			top.size *= scriptScale
			stack = append(stack, top)
		case *doc.Sub:
			top.rise -= top.size * 0.15 * ptMM
			top.size *= scriptScale
			stack = append(stack, top)
		case *doc.Span:
			if n.Attr.HasClass("smallcaps") {
				top.caps = true
			}
			if l := n.Attr.Lang(); l != "" {
				top.st &^= foreign | enStyle
				if !turkishLang(l) {
					top.st |= foreign
				}
				if strings.HasPrefix(strings.ToLower(l), "en") {
					top.st |= enStyle // tags: a Span with /Lang (en)
				}
			}
			stack = append(stack, top)
		case *doc.NoteRef:
			if n.Note != nil {
				if k := len(out); k > 0 && out[k-1].note() != nil {
					// Marks side by side: ¹,²
					sep := out[k-1]
					sep.text, sep.obj, sep.url = ",", nil, ""
					out = append(out, sep)
				}
				out = append(out, run{text: strconv.Itoa(n.Note.Number), style: top.st &^ italic, size: top.size * scriptScale,
					rise: top.rise + top.size*0.33*ptMM, obj: &inlineObj{note: n.Note}})
			}
		case *doc.CrossRef:
			u := top.url
			if n.TargetDoc != "" {
				u = "#" + bookKey(n.TargetDoc, n.Target)
			}
			out = append(out, run{text: n.Text(), style: top.st, size: top.size, url: u, rise: top.rise})
		case *doc.InlineImage:
			if n.Image != nil && n.Image.Width > 0 && n.Image.Height > 0 && (n.Image.MediaType == "image/png" || n.Image.MediaType == "image/jpeg") {
				out = append(out, run{text: objectChar, size: top.size, url: top.url, rise: top.rise, obj: &inlineObj{img: n.Image, alt: n.Alt}})
			} else if n.Alt != "" {
				text(top, "["+n.Alt+"]")
			}
		default:
			panic(fmt.Sprintf("pdf: unexpected inline %T", n))
		}
		return doc.WalkContinue
	})
	return out
}

// appendSmallCaps appends the runs of s in small capitals: its lower-case
// letters as capitals at smallCapsScale of r's size, the rest as it is.
func appendSmallCaps(out []run, s string, r run, en bool) []run {
	var b strings.Builder
	lower := false
	flush := func() {
		if b.Len() == 0 {
			return
		}
		x := r
		x.text = b.String()
		if lower {
			x.size *= smallCapsScale
		}
		out = append(out, x)
		b.Reset()
	}
	for _, c := range s {
		l := unicode.IsLower(c)
		if l != lower {
			flush()
			lower = l
		}
		if l {
			if en {
				c = unicode.ToUpper(c)
			} else {
				c = turkish.UpperRune(c)
			}
		}
		b.WriteRune(c)
	}
	flush()
	return out
}

// imageWidth is the width, mm, of an inline image set at the height of
// text of size points: its aspect kept, at most maxW.
func imageWidth(img *doc.Image, size, maxW float64) float64 {
	h := size * 0.8 * ptMM
	return min(h*float64(img.Width)/float64(img.Height), maxW)
}

// safeURL reports whether u may become a link annotation.
func safeURL(u string) bool {
	l := strings.ToLower(u)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "mailto:")
}

// monoScale is the size of code relative to the text around it.
const monoScale = 0.85

// isSpace reports whether r separates words in running text. No-break
// spaces do not.
func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }

// segment is a part of a word in one style.
type segment struct {
	text string
	run  run
}

// paraOptions controls how a paragraph becomes items.
type paraOptions struct {
	measure float64 // line width, mm
	indent  float64 // first-line indent, mm
	ragged  bool    // ragged right: no shrink, generous stretch, no hyphenation
	// hyphenate hyphenates ragged text too.
	hyphenate bool
}

// hyphenPenalty is TeX's \hyphenpenalty; apostrophePenalty costs a break
// after an apostrophe a little less, as it takes no hyphen.
const (
	hyphenPenalty     = 50
	apostrophePenalty = 30
	emergencyPenalty  = 1000
	finalStretch      = 1e5
)

// itemBuilder builds the items of paragraphs. It keeps its buffers from one
// word to the next, and the caller may pass the items of the last paragraph
// back to build when it is done with them, so that setting a long book does
// not allocate per word.
type itemBuilder struct {
	hyph    map[string][]int // hyphenation points by word (see hyphenation)
	word    []segment        // the segments of the word being collected
	pieces  []segment        // the word cut at its break points, piece after piece
	ends    []int            // ends[i] is the end in pieces of piece i
	cutPrev []rune           // the character before each cut, or -1
	widths  []float64        // the width of each of pieces
	full    []byte           // the text of a word of several segments

	// The hyphen's width in the last style and size asked for.
	hyphenStyle style
	hyphenSize  float64
	hyphenW     float64
	hyphenOK    bool
}

// build appends to items[:0] the items of runs.
func (ib *itemBuilder) build(items []item, runs []run, m measurer, o paraOptions) []item {
	items = items[:0]
	if o.indent > 0 {
		items = append(items, item{kind: boxItem, width: o.indent})
	}
	word := ib.word[:0]
	flush := func() {
		if len(word) > 0 {
			items = ib.appendWord(items, word, m, o)
			word = word[:0]
		}
	}
	for _, r := range runs {
		if r.text == "\n" {
			flush()
			items = append(items,
				item{kind: penaltyItem, penalty: infPenalty},
				item{kind: glueItem, stretch: finalStretch},
				item{kind: penaltyItem, penalty: -infPenalty})
			continue
		}
		s := r.text
		for s != "" {
			i := strings.IndexFunc(s, isSpace)
			if i < 0 {
				word = append(word, segment{text: s, run: r})
				break
			}
			if i > 0 {
				word = append(word, segment{text: s[:i], run: r})
			}
			flush()
			_, size := utf8.DecodeRuneInString(s[i:])
			s = s[i+size:]
			// Collapse a run of spaces into one glue.
			if n := len(items); n > 0 && items[n-1].kind == glueItem {
				continue
			}
			if len(items) == 0 {
				continue
			}
			w := m.width(" ", r.style, r.size)
			g := item{kind: glueItem, width: w, stretch: w / 2, shrink: w / 3}
			if r.style&mono != 0 {
				g.stretch, g.shrink = w/4, 0
			}
			if o.ragged {
				g.stretch, g.shrink = 3*w, 0
			}
			items = append(items, g)
		}
	}
	flush()
	ib.word = word[:0]
	// Drop trailing glue, then finish the paragraph.
	for len(items) > 0 && items[len(items)-1].kind == glueItem {
		items = items[:len(items)-1]
	}
	return append(items,
		item{kind: penaltyItem, penalty: infPenalty},
		item{kind: glueItem, stretch: finalStretch},
		item{kind: penaltyItem, penalty: -infPenalty})
}

// hyphenWidth returns the width of a hyphen in st at size.
func (ib *itemBuilder) hyphenWidth(m measurer, st style, size float64) float64 {
	if !ib.hyphenOK || ib.hyphenStyle != st || ib.hyphenSize != size {
		ib.hyphenStyle, ib.hyphenSize, ib.hyphenW, ib.hyphenOK = st, size, m.width("-", st, size), true
	}
	return ib.hyphenW
}

// appendWord appends the boxes of one word, with penalties at its
// hyphenation points, or at every character when a piece between two
// points is wider than the measure.
func (ib *itemBuilder) appendWord(items []item, word []segment, m measurer, o paraOptions) []item {
	w := word[0].text
	if len(word) > 1 {
		ib.full = ib.full[:0]
		for _, sg := range word {
			ib.full = append(ib.full, sg.text...)
		}
		w = string(ib.full)
	}
	var pts []int // read-only: it may be the cache's
	if (!o.ragged || o.hyphenate) && word[0].run.style&foreign == 0 {
		pts = dropMonoPoints(ib.hyphenation(w), word)
	}
	ib.split(word, pts, m)
	emergency := false
	from := 0
	for _, end := range ib.ends {
		var pw float64
		for _, sw := range ib.widths[from:end] {
			pw += sw
		}
		last := ib.pieces[end-1].run
		if pw+ib.hyphenWidth(m, last.style, last.size) > o.measure-o.indent {
			emergency = true
			break
		}
		from = end
	}
	if emergency {
		// Break anywhere: one piece per character, no hyphen shown.
		n := utf8.RuneCountInString(w)
		pts = make([]int, 0, n)
		for i := 1; i < n; i++ {
			pts = append(pts, i)
		}
		ib.split(word, pts, m)
	}
	from = 0
	for i, end := range ib.ends {
		for j := from; j < end; j++ {
			items = append(items, item{kind: boxItem, width: ib.widths[j], run: segmentRun(ib.pieces[j])})
		}
		if i == len(ib.ends)-1 {
			break
		}
		if emergency {
			items = append(items, item{kind: penaltyItem, penalty: emergencyPenalty})
			from = end
			continue
		}
		if turkish.HyphenAfter(ib.cutPrev[i]) {
			last := ib.pieces[end-1].run
			hr := run{text: "-", style: last.style, size: last.size}
			items = append(items, item{kind: penaltyItem, penalty: hyphenPenalty, flagged: true,
				width: ib.hyphenWidth(m, hr.style, hr.size), run: hr})
		} else {
			items = append(items, item{kind: penaltyItem, penalty: apostrophePenalty})
		}
		from = end
	}
	return items
}

func segmentRun(sg segment) run {
	r := sg.run
	r.text = sg.text
	return r
}

// Limits of the hyphenation cache: words longer than maxCachedWord bytes
// are not kept, and no more than maxCachedWords words, so that hostile
// text cannot grow it without bound.
const (
	maxCachedWord  = 64
	maxCachedWords = 1 << 17
)

// hyphenation returns turkish.HyphenationPoints(w), from a cache per
// itemBuilder: a book's vocabulary is far smaller than its text, and the
// body is laid out twice. The slice must not be modified.
func (ib *itemBuilder) hyphenation(w string) []int {
	if pts, ok := ib.hyph[w]; ok {
		return pts
	}
	pts := turkish.HyphenationPoints(w)
	if len(w) <= maxCachedWord && len(ib.hyph) < maxCachedWords {
		if ib.hyph == nil {
			ib.hyph = make(map[string][]int)
		}
		// A copy of the key: w may be a slice of a whole paragraph.
		ib.hyph[strings.Clone(w)] = pts
	}
	return pts
}

// dropMonoPoints returns pts without the hyphenation points that touch
// code; pts itself is not modified.
func dropMonoPoints(pts []int, word []segment) []int {
	if len(pts) == 0 {
		return pts
	}
	anyMono := false
	for _, sg := range word {
		anyMono = anyMono || sg.run.style&mono != 0
	}
	if !anyMono {
		return pts
	}
	var monoAt []bool
	for _, sg := range word {
		for range sg.text {
			monoAt = append(monoAt, sg.run.style&mono != 0)
		}
	}
	out := make([]int, 0, len(pts))
	for _, p := range pts {
		if !monoAt[p-1] && !monoAt[p] {
			out = append(out, p)
		}
	}
	return out
}

// split cuts the segments of a word at the rune indexes pts, in one pass
// over the word, into ib.pieces, ib.ends and ib.cutPrev, and measures the
// pieces' segments into ib.widths.
func (ib *itemBuilder) split(word []segment, pts []int, m measurer) {
	pieces, ends, prevs := ib.pieces[:0], ib.ends[:0], ib.cutPrev[:0]
	pos, k := 0, 0
	prev := rune(-1)
	for _, sg := range word {
		s := sg.text
		start := 0 // byte offset in s of the text not yet placed
		for i, r := range s {
			if k < len(pts) && pos == pts[k] {
				if i > start {
					pieces = append(pieces, segment{text: s[start:i], run: sg.run})
				}
				ends = append(ends, len(pieces))
				prevs = append(prevs, prev)
				start = i
				k++
			}
			pos++
			prev = r
		}
		if start < len(s) {
			pieces = append(pieces, segment{text: s[start:], run: sg.run})
		}
	}
	if n := len(ends); n == 0 && len(pieces) > 0 || n > 0 && len(pieces) > ends[n-1] {
		ends = append(ends, len(pieces))
	}
	widths := ib.widths[:0]
	for _, sg := range pieces {
		if img := sg.run.img(); img != nil {
			widths = append(widths, imageWidth(img, sg.run.size, maxImageInline))
			continue
		}
		widths = append(widths, m.width(sg.text, sg.run.style, sg.run.size))
	}
	ib.pieces, ib.ends, ib.cutPrev, ib.widths = pieces, ends, prevs, widths
}
