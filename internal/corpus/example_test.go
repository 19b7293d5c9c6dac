package corpus_test

import (
	"fmt"
	"log"
	"os"

	"github.com/seedpress/seedpress/internal/corpus"
)

func ExampleGenerate() {
	dir, err := os.MkdirTemp("", "corpus")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	st, err := corpus.Generate(dir, 10, 42)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d documents (%d Markdown, %d text), %d acronyms defined\n",
		st.Documents, st.Markdown, st.Text, st.Acronyms)
	// Output:
	// 10 documents (5 Markdown, 5 text), 16 acronyms defined
}
