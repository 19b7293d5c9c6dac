package epub

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"sort"
	"strings"
	"time"
)

// goEPUBHTMLOpen is the <html> start tag that go-epub writes on every
// section; finishArchive adds the language to it.
const goEPUBHTMLOpen = `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">`

// dosEpoch is the earliest time a zip entry can carry.
var dosEpoch = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// finishArchive rewrites the archive that go-epub wrote (src) into the EPUB
// that seedpress publishes, and writes it to w.
//
// This step exists because go-epub v1.2.1 falls short of a valid,
// accessible, reproducible EPUB, and offers no hooks to fix it:
//   - its package.opf carries time.Now() as dcterms:modified, a random
//     identifier unless told otherwise, a manifest ordered by map iteration,
//     no xml:lang, and no way to add <meta property> lines (subtitle,
//     creator roles, accessibility metadata);
//   - its nav.xhtml says "Table of Contents", has no role="doc-toc", no
//     landmarks and no language; its toc.ncx has no language;
//   - its sections' <html> element cannot carry lang and xml:lang;
//   - its zip entries carry the time of the build.
//
// So package.opf, nav.xhtml and toc.ncx are replaced by the ones this
// package generates from the model (p), the sections get their language, and
// the archive is written again deterministically: mimetype first, stored,
// with no extra field and no time (a Modified time would add an extra field,
// which epubcheck reports as PKG-005); then META-INF/container.xml and every
// other entry sorted by name, deflated, each with the book's modification
// time. The files that go-epub wrote are checked against the plan, so that a
// change in go-epub fails here instead of giving a broken book.
func finishArchive(w io.Writer, src []byte, p *book) error {
	zr, err := zip.NewReader(bytes.NewReader(src), int64(len(src)))
	if err != nil {
		return fmt.Errorf("epub: finish: read go-epub's archive: %w", err)
	}
	want := map[string]bool{
		"mimetype":               true,
		"META-INF/container.xml": true,
		"EPUB/package.opf":       true,
	}
	for _, it := range p.items {
		want["EPUB/"+it.Href] = true
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

	files["EPUB/package.opf"] = p.packageDocument()
	files["EPUB/nav.xhtml"] = p.navDocument()
	files["EPUB/toc.ncx"] = p.ncxDocument()
	for _, it := range p.items {
		if !strings.HasPrefix(it.Href, "xhtml/") {
			continue
		}
		name := "EPUB/" + it.Href
		x := string(files[name])
		if strings.Count(x, goEPUBHTMLOpen) != 1 {
			return fmt.Errorf("epub: finish: %s: go-epub's <html> start tag not found", name)
		}
		files[name] = []byte(strings.Replace(x, goEPUBHTMLOpen, htmlOpen(p.meta.Lang), 1))
	}

	names := make([]string, 0, len(files))
	for name := range files {
		if name != "mimetype" && name != "META-INF/container.xml" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	names = append([]string{"META-INF/container.xml"}, names...)

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
	for _, name := range names {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err == nil {
			_, err = fw.Write(files[name])
		}
		if err != nil {
			return fmt.Errorf("epub: finish: write %s: %w", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("epub: finish: close archive: %w", err)
	}
	return nil
}

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
