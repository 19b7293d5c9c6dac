package dataset

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSchemaDrift fails when the committed schema/ files differ from the
// ones generated from the record types (run `make schema`, or this test
// with -update, to regenerate them).
func TestSchemaDrift(t *testing.T) {
	gen, err := Schemas()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(testtool.Root(), "schema")
	if *update {
		for name, data := range gen {
			if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	committed, err := filepath.Glob(filepath.Join(dir, "*.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range committed {
		names = append(names, filepath.Base(p))
	}
	var want []string
	for name := range gen {
		want = append(want, name)
	}
	sort.Strings(want)
	if strings.Join(names, " ") != strings.Join(want, " ") {
		t.Errorf("schema/ holds %v, generated %v", names, want)
	}
	for name, data := range gen {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("schema/%s: %v", name, err)
			continue
		}
		if !bytes.Equal(got, data) {
			t.Errorf("schema/%s differs from the schema generated from the record types: run `make schema`", name)
		}
	}
}

// TestSchemaRules checks the rules every table schema follows.
func TestSchemaRules(t *testing.T) {
	gen, err := Schemas()
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range Tables {
		t.Run(table, func(t *testing.T) {
			raw := gen[SchemaFile(table)]
			if bytes.Contains(raw, []byte(`\p{`)) || bytes.Contains(raw, []byte(`\\p{`)) {
				t.Errorf("uses a \\p{…} class, which Python's validator rejects")
			}
			var s struct {
				Schema      string                     `json:"$schema"`
				ID          string                     `json:"$id"`
				Title       string                     `json:"title"`
				Description string                     `json:"description"`
				Type        string                     `json:"type"`
				Additional  *bool                      `json:"additionalProperties"`
				Required    []string                   `json:"required"`
				Properties  map[string]json.RawMessage `json:"properties"`
			}
			if err := json.Unmarshal(raw, &s); err != nil {
				t.Fatal(err)
			}
			if s.Schema != "https://json-schema.org/draft/2020-12/schema" {
				t.Errorf("$schema = %q", s.Schema)
			}
			if s.ID != "https://seedpress.invalid/schema/v2/"+table+".schema.json" {
				t.Errorf("$id = %q", s.ID)
			}
			if s.Title == "" || s.Description == "" {
				t.Errorf("title %q, description %q: want both", s.Title, s.Description)
			}
			if s.Type != "object" || s.Additional == nil || *s.Additional {
				t.Errorf("type %q, additionalProperties %v: want a closed object", s.Type, s.Additional)
			}
			if len(s.Required) != len(s.Properties) {
				t.Errorf("required %v, but %d properties: every key must be required", s.Required, len(s.Properties))
			}
			for name, p := range s.Properties {
				var prop struct {
					Description string   `json:"description"`
					Type        string   `json:"type"`
					Pattern     string   `json:"pattern"`
					Minimum     *float64 `json:"minimum"`
					OneOf       []struct {
						Pattern string `json:"pattern"`
					} `json:"oneOf"`
				}
				if err := json.Unmarshal(p, &prop); err != nil {
					t.Fatal(err)
				}
				if prop.Description == "" {
					t.Errorf("%s: no description (a doc comment is missing)", name)
				}
				if prop.Type == "" && prop.OneOf == nil {
					t.Errorf("%s: no type", name)
				}
				if len(prop.OneOf) > 0 && prop.Pattern == "" {
					prop.Pattern = prop.OneOf[0].Pattern // a nullable column
				}
				if (name == "id" || strings.HasSuffix(name, "_id")) && prop.Pattern == "" {
					t.Errorf("%s: id without a pattern", name)
				}
				if prop.Type == "integer" && (prop.Minimum == nil || *prop.Minimum < 0) {
					t.Errorf("%s: integer without minimum ≥ 0", name)
				}
			}
		})
	}
}
