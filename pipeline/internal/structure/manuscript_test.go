package structure

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	gtext "github.com/yuin/goldmark/text"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// dumpResult returns the model dump of a MarkdownDocument result: its
// blocks, then its notes.
func dumpResult(t testing.TB, r Result) string {
	t.Helper()
	var b strings.Builder
	d := &doc.Document{Blocks: r.Blocks, Notes: r.Notes}
	if err := doc.Dump(&b, &doc.Book{Documents: []*doc.Document{d}}); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range strings.Split(b.String(), "\n")[1:] {
		if strings.HasPrefix(l, "document ") || strings.HasPrefix(l, "  source ") || strings.HasPrefix(l, "  sha256") ||
			strings.HasPrefix(l, "  encoding") || strings.HasPrefix(l, "  format") || strings.HasPrefix(l, "  title ") || l == "" {
			continue
		}
		out = append(out, strings.TrimPrefix(l, "  "))
	}
	return strings.Join(out, "\n")
}

func TestMarkdownManuscript(t *testing.T) {
	tests := []struct {
		name, in, want, diags string
	}{
		{"footnotes numbered by first reference", "B[^b] A[^a] B[^b].\n\n[^a]: Not a.\n[^b]: Not b[^c].\n[^c]: İç not.\n", `paragraph @1:1 leaf=0
  text "B"
  noteref 1
  text " A"
  noteref 2
  text " B"
  noteref 1
  text "."
note 1 @4:1 id="b"
  paragraph @4:7 leaf=1
    text "Not b"
    noteref 3
    text "."
note 2 @3:1 id="a"
  paragraph @3:7 leaf=2
    text "Not a."
note 3 @5:1 id="c"
  paragraph @5:7 leaf=3
    text "İç not."`, ""},
		{"a note of several blocks", "Metin.[^1]\n\n[^1]: Bir.\n\n    İki.\n\n    > alıntı\n\n    ```\n    kod\n    ```\n", `paragraph @1:1 leaf=0
  text "Metin."
  noteref 1
note 1 @3:1 id="1"
  paragraph @3:7 leaf=1
    text "Bir."
  paragraph @5:5 leaf=2
    text "İki."
  quote @7:5
    paragraph @7:7 leaf=3
      text "alıntı"
  code @9:5 leaf=4 info=""
    "kod\n"`, ""},
		{"undefined and unreferenced notes", "Metin[^yok] ve [bağ](#x).\n\n[^fazla]: Kimse anmadı.\n", `paragraph @1:1 leaf=0
  text "Metin[^yok] ve "
  link "#x"
    text "bağ"
  text "."`, "x.md:1:6: warning: footnote [^yok] is referenced but never defined; kept as text\nx.md:3:1: warning: footnote [^fazla] is defined but never referenced; not published"},
		{"a note defined twice", "a[^1]\n\n[^1]: bir\n\n[^1]: iki\n", `paragraph @1:1 leaf=0
  text "a"
  noteref 1
note 1 @3:1 id="1"
  paragraph @3:7 leaf=1
    text "bir"`, "x.md:5:1: warning: footnote [^1] is defined again; the first definition is kept"},
		{"not a note", "[^ a] [^] `[^1]`", `paragraph @1:1 leaf=0
  text "[^ a] [^] "
  code "[^1]"`, ""},
		{"table with caption after", "| A | B | C |\n|:--|:-:|--:|\n| *1* | 2 | 3 |\n\n: Başlık **kalın** {#tbl-x .genis}\n", `table @1:1 number=0 align=left,center,right {#tbl-x .genis}
  caption
    text "Başlık "
    strong
      text "kalın"
  head
    cell
      text "A"
    cell
      text "B"
    cell
      text "C"
  row
    cell
      emph
        text "1"
    cell
      text "2"
    cell
      text "3"`, ""},
		{"table with caption before", "Table: Önce\n\n| A |\n|---|\n| 1 |\n", `table @3:1 number=0 align=default
  caption
    text "Önce"
  head
    cell
      text "A"
  row
    cell
      text "1"`, ""},
		{"uneven rows", "| A | B |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n| | |\n", `table @1:1 number=0 align=default,default
  head
    cell
      text "A"
    cell
      text "B"
  row
    cell
      text "1"
    cell
  row
    cell
      text "1"
    cell
      text "2"
  row
    cell
    cell`, "x.md:3:1: warning: table row has 1 cell where the header has 2: padded with empty cells (as GFM does)\nx.md:4:1: warning: table row has 3 cells where the header has 2: the cells past the 2 are dropped (as GFM does)"},
		{"a colon paragraph away from a table is text", ": iki nokta\n", `paragraph @1:1 leaf=0
  text ": iki nokta"`, ""},
		{"figure", "![Bir *harita*](resimler/harita%20eski.png \"Harita\"){#fig-harita .genis}\n", `figure @1:1 number=0 image="resimler/harita eski.png" alt="Bir harita" title="Harita" {#fig-harita .genis}
  text "Bir "
  emph
    text "harita"`, ""},
		{"two images are inline", "![a](a.png) ![b](b.png)", `paragraph @1:1 leaf=0
  image "a.png" alt="a" title=""
  text " "
  image "b.png" alt="b" title=""`, ""},
		{"an inline image's description is plain text", "a ![b *c* `d` $e$[^1]\n![f](g.png)](x.png)\n\n[^1]: n\n", `paragraph @1:1 leaf=0
  text "a "
  image "x.png" alt="b c d e[^1] f" title=""`, "x.md:4:1: warning: footnote [^1] is defined but never referenced; not published"},
		{"definition list", "Terim\n: Bir.\n: İki.\n\nÖteki\n\n:   Uzun\n\n    tanım.\n", `deflist @1:1
  definition @1:1
    paragraph @1:1 leaf=0
      text "Terim"
    def
      paragraph @2:3 leaf=1
        text "Bir."
    def
      paragraph @3:3 leaf=2
        text "İki."
  definition @5:1
    paragraph @5:1 leaf=3
      text "Öteki"
    def
      paragraph @7:5 leaf=4
        text "Uzun"
      paragraph @9:5 leaf=5
        text "tanım."`, ""},
		{"task list", "- [x] bitti\n- [ ] açık\n- [y] değil\n", `list @1:1 bullet
  item @1:1 task=done
    paragraph @1:3 leaf=0
      text "bitti"
  item @2:1 task=open
    paragraph @2:3 leaf=1
      text "açık"
  item @3:1
    paragraph @3:3 leaf=2
      text "[y] değil"`, ""},
		{"strike but not a single tilde", "~~sil~~ H~2~O ~~~üç~~~", `paragraph @1:1 leaf=0
  strike
    text "sil"
  text " H~2~O ~~~üç~~~"`, ""},
		{"math", "$x^2$ ve $$\\sum_i\nx_i$$; 10 $ ile 20 $, $5 ve $6, `$k$` \\$y\\$", `paragraph @1:1 leaf=0
  math "x^2"
  text " ve "
  math display "\\sum_i\nx_i"
  text "; 10 $ ile 20 $, $5 ve $6, "
  code "$k$"
  text " $y$"`, "x.md:1:1: warning: " + msgMath},
		{"cross-references", "@fig-harita'da (@tbl-nufus’ta) @sec-giris. @sec-a-b- @eq-x ali@fig-x.tr `@fig-k` [l](http://a/@fig-u) @fig-", `paragraph @1:1 leaf=0
  xref "fig-harita" kind=fig doc= label="" number="" suffix="'da"
  text " ("
  xref "tbl-nufus" kind=tbl doc= label="" number="" suffix="’ta"
  text ") "
  xref "sec-giris" kind=sec doc= label="" number="" suffix=""
  text ". "
  xref "sec-a-b" kind=sec doc= label="" number="" suffix=""
  text "- @eq-x ali@fig-x.tr "
  code "@fig-k"
  text " "
  link "http://a/@fig-u"
    text "l"
  text " @fig-"`, ""},
		{"heading attributes", "## Noktalama {#sec-noktalama .temel lang=en}\n\n# Düz\n", `heading @1:1 level=2 leaf=0 {#sec-noktalama .temel lang="en"}
  text "Noktalama"
heading @3:1 level=1 leaf=1
  text "Düz"`, ""},
		{"link title", `[a](https://a.tr "Başlık") [b](02_yazim.md#noktalama)`, `paragraph @1:1 leaf=0
  link "https://a.tr" title="Başlık"
    text "a"
  text " "
  link "02_yazim.md#noktalama"
    text "b"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, diags := MarkdownDocument("x.md", tt.in)
			if got := dumpResult(t, r); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if got := diagStrings(diags); got != tt.diags {
				t.Errorf("diagnostics\n%s\nwant\n%s", got, tt.diags)
			}
		})
	}
}

func TestMarkdownImages(t *testing.T) {
	r, _ := MarkdownDocument("x.md", "![a](r/a.png)\n\nMetin ![b](https://x.tr/b.png) ve ![c](r/a.png).\n")
	var got []string
	for _, u := range r.Images {
		got = append(got, fmt.Sprintf("%s %s", u.Pos, u.Image.Path))
	}
	want := "x.md:1:1 r/a.png|x.md:3:7 https://x.tr/b.png|x.md:3:35 r/a.png"
	if strings.Join(got, "|") != want {
		t.Errorf("images %q, want %q", strings.Join(got, "|"), want)
	}
	fig := r.Blocks[0].(*doc.Figure)
	if fig.Image != r.Images[0].Image {
		t.Errorf("the figure's image is not the one recorded")
	}
}

// kindSamples holds, for every node kind that goldmark's parser can give
// with this package's extensions, a Markdown sample that holds it and the
// dump line or warning that shows it carried or reported. A kind that the
// parser cannot give (a parser or transformer not enabled) is listed in
// unreachableKinds with the reason.
var kindSamples = map[string]struct{ in, want, warn string }{
	"Document":                {"a", `text "a"`, ""},
	"Paragraph":               {"a\n\nb", `paragraph @3:1`, ""},
	"TextBlock":               {"- a", `text "a"`, ""},
	"Heading":                 {"## a {#b}", `heading @1:1 level=2 leaf=0 {#b}`, ""},
	"ThematicBreak":           {"***", `break @1:1`, ""},
	"CodeBlock":               {"    kod", `code @1:5`, ""},
	"FencedCodeBlock":         {"```go\nkod\n```", `code @1:1 leaf=0 info="go"`, ""},
	"Blockquote":              {"> a", `quote @1:1`, ""},
	"List":                    {"1. a", `list @1:1 ordered start=1`, ""},
	"ListItem":                {"- a", `item @1:1`, ""},
	"HTMLBlock":               {"<div>\na\n</div>", `text "<div> a </div>"`, msgRawHTML},
	"LinkReferenceDefinition": {"[x][r]\n\n[r]: /u", `link "/u"`, ""},
	"Text":                    {"a", `text "a"`, ""},
	"CodeSpan":                {"`k`", `code "k"`, ""},
	"Emphasis":                {"*a* **b**", "emph\n    text \"a\"\n  text \" \"\n  strong", ""},
	"Link":                    {"[a](/u)", `link "/u"`, ""},
	"Image":                   {"a ![b](c.png)", `image "c.png" alt="b"`, ""},
	"AutoLink":                {"<https://a.tr>", `link "https://a.tr"`, ""},
	"RawHTML":                 {"a <b>c</b>", `text "a <b>c</b>"`, msgRawHTML},
	"DefinitionList":          {"a\n: b", `deflist @1:1`, ""},
	"DefinitionTerm":          {"a\n: b", "definition @1:1\n    paragraph @1:1 leaf=0\n      text \"a\"", ""},
	"DefinitionDescription":   {"a\n: b", "def\n      paragraph @2:3 leaf=1\n        text \"b\"", ""},
	"Footnote":                {"a[^1]\n\n[^1]: b", "note 1 @3:1 id=\"1\"\n  paragraph @3:7 leaf=1\n    text \"b\"", ""},
	"FootnoteList":            {"a[^1]\n\n[^1]: b\n[^2]: c", `note 1 @3:1`, "footnote [^2] is defined but never referenced"},
	"Strikethrough":           {"~~a~~", "strike\n    text \"a\"", ""},
	"Table":                   {"|a|\n|-|\n|b|", `table @1:1 number=0 align=default`, ""},
	"TableHeader":             {"|a|\n|-|\n|b|", "head\n    cell\n      text \"a\"", ""},
	"TableRow":                {"|a|\n|-|\n|b|", "row\n    cell\n      text \"b\"", ""},
	"TableCell":               {"|a|\n|-|\n|b|", "cell\n      text \"b\"", ""},
	"TaskCheckBox":            {"- [x] a", `item @1:1 task=done`, ""},
	"NoteRef":                 {"a[^1]\n\n[^1]: b", `noteref 1`, ""},
	"Math":                    {"$a$", `math "a"`, msgMath},
	"CrossRef":                {"@fig-a'da", `xref "fig-a" kind=fig doc= label="" number="" suffix="'da"`, ""},
}

var unreachableKinds = map[string]string{
	"String":           "made by goldmark's typographer and CJK extensions, which are not enabled (the converter keeps its text all the same)",
	"FootnoteLink":     "made by goldmark's footnote reference parser, which is not enabled: references are this package's NoteRef nodes",
	"FootnoteBacklink": "made by goldmark's footnote AST transformer, which is not enabled",
	"Delimiter":        "the inline parser's state for emphasis and strikethrough, replaced before the tree is done",
	"LinkLabelState":   "the inline parser's state for an open link label, replaced before the tree is done",
}

// allKinds returns the name of every goldmark node kind registered in the
// program: goldmark's, its extensions' and this package's.
func allKinds() []string {
	var names []string
	for k := ast.NodeKind(1); ; k++ {
		name, ok := func() (s string, ok bool) {
			defer func() { recover() }()
			return k.String(), true
		}()
		if !ok {
			return names
		}
		names = append(names, name)
	}
}

// TestEveryNodeKind proves that nothing is lost in silence: every node
// kind the parser can give is carried into the model or reported with a
// position.
func TestEveryNodeKind(t *testing.T) {
	kinds := allKinds()
	if len(kinds) < len(kindSamples)+len(unreachableKinds) {
		t.Fatalf("only %d node kinds registered: %v", len(kinds), kinds)
	}
	for _, name := range kinds {
		if why, ok := unreachableKinds[name]; ok {
			t.Logf("%s: not reachable: %s", name, why)
			continue
		}
		s, ok := kindSamples[name]
		if !ok {
			t.Errorf("node kind %s has no sample: add one to kindSamples (carried or warned), or to unreachableKinds", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			root := markdownParser.Parse(gtext.NewReader([]byte(s.in)))
			found := false
			_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if entering && n.Kind().String() == name {
					found = true
				}
				return ast.WalkContinue, nil
			})
			if !found {
				t.Fatalf("the sample %q holds no %s", s.in, name)
			}
			r, diags := MarkdownDocument("x.md", s.in)
			if got := dumpResult(t, r); !strings.Contains(got, s.want) {
				t.Errorf("the model of %q lacks %q:\n%s", s.in, s.want, got)
			}
			for _, d := range diags {
				if d.Pos.Line < 1 || d.Severity != diag.Warning {
					t.Errorf("diagnostic without a position or not a warning: %v", d)
				}
			}
			if got := diagStrings(diags); !strings.Contains(got, s.warn) || (s.warn == "") != (got == "") {
				t.Errorf("diagnostics %q, want %q", got, s.warn)
			}
		})
	}
	// The unreachable kinds indeed never appear in the samples.
	for _, s := range kindSamples {
		root := markdownParser.Parse(gtext.NewReader([]byte(s.in)))
		_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if _, ok := unreachableKinds[n.Kind().String()]; ok && entering {
				t.Errorf("%q holds %s, listed as unreachable", s.in, n.Kind())
			}
			return ast.WalkContinue, nil
		})
	}
}

// TestMarkdownManuscriptLimits builds the inputs a hostile or careless
// manuscript may hold: notes that reference each other a thousand deep,
// notes defined inside notes, a table of 2,000 rows and one of 12
// columns.
func TestMarkdownManuscriptLimits(t *testing.T) {
	const n = 1000
	var chain strings.Builder
	chain.WriteString("Başla.[^0]\n\n")
	for i := range n {
		fmt.Fprintf(&chain, "[^%d]: Not %d.[^%d]\n\n", i, i, i+1)
	}
	fmt.Fprintf(&chain, "[^%d]: Son.\n", n)
	r, diags := MarkdownDocument("x.md", chain.String())
	if len(diags) != 0 || len(r.Notes) != n+1 || r.Notes[n].ID != fmt.Sprint(n) || r.Notes[n].Number != n+1 {
		t.Errorf("chain: %d notes, diagnostics %v", len(r.Notes), diags[:min(3, len(diags))])
	}

	var nested strings.Builder
	nested.WriteString("Başla.[^0]\n\n")
	for i := range n {
		fmt.Fprintf(&nested, "%s[^%d]: Not[^%d].\n\n", strings.Repeat("    ", min(i, 40)), i, i+1)
	}
	r, diags = MarkdownDocument("x.md", nested.String())
	if len(r.Notes) != n || len(diags) != 1 {
		t.Errorf("nested: %d notes, diagnostics %v", len(r.Notes), diags[:min(3, len(diags))])
	}
	if d := depth(r.Blocks); d > MaxDepth {
		t.Errorf("nested: depth %d", d)
	}

	var rows strings.Builder
	rows.WriteString("| Sıra | Ad | Değer |\n|--:|:--|:-:|\n")
	for i := range 2000 {
		fmt.Fprintf(&rows, "| %d | ad %d | *%d* |\n", i, i, i*i)
	}
	r, diags = MarkdownDocument("x.md", rows.String())
	if len(diags) != 0 || len(r.Blocks) != 1 || len(r.Blocks[0].(*doc.Table).Rows) != 2000 {
		t.Errorf("2,000 rows: %d blocks, diagnostics %v", len(r.Blocks), diags)
	}

	var wide strings.Builder
	for range 3 {
		for c := range 12 {
			fmt.Fprintf(&wide, "| s%d ", c)
		}
		wide.WriteString("|\n")
		if wide.Len() < 100 {
			wide.WriteString(strings.Repeat("|---", 12) + "|\n")
		}
	}
	r, diags = MarkdownDocument("x.md", wide.String())
	if tb, ok := r.Blocks[0].(*doc.Table); len(diags) != 0 || !ok || len(tb.Align) != 12 || len(tb.Rows) != 2 || len(tb.Rows[1]) != 12 {
		t.Errorf("12 columns: %s, diagnostics %v", dumpResult(t, r), diags)
	}
}
