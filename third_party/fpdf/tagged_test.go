// Copyright ©2026 The seedpress Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// taggedSample makes a tagged document of three pages: a running head as
// an artifact on each, a heading, a paragraph that runs over a page break
// with an abbreviation, an added hyphen and a link in it, a list, a table
// with header cells, a figure, a note and an internal link to the last
// page, which the pages before it point to (a forward link).
func taggedSample(t *testing.T, stream bool) []byte {
	t.Helper()
	f := New("P", "mm", "A5", "")
	f.SetTagged()
	f.SetCompression(false)
	f.SetFont("Helvetica", "", 12)
	var out bytes.Buffer
	if stream {
		f.StreamPages(&out)
	}
	last := f.AddLink()
	f.SetLink(last, 10, 3)
	head := func() {
		f.BeginArtifact(ArtifactPagination)
		f.Text(10, 8, "Running head")
		f.EndArtifact()
	}
	f.AddPage()
	head()
	f.BeginStruct(StructDocument, StructAttr{Lang: "tr"})
	f.BeginStruct(StructSect, StructAttr{Title: "Bölüm"})
	f.BeginStruct(StructH1, StructAttr{})
	f.Text(10, 20, "Başlık")
	f.EndStruct()
	f.BeginStruct(StructP, StructAttr{})
	f.Text(10, 30, "Kurumlar ")
	f.BeginStruct(StructSpan, StructAttr{E: "Internet Corporation for Assigned Names and Numbers", Lang: "en"})
	f.Text(40, 30, "ICANN")
	f.EndStruct()
	f.Text(60, 30, " ve uzla")
	f.BeginArtifact(ArtifactLayout)
	f.Text(80, 30, "-")
	f.EndArtifact()
	f.Text(10, 40, "şı ")
	f.BeginStruct(StructLink, StructAttr{AnnotContents: "https://example.com/"})
	f.Text(20, 40, "bağlantı")
	f.LinkString(20, 36, 20, 5, "https://example.com/")
	f.EndStruct()
	f.AddPage() // the paragraph goes on
	head()
	f.Text(10, 20, "sürer.")
	f.EndStruct()
	f.BeginStruct(StructL, StructAttr{})
	f.BeginStruct(StructLI, StructAttr{})
	f.BeginStruct(StructLbl, StructAttr{})
	f.Text(10, 30, "1.")
	f.EndStruct()
	f.BeginStruct(StructLBody, StructAttr{})
	f.Text(20, 30, "madde")
	f.EndStruct()
	f.EndStruct()
	f.EndStruct()
	f.BeginStruct(StructTable, StructAttr{})
	f.BeginStruct(StructTHead, StructAttr{})
	f.BeginStruct(StructTR, StructAttr{})
	f.BeginStruct(StructTH, StructAttr{Scope: "Column"})
	f.Text(10, 50, "Ad")
	f.EndStruct()
	f.EndStruct()
	f.EndStruct()
	f.BeginStruct(StructTBody, StructAttr{})
	f.BeginStruct(StructTR, StructAttr{})
	f.BeginStruct(StructTD, StructAttr{})
	f.Text(10, 60, "Ali")
	f.EndStruct()
	f.EndStruct()
	f.EndStruct()
	f.BeginArtifact(ArtifactLayout)
	f.Line(10, 52, 50, 52)
	f.EndArtifact()
	f.EndStruct()
	f.BeginStruct(StructFigure, StructAttr{Alt: "Bir kare"})
	f.Rect(10, 70, 20, 20, "D")
	f.EndStruct()
	f.BeginStruct(StructCaption, StructAttr{})
	f.Text(10, 95, "Şekil 1")
	f.EndStruct()
	f.BeginStruct(StructNote, StructAttr{ID: "fn1"})
	f.Text(10, 120, "Not.")
	f.EndStruct()
	f.BeginStruct(StructLink, StructAttr{AnnotContents: "son sayfa"})
	f.Text(10, 130, "son sayfaya")
	f.Link(10, 126, 30, 5, last)
	f.EndStruct()
	f.AddPage()
	head()
	f.BeginStruct(StructP, StructAttr{})
	f.Text(10, 20, "Son.")
	f.EndStruct()
	f.EndStruct()
	f.EndStruct()
	if err := f.Output(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// obj returns the text of object n of pdf.
func obj(t *testing.T, pdf []byte, n string) string {
	t.Helper()
	re := regexp.MustCompile(`(?s)\n` + n + ` 0 obj\n(.*?)\nendobj`)
	m := re.FindSubmatch(pdf)
	if m == nil {
		t.Fatalf("no object %s", n)
	}
	return string(m[1])
}

// TestTagged checks the seedpress patch's tagging: the catalog, the pages'
// /StructParents and /Tabs, the marked content of the pages, the structure
// elements with their attributes and kids, the ParentTree, the IDTree, the
// link annotations with /StructParent, /Contents and an OBJR, and named
// destinations for internal links; and that StreamPages gives the same
// bytes.
func TestTagged(t *testing.T) {
	pdf := taggedSample(t, false)
	if !bytes.HasPrefix(pdf, []byte("%PDF-1.7")) {
		t.Errorf("header %q, want PDF 1.7", pdf[:8])
	}
	if streamed := taggedSample(t, true); !bytes.Equal(pdf, streamed) {
		t.Error("StreamPages gives other bytes")
	}
	// The file and its streams, inflated: the structure is in object
	// streams.
	s := string(pdf) + string(bytes.Join(streams(t, pdf), []byte("\n")))
	for _, want := range []string{
		"/MarkInfo <</Marked true>>", "/ViewerPreferences <</DisplayDocTitle true>>",
		"/StructParents 0 /Tabs /S", "/StructParents 2 /Tabs /S", "/StructParents 4 /Tabs /S",
		"/Artifact <</Type /Pagination>> BDC\nBT", "/H1 <</MCID 0>> BDC", "/Artifact <</Type /Layout>> BDC",
		"/S /Span", "/E (Internet Corporation for Assigned Names and Numbers)", "/Lang (en)",
		"/S /TH", "/A <</O /Table /Scope /Column>>", "/S /Figure", "/Alt (Bir kare)", "/ID (fn1)",
		"/IDTree", "/Type /OBJR", "/Type /ObjStm", "/Type /XRef", "/StructParent 1 /Contents (https://example.com/)",
		"/StructParent 3 /Contents (son sayfa)", "/Dest /L1>>", "/Dests", "/T (\xfe\xff",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	// Every page's content: marked content balanced, every text inside a
	// sequence with an MCID or an artifact, MCIDs numbered from 0.
	pages := streams(t, pdf)[:3]
	for i, p := range pages {
		depth, next := 0, 0
		inMC, inArt := false, false
		for _, line := range strings.Split(string(p), "\n") {
			switch {
			case strings.HasSuffix(line, " BDC") || strings.HasSuffix(line, " BMC"):
				depth++
				if strings.HasPrefix(line, "/Artifact") {
					inArt = true
				} else if m := regexp.MustCompile(`<</MCID (\d+)>>`).FindStringSubmatch(line); m != nil {
					if m[1] != strconv.Itoa(next) {
						t.Errorf("page %d: MCID %s, want %d", i+1, m[1], next)
					}
					next++
					inMC = true
				}
			case line == "EMC":
				depth--
				inMC, inArt = false, false
			case strings.Contains(line, " Tj") || strings.HasSuffix(line, " S"):
				if !inMC && !inArt {
					t.Errorf("page %d: unmarked content %q", i+1, line)
				}
			}
			if depth > 1 {
				t.Errorf("page %d: nested marked content at %q", i+1, line)
			}
		}
		if depth != 0 {
			t.Errorf("page %d: %d sequences not ended", i+1, depth)
		}
	}
	// The paragraph over the page break: MCIDs on both pages, the second
	// through an MCR.
	if !strings.Contains(s, "<</Type /MCR /Pg") {
		t.Error("no MCR for the paragraph's content on its second page")
	}
	// The ParentTree: page 1's key lists an element for each MCID.
	m := regexp.MustCompile(`(?s)<</Nums \[0 \[((?:\d+ 0 R )+)\]`).FindStringSubmatch(s)
	if m == nil {
		t.Fatal("no ParentTree entry for page 1")
	}
	if got := strings.Count(m[1], " R"); got != 6 {
		t.Errorf("page 1 has %d ParentTree entries, want 6 MCIDs", got)
	}
}

// TestTaggedMisuse checks that misuse of the tagging is an error: content
// outside the tree, a link outside a Link element, an element or artifact
// left open, an unknown type, a bad scope.
func TestTaggedMisuse(t *testing.T) {
	for name, fn := range map[string]func(f *Fpdf){
		"content outside": func(f *Fpdf) { f.Text(10, 10, "x") },
		"link outside": func(f *Fpdf) {
			f.BeginStruct(StructP, StructAttr{})
			f.LinkString(1, 1, 1, 1, "https://x/")
			f.EndStruct()
		},
		"element open":     func(f *Fpdf) { f.BeginStruct(StructP, StructAttr{}); f.Text(10, 10, "x") },
		"artifact open":    func(f *Fpdf) { f.BeginArtifact(""); f.AddPage() },
		"unknown type":     func(f *Fpdf) { f.BeginStruct("Paragraph", StructAttr{}) },
		"bad scope":        func(f *Fpdf) { f.BeginStruct(StructTH, StructAttr{Scope: "Col"}) },
		"end without open": func(f *Fpdf) { f.EndStruct() },
		"same ID twice": func(f *Fpdf) {
			for i := 0; i < 2; i++ {
				f.BeginStruct(StructNote, StructAttr{ID: "n"})
				f.Text(10, 10, "x")
				f.EndStruct()
			}
		},
	} {
		f := New("P", "mm", "A5", "")
		f.SetTagged()
		f.SetFont("Helvetica", "", 12)
		f.AddPage()
		fn(f)
		var b bytes.Buffer
		if err := f.Output(&b); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestUntaggedUnchanged checks that a document that does not call
// SetTagged is written as before: no structure, pages of two objects.
func TestUntaggedUnchanged(t *testing.T) {
	f := sample(time.Date(2024, 5, 19, 12, 0, 0, 0, time.UTC))
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	for _, no := range []string{"StructTreeRoot", "MarkInfo", "BDC", "/Dests"} {
		if bytes.Contains(b.Bytes(), []byte(no)) {
			t.Errorf("an untagged document has %s", no)
		}
	}
	if !bytes.Contains(b.Bytes(), []byte("/Dest [9 0 R /XYZ")) {
		t.Error("internal links do not point at page 3 as object 9")
	}
}

// TestSubsetTag checks the subset tag: six capitals, the same for the
// same font and characters, different for another font or other
// characters.
func TestSubsetTag(t *testing.T) {
	a := subsetTag("charis", map[int]int{'a': 'a', 'b': 'b'})
	if !regexp.MustCompile(`^[A-Z]{6}$`).MatchString(a) {
		t.Fatalf("tag %q", a)
	}
	if b := subsetTag("charis", map[int]int{'b': 'b', 'a': 'a'}); a != b {
		t.Error("the same characters give another tag")
	}
	if b := subsetTag("mono", map[int]int{'a': 'a', 'b': 'b'}); a == b {
		t.Error("another font gives the same tag")
	}
	if b := subsetTag("charis", map[int]int{'a': 'a'}); a == b {
		t.Error("other characters give the same tag")
	}
}

// TestTextString checks pdfTextString: ASCII literal, else UTF-16BE.
func TestTextString(t *testing.T) {
	if got := pdfTextString(`a (b) \c`); got != `(a \(b\) \\c)` {
		t.Errorf("ASCII: %q", got)
	}
	if got := pdfTextString("ı"); got != "(\xfe\xff\x01\x31)" {
		t.Errorf("UTF-16: %q", got)
	}
}
