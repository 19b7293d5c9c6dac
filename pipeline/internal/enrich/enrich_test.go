package enrich

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/seedpress/seedpress/internal/corpus"
	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/turkish"
)

func TestDefinitions(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Definition
	}{
		{"shipped seed", "koordinasyon görevini yerine getiren İnternet Tahsisli Sayılar ve İsimler Kurumu (Internet Corporation for Assigned Names and Numbers - ICANN) ya da İnternet’in teknik altyapısının (protokolleri ve standartlarının) geliştirilmesi için görev alan İnternet Mühendisliği Görev Grubu (Internet Engineering Task Force - IETF), İnternet yönetimi",
			[]Definition{
				{"ICANN", "İnternet Tahsisli Sayılar ve İsimler Kurumu", "Internet Corporation for Assigned Names and Numbers", 136},
				{"IETF", "İnternet Mühendisliği Görev Grubu", "Internet Engineering Task Force", 315},
			}},
		{"short form", "Türk Dil Kurumu (TDK) kuralları", []Definition{{"TDK", "Türk Dil Kurumu", "", 17}}},
		{"sentence-initial word dropped by initials", "Bugün Türk Dil Kurumu (TDK) toplandı.", []Definition{{"TDK", "Türk Dil Kurumu", "", 23}}},
		{"initials with a function word", "Bu yıl Ankara Bilim ve Teknoloji Merkezi (ABTM) açıldı.", []Definition{{"ABTM", "Ankara Bilim ve Teknoloji Merkezi", "", 42}}},
		{"initials counting the function word", "Sayılar ve İsimler (SVİ) listesi", []Definition{{"SVİ", "Sayılar ve İsimler", "", 20}}},
		{"English name with en dash", "çoğaldıkça Dünya Sağlık Örgütü (World Health Organization – WHO) gibi", []Definition{{"WHO", "Dünya Sağlık Örgütü", "World Health Organization", 60}}},
		{"English name with hyphen", "Dünya Sağlık Örgütü (World Health Organization - WHO)", []Definition{{"WHO", "Dünya Sağlık Örgütü", "World Health Organization", 49}}},
		{"English name with em dash", "bu Kuzey Atlantik Antlaşması Örgütü (North Atlantic Treaty Organization — NATO) üyesi", []Definition{{"NATO", "Kuzey Atlantik Antlaşması Örgütü", "North Atlantic Treaty Organization", 74}}},
		{"acronym first", "TBMM (Türkiye Büyük Millet Meclisi) toplandı.", []Definition{{"TBMM", "Türkiye Büyük Millet Meclisi", "", 0}}},
		{"acronym first after text", "Kanun TBMM (Türkiye Büyük Millet Meclisi) tarafından", []Definition{{"TBMM", "Türkiye Büyük Millet Meclisi", "", 6}}},
		{"syllabic acronym, no initials", "o yıl Türkiye Bilimsel ve Teknolojik Araştırma Kurumu (TÜBİTAK) kuruldu", []Definition{{"TÜBİTAK", "Türkiye Bilimsel ve Teknolojik Araştırma Kurumu", "", 55}}},
		{"digits in acronym", "Yirmiler Grubu Zirvesi (G20) toplandı", []Definition{{"G20", "Yirmiler Grubu Zirvesi", "", 24}}},
		{"no long form", "bu kurum (TDK) böyle", nil},
		{"one unmatched capitalised word", "Ahmet (CEO) geldi", nil},
		{"lower-case inside", "Türk Dil Kurumu (tdk)", nil},
		{"year", "Türk Dil Kurumu (1932)", nil},
		{"one letter", "Türk Dil (T)", nil},
		{"punctuation breaks the run", "Ankara, Türk Dil Kurumu (TDK)", []Definition{{"TDK", "Türk Dil Kurumu", "", 25}}},
		{"acronym first, lower-case inside", "TDK (kurum adı) dedi", nil},
		{"acronym first, initials do not match", "TDK (Başka Bir Ad) dedi", nil},
		{"English name without Turkish", "bir protokol (Transmission Control Protocol - TCP) ile", nil},
		{"hyphenated word is no dash", "Kuzey Batı Birliği (Kuzey-KB)", nil},
		{"unclosed", "Türk Dil Kurumu (TDK", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Definitions(tt.in)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Definitions(%q)\n got %+v\nwant %+v", tt.in, got, tt.want)
			}
			for _, d := range got {
				if a := string([]rune(tt.in)[d.At : d.At+len([]rune(d.Acronym))]); a != d.Acronym {
					t.Errorf("At %d points at %q, not %q", d.At, a, d.Acronym)
				}
			}
		})
	}
}

// para returns a paragraph of inlines with one sentence per ". ".
func para(ins ...doc.Inline) *doc.Paragraph {
	p := &doc.Paragraph{Inlines: ins}
	text := []rune(doc.PlainText(ins))
	start := 0
	for i := range text {
		if text[i] == '.' && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n') {
			p.Sentences = append(p.Sentences, doc.Sentence{Start: start, End: i + 1})
			start = i + 2
		}
	}
	return p
}

func txt(s string) *doc.Text { return &doc.Text{Value: s} }

func testBook() *doc.Book {
	return &doc.Book{Documents: []*doc.Document{
		{Source: "a.md", Blocks: []doc.Block{
			&doc.Heading{Level: 1, Inlines: []doc.Inline{txt("WHO ve TDK")}, Sentences: []doc.Sentence{{Start: 0, End: 10, Words: 3}}},
			para(txt("Türk Dil Kurumu (TDK) kurallar. TDK’nin sözlüğü ve "), &doc.Emph{Inlines: []doc.Inline{txt("TDK")}}, txt(" çıktı. Kod "), &doc.Code{Value: "TDK"}, txt(" değil.")),
			&doc.CodeBlock{Text: "TDK\n"},
			&doc.Quote{Blocks: []doc.Block{para(&doc.Link{URL: "https://TDK.gov.tr/TDK", Inlines: []doc.Inline{txt("TDK sitesi")}}, txt(" var."))}},
		}},
		{Source: "b.md", Index: 1, Blocks: []doc.Block{
			para(txt("Dünya Sağlık Örgütü (World Health Organization – WHO) var. WHO’nun ve ÇAĞ raporu. TDKS ve XTDK yok.")),
			para(txt("Çağdaş Araştırmalar Grubu (ÇAĞ) kuruldu."), &doc.LineBreak{}, txt("Türk Dili Kurultayı (TDK) ikinci kez.")),
		}},
	}}
}

func TestGlossary(t *testing.T) {
	b := testBook()
	var before []string
	for _, d := range b.Documents {
		for _, l := range d.Leaves() {
			before = append(before, l.Text)
		}
	}
	diags := Glossary(b)

	var got strings.Builder
	if err := doc.Dump(&got, b); err != nil {
		t.Fatal(err)
	}
	glossary := got.String()[strings.Index(got.String(), "glossary\n"):]
	wantGlossary := `glossary
  term 0 "TDK"
    expansion "Türk Dil Kurumu"
    defined 0/1/0
    occurrences 6
    uses 0/0/0 0/1/0 0/1/1 0/3/0 1/1/1
  term 1 "WHO"
    expansion "Dünya Sağlık Örgütü"
    expansion_en "World Health Organization" lang=en
    defined 1/0/0
    occurrences 2
    uses 1/0/0 1/0/1
  term 2 "ÇAĞ"
    expansion "Çağdaş Araştırmalar Grubu"
    defined 1/1/0
    occurrences 2
    uses 1/0/1 1/1/0
`
	if glossary != wantGlossary {
		t.Errorf("glossary\n%s\nwant\n%s", glossary, wantGlossary)
	}
	// WHO in a.md's heading comes before b.md, which defines it: it stays
	// text, with a warning. TDK in the same heading is marked: its
	// definition is in the same document.
	wantDiags := []string{
		`a.md: warning: acronym WHO is used before the document that defines it ("Dünya Sağlık Örgütü (World Health Organization)"); uses before that document are not marked`,
		`b.md: warning: acronym TDK defined again as "Türk Dili Kurultayı"; the first definition, "Türk Dil Kurumu", is kept`,
	}
	var gotDiags []string
	for _, d := range diags {
		gotDiags = append(gotDiags, d.String())
	}
	if !reflect.DeepEqual(gotDiags, wantDiags) {
		t.Errorf("diagnostics\n%q\nwant\n%q", gotDiags, wantDiags)
	}

	// Marking mentions must not change any plain text: sentence spans
	// computed before enrich stay valid.
	var after []string
	for _, d := range b.Documents {
		for _, l := range d.Leaves() {
			after = append(after, l.Text)
		}
	}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("plain text changed:\n%q\n%q", before, after)
	}

	var p strings.Builder
	if err := doc.Dump(&p, &doc.Book{Documents: b.Documents[:1]}); err != nil {
		t.Fatal(err)
	}
	wantDoc := `    text "WHO ve "
    abbr "TDK" term=0
`
	if !strings.Contains(p.String(), wantDoc) {
		t.Errorf("heading not split:\n%s", p.String())
	}
	wantPara := `    text "Türk Dil Kurumu ("
    abbr "TDK" term=0
    text ") kurallar. "
    abbr "TDK" term=0
    text "’nin sözlüğü ve "
    emph
      abbr "TDK" term=0
    text " çıktı. Kod "
    code "TDK"
    text " değil."
`
	if !strings.Contains(p.String(), wantPara) {
		t.Errorf("paragraph not split as expected:\n%s", p.String())
	}
	wantLink := `      link "https://TDK.gov.tr/TDK"
        abbr "TDK" term=0
        text " sitesi"
`
	if !strings.Contains(p.String(), wantLink) {
		t.Errorf("link text not split as expected:\n%s", p.String())
	}
	if cb := b.Documents[0].Blocks[2].(*doc.CodeBlock); cb.Text != "TDK\n" {
		t.Errorf("code block changed: %q", cb.Text)
	}
}

func TestGlossaryNone(t *testing.T) {
	b := &doc.Book{Documents: []*doc.Document{{Blocks: []doc.Block{para(txt("TDK ve WHO tanımsız."))}}}}
	if diags := Glossary(b); len(diags) != 0 {
		t.Errorf("diagnostics %v", diags)
	}
	if len(b.Glossary) != 0 {
		t.Errorf("glossary %+v", b.Glossary)
	}
	if _, ok := b.Documents[0].Blocks[0].(*doc.Paragraph).Inlines[0].(*doc.Text); !ok {
		t.Errorf("undefined acronyms marked")
	}
}

func TestSentenceAt(t *testing.T) {
	sents := []doc.Sentence{{Start: 0, End: 5}, {Start: 7, End: 12}}
	for _, tt := range []struct{ pos, want int }{{0, 0}, {4, 0}, {5, 0}, {7, 1}, {11, 1}, {20, 1}} {
		if got := sentenceAt(sents, tt.pos); got != tt.want {
			t.Errorf("sentenceAt(%d) = %d, want %d", tt.pos, got, tt.want)
		}
	}
	if got := sentenceAt(nil, 3); got != 0 {
		t.Errorf("sentenceAt(nil) = %d", got)
	}
}

// BenchmarkGlossary runs on a book of many paragraphs and many terms; its
// time per byte should not grow with the glossary.
func BenchmarkGlossary(b *testing.B) {
	for _, terms := range []int{10, 1000} {
		b.Run(fmt.Sprintf("terms=%d", terms), func(b *testing.B) {
			var text strings.Builder
			for i := range terms {
				acr := string(rune('A'+i%26)) + string(rune('A'+i/26%26)) + string(rune('A'+i/676%26))
				var long []string
				for _, r := range acr {
					long = append(long, string(r)+"ilim")
				}
				fmt.Fprintf(&text, "Bu %s (%s) kuruldu. %s’nin işi. ", strings.Join(long, " "), acr, acr)
			}
			src := text.String()
			b.SetBytes(int64(len(src)) * 200)
			for b.Loop() {
				b.StopTimer()
				book := &doc.Book{Documents: []*doc.Document{{}}}
				for range 200 {
					book.Documents[0].Blocks = append(book.Documents[0].Blocks, para(txt(src)))
				}
				b.StartTimer()
				Glossary(book)
			}
		})
	}
}

func FuzzDefinitions(f *testing.F) {
	for _, s := range []string{
		"Türk Dil Kurumu (TDK) kuralları",
		"Dünya Sağlık Örgütü (World Health Organization – WHO) gibi",
		"TBMM (Türkiye Büyük Millet Meclisi) toplandı.",
		"((((TDK)))) (- A) ( – ) A (B) Ab (AB",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text := []rune(s)
		for _, d := range Definitions(s) {
			n := len([]rune(d.Acronym))
			if d.At < 0 || d.At+n > len(text) || string(text[d.At:d.At+n]) != d.Acronym {
				t.Fatalf("At %d does not point at %q in %q", d.At, d.Acronym, s)
			}
			if !isAcronym(d.Acronym) || d.Expansion == "" {
				t.Fatalf("bad definition %+v", d)
			}
			// Find looks for definitions only in a leaf with acronym
			// words: the acronym is one of them.
			if !slices.ContainsFunc(acronymWords(s), func(w mention) bool { return w.start == d.At && s[w.bstart:w.bend] == d.Acronym }) {
				t.Fatalf("%q at %d is not one of the acronym words of %q", d.Acronym, d.At, s)
			}
		}
	})
}

// TestBuilder checks that Find may read documents concurrently and out of
// order: adding them in reading order gives what Glossary gives.
func TestBuilder(t *testing.T) {
	book := func() *doc.Book {
		b := testBook()
		// More documents, with a definition given again differently in a
		// later document, so that order matters.
		for i := range 5 {
			b.Documents = append(b.Documents, &doc.Document{Source: fmt.Sprintf("c%d.md", i), Index: len(b.Documents), Blocks: []doc.Block{
				para(txt("Türk Dil Kurumu (TDK) ve ÇAĞ."), &doc.Emph{Inlines: []doc.Inline{txt("WHO’nun TDK’si")}}),
				para(txt(fmt.Sprintf("Türk Dili Kurultayı %d (TDK) yine.", i))),
			}})
		}
		return b
	}
	dump := func(b *doc.Book, diags diag.List) string {
		var out strings.Builder
		if err := doc.Dump(&out, b); err != nil {
			t.Fatal(err)
		}
		for _, d := range diags {
			out.WriteString(d.String() + "\n")
		}
		return out.String()
	}
	want := book()
	want1 := dump(want, Glossary(want))
	if !strings.Contains(want1, "defined again") {
		t.Fatalf("test book gives no redefinition warning:\n%s", want1)
	}

	b := book()
	found := make([]*Found, len(b.Documents))
	var wg sync.WaitGroup
	for i := len(b.Documents) - 1; i >= 0; i-- {
		wg.Go(func() { found[i] = Find(b.Documents[i]) })
	}
	wg.Wait()
	g := NewBuilder()
	var diags diag.List
	for i, d := range b.Documents {
		diags.Append(g.Add(d, found[i]))
		if n := len(g.Terms()); i == 0 && n != 1 {
			t.Errorf("after the first document: %d terms, want 1 (TDK)", n)
		}
	}
	b.Glossary = g.Terms()
	if got := dump(b, diags); got != want1 {
		t.Errorf("Find concurrently + Add in order differs from Glossary:\n%s\nwant:\n%s", got, want1)
	}
}

// Glossary finds the acronym glossary of a whole book as the pipeline does
// while it streams: it gives every document of b, in order, to a Builder
// and sets b.Glossary.
func Glossary(b *doc.Book) diag.List {
	var diags diag.List
	g := NewBuilder()
	for _, d := range b.Documents {
		diags.Append(g.Add(d, Find(d)))
	}
	b.Glossary = g.Terms()
	return diags
}

// TestGlossaryManuscript checks the mentions inside a manuscript's
// constructs: a note's text, a line block, strikethrough and a span are
// searched like any text; a cross-reference, math, an image and a note
// mark keep their place in the plain text; table cells are not leaves.
func TestGlossaryManuscript(t *testing.T) {
	note := &doc.Note{ID: "1", Number: 1, Blocks: []doc.Block{para(txt("TDK’nin notu "), &doc.Strike{Inlines: []doc.Inline{txt("TDK")}}, txt("."))}}
	d := &doc.Document{Source: "a.md", Notes: []*doc.Note{note}, Blocks: []doc.Block{
		para(txt("Türk Dil Kurumu (TDK) var."), &doc.NoteRef{Note: note}, txt(" "), &doc.CrossRef{Target: "fig-a", Kind: doc.RefFigure, Label: "Şekil", Number: "1"},
			txt(" "), &doc.Math{Source: "x"}, &doc.InlineImage{Alt: "TDK"}, txt(" TDK "), &doc.Span{Inlines: []doc.Inline{txt("TDK")}}),
		&doc.LineBlock{Inlines: []doc.Inline{txt("bir TDK"), &doc.LineBreak{}, &doc.Sub{Inlines: []doc.Inline{txt("TDK")}}, txt(" x"), &doc.Sup{Inlines: []doc.Inline{txt("2")}}}},
		&doc.Table{Align: []doc.Align{doc.AlignDefault}, Head: []*doc.TableCell{{Inlines: []doc.Inline{txt("TDK")}}}},
	}}
	b := &doc.Book{Documents: []*doc.Document{d}}
	before := d.Text()
	if diags := Glossary(b); len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	if after := d.Text(); after != before {
		t.Errorf("the text changed:\n%q\n%q", before, after)
	}
	if n := b.Glossary[0].Occurrences; n != 7 {
		t.Errorf("%d occurrences of TDK, want 7 (the table's is no leaf's)", n)
	}
	var abbrs int
	doc.WalkDocument(d, func(n doc.Node, entering bool) doc.WalkStatus {
		if _, ok := n.(*doc.Abbr); ok && entering {
			abbrs++
		}
		return doc.WalkContinue
	})
	if abbrs != 7 {
		t.Errorf("%d Abbr inlines, want 7", abbrs)
	}
}

// acronymWordsRef is acronymWords as first written, one rune at a time
// through the decoder, every word that starts like an acronym kept when it
// is shaped like one: the reference the fast path must agree with.
func acronymWordsRef(text string) []mention {
	var ws []mention
	n := 0
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !turkish.IsWordRune(r) {
			i += size
			n++
			continue
		}
		j, m := i, n
		for j < len(text) {
			r, size := utf8.DecodeRuneInString(text[j:])
			if !turkish.IsWordRune(r) {
				break
			}
			j += size
			m++
		}
		if m-n >= 2 && isAcronymStart(r) && isAcronym(text[i:j]) {
			ws = append(ws, mention{start: n, end: m, bstart: i, bend: j})
		}
		i, n = j, m
	}
	return ws
}

var acronymWordsSeeds = []string{
	"", "A", "AB", "TDK’nin sözlüğü", "ICANNs ve ICANN’in", "Ünite ÖSYM, ÇŞB: İŞKUR.",
	"x TDK", "TDK", "ab CD ef", "G20 2G", "\xffAB\xff", "AB\x80CD", "ŞİR-KET ŞİRKET_ŞİRKET",
	"Z\u0301Z ZZ", "Ǆǅ DŽ", "1996’da ABD'de", "  ", "ŞŞ", "ĞĞ aĞ çÇÇ", "\xe2\xc3\x87A", "ç\xa7AB",
}

func TestAcronymWords(t *testing.T) {
	for _, text := range acronymWordsSeeds {
		if got, want := acronymWords(text), acronymWordsRef(text); !slices.Equal(got, want) {
			t.Errorf("acronymWords(%q) = %v, want %v", text, got, want)
		}
	}
}

func FuzzAcronymWords(f *testing.F) {
	for _, s := range acronymWordsSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := acronymWords(text), acronymWordsRef(text); !slices.Equal(got, want) {
			t.Errorf("acronymWords(%q) = %v, want %v", text, got, want)
		}
	})
}

// BenchmarkAcronymWords scans the bench corpora's sentences for the words
// that may be acronyms, as Find does for every leaf.
func BenchmarkAcronymWords(b *testing.B) {
	text := strings.Join(corpus.DefaultSentences(), ". ")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		acronymWords(text)
	}
}
