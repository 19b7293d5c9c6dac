package pdf

import "math"

// This file is the Knuth–Plass total-fit line breaker ("Breaking Paragraphs
// into Lines", 1981): a paragraph is a list of boxes, glue and penalties, and
// the breaker chooses the set of breakpoints that minimises the total
// demerits of all lines, not line by line as greedy filling does.

type itemKind uint8

const (
	boxItem itemKind = iota
	glueItem
	penaltyItem
)

// infPenalty is a penalty that forbids a break; -infPenalty forces one.
const infPenalty = 10000

// item is one element of a paragraph. Width, Stretch and Shrink are in
// millimetres. Only boxes carry text.
type item struct {
	kind    itemKind
	width   float64
	stretch float64
	shrink  float64
	penalty float64 // penalties only
	flagged bool    // a hyphenated break: penalised when two follow each other
	run     run     // boxes: the text and its style; flagged penalties: the hyphen's style
}

// breakParams tunes the breaker.
type breakParams struct {
	// tolerance is the largest badness a line may have (TeX's \tolerance);
	// a value <= 0 means any badness (the final pass).
	tolerance   float64
	linePenalty float64 // added to every line's badness (TeX's \linepenalty)
	flagged     float64 // demerits for two hyphenated lines in a row (\doublehyphendemerits)
	fitness     float64 // demerits for lines of far-apart fitness classes (\adjdemerits)
	// ragged, when positive, sets ragged-right text: every line, the last
	// included, is judged by its shortfall against this much stretch
	// instead of its glue, so that lines come out balanced; lines never
	// shrink.
	ragged  float64
	balance bool // with ragged: the last line too must be full
	// maxActive, when not nil, receives the largest size the active list
	// reached: tests use it to show that the list stays short.
	maxActive *int
}

var defaultParams = breakParams{tolerance: 200, linePenalty: 10, flagged: 3000, fitness: 10000}

// breakNode is an active or passive breakpoint of the dynamic programme.
type breakNode struct {
	pos      int // index of the breakpoint item
	line     int // number of lines ending here
	fitness  int // fitness class of the line ending here
	totalW   float64
	totalY   float64
	totalZ   float64
	demerits float64
	prev     *breakNode
	next     *breakNode // the active list
}

// lineBreaks chooses breakpoints for items with every line measure wide and
// returns the indexes of the breaking items (the last is len(items)-1, the
// closing forced penalty). It tries the given tolerance, then a looser one,
// then any badness, so it always returns a result when every run of boxes
// between two legal breakpoints fits the measure. ok is false only when no
// set of breakpoints keeps every line within the measure.
func lineBreaks(items []item, measure float64, p breakParams) (breaks []int, ok bool) {
	for _, tol := range []float64{p.tolerance, 2000, 0} {
		q := p
		q.tolerance = tol
		if b, found := knuthPlass(items, measure, q); found {
			return b, true
		}
	}
	return nil, false
}

// badness is TeX's: 100 r³, capped at 10000 (also for an infinitely bad line).
func badness(r float64) float64 {
	if math.IsInf(r, 0) || r < -1 {
		return 10000
	}
	b := 100 * math.Abs(r*r*r)
	if b > 10000 {
		return 10000
	}
	return b
}

// fitnessClass maps an adjustment ratio to TeX's four classes: 0 tight,
// 1 decent, 2 loose, 3 very loose.
func fitnessClass(r float64) int {
	switch {
	case r < -0.5:
		return 0
	case r <= 0.5:
		return 1
	case r <= 1:
		return 2
	}
	return 3
}

// ratio returns the adjustment ratio of the line from node a to breakpoint b
// given the running sums at b.
func ratio(items []item, a *breakNode, b int, sumW, sumY, sumZ, measure, ragged float64) float64 {
	w := sumW - a.totalW
	if it := items[b]; it.kind == penaltyItem {
		w += it.width
	}
	if ragged > 0 {
		if w > measure {
			return math.Inf(-1)
		}
		return (measure - w) / ragged
	}
	switch {
	case w < measure:
		y := sumY - a.totalY
		if y <= 0 {
			return math.Inf(1)
		}
		return (measure - w) / y
	case w > measure:
		z := sumZ - a.totalZ
		if z <= 0 {
			return math.Inf(-1)
		}
		return (measure - w) / z
	}
	return 0
}

// knuthPlass runs one pass of the algorithm. The active list holds at most
// one node per (line, fitness) pair that can still reach a later breakpoint;
// nodes whose lines have become overfull are dropped, so on real text the
// list stays short and the pass is linear in the number of items.
func knuthPlass(items []item, measure float64, p breakParams) ([]int, bool) {
	anyBadness := p.tolerance <= 0
	active := &breakNode{pos: 0, fitness: 1}
	var sumW, sumY, sumZ float64
	last := len(items) - 1

	for b := 0; b < len(items); b++ {
		it := items[b]
		legal := false
		switch it.kind {
		case boxItem:
			sumW += it.width
			continue
		case glueItem:
			legal = b > 0 && items[b-1].kind == boxItem
		case penaltyItem:
			legal = it.penalty < infPenalty
		}
		if legal {
			var best [4]*breakNode
			var bestD [4]float64
			for i := range bestD {
				bestD[i] = math.Inf(1)
			}
			var prev *breakNode
			for a := active; a != nil; {
				next := a.next
				r := ratio(items, a, b, sumW, sumY, sumZ, measure, p.ragged)
				if p.ragged > 0 && !p.balance && b == last && r >= -1 {
					r = 0 // a ragged last line may be short
				}
				forced := it.kind == penaltyItem && it.penalty <= -infPenalty
				if r < -1 || forced {
					// The line from a is overfull (or we are past a
					// forced break): a can never start a later line.
					if prev == nil {
						active = next
					} else {
						prev.next = next
					}
				} else {
					prev = a
				}
				if r >= -1 && (anyBadness || badness(r) <= p.tolerance) {
					d := demerits(items, a, b, r, p)
					c := fitnessClass(r)
					if a.fitness-c > 1 || c-a.fitness > 1 {
						d += p.fitness
					}
					d += a.demerits
					if d < bestD[c] {
						bestD[c], best[c] = d, a
					}
				}
				a = next
			}
			// Sums after the break: skip the glue and penalties that a
			// break discards, up to the next box or forced break.
			tw, ty, tz := sumW, sumY, sumZ
			for j := b; j < len(items); j++ {
				x := items[j]
				if x.kind == boxItem || (x.kind == penaltyItem && x.penalty <= -infPenalty && j > b) {
					break
				}
				if x.kind == glueItem {
					tw += x.width
					ty += x.stretch
					tz += x.shrink
				}
			}
			for c, a := range best {
				if a == nil {
					continue
				}
				n := &breakNode{pos: b, line: a.line + 1, fitness: c, totalW: tw, totalY: ty, totalZ: tz, demerits: bestD[c], prev: a}
				n.next = active
				active = n
			}
			if active == nil {
				return nil, false
			}
			if p.maxActive != nil {
				n := 0
				for a := active; a != nil; a = a.next {
					n++
				}
				*p.maxActive = max(*p.maxActive, n)
			}
		}
		if it.kind == glueItem {
			sumW += it.width
			sumY += it.stretch
			sumZ += it.shrink
		}
	}
	var end *breakNode
	for a := active; a != nil; a = a.next {
		if a.pos == last && (end == nil || a.demerits < end.demerits) {
			end = a
		}
	}
	if end == nil {
		return nil, false
	}
	var breaks []int
	for n := end; n != nil && n.prev != nil; n = n.prev {
		breaks = append(breaks, n.pos)
	}
	for i, j := 0, len(breaks)-1; i < j; i, j = i+1, j-1 {
		breaks[i], breaks[j] = breaks[j], breaks[i]
	}
	return breaks, true
}

// demerits of the line from a to breakpoint b with adjustment ratio r,
// without the fitness and accumulated terms.
func demerits(items []item, a *breakNode, b int, r float64, p breakParams) float64 {
	it := items[b]
	l := p.linePenalty + badness(r)
	d := l * l
	if it.kind == penaltyItem {
		switch {
		case it.penalty >= 0:
			d += it.penalty * it.penalty
		case it.penalty > -infPenalty:
			d -= it.penalty * it.penalty
		}
		if it.flagged && items[a.pos].kind == penaltyItem && items[a.pos].flagged && a.prev != nil {
			d += p.flagged
		}
	}
	return d
}

// lineRatio returns the adjustment ratio of the line made of items[from:to]
// ending at the breakpoint items[to]: the factor applied to stretch (r > 0)
// or shrink (r < 0) so that the line fills measure. A last line (ending in a
// forced break after infinite glue) gets its own natural width.
func lineRatio(items []item, from, to int, measure float64) float64 {
	var w, y, z float64
	for _, it := range items[from:to] {
		if it.kind == penaltyItem {
			continue
		}
		w += it.width
		if it.kind == glueItem {
			y += it.stretch
			z += it.shrink
		}
	}
	if it := items[to]; it.kind == penaltyItem {
		w += it.width
	}
	switch {
	case w < measure && y > 0:
		return (measure - w) / y
	case w > measure && z > 0:
		return math.Max(-1, (measure-w)/z)
	}
	return 0
}
