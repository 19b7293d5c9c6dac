package pdf

import "github.com/seedpress/seedpress/pipeline/doc"

// labels holds every word the PDF adds to a book, so that a Turkish book
// says "İçindekiler", never "Contents".
type labels struct {
	Contents  string // the table of contents
	Glossary  string // the glossary appendix
	Chapter   string // a chapter without a title; %d is its number
	Publisher string // imprint page
	Date      string
	Rights    string
	ID        string
}

// labelTable is keyed by the primary language subtag, lower case.
var labelTable = map[string]labels{
	"tr": {Contents: "İçindekiler", Glossary: "Kısaltmalar", Chapter: "Bölüm %d",
		Publisher: "Yayımcı", Date: "Tarih", Rights: "Haklar", ID: "Kimlik"},
	"en": {Contents: "Contents", Glossary: "Abbreviations", Chapter: "Chapter %d",
		Publisher: "Publisher", Date: "Date", Rights: "Rights", ID: "Identifier"},
}

// labelsFor returns the labels of a BCP 47 language tag, by its primary
// subtag (doc.PrimaryLang): those of doc.DefaultLang when the tag is empty,
// English for a language without a table.
func labelsFor(lang string) labels {
	if l, ok := labelTable[doc.PrimaryLang(lang)]; ok {
		return l
	}
	return labelTable["en"]
}
