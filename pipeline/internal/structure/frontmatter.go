package structure

import (
	"regexp"
	"strings"
)

// FrontMatter is the metadata block found at the top of a Markdown seed:
// YAML between "---" lines, or pandoc's title block ("%" lines).
type FrontMatter struct {
	// YAML is the text between the fences, "" when the seed has none;
	// Line is the seed's line of its first line.
	YAML string
	Line int
	// TitleBlock reports a pandoc title block: Title, Authors and Date
	// are its three fields, as written ("" or nil when a field is empty).
	TitleBlock bool
	Title      string
	Authors    []string
	Date       string
	DateLine   int // the line of the date field
}

// yamlKeyLine matches a line that starts a YAML mapping: a key and a
// colon, or a comment.
var yamlKeyLine = regexp.MustCompile(`^(#|[A-Za-z_][A-Za-z0-9_ -]*:(\s|$))`)

// yamlLine matches a line that may be inside a front matter: a key line,
// a comment, a list item, an indented line or a blank one. A line of prose
// is none of these, so that "---", a paragraph and "---" stay two rules
// around a paragraph.
var yamlLine = regexp.MustCompile(`^(#|[A-Za-z_][A-Za-z0-9_ -]*:(\s|$)|-(\s|$)|[ \t]|\s*$)`)

// SplitFrontMatter finds the metadata block at the top of a Markdown seed
// and returns it, with text in which the block's lines are empty (their
// line breaks kept), so that the positions of the rest do not move; ok is
// false, and text is returned as it is, when there is none.
//
// A YAML block (pandoc's rule) starts on the first line with "---",
// which a line of YAML follows at once (a key, or a comment), and ends
// with a line "---" or "..."; every line between looks like YAML (a key,
// a comment, a list item, an indented or blank line). Without that,
// "---" is a thematic break. A
// title block is the lines at the top that begin with "%": title, authors
// (separated by ";" or on continuation lines that begin with a space) and
// date; a title's continuation lines join it. The "%" must be followed by
// a space or end the line: Turkish writes percentages with the sign
// first, and a seed that starts "%40 oranında" starts with text.
func SplitFrontMatter(text string) (FrontMatter, string, bool) {
	lines := strings.SplitAfter(text, "\n")
	trim := func(s string) string { return strings.TrimRight(s, " \t\r\n") }
	if len(lines) > 2 && trim(lines[0]) == "---" && yamlKeyLine.MatchString(lines[1]) {
		for i := 2; i < len(lines); i++ {
			if t := trim(lines[i]); t == "---" || t == "..." {
				fm := FrontMatter{YAML: strings.Join(lines[1:i], ""), Line: 2}
				return fm, blankLines(lines, i+1), true
			}
			if !yamlLine.MatchString(lines[i]) {
				break // prose between two rules
			}
		}
		return FrontMatter{}, text, false
	}
	if len(lines) == 0 || !isTitleLine(lines[0]) {
		return FrontMatter{}, text, false
	}
	// The title block: up to three fields, each a "%" line and its
	// continuation lines.
	var fields [][]string
	var fieldLines []int
	n := 0
	for n < len(lines) && len(fields) <= 3 {
		l := lines[n]
		switch {
		case isTitleLine(l) && len(fields) < 3:
			fields = append(fields, []string{strings.TrimSpace(l[1:])})
			fieldLines = append(fieldLines, n+1)
		case len(fields) > 0 && (strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t")) && strings.TrimSpace(l) != "":
			f := &fields[len(fields)-1]
			*f = append(*f, strings.TrimSpace(l))
		default:
			goto done
		}
		n++
	}
done:
	fm := FrontMatter{TitleBlock: true}
	if len(fields) > 0 {
		fm.Title = strings.Join(nonEmpty(fields[0]), " ")
	}
	if len(fields) > 1 {
		for _, l := range fields[1] {
			for _, a := range strings.Split(l, ";") {
				if a = strings.TrimSpace(a); a != "" {
					fm.Authors = append(fm.Authors, a)
				}
			}
		}
	}
	if len(fields) > 2 {
		fm.Date = strings.Join(nonEmpty(fields[2]), " ")
		fm.DateLine = fieldLines[2]
	}
	return fm, blankLines(lines, n), true
}

// blankLines returns lines joined, the first n emptied but for their line
// breaks.
func blankLines(lines []string, n int) string {
	var b strings.Builder
	for i, l := range lines {
		if i < n {
			if strings.HasSuffix(l, "\n") {
				b.WriteByte('\n')
			}
			continue
		}
		b.WriteString(l)
	}
	return b.String()
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// isTitleLine reports whether l is a line of a title block: "%" then a
// space, a tab or the end of the line.
func isTitleLine(l string) bool {
	return strings.HasPrefix(l, "%") && (len(l) == 1 || l[1] == ' ' || l[1] == '\t' || l[1] == '\n' || l[1] == '\r')
}
