package epub

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	goepub "github.com/go-shiori/go-epub"
)

// TestSectionMatchesGoEPUB checks that section writes, for any title and
// body, the bytes that go-epub writes for the same section (with the
// language added to <html>): finishArchive writes most sections itself and
// only the cover page through go-epub.
func TestSectionMatchesGoEPUB(t *testing.T) {
	tests := []struct{ name, title, body string }{
		{"plain", "Kapak", "<p>metin</p>"},
		{"empty", "", ""},
		{"markup", `A & B <c> "d" 'e'`, `<p>A &amp; B</p>`},
		{"whitespace", "sekme\tsatır\nson\r", "<pre><code>a\n  b</code></pre>"},
		{"turkish", "Çığ İnce Şişe Ğ Ü Ö", "<p>ıİşŞ</p>\n<p>ikinci</p>"},
		{"clean", clean("kontrol\x01\uFFFE karakteri"), "<p/>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e, err := goepub.NewEpub("x")
			if err != nil {
				t.Fatal(err)
			}
			css, err := e.AddCSS(dataURL("text/css", styleCSS), "style.css")
			if err != nil {
				t.Fatal(err)
			}
			if css != sectionCSS {
				t.Fatalf("go-epub's stylesheet path %s, want %s", css, sectionCSS)
			}
			if _, err := e.AddSection(tc.body, tc.title, "bolum.xhtml", css); err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if _, err := e.WriteTo(&buf); err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			var want string
			for _, f := range zr.File {
				if f.Name == "EPUB/xhtml/bolum.xhtml" {
					data, err := readEntry(f)
					if err != nil {
						t.Fatal(err)
					}
					want = strings.Replace(string(data), goEPUBHTMLOpen, htmlOpen("tr"), 1)
				}
			}
			if want == "" {
				t.Fatal("go-epub wrote no EPUB/xhtml/bolum.xhtml")
			}
			var got bytes.Buffer
			section(&got, &item{Title: tc.title, Body: tc.body}, "tr")
			if got.String() != want {
				t.Errorf("section:\n%s\ngo-epub:\n%s", got.String(), want)
			}
		})
	}
}

// TestDeflateAllOrder checks that the archive does not depend on how many
// goroutines render and deflate its entries.
func TestDeflateAllOrder(t *testing.T) {
	b := corpusBook(t, 30)
	var want []byte
	for _, procs := range []int{1, 2, 5} {
		t.Run(fmt.Sprintf("procs=%d", procs), func(t *testing.T) {
			defer setMaxProcs(procs)()
			got := write(t, b, Options{})
			if want == nil {
				want = got
			} else if !bytes.Equal(got, want) {
				t.Errorf("GOMAXPROCS=%d: the EPUB differs from that of GOMAXPROCS=1", procs)
			}
		})
	}
}
