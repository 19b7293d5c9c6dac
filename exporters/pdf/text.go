package pdf

import (
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

// measurer gives the advance width of text, in millimetres.
type measurer interface {
	width(s string, st style, size float64) float64
}

// flatten turns inlines into styled runs. A hard line break becomes a run
// with text "\n".
func flatten(out []run, inlines []doc.Inline, st style, size float64, url string) []run {
	for _, in := range inlines {
		switch in := in.(type) {
		case *doc.Text:
			out = append(out, run{text: in.Value, style: st, size: size, url: url})
		case *doc.Emph:
			out = flatten(out, in.Inlines, st^italic, size, url)
		case *doc.Strong:
			out = flatten(out, in.Inlines, st|bold, size, url)
		case *doc.Code:
			out = append(out, run{text: in.Value, style: mono, size: size * monoScale, url: url})
		case *doc.Link:
			u := in.URL
			if !safeURL(u) {
				u = url
			}
			out = flatten(out, in.Inlines, st, size, u)
		case *doc.Abbr:
			out = append(out, run{text: in.Text, style: st, size: size, url: url})
		case *doc.LineBreak:
			out = append(out, run{text: "\n", style: st, size: size})
		default:
			panic("pdf: unknown inline type")
		}
	}
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

// buildItems turns runs into boxes, glue and penalties, ending with the
// usual finishing glue and forced break.
func buildItems(runs []run, m measurer, o paraOptions) []item {
	var items []item
	if o.indent > 0 {
		items = append(items, item{kind: boxItem, width: o.indent})
	}
	var word []segment
	flush := func() {
		if len(word) > 0 {
			items = appendWord(items, word, m, o)
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
	// Drop trailing glue, then finish the paragraph.
	for len(items) > 0 && items[len(items)-1].kind == glueItem {
		items = items[:len(items)-1]
	}
	return append(items,
		item{kind: penaltyItem, penalty: infPenalty},
		item{kind: glueItem, stretch: finalStretch},
		item{kind: penaltyItem, penalty: -infPenalty})
}

// appendWord appends the boxes of one word, with penalties at its
// hyphenation points, or at every character when a piece between two
// points is wider than the measure.
func appendWord(items []item, word []segment, m measurer, o paraOptions) []item {
	var full strings.Builder
	for _, sg := range word {
		full.WriteString(sg.text)
	}
	w := full.String()
	var pts []int
	if !o.ragged {
		pts = turkish.HyphenationPoints(w)
		pts = dropMonoPoints(pts, word)
	}
	pieces := splitWord(word, pts)
	emergency := false
	for _, pc := range pieces {
		var pw float64
		for _, sg := range pc {
			pw += m.width(sg.text, sg.run.style, sg.run.size)
		}
		if pw+m.width("-", pc[len(pc)-1].run.style, pc[len(pc)-1].run.size) > o.measure-o.indent {
			emergency = true
			break
		}
	}
	if emergency {
		// Break anywhere: one piece per character, no hyphen shown.
		n := utf8.RuneCountInString(w)
		pts = pts[:0]
		for i := 1; i < n; i++ {
			pts = append(pts, i)
		}
		pieces = splitWord(word, pts)
	}
	for i, pc := range pieces {
		for _, sg := range pc {
			items = append(items, item{kind: boxItem, width: m.width(sg.text, sg.run.style, sg.run.size), run: segmentRun(sg)})
		}
		if i == len(pieces)-1 {
			break
		}
		if emergency {
			items = append(items, item{kind: penaltyItem, penalty: emergencyPenalty})
			continue
		}
		lastSeg := pc[len(pc)-1]
		if turkish.BreakTakesHyphen(w, pts[i]) {
			hr := run{text: "-", style: lastSeg.run.style, size: lastSeg.run.size}
			items = append(items, item{kind: penaltyItem, penalty: hyphenPenalty, flagged: true,
				width: m.width("-", hr.style, hr.size), run: hr})
		} else {
			items = append(items, item{kind: penaltyItem, penalty: apostrophePenalty})
		}
	}
	return items
}

func segmentRun(sg segment) run {
	r := sg.run
	r.text = sg.text
	return r
}

// dropMonoPoints removes hyphenation points that touch code.
func dropMonoPoints(pts []int, word []segment) []int {
	if len(pts) == 0 {
		return pts
	}
	var monoAt []bool
	for _, sg := range word {
		for range sg.text {
			monoAt = append(monoAt, sg.run.style&mono != 0)
		}
	}
	out := pts[:0]
	for _, p := range pts {
		if !monoAt[p-1] && !monoAt[p] {
			out = append(out, p)
		}
	}
	return out
}

// splitWord cuts the segments of a word at the rune indexes pts, in one
// pass over the word.
func splitWord(word []segment, pts []int) [][]segment {
	var pieces [][]segment
	var cur []segment
	pos, k := 0, 0
	for _, sg := range word {
		s := sg.text
		start := 0 // byte offset in s of the text not yet placed
		for i := range s {
			if k < len(pts) && pos == pts[k] {
				if i > start {
					cur = append(cur, segment{text: s[start:i], run: sg.run})
				}
				pieces = append(pieces, cur)
				cur, start = nil, i
				k++
			}
			pos++
		}
		if start < len(s) {
			cur = append(cur, segment{text: s[start:], run: sg.run})
		}
	}
	if len(cur) > 0 {
		pieces = append(pieces, cur)
	}
	return pieces
}
