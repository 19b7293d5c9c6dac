package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/internal/corpus"
	"github.com/seedpress/seedpress/internal/pdfua"
	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// This file tests what authored manuscripts bring beyond prose: footnotes,
// tables, figures, callouts, line blocks, definition and task lists, list
// styles, sub- and superscripts, small capitals, cross-references, parts
// and nested chapters, on richBook.

// testImage returns an image of w×h pixels: a PNG with an alpha channel,
// or a JPEG.
func testImage(t testing.TB, name string, w, h int, jpg bool) *doc.Image {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			a := uint8(255)
			if !jpg && (x+y)%40 < 12 {
				a = 60
			}
			img.Set(x, y, color.NRGBA{R: uint8(40 + x*200/w), G: uint8(60 + y*150/h), B: 160, A: a})
		}
	}
	var buf bytes.Buffer
	mt := "image/png"
	if jpg {
		mt = "image/jpeg"
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
			t.Fatal(err)
		}
	} else if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(buf.Bytes())
	return &doc.Image{Name: name, Path: "resimler/" + name, MediaType: mt, Data: buf.Bytes(), Width: w, Height: h, SHA256: hex.EncodeToString(sum[:])}
}

// Words of richBook that the tests look for in the PDF's text.
const (
	noteWord  = "Dipnotmetni"
	cellWord  = "Hücremetni"
	figCap    = "Ankara’nın haritası"
	tableCap  = "İllerin nüfusu"
	poemLine  = "Bir ömür boyu"
	callTitle = "Dikkat edilecekler"
)

// richBook builds a book with every node of the model that manuscripts
// bring: two parts, a nested chapter, many footnotes (one long enough to
// continue on the next page), a table longer than a page, figures, and the
// rest.
func richBook(t testing.TB) *doc.Book {
	t.Helper()
	pngImg := testImage(t, "harita.png", 600, 400, false)
	jpgImg := testImage(t, "foto.jpg", 300, 900, true)
	pos := func(line int) doc.Pos { return doc.Pos{File: "zengin.md", Line: line, Col: 1} }
	var notes []*doc.Note
	note := func(blocks ...doc.Block) *doc.NoteRef {
		n := &doc.Note{Number: len(notes) + 1, ID: fmt.Sprint(len(notes) + 1), Blocks: blocks}
		notes = append(notes, n)
		return &doc.NoteRef{Note: n}
	}
	var body []doc.Block
	body = append(body,
		&doc.Heading{Pos: pos(1), Level: 1, Inlines: []doc.Inline{text("Zengin Bölüm")}, Attr: doc.Attr{ID: "sec-zengin"}},
		para(3, text("Su H"), &doc.Sub{Inlines: []doc.Inline{text("2")}}, text("O ve x"), &doc.Sup{Inlines: []doc.Inline{text("2")}},
			text(" yazılır; "), &doc.Strike{Inlines: []doc.Inline{text("eski bilgi")}}, text(" yeni bilgi, "),
			&doc.Span{Attr: doc.Attr{Classes: []string{"smallcaps"}}, Inlines: []doc.Inline{text("Küçük Büyük harfler")}},
			text(", "), &doc.Math{Source: `\alpha + \beta`}, text(" ve bir resim "), &doc.InlineImage{Image: pngImg, Alt: "simge"},
			text(" satırda. Ayrıntı için "), &doc.CrossRef{Target: "fig-harita", Kind: doc.RefFigure, TargetDoc: "zengin", Label: "Şekil", Number: "1", Suffix: "’e"},
			text(" ve "), &doc.CrossRef{Target: "tbl-nufus", Kind: doc.RefTable, TargetDoc: "zengin", Label: "Tablo", Number: "1", Suffix: "’e"},
			text(" bakınız; "), &doc.Link{URL: "#sec-son", TargetDoc: "zengin", Fragment: "sec-son", Inlines: []doc.Inline{text("son bölüm")}}, text(" de var.")),
	)
	for i := 0; i < 6; i++ {
		body = append(body, para(10+i, text(seedText[:300]+" Dipnot burada"), note(para(100+i, text(fmt.Sprintf("%s %d: %s", noteWord, i+1, seedText[:200])))), text(" ve metin sürer. "+seedText[300:700])))
	}
	// A note longer than the foot can hold.
	body = append(body, para(30, text(seedText[:500]+" Uzun dipnot"), note(para(130, text(noteWord+" uzun: "+seedText+" "+seedText)), para(131, text(seedText))), text(" burada.")))
	body = append(body,
		&doc.Callout{Pos: pos(40), Kind: doc.CalloutWarning, Title: []doc.Inline{text(callTitle)}, Blocks: []doc.Block{
			para(41, text(seedText)), para(42, text(seedText[:400])),
			&doc.List{Pos: pos(43), Items: []*doc.ListItem{{Blocks: []doc.Block{para(43, text("Kutudaki liste"))}}}},
		}},
		&doc.LineBlock{Pos: pos(50), Inlines: []doc.Inline{text(poemLine + " yürüdüm"), &doc.LineBreak{}, text("\u00a0\u00a0\u00a0\u00a0girintili ikinci dize"), &doc.LineBreak{},
			&doc.LineBreak{}, text("Çok uzun bir dize ki satıra sığmaz ve asılı girintiyle sürer, sözcük sözcük uzar gider, bitmek bilmez bir dize")}},
		&doc.List{Pos: pos(60), Ordered: true, Start: 1, Style: doc.StyleLowerAlpha, Delim: doc.DelimParen, Items: []*doc.ListItem{
			{Blocks: []doc.Block{para(60, text("birinci şık"))}}, {Blocks: []doc.Block{para(61, text("ikinci şık"))}}}},
		&doc.List{Pos: pos(62), Ordered: true, Start: 1, Style: doc.StyleUpperRoman, Delim: doc.DelimPeriod, Items: []*doc.ListItem{
			{Blocks: []doc.Block{para(62, text("birinci kısım"))}}, {Blocks: []doc.Block{para(63, text("ikinci kısım"))}}, {Blocks: []doc.Block{para(64, text("üçüncü kısım"))}}, {Blocks: []doc.Block{para(65, text("dördüncü kısım"))}}}},
		&doc.List{Pos: pos(66), Ordered: true, Start: 1, Delim: doc.DelimParens, Items: []*doc.ListItem{
			{Blocks: []doc.Block{para(66, text("parantezli bir"))}}, {Blocks: []doc.Block{para(67, text("parantezli iki"))}}}},
		&doc.List{Pos: pos(68), Items: []*doc.ListItem{
			{Task: doc.TaskDone, Blocks: []doc.Block{para(68, text("yapılan iş"))}}, {Task: doc.TaskOpen, Blocks: []doc.Block{para(69, text("yapılacak iş"))}}}},
		&doc.DefinitionList{Pos: pos(70), Items: []*doc.Definition{
			{Term: para(70, text("Terim")), Defs: [][]doc.Block{{para(71, text("Terimin tanımı, biraz uzun ve girintili."))}}},
			{Term: para(72, text("İkinci terim")), Defs: [][]doc.Block{{para(73, text("Bir tanım"))}, {para(74, text("Başka bir tanım"))}}},
		}},
		&doc.Div{Pos: pos(75), Attr: doc.Attr{ID: "kutu"}, Blocks: []doc.Block{para(76, text("Bölmenin içindeki paragraf."))}},
		&doc.Figure{Pos: pos(80), Attr: doc.Attr{ID: "fig-harita"}, Image: pngImg, Alt: figCap, Caption: []doc.Inline{text(figCap)}, Number: 1},
		para(81, text(seedText)),
		&doc.Figure{Pos: pos(82), Image: jpgImg, Alt: "Uzun fotoğraf", Caption: []doc.Inline{text("Uzun fotoğraf")}, Number: 2},
		para(83, text(seedText)),
		&doc.Figure{Pos: pos(84), Image: pngImg, Alt: "Yine harita", Caption: []doc.Inline{text("Yine harita")}, Number: 3},
		&doc.CodeBlock{Pos: pos(85), Info: "go", Text: "func main() {\n\tfor i := 0; i < 10; i++ {\n\t\tfmt.Println(\"bu satır çok uzun ve ölçüye sığmaz, bu yüzden asılı girintiyle sürer\", i)\n\t}\n}\n"},
	)
	tbl := &doc.Table{Pos: pos(90), Attr: doc.Attr{ID: "tbl-nufus"}, Number: 1, Caption: []doc.Inline{text(tableCap)},
		Align: []doc.Align{doc.AlignLeft, doc.AlignRight, doc.AlignCenter, doc.AlignDefault},
		Head:  []*doc.TableCell{{Inlines: []doc.Inline{text("İl")}}, {Inlines: []doc.Inline{text("Nüfus")}}, {Inlines: []doc.Inline{text("Bölge")}}, {Inlines: []doc.Inline{text("Açıklama")}}}}
	for i := 0; i < 60; i++ {
		desc := []doc.Inline{text(fmt.Sprintf("%s%d kısa", cellWord, i+1))}
		if i%7 == 3 {
			desc = []doc.Inline{text(fmt.Sprintf("%s%d ", cellWord, i+1) + seedText[:260])}
		}
		if i == 5 {
			desc = append(desc, note(para(140, text(noteWord+" hücrede"))))
		}
		tbl.Rows = append(tbl.Rows, []*doc.TableCell{{Inlines: []doc.Inline{text(fmt.Sprintf("İl %d", i+1))}}, {Inlines: []doc.Inline{text(fmt.Sprint(1000 + i*7919))}}, {Inlines: []doc.Inline{text("Ege")}}, {Inlines: desc}})
	}
	body = append(body, tbl,
		&doc.Heading{Pos: pos(200), Level: 3, Inlines: []doc.Inline{text("Üçüncü düzey başlık")}},
		para(201, text(seedText)),
		&doc.Heading{Pos: pos(202), Level: 2, Inlines: []doc.Inline{text("Son bölüm")}, Attr: doc.Attr{ID: "sec-son"}},
		para(203, text("Son söz"), note(para(150, text(noteWord+" son"))), text(".")),
	)
	d := &doc.Document{ID: "zengin", Source: "zengin.md", Format: "markdown", Title: "Zengin Bölüm", Blocks: body, Notes: notes, Part: "Birinci Kısım"}
	nested := &doc.Document{ID: "alt", Index: 1, Source: "alt/alt.md", Format: "markdown", Title: "Alt Bölüm", Depth: 1, Blocks: []doc.Block{
		para(1, text(seedText)), &doc.Figure{Pos: doc.Pos{File: "alt/alt.md", Line: 3}, Image: jpgImg, Alt: "Aynı fotoğraf", Caption: []doc.Inline{text("Aynı fotoğraf")}, Number: 4}}}
	second := &doc.Document{ID: "ikinci", Index: 2, Source: "ikinci.md", Format: "markdown", Title: "İkinci Kısmın Bölümü", Part: "İkinci Kısım", Blocks: []doc.Block{
		para(1, text("Geri dönüş: "), &doc.Link{URL: "zengin.md#sec-zengin", TargetDoc: "zengin", Fragment: "sec-zengin", Inlines: []doc.Inline{text("zengin bölüm")}}, text(".")),
	}}
	return &doc.Book{Meta: doc.Meta{Title: "Zengin Kitap", Authors: []string{"Yazar"}, Lang: "tr"}, Documents: []*doc.Document{d, nested, second},
		Resources: []*doc.Image{pngImg, jpgImg}}
}

// TestRichLayout lays out richBook and checks what a reader would: every
// line inside the text block, every footnote starting on the page of its
// reference, the table's header on every page it spans, the figures in
// order and kept with their captions.
func TestRichLayout(t *testing.T) {
	m := testMeasurer(t)
	b := richBook(t)
	if diags := Check(b); len(diags) > 0 {
		t.Fatalf("Check: %v", diags.Err())
	}
	for _, paper := range []string{"a5", "a4"} {
		g, _ := geometryFor(paper)
		body, err := layoutBody(b, m, g, nil)
		if err != nil {
			t.Fatalf("%s: %v", paper, err)
		}
		bl := &bookLayout{pages: body.pages, dests: body.dests, marks: body.marks}
		checkWithinMeasure(t, paper, bl, g)
		for _, pg := range body.pages {
			for _, o := range pg.ops {
				if (o.kind == imageOp || o.kind == fillOp) && (o.x < -1e-6 || o.x+o.w > g.measure()+1e-6 || o.y < g.top-1e-6 || o.y+o.h > g.h-g.bottom+1e-6) {
					t.Errorf("%s: page %d: a %v op at (%.1f, %.1f) %.1f×%.1f mm leaves the text block", paper, pg.num, o.kind, o.x, o.y, o.w, o.h)
				}
			}
		}
		checkNotePages(t, paper, b, body, g)
		// Every note line lies below every body line of its page.
		// The table's header ("Nüfus") on every page the table spans.
		var tablePages, headPages []int
		for _, pg := range body.pages {
			head, cells := false, false
			for _, o := range pg.ops {
				if o.kind != textOp && o.kind != artifactTextOp {
					continue
				}
				head = head || strings.TrimSpace(o.r.text) == "Nüfus"
				cells = cells || strings.HasPrefix(o.r.text, cellWord)
			}
			if cells {
				tablePages = append(tablePages, pg.num)
				if head {
					headPages = append(headPages, pg.num)
				}
			}
		}
		if len(tablePages) < 2 || len(headPages) != len(tablePages) {
			t.Errorf("%s: table on pages %v, header on %v: want it to span pages with a header on each", paper, tablePages, headPages)
		}
		// Figures: in order, each image drawn with its caption on the
		// same page.
		var order []string
		for _, pg := range body.pages {
			img := false
			for _, o := range pg.ops {
				if o.kind == imageOp && o.h > 10 {
					img = true
				}
				if o.kind == textOp && o.r.url == "" && strings.HasPrefix(o.r.text, "Şekil") {
					if !img {
						t.Errorf("%s: page %d: caption %q without its image", paper, pg.num, o.r.text)
					}
					order = append(order, strings.TrimSpace(o.r.text))
				}
			}
		}
		want := []string{"Şekil\u00a01:", "Şekil\u00a02:", "Şekil\u00a03:", "Şekil\u00a04:"}
		if fmt.Sprint(order) != fmt.Sprint(want) {
			t.Errorf("%s: figure captions %q, want %q", paper, order, want)
		}
		// Links into the book resolve.
		for key, d := range body.keyDests {
			if body.dests[d].page == 0 {
				t.Errorf("%s: link to %q never resolved", paper, key)
			}
		}
	}
}

// TestRichPDF writes richBook and checks the file with independent tools:
// qpdf finds no error, every font is embedded, pdftotext gives back the
// notes, cells and captions in order, pdfimages lists each image once
// (the PNG with its soft mask), the outline holds the parts, chapters and
// headings to toc-depth, and the internal links point at the right pages.
// With -keep, it also renders pages as PNGs to look at.
func TestRichPDF(t *testing.T) {
	qpdf := testtool.Require(t, "qpdf", "apt-get install qpdf")
	pdffonts := testtool.Require(t, "pdffonts", "apt-get install poppler-utils")
	pdftotext := testtool.Require(t, "pdftotext", "apt-get install poppler-utils")
	pdfimages := testtool.Require(t, "pdfimages", "apt-get install poppler-utils")
	b := richBook(t)
	path, info := writeTemp(t, "rich", b)
	if out := command(t, qpdf, "--check", path); !strings.Contains(out, "No syntax or stream encoding errors found") || strings.Contains(strings.ToLower(out), "warning") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	for _, l := range strings.Split(strings.TrimSpace(command(t, pdffonts, path)), "\n")[2:] {
		if f := strings.Fields(l); len(f) < 5 || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", l)
		}
	}
	text := command(t, pdftotext, "-raw", "-enc", "UTF-8", path, "-")
	flat := strings.Join(strings.Fields(text), " ")
	checkWordsPresent(t, b, text)
	for _, want := range []string{
		noteWord + " 1:", noteWord + " 6:", noteWord + " uzun:", noteWord + " hücrede", noteWord + " son",
		cellWord + "1 kısa", cellWord + "58 kısa", "Tablo 1: " + tableCap, "Şekil 1: " + figCap, "Şekil 4: Aynı fotoğraf",
		poemLine + " yürüdüm", "girintili ikinci dize", callTitle, "a) birinci şık", "IV. dördüncü kısım", "(2) parantezli iki",
		"☑ yapılan iş", "☐ yapılacak iş", "Terim", "Bölmenin içindeki paragraf.", `\alpha + \beta`, "eski bilgi",
		"Şekil 1’e", "Birinci Kısım", "İkinci Kısım", "Alt Bölüm",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
	// The poem keeps its lines.
	if !strings.Contains(text, poemLine+" yürüdüm\n") {
		t.Errorf("the poem's first line does not end its line:\n%s", text[max(0, strings.Index(text, poemLine)-10):min(len(text), strings.Index(text, poemLine)+200)])
	}
	// Each image once: two images, the PNG with its soft mask.
	var kinds []string
	seen := map[string]bool{}
	for _, l := range strings.Split(strings.TrimSpace(command(t, pdfimages, "-list", path)), "\n")[2:] {
		f := strings.Fields(l)
		if obj := f[10] + f[2]; !seen[obj] {
			seen[obj] = true
			kinds = append(kinds, f[2]+"/"+f[8])
		}
	}
	slices.Sort(kinds)
	if want := []string{"image/image", "image/jpeg", "smask/image"}; !slices.Equal(kinds, want) {
		t.Errorf("pdfimages -list: %v, want %v", kinds, want)
	}
	// The outline: parts, chapters, nested chapters and headings.
	var outline struct {
		Outlines []outlineItem `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(command(t, qpdf, "--json", "--json-key=outlines", path)), &outline); err != nil {
		t.Fatal(err)
	}
	var got []string
	var walk func(items []outlineItem, depth int)
	walk = func(items []outlineItem, depth int) {
		for _, o := range items {
			got = append(got, strings.Repeat("  ", depth)+o.Title)
			walk(o.Kids, depth+1)
		}
	}
	walk(outline.Outlines, 0)
	want := []string{"Birinci Kısım", "  Zengin Bölüm", "    Üçüncü düzey başlık", "    Son bölüm", "    Alt Bölüm", "İkinci Kısım", "  İkinci Kısmın Bölümü"}
	if !slices.Equal(got, want) {
		t.Errorf("outline:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The tagged PDF's checks (see TestTagged) find nothing wrong.
	r, err := pdfua.CheckFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Problems {
		t.Error(p)
	}
	for _, el := range []string{"Table", "TR", "TH", "TD", "Figure", "Caption", "Note", "Div"} {
		if r.Elements[el] == 0 {
			t.Errorf("no %s in the structure tree: %v", el, r.Elements)
		}
	}
	// Every word box inside the text block's width (running heads and
	// folios included), and two runs give the same bytes.
	g, _ := geometryFor(b.Meta.PaperSize)
	bbox := command(t, pdftotext, "-bbox", path, "-")
	re := regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)"`)
	margin := min(g.inner, g.outer) / ptMM // points
	for _, mt := range re.FindAllStringSubmatch(bbox, -1) {
		x0, _ := strconv.ParseFloat(mt[1], 64)
		x1, _ := strconv.ParseFloat(mt[2], 64)
		if x0 < margin-1 || x1 > g.w/ptMM-margin+1 {
			t.Errorf("a word box from %.1f to %.1f pt leaves the text block (%.1f to %.1f)", x0, x1, margin, g.w/ptMM-margin)
		}
	}
	var again bytes.Buffer
	if _, err := Write(&again, b, testOpts); err != nil {
		t.Fatal(err)
	}
	if first, _ := os.ReadFile(path); !bytes.Equal(first, again.Bytes()) {
		t.Error("two writes of the same book differ")
	}
	// Internal links: every destination a page of the file; one link per
	// note mark, cross-reference, internal link and contents entry.
	links := internalLinks(t, qpdf, path)
	notes := len(b.Documents[0].Notes)
	if want := notes + 2 + 2 + len(want); len(links) < want {
		t.Errorf("%d internal links, want at least %d", len(links), want)
	}
	for _, l := range links {
		if l.to < 1 || l.to > info.Pages {
			t.Errorf("a link on page %d points at page %d of %d", l.from, l.to, info.Pages)
		}
	}
	if *keep != "" {
		pdftoppm := testtool.Require(t, "pdftoppm", "apt-get install poppler-utils")
		command(t, pdftoppm, "-png", "-r", "70", path, filepath.Join(*keep, "rich"))
		t.Logf("%d pages rendered into %s", info.Pages, *keep)
	}
}

type outlineItem struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Kids  []outlineItem `json:"kids"`
}

// checkNotePages checks that every footnote of b starts on the page of its
// first reference mark, inside the text block.
func checkNotePages(t *testing.T, paper string, b *doc.Book, body *layouter, g geometry) {
	t.Helper()
	refPage := map[*doc.Note]int{}
	for _, pg := range body.pages {
		for _, o := range pg.ops {
			if n := o.r.note(); o.kind == textOp && n != nil {
				if _, ok := refPage[n]; !ok {
					refPage[n] = pg.num
				}
			}
		}
	}
	for _, d := range b.Documents {
		for _, n := range d.Notes {
			ref, ok := refPage[n]
			if !ok {
				t.Errorf("%s: %s: note %d: no reference laid out", paper, d.Source, n.Number)
				continue
			}
			at, ok := body.placedAt[noteKey(d.ID, n)]
			switch {
			case !ok:
				t.Errorf("%s: %s: note %d never placed", paper, d.Source, n.Number)
			case at.page != ref:
				t.Errorf("%s: %s: note %d starts on page %d, its reference is on page %d", paper, d.Source, n.Number, at.page, ref)
			case at.y < g.top || at.y > g.h-g.bottom:
				t.Errorf("%s: %s: note %d at y = %.1f, outside the text block", paper, d.Source, n.Number, at.y)
			}
		}
	}
}

// TestRichCorpus runs a generated rich corpus (footnotes every few
// paragraphs, tables, figures) through every stage and lays it out: every
// note starts on the page of its reference, every line inside the measure,
// and the PDF is written.
func TestRichCorpus(t *testing.T) {
	dir := t.TempDir()
	g := corpus.Generator{Rich: true}
	if _, err := g.Generate(dir, 30, 1); err != nil {
		t.Fatal(err)
	}
	b, diags := pipeline.Build(dir, pipeline.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	notes := 0
	for _, d := range b.Documents {
		notes += len(d.Notes)
	}
	if notes == 0 {
		t.Fatal("the rich corpus has no footnotes")
	}
	m := testMeasurer(t)
	for _, paper := range []string{"a5", "a4"} {
		geo, _ := geometryFor(paper)
		body, err := layoutBody(b, m, geo, nil)
		if err != nil {
			t.Fatalf("%s: %v", paper, err)
		}
		checkWithinMeasure(t, paper, &bookLayout{pages: body.pages}, geo)
		checkNotePages(t, paper, b, body, geo)
	}
	var buf bytes.Buffer
	if _, err := Write(&buf, b, testOpts); err != nil {
		t.Fatal(err)
	}
}

// TestFigureFloats fills most of a page, then places a figure too tall for
// the rest of it and the text after it: the text fills the page, the
// figure opens the next one, and a second figure follows the first.
func TestFigureFloats(t *testing.T) {
	g, _ := geometryFor("a5")
	L := &layouter{g: g, m: testMeasurer(t)}
	L.newPage(bodyPage)
	lead := L.leading()
	line := func(s string) vline {
		return vline{height: lead, base: lead * 0.75, ops: []op{{kind: textOp, r: run{text: s, size: 10}}}}
	}
	var lines []vline
	for L.y+float64(len(lines)+3)*lead < L.bottom() {
		lines = append(lines, line("dolgu"))
	}
	fig := func(s string) vline {
		return vline{height: 60, float: true, ops: []op{{kind: imageOp, w: 50, h: 50, r: run{text: "x"}}, {kind: textOp, y: 55, r: run{text: s}}}}
	}
	lines = append(lines, fig("şekil-1"), line("sonra-1"), fig("şekil-2"), line("sonra-2"), line("sonra-3"))
	L.place(lines)
	L.flush()
	where := map[string]int{}
	for _, pg := range L.pages {
		for _, o := range pg.ops {
			if o.kind == textOp {
				where[o.r.text] = pg.num
			}
		}
	}
	if where["sonra-1"] != 1 || where["sonra-2"] != 1 {
		t.Errorf("the text after the figures is on pages %d and %d, want 1: it fills the gap", where["sonra-1"], where["sonra-2"])
	}
	if where["şekil-1"] != 2 || where["şekil-2"] != 2 {
		t.Errorf("the figures are on pages %d and %d, want both at the top of page 2", where["şekil-1"], where["şekil-2"])
	}
	var order []string
	for _, o := range L.pages[1].ops {
		if o.kind == textOp {
			order = append(order, o.r.text)
		}
	}
	if !slices.Equal(order[:2], []string{"şekil-1", "şekil-2"}) {
		t.Errorf("page 2 holds %q, want the figures in order first", order)
	}
}

// TestTableTooWide sets tables of more columns than a page can hold: up to
// a point the type shrinks and the cells wrap, all inside the measure;
// beyond it, layout fails with the table's position.
func TestTableTooWide(t *testing.T) {
	g, _ := geometryFor("a5")
	m := testMeasurer(t)
	table := func(cols int) *doc.Table {
		tb := &doc.Table{Pos: doc.Pos{File: "genis.md", Line: 7, Col: 1}}
		row := []*doc.TableCell{}
		for j := 0; j < cols; j++ {
			tb.Align = append(tb.Align, doc.AlignDefault)
			tb.Head = append(tb.Head, &doc.TableCell{Inlines: []doc.Inline{text("Başlık")}})
			row = append(row, &doc.TableCell{Inlines: []doc.Inline{text("uzunsözcükleriçerenbirhücre ve kısa")}})
		}
		tb.Rows = [][]*doc.TableCell{row, row}
		return tb
	}
	for _, cols := range []int{3, 6, 12} {
		L := &layouter{g: g, m: m}
		L.newPage(bodyPage)
		ls := L.table(table(cols), ctx{measure: g.measure()})
		if L.err != nil {
			t.Fatalf("%d columns: %v", cols, L.err)
		}
		for _, l := range ls {
			for _, o := range l.ops {
				if o.x < -1e-6 || o.x+o.w > g.measure()+1e-6 {
					t.Errorf("%d columns: %v %q from %.2f to %.2f mm, measure %.2f", cols, o.kind, o.r.text, o.x, o.x+o.w, g.measure())
				}
			}
		}
	}
	L := &layouter{g: g, m: m}
	L.newPage(bodyPage)
	L.table(table(40), ctx{measure: g.measure()})
	if L.err == nil || !strings.Contains(L.err.Error(), "genis.md:7:1") {
		t.Errorf("40 columns: error %v, want one at genis.md:7:1", L.err)
	}
}

// TestCheckRich finds characters the fonts lack wherever the new blocks
// hold text: table cells, captions, callout titles, line blocks, terms and
// notes.
func TestCheckRich(t *testing.T) {
	pos := func(line int) doc.Pos { return doc.Pos{File: "k.md", Line: line, Col: 1} }
	bad := func(s string) []doc.Inline { return []doc.Inline{text("a " + s)} }
	d := &doc.Document{ID: "k", Source: "k.md", Title: "K", Blocks: []doc.Block{
		&doc.Table{Pos: pos(1), Caption: bad("\U0001F389"), Align: []doc.Align{""}, Head: []*doc.TableCell{{Inlines: bad("\U0001F600")}}, Rows: [][]*doc.TableCell{{{Inlines: bad("\U0001F601")}}}},
		&doc.Callout{Pos: pos(2), Title: bad("\U0001F602"), Blocks: []doc.Block{para(3, bad("\U0001F603")...)}},
		&doc.LineBlock{Pos: pos(4), Inlines: bad("\U0001F604")},
		&doc.DefinitionList{Pos: pos(5), Items: []*doc.Definition{{Term: para(5, bad("\u2705")...), Defs: [][]doc.Block{{para(6, bad("\u274C")...)}}}}},
	}}
	d.Notes = []*doc.Note{{Number: 1, Blocks: []doc.Block{para(7, bad("\u2728")...)}}}
	diags := Check(&doc.Book{Meta: doc.Meta{Title: "K"}, Documents: []*doc.Document{d}})
	got := diags.Err().Error()
	for _, want := range []string{"U+1F389", "U+1F600", "U+1F601", "U+1F602", "U+1F603", "U+1F604", "U+2705", "U+274C", "U+2728"} {
		if !strings.Contains(got, want) {
			t.Errorf("Check misses %s:\n%s", want, got)
		}
	}
}

// TestForeignNotHyphenated checks that a span in English is not hyphenated
// by Turkish rules, while the Turkish text around it is, and that its small
// capitals are cased in English (i → I, not İ).
func TestForeignNotHyphenated(t *testing.T) {
	m := testMeasurer(t)
	var ib itemBuilder
	hyphens := func(runs []run) int {
		n := 0
		for _, it := range ib.build(nil, runs, m, paraOptions{measure: 100}) {
			if it.kind == penaltyItem && it.flagged {
				n++
			}
		}
		return n
	}
	tr := flatten(nil, []doc.Inline{text("kitaplarımızdan")}, 0, 10, "")
	en := flatten(nil, []doc.Inline{&doc.Span{Attr: doc.Attr{Pairs: []doc.KeyValue{{Key: "lang", Value: "en"}}}, Inlines: []doc.Inline{text("kitaplarımızdan")}}}, 0, 10, "")
	if hyphens(tr) == 0 || hyphens(en) != 0 {
		t.Errorf("hyphens: Turkish %d (want some), English %d (want none)", hyphens(tr), hyphens(en))
	}
	sc := func(lang string) string {
		var s string
		for _, r := range flatten(nil, []doc.Inline{&doc.Span{Attr: doc.Attr{Classes: []string{"smallcaps"}, Pairs: []doc.KeyValue{{Key: "lang", Value: lang}}}, Inlines: []doc.Inline{text("Linux")}}}, 0, 10, "") {
			s += r.text
		}
		return s
	}
	if got := sc("tr"); got != "LİNUX" {
		t.Errorf("Turkish small caps of Linux: %q", got)
	}
	if got := sc("en"); got != "LINUX" {
		t.Errorf("English small caps of Linux: %q", got)
	}
}

// link is an internal link of a PDF: from a page to a page, 1-based.
type link struct{ from, to int }

// internalLinks returns the link annotations with a destination in the PDF
// at path, read with qpdf's JSON.
func internalLinks(t *testing.T, qpdf, path string) []link {
	t.Helper()
	var j struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(command(t, qpdf, "--json", "--json-key=qpdf", "--json-key=pages", path)), &j); err != nil {
		t.Fatal(err)
	}
	type annot struct {
		Dest json.RawMessage `json:"/Dest"`
	}
	var objs map[string]struct {
		Value json.RawMessage `json:"value"`
	}
	if len(j.QPDF) < 2 {
		t.Fatal("qpdf --json: no objects")
	}
	if err := json.Unmarshal(j.QPDF[1], &objs); err != nil {
		t.Fatal(err)
	}
	pageOf := map[string]int{}
	for i, p := range j.Pages {
		pageOf[p.Object] = i + 1
	}
	// Named destinations (the catalog's /Dests): name -> [page /XYZ …].
	named := map[string][]any{}
	for _, o := range objs {
		var cat struct {
			Type  string `json:"/Type"`
			Dests string `json:"/Dests"`
		}
		if json.Unmarshal(o.Value, &cat) != nil || cat.Type != "/Catalog" || cat.Dests == "" {
			continue
		}
		var dests map[string][]any
		json.Unmarshal(objs["obj:"+cat.Dests].Value, &dests)
		for k, v := range dests {
			named[k] = v
		}
	}
	var out []link
	for i, p := range j.Pages {
		var pg struct {
			Annots []json.RawMessage `json:"/Annots"`
		}
		json.Unmarshal(objs["obj:"+p.Object].Value, &pg)
		for _, raw := range pg.Annots {
			// An annotation inline, or a reference to its object.
			var ref string
			if json.Unmarshal(raw, &ref) == nil {
				raw = objs["obj:"+ref].Value
			}
			var a annot
			if json.Unmarshal(raw, &a) != nil || len(a.Dest) == 0 {
				continue
			}
			var dest []any
			var name string
			if json.Unmarshal(a.Dest, &name) == nil {
				dest = named[name]
			} else {
				json.Unmarshal(a.Dest, &dest)
			}
			if len(dest) == 0 {
				out = append(out, link{from: i + 1})
				continue
			}
			to, _ := dest[0].(string)
			out = append(out, link{from: i + 1, to: pageOf[to]})
		}
	}
	return out
}

// TestRichDump writes the model's rich golden dump (every node kind, as
// the pipeline's Dump writes it), with real images in place of its
// stand-in bytes, and finds every word of its text, cells, captions and
// notes in the PDF.
func TestRichDump(t *testing.T) {
	pdftotext := testtool.Require(t, "pdftotext", "apt-get install poppler-utils")
	f, err := os.Open(filepath.Join(testtool.Root(), "pipeline", "doc", "testdata", "rich.dump"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := doc.ParseDump(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range b.Documents {
		for _, im := range d.Images {
			im.Data = testImage(t, im.Name, im.Width, im.Height, im.MediaType == "image/jpeg").Data
		}
	}
	path, _ := writeTemp(t, "richdump", b)
	checkWordsPresent(t, b, command(t, pdftotext, "-raw", "-enc", "UTF-8", path, "-"))
}

// checkWordsPresent finds every word of b's text (leaves, cells, captions,
// notes, code) in text, pdftotext's output of its PDF.
func checkWordsPresent(t *testing.T, b *doc.Book, text string) {
	t.Helper()
	got := strings.Join(strings.Fields(text), " ")
	upper := strings.ToUpper(got) // small capitals come out as capitals
	missing := 0
	for _, d := range b.Documents {
		doc.WalkDocument(d, func(n doc.Node, entering bool) doc.WalkStatus {
			var s string
			switch n := n.(type) {
			case *doc.Text:
				s = n.Value
			case *doc.Code:
				s = n.Value
			case *doc.CodeBlock:
				s = n.Text
			case *doc.Math:
				s = n.Source
			}
			for _, w := range strings.Fields(s) {
				if entering && !strings.Contains(got, w) && !strings.Contains(upper, strings.ToUpper(w)) && !hyphenatedIn(got, w) {
					if missing++; missing <= 20 {
						t.Errorf("%s: %T word %q not in the PDF", d.Source, n, w)
					}
				}
			}
			return doc.WalkContinue
		})
	}
}

// hyphenatedIn reports whether text holds w broken at a line end: its
// parts around a hyphen and a space ("kelime" as "ke- lime"), or around a
// space alone (after an apostrophe, in code, or an emergency break).
func hyphenatedIn(text, w string) bool {
	r := []rune(w)
	for i := 1; i < len(r); i++ {
		a, z := string(r[:i]), string(r[i:])
		if strings.Contains(text, a+"- "+z) || strings.Contains(text, a+" "+z) {
			return true
		}
	}
	return false
}

// rich reports whether b holds what the strict reading-order test of prose
// cannot follow: notes, tables, figures, boxes, verse, definitions, parts.
func rich(b *doc.Book) bool {
	for _, d := range b.Documents {
		if len(d.Notes) > 0 || d.Part != "" || d.Depth > 0 {
			return true
		}
		found := !doc.WalkBlocks(d.Blocks, func(n doc.Node, entering bool) doc.WalkStatus {
			switch n.(type) {
			case *doc.Table, *doc.Figure, *doc.Callout, *doc.LineBlock, *doc.DefinitionList, *doc.Div, *doc.InlineImage, *doc.Sub, *doc.Sup, *doc.Span, *doc.Strike, *doc.CrossRef, *doc.Math:
				return doc.WalkStop
			case *doc.ListItem:
				if n.(*doc.ListItem).Task != doc.NoTask {
					return doc.WalkStop
				}
			case *doc.List:
				if l := n.(*doc.List); l.Style != doc.StyleDecimal || l.Delim != doc.DelimPeriod {
					return doc.WalkStop
				}
			}
			return doc.WalkContinue
		})
		if found {
			return true
		}
	}
	return false
}

// BenchmarkWriteRich writes richBook's chapters ten times over, with its
// notes, tables and figures, for pages per second beside BenchmarkWriteLong
// (prose).
func BenchmarkWriteRich(b *testing.B) {
	book := richBook(b)
	docs := book.Documents
	book.Documents = nil
	for range 10 {
		book.Documents = append(book.Documents, docs...)
	}
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		var buf bytes.Buffer
		info, err := Write(&buf, book, testOpts)
		if err != nil {
			b.Fatal(err)
		}
		pages = info.Pages
	}
	b.ReportMetric(float64(pages), "pages")
}

// TestOutlineLevels checks that the outline never skips a level, whatever
// the depths of the documents and their headings.
func TestOutlineLevels(t *testing.T) {
	g, _ := geometryFor("a5")
	m := testMeasurer(t)
	d := func(id string, depth int, levels ...int) *doc.Document {
		x := &doc.Document{ID: id, Title: id, Depth: depth}
		for _, l := range levels {
			x.Blocks = append(x.Blocks, &doc.Heading{Level: l, Inlines: []doc.Inline{text("başlık")}}, para(1, text("metin")))
		}
		return x
	}
	b := &doc.Book{Meta: doc.Meta{Title: "K", TOCDepth: 6}, Documents: []*doc.Document{d("a", 2, 4, 6), d("b", 0, 3), d("c", 3, 2), d("e", 1)}}
	body, err := layoutBody(b, m, g, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	prev := -1
	for _, mk := range body.marks {
		got = append(got, mk.level)
		if mk.level > prev+1 {
			t.Errorf("outline levels %v skip a level", got)
		}
		prev = mk.level
	}
	if want := []int{0, 1, 2, 0, 1, 2, 3, 1}; !slices.Equal(got, want) {
		t.Errorf("outline levels %v, want %v", got, want)
	}
}

// TestDegenerateBlocks lays out the new blocks empty or half filled, as a
// model not made by the pipeline may hold them: nothing panics, and the
// book is written.
func TestDegenerateBlocks(t *testing.T) {
	svg := &doc.Image{Name: "a.svg", MediaType: "image/svg+xml", Data: []byte("<svg/>"), Width: 10, Height: 10}
	d := &doc.Document{ID: "d", Title: "D", Blocks: []doc.Block{
		&doc.Table{}, &doc.Table{Align: []doc.Align{"", ""}}, &doc.Table{Rows: [][]*doc.TableCell{{nil, {}}, {}}},
		&doc.Figure{}, &doc.Figure{Image: svg, Number: 2}, &doc.Figure{Image: &doc.Image{MediaType: "image/png"}},
		&doc.Callout{}, &doc.LineBlock{}, &doc.DefinitionList{Items: []*doc.Definition{{Term: para(2)}, {Term: para(3), Defs: [][]doc.Block{nil}}}},
		&doc.Div{}, &doc.List{Ordered: true, Style: doc.StyleUpperRoman, Start: 0, Items: []*doc.ListItem{{Task: doc.TaskDone}}},
		para(1, &doc.NoteRef{}, &doc.CrossRef{}, &doc.InlineImage{}, &doc.InlineImage{Image: svg, Alt: "svg"}, &doc.Link{URL: "#x", TargetDoc: "yok", Fragment: "x"},
			&doc.Span{}, &doc.Sub{}, &doc.Sup{}, &doc.Strike{}, &doc.Math{}),
	}}
	var buf bytes.Buffer
	if _, err := Write(&buf, &doc.Book{Meta: doc.Meta{Title: "D"}, Documents: []*doc.Document{d}}, testOpts); err != nil {
		t.Fatal(err)
	}
}

// TestFallbackFace sets characters the text faces lack from the
// monospaced face (∈, ☐, ☃, →), in the body, a heading and a running head,
// and reads them back.
func TestFallbackFace(t *testing.T) {
	pdftotext := testtool.Require(t, "pdftotext", "apt-get install poppler-utils")
	b := handBook()
	d := b.Documents[1]
	d.Title = "Kümeler: x ∈ A"
	d.Blocks = append(d.Blocks, para(90, text(seedText+" Öğe x ∈ A, kutu ☐, kardan adam ☃ ve ok → burada.")))
	if diags := Check(b); len(diags) > 0 {
		t.Fatalf("Check: %v", diags.Err())
	}
	path, _ := writeTemp(t, "fallback", b)
	got := command(t, pdftotext, "-raw", "-enc", "UTF-8", path, "-")
	for _, want := range []string{"x ∈ A, kutu ☐, kardan adam ☃ ve ok → burada.", "Kümeler: x ∈ A"} {
		if !strings.Contains(strings.Join(strings.Fields(got), " "), want) {
			t.Errorf("pdftotext lacks %q", want)
		}
	}
}

// BenchmarkCorpus writes generated corpora of 200 documents, prose and
// rich, as PDFs, and reports pages per second of each: the rich rate should
// stay within a quarter of the prose one.
func BenchmarkCorpus(b *testing.B) {
	for _, rich := range []bool{false, true} {
		name := "prose"
		if rich {
			name = "rich"
		}
		b.Run(name, func(b *testing.B) {
			dir := b.TempDir()
			g := corpus.Generator{Rich: rich}
			if _, err := g.Generate(dir, 200, 1); err != nil {
				b.Fatal(err)
			}
			book, diags := pipeline.Build(dir, pipeline.Options{})
			if diags.HasErrors() {
				b.Fatal(diags.Err())
			}
			b.ReportAllocs()
			pages := 0
			for b.Loop() {
				info, err := Write(io.Discard, book, testOpts)
				if err != nil {
					b.Fatal(err)
				}
				pages += info.Pages
			}
			b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
