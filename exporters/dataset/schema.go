package dataset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/invopop/jsonschema"
	validator "github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/seedpress/seedpress/schema"
)

// SchemaBase is the base URI of the dataset's JSON Schema ids. Its last
// segment is the schema's major version: bump it when a change breaks
// readers (a column removed, renamed or retyped), and only then.
const SchemaBase = "https://seedpress.invalid/schema/v2/"

// Table names, in the order the card and datapackage.json list them.
const (
	TableDocuments  = "documents"
	TableParagraphs = "paragraphs"
	TableSentences  = "sentences"
	TableTerms      = "terms"
	TableMentions   = "mentions"
	TableTables     = "tables"
	TableFigures    = "figures"
	TableLinks      = "links"
)

// Tables lists the dataset's tables in order.
var Tables = []string{TableDocuments, TableParagraphs, TableSentences, TableTerms, TableMentions, TableTables, TableFigures, TableLinks}

// The schemas of book.json and of a line of book.jsonl, besides the
// tables'.
const (
	schemaBook         = "book"
	schemaBookDocument = "book-document"
)

// recordTypes maps each table, "book" and "book-document" to the Go type
// its schema is generated from.
var recordTypes = map[string]reflect.Type{
	TableDocuments:     reflect.TypeFor[Document](),
	TableParagraphs:    reflect.TypeFor[Paragraph](),
	TableSentences:     reflect.TypeFor[Sentence](),
	TableTerms:         reflect.TypeFor[Term](),
	TableMentions:      reflect.TypeFor[Mention](),
	TableTables:        reflect.TypeFor[Table](),
	TableFigures:       reflect.TypeFor[Figure](),
	TableLinks:         reflect.TypeFor[Link](),
	schemaBook:         reflect.TypeFor[Book](),
	schemaBookDocument: reflect.TypeFor[BookDocument](),
}

var schemaTitles = map[string]string{
	TableDocuments:     "seedpress dataset: documents table",
	TableParagraphs:    "seedpress dataset: paragraphs table",
	TableSentences:     "seedpress dataset: sentences table",
	TableTerms:         "seedpress dataset: terms table",
	TableMentions:      "seedpress dataset: mentions table",
	TableTables:        "seedpress dataset: tables table",
	TableFigures:       "seedpress dataset: figures table",
	TableLinks:         "seedpress dataset: links table",
	schemaBook:         "seedpress dataset: book.json, the canonical model's metadata and glossary",
	schemaBookDocument: "seedpress dataset: a line of book.jsonl, one document of the canonical model",
}

//go:generate go run ./internal/commentgen -o comments.go records.go book.go

// SchemaFile returns the file name of the schema of a table (or of "book"),
// e.g. "sentences.schema.json".
func SchemaFile(name string) string { return name + ".schema.json" }

// SchemaID returns the $id of the schema of a table (or of "book").
func SchemaID(name string) string { return SchemaBase + SchemaFile(name) }

// Schemas generates the dataset's JSON Schema files (Draft 2020-12) from the
// record types, keyed by file name ("sentences.schema.json", …, and
// "book.schema.json"). Each file ends in a newline.
//
// Descriptions come from the doc comments of the record types, which `go
// generate` extracts into comments.go (TestCommentsFresh fails when that
// file is stale), so Schemas needs no source and works in any binary.
// Write does not call it: it uses the committed copies embedded from the
// repository's schema/ folder, which TestSchemaDrift keeps equal to
// Schemas' output.
func Schemas() (map[string][]byte, error) {
	pkgPath := reflect.TypeFor[Document]().PkgPath()
	comments := make(map[string]string, len(recordComments))
	for k, v := range recordComments {
		comments[pkgPath+"."+k] = v
	}
	out := make(map[string][]byte)
	for name, t := range recordTypes {
		r := &jsonschema.Reflector{
			ExpandedStruct: true,
			// The tables are flat; book.json and book.jsonl are trees (a
			// document's blocks are recursive) and need $defs.
			DoNotReference: name != schemaBook && name != schemaBookDocument,
			CommentMap:     comments,
		}
		s := r.ReflectFromType(t)
		s.ID = jsonschema.ID(SchemaID(name))
		s.Title = schemaTitles[name]
		hoistDescriptions(s)
		for _, d := range s.Definitions {
			hoistDescriptions(d)
		}
		b, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("dataset: schema %s: %w", name, err)
		}
		out[SchemaFile(name)] = append(b, '\n')
	}
	return out, nil
}

// hoistDescriptions moves the description of a nullable property (which
// the reflector leaves on the non-null branch of its oneOf) up to the
// property, where readers and the Table Schema look for it.
func hoistDescriptions(s *jsonschema.Schema) {
	if s.Properties == nil {
		return
	}
	for p := s.Properties.Oldest(); p != nil; p = p.Next() {
		v := p.Value
		if v.Description == "" && len(v.OneOf) > 0 && v.OneOf[0].Description != "" {
			v.Description, v.OneOf[0].Description = v.OneOf[0].Description, ""
		}
	}
}

// compiled holds the dataset's compiled schemas.
type compiled struct {
	tables   map[string]*recordSchema
	book     *recordSchema     // book.json with an empty glossary
	bookDoc  *recordSchema     // one line of book.jsonl
	bookTerm *recordSchema     // one element of book.json's glossary
	files    map[string][]byte // the committed schema files, by file name
}

// recordSchema is a schema as the validator compiled it and as a check.
type recordSchema struct {
	s     *validator.Schema
	check *check
}

func newRecordSchema(s *validator.Schema) *recordSchema {
	return &recordSchema{s: s, check: newCheck(s)}
}

// validate checks one JSON text and returns the validator's reasons it
// fails, as validate does. The check decides the texts it can; the
// validator has the last word on any other.
func (r *recordSchema) validate(data []byte) error {
	if r.check.decide(data) == valid {
		return nil
	}
	v, err := validator.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return validate(r.s, v)
}

var (
	compileOnce sync.Once
	compiledSet *compiled
	compileErr  error
)

// schemas compiles the committed schema files once per process.
func schemas() (*compiled, error) {
	compileOnce.Do(func() { compiledSet, compileErr = compileSchemas(schema.FS) })
	return compiledSet, compileErr
}

// compileSchemas compiles the schema files of fsys.
func compileSchemas(fsys fs.FS) (*compiled, error) {
	c := &compiled{tables: map[string]*recordSchema{}, files: map[string][]byte{}}
	comp := validator.NewCompiler()
	comp.DefaultDraft(validator.Draft2020)
	names := make([]string, 0, len(recordTypes))
	for name := range recordTypes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		file := SchemaFile(name)
		b, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("dataset: schema %s: %w", file, err)
		}
		c.files[file] = b
		v, err := validator.UnmarshalJSON(bytes.NewReader(b))
		if err != nil {
			return nil, fmt.Errorf("dataset: schema %s: %w", file, err)
		}
		if err := comp.AddResource(SchemaID(name), v); err != nil {
			return nil, fmt.Errorf("dataset: schema %s: %w", file, err)
		}
	}
	for _, t := range Tables {
		s, err := comp.Compile(SchemaID(t))
		if err != nil {
			return nil, fmt.Errorf("dataset: compile schema %s: %w", SchemaFile(t), err)
		}
		c.tables[t] = newRecordSchema(s)
	}
	for _, b := range []struct {
		to        **recordSchema
		name, ref string
	}{{&c.book, schemaBook, ""}, {&c.bookDoc, schemaBookDocument, ""}, {&c.bookTerm, schemaBook, "#/$defs/GlossaryEntry"}} {
		s, err := comp.Compile(SchemaID(b.name) + b.ref)
		if err != nil {
			return nil, fmt.Errorf("dataset: compile schema %s: %w", SchemaFile(b.name), err)
		}
		*b.to = newRecordSchema(s)
	}
	return c, nil
}

var printer = message.NewPrinter(language.English)

// validate checks one decoded JSON value against s and returns the
// reasons it fails, most specific first, as one line.
func validate(s *validator.Schema, v any) error {
	err := s.Validate(v)
	if err == nil {
		return nil
	}
	ve, ok := err.(*validator.ValidationError)
	if !ok {
		return err
	}
	var reasons []string
	var walk func(e *validator.ValidationError)
	walk = func(e *validator.ValidationError) {
		if len(e.Causes) == 0 {
			loc := "/" + strings.Join(e.InstanceLocation, "/")
			reasons = append(reasons, fmt.Sprintf("schema: at %s: %s", loc, e.ErrorKind.LocalizedString(printer)))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return fmt.Errorf("%s", strings.Join(reasons, "; "))
}
