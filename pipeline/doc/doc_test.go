package doc_test

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

func text(s string) *doc.Text { return &doc.Text{Value: s} }

// sample is a document with every block and inline type, nested.
func sample() *doc.Document {
	return &doc.Document{Blocks: []doc.Block{
		&doc.Heading{Level: 1, Inlines: []doc.Inline{text("Başlık")}},
		&doc.Paragraph{Inlines: []doc.Inline{
			text("Bir "), &doc.Emph{Inlines: []doc.Inline{text("iki")}}, text(" "),
			&doc.Strong{Inlines: []doc.Inline{&doc.Abbr{Text: "TDK", Term: 0}, text("’nin")}},
			&doc.LineBreak{}, &doc.Code{Value: "x<y"}, text(" "),
			&doc.Link{URL: "https://a.tr", Inlines: []doc.Inline{text("bağ")}},
		}},
		&doc.ThematicBreak{},
		&doc.Quote{Blocks: []doc.Block{
			&doc.Paragraph{Inlines: []doc.Inline{text("Alıntı.")}},
			&doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{&doc.Paragraph{Inlines: []doc.Inline{text("İçte")}}}}}},
		}},
		&doc.List{Ordered: true, Start: 2, Items: []*doc.ListItem{
			{Blocks: []doc.Block{&doc.Paragraph{Inlines: []doc.Inline{text("şey")}}}},
			{},
		}},
		&doc.CodeBlock{Info: "go", Text: "ğ := 1\n"},
	}}
}

func TestPlainText(t *testing.T) {
	p := sample().Blocks[1].(*doc.Paragraph)
	if got, want := doc.PlainText(p.Inlines), "Bir iki TDK’nin\nx<y bağ"; got != want {
		t.Errorf("PlainText = %q, want %q", got, want)
	}
	if got := doc.PlainText(nil); got != "" {
		t.Errorf("PlainText(nil) = %q", got)
	}
}

func TestLeaves(t *testing.T) {
	d := sample()
	leaves := d.Leaves()
	type leaf struct {
		Kind       doc.LeafKind
		Text       string
		Start, End int
	}
	var got []leaf
	for _, l := range leaves {
		got = append(got, leaf{l.Kind, l.Text, l.Start, l.End})
	}
	want := []leaf{
		{doc.KindHeading, "Başlık", 0, 6},
		{doc.KindParagraph, "Bir iki TDK’nin\nx<y bağ", 8, 31},
		{doc.KindQuote, "Alıntı.", 33, 40},
		{doc.KindListItem, "İçte", 42, 46},
		{doc.KindListItem, "şey", 48, 51},
		{doc.KindCode, "ğ := 1\n", 53, 60},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Leaves\n got %+v\nwant %+v", got, want)
	}
	all := d.Text()
	for _, l := range leaves {
		if s := doc.SliceRunes(all, l.Start, l.End); s != l.Text {
			t.Errorf("Text()[%d:%d] = %q, want %q", l.Start, l.End, s, l.Text)
		}
	}
	if n := len([]rune(all)); n != leaves[len(leaves)-1].End {
		t.Errorf("Text() has %d runes, last leaf ends at %d", n, leaves[len(leaves)-1].End)
	}
}

func TestLeafSentences(t *testing.T) {
	p := &doc.Paragraph{Inlines: []doc.Inline{text("Bir. İki şey.")}, Sentences: []doc.Sentence{{Start: 0, End: 4, Words: 1}, {Start: 5, End: 13, Words: 2}}}
	d := &doc.Document{Blocks: []doc.Block{p, &doc.CodeBlock{Text: "k\n"}}}
	l := d.Leaves()
	if got := l[0].SentenceText(1); got != "İki şey." {
		t.Errorf("SentenceText(1) = %q", got)
	}
	if l[1].Sentences() != nil {
		t.Errorf("code has sentences")
	}
}

func TestSliceRunes(t *testing.T) {
	tests := []struct {
		s          string
		start, end int
		want       string
	}{
		{"ağaç", 0, 4, "ağaç"},
		{"ağaç", 1, 3, "ğa"},
		{"ağaç", 4, 4, ""},
		{"", 0, 0, ""},
		{"İı", 1, 2, "ı"},
	}
	for _, tt := range tests {
		if got := doc.SliceRunes(tt.s, tt.start, tt.end); got != tt.want {
			t.Errorf("SliceRunes(%q, %d, %d) = %q, want %q", tt.s, tt.start, tt.end, got, tt.want)
		}
	}
	for _, r := range [][2]int{{-1, 1}, {2, 1}, {0, 5}, {5, 5}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("SliceRunes(ağaç, %d, %d) did not panic", r[0], r[1])
				}
			}()
			doc.SliceRunes("ağaç", r[0], r[1])
		}()
	}
}

func TestDump(t *testing.T) {
	d := sample()
	d.ID, d.Source, d.Format, d.Title = "a", "a.md", "markdown", "Başlık"
	b := &doc.Book{Meta: doc.Meta{Title: "Kitap", Authors: []string{"A", "B"}, Lang: "tr"}, Documents: []*doc.Document{d},
		Glossary: []doc.Term{{Acronym: "TDK", Expansion: "Türk Dil Kurumu", Defined: doc.Ref{Doc: 0, Leaf: 1, Sentence: 0}, Uses: []doc.Ref{{Doc: 0, Leaf: 1}}, Occurrences: 1}}}
	var got strings.Builder
	if err := doc.Dump(&got, b); err != nil {
		t.Fatal(err)
	}
	want := `book
  title "Kitap"
  author "A"
  author "B"
  lang "tr"
document 0 a
  source "a.md"
  sha256 
  encoding 
  format markdown
  title "Başlık"
  heading level=1 leaf=0
    text "Başlık"
  paragraph leaf=1
    text "Bir "
    emph
      text "iki"
    text " "
    strong
      abbr "TDK" term=0
      text "’nin"
    linebreak
    code "x<y"
    text " "
    link "https://a.tr"
      text "bağ"
  break
  quote
    paragraph leaf=2
      text "Alıntı."
    list bullet
      item
        paragraph leaf=3
          text "İçte"
  list ordered start=2
    item
      paragraph leaf=4
        text "şey"
    item
  code leaf=5 info="go"
    "ğ := 1\n"
glossary
  term 0 "TDK"
    expansion "Türk Dil Kurumu"
    defined 0/1/0
    occurrences 1
    uses 0/1/0
`
	if got.String() != want {
		t.Errorf("Dump\n%s\nwant\n%s", got.String(), want)
	}
}

func ExampleDump() {
	p := &doc.Paragraph{
		Pos:       doc.Pos{File: "a.txt", Line: 1, Col: 1},
		Inlines:   []doc.Inline{&doc.Text{Value: "Merhaba dünya. Nasılsın?"}},
		Sentences: []doc.Sentence{{Start: 0, End: 14, Words: 2}, {Start: 15, End: 24, Words: 1}},
	}
	b := &doc.Book{Meta: doc.Meta{Title: "Örnek", Lang: "tr"}, Documents: []*doc.Document{{
		ID: "a", Source: "a.txt", SHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Encoding: "utf-8", Format: "text", Title: "Bölüm 1", Blocks: []doc.Block{p},
	}}}
	doc.Dump(os.Stdout, b)
	// Output:
	// book
	//   title "Örnek"
	//   lang "tr"
	// document 0 a
	//   source "a.txt"
	//   sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
	//   encoding utf-8
	//   format text
	//   title "Bölüm 1"
	//   paragraph @1:1 leaf=0
	//     text "Merhaba dünya. Nasılsın?"
	//     sentence 0 [0,14) words=2 "Merhaba dünya."
	//     sentence 1 [15,24) words=1 "Nasılsın?"
}

func TestHasText(t *testing.T) {
	tests := []struct {
		name    string
		inlines []doc.Inline
		want    bool
	}{
		{"none", nil, false},
		{"spaces", []doc.Inline{&doc.Text{Value: " \t"}, &doc.LineBreak{}, &doc.Text{Value: "\u00a0"}}, false},
		{"empty nested", []doc.Inline{&doc.Emph{Inlines: []doc.Inline{&doc.Strong{Inlines: []doc.Inline{&doc.Text{Value: " "}}}}}, &doc.Link{URL: "https://a.example"}}, false},
		{"text", []doc.Inline{&doc.Text{Value: " a "}}, true},
		{"code", []doc.Inline{&doc.Code{Value: "x"}}, true},
		{"abbr", []doc.Inline{&doc.Text{Value: " "}, &doc.Abbr{Text: "TDK"}}, true},
		{"deep", []doc.Inline{&doc.Link{Inlines: []doc.Inline{&doc.Emph{Inlines: []doc.Inline{&doc.Strong{Inlines: []doc.Inline{&doc.Text{Value: "ş"}}}}}}}}, true},
	}
	for _, tt := range tests {
		if got := doc.HasText(tt.inlines); got != tt.want {
			t.Errorf("%s: HasText = %v, want %v", tt.name, got, tt.want)
		}
		if want := strings.TrimSpace(doc.PlainText(tt.inlines)) != ""; want != tt.want {
			t.Errorf("%s: the table says %v, PlainText says %v", tt.name, tt.want, want)
		}
	}
}

func TestDocumentHasText(t *testing.T) {
	blank := []doc.Inline{text(" ")}
	tests := []struct {
		name   string
		blocks []doc.Block
		want   bool
	}{
		{"none", nil, false},
		{"blank", []doc.Block{&doc.Heading{Level: 1, Inlines: blank}, &doc.ThematicBreak{}, &doc.CodeBlock{Text: "\n\t\n"},
			&doc.Quote{Blocks: []doc.Block{&doc.Paragraph{Inlines: blank}}},
			&doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{&doc.Paragraph{Inlines: blank}}}}}}, false},
		{"code", []doc.Block{&doc.CodeBlock{Text: "x := 1\n"}}, true},
		{"in a list in a quote", []doc.Block{&doc.Quote{Blocks: []doc.Block{
			&doc.List{Items: []*doc.ListItem{{}, {Blocks: []doc.Block{&doc.Paragraph{Inlines: []doc.Inline{text("ö")}}}}}}}}}, true},
		{"every kind", sample().Blocks, true},
	}
	for _, tt := range tests {
		d := &doc.Document{Blocks: tt.blocks}
		if got := d.HasText(); got != tt.want {
			t.Errorf("%s: HasText = %v, want %v", tt.name, got, tt.want)
		}
	}
}
