package pdf_test

import (
	"bytes"
	"fmt"
	"time"

	"github.com/seedpress/seedpress/exporters/pdf"
	"github.com/seedpress/seedpress/pipeline/doc"
)

func ExampleWrite() {
	b := &doc.Book{
		Meta: doc.Meta{Title: "Siber Güvenlik", Authors: []string{"Ayşe Yılmaz"}, Lang: "tr"},
		Documents: []*doc.Document{{ID: "giris", Source: "giris.txt", Title: "Giriş", Blocks: []doc.Block{
			&doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Value: "İnternet’in yönetimi devletlerin ortak uzlaşısıyla sürdürülür."}}},
		}}},
	}
	var buf bytes.Buffer
	info, err := pdf.Write(&buf, b, pdf.Options{Modified: time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC), Producer: "seedpress"})
	if err != nil {
		fmt.Println(err)
		return
	}
	// Title page, imprint, contents and its blank verso, the chapter.
	fmt.Println(info.Pages, "pages;", string(buf.Bytes()[:5]))
	// Output:
	// 5 pages; %PDF-
}

func ExampleCheck() {
	b := &doc.Book{
		Meta: doc.Meta{Title: "Emoji"},
		Documents: []*doc.Document{{Source: "a.md", Title: "A", Blocks: []doc.Block{
			&doc.Paragraph{Pos: doc.Pos{File: "a.md", Line: 3, Col: 1}, Inlines: []doc.Inline{&doc.Text{Value: "Merhaba 😀"}}},
		}}},
	}
	for _, d := range pdf.Check(b) {
		fmt.Println(d)
	}
	// Output:
	// a.md:3:9: error: U+1F600 GRINNING FACE is not in the embedded fonts
}
