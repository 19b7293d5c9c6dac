package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// bookFromText turns arbitrary text into a model: blank lines separate
// blocks; "#" starts a heading, ">" a quote, "-" a list, "```" a code block,
// "***" a thematic break, "%" a table (lines are rows, "|" separates
// cells), "!" a line block, ":" a callout, "=" a definition list (the first
// line the term); *x* and **x** mark emphasis, `x` code, ^x^ superscript,
// ~x~ subscript, and @ a footnote reference (the note holds the chunk).
func bookFromText(s string) *doc.Book {
	d := &doc.Document{ID: "f", Source: "f.md", Title: firstLine(s)}
	for i, chunk := range strings.Split(s, "\n\n") {
		pos := doc.Pos{File: "f.md", Line: i + 1, Col: 1}
		switch {
		case strings.HasPrefix(chunk, "%"):
			t := &doc.Table{Pos: pos, Number: i + 1, Caption: inlines(firstLine(chunk[1:]))}
			for _, line := range strings.Split(chunk[1:], "\n") {
				var row []*doc.TableCell
				for _, c := range strings.Split(line, "|") {
					row = append(row, &doc.TableCell{Inlines: inlines(c)})
				}
				if t.Head == nil {
					t.Head = row
					for range row {
						t.Align = append(t.Align, doc.AlignRight)
					}
					continue
				}
				t.Rows = append(t.Rows, row)
			}
			d.Blocks = append(d.Blocks, t)
		case strings.HasPrefix(chunk, "!"):
			d.Blocks = append(d.Blocks, &doc.LineBlock{Pos: pos, Inlines: inlines(chunk[1:])})
		case strings.HasPrefix(chunk, ":"):
			d.Blocks = append(d.Blocks, &doc.Callout{Pos: pos, Title: inlines(firstLine(chunk[1:])), Blocks: []doc.Block{&doc.Paragraph{Pos: pos, Inlines: inlines(chunk[1:])}}})
		case strings.HasPrefix(chunk, "="):
			term, def, _ := strings.Cut(chunk[1:], "\n")
			d.Blocks = append(d.Blocks, &doc.DefinitionList{Pos: pos, Items: []*doc.Definition{{Term: &doc.Paragraph{Pos: pos, Inlines: inlines(term)}, Defs: [][]doc.Block{{&doc.Paragraph{Pos: pos, Inlines: inlines(def)}}}}}})
		case strings.HasPrefix(chunk, "#"):
			d.Blocks = append(d.Blocks, &doc.Heading{Pos: pos, Level: min(6, 1+strings.Count(chunk[:min(len(chunk), 6)], "#")), Inlines: inlines(strings.TrimLeft(chunk, "# "))})
		case strings.HasPrefix(chunk, ">"):
			d.Blocks = append(d.Blocks, &doc.Quote{Pos: pos, Blocks: []doc.Block{&doc.Paragraph{Pos: pos, Inlines: inlines(chunk[1:])}}})
		case strings.HasPrefix(chunk, "-"):
			l := &doc.List{Pos: pos}
			for _, it := range strings.Split(chunk, "\n") {
				l.Items = append(l.Items, &doc.ListItem{Blocks: []doc.Block{&doc.Paragraph{Pos: pos, Inlines: inlines(strings.TrimPrefix(it, "-"))}}})
			}
			d.Blocks = append(d.Blocks, l)
		case strings.HasPrefix(chunk, "```"):
			d.Blocks = append(d.Blocks, &doc.CodeBlock{Pos: pos, Text: chunk[3:] + "\n"})
		case chunk == "***":
			d.Blocks = append(d.Blocks, &doc.ThematicBreak{Pos: pos})
		default:
			d.Blocks = append(d.Blocks, &doc.Paragraph{Pos: pos, Inlines: inlines(chunk)})
		}
	}
	return &doc.Book{Meta: doc.Meta{Title: firstLine(s), Lang: "tr"}, Documents: []*doc.Document{d},
		Glossary: []doc.Term{{Acronym: firstLine(s), Expansion: s}}}
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// inlines parses the emphasis markers of bookFromText.
func inlines(s string) []doc.Inline {
	var out []doc.Inline
	for s != "" {
		i := strings.IndexAny(s, "*`\n^~@")
		if i < 0 {
			return append(out, &doc.Text{Value: s})
		}
		if i > 0 {
			out = append(out, &doc.Text{Value: s[:i]})
		}
		mark := s[i : i+1]
		if strings.HasPrefix(s[i:], "**") {
			mark = "**"
		}
		rest := s[i+len(mark):]
		if mark == "\n" {
			out = append(out, &doc.LineBreak{})
			s = rest
			continue
		}
		if mark == "@" {
			// A note of the rest of the text, numbered by its depth.
			return append(out, &doc.NoteRef{Note: &doc.Note{Number: 1 + strings.Count(rest, "@"), Blocks: []doc.Block{&doc.Paragraph{Inlines: inlines(rest)}}}})
		}
		j := strings.Index(rest, mark)
		if j < 0 {
			return append(out, &doc.Text{Value: s[i:]})
		}
		inner := rest[:j]
		switch mark {
		case "`":
			out = append(out, &doc.Code{Value: inner})
		case "*":
			out = append(out, &doc.Emph{Inlines: inlines(inner)})
		case "**":
			out = append(out, &doc.Strong{Inlines: inlines(inner)})
		case "^":
			out = append(out, &doc.Sup{Inlines: inlines(inner)})
		case "~":
			out = append(out, &doc.Sub{Inlines: inlines(inner)})
		}
		s = rest[j+len(mark):]
	}
	return out
}

// FuzzWrite checks that any text either becomes a PDF or a clean error,
// never a panic.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{
		"Başlık\n\nBir **kalın** ve *eğik* `kod` paragraf.",
		"# Türkçe\n\n> alıntı\n\n- bir\n- iki\n\n***\n\n```x := 1\n\ty",
		"😀 gülen yüz",
		strings.Repeat("çok", 200),
		"",
		"\x00\x01\t\r",
		"%Başlık|Sayı\nbir|1\niki|2@not\n\n!dize\n  girintili\n\n:Not\nkutu ^üst^ ~alt~\n\n=terim\ntanım@dipnot@iç içe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 2000 {
			s = s[:2000]
		}
		var buf bytes.Buffer
		info, err := Write(&buf, bookFromText(s), testOpts)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "pdf: ") {
				t.Fatalf("error without the package prefix: %v", err)
			}
			return
		}
		if info.Pages < 4 || !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatalf("Write: %d pages, %d bytes", info.Pages, buf.Len())
		}
	})
}
