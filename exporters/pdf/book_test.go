package pdf

import (
	"slices"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline"
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

// TestOutlineSummary lays out the SUMMARY.md fixture and compares the
// contents and the outline (both made from the marks) with the book's
// outline: Önsöz, a prefix chapter, and Sonsöz, a suffix chapter after the
// separator line (Document.PartEnds), stand at the top, outside the parts.
func TestOutlineSummary(t *testing.T) {
	const dir = "../../testdata/seeds/summary"
	b, diags := pipeline.Build(dir, pipeline.Options{})
	if b == nil {
		t.Fatalf("pipeline.Build(%s): %v", dir, diags.Err())
	}
	b.Meta.TOCDepth = 1 // the outline alone, not the chapters' headings
	bl, _ := layoutFor(t, b)
	var got []string
	for _, mk := range bl.marks {
		got = append(got, strings.Repeat("  ", mk.level)+mk.title)
	}
	want := []string{
		"Önsöz",
		"Birinci Kısım",
		"  Giriş",
		"    Tarihçe",
		"    Temel Kavramlar",
		"İkinci Kısım",
		"  Yöntem",
		"Taslak Bölüm",
		"  Uygulama",
		"Sonsöz",
	}
	if !slices.Equal(got, want) {
		t.Errorf("contents of the SUMMARY.md fixture:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
