package normalize

import (
	"regexp"
	"strings"
)

// authorSyntax returns the regions of pandoc's Markdown syntax that
// typography must not touch, or the structure stage would no longer read
// them: a front matter block at the top (YAML between "---" lines: its
// quotes and "..." are YAML's), attribute lists ("{#id .class
// key="value"}", whose straight quotes delimit values), fenced div fence
// lines (":::"), a line block's "| " with the spaces after it (a poem's
// indentation), and the two spaces after a capital list marker ("A.  ",
// "IV.  "), which pandoc requires.
func authorSyntax(s string) []region {
	var rs []region
	if strings.HasPrefix(s, "---\n") {
		if r, ok := frontMatterRegion(s); ok {
			rs = append(rs, r)
		}
	}
	if strings.IndexByte(s, '{') >= 0 {
		for _, m := range attrRe.FindAllStringIndex(s, -1) {
			rs = append(rs, region{m[0], m[1]})
		}
	}
	if strings.Contains(s, ":::") {
		for _, m := range divFenceRe.FindAllStringIndex(s, -1) {
			rs = append(rs, region{m[0], m[1]})
		}
	}
	if strings.IndexByte(s, '|') >= 0 {
		for _, m := range lineBlockRe.FindAllStringIndex(s, -1) {
			rs = append(rs, region{m[0], m[1]})
		}
	}
	if strings.Contains(s, "  ") {
		for _, m := range capitalMarkerRe.FindAllStringIndex(s, -1) {
			rs = append(rs, region{m[0], m[1]})
		}
	}
	return rs
}

var (
	// attrRe matches an attribute list on one line.
	attrRe = regexp.MustCompile(`\{[ \t]*(?:(?:[#.][^\s{}"'“”‘’]+|-|[A-Za-z_][A-Za-z0-9_:.-]*=(?:"[^"\n]*"|'[^'\n]*'|[^\s{}"']+))[ \t]*)+\}`)
	// divFenceRe matches a fenced div's fence line.
	divFenceRe = regexp.MustCompile(`(?m)^[ \t>]*:{3,}.*$`)
	// lineBlockRe matches the start of a line block's line.
	lineBlockRe = regexp.MustCompile(`(?m)^[ \t>]*\|[ \t]+`)
	// capitalMarkerRe matches a capital list marker and the blanks after it.
	capitalMarkerRe = regexp.MustCompile(`(?m)^[ \t>]*\(?[A-Z]{1,6}[.)][ \t]{2,}`)
	// yamlLineRe matches a line that may be inside a front matter.
	yamlLineRe = regexp.MustCompile(`^(#|[A-Za-z_][A-Za-z0-9_ -]*:(\s|$)|-(\s|$)|[ \t]|\s*$)`)
	// yamlKeyRe matches the line that must follow a front matter's "---".
	yamlKeyRe = regexp.MustCompile(`^(#|[A-Za-z_][A-Za-z0-9_ -]*:(\s|$))`)
)

// frontMatterRegion returns the region of the YAML front matter at the top
// of s, as the structure stage finds it (structure.SplitFrontMatter).
func frontMatterRegion(s string) (region, bool) {
	rest := s[len("---\n"):]
	first, _, _ := strings.Cut(rest, "\n")
	if !yamlKeyRe.MatchString(first) {
		return region{}, false
	}
	off := len("---\n")
	for rest != "" {
		line, after, found := strings.Cut(rest, "\n")
		if t := strings.TrimRight(line, " \t"); t == "---" || t == "..." {
			return region{0, off + len(line)}, true
		}
		if !yamlLineRe.MatchString(line) {
			break
		}
		if !found {
			break
		}
		off += len(line) + 1
		rest = after
	}
	return region{}, false
}
