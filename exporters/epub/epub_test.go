package epub

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/seedpress/seedpress/pipeline/doc"
)

var update = flag.Bool("update", false, "rewrite golden files")

// write returns the EPUB of b.
func write(t testing.TB, b *doc.Book, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, b, opts); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// unzip returns the entries of an EPUB by name, and their names in order.
func unzip(t testing.TB, data []byte) (map[string][]byte, []*zip.File) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("read EPUB: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		files[f.Name] = data
	}
	return files, zr.File
}

// wellFormed parses every XML file of the EPUB with encoding/xml in strict
// mode and returns the first error.
func wellFormed(files map[string][]byte) error {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		switch filepath.Ext(name) {
		case ".xhtml", ".opf", ".ncx", ".xml":
		default:
			continue
		}
		d := xml.NewDecoder(bytes.NewReader(files[name]))
		d.Strict = true
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("%s: %v", name, err)
			}
		}
	}
	return nil
}

func TestWriteReproducible(t *testing.T) {
	opts := Options{Modified: time.Date(2025, 3, 1, 12, 30, 0, 0, time.FixedZone("TRT", 3*3600)), Generator: "seedpress test"}
	a := write(t, handBook(), opts)
	b := write(t, handBook(), opts)
	if !bytes.Equal(a, b) {
		t.Fatal("two Writes of the same book and options differ")
	}
	c := write(t, handBook(), Options{Modified: opts.Modified.Add(time.Second), Generator: opts.Generator})
	if bytes.Equal(a, c) {
		t.Fatal("Options.Modified does not reach the EPUB")
	}
}

func TestArchiveLayout(t *testing.T) {
	modified := time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)
	files, entries := unzip(t, write(t, handBook(), Options{Modified: modified}))
	first := entries[0]
	if first.Name != "mimetype" || string(files["mimetype"]) != "application/epub+zip" {
		t.Fatalf("first entry is %s %q, want mimetype application/epub+zip", first.Name, files[first.Name])
	}
	if first.Method != zip.Store || len(first.Extra) != 0 || first.Flags&0x8 != 0 || first.ModifiedDate != 0 || first.ModifiedTime != 0 {
		t.Errorf("mimetype: method %d, extra %x, flags %#x, modified %v; want stored, no extra, no data descriptor, no time",
			first.Method, first.Extra, first.Flags, first.Modified)
	}
	var names []string
	for _, f := range entries[1:] {
		names = append(names, f.Name)
		if f.Method != zip.Deflate {
			t.Errorf("%s: method %d, want deflate", f.Name, f.Method)
		}
		if !f.Modified.Equal(modified) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, modified)
		}
	}
	// The chapters are written as they come, and what needs the whole book
	// (the title and identifier on the cover and title page, the nav, the
	// NCX, the package document) at the end.
	want := []string{
		"META-INF/container.xml",
		"EPUB/css/style.css",
		"EPUB/xhtml/bolum-000_0e50c0d65c5fae10.xhtml",
		"EPUB/xhtml/bolum-01_giris.xhtml",
		"EPUB/images/kapak.png",
		"EPUB/xhtml/kapak.xhtml",
		"EPUB/xhtml/kunye.xhtml",
		"EPUB/xhtml/kisaltmalar.xhtml",
		"EPUB/nav.xhtml",
		"EPUB/toc.ncx",
		"EPUB/package.opf",
	}
	if strings.Join(names, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(want, "\n"))
	}
	// Before 1980 a zip entry cannot carry its time: the epoch default is
	// written as the DOS epoch.
	dosEpoch := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	_, entries = unzip(t, write(t, &doc.Book{Meta: doc.Meta{Title: "T"}}, Options{}))
	if got := entries[1].Modified; !got.Equal(dosEpoch) {
		t.Errorf("book without date: entry time %v, want %v", got, dosEpoch)
	}
}

func TestGolden(t *testing.T) {
	files, _ := unzip(t, write(t, handBook(), Options{Generator: "seedpress test"}))
	for _, tc := range []struct{ entry, golden string }{
		{"EPUB/xhtml/bolum-000_0e50c0d65c5fae10.xhtml", "bolum-001.xhtml.golden"},
		{"EPUB/xhtml/bolum-01_giris.xhtml", "bolum-002.xhtml.golden"},
		{"EPUB/package.opf", "package.opf.golden"},
		{"EPUB/nav.xhtml", "nav.xhtml.golden"},
	} {
		path := filepath.Join("testdata", tc.golden)
		got := files[tc.entry]
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test -update and review the diff):\n%s", tc.entry, path, got)
		}
	}
}

func TestMetadata(t *testing.T) {
	for _, tc := range []struct {
		name string
		book func() *doc.Book
		opts Options
		want []string // substrings of package.opf
		not  []string
	}{
		{
			name: "modified from options, in UTC",
			book: handBook,
			opts: Options{Modified: time.Date(2025, 3, 1, 12, 30, 5, 999, time.FixedZone("TRT", 3*3600))},
			want: []string{`<meta property="dcterms:modified">2025-03-01T09:30:05Z</meta>`},
		},
		{
			name: "modified from the manifest date",
			book: handBook,
			want: []string{
				`<meta property="dcterms:modified">2024-05-19T00:00:00Z</meta>`,
				`<dc:date>2024-05-19</dc:date>`,
			},
		},
		{
			name: "modified defaults to the epoch; a bad date is left out",
			book: func() *doc.Book { b := handBook(); b.Meta.Date = "19 Mayıs"; return b },
			want: []string{`<meta property="dcterms:modified">1970-01-01T00:00:00Z</meta>`},
			not:  []string{"<dc:date>"},
		},
		{
			name: "identifier from the manifest",
			book: func() *doc.Book { b := handBook(); b.Meta.Identifier = "isbn:9789750000000"; return b },
			want: []string{`<dc:identifier id="pub-id">isbn:9789750000000</dc:identifier>`},
		},
		{
			name: "derived identifier is UUID v5 of title and content",
			book: handBook,
			want: []string{`<dc:identifier id="pub-id">urn:uuid:9977a7fe-ea03-5ef0-92e9-7d27c487b750</dc:identifier>`},
		},
		{
			name: "derived identifier changes with the content",
			book: func() *doc.Book { b := handBook(); b.Documents[0].SHA256 = "ffff"; return b },
			not:  []string{"urn:uuid:9977a7fe-ea03-5ef0-92e9-7d27c487b750"},
		},
		{
			name: "language, subtitle, creators, accessibility",
			book: handBook,
			opts: Options{Generator: "seedpress v0.1.0"},
			want: []string{
				`unique-identifier="pub-id" xml:lang="tr">`,
				`<dc:language>tr</dc:language>`,
				`<dc:title id="subtitle">Kısa bir deneme</dc:title>`,
				`<meta refines="#subtitle" property="title-type">subtitle</meta>`,
				`<dc:creator id="creator-2">Işık Öztürk</dc:creator>`,
				`<meta refines="#creator-2" property="role" scheme="marc:relators">aut</meta>`,
				`<dc:description>İnternet yönetimi &amp; siber diplomasi üzerine &lt;kısa&gt; bir metin.</dc:description>`,
				`<meta property="schema:accessModeSufficient">textual</meta>`,
				`<meta property="schema:accessibilityHazard">none</meta>`,
				`<meta property="schema:accessibilitySummary">Bu yayın metin tabanlıdır`,
				`<meta property="a11y:certifiedBy">seedpress v0.1.0</meta>`,
				`<meta name="generator" content="seedpress v0.1.0"/>`,
			},
		},
		{
			name: "no language means Turkish",
			book: func() *doc.Book { b := handBook(); b.Meta.Lang = ""; return b },
			want: []string{`<dc:language>tr</dc:language>`, `xml:lang="tr"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files, _ := unzip(t, write(t, tc.book(), tc.opts))
			opf := string(files["EPUB/package.opf"])
			for _, w := range tc.want {
				if !strings.Contains(opf, w) {
					t.Errorf("package.opf lacks %s\n%s", w, opf)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(opf, n) {
					t.Errorf("package.opf has %s", n)
				}
			}
		})
	}
}

// TestLanguage checks that every XHTML document carries the book's language
// and that a Turkish book has Turkish labels only, an English one English.
func TestLanguage(t *testing.T) {
	for _, tc := range []struct {
		lang       string
		want, none []string
	}{
		{"tr", []string{"İçindekiler", "Kapak", "Başlangıç", "Kısaltmalar", "Künye", "Kapak: Siber Güvenlik Üzerine"},
			[]string{"Table of Contents", "Contents", "Cover", "Glossary"}},
		{"en-GB", []string{"Contents", "Cover", "Start", "Abbreviations", "Title Page", "Cover: Siber Güvenlik Üzerine"},
			[]string{"İçindekiler", "Kapak", "Başlangıç", "Kısaltmalar", "Künye"}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			b := handBook()
			b.Meta.Lang = tc.lang
			files, _ := unzip(t, write(t, b, Options{}))
			var all strings.Builder
			for name, data := range files {
				if strings.HasSuffix(name, ".xhtml") {
					open := fmt.Sprintf(`lang="%s" xml:lang="%s">`, tc.lang, tc.lang)
					if !bytes.Contains(data, []byte(open)) {
						t.Errorf("%s: <html> lacks %s", name, open)
					}
					all.Write(data)
				}
				if strings.HasSuffix(name, ".ncx") || strings.HasSuffix(name, ".opf") {
					if !bytes.Contains(data, []byte(`xml:lang="`+tc.lang+`"`)) {
						t.Errorf("%s lacks xml:lang", name)
					}
				}
			}
			all.Write(files["EPUB/toc.ncx"])
			text := all.String()
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("no %q in the book", w)
				}
			}
			for _, n := range tc.none {
				if strings.Contains(text, n) {
					t.Errorf("%q in a %s book", n, tc.lang)
				}
			}
		})
	}
}

func TestMarkup(t *testing.T) {
	files, _ := unzip(t, write(t, handBook(), Options{}))
	for _, tc := range []struct{ entry, want string }{
		{"EPUB/xhtml/bolum-000_0e50c0d65c5fae10.xhtml", `(<span lang="en" xml:lang="en">Internet Corporation for Assigned Names and Numbers</span> - <abbr title="İnternet Tahsisli Sayılar ve İsimler Kurumu">ICANN</abbr>)`},
		{"EPUB/xhtml/bolum-000_0e50c0d65c5fae10.xhtml", `<abbr title="İnternet Tahsisli Sayılar ve İsimler Kurumu">ICANN</abbr>’ın kararları`},
		{"EPUB/xhtml/bolum-000_0e50c0d65c5fae10.xhtml", `<section epub:type="chapter" role="doc-chapter" aria-labelledby="bolum-001-baslik">` + "\n" + `<h1 id="bolum-001-baslik">Bölüm 1</h1>`},
		{"EPUB/xhtml/bolum-01_giris.xhtml", `<a href="https://www.tdk.gov.tr">TDK sitesi</a> ve bu bağlantı okunabilir.`},
		{"EPUB/xhtml/bolum-01_giris.xhtml", "<hr/>"},
		{"EPUB/xhtml/bolum-01_giris.xhtml", "<pre><code>func main() {\n\tfmt.Println(&quot;Merhaba, dünya &amp; &lt;herkes&gt;&quot;)\n}\n</code></pre>"},
		{"EPUB/xhtml/kisaltmalar.xhtml", `<section epub:type="glossary" role="doc-glossary"`},
		{"EPUB/xhtml/kisaltmalar.xhtml", `<dd>İnternet Tahsisli Sayılar ve İsimler Kurumu (<span lang="en" xml:lang="en">Internet Corporation for Assigned Names and Numbers</span>)</dd>`},
		{"EPUB/xhtml/kapak.xhtml", `<img epub:type="cover" role="doc-cover" src="../images/kapak.png" alt="Kapak: Siber Güvenlik Üzerine"/>`},
		{"EPUB/nav.xhtml", `<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-baslik">`},
		{"EPUB/nav.xhtml", `<nav epub:type="landmarks" id="landmarks" aria-labelledby="landmarks-baslik" hidden="hidden">`},
	} {
		if !strings.Contains(string(files[tc.entry]), tc.want) {
			t.Errorf("%s lacks\n%s\n---\n%s", tc.entry, tc.want, files[tc.entry])
		}
	}
	// In a book that is not in Turkish, the Turkish expansions are marked.
	b := handBook()
	b.Meta.Lang = "en"
	en, _ := unzip(t, write(t, b, Options{}))
	for _, tc := range []struct{ entry, want string }{
		{"EPUB/xhtml/bolum-000_0e50c0d65c5fae10.xhtml", `(Internet Corporation for Assigned Names and Numbers - <abbr lang="tr" xml:lang="tr" title="İnternet Tahsisli Sayılar ve İsimler Kurumu">ICANN</abbr>)`},
		{"EPUB/xhtml/kisaltmalar.xhtml", `<dd><span lang="tr" xml:lang="tr">İnternet Mühendisliği Görev Grubu</span> (<span lang="en" xml:lang="en">Internet Engineering Task Force</span>)</dd>`},
	} {
		if !strings.Contains(string(en[tc.entry]), tc.want) {
			t.Errorf("English book: %s lacks\n%s\n---\n%s", tc.entry, tc.want, en[tc.entry])
		}
	}
	if strings.Contains(string(files["EPUB/xhtml/bolum-01_giris.xhtml"]), "javascript:") {
		t.Error("a javascript: link reached the book")
	}
}

func TestHeadingLevels(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   []int // levels in the model; 0 is a paragraph
		want string
	}{
		{"in order", []int{1, 2, 3, 2}, "h1 h2 h3 h2"},
		{"skips are closed", []int{1, 3, 6, 2, 4}, "h1 h2 h3 h2 h3"},
		{"chapter opens at level 1", []int{3, 4, 3}, "h1 h2 h1"},
		{"title set as heading", []int{0, 2, 4}, "h1 h2 h3"},
		{"out of range", []int{-1, 9}, "h1 h2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &doc.Document{Title: "Başlık"}
			for _, l := range tc.in {
				if l == 0 {
					d.Blocks = append(d.Blocks, &doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Value: "metin"}}})
					continue
				}
				d.Blocks = append(d.Blocks, &doc.Heading{Level: l, Inlines: []doc.Inline{&doc.Text{Value: "x"}}})
			}
			x, err := chapterBody(&doc.Book{}, d, "b", "tr")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range strings.Fields(strings.NewReplacer("<", " <", ">", "> ").Replace(x)) {
				if len(f) >= 3 && f[0] == '<' && f[1] == 'h' && f[2] >= '1' && f[2] <= '6' {
					got = append(got, f[1:3])
				}
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("levels %v gave %v, want %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestCover(t *testing.T) {
	t.Run("generated", func(t *testing.T) {
		b := handBook()
		b.Meta.Title = strings.Repeat("Çokuzunbaşlıkkelimesi", 40) + " ve " + strings.Repeat("kısa kelimeler ", 30)
		files, _ := unzip(t, write(t, b, Options{}))
		img, err := png.Decode(bytes.NewReader(files["EPUB/images/kapak.png"]))
		if err != nil {
			t.Fatalf("cover: %v", err)
		}
		if got := img.Bounds().Size(); got.X != coverWidth || got.Y != coverHeight {
			t.Errorf("cover is %v, want %dx%d", got, coverWidth, coverHeight)
		}
		// The title is drawn: some pixels differ from the background.
		ink := 0
		for y := 0; y < coverHeight; y += 4 {
			for x := 0; x < coverWidth; x += 4 {
				if r, _, _, _ := img.At(x, y).RGBA(); r>>8 > 0xc0 {
					ink++
				}
			}
		}
		if ink < 1000 {
			t.Errorf("cover has %d light pixels in the sample; is the text drawn?", ink)
		}
	})
	t.Run("from the manifest", func(t *testing.T) {
		b := handBook()
		jpeg := []byte("\xff\xd8\xff\xe0 a JPEG, as far as the EPUB is concerned")
		b.Meta.Cover = &doc.Image{Name: "0 cover image.jpeg", MediaType: "image/jpeg", Data: jpeg, Width: 10, Height: 15}
		files, _ := unzip(t, write(t, b, Options{}))
		if !bytes.Equal(files["EPUB/images/kapak.jpg"], jpeg) {
			t.Error("the manifest's cover is not the book's")
		}
		if !strings.Contains(string(files["EPUB/package.opf"]), `<item id="kapak-gorseli" href="images/kapak.jpg" media-type="image/jpeg" properties="cover-image"/>`) {
			t.Errorf("package.opf does not list the cover:\n%s", files["EPUB/package.opf"])
		}
	})
}

// TestHostileText writes books whose every text is hostile and checks that
// every XML file of the EPUB is well-formed and the text survives escaped.
func TestHostileText(t *testing.T) {
	nest := func(depth int, leaf doc.Inline) doc.Inline {
		for i := 0; i < depth; i++ {
			if i%2 == 0 {
				leaf = &doc.Emph{Inlines: []doc.Inline{leaf}}
			} else {
				leaf = &doc.Strong{Inlines: []doc.Inline{leaf}}
			}
		}
		return leaf
	}
	quotes := func(depth int, leaf doc.Block) doc.Block {
		for i := 0; i < depth; i++ {
			if i%2 == 0 {
				leaf = &doc.Quote{Blocks: []doc.Block{leaf}}
			} else {
				leaf = &doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{leaf}}}}
			}
		}
		return leaf
	}
	long := strings.Repeat("ğ", 10000)
	for _, tc := range []struct {
		name, text string
		want       string // in the chapter, when not empty
	}{
		{"script", `<script>alert("x")</script>`, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"},
		{"ampersand", "Ar & Ge", "Ar &amp; Ge"},
		{"entity", "&amp; &lt; &#0; &nbsp;", "&amp;amp; &amp;lt; &amp;#0; &amp;nbsp;"},
		{"cdata end", "a ]]> b <![CDATA[ c", "a ]]&gt; b &lt;![CDATA[ c"},
		{"doctype", `<!DOCTYPE html [<!ENTITY x "y">]>&x;`, "&lt;!DOCTYPE html [&lt;!ENTITY x &quot;y&quot;&gt;]&gt;&amp;x;"},
		{"control characters", "a\x00b\x01c\x1bd\x7fe\u0085f\ufffeg\uffffh", "abcdefgh"},
		{"invalid UTF-8", "a\xffb\xc3", "a\ufffdb\ufffd"},
		{"bidi overrides", "abc\u202edef\u202c \u2066x\u2069", "abc\u202edef\u202c \u2066x\u2069"},
		{"10,000-character word", long, long},
		{"processing instruction", "<?xml version='1.0'?><?php echo 1; ?>", "&lt;?xml version='1.0'?&gt;&lt;?php echo 1; ?&gt;"},
		{"quotes", `"'` + "`", "&quot;'`"},
		{"carriage return", "a\rb", "a&#xD;b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := func() *doc.Text { return &doc.Text{Value: tc.text} }
			b := &doc.Book{
				Meta: doc.Meta{
					Title: tc.text, Subtitle: tc.text, Authors: []string{tc.text}, Lang: tc.text,
					Date: tc.text, Publisher: tc.text, Rights: tc.text, Description: tc.text,
					Subjects: []string{tc.text}, Identifier: tc.text,
				},
				Documents: []*doc.Document{{
					ID: "x", Source: tc.text, SHA256: tc.text, Title: tc.text,
					Blocks: []doc.Block{
						&doc.Paragraph{Inlines: []doc.Inline{text()}},
						&doc.Heading{Level: 9, Inlines: []doc.Inline{text(), &doc.Code{Value: tc.text}}},
						&doc.CodeBlock{Info: tc.text, Text: tc.text},
						&doc.Paragraph{Inlines: []doc.Inline{
							&doc.Link{URL: tc.text, Inlines: []doc.Inline{text()}},
							&doc.Link{URL: "https://example.org/?q=" + tc.text, Inlines: []doc.Inline{text()}},
							&doc.Link{URL: "https://example.org/a?b=1&c=2", Inlines: []doc.Inline{
								&doc.Link{URL: "https://example.org/", Inlines: []doc.Inline{text()}}}},
							&doc.Abbr{Text: tc.text, Term: 0}, &doc.LineBreak{},
						}},
						&doc.Paragraph{Inlines: []doc.Inline{nest(64, text())}},
						quotes(64, &doc.Paragraph{Inlines: []doc.Inline{text()}}),
						&doc.List{Ordered: true, Start: -3, Items: []*doc.ListItem{{}}},
						&doc.ThematicBreak{},
					},
				}},
				Glossary: []doc.Term{{Acronym: tc.text, Expansion: tc.text, ExpansionEN: tc.text}},
			}
			files, _ := unzip(t, write(t, b, Options{Generator: tc.text}))
			if err := wellFormed(files); err != nil {
				t.Fatal(err)
			}
			// The text is also the glossary's English expansion, so it is
			// marked as English where it stands.
			chapter := string(files["EPUB/xhtml/bolum-x.xhtml"])
			want := `<p><span lang="en" xml:lang="en">` + tc.want + "</span></p>"
			if !strings.Contains(chapter, want) {
				t.Errorf("chapter lacks %.300s:\n%.3000s", want, chapter)
			}
			if strings.Contains(chapter, "<script") {
				t.Error("a <script> element reached the chapter")
			}
		})
	}
}

func TestUnknownGlossaryTerm(t *testing.T) {
	b := handBook()
	b.Glossary = b.Glossary[:1]
	if err := Write(io.Discard, b, Options{}); err == nil || !strings.Contains(err.Error(), "glossary term 1 of 1") {
		t.Errorf("Write with an abbreviation outside the glossary: err = %v", err)
	}
	if err := Write(io.Discard, nil, Options{}); err == nil {
		t.Error("Write(nil book) did not fail")
	}
}

// FuzzWrite puts random text into every text of a model and checks that
// every XML file of the EPUB is well-formed.
func FuzzWrite(f *testing.F) {
	for _, s := range []string{"", "Siber güvenlik & İnternet’in", "<script>]]>", "\x00\x1b\ufffe\xff", "a\u202eb", "https://x.org/<>"} {
		f.Add(s, s, s)
	}
	cover := &doc.Image{Name: "c.png", MediaType: "image/png", Data: []byte("\x89PNG\r\n\x1a\n"), Width: 1, Height: 1}
	f.Fuzz(func(t *testing.T, title, text, url string) {
		note := &doc.Note{ID: title, Number: len(title), Blocks: []doc.Block{&doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Value: text}}}}}
		b := &doc.Book{
			Meta: doc.Meta{Title: title, Authors: []string{text}, Lang: title, Date: text, Identifier: url, Cover: cover},
			Documents: []*doc.Document{{
				ID: "x", Title: title,
				Blocks: []doc.Block{
					&doc.Heading{Level: len(text), Inlines: []doc.Inline{&doc.Text{Value: title}}},
					&doc.Paragraph{Inlines: []doc.Inline{
						&doc.Text{Value: text},
						&doc.Emph{Inlines: []doc.Inline{&doc.Code{Value: text}}},
						&doc.Link{URL: url, Inlines: []doc.Inline{&doc.Text{Value: text}}},
						&doc.Abbr{Text: title, Term: 0},
					}},
					&doc.CodeBlock{Info: url, Text: text, Attr: doc.Attr{ID: url}},
					&doc.List{Ordered: true, Start: len(url), Items: []*doc.ListItem{{Blocks: []doc.Block{&doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Value: url}}}}}}},
					&doc.Table{Number: len(text), Attr: doc.Attr{ID: title}, Caption: []doc.Inline{&doc.Text{Value: text}},
						Align: []doc.Align{doc.Align(url)}, Head: []*doc.TableCell{{Inlines: []doc.Inline{&doc.Text{Value: title}}}},
						Rows: [][]*doc.TableCell{{{Inlines: []doc.Inline{&doc.NoteRef{Note: note}}}}, {}}},
					&doc.Figure{Image: cover, Alt: text, Title: url, Caption: []doc.Inline{&doc.Text{Value: title}}, Attr: doc.Attr{ID: text}},
					&doc.Callout{Kind: doc.CalloutKind(url), Attr: doc.Attr{Classes: []string{title}, Pairs: []doc.KeyValue{{Key: "lang", Value: text}}},
						Title: []doc.Inline{&doc.Text{Value: title}}, Blocks: []doc.Block{&doc.LineBlock{Inlines: []doc.Inline{&doc.Text{Value: text}, &doc.LineBreak{}}}}},
					&doc.Div{Attr: doc.Attr{ID: title, Classes: []string{url}, Pairs: []doc.KeyValue{{Key: "lang", Value: url}}}},
					&doc.DefinitionList{Items: []*doc.Definition{{Term: &doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Value: title}}}}}},
					&doc.Paragraph{Inlines: []doc.Inline{
						&doc.Span{Attr: doc.Attr{ID: url, Classes: []string{"smallcaps", text}}, Inlines: []doc.Inline{&doc.Sub{Inlines: []doc.Inline{&doc.Text{Value: text}}}}},
						&doc.Math{Source: text}, &doc.Strike{}, &doc.Sup{Inlines: []doc.Inline{&doc.Text{Value: url}}},
						&doc.InlineImage{Image: cover, Alt: url, Title: text},
						&doc.Link{URL: url, Title: text, Attr: doc.Attr{ID: title}, Inlines: []doc.Inline{&doc.NoteRef{Note: note}}},
					}},
				},
				Notes: []*doc.Note{note},
			}},
			Glossary: []doc.Term{{Acronym: title, Expansion: text, ExpansionEN: url}},
		}
		var buf bytes.Buffer
		if err := Write(&buf, b, Options{Generator: url}); err != nil {
			t.Fatalf("Write: %v", err)
		}
		files, _ := unzip(t, buf.Bytes())
		if err := wellFormed(files); err != nil {
			t.Fatal(err)
		}
	})
}

func BenchmarkWrite(b *testing.B) {
	book := handBook()
	b.ReportAllocs()
	for b.Loop() {
		if err := Write(io.Discard, book, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// chapterBody renders document d as a chapter. The chapter is labelled by
// its first heading; when d does not open with a heading, its title is set
// as one.
func chapterBody(book *doc.Book, d *doc.Document, id, lang string) (string, error) {
	return newBody(lang).chapter(d, d.Index, "1", id, chapterFile(d.ID, d.Index), book.Glossary)
}

func TestRichGolden(t *testing.T) {
	files, _ := unzip(t, write(t, richBook(), Options{Generator: "seedpress test"}))
	if err := wellFormed(files); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ entry, golden string }{
		{"EPUB/xhtml/bolum-01_giris.xhtml", "zengin-01_giris.xhtml.golden"},
		{"EPUB/xhtml/bolum-02_yazim.xhtml", "zengin-02_yazim.xhtml.golden"},
		{"EPUB/xhtml/bolum-03_english.xhtml", "zengin-03_english.xhtml.golden"},
		{"EPUB/xhtml/kisim-001.xhtml", "zengin-kisim-001.xhtml.golden"},
		{"EPUB/nav.xhtml", "zengin-nav.xhtml.golden"},
		{"EPUB/toc.ncx", "zengin-toc.ncx.golden"},
		{"EPUB/package.opf", "zengin-package.opf.golden"},
	} {
		path := filepath.Join("testdata", tc.golden)
		got, ok := files[tc.entry]
		if !ok {
			t.Errorf("no %s in the EPUB", tc.entry)
			continue
		}
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test -update and review the diff):\n%s", tc.entry, path, got)
		}
	}
}

// navLabels returns the labels of the nav's table of contents, each
// indented by two spaces per level of nesting.
func navLabels(t *testing.T, nav []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(nav))
	var out []string
	depth, inTOC, inA := 0, false, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "nav":
				for _, a := range tok.Attr {
					if a.Name.Local == "type" && a.Value == "toc" {
						inTOC = true
					}
				}
			case "ol":
				depth++
			case "a":
				inA = inTOC
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "nav":
				inTOC = false
			case "ol":
				depth--
			case "a":
				inA = false
			}
		case xml.CharData:
			if inA {
				out = append(out, strings.Repeat("  ", depth-1)+string(tok))
			}
		}
	}
	return strings.Join(out, "\n")
}

// TestNav checks the contents of the rich book at each toc-depth: parts
// with their chapters, a document nested under the chapter before it, a
// document's several chapters, and headings down to the depth.
func TestNav(t *testing.T) {
	for _, tc := range []struct {
		depth int
		want  string
	}{
		{1, `Künye
Birinci Kısım: Temeller
  Giriş
  Listeler
    Yazım
İkinci Kısım
  An English chapter
  A second chapter in the same file`},
		{2, `Künye
Birinci Kısım: Temeller
  Giriş
    Tablolar ve şekiller
  Listeler
    Kutular
    Yazım
İkinci Kısım
  An English chapter
    A section without an id
  A second chapter in the same file`},
		{0, `Künye
Birinci Kısım: Temeller
  Giriş
    Tablolar ve şekiller
  Listeler
    Kutular
      Şiir
    Yazım
İkinci Kısım
  An English chapter
    A section without an id
  A second chapter in the same file`},
	} {
		t.Run(strconv.Itoa(tc.depth), func(t *testing.T) {
			b := richBook()
			b.Meta.TOCDepth = tc.depth
			files, _ := unzip(t, write(t, b, Options{}))
			if got := navLabels(t, files["EPUB/nav.xhtml"]); got != tc.want {
				t.Errorf("toc-depth %d: nav lists\n%s\nwant\n%s", tc.depth, got, tc.want)
			}
			ncx := string(files["EPUB/toc.ncx"])
			if n, want := strings.Count(ncx, "<navPoint "), strings.Count(tc.want, "\n")+1; n != want {
				t.Errorf("toc.ncx has %d navPoints, the nav %d", n, want)
			}
		})
	}
}

// TestFootnotes checks the notes of the rich book's first document: one
// aside per note, a reference id per reference, back links to the first.
func TestFootnotes(t *testing.T) {
	files, _ := unzip(t, write(t, richBook(), Options{}))
	ch := string(files["EPUB/xhtml/bolum-01_giris.xhtml"])
	for _, want := range []string{
		`href="#fn-1" id="fnref-1"><sup>1</sup></a>`,
		`href="#fn-1" id="fnref-1-2"><sup>1</sup></a>`,
		`<aside epub:type="footnote" role="doc-footnote" id="fn-1">` + "\n" + `<p><a class="note-number" role="doc-backlink" href="#fnref-1" aria-label="Metne dön: 1">1</a> Birinci dipnot`,
		`<td>Başkent<a epub:type="noteref" role="doc-noteref" class="noteref" href="#fn-4" id="fnref-4">`,
		`Bir liste ile başlayan not<a epub:type="noteref" role="doc-noteref" class="noteref" href="#fn-3" id="fnref-3">`,
		`<h2 id="bolum-001-dipnotlar">Dipnotlar</h2>`,
		`<p><span class="note-number">5</span> Hiçbir yerden anılmayan not.</p>`,
	} {
		if !strings.Contains(ch, want) {
			t.Errorf("chapter lacks %s", want)
		}
	}
	for n := 1; n <= 5; n++ {
		if c := strings.Count(ch, fmt.Sprintf(`<aside epub:type="footnote" role="doc-footnote" id="fn-%d">`, n)); c != 1 {
			t.Errorf("note %d has %d asides", n, c)
		}
	}
	// In the order of their numbers, the note inside a note too.
	inOrder := func(s string, seq ...string) bool {
		at := 0
		for _, x := range seq {
			i := strings.Index(s[at:], x)
			if i < 0 {
				return false
			}
			at += i + len(x)
		}
		return true
	}
	if !inOrder(ch, `id="fn-1"`, `id="fn-2"`, `id="fn-3"`, `id="fn-4"`, `id="fn-5"`) {
		t.Error("the notes are not in the order of their numbers")
	}
}

// TestUnresolvedTarget: a link or cross-reference to an id or a document
// the book does not hold fails the book, naming it.
func TestUnresolvedTarget(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   doc.Inline
		want string
	}{
		{"cross-reference", &doc.CrossRef{Target: "fig-yok", TargetDoc: "02_yazim", Label: "Şekil", Number: "9"},
			`epub: cross-reference @fig-yok in 01_giris.md: no id "fig-yok" in document "02_yazim" (1 unresolved)`},
		{"link", &doc.Link{URL: "09_yok.md", TargetDoc: "09_yok", Inlines: []doc.Inline{&doc.Text{Value: "x"}}},
			`epub: link 09_yok.md in 01_giris.md: no document "09_yok" in the book (1 unresolved)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := richBook()
			d := b.Documents[0]
			d.Blocks = append(d.Blocks, &doc.Paragraph{Inlines: []doc.Inline{tc.in}})
			err := Write(io.Discard, b, Options{})
			if err == nil || err.Error() != tc.want {
				t.Errorf("Write: %v\nwant %s", err, tc.want)
			}
		})
	}
}

// TestImagesOnce: an image is stored once, whatever the paths it is used
// under, named by its bytes, with its media type in the manifest.
func TestImagesOnce(t *testing.T) {
	files, _ := unzip(t, write(t, richBook(), Options{}))
	var images []string
	for name := range files {
		if strings.HasPrefix(name, "EPUB/images/") && !strings.Contains(name, "kapak") {
			images = append(images, name)
		}
	}
	if len(images) != 2 {
		t.Errorf("images %v, want the map and the icon", images)
	}
	opf := string(files["EPUB/package.opf"])
	for _, name := range images {
		href := strings.TrimPrefix(name, "EPUB/")
		if !strings.Contains(opf, `href="`+href+`" media-type="image/png"/>`) {
			t.Errorf("package.opf does not list %s as image/png", href)
		}
	}
	b := richBook()
	b.Documents[0].Blocks = append(b.Documents[0].Blocks, &doc.Figure{Image: &doc.Image{Path: "x.tiff", MediaType: "image/tiff", Data: []byte("II*\x00")}})
	if err := Write(io.Discard, b, Options{}); err == nil || !strings.Contains(err.Error(), `media type "image/tiff"`) {
		t.Errorf("a TIFF figure: %v", err)
	}
}

// TestLargeStructures writes 1,000 notes each referring to the next, a
// 2,000-row table and a 12-column one: the book is well-formed and holds
// them all.
func TestLargeStructures(t *testing.T) {
	notes := make([]*doc.Note, 1000)
	for i := range notes {
		notes[i] = &doc.Note{ID: strconv.Itoa(i + 1), Number: i + 1}
	}
	for i, n := range notes {
		in := []doc.Inline{&doc.Text{Value: "Not " + strconv.Itoa(i+1)}}
		if i+1 < len(notes) {
			in = append(in, &doc.NoteRef{Note: notes[i+1]})
		}
		n.Blocks = []doc.Block{&doc.Paragraph{Inlines: in}}
	}
	cell := func(s string) *doc.TableCell { return &doc.TableCell{Inlines: []doc.Inline{&doc.Text{Value: s}}} }
	long := &doc.Table{Number: 1, Head: []*doc.TableCell{cell("a"), cell("b")}, Align: []doc.Align{"", ""}}
	for i := 0; i < 2000; i++ {
		long.Rows = append(long.Rows, []*doc.TableCell{cell(strconv.Itoa(i)), cell("x")})
	}
	wide := &doc.Table{Number: 2}
	var row []*doc.TableCell
	for i := 0; i < 12; i++ {
		wide.Head = append(wide.Head, cell("s"+strconv.Itoa(i)))
		wide.Align = append(wide.Align, doc.AlignRight)
		row = append(row, cell(strconv.Itoa(i)))
	}
	wide.Rows = [][]*doc.TableCell{row}
	b := &doc.Book{Meta: doc.Meta{Title: "Büyük"}, Documents: []*doc.Document{{
		ID: "buyuk", Title: "Büyük",
		Blocks: []doc.Block{&doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Value: "Başlangıç"}, &doc.NoteRef{Note: notes[0]}}}, long, wide},
		Notes:  notes,
	}}}
	files, _ := unzip(t, write(t, b, Options{}))
	if err := wellFormed(files); err != nil {
		t.Fatal(err)
	}
	ch := string(files["EPUB/xhtml/bolum-buyuk.xhtml"])
	if n := strings.Count(ch, `epub:type="footnote"`); n != 1000 {
		t.Errorf("%d notes, want 1000", n)
	}
	if n := strings.Count(ch, "<tr>"); n != 1+2000+2 {
		t.Errorf("%d rows, want 2003", n)
	}
	if n := strings.Count(ch, `<th scope="col" class="align-right">`); n != 12 {
		t.Errorf("%d right-aligned column headers, want 12", n)
	}
}

// TestNavTitle: a document's first chapter is listed by the document's
// title (which a book outline may give), its page keeps its heading.
func TestNavTitle(t *testing.T) {
	b := richBook()
	b.Documents[1].Title = "Yazım Kuralları"
	files, _ := unzip(t, write(t, b, Options{}))
	if nav := string(files["EPUB/nav.xhtml"]); !strings.Contains(nav, `<li><a href="xhtml/bolum-02_yazim.xhtml">Yazım Kuralları</a></li>`) {
		t.Errorf("nav does not list the document by its title:\n%s", nav)
	}
	if ch := string(files["EPUB/xhtml/bolum-02_yazim.xhtml"]); !strings.Contains(ch, `<h1 id="sec-yazim">Yazım</h1>`) {
		t.Errorf("the chapter lost its heading:\n%s", ch)
	}
}

// TestNavSummary builds the SUMMARY.md fixture and compares the nav with
// the outline: its order, its titles, its parts and nesting; Önsöz, a
// prefix chapter, and Sonsöz, a suffix chapter after the separator line
// (Document.PartEnds), stand at the top, outside the parts.
func TestNavSummary(t *testing.T) {
	dir := "../../testdata/seeds/summary"
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no %s: %v", dir, err)
	}
	b := buildBook(t, dir)
	b.Meta.TOCDepth = 1 // the outline alone, not the chapters' headings
	files, _ := unzip(t, write(t, b, Options{}))
	want := `Künye
Önsöz
Birinci Kısım
  Giriş
    Tarihçe
    Temel Kavramlar
İkinci Kısım
  Yöntem
Taslak Bölüm
  Uygulama
Sonsöz`
	if got := navLabels(t, files["EPUB/nav.xhtml"]); got != want {
		t.Errorf("nav of the SUMMARY.md fixture:\n%s\nwant\n%s", got, want)
	}
	if got := ncxLabels(t, files["EPUB/toc.ncx"]); got != want {
		t.Errorf("toc.ncx of the SUMMARY.md fixture:\n%s\nwant\n%s", got, want)
	}
}

// ncxLabels returns the labels of the NCX's navigation points, each
// indented by two spaces per level of nesting, as navLabels does.
func ncxLabels(t *testing.T, ncx []byte) string {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(ncx))
	var out []string
	depth, inText := 0, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			switch tok.Name.Local {
			case "navPoint":
				depth++
			case "text":
				inText = depth > 0
			}
		case xml.EndElement:
			switch tok.Name.Local {
			case "navPoint":
				depth--
			case "text":
				inText = false
			}
		case xml.CharData:
			if inText {
				out = append(out, strings.Repeat("  ", depth-1)+string(tok))
			}
		}
	}
	return strings.Join(out, "\n")
}
