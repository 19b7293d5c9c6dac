// Package corpus generates deterministic corpora of Turkish seed files for
// seedpress's benchmarks.
//
// A corpus is built from the sentences of the shipped seed plus variety the
// generator adds from built-in Turkish vocabulary: headings, Markdown
// emphasis and strong text, bullet and ordered lists, block quotes, numbers
// (16.551.000, 3,5), dates (29.5.1453, 14.30’da), ordinals (19. yüzyıl),
// abbreviations (Dr., Prof., vb., örn.), and acronyms defined once
// ("Türk Dil Kurumu (TDK)", "Dünya Sağlık Örgütü (World Health Organization -
// WHO)") and reused with suffixes (TDK’nin). The same (n, seed) always gives
// byte-identical files.
package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/manifest"
)

// Version changes whenever the generator's output for a given (n, seed)
// changes, so that cached corpora can be told apart.
const Version = 2

// Stats describes a generated corpus.
type Stats struct {
	Documents int   // seed files written (book.yaml excluded)
	Markdown  int   // .md seeds
	Text      int   // .txt seeds
	Bytes     int64 // total size of the seed files, book.yaml excluded
	Words     int   // white-space separated words of the seed files
	Acronyms  int   // acronyms defined in the corpus
	// Footnotes, Tables and Figures count the rich parts of a corpus made
	// with Generator.Rich; zero otherwise.
	Footnotes int
	Tables    int
	Figures   int
}

// Generator writes corpora. The zero value uses DefaultSentences.
type Generator struct {
	// Sentences is the running-text material, each without its final
	// period. Nil means DefaultSentences().
	Sentences []string
	// Rich adds footnotes, tables and figures (with their images) to the
	// Markdown documents; see ImagesDir.
	Rich bool
}

// Generate writes a corpus of n seed files and a book.yaml into dir with
// the zero Generator. See (*Generator).Generate.
func Generate(dir string, n int, seed int64) (Stats, error) {
	var g Generator
	return g.Generate(dir, n, seed)
}

// Generate writes n seed files into dir, creating it if needed: about four
// in five are Markdown ("00042_3f9a0c1d2e4b5a6f.md"), the rest plain text
// (".txt"), about 4.9 KB each on average. It also writes a book.yaml whose
// documents section titles the .txt seeds. Files already in dir are left
// alone, so dir should be empty. The output depends only on g, n and seed.
func (g *Generator) Generate(dir string, n int, seed int64) (Stats, error) {
	if n < 0 {
		return Stats{}, fmt.Errorf("corpus: negative document count %d", n)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, fmt.Errorf("corpus: %w", err)
	}
	sentences := g.Sentences
	if sentences == nil {
		sentences = DefaultSentences()
	}
	if len(sentences) == 0 {
		return Stats{}, errors.New("corpus: no sentence material")
	}
	w := newWriter(sentences, seed)
	w.richOn = g.Rich
	if g.Rich {
		if err := writeImages(dir); err != nil {
			return Stats{}, err
		}
	}
	var st Stats
	var textTitles []string // "name: title" pairs for book.yaml

	for i := 0; i < n; i++ {
		name, title, data := w.document(i)
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return st, fmt.Errorf("corpus: write %s: %w", name, err)
		}
		st.Documents++
		if strings.HasSuffix(name, ".txt") {
			st.Text++
			textTitles = append(textTitles, name, title)
		} else {
			st.Markdown++
		}
		st.Bytes += int64(len(data))
		st.Words += countWords(data)
	}
	st.Acronyms = len(w.defined)
	st.Footnotes, st.Tables, st.Figures = w.footnotes, w.tables, w.figures
	if err := os.WriteFile(filepath.Join(dir, "book.yaml"), bookYAML(n, seed, textTitles), 0o644); err != nil {
		return st, fmt.Errorf("corpus: write book.yaml: %w", err)
	}
	return st, nil
}

// countWords counts runs of bytes other than ASCII space and newline: the
// generator writes no other white space.
func countWords(data []byte) int {
	n := 0
	in := false
	for _, c := range data {
		if c == ' ' || c == '\n' {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// DefaultSentences returns the sentences of the shipped seed followed by the
// built-in sentences.
func DefaultSentences() []string {
	s := SplitSentences(shippedSeed)
	return append(s, builtinSentences...)
}

// SplitSentences splits text naively on ". " and returns the trimmed,
// non-empty pieces without their final period.
func SplitSentences(text string) []string {
	var out []string
	for _, s := range strings.Split(text, ". ") {
		s = strings.TrimSpace(s)
		s = strings.TrimSuffix(s, ".")
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// ReadSentences returns the sentences of every .txt file of seedsDir, in
// file-name order, split by SplitSentences.
func ReadSentences(seedsDir string) ([]string, error) {
	names, err := filepath.Glob(filepath.Join(seedsDir, "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	sort.Strings(names)
	var out []string
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("corpus: %w", err)
		}
		out = append(out, SplitSentences(string(data))...)
	}
	return out, nil
}

// bookYAML returns the corpus manifest. titles alternates file names and
// titles of the .txt seeds. The titles stop where the next would take the
// manifest past manifest.MaxSize (at some 70,000 documents): the seeds
// after it are titled as the pipeline titles a seed the manifest omits.
func bookYAML(n int, seed int64, titles []string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "title: \"Türkçe Derlem %d\"\n", n)
	fmt.Fprintf(&b, "subtitle: \"%d belgelik deneme derlemi (tohum %d)\"\n", n, seed)
	b.WriteString("author:\n  - \"Seedpress Derlem Üreticisi\"\n")
	b.WriteString("lang: tr\n")
	b.WriteString("date: \"2024-05-19\"\n")
	b.WriteString("publisher: \"seedpress\"\n")
	b.WriteString("rights: \"CC BY 4.0\"\n")
	b.WriteString("description: \"seedpress başarım ölçümleri için üretilmiş Türkçe metinler.\"\n")
	b.WriteString("subject:\n  - \"Türkçe\"\n  - \"Başarım ölçümü\"\n")
	if len(titles) > 0 {
		b.WriteString("documents:\n")
		for i := 0; i < len(titles); i += 2 {
			entry := fmt.Sprintf("  %s:\n    title: %q\n", titles[i], titles[i+1])
			if b.Len()+len(entry) > manifest.MaxSize {
				break
			}
			b.WriteString(entry)
		}
	}
	return b.Bytes()
}

// writer holds the state of one generation run.
type writer struct {
	r         *rand.Rand
	sentences []string
	// defines maps a sentence index to the institutions whose definition the
	// sentence holds, so a seed sentence defines an acronym only once.
	defines map[int][]int
	defined map[string]bool
	b       bytes.Buffer
	line    int // bytes on the current output line, for wrapping

	// The rich parts (Generator.Rich): their own random source, so that
	// the prose does not change with them, and their counts.
	richOn                     bool
	rr                         *rand.Rand
	rich                       richState
	doc                        int
	footnotes, tables, figures int
}

func newWriter(sentences []string, seed int64) *writer {
	w := &writer{
		r:         rand.New(rand.NewPCG(uint64(seed), uint64(seed)^0x9e3779b97f4a7c15)),
		rr:        rand.New(rand.NewPCG(uint64(seed)^0x5851f42d4c957f2d, uint64(seed))),
		sentences: sentences,
		defines:   map[int][]int{},
		defined:   map[string]bool{},
	}
	for i, s := range sentences {
		for j, in := range institutions {
			if strings.Contains(s, in.definition()) {
				w.defines[i] = append(w.defines[i], j)
			}
		}
	}
	return w
}

// definition returns the defining form: "Türk Dil Kurumu (TDK)" or
// "Dünya Sağlık Örgütü (World Health Organization - WHO)".
func (in institution) definition() string {
	if in.en == "" {
		return in.tr + " (" + in.acronym + ")"
	}
	return in.tr + " (" + in.en + " - " + in.acronym + ")"
}

func (w *writer) pick(list []string) string { return list[w.r.IntN(len(list))] }

// document returns the file name, title and bytes of document i.
func (w *writer) document(i int) (name, title string, data []byte) {
	w.b.Reset()
	ext := ".md"
	if w.r.IntN(5) == 0 {
		ext = ".txt"
	}
	name = fmt.Sprintf("%05d_%016x%s", i, w.r.Uint64(), ext)
	title = fmt.Sprintf(w.pick(headingForms), w.pick(topics))
	if ext == ".txt" {
		w.textBody()
	} else {
		w.doc = i
		w.rich.notes = w.rich.notes[:0]
		w.markdownBody(title)
		if w.richOn {
			if w.rr.IntN(4) == 0 {
				w.table(i)
				w.tables++
			}
			if w.rr.IntN(4) == 0 {
				w.figure(i)
				w.figures++
			}
			for _, n := range w.rich.notes {
				w.b.WriteString(n + "\n\n")
			}
			w.footnotes += len(w.rich.notes)
		}
	}
	return name, title, bytes.Clone(w.b.Bytes())
}

// textBody writes plain-text paragraphs, some hard-wrapped.
func (w *writer) textBody() {
	paras := 8 + w.r.IntN(6)
	for p := 0; p < paras; p++ {
		if p > 0 {
			w.b.WriteString("\n")
		}
		w.paragraph(false, w.r.IntN(2) == 0)
	}
}

// markdownBody writes a heading and sections of paragraphs, lists and quotes.
func (w *writer) markdownBody(title string) {
	w.b.WriteString("# " + title + "\n\n")
	sections := 2 + w.r.IntN(3)
	for s := 0; s < sections; s++ {
		if s > 0 {
			w.b.WriteString("## " + w.pick(subheadings) + "\n\n")
		}
		paras := 2 + w.r.IntN(3)
		for p := 0; p < paras; p++ {
			w.paragraph(true, w.r.IntN(3) == 0)
			w.b.WriteString("\n")
		}
		switch w.r.IntN(4) {
		case 0:
			w.list(false)
		case 1:
			w.list(true)
		case 2:
			w.b.WriteString("> " + w.pick(quotes) + "\n> " + w.sentence(false) + "\n\n")
		}
	}
}

// list writes a bullet or ordered list of three to five items.
func (w *writer) list(ordered bool) {
	items := 3 + w.r.IntN(3)
	for k := 0; k < items; k++ {
		if ordered {
			fmt.Fprintf(&w.b, "%d. ", k+1)
		} else {
			w.b.WriteString("- ")
		}
		item := w.pick(listItems)
		switch w.r.IntN(4) {
		case 0:
			item += ": *" + w.pick(emphasisWords) + "*"
		case 1:
			item += " ve **" + w.pick(emphasisWords) + "**"
		}
		w.b.WriteString(item + "\n")
	}
	w.b.WriteString("\n")
}

// paragraph writes three to seven sentences and a newline. Markdown
// paragraphs get emphasis; wrapped ones break lines near 78 bytes.
func (w *writer) paragraph(markdown, wrap bool) {
	n := 3 + w.r.IntN(5)
	var p strings.Builder
	for k := 0; k < n; k++ {
		if k > 0 {
			p.WriteByte(' ')
		}
		p.WriteString(w.sentence(markdown))
	}
	text := p.String()
	if markdown && w.richOn && w.rr.IntN(3) == 0 {
		text = w.footnote(w.doc, text)
	}
	if !wrap {
		w.b.WriteString(text)
		w.b.WriteString("\n")
		return
	}
	w.line = 0
	for k, word := range strings.Split(text, " ") {
		// A line must not start with something Markdown or a plain-text
		// reader could take for a list marker, a heading or a quote.
		if k > 0 && w.line+1+len(word) > 78 && !markerLike(word) {
			w.b.WriteString("\n")
			w.line = 0
		} else if k > 0 {
			w.b.WriteByte(' ')
			w.line++
		}
		w.b.WriteString(word)
		w.line += len(word)
	}
	w.b.WriteString("\n")
}

func markerLike(word string) bool {
	r, _ := utf8.DecodeRuneInString(word)
	return unicode.IsDigit(r) || strings.ContainsRune("-*+>#=%|", r)
}

// sentence returns one sentence with its final punctuation: from the
// material half of the time, else built from a template.
func (w *writer) sentence(markdown bool) string {
	var s string
	if w.r.IntN(2) == 0 {
		i := w.r.IntN(len(w.sentences))
		s = w.sentences[i]
		for _, j := range w.defines[i] {
			in := institutions[j]
			if w.defined[in.acronym] {
				s = strings.Replace(s, in.definition(), in.acronym, 1)
			}
			w.defined[in.acronym] = true
		}
		s += "."
	} else {
		s = w.template()
	}
	if markdown && w.r.IntN(4) == 0 {
		s = w.emphasise(s)
	}
	return s
}

// emphasise wraps one all-letter, lower-case word of s in *…* or **…**.
// Capitalised words are left alone so that no acronym definition
// ("Türk Dil Kurumu (TDK)") is split by markup.
func (w *writer) emphasise(s string) string {
	words := strings.Split(s, " ")
	k := w.r.IntN(len(words))
	for _, r := range words[k] {
		if !unicode.IsLetter(r) || unicode.IsUpper(r) {
			return s
		}
	}
	if w.r.IntN(2) == 0 {
		words[k] = "*" + words[k] + "*"
	} else {
		words[k] = "**" + words[k] + "**"
	}
	return strings.Join(words, " ")
}

// acronym returns a mention of a random institution: its definition the
// first time in the corpus, afterwards the acronym with suffix (one of "",
// genitive, locative, dative by case).
func (w *writer) acronym(suffix int) string {
	in := institutions[w.r.IntN(len(institutions))]
	if !w.defined[in.acronym] {
		w.defined[in.acronym] = true
		return in.definition()
	}
	switch suffix {
	case 1:
		return in.acronym + in.gen
	case 2:
		return in.acronym + in.loc
	case 3:
		return in.acronym + in.dat
	}
	return in.acronym
}

func (w *writer) person() string {
	p := people[w.r.IntN(len(people))]
	return w.pick(titles) + " " + p.name
}

func (w *writer) personGen() string {
	p := people[w.r.IntN(len(people))]
	return w.pick(titles) + " " + p.name + p.gen
}

func (w *writer) ordinal() string {
	return fmt.Sprintf("%d. %s", 1+w.r.IntN(21), w.pick(ordinalNouns))
}

// template returns a generated sentence rich in numbers, dates, ordinals,
// abbreviations and acronyms.
func (w *writer) template() string {
	y := years[w.r.IntN(len(years))]
	t := clockTimes[w.r.IntN(len(clockTimes))]
	switch w.r.IntN(12) {
	case 0:
		return fmt.Sprintf("%s %d. yüzyıl üzerine yazdığı makalede %s kelimelik bir derlem inceledi.",
			w.person(), 15+w.r.IntN(7), w.pick(bigNumbers))
	case 1:
		return fmt.Sprintf("Sonuçlar %%%s oranında bir artış gösterdi.", w.pick(decimals))
	case 2:
		return fmt.Sprintf("%s%s yayımlanan raporda %s kişiye ulaşıldığı belirtildi.", y.year, y.loc, w.pick(bigNumbers))
	case 3:
		return fmt.Sprintf("Toplantı %s tarihinde saat %s%s başladı.", w.pick(dates), t.time, t.loc)
	case 4:
		return fmt.Sprintf("%s açıkladığı verilere göre katılım oranı %%%s oldu.", w.acronym(1), w.pick(decimals))
	case 5:
		return fmt.Sprintf("Pek çok ilke (örn. %s, %s, %s %s) bu çalışmada ele alındı.",
			w.pick(emphasisWords), w.pick(emphasisWords), w.pick(emphasisWords), w.pick(closingAbbrevs))
	case 6:
		return fmt.Sprintf("Ayrıntılar için bkz. %s.", w.ordinal())
	case 7:
		return fmt.Sprintf("%s bu konuda %s%s kapsamlı bir rapor yayımladı.", w.acronym(0), y.year, y.loc)
	case 8:
		return fmt.Sprintf("%s, %s sunduğu raporda %d. maddeye dikkat çekti.", w.person(), w.acronym(3), 1+w.r.IntN(30))
	case 9:
		return fmt.Sprintf("%s görüşlerine göre %s yürütülen çalışmalar %s tarihinden bu yana sürüyor.",
			w.personGen(), w.acronym(2), w.pick(dates))
	case 10:
		return fmt.Sprintf("Derlemde toplam %s kelime, %d belge ve %s MB veri bulunmaktadır.",
			w.pick(bigNumbers), 10+w.r.IntN(990), w.pick(decimals))
	}
	return fmt.Sprintf("Kurul, %s %s%s toplanarak %s ile birlikte yeni bir yol haritası belirledi.",
		w.pick(dates), t.time, t.loc, w.acronym(0))
}
