package doc

// Labels holds every word seedpress adds to a book, in one language, so
// that a Turkish book says "İçindekiler", "Şekil 2" and "Not", never
// "Contents", "Figure 2" and "Note". Every edition takes its words from
// here.
type Labels struct {
	Contents  string // the table of contents
	Glossary  string // the glossary appendix
	Chapter   string // a chapter without a title; %d is its number
	Publisher string // imprint page
	Date      string
	Rights    string
	ID        string

	// Cross-references and captions: "Bölüm 3", "Şekil 2", "Tablo 4".
	Section string
	Figure  string
	Table   string
	// Notes heads a chapter's footnotes where they are gathered (the
	// EPUB's end-of-section notes); BackToText is the back link's label.
	Notes      string
	BackToText string
	// TaskDone and TaskOpen name a task item's box for screen readers.
	TaskDone string
	TaskOpen string
	// Callouts holds the default title of each callout kind.
	Callouts map[CalloutKind]string
}

// labelTable is keyed by the primary language subtag, lower case.
var labelTable = map[string]Labels{
	"tr": {
		Contents: "İçindekiler", Glossary: "Kısaltmalar", Chapter: "Bölüm %d",
		Publisher: "Yayımcı", Date: "Tarih", Rights: "Haklar", ID: "Kimlik",
		Section: "Bölüm", Figure: "Şekil", Table: "Tablo",
		Notes: "Dipnotlar", BackToText: "Metne dön",
		TaskDone: "tamamlandı", TaskOpen: "yapılacak",
		Callouts: map[CalloutKind]string{
			CalloutNote: "Not", CalloutTip: "İpucu", CalloutWarning: "Uyarı",
			CalloutImportant: "Önemli", CalloutCaution: "Dikkat",
		},
	},
	"en": {
		Contents: "Contents", Glossary: "Abbreviations", Chapter: "Chapter %d",
		Publisher: "Publisher", Date: "Date", Rights: "Rights", ID: "Identifier",
		Section: "Section", Figure: "Figure", Table: "Table",
		Notes: "Notes", BackToText: "Back to text",
		TaskDone: "done", TaskOpen: "to do",
		Callouts: map[CalloutKind]string{
			CalloutNote: "Note", CalloutTip: "Tip", CalloutWarning: "Warning",
			CalloutImportant: "Important", CalloutCaution: "Caution",
		},
	},
}

// LabelsFor returns the labels of a BCP 47 language tag, by its primary
// subtag (PrimaryLang): those of DefaultLang when the tag is empty,
// English for a language without a table.
func LabelsFor(lang string) Labels {
	if l, ok := labelTable[PrimaryLang(lang)]; ok {
		return l
	}
	return labelTable["en"]
}
