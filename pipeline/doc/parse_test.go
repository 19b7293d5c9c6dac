package doc_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// goldenDumps returns every golden dump of the repository (the files
// *.dump), each cut before the diagnostics that the pipeline's golden
// files add after the model.
func goldenDumps(t testing.TB) map[string][]byte {
	t.Helper()
	root := testtool.Root()
	dumps := map[string][]byte{}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && path != root {
			return filepath.SkipDir
		}
		if d.IsDir() || filepath.Ext(path) != ".dump" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if i := bytes.Index(data, []byte("-- diagnostics --\n")); i >= 0 {
			data = data[:i]
		}
		if bytes.HasPrefix(data, []byte("no book\n")) {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		dumps[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dumps) < 8 {
		t.Fatalf("only %d golden dumps found under %s", len(dumps), root)
	}
	return dumps
}

// TestParseDumpRoundTrip checks Dump(ParseDump(x)) == x for every golden
// dump of the repository and for the dumps of the package's own samples.
func TestParseDumpRoundTrip(t *testing.T) {
	dumps := goldenDumps(t)
	var sampleDump strings.Builder
	if err := doc.Dump(&sampleDump, sampleBook()); err != nil {
		t.Fatal(err)
	}
	dumps["sample"] = []byte(sampleDump.String())
	for name, want := range dumps {
		t.Run(name, func(t *testing.T) {
			b, err := doc.ParseDump(bytes.NewReader(want))
			if err != nil {
				t.Fatal(err)
			}
			var got bytes.Buffer
			if err := doc.Dump(&got, b); err != nil {
				t.Fatal(err)
			}
			if got.String() != string(want) {
				t.Errorf("Dump(ParseDump(x)) differs from x:\n%s", lineDiff(string(want), got.String()))
			}
		})
	}
}

// TestParseDumpModel checks that ParseDump gives back the model itself, not
// only its text.
func TestParseDumpModel(t *testing.T) {
	want := sampleBook()
	var buf bytes.Buffer
	if err := doc.Dump(&buf, want); err != nil {
		t.Fatal(err)
	}
	got, err := doc.ParseDump(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		var g strings.Builder
		doc.Dump(&g, got)
		t.Errorf("ParseDump(Dump(b)) is not b; it dumps as\n%s", g.String())
	}
}

// sampleBook is sample() in a book with metadata, a cover, positions and a
// glossary: every field that Dump writes.
func sampleBook() *doc.Book {
	d := sample()
	d.ID, d.Source, d.Format, d.Title = "a", "a.md", "markdown", "Başlık"
	d.SHA256, d.Encoding = strings.Repeat("ab", 32), "utf-8"
	d.Blocks[0].(*doc.Heading).Pos = doc.Pos{File: "a.md", Line: 1, Col: 1}
	d.Blocks[0].(*doc.Heading).Sentences = []doc.Sentence{{Start: 0, End: 6, Words: 1}}
	d.Blocks[1].(*doc.Paragraph).Sentences = []doc.Sentence{{Start: 0, End: 3, Words: 1}, {Start: 4, End: 23, Words: 4}}
	d.Blocks[4].(*doc.List).Items[0].Pos = doc.Pos{File: "a.md", Line: 9, Col: 3}
	d2 := &doc.Document{ID: "b c", Index: 1, Source: "alt/b c.txt", Format: "text", Encoding: "windows-1254", Title: "Bölüm 2", PartEnds: true,
		Blocks: []doc.Block{&doc.Paragraph{Pos: doc.Pos{File: "alt/b c.txt", Line: 2, Col: 1},
			Inlines:   []doc.Inline{&doc.Abbr{Text: "TDK", Term: 0}, text("\t\"tırnak\" \x00")},
			Sentences: []doc.Sentence{{Start: 0, End: 14, Words: 2}}}}}
	return &doc.Book{
		Meta: doc.Meta{Title: "Kitap", Subtitle: "Alt", Authors: []string{"A", "B"}, Lang: "tr-TR", Date: "2024-03",
			Publisher: "Yayınevi", Rights: "© 2024", Description: "Açıklama\nsatırı", Subjects: []string{"dil", "tarih"},
			Identifier: "urn:isbn:1", PaperSize: "a4",
			Cover: &doc.Image{Name: "kapak.png", MediaType: "image/png", Data: make([]byte, 5), Width: 2, Height: 3}},
		Documents: []*doc.Document{d, d2},
		Glossary: []doc.Term{
			{Acronym: "TDK", Expansion: "Türk Dil Kurumu", ExpansionEN: "Turkish Language Association",
				Defined: doc.Ref{Doc: 0, Leaf: 1, Sentence: 1}, Uses: []doc.Ref{{Doc: 0, Leaf: 1, Sentence: 1}, {Doc: 1}}, Occurrences: 3},
			{Acronym: "AB", Expansion: "Avrupa Birliği", Defined: doc.Ref{Doc: 1}},
		},
	}
}

// lineDiff shows the first line where two texts differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n want %s\n  got %s", i+1, wl, gl)
		}
	}
	return "(no line differs)"
}

func TestParseDumpErrors(t *testing.T) {
	const head = "book\n  title \"K\"\ndocument 0 a\n  source \"a.md\"\n"
	tests := []struct {
		name string
		in   string
		line int
		msg  string
	}{
		{"empty", "", 1, "empty dump"},
		{"no book", "document 0 a\n", 1, `starts with "book"`},
		{"odd indent", "book\n   title \"K\"\n", 2, "two per level"},
		{"too deep", "book\n    title \"K\"\n", 2, "indented too deep"},
		{"unknown key", "book\n  colour \"red\"\n", 2, `unknown book key "colour"`},
		{"twice", "book\n  title \"K\"\n  title \"L\"\n", 3, "title given twice"},
		{"unquoted", "book\n  title K\n", 2, "want a quoted string"},
		{"bad escape", "book\n  title \"\\q\"\n", 2, "want a quoted string"},
		{"trailing", "book\n  title \"K\" x\n", 2, `unexpected "x"`},
		{"cover", "book\n  cover \"c.png\" image/png 2x 5 bytes\n", 2, "cover height"},
		{"cover size", "book\n  cover \"c.png\" image/png 2x2 99999999999 bytes\n", 2, "cover size"},
		{"index", "book\ndocument 1 a\n", 2, "document 1 is document 0"},
		{"unknown block", head + "  sidebar\n", 5, `unknown block "sidebar"`},
		{"unknown inline", head + "  paragraph\n    picture \"x\"\n", 6, `unknown inline "picture"`},
		{"table without head", head + "  table number=1 align=left\n", 5, `a table has a head line`},
		{"noteref without note", head + "  paragraph\n    noteref 1\n", 6, `noteref 1: the document has 0 notes`},
		{"image not the document's", head + "  paragraph\n    image \"x.png\" alt=\"\" title=\"\"\n", 6, `image "x.png" is not one of the document's images`},
		{"note out of order", head + "  note 2 id=\"a\"\n", 5, `note 2 is note 1 of its document`},
		{"block after notes", head + "  note 1 id=\"a\"\n  paragraph\n", 6, `a block after the notes; the notes come last`},
		{"attributes unclosed", head + "  div {#a\n", 5, `attributes without their closing }`},
		{"bad list style", head + "  list ordered start=1 style=greek\n", 5, `unknown list style "greek"`},
		{"callout without title", head + "  callout kind=note\n", 5, `a callout's first line under it is its title`},
		{"child of text", head + "  paragraph\n    text \"x\"\n      text \"y\"\n", 7, "holds nothing"},
		{"leaf", head + "  paragraph @1:1 leaf=1\n    text \"x\"\n", 5, "leaf=1, but the block is leaf 0"},
		{"position", head + "  paragraph @1\n", 5, "want @LINE:COL"},
		{"sentence text mismatch", head + "  paragraph\n    text \"Bir iki.\"\n    sentence 0 [0,3) words=1 \"Iki\"\n", 7, `is "Bir", not "Iki"`},
		{"sentence range", head + "  paragraph\n    text \"Bir\"\n    sentence 0 [0,9) words=1 \"Bir\"\n", 7, "ends after the block's text"},
		{"sentence index", head + "  paragraph\n    text \"Bir\"\n    sentence 1 [0,3) words=1 \"Bir\"\n", 7, "sentence 1 is sentence 0"},
		{"code without text", head + "  code leaf=0 info=\"\"\n", 5, "on the line under it"},
		{"partend twice", head + "  partend\n  partend\n", 6, "partend given twice"},
		{"partend with a value", head + "  partend yes\n", 5, `unexpected "yes"`},
		{"list kind", head + "  list numbered\n", 5, "bullet or ordered"},
		{"list child", head + "  list bullet\n    paragraph\n", 6, "holds items"},
		{"term index", "book\ndocument 0 a\n  paragraph\n    abbr \"TDK\" term=3\n", 4, "the glossary has 0 terms"},
		{"glossary first", "book\nglossary\ndocument 0 a\n", 3, "after the glossary"},
		{"term number", "book\nglossary\n  term 1 \"A\"\n", 3, "term 1 is term 0"},
		{"ref", "book\nglossary\n  term 0 \"A\"\n    defined 0/0/0\n", 4, "the book has 0 documents"},
		{"ref form", "book\nglossary\n  term 0 \"A\"\n    uses 0/0\n", 4, "want DOC/LEAF/SENTENCE"},
		{"expansion_en", "book\nglossary\n  term 0 \"A\"\n    expansion_en \"x\"\n", 4, "lang=en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := doc.ParseDump(strings.NewReader(tt.in))
			var de *doc.DumpError
			if !errors.As(err, &de) {
				t.Fatalf("ParseDump = %v, want a *DumpError", err)
			}
			if de.Line != tt.line || !strings.Contains(de.Msg, tt.msg) {
				t.Errorf("ParseDump = %v, want line %d and %q", err, tt.line, tt.msg)
			}
		})
	}
}

// FuzzParseDump checks that ParseDump never panics, and that whatever it
// accepts Dump can write and ParseDump read back to the same text.
func FuzzParseDump(f *testing.F) {
	for _, d := range goldenDumps(f) {
		f.Add(string(d))
	}
	f.Add("book\ndocument 0 a\n  paragraph\n    emph\n      text \"x\"\n    sentence 0 [0,1) words=1 \"x\"\n")
	f.Fuzz(func(t *testing.T, in string) {
		b, err := doc.ParseDump(strings.NewReader(in))
		if err != nil {
			var de *doc.DumpError
			if !errors.As(err, &de) || de.Line < 1 {
				t.Fatalf("error %v is not a *DumpError with a line", err)
			}
			return
		}
		var once bytes.Buffer
		if err := doc.Dump(&once, b); err != nil {
			t.Fatal(err)
		}
		b2, err := doc.ParseDump(bytes.NewReader(once.Bytes()))
		if err != nil {
			t.Fatalf("ParseDump of a dump failed: %v\n%s", err, once.String())
		}
		var twice bytes.Buffer
		if err := doc.Dump(&twice, b2); err != nil {
			t.Fatal(err)
		}
		if once.String() != twice.String() {
			t.Fatalf("dump not stable:\n%s", lineDiff(once.String(), twice.String()))
		}
	})
}

func ExampleParseDump() {
	b, err := doc.ParseDump(strings.NewReader(`book
  title "Örnek"
document 0 a
  source "a.txt"
  paragraph @1:1
    text "Merhaba "
    emph
      text "dünya"
    text "."
    sentence 0 [0,14) words=2 "Merhaba dünya."
`))
	if err != nil {
		panic(err)
	}
	p := b.Documents[0].Blocks[0].(*doc.Paragraph)
	fmt.Println(b.Meta.Title, p.Pos, doc.PlainText(p.Inlines))
	// Output:
	// Örnek a.txt:1:1 Merhaba dünya.
}
