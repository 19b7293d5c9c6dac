package pdf

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// seedText is the shipped seed's paragraph.
const seedText = "Siber güvenliğin sağlanması, fiziksel güvenlikte olduğu gibi üzerinde uzlaşılmış sözlü ya da yazılı anlaşmalarla gerçekleşmektedir. Siber güvenliğin temelini teşkil eden İnternet altyapısının yönetimi de devletlerin ortak uzlaşısı üzerinden sürdürülmektedir. İnternet’in temel fonksiyonlarının yerine getirmesi için koordinasyon görevini yerine getiren İnternet Tahsisli Sayılar ve İsimler Kurumu (Internet Corporation for Assigned Names and Numbers - ICANN) ya da İnternet’in teknik altyapısının (protokolleri ve standartlarının) geliştirilmesi için görev alan İnternet Mühendisliği Görev Grubu (Internet Engineering Task Force - IETF), İnternet yönetimi için önemli kurumlar arasındadır. Bu grupların çalışmasında ve İnternet’in gittiği yönün belirlenmesinde siber diplomasiyi kullanarak devletlerin etkin olması büyük önem taşımaktadır. Özellikle İnternet omurgasına yönelik saldırıların arttığı günümüzde acil bir durumda müdahale edebilecek ekiplerin oluşturulmasında katılımcı bir tavır izlemek çok önemlidir. Siber güvenliğin temel taşlarından olan birçok konu arasında uluslararası hukukun rolü de unutulmamalıdır. Uluslararası hukukun siber uzayın askeri amaçlar için kullanımı konusunda büyük ilerlemeler kaydettiği bir dönemde devletlerin bu tartışmalara ilgisiz kalmaları sonunda istenmeyen sonuçlara sebep olacaktır."

func text(s string) *doc.Text { return &doc.Text{Value: s} }

func para(line int, in ...doc.Inline) *doc.Paragraph {
	return &doc.Paragraph{Pos: doc.Pos{File: "el.md", Line: line, Col: 1}, Inlines: in}
}

// handBook builds a book that uses every block and inline of the model.
func handBook() *doc.Book {
	long := strings.Repeat("ab", 250) // a 500-letter token
	url := "https://www.example.com/" + strings.Repeat("yol/", 30) + "son"
	d1 := &doc.Document{ID: "el", Source: "el.md", Format: "markdown", Title: "Giriş: Dilin Dijital Hâli", Blocks: []doc.Block{
		&doc.Heading{Pos: doc.Pos{File: "el.md", Line: 1, Col: 1}, Level: 1, Inlines: []doc.Inline{text("Giriş: Dilin Dijital Hâli")}},
		para(3, text("Bu derleme, "), &doc.Strong{Inlines: []doc.Inline{text("Türkçe")}}, text(" metinlerin "), &doc.Emph{Inlines: []doc.Inline{text("dijital")}},
			text(" ortamda nasıl yayımlanacağını anlatır. Türk Dil Kurumu kuralları, yazım ve noktalama için temel kaynaktır. "),
			&doc.Abbr{Text: "ICANN", Term: 0}, text("’in sözlüğü 1945’te ilk kez basıldı; ayrıntılar "),
			&doc.Link{URL: "https://www.tdk.gov.tr", Inlines: []doc.Inline{text("TDK sitesinde")}}, text(" ve "), &doc.Code{Value: "yazım-kılavuzu.md"}, text(" dosyasındadır.")),
		para(5, text(seedText)),
		&doc.Heading{Pos: doc.Pos{File: "el.md", Line: 7, Col: 1}, Level: 2, Inlines: []doc.Inline{text("Neden Şimdi?")}},
		&doc.Quote{Pos: doc.Pos{File: "el.md", Line: 9, Col: 1}, Blocks: []doc.Block{para(9, text("Dil, bir milletin hafızasıdır. Onu korumak hepimizin görevidir; ığdır, şişli, İzmir, çağ, göç, ünlü."))}},
		&doc.List{Pos: doc.Pos{File: "el.md", Line: 11, Col: 1}, Ordered: true, Start: 1, Items: []*doc.ListItem{
			{Blocks: []doc.Block{para(11, text("Veri güvenliği ve gizlilik"))}},
			{Blocks: []doc.Block{para(12, text("Açık standartlar, örneğin İnternet Mühendisliği Görev Grubu belgeleri ve uzun açıklamaları olan başka kaynaklar"))}},
		}},
		&doc.List{Pos: doc.Pos{File: "el.md", Line: 14, Col: 1}, Items: []*doc.ListItem{
			{Blocks: []doc.Block{para(14, text("Ekran okuyucular"))}},
			{Blocks: []doc.Block{para(15, text("Büyük yazı tipleri")), &doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{para(16, text("Göreli boyutlar"))}}}}}},
		}},
		&doc.ThematicBreak{Pos: doc.Pos{File: "el.md", Line: 18, Col: 1}},
		&doc.CodeBlock{Pos: doc.Pos{File: "el.md", Line: 20, Col: 1}, Info: "go", Text: "func main() {\n\tfmt.Println(\"Merhaba, dünya & <herkes>\") // " + strings.Repeat("çok uzun bir yorum ", 8) + "\n}\n"},
		para(24, text("Uzun bir dizgi: "), text(long), text(" ve bir adres: "), text(url), text(" bitti.")),
		para(26, text("Son söz:"), &doc.LineBreak{}, &doc.Strong{Inlines: []doc.Inline{&doc.Emph{Inlines: []doc.Inline{text("çok")}}}}, text(" önemli.")),
	}}
	d2 := &doc.Document{ID: "iki", Index: 1, Source: "iki.txt", Format: "text", Title: "Kısa Notlar", Blocks: []doc.Block{
		&doc.Paragraph{Pos: doc.Pos{File: "iki.txt", Line: 1, Col: 1}, Inlines: []doc.Inline{text(seedText)}},
		&doc.Paragraph{Pos: doc.Pos{File: "iki.txt", Line: 3, Col: 1}, Inlines: []doc.Inline{text(seedText)}},
		&doc.Paragraph{Pos: doc.Pos{File: "iki.txt", Line: 5, Col: 1}, Inlines: []doc.Inline{text(seedText)}},
	}}
	return &doc.Book{
		Meta: doc.Meta{Title: "Dijital Çağda Türkçe", Subtitle: "Deneme bir derleme", Authors: []string{"Seedpress Test Derlemi"},
			Lang: "tr", Date: "2024-05-19", Publisher: "seedpress", Rights: "CC BY 4.0", Subjects: []string{"Türkçe", "Dijital yayıncılık"}},
		Documents: []*doc.Document{d1, d2},
		Glossary: []doc.Term{
			{Acronym: "ICANN", Expansion: "İnternet Tahsisli Sayılar ve İsimler Kurumu", ExpansionEN: "Internet Corporation for Assigned Names and Numbers", Defined: doc.Ref{Doc: 0, Leaf: 1}},
			{Acronym: "IETF", Expansion: "İnternet Mühendisliği Görev Grubu", ExpansionEN: "Internet Engineering Task Force", Defined: doc.Ref{Doc: 0, Leaf: 1}},
			{Acronym: "TDK", Expansion: "Türk Dil Kurumu", Defined: doc.Ref{Doc: 0, Leaf: 1}},
		},
	}
}

// TestSpool checks that the body's pages come out of the spool as they
// went in, in memory and through the temporary file, and that the spool
// leaves no file behind.
func TestSpool(t *testing.T) {
	long := longBook(3)
	long.Documents = append(long.Documents, &doc.Document{Source: "boş.md"}) // no title, no blocks
	for _, memory := range []int{spoolMemory, 0, 1000} {
		for name, b := range map[string]*doc.Book{"hand": handBook(), "long": long, "deep": deepBook(), "empty": {}} {
			want, g := layoutFor(t, b)
			m := testMeasurer(t)
			var s spool
			func() {
				defer func(n int) { spoolMemory = n }(spoolMemory)
				spoolMemory = memory
				body, err := layoutBody(b, m, g, s.put)
				if err != nil {
					t.Fatal(err)
				}
				if len(body.pages) != 0 {
					t.Errorf("%s: the body kept %d pages", name, len(body.pages))
				}
			}()
			if memory == 0 && s.pages > 0 && s.file == nil {
				t.Errorf("%s: no temporary file", name)
			}
			tmp := s.name
			offset := len(want.pages) - s.pages
			var got []*page
			n, err := s.replay(func(pg *page) {
				c := *pg // replay's page is reused: keep a copy
				c.ops, c.marks = slices.Clone(pg.ops), slices.Clone(pg.marks)
				c.num += offset
				got = append(got, &c)
			})
			s.close()
			if err != nil || n != len(got) {
				t.Fatalf("%s: replay = %d, %v; %d pages", name, n, err, len(got))
			}
			if tmp != "" {
				if _, err := os.Stat(tmp); !os.IsNotExist(err) {
					t.Errorf("%s: the spool's file is left: %v", name, err)
				}
			}
			if len(got) != len(want.pages)-offset || offset < 0 {
				t.Fatalf("%s: %d pages spooled, want %d", name, len(got), len(want.pages)-offset)
			}
			for i, g := range got {
				w := want.pages[offset+i]
				if g.num != w.num || g.kind != w.kind || g.chapter != w.chapter ||
					!slices.Equal(g.ops, w.ops) || !slices.Equal(g.marks, w.marks) {
					t.Errorf("%s: page %d differs: %d ops, %d marks; want %d, %d",
						name, g.num, len(g.ops), len(g.marks), len(w.ops), len(w.marks))
					break
				}
			}
		}
	}
}

// TestWriterAgrees checks that a Writer given the documents one at a time
// writes the same bytes as Write, and the same Info, and that Info is
// known only after End.
func TestWriterAgrees(t *testing.T) {
	b := handBook()
	var want bytes.Buffer
	info, err := Write(&want, b, testOpts)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	w := NewWriter(&got, testOpts)
	if err := w.Begin(b.Meta, len(b.Documents)); err != nil {
		t.Fatal(err)
	}
	for _, d := range b.Documents {
		if err := w.Document(d); err != nil {
			t.Fatal(err)
		}
	}
	if w.Info() != (Info{}) || got.Len() != 0 {
		t.Errorf("before End: Info %+v, %d bytes written", w.Info(), got.Len())
	}
	if err := w.End(b.Glossary); err != nil {
		t.Fatal(err)
	}
	if w.Info() != info || !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("Writer: %+v, %d bytes; Write: %+v, %d bytes", w.Info(), got.Len(), info, want.Len())
	}
	if err := w.End(nil); err == nil {
		t.Error("End after End: no error")
	}
	if err := w.Document(b.Documents[0]); err == nil {
		t.Error("Document after End: no error")
	}
}
