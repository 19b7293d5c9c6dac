// Package schema holds the committed JSON Schema files of seedpress's
// dataset (generated from the record types of exporters/dataset by `make
// schema`), embedded so that a seedpress binary validates and publishes
// exactly these files wherever it runs.
package schema

import "embed"

// FS holds the *.schema.json files of this folder.
//
//go:embed *.schema.json
var FS embed.FS
