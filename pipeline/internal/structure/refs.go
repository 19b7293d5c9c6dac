package structure

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// The syntax nodes of this package's inline parsers.
var (
	kindNoteRef  = ast.NewNodeKind("NoteRef")
	kindMath     = ast.NewNodeKind("Math")
	kindCrossRef = ast.NewNodeKind("CrossRef")
)

// noteRefNode is a footnote reference "[^label]", defined or not.
type noteRefNode struct {
	ast.BaseInline
	label string
	text  string // the reference as written, "[^label]"
}

func (n *noteRefNode) Kind() ast.NodeKind { return kindNoteRef }

func (n *noteRefNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Label": n.label}, nil)
}

// mathNode is TeX math, "$…$" or "$$…$$".
type mathNode struct {
	ast.BaseInline
	display bool
	source  string
}

func (n *mathNode) Kind() ast.NodeKind { return kindMath }

func (n *mathNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Source": n.source}, nil)
}

// crossRefNode is a Quarto cross-reference, "@fig-harita’da".
type crossRefNode struct {
	ast.BaseInline
	target string
	kind   doc.RefKind
	suffix string
}

func (n *crossRefNode) Kind() ast.NodeKind { return kindCrossRef }

func (n *crossRefNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.target, "Suffix": n.suffix}, nil)
}

// maxNoteLabel is the longest footnote label read, in bytes (goldmark's
// limit for definitions).
const maxNoteLabel = 999

// noteRefParser reads a footnote reference "[^label]": a label of up to
// maxNoteLabel bytes without white space or brackets. Whether a note of
// that label exists is the converter's question.
type noteRefParser struct{}

func (noteRefParser) Trigger() []byte { return []byte{'['} }

func (noteRefParser) Parse(parent ast.Node, block gtext.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) < 4 || line[1] != '^' {
		return nil
	}
	end := bytes.IndexByte(line[2:min(len(line), 2+maxNoteLabel+1)], ']')
	if end < 1 {
		return nil
	}
	label := line[2 : 2+end]
	if bytes.ContainsAny(label, " \t\r\n[]") {
		return nil
	}
	n := &noteRefNode{label: string(label), text: string(line[:3+end])}
	block.Advance(3 + end)
	return n
}

// mathParser reads TeX math by pandoc's tex_math_dollars rule: "$$…$$"
// is display math (it may span lines); "$…$" is inline math when the
// opening "$" has a non-space character right after it, the closing "$"
// one right before it and no digit right after it, on one line. So "10 $
// ile 20 $" and "$10 ile $20" stay text. Inline math holds no backquote,
// so that a code span after a lone "$" stays code.
type mathParser struct{}

func (mathParser) Trigger() []byte { return []byte{'$'} }

func (mathParser) Parse(parent ast.Node, block gtext.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if bytes.HasPrefix(line, []byte("$$")) {
		return parseDisplayMath(block)
	}
	if len(line) < 3 || util.IsSpace(line[1]) || line[1] == '$' {
		return nil
	}
	for i := 2; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // an escaped character, "\$" included
		case '`':
			return nil // a code span wins
		case '$':
			if util.IsSpace(line[i-1]) || i+1 < len(line) && '0' <= line[i+1] && line[i+1] <= '9' {
				continue
			}
			n := &mathNode{source: string(line[1:i])}
			block.Advance(i + 1)
			return n
		}
	}
	return nil
}

// parseDisplayMath reads "$$…$$" from block, across lines; it returns nil,
// leaving block where it was, when there is no closing "$$".
func parseDisplayMath(block gtext.Reader) ast.Node {
	savedLine, savedPos := block.Position()
	block.Advance(2)
	var src []byte
	for {
		line, _ := block.PeekLine()
		if line == nil {
			block.SetPosition(savedLine, savedPos)
			return nil
		}
		if i := bytes.Index(line, []byte("$$")); i >= 0 {
			src = append(src, line[:i]...)
			block.Advance(i + 2)
			break
		}
		src = append(src, line...)
		block.AdvanceLine()
	}
	s := strings.TrimSpace(string(src))
	if s == "" {
		block.SetPosition(savedLine, savedPos)
		return nil
	}
	return &mathNode{display: true, source: s}
}

// crossRefParser reads a Quarto cross-reference: "@sec-", "@fig-" or
// "@tbl-" and an id of letters, digits, '-' and '_' (not ending in '-' or
// '_'), optionally followed by an apostrophe (' or ’) and a case suffix of
// letters ("@fig-harita’da"). The "@" must not follow a letter, digit or
// one of "./:@_-": an e-mail address (ali@fig-a.tr) or a path is not a
// reference.
type crossRefParser struct{}

func (crossRefParser) Trigger() []byte { return []byte{'@'} }

func (crossRefParser) Parse(parent ast.Node, block gtext.Reader, pc parser.Context) ast.Node {
	if before := block.PrecendingCharacter(); unicode.IsLetter(before) || unicode.IsDigit(before) || strings.ContainsRune("./:@_-\\", before) {
		return nil
	}
	line, _ := block.PeekLine()
	var kind doc.RefKind
	switch {
	case bytes.HasPrefix(line, []byte("@sec-")):
		kind = doc.RefSection
	case bytes.HasPrefix(line, []byte("@fig-")):
		kind = doc.RefFigure
	case bytes.HasPrefix(line, []byte("@tbl-")):
		kind = doc.RefTable
	default:
		return nil
	}
	end := 5
	for end < len(line) {
		r, size := utf8.DecodeRune(line[end:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' {
			break
		}
		end += size
	}
	for end > 5 && (line[end-1] == '-' || line[end-1] == '_') {
		end--
	}
	if end == 5 {
		return nil
	}
	n := &crossRefNode{target: string(line[1:end]), kind: kind}
	// The case suffix: an apostrophe and letters.
	rest := line[end:]
	for _, apos := range []string{"'", "’"} {
		if s, ok := bytes.CutPrefix(rest, []byte(apos)); ok {
			letters := 0
			for letters < len(s) {
				r, size := utf8.DecodeRune(s[letters:])
				if !unicode.IsLetter(r) {
					break
				}
				letters += size
			}
			if letters > 0 {
				n.suffix = apos + string(s[:letters])
				end += len(apos) + letters
			}
			break
		}
	}
	block.Advance(end)
	return n
}
