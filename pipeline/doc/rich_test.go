package doc_test

import (
	"bytes"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// richBook is a book that uses every node of the model: the rich nodes of
// a real manuscript beside prose.
func richBook() *doc.Book {
	png := &doc.Image{Name: "harita.png", MediaType: "image/png", Data: make([]byte, 7), Width: 4, Height: 3,
		Path: "resimler/harita.png", SHA256: strings.Repeat("0f", 32)}
	ikon := &doc.Image{Name: "ikon.jpg", MediaType: "image/jpeg", Data: make([]byte, 2), Width: 1, Height: 1,
		Path: "ikon.jpg", SHA256: strings.Repeat("a1", 32)}
	at := func(line int) doc.Pos { return doc.Pos{File: "01.md", Line: line, Col: 1} }
	note1 := &doc.Note{Pos: at(30), ID: "1", Number: 1, Blocks: []doc.Block{
		&doc.Paragraph{Pos: at(30), Inlines: []doc.Inline{&doc.Text{Value: "Bkz. kaynak."}},
			Sentences: []doc.Sentence{{Start: 0, End: 12, Words: 2}}},
		&doc.CodeBlock{Pos: at(32), Text: "x := 1\n"},
	}}
	note2 := &doc.Note{Pos: at(34), ID: "iç", Number: 2, Blocks: []doc.Block{
		&doc.Paragraph{Pos: at(34), Inlines: []doc.Inline{&doc.Text{Value: "İç not."}, &doc.NoteRef{Note: note1}},
			Sentences: []doc.Sentence{{Start: 0, End: 7, Words: 2}}},
	}}
	d := &doc.Document{ID: "01", Source: "01.md", SHA256: strings.Repeat("cd", 32), Encoding: "utf-8", Format: "markdown",
		Title: "Giriş", Subtitle: "Alt başlık", Authors: []string{"Ayşe", "Can"}, Date: "2024-05-01",
		Abstract: "Özet.", Lang: "tr", Part: "Birinci Kısım", Depth: 1,
		Images: []*doc.Image{png, ikon}, Notes: []*doc.Note{note1, note2},
		Blocks: []doc.Block{
			&doc.Heading{Pos: at(1), Level: 1, Inlines: []doc.Inline{&doc.Text{Value: "Giriş"}},
				Sentences: []doc.Sentence{{Start: 0, End: 5, Words: 1}},
				Attr:      doc.Attr{ID: "sec-giris", Classes: []string{"unnumbered"}, Pairs: []doc.KeyValue{{Key: "lang", Value: "tr"}}}},
			&doc.Paragraph{Pos: at(3), Inlines: []doc.Inline{
				&doc.Text{Value: "Bak "}, &doc.CrossRef{Target: "fig-harita", Kind: doc.RefFigure, TargetDoc: "01",
					Label: "Şekil", Number: "1", Suffix: "’e"},
				&doc.Text{Value: " ve "}, &doc.Link{URL: "#sec-giris", Title: "başa", TargetDoc: "01", Fragment: "sec-giris",
					Inlines: []doc.Inline{&doc.Text{Value: "başa"}}},
				&doc.Text{Value: "."}, &doc.NoteRef{Note: note1}, &doc.NoteRef{Note: note2},
				&doc.Text{Value: " H"}, &doc.Sub{Inlines: []doc.Inline{&doc.Text{Value: "2"}}}, &doc.Text{Value: "O ve x"},
				&doc.Sup{Inlines: []doc.Inline{&doc.Text{Value: "2"}}}, &doc.Text{Value: " "},
				&doc.Strike{Inlines: []doc.Inline{&doc.Text{Value: "eski"}}}, &doc.Text{Value: " "},
				&doc.Span{Attr: doc.Attr{Classes: []string{"smallcaps"}, Pairs: []doc.KeyValue{{Key: "lang", Value: "en"}}},
					Inlines: []doc.Inline{&doc.Text{Value: "Small"}}},
				&doc.Text{Value: " "}, &doc.Math{Source: "x^2"}, &doc.Text{Value: " "}, &doc.Math{Display: true, Source: "\\sum"},
				&doc.InlineImage{Image: ikon, Alt: "ikon", Title: "t", Attr: doc.Attr{ID: "ikon"}},
				&doc.Text{Value: " son."},
			}, Sentences: []doc.Sentence{{Start: 0, End: 17, Words: 4}}},
			&doc.Figure{Pos: at(5), Attr: doc.Attr{ID: "fig-harita"}, Image: png, Alt: "Türkiye haritası", Title: "Harita",
				Caption: []doc.Inline{&doc.Emph{Inlines: []doc.Inline{&doc.Text{Value: "Türkiye"}}}, &doc.Text{Value: " haritası"}},
				Number:  1},
			&doc.Table{Pos: at(7), Attr: doc.Attr{ID: "tbl-nufus"}, Number: 1,
				Caption: []doc.Inline{&doc.Text{Value: "Nüfus"}},
				Align:   []doc.Align{doc.AlignLeft, doc.AlignRight, doc.AlignDefault},
				Head:    []*doc.TableCell{{Inlines: []doc.Inline{&doc.Text{Value: "İl"}}}, {Inlines: []doc.Inline{&doc.Text{Value: "Nüfus"}}}, {}},
				Rows: [][]*doc.TableCell{
					{{Inlines: []doc.Inline{&doc.Strong{Inlines: []doc.Inline{&doc.Text{Value: "Ankara"}}}}}, {Inlines: []doc.Inline{&doc.Text{Value: "5.700.000"}}}, {}},
				}},
			&doc.DefinitionList{Pos: at(11), Items: []*doc.Definition{{Pos: at(11),
				Term: &doc.Paragraph{Pos: at(11), Inlines: []doc.Inline{&doc.Text{Value: "Terim"}},
					Sentences: []doc.Sentence{{Start: 0, End: 5, Words: 1}}},
				Defs: [][]doc.Block{{&doc.Paragraph{Pos: at(12), Inlines: []doc.Inline{&doc.Text{Value: "Tanım."}},
					Sentences: []doc.Sentence{{Start: 0, End: 6, Words: 1}}}}, nil},
			}}},
			&doc.List{Pos: at(14), Ordered: true, Start: 1, Style: doc.StyleLowerAlpha, Delim: doc.DelimParen, Items: []*doc.ListItem{
				{Pos: at(14), Task: doc.TaskDone, Blocks: []doc.Block{&doc.Paragraph{Pos: at(14), Inlines: []doc.Inline{&doc.Text{Value: "Bitti."}},
					Sentences: []doc.Sentence{{Start: 0, End: 6, Words: 1}}}}},
				{Pos: at(15), Task: doc.TaskOpen},
			}},
			&doc.Callout{Pos: at(17), Kind: doc.CalloutWarning, Attr: doc.Attr{Classes: []string{"callout-warning"}},
				Title: []doc.Inline{&doc.Text{Value: "Uyarı"}},
				Blocks: []doc.Block{&doc.Paragraph{Pos: at(18), Inlines: []doc.Inline{&doc.Text{Value: "Dikkat et."}},
					Sentences: []doc.Sentence{{Start: 0, End: 10, Words: 2}}}}},
			&doc.Div{Pos: at(20), Attr: doc.Attr{ID: "alinti", Pairs: []doc.KeyValue{{Key: "lang", Value: "en"}}},
				Blocks: []doc.Block{&doc.LineBlock{Pos: at(21), Inlines: []doc.Inline{
					&doc.Text{Value: "Bir dize"}, &doc.LineBreak{}, &doc.Text{Value: "\u00a0\u00a0iki dize."}},
					Sentences: []doc.Sentence{{Start: 0, End: 20, Words: 4}}}}},
			&doc.CodeBlock{Pos: at(24), Info: "go", Text: "package main\n", Attr: doc.Attr{ID: "kod", Classes: []string{"go"}}},
		}}
	return &doc.Book{Meta: doc.Meta{Title: "Zengin", Lang: "tr", TOCDepth: 2}, Documents: []*doc.Document{d},
		Resources: []*doc.Image{png, ikon}}
}

// TestRichDump checks the dump of every node against its golden file
// (-update rewrites it), and that ParseDump gives back the same model.
func TestRichDump(t *testing.T) {
	want := richBook()
	var buf bytes.Buffer
	if err := doc.Dump(&buf, want); err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/rich.dump"
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	g, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if buf.String() != string(g) {
		t.Errorf("dump differs from %s (go test -update):\n%s", golden, lineDiff(string(g), buf.String()))
	}
	got, err := doc.ParseDump(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	// TOCDepth is not in the dump: the manifest's key, not the model's text.
	got.Meta.TOCDepth = want.Meta.TOCDepth
	if !reflect.DeepEqual(got, want) {
		var g strings.Builder
		doc.Dump(&g, got)
		t.Errorf("ParseDump(Dump(b)) is not b; it dumps as\n%s", lineDiff(buf.String(), g.String()))
	}
	d := got.Documents[0]
	fig := d.Blocks[2].(*doc.Figure)
	if fig.Image != d.Images[0] {
		t.Errorf("the figure's image is not the document's first image")
	}
	if ref := d.Notes[1].Blocks[0].(*doc.Paragraph).Inlines[1].(*doc.NoteRef); ref.Note != d.Notes[0] {
		t.Errorf("the note in note 2 does not point at note 1")
	}
}

// TestRichLeaves checks the leaves of every rich node: kinds, the notes'
// leaves after the body, and no leaves for tables and figures.
func TestRichLeaves(t *testing.T) {
	d := richBook().Documents[0]
	var got []string
	for _, l := range d.Leaves() {
		s := string(l.Kind) + ":" + l.Text
		if l.Note != nil {
			s += "@note" + string(rune('0'+l.Note.Number))
		}
		got = append(got, s)
	}
	want := []string{
		"heading:Giriş",
		"paragraph:Bak Şekil\u00a01’e ve başa. H2O ve x2 eski Small x^2 \\sum son.",
		"term:Terim",
		"definition:Tanım.",
		"list_item:Bitti.",
		"callout:Dikkat et.",
		"line_block:Bir dize\n\u00a0\u00a0iki dize.",
		"code:package main\n",
		"footnote:Bkz. kaynak.@note1",
		"code:x := 1\n@note1",
		"footnote:İç not.@note2",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("leaves:\n got %q\nwant %q", got, want)
	}
}
