package xref

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// Builders of hand-made documents: each block is at line l of its file.

func heading(file string, l, level int, text, id string, classes ...string) *doc.Heading {
	return &doc.Heading{Pos: doc.Pos{File: file, Line: l, Col: 1}, Level: level,
		Inlines: []doc.Inline{&doc.Text{Value: text}}, Attr: doc.Attr{ID: id, Classes: classes}}
}

func para(file string, l int, ins ...doc.Inline) *doc.Paragraph {
	return &doc.Paragraph{Pos: doc.Pos{File: file, Line: l, Col: 1}, Inlines: ins}
}

func link(url string) *doc.Link {
	return &doc.Link{URL: url, Inlines: []doc.Inline{&doc.Text{Value: "bkz."}}}
}

func ref(target, suffix string) *doc.CrossRef {
	k := doc.RefKind(target[:strings.IndexByte(target, '-')])
	return &doc.CrossRef{Target: target, Kind: k, Suffix: suffix}
}

func figure(file string, l int, id string) *doc.Figure {
	return &doc.Figure{Pos: doc.Pos{File: file, Line: l, Col: 1}, Attr: doc.Attr{ID: id}, Alt: "harita"}
}

func table(file string, l int, id string) *doc.Table {
	return &doc.Table{Pos: doc.Pos{File: file, Line: l, Col: 1}, Attr: doc.Attr{ID: id}}
}

func newDoc(index int, source string, blocks ...doc.Block) *doc.Document {
	id := strings.TrimSuffix(source[strings.LastIndexByte(source, '/')+1:], ".md")
	return &doc.Document{ID: id, Index: index, Source: source, Format: "markdown", Blocks: blocks}
}

// indexAll adds every document, then resolves every one: the pipeline's
// pre-pass and main pass.
func indexAll(t *testing.T, lang string, docs ...*doc.Document) diag.List {
	t.Helper()
	x := New(lang)
	var diags diag.List
	for _, d := range docs {
		diags.Append(x.Add(d))
	}
	x.Seal()
	for _, d := range docs {
		diags.Append(x.Resolve(d))
	}
	return diags
}

// book is a three-document book with links and references every way:
// same document, other document, forward, into a subfolder and out of it.
func book() (docs []*doc.Document, links map[string]*doc.Link, refs map[string]*doc.CrossRef) {
	links = map[string]*doc.Link{}
	refs = map[string]*doc.CrossRef{}
	l := func(name, url string) *doc.Link { links[name] = link(url); return links[name] }
	r := func(name, target, suffix string) *doc.CrossRef { refs[name] = ref(target, suffix); return refs[name] }
	const a, b, c = "01_giris.md", "02_yazim.md", "ekler/03_ekler.md"
	docs = []*doc.Document{
		newDoc(0, a,
			heading(a, 1, 1, "Giriş", ""),
			heading(a, 3, 2, "Tasarım Desenleri", ""),
			figure(a, 5, "fig-harita"),
			para(a, 7,
				l("github", "#tasarım-desenleri"),
				l("github-escaped", "#tasar%C4%B1m-desenleri"),
				l("canonical", "#tasarim-desenleri"),
				l("other-doc", "02_yazim.md#sec-noktalama"),
				l("doc-start", "02_yazim.md"),
				l("pandoc-other", "02_yazim.md#giriş-1"),
				l("sub", "ekler/03_ekler.md#ekler"),
				l("external", "https://example.org/a.md#b"),
				l("mail", "mailto:yazar@example.org"),
				l("resource", "resimler/harita.png"),
				r("fig", "fig-harita", "'da"),
				r("forward", "tbl-nufus", "’un"),
				r("sec", "sec-noktalama", "’da"),
			),
			heading(a, 9, 2, "😄 Singleton", ""),
		),
		newDoc(1, b,
			heading(b, 1, 1, "Yazım", ""),
			heading(b, 3, 2, "Noktalama", "sec-noktalama"),
			heading(b, 5, 2, "Giriş", ""),
			para(b, 7,
				l("same-github", "#giriş"),
				l("book-canonical", "#giris"),
				l("emoji", "01_giris.md#-singleton"),
				l("self", "#"),
			),
		),
		newDoc(2, c,
			heading(c, 1, 1, "Ekler", ""),
			table(c, 3, "tbl-nufus"),
			para(c, 5,
				l("up", "../01_giris.md#giris"),
				l("root", "/02_yazim.md#yazim"),
				r("back", "fig-harita", "’ya"),
			),
		),
	}
	return docs, links, refs
}

func TestResolve(t *testing.T) {
	docs, links, refs := book()
	if diags := indexAll(t, "tr", docs...); len(diags) > 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	var ids []string
	for _, d := range docs {
		doc.WalkBlocks(d.Blocks, func(n doc.Node, entering bool) doc.WalkStatus {
			if h, ok := n.(*doc.Heading); ok && entering {
				ids = append(ids, d.ID+"#"+h.Attr.ID)
			}
			return doc.WalkContinue
		})
	}
	wantIDs := "01_giris#giris 01_giris#tasarim-desenleri 01_giris#singleton 02_yazim#yazim 02_yazim#sec-noktalama 02_yazim#giris-2 03_ekler#ekler"
	if got := strings.Join(ids, " "); got != wantIDs {
		t.Errorf("heading ids:\n got %s\nwant %s", got, wantIDs)
	}

	linkTests := []struct{ name, doc, frag string }{
		{"github", "01_giris", "tasarim-desenleri"},
		{"github-escaped", "01_giris", "tasarim-desenleri"},
		{"canonical", "01_giris", "tasarim-desenleri"},
		{"other-doc", "02_yazim", "sec-noktalama"},
		{"doc-start", "02_yazim", ""},
		{"pandoc-other", "02_yazim", "giris-2"},
		{"sub", "03_ekler", "ekler"},
		{"external", "", ""},
		{"mail", "", ""},
		{"resource", "", ""},
		{"same-github", "02_yazim", "giris-2"},
		{"book-canonical", "01_giris", "giris"},
		{"emoji", "01_giris", "singleton"},
		{"self", "02_yazim", ""},
		{"up", "01_giris", "giris"},
		{"root", "02_yazim", "yazim"},
	}
	for _, tt := range linkTests {
		l := links[tt.name]
		if l.TargetDoc != tt.doc || l.Fragment != tt.frag {
			t.Errorf("link %s (%q): TargetDoc, Fragment = %q, %q; want %q, %q", tt.name, l.URL, l.TargetDoc, l.Fragment, tt.doc, tt.frag)
		}
	}

	refTests := []struct{ name, doc, text string }{
		{"fig", "01_giris", "Şekil\u00a01’de"},
		{"forward", "03_ekler", "Tablo\u00a01’in"},
		{"sec", "02_yazim", "Bölüm\u00a02.1’de"},
		{"back", "01_giris", "Şekil\u00a01’e"},
	}
	for _, tt := range refTests {
		r := refs[tt.name]
		if r.TargetDoc != tt.doc || r.Text() != tt.text {
			t.Errorf("ref %s (@%s): TargetDoc %q, Text %q; want %q, %q", tt.name, r.Target, r.TargetDoc, r.Text(), tt.doc, tt.text)
		}
	}
	if f := docs[0].Blocks[2].(*doc.Figure); f.Number != 1 {
		t.Errorf("figure number %d; want 1", f.Number)
	}
	if tb := docs[2].Blocks[1].(*doc.Table); tb.Number != 1 {
		t.Errorf("table number %d; want 1", tb.Number)
	}
}

// TestResolveStreaming checks that a book without references gets the
// same ids and numbers when Add and Resolve alternate, document by
// document, as when every document is added first.
func TestResolveStreaming(t *testing.T) {
	build := func() []*doc.Document {
		return []*doc.Document{
			newDoc(0, "a.md", heading("a.md", 1, 1, "Giriş", ""), figure("a.md", 2, ""), heading("a.md", 3, 2, "Giriş", "")),
			newDoc(1, "b.md", para("b.md", 1, &doc.Text{Value: "metin"}), table("b.md", 2, ""), figure("b.md", 3, "")),
			newDoc(2, "c.md", heading("c.md", 1, 2, "Giriş", ""), heading("c.md", 2, 1, "Son", "")),
		}
	}
	dump := func(docs []*doc.Document) string {
		var b strings.Builder
		for _, d := range docs {
			if err := doc.Dump(&b, &doc.Book{Documents: []*doc.Document{d}}); err != nil {
				t.Fatal(err)
			}
		}
		return b.String()
	}
	all := build()
	if diags := indexAll(t, "tr", all...); len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, forget := range []bool{false, true} {
		streamed := build()
		x := New("tr")
		if forget {
			x.ForgetResolved()
		}
		for _, d := range streamed {
			if diags := append(x.Add(d), x.Resolve(d)...); len(diags) > 0 {
				t.Fatal(diags)
			}
		}
		if a, s := dump(all), dump(streamed); a != s {
			t.Errorf("streamed (forget %v):\n%s\nwant:\n%s", forget, s, a)
		}
		if forget && (len(x.docs) > 0 || len(x.ids) > 0 || len(x.bySource) > 0 || len(x.pandoc) > 0 || x.past.Len() != 2) { // giris and son; giris-2 and giris-3 are implied
			t.Errorf("after ForgetResolved the index keeps %d documents, %d ids, %d sources, %d pandoc ids, %d ids as hashes (want 0, 0, 0, 0, 2)",
				len(x.docs), len(x.ids), len(x.bySource), len(x.pandoc), x.past.Len())
		}
	}
	if !strings.Contains(dump(all), "#giris-2") || !strings.Contains(dump(all), "number=2") {
		t.Errorf("dump lacks the ids and numbers:\n%s", dump(all))
	}
}

// TestForgetDuplicates checks that the ids of forgotten documents still
// count: an author's id that repeats one is an error, and a derived id
// steps over it.
func TestForgetDuplicates(t *testing.T) {
	div := func(file string, l int, id string) *doc.Div {
		return &doc.Div{Pos: doc.Pos{File: file, Line: l, Col: 1}, Attr: doc.Attr{ID: id}}
	}
	x := New("tr")
	x.ForgetResolved()
	var diags diag.List
	docs := []*doc.Document{
		newDoc(0, "a.md", heading("a.md", 1, 1, "Giriş", ""), div("a.md", 3, "kutu")),
		newDoc(1, "b.md", heading("b.md", 1, 1, "Yöntem", "giris"), heading("b.md", 4, 2, "Ek", "kutu")),
		newDoc(2, "c.md", heading("c.md", 1, 1, "Giriş", ""), heading("c.md", 2, 2, "Giriş", "")),
	}
	for _, d := range docs {
		diags.Append(x.Add(d))
		diags.Append(x.Resolve(d))
	}
	want := []string{
		`b.md:1:1: error: duplicate id "giris": it is also the id of an element of an earlier seed`,
		`b.md:4:1: error: duplicate id "kutu": it is also the id of an element of an earlier seed`,
	}
	if len(diags) != len(want) {
		t.Fatalf("diagnostics:\n%s\nwant:\n%s", diags, strings.Join(want, "\n"))
	}
	for i, d := range diags {
		if d.String() != want[i] {
			t.Errorf("diagnostic %d = %s, want %s", i, d, want[i])
		}
	}
	var ids []string
	for _, b := range docs[2].Blocks {
		ids = append(ids, b.(*doc.Heading).Attr.ID)
	}
	if got := strings.Join(ids, " "); got != "giris-2 giris-3" {
		t.Errorf("c.md's ids = %s, want giris-2 giris-3", got)
	}
}

// TestForgetImplied checks that a forgotten document's ids that unique
// made with a suffix are not kept, yet still taken: a book whose chapters
// all open with "Giriş" keeps one id for them, and gives the ids an index
// of the whole book gives.
func TestForgetImplied(t *testing.T) {
	build := func() []*doc.Document {
		var docs []*doc.Document
		for i := range 50 {
			src := fmt.Sprintf("%02d.md", i)
			blocks := []doc.Block{heading(src, 1, 1, "Giriş", ""), heading(src, 2, 2, "Sonuç", "")}
			if i == 30 {
				// Its slugs are ids unique gave earlier: "giris-3", "sonuc-2".
				blocks = append(blocks, heading(src, 3, 2, "Giriş 3", ""), heading(src, 4, 2, "Sonuç 2", ""))
			}
			docs = append(docs, newDoc(i, src, blocks...))
		}
		return docs
	}
	ids := func(docs []*doc.Document) []string {
		var ids []string
		for _, d := range docs {
			for _, b := range d.Blocks {
				ids = append(ids, b.(*doc.Heading).Attr.ID)
			}
		}
		return ids
	}
	all := build()
	if diags := indexAll(t, "tr", all...); len(diags) > 0 {
		t.Fatal(diags)
	}
	streamed := build()
	x := New("tr")
	x.ForgetResolved()
	for _, d := range streamed {
		if diags := append(x.Add(d), x.Resolve(d)...); len(diags) > 0 {
			t.Fatal(diags)
		}
	}
	if a, s := ids(all), ids(streamed); !reflect.DeepEqual(a, s) {
		t.Errorf("forgetting index gives ids\n%q\nwant\n%q", s, a)
	}
	if got := strings.Join(ids(streamed[30:31]), " "); got != "giris-31 sonuc-31 giris-3-2 sonuc-2-2" {
		t.Errorf("document 30's ids = %s, want giris-31 sonuc-31 giris-3-2 sonuc-2-2", got)
	}
	if x.past.Len() != 2 {
		t.Errorf("the index keeps %d ids of forgotten documents, want 2 (giris, sonuc)", x.past.Len())
	}
	for _, tt := range []struct {
		id   string
		want bool
	}{{"giris-2", true}, {"giris-50", true}, {"giris-51", false}, {"giris-1", false}, {"giris-02", false}, {"giris-+3", false}, {"giris", true}, {"giris-3-2", true}, {"yok-2", false}} {
		if got := x.taken(tt.id); got != tt.want {
			t.Errorf("taken(%q) = %v, want %v", tt.id, got, tt.want)
		}
	}
}

// sectionNumbers returns "id=number" for every heading of the index.
func sectionNumbers(x *Index) string {
	var s []string
	for _, e := range x.docs {
		for _, t := range e.targets {
			if t.kind == kindHeading {
				s = append(s, t.id+"="+t.number)
			}
		}
	}
	return strings.Join(s, " ")
}

func TestNumbering(t *testing.T) {
	const a, b, c, d, e = "a.md", "b.md", "c.md", "d.md", "e.md"
	docs := []*doc.Document{
		newDoc(0, a, heading(a, 1, 1, "Bir", ""), heading(a, 2, 2, "Bir Bir", ""), heading(a, 3, 3, "Bir Bir Bir", ""),
			heading(a, 4, 2, "Bir İki", ""), heading(a, 5, 4, "Atlayan", ""),
			heading(a, 6, 1, "İki", ""), heading(a, 7, 2, "Önsöz", "", "unnumbered"), heading(a, 8, 2, "İki Bir", ""),
			&doc.Quote{Blocks: []doc.Block{heading(a, 9, 2, "Alıntıda", "")}},
			&doc.Div{Blocks: []doc.Block{heading(a, 10, 2, "Bölmede", "")}},
		),
		// No level-1 heading: the document is chapter 3 itself.
		newDoc(1, b, para(b, 1, &doc.Text{Value: "giriş metni"}), heading(b, 2, 2, "Üç Bir", "")),
		// No heading at all: chapter 4.
		newDoc(2, c, para(c, 1, &doc.Text{Value: "metin"})),
		// Text before its level-1 heading: that heading is chapter 5.
		newDoc(3, d, para(d, 1, &doc.Text{Value: "epigraf"}), heading(d, 2, 1, "Beş", "")),
		// A section under the chapter before it in the outline.
		func() *doc.Document {
			x := newDoc(4, e, heading(e, 1, 2, "Beş Bir", ""))
			x.Depth = 1
			return x
		}(),
	}
	x := New("tr")
	for _, d := range docs {
		x.Add(d)
	}
	x.Seal()
	want := "bir=1 bir-bir=1.1 bir-bir-bir=1.1.1 bir-iki=1.2 atlayan=1.2.0.1 iki=2 onsoz= iki-bir=2.1 alintida= bolmede=2.2 uc-bir=3.1 bes=5 bes-bir=5.1"
	if got := sectionNumbers(x); got != want {
		t.Errorf("numbers:\n got %s\nwant %s", got, want)
	}
}

func TestResolveErrors(t *testing.T) {
	const a, b = "01_a.md", "alt/02_b.md"
	docs := []*doc.Document{
		newDoc(0, a,
			heading(a, 1, 1, "Giriş", "sec-giris"),
			figure(a, 3, "fig-harita"),
			&doc.Div{Pos: doc.Pos{File: a, Line: 5, Col: 1}, Attr: doc.Attr{ID: "kutu"}},
			para(a, 7, link("#yok"), link("yok.md"), link("alt/02_b.md#sec-giris"), ref("fig-yok", ""),
				&doc.CrossRef{Target: "kutu"}, ref("tbl-harita", ""), ref("sec-onsoz", "")),
			para(a, 9, ref("fig-harita", "'ler")),
		),
		newDoc(1, b,
			heading(b, 1, 1, "Giriş", "sec-giris"),
			table(b, 3, "fig-harita"),
			heading(b, 5, 2, "Önsöz", "sec-onsoz", "unnumbered"),
			para(b, 7, &doc.Span{Attr: doc.Attr{ID: "kutu"}, Inlines: []doc.Inline{&doc.Text{Value: "x"}}}),
			para(b, 8, link("../01_a.md#yok"), link("01_a.md")),
		),
	}
	diags := indexAll(t, "tr", docs...)
	var got []string
	for _, d := range diags {
		got = append(got, d.String())
	}
	want := []string{
		`alt/02_b.md:1:1: error: duplicate id "sec-giris": it is also the id of the heading at 01_a.md:1:1`,
		`alt/02_b.md:3:1: error: duplicate id "fig-harita": it is also the id of the figure at 01_a.md:3:1`,
		`alt/02_b.md:7:1: error: duplicate id "kutu": it is also the id of the element at 01_a.md:5:1`,
		`01_a.md:7:1: error: link to "#yok": no heading or element of the book has the id "yok"`,
		`01_a.md:7:1: error: link to "yok.md": the book has no seed yok.md`,
		`01_a.md:7:1: error: link to "alt/02_b.md#sec-giris": alt/02_b.md has no id "sec-giris" (the heading at 01_a.md:1:1 has it)`,
		`01_a.md:7:1: error: cross-reference @fig-yok: no element of the book has the id "fig-yok"`,
		`01_a.md:7:1: error: cross-reference @kutu: the element at 01_a.md:5:1 is not a section, figure or table`,
		`01_a.md:7:1: error: cross-reference @tbl-harita: no element of the book has the id "tbl-harita"`,
		`01_a.md:7:1: error: cross-reference @sec-onsoz: the heading at alt/02_b.md:5:1 is not numbered`,
		`01_a.md:9:1: warning: cross-reference @fig-harita: "'ler" is not a case ending that can follow the number; kept as written`,
		`alt/02_b.md:8:1: error: link to "../01_a.md#yok": no heading or element of the book has the id "yok"`,
		`alt/02_b.md:8:1: error: link to "01_a.md": the book has no seed alt/01_a.md`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s := docs[0].Blocks[4].(*doc.Paragraph).Inlines[0].(*doc.CrossRef).Suffix; s != "'ler" {
		t.Errorf("unknown suffix became %q; want it kept", s)
	}
}

func TestCrossRefKindMismatch(t *testing.T) {
	const a = "a.md"
	r := &doc.CrossRef{Target: "harita", Kind: doc.RefTable}
	diags := indexAll(t, "tr", newDoc(0, a, figure(a, 1, "harita"), para(a, 2, r)))
	want := `a.md:2:1: error: cross-reference @harita: it names a table, but "harita" is the id of the figure at a.md:1:1`
	if len(diags) != 1 || diags[0].String() != want {
		t.Errorf("diagnostics %v; want %s", diags, want)
	}
}

// TestCrossRefSuffixes writes, for figures numbered 1 to 1000, a
// reference with every case ending in every form an author may write it,
// and checks the ending the number takes as it is read aloud: every final
// digit, every tens, 100 and 1000.
func TestCrossRefSuffixes(t *testing.T) {
	// Endings by case: locative, ablative, dative, accusative, genitive,
	// instrumental.
	forms := [6][]string{
		{"'da", "’de", "'ta", "’te"},
		{"'dan", "’den", "'tan", "’ten"},
		{"'a", "’e", "'ya", "’ye"},
		{"'ı", "’i", "'u", "’ü", "'yı", "’yi", "'yu", "’yü"},
		{"'ın", "’in", "'un", "’ün", "'nın", "’nin", "'nun", "’nün"},
		{"'la", "’le", "'yla", "’yle"},
	}
	want := map[int][6]string{
		1: {"de", "den", "e", "i", "in", "le"}, 2: {"de", "den", "ye", "yi", "nin", "yle"},
		3: {"te", "ten", "e", "ü", "ün", "le"}, 4: {"te", "ten", "e", "ü", "ün", "le"},
		5: {"te", "ten", "e", "i", "in", "le"}, 6: {"da", "dan", "ya", "yı", "nın", "yla"},
		7: {"de", "den", "ye", "yi", "nin", "yle"}, 8: {"de", "den", "e", "i", "in", "le"},
		9: {"da", "dan", "a", "u", "un", "la"}, 10: {"da", "dan", "a", "u", "un", "la"},
		20: {"de", "den", "ye", "yi", "nin", "yle"}, 30: {"da", "dan", "a", "u", "un", "la"},
		40: {"ta", "tan", "a", "ı", "ın", "la"}, 50: {"de", "den", "ye", "yi", "nin", "yle"},
		60: {"ta", "tan", "a", "ı", "ın", "la"}, 70: {"te", "ten", "e", "i", "in", "le"},
		80: {"de", "den", "e", "i", "in", "le"}, 90: {"da", "dan", "a", "ı", "ın", "la"},
		100: {"de", "den", "e", "ü", "ün", "le"}, 1000: {"de", "den", "e", "i", "in", "le"},
		11: {"de", "den", "e", "i", "in", "le"}, 26: {"da", "dan", "ya", "yı", "nın", "yla"},
		101: {"de", "den", "e", "i", "in", "le"}, 999: {"da", "dan", "a", "u", "un", "la"},
	}
	const a = "a.md"
	var blocks []doc.Block
	for i := 1; i <= 1000; i++ {
		blocks = append(blocks, figure(a, i, fmt.Sprintf("fig-%d", i)))
	}
	type check struct {
		r    *doc.CrossRef
		want string
	}
	var checks []check
	p := para(a, 1001)
	for n, endings := range want {
		for c, fs := range forms {
			for _, f := range fs {
				r := ref(fmt.Sprintf("fig-%d", n), f)
				p.Inlines = append(p.Inlines, r)
				checks = append(checks, check{r, fmt.Sprintf("Şekil\u00a0%d’%s", n, endings[c])})
			}
		}
	}
	blocks = append(blocks, p)
	if diags := indexAll(t, "tr", newDoc(0, a, blocks...)); len(diags) > 0 {
		t.Fatal(diags)
	}
	for _, c := range checks {
		if got := c.r.Text(); got != c.want {
			t.Errorf("@%s%s: %q; want %q", c.r.Target, "(suffix)", got, c.want)
		}
	}
}

// TestCrossRefOtherLanguage keeps the suffix of a book that is not Turkish.
func TestCrossRefOtherLanguage(t *testing.T) {
	const a = "a.md"
	r := ref("fig-map", "'s")
	if diags := indexAll(t, "en", newDoc(0, a, figure(a, 1, "fig-map"), para(a, 2, r))); len(diags) > 0 {
		t.Fatal(diags)
	}
	if got := r.Text(); got != "Figure\u00a01's" {
		t.Errorf("Text() = %q", got)
	}
}

func TestMayRefer(t *testing.T) {
	tests := []struct {
		src  string
		want bool
	}{
		{"# Başlık\n\nDüz metin.\n\n## Alt başlık ##\n", true}, // a closing sequence is a '#' too
		{"# Başlık\n\nDüz metin.\n\n   ### Alt\n######\n", false},
		{"Düz metin, 3. madde.\n", false},
		{"[bkz.](#noktalama)\n", true},
		{"## Noktalama {#sec-noktalama}\n", true},
		{"@fig-harita'da\n", true},
		{"yazar@example.org\n", true},
		{"[ikinci](02_yazim.MD)\n", true},
		{"[metin](notlar.txt)\n", true},
		{"&commat;fig-x\n", true},
		{"&#64;fig-x\n", true},
		{"[a](02_yazim%2Emd)\n", true},
		{"####### yedi işaret başlık değil\n", true},
		{"#etiket\n", true},
		{"\xff\xfe#\x00", true},
		{"a\x00b", true},
		{"", false},
	}
	for _, tt := range tests {
		if got := MayRefer([]byte(tt.src)); got != tt.want {
			t.Errorf("MayRefer(%q) = %v; want %v", tt.src, got, tt.want)
		}
	}
}
