package dataset

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// pngImage returns a small PNG of w×h pixels at path, as the pipeline
// carries it.
func pngImage(path string, w, h int) *doc.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := range w {
		img.Set(x, 0, color.NRGBA{R: uint8(40 * x), G: 120, B: 200, A: 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	sum := sha256.Sum256(buf.Bytes())
	name := path[bytes.LastIndexByte([]byte(path), '/')+1:]
	return &doc.Image{Name: name, MediaType: "image/png", Data: buf.Bytes(), Width: w, Height: h,
		Path: path, SHA256: hex.EncodeToString(sum[:])}
}

// para is a paragraph of inlines split into the given sentences (their
// texts joined by single spaces must be the inlines' plain text).
func rpara(line int, inlines []doc.Inline, sentences ...string) *doc.Paragraph {
	p := &doc.Paragraph{Pos: doc.Pos{File: "03_zengin.md", Line: line, Col: 1}, Inlines: inlines, Sentences: spansOf(sentences...)}
	if got, want := doc.PlainText(inlines), joinSentences(sentences); got != want {
		panic("fixture: paragraph text " + got + ", sentences " + want)
	}
	return p
}

func joinSentences(ss []string) string {
	var b bytes.Buffer
	for i, s := range ss {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s)
	}
	return b.String()
}

func item(task doc.Task, blocks ...doc.Block) *doc.ListItem {
	return &doc.ListItem{Blocks: blocks, Task: task}
}

func cell(ins ...doc.Inline) *doc.TableCell { return &doc.TableCell{Inlines: ins} }

// richBook is the fixture book with two documents more that hold every
// construct of a real manuscript: footnotes (one referenced from a
// sentence, one only from a table cell, one from inside another note), a table with a caption, a figure,
// an inline image of the same bytes under another path, ordered lists in
// letters and roman numerals, a task list, a definition list, a callout
// with a link in its title, a line block, a div with spans, strike, sub,
// sup and math, cross-references, and internal links back to the first
// document and forward to the last.
func richBook() *doc.Book {
	b := fixtureBook()
	harita := pngImage("resimler/harita.png", 3, 2)
	kopya := pngImage("resimler/kopya.png", 3, 2) // the same bytes under another path
	note1 := &doc.Note{Pos: doc.Pos{File: "03_zengin.md", Line: 40, Col: 1}, ID: "1", Number: 1}
	note2 := &doc.Note{Pos: doc.Pos{File: "03_zengin.md", Line: 43, Col: 1}, ID: "kaynak", Number: 2}
	note3 := &doc.Note{Pos: doc.Pos{File: "03_zengin.md", Line: 45, Col: 1}, ID: "ic", Number: 3}
	note1.Blocks = []doc.Block{
		rpara(40, []doc.Inline{text("Kaynak: "), &doc.Link{URL: "https://sozluk.gov.tr", Inlines: []doc.Inline{text("TDK sözlüğü")}}, text(".")}, "Kaynak: TDK sözlüğü."),
		rpara(42, []doc.Inline{text("İkinci paragraf notta."), &doc.NoteRef{Note: note3}}, "İkinci paragraf notta."),
	}
	note2.Blocks = []doc.Block{rpara(43, []doc.Inline{text("Tahmini değer.")}, "Tahmini değer.")}
	note3.Blocks = []doc.Block{rpara(45, []doc.Inline{text("Notun notu.")}, "Notun notu.")}
	tblRef := &doc.CrossRef{Target: "tbl-nufus", Kind: doc.RefTable, TargetDoc: "03_zengin", Label: "Tablo", Number: "1"}
	figRef := &doc.CrossRef{Target: "fig-harita", Kind: doc.RefFigure, TargetDoc: "03_zengin", Label: "Şekil", Number: "1", Suffix: "’de"}
	d3 := &doc.Document{
		ID: "03_zengin", Index: 2, Source: "03_zengin.md", Format: "markdown", Encoding: "utf-8",
		SHA256: hex.EncodeToString(bytes.Repeat([]byte{0x33}, 32)), Title: "Zengin Bölüm",
		Subtitle: "Her yapıdan biraz", Authors: []string{"Ayşe Yılmaz"}, Lang: "tr", Part: "İkinci Kısım",
		Notes: []*doc.Note{note1, note2, note3}, Images: []*doc.Image{harita, kopya},
		Blocks: []doc.Block{
			&doc.Heading{Pos: doc.Pos{File: "03_zengin.md", Line: 1, Col: 1}, Level: 1, Attr: doc.Attr{ID: "sec-zengin"},
				Inlines: []doc.Inline{text("Zengin Bölüm")}, Sentences: spansOf("Zengin Bölüm")},
			rpara(3, []doc.Inline{tblRef, text(" nüfusu gösterir."), &doc.NoteRef{Note: note1}, text(" "), figRef, text(" harita var.")},
				"Tablo\u00a01 nüfusu gösterir.", "Şekil\u00a01’de harita var."),
			&doc.Table{Pos: doc.Pos{File: "03_zengin.md", Line: 5, Col: 1}, Attr: doc.Attr{ID: "tbl-nufus"}, Number: 1,
				Caption: []doc.Inline{text("İllerin "), &doc.Emph{Inlines: []doc.Inline{text("nüfusu")}}},
				Align:   []doc.Align{doc.AlignLeft, doc.AlignRight, doc.AlignDefault},
				Head:    []*doc.TableCell{cell(text("İl")), cell(text("Nüfus")), cell(text("Not"))},
				Rows: [][]*doc.TableCell{
					{cell(text("Ankara")), cell(text("5,7 milyon")), cell(&doc.Link{URL: "https://tr.wikipedia.org/wiki/Ankara", Inlines: []doc.Inline{text("vikipedi")}})},
					{cell(text("İzmir")), cell(&doc.Strong{Inlines: []doc.Inline{text("4,4 milyon")}}), cell(text("tahmin"), &doc.NoteRef{Note: note2})},
				}},
			&doc.Figure{Pos: doc.Pos{File: "03_zengin.md", Line: 10, Col: 1}, Attr: doc.Attr{ID: "fig-harita"}, Image: harita,
				Alt: "Türkiye haritası", Title: "Harita", Number: 1,
				Caption: []doc.Inline{text("Türkiye "), &doc.Emph{Inlines: []doc.Inline{text("haritası")}}}},
			&doc.List{Pos: doc.Pos{File: "03_zengin.md", Line: 12, Col: 1}, Ordered: true, Start: 1, Style: doc.StyleLowerAlpha, Delim: doc.DelimParen, Items: []*doc.ListItem{
				item(doc.NoTask, rpara(12, []doc.Inline{text("Birinci madde.")}, "Birinci madde.")),
				item(doc.NoTask, rpara(13, []doc.Inline{text("İkinci madde.")}, "İkinci madde."), rpara(15, []doc.Inline{text("Maddenin devamı.")}, "Maddenin devamı.")),
			}},
			&doc.List{Pos: doc.Pos{File: "03_zengin.md", Line: 17, Col: 1}, Ordered: true, Start: 4, Style: doc.StyleUpperRoman, Delim: doc.DelimParens, Items: []*doc.ListItem{
				item(doc.NoTask, rpara(17, []doc.Inline{text("Dördüncü bölüm.")}, "Dördüncü bölüm.")),
			}},
			&doc.List{Pos: doc.Pos{File: "03_zengin.md", Line: 19, Col: 1}, Items: []*doc.ListItem{
				item(doc.TaskDone, rpara(19, []doc.Inline{text("Taslak yazıldı.")}, "Taslak yazıldı.")),
				item(doc.TaskOpen, rpara(20, []doc.Inline{text("Düzelti yapılacak.")}, "Düzelti yapılacak.")),
			}},
			&doc.DefinitionList{Pos: doc.Pos{File: "03_zengin.md", Line: 22, Col: 1}, Items: []*doc.Definition{{
				Pos:  doc.Pos{File: "03_zengin.md", Line: 22, Col: 1},
				Term: rpara(22, []doc.Inline{text("Dipnot")}, "Dipnot"),
				Defs: [][]doc.Block{{rpara(23, []doc.Inline{text("Sayfanın altındaki not.")}, "Sayfanın altındaki not.")}},
			}}},
			&doc.Callout{Pos: doc.Pos{File: "03_zengin.md", Line: 25, Col: 1}, Kind: doc.CalloutWarning, Attr: doc.Attr{Classes: []string{"callout-warning"}},
				Title:  []doc.Inline{text("Uyarı: "), &doc.Link{URL: "https://tdk.gov.tr", Inlines: []doc.Inline{text("TDK")}}},
				Blocks: []doc.Block{rpara(26, []doc.Inline{text("Yazım kurallarına uyun.")}, "Yazım kurallarına uyun.")}},
			&doc.LineBlock{Pos: doc.Pos{File: "03_zengin.md", Line: 29, Col: 1},
				Inlines:   []doc.Inline{text("Bir şiir satırı,"), &doc.LineBreak{}, text("\u00a0\u00a0ikinci satır.")},
				Sentences: spansOf("Bir şiir satırı,\n\u00a0\u00a0ikinci satır.")},
			&doc.Div{Pos: doc.Pos{File: "03_zengin.md", Line: 31, Col: 1}, Attr: doc.Attr{Pairs: []doc.KeyValue{{Key: "lang", Value: "en"}}}, Blocks: []doc.Block{
				rpara(32, []doc.Inline{text("H"), &doc.Sub{Inlines: []doc.Inline{text("2")}}, text("O ve x"), &doc.Sup{Inlines: []doc.Inline{text("2")}},
					text(" "), &doc.Strike{Inlines: []doc.Inline{text("eski")}}, text(" "),
					&doc.Span{Attr: doc.Attr{Classes: []string{"smallcaps"}}, Inlines: []doc.Inline{text("yeni")}}, text(" "),
					&doc.Math{Source: "x^2"}, text(" "), &doc.InlineImage{Image: kopya, Alt: "küçük"}, text("yazılır.")},
					"H2O ve x2 eski yeni x^2 yazılır."),
			}},
			rpara(34, []doc.Inline{&doc.Link{URL: "01_giris.md", TargetDoc: "01_giris", Inlines: []doc.Inline{text("Girişe")}}, text(" dön, "),
				&doc.Link{URL: "04_son.md#sec-son", TargetDoc: "04_son", Fragment: "sec-son", Title: "Son", Inlines: []doc.Inline{text("sona")}}, text(" geç.")},
				"Girişe dön, sona geç."),
			&doc.CodeBlock{Pos: doc.Pos{File: "03_zengin.md", Line: 36, Col: 1}, Info: "sh", Attr: doc.Attr{ID: "lst-ornek", Classes: []string{"sh"}}, Text: "echo merhaba\n"},
		},
	}
	d4 := &doc.Document{
		ID: "04_son", Index: 3, Source: "04_son.md", Format: "markdown", Encoding: "utf-8",
		SHA256: hex.EncodeToString(bytes.Repeat([]byte{0x44}, 32)), Title: "Son", Depth: 1,
		Blocks: []doc.Block{
			&doc.Heading{Pos: doc.Pos{File: "04_son.md", Line: 1, Col: 1}, Level: 2, Attr: doc.Attr{ID: "sec-son"},
				Inlines: []doc.Inline{text("Son")}, Sentences: spansOf("Son")},
			&doc.Paragraph{Pos: doc.Pos{File: "04_son.md", Line: 3, Col: 1},
				Inlines:   []doc.Inline{text("Bkz. "), &doc.CrossRef{Target: "sec-zengin", Kind: doc.RefSection, TargetDoc: "03_zengin", Label: "Bölüm", Number: "3"}, text(".")},
				Sentences: spansOf("Bkz. Bölüm\u00a03.")},
		},
	}
	b.Documents = append(b.Documents, d3, d4)
	return b
}
