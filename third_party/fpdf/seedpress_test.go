// Copyright ©2026 The seedpress Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"testing"
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
