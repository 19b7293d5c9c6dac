package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// listFiles returns the slash-separated paths of the files under dir.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestWriteGolden writes the fixture book and compares every file with the
// golden copy in testdata/golden/ (regenerate with -update).
func TestWriteGolden(t *testing.T) {
	dir := t.TempDir()
	info, err := Write(dir, fixtureBook(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{TableDocuments: 2, TableParagraphs: 7, TableSentences: 9, TableTerms: 2, TableMentions: 5, TableTables: 0, TableFigures: 0, TableLinks: 1}
	for table, n := range want {
		if info.Records[table] != n {
			t.Errorf("Records[%s] = %d, want %d", table, info.Records[table], n)
		}
	}
	files := listFiles(t, dir)
	wantFiles := []string{"README.md", "book.json", "book.jsonl", "croissant.json",
		"data/documents.jsonl", "data/documents.parquet", "data/figures.jsonl", "data/figures.parquet",
		"data/links.jsonl", "data/links.parquet", "data/mentions.jsonl", "data/mentions.parquet",
		"data/paragraphs.jsonl", "data/paragraphs.parquet", "data/sentences.jsonl", "data/sentences.parquet",
		"data/tables.jsonl", "data/tables.parquet", "data/terms.jsonl", "data/terms.parquet",
		"datapackage.json", "schema/book-document.schema.json", "schema/book.schema.json",
		"schema/documents.schema.json", "schema/figures.schema.json", "schema/links.schema.json",
		"schema/mentions.schema.json", "schema/paragraphs.schema.json", "schema/sentences.schema.json",
		"schema/tables.schema.json",
		"schema/terms.schema.json"}
	if strings.Join(files, "\n") != strings.Join(wantFiles, "\n") {
		t.Fatalf("wrote\n%s\nwant\n%s", strings.Join(files, "\n"), strings.Join(wantFiles, "\n"))
	}
	compareGolden(t, dir, filepath.Join("testdata", "golden"), files, "schema/") // TestSchemaDrift compares the schemas with schema/
}

// TestWriteFormat checks the JSON Lines rules on every table: UTF-8 without
// BOM, a newline after every record, non-ASCII unescaped, every key present
// with one JSON type per column.
func TestWriteFormat(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(dir, richBook(), Options{}); err != nil {
		t.Fatal(err)
	}
	for _, table := range Tables {
		data, err := os.ReadFile(filepath.Join(dir, "data", table+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) || !bytes.HasSuffix(data, []byte("\n")) {
			t.Errorf("%s: BOM or no final newline", table)
		}
		if bytes.Contains(data, []byte(`\u`)) {
			t.Errorf("%s: escaped characters: %s", table, data)
		}
		types := map[string]string{}
		var keys []string
		for i, line := range bytes.Split(bytes.TrimSuffix(data, []byte("\n")), []byte("\n")) {
			var rec map[string]any
			if err := json.Unmarshal(line, &rec); err != nil {
				t.Fatalf("%s line %d: %v", table, i+1, err)
			}
			var k []string
			for key, v := range rec {
				k = append(k, key)
				typ := "null"
				switch v.(type) {
				case string:
					typ = "string"
				case float64:
					typ = "number"
				case []any:
					typ = "array"
				case map[string]any:
					typ = "object"
				case bool:
					typ = "bool"
				}
				if prev, ok := types[key]; ok && prev != typ && prev != "null" && typ != "null" {
					t.Errorf("%s line %d: %s is %s, earlier %s", table, i+1, key, typ, prev)
				}
				types[key] = typ
			}
			sort.Strings(k)
			if keys == nil {
				keys = k
			} else if strings.Join(k, ",") != strings.Join(keys, ",") {
				t.Errorf("%s line %d: keys %v, first line has %v", table, i+1, k, keys)
			}
		}
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "data", "sentences.jsonl")); !bytes.Contains(b, []byte("İnternet’in")) {
		t.Errorf("sentences: Turkish text not written as is")
	}
}

// TestWriteRejects corrupts the model in ways a schema or an invariant
// catches, and checks the exact error and that nothing was published.
func TestWriteRejects(t *testing.T) {
	para := func(b *doc.Book, d, i int) *doc.Paragraph { return b.Documents[d].Blocks[i].(*doc.Paragraph) }
	tests := []struct {
		name    string
		corrupt func(b *doc.Book)
		want    string
	}{
		{"sentence past paragraph end", func(b *doc.Book) { para(b, 0, 1).Sentences[1].End = 500 },
			"dataset: sentences doc-0001-p0002-s0002: char_end 500 > paragraph length 204"},
		{"overlapping sentences", func(b *doc.Book) { para(b, 0, 1).Sentences[2].Start = 10 },
			"dataset: sentences doc-0001-p0002-s0003: char_start 10 < char_end 161 of the previous sentence: sentences overlap"},
		{"empty sentence", func(b *doc.Book) { s := &para(b, 0, 1).Sentences[0]; s.End = s.Start },
			"dataset: sentences doc-0001-p0002-s0001: char_end 0 <= char_start 0: empty sentence"},
		{"white space in a sentence span", func(b *doc.Book) { para(b, 0, 1).Sentences[0].End++ },
			`dataset: sentences doc-0001-p0002-s0001: text "Siber güvenlik önemlidir. " starts or ends with white space`},
		{"negative word count", func(b *doc.Book) { para(b, 1, 1).Sentences[0].Words = -1 },
			"dataset: sentences doc-0002-p0003-s0001: word_count -1 < 0"},
		{"document out of order", func(b *doc.Book) { b.Documents[1].Index = 5 },
			"dataset: documents doc-0002: index 5, want 1 (the document's position in reading order)"},
		{"bad sha256", func(b *doc.Book) { b.Documents[0].SHA256 = "XYZ" },
			`dataset: documents doc-0001: schema: at /sha256: 'XYZ' does not match pattern '^[0-9a-f]{64}$'`},
		{"unknown encoding", func(b *doc.Book) { b.Documents[1].Encoding = "latin1" },
			`dataset: documents doc-0002: schema: at /encoding: value must be one of 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1254', 'iso-8859-9'`},
		{"heading level out of range", func(b *doc.Book) { b.Documents[0].Blocks[0].(*doc.Heading).Level = 9 },
			`dataset: book doc-0001: schema: at /blocks/0/level: maximum: got 9, want 6`},
		{"abbreviation of a missing term", func(b *doc.Book) {
			para(b, 1, 1).Inlines[0] = &doc.Abbr{Text: "ICANN", Term: 7}
		}, `dataset: book doc-0002: abbreviation "ICANN": term 7 does not exist (2 terms)`},
		{"term defined in a missing sentence", func(b *doc.Book) { b.Glossary[0].Defined.Sentence = 9 },
			"dataset: terms term-0001: first_sentence_id: the definition's sentence (document/leaf/sentence 0/1/9) does not mention ICANN"},
		{"definition without its abbreviation", func(b *doc.Book) {
			b.Documents[1].Blocks[0].(*doc.List).Items[0].Blocks[0].(*doc.Paragraph).Inlines[1] = text("IETF")
		}, "dataset: terms term-0002: first_sentence_id: the definition's sentence (document/leaf/sentence 1/0/0) does not mention IETF"},
		{"term defined in a later document than its first mention", func(b *doc.Book) { b.Glossary[0].Defined = doc.Ref{Doc: 1, Leaf: 2, Sentence: 0} },
			"dataset: terms term-0001: first_sentence_id: the definition's sentence (document/leaf/sentence 1/2/0) does not mention ICANN"},
		{"abbreviation outside any sentence", func(b *doc.Book) { para(b, 1, 1).Sentences = nil },
			`dataset: mentions doc-0002-p0003: abbreviation "ICANN" in a paragraph without sentences`},
		{"too few occurrences", func(b *doc.Book) { b.Glossary[0].Occurrences = 2 },
			"dataset: terms term-0001: occurrences 2 < 3 sentences that mention it"},
		{"acronym in lower case", func(b *doc.Book) { b.Glossary[1].Acronym = "ietf" },
			`dataset: terms term-0002: schema: at /acronym: 'ietf' does not match pattern '^[0-9A-ZÇĞİÖŞÜ][0-9A-Za-zÇĞİÖŞÜçğıöşü&.-]*$'`},
		{"nil block", func(b *doc.Book) { b.Documents[1].Blocks = append(b.Documents[1].Blocks, nil) },
			"dataset: documents doc-0002: malformed model: doc: Walk: unknown node type <nil>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := fixtureBook()
			tt.corrupt(b)
			dir := t.TempDir()
			_, err := Write(dir, b, Options{})
			if err == nil {
				t.Fatalf("Write succeeded, want %q", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error\n%s\nwant\n%s", err, tt.want)
			}
			var de *Error
			if !errors.As(err, &de) {
				t.Errorf("error is %T, want *Error", err)
			}
			checkIncomplete(t, dir)
		})
	}
}

// TestWriteShards writes with a tiny shard size and checks that the shards
// concatenate to the unsharded file and are listed everywhere.
func TestWriteShards(t *testing.T) {
	whole, sharded := t.TempDir(), t.TempDir()
	if _, err := Write(whole, fixtureBook(), Options{}); err != nil {
		t.Fatal(err)
	}
	info, err := Write(sharded, fixtureBook(), Options{ShardBytes: 600, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range Tables {
		files := info.Files[table]
		want, _ := os.ReadFile(filepath.Join(whole, "data", table+".jsonl"))
		var got []byte
		for i, f := range files {
			b, err := os.ReadFile(filepath.Join(sharded, filepath.FromSlash(f)))
			if err != nil {
				t.Fatal(err)
			}
			if len(b) > 600 && bytes.Count(b, []byte("\n")) > 1 {
				t.Errorf("%s: %d bytes in %d records, over the shard size", f, len(b), bytes.Count(b, []byte("\n")))
			}
			if want := fmt.Sprintf("data/%s-%05d-of-%05d.jsonl", table, i, len(files)); len(files) > 1 && f != want {
				t.Errorf("shard %d is named %s", i, f)
			}
			got = append(got, b...)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s: shards %v do not concatenate to the unsharded file", table, files)
		}
	}
	if len(info.Files[TableSentences]) < 2 || len(info.Files[TableTerms]) != 1 {
		t.Fatalf("files %v: want sentences sharded, terms whole", info.Files)
	}
	var pkg struct {
		Resources []struct {
			Name string `json:"name"`
			Path any    `json:"path"`
			Hash string `json:"hash"`
		} `json:"resources"`
	}
	pj, _ := os.ReadFile(filepath.Join(sharded, "datapackage.json"))
	if err := json.Unmarshal(pj, &pkg); err != nil {
		t.Fatal(err)
	}
	wpj, _ := os.ReadFile(filepath.Join(whole, "datapackage.json"))
	for _, r := range pkg.Resources {
		if r.Name == TableSentences {
			if paths, ok := r.Path.([]any); !ok || len(paths) != len(info.Files[TableSentences]) {
				t.Errorf("sentences path %v, want the shard list %v", r.Path, info.Files[TableSentences])
			}
		}
		// A Parquet file is a whole: its shards are other files.
		if !strings.HasSuffix(r.Name, "-parquet") && !bytes.Contains(wpj, []byte(r.Hash)) {
			t.Errorf("%s: hash %s differs from the unsharded build", r.Name, r.Hash)
		}
	}
	card, _ := os.ReadFile(filepath.Join(sharded, "README.md"))
	if !bytes.Contains(card, []byte("path: data/sentences-*.parquet")) || !bytes.Contains(card, []byte("path: data/terms.parquet")) {
		t.Errorf("card configs do not list the shards by glob:\n%s", card)
	}
}

// TestWriteWorkers checks that the output does not depend on parallelism.
func TestWriteWorkers(t *testing.T) {
	b := longBook(32)
	a, c := t.TempDir(), t.TempDir()
	if _, err := Write(a, b, Options{Workers: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(c, b, Options{Workers: 8}); err != nil {
		t.Fatal(err)
	}
	for _, f := range listFiles(t, a) {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(c, f))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between 1 and 8 workers", f)
		}
	}
}

func TestLicenseID(t *testing.T) {
	tests := []struct{ rights, spdx, hf string }{
		{"CC BY 4.0", "CC-BY-4.0", "cc-by-4.0"},
		{"cc-by-sa-4.0", "CC-BY-SA-4.0", "cc-by-sa-4.0"},
		{"Creative Commons BY-NC 4.0", "CC-BY-NC-4.0", "cc-by-nc-4.0"},
		{"CC0", "CC0-1.0", "cc0-1.0"},
		{"MIT", "MIT", "mit"},
		{"Tüm hakları saklıdır.", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		spdx, hf := licenseID(tt.rights)
		if spdx != tt.spdx || hf != tt.hf {
			t.Errorf("licenseID(%q) = %q, %q; want %q, %q", tt.rights, spdx, hf, tt.spdx, tt.hf)
		}
	}
}

func TestPackageName(t *testing.T) {
	tests := []struct{ id, title, want string }{
		{"", "Dijital Çağda Türkçe", "dijital-cagda-turkce"},
		{"urn:uuid:1234", "X", "urn-uuid-1234"},
		{"", "", "seedpress-dataset"},
		{"", "İşığın Öyküsü!", "isigin-oykusu"},
	}
	for _, tt := range tests {
		if got := packageName(tt.id, tt.title); got != tt.want {
			t.Errorf("packageName(%q, %q) = %q, want %q", tt.id, tt.title, got, tt.want)
		}
	}
}

// TestCardFrontMatter parses the card's YAML front matter and checks that
// every config's data_files pattern matches exactly its table's files.
func TestCardFrontMatter(t *testing.T) {
	for _, shard := range []int64{0, 600} {
		dir := t.TempDir()
		info, err := Write(dir, fixtureBook(), Options{ShardBytes: shard})
		if err != nil {
			t.Fatal(err)
		}
		card, err := os.ReadFile(filepath.Join(dir, "README.md"))
		if err != nil {
			t.Fatal(err)
		}
		parts := strings.SplitN(string(card), "---\n", 3)
		if len(parts) != 3 || parts[0] != "" {
			t.Fatalf("no front matter:\n%s", card)
		}
		var fm struct {
			License        string   `yaml:"license"`
			Language       []string `yaml:"language"`
			PrettyName     string   `yaml:"pretty_name"`
			SizeCategories []string `yaml:"size_categories"`
			TaskCategories []string `yaml:"task_categories"`
			TaskIDs        []string `yaml:"task_ids"`
			Configs        []struct {
				Name      string `yaml:"config_name"`
				DataFiles []struct {
					Split string `yaml:"split"`
					Path  string `yaml:"path"`
				} `yaml:"data_files"`
			} `yaml:"configs"`
		}
		if err := yaml.Unmarshal([]byte(parts[1]), &fm); err != nil {
			t.Fatalf("front matter: %v\n%s", err, parts[1])
		}
		if fm.License != "cc-by-4.0" || strings.Join(fm.Language, ",") != "tr" || fm.PrettyName != "Dijital Çağda Türkçe" || strings.Join(fm.SizeCategories, ",") != "n<1K" ||
			strings.Join(fm.TaskCategories, ",") != "text-generation,fill-mask" || strings.Join(fm.TaskIDs, ",") != "language-modeling,masked-language-modeling" {
			t.Errorf("front matter %+v", fm)
		}
		if len(fm.Configs) != len(Tables) {
			t.Fatalf("%d configs, want %d", len(fm.Configs), len(Tables))
		}
		for i, c := range fm.Configs {
			if c.Name != Tables[i] || len(c.DataFiles) != 1 || c.DataFiles[0].Split != "train" {
				t.Errorf("config %d: %+v", i, c)
				continue
			}
			matches, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(c.DataFiles[0].Path)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range matches {
				rel, _ := filepath.Rel(dir, m)
				got = append(got, filepath.ToSlash(rel))
			}
			if strings.Join(got, " ") != strings.Join(info.Parquet[c.Name], " ") {
				t.Errorf("shard size %d: config %s pattern %s matches %v, want %v", shard, c.Name, c.DataFiles[0].Path, got, info.Parquet[c.Name])
			}
		}
	}
}

// compareGolden compares each of files, written under dir, with its copy under golden,
// or rewrites the copy with -update. Files under one of the skip prefixes are left out.
func compareGolden(t *testing.T, dir, golden string, files []string, skip ...string) {
	t.Helper()
	for _, f := range files {
		if slices.ContainsFunc(skip, func(p string) bool { return strings.HasPrefix(f, p) }) {
			continue
		}
		got, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		gp := filepath.Join(golden, filepath.FromSlash(f))
		if *update {
			os.MkdirAll(filepath.Dir(gp), 0o755)
			if err := os.WriteFile(gp, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		wantB, err := os.ReadFile(gp)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if !bytes.Equal(got, wantB) {
			t.Errorf("%s differs from %s (run go test -update and review the diff)", f, gp)
		}
	}
}
