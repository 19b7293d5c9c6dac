// Copyright ©2026 The seedpress Authors. All rights reserved.
// Use of this source code is governed by a MIT-style
// license that can be found in the LICENSE file.

package fpdf

// This file holds seedpress's changes to fpdf v0.9.0 (see PATCHES.md); the
// lines that call it are marked "seedpress" where they stand.
//
// Page compression.
//
// Upstream keeps every page's content stream uncompressed until Output,
// then compresses each with a new zlib writer. A 34,000-page book then
// holds about 500 MB of page content and allocates a megabyte of
// compressor tables per page. Here a page is compressed when it ends, into
// zpages, with a reused zlib writer; Output writes the compressed bytes.
// Compressing at the end of the page or at Output gives the same bytes.

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"sync"
	"time"
)

// zwriterPool reuses zlib writers of level BestSpeed, the level upstream
// uses for page streams.
type zwriterPool struct{ sync.Pool }

var zwriters zwriterPool

// get returns a zlib writer that writes to w.
func (p *zwriterPool) get(w io.Writer) *zlib.Writer {
	if zw, ok := p.Get().(*zlib.Writer); ok {
		zw.Reset(w)
		return zw
	}
	zw, err := zlib.NewWriterLevel(w, zlib.BestSpeed)
	if err != nil {
		panic(fmt.Errorf("could not create zlib writer: %w", err))
	}
	return zw
}

// put returns zw to the pool.
func (p *zwriterPool) put(zw *zlib.Writer) { p.Put(zw) }

// deflatePage compresses the content of page n into zpages[n] and drops
// the uncompressed buffer, when compression is on. A page already
// compressed is left as it is.
func (f *Fpdf) deflatePage(n int) {
	if !f.compress || n <= 0 || n >= len(f.pages) || f.zpages[n] != nil {
		return
	}
	mem := xmem.compress(f.pages[n].Bytes())
	f.zpages[n] = mem.copy()
	mem.release()
	f.pages[n] = nil
}

// inflatePage makes the content of page n uncompressed again, for code
// that reads or writes it (SetPage, aliases, templates).
func (f *Fpdf) inflatePage(n int) {
	if n <= 0 || n >= len(f.zpages) || f.zpages[n] == nil {
		return
	}
	mem, err := xmem.uncompress(f.zpages[n])
	if err != nil {
		f.SetErrorf("could not uncompress page %d: %v", n, err)
		return
	}
	f.pages[n] = bytes.NewBuffer(mem.copy())
	mem.release()
	f.zpages[n] = nil
}

// deflatedPage returns the compressed content of page n, compressing it
// now if it has not been.
func (f *Fpdf) deflatedPage(n int) []byte {
	f.deflatePage(n)
	return f.zpages[n]
}

// outBytes adds b and a newline to the document, as out does for a
// string.
func (f *Fpdf) outBytes(b []byte) {
	if f.state == 2 {
		f.pages[f.page].Write(b)
		f.pages[f.page].WriteByte('\n')
	} else {
		f.buffer.Write(b)
		f.buffer.WriteByte('\n')
	}
}

// Streaming output.
//
// Upstream builds the whole file in f.buffer and hands it to Output's
// writer at the end: a long book's file is held whole, and twice while the
// buffer grows. Here Output gives the writer to Close, and newobj hands
// every finished object to it once the buffer holds outChunk bytes.
// Object offsets count the bytes already written (offset), so the file is
// the same as upstream's.

// outChunk is how many bytes f.buffer collects before flushOut writes them;
// a variable for the tests.
var outChunk = 1 << 20

// offset returns the position in the file of the next byte written to
// f.buffer.
func (f *Fpdf) offset() int {
	return f.outOff + f.buffer.Len()
}

// flushOut writes f.buffer to Output's writer and empties it, when Output
// is writing and the buffer holds at least outChunk bytes. The first error
// of the writer becomes f's error; nothing is written after it.
func (f *Fpdf) flushOut() {
	if f.outw == nil || f.err != nil || f.buffer.Len() < outChunk {
		return
	}
	n, err := f.outw.Write(f.buffer.Bytes())
	f.outOff += n
	f.buffer.Reset()
	if err != nil {
		f.err = fmt.Errorf("could not write output: %w", err)
	}
}

// Dates.
//
// Upstream writes CreationDate and ModDate without a time zone, which
// readers take as their local time. pdfDate writes the zone, as the PDF
// date format allows: "Z" for UTC, else the offset as +HH'mm'.

// pdfDate returns t as a PDF date string, "D:YYYYMMDDHHmmSS" and its zone.
func pdfDate(t time.Time) string {
	s := "D:" + t.Format("20060102150405")
	_, off := t.Zone()
	if off == 0 {
		return s + "Z"
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	return fmt.Sprintf("%s%c%02d'%02d'", s, sign, off/3600, off%3600/60)
}

// Pages written as they end.
//
// Even compressed, the pages of a long book are most of what fpdf holds
// until Output: 90 MB for a 34,000-page book. After StreamPages, each page
// is written to the output when it ends (streamPage), and dropped. Its
// objects are those putpages would write at Output, in the same order and
// with the same numbers, since pages are the first objects of the file;
// so the file is the same, as long as no page is needed again after it
// ends. StreamPages' limits keep it so.

// StreamPages makes f write the file to w while it is made, each page as
// soon as it ends; Output must then be called with the same w, and writes
// the rest of the file. It must be called before the first page. No page
// may change after it ends: f fails (see Err) on SetPage to a page that
// has ended, on page-count aliases, on attachments, on encryption, on a
// page size other than the default, and on a change of the PDF version
// after the first page has ended.
func (f *Fpdf) StreamPages(w io.Writer) {
	if f.page > 0 {
		f.SetErrorf("StreamPages must be called before the first page")
		return
	}
	f.pageOut = w
	f.outw = w
}

// streamPage writes page n, which has just ended, to the output, after the
// file's header when it is the first.
func (f *Fpdf) streamPage(n int) {
	if f.pageOut == nil || f.err != nil {
		return
	}
	switch {
	case n != len(f.pageObjs)+1:
		f.SetErrorf("StreamPages: page %d ended again", n)
	case len(f.aliasMap) > 0 || f.aliasNbPagesStr != "":
		f.SetErrorf("StreamPages: page-count aliases need the pages at Output")
	case len(f.attachments) > 0 || len(f.pageAttachments[n]) > 0:
		f.SetErrorf("StreamPages: attachments are written before the pages")
	case f.protect.encrypted:
		f.SetErrorf("StreamPages: encryption is not supported")
	case len(f.pageSizes) > 0:
		f.SetErrorf("StreamPages: page %d has a size other than the default", n)
	case n > 1 && f.pdfVersion != f.headerVersion:
		f.SetErrorf("StreamPages: the PDF version changed to %s after the header", f.pdfVersion)
	}
	if f.err != nil {
		return
	}
	if n == 1 {
		f.putheader()
		f.headerVersion = f.pdfVersion
	}
	hPt := f.defPageSize.Ht * f.k
	if f.defOrientation != "P" {
		hPt = f.defPageSize.Wd * f.k
	}
	f.pageObjs = append(f.pageObjs, f.putpage(n, hPt))
	f.pages[n] = nil
	f.pageLinks[n] = nil
	delete(f.pageBoxes, n)
	f.flushOut()
}

// putpage writes the objects of page n and returns the page object's
// number; hPt is the default page height in points. It is the body of
// upstream's loop over the pages in putpages, moved here unchanged (but
// for its result) so that streamPage can call it too.
func (f *Fpdf) putpage(n int, hPt float64) int {
	if f.tag != nil {
		return f.putTaggedPage(n, hPt) // a tagged page's objects differ (tagged.go)
	}
	// Page
	f.newobj()
	obj := f.n // save for /Kids
	f.out("<</Type /Page")
	f.out("/Parent 1 0 R")
	pageSize, ok := f.pageSizes[n]
	if ok {
		f.outf("/MediaBox [0 0 %.2f %.2f]", pageSize.Wd, pageSize.Ht)
	}
	for t, pb := range f.pageBoxes[n] {
		f.outf("/%s [%.2f %.2f %.2f %.2f]", t, pb.X, pb.Y, pb.Wd, pb.Ht)
	}
	f.out("/Resources 2 0 R")
	// Links
	if len(f.pageLinks[n])+len(f.pageAttachments[n]) > 0 {
		var annots fmtBuffer
		annots.printf("/Annots [")
		for _, pl := range f.pageLinks[n] {
			annots.printf("<</Type /Annot /Subtype /Link /Rect [%.2f %.2f %.2f %.2f] /Border [0 0 0] ",
				pl.x, pl.y, pl.x+pl.wd, pl.y-pl.ht)
			if pl.link == 0 {
				annots.printf("/A <</S /URI /URI %s>>>>", f.textstring(pl.linkStr))
			} else {
				l := f.links[pl.link]
				var sz SizeType
				var h float64
				sz, ok = f.pageSizes[l.page]
				if ok {
					h = sz.Ht
				} else {
					h = hPt
				}
				// dbg("h [%.2f], l.y [%.2f] f.k [%.2f]\n", h, l.y, f.k)
				annots.printf("/Dest [%d 0 R /XYZ 0 %.2f null]>>", 1+2*l.page, h-l.y*f.k)
			}
		}
		f.putAttachmentAnnotationLinks(&annots, n)
		annots.printf("]")
		f.out(annots.String())
	}
	if f.pdfVersion > pdfVers1_3 {
		f.out("/Group <</Type /Group /S /Transparency /CS /DeviceRGB>>")
	}
	f.outf("/Contents %d 0 R>>", f.n+1)
	f.out("endobj")
	// Page content
	f.newobj()
	if f.compress {
		// seedpress: the page was compressed when it ended.
		data := f.deflatedPage(n)
		f.outf("<</Filter /FlateDecode /Length %d>>", len(data))
		f.putstream(data)
		f.zpages[n] = nil
	} else {
		f.outf("<</Length %d>>", f.pages[n].Len())
		f.putstream(f.pages[n].Bytes())
	}
	f.out("endobj")
	return obj
}
