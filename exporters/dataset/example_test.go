package dataset_test

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/seedpress/seedpress/exporters/dataset"
	"github.com/seedpress/seedpress/pipeline/doc"
)

func ExampleWrite() {
	book := &doc.Book{
		Meta: doc.Meta{Title: "Örnek", Lang: "tr"},
		Documents: []*doc.Document{{
			ID: "giris", Source: "giris.txt", Format: "text", Encoding: "utf-8",
			SHA256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Title: "Bölüm 1",
			Blocks: []doc.Block{&doc.Paragraph{
				Inlines:   []doc.Inline{&doc.Text{Value: "Çay demlendi. İçelim mi?"}},
				Sentences: []doc.Sentence{{Start: 0, End: 13, Words: 2}, {Start: 14, End: 24, Words: 2}},
			}},
		}},
	}
	dir, err := os.MkdirTemp("", "dataset")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	info, err := dataset.Write(dir, book, dataset.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, table := range dataset.Tables {
		fmt.Println(table, info.Records[table], info.Files[table])
	}
	f, err := os.Open(filepath.Join(dir, "data", "sentences.jsonl"))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fmt.Println(sc.Text())
	}
	// Output:
	// documents 1 [data/documents.jsonl]
	// paragraphs 1 [data/paragraphs.jsonl]
	// sentences 2 [data/sentences.jsonl]
	// terms 0 [data/terms.jsonl]
	// mentions 0 [data/mentions.jsonl]
	// tables 0 [data/tables.jsonl]
	// figures 0 [data/figures.jsonl]
	// links 0 [data/links.jsonl]
	// {"id":"doc-0001-p0001-s0001","document_id":"doc-0001","paragraph_id":"doc-0001-p0001","index":0,"text":"Çay demlendi.","char_start":0,"char_end":13,"byte_start":0,"byte_end":14,"word_count":2}
	// {"id":"doc-0001-p0001-s0002","document_id":"doc-0001","paragraph_id":"doc-0001-p0001","index":1,"text":"İçelim mi?","char_start":14,"char_end":24,"byte_start":15,"byte_end":27,"word_count":2}
}

func ExampleSchemas() {
	files, err := dataset.Schemas()
	if err != nil {
		log.Fatal(err)
	}
	for _, name := range []string{"book-document.schema.json", "book.schema.json", "documents.schema.json", "paragraphs.schema.json", "sentences.schema.json", "terms.schema.json"} {
		fmt.Println(name, len(files[name]) > 0)
	}
	fmt.Println(dataset.SchemaID(dataset.TableSentences))
	// Output:
	// book-document.schema.json true
	// book.schema.json true
	// documents.schema.json true
	// paragraphs.schema.json true
	// sentences.schema.json true
	// terms.schema.json true
	// https://seedpress.invalid/schema/v2/sentences.schema.json
}
