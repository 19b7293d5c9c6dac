// Copyright ©2026 The seedpress Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// streams returns the content of every stream of a PDF, inflated when the
// stream is compressed.
func streams(t *testing.T, pdf []byte) [][]byte {
	t.Helper()
	re := regexp.MustCompile(`(?s)<<([^>]*?)/Length (\d+)>>\nstream\n`)
	var out [][]byte
	for _, m := range re.FindAllSubmatchIndex(pdf, -1) {
		n := 0
		for _, c := range pdf[m[4]:m[5]] {
			n = n*10 + int(c-'0')
		}
		data := pdf[m[1] : m[1]+n]
		if bytes.Contains(pdf[m[0]:m[1]], []byte("/FlateDecode")) {
			zr, err := zlib.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if data, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, data)
	}
	return out
}

// TestPageCompression checks the seedpress patch: pages compressed when
// they end, then written to again (SetPage), with an alias for the page
// count, give the same page content as a document never compressed.
func TestPageCompression(t *testing.T) {
	build := func(compress bool) []byte {
		f := New("P", "mm", "A5", "")
		f.SetCompression(compress)
		f.AliasNbPages("{nb}")
		f.SetFont("Helvetica", "", 12)
		for i := 0; i < 3; i++ {
			f.AddPage()
			f.Text(20, 20, "page {nb}")
			f.Text(20, 30, string(rune('A'+i)))
		}
		f.SetPage(1)
		f.Text(20, 40, "back on the first page")
		f.SetPage(3)
		var b bytes.Buffer
		if err := f.Output(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	plain, packed := streams(t, build(false)), streams(t, build(true))
	if len(plain) == 0 || len(plain) != len(packed) {
		t.Fatalf("%d streams uncompressed, %d compressed", len(plain), len(packed))
	}
	for i := range plain {
		if !bytes.Equal(plain[i], packed[i]) {
			t.Errorf("stream %d differs:\n%q\n%q", i, plain[i], packed[i])
		}
	}
	first := string(plain[0])
	for _, want := range []string{"(page 3)", "(A)", "(back on the first page)"} {
		if !bytes.Contains(plain[0], []byte(want)) {
			t.Errorf("page 1 lacks %s: %q", want, first)
		}
	}
}

// TestCompressionDeterministic checks that reusing zlib writers gives the
// same bytes as a new writer per stream.
func TestCompressionDeterministic(t *testing.T) {
	data := bytes.Repeat([]byte("BT 51.02 375.61 Td (word) Tj ET\n"), 500)
	var want bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&want, zlib.BestSpeed)
	zw.Write(data)
	zw.Close()
	for i := 0; i < 3; i++ {
		mem := xmem.compress(data)
		if !bytes.Equal(mem.bytes(), want.Bytes()) {
			t.Fatal("pooled writer gives other bytes than a new one")
		}
		mem.release()
	}
}

// sample makes a small document with a few pages, links, an outline and
// XMP metadata, dated at.
func sample(at time.Time) *Fpdf {
	f := New("P", "mm", "A5", "")
	f.SetCreationDate(at)
	f.SetModificationDate(at)
	f.SetXmpMetadata([]byte("<x:xmpmeta/>"))
	f.SetFont("Helvetica", "", 12)
	link := f.AddLink()
	f.SetLink(link, 10, 3) // before the pages, for StreamPages
	for i := 0; i < 4; i++ {
		f.AddPage()
		f.Bookmark(fmt.Sprintf("part %d", i), 0, 0)
		f.Text(20, 20, fmt.Sprintf("page %d", i+1))
		f.Link(20, 15, 30, 6, link)
		f.LinkString(20, 25, 30, 6, "https://example.com/")
	}
	return f
}

// chunks records the writes it is given.
type chunks struct {
	bytes.Buffer
	writes int
}

func (c *chunks) Write(p []byte) (int, error) {
	c.writes++
	return c.Buffer.Write(p)
}

// TestStreamingOutput checks the seedpress patch: Output writes the file
// as it is made, in several writes, and the bytes are those of the file
// made whole first (Close, then Output), the upstream way.
func TestStreamingOutput(t *testing.T) {
	at := time.Date(2024, 5, 19, 12, 0, 0, 0, time.UTC)
	whole := sample(at)
	whole.Close()
	var want bytes.Buffer
	if err := whole.Output(&want); err != nil {
		t.Fatal(err)
	}
	defer func(n int) { outChunk = n }(outChunk)
	outChunk = 1 // flush after every object
	var got chunks
	if err := sample(at).Output(&got); err != nil {
		t.Fatal(err)
	}
	if got.writes < 10 {
		t.Errorf("Output made %d writes, want one per object", got.writes)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Fatal("the streamed file differs from the file made whole")
	}
	// Every offset of the cross-reference table points at its object.
	pdf := got.Bytes()
	xref := bytes.LastIndex(pdf, []byte("\nxref\n0 "))
	entries := regexp.MustCompile(`(\d{10}) 00000 n `).FindAllSubmatch(pdf[xref:], -1)
	if len(entries) < 10 {
		t.Fatalf("%d cross-reference entries", len(entries))
	}
	for i, e := range entries {
		off, _ := strconv.Atoi(string(e[1]))
		if want := fmt.Sprintf("%d 0 obj\n", i+1); !bytes.HasPrefix(pdf[off:], []byte(want)) {
			t.Errorf("object %d: offset %d points at %q", i+1, off, pdf[off:off+8])
		}
	}
}

// failing accepts n bytes, then fails.
type failing struct{ n int }

func (w *failing) Write(p []byte) (int, error) {
	if len(p) > w.n {
		n := w.n
		w.n = 0
		return n, errors.New("disk full")
	}
	w.n -= len(p)
	return len(p), nil
}

// TestStreamingOutputError checks that Output reports its writer's error
// when the writer fails in the middle of the file.
func TestStreamingOutputError(t *testing.T) {
	defer func(n int) { outChunk = n }(outChunk)
	outChunk = 1
	err := sample(time.Unix(0, 0).UTC()).Output(&failing{n: 100})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Output = %v, want the writer's error", err)
	}
}

// TestMetadataInCatalog checks the seedpress patch: the catalog points at
// the XMP metadata object.
func TestMetadataInCatalog(t *testing.T) {
	var b bytes.Buffer
	if err := sample(time.Unix(0, 0).UTC()).Output(&b); err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`\n(\d+) 0 obj\n<< /Type /Metadata /Subtype /XML`).FindSubmatch(b.Bytes())
	if m == nil {
		t.Fatal("no metadata object")
	}
	want := "/Type /Catalog\n/Metadata " + string(m[1]) + " 0 R\n/Pages 1 0 R\n"
	if !strings.Contains(b.String(), want) {
		t.Errorf("the catalog does not start %q", want)
	}
	// Without XMP, no /Metadata.
	f := New("P", "mm", "A5", "")
	f.AddPage()
	b.Reset()
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "/Metadata") {
		t.Error("a catalog without XMP metadata has /Metadata")
	}
}

// TestDateZone checks the seedpress patch: the information dictionary's
// dates carry their time zone.
func TestDateZone(t *testing.T) {
	for _, tt := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2024, 5, 19, 12, 0, 0, 0, time.UTC), "(D:20240519120000Z)"},
		{time.Date(2024, 5, 19, 15, 0, 0, 0, time.FixedZone("TRT", 3*3600)), "(D:20240519150000+03'00')"},
		{time.Date(2024, 5, 19, 7, 0, 0, 0, time.FixedZone("", -(4*3600+30*60))), "(D:20240519070000-04'30')"},
	} {
		var b bytes.Buffer
		if err := sample(tt.at).Output(&b); err != nil {
			t.Fatal(err)
		}
		for _, key := range []string{"/CreationDate ", "/ModDate "} {
			if !strings.Contains(b.String(), key+tt.want) {
				t.Errorf("%v: no %s%s", tt.at, key, tt.want)
			}
		}
	}
}

// TestStreamPages checks the seedpress patch: after StreamPages, each page
// is written when it ends, and the file is the same as without.
func TestStreamPages(t *testing.T) {
	at := time.Date(2024, 5, 19, 12, 0, 0, 0, time.UTC)
	var want bytes.Buffer
	if err := sample(at).Output(&want); err != nil {
		t.Fatal(err)
	}
	defer func(n int) { outChunk = n }(outChunk)
	outChunk = 1
	for _, compress := range []bool{true, false} {
		var got chunks
		f := New("P", "mm", "A5", "")
		f.SetCompression(compress)
		f.StreamPages(&got)
		f.SetFont("Helvetica", "", 12)
		f.AddPage()
		f.Text(20, 20, "one")
		f.AddPage()
		if got.Len() == 0 {
			t.Errorf("compress %v: nothing written when the first page ended", compress)
		}
		if f.pages[1] != nil || f.zpages[1] != nil {
			t.Errorf("compress %v: the first page is still held", compress)
		}
		f.Text(20, 20, "two")
		if err := f.Output(&got); err != nil {
			t.Fatal(err)
		}
		plain := New("P", "mm", "A5", "")
		plain.SetCompression(compress)
		plain.SetFont("Helvetica", "", 12)
		plain.AddPage()
		plain.Text(20, 20, "one")
		plain.AddPage()
		plain.Text(20, 20, "two")
		var w bytes.Buffer
		if err := plain.Output(&w); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), w.Bytes()) {
			t.Errorf("compress %v: the file differs with StreamPages", compress)
		}
	}
	var got bytes.Buffer
	late := sample(at) // its pages are added
	if late.StreamPages(&got); !late.Err() {
		t.Error("StreamPages after the first page: no error")
	}
	s := streamedSample(at, &got)
	if err := s.Output(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Error("the sample differs with StreamPages")
	}
}

// streamedSample is sample with StreamPages(w) before its first page.
func streamedSample(at time.Time, w io.Writer) *Fpdf {
	f := New("P", "mm", "A5", "")
	f.StreamPages(w)
	f.SetCreationDate(at)
	f.SetModificationDate(at)
	f.SetXmpMetadata([]byte("<x:xmpmeta/>"))
	f.SetFont("Helvetica", "", 12)
	link := f.AddLink()
	f.SetLink(link, 10, 3)
	for i := 0; i < 4; i++ {
		f.AddPage()
		f.Bookmark(fmt.Sprintf("part %d", i), 0, 0)
		f.Text(20, 20, fmt.Sprintf("page %d", i+1))
		f.Link(20, 15, 30, 6, link)
		f.LinkString(20, 25, 30, 6, "https://example.com/")
	}
	return f
}

// TestStreamPagesLimits checks that StreamPages refuses what would need a
// page after it was written.
func TestStreamPagesLimits(t *testing.T) {
	for name, do := range map[string]func(f *Fpdf){
		"SetPage back": func(f *Fpdf) { f.AddPage(); f.AddPage(); f.SetPage(1) },
		"alias":        func(f *Fpdf) { f.AliasNbPages(""); f.AddPage(); f.AddPage() },
		"page size":    func(f *Fpdf) { f.AddPage(); f.AddPageFormat("L", SizeType{Wd: 100, Ht: 50}); f.AddPage() },
		"version":      func(f *Fpdf) { f.AddPage(); f.AddPage(); f.SetAlpha(0.5, "Normal") },
	} {
		f := New("P", "mm", "A5", "")
		var b bytes.Buffer
		f.StreamPages(&b)
		f.SetFont("Helvetica", "", 12)
		do(f)
		if err := f.Output(&b); err == nil || !strings.Contains(err.Error(), "StreamPages") {
			t.Errorf("%s: Output = %v, want a StreamPages error", name, err)
		}
	}
}
