package dataset

import (
	"encoding/base64"
	"strconv"
	"unicode/utf8"
)

// This file owns the fast path of record validation. The schema validator
// reads a decoded JSON value (map[string]any, []any, string, a number,
// bool or nil); instead of marshalling each record and decoding the bytes
// again, the records below build that value straight from their fields,
// and the flat table rows append their JSON line by hand. Both must stay
// exactly what encoding/json gives: TestRecordFastPath and FuzzAppendString
// compare them on every record of the fixture and of a generated corpus.

// valuer is a record that builds its validator value itself.
type valuer interface {
	// value returns the record as jsonschema.UnmarshalJSON would decode its JSON,
	// with numbers as int rather than json.Number (the validator reads
	// both alike).
	value() any
}

// appender is a record that writes its JSON itself.
type appender interface {
	// appendJSON appends the record as encoding/json marshals it with
	// HTML escaping off, without a newline.
	appendJSON(dst []byte) []byte
}

// jsonString returns s as a JSON string decodes after encoding/json has
// written it: each byte of invalid UTF-8 becomes U+FFFD.
func jsonString(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		out = utf8.AppendRune(out, r)
		i += size
	}
	return string(out)
}

// appendString appends s as a JSON string exactly as encoding/json does
// with HTML escaping off: '"', '\\' and control characters escaped,
// invalid UTF-8 as \ufffd, U+2028 and U+2029 escaped, the rest as is.
func appendString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
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

func (d Document) value() any {
	return map[string]any{
		"id": jsonString(d.ID), "index": d.Index, "source": jsonString(d.Source),
		"title": jsonString(d.Title), "sha256": jsonString(d.SHA256),
		"encoding": jsonString(d.Encoding), "format": jsonString(d.Format),
		"text": jsonString(d.Text), "char_count": d.CharCount, "word_count": d.WordCount,
		"paragraph_count": d.ParagraphCount, "sentence_count": d.SentenceCount,
	}
}

func (p Paragraph) appendJSON(dst []byte) []byte {
	dst = appendStringField(dst, true, "id", p.ID)
	dst = appendStringField(dst, false, "document_id", p.DocumentID)
	dst = appendIntField(dst, "index", p.Index)
	dst = appendStringField(dst, false, "kind", p.Kind)
	dst = appendStringField(dst, false, "text", p.Text)
	dst = appendIntField(dst, "char_start", p.CharStart)
	dst = appendIntField(dst, "char_end", p.CharEnd)
	dst = appendIntField(dst, "sentence_count", p.SentenceCount)
	dst = appendIntField(dst, "word_count", p.WordCount)
	return append(dst, '}')
}

func (p Paragraph) value() any {
	return map[string]any{
		"id": jsonString(p.ID), "document_id": jsonString(p.DocumentID), "index": p.Index,
		"kind": jsonString(p.Kind), "text": jsonString(p.Text), "char_start": p.CharStart,
		"char_end": p.CharEnd, "sentence_count": p.SentenceCount, "word_count": p.WordCount,
	}
}

func (s Sentence) appendJSON(dst []byte) []byte {
	dst = appendStringField(dst, true, "id", s.ID)
	dst = appendStringField(dst, false, "document_id", s.DocumentID)
	dst = appendStringField(dst, false, "paragraph_id", s.ParagraphID)
	dst = appendIntField(dst, "index", s.Index)
	dst = appendStringField(dst, false, "text", s.Text)
	dst = appendIntField(dst, "char_start", s.CharStart)
	dst = appendIntField(dst, "char_end", s.CharEnd)
	dst = appendIntField(dst, "word_count", s.WordCount)
	return append(dst, '}')
}

func (s Sentence) value() any {
	return map[string]any{
		"id": jsonString(s.ID), "document_id": jsonString(s.DocumentID),
		"paragraph_id": jsonString(s.ParagraphID), "index": s.Index, "text": jsonString(s.Text),
		"char_start": s.CharStart, "char_end": s.CharEnd, "word_count": s.WordCount,
	}
}

// The book's document tree is still marshalled by encoding/json (its
// omitzero fields and recursion are not worth a second encoder), but its
// validator value is built directly, which is where the cost was.

// value is the validator value of one element of book.json's
// "documents".
func (d BookDocument) value() any {
	return map[string]any{
		"id": jsonString(d.ID), "name": jsonString(d.Name), "index": d.Index,
		"source": jsonString(d.Source), "sha256": jsonString(d.SHA256),
		"encoding": jsonString(d.Encoding), "format": jsonString(d.Format),
		"title": jsonString(d.Title), "blocks": blocksValue(d.Blocks),
	}
}

func (p Position) value() any { return map[string]any{"line": p.Line, "col": p.Col} }

func blocksValue(bs []Block) any {
	if bs == nil {
		return nil
	}
	out := make([]any, len(bs))
	for i := range bs {
		out[i] = bs[i].value()
	}
	return out
}

// value follows the omitzero tags of Block: a nil pointer or nil slice is
// left out, an empty slice is [].
func (b *Block) value() any {
	m := make(map[string]any, 4)
	m["type"] = jsonString(b.Type)
	m["pos"] = b.Pos.value()
	if b.Level != nil {
		m["level"] = *b.Level
	}
	if b.Inlines != nil {
		m["inlines"] = inlinesValue(b.Inlines)
	}
	if b.Sentences != nil {
		ss := make([]any, len(b.Sentences))
		for i, s := range b.Sentences {
			ss[i] = map[string]any{"start": s.Start, "end": s.End, "words": s.Words}
		}
		m["sentences"] = ss
	}
	if b.Info != nil {
		m["info"] = jsonString(*b.Info)
	}
	if b.Text != nil {
		m["text"] = jsonString(*b.Text)
	}
	if b.Blocks != nil {
		m["blocks"] = blocksValue(b.Blocks)
	}
	if b.Ordered != nil {
		m["ordered"] = *b.Ordered
	}
	if b.Start != nil {
		m["start"] = *b.Start
	}
	if b.Items != nil {
		items := make([]any, len(b.Items))
		for i, it := range b.Items {
			items[i] = map[string]any{"pos": it.Pos.value(), "blocks": blocksValue(it.Blocks)}
		}
		m["items"] = items
	}
	return m
}

func inlinesValue(ins []Inline) any {
	if ins == nil {
		return nil
	}
	out := make([]any, len(ins))
	for i := range ins {
		out[i] = ins[i].value()
	}
	return out
}

// value follows the omitzero tags of Inline.
func (in *Inline) value() any {
	m := make(map[string]any, 2)
	m["type"] = jsonString(in.Type)
	if in.Value != nil {
		m["value"] = jsonString(*in.Value)
	}
	if in.Inlines != nil {
		m["inlines"] = inlinesValue(in.Inlines)
	}
	if in.URL != nil {
		m["url"] = jsonString(*in.URL)
	}
	if in.Term != nil {
		m["term"] = *in.Term
	}
	return m
}

// value is the validator value of book.json; Write validates its skeleton
// (meta and glossary, documents empty) with it.
func (b Book) value() any {
	var docs any
	if b.Documents != nil {
		ds := make([]any, len(b.Documents))
		for i := range b.Documents {
			ds[i] = b.Documents[i].value()
		}
		docs = ds
	}
	var gloss any
	if b.Glossary != nil {
		gs := make([]any, len(b.Glossary))
		for i := range b.Glossary {
			gs[i] = b.Glossary[i].value()
		}
		gloss = gs
	}
	return map[string]any{"meta": b.Meta.value(), "documents": docs, "glossary": gloss}
}

func stringsValue(ss []string) any {
	if ss == nil {
		return nil
	}
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = jsonString(s)
	}
	return out
}

func (m *BookMeta) value() any {
	var cover any
	if c := m.Cover; c != nil {
		var data any
		if c.Data != nil {
			data = base64.StdEncoding.EncodeToString(c.Data)
		}
		cover = map[string]any{"name": jsonString(c.Name), "media_type": jsonString(c.MediaType),
			"width": c.Width, "height": c.Height, "data": data}
	}
	return map[string]any{
		"title": jsonString(m.Title), "subtitle": jsonString(m.Subtitle), "authors": stringsValue(m.Authors),
		"lang": jsonString(m.Lang), "date": jsonString(m.Date), "publisher": jsonString(m.Publisher),
		"rights": jsonString(m.Rights), "description": jsonString(m.Description),
		"subjects": stringsValue(m.Subjects), "identifier": jsonString(m.Identifier),
		"paper_size": jsonString(m.PaperSize), "cover": cover,
	}
}

func (r SentenceRef) value() any {
	return map[string]any{"doc": r.Doc, "leaf": r.Leaf, "sentence": r.Sentence}
}

func (g *GlossaryEntry) value() any {
	var uses any
	if g.Uses != nil {
		us := make([]any, len(g.Uses))
		for i, u := range g.Uses {
			us[i] = u.value()
		}
		uses = us
	}
	return map[string]any{
		"acronym": jsonString(g.Acronym), "expansion": jsonString(g.Expansion),
		"expansion_en": jsonString(g.ExpansionEN), "defined": g.Defined.value(),
		"uses": uses, "occurrences": g.Occurrences,
	}
}

func (t Term) value() any {
	var en any
	if t.ExpansionEN != nil {
		en = jsonString(*t.ExpansionEN)
	}
	return map[string]any{
		"id": jsonString(t.ID), "acronym": jsonString(t.Acronym), "expansion": jsonString(t.Expansion),
		"expansion_en": en, "first_sentence_id": jsonString(t.FirstSentenceID),
		"occurrences": t.Occurrences, "sentence_ids": stringsValue(t.SentenceIDs),
	}
}
