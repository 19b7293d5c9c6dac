// seedpress: this file is new; it tests the changes listed in PATCHES.md.

package epub

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

var testTime = time.Date(2025, 3, 1, 9, 30, 5, 0, time.UTC)

// book writes a small EPUB through a Writer: a stylesheet, two chapters
// given before the cover page that is read first, and an image.
func book(t *testing.T, lang string, modified time.Time, p Package) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, lang, modified)
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(w.AddFile(Item{ID: "css", Href: "css/style.css", MediaType: "text/css"}, []byte("p { margin: 0 }\n")))
	must(w.AddSection(Item{ID: "ch1", Href: "xhtml/ch1.xhtml", Order: 3, Linear: true, TOC: "One", Landmark: "bodymatter", Label: "Start"},
		"One", "../css/style.css", "<p>one</p>"))
	must(w.AddSection(Item{ID: "ch2", Href: "xhtml/ch2.xhtml", Order: 4, Linear: true, TOC: "Two"}, "Two", "../css/style.css", "<p>two</p>"))
	must(w.AddFile(Item{ID: "img", Href: "images/a.png", MediaType: "image/png", Properties: "cover-image"}, []byte("\x89PNG")))
	must(w.AddSection(Item{ID: "cover", Href: "xhtml/cover.xhtml", Order: 0, Linear: true, Landmark: "cover", Label: "Cover"},
		"Cover", "", `<img src="../images/a.png" alt="x"/>`))
	must(w.Close(p))
	return buf.Bytes()
}

// entries returns the archive's files by name and in order.
func entries(t *testing.T, data []byte) (map[string]string, []*zip.File) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = string(b)
	}
	return files, zr.File
}

var testPackage = Package{
	Identifier: "urn:x:1", Title: "Book", Authors: []string{"A. Author"},
	Metadata: []Metadata{
		{Element: "dc:title", ID: "title", Value: "Book"},
		{Element: "dc:language", Value: "tr"},
		{Element: "meta", Property: "dcterms:modified"},
		{Element: "meta", Property: "schema:accessMode", Value: "textual"},
	},
	NavOrder: 1, NavTitle: "İçindekiler", LandmarksTitle: "Yer İmleri", NavCSS: "css/style.css",
}

// TestArchive: the archive is written once, in the order the files are
// given, the mimetype first and stored with no extra field or time, every
// other entry deflated with the time given, never the clock's.
func TestArchive(t *testing.T) {
	data := book(t, "tr", testTime, testPackage)
	if again := book(t, "tr", testTime, testPackage); !bytes.Equal(data, again) {
		t.Error("two Writers given the same calls wrote different bytes")
	}
	files, zf := entries(t, data)
	var names []string
	for _, f := range zf {
		names = append(names, f.Name)
	}
	want := "mimetype META-INF/container.xml EPUB/css/style.css EPUB/xhtml/ch1.xhtml EPUB/xhtml/ch2.xhtml EPUB/images/a.png EPUB/xhtml/cover.xhtml EPUB/nav.xhtml EPUB/toc.ncx EPUB/package.opf"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("entries\n%s\nwant\n%s", got, want)
	}
	mt := zf[0]
	if files["mimetype"] != "application/epub+zip" || mt.Method != zip.Store || len(mt.Extra) != 0 || mt.Flags&0x8 != 0 || mt.ModifiedDate != 0 || mt.ModifiedTime != 0 {
		t.Errorf("mimetype %q: method %d, extra %x, flags %#x, time %v", files["mimetype"], mt.Method, mt.Extra, mt.Flags, mt.Modified)
	}
	for _, f := range zf[1:] {
		if f.Method != zip.Deflate || !f.Modified.Equal(testTime) {
			t.Errorf("%s: method %d, modified %v; want deflate, %v", f.Name, f.Method, f.Modified, testTime)
		}
	}
	if !strings.Contains(files["META-INF/container.xml"], `full-path="EPUB/package.opf"`) {
		t.Errorf("container.xml:\n%s", files["META-INF/container.xml"])
	}
	// A time before 1980, which a zip entry cannot carry, is written as
	// 1980 in the archive and as given in the package document.
	_, zf = entries(t, book(t, "tr", time.Unix(0, 0), testPackage))
	if got := zf[1].Modified; !got.Equal(dosEpoch) {
		t.Errorf("epoch: entry time %v, want %v", got, dosEpoch)
	}
}

// TestStreams: a file is handed to the destination when it is added, not
// kept until Close.
func TestStreams(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, "en", testTime)
	if err != nil {
		t.Fatal(err)
	}
	body := "<p>" + strings.Repeat("a", 1000) + "</p>"
	if err := w.AddSection(Item{ID: "c", Href: "xhtml/c.xhtml", Linear: true}, "C", "", body); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte("EPUB/xhtml/c.xhtml")) {
		t.Error("the section is not in the output after AddSection")
	}
	if len(w.items) != 1 || w.items[0].Href != "xhtml/c.xhtml" {
		t.Errorf("items kept: %+v", w.items)
	}
}

// TestManifestOrder: the manifest is sorted by href whatever the order of
// the calls (upstream iterates over maps); the spine, the nav and the NCX
// follow Order.
func TestManifestOrder(t *testing.T) {
	files, _ := entries(t, book(t, "tr", testTime, testPackage))
	opf := files["EPUB/package.opf"]
	for _, seq := range [][]string{
		{`href="css/style.css"`, `href="images/a.png"`, `href="nav.xhtml"`, `href="toc.ncx"`, `href="xhtml/ch1.xhtml"`, `href="xhtml/ch2.xhtml"`, `href="xhtml/cover.xhtml"`},
		{`<itemref idref="cover"/>`, `<itemref idref="nav"/>`, `<itemref idref="ch1"/>`, `<itemref idref="ch2"/>`, `</spine>`},
	} {
		inOrder(t, "package.opf", opf, seq)
	}
	inOrder(t, "nav.xhtml", files["EPUB/nav.xhtml"], []string{`href="xhtml/ch1.xhtml">One`, `href="xhtml/ch2.xhtml">Two`,
		`epub:type="cover" href="xhtml/cover.xhtml">Cover`, `epub:type="toc" href="nav.xhtml#toc">İçindekiler`, `epub:type="bodymatter" href="xhtml/ch1.xhtml">Start`})
	inOrder(t, "toc.ncx", files["EPUB/toc.ncx"], []string{`playOrder="1"`, `<text>One</text>`, `playOrder="2"`, `<text>Two</text>`, `</navMap>`})
	if strings.Count(files["EPUB/toc.ncx"], "<navPoint") != 2 {
		t.Errorf("toc.ncx lists other than the two chapters:\n%s", files["EPUB/toc.ncx"])
	}
}

func inOrder(t *testing.T, name, s string, seq []string) {
	t.Helper()
	at := 0
	for _, x := range seq {
		i := strings.Index(s[at:], x)
		if i < 0 {
			t.Errorf("%s: %q missing or out of order:\n%s", name, x, s)
			return
		}
		at += i + len(x)
	}
}

// TestLang: the language is stated on the package document, the nav, the
// NCX and every section (upstream states it on none of them).
func TestLang(t *testing.T) {
	files, _ := entries(t, book(t, "tr-TR", testTime, testPackage))
	for name, want := range map[string]string{
		"EPUB/package.opf":       `unique-identifier="pub-id" xml:lang="tr-TR">`,
		"EPUB/toc.ncx":           `version="2005-1" xml:lang="tr-TR">`,
		"EPUB/nav.xhtml":         `xmlns:epub="http://www.idpf.org/2007/ops" lang="tr-TR" xml:lang="tr-TR">`,
		"EPUB/xhtml/ch1.xhtml":   `xmlns:epub="http://www.idpf.org/2007/ops" lang="tr-TR" xml:lang="tr-TR">`,
		"EPUB/xhtml/cover.xhtml": `lang="tr-TR" xml:lang="tr-TR">`,
	} {
		if !strings.Contains(files[name], want) {
			t.Errorf("%s has no %s:\n%s", name, want, files[name])
		}
	}
}

// TestMetadata: <metadata> holds the elements given, in order, with their
// id, refines, property and scheme (upstream has one creator and no meta
// properties), dcterms:modified is the time given to NewWriter (upstream's
// is the clock's), and one is added when none is given.
func TestMetadata(t *testing.T) {
	p := testPackage
	p.Metadata = []Metadata{
		{Element: "dc:creator", ID: "creator-1", Value: "Ayşe"},
		{Element: "meta", Refines: "#creator-1", Property: "role", Scheme: "marc:relators", Value: "aut"},
		{Element: "meta", Property: "dcterms:modified"},
		{Element: "meta", Name: "cover", Content: "img"},
	}
	files, _ := entries(t, book(t, "tr", testTime, p))
	want := `  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="pub-id">urn:x:1</dc:identifier>
    <dc:creator id="creator-1">Ayşe</dc:creator>
    <meta refines="#creator-1" property="role" scheme="marc:relators">aut</meta>
    <meta property="dcterms:modified">2025-03-01T09:30:05Z</meta>
    <meta name="cover" content="img"/>
  </metadata>
`
	if !strings.Contains(files["EPUB/package.opf"], want) {
		t.Errorf("package.opf:\n%s\nwant its metadata:\n%s", files["EPUB/package.opf"], want)
	}
	p.Metadata = p.Metadata[:2]
	files, _ = entries(t, book(t, "tr", time.Date(2024, 1, 2, 3, 4, 5, 999, time.FixedZone("x", 3600)), p))
	if !strings.Contains(files["EPUB/package.opf"], "aut</meta>\n    <meta property=\"dcterms:modified\">2024-01-02T02:04:05Z</meta>\n  </metadata>") {
		t.Errorf("package.opf without dcterms:modified given:\n%s", files["EPUB/package.opf"])
	}
}

// TestEscaping: every text given is escaped and stripped of what XML 1.0
// forbids, so any text gives well-formed files.
func TestEscaping(t *testing.T) {
	hostile := "A & B <c> \"d\" 'e' \x00\x1b\ufffe\xff\r]]>"
	p := Package{
		Identifier: hostile, Title: hostile, Authors: []string{hostile},
		Metadata: []Metadata{{Element: "dc:title", ID: "t", Value: hostile}, {Element: "meta", Name: "generator", Content: hostile}},
		NavTitle: hostile, LandmarksTitle: hostile, NavCSS: hostile,
	}
	var buf bytes.Buffer
	w, err := NewWriter(&buf, hostile, testTime)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddSection(Item{ID: "c", Href: "xhtml/c.xhtml", Linear: true, TOC: hostile, Landmark: "bodymatter", Label: hostile}, hostile, "", "<p/>"); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(p); err != nil {
		t.Fatal(err)
	}
	files, _ := entries(t, buf.Bytes())
	for name, data := range files {
		if !strings.HasSuffix(name, ".opf") && !strings.HasSuffix(name, ".ncx") && !strings.HasSuffix(name, ".xhtml") {
			continue
		}
		d := xml.NewDecoder(strings.NewReader(data))
		d.Strict = true
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: %v\n%s", name, err, data)
				break
			}
		}
	}
	if !strings.Contains(files["EPUB/package.opf"], `<dc:title id="t">A &amp; B &lt;c&gt; &quot;d&quot; 'e' `+"\ufffd&#xD;]]&gt;</dc:title>") {
		t.Errorf("package.opf:\n%s", files["EPUB/package.opf"])
	}
}

// TestSectionMatchesUpstream: a section that Writer writes is the one
// upstream's AddSection and WriteTo write (its template, marshalled by
// encoding/xml), with the language on <html>.
func TestSectionMatchesUpstream(t *testing.T) {
	const upstreamOpen = `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">`
	const langOpen = `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="tr" xml:lang="tr">`
	for _, tc := range []struct{ name, title, body string }{
		{"plain", "Kapak", "<p>metin</p>"},
		{"empty", "", ""},
		{"markup", `A & B <c> "d" 'e'`, `<p>A &amp; B</p>`},
		{"whitespace", "sekme\tsatır\nson\r", "<pre><code>a\n  b</code></pre>"},
		{"turkish", "Çığ İnce Şişe Ğ Ü Ö", "<p>ıİşŞ</p>\n<p>ikinci</p>"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := Use(MemoryFS); err != nil {
				t.Fatal(err)
			}
			e, err := NewEpub("x")
			if err != nil {
				t.Fatal(err)
			}
			css, err := e.AddCSS("data:text/css;base64,cCB7fQ==", "style.css")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.AddSection(tc.body, tc.title, "s.xhtml", css); err != nil {
				t.Fatal(err)
			}
			var up bytes.Buffer
			if _, err := e.WriteTo(&up); err != nil {
				t.Fatal(err)
			}
			upstream, _ := entries(t, up.Bytes())
			want := upstream["EPUB/xhtml/s.xhtml"]
			if strings.Count(want, upstreamOpen) != 1 {
				t.Fatalf("upstream's <html> start tag not found:\n%s", want)
			}
			want = strings.Replace(want, upstreamOpen, langOpen, 1)

			var buf bytes.Buffer
			w, err := NewWriter(&buf, "tr", testTime)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.AddSection(Item{ID: "s", Href: "xhtml/s.xhtml", Linear: true}, tc.title, css, tc.body); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(Package{}); err != nil {
				t.Fatal(err)
			}
			files, _ := entries(t, buf.Bytes())
			if got := files["EPUB/xhtml/s.xhtml"]; got != want {
				t.Errorf("Writer:\n%s\nupstream, with lang:\n%s", got, want)
			}
		})
	}
}

// TestErrors: a Writer refuses an item without id, href or media type, an
// href that leaves the package folder or is used twice (or is one of the
// files Close writes), a repeated id, and any call after an error or
// Close.
func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		items []Item
	}{
		{"no id", []Item{{Href: "a.css", MediaType: "text/css"}}},
		{"no media type", []Item{{ID: "a", Href: "a.css"}}},
		{"parent", []Item{{ID: "a", Href: "../a.css", MediaType: "text/css"}}},
		{"absolute", []Item{{ID: "a", Href: "/a.css", MediaType: "text/css"}}},
		{"unclean", []Item{{ID: "a", Href: "x/../a.css", MediaType: "text/css"}}},
		{"same href", []Item{{ID: "a", Href: "a.css", MediaType: "text/css"}, {ID: "b", Href: "a.css", MediaType: "text/css"}}},
		{"nav", []Item{{ID: "a", Href: "nav.xhtml", MediaType: "text/css"}}},
		{"package", []Item{{ID: "a", Href: "package.opf", MediaType: "text/css"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w, err := NewWriter(io.Discard, "en", testTime)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range tc.items {
				err = w.AddFile(it, nil)
			}
			if err == nil {
				t.Fatal("no error")
			}
			if w.Close(Package{}) == nil {
				t.Error("Close after an error did not fail")
			}
		})
	}
	w, _ := NewWriter(io.Discard, "en", testTime)
	if err := w.AddFile(Item{ID: "nav", Href: "a.css", MediaType: "text/css"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(Package{}); err == nil || !strings.Contains(err.Error(), `two items with id "nav"`) {
		t.Errorf("an item with the nav's id: %v", err)
	}
	w, _ = NewWriter(io.Discard, "en", testTime)
	if err := w.Close(Package{}); err != nil {
		t.Fatal(err)
	}
	if err := w.AddFile(Item{ID: "a", Href: "a.css", MediaType: "text/css"}, nil); err == nil {
		t.Error("AddFile after Close did not fail")
	}
	if _, err := NewWriter(failWriter{}, "en", testTime); err == nil {
		t.Error("NewWriter on a failing writer did not fail")
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }
