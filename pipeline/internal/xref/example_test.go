package xref_test

import (
	"fmt"

	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/internal/xref"
)

// The three ids of one heading: seedpress's, GitHub's and pandoc's.
func ExampleSlug() {
	for _, h := range []string{"Tasarım Desenleri", "😄 Singleton", "1. Giriş"} {
		fmt.Printf("%s | %s | %s\n", xref.Slug(h), xref.GitHubSlug(h), xref.PandocSlug(h))
	}
	// Output:
	// tasarim-desenleri | tasarım-desenleri | tasarım-desenleri
	// singleton | -singleton | singleton
	// giris | 1-giriş | giriş
}

// A reference to a figure of a later document, resolved after the whole
// book was indexed.
func ExampleIndex() {
	ref := &doc.CrossRef{Target: "fig-harita", Kind: doc.RefFigure, Suffix: "'da"}
	first := &doc.Document{ID: "01_giris", Source: "01_giris.md", Blocks: []doc.Block{
		&doc.Figure{Attr: doc.Attr{ID: "fig-once"}},
		&doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Value: "Haritası "}, ref, &doc.Text{Value: " görülür."}}},
	}}
	second := &doc.Document{ID: "02_harita", Source: "02_harita.md", Blocks: []doc.Block{
		&doc.Figure{Attr: doc.Attr{ID: "fig-ara"}},
		&doc.Figure{Attr: doc.Attr{ID: "fig-harita"}},
	}}
	x := xref.New("tr")
	x.Add(first)
	x.Add(second)
	x.Seal()
	x.Resolve(first)
	fmt.Printf("%q\n", doc.PlainText(first.Blocks[1].(*doc.Paragraph).Inlines))
	fmt.Println(ref.TargetDoc)
	// Output:
	// "Haritası Şekil\u00a03’te görülür."
	// 02_harita
}
