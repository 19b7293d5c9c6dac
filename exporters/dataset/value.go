package dataset

import (
	"strconv"
	"unicode/utf8"
)

// This file owns the fast path of record encoding: the flat table rows
// append their JSON line by hand rather than through reflection. It must
// stay exactly what encoding/json gives: TestRecordFastPath and
// FuzzAppendString compare them on every record of the fixture and of a
// generated corpus.

// appender is a record that writes its JSON itself.
type appender interface {
	// appendJSON appends the record as encoding/json marshals it with
	// HTML escaping off, without a newline.
	appendJSON(dst []byte) []byte
}

// appendString appends s as a JSON string exactly as encoding/json does
// with HTML escaping off: '"', '\\' and control characters escaped,
// invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped, the rest as is.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		// Plain ASCII eight bytes at a time, then plain ASCII bytes and
		// two-byte sequences (the Turkish letters) without decoding them,
		// up to the next byte that needs a look.
		for i+8 <= len(s) {
			if w := string8(s[i:]); w&highBits != 0 || !plainWord(w) {
				break
			}
			i += 8
		}
		for i < len(s) {
			if b := s[i]; b < utf8.RuneSelf && plain[b] {
				i++
			} else if b >= 0xC2 && b <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
				i += 2
			} else {
				break
			}
		}
		if i >= len(s) {
			break
		}
		if b := s[i]; b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendKey appends ,"key": (or {"key": for the first field).
func appendKey(dst []byte, first bool, key string) []byte {
	if first {
		dst = append(dst, '{')
	} else {
		dst = append(dst, ',')
	}
	dst = append(dst, '"')
	dst = append(dst, key...)
	return append(dst, '"', ':')
}

func appendStringField(dst []byte, first bool, key, v string) []byte {
	return appendString(appendKey(dst, first, key), v)
}

func appendIntField(dst []byte, key string, v int) []byte {
	return strconv.AppendInt(appendKey(dst, false, key), int64(v), 10)
}

func (d Document) appendJSON(dst []byte) []byte {
	dst = appendStringField(dst, true, "id", d.ID)
	dst = appendIntField(dst, "index", d.Index)
	dst = appendStringField(dst, false, "source", d.Source)
	dst = appendStringField(dst, false, "title", d.Title)
	dst = appendStringField(dst, false, "sha256", d.SHA256)
	dst = appendStringField(dst, false, "encoding", d.Encoding)
	dst = appendStringField(dst, false, "format", d.Format)
	dst = appendStringField(dst, false, "text", d.Text)
	dst = appendIntField(dst, "char_count", d.CharCount)
	dst = appendIntField(dst, "word_count", d.WordCount)
	dst = appendIntField(dst, "paragraph_count", d.ParagraphCount)
	dst = appendIntField(dst, "sentence_count", d.SentenceCount)
	return append(dst, '}')
}

func (p Paragraph) appendJSON(dst []byte) []byte {
	dst = appendStringField(dst, true, "id", p.ID)
	dst = appendStringField(dst, false, "document_id", p.DocumentID)
	dst = appendIntField(dst, "index", p.Index)
	dst = appendStringField(dst, false, "kind", p.Kind)
	dst = appendStringField(dst, false, "text", p.Text)
	dst = appendIntField(dst, "char_start", p.CharStart)
	dst = appendIntField(dst, "char_end", p.CharEnd)
	dst = appendIntField(dst, "byte_start", p.ByteStart)
	dst = appendIntField(dst, "byte_end", p.ByteEnd)
	dst = appendIntField(dst, "sentence_count", p.SentenceCount)
	dst = appendIntField(dst, "word_count", p.WordCount)
	dst = appendNullString(dst, "anchor", p.Anchor)
	dst = appendNullString(dst, "list_marker", p.ListMarker)
	dst = appendNullString(dst, "list_style", p.ListStyle)
	dst = appendNullString(dst, "task", p.Task)
	dst = appendKey(dst, false, "note_number")
	if p.NoteNumber == nil {
		dst = append(dst, "null"...)
	} else {
		dst = strconv.AppendInt(dst, int64(*p.NoteNumber), 10)
	}
	dst = appendNullString(dst, "note_ref_sentence_id", p.NoteRefSentenceID)
	dst = appendNullString(dst, "lang", p.Lang)
	return append(dst, '}')
}

func (m Mention) appendJSON(dst []byte) []byte {
	dst = appendStringField(dst, true, "term_id", m.TermID)
	dst = appendStringField(dst, false, "sentence_id", m.SentenceID)
	dst = appendStringField(dst, false, "document_id", m.DocumentID)
	return append(dst, '}')
}

// appendNullString appends ,"key": and v, or null when v is nil.
func appendNullString(dst []byte, key string, v *string) []byte {
	dst = appendKey(dst, false, key)
	if v == nil {
		return append(dst, "null"...)
	}
	return appendString(dst, *v)
}

func (s Sentence) appendJSON(dst []byte) []byte {
	dst = appendStringField(dst, true, "id", s.ID)
	dst = appendStringField(dst, false, "document_id", s.DocumentID)
	dst = appendStringField(dst, false, "paragraph_id", s.ParagraphID)
	dst = appendIntField(dst, "index", s.Index)
	dst = appendStringField(dst, false, "text", s.Text)
	dst = appendIntField(dst, "char_start", s.CharStart)
	dst = appendIntField(dst, "char_end", s.CharEnd)
	dst = appendIntField(dst, "byte_start", s.ByteStart)
	dst = appendIntField(dst, "byte_end", s.ByteEnd)
	dst = appendIntField(dst, "word_count", s.WordCount)
	return append(dst, '}')
}

// The book's documents append their JSON by hand too: encoding/json's
// reflection over the block tree was a twentieth of a dataset build. The
// omitzero fields are left out when nil; a nil slice without omitzero is
// null, as encoding/json writes it.

func (d BookDocument) appendJSON(dst []byte) []byte {
	dst = appendStringField(dst, true, "id", d.ID)
	dst = appendStringField(dst, false, "name", d.Name)
	dst = appendIntField(dst, "index", d.Index)
	dst = appendStringField(dst, false, "source", d.Source)
	dst = appendStringField(dst, false, "sha256", d.SHA256)
	dst = appendStringField(dst, false, "encoding", d.Encoding)
	dst = appendStringField(dst, false, "format", d.Format)
	dst = appendStringField(dst, false, "title", d.Title)
	dst = appendBlocks(appendKey(dst, false, "blocks"), d.Blocks)
	dst = appendOptString(dst, "subtitle", d.Subtitle)
	if d.Authors != nil {
		dst = appendStrings(appendKey(dst, false, "authors"), d.Authors)
	}
	dst = appendOptString(dst, "date", d.Date)
	dst = appendOptString(dst, "abstract", d.Abstract)
	dst = appendOptString(dst, "lang", d.Lang)
	dst = appendOptString(dst, "part", d.Part)
	if d.Depth != nil {
		dst = appendIntField(dst, "depth", *d.Depth)
	}
	if d.Notes != nil {
		dst = append(appendKey(dst, false, "notes"), '[')
		for i, n := range d.Notes {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendStringField(dst, true, "id", n.ID)
			dst = appendIntField(dst, "number", n.Number)
			dst = n.Pos.appendJSON(appendKey(dst, false, "pos"))
			dst = append(appendBlocks(appendKey(dst, false, "blocks"), n.Blocks), '}')
		}
		dst = append(dst, ']')
	}
	return append(dst, '}')
}

// appendOptString appends ,"key":"v" when v is not nil.
func appendOptString(dst []byte, key string, v *string) []byte {
	if v == nil {
		return dst
	}
	return appendStringField(dst, false, key, *v)
}

// appendStrings appends a list of strings; nil is null.
func appendStrings(dst []byte, ss []string) []byte {
	if ss == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, x := range ss {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, x)
	}
	return append(dst, ']')
}

func (a *Attr) appendJSON(dst []byte) []byte {
	dst = appendStringField(dst, true, "id", a.ID)
	dst = appendStrings(appendKey(dst, false, "classes"), a.Classes)
	dst = appendKey(dst, false, "pairs")
	if a.Pairs == nil {
		dst = append(dst, "null"...)
	} else {
		dst = append(dst, '[')
		for i, kv := range a.Pairs {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendStringField(dst, true, "key", kv.Key)
			dst = append(appendStringField(dst, false, "value", kv.Value), '}')
		}
		dst = append(dst, ']')
	}
	return append(dst, '}')
}

func (im *ImageRef) appendJSON(dst []byte) []byte {
	dst = appendStringField(dst, true, "path", im.Path)
	dst = appendStringField(dst, false, "media_path", im.MediaPath)
	dst = appendStringField(dst, false, "media_type", im.MediaType)
	dst = appendIntField(dst, "width", im.Width)
	dst = appendIntField(dst, "height", im.Height)
	dst = appendStringField(dst, false, "sha256", im.SHA256)
	return append(dst, '}')
}

// appendCells appends a row of table cells; nil is null.
func appendCells(dst []byte, cells []TableCell) []byte {
	if cells == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i := range cells {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(appendInlines(appendKey(dst, true, "inlines"), cells[i].Inlines), '}')
	}
	return append(dst, ']')
}

func appendBlocks(dst []byte, bs []Block) []byte {
	if bs == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i := range bs {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = bs[i].appendJSON(dst)
	}
	return append(dst, ']')
}

func (p Position) appendJSON(dst []byte) []byte {
	dst = strconv.AppendInt(appendKey(dst, true, "line"), int64(p.Line), 10)
	return append(appendIntField(dst, "col", p.Col), '}')
}

func (b *Block) appendJSON(dst []byte) []byte {
	dst = appendStringField(dst, true, "type", b.Type)
	dst = b.Pos.appendJSON(appendKey(dst, false, "pos"))
	if b.Level != nil {
		dst = appendIntField(dst, "level", *b.Level)
	}
	if b.Inlines != nil {
		dst = appendInlines(appendKey(dst, false, "inlines"), b.Inlines)
	}
	if b.Sentences != nil {
		dst = append(appendKey(dst, false, "sentences"), '[')
		for i, s := range b.Sentences {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = strconv.AppendInt(appendKey(dst, true, "start"), int64(s.Start), 10)
			dst = append(appendIntField(appendIntField(dst, "end", s.End), "words", s.Words), '}')
		}
		dst = append(dst, ']')
	}
	if b.Info != nil {
		dst = appendStringField(dst, false, "info", *b.Info)
	}
	if b.Text != nil {
		dst = appendStringField(dst, false, "text", *b.Text)
	}
	if b.Blocks != nil {
		dst = appendBlocks(appendKey(dst, false, "blocks"), b.Blocks)
	}
	if b.Ordered != nil {
		dst = strconv.AppendBool(appendKey(dst, false, "ordered"), *b.Ordered)
	}
	if b.Start != nil {
		dst = appendIntField(dst, "start", *b.Start)
	}
	if b.Items != nil {
		dst = append(appendKey(dst, false, "items"), '[')
		for i, it := range b.Items {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = it.Pos.appendJSON(appendKey(dst, true, "pos"))
			dst = appendBlocks(appendKey(dst, false, "blocks"), it.Blocks)
			dst = append(appendOptString(dst, "task", it.Task), '}')
		}
		dst = append(dst, ']')
	}
	if b.Attr != nil {
		dst = b.Attr.appendJSON(appendKey(dst, false, "attr"))
	}
	dst = appendOptString(dst, "style", b.Style)
	dst = appendOptString(dst, "delim", b.Delim)
	if b.Number != nil {
		dst = appendIntField(dst, "number", *b.Number)
	}
	if b.Caption != nil {
		dst = appendInlines(appendKey(dst, false, "caption"), b.Caption)
	}
	if b.Align != nil {
		dst = appendStrings(appendKey(dst, false, "align"), b.Align)
	}
	if b.Head != nil {
		dst = appendCells(appendKey(dst, false, "head"), b.Head)
	}
	if b.Rows != nil {
		dst = append(appendKey(dst, false, "rows"), '[')
		for i, row := range b.Rows {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendCells(dst, row)
		}
		dst = append(dst, ']')
	}
	if b.Image != nil {
		dst = b.Image.appendJSON(appendKey(dst, false, "image"))
	}
	dst = appendOptString(dst, "alt", b.Alt)
	dst = appendOptString(dst, "image_title", b.ImageTitle)
	if b.Definitions != nil {
		dst = append(appendKey(dst, false, "definitions"), '[')
		for i := range b.Definitions {
			d := &b.Definitions[i]
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = d.Pos.appendJSON(appendKey(dst, true, "pos"))
			dst = d.Term.appendJSON(appendKey(dst, false, "term"))
			dst = appendKey(dst, false, "definitions")
			if d.Definitions == nil {
				dst = append(dst, "null"...)
			} else {
				dst = append(dst, '[')
				for j, def := range d.Definitions {
					if j > 0 {
						dst = append(dst, ',')
					}
					dst = appendBlocks(dst, def)
				}
				dst = append(dst, ']')
			}
			dst = append(dst, '}')
		}
		dst = append(dst, ']')
	}
	dst = appendOptString(dst, "kind", b.Kind)
	if b.Title != nil {
		dst = appendInlines(appendKey(dst, false, "title"), b.Title)
	}
	return append(dst, '}')
}

func appendInlines(dst []byte, ins []Inline) []byte {
	if ins == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i := range ins {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = ins[i].appendJSON(dst)
	}
	return append(dst, ']')
}

func (in *Inline) appendJSON(dst []byte) []byte {
	dst = appendStringField(dst, true, "type", in.Type)
	if in.Value != nil {
		dst = appendStringField(dst, false, "value", *in.Value)
	}
	if in.Inlines != nil {
		dst = appendInlines(appendKey(dst, false, "inlines"), in.Inlines)
	}
	if in.URL != nil {
		dst = appendStringField(dst, false, "url", *in.URL)
	}
	if in.Term != nil {
		dst = appendIntField(dst, "term", *in.Term)
	}
	dst = appendOptString(dst, "title", in.Title)
	if in.Attr != nil {
		dst = in.Attr.appendJSON(appendKey(dst, false, "attr"))
	}
	dst = appendOptString(dst, "target_doc", in.TargetDoc)
	dst = appendOptString(dst, "fragment", in.Fragment)
	if in.Image != nil {
		dst = in.Image.appendJSON(appendKey(dst, false, "image"))
	}
	dst = appendOptString(dst, "alt", in.Alt)
	if in.Note != nil {
		dst = appendIntField(dst, "note", *in.Note)
	}
	dst = appendOptString(dst, "target", in.Target)
	dst = appendOptString(dst, "ref_kind", in.RefKind)
	dst = appendOptString(dst, "label", in.Label)
	dst = appendOptString(dst, "number", in.Number)
	dst = appendOptString(dst, "suffix", in.Suffix)
	if in.Display != nil {
		dst = strconv.AppendBool(appendKey(dst, false, "display"), *in.Display)
	}
	return append(dst, '}')
}
