package epub

import "github.com/seedpress/seedpress/pipeline/doc"

// labels holds every word that the EPUB itself adds to a book: navigation
// headings, landmark names, the cover's alt text and the accessibility
// summary. A book is labelled in its own language so that nothing in a
// Turkish book says "Table of Contents" or "Cover Image".
type labels struct {
	// Labels are the words every edition adds (contents, glossary, the
	// imprint's lines, captions, notes): the model's one table.
	doc.Labels

	Cover     string // the cover page, in the toc and landmarks
	CoverAlt  string // alt text of the cover image; %s is the title
	TitlePage string // the title page (imprint)
	Landmarks string // the heading of the landmarks nav
	Start     string // the first chapter, in the landmarks
	Authors   string // the imprint line before the authors
	Summary   string // schema:accessibilitySummary
	Untitled  string // the title of a book that has none
}

// labelTable is keyed by the primary language subtag, lower case.
var labelTable = map[string]labels{
	"tr": {
		Untitled:  "Adsız",
		Cover:     "Kapak",
		CoverAlt:  "Kapak: %s",
		TitlePage: "Künye",
		Landmarks: "Yer İmleri",
		Start:     "Başlangıç",
		Authors:   "Yazar",
		Summary: "Bu yayın metin tabanlıdır ve bir ekran okuyucuyla baştan sona okunabilir. " +
			"İçindekiler tablosu, başlıklar ve yer imleri ile gezinilebilir; okuma sırası bellidir. " +
			"Kısaltmalar metin içinde açılımlarıyla işaretlenmiş ve ayrı bir bölümde listelenmiştir. " +
			"Kapak görselinin metin karşılığı vardır. Yazı tipi ve boyutu okuyucunun ayarlarına bırakılmıştır. " +
			"Yanıp sönen, hareket ya da ses içeren öge yoktur.",
	},
	"en": {
		Untitled:  "Untitled",
		Cover:     "Cover",
		CoverAlt:  "Cover: %s",
		TitlePage: "Title Page",
		Landmarks: "Landmarks",
		Start:     "Start",
		Authors:   "Author",
		Summary: "This publication is text-based and can be read from start to finish with a screen reader. " +
			"It can be navigated by its table of contents, headings and landmarks; the reading order is defined. " +
			"Abbreviations are marked up with their expansions in the text and listed in a chapter of their own. " +
			"The cover image has a text alternative. Font face and size are left to the reader's settings. " +
			"There is no flashing, motion or sound.",
	},
}

// labelsFor returns the labels for the BCP 47 tag lang: those of its primary
// subtag, else English.
func labelsFor(lang string) labels {
	l, ok := labelTable[doc.PrimaryLang(lang)]
	if !ok {
		l = labelTable["en"]
	}
	l.Labels = doc.LabelsFor(lang)
	return l
}
