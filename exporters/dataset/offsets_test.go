package dataset

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/seedpress/seedpress/internal/corpus"
	"github.com/seedpress/seedpress/pipeline"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// astral are characters outside the Basic Multilingual Plane: an Old
// Turkic letter, a mathematical letter and an emoji, each two UTF-16
// units and four UTF-8 bytes.
var astral = []string{"𐰀𐰃", "𝔸", "🙂"}

// astralBook is the book of a generated corpus whose running text carries
// characters outside the Basic Multilingual Plane.
func astralBook(t testing.TB, n int) *doc.Book {
	t.Helper()
	var g corpus.Generator
	for i, s := range corpus.DefaultSentences() {
		words := strings.Fields(s)
		words[len(words)/2] += " " + astral[i%len(astral)]
		g.Sentences = append(g.Sentences, strings.Join(words, " "))
	}
	seeds := t.TempDir()
	if _, err := g.Generate(seeds, n, 7); err != nil {
		t.Fatal(err)
	}
	b, diags := pipeline.Build(seeds, pipeline.Options{})
	if b == nil || diags.HasErrors() {
		t.Fatalf("pipeline.Build: %v", diags.Err())
	}
	return b
}

// readTyped decodes every row of a table's JSON Lines files.
func readTyped[T any](t testing.TB, dir string, files []string) []T {
	t.Helper()
	var out []T
	for _, f := range files {
		fh, err := os.Open(filepath.Join(dir, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<30)
		for sc.Scan() {
			var v T
			if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
				t.Fatal(err)
			}
			out = append(out, v)
		}
		fh.Close()
	}
	return out
}

// TestOffsetsAstral checks both offset pairs of every paragraph and
// sentence of a corpus with characters outside the Basic Multilingual
// Plane: in Go (bytes), in Python (code points and bytes, validate.py),
// in DuckDB (substring) and in JavaScript (Buffer).
func TestOffsetsAstral(t *testing.T) {
	dir := t.TempDir()
	info := mustWrite(t, dir, astralBook(t, 60), Options{ShardBytes: 64 << 10})
	docs := readTyped[Document](t, dir, info.Files[TableDocuments])
	paras := readTyped[Paragraph](t, dir, info.Files[TableParagraphs])
	sents := readTyped[Sentence](t, dir, info.Files[TableSentences])
	docText := map[string]string{}
	for _, d := range docs {
		docText[d.ID] = d.Text
	}
	paraText := map[string]string{}
	for _, p := range paras {
		paraText[p.ID] = p.Text
		if docText[p.DocumentID][p.ByteStart:p.ByteEnd] != p.Text {
			t.Errorf("%s: bytes [%d:%d] of %s are not its text", p.ID, p.ByteStart, p.ByteEnd, p.DocumentID)
		}
	}
	astralSentences := 0
	for _, s := range sents {
		pt := paraText[s.ParagraphID]
		if pt[s.ByteStart:s.ByteEnd] != s.Text {
			t.Errorf("%s: bytes [%d:%d] of %s are not its text", s.ID, s.ByteStart, s.ByteEnd, s.ParagraphID)
		}
		if utf8.RuneCountInString(pt[:s.ByteStart]) != s.CharStart || utf8.RuneCountInString(s.Text) != s.CharEnd-s.CharStart {
			t.Errorf("%s: code points [%d:%d] disagree with bytes [%d:%d]", s.ID, s.CharStart, s.CharEnd, s.ByteStart, s.ByteEnd)
		}
		if strings.ContainsFunc(pt[:s.ByteEnd], func(r rune) bool { return r > 0xFFFF }) {
			astralSentences++
		}
	}
	if astralSentences < len(sents)/4 {
		t.Fatalf("%d of %d sentences have a character outside the BMP before their end: the corpus does not test them", astralSentences, len(sents))
	}
	t.Logf("%d sentences, %d after a character outside the BMP", len(sents), astralSentences)

	runPythonValidator(t, dir)
	d := checkDuckDB(t, dir, info)
	if d.Slicing.Sentences != len(sents) || d.Slicing.Mismatches != 0 {
		t.Errorf("duckdb substring: %+v, want %d sentences sliced right", d.Slicing, len(sents))
	}
	h := checkHyparquet(t, dir, info)
	if h.Slicing.Sentences != len(sents) || h.Slicing.Mismatches != 0 {
		t.Errorf("JavaScript Buffer: %+v, want %d sentences sliced right", h.Slicing, len(sents))
	}
	if h.Slicing.UTF16Mismatches == 0 {
		t.Errorf("JavaScript String.slice with code-point offsets got every sentence right: the corpus does not test it")
	}
}
