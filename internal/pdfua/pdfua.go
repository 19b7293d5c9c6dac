// Package pdfua checks what PDF/UA-1 asks of a tagged PDF, as far as it can
// be checked without veraPDF: it reads the file through qpdf's JSON (qpdf
// --json, version 2, with every stream decoded) and checks the catalog,
// the structure tree, the ParentTree, the marked content of every page,
// the link annotations and the fonts. Tests use it on seedpress's PDFs
// and on a Typst PDF/UA-1 for comparison.
package pdfua

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os/exec"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// Report is what Check found.
type Report struct {
	Pages int
	// Elements counts the structure elements reachable from the
	// StructTreeRoot by type (/S).
	Elements map[string]int
	// MCIDs is the number of marked-content sequences with an MCID on all
	// pages; every one was checked against the ParentTree and the tree.
	MCIDs int
	// ParentTreeEntries is the number of ParentTree entries checked (page
	// arrays' entries and annotations' elements).
	ParentTreeEntries int
	// TextOps counts the text-showing operators (Tj, TJ, ', ") of all
	// pages; TaggedTextOps those inside a sequence with an MCID,
	// ArtifactTextOps those inside an artifact.
	TextOps, TaggedTextOps, ArtifactTextOps int
	// PaintOps counts the path-painting and XObject operators; UnmarkedPaintOps
	// those outside marked content.
	PaintOps, UnmarkedPaintOps int
	// LinkAnnots counts the link annotations; all must be in the tree.
	LinkAnnots int
	// Expansions counts the elements with /E (an abbreviation's
	// expansion); Langs counts the elements with /Lang, by language.
	Expansions int
	Langs      map[string]int
	// Fonts lists the fonts of the pages' resources.
	Fonts []Font
	// Problems lists what fails a check, one sentence each.
	Problems []string
}

// Font describes one font.
type Font struct {
	Name                        string
	Embedded, Subset, ToUnicode bool
}

// OK reports whether no check failed.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) problem(format string, args ...any) {
	if len(r.Problems) < 200 {
		r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
	}
}

// CheckFile runs qpdf (which must be on the PATH) on the PDF at path and
// checks its JSON (see Check).
func CheckFile(path string) (*Report, error) {
	out, err := exec.Command("qpdf", "--json", "--json-stream-data=inline", "--decode-level=all", path).Output()
	if err != nil {
		// qpdf exits 3 for warnings and still writes the JSON.
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 3 {
			return nil, fmt.Errorf("pdfua: qpdf %s: %w", path, err)
		}
	}
	return Check(out)
}

type file struct {
	objs map[string]any
}

// value returns the object that v is or refers to (a stream's dictionary
// for a stream).
func (f *file) value(v any) any {
	s, ok := v.(string)
	if !ok || !isRef(s) {
		return v
	}
	o, _ := f.objs["obj:"+s].(map[string]any)
	if o == nil {
		return nil
	}
	if val, ok := o["value"]; ok {
		return val
	}
	if st, ok := o["stream"].(map[string]any); ok {
		return st["dict"]
	}
	return nil
}

// data returns the decoded data of the stream ref refers to.
func (f *file) data(ref any) []byte {
	s, _ := ref.(string)
	o, _ := f.objs["obj:"+s].(map[string]any)
	st, _ := o["stream"].(map[string]any)
	d, _ := st["data"].(string)
	b, _ := base64.StdEncoding.DecodeString(d)
	return b
}

func (f *file) dict(v any) map[string]any { m, _ := f.value(v).(map[string]any); return m }
func (f *file) array(v any) []any {
	v = f.value(v)
	if a, ok := v.([]any); ok {
		return a
	}
	if v == nil {
		return nil
	}
	return []any{v}
}

var refRE = regexp.MustCompile(`^\d+ \d+ R$`)

func isRef(s string) bool { return refRE.MatchString(s) }

// text returns a qpdf JSON string's text ("u:..." or "b:hex").
func text(v any) string {
	s, _ := v.(string)
	switch {
	case strings.HasPrefix(s, "u:"):
		return s[2:]
	case strings.HasPrefix(s, "b:"):
		return s[2:]
	}
	return ""
}

type mcKey struct {
	page string
	mcid int
}

// Check checks the qpdf JSON (version 2, streams inline and decoded) of a
// PDF.
func Check(qpdfJSON []byte) (*Report, error) {
	var top struct {
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(qpdfJSON, &top); err != nil {
		return nil, fmt.Errorf("pdfua: qpdf JSON: %w", err)
	}
	if len(top.Qpdf) != 2 {
		return nil, fmt.Errorf("pdfua: qpdf JSON: want version 2")
	}
	f := &file{}
	if err := json.Unmarshal(top.Qpdf[1], &f.objs); err != nil {
		return nil, fmt.Errorf("pdfua: qpdf JSON objects: %w", err)
	}
	r := &Report{Elements: map[string]int{}, Langs: map[string]int{}}
	trailer := f.dict(f.objs["trailer"].(map[string]any)["value"])
	cat := f.dict(trailer["/Root"])
	if cat == nil {
		return nil, fmt.Errorf("pdfua: no catalog")
	}

	// The catalog.
	if mi := f.dict(cat["/MarkInfo"]); mi == nil || mi["/Marked"] != true {
		r.problem("catalog: /MarkInfo <</Marked true>> missing")
	}
	if text(f.value(cat["/Lang"])) == "" {
		r.problem("catalog: /Lang missing")
	}
	if vp := f.dict(cat["/ViewerPreferences"]); vp == nil || vp["/DisplayDocTitle"] != true {
		r.problem("catalog: /ViewerPreferences <</DisplayDocTitle true>> missing")
	}
	xmp := string(f.data(cat["/Metadata"]))
	if !strings.Contains(xmp, "<dc:title>") {
		r.problem("XMP: no dc:title")
	}
	if !regexp.MustCompile(`pdfuaid:part(>1<|="1")`).MatchString(xmp) {
		r.problem("XMP: no pdfuaid:part 1")
	}
	root := f.dict(cat["/StructTreeRoot"])
	if root == nil {
		r.problem("catalog: /StructTreeRoot missing")
		root = map[string]any{}
	}

	// The structure tree.
	roleMap := f.dict(root["/RoleMap"])
	mcOwner := map[mcKey]string{}    // (page, MCID) -> element
	objrOwner := map[string]string{} // annotation -> element
	seen := map[string]bool{}
	var walk func(ref any, pg string)
	walk = func(ref any, pg string) {
		rs, _ := ref.(string)
		if seen[rs] {
			r.problem("structure: element %s reached twice", rs)
			return
		}
		seen[rs] = true
		e := f.dict(ref)
		typ := strings.TrimPrefix(fmt.Sprint(e["/S"]), "/")
		r.Elements[typ]++
		if !standard[typ] {
			if m, ok := roleMap["/"+typ].(string); !ok || !standard[strings.TrimPrefix(m, "/")] {
				r.problem("structure: %s is neither a standard type nor role-mapped to one", typ)
			}
		}
		if text(e["/E"]) != "" {
			r.Expansions++
		}
		if l := text(e["/Lang"]); l != "" {
			r.Langs[l]++
		}
		if p, ok := e["/Pg"].(string); ok {
			pg = p
		}
		switch typ {
		case "Figure", "Formula":
			if text(e["/Alt"]) == "" && text(e["/ActualText"]) == "" {
				r.problem("structure: %s %s has no /Alt", typ, rs)
			}
		case "TH":
			scope := false
			for _, a := range f.array(e["/A"]) {
				if ad := f.dict(a); ad != nil && ad["/Scope"] != nil {
					scope = true
				}
			}
			if !scope {
				r.problem("structure: TH %s has no /Scope", rs)
			}
		}
		objrs := 0
		for _, k := range f.array(e["/K"]) {
			switch k := k.(type) {
			case float64:
				if pg == "" {
					r.problem("structure: %s %s has an MCID without a page", typ, rs)
				}
				mcOwner[mcKey{pg, int(k)}] = rs
			case map[string]any:
				kp := pg
				if p, ok := k["/Pg"].(string); ok {
					kp = p
				}
				switch k["/Type"] {
				case "/MCR":
					if k["/Stm"] != nil {
						r.problem("structure: MCR in a content stream other than the page's")
					}
					mcOwner[mcKey{kp, int(k["/MCID"].(float64))}] = rs
				case "/OBJR":
					objrs++
					objrOwner[fmt.Sprint(k["/Obj"])] = rs
				default:
					r.problem("structure: %s %s has a kid of type %v", typ, rs, k["/Type"])
				}
			case string:
				if isRef(k) {
					walk(k, pg)
				}
			}
		}
		if typ == "Link" && objrs == 0 {
			r.problem("structure: Link %s has no annotation (OBJR)", rs)
		}
	}
	for _, k := range f.array(root["/K"]) {
		walk(k, "")
	}

	// The ParentTree.
	parent := map[int]any{}
	var nums func(node any)
	nums = func(node any) {
		d := f.dict(node)
		a := f.array(d["/Nums"])
		for i := 0; i+1 < len(a); i += 2 {
			parent[int(a[i].(float64))] = a[i+1]
		}
		for _, k := range f.array(d["/Kids"]) {
			nums(k)
		}
	}
	nums(root["/ParentTree"])

	// The pages.
	var pages []string
	var kids func(node any)
	kids = func(node any) {
		d := f.dict(node)
		if d["/Type"] == "/Page" {
			pages = append(pages, node.(string))
			return
		}
		for _, k := range f.array(d["/Kids"]) {
			kids(k)
		}
	}
	kids(cat["/Pages"])
	r.Pages = len(pages)
	fonts := map[string]bool{}
	contentMC := map[mcKey]bool{}
	for n, pref := range pages {
		pg := f.dict(pref)
		// PDF/UA-1 7.18.3 asks for /Tabs /S on pages with annotations.
		if pg["/Tabs"] != "/S" && len(f.array(pg["/Annots"])) > 0 {
			r.problem("page %d: annotations but no /Tabs /S", n+1)
		}
		var data []byte
		for _, c := range f.refs(pg["/Contents"]) {
			data = append(data, f.data(c)...)
			data = append(data, '\n')
		}
		mcids := r.content(data, n+1)
		var arr []any
		if len(mcids) > 0 {
			sp, ok := pg["/StructParents"].(float64)
			if !ok {
				r.problem("page %d: MCIDs but no /StructParents", n+1)
			} else {
				arr = f.array(parent[int(sp)])
			}
		}
		for _, m := range mcids {
			contentMC[mcKey{pref, m}] = true
			owner, ok := mcOwner[mcKey{pref, m}]
			if !ok {
				r.problem("page %d: MCID %d belongs to no element of the tree", n+1, m)
			}
			if m >= len(arr) {
				r.problem("page %d: MCID %d has no ParentTree entry", n+1, m)
				continue
			}
			if fmt.Sprint(arr[m]) != owner {
				r.problem("page %d: the ParentTree gives MCID %d to %v, the tree to %s", n+1, m, arr[m], owner)
			}
		}
		for i, e := range arr {
			r.ParentTreeEntries++
			if e == nil {
				continue
			}
			if !seen[fmt.Sprint(e)] {
				r.problem("page %d: ParentTree entry %d points to %v, not an element of the tree", n+1, i, e)
			}
		}
		for _, a := range f.array(pg["/Annots"]) {
			ad := f.dict(a)
			if ad["/Subtype"] != "/Link" {
				continue
			}
			r.LinkAnnots++
			as, _ := a.(string)
			owner, ok := objrOwner[as]
			if !ok {
				r.problem("page %d: link annotation %v is not in the structure tree", n+1, a)
			}
			if text(ad["/Contents"]) == "" {
				r.problem("page %d: link annotation %v has no /Contents", n+1, a)
			}
			sp, ok := ad["/StructParent"].(float64)
			if !ok {
				r.problem("page %d: link annotation %v has no /StructParent", n+1, a)
				continue
			}
			r.ParentTreeEntries++
			if fmt.Sprint(f.valueRef(parent[int(sp)])) != owner {
				r.problem("page %d: the ParentTree gives annotation %v to %v, the tree to %s", n+1, a, parent[int(sp)], owner)
			}
		}
		res := f.dict(pg["/Resources"])
		for _, fr := range f.dict(res["/Font"]) {
			fonts[fmt.Sprint(fr)] = true
		}
	}
	for k := range mcOwner {
		if !contentMC[k] {
			r.problem("structure: MCID %d of page %s is on no page", k.mcid, k.page)
		}
	}
	var frefs []string
	for fr := range fonts {
		frefs = append(frefs, fr)
	}
	sort.Strings(frefs)
	for _, fr := range frefs {
		r.Fonts = append(r.Fonts, f.font(fr))
	}
	for _, fo := range r.Fonts {
		if !fo.Embedded || !fo.Subset || !fo.ToUnicode {
			r.problem("font %s: embedded %v, subset %v, ToUnicode %v", fo.Name, fo.Embedded, fo.Subset, fo.ToUnicode)
		}
	}
	return r, nil
}

// refs returns the references that v is: v itself, or the items of the
// array v is or refers to.
func (f *file) refs(v any) []any {
	if s, ok := v.(string); ok && isRef(s) {
		if _, isArr := f.value(s).([]any); !isArr {
			return []any{s}
		}
	}
	return f.array(v)
}

// valueRef returns v as it stands: a reference stays one.
func (f *file) valueRef(v any) any { return v }

// standard holds the standard structure types of ISO 32000-1, 14.8.4.
var standard = map[string]bool{}

func init() {
	for _, s := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
		NonStruct Private H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot
		Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP
		Figure Formula Form`) {
		standard[s] = true
	}
}

var subsetRE = regexp.MustCompile(`^[A-Z]{6}\+`)

func (f *file) font(ref string) Font {
	d := f.dict(ref)
	fo := Font{Name: strings.TrimPrefix(fmt.Sprint(d["/BaseFont"]), "/")}
	fo.Subset = subsetRE.MatchString(fo.Name)
	fo.ToUnicode = d["/ToUnicode"] != nil
	desc := f.dict(d["/FontDescriptor"])
	if d["/Subtype"] == "/Type0" {
		if df := f.array(d["/DescendantFonts"]); len(df) > 0 {
			desc = f.dict(f.dict(df[0])["/FontDescriptor"])
		}
	}
	fo.Embedded = desc != nil && (desc["/FontFile"] != nil || desc["/FontFile2"] != nil || desc["/FontFile3"] != nil)
	return fo
}

// content checks the marked content of page n's content stream and
// returns its MCIDs.
func (r *Report) content(data []byte, n int) []int {
	type mc struct {
		mcid     int
		artifact bool
	}
	var stack []mc
	var mcids []int
	inMarked := func() (tagged, artifact bool) {
		for _, m := range stack {
			if m.artifact {
				artifact = true
			}
			if m.mcid >= 0 {
				tagged = true
			}
		}
		return
	}
	lex(data, func(op string, args []string) {
		switch op {
		case "BMC", "BDC":
			m := mc{mcid: -1, artifact: len(args) > 0 && args[0] == "/Artifact"}
			for i := 1; i+1 < len(args); i++ {
				if args[i] == "/MCID" {
					v, err := strconv.Atoi(args[i+1])
					if err == nil {
						m.mcid = v
					}
				}
			}
			if m.mcid >= 0 {
				if tagged, _ := inMarked(); tagged {
					r.problem("page %d: MCID %d inside another sequence with an MCID", n, m.mcid)
				}
				mcids = append(mcids, m.mcid)
				r.MCIDs++
			}
			stack = append(stack, m)
		case "EMC":
			if len(stack) == 0 {
				r.problem("page %d: EMC without BMC or BDC", n)
				return
			}
			stack = stack[:len(stack)-1]
		case "Tj", "TJ", "'", "\"":
			r.TextOps++
			tagged, artifact := inMarked()
			switch {
			case artifact:
				r.ArtifactTextOps++
			case tagged:
				r.TaggedTextOps++
			default:
				r.problem("page %d: text outside marked content: %s %s", n, strings.Join(args, " "), op)
			}
		case "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "Do", "sh":
			r.PaintOps++
			if tagged, artifact := inMarked(); !tagged && !artifact {
				r.UnmarkedPaintOps++
				r.problem("page %d: %s outside marked content", n, op)
			}
		}
	})
	if len(stack) > 0 {
		r.problem("page %d: %d marked-content sequences not ended", n, len(stack))
	}
	seen := map[int]bool{}
	for _, m := range mcids {
		if seen[m] {
			r.problem("page %d: MCID %d used twice", n, m)
		}
		seen[m] = true
	}
	return mcids
}

// lex splits a content stream into operators and calls fn with each and
// its operands (as their source text; dictionaries and arrays as their
// tokens).
func lex(b []byte, fn func(op string, args []string)) {
	var args []string
	i := 0
	isDelim := func(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }
	isSpace := func(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0 }
	for i < len(b) {
		c := b[i]
		switch {
		case isSpace(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' && b[i] != '\r' {
				i++
			}
		case c == '(':
			j, depth := i+1, 1
			for j < len(b) && depth > 0 {
				switch b[j] {
				case '\\':
					j++
				case '(':
					depth++
				case ')':
					depth--
				}
				j++
			}
			args = append(args, string(b[i:j]))
			i = j
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			args = append(args, string(b[i:i+2]))
			i += 2
		case c == '<':
			j := i + 1
			for j < len(b) && b[j] != '>' {
				j++
			}
			args = append(args, string(b[i:min(j+1, len(b))]))
			i = j + 1
		case c == '[' || c == ']' || c == '{' || c == '}':
			args = append(args, string(c))
			i++
		case c == '/':
			j := i + 1
			for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
				j++
			}
			args = append(args, string(b[i:j]))
			i = j
		default:
			j := i
			for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
				j++
			}
			if j == i {
				i++ // a stray delimiter
				continue
			}
			tok := string(b[i:j])
			i = j
			if _, err := strconv.ParseFloat(tok, 64); err == nil || tok == "true" || tok == "false" || tok == "null" {
				args = append(args, tok)
				continue
			}
			if tok == "BI" { // an inline image: skip to EI
				k := strings.Index(string(b[i:]), "EI")
				if k < 0 {
					return
				}
				i += k + 2
				args = args[:0]
				continue
			}
			fn(tok, args)
			args = args[:0]
		}
	}
}
