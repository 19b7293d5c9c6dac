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

// A Writer takes the book one document at a time, as the pipeline makes
// them (pipeline.Stream), and writes the PDF at End.
func ExampleWriter() {
	meta := doc.Meta{Title: "Siber Güvenlik", Lang: "tr"}
	chapters := []*doc.Document{
		{Source: "bir.txt", Title: "Bir", Blocks: []doc.Block{&doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Value: "İlk bölüm."}}}}},
		{Source: "iki.txt", Title: "İki", Blocks: []doc.Block{&doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Value: "İkinci bölüm."}}}}},
	}
	var buf bytes.Buffer
	w := pdf.NewWriter(&buf, pdf.Options{Modified: time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC)})
	var sink doc.Sink = w
	if err := sink.Begin(meta, len(chapters)); err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range chapters {
		if err := sink.Document(d); err != nil {
			fmt.Println(err)
			return
		}
	}
	fmt.Println(buf.Len(), "bytes before End")
	if err := sink.End(nil); err != nil {
		fmt.Println(err)
		return
	}
	// Title page, imprint, contents and its blank verso, two chapters on
	// rectos with a blank verso between them.
	fmt.Println(w.Info().Pages, "pages")
	// Output:
	// 0 bytes before End
	// 7 pages
}

// A Checker takes the book one document at a time, like a Writer, and
// keeps none of them.
func ExampleChecker() {
	c := pdf.NewChecker()
	c.Begin(doc.Meta{Title: "Emoji ✨"}, 1)
	c.Document(&doc.Document{Source: "a.md", Title: "A", Blocks: []doc.Block{
		&doc.Paragraph{Pos: doc.Pos{File: "a.md", Line: 3, Col: 1}, Inlines: []doc.Inline{&doc.Text{Value: "Merhaba 😀"}}},
	}})
	c.End(nil)
	for _, d := range c.Diagnostics() {
		fmt.Println(d)
	}
	// Output:
	// book.yaml: error: U+2728 SPARKLES is not in the embedded fonts
	// a.md:3:9: error: U+1F600 GRINNING FACE is not in the embedded fonts
}
