package dataset

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/turkish"
)

// DataPackageProfile is the Frictionless Data Package version that
// datapackage.json follows.
const DataPackageProfile = "https://datapackage.org/profiles/2.0/datapackage.json"

// MediaType is the media type of the data files, in datapackage.json.
const MediaType = "application/jsonl"

// dataPackage is datapackage.json. Besides the standard properties, each
// JSON resource carries "jsonschema": the path of the JSON Schema its
// records are validated against (a custom property, which the Data Package
// specification allows). Each table is two resources, "<table>" (JSON
// Lines) and "<table>-parquet", both "type": "table" with the same Table
// Schema.
type dataPackage struct {
	Profile     string     `json:"$schema"`
	Name        string     `json:"name"`
	Title       string     `json:"title"`
	Description string     `json:"description,omitempty"`
	Licenses    []license  `json:"licenses,omitempty"`
	Keywords    []string   `json:"keywords,omitempty"`
	Resources   []resource `json:"resources"`
}

type license struct {
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
}

type resource struct {
	Name       string       `json:"name"`
	Type       string       `json:"type,omitempty"` // "table" for a table, in either format
	Path       any          `json:"path"`           // a string, or an array of shard paths
	Format     string       `json:"format"`
	MediaType  string       `json:"mediatype"`
	Encoding   string       `json:"encoding,omitempty"`
	Bytes      int64        `json:"bytes"`
	Hash       string       `json:"hash"`
	JSONSchema string       `json:"jsonschema,omitempty"`
	Schema     *tableSchema `json:"schema,omitempty"`
}

// parquetResource is the name of the resource of a table's Parquet files.
func parquetResource(table string) string { return table + "-parquet" }

func (r resource) paths() []string {
	if p, ok := r.Path.(string); ok {
		return []string{p}
	}
	return r.Path.([]string)
}

type tableSchema struct {
	Fields      []field      `json:"fields"`
	PrimaryKey  []string     `json:"primaryKey"`
	ForeignKeys []foreignKey `json:"foreignKeys,omitempty"`
}

type field struct {
	Name        string         `json:"name"`
	Type        string         `json:"type"`
	Description string         `json:"description,omitempty"`
	Constraints map[string]any `json:"constraints,omitempty"`
}

type foreignKey struct {
	Fields    []string  `json:"fields"`
	Reference reference `json:"reference"`
}

type reference struct {
	Resource string   `json:"resource"`
	Fields   []string `json:"fields"`
}

// foreignKeys lists each table's references to other tables.
var foreignKeys = map[string][]foreignKey{
	TableParagraphs: {fk("document_id", TableDocuments), fk("note_ref_sentence_id", TableSentences)},
	TableSentences:  {fk("document_id", TableDocuments), fk("paragraph_id", TableParagraphs)},
	TableTerms:      {fk("first_sentence_id", TableSentences)},
	TableMentions:   {fk("term_id", TableTerms), fk("sentence_id", TableSentences), fk("document_id", TableDocuments)},
	TableTables:     {fk("document_id", TableDocuments)},
	TableFigures:    {fk("document_id", TableDocuments)},
	TableLinks:      {fk("document_id", TableDocuments), fk("sentence_id", TableSentences), fk("target_document_id", TableDocuments)},
}

// primaryKeys lists the primary key of each table without an id column.
var primaryKeys = map[string][]string{
	TableMentions: {"term_id", "sentence_id"},
}

// primaryKey returns a table's primary key: its id, or its primaryKeys.
func primaryKey(table string) []string {
	if k, ok := primaryKeys[table]; ok {
		return k
	}
	return []string{"id"}
}

func fk(col, table string) foreignKey {
	return foreignKey{Fields: []string{col}, Reference: reference{Resource: table, Fields: []string{"id"}}}
}

// datapackage describes the written files. Each resource's bytes and hash
// are those of its files concatenated in order, which for a sharded JSON
// Lines table are those of the unsharded file.
func (w *Writer) datapackage() *dataPackage {
	m := w.meta
	pkg := &dataPackage{Profile: DataPackageProfile, Name: packageName(m.Identifier, m.Title),
		Title: m.Title, Description: m.Description, Keywords: m.Subjects}
	if spdx, _ := licenseID(m.Rights); spdx != "" {
		pkg.Licenses = []license{{Name: spdx, Title: m.Rights}}
	}
	for _, t := range Tables {
		tw := w.tables[t]
		r := resource{Name: t, Type: "table", Path: pathValue(tw.final), Format: "jsonl", MediaType: MediaType, Encoding: "utf-8",
			Bytes: tw.bytes, Hash: "sha256:" + hex.EncodeToString(tw.hash.Sum(nil)),
			JSONSchema: "schema/" + SchemaFile(t), Schema: w.tableSchema(t)}
		pkg.Resources = append(pkg.Resources, r)
	}
	for _, t := range Tables {
		pq := w.tables[t].pq
		ts := w.tableSchema(t)
		ts.ForeignKeys = nil
		for _, k := range foreignKeys[t] {
			k.Reference.Resource = parquetResource(k.Reference.Resource)
			ts.ForeignKeys = append(ts.ForeignKeys, k)
		}
		pkg.Resources = append(pkg.Resources, resource{Name: parquetResource(t), Type: "table", Path: pathValue(pq.final),
			Format: "parquet", MediaType: ParquetMediaType, Bytes: pq.bytes,
			Hash: "sha256:" + hex.EncodeToString(pq.all.Sum(nil)), Schema: ts})
	}
	pkg.Resources = append(pkg.Resources, resource{Name: "book", Path: "book.json", Format: "json",
		MediaType: "application/json", Encoding: "utf-8", Bytes: w.bookF.bytes,
		Hash: "sha256:" + hex.EncodeToString(w.bookF.hash.Sum(nil)), JSONSchema: "schema/" + SchemaFile(schemaBook)},
		resource{Name: "book-documents", Path: "book.jsonl", Format: "jsonl",
			MediaType: MediaType, Encoding: "utf-8", Bytes: w.bookL.bytes,
			Hash: "sha256:" + hex.EncodeToString(w.bookL.hash.Sum(nil)), JSONSchema: "schema/" + SchemaFile(schemaBookDocument)})
	return pkg
}

// pathValue is a resource's path: the one file, or the list of shards.
func pathValue(files []string) any {
	if len(files) == 1 {
		return files[0]
	}
	return files
}

// tableSchema derives a Frictionless Table Schema from a table's record
// type (column order and types) and its JSON Schema (descriptions and
// constraints), so that both descriptors say the same.
func (w *Writer) tableSchema(table string) *tableSchema {
	var js struct {
		Properties map[string]struct {
			Description string `json:"description"`
			Enum        []any  `json:"enum"`
			Minimum     *int   `json:"minimum"`
			OneOf       []struct {
				Enum    []any `json:"enum"`
				Minimum *int  `json:"minimum"`
			} `json:"oneOf"`
			Items *any `json:"items"`
		} `json:"properties"`
	}
	// The committed schema compiled, so it is valid JSON.
	_ = json.Unmarshal(w.c.files[SchemaFile(table)], &js)
	ts := &tableSchema{PrimaryKey: primaryKey(table), ForeignKeys: foreignKeys[table]}
	t := recordTypes[table]
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		p := js.Properties[name]
		if len(p.OneOf) > 0 && p.Enum == nil && p.Minimum == nil {
			// A nullable column: its constraints are those of its
			// non-null branch (a Table Schema checks no constraint on
			// a missing value).
			p.Enum, p.Minimum = p.OneOf[0].Enum, p.OneOf[0].Minimum
		}
		fd := field{Name: name, Description: p.Description, Constraints: map[string]any{}}
		kind := f.Type.Kind()
		if kind == reflect.Pointer {
			kind = f.Type.Elem().Kind()
		}
		switch kind {
		case reflect.Int:
			fd.Type = "integer"
		case reflect.Slice:
			fd.Type = "array"
		default:
			fd.Type = "string"
		}
		if f.Type.Kind() != reflect.Pointer {
			fd.Constraints["required"] = true
		}
		if name == "id" {
			fd.Constraints["unique"] = true
		}
		if len(p.Enum) > 0 {
			fd.Constraints["enum"] = p.Enum
		}
		if p.Minimum != nil {
			fd.Constraints["minimum"] = *p.Minimum
		}
		ts.Fields = append(ts.Fields, fd)
	}
	return ts
}

// packageName returns a Data Package name (lower-case letters, digits, '-',
// '_', '.') from the book's identifier or title.
func packageName(identifier, title string) string {
	s := title
	if identifier != "" {
		s = identifier
	}
	s = turkish.ASCIIFold(s)
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '.' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	name := strings.Trim(b.String(), "-.")
	if name == "" {
		return "seedpress-dataset"
	}
	return name
}

// licenses maps Hugging Face licence ids to SPDX ids.
var licenses = map[string]string{
	"cc-by-4.0": "CC-BY-4.0", "cc-by-sa-4.0": "CC-BY-SA-4.0", "cc-by-nc-4.0": "CC-BY-NC-4.0",
	"cc-by-nc-sa-4.0": "CC-BY-NC-SA-4.0", "cc-by-nd-4.0": "CC-BY-ND-4.0", "cc-by-nc-nd-4.0": "CC-BY-NC-ND-4.0",
	"cc-by-3.0": "CC-BY-3.0", "cc-by-sa-3.0": "CC-BY-SA-3.0", "cc0-1.0": "CC0-1.0", "mit": "MIT",
	"apache-2.0": "Apache-2.0", "gpl-3.0": "GPL-3.0", "unlicense": "Unlicense", "odbl": "ODbL-1.0",
	"pddl": "PDDL-1.0", "odc-by": "ODC-By-1.0",
}

// licenseID maps the book's rights statement to an SPDX id and a Hugging
// Face licence id when it names a known licence ("CC BY 4.0", "cc-by-4.0",
// "CC0 1.0", "MIT"); otherwise both are "".
func licenseID(rights string) (spdx, hf string) {
	s := strings.ToLower(strings.TrimSpace(rights))
	if rest, ok := strings.CutPrefix(s, "creative commons "); ok {
		s = "cc " + rest
	}
	s = strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), "-")
	if s == "cc0" {
		s = "cc0-1.0"
	}
	if id, ok := licenses[s]; ok {
		return id, s
	}
	return "", ""
}

// sizeCategory returns the Hugging Face size category of n rows.
func sizeCategory(n int) string {
	switch {
	case n < 1_000:
		return "n<1K"
	case n < 10_000:
		return "1K<n<10K"
	case n < 100_000:
		return "10K<n<100K"
	case n < 1_000_000:
		return "100K<n<1M"
	case n < 10_000_000:
		return "1M<n<10M"
	case n < 100_000_000:
		return "10M<n<100M"
	}
	return "100M<n<1B"
}

// quote formats s as a YAML double-quoted scalar (a JSON string is one).
func quote(s string) string {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// The card's Hugging Face task metadata: the text is for language
// modelling, causal and masked.
var (
	taskCategories = []string{"text-generation", "fill-mask"}
	taskIDs        = []string{"language-modeling", "masked-language-modeling"}
)

// cardLicense returns the card's licence fields for the rights statement:
// a Hugging Face licence id when the rights name a known licence; "other"
// with a name (a slug of the statement) and a link to LICENSE, which
// Writer writes with the statement, when they name none; "unknown" when
// there is no statement.
func cardLicense(rights string) (id, name, link string) {
	if _, hf := licenseID(rights); hf != "" {
		return hf, "", ""
	}
	if strings.TrimSpace(rights) == "" {
		return "unknown", "", ""
	}
	name = packageName("", rights)
	if name == "seedpress-dataset" {
		name = "custom"
	}
	return "other", name, "LICENSE"
}

// glob returns the path that matches a table's files in one format: the
// file itself, or data/<table>-*.<ext> for its shards.
func glob(table, ext string, files []string) string {
	if len(files) > 1 {
		return "data/" + table + "-*." + ext
	}
	return "data/" + table + "." + ext
}

// card returns README.md: a Hugging Face dataset card.
func (w *Writer) card() string {
	m := w.meta
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	lic, licName, licLink := cardLicense(m.Rights)
	lang := doc.PrimaryLang(m.Lang)
	rows := 0
	for _, t := range Tables {
		rows = max(rows, w.tables[t].records)
	}
	p("---\n")
	p("license: %s\n", lic)
	if licName != "" {
		p("license_name: %s\nlicense_link: %s\n", licName, licLink)
	}
	p("language:\n- %s\n", lang)
	p("pretty_name: %s\n", quote(m.Title))
	p("size_categories:\n- %s\n", sizeCategory(rows))
	p("task_categories:\n")
	for _, c := range taskCategories {
		p("- %s\n", c)
	}
	p("task_ids:\n")
	for _, c := range taskIDs {
		p("- %s\n", c)
	}
	p("configs:\n")
	for _, t := range Tables {
		p("- config_name: %s\n", t)
		if t == TableSentences {
			p("  default: true\n")
		}
		p("  data_files:\n  - split: train\n    path: %s\n", glob(t, "parquet", w.tables[t].pq.final))
	}
	p("---\n\n")

	p("# %s\n\n", m.Title)
	if m.Description != "" {
		p("%s\n\n", m.Description)
	}
	p("A dataset of Turkish text published by seedpress from %s: %s, %s and %s, with %s",
		count(w.tables[TableDocuments].records, "document", "documents"),
		count(w.tables[TableParagraphs].records, "paragraph", "paragraphs"),
		count(w.tables[TableSentences].records, "sentence", "sentences"),
		count(w.tables[TableTerms].records, "glossary term", "glossary terms"),
		count(w.tables[TableMentions].records, "mention of a term", "mentions of terms"))
	p("; %s, %s and %s.",
		count(w.tables[TableTables].records, "table", "tables"),
		count(w.tables[TableFigures].records, "figure", "figures"),
		count(w.tables[TableLinks].records, "link", "links"))
	p("\n\n")
	p("## Licence\n\n")
	switch lic {
	case "unknown":
		p("The licence of the text is unknown: its source gives no rights statement. Do not assume that you may redistribute it.\n\n")
	case "other":
		p("The text comes with this rights statement, which names no standard licence (it is also in `LICENSE`): %s\n\n", m.Rights)
	default:
		spdx, _ := licenseID(m.Rights)
		p("%s (SPDX `%s`).\n\n", m.Rights, spdx)
	}
	p(`## Files

- `+"`data/<table>.parquet`"+`: each table (`+"`documents`, `paragraphs`, `sentences`, `terms`, `mentions`, `tables`, `figures`, `links`"+`) in Apache Parquet, with typed columns (UTF-8 strings, 64-bit integers and lists of them), SNAPPY-compressed: what the Hugging Face viewer, `+"`datasets`"+`, DuckDB, polars and Spark read best. An empty table is still a Parquet file with its columns.
- `+"`data/<table>.jsonl`"+`: the same rows as JSON Lines, one JSON object per line, UTF-8 without BOM, for streaming and `+"`jq`"+`. Every key is present in every row (`+"`null`"+` when absent, `+"`[]`"+` for an empty list) and each column has one JSON type. An empty table is an empty file, from which a reader cannot infer columns: read its Parquet file, or take the columns from `+"`datapackage.json`"+` as the pandas recipe below does.
- Sharding: a table whose JSON Lines pass the shard size (in this build %s; 256 MiB unless `+"`seedpress build --shard-size`"+` says otherwise) is split into `+"`data/<table>-00000-of-0000N.jsonl`"+` shards, which concatenated in order are the whole table, each with a Parquet shard `+"`data/<table>-00000-of-0000N.parquet`"+` holding the same rows. Read the shards together, by glob.
- `+"`book.json`"+` and `+"`book.jsonl`"+`: the document model (blocks and inlines with a `+"`type`"+` discriminator). `+"`book.json`"+` is small: the book's metadata, its number of documents and its glossary; `+"`book.jsonl`"+` holds one document per line, so that no JSON value grows with the book. They are validated against `+"`schema/book.schema.json`"+` and `+"`schema/book-document.schema.json`"+`.
- `+"`schema/<table>.schema.json`"+`: the JSON Schema (Draft 2020-12) every record was validated against before it was written; the Parquet files were then read back and their values checked, row group by row group, against the rows of the JSON Lines.
- `+"`datapackage.json`"+`: a Frictionless Data Package (v2) descriptor: per table its JSON Lines and its Parquet files as two resources of `+"`\"type\": \"table\"`"+`, with size, SHA-256 and a Table Schema with primary and foreign keys, and in the custom property `+"`jsonschema`"+` the path of the JSON Schema.
- `+"`media/<sha256>.<ext>`"+`: the image files the book uses (figures and images in the text), each copied once, named by the SHA-256 of its bytes (so one image under two paths is one file) and its media type (`+"`.png`, `.jpg`, `.svg`"+`); the figures table gives each figure's `+"`media_path`"+` and `+"`sha256`"+`, and the path it had in the seeds folder. No folder when the book has no image.
- `+"`croissant.json`"+`: MLCommons Croissant 1.0 metadata (JSON-LD): the Parquet files with their SHA-256, and a record set per table with typed fields and the references between tables.

## Tables

Ids are strings with a type prefix and sort in reading order: every number in an id is 1-based and zero-padded to at least four digits (`+"`doc-0001`, `doc-0001-p0003`, `doc-0001-p0003-s0002`, `term-0001`"+`; a document's tables, figures and links `+"`doc-0001-t0001`, `doc-0001-f0001`, `doc-0001-l0001`"+`); a mention is keyed by its term and sentence ids. An `+"`anchor`"+` is the id the book itself gives a heading, table or figure (`+"`sec-noktalama`, `tbl-nufus`, `fig-harita`"+`), the target of its links and cross-references: a link's `+"`target_anchor`"+` is the `+"`anchor`"+` of a row of paragraphs, tables or figures in its `+"`target_document_id`"+`. The `+"`index`"+` columns are 0-based: `+"`doc-0001-p0003`"+` has index 2.

Offsets come in two units, start inclusive and end exclusive, each pair slicing the parent text (a paragraph's in its document's `+"`text`"+`, a sentence's in its paragraph's `+"`text`"+`) to the child's text exactly. `+"`char_start`, `char_end`"+` count Unicode code points: use them in Python, DuckDB and pandas. `+"`byte_start`, `byte_end`"+` count bytes of UTF-8: use them in Go, Rust, Arrow and JavaScript, whose strings do not index code points (JavaScript's count UTF-16 units, so a character outside the Basic Multilingual Plane, such as an emoji, shifts `+"`slice`"+`). With `+"`p`"+` a paragraph row and `+"`s`"+` one of its sentences:

- Python: `+"`p.text[s.char_start:s.char_end]`"+`
- DuckDB: `+"`substring(p.text, s.char_start + 1, s.char_end - s.char_start)`"+`
- JavaScript: `+"`Buffer.from(p.text).subarray(s.byte_start, s.byte_end).toString()`"+`
- Go: `+"`p.Text[s.ByteStart:s.ByteEnd]`"+`

`, w.shardSize())
	for _, t := range Tables {
		p("### %s\n\n%s\n\n| column | type | meaning |\n|---|---|---|\n", t, w.tableDescription(t))
		for _, f := range w.tableSchema(t).Fields {
			typ := f.Type
			if f.Constraints["required"] == nil {
				typ += " or null"
			}
			p("| `%s` | %s | %s |\n", f.Name, typ, strings.ReplaceAll(f.Description, "|", `\|`))
		}
		p("\n")
	}
	p(`## How the text was prepared

Each seed file was decoded (UTF-8 with or without a BOM, UTF-16 with a BOM, or the Turkish legacy code pages Windows-1254 and ISO-8859-9, detected per file; the documents table says which) and normalised: Unicode NFC, line ends to LF, control and zero-width characters, stray BOMs and soft hyphens removed, runs of spaces collapsed, and Turkish typography applied (a straight apostrophe between letters or digits becomes ’ as in İnternet’in, straight quotes become “ ” and ‘ ’, three dots become …); circumflexes stay (kâr is not kar) and code is left as written. Markdown seeds were parsed into headings, paragraphs, lists, quotations, code blocks, footnotes, tables, figures, definition lists, boxed notes (callouts) and line blocks, and the markup dropped from the text; plain-text seeds are split into paragraphs at blank lines. A document's ` + "`text`" + ` is its blocks' texts joined by a blank line ("\n\n"): the body's in reading order, then its footnotes', note by note. A footnote's paragraphs are rows of kind ` + "`footnote`" + ` (or the kind of their innermost container inside the note) with ` + "`note_number`" + ` and the ` + "`note_ref_sentence_id`" + ` of the sentence that references the note; a callout's paragraphs are of kind ` + "`callout`" + `, a definition list's terms ` + "`term`" + ` and their definitions ` + "`definition`" + `; a line block (poetry, an address) is one row of kind ` + "`line_block`" + ` whose text has one line per line of the block. A list item's first text block carries the marker a reader sees (` + "`list_marker`" + `: ` + "`•`, `3.`, `c)`, `(iv)`" + `), its list's ` + "`list_style`" + ` and a task item's box (` + "`task`" + `: open or done). Table cells and captions, figure captions and callout titles are not split into sentences: they are in the tables and figures tables (and book.json), not in paragraphs and sentences; a link in them has no ` + "`sentence_id`" + `.

Paragraphs were split into sentences by rules for Turkish: abbreviations (Dr., Prof., vb., örn.), ordinals (19. yüzyıl), thousands and decimals (16.551.000, 3,5), dates and times (29.5.1453, 14.30’da) do not end a sentence. A suffix after an apostrophe (İnternet’in, 1996’da) belongs to its word. Code blocks are kept as written and not split; their word count is the number of runs of non-space characters. The terms table lists the acronyms defined in the text as "Türkçe Ad (English Name - ACRONYM)" or "Türkçe Ad (ACRONYM)", in the order they are defined (reading order); the mentions table lists every sentence that mentions each of them, and joins the terms to the sentences.

## Loading

DuckDB (Parquet, every shard by glob):

` + "```python" + `
import duckdb
sentences = duckdb.sql("SELECT * FROM read_parquet('data/sentences*.parquet')").df()
print(duckdb.sql("""
    SELECT d.title, count(*) AS sentences
    FROM read_parquet('data/sentences*.parquet') s
    JOIN read_parquet('data/documents*.parquet') d ON s.document_id = d.id
    GROUP BY d.title ORDER BY sentences DESC LIMIT 5"""))
` + "```" + `

polars (Parquet):

` + "```python" + `
import polars as pl
sentences = pl.read_parquet("data/sentences*.parquet")
` + "```" + `

pandas (JSON Lines, no Parquet engine needed; the columns come from datapackage.json, so that an empty table has them too):

` + "```python" + `
import glob, json, pandas as pd

def read_table(name):
    with open("datapackage.json", encoding="utf-8") as f:
        resource = next(r for r in json.load(f)["resources"] if r["name"] == name)
    columns = [field["name"] for field in resource["schema"]["fields"]]
    files = sorted(glob.glob(f"data/{name}*.jsonl"))  # one file, or its shards
    frames = [pd.read_json(f, lines=True, dtype=False) for f in files]
    return pd.concat(frames, ignore_index=True).reindex(columns=columns)

sentences = read_table("sentences")
` + "```" + `

Hugging Face ` + "`datasets`" + `:

` + "```python" + `
from datasets import load_dataset
sentences = load_dataset("parquet", data_files="data/sentences*.parquet", split="train")
print(sentences[0])
` + "```" + `
`)
	return b.String()
}

// shardSize formats the shard size in bytes, and in MiB when whole.
func (w *Writer) shardSize() string {
	n := w.opts.ShardBytes
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// tableDescription returns the description of a table's record type from
// its JSON Schema.
func (w *Writer) tableDescription(table string) string {
	var js struct {
		Description string `json:"description"`
	}
	_ = json.Unmarshal(w.c.files[SchemaFile(table)], &js)
	return js.Description
}

// count formats n with the singular or plural noun: "1 document", "2 documents".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
