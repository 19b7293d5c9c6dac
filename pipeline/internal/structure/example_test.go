package structure_test

import (
	"fmt"

	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/internal/structure"
)

func ExampleMarkdownDocument() {
	r, diags := structure.MarkdownDocument("01_giris.md", `Harf devrimi 1928'de oldu.[^1] Yayılışı @fig-harita'da.

![Harf devriminin yayıldığı iller](resimler/harita.png){#fig-harita}

[^1]: Geçiş birkaç yıl sürdü.
`)
	p := r.Blocks[0].(*doc.Paragraph)
	ref := p.Inlines[1].(*doc.NoteRef)
	xref := p.Inlines[3].(*doc.CrossRef)
	fig := r.Blocks[1].(*doc.Figure)
	fmt.Println(ref.Note.Number, doc.PlainText(ref.Note.Blocks[0].(*doc.Paragraph).Inlines))
	fmt.Println(xref.Target, xref.Kind, xref.Suffix)
	fmt.Println(fig.Attr.ID, fig.Alt, r.Images[0].Pos, r.Images[0].Image.Path)
	fmt.Println(len(diags))
	// Output:
	// 1 Geçiş birkaç yıl sürdü.
	// fig-harita fig 'da
	// fig-harita Harf devriminin yayıldığı iller 01_giris.md:3:1 resimler/harita.png
	// 0
}
