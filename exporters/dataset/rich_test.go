package dataset

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// readRows reads a written table's records as maps, in order.
func readRows(t *testing.T, dir, table string) []map[string]any {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "data", table+".jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []map[string]any
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		rows = append(rows, m)
	}
	return rows
}

// column returns the values of key in rows whose "id" is in ids (all rows
// when ids is nil), as JSON, one per row.
func column(rows []map[string]any, key string, ids ...string) []string {
	var out []string
	for _, r := range rows {
		if ids != nil && !slices.Contains(ids, r["id"].(string)) {
			continue
		}
		b, _ := json.Marshal(r[key])
		out = append(out, string(b))
	}
	return out
}

// TestWriteRich writes the rich fixture, with every construct of a real
// manuscript, and compares every file with the golden copy in
// testdata/rich/ (regenerate with -update); then checks the points of the
// records that matter most by name, so that a golden rewritten in error
// cannot hide them.
func TestWriteRich(t *testing.T) {
	dir := t.TempDir()
	info, err := Write(dir, richBook(), Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(dir); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{TableDocuments: 4, TableTables: 1, TableFigures: 1, TableLinks: 9}
	for table, n := range want {
		if info.Records[table] != n {
			t.Errorf("Records[%s] = %d, want %d", table, info.Records[table], n)
		}
	}
	// TestSchemaDrift compares the schemas; the media are checked below.
	compareGolden(t, dir, filepath.Join("testdata", "rich"), listFiles(t, dir), "schema/", "media/")

	paras := readRows(t, dir, TableParagraphs)
	// Footnotes: their paragraphs follow the body's, with the sentence
	// that references them; the second note is referenced only from a
	// table cell, where there are no sentences; the third from a sentence
	// of the first.
	var noteParas []string
	for _, p := range paras {
		if p["note_number"] != nil {
			noteParas = append(noteParas, p["id"].(string))
		}
	}
	if got := strings.Join(noteParas, " "); got != "doc-0003-p0016 doc-0003-p0017 doc-0003-p0018 doc-0003-p0019" {
		t.Errorf("footnote paragraphs %s", got)
	}
	if got := strings.Join(column(paras, "note_ref_sentence_id", noteParas...), " "); got != `"doc-0003-p0002-s0001" "doc-0003-p0002-s0001" null "doc-0003-p0017-s0001"` {
		t.Errorf("note_ref_sentence_id %s", got)
	}
	if got := strings.Join(column(paras, "kind", noteParas...), " "); got != `"footnote" "footnote" "footnote" "footnote"` {
		t.Errorf("footnote kinds %s", got)
	}
	// List markers, styles and task boxes: a continuation paragraph shows
	// no marker.
	var markers []string
	for _, p := range paras {
		if p["kind"] == "list_item" && p["document_id"] == "doc-0003" {
			b, _ := json.Marshal([]any{p["list_marker"], p["list_style"], p["task"]})
			markers = append(markers, string(b))
		}
	}
	wantMarkers := []string{`["a)","lower-alpha",null]`, `["b)","lower-alpha",null]`, `[null,null,null]`,
		`["(IV)","upper-roman",null]`, `["•","bullet","done"]`, `["•","bullet","open"]`}
	if !slices.Equal(markers, wantMarkers) {
		t.Errorf("list markers\n%s\nwant\n%s", strings.Join(markers, "\n"), strings.Join(wantMarkers, "\n"))
	}
	var kinds []string
	for _, p := range paras {
		if p["document_id"] == "doc-0003" {
			kinds = append(kinds, p["kind"].(string))
		}
	}
	for _, k := range []string{"term", "definition", "callout", "line_block", "code", "footnote"} {
		if !slices.Contains(kinds, k) {
			t.Errorf("no paragraph of kind %s in %v", k, kinds)
		}
	}
	for _, p := range paras {
		if p["kind"] == "line_block" && p["text"] != "Bir şiir satırı,\n\u00a0\u00a0ikinci satır." {
			t.Errorf("line block text %q: want its lines", p["text"])
		}
	}

	// Languages: the document's front matter, a div's attribute inside it.
	if got := strings.Join(column(paras, "lang", "doc-0001-p0001", "doc-0003-p0012", "doc-0003-p0013"), " "); got != `null "tr" "en"` {
		t.Errorf("lang %s, want null \"tr\" \"en\"", got)
	}

	// The table: cells as plain text, not in the running text.
	tables := readRows(t, dir, TableTables)
	if got := strings.Join(column(tables, "rows"), ""); got != `[["Ankara","5,7 milyon","vikipedi"],["İzmir","4,4 milyon","tahmin"]]` {
		t.Errorf("table rows %s", got)
	}
	for _, p := range paras {
		if strings.Contains(p["text"].(string), "Ankara") || strings.Contains(p["text"].(string), "İllerin") {
			t.Errorf("paragraph %s holds table text: %q", p["id"], p["text"])
		}
	}

	// Links: kinds, sentences (none in a cell or a callout's title),
	// targets resolved, the forward one included.
	links := readRows(t, dir, TableLinks)
	var got []string
	for _, l := range links {
		b, _ := json.Marshal([]any{l["kind"], l["sentence_id"], l["target_anchor"], l["target_document_id"]})
		got = append(got, string(b))
	}
	wantLinks := []string{
		`["external","doc-0002-p0002-s0001",null,null]`,
		`["cross_reference","doc-0003-p0002-s0001","tbl-nufus","doc-0003"]`,
		`["cross_reference","doc-0003-p0002-s0002","fig-harita","doc-0003"]`,
		`["external",null,null,null]`,
		`["external",null,null,null]`,
		`["internal","doc-0003-p0014-s0001",null,"doc-0001"]`,
		`["internal","doc-0003-p0014-s0001","sec-son","doc-0004"]`,
		`["external","doc-0003-p0016-s0001",null,null]`,
		`["cross_reference","doc-0004-p0002-s0001","sec-zengin","doc-0003"]`,
	}
	if !slices.Equal(got, wantLinks) {
		t.Errorf("links\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wantLinks, "\n"))
	}

	// The media: each image once, by its SHA-256, bytes equal.
	b := richBook()
	im := b.Documents[2].Images[0]
	var media []string
	for _, f := range listFiles(t, dir) {
		if strings.HasPrefix(f, "media/") {
			media = append(media, f)
		}
	}
	if want := []string{"media/" + im.SHA256 + ".png"}; !slices.Equal(media, want) {
		t.Fatalf("media %v, want %v (two paths, one image)", media, want)
	}
	data, err := os.ReadFile(filepath.Join(dir, media[0]))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if !bytes.Equal(data, im.Data) || hex.EncodeToString(sum[:]) != im.SHA256 {
		t.Errorf("%s: %d bytes, sha256 %x; want the image's %d bytes, %s", media[0], len(data), sum, len(im.Data), im.SHA256)
	}
	figures := readRows(t, dir, TableFigures)
	if got := strings.Join(column(figures, "media_path"), ""); got != `"`+media[0]+`"` {
		t.Errorf("figures media_path %s", got)
	}

	runPythonValidator(t, dir)
}

// TestWriteRichRejects checks the errors of the new tables: an image
// whose SHA-256 is not its data's, a figure without an image, a link into
// a document that is not in the book, a cross-reference without a target
// document.
func TestWriteRichRejects(t *testing.T) {
	for _, tt := range []struct {
		name   string
		change func(b *richParts)
		want   string
	}{
		{"image hash", func(p *richParts) { p.image.SHA256 = strings.Repeat("0", 64) }, "dataset: figures doc-0003: image \"resimler/harita.png\": sha256"},
		{"figure without image", func(p *richParts) { p.figure.Image = nil }, "dataset: figures doc-0003-f0001: the figure has no image"},
		{"link target missing", func(p *richParts) { p.forward.TargetDoc = "99_yok" }, "dataset: links doc-0003-l0006: target document \"99_yok\" is not in the book"},
		{"ragged table", func(p *richParts) { p.table.Rows[1] = p.table.Rows[1][:2] }, "dataset: tables doc-0003-t0001: row 2 has 2 cells, but the table has 3 columns"},
		{"cross-reference without document", func(p *richParts) { p.xref.TargetDoc = "" }, "dataset: links doc-0003-l0001: cross-reference to \"tbl-nufus\" names no target document"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := richBook()
			tt.change(parts(b))
			_, err := Write(t.TempDir(), b, Options{})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Write = %v, want %s…", err, tt.want)
			}
		})
	}
}

// richParts are the nodes of richBook the rejection tests change.
type richParts struct {
	image   *doc.Image
	figure  *doc.Figure
	forward *doc.Link
	xref    *doc.CrossRef
	table   *doc.Table
}

// parts finds them in b.
func parts(b *doc.Book) *richParts {
	d := b.Documents[2]
	return &richParts{
		image:   d.Images[0],
		figure:  d.Blocks[3].(*doc.Figure),
		forward: d.Blocks[11].(*doc.Paragraph).Inlines[2].(*doc.Link),
		xref:    d.Blocks[1].(*doc.Paragraph).Inlines[0].(*doc.CrossRef),
		table:   d.Blocks[2].(*doc.Table),
	}
}

// TestEmptyTableColumns checks that a table without rows, written as an
// empty file, loads in pandas with its columns by the card's read_table
// recipe (the notebook's load takes the columns from datapackage.json the
// same way).
func TestEmptyTableColumns(t *testing.T) {
	py := requirePython(t)
	dir := t.TempDir()
	if _, err := Write(dir, fixtureBook(), Options{}); err != nil {
		t.Fatal(err)
	}
	card, err := os.ReadFile(filepath.Join(dir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, _ := strings.Cut(string(card), "pandas (JSON Lines")
	_, after, _ = strings.Cut(after, "```python\n")
	snippet, _, ok := strings.Cut(after, "```")
	if !ok {
		t.Fatalf("no pandas recipe in the card:\n%s", card)
	}
	cmd := exec.Command(py, "-c", snippet+"figures = read_table(\"figures\")\nprint(list(figures.columns), len(figures))")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	want := "['id', 'document_id', 'index', 'number', 'anchor', 'caption', 'alt', 'media_path', 'source_path', 'media_type', 'width', 'height', 'sha256'] 0"
	if err != nil || strings.TrimSpace(string(out)) != want {
		t.Errorf("the card's recipe printed %q (%v), want %q", out, err, want)
	}
}

// TestListMarker checks the markers of ordered lists (doc.List.Label, which
// the dataset writes) in every style and delimiter, with numbers a style
// cannot write.
func TestListMarker(t *testing.T) {
	for _, tt := range []struct {
		style doc.ListStyle
		delim doc.ListDelim
		n     int
		want  string
	}{
		{doc.StyleDecimal, doc.DelimPeriod, 1, "1."},
		{doc.StyleDecimal, doc.DelimParen, 12, "12)"},
		{doc.StyleDecimal, doc.DelimParens, 0, "(0)"},
		{doc.StyleLowerAlpha, doc.DelimParen, 1, "a)"},
		{doc.StyleLowerAlpha, doc.DelimPeriod, 26, "z."},
		{doc.StyleLowerAlpha, doc.DelimPeriod, 27, "aa."},
		{doc.StyleUpperAlpha, doc.DelimPeriod, 28, "AB."},
		{doc.StyleUpperAlpha, doc.DelimPeriod, 0, "0."},
		{doc.StyleLowerRoman, doc.DelimParens, 4, "(iv)"},
		{doc.StyleUpperRoman, doc.DelimPeriod, 1994, "MCMXCIV."},
		{doc.StyleUpperRoman, doc.DelimPeriod, 0, "0."},
	} {
		l := &doc.List{Ordered: true, Style: tt.style, Delim: tt.delim, Start: tt.n}
		if got := l.Label(0); got != tt.want {
			t.Errorf("Label of %d in %q, %q = %q, want %q", tt.n, tt.style, tt.delim, got, tt.want)
		}
	}
}

// TestSentenceAt checks which sentence a footnote's mark and a link
// belong to: a mark to the sentence it follows, a link to the one its text
// starts in.
func TestSentenceAt(t *testing.T) {
	// "Bir. İki." with the sentences [0,4) and [5,9).
	ss := []doc.Sentence{{Start: 0, End: 4}, {Start: 5, End: 9}}
	for _, tt := range []struct {
		p          int
		mark, link int
	}{
		{0, 0, 0}, // before the first sentence's text
		{2, 0, 0},
		{4, 0, 1}, // right after "Bir.": the mark is Bir.'s; a link starting here starts "İki." after the space
		{5, 0, 1},
		{6, 1, 1},
		{9, 1, 1}, // at the end
	} {
		if got := sentenceAtMark(ss, tt.p); got != tt.mark {
			t.Errorf("sentenceAtMark(%d) = %d, want %d", tt.p, got, tt.mark)
		}
		if got := sentenceAtStart(ss, tt.p); got != tt.link {
			t.Errorf("sentenceAtStart(%d) = %d, want %d", tt.p, got, tt.link)
		}
	}
	if sentenceAtMark(nil, 3) != -1 || sentenceAtStart(nil, 3) != -1 {
		t.Errorf("no sentences: want -1")
	}
}
