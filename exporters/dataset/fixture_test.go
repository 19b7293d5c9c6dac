package dataset

import (
	"strings"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// para builds a paragraph from inlines whose plain text is the given
// sentences joined by single spaces, with each sentence's word count.
func spansOf(sentences ...string) []doc.Sentence {
	var out []doc.Sentence
	pos := 0
	for _, s := range sentences {
		n := utf8.RuneCountInString(s)
		out = append(out, doc.Sentence{Start: pos, End: pos + n, Words: len(strings.Fields(s))})
		pos += n + 1
	}
	return out
}

func text(s string) *doc.Text { return &doc.Text{Value: s} }

// fixtureBook is a small hand-built book with every kind of block and
// inline of prose (richBook adds a manuscript's), two documents and a
// glossary of two terms.
func fixtureBook() *doc.Book {
	s1 := "Siber güvenlik önemlidir."
	s2 := "İnternet Tahsisli Sayılar ve İsimler Kurumu (Internet Corporation for Assigned Names and Numbers - ICANN) İnternet’in adlarını yönetir."
	s3 := "ICANN’in kararları “herkesi” ilgilendirir!"
	d1 := &doc.Document{
		ID: "01_giris", Index: 0, Source: "01_giris.md", Format: "markdown", Encoding: "utf-8",
		SHA256: strings.Repeat("ab", 32), Title: "Giriş: Dilin Dijital Hâli",
		Blocks: []doc.Block{
			&doc.Heading{Pos: doc.Pos{File: "01_giris.md", Line: 1, Col: 1}, Level: 1,
				Inlines:   []doc.Inline{text("Giriş: Dilin Dijital Hâli")},
				Sentences: spansOf("Giriş: Dilin Dijital Hâli")},
			&doc.Paragraph{Pos: doc.Pos{File: "01_giris.md", Line: 3, Col: 1},
				Inlines: []doc.Inline{
					&doc.Strong{Inlines: []doc.Inline{text("Siber")}}, text(" güvenlik "), &doc.Emph{Inlines: []doc.Inline{text("önemlidir")}}, text(". "),
					text("İnternet Tahsisli Sayılar ve İsimler Kurumu (Internet Corporation for Assigned Names and Numbers - "),
					&doc.Abbr{Text: "ICANN", Term: 0}, text(") İnternet’in adlarını yönetir. "),
					&doc.Abbr{Text: "ICANN", Term: 0}, text("’in kararları “herkesi” ilgilendirir!"),
				},
				Sentences: spansOf(s1, s2, s3)},
			&doc.Quote{Pos: doc.Pos{File: "01_giris.md", Line: 5, Col: 1}, Blocks: []doc.Block{
				&doc.Paragraph{Pos: doc.Pos{File: "01_giris.md", Line: 5, Col: 3},
					Inlines:   []doc.Inline{text("Dil, bir milletin hafızasıdır."), &doc.LineBreak{}, text("Onu korumak görevimizdir.")},
					Sentences: spansOf("Dil, bir milletin hafızasıdır.", "Onu korumak görevimizdir.")},
			}},
			&doc.ThematicBreak{Pos: doc.Pos{File: "01_giris.md", Line: 8, Col: 1}},
			&doc.CodeBlock{Pos: doc.Pos{File: "01_giris.md", Line: 10, Col: 1}, Info: "go", Text: "fmt.Println(\"<merhaba> & dünya\")\n"},
		},
	}
	d2 := &doc.Document{
		ID: "02_gelecek", Index: 1, Source: "alt/02_gelecek.txt", Format: "text", Encoding: "windows-1254",
		SHA256: strings.Repeat("0f", 32), Title: "Gelecek Üzerine",
		Blocks: []doc.Block{
			&doc.List{Pos: doc.Pos{File: "alt/02_gelecek.txt", Line: 1, Col: 1}, Ordered: true, Start: 1, Items: []*doc.ListItem{
				{Pos: doc.Pos{File: "alt/02_gelecek.txt", Line: 1, Col: 1}, Blocks: []doc.Block{
					&doc.Paragraph{Pos: doc.Pos{File: "alt/02_gelecek.txt", Line: 1, Col: 4},
						Inlines:   []doc.Inline{text("Açık standartlar: İnternet Mühendisliği Görev Grubu (Internet Engineering Task Force - "), &doc.Abbr{Text: "IETF", Term: 1}, text(").")},
						Sentences: spansOf("Açık standartlar: İnternet Mühendisliği Görev Grubu (Internet Engineering Task Force - IETF).")},
				}},
				{Pos: doc.Pos{File: "alt/02_gelecek.txt", Line: 2, Col: 1}, Blocks: []doc.Block{
					&doc.Paragraph{Pos: doc.Pos{File: "alt/02_gelecek.txt", Line: 2, Col: 4},
						Inlines:   []doc.Inline{&doc.Link{URL: "https://www.tdk.gov.tr", Inlines: []doc.Inline{text("TDK")}}, text(" ve "), &doc.Code{Value: "x<y"}, text(" 14.30’da.")},
						Sentences: spansOf("TDK ve x<y 14.30’da.")},
				}},
			}},
			&doc.Paragraph{Pos: doc.Pos{File: "alt/02_gelecek.txt", Line: 4, Col: 1},
				Inlines:   []doc.Inline{&doc.Abbr{Text: "ICANN", Term: 0}, text(" ve "), &doc.Abbr{Text: "IETF", Term: 1}, text(" 1996’da anıldı.")},
				Sentences: spansOf("ICANN ve IETF 1996’da anıldı.")},
		},
	}
	return &doc.Book{
		Meta: doc.Meta{Title: "Dijital Çağda Türkçe", Subtitle: "Deneme", Authors: []string{"Seedpress Test Derlemi"},
			Lang: "tr", Date: "2024-05-19", Publisher: "seedpress", Rights: "CC BY 4.0",
			Description: "Testler için küçük bir kitap.", Subjects: []string{"Türkçe"}},
		Documents: []*doc.Document{d1, d2},
		Glossary: []doc.Term{
			{Acronym: "ICANN", Expansion: "İnternet Tahsisli Sayılar ve İsimler Kurumu", ExpansionEN: "Internet Corporation for Assigned Names and Numbers",
				Defined: doc.Ref{Doc: 0, Leaf: 1, Sentence: 1}, Uses: []doc.Ref{{Doc: 0, Leaf: 1, Sentence: 1}, {Doc: 0, Leaf: 1, Sentence: 2}, {Doc: 1, Leaf: 2, Sentence: 0}}, Occurrences: 3},
			{Acronym: "IETF", Expansion: "İnternet Mühendisliği Görev Grubu", ExpansionEN: "Internet Engineering Task Force",
				Defined: doc.Ref{Doc: 1, Leaf: 0, Sentence: 0}, Uses: []doc.Ref{{Doc: 1, Leaf: 0, Sentence: 0}, {Doc: 1, Leaf: 2, Sentence: 0}}, Occurrences: 2},
		},
	}
}
