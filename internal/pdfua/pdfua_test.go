package pdfua

import (
	"flag"
	"testing"
)

var pdfFile = flag.String("file", "", "a PDF to check and report on")

// TestFile checks the PDF given with -file, for looking at a file by hand.
func TestFile(t *testing.T) {
	if *pdfFile == "" {
		t.Skip("no -file")
	}
	r, err := CheckFile(*pdfFile)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%+v", *r)
	for _, p := range r.Problems {
		t.Error(p)
	}
}
