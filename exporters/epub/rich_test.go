package epub

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// testPNG returns a w×h PNG of one colour.
func testPNG(w, h int, c color.RGBA) *doc.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	sum := sha256.Sum256(buf.Bytes())
	return &doc.Image{Name: "x.png", MediaType: "image/png", Data: buf.Bytes(), Width: w, Height: h, SHA256: hex.EncodeToString(sum[:])}
}

// richBook returns a book built by hand that uses every node of the model
// the manuscripts bring: front matter, several chapters in one document,
// parts and a document nested in the outline, footnotes (one referred to
// twice, one inside another, one in a table cell, one never referred to),
// tables, figures and inline images (one image under two paths),
// definition lists, task items, list styles, callouts of every kind, divs,
// line blocks, strike, sub, sup, spans, math, cross-references and links
// into the book (to a document not yet written too), and a chapter in
// English.
func richBook() *doc.Book {
	t := func(s string) *doc.Text { return &doc.Text{Value: s} }
	p := func(in ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Inlines: in} }
	h := func(level int, id string, in ...doc.Inline) *doc.Heading {
		return &doc.Heading{Level: level, Inlines: in, Attr: doc.Attr{ID: id}}
	}
	cell := func(in ...doc.Inline) *doc.TableCell { return &doc.TableCell{Inlines: in} }
	item := func(task doc.Task, in ...doc.Inline) *doc.ListItem {
		return &doc.ListItem{Blocks: []doc.Block{p(in...)}, Task: task}
	}

	harita := testPNG(40, 30, color.RGBA{0x20, 0x60, 0xa0, 0xff})
	harita.Name, harita.Path = "harita.png", "resimler/harita.png"
	ikon := testPNG(8, 8, color.RGBA{0xc0, 0x30, 0x30, 0xff})
	ikon.Name, ikon.Path = "ikon.png", "resimler/ikon.png"
	ayniHarita := *harita // the same bytes under another path
	ayniHarita.Name, ayniHarita.Path = "kopya.png", "resimler/kopya.png"

	// Document 1's notes: 1 is referred to twice, 2 holds a reference to
	// 3, 4 is referred to from a table cell, 5 never.
	n3 := &doc.Note{ID: "ic", Number: 3, Blocks: []doc.Block{p(t("Notun içindeki not."))}}
	n1 := &doc.Note{ID: "1", Number: 1, Blocks: []doc.Block{
		p(t("Birinci dipnot, iki kez anılır.")),
		p(t("İkinci paragrafı da vardır.")),
	}}
	n2 := &doc.Note{ID: "kaynak", Number: 2, Blocks: []doc.Block{
		&doc.List{Items: []*doc.ListItem{item(doc.NoTask, t("Bir liste ile başlayan not"), &doc.NoteRef{Note: n3}, t("."))}},
	}}
	n4 := &doc.Note{ID: "hucre", Number: 4, Blocks: []doc.Block{p(t("Tablodaki hücreden gelen not."))}}
	n5 := &doc.Note{ID: "sahipsiz", Number: 5, Blocks: []doc.Block{p(t("Hiçbir yerden anılmayan not."))}}

	giris := &doc.Document{
		ID: "01_giris", Index: 0, Source: "01_giris.md", SHA256: "a1", Encoding: "utf-8", Format: "markdown",
		Title: "Giriş", Subtitle: "Dilin dijital hâli", Authors: []string{"Ayşe Yılmaz", "Işık Öztürk"},
		Date: "2024-05-19", Abstract: "Bu bölüm kitabı tanıtır.\n\nİkinci paragrafta amacını söyler.",
		Part: "Birinci Kısım: Temeller",
		Blocks: []doc.Block{
			h(1, "sec-giris", t("Giriş")),
			p(t("Metin bir dipnotla başlar."), &doc.NoteRef{Note: n1}, t(" Aynı not yine anılır."), &doc.NoteRef{Note: n1},
				t(" Bir başka not listeyle başlar."), &doc.NoteRef{Note: n2}),
			p(t("Su "), t("H"), &doc.Sub{Inlines: []doc.Inline{t("2")}}, t("O, kare x"), &doc.Sup{Inlines: []doc.Inline{t("2")}},
				t(", "), &doc.Strike{Inlines: []doc.Inline{t("silinen")}}, t(" ve "),
				&doc.Span{Attr: doc.Attr{ID: "span-kk", Classes: []string{"smallcaps"}}, Inlines: []doc.Inline{t("Küçük Büyük Harf")}},
				t(" ile "), &doc.Span{Attr: doc.Attr{Pairs: []doc.KeyValue{{Key: "lang", Value: "en"}}}, Inlines: []doc.Inline{t("in English")}},
				t(". Formül "), &doc.Math{Source: "x^2 + y^2 < z"}, t(" metin içindedir: "), &doc.Math{Display: true, Source: `\sum_{i=1}^n i`},
				t(" Simge "), &doc.InlineImage{Image: ikon, Alt: "kırmızı kare", Title: "Simge"}, t(" satır içindedir.")),
			h(2, "sec-tablolar", t("Tablolar ve şekiller")),
			&doc.Table{Attr: doc.Attr{ID: "tbl-nufus"}, Number: 1,
				Caption: []doc.Inline{t("Şehirlerin "), &doc.Emph{Inlines: []doc.Inline{t("nüfusu")}}},
				Align:   []doc.Align{doc.AlignLeft, doc.AlignRight, doc.AlignCenter, doc.AlignDefault},
				Head:    []*doc.TableCell{cell(t("Şehir")), cell(t("Nüfus")), cell(t("Bölge")), cell(t("Not"))},
				Rows: [][]*doc.TableCell{
					{cell(t("Ankara")), cell(t("5.803.482")), cell(t("İç Anadolu")), cell(t("Başkent"), &doc.NoteRef{Note: n4})},
					{cell(&doc.Strong{Inlines: []doc.Inline{t("İzmir")}}), cell(t("4.479.525")), cell(t("Ege")), cell()},
				}},
			&doc.Figure{Attr: doc.Attr{ID: "fig-harita"}, Image: harita, Alt: "Türkiye haritası", Title: "Harita",
				Caption: []doc.Inline{t("Türkiye "), &doc.Emph{Inlines: []doc.Inline{t("haritası")}}}, Number: 1},
			p(t("Tabloya bakın: "), &doc.CrossRef{Target: "tbl-nufus", Kind: doc.RefTable, TargetDoc: "01_giris", Label: "Tablo", Number: "1", Suffix: "’e"},
				t("; sonraki bölümdeki şekle: "), &doc.CrossRef{Target: "fig-yazi", Kind: doc.RefFigure, TargetDoc: "02_yazim", Label: "Şekil", Number: "2", Suffix: "’ye"},
				t("; yazım bölümüne "), &doc.Link{URL: "02_yazim.md#sec-yazim", TargetDoc: "02_yazim", Fragment: "sec-yazim", Title: "Yazım kuralları", Inlines: []doc.Inline{t("bağlantıyla")}},
				t(" ve bu bölümün başına "), &doc.Link{URL: "#sec-giris", TargetDoc: "01_giris", Fragment: "sec-giris", Inlines: []doc.Inline{t("buradan")}},
				t(" gidilir. Dış bağlantı "), &doc.Link{URL: "https://tdk.gov.tr", Title: "Türk Dil Kurumu", Attr: doc.Attr{ID: "tdk"}, Inlines: []doc.Inline{t("TDK")}}, t(" sitesidir.")),
			&doc.DefinitionList{Items: []*doc.Definition{
				{Term: p(t("Dipnot")), Defs: [][]doc.Block{{p(t("Sayfanın altındaki açıklama."))}, {p(t("İkinci tanım."))}}},
				{Term: p(&doc.Emph{Inlines: []doc.Inline{t("Tablo")}}), Defs: [][]doc.Block{{p(t("Satır ve sütunlar."))}}},
			}},
			h(1, "sec-liste", t("Listeler")),
			&doc.List{Items: []*doc.ListItem{
				item(doc.TaskDone, t("Taslak yazıldı")),
				item(doc.TaskOpen, t("Düzelti yapılacak")),
				{Task: doc.TaskOpen, Blocks: []doc.Block{&doc.CodeBlock{Text: "make kontrol\n"}}},
			}},
			&doc.List{Ordered: true, Start: 1, Style: doc.StyleLowerAlpha, Delim: doc.DelimParen, Items: []*doc.ListItem{item(doc.NoTask, t("birinci")), item(doc.NoTask, t("ikinci"))}},
			&doc.List{Ordered: true, Start: 3, Style: doc.StyleUpperRoman, Items: []*doc.ListItem{item(doc.NoTask, t("üçüncü"))}},
			&doc.List{Ordered: true, Start: 1, Delim: doc.DelimParens, Items: []*doc.ListItem{item(doc.NoTask, t("ayraçlı"))}},
			&doc.List{Ordered: true, Start: 2, Style: doc.StyleLowerRoman, Items: []*doc.ListItem{item(doc.NoTask, t("küçük roma"))}},
			&doc.List{Ordered: true, Start: 1, Style: doc.StyleUpperAlpha, Delim: doc.DelimPeriod, Items: []*doc.ListItem{item(doc.NoTask, t("büyük harf"))}},
			h(2, "sec-kutular", t("Kutular")),
			&doc.Callout{Kind: doc.CalloutNote, Title: []doc.Inline{t("Not")}, Blocks: []doc.Block{p(t("Bir not kutusu."))}},
			&doc.Callout{Kind: doc.CalloutTip, Attr: doc.Attr{ID: "ipucu"}, Title: []doc.Inline{t("Kendi başlığı")}, Blocks: []doc.Block{p(t("Bir ipucu."))}},
			&doc.Callout{Kind: doc.CalloutWarning, Blocks: []doc.Block{p(t("Başlıksız uyarı."))}},
			&doc.Callout{Kind: doc.CalloutImportant, Title: []doc.Inline{t("Önemli")}, Blocks: []doc.Block{p(t("Önemli bir şey."))}},
			&doc.Callout{Kind: doc.CalloutCaution, Title: []doc.Inline{t("Dikkat")}, Blocks: []doc.Block{p(t("Dikkat edilecek şey."))}},
			&doc.Div{Attr: doc.Attr{ID: "alinti", Classes: []string{"epigraf"}, Pairs: []doc.KeyValue{{Key: "lang", Value: "en"}}},
				Blocks: []doc.Block{p(t("A transparent group in English."))}},
			h(3, "sec-siir", t("Şiir")),
			&doc.LineBlock{Inlines: []doc.Inline{t("Dağ başını duman almış,"), &doc.LineBreak{},
				t("\u00a0\u00a0\u00a0\u00a0Gümüş dere durmaz akar."), &doc.LineBreak{}, t("Güneş ufuktan şimdi doğar.")}},
			h(4, "sec-derin", t("Derin başlık")),
			p(t("İçindekilerde görünmeyen bir başlığın altı.")),
		},
		Notes:  []*doc.Note{n1, n2, n3, n4, n5},
		Images: []*doc.Image{ikon, harita},
	}

	ny := &doc.Note{ID: "y", Number: 1, Blocks: []doc.Block{p(t("İkinci belgenin notu."))}}
	yazim := &doc.Document{
		ID: "02_yazim", Index: 1, Source: "02_yazim.md", SHA256: "b2", Encoding: "utf-8", Format: "markdown",
		Title: "Yazım", Depth: 1,
		Blocks: []doc.Block{
			h(1, "sec-yazim", t("Yazım")),
			p(t("Bu belge birinciye bağlıdır."), &doc.NoteRef{Note: ny}),
			&doc.Figure{Attr: doc.Attr{ID: "fig-yazi"}, Image: &ayniHarita, Alt: "Aynı harita", Number: 2},
			p(t("Geri dönüş: "), &doc.CrossRef{Target: "fig-harita", Kind: doc.RefFigure, TargetDoc: "01_giris", Label: "Şekil", Number: "1", Suffix: "’e"},
				t(" ve "), &doc.CrossRef{Target: "sec-giris", Kind: doc.RefSection, TargetDoc: "01_giris", Label: "Bölüm", Number: "1", Suffix: "’e"}, t(".")),
			&doc.Table{Number: 2, Align: []doc.Align{doc.AlignDefault, doc.AlignDefault},
				Head: []*doc.TableCell{cell(), cell()},
				Rows: [][]*doc.TableCell{{cell(t("başlıksız")), cell(t("tablo"))}}},
		},
		Notes:  []*doc.Note{ny},
		Images: []*doc.Image{&ayniHarita},
	}

	english := &doc.Document{
		ID: "03_english", Index: 2, Source: "03_english.md", SHA256: "c3", Encoding: "utf-8", Format: "markdown",
		Title: "An English chapter", Lang: "en", Part: "İkinci Kısım",
		Blocks: []doc.Block{
			p(t("A chapter in English that opens without a heading.")),
			h(2, "", t("A section without an id")),
			p(t("Its text.")),
			h(1, "", t("A second chapter in the same file")),
			p(t("More text.")),
		},
	}
	return &doc.Book{
		Meta:      doc.Meta{Title: "Zengin Kitap", Lang: "tr", Authors: []string{"Ayşe Yılmaz"}, Date: "2024-05-19"},
		Documents: []*doc.Document{giris, yazim, english},
		Resources: []*doc.Image{ikon, harita, &ayniHarita},
	}
}
