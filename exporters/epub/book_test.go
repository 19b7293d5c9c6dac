package epub

import "github.com/seedpress/seedpress/pipeline/doc"

// handBook returns a small book built by hand: two documents that use every
// block and inline of the model, and a glossary of two acronyms.
func handBook() *doc.Book {
	t := func(s string) *doc.Text { return &doc.Text{Value: s} }
	p := func(in ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Inlines: in} }
	return &doc.Book{
		Meta: doc.Meta{
			Title:       "Siber Güvenlik Üzerine",
			Subtitle:    "Kısa bir deneme",
			Authors:     []string{"Ayşe Yılmaz", "Işık Öztürk"},
			Lang:        "tr",
			Date:        "2024-05-19",
			Publisher:   "seedpress",
			Rights:      "CC BY 4.0",
			Description: "İnternet yönetimi & siber diplomasi üzerine <kısa> bir metin.",
			Subjects:    []string{"Siber güvenlik", "İnternet yönetimi"},
		},
		Documents: []*doc.Document{
			{
				ID: "000_0e50c0d65c5fae10", Index: 0, Source: "000_0e50c0d65c5fae10.txt",
				SHA256: "3f1c7a4b2d", Encoding: "utf-8", Format: "text", Title: "Bölüm 1",
				Blocks: []doc.Block{
					p(t("İnternet’in temel fonksiyonları için İnternet Tahsisli Sayılar ve İsimler Kurumu (Internet Corporation for Assigned Names and Numbers - "),
						&doc.Abbr{Text: "ICANN", Term: 0},
						t(") ve İnternet Mühendisliği Görev Grubu (Internet Engineering Task Force - "),
						&doc.Abbr{Text: "IETF", Term: 1},
						t(") önemlidir. "),
						&doc.Abbr{Text: "ICANN", Term: 0},
						t("’ın kararları herkesi ilgilendirir.")),
				},
			},
			{
				ID: "01_giris", Index: 1, Source: "01_giris.md",
				SHA256: "9a8b7c6d5e", Encoding: "utf-8", Format: "markdown", Title: "Giriş: Dilin Dijital Hâli",
				Blocks: []doc.Block{
					&doc.Heading{Level: 1, Inlines: []doc.Inline{t("Giriş: Dilin Dijital Hâli")}},
					p(t("Bu derleme, "), &doc.Strong{Inlines: []doc.Inline{t("Türkçe")}}, t(" metinlerin "),
						&doc.Emph{Inlines: []doc.Inline{t("dijital")}}, t(" ortamda yayımlanmasını anlatır. Bkz. "),
						&doc.Code{Value: "a < b && c"}, t(" ifadesi.")),
					&doc.Heading{Level: 2, Inlines: []doc.Inline{t("Neden Şimdi?")}},
					&doc.Heading{Level: 4, Inlines: []doc.Inline{t("Bir atlama: dördüncü düzey")}},
					&doc.Quote{Blocks: []doc.Block{p(t("Dil, bir milletin hafızasıdır."), &doc.LineBreak{}, t("Onu korumak görevimizdir."))}},
					&doc.List{Ordered: true, Start: 1, Items: []*doc.ListItem{
						{Blocks: []doc.Block{p(t("Veri güvenliği"))}},
						{Blocks: []doc.Block{p(t("Açık standartlar, örneğin "), &doc.Abbr{Text: "IETF", Term: 1}, t(" belgeleri"))}},
					}},
					&doc.List{Items: []*doc.ListItem{
						{Blocks: []doc.Block{p(t("Ekran okuyucular"))}},
						{Blocks: []doc.Block{p(t("Büyük yazı tipleri")), &doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{p(t("Göreli boyutlar"))}}}}}},
					}},
					p(t("Ayrıntılar için "), &doc.Link{URL: "https://www.tdk.gov.tr", Inlines: []doc.Inline{t("TDK sitesi")}},
						t(" ve "), &doc.Link{URL: "javascript:alert(1)", Inlines: []doc.Inline{t("bu bağlantı")}}, t(" okunabilir.")),
					&doc.ThematicBreak{},
					&doc.CodeBlock{Info: "go", Text: "func main() {\n\tfmt.Println(\"Merhaba, dünya & <herkes>\")\n}\n"},
				},
			},
		},
		Glossary: []doc.Term{
			{Acronym: "ICANN", Expansion: "İnternet Tahsisli Sayılar ve İsimler Kurumu", ExpansionEN: "Internet Corporation for Assigned Names and Numbers", Occurrences: 2},
			{Acronym: "IETF", Expansion: "İnternet Mühendisliği Görev Grubu", ExpansionEN: "Internet Engineering Task Force", Occurrences: 2},
		},
	}
}
