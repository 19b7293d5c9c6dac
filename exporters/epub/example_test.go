package epub_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"log"
	"strings"
	"time"

	"github.com/seedpress/seedpress/exporters/epub"
	"github.com/seedpress/seedpress/pipeline/doc"
)

func ExampleWrite() {
	book := &doc.Book{
		Meta: doc.Meta{Title: "Kısa Notlar", Authors: []string{"Ayşe Yılmaz"}, Lang: "tr"},
		Documents: []*doc.Document{{
			ID: "notlar", Title: "Notlar", SHA256: "e3b0c442",
			Blocks: []doc.Block{
				&doc.Paragraph{Inlines: []doc.Inline{
					&doc.Abbr{Text: "TDK", Term: 0},
					&doc.Text{Value: "’nin sözlüğü & <yazım> kılavuzu."},
				}},
			},
		}},
		Glossary: []doc.Term{{Acronym: "TDK", Expansion: "Türk Dil Kurumu"}},
	}
	var buf bytes.Buffer
	opts := epub.Options{Modified: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC), Generator: "seedpress example"}
	if err := epub.Write(&buf, book, opts); err != nil {
		log.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range zr.File {
		fmt.Println(f.Name)
		if f.Name == "EPUB/xhtml/bolum-001.xhtml" {
			rc, _ := f.Open()
			x, _ := io.ReadAll(rc)
			rc.Close()
			for _, line := range strings.Split(string(x), "\n") {
				if strings.HasPrefix(line, "<p>") {
					fmt.Println("  " + line)
				}
			}
		}
	}
	// Output:
	// mimetype
	// META-INF/container.xml
	// EPUB/css/style.css
	// EPUB/xhtml/bolum-001.xhtml
	//   <p><abbr title="Türk Dil Kurumu">TDK</abbr>’nin sözlüğü &amp; &lt;yazım&gt; kılavuzu.</p>
	// EPUB/images/kapak.png
	// EPUB/xhtml/kapak.xhtml
	// EPUB/xhtml/kunye.xhtml
	// EPUB/xhtml/kisaltmalar.xhtml
	// EPUB/nav.xhtml
	// EPUB/toc.ncx
	// EPUB/package.opf
}
