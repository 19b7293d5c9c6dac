package structure

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// dumpBlocks returns the model dump of blocks alone, without the
// document's header lines.
func dumpBlocks(t testing.TB, blocks []doc.Block) string {
	t.Helper()
	var b strings.Builder
	d := &doc.Document{Blocks: blocks}
	if err := doc.Dump(&b, &doc.Book{Documents: []*doc.Document{d}}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	var out []string
	for _, l := range lines[1:] {
		if strings.HasPrefix(l, "document ") || strings.HasPrefix(l, "  source ") || strings.HasPrefix(l, "  sha256") ||
			strings.HasPrefix(l, "  encoding") || strings.HasPrefix(l, "  format") || strings.HasPrefix(l, "  title ") || l == "" {
			continue
		}
		out = append(out, strings.TrimPrefix(l, "  "))
	}
	return strings.Join(out, "\n")
}

func diagStrings(l diag.List) string {
	var s []string
	for _, d := range l {
		s = append(s, d.String())
	}
	return strings.Join(s, "\n")
}

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"paragraphs", "Bir.\nİki satır.\n\n\nÜç.\n", `paragraph @1:1 leaf=0
  text "Bir. İki satır."
paragraph @5:1 leaf=1
  text "Üç."`},
		{"title", "# Başlık  \nMetin.", `heading @1:1 level=1 leaf=0
  text "Başlık"
paragraph @2:1 leaf=1
  text "Metin."`},
		{"only the first line is a title", "Metin.\n\n# Değil", `paragraph @1:1 leaf=0
  text "Metin."
paragraph @3:1 leaf=1
  text "# Değil"`},
		{"no markup", "*vurgu* <b>kalın</b> &amp;\n---\n1. madde", `paragraph @1:1 leaf=0
  text "*vurgu* <b>kalın</b> &amp; --- 1. madde"`},
		{"indent and white-space lines", "  \t\n   girinti\r\n  devam  \n \t \nson", `paragraph @2:4 leaf=0
  text "girinti devam"
paragraph @5:1 leaf=1
  text "son"`},
		{"column counts runes", "\n\n\u00a0\u00a0şık", `paragraph @3:3 leaf=0
  text "şık"`},
		{"empty", "", ""},
		{"white space only", " \n\t\n", ""},
		{"invalid UTF-8", "a\xffb", `paragraph @1:1 leaf=0
  text "a�b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks, diags := Text("x.txt", tt.in)
			if len(diags) != 0 {
				t.Errorf("diagnostics: %v", diags)
			}
			if got := dumpBlocks(t, blocks); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want, diags string
	}{
		{"atx and setext headings", "# Bir #\n\nİki\n---\n", `heading @1:1 level=1 leaf=0
  text "Bir"
heading @3:1 level=2 leaf=1
  text "İki"`, ""},
		{"emphasis strong code", "a *b* __c__ `d  e` ***f***", `paragraph @1:1 leaf=0
  text "a "
  emph
    text "b"
  text " "
  strong
    text "c"
  text " "
  code "d  e"
  text " "
  emph
    strong
      text "f"`, ""},
		{"soft and hard breaks", "bir  \niki\\\nüç\ndört \nbeş", `paragraph @1:1 leaf=0
  text "bir"
  linebreak
  text "iki"
  linebreak
  text "üç dört beş"`, ""},
		{"entities and escapes", "&amp; &#351; &#x15F; &copy; &bogus; \\*x\\* \\&amp;", `paragraph @1:1 leaf=0
  text "& ş ş © &bogus; *x* &amp;"`, ""},
		{"fenced and indented code", "```go  \nx := 1 &amp;\n```\n\n    kod\n", `code @1:1 leaf=0 info="go"
  "x := 1 &amp;\n"
code @5:5 leaf=1 info=""
  "kod\n"`, ""},
		{"quote", "> a\n> b\n>\n> c", `quote @1:1
  paragraph @1:3 leaf=0
    text "a b"
  paragraph @4:3 leaf=1
    text "c"`, ""},
		{"ordered tight list with start", "3. üç\n4. dört\n", `list @1:1 ordered start=3
  item @1:1
    paragraph @1:4 leaf=0
      text "üç"
  item @2:1
    paragraph @2:4 leaf=1
      text "dört"`, ""},
		{"loose bullet list", "- a\n\n- b\n  > c\n", `list @1:1 bullet
  item @1:1
    paragraph @1:3 leaf=0
      text "a"
  item @3:1
    paragraph @3:3 leaf=1
      text "b"
    quote @4:3
      paragraph @4:5 leaf=2
        text "c"`, ""},
		{"links", "[TDK](https://www.tdk.gov.tr) [x](../a.md) [m](mailto:a@b.tr) <https://a.tr/?q=1&r=2> <ad@ornek.tr>", `paragraph @1:1 leaf=0
  link "https://www.tdk.gov.tr"
    text "TDK"
  text " "
  link "../a.md"
    text "x"
  text " "
  link "mailto:a@b.tr"
    text "m"
  text " "
  link "https://a.tr/?q=1&r=2"
    text "https://a.tr/?q=1&r=2"
  text " "
  link "mailto:ad@ornek.tr"
    text "ad@ornek.tr"`, ""},
		{"reference link", "[a][r]\n\n[r]: https://r.tr \"t\"\n", `paragraph @1:1 leaf=0
  link "https://r.tr" title="t"
    text "a"`, ""},
		{"dangerous links keep their text", "[tıkla](javascript:alert(1)) <vbscript:x> [d](data:text/html,x)", `paragraph @1:1 leaf=0
  text "tıkla vbscript:x d"`, `x.md:1:1: warning: link with URL scheme "javascript:": dropped, its text kept
x.md:1:30: warning: link with URL scheme "vbscript:": dropped, its text kept
x.md:1:43: warning: link with URL scheme "data:": dropped, its text kept`},
		{"links do not nest", "[a [b](http://b) c](http://a)", `paragraph @1:1 leaf=0
  text "[a "
  link "http://b"
    text "b"
  text " c](http://a)"`, ""},
		{"thematic break", "a\n\n***\n\nb", `paragraph @1:1 leaf=0
  text "a"
break @3:1
paragraph @5:1 leaf=1
  text "b"`, ""},
		{"inline image", "Şekil: ![bir *kedi*](kedi.png \"Kedi\"){.kucuk width=\"3em\"} burada.", `paragraph @1:1 leaf=0
  text "Şekil: "
  image "kedi.png" alt="bir kedi" title="Kedi" {.kucuk width="3em"}
  text " burada."`, ""},
		{"figure without alt text", "![](a.png)", `figure @1:1 number=0 image="a.png" alt="" title=""`, ""},
		{"raw HTML block", "<div class=\"x\">\n<script>alert(1)</script>\n</div>\n\nsonra", `paragraph @1:1 leaf=0
  text "<div class=\"x\"> <script>alert(1)</script> </div>"
paragraph @5:1 leaf=1
  text "sonra"`, "x.md:1:1: warning: " + msgRawHTML},
		{"inline raw HTML, the comment dropped", "a <b>kalın</b> <!-- not -->", `paragraph @1:1 leaf=0
  text "a <b>kalın</b>"`, "x.md:1:3: warning: " + msgRawHTML + "\nx.md:1:11: warning: " + msgRawHTML},
		{"tables, strikethrough and subscript", "| a | b |\n|---|--:|\n| 1 | 2 |\n\n~~sil~~ ~tek~", `table @1:1 number=0 align=default,right
  head
    cell
      text "a"
    cell
      text "b"
  row
    cell
      text "1"
    cell
      text "2"
paragraph @5:1 leaf=0
  strike
    text "sil"
  text " "
  sub
    text "tek"`, ""},
		{"empty heading", "#\n\nmetin", `paragraph @3:1 leaf=0
  text "metin"`, "x.md:1:1: warning: empty heading dropped"},
		{"positions count runes", "ğüşiöç *a*\n\nçç **b** ![x](y)", `paragraph @1:1 leaf=0
  text "ğüşiöç "
  emph
    text "a"
paragraph @3:1 leaf=1
  text "çç "
  strong
    text "b"
  text " "
  image "y" alt="x" title=""`, ""},
		{"NUL and invalid UTF-8", "a\x00b\xffc", `paragraph @1:1 leaf=0
  text "a�b�c"`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks, diags := Markdown("x.md", tt.in)
			if got := dumpBlocks(t, blocks); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			if got := diagStrings(diags); got != tt.diags {
				t.Errorf("diagnostics\n%s\nwant\n%s", got, tt.diags)
			}
		})
	}
}

// depth returns the deepest nesting of quotes and lists in blocks.
func depth(blocks []doc.Block) int {
	d, deepest := 0, 0
	doc.WalkBlocks(blocks, func(n doc.Node, entering bool) doc.WalkStatus {
		switch n.(type) {
		case *doc.Quote, *doc.List:
			if entering {
				d++
				deepest = max(deepest, d)
			} else {
				d--
			}
		case *doc.Heading, *doc.Paragraph:
			return doc.WalkSkipChildren
		}
		return doc.WalkContinue
	})
	return deepest
}

func TestMarkdownDeepNesting(t *testing.T) {
	const n = 1000
	// An indented list n deep is O(n²) bytes, and goldmark's parser spends
	// about O(n³) on it (two seconds for n = 1000, a 1 MB seed); 300 levels
	// keep the test quick while still five times over the limit. The other
	// cases nest n deep in O(n) bytes.
	const indented = 300
	var list strings.Builder
	for i := range indented {
		fmt.Fprintf(&list, "%s- öğe %d\n", strings.Repeat("  ", i), i)
	}
	tests := []struct {
		name, in string
		leaves   int
	}{
		{"quotes", strings.Repeat(">", n) + " derin\n", 1},
		{"indented lists", list.String(), indented},
		{"list markers on one line", strings.Repeat("- ", n) + "derin\n", 1},
		{"quotes and lists", strings.Repeat("> - ", n/2) + "derin\n", 1},
		{"emphasis", strings.Repeat("*", n) + "derin" + strings.Repeat("*", n), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			blocks, diags := Markdown("x.md", tt.in)
			if d := depth(blocks); d > MaxDepth {
				t.Errorf("depth %d > MaxDepth %d", d, MaxDepth)
			}
			leaves := (&doc.Document{Blocks: blocks}).Leaves()
			if len(leaves) != tt.leaves {
				t.Errorf("%d leaves, want %d", len(leaves), tt.leaves)
			}
			if len(diags) != 1 || diags[0].Severity != diag.Warning || !strings.Contains(diags[0].Msg, "64") {
				t.Errorf("diagnostics %v, want one warning naming the limit", diags)
			}
			if !strings.Contains(doc.PlainText(leaves[len(leaves)-1].Block.(*doc.Paragraph).Inlines), "derin") &&
				tt.leaves == 1 {
				t.Errorf("deepest text lost")
			}
		})
	}
}

func TestMarkdownManyItems(t *testing.T) {
	const n = 100000
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "- madde %d\n", i)
	}
	blocks, diags := Markdown("x.md", b.String())
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags[:min(3, len(diags))])
	}
	if len(blocks) != 1 {
		t.Fatalf("%d blocks, want 1 list", len(blocks))
	}
	l := blocks[0].(*doc.List)
	if len(l.Items) != n {
		t.Fatalf("%d items, want %d", len(l.Items), n)
	}
	if last := l.Items[n-1]; last.Pos.Line != n || doc.PlainText(last.Blocks[0].(*doc.Paragraph).Inlines) != fmt.Sprintf("madde %d", n-1) {
		t.Errorf("last item %v %q", last.Pos, dumpBlocks(t, last.Blocks))
	}
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# Başlık\n\nMetin *vurgu* **kalın** `kod`.\n",
		"> alıntı\n> - liste\n>   1. sıralı\n",
		"<div>\nham\n</div>\n\na <b>b</b> ![r](r.png) [l](javascript:x) <https://a.tr>",
		"```\nkod\n```\n\n    girinti\n\n***\n",
		"&amp; &#0; &#x110000; \\* a  \nb\\\nc",
		"- a\n\n  b\n- c\n\n[r]: /u\n[x][r]",
		"a[^1] b[^yok]\n\n[^1]: not\n\n    [^2]: iç\n\n| a | b |\n|:-|-:|\n| 1 |\n\n: başlık {#tbl-x}\n",
		"![r](r.png){#fig-a}\n\nt\n: d\n\n- [x] görev\n\n~~s~~ $m$ $$d$$ @fig-a'da ## h {#x}\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		saved := strings.Clone(in)
		r, diags := MarkdownDocument("f.md", in)
		if in != saved { // goldmark reads the text's own bytes
			t.Fatalf("MarkdownDocument changed its text %q to %q", saved, in)
		}
		blocks := r.Blocks
		d := &doc.Document{Blocks: blocks, Notes: r.Notes}
		lines := strings.Split(in, "\n")
		checkPos := func(p doc.Pos) {
			if p.File != "f.md" || p.Line < 1 || p.Line > len(lines) || p.Col < 1 || p.Col > utf8.RuneCountInString(lines[p.Line-1])+1 {
				t.Fatalf("position %v outside the input (%d lines)", p, len(lines))
			}
		}
		for _, d := range diags {
			checkPos(d.Pos)
		}
		if depth(blocks) > MaxDepth {
			t.Fatalf("depth %d", depth(blocks))
		}
		for i, n := range r.Notes {
			if n.Number != i+1 || depth(n.Blocks) > MaxDepth {
				t.Fatalf("note %d: number %d, depth %d", i, n.Number, depth(n.Blocks))
			}
		}
		for _, u := range r.Images {
			checkPos(u.Pos)
		}
		doc.WalkDocument(d, func(n doc.Node, entering bool) doc.WalkStatus {
			if !entering {
				return doc.WalkContinue
			}
			switch n := n.(type) {
			case *doc.ListItem:
				checkPos(n.Pos)
			case *doc.Note:
				checkPos(n.Pos)
			case *doc.Definition:
				checkPos(n.Pos)
			case doc.Block:
				checkPos(n.Position())
			}
			switch n.(type) {
			case *doc.Heading, *doc.Paragraph, *doc.LineBlock, *doc.Table, *doc.Figure:
				return doc.WalkSkipChildren // no positions in inlines
			}
			return doc.WalkContinue
		})
		for _, l := range d.Leaves() {
			if !utf8.ValidString(l.Text) {
				t.Fatalf("leaf text not UTF-8: %q", l.Text)
			}
		}
	})
}

func BenchmarkMarkdown(b *testing.B) {
	var s strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&s, "## Bölüm %d\n\nTürk Dil Kurumu (TDK) *kuralları* ve **yazım** `kılavuzu` [bağlantı](https://tdk.gov.tr).\nİkinci satır &amp; devam.\n\n- madde\n- madde\n\n> alıntı\n\n", i)
	}
	in := s.String()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		Markdown("b.md", in)
	}
}

// TestMarkdownLeavesTextAlone checks that MarkdownDocument, which gives
// goldmark the text's own bytes, does not change them, on the pandoc test
// suite and the test seeds.
func TestMarkdownLeavesTextAlone(t *testing.T) {
	files, _ := filepath.Glob("../../../testdata/pandoc/*.txt")
	seeds, _ := filepath.Glob("../../../testdata/seeds/*/*.md")
	for _, name := range append(files, seeds...) {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		MarkdownDocument(name, text)
		if text != string(b) {
			t.Errorf("%s: MarkdownDocument changed its text", name)
		}
	}
}
