package fpdf

// seedpress: tagged PDF (ISO 32000-1, 14.7-14.8; PDF/UA-1). The whole of
// the tagging is in this file; fpdf.go calls into it at a few marked lines
// (beginpage, endpage, newLink, Text, Line, Rect, putpage, putbookmarks,
// putcatalog, putheader, enddoc). See PATCHES.md.

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
)

// The standard structure types (ISO 32000-1, 14.8.4) that BeginStruct
// accepts.
const (
	StructDocument   = "Document"
	StructPart       = "Part"
	StructArt        = "Art"
	StructSect       = "Sect"
	StructDiv        = "Div"
	StructBlockQuote = "BlockQuote"
	StructCaption    = "Caption"
	StructTOC        = "TOC"
	StructTOCI       = "TOCI"
	StructIndex      = "Index"
	StructNonStruct  = "NonStruct"
	StructH          = "H"
	StructH1         = "H1"
	StructH2         = "H2"
	StructH3         = "H3"
	StructH4         = "H4"
	StructH5         = "H5"
	StructH6         = "H6"
	StructP          = "P"
	StructL          = "L"
	StructLI         = "LI"
	StructLbl        = "Lbl"
	StructLBody      = "LBody"
	StructTable      = "Table"
	StructTR         = "TR"
	StructTH         = "TH"
	StructTD         = "TD"
	StructTHead      = "THead"
	StructTBody      = "TBody"
	StructTFoot      = "TFoot"
	StructSpan       = "Span"
	StructQuote      = "Quote"
	StructNote       = "Note"
	StructReference  = "Reference"
	StructBibEntry   = "BibEntry"
	StructCode       = "Code"
	StructLink       = "Link"
	StructAnnot      = "Annot"
	StructRuby       = "Ruby"
	StructWarichu    = "Warichu"
	StructFigure     = "Figure"
	StructFormula    = "Formula"
	StructForm       = "Form"
)

var structTypes = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
		NonStruct Private H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot
		Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP
		Figure Formula Form`) {
		structTypes[s] = true
	}
}

// StructAttr holds the optional entries of a structure element. Empty
// fields are not written.
type StructAttr struct {
	Alt        string // /Alt: the alternate description (figures, formulas)
	ActualText string // /ActualText: the exact text the element's content stands for
	E          string // /E: the expansion of an abbreviation or acronym
	Lang       string // /Lang: the language of the element, e.g. "en"
	Title      string // /T: the element's title
	ID         string // /ID: the element's identifier, also entered in the IDTree (e.g. a Note's)
	// Scope is a table header cell's /Scope attribute (owner Table): "Row",
	// "Column" or "Both".
	Scope string
	// AnnotContents is the /Contents of the link annotations made (Link,
	// LinkString) while the element is the innermost one open: a text
	// description of the link, which PDF/UA requires.
	AnnotContents string
}

// Artifact types for BeginArtifact (ISO 32000-1, table 330).
const (
	ArtifactPagination = "Pagination" // running heads, folios
	ArtifactLayout     = "Layout"     // rules, ornaments, added hyphens
	ArtifactPage       = "Page"       // cut marks, colour bars
	ArtifactBackground = "Background" // decoration of the page
)

// structKid is a kid of a structure element: another element, a
// marked-content sequence (MCID) or a link annotation (OBJR).
type structKid struct {
	kind uint8 // kidElem, kidMCID, kidOBJR
	page int32 // the page of a MCID or an annotation
	n    int32 // the element's index, the MCID, or the annotation's index among the page's links
}

const (
	kidElem = iota
	kidMCID
	kidOBJR
)

type structElem struct {
	typ    string
	parent int32 // -1 for a kid of the structure tree root
	page   int32 // the page of its first MCID, its /Pg; 0 for none
	attr   *StructAttr
	kids   []structKid
}

// tagLink is what tagging keeps of a link annotation: its ParentTree key
// and its /Contents.
type tagLink struct {
	key      int
	contents string
}

// parentEntry is an entry of the ParentTree: a page's array of elements
// by MCID, or an annotation's element.
type parentEntry struct {
	page int32 // > 0: the page whose MCIDs the entry lists
	elem int32 // else the element of an annotation
}

// tagState is the structure of a tagged document while it is written.
type tagState struct {
	elems     []structElem
	open      []int32 // the open elements, innermost last
	artifacts int     // the open artifacts (nested ones write nothing)
	mcOpen    bool    // a marked-content sequence of mcElem is open
	mcElem    int32
	pageKey   []int     // [page] the page's /StructParents
	pageMCIDs [][]int32 // [page][mcid] the element of each MCID
	pageLinks [][]tagLink
	pageObj   []int   // [page] the page's object number
	annotObj  [][]int // [page][link] the link annotation's object number
	entries   []parentEntry
	destsObj  int // the object of the catalog's /Dests
	rootObj   int // the StructTreeRoot
	// annots are the link annotations, numbered and waiting for
	// putStructTree to write them into object streams.
	annots []pendingObj
	// compressed gives the object stream and index of each object written
	// into one (putCompressed).
	compressed map[int][2]int
}

// SetTagged makes the document a tagged PDF (ISO 32000-1, 14.8): it must
// be called before the first page. Every piece of page content drawn by
// Text, Line or Rect must then be either inside a structure element
// (BeginStruct ... EndStruct), where it becomes a marked-content sequence
// of that element with an MCID, or inside an artifact (BeginArtifact ...
// EndArtifact); content outside both is an error. Links (Link, LinkString)
// must be made inside a Link element, whose kid their annotation becomes.
//
// A tagged document has a structure tree with a ParentTree, pages with
// /StructParents and /Tabs /S, link annotations as objects of their own
// with /StructParent and /Contents, internal links through named
// destinations (the catalog's /Dests: a page's object number is not known
// before the page is written), and a catalog with /MarkInfo <</Marked
// true>>, /StructTreeRoot and /ViewerPreferences <</DisplayDocTitle
// true>>. The header says PDF 1.7 unless a later version was asked for.
func (f *Fpdf) SetTagged() {
	if f.page > 0 {
		f.SetErrorf("fpdf: SetTagged must be called before the first page")
		return
	}
	f.tag = &tagState{pageKey: []int{0}, pageMCIDs: [][]int32{nil}, pageLinks: [][]tagLink{nil},
		pageObj: []int{0}, annotObj: [][]int{nil}}
}

// Tagged reports whether SetTagged was called.
func (f *Fpdf) Tagged() bool { return f.tag != nil }

// BeginStruct opens a structure element of type typ (one of the Struct
// constants) as the last kid of the innermost open element, or of the
// structure tree root when none is open, and returns its index. Content
// drawn until the next BeginStruct or EndStruct belongs to it. An element
// may span pages. It does nothing when the document is not tagged.
func (f *Fpdf) BeginStruct(typ string, attr StructAttr) int {
	t := f.tag
	if t == nil || f.err != nil {
		return -1
	}
	if !structTypes[typ] {
		f.SetErrorf("fpdf: unknown structure type %q", typ)
		return -1
	}
	if t.artifacts > 0 {
		f.SetErrorf("fpdf: structure element %s inside an artifact", typ)
		return -1
	}
	if attr.Scope != "" && attr.Scope != "Row" && attr.Scope != "Column" && attr.Scope != "Both" {
		f.SetErrorf("fpdf: table header scope %q (want Row, Column or Both)", attr.Scope)
		return -1
	}
	e := structElem{typ: typ, parent: -1}
	if attr != (StructAttr{}) {
		a := attr
		e.attr = &a
	}
	idx := int32(len(t.elems))
	if n := len(t.open); n > 0 {
		e.parent = t.open[n-1]
		p := &t.elems[e.parent]
		p.kids = append(p.kids, structKid{kind: kidElem, n: idx})
	}
	t.elems = append(t.elems, e)
	t.open = append(t.open, idx)
	return int(idx)
}

// EndStruct closes the innermost open structure element.
func (f *Fpdf) EndStruct() {
	t := f.tag
	if t == nil || f.err != nil {
		return
	}
	if len(t.open) == 0 {
		f.SetErrorf("fpdf: EndStruct without BeginStruct")
		return
	}
	if t.artifacts > 0 {
		f.SetErrorf("fpdf: EndStruct inside an artifact")
		return
	}
	t.open = t.open[:len(t.open)-1]
}

// BeginArtifact marks the content drawn until EndArtifact as an artifact
// of type typ (one of the Artifact constants, or "" for none): content
// that is not part of the document's text, such as running heads, folios,
// rules and the hyphens added at line breaks. Artifacts may nest, and
// must end on the page they begin on.
func (f *Fpdf) BeginArtifact(typ string) {
	t := f.tag
	if t == nil || f.err != nil {
		return
	}
	if f.page == 0 {
		f.SetErrorf("fpdf: BeginArtifact before the first page")
		return
	}
	t.artifacts++
	if t.artifacts > 1 {
		return
	}
	f.closeMC()
	if typ == "" {
		f.out("/Artifact BMC")
	} else {
		f.outf("/Artifact <</Type /%s>> BDC", typ)
	}
}

// EndArtifact ends the innermost artifact.
func (f *Fpdf) EndArtifact() {
	t := f.tag
	if t == nil || f.err != nil {
		return
	}
	if t.artifacts == 0 {
		f.SetErrorf("fpdf: EndArtifact without BeginArtifact")
		return
	}
	t.artifacts--
	if t.artifacts == 0 {
		f.out("EMC")
	}
}

// markContent makes sure that the content about to be drawn is marked: in
// an artifact, or in a marked-content sequence of the innermost open
// element, begun here if it is not open yet.
func (f *Fpdf) markContent() {
	t := f.tag
	if t == nil || f.err != nil || t.artifacts > 0 {
		return
	}
	if len(t.open) == 0 {
		f.SetErrorf("fpdf: content on page %d outside any structure element or artifact", f.page)
		return
	}
	e := t.open[len(t.open)-1]
	if t.mcOpen && t.mcElem == e {
		return
	}
	f.closeMC()
	mcid := len(t.pageMCIDs[f.page])
	t.pageMCIDs[f.page] = append(t.pageMCIDs[f.page], e)
	el := &t.elems[e]
	if el.page == 0 {
		el.page = int32(f.page)
	}
	el.kids = append(el.kids, structKid{kind: kidMCID, page: int32(f.page), n: int32(mcid)})
	f.outf("/%s <</MCID %d>> BDC", el.typ, mcid)
	t.mcOpen, t.mcElem = true, e
}

// closeMC ends the open marked-content sequence, if any.
func (f *Fpdf) closeMC() {
	if t := f.tag; t != nil && t.mcOpen {
		f.out("EMC")
		t.mcOpen = false
	}
}

// tagBeginPage gives the new page its ParentTree key.
func (f *Fpdf) tagBeginPage() {
	t := f.tag
	if t == nil {
		return
	}
	t.pageKey = append(t.pageKey, len(t.entries))
	t.entries = append(t.entries, parentEntry{page: int32(f.page)})
	t.pageMCIDs = append(t.pageMCIDs, nil)
	t.pageLinks = append(t.pageLinks, nil)
	t.pageObj = append(t.pageObj, 0)
	t.annotObj = append(t.annotObj, nil)
}

// tagEndPage ends the page's open marked content.
func (f *Fpdf) tagEndPage() {
	t := f.tag
	if t == nil || f.page == 0 {
		return
	}
	f.closeMC()
	if t.artifacts > 0 {
		f.SetErrorf("fpdf: an artifact is open at the end of page %d", f.page)
	}
}

// tagLink makes the link annotation about to be added to the current page
// a kid of the innermost open element, which must be a Link.
func (f *Fpdf) tagLink() {
	t := f.tag
	if t == nil || f.err != nil {
		return
	}
	if len(t.open) == 0 || t.elems[t.open[len(t.open)-1]].typ != StructLink {
		f.SetErrorf("fpdf: a link on page %d outside a Link structure element", f.page)
		return
	}
	e := t.open[len(t.open)-1]
	el := &t.elems[e]
	l := tagLink{key: len(t.entries)}
	if el.attr != nil {
		l.contents = el.attr.AnnotContents
	}
	el.kids = append(el.kids, structKid{kind: kidOBJR, page: int32(f.page), n: int32(len(t.pageLinks[f.page]))})
	t.pageLinks[f.page] = append(t.pageLinks[f.page], l)
	t.entries = append(t.entries, parentEntry{elem: e})
}

// pageObjNum returns the object number of page p: 1+2p in an untagged
// document, where every page has two objects, else what putTaggedPage
// recorded.
func (f *Fpdf) pageObjNum(p int) int {
	if f.tag != nil && p < len(f.tag.pageObj) && f.tag.pageObj[p] > 0 {
		return f.tag.pageObj[p]
	}
	return 1 + 2*p
}

// putTaggedPage writes page n of a tagged document: the page, its content
// and its link annotations, each an object of its own, and returns the
// page's object number. Attachment annotations are not supported.
func (f *Fpdf) putTaggedPage(n int, hPt float64) int {
	t := f.tag
	links := f.pageLinks[n]
	if len(f.pageAttachments[n]) > 0 {
		f.SetErrorf("fpdf: attachment annotations in a tagged document")
	}
	f.newobj()
	obj := f.n
	t.pageObj[n] = obj
	f.out("<</Type /Page")
	f.out("/Parent 1 0 R")
	if pageSize, ok := f.pageSizes[n]; ok {
		f.outf("/MediaBox [0 0 %.2f %.2f]", pageSize.Wd, pageSize.Ht)
	}
	boxes := make([]string, 0, len(f.pageBoxes[n]))
	for b := range f.pageBoxes[n] {
		boxes = append(boxes, b)
	}
	sort.Strings(boxes)
	for _, b := range boxes {
		pb := f.pageBoxes[n][b]
		f.outf("/%s [%.2f %.2f %.2f %.2f]", b, pb.X, pb.Y, pb.Wd, pb.Ht)
	}
	f.out("/Resources 2 0 R")
	if len(links) > 0 {
		var annots fmtBuffer
		annots.printf("/Annots [")
		for i := range links {
			annots.printf("%d 0 R ", obj+2+i)
		}
		annots.printf("]")
		f.out(annots.String())
	}
	f.outf("/StructParents %d /Tabs /S", t.pageKey[n])
	if f.pdfVersion > pdfVers1_3 {
		f.out("/Group <</Type /Group /S /Transparency /CS /DeviceRGB>>")
	}
	f.outf("/Contents %d 0 R>>", f.n+1)
	f.out("endobj")
	f.newobj()
	if f.compress {
		data := f.deflatedPage(n)
		f.outf("<</Filter /FlateDecode /Length %d>>", len(data))
		f.putstream(data)
		f.zpages[n] = nil
	} else {
		f.outf("<</Length %d>>", f.pages[n].Len())
		f.putstream(f.pages[n].Bytes())
	}
	f.out("endobj")
	// The annotations' numbers follow the content's; the annotations wait
	// for the object streams that putStructTree writes.
	objs := make([]int, len(links))
	for i, pl := range links {
		f.n++
		for len(f.offsets) <= f.n {
			f.offsets = append(f.offsets, 0)
		}
		objs[i] = f.n
		var s fmtBuffer
		s.printf("<</Type /Annot /Subtype /Link /Rect [%.2f %.2f %.2f %.2f] /Border [0 0 0] /F 4 /P %d 0 R",
			pl.x, pl.y, pl.x+pl.wd, pl.y-pl.ht, obj)
		if i < len(t.pageLinks[n]) {
			tl := t.pageLinks[n][i]
			s.printf(" /StructParent %d", tl.key)
			if tl.contents != "" {
				s.printf(" /Contents %s", pdfTextString(tl.contents))
			}
		}
		if pl.link == 0 {
			s.printf(" /A <</S /URI /URI %s>>>>", f.textstring(pl.linkStr))
		} else {
			s.printf(" /Dest /L%d>>", pl.link)
		}
		t.annots = append(t.annots, pendingObj{f.n, s.String()})
	}
	t.annotObj[n] = objs
	return obj
}

// putStructTree writes the structure tree root, the elements, the
// ParentTree, the IDTree and the named destinations of internal links.
func (f *Fpdf) putStructTree() {
	t := f.tag
	if t == nil || f.err != nil {
		return
	}
	if len(t.open) > 0 {
		f.SetErrorf("fpdf: structure element %s not ended", t.elems[t.open[len(t.open)-1]].typ)
		return
	}
	// Named destinations: internal links name their target (/Dest /Ln),
	// since a later page's object number is not known when a page is
	// written.
	if len(f.links) > 1 {
		f.newobj()
		t.destsObj = f.n
		var s fmtBuffer
		s.printf("<<")
		names := make([]string, 0, len(f.links))
		for i := 1; i < len(f.links); i++ {
			names = append(names, "L"+strconv.Itoa(i))
		}
		sort.Strings(names)
		for _, name := range names {
			i, _ := strconv.Atoi(name[1:])
			l := f.links[i]
			h := f.hPt
			if sz, ok := f.pageSizes[l.page]; ok {
				h = sz.Ht
			}
			if l.page < 1 || l.page >= len(t.pageObj) {
				s.printf("/%s [%d 0 R /XYZ 0 %.2f null]\n", name, f.pageObjNum(1), h)
				continue
			}
			s.printf("/%s [%d 0 R /XYZ 0 %.2f null]\n", name, t.pageObj[l.page], h-l.y*f.k)
		}
		s.printf(">>")
		f.out(s.String())
		f.out("endobj")
	}
	// Object numbers: the root, the elements in order, the ParentTree, the
	// IDTree, reserved now and written into object streams.
	var ids []int32
	for i, e := range t.elems {
		if e.attr != nil && e.attr.ID != "" {
			ids = append(ids, int32(i))
		}
	}
	sort.SliceStable(ids, func(a, b int) bool { return t.elems[ids[a]].attr.ID < t.elems[ids[b]].attr.ID })
	for i := 1; i < len(ids); i++ {
		if t.elems[ids[i]].attr.ID == t.elems[ids[i-1]].attr.ID {
			f.SetErrorf("fpdf: structure element ID %q used twice", t.elems[ids[i]].attr.ID)
			return
		}
	}
	if f.protect.encrypted {
		f.SetErrorf("fpdf: a tagged document cannot be encrypted")
		return
	}
	count := 2 + len(t.elems)
	if len(ids) > 0 {
		count++
	}
	root := f.n + 1
	f.n += count
	for len(f.offsets) <= f.n {
		f.offsets = append(f.offsets, 0)
	}
	elem := func(i int32) int { return root + 1 + int(i) }
	parentTree := root + 1 + len(t.elems)
	t.rootObj = root
	var os objStream
	for _, a := range t.annots {
		f.putCompressed(&os, a.num, a.body)
	}
	t.annots = nil
	var s fmtBuffer
	s.printf("<</Type /StructTreeRoot /K [")
	for i, e := range t.elems {
		if e.parent < 0 {
			s.printf("%d 0 R ", elem(int32(i)))
		}
	}
	s.printf("] /ParentTree %d 0 R /ParentTreeNextKey %d", parentTree, len(t.entries))
	if len(ids) > 0 {
		s.printf(" /IDTree %d 0 R", parentTree+1)
	}
	s.printf(">>")
	f.putCompressed(&os, root, s.String())
	for i := range t.elems {
		e := &t.elems[i]
		var s fmtBuffer
		s.printf("<</S /%s /P %d 0 R", e.typ, parentObj(e.parent, root, elem))
		if e.page > 0 {
			s.printf(" /Pg %d 0 R", t.pageObj[e.page])
		}
		if a := e.attr; a != nil {
			for _, kv := range [...]struct{ k, v string }{{"T", a.Title}, {"Lang", a.Lang}, {"Alt", a.Alt},
				{"E", a.E}, {"ActualText", a.ActualText}, {"ID", a.ID}} {
				if kv.v != "" {
					s.printf(" /%s %s", kv.k, pdfTextString(kv.v))
				}
			}
			if a.Scope != "" {
				s.printf(" /A <</O /Table /Scope /%s>>", a.Scope)
			}
		}
		s.printf(" /K [")
		for _, k := range e.kids {
			switch k.kind {
			case kidElem:
				s.printf("%d 0 R ", elem(k.n))
			case kidMCID:
				if k.page == e.page {
					s.printf("%d ", k.n)
				} else {
					s.printf("<</Type /MCR /Pg %d 0 R /MCID %d>> ", t.pageObj[k.page], k.n)
				}
			case kidOBJR:
				s.printf("<</Type /OBJR /Pg %d 0 R /Obj %d 0 R>> ", t.pageObj[k.page], t.annotObj[k.page][k.n])
			}
		}
		s.printf("]>>")
		f.putCompressed(&os, elem(int32(i)), s.String())
	}
	s = fmtBuffer{}
	s.printf("<</Nums [")
	for key, pe := range t.entries {
		if pe.page > 0 {
			s.printf("%d [", key)
			for _, e := range t.pageMCIDs[pe.page] {
				s.printf("%d 0 R ", elem(e))
			}
			s.printf("]\n")
		} else {
			s.printf("%d %d 0 R\n", key, elem(pe.elem))
		}
	}
	s.printf("]>>")
	f.putCompressed(&os, parentTree, s.String())
	if len(ids) > 0 {
		s = fmtBuffer{}
		s.printf("<</Names [")
		for _, i := range ids {
			s.printf("%s %d 0 R\n", pdfTextString(t.elems[i].attr.ID), elem(i))
		}
		s.printf("]>>")
		f.putCompressed(&os, parentTree+1, s.String())
	}
	f.flushObjStream(&os)
}

// pendingObj is an object whose number is reserved.
type pendingObj struct {
	num  int
	body string
}

// objStream collects objects for an object stream (ISO 32000-1, 7.5.7).
type objStream struct {
	nums, offs []int
	body       bytes.Buffer
}

// objStreamSize is how many objects an object stream holds at most.
const objStreamSize = 200

// putCompressed puts object num, whose number was reserved, into the
// object stream os, and writes os when it is full.
func (f *Fpdf) putCompressed(os *objStream, num int, body string) {
	os.nums = append(os.nums, num)
	os.offs = append(os.offs, os.body.Len())
	os.body.WriteString(body)
	os.body.WriteByte('\n')
	if len(os.nums) == objStreamSize {
		f.flushObjStream(os)
	}
}

// flushObjStream writes the objects collected in os as an object stream
// and records where each is, for the cross-reference stream.
func (f *Fpdf) flushObjStream(os *objStream) {
	if len(os.nums) == 0 {
		return
	}
	var head bytes.Buffer
	for i, n := range os.nums {
		fmt.Fprintf(&head, "%d %d ", n, os.offs[i])
	}
	first := head.Len()
	head.Write(os.body.Bytes())
	f.newobj()
	if f.tag.compressed == nil {
		f.tag.compressed = map[int][2]int{}
	}
	for i, n := range os.nums {
		f.tag.compressed[n] = [2]int{f.n, i}
	}
	mem := xmem.compress(head.Bytes())
	data := mem.bytes()
	f.outf("<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>", len(os.nums), first, len(data))
	f.putstream(data)
	mem.release()
	f.out("endobj")
	os.nums, os.offs = os.nums[:0], os.offs[:0]
	os.body.Reset()
}

// putXrefStream ends a document with objects in object streams with a
// cross-reference stream (ISO 32000-1, 7.5.8) in place of the
// cross-reference table and trailer, and reports whether it did.
func (f *Fpdf) putXrefStream() bool {
	if f.tag == nil || len(f.tag.compressed) == 0 {
		return false
	}
	catalog, info := f.n, f.n-1
	f.newobj()
	o := f.offsets[f.n]
	size := f.n + 1
	data := make([]byte, 0, 7*size)
	for i := 0; i < size; i++ {
		typ, a, b := 1, 0, 0
		switch c, ok := f.tag.compressed[i]; {
		case i == 0:
			typ, b = 0, 0xffff
		case ok:
			typ, a, b = 2, c[0], c[1]
		default:
			a = f.offsets[i]
		}
		data = append(data, byte(typ), byte(a>>24), byte(a>>16), byte(a>>8), byte(a), byte(b>>8), byte(b))
	}
	mem := xmem.compress(data)
	z := mem.bytes()
	f.outf("<</Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Info %d 0 R /Filter /FlateDecode /Length %d>>",
		size, catalog, info, len(z))
	f.putstream(z)
	mem.release()
	f.out("endobj")
	f.out("startxref")
	f.outf("%d", o)
	f.out("%%EOF")
	return true
}

func parentObj(p int32, root int, elem func(int32) int) int {
	if p < 0 {
		return root
	}
	return elem(p)
}

// putTaggedCatalog writes the catalog entries of a tagged document.
func (f *Fpdf) putTaggedCatalog() {
	t := f.tag
	if t == nil {
		return
	}
	f.out("/MarkInfo <</Marked true>>")
	f.outf("/StructTreeRoot %d 0 R", t.rootObj)
	f.out("/ViewerPreferences <</DisplayDocTitle true>>")
	if t.destsObj > 0 {
		f.outf("/Dests %d 0 R", t.destsObj)
	}
}

// taggedVersion is the header's version of a tagged document: at least
// 1.7, whose ISO 32000-1 PDF/UA-1 builds on.
func (f *Fpdf) taggedVersion(v pdfVersion) pdfVersion {
	if f.tag != nil && v < pdfVers1_7 {
		return pdfVers1_7
	}
	return v
}

// pdfTextString writes s as a PDF text string: PDFDocEncoding's ASCII
// subset when it is plain ASCII, else UTF-16BE with a byte order mark.
func pdfTextString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x7f || (s[i] < ' ' && s[i] != '\n' && s[i] != '\t') {
			ascii = false
			break
		}
	}
	var b strings.Builder
	b.WriteByte('(')
	put := func(c byte) {
		switch c {
		case '\\', '(', ')':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\r':
			b.WriteString(`\r`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	if ascii {
		for i := 0; i < len(s); i++ {
			put(s[i])
		}
	} else {
		put(0xfe)
		put(0xff)
		for _, u := range utf16.Encode([]rune(s)) {
			put(byte(u >> 8))
			put(byte(u))
		}
	}
	b.WriteByte(')')
	return b.String()
}

// subsetTag returns the six capital letters that prefix the name of a
// font subset (ISO 32000-1, 9.6.4), derived from the font's name and the
// set of characters in it, so that the same text gives the same name and
// two fonts with the same characters different ones.
func subsetTag(name string, used map[int]int) string {
	cs := make([]int, 0, len(used))
	for c := range used {
		cs = append(cs, c)
	}
	sort.Ints(cs)
	h := sha256.New()
	fmt.Fprintf(h, "%s:", name)
	for _, c := range cs {
		fmt.Fprintf(h, "%d,", c)
	}
	sum := h.Sum(nil)
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	return string(tag)
}
