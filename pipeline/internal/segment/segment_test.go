package segment

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/seedpress/seedpress/internal/corpus"
)

// split runs Sentences and returns the sentence texts.
func split(text string) []string {
	rs := []rune(text)
	var out []string
	for _, s := range Sentences(text) {
		out = append(out, string(rs[s.Start:s.End]))
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"spaces", " \t\n ", nil},
		{"one", "Merhaba dünya.", []string{"Merhaba dünya."}},
		{"no final punctuation", "Başlık", []string{"Başlık"}},
		{"trimmed", "  Geldi.   Gitti.  ", []string{"Geldi.", "Gitti."}},
		{"line break", "Geldi.\nGitti.", []string{"Geldi.", "Gitti."}},
		{"title", "Dr. Ayşe geldi.", []string{"Dr. Ayşe geldi."}},
		{"list closer", "Elma, armut vb. Sonra eve döndük.", []string{"Elma, armut vb.", "Sonra eve döndük."}},
		{"list closer in sentence", "Elma, armut vb. meyveler.", []string{"Elma, armut vb. meyveler."}},
		{"ordinal lower", "19. yüzyılda oldu.", []string{"19. yüzyılda oldu."}},
		{"ordinal upper", "2. Dünya Savaşı bitti.", []string{"2. Dünya Savaşı bitti."}},
		{"roman", "XV. yüzyılda ve II. Mehmet zamanında.", []string{"XV. yüzyılda ve II. Mehmet zamanında."}},
		{"year ends sentence", "Doğum yılı 1881. Ölüm yılı 1938.", []string{"Doğum yılı 1881.", "Ölüm yılı 1938."}},
		{"initials", "J. R. R. Tolkien yazdı.", []string{"J. R. R. Tolkien yazdı."}},
		{"decimal", "Oran 3,5 oldu. Sonra düştü.", []string{"Oran 3,5 oldu.", "Sonra düştü."}},
		{"ellipsis lower", "Bekledi... ve gitti.", []string{"Bekledi... ve gitti."}},
		{"ellipsis upper", "Bekledi… Kimse gelmedi.", []string{"Bekledi…", "Kimse gelmedi."}},
		{"quote attribution", "“Gel!” dedi.", []string{"“Gel!” dedi."}},
		{"quote then sentence", "“Gel!” Sonra gitti.", []string{"“Gel!”", "Sonra gitti."}},
		{"inside quotes", "O da “Tamam.” dedi.” Sonra gitti.", []string{"O da “Tamam.” dedi.”", "Sonra gitti."}},
		{"speech verb", "Neden? diye sordu.", []string{"Neden? diye sordu."}},
		{"dialogue", "— Nereye gidiyorsun? — Eve.", []string{"— Nereye gidiyorsun?", "— Eve."}},
		{"interrobang", "Bu ne?! Hiç görmedim.", []string{"Bu ne?!", "Hiç görmedim."}},
		{"informal", "eve döndü. sabah kalktı.", []string{"eve döndü.", "sabah kalktı."}},
		{"url", "Bak www.example.com.tr sitesine. Orada.", []string{"Bak www.example.com.tr sitesine.", "Orada."}},
		{"digit start", "Kuruldu. 1996’da büyüdü.", []string{"Kuruldu.", "1996’da büyüdü."}},
		{"parenthetical mark", "Bu (!) adam geldi.", []string{"Bu (!) adam geldi."}},
		{"footnote", "Savaş bitti.[3] Barış geldi.", []string{"Savaş bitti.[3]", "Barış geldi."}},
		{"lone punctuation", "Gitti . Sonra geldi .", []string{"Gitti .", "Sonra geldi ."}},
		{"pronoun o", "Gelen o. Sonra gitti.", []string{"Gelen o.", "Sonra gitti."}},
		{"acronym ends", "Karar veren TBMM. Sonra onaylandı.", []string{"Karar veren TBMM.", "Sonra onaylandı."}},
		{"unknown rank", "Tğm. Ali geldi.", []string{"Tğm. Ali geldi."}},
		{"colon alone", "Bak : şuna. Sonra.", []string{"Bak : şuna.", "Sonra."}},
		{"emoticon", "güzeldi :) yarın gel.", []string{"güzeldi :)", "yarın gel."}},
		{"emoji after punctuation", "Harika! 😀 Sonra.", []string{"Harika! 😀", "Sonra."}},
		{"no space", "geldi.Sonra gitti.", []string{"geldi.", "Sonra gitti."}},
		{"no space abbreviation", "Prof.Dr. Ali geldi.", []string{"Prof.Dr. Ali geldi."}},
		{"label noun", "Bkz. Tablo 2. Orada.", []string{"Bkz. Tablo 2.", "Orada."}},
		{"opener after ordinal", "Puanı 85. Bu rekor.", []string{"Puanı 85.", "Bu rekor."}},
		{"list number", "1. Bu bölümde.", []string{"1. Bu bölümde."}},
		{"title with label", "Bölüm 2. Yöntem ve Bulgular", []string{"Bölüm 2. Yöntem ve Bulgular"}},
		{"attribution", "“Gel!” Ahmet dedi. Sonra.", []string{"“Gel!” Ahmet dedi.", "Sonra."}},
		{"straight quotes", `"Gel!" dedi. "Gelmem."`, []string{`"Gel!" dedi.`, `"Gelmem."`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := split(tt.in)
			if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") || len(got) != len(tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestSentencesWords(t *testing.T) {
	got := Sentences("İnternet’in tarihi 1996’da başladı. Nüfus 16.551.000 oldu.")
	want := []int{4, 3}
	if len(got) != len(want) {
		t.Fatalf("got %d sentences, want %d", len(got), len(want))
	}
	for i, s := range got {
		if s.Words != want[i] {
			t.Errorf("sentence %d: Words = %d, want %d", i, s.Words, want[i])
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"  ", 0},
		{"— … !?", 0},
		{"İnternet’in", 1},
		{"İnternet'in", 1},
		{"1996’da", 1},
		{"16.551.000", 1},
		{"3,5", 1},
		{"e-posta", 1},
		{"M.Ö.", 1},
		{"14.30’da", 1},
		{"29.05.2023", 1},
		{"ad@example.com.tr", 1},
		{"www.example.com.tr", 1},
		{"elma, armut", 2},
		{"1, 2, 3", 3},
		{"“Gel!” dedi.", 2},
		{"— Nereye gidiyorsun?", 2},
		{"Ali - Veli", 2},
		{"ICANN (İnternet Tahsisli Sayılar ve İsimler Kurumu)", 7},
		{"%50", 1},
		{"'alıntı'", 1},
		{"ABD'de 3 kişi", 3},
	}
	for _, tt := range tests {
		if got := Words(tt.in); got != tt.want {
			t.Errorf("Words(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// TestLowerAfterPeriod checks the rule for a lower-case word after a
// period that follows an ordinary word (see abbreviationLike): it continues
// the sentence after an acronym, a symbol, a capitalised word inside a
// sentence or a vowel-less word, when the sentence starts with a capital
// or a digit; everything else still splits.
func TestLowerAfterPeriod(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		// The period is not a full stop.
		{"currency symbol", "Fiyat 400 TL. olarak belirlendi.", []string{"Fiyat 400 TL. olarak belirlendi."}},
		{"acronym", "AKP. ve CHP oylamaya katıldı.", []string{"AKP. ve CHP oylamaya katıldı."}},
		{"acronym inside", "Ona 3 ABD. doları verdi.", []string{"Ona 3 ABD. doları verdi."}},
		{"unit symbol", "Günlük 5 kWh. tüketim var.", []string{"Günlük 5 kWh. tüketim var."}},
		{"symbol glued to number", "Maaşı 5.000USD. idi.", []string{"Maaşı 5.000USD. idi."}},
		{"unlisted title", "Genel Müd. yardımcısı geldi.", []string{"Genel Müd. yardımcısı geldi."}},
		{"unlisted abbreviation", "Şirketin Yön. kurulu toplandı.", []string{"Şirketin Yön. kurulu toplandı."}},
		{"capitalised inside", "Kazanan Galatasaray. ama kimse sevinmedi.", []string{"Kazanan Galatasaray. ama kimse sevinmedi."}},
		{"vowel-less lower case", "Dava 30 sn. sürdü.", []string{"Dava 30 sn. sürdü."}},
		{"vowel-less title", "Sn. bakan ile gnl. müdür görüştü.", []string{"Sn. bakan ile gnl. müdür görüştü."}},
		{"listed legal abbreviation", "Davacı vek. Av. Zeynep Ak itiraz etti.", []string{"Davacı vek. Av. Zeynep Ak itiraz etti."}},
		{"listed before lower case", "Genel Başkan vek. olarak atandı.", []string{"Genel Başkan vek. olarak atandı."}},
		{"digit start", "400 TL. olarak belirlendi.", []string{"400 TL. olarak belirlendi."}},
		{"quoted start", "“AKP. ve CHP” dedi.", []string{"“AKP. ve CHP” dedi."}},

		// Still a sentence end.
		{"finite verb", "Otel çok güzeldi. personel de ilgiliydi.", []string{"Otel çok güzeldi.", "personel de ilgiliydi."}},
		{"predicate", "Hava güzel. denize girdik.", []string{"Hava güzel.", "denize girdik."}},
		{"lower-case writer", "dün geldi AKP. sonra gitti.", []string{"dün geldi AKP.", "sonra gitti."}},
		{"lower-case writer, name", "bugün geldi Ahmet. sonra gitti.", []string{"bugün geldi Ahmet.", "sonra gitti."}},
		{"apostrophe suffix", "Gittim Ankara'ya. yarın dönerim.", []string{"Gittim Ankara'ya.", "yarın dönerim."}},
		{"typographic apostrophe", "Kaldık ABD’de. sonra döndük.", []string{"Kaldık ABD’de.", "sonra döndük."}},
		{"capital at start", "Tamam. sonra konuşuruz.", []string{"Tamam.", "sonra konuşuruz."}},
		{"interjection", "Hmm. sanırım öyle.", []string{"Hmm.", "sanırım öyle."}},
		{"chat shorthand", "Geldim tmm. sonra yazarım.", []string{"Geldim tmm.", "sonra yazarım."}},
		{"capital after acronym", "Karar veren TBMM. Sonra onaylandı.", []string{"Karar veren TBMM.", "Sonra onaylandı."}},
		{"digit after acronym", "Kazanan AKP. 2002'de iktidar oldu.", []string{"Kazanan AKP.", "2002'de iktidar oldu."}},
		{"dialogue after acronym", "Kim kazandı? AKP. — ama emin değilim.", []string{"Kim kazandı?", "AKP.", "— ama emin değilim."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := split(tt.in)
			if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") || len(got) != len(tt.want) {
				t.Errorf("Sentences(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// hardCase is one line of testdata/hard.txt: the expected sentences and
// the separators between them (" " for " | ", "" for a bare "|").
type hardCase struct {
	line  int
	sents []string
	seps  []string
}

// text returns the paragraph of c and its sentences, after prep.
func (c hardCase) text(prep func(string) string) (string, []string) {
	gold := make([]string, len(c.sents))
	var b strings.Builder
	for i, s := range c.sents {
		gold[i] = prep(s)
		if i > 0 {
			b.WriteString(c.seps[i-1])
		}
		b.WriteString(gold[i])
	}
	return b.String(), gold
}

func readHard(t *testing.T) []hardCase {
	t.Helper()
	f, err := os.Open("testdata/hard.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []hardCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		c := hardCase{line: n}
		parts := strings.Split(line, "|")
		for i, part := range parts {
			if i > 0 {
				sep := ""
				if strings.HasSuffix(parts[i-1], " ") {
					sep = " "
				}
				c.seps = append(c.seps, sep)
			}
			c.sents = append(c.sents, strings.TrimSpace(part))
		}
		cases = append(cases, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestHardSet checks the hand-written cases of testdata/hard.txt, as written
// and in typographic form. Every case must pass: the set is small enough
// that each failure is a rule to fix.
func TestHardSet(t *testing.T) {
	cases := readHard(t)
	if len(cases) < 150 {
		t.Fatalf("hard set has %d cases, want at least 150", len(cases))
	}
	for _, v := range []struct {
		name string
		prep func(string) string
	}{
		{"raw", func(s string) string { return s }},
		{"typographic", typographic},
	} {
		t.Run(v.name, func(t *testing.T) {
			var s score
			failed := 0
			for _, c := range cases {
				text, gold := c.text(v.prep)
				errs := evaluate(gold, text, &s)
				if len(errs) > 0 {
					failed++
					t.Errorf("hard.txt:%d: %s", c.line, strings.Join(errs, "; "))
				}
			}
			p, r, f1 := s.prf()
			t.Logf("hard set (%s): %d cases, %d failed, boundaries %d, P=%.4f R=%.4f F1=%.4f",
				v.name, len(cases), failed, s.tp+s.fn, p, r, f1)
		})
	}
}

// checkInvariants verifies the contract of Sentences on text.
func checkInvariants(t *testing.T, text string) {
	t.Helper()
	rs := []rune(text)
	spans := Sentences(text)
	covered := make([]bool, len(rs))
	prev := 0
	for i, s := range spans {
		if s.Start < prev || s.End <= s.Start || s.End > len(rs) {
			t.Fatalf("span %d %v out of order or range (prev end %d, len %d) in %q", i, s, prev, len(rs), text)
		}
		if unicode.IsSpace(rs[s.Start]) || unicode.IsSpace(rs[s.End-1]) {
			t.Fatalf("span %d %v not trimmed in %q", i, s, text)
		}
		if want := wordsRunes(rs[s.Start:s.End]); s.Words != want {
			t.Fatalf("span %d Words = %d, want %d", i, s.Words, want)
		}
		for k := s.Start; k < s.End; k++ {
			covered[k] = true
		}
		prev = s.End
	}
	for k, r := range rs {
		if !unicode.IsSpace(r) && !covered[k] {
			t.Fatalf("rune %d (%q) not covered in %q", k, r, text)
		}
	}
}

func FuzzSentences(f *testing.F) {
	for _, s := range []string{
		"", " ", "Dr. Ayşe geldi. Sonra gitti.", "“Gel!” dedi.", "— Nereye? — Eve.",
		"19. yüzyıl", "... …", "(!) [3]", "a.b.c.", "\u00a0x.\u2003Y", "\xff. A",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			// Sentences gets decoded text; invalid bytes become U+FFFD
			// runes, which must work as well.
			s = strings.ToValidUTF8(s, "\uFFFD")
		}
		checkInvariants(t, s)
		_ = Words(s)
	})
}

func TestInvariantsHardSet(t *testing.T) {
	for _, c := range readHard(t) {
		text, _ := c.text(func(s string) string { return s })
		checkInvariants(t, text)
		checkInvariants(t, typographic(strings.Join(c.sents, "  \n")))
	}
}

// TestPathological checks that long inputs finish: a 200,000-character
// paragraph of short sentences and abbreviations, and 10,000-character
// "words" with and without inner periods.
func TestPathological(t *testing.T) {
	inputs := map[string]string{
		"paragraph": strings.Repeat("Dr. A. Yılmaz 19. yüzyılda geldi... ve “Gel!” dedi. ", 4000)[:200000],
		"dots":      strings.Repeat("a.", 100000),
		"long word": strings.Repeat("ş", 10000) + ". " + strings.Repeat("Ş", 10000) + ".",
		"periods":   strings.Repeat(".", 200000),
		"quotes":    strings.Repeat("“!” ", 50000),
		"spaces":    strings.Repeat(" . ", 70000),
		"dashes":    strings.Repeat("— ", 100000),
		"digits":    strings.Repeat("1.", 100000) + " A",
	}
	for name, in := range inputs {
		t.Run(name, func(t *testing.T) {
			spans := Sentences(in)
			if strings.TrimSpace(in) != "" && len(spans) == 0 {
				t.Fatal("no spans")
			}
			checkInvariants(t, in)
		})
	}
}

func BenchmarkSentences(b *testing.B) {
	f, err := os.ReadFile("testdata/hard.txt")
	if err != nil {
		b.Fatal(err)
	}
	var para strings.Builder
	for _, line := range strings.Split(string(f), "\n") {
		if line != "" && !strings.HasPrefix(line, "#") {
			para.WriteString(strings.ReplaceAll(line, " | ", " "))
			para.WriteByte(' ')
		}
	}
	unit := para.String()
	text := strings.Repeat(unit, 1<<20/len(unit)+1) // about 1 MB
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		Sentences(text)
	}
}

// BenchmarkSentencesProse splits paragraphs of the bench corpora's
// sentences (see package corpus), eight sentences each, as a build does.
func BenchmarkSentencesProse(b *testing.B) {
	sents := corpus.DefaultSentences()
	var paras []string
	size := 0
	for i := 0; i+8 <= len(sents); i += 8 {
		p := strings.Join(sents[i:i+8], ". ") + "."
		paras = append(paras, p)
		size += len(p)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paras {
			Sentences(p)
		}
	}
}

func ExampleSentences() {
	text := "Prof. Dr. Ayşe Kaya 19. yüzyılı anlattı. “Gel!” dedi. eve geç döndü… Sonra uyudu."
	rs := []rune(text)
	for _, s := range Sentences(text) {
		fmt.Printf("%d-%d %d %s\n", s.Start, s.End, s.Words, string(rs[s.Start:s.End]))
	}
	// Output:
	// 0-40 7 Prof. Dr. Ayşe Kaya 19. yüzyılı anlattı.
	// 41-53 2 “Gel!” dedi.
	// 54-68 3 eve geç döndü…
	// 69-81 2 Sonra uyudu.
}

func ExampleWords() {
	fmt.Println(Words("İnternet’in 1996’da 16.551.000 kullanıcısı vardı; e-posta yaygınlaştı."))
	// Output: 7
}
