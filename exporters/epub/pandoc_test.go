package epub

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// pandocAST runs pandoc with args and returns its JSON reading.
func pandocAST(t *testing.T, args ...string) any {
	t.Helper()
	pandoc := testtool.Require(t, "pandoc", "apt-get install pandoc")
	out, err := exec.Command(pandoc, append(args, "-t", "json")...).Output()
	if err != nil {
		if e, ok := err.(*exec.ExitError); ok {
			t.Fatalf("pandoc %v: %v\n%s", args, err, e.Stderr)
		}
		t.Fatalf("pandoc %v: %v", args, err)
	}
	var v any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatalf("pandoc JSON: %v", err)
	}
	return v
}

// astCounts counts the elements of a pandoc AST that the issue compares:
// notes, tables, images, definition lists, and links into the book (to a
// fragment or a file of it, not to a URL with a scheme).
type astCounts struct {
	Notes, Tables, Images, DefinitionLists, InternalLinks int
}

// blockTypes are pandoc's blocks (and notes): their text is set apart
// from what surrounds it.
var blockTypes = map[string]bool{
	"Para": true, "Plain": true, "Header": true, "CodeBlock": true, "BlockQuote": true,
	"BulletList": true, "OrderedList": true, "DefinitionList": true, "Div": true, "Table": true,
	"LineBlock": true, "Figure": true, "HorizontalRule": true, "RawBlock": true, "Note": true,
}

// astWalk calls fn for every element of a pandoc AST (an object with a
// "t"), depth first.
func astWalk(v any, fn func(typ string, c any)) {
	switch v := v.(type) {
	case map[string]any:
		if typ, ok := v["t"].(string); ok {
			fn(typ, v["c"])
		}
		for k, x := range v {
			if k != "t" {
				astWalk(x, fn)
			}
		}
	case []any:
		for _, x := range v {
			astWalk(x, fn)
		}
	}
}

// countAST returns the counts of a pandoc AST.
func countAST(v any) astCounts {
	var c astCounts
	astWalk(v, func(typ string, x any) {
		switch typ {
		case "Note":
			c.Notes++
		case "Table":
			c.Tables++
		case "Image":
			c.Images++
		case "DefinitionList":
			c.DefinitionLists++
		case "Link":
			if a, ok := x.([]any); ok && len(a) == 3 {
				if target, ok := a[2].([]any); ok && len(target) == 2 {
					if url, _ := target[0].(string); internalURL(url) {
						c.InternalLinks++
					}
				}
			}
		}
	})
	return c
}

// internalURL reports whether url points into the book: a fragment or a
// relative path, not a URL with a scheme.
func internalURL(url string) bool {
	if url == "" {
		return false
	}
	if i := strings.IndexAny(url, ":/#?"); i > 0 && url[i] == ':' {
		return false
	}
	return true
}

// astFragments returns the texts of the paragraphs, plain blocks,
// headings and line blocks of a pandoc AST (of table cells, captions and
// notes too), each cut where a citation or a note stands: the runs of
// words that a reading of the same text elsewhere must hold as they are.
// A citation is Quarto's cross-reference (@fig-harita’da), which the book
// prints as its target's label ("Şekil 1’de"); the case suffix after it is
// left out too.
func astFragments(v any) []string {
	var out []string
	astWalk(v, func(typ string, c any) {
		switch typ {
		case "Para", "Plain", "Header", "LineBlock":
		default:
			return
		}
		if typ == "Header" {
			if a, ok := c.([]any); ok && len(a) == 3 {
				c = a[2]
			}
		}
		var cut func(v any) any
		cut = func(v any) any {
			switch v := v.(type) {
			case map[string]any:
				switch v["t"] {
				case "Cite", "Note":
					return map[string]any{"t": "Str", "c": "\x00"}
				case "Str":
					// pandoc 2.17 reads a table caption's attributes
					// ({#tbl-harfler}) as text.
					if s, _ := v["c"].(string); strings.HasPrefix(s, "{#") {
						return map[string]any{"t": "Str", "c": ""}
					}
				}
				m := map[string]any{}
				for k, x := range v {
					m[k] = cut(x)
				}
				return m
			case []any:
				a := make([]any, len(v))
				for i, x := range v {
					a[i] = cut(x)
				}
				return a
			}
			return v
		}
		for i, f := range strings.Split(astText(cut(c)), "\x00") {
			ws := words(f)
			if i > 0 && len(ws) > 0 && (strings.HasPrefix(ws[0], "’") || strings.HasPrefix(ws[0], "'")) {
				// The case suffix after a cross-reference, which the book
				// writes for the number it prints: "@fig-harita’da" is
				// "Şekil 1’de".
				ws = ws[1:]
			}
			if len(ws) > 0 {
				out = append(out, strings.Join(ws, " "))
			}
		}
	})
	return out
}

// astText returns the text of a pandoc AST, blocks separated by spaces:
// the text a reader sees, for word comparisons. The text of a note follows
// the whole text, not the sentence that refers to it; an image's alt text
// is left out, as the model leaves it out of its sentence.
func astText(v any) string {
	var b strings.Builder
	var notes []any
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			typ, _ := v["t"].(string)
			c := v["c"]
			switch typ {
			case "Str":
				s, _ := c.(string)
				b.WriteString(s)
				return
			case "Space", "SoftBreak", "LineBreak":
				b.WriteByte(' ')
				return
			case "Code", "Math", "CodeBlock", "RawInline":
				if a, ok := c.([]any); ok && len(a) == 2 {
					s, _ := a[1].(string)
					b.WriteString(" " + s + " ")
				}
				return
			case "Link":
				// Its text is its second field; the target is not text.
				if a, ok := c.([]any); ok && len(a) == 3 {
					walk(a[1])
				}
				return
			case "Image":
				return
			case "Note":
				notes = append(notes, c)
				return
			}
			if blockTypes[typ] {
				b.WriteByte(' ')
			}
			if typ != "" {
				walk(c)
			} else {
				for k, x := range v {
					if k != "meta" {
						walk(x)
					}
				}
			}
			if blockTypes[typ] {
				b.WriteByte(' ')
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	for i := 0; i < len(notes); i++ { // a note may hold notes
		b.WriteByte(' ')
		walk(notes[i])
		b.WriteByte(' ')
	}
	return b.String()
}

// modelCounts counts what a book's model holds of the same elements: one
// note per reference in the body (pandoc repeats a note at each; it reads
// a note inside a note as nothing, and pandoc's Markdown has none), tables,
// figures and inline images, definition lists, internal links and
// cross-references.
func modelCounts(b *doc.Book) astCounts {
	var c astCounts
	for _, d := range b.Documents {
		inNote := false
		doc.WalkDocument(d, func(n doc.Node, entering bool) doc.WalkStatus {
			if _, ok := n.(*doc.Note); ok {
				inNote = entering
			}
			if !entering {
				return doc.WalkContinue
			}
			switch n := n.(type) {
			case *doc.NoteRef:
				if !inNote {
					c.Notes++
				}
			case *doc.Table:
				c.Tables++
			case *doc.Figure, *doc.InlineImage:
				c.Images++
			case *doc.DefinitionList:
				c.DefinitionLists++
			case *doc.CrossRef:
				c.InternalLinks++
			case *doc.Link:
				if n.Internal() {
					c.InternalLinks++
				}
			}
			return doc.WalkContinue
		})
	}
	return c
}

// atLeast reports every count of got below want's.
func atLeast(t *testing.T, got, want astCounts) {
	t.Helper()
	for _, x := range []struct {
		name      string
		got, want int
	}{
		{"notes", got.Notes, want.Notes},
		{"tables", got.Tables, want.Tables},
		{"images", got.Images, want.Images},
		{"definition lists", got.DefinitionLists, want.DefinitionLists},
		{"internal links", got.InternalLinks, want.InternalLinks},
	} {
		if x.got < x.want {
			t.Errorf("pandoc reads %d %s in the EPUB, want at least %d", x.got, x.name, x.want)
		}
	}
	t.Logf("pandoc's reading of the EPUB: %+v; wanted at least %+v", got, want)
}

// referenced reports whether a note of d is referred to from its body:
// pandoc keeps a footnote only where it is referred to, and not inside
// another.
func referenced(d *doc.Document, note *doc.Note) bool {
	return !doc.WalkBlocks(d.Blocks, func(n doc.Node, entering bool) doc.WalkStatus {
		if r, ok := n.(*doc.NoteRef); ok && r.Note == note {
			return doc.WalkStop
		}
		return doc.WalkContinue
	})
}

// missingLeaves returns the leaves of the book (body, notes, line blocks,
// code) whose words are not, in order, in text; a note that the body does
// not refer to is left out, since pandoc drops it.
func missingLeaves(b *doc.Book, text string) []string {
	hay := " " + strings.Join(words(text), " ") + " "
	var missing []string
	for _, d := range b.Documents {
		for _, l := range d.Leaves() {
			if l.Note != nil && !referenced(d, l.Note) {
				continue
			}
			ws := words(l.Text)
			if len(ws) == 0 {
				continue
			}
			if !strings.Contains(hay, " "+strings.Join(ws, " ")+" ") {
				missing = append(missing, d.Source+": "+l.Text)
			}
		}
	}
	return missing
}

// TestPandocReadsRich has pandoc read the rich book's EPUB: it finds as
// many notes, tables, images, definition lists and internal links as the
// model holds, and the words of every leaf.
func TestPandocReadsRich(t *testing.T) {
	b := richBook()
	path := filepath.Join(t.TempDir(), "book.epub")
	if err := os.WriteFile(path, write(t, b, Options{}), 0o644); err != nil {
		t.Fatal(err)
	}
	ast := pandocAST(t, "-f", "epub", path)
	atLeast(t, countAST(ast), modelCounts(b))
	for _, m := range missingLeaves(b, astText(ast)) {
		t.Errorf("pandoc does not read %q", m)
	}
}

// manuscripts are the seed folders of authors' Markdown books that the
// end-to-end tests publish, each when it exists.
var manuscripts = []string{"../../testdata/seeds/manuscript", "../../testdata/seeds/authors", "../../testdata/seeds/summary"}

// pandocMarkdown is the Markdown pandoc reads the manuscripts as: pandoc's
// own, with the extensions the pipeline reads.
const pandocMarkdown = "markdown+pipe_tables+footnotes+definition_lists+task_lists+strikeout+fenced_divs+bracketed_spans+line_blocks+tex_math_dollars+implicit_figures+header_attributes+link_attributes+subscript+superscript+yaml_metadata_block"

// TestManuscripts builds each manuscript folder to an EPUB, which
// epubcheck, epubcheck-ts and Ace must pass, and has pandoc read it back:
// it must hold as many notes, tables, images, definition lists and
// internal links as pandoc's own reading of the Markdown sources, and the
// words of every leaf of the model.
func TestManuscripts(t *testing.T) {
	for _, dir := range manuscripts {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			if _, err := os.Stat(dir); err != nil {
				t.Skipf("no %s: %v", dir, err)
			}
			b := buildBook(t, dir)
			path := filepath.Join(t.TempDir(), "book.epub")
			if err := os.WriteFile(path, write(t, b, Options{Generator: "seedpress test"}), 0o644); err != nil {
				t.Fatal(err)
			}
			t.Run("pandoc", func(t *testing.T) {
				var sources []string
				for _, d := range b.Documents {
					if d.Format == "markdown" {
						sources = append(sources, filepath.Join(dir, filepath.FromSlash(d.Source)))
					}
				}
				if len(sources) == 0 {
					t.Fatal("no Markdown seeds")
				}
				// Each seed is read alone, as the pipeline reads it: its
				// front matter or title block is metadata only at its top.
				var want astCounts
				var fragments []string
				for _, src := range sources {
					md := pandocAST(t, "-f", pandocMarkdown, "--resource-path", dir, src)
					c := countAST(md)
					want.Notes += c.Notes
					want.Tables += c.Tables
					want.Images += c.Images
					want.DefinitionLists += c.DefinitionLists
					want.InternalLinks += c.InternalLinks
					fragments = append(fragments, astFragments(md)...)
				}
				epub := pandocAST(t, "-f", "epub", path)
				got := countAST(epub)
				t.Logf("pandoc's reading of the Markdown: %+v", want)
				atLeast(t, got, want)
				text := astText(epub)
				for _, m := range missingLeaves(b, text) {
					t.Errorf("pandoc does not read %q", m)
				}
				// Every sentence of the source, as pandoc reads it, is in
				// the book, but for the cross-references (see
				// astFragments).
				hay := " " + strings.Join(words(text), " ") + " "
				for _, f := range fragments {
					if !strings.Contains(hay, " "+f+" ") {
						t.Errorf("the EPUB lacks the source's %q", f)
					}
				}
				t.Logf("%d runs of the source's words are in the EPUB", len(fragments))
			})
			validate(t, b)
		})
	}
}
