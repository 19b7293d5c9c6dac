// Package decode turns a seed's raw bytes into text.
package decode

import "github.com/seedpress/seedpress/pipeline/diag"

// Decode returns the text of raw, the name of the encoding it was read in
// ("utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1254",
// "iso-8859-9") and the problems found. file is the seed's path for
// diagnostics. STUB: to be finished.
func Decode(file string, raw []byte) (text, encoding string, diags diag.List) {
	return string(raw), "utf-8", nil
}
