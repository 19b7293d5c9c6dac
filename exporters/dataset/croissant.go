package dataset

import (
	"encoding/json"
	"fmt"
	"net/url"
	"path"
	"reflect"
	"strings"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// CroissantVersion is the MLCommons Croissant version croissant.json
// conforms to.
const CroissantVersion = "http://mlcommons.org/croissant/1.0"

// croissantEncoding is the encoding format Croissant readers (mlcroissant,
// Hugging Face, Kaggle) know Parquet by.
const croissantEncoding = "application/x-parquet"

// croissantContext is the JSON-LD context of Croissant 1.0, in the order
// the specification's tools write it.
var croissantContext = json.RawMessage(`{
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform"
  }`)

// croissant is croissant.json: a schema.org Dataset with Croissant's
// distribution (the Parquet files) and record sets (the tables).
type croissant struct {
	Context       json.RawMessage `json:"@context"`
	Type          string          `json:"@type"`
	ConformsTo    string          `json:"conformsTo"`
	Name          string          `json:"name"`
	Description   string          `json:"description"`
	License       any             `json:"license"` // a licence URL, or a CreativeWork naming the rights
	URL           string          `json:"url"`
	Creator       []crAgent       `json:"creator,omitempty"`
	Publisher     []crAgent       `json:"publisher,omitempty"`
	DatePublished string          `json:"datePublished,omitempty"`
	InLanguage    string          `json:"inLanguage"`
	Keywords      []string        `json:"keywords,omitempty"`
	Distribution  []crFile        `json:"distribution"`
	RecordSet     []crRecordSet   `json:"recordSet"`
}

type crAgent struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type crWork struct {
	Type        string `json:"@type"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// crFile is a FileObject (one file, with its size and SHA-256) or a FileSet
// (the shards of a table, by glob).
type crFile struct {
	Type           string `json:"@type"`
	ID             string `json:"@id"`
	Name           string `json:"name"`
	Description    string `json:"description,omitempty"`
	ContentURL     string `json:"contentUrl,omitempty"`
	ContentSize    string `json:"contentSize,omitempty"`
	EncodingFormat string `json:"encodingFormat"`
	SHA256         string `json:"sha256,omitempty"`
	Includes       string `json:"includes,omitempty"`
}

type crRecordSet struct {
	Type        string    `json:"@type"`
	ID          string    `json:"@id"`
	Name        string    `json:"name"`
	Description string    `json:"description"`
	Key         any       `json:"key"` // a crRef, or a list for a composite key
	Field       []crField `json:"field"`
}

type crField struct {
	Type        string   `json:"@type"`
	ID          string   `json:"@id"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	DataType    string   `json:"dataType"`
	Repeated    bool     `json:"repeated,omitempty"`
	Source      crSource `json:"source"`
	References  *crRef   `json:"references,omitempty"`
}

type crSource struct {
	FileObject *crRef    `json:"fileObject,omitempty"`
	FileSet    *crRef    `json:"fileSet,omitempty"`
	Extract    crExtract `json:"extract"`
}

type crExtract struct {
	Column string `json:"column"`
}

type crRef struct {
	ID string `json:"@id"`
}

// croissantLicense is the dataset's licence for Croissant: the SPDX URL of
// a known licence, else a CreativeWork with the rights statement, or one
// that says the licence is unknown.
func croissantLicense(rights string) any {
	if spdx, _ := licenseID(rights); spdx != "" {
		return "https://spdx.org/licenses/" + spdx + ".html"
	}
	if strings.TrimSpace(rights) == "" {
		return crWork{Type: "sc:CreativeWork", Name: "unknown", Description: "The source of the text gives no rights statement."}
	}
	return crWork{Type: "sc:CreativeWork", Name: rights}
}

// croissantURL is the dataset's url: the book's identifier when it is a
// web address, else the dataset card, README.md, relative to croissant.json.
func croissantURL(identifier string) string {
	if u, err := url.Parse(identifier); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return identifier
	}
	return "README.md"
}

// croissantType is the Croissant data type of a record type's field: a
// string is sc:Text, an integer sc:Integer, a bool sc:Boolean, a float
// sc:Float, a pointer its element's (nullable), a slice its element's,
// repeated (a slice of slices too: Croissant's repeated has one level, so
// the field's description names the second). Any other kind panics: a table with such a column needs a type
// chosen here first.
func croissantType(t reflect.Type) (dataType string, repeated bool) {
	switch t.Kind() {
	case reflect.String:
		return "sc:Text", false
	case reflect.Int, reflect.Int64, reflect.Int32:
		return "sc:Integer", false
	case reflect.Bool:
		return "sc:Boolean", false
	case reflect.Float64, reflect.Float32:
		return "sc:Float", false
	case reflect.Slice:
		dt, _ := croissantType(t.Elem())
		return dt, true
	case reflect.Pointer:
		return croissantType(t.Elem())
	}
	panic(fmt.Sprintf("dataset: no Croissant data type for a column of Go type %s", t))
}

// croissant describes the Parquet files as Croissant 1.0: a FileObject per
// file, with its size and SHA-256; for a sharded table a FileSet of its
// shards by glob; and a RecordSet per table whose fields take their columns
// from the table's file or file set, keyed by id, with the foreign keys as
// references. It reads the sizes and hashes the Parquet writers kept.
func (w *Writer) croissant() *croissant {
	m := w.meta
	lang := doc.PrimaryLang(m.Lang)
	desc := m.Description
	if desc == "" {
		desc = "A dataset of Turkish text published by seedpress: " + strings.Join(Tables, ", ") + "."
	}
	cr := &croissant{Context: croissantContext, Type: "sc:Dataset", ConformsTo: CroissantVersion,
		Name: packageName(m.Identifier, m.Title), Description: desc, License: croissantLicense(m.Rights),
		URL: croissantURL(m.Identifier), DatePublished: m.Date, InLanguage: lang, Keywords: m.Subjects}
	for _, a := range m.Authors {
		cr.Creator = append(cr.Creator, crAgent{Type: "sc:Person", Name: a})
	}
	if m.Publisher != "" {
		cr.Publisher = []crAgent{{Type: "sc:Organization", Name: m.Publisher}}
		if len(cr.Creator) == 0 {
			cr.Creator = cr.Publisher
		}
	}
	refs := map[string]string{} // table.column → referenced field id
	for t, keys := range foreignKeys {
		for _, k := range keys {
			refs[t+"."+k.Fields[0]] = k.Reference.Resource + "/" + k.Reference.Fields[0]
		}
	}
	for _, t := range Tables {
		pq := w.tables[t].pq
		for i, f := range pq.final {
			cr.Distribution = append(cr.Distribution, crFile{Type: "cr:FileObject", ID: f, Name: path.Base(f),
				ContentURL: f, ContentSize: fmt.Sprintf("%d B", pq.sums[i].Bytes), EncodingFormat: croissantEncoding,
				SHA256: pq.sums[i].SHA256})
		}
		src := crSource{FileObject: &crRef{ID: pq.final[0]}}
		if len(pq.final) > 1 {
			id := parquetResource(t)
			cr.Distribution = append(cr.Distribution, crFile{Type: "cr:FileSet", ID: id, Name: id,
				Description:    fmt.Sprintf("The %d Parquet shards of the %s table, in order.", len(pq.final), t),
				EncodingFormat: croissantEncoding, Includes: glob(t, "parquet", pq.final)})
			src = crSource{FileSet: &crRef{ID: id}}
		}
		var key []crRef
		for _, k := range primaryKey(t) {
			key = append(key, crRef{ID: t + "/" + k})
		}
		rs := crRecordSet{Type: "cr:RecordSet", ID: t, Name: t, Description: w.tableDescription(t), Key: key}
		if len(key) == 1 {
			rs.Key = key[0]
		}
		rt := recordTypes[t]
		for _, fd := range w.tableSchema(t).Fields {
			sf, _ := rt.FieldByNameFunc(func(n string) bool {
				f, _ := rt.FieldByName(n)
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				return name == fd.Name
			})
			dt, rep := croissantType(sf.Type)
			s := src
			s.Extract = crExtract{Column: fd.Name}
			desc := fd.Description
			if sf.Type.Kind() == reflect.Slice && sf.Type.Elem().Kind() == reflect.Slice {
				// Croissant's repeated is one level deep; say the second.
				desc += " A list of lists (Parquet LIST of LIST of " + strings.TrimPrefix(dt, "sc:") +
					"): each item of this repeated field is itself a list."
			}
			f := crField{Type: "cr:Field", ID: t + "/" + fd.Name, Name: fd.Name, Description: desc,
				DataType: dt, Repeated: rep, Source: s}
			if r, ok := refs[t+"."+fd.Name]; ok {
				f.References = &crRef{ID: r}
			}
			rs.Field = append(rs.Field, f)
		}
		cr.RecordSet = append(cr.RecordSet, rs)
	}
	return cr
}
