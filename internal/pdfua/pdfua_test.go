package pdfua

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/seedpress/seedpress/internal/testtool"
)

var pdfFile = flag.String("file", "", "a PDF to check and report on (TestFile)")

// TestFile checks the PDF given with -file, for looking at a file by hand.
func TestFile(t *testing.T) {
	if *pdfFile == "" {
		t.Skip("no -file")
	}
	testtool.Require(t, "qpdf", "apt-get install qpdf")
	r, err := CheckFile(*pdfFile)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", *r)
	for _, p := range r.Problems {
		t.Error(p)
	}
}

// write writes a small document made by fn into a temporary file.
func write(t *testing.T, tagged bool, fn func(f *fpdf.Fpdf)) string {
	t.Helper()
	f := fpdf.New("P", "mm", "A5", "")
	if tagged {
		f.SetTagged()
		f.SetLang("tr")
		f.SetXmpMetadata([]byte(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:title>T</dc:title><pdfuaid:part>1</pdfuaid:part></x:xmpmeta>`))
	}
	f.SetFont("Helvetica", "", 12)
	f.AddPage()
	fn(f)
	path := filepath.Join(t.TempDir(), "t.pdf")
	if err := f.OutputFileAndClose(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func check(t *testing.T, path string) *Report {
	t.Helper()
	testtool.Require(t, "qpdf", "apt-get install qpdf")
	r, err := CheckFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestChecks checks that each check fails where it should and nothing
// fails on a good document.
func TestChecks(t *testing.T) {
	good := write(t, true, func(f *fpdf.Fpdf) {
		f.BeginStruct(fpdf.StructDocument, fpdf.StructAttr{})
		f.BeginStruct(fpdf.StructP, fpdf.StructAttr{})
		f.Text(10, 10, "a (tricky) \\ string")
		f.EndStruct()
		f.BeginStruct(fpdf.StructFigure, fpdf.StructAttr{Alt: "a square"})
		f.Rect(10, 20, 10, 10, "D")
		f.EndStruct()
		f.BeginStruct(fpdf.StructTH, fpdf.StructAttr{Scope: "Row"})
		f.Text(10, 40, "h")
		f.EndStruct()
		f.BeginStruct(fpdf.StructLink, fpdf.StructAttr{AnnotContents: "x"})
		f.Text(10, 50, "link")
		f.LinkString(10, 46, 10, 5, "https://example.com/")
		f.EndStruct()
		f.BeginArtifact(fpdf.ArtifactPagination)
		f.Text(10, 200, "1")
		f.EndArtifact()
		f.EndStruct()
	})
	r := check(t, good)
	for _, p := range r.Problems {
		// The only font is Helvetica, a standard font, not embedded.
		if p != "font Helvetica: embedded false, subset false, ToUnicode false" {
			t.Errorf("a good document fails: %s", p)
		}
	}
	if r.MCIDs != 4 || r.TextOps != 4 || r.ArtifactTextOps != 1 || r.LinkAnnots != 1 || r.Elements["P"] != 1 {
		t.Errorf("counts: %+v", r)
	}

	bad := write(t, true, func(f *fpdf.Fpdf) {
		f.BeginStruct(fpdf.StructDocument, fpdf.StructAttr{})
		f.BeginStruct(fpdf.StructFigure, fpdf.StructAttr{})
		f.Rect(10, 20, 10, 10, "D")
		f.EndStruct()
		f.BeginStruct(fpdf.StructTH, fpdf.StructAttr{})
		f.Text(10, 40, "h")
		f.EndStruct()
		f.BeginStruct(fpdf.StructLink, fpdf.StructAttr{})
		f.LinkString(10, 46, 10, 5, "https://example.com/")
		f.EndStruct()
		f.EndStruct()
	})
	r = check(t, bad)
	for _, want := range []string{"Figure", "has no /Alt", "TH", "has no /Scope", "has no /Contents", "embedded false"} {
		if !strings.Contains(strings.Join(r.Problems, "\n"), want) {
			t.Errorf("no problem says %q: %v", want, r.Problems)
		}
	}

	untagged := write(t, false, func(f *fpdf.Fpdf) {
		f.Text(10, 10, "x")
		f.Line(1, 1, 2, 2)
		f.LinkString(1, 1, 1, 1, "https://example.com/")
	})
	r = check(t, untagged)
	for _, want := range []string{"/MarkInfo", "/StructTreeRoot", "/Lang", "pdfuaid", "/Tabs", "not in the structure tree", "text outside marked content", "S outside marked content"} {
		if !strings.Contains(strings.Join(r.Problems, "\n"), want) {
			t.Errorf("untagged: no problem says %q: %v", want, r.Problems)
		}
	}
}

// TestLex checks the content stream lexer on strings, names, dictionaries
// and comments.
func TestLex(t *testing.T) {
	var got []string
	lex([]byte("/P <</MCID 3>> BDC % a comment Tj\nBT (a \\) (b) c) Tj <0041> Tj [(x) -20 (y)] TJ ET EMC"), func(op string, args []string) {
		got = append(got, op+":"+strings.Join(args, ","))
	})
	want := "BDC:/P,<<,/MCID,3,>>|BT:|Tj:(a \\) (b) c)|Tj:<0041>|TJ:[,(x),-20,(y),]|ET:|EMC:"
	if strings.Join(got, "|") != want {
		t.Errorf("lex:\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
}
