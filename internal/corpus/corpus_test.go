package corpus

import (
	"bytes"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/seedpress/seedpress/internal/testtool"
)

// readCorpus returns the files of dir, subfolders included, by their
// slash-separated path relative to dir.
func readCorpus(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sortedNames(files map[string][]byte) []string {
	var names []string
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func TestGenerateDeterministic(t *testing.T) {
	tests := []struct {
		n    int
		seed int64
	}{
		{0, 1},
		{1, 1},
		{40, 7},
		{40, -3},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("n=%d/seed=%d", tt.n, tt.seed), func(t *testing.T) {
			a, b := t.TempDir(), t.TempDir()
			sa, err := Generate(a, tt.n, tt.seed)
			if err != nil {
				t.Fatal(err)
			}
			sb, err := Generate(b, tt.n, tt.seed)
			if err != nil {
				t.Fatal(err)
			}
			if sa != sb {
				t.Errorf("stats differ: %+v vs %+v", sa, sb)
			}
			fa, fb := readCorpus(t, a), readCorpus(t, b)
			if len(fa) != tt.n+1 {
				t.Errorf("got %d files, want %d seeds and book.yaml", len(fa), tt.n)
			}
			if len(fa) != len(fb) {
				t.Fatalf("file counts differ: %d vs %d", len(fa), len(fb))
			}
			for name, data := range fa {
				if !bytes.Equal(data, fb[name]) {
					t.Errorf("%s differs between two runs", name)
				}
			}
		})
	}
}

func TestGenerateSeedMatters(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	if _, err := Generate(a, 5, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(b, 5, 2); err != nil {
		t.Fatal(err)
	}
	fa, fb := readCorpus(t, a), readCorpus(t, b)
	na, nb := sortedNames(fa), sortedNames(fb)
	if strings.Join(na, " ") == strings.Join(nb, " ") {
		t.Errorf("seeds 1 and 2 gave the same file names %v", na)
	}
}

func TestGenerateStats(t *testing.T) {
	dir := t.TempDir()
	st, err := Generate(dir, 300, 1)
	if err != nil {
		t.Fatal(err)
	}
	files := readCorpus(t, dir)
	var want Stats
	for name, data := range files {
		switch filepath.Ext(name) {
		case ".md":
			want.Markdown++
		case ".txt":
			want.Text++
		default:
			continue
		}
		want.Documents++
		want.Bytes += int64(len(data))
		want.Words += len(strings.Fields(string(data)))
	}
	want.Acronyms = len(institutions)
	if st != want {
		t.Errorf("Stats = %+v, files say %+v", st, want)
	}
	if st.Text == 0 || st.Markdown < 3*st.Text {
		t.Errorf("want about four Markdown seeds in five, got %d .md and %d .txt", st.Markdown, st.Text)
	}
	// The reference corpora: 1,000 documents ≈ 4.9 MB.
	if avg := st.Bytes / int64(st.Documents); avg < 4500 || avg > 5300 {
		t.Errorf("average document is %d bytes, want about 4,900", avg)
	}
}

// TestGenerateVariety checks that a corpus holds every construct the
// benchmarks are meant to exercise.
func TestGenerateVariety(t *testing.T) {
	dir := t.TempDir()
	if _, err := Generate(dir, 200, 1); err != nil {
		t.Fatal(err)
	}
	files := readCorpus(t, dir)
	var md, txt strings.Builder
	for _, name := range sortedNames(files) {
		switch filepath.Ext(name) {
		case ".md":
			md.Write(files[name])
		case ".txt":
			txt.Write(files[name])
		}
	}
	// Wrapped lines join with a space, as a reader joins them.
	all := strings.ReplaceAll(md.String()+txt.String(), "\n", " ")
	checks := []struct {
		name string
		text string
		re   string
	}{
		{"title heading", md.String(), `(?m)^# \S`},
		{"section heading", md.String(), `(?m)^## \S`},
		{"bullet list", md.String(), `(?m)^- \S`},
		{"ordered list", md.String(), `(?m)^1\. \S`},
		{"block quote", md.String(), `(?m)^> \S`},
		{"emphasis", md.String(), `(^|\s)\*[^*\s]+\*`},
		{"strong", md.String(), `\*\*[^*\s]+\*\*`},
		{"thousands", all, `\d{1,3}\.\d{3}\.\d{3}`},
		{"decimal", all, `%\d+,\d+`},
		{"date", all, `\b\d{1,2}\.\d{1,2}\.\d{4}\b`},
		{"clock time", all, `\d{2}\.\d{2}’(da|de|ta|te)\b`},
		{"ordinal", all, `\b\d+\. (yüzyıl|madde|bölüm|sınıf|kongre|sayı|baskı)`},
		{"year with suffix", all, `\b\d{4}’(da|de|ta|te)\b`},
		{"Dr.", all, `\bDr\. `},
		{"Prof.", all, `\bProf\. `},
		{"vb.", all, `\bvb\.`},
		{"örn.", all, `örn\. `},
		{"Turkish acronym definition", all, `Türk Dil Kurumu \(TDK\)`},
		{"bilingual acronym definition", all, `Dünya Sağlık Örgütü \(World Health Organization - WHO\)`},
		{"suffixed acronym", all, `\b(TDK’nin|TDK’de|TDK’ye)`},
		{"hard-wrapped paragraph", md.String() + txt.String(), `(?m)^[^\n#>\-0-9].{60,78}\n[^\n#>\-]`},
	}
	for _, c := range checks {
		if !regexp.MustCompile(c.re).MatchString(c.text) {
			t.Errorf("no %s (%s) in the corpus", c.name, c.re)
		}
	}
	// Each acronym is defined once in the whole corpus.
	for _, in := range institutions {
		if n := strings.Count(all, in.definition()); n != 1 {
			t.Errorf("%s is defined %d times, want once", in.acronym, n)
		}
	}
}

// TestGenerateNoStrayMarkers checks that wrapping never starts a line with
// something a reader could take for a block marker: in plain text no line
// starts like a list item, heading or quote, and in Markdown every numbered
// line belongs to a list that starts at 1.
func TestGenerateNoStrayMarkers(t *testing.T) {
	dir := t.TempDir()
	if _, err := Generate(dir, 200, 3); err != nil {
		t.Fatal(err)
	}
	marker := regexp.MustCompile(`^(\d+[.)] |[-*+>#] )`)
	numbered := regexp.MustCompile(`^\d+\. `)
	for name, data := range readCorpus(t, dir) {
		lines := strings.Split(string(data), "\n")
		for i, line := range lines {
			switch filepath.Ext(name) {
			case ".txt":
				if marker.MatchString(line) {
					t.Errorf("%s:%d: plain-text line starts with a marker: %q", name, i+1, line)
				}
			case ".md":
				if !numbered.MatchString(line) {
					continue
				}
				first := strings.HasPrefix(line, "1. ") && (i == 0 || lines[i-1] == "")
				if !first && (i == 0 || !numbered.MatchString(lines[i-1])) {
					t.Errorf("%s:%d: numbered line outside a list: %q", name, i+1, line)
				}
			}
		}
	}
}

func TestGenerateBookYAML(t *testing.T) {
	dir := t.TempDir()
	st, err := Generate(dir, 50, 1)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "book.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Title     string
		Lang      string
		Author    []string
		Documents map[string]struct{ Title string }
	}
	if err := yaml.Unmarshal(data, &m); err != nil {
		t.Fatalf("book.yaml: %v", err)
	}
	if m.Title == "" || m.Lang != "tr" || len(m.Author) != 1 {
		t.Errorf("book.yaml metadata = %+v", m)
	}
	if len(m.Documents) != st.Text {
		t.Errorf("book.yaml titles %d documents, want the %d .txt seeds", len(m.Documents), st.Text)
	}
	for name, d := range m.Documents {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil || d.Title == "" {
			t.Errorf("book.yaml: document %q (title %q) is not a titled seed: %v", name, d.Title, err)
		}
	}
}

func TestGenerateNegative(t *testing.T) {
	if _, err := Generate(t.TempDir(), -1, 1); err == nil {
		t.Error("Generate(-1) succeeded")
	}
	g := Generator{Sentences: []string{}}
	if _, err := g.Generate(t.TempDir(), 1, 1); err == nil {
		t.Error("Generate with no material succeeded")
	}
}

// TestShippedSeed keeps the built-in copy of the shipped seed equal to the
// file, and checks ReadSentences against it.
func TestShippedSeed(t *testing.T) {
	seeds := filepath.Join(testtool.Root(), "seeds")
	data, err := os.ReadFile(filepath.Join(seeds, "000_0e50c0d65c5fae10.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(data)) != shippedSeed {
		t.Error("shippedSeed differs from seeds/000_0e50c0d65c5fae10.txt; copy the file into seed.go")
	}
	got, err := ReadSentences(seeds)
	if err != nil {
		t.Fatal(err)
	}
	want := SplitSentences(shippedSeed)
	if len(want) != 13 {
		t.Errorf("the shipped seed splits into %d sentences, want 13", len(want))
	}
	if len(got) < len(want) {
		t.Fatalf("ReadSentences found %d sentences, want at least %d", len(got), len(want))
	}
}

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Bir. İki. Üç.", []string{"Bir", "İki", "Üç"}},
		{"  Tek cümle  ", []string{"Tek cümle"}},
		{"Dr. Ayşe geldi. Gitti.", []string{"Dr", "Ayşe geldi", "Gitti"}}, // naive on purpose
	}
	for _, tt := range tests {
		got := SplitSentences(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("SplitSentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestGeneratorSentences(t *testing.T) {
	dir := t.TempDir()
	g := Generator{Sentences: []string{"Yalnızca bu cümle kullanılır"}}
	if _, err := g.Generate(dir, 20, 1); err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for name, data := range readCorpus(t, dir) {
		if name != "book.yaml" {
			all.Write(data)
		}
	}
	if !strings.Contains(all.String(), "cümle kullanılır.") {
		t.Error("the given material does not appear in the corpus")
	}
	if strings.Contains(all.String(), "Siber güvenliğin sağlanması") {
		t.Error("the default material appears although other material was given")
	}
}

// TestGenerateRich checks the rich corpus: footnotes, tables and figures
// counted and present, its images decodable PNGs, and its plain-text
// seeds and file names those of the prose corpus of the same (n, seed).
func TestGenerateRich(t *testing.T) {
	plainDir, richDir := t.TempDir(), t.TempDir()
	plain, err := Generate(plainDir, 60, 3)
	if err != nil {
		t.Fatal(err)
	}
	g := Generator{Rich: true}
	st, err := g.Generate(richDir, 60, 3)
	if err != nil {
		t.Fatal(err)
	}
	if st.Footnotes == 0 || st.Tables == 0 || st.Figures == 0 {
		t.Fatalf("rich corpus without rich parts: %+v", st)
	}
	if st.Documents != plain.Documents || st.Markdown != plain.Markdown || st.Bytes <= plain.Bytes {
		t.Errorf("rich stats %+v against prose %+v", st, plain)
	}
	p, r := readCorpus(t, plainDir), readCorpus(t, richDir)
	var notes, tables, figures int
	for name, data := range r {
		if strings.HasPrefix(name, ImagesDir+"/") {
			if _, err := png.Decode(bytes.NewReader(data)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if _, ok := p[name]; !ok {
			t.Errorf("%s is not a file of the prose corpus", name)
			continue
		}
		if strings.HasSuffix(name, ".txt") && !bytes.Equal(data, p[name]) {
			t.Errorf("%s differs from the prose corpus's", name)
		}
		notes += bytes.Count(data, []byte("\n[^"))
		tables += bytes.Count(data, []byte("|:---|"))
		figures += bytes.Count(data, []byte("]("+ImagesDir+"/"))
	}
	if notes != st.Footnotes || tables != st.Tables || figures != st.Figures {
		t.Errorf("files hold %d notes, %d tables, %d figures; stats say %+v", notes, tables, figures, st)
	}
}
