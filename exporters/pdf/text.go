package pdf

import (
	"fmt"
	"strings"
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
)

// run is a piece of text in one style and size, possibly a link.
type run struct {
	text  string
	style style
	size  float64 // points
	url   string  // http, https or mailto link target; "" for none
}

// flatten appends the runs of inlines to out: text in style st at size
// points, linked to url (or to nothing when url is ""). Emphasis toggles
// italic, strong sets bold, code is set in the monospaced face at
// monoScale, and a link whose URL is not safe (safeURL) keeps the URL
// around it. A hard line break becomes a run with text "\n".
func flatten(out []run, inlines []doc.Inline, st style, size float64, url string) []run {
	type frame struct {
		st  style
		url string
	}
	stack := []frame{{st, url}} // the style and link of the innermost span
	doc.WalkInlines(inlines, func(n doc.Node, entering bool) doc.WalkStatus {
		top := stack[len(stack)-1]
		if !entering {
			switch n.(type) {
			case *doc.Emph, *doc.Strong, *doc.Link:
				stack = stack[:len(stack)-1]
			}
			return doc.WalkContinue
		}
		switch n := n.(type) {
		case *doc.Text:
			out = append(out, run{text: n.Value, style: top.st, size: size, url: top.url})
		case *doc.Emph:
			stack = append(stack, frame{top.st ^ italic, top.url})
		case *doc.Strong:
			stack = append(stack, frame{top.st | bold, top.url})
		case *doc.Code:
			out = append(out, run{text: n.Value, style: mono, size: size * monoScale, url: top.url})
		case *doc.Link:
			u := n.URL
			if !safeURL(u) {
				u = top.url
			}
			stack = append(stack, frame{top.st, u})
		case *doc.Abbr:
			out = append(out, run{text: n.Text, style: top.st, size: size, url: top.url})
		case *doc.LineBreak:
			out = append(out, run{text: "\n", style: top.st, size: size})
		default:
			panic(fmt.Sprintf("pdf: unexpected inline %T", n))
		}
		return doc.WalkContinue
	})
	return out
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
	if !o.ragged {
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
		widths = append(widths, m.width(sg.text, sg.run.style, sg.run.size))
	}
	ib.pieces, ib.ends, ib.cutPrev, ib.widths = pieces, ends, prevs, widths
}
