package doc

import (
	"strconv"
	"strings"
)

// This file reads back what Dump writes of pandoc's Markdown syntax for
// authors: attributes, list styles, line blocks, divs, callouts, spans,
// superscript and subscript.

// attrs reads an optional attribute list " {#id .class key="value"}" (as
// attrString writes it) at the start of the rest of the line.
func (p *dumpParser) attrs(a *Attr) error {
	if !strings.HasPrefix(p.rest, "{") {
		return nil
	}
	s := p.rest[1:]
	for {
		s = strings.TrimPrefix(s, " ")
		switch {
		case strings.HasPrefix(s, "}"):
			p.rest = strings.TrimPrefix(s[1:], " ")
			return nil
		case strings.HasPrefix(s, "#"), strings.HasPrefix(s, "."):
			end := strings.IndexAny(s, " }")
			if end < 0 {
				return p.errorf("attributes: no closing brace")
			}
			if s[0] == '#' {
				a.ID = s[1:end]
			} else {
				a.Classes = append(a.Classes, s[1:end])
			}
			s = s[end:]
		default:
			key, rest, ok := strings.Cut(s, "=")
			if !ok || key == "" || strings.ContainsAny(key, " }") {
				return p.errorf("attributes: want #id, .class or key=\"value\", got %q", s)
			}
			q, err := strconv.QuotedPrefix(rest)
			if err != nil {
				return p.errorf("attributes: the value of %s: want a quoted string", key)
			}
			v, _ := strconv.Unquote(q)
			a.Pairs = append(a.Pairs, KeyValue{Key: key, Value: v})
			s = rest[len(q):]
		}
	}
}

// listStyle reads an ordered list's optional style= and delim= words.
func (p *dumpParser) listStyle(l *List) {
	if v, ok := strings.CutPrefix(p.rest, "style="); ok {
		w, rest, _ := strings.Cut(v, " ")
		l.Style, p.rest = ListStyle(w), rest
	}
	if v, ok := strings.CutPrefix(p.rest, "delim="); ok {
		w, rest, _ := strings.Cut(v, " ")
		l.Delim, p.rest = ListDelim(w), rest
	}
}

// authorBlock reads a line block, div or callout; ok is false for another
// keyword.
func (p *dumpParser) authorBlock(kw string, pos Pos, line, depth int, leaves map[Block]leafBlock) (b Block, ok bool, err error) {
	switch kw {
	case "lineblock":
		leaf, err := p.leafAttr()
		if err != nil {
			return nil, true, err
		}
		if err := p.end(); err != nil {
			return nil, true, err
		}
		inlines, sents, err := p.textChildren(depth + 1)
		if err != nil {
			return nil, true, err
		}
		lb := &LineBlock{Pos: pos, Inlines: inlines, Sentences: sents}
		leaves[lb] = leafBlock{line: line, leaf: leaf}
		return lb, true, nil
	case "div":
		d := &Div{Pos: pos}
		if err := p.attrs(&d.Attr); err != nil {
			return nil, true, err
		}
		if err := p.end(); err != nil {
			return nil, true, err
		}
		d.Blocks, err = p.blocks(depth+1, leaves)
		return d, true, err
	case "callout":
		c := &Callout{Pos: pos}
		kind, ok := strings.CutPrefix(p.word(), "kind=")
		if !ok {
			return nil, true, p.errorf("a callout has kind=KIND")
		}
		c.Kind = CalloutKind(kind)
		if err := p.attrs(&c.Attr); err != nil {
			return nil, true, err
		}
		if err := p.end(); err != nil {
			return nil, true, err
		}
		if ok, err := p.next(depth + 1); err != nil {
			return nil, true, err
		} else if !ok || p.rest != "title" {
			return nil, true, p.errorf("a callout's first line under it is its title")
		}
		for {
			ok, err := p.next(depth + 2)
			if err != nil {
				return nil, true, err
			}
			if !ok {
				break
			}
			in, err := p.inline(depth + 2)
			if err != nil {
				return nil, true, err
			}
			c.Title = append(c.Title, in)
		}
		c.Blocks, err = p.blocks(depth+1, leaves)
		return c, true, err
	}
	return nil, false, nil
}

// authorInline reads a span, superscript or subscript; ok is false for
// another keyword.
func (p *dumpParser) authorInline(kw string, depth int) (in Inline, ok bool, err error) {
	var attr Attr
	switch kw {
	case "span":
		if err := p.attrs(&attr); err != nil {
			return nil, true, err
		}
	case "sup", "sub":
	default:
		return nil, false, nil
	}
	if err := p.end(); err != nil {
		return nil, true, err
	}
	var inlines []Inline
	for {
		ok, err := p.next(depth + 1)
		if err != nil {
			return nil, true, err
		}
		if !ok {
			break
		}
		c, err := p.inline(depth + 1)
		if err != nil {
			return nil, true, err
		}
		inlines = append(inlines, c)
	}
	switch kw {
	case "sup":
		return &Sup{Inlines: inlines}, true, nil
	case "sub":
		return &Sub{Inlines: inlines}, true, nil
	}
	return &Span{Attr: attr, Inlines: inlines}, true, nil
}
