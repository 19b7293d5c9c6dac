// Package decode turns a seed's raw bytes into text.
//
// It recognises UTF-8 (with or without a byte order mark), UTF-16 with a byte
// order mark, and the two Turkish legacy 8-bit encodings, Windows-1254 and
// ISO-8859-9. It then looks for the two kinds of mojibake that Turkish text
// picks up on its way through other programs, and repairs them with a
// warning.
//
// Positions in diagnostics are line and column (in runes, 1-based) of the
// decoded text. A line ends at "\n", "\r\n" or a lone "\r".
package decode

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// The encoding names Decode returns.
const (
	UTF8        = "utf-8"
	UTF8BOM     = "utf-8-bom"
	UTF16LE     = "utf-16le"
	UTF16BE     = "utf-16be"
	Windows1254 = "windows-1254"
	ISO88599    = "iso-8859-9"
)

// Decode returns the text of raw, the name of the encoding it was read in
// ("utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1254",
// "iso-8859-9") and the problems found. file is the seed's path for
// diagnostics. Text in UTF-8 is raw's own memory, not a copy: raw must
// not be changed once Decode has returned.
//
// Errors (text is then ""): an empty file, a file with NUL bytes that is not
// UTF-16 with a byte order mark, UTF-16 with an odd length or an unpaired
// surrogate, bytes that are neither UTF-8 nor plausible Turkish legacy text,
// and a file with nothing but white space. Warnings: legacy encodings, and
// mojibake that was repaired (or that looks likely but was left alone).
func Decode(file string, raw []byte) (text, encoding string, diags diag.List) {
	whole := doc.Pos{File: file}
	if len(raw) == 0 {
		diags.Errorf(whole, "empty file")
		return "", UTF8, diags
	}
	switch {
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		text, diags = decodeUTF16(file, raw, false)
		encoding = UTF16LE
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		text, diags = decodeUTF16(file, raw, true)
		encoding = UTF16BE
	default:
		if i := bytes.IndexByte(raw, 0); i >= 0 {
			line, col := bytePos(raw, i)
			diags.Errorf(whole, "binary file (NUL byte at line %d col %d)", line, col)
			return "", UTF8, diags
		}
		encoding = UTF8
		if bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) {
			raw = raw[3:]
			encoding = UTF8BOM
		}
		if utf8.Valid(raw) {
			text = unsafe.String(unsafe.SliceData(raw), len(raw)) // raw is not changed: see above
		} else {
			text, encoding, diags = decodeLegacy(file, raw, encoding)
		}
	}
	if diags.HasErrors() {
		return "", encoding, diags
	}
	if strings.TrimSpace(text) == "" {
		diags.Errorf(whole, "no text: the file holds only white space")
		return "", encoding, diags
	}
	if strings.IndexFunc(text, visible) < 0 {
		diags.Errorf(whole, "no text: the file holds only white space and invisible characters")
		return "", encoding, diags
	}
	text = repairDoubleUTF8(file, text, &diags)
	text = repairWindows1252(file, text, &diags)
	return text, encoding, diags
}

// visible reports whether r shows on a page: not white space, not a
// control character, not an invisible format character (zero-width space,
// byte order mark, bidirectional control).
func visible(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.IsControl(r) && !unicode.Is(unicode.Cf, r)
}

// decodeUTF16 decodes raw, which starts with a UTF-16 byte order mark. It
// checks the code units itself first, because the x/text decoder silently
// replaces an unpaired surrogate with U+FFFD, and a seed must not lose a
// character without a word.
func decodeUTF16(file string, raw []byte, bigEndian bool) (string, diag.List) {
	var diags diag.List
	name, endian := UTF16LE, xunicode.LittleEndian
	if bigEndian {
		name, endian = UTF16BE, xunicode.BigEndian
	}
	if len(raw)%2 != 0 {
		diags.Errorf(doc.Pos{File: file}, "%s: odd number of bytes (%d); the last character is cut off", name, len(raw))
		return "", diags
	}
	units := make([]uint16, 0, len(raw)/2-1)
	for i := 2; i < len(raw); i += 2 {
		if bigEndian {
			units = append(units, uint16(raw[i])<<8|uint16(raw[i+1]))
		} else {
			units = append(units, uint16(raw[i+1])<<8|uint16(raw[i]))
		}
	}
	line, col := 1, 1
	for i := 0; i < len(units); i++ {
		u := units[i]
		switch {
		case utf16.IsSurrogate(rune(u)) && u < 0xDC00 && i+1 < len(units) && units[i+1] >= 0xDC00 && units[i+1] <= 0xDFFF:
			i++ // a valid pair
		case utf16.IsSurrogate(rune(u)):
			diags.Errorf(doc.Pos{File: file, Line: line, Col: col}, "%s: unpaired surrogate U+%04X", name, u)
		case u == '\n':
			line, col = line+1, 0
		case u == '\r':
			if i+1 >= len(units) || units[i+1] != '\n' {
				line, col = line+1, 0
			}
		}
		col++
	}
	if diags.HasErrors() {
		return "", diags
	}
	dec := xunicode.UTF16(endian, xunicode.ExpectBOM).NewDecoder()
	out, err := dec.Bytes(raw)
	if err != nil {
		diags.Errorf(doc.Pos{File: file}, "%s: %v", name, err)
		return "", diags
	}
	return string(out), diags
}

// decodeLegacy decodes raw, which is not valid UTF-8, as Windows-1254 or
// ISO-8859-9 when the result looks like Turkish text. The two encodings
// differ only in 0x80–0x9F, where Windows-1254 has typographic punctuation
// (“ ” ‘ ’ – — … €) and ISO-8859-9 has C1 control characters that no text
// uses; so any byte in that range means Windows-1254.
func decodeLegacy(file string, raw []byte, utf8Name string) (string, string, diag.List) {
	var diags diag.List
	// Mostly valid UTF-8 with a few bad bytes is damaged UTF-8, not a
	// legacy encoding: legacy Turkish text almost never forms valid
	// multi-byte UTF-8 sequences, while damaged UTF-8 is full of them.
	multi, bad, firstBad := 0, 0, -1
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			bad++
			if firstBad < 0 {
				firstBad = i
			}
		case size > 1:
			multi++
		}
		i += size
	}
	name, cm := ISO88599, charmap.ISO8859_9
	for _, c := range raw {
		if c >= 0x80 && c <= 0x9F {
			name, cm = Windows1254, charmap.Windows1254
			break
		}
	}
	if multi <= bad && utf8Name == UTF8 {
		if text, ok := decodeCharmap(cm, raw); ok && plausibleTurkish(text) {
			diags.Warnf(doc.Pos{File: file}, "%s is not valid UTF-8; read it as %s (a Turkish legacy encoding); save it as UTF-8 to silence this warning", file, name)
			return text, name, diags
		}
	}
	line, col := bytePos(raw, firstBad)
	diags.Errorf(doc.Pos{File: file, Line: line, Col: col},
		"invalid UTF-8 byte 0x%02X (%d invalid in the file): not valid UTF-8 and not a Turkish legacy encoding", raw[firstBad], bad)
	return "", utf8Name, diags
}

func decodeCharmap(cm *charmap.Charmap, raw []byte) (string, bool) {
	out, err := cm.NewDecoder().Bytes(raw)
	if err != nil {
		return "", false
	}
	return string(out), true
}

// plausibleTurkish reports whether text, decoded from a legacy encoding,
// looks like Turkish prose: no control characters other than white space,
// no undefined bytes, mostly letters, every non-ASCII character a letter or
// common punctuation, and at least one of the letters that only Turkish
// uses (ğ Ğ ı İ ş Ş).
func plausibleTurkish(text string) bool {
	letters, visible, turkish := 0, 0, 0
	for _, r := range text {
		switch {
		case r == utf8.RuneError:
			return false
		case r == '\n' || r == '\r' || r == '\t' || r == '\f':
			continue
		case unicode.IsControl(r):
			return false
		case unicode.IsSpace(r):
			continue
		}
		visible++
		if unicode.IsLetter(r) {
			letters++
		}
		if strings.ContainsRune("ğĞıİşŞ", r) {
			turkish++
		}
		if r >= 0x80 && !unicode.IsLetter(r) && !strings.ContainsRune("“”‘’–—…€«»°§©®·±×÷¿¡¢£¥¦¨ª¬¯²³´µ¶¸¹º¼½¾•‰‹›", r) {
			if r != 0xA0 {
				return false
			}
		}
	}
	return turkish > 0 && letters*2 >= visible
}

// bytePos returns the 1-based line and rune column of byte offset off in
// raw, counting each invalid byte as one column.
func bytePos(raw []byte, off int) (line, col int) {
	line, col = 1, 1
	for i := 0; i < off; {
		r, size := utf8.DecodeRune(raw[i:])
		switch {
		case r == '\n':
			line, col = line+1, 1
		case r == '\r' && (i+1 >= len(raw) || raw[i+1] != '\n'):
			line, col = line+1, 1
		case r == '\r':
			// part of "\r\n": the "\n" ends the line
		default:
			col++
		}
		i += size
	}
	return line, col
}

// position returns the 1-based line and rune column of byte offset off in
// text.
func position(text string, off int) (line, col int) {
	return bytePos([]byte(text[:off]), off)
}

// fmtPairs lists replacements as "Ý→İ, Þ→Ş" in the order of pairs, keeping
// those that were used.
func fmtPairs(pairs [][2]string, used map[string]bool) string {
	var parts []string
	for _, p := range pairs {
		if used[p[0]] {
			parts = append(parts, p[0]+"→"+p[1])
		}
	}
	return strings.Join(parts, ", ")
}

// wordAt widens text[start:end] to the word (letters and apostrophes, and
// with damaged also every character that mojibake is made of) around it.
func wordAt(text string, start, end int, damaged bool) (int, int) {
	isWord := func(r rune) bool {
		if damaged && r >= 0x80 {
			if _, ok := win1252[r]; ok {
				return true
			}
		}
		return unicode.IsLetter(r) || unicode.IsMark(r) || r == '\'' || r == '’'
	}
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:start])
		if !isWord(r) {
			break
		}
		start -= size
	}
	for end < len(text) {
		r, size := utf8.DecodeRuneInString(text[end:])
		if !isWord(r) {
			break
		}
		end += size
	}
	return start, end
}

// win1252 maps the characters of Windows-1252 back to their bytes, for
// undoing a decode as Windows-1252 (or Latin-1) of UTF-8 bytes.
var win1252 = func() map[rune]byte {
	m := make(map[rune]byte, 256)
	for b := 0; b < 256; b++ {
		r := charmap.Windows1252.DecodeByte(byte(b))
		if r != utf8.RuneError {
			m[r] = byte(b)
		}
		if b >= 0x80 && b <= 0x9F {
			m[rune(b)] = byte(b) // C1 controls: the same bytes read as Latin-1
		}
	}
	return m
}()

// doubleUTF8At reports whether text[i:] starts with UTF-8 that was read as
// Windows-1252 and written again as UTF-8 ("Ã§" for "ç", "Ä±" for "ı", "ÅŸ"
// for "ş"). It returns the length in bytes of the damaged sequence and the
// character it stands for.
func doubleUTF8At(text string, i int) (n int, orig rune) {
	var buf [4]byte
	lead, size := utf8.DecodeRuneInString(text[i:])
	b0, ok := win1252[lead]
	// Only the lead bytes that doubly encoded Turkish text produces count:
	// C3 (ç ö ü â î û Ç Ö Ü), C4 (ğ ı İ Ğ), C5 (ş Ş) and E2 (’ “ ” – — …).
	// Others would turn ordinary Turkish into false hits: "Ü’" is DC 92 in
	// Windows-1252, a valid UTF-8 sequence for U+0712.
	if !ok || b0 != 0xC3 && b0 != 0xC4 && b0 != 0xC5 && b0 != 0xE2 {
		return 0, 0
	}
	want := 2
	if b0 >= 0xE0 {
		want = 3
	}
	if b0 >= 0xF0 {
		want = 4
	}
	buf[0] = b0
	j := i + size
	for k := 1; k < want; k++ {
		if j >= len(text) {
			return 0, 0
		}
		r, size := utf8.DecodeRuneInString(text[j:])
		b, ok := win1252[r]
		if !ok || b < 0x80 || b > 0xBF {
			return 0, 0
		}
		buf[k] = b
		j += size
	}
	r, rsize := utf8.DecodeRune(buf[:want])
	if r == utf8.RuneError || rsize != want {
		return 0, 0
	}
	return j - i, r
}

// leadSecond reports whether b is the second UTF-8 byte of Ã, Ä, Å or â,
// the characters that the lead bytes C3, C4, C5 and E2 of doubly encoded
// Turkish text become (see doubleUTF8At).
func leadSecond(b byte) bool { return b == 0x83 || b == 0x84 || b == 0x85 || b == 0xA2 }

// repairDoubleUTF8 finds UTF-8 that was encoded twice. With two or more
// damaged sequences it repairs them all and says so in a warning; a single
// one may be a real "Ã" followed by a symbol, so it is only reported.
func repairDoubleUTF8(file string, text string, diags *diag.List) string {
	type hit struct {
		off, n int
		r      rune
	}
	var hits []hit
	for i := 0; i < len(text); {
		// Every lead character (Â to ô, U+00C2 to U+00F4) is 0xC3 in UTF-8,
		// and the only ones doubleUTF8At accepts are Ã Ä Å â (C3 83, C3 84,
		// C3 85, C3 A2): the search goes from one 0xC3 to the next, and
		// testing the second byte skips the ç ö ü of ordinary Turkish text
		// without decoding them.
		j := strings.IndexByte(text[i:], 0xC3)
		if j < 0 {
			break
		}
		i += j
		if i+1 < len(text) && leadSecond(text[i+1]) {
			if n, r := doubleUTF8At(text, i); n > 0 {
				hits = append(hits, hit{i, n, r})
				i += n
				continue
			}
		}
		i++
	}
	if len(hits) == 0 {
		return text
	}
	first := hits[0]
	line, col := position(text, first.off)
	pos := doc.Pos{File: file, Line: line, Col: col}
	ws, we := wordAt(text, first.off, first.off+first.n, true)
	word := text[ws:we]
	fixed := text[ws:first.off] + string(first.r) + text[first.off+first.n:we]
	if len(hits) == 1 {
		diags.Warnf(pos, "%q may be UTF-8 encoded twice (%q for %q); left as it is", word, text[first.off:first.off+first.n], string(first.r))
		return text
	}
	var b strings.Builder
	b.Grow(len(text))
	last := 0
	seen := map[string]bool{}
	var pairs []string
	for _, h := range hits {
		b.WriteString(text[last:h.off])
		b.WriteRune(h.r)
		last = h.off + h.n
		k := graphic(text[h.off:last]) + "→" + string(h.r)
		if !seen[k] {
			seen[k] = true
			pairs = append(pairs, k)
		}
	}
	b.WriteString(text[last:])
	if len(pairs) > 8 {
		pairs = append(pairs[:8], "…")
	}
	diags.Warnf(pos, "%q looks like UTF-8 encoded twice (read as Windows-1252 and saved as UTF-8), probably %q; repaired %d sequences (%s)",
		word, repairWord(fixed), len(hits), strings.Join(pairs, ", "))
	return b.String()
}

// graphic shows the invisible characters of s (C1 controls that stand for
// Windows-1252's undefined bytes) as \u escapes.
func graphic(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsGraphic(r) {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.String()
}

// repairWord finishes the repair of one word for a message.
func repairWord(w string) string {
	for i := 0; i < len(w); i++ {
		if n, r := doubleUTF8At(w, i); n > 0 {
			w = w[:i] + string(r) + w[i+n:]
		}
	}
	return w
}

// win1254as1252 lists the letters that Windows-1254 text shows when read as
// Windows-1252: the bytes of İ Ş ğ ı ş Ğ, which Windows-1252 has as Ý Þ ð ý
// þ Ð.
var win1254as1252 = [][2]string{
	{"Ý", "İ"}, {"Þ", "Ş"}, {"ð", "ğ"}, {"ý", "ı"}, {"þ", "ş"}, {"Ð", "Ğ"},
}

func misdecoded(r rune) (rune, bool) {
	switch r {
	case 'Ý':
		return 'İ', true
	case 'Þ':
		return 'Ş', true
	case 'ð':
		return 'ğ', true
	case 'ý':
		return 'ı', true
	case 'þ':
		return 'ş', true
	case 'Ð':
		return 'Ğ', true
	}
	return 0, false
}

// repairWindows1252 finds Windows-1254 text that was once read as
// Windows-1252 and saved as UTF-8: Ý Þ ð ý þ Ð inside words where İ Ş ğ ı ş
// Ğ belong. Publishing correct Turkish is the goal, so when there are at
// least two such letters and no genuine İ Ş ğ ı ş Ğ at all (the text went
// through Windows-1252 as a whole), it repairs them and says so; otherwise
// it warns and leaves the text alone.
func repairWindows1252(file string, text string, diags *diag.List) string {
	if countMisdecoded(text) < 2 {
		return text // fewer than two suspects: the common case, found by bytes
	}
	suspects, genuine, firstOff := 0, 0, -1
	used := map[string]bool{}
	prev := rune(-1)
	for i, r := range text {
		if _, ok := misdecoded(r); ok {
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			if unicode.IsLetter(prev) || unicode.IsLetter(next) {
				suspects++
				used[string(r)] = true
				if firstOff < 0 {
					firstOff = i
				}
			}
		}
		if strings.ContainsRune("İŞğışĞ", r) {
			genuine++
		}
		prev = r
	}
	if suspects < 2 {
		return text
	}
	line, col := position(text, firstOff)
	pos := doc.Pos{File: file, Line: line, Col: col}
	_, firstSize := utf8.DecodeRuneInString(text[firstOff:])
	ws, we := wordAt(text, firstOff, firstOff+firstSize, false)
	word := text[ws:we]
	fixed := mapMisdecoded(word)
	if genuine > 0 {
		diags.Warnf(pos, "%q may be Windows-1254 text mis-decoded as Windows-1252 (probably %q); %d such letters, left as they are because the file also has genuine Turkish letters", word, fixed, suspects)
		return text
	}
	diags.Warnf(pos, "%q looks like Windows-1254 text mis-decoded as Windows-1252, probably %q; repaired %d characters (%s)",
		word, fixed, suspects, fmtPairs(win1254as1252, used))
	var b strings.Builder
	b.Grow(len(text))
	prev = -1
	for i, r := range text {
		out := r
		if t, ok := misdecoded(r); ok {
			next, _ := utf8.DecodeRuneInString(text[i+utf8.RuneLen(r):])
			if unicode.IsLetter(prev) || unicode.IsLetter(next) {
				out = t
			}
		}
		b.WriteRune(out)
		prev = r
	}
	return b.String()
}

// countMisdecoded counts the characters of text that misdecoded maps (Ý Þ
// ð ý þ Ð: C3 9D, C3 9E, C3 B0, C3 BD, C3 BE, C3 90 in UTF-8), wherever
// they stand.
func countMisdecoded(text string) int {
	n := 0
	for i := strings.IndexByte(text, 0xC3); i >= 0 && i+1 < len(text); {
		switch text[i+1] {
		case 0x9D, 0x9E, 0xB0, 0xBD, 0xBE, 0x90:
			n++
		}
		j := strings.IndexByte(text[i+2:], 0xC3)
		if j < 0 {
			break
		}
		i += 2 + j
	}
	return n
}

func mapMisdecoded(w string) string {
	return strings.Map(func(r rune) rune {
		if t, ok := misdecoded(r); ok {
			return t
		}
		return r
	}, w)
}
