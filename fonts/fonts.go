// Package fonts embeds the typefaces seedpress sets its books in, so that the
// binary alone can publish: Charis SIL (regular, bold, italic, bold italic)
// for text and DejaVu Sans Mono for code.
//
// Every variable holds a complete TrueType (glyf outlines) font file, ready for
// fpdf's AddUTF8FontFromBytes or golang.org/x/image/font/sfnt. The text faces
// cover Turkish fully (ç ğ ı İ ö ş ü, â î û) and its punctuation (“ ” ‘ ’ – — …).
// The data is shared: callers must not modify it.
//
// Charis SIL is under the SIL Open Font License 1.1 (OFL.txt); DejaVu Sans Mono
// is under the Bitstream Vera licence (LICENSE-DejaVu.txt). Both texts must
// travel with any copy of the font files.
package fonts

import _ "embed"

// Family is the name of the text family, as set in Regular, Bold, Italic and
// BoldItalic.
const Family = "Charis SIL"

// MonoFamily is the name of the family of Mono.
const MonoFamily = "DejaVu Sans Mono"

// The text faces of Family.
var (
	//go:embed CharisSIL-Regular.ttf
	Regular []byte
	//go:embed CharisSIL-Bold.ttf
	Bold []byte
	//go:embed CharisSIL-Italic.ttf
	Italic []byte
	//go:embed CharisSIL-BoldItalic.ttf
	BoldItalic []byte
)

// Mono is the monospaced face for code, in MonoFamily.
//
//go:embed DejaVuSansMono.ttf
var Mono []byte
