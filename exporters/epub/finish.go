package epub

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
)

// goEPUBHTMLOpen is the <html> start tag that go-epub writes on every
// section; finishArchive adds the language to it.
const goEPUBHTMLOpen = `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">`

// dosEpoch is the earliest time a zip entry can carry.
var dosEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// sectionCSS is the stylesheet's path as go-epub's AddCSS returns it, which
// every section links.
const sectionCSS = "../css/style.css"

// zipDeflateLevel is the compression level of archive/zip's own Deflate
// compressor, which the archive used before it compressed its entries
// itself; the same level keeps the bytes the same.
const zipDeflateLevel = 5

// finishArchive writes the EPUB that seedpress publishes to w, from the
// skeleton that go-epub wrote (src) and the plan (p).
//
// What go-epub still does: it writes mimetype, META-INF/container.xml, the
// stylesheet, the cover image and the cover page, the first section. What
// this step does itself, and why:
//   - every other section. go-epub v1.2.1's AddSection rebuilds a map of
//     every section's file name on each call (quadratic: 8 s at 10,000
//     documents), and WriteTo writes each section to a temporary folder and
//     reads it back, one file system round trip per document. section
//     renders the very bytes go-epub would write (its template, marshalled by
//     encoding/xml), and the cover page that go-epub did write is compared
//     with section's rendering of it, so that a change in go-epub's template
//     fails here instead of giving sections of two kinds;
//   - package.opf, nav.xhtml and toc.ncx, which go-epub gets wrong: its
//     package.opf carries time.Now() as dcterms:modified, a random identifier
//     unless told otherwise, a manifest ordered by map iteration, no
//     xml:lang, and no way to add <meta property> lines (subtitle, creator
//     roles, accessibility metadata); its nav.xhtml says "Table of
//     Contents", has no role="doc-toc", no landmarks and no language; its
//     toc.ncx has no language. They are replaced by the ones this package
//     generates from the model;
//   - the <html> element of the sections, which go-epub cannot give lang and
//     xml:lang;
//   - the zip container, whose entries go-epub stamps with the time of the
//     build. The archive is written again deterministically: mimetype first,
//     stored, with no extra field and no time (a Modified time would add an
//     extra field, which epubcheck reports as PKG-005); then
//     META-INF/container.xml and every other entry sorted by name, deflated,
//     each with the book's modification time. The entries are rendered and
//     deflated concurrently, each on its own, and written in that order, so
//     the bytes are those of a sequential run.
//
// The files that go-epub wrote are checked against the plan, so that a
// change in go-epub fails here instead of giving a broken book.
func finishArchive(w io.Writer, src []byte, p *book) error {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return fmt.Errorf("epub: finish: read go-epub's archive: %w", err)
	}
	ref := p.reference()
	want := map[string]bool{
		"mimetype":               true,
		"META-INF/container.xml": true,
		"EPUB/package.opf":       true,
	}
	for _, it := range p.items {
		if !isSection(it) || it == ref {
			want["EPUB/"+it.Href] = true
		}
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		if !want[f.Name] {
			return fmt.Errorf("epub: finish: go-epub wrote unexpected %s", f.Name)
		}
		data, err := readEntry(f)
		if err != nil {
			return err
		}
		files[f.Name] = data
	}
	for name := range want {
		if _, ok := files[name]; !ok {
			return fmt.Errorf("epub: finish: go-epub did not write %s", name)
		}
	}
	if string(files["mimetype"]) != "application/epub+zip" {
		return fmt.Errorf("epub: finish: go-epub wrote mimetype %q", files["mimetype"])
	}
	if ref != nil {
		name := "EPUB/" + ref.Href
		x := string(files[name])
		if strings.Count(x, goEPUBHTMLOpen) != 1 {
			return fmt.Errorf("epub: finish: %s: go-epub's <html> start tag not found", name)
		}
		var buf bytes.Buffer
		section(&buf, ref, p.meta.Lang)
		if strings.Replace(x, goEPUBHTMLOpen, htmlOpen(p.meta.Lang), 1) != buf.String() {
			return fmt.Errorf("epub: finish: %s: go-epub's section differs from the one this package writes:\n%s", name, x)
		}
		files[name] = buf.Bytes()
	}
	files["EPUB/package.opf"] = p.packageDocument()
	files["EPUB/nav.xhtml"] = p.navDocument()
	files["EPUB/toc.ncx"] = p.ncxDocument()

	entries := make([]*entry, 0, len(files)+len(p.items))
	for name, data := range files {
		if name != "mimetype" && name != "META-INF/container.xml" {
			entries = append(entries, &entry{name: name, data: data})
		}
	}
	for _, it := range p.items {
		if isSection(it) && it != ref {
			entries = append(entries, &entry{name: "EPUB/" + it.Href, section: it})
		}
	}
	slices.SortFunc(entries, func(a, b *entry) int { return strings.Compare(a.name, b.name) })
	for i := 1; i < len(entries); i++ {
		if entries[i].name == entries[i-1].name {
			return fmt.Errorf("epub: finish: two files named %s", entries[i].name)
		}
	}
	entries = slices.Insert(entries, 0, &entry{name: "META-INF/container.xml", data: files["META-INF/container.xml"]})
	if err := deflateAll(entries, p); err != nil {
		return err
	}

	modified := p.meta.Modified
	if modified.Before(dosEpoch) {
		modified = dosEpoch
	}
	zw := zip.NewWriter(w)
	mt := files["mimetype"]
	// CreateRaw writes the header as given: stored, sizes and CRC known up
	// front (so no data descriptor), no extra field, no time.
	fw, err := zw.CreateRaw(&zip.FileHeader{
		Name:               "mimetype",
		Method:             zip.Store,
		CreatorVersion:     20,
		ReaderVersion:      20,
		CRC32:              crc32.ChecksumIEEE(mt),
		CompressedSize64:   uint64(len(mt)),
		UncompressedSize64: uint64(len(mt)),
	})
	if err == nil {
		_, err = fw.Write(mt)
	}
	if err != nil {
		return fmt.Errorf("epub: finish: write mimetype: %w", err)
	}
	for _, e := range entries {
		fw, err := zw.CreateRaw(e.header(modified))
		if err == nil {
			_, err = fw.Write(e.deflated)
		}
		if err != nil {
			return fmt.Errorf("epub: finish: write %s: %w", e.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("epub: finish: close archive: %w", err)
	}
	return nil
}

// entry is one deflated file of the archive.
type entry struct {
	name    string
	data    []byte // the content, unless section is set
	section *item  // a section, rendered by section

	deflated []byte
	crc      uint32
	size     uint64 // uncompressed
	err      error
}

// header returns the entry's zip header, the one that zip.Writer's
// CreateHeader writes for {Name, Method: Deflate, Modified: modified}: a
// data descriptor after the data, and the time both as MS-DOS date and time
// and as an extended timestamp extra field. The entry is written raw because
// it was deflated beforehand, on its own (see deflateAll).
func (e *entry) header(modified time.Time) *zip.FileHeader {
	var ext [9]byte
	binary.LittleEndian.PutUint16(ext[0:], 0x5455) // extended timestamp
	binary.LittleEndian.PutUint16(ext[2:], 5)      // size: flags and one time
	ext[4] = 1                                     // flags: modification time
	binary.LittleEndian.PutUint32(ext[5:], uint32(modified.Unix()))
	return &zip.FileHeader{
		Name:               e.name,
		Method:             zip.Deflate,
		Flags:              0x8, // data descriptor
		CreatorVersion:     20,
		ReaderVersion:      20,
		ModifiedDate:       uint16(modified.Day() + int(modified.Month())<<5 + (modified.Year()-1980)<<9),
		ModifiedTime:       uint16(modified.Second()/2 + modified.Minute()<<5 + modified.Hour()<<11),
		Extra:              ext[:],
		CRC32:              e.crc,
		CompressedSize64:   uint64(len(e.deflated)),
		UncompressedSize64: e.size,
	}
}

// deflateAll renders the sections among entries and deflates every entry,
// on as many goroutines as GOMAXPROCS. Each entry is rendered and deflated
// on its own, so the result does not depend on the order or the number of
// goroutines; of several errors, the one of the first entry is returned.
func deflateAll(entries []*entry, p *book) error {
	workers := min(runtime.GOMAXPROCS(0), len(entries))
	next := make(chan *entry)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var src, dst bytes.Buffer
			chapters := newBody(p.book, p.meta.Lang)
			chapters.b = &src
			fw, err := flate.NewWriter(&dst, zipDeflateLevel)
			for e := range next {
				if err != nil {
					e.err = fmt.Errorf("epub: finish: deflate %s: %w", e.name, err)
					continue
				}
				data := e.data
				if it := e.section; it != nil {
					src.Reset()
					sectionHead(&src, it, p.meta.Lang)
					if it.Doc != nil {
						if chapters.chapter(it.Doc, it.ID); chapters.err != nil {
							e.err = fmt.Errorf("epub: document %s: %w", it.Doc.Source, chapters.err)
							continue
						}
					} else {
						src.WriteString(it.Body)
					}
					sectionTail(&src)
					data = src.Bytes()
				}
				dst.Reset()
				fw.Reset(&dst)
				_, werr := fw.Write(data)
				if werr == nil {
					werr = fw.Close()
				}
				if werr != nil {
					e.err = fmt.Errorf("epub: finish: deflate %s: %w", e.name, werr)
					continue
				}
				e.crc = crc32.ChecksumIEEE(data)
				e.size = uint64(len(data))
				e.deflated = bytes.Clone(dst.Bytes())
			}
		}()
	}
	for _, e := range entries {
		next <- e
	}
	close(next)
	wg.Wait()
	for _, e := range entries {
		if e.err != nil {
			return e.err
		}
	}
	return nil
}

// section writes the XHTML file of the section it, whose body is it.Body,
// in lang, to buf: byte for byte what go-epub v1.2.1 writes for
// AddSection(it.Body, it.Title, name, sectionCSS) (xml.MarshalIndent of its
// template, with the title escaped by encoding/xml), with lang and xml:lang
// on <html>.
func section(buf *bytes.Buffer, it *item, lang string) {
	sectionHead(buf, it, lang)
	buf.WriteString(it.Body)
	sectionTail(buf)
}

// sectionHead writes what section writes before the body.
func sectionHead(buf *bytes.Buffer, it *item, lang string) {
	buf.WriteString(xmlHeader)
	buf.WriteString("<!DOCTYPE html>\n")
	buf.WriteString(htmlOpen(lang))
	buf.WriteString("\n  <head>\n    <title dir=\"auto\">")
	xml.EscapeText(buf, []byte(it.Title)) // writes to a bytes.Buffer do not fail
	buf.WriteString("</title>\n    <link rel=\"stylesheet\" type=\"text/css\" href=\"" + sectionCSS + "\"></link>\n  </head>\n  <body dir=\"auto\">\n")
}

// sectionTail writes what section writes after the body.
func sectionTail(buf *bytes.Buffer) { buf.WriteString("\n</body>\n</html>\n") }

func readEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("epub: finish: open %s: %w", f.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("epub: finish: read %s: %w", f.Name, err)
	}
	return data, nil
}
