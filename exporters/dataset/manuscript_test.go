package dataset_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/exporters/dataset"
	"github.com/seedpress/seedpress/internal/corpus"
	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline"
)

// rows reads a written table's records.
var rows = dataset.ReadRows

// byID indexes rows by id.
func byID(rs []map[string]any) map[string]map[string]any {
	m := make(map[string]map[string]any, len(rs))
	for _, r := range rs {
		m[r["id"].(string)] = r
	}
	return m
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestPipelineManuscript builds testdata/seeds/manuscript, a book with
// footnotes (a note inside a note, a note holding a list, a quote and
// code), tables with captions, a figure and an inline image, task items,
// a definition list, cross-references and internal links, with the real
// pipeline, and checks its dataset end to end: the Python validator, the
// images copied byte for byte, the tables' rows, the links' kinds and
// targets, and each footnote's paragraphs pointing at the sentence that
// references the note.
func TestPipelineManuscript(t *testing.T) {
	seeds := filepath.Join(testtool.Root(), "testdata", "seeds", "manuscript")
	if _, err := os.Stat(seeds); err != nil {
		t.Skipf("no manuscript seeds: %v", err)
	}
	book, diags := pipeline.Build(seeds, pipeline.Options{})
	if diags.HasErrors() {
		t.Fatalf("pipeline.Build: %v", diags.Err())
	}
	dir := t.TempDir()
	info, err := dataset.Write(dir, book, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := dataset.Verify(dir); err != nil {
		t.Fatal(err)
	}
	t.Logf("records: %v", info.Records)
	s := dataset.RunPythonValidator(t, dir)
	for table, n := range info.Records {
		if s.Records[table] != n {
			t.Errorf("pandas loaded %d %s, Write wrote %d", s.Records[table], table, n)
		}
	}

	// Figures: the map, its image copied once, byte for byte.
	figures := rows(t, dir, dataset.TableFigures)
	if len(figures) != 1 {
		t.Fatalf("%d figures, want 1: %v", len(figures), figures)
	}
	fig := figures[0]
	if fig["anchor"] != "fig-harita" || fig["source_path"] != "resimler/harita.png" || fig["media_type"] != "image/png" {
		t.Errorf("figure %v", fig)
	}
	for _, name := range []string{"harita.png", "logo.jpg"} {
		src, err := os.ReadFile(filepath.Join(seeds, "resimler", name))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(src)
		sha := hex.EncodeToString(sum[:])
		ext := map[string]string{"harita.png": ".png", "logo.jpg": ".jpg"}[name]
		got, err := os.ReadFile(filepath.Join(dir, "media", sha+ext))
		if err != nil || !bytes.Equal(got, src) {
			t.Errorf("media/%s%s: %v; want the bytes of resimler/%s", sha, ext, err, name)
		}
		if name == "harita.png" && (fig["sha256"] != sha || fig["media_path"] != "media/"+sha+ext) {
			t.Errorf("figure sha256 %v, media_path %v; want %s", fig["sha256"], fig["media_path"], sha)
		}
	}
	media, _ := os.ReadDir(filepath.Join(dir, "media"))
	if len(media) != 2 {
		t.Errorf("media/ holds %d files, want 2 (the figure's and the inline image's)", len(media))
	}

	// Tables: plain-text cells, row by row, with their alignments.
	tables := map[string]map[string]any{}
	for _, r := range rows(t, dir, dataset.TableTables) {
		tables[r["anchor"].(string)] = r
	}
	if got := tables["tbl-harfler"]; got == nil ||
		jsonOf(got["rows"]) != `[["a","armut","11,9"],["e","elma","8,9"],["ı","ılık","5,1"]]` ||
		jsonOf(got["header"]) != `["Harf","Örnek kelime","Sıklık (%)"]` ||
		jsonOf(got["alignments"]) != `["left","center","right"]` ||
		got["caption"] != "Türkçede en sık kullanılan harfler" || got["document_id"] != "doc-0002" {
		t.Errorf("tbl-harfler: %v", got)
	}
	if got := tables["tbl-ekler"]; got == nil || jsonOf(got["rows"]) != `[["kitap","-ta"],["ev","-de"]]` || got["caption"] != "Ek örnekleri" {
		t.Errorf("tbl-ekler: %v", got)
	}
	paras := rows(t, dir, dataset.TableParagraphs)
	for _, p := range paras {
		if strings.Contains(p["text"].(string), "armut") || strings.Contains(p["text"].(string), "Ek örnekleri") {
			t.Errorf("paragraph %s holds a table's text: %q", p["id"], p["text"])
		}
	}

	// Links: internal ones resolved to their documents and anchors,
	// cross-references to the numbered elements.
	kinds := map[string]int{}
	var internal []string
	for _, l := range rows(t, dir, dataset.TableLinks) {
		kinds[l["kind"].(string)]++
		if l["kind"] == "internal" {
			internal = append(internal, jsonOf([]any{l["text"], l["target_document_id"], l["target_anchor"]}))
		}
		if l["kind"] == "cross_reference" && l["target_document_id"] == nil {
			t.Errorf("cross-reference %v has no target document", l)
		}
	}
	wantInternal := []string{`["yazım bölümüne","doc-0002","sec-noktalama"]`, `["sözlüğe","doc-0003",null]`, `["başa dönmek","doc-0001","sec-giris"]`}
	if !slices.Equal(internal, wantInternal) {
		t.Errorf("internal links\n%s\nwant\n%s", strings.Join(internal, "\n"), strings.Join(wantInternal, "\n"))
	}
	if kinds["cross_reference"] < 6 {
		t.Errorf("link kinds %v: want the manuscript's cross-references", kinds)
	}

	// Footnotes: their paragraphs follow the body's and point at the
	// sentence that references them; a note referenced from a note
	// points into that note.
	sents := byID(rows(t, dir, dataset.TableSentences))
	refOf := map[string]string{} // the first paragraph text of a note → the referencing sentence's text
	for _, p := range paras {
		if p["note_number"] == nil {
			continue
		}
		sid, _ := p["note_ref_sentence_id"].(string)
		if sid == "" {
			t.Errorf("footnote paragraph %s has no referencing sentence", p["id"])
			continue
		}
		if !strings.HasPrefix(sid, p["document_id"].(string)+"-") {
			t.Errorf("footnote paragraph %s: note_ref_sentence_id %s is in another document", p["id"], sid)
		}
		if _, ok := refOf[p["text"].(string)]; !ok {
			refOf[p["text"].(string)] = sents[sid]["text"].(string)
		}
	}
	for note, ref := range map[string]string{
		"Osmanlı alfabesi 1928’de yerini Latin harflerine bıraktı.":  "Türkçe yazı, yüzyıllar boyunca farklı alfabelerle kâğıda döküldü.",
		"Sayılar yaklaşıktır; kaynaklar arasında farklılık vardır.":  "Eski yazıyla basılmış kitapların sayısı hızla yavaş yavaş azaldı.",
		"Ayrıntılı sayımlar için Tablo\u00a01’e bakın.":              "Sayımların kaynakları da tartışmalıdır.",
		"Kısaltmalardan sonra gelen nokta da aynı işaretle yazılır.": "Nokta, cümlenin bittiğini gösterir.",
	} {
		if got, ok := refOf[note]; !ok || got != ref {
			t.Errorf("note %q: referenced by %q, want %q", note, got, ref)
		}
	}
	// Every paragraph of the first note (a paragraph, a list, a quote,
	// code) points at the same sentence.
	var alfabe []string
	for _, p := range paras {
		if p["document_id"] == "doc-0001" && p["note_number"] == float64(1) {
			alfabe = append(alfabe, p["kind"].(string)+" "+p["note_ref_sentence_id"].(string))
		}
	}
	if len(alfabe) < 5 {
		t.Errorf("the first note's paragraphs: %v", alfabe)
	}
	for _, a := range alfabe {
		if !strings.HasSuffix(a, " doc-0001-p0002-s0001") {
			t.Errorf("the first note's paragraphs: %v, want each to point at doc-0001-p0002-s0001", alfabe)
			break
		}
	}

	// Kinds and list items.
	var kindSet []string
	var tasks []string
	for _, p := range paras {
		if !slices.Contains(kindSet, p["kind"].(string)) {
			kindSet = append(kindSet, p["kind"].(string))
		}
		if p["task"] != nil {
			tasks = append(tasks, p["task"].(string))
		}
	}
	for _, k := range []string{"heading", "paragraph", "footnote", "term", "definition", "list_item", "quote", "code"} {
		if !slices.Contains(kindSet, k) {
			t.Errorf("no paragraph of kind %s (kinds %v)", k, kindSet)
		}
	}
	if strings.Join(tasks, " ") != "done done open" {
		t.Errorf("task boxes %v, want done done open", tasks)
	}
}

// TestPipelineRichCorpus builds a generated rich corpus (footnotes,
// tables, figures at the bench's density) with the real pipeline and
// checks its dataset with the Python validator.
func TestPipelineRichCorpus(t *testing.T) {
	seeds := t.TempDir()
	g := corpus.Generator{Rich: true}
	if _, err := g.Generate(seeds, 24, 5); err != nil {
		t.Fatal(err)
	}
	book, diags := pipeline.Build(seeds, pipeline.Options{})
	if diags.HasErrors() {
		t.Fatalf("pipeline.Build: %v", diags.Err())
	}
	dir := t.TempDir()
	info, err := dataset.Write(dir, book, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("records: %v", info.Records)
	s := dataset.RunPythonValidator(t, dir)
	for table, n := range info.Records {
		if s.Records[table] != n {
			t.Errorf("pandas loaded %d %s, Write wrote %d", s.Records[table], table, n)
		}
	}
}
