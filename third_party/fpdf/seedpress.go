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
