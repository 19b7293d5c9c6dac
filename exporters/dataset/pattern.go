package dataset

import (
	"regexp/syntax"
	"unicode/utf8"
)

// This file finishes the check's "pattern" keyword for speed, in one place.
//
// The schemas' patterns are anchored runs of character classes (ids such
// as ^doc-[0-9]{4,}-p[0-9]{4,}$, a hex digest, an acronym), matched
// against every id of every record: regexp's general matcher spent a
// twentieth of a dataset build on them. sequence matches such a pattern
// in one greedy pass, and is built only when one pass is exact: each
// repeated class is disjoint from every class that may follow it up to
// the next one that must, so greedy matching never has to give a
// character back. Any other pattern stays with regexp. TestSequence and
// FuzzSequence hold the two to the same answer.

// sequence is an anchored pattern of character classes, each repeated.
type sequence []repeat

type repeat struct {
	ascii    [2]uint64 // the class's ASCII members, as bits
	ranges   []rune    // the class as syntax gives it: pairs lo, hi
	min, max int       // max < 0: unbounded
}

func (r *repeat) has(c rune) bool {
	if c < utf8.RuneSelf {
		return r.ascii[c>>6]&(1<<(c&63)) != 0
	}
	for i := 0; i+1 < len(r.ranges); i += 2 {
		if r.ranges[i] <= c && c <= r.ranges[i+1] {
			return true
		}
	}
	return false
}

// compileSequence returns pattern as a sequence, or nil if it is not one
// (as Go's regexp package reads it: syntax.Perl).
func compileSequence(pattern string) sequence {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil
	}
	re = re.Simplify()
	if re.Op != syntax.OpConcat || len(re.Sub) < 2 ||
		re.Sub[0].Op != syntax.OpBeginText || re.Sub[len(re.Sub)-1].Op != syntax.OpEndText {
		return nil
	}
	seq := sequence{}
	if !seq.add(re.Sub[1 : len(re.Sub)-1]) {
		return nil
	}
	for i, r := range seq {
		if r.max >= 0 && r.max == r.min {
			continue
		}
		for _, next := range seq[i+1:] {
			if overlap(r.ranges, next.ranges) {
				return nil
			}
			if next.min > 0 {
				break
			}
		}
	}
	return seq
}

// add appends the repeats of subs, reporting false for anything else.
func (seq *sequence) add(subs []*syntax.Regexp) bool {
	for _, re := range subs {
		if re.Flags&syntax.FoldCase != 0 {
			return false
		}
		switch re.Op {
		case syntax.OpConcat:
			if !seq.add(re.Sub) {
				return false
			}
		case syntax.OpLiteral:
			for _, c := range re.Rune {
				*seq = append(*seq, newRepeat([]rune{c, c}, 1, 1))
			}
		case syntax.OpCharClass:
			*seq = append(*seq, newRepeat(re.Rune, 1, 1))
		case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
			class := oneClass(re.Sub[0])
			if class == nil {
				return false
			}
			lo, hi := re.Min, re.Max // OpRepeat
			switch re.Op {
			case syntax.OpStar:
				lo, hi = 0, -1
			case syntax.OpPlus:
				lo, hi = 1, -1
			case syntax.OpQuest:
				lo, hi = 0, 1
			}
			*seq = append(*seq, newRepeat(class, lo, hi))
		case syntax.OpEmptyMatch:
		default:
			return false
		}
	}
	return true
}

// oneClass returns the class of a one-character expression, or nil.
func oneClass(re *syntax.Regexp) []rune {
	switch {
	case re.Flags&syntax.FoldCase != 0:
		return nil
	case re.Op == syntax.OpCharClass:
		return re.Rune
	case re.Op == syntax.OpLiteral && len(re.Rune) == 1:
		return []rune{re.Rune[0], re.Rune[0]}
	}
	return nil
}

func newRepeat(ranges []rune, min, max int) repeat {
	r := repeat{ranges: ranges, min: min, max: max}
	for i := 0; i+1 < len(ranges); i += 2 {
		for c := ranges[i]; c <= ranges[i+1] && c < utf8.RuneSelf; c++ {
			r.ascii[c>>6] |= 1 << (c & 63)
		}
	}
	return r
}

// overlap reports whether two classes share a character.
func overlap(a, b []rune) bool {
	for i := 0; i+1 < len(a); i += 2 {
		for j := 0; j+1 < len(b); j += 2 {
			if a[i] <= b[j+1] && b[j] <= a[i+1] {
				return true
			}
		}
	}
	return false
}

// match reports whether s matches the whole sequence. Invalid UTF-8 reads
// as U+FFFD, one byte at a time, as regexp reads it.
func (seq sequence) match(s []byte) bool {
	i := 0
	for k := range seq {
		r := &seq[k]
		n := 0
		for (r.max < 0 || n < r.max) && i < len(s) {
			c, size := rune(s[i]), 1
			if c >= utf8.RuneSelf {
				c, size = utf8.DecodeRune(s[i:])
			}
			if !r.has(c) {
				break
			}
			i += size
			n++
		}
		if n < r.min {
			return false
		}
	}
	return i == len(s)
}
