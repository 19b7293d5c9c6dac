package exporters_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/seedpress/seedpress/exporters"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// ExamplePublish publishes a book in one toy format, then lists the output
// folder and its SHA256SUMS.
func ExamplePublish() {
	dir, err := os.MkdirTemp("", "dist")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// A format that needs the whole book writes it at the end through
	// exporters.WholeBook; a streaming one is a doc.Sink of its own.
	text := exporters.Format{
		Name: "text",
		Ext:  ".txt",
		New: func(dest exporters.Dest, opts exporters.Options) (exporters.Writer, error) {
			return exporters.WholeBook(func(b *doc.Book) (exporters.Stats, error) {
				_, err := fmt.Fprintf(dest.File, "%s\n", b.Meta.Title)
				return exporters.Stats{}, err
			}), nil
		},
	}
	b := &doc.Book{Meta: doc.Meta{Title: "Siber Güvenlik"}}
	opts := exporters.Options{Modified: time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC), Version: "1.0.0"}
	res, _, err := exporters.Publish(dir, exporters.BookSource(b), []exporters.Format{text}, opts)
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range res.Outputs {
		fmt.Println(o.Format, o.Path, o.Size)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, n := range names {
		fmt.Println(filepath.Base(n))
	}
	sums, _ := os.ReadFile(filepath.Join(dir, exporters.SumsName))
	fmt.Print(string(sums))
	// Output:
	// text siber-guvenlik.txt 16
	// RELEASE.json
	// SHA256SUMS
	// siber-guvenlik.txt
	// 7d7404546cf0e7896f2201b138f6d53ae591eb5798a9af3ee93b4887bd68c813  siber-guvenlik.txt
}
