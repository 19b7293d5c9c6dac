package dataset

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// chunk is one document's records, each encoded as a JSON line and
// validated, plus what the glossary needs to resolve references into it.
type chunk struct {
	doc       Document
	docLine   []byte
	paras     []Paragraph
	paraLines [][]byte
	sents     []Sentence
	sentLines [][]byte
	bookLine  []byte // the document's line of book.jsonl

	terms    termUse      // the largest glossary index its abbreviations use
	mentions []docMention // the sentences that mention a term, in reading order
}

// encodeDocument builds, checks and encodes the records of document i.
// It reports the first problem in reading order as an *Error. The terms its
// abbreviations index are not checked against the glossary, which is
// complete only at the end of the book: ch.terms says which it uses.
func (c *compiled) encodeDocument(docWidth, i int, d *doc.Document) (ch *chunk, err error) {
	id := docID(docWidth, i)
	defer func() {
		// The model's own accessors panic on a malformed tree (an unknown
		// or nil block); report that as this document's error.
		if r := recover(); r != nil {
			ch, err = nil, recordErr(TableDocuments, id, "malformed model: %v", r)
		}
	}()
	leaves := d.Leaves()
	ch = &chunk{
		paras: make([]Paragraph, 0, len(leaves)),
	}
	var text strings.Builder
	size := 0
	for _, l := range leaves {
		size += len(doc.LeafSeparator) + len(l.Text)
	}
	text.Grow(size)
	runePos, words := 0, 0
	paraWidth := width(len(leaves))
	for li, l := range leaves {
		pid := fmt.Sprintf("%s-p%0*d", id, paraWidth, li+1)
		if li > 0 {
			text.WriteString(doc.LeafSeparator)
			runePos += utf8.RuneCountInString(doc.LeafSeparator)
		}
		n := utf8.RuneCountInString(l.Text)
		if l.Start != runePos || l.End != runePos+n {
			return nil, recordErr(TableParagraphs, pid, "char_start %d, char_end %d do not span the paragraph's text in the document (%d, %d)", l.Start, l.End, runePos, runePos+n)
		}
		byteStart := text.Len()
		text.WriteString(l.Text)
		runePos += n
		ss := l.Sentences()
		p := Paragraph{ID: pid, DocumentID: id, Index: li, Kind: string(l.Kind), Text: l.Text,
			CharStart: l.Start, CharEnd: l.End, ByteStart: byteStart, ByteEnd: text.Len(), SentenceCount: len(ss)}
		if l.Kind == doc.KindCode {
			if len(ss) > 0 {
				return nil, recordErr(TableParagraphs, pid, "code has %d sentences, want none", len(ss))
			}
			p.WordCount = len(strings.Fields(l.Text))
		}
		sw := width(len(ss))
		abbrs, err := leafAbbrs(l)
		if err != nil {
			return nil, recordErr(TableMentions, pid, "abbreviations: %v", err)
		}
		for _, a := range abbrs {
			if a.term < 0 {
				continue // bookDocument reports it
			}
			if len(ss) == 0 {
				return nil, recordErr(TableMentions, pid, "abbreviation %q in a paragraph without sentences", a.text)
			}
			si := sentenceAt(ss, a.pos)
			ch.mentions = append(ch.mentions, docMention{term: a.term, sent: len(ch.sents) + si,
				ref: doc.Ref{Doc: i, Leaf: li, Sentence: si}})
		}
		cur := runeCursor{s: l.Text}
		prevEnd := 0
		for si, s := range ss {
			sid := fmt.Sprintf("%s-s%0*d", pid, sw, si+1)
			var why string
			switch {
			case s.Start < 0:
				why = fmt.Sprintf("char_start %d < 0", s.Start)
			case s.End > n:
				why = fmt.Sprintf("char_end %d > paragraph length %d", s.End, n)
			case s.End <= s.Start:
				why = fmt.Sprintf("char_end %d <= char_start %d: empty sentence", s.End, s.Start)
			case s.Start < prevEnd:
				why = fmt.Sprintf("char_start %d < char_end %d of the previous sentence: sentences overlap", s.Start, prevEnd)
			case s.Words < 0:
				why = fmt.Sprintf("word_count %d < 0", s.Words)
			}
			if why != "" {
				return nil, recordErr(TableSentences, sid, "%s", why)
			}
			bs, be := cur.byteAt(s.Start), cur.byteAt(s.End)
			st := l.Text[bs:be]
			if strings.TrimFunc(st, unicode.IsSpace) != st {
				return nil, recordErr(TableSentences, sid, "text %q starts or ends with white space", st)
			}
			ch.sents = append(ch.sents, Sentence{ID: sid, DocumentID: id, ParagraphID: pid, Index: si,
				Text: st, CharStart: s.Start, CharEnd: s.End, ByteStart: bs, ByteEnd: be, WordCount: s.Words})
			p.WordCount += s.Words
			prevEnd = s.End
		}
		words += p.WordCount
		ch.paras = append(ch.paras, p)
	}
	ch.doc = Document{ID: id, Index: i, Source: d.Source, Title: d.Title, SHA256: d.SHA256,
		Encoding: d.Encoding, Format: d.Format, Text: text.String(), CharCount: runePos,
		WordCount: words, ParagraphCount: len(ch.paras), SentenceCount: len(ch.sents)}
	if err := ch.check(); err != nil {
		return nil, err
	}
	if ch.docLine, err = c.appendRecord(make([]byte, 0, len(ch.doc.Text)+len(ch.doc.Text)/16+512), c.tables[TableDocuments], TableDocuments, id, ch.doc); err != nil {
		return nil, err
	}
	// One buffer per table, sized for the text and its escapes: the lines
	// are slices of it.
	ch.paraLines = make([][]byte, len(ch.paras))
	buf := make([]byte, 0, len(ch.doc.Text)+len(ch.doc.Text)/16+256*len(ch.paras))
	for j, p := range ch.paras {
		start := len(buf)
		if buf, err = c.appendRecord(buf, c.tables[TableParagraphs], TableParagraphs, p.ID, p); err != nil {
			return nil, err
		}
		ch.paraLines[j] = buf[start:len(buf):len(buf)]
	}
	ch.sentLines = make([][]byte, len(ch.sents))
	buf = make([]byte, 0, len(ch.doc.Text)+len(ch.doc.Text)/16+256*len(ch.sents))
	for j, s := range ch.sents {
		start := len(buf)
		if buf, err = c.appendRecord(buf, c.tables[TableSentences], TableSentences, s.ID, s); err != nil {
			return nil, err
		}
		ch.sentLines[j] = buf[start:len(buf):len(buf)]
	}
	bd, use, err := bookDocument(id, d)
	if err != nil {
		return nil, recordErr("book", id, "%v", err)
	}
	line, err := c.appendRecord(make([]byte, 0, 2*len(ch.doc.Text)+256*len(ch.paras)), c.bookDoc, "book", id, bd)
	if err != nil {
		return nil, err
	}
	ch.bookLine = line
	ch.terms = use
	ch.mentions = sortMentions(ch.mentions)
	return ch, nil
}

// recordErr is the *Error of the record id of table.
func recordErr(table, id, format string, args ...any) error {
	return &Error{Table: table, ID: id, Reason: fmt.Sprintf(format, args...)}
}

// check verifies, over the records alone, what a schema cannot say: every
// foreign key resolves within the document, every offset pair reproduces
// its text, and the counts agree across the three tables.
func (ch *chunk) check() error {
	d := &ch.doc
	if n := utf8.RuneCountInString(d.Text); d.CharCount != n {
		return recordErr(TableDocuments, d.ID, "char_count %d, text has %d code points", d.CharCount, n)
	}
	if d.ParagraphCount != len(ch.paras) || d.SentenceCount != len(ch.sents) {
		return recordErr(TableDocuments, d.ID, "paragraph_count %d and sentence_count %d, but %d paragraphs and %d sentences", d.ParagraphCount, d.SentenceCount, len(ch.paras), len(ch.sents))
	}
	docCur := runeCursor{s: d.Text}
	words, si := 0, 0
	for _, p := range ch.paras {
		if p.DocumentID != d.ID {
			return recordErr(TableParagraphs, p.ID, "document_id %s, want %s", p.DocumentID, d.ID)
		}
		if p.CharStart < 0 || p.CharEnd < p.CharStart || p.CharEnd > d.CharCount {
			return recordErr(TableParagraphs, p.ID, "char_start %d, char_end %d do not give its text in %s", p.CharStart, p.CharEnd, d.ID)
		}
		bs, be := docCur.byteAt(p.CharStart), docCur.byteAt(p.CharEnd)
		if d.Text[bs:be] != p.Text {
			return recordErr(TableParagraphs, p.ID, "char_start %d, char_end %d do not give its text in %s", p.CharStart, p.CharEnd, d.ID)
		}
		if p.ByteStart != bs || p.ByteEnd != be {
			return recordErr(TableParagraphs, p.ID, "byte_start %d, byte_end %d do not give its text in %s", p.ByteStart, p.ByteEnd, d.ID)
		}
		pn := utf8.RuneCountInString(p.Text)
		pCur := runeCursor{s: p.Text}
		sents, pwords := 0, 0
		for ; si < len(ch.sents) && ch.sents[si].ParagraphID == p.ID; si++ {
			s := ch.sents[si]
			if s.DocumentID != d.ID {
				return recordErr(TableSentences, s.ID, "document_id %s, but paragraph %s is in %s", s.DocumentID, p.ID, d.ID)
			}
			if s.Index != sents || s.CharStart < 0 || s.CharEnd < s.CharStart || s.CharEnd > pn {
				return recordErr(TableSentences, s.ID, "index %d, char_start %d, char_end %d do not give its text in %s", s.Index, s.CharStart, s.CharEnd, p.ID)
			}
			bs, be := pCur.byteAt(s.CharStart), pCur.byteAt(s.CharEnd)
			if p.Text[bs:be] != s.Text {
				return recordErr(TableSentences, s.ID, "index %d, char_start %d, char_end %d do not give its text in %s", s.Index, s.CharStart, s.CharEnd, p.ID)
			}
			if s.ByteStart != bs || s.ByteEnd != be {
				return recordErr(TableSentences, s.ID, "byte_start %d, byte_end %d do not give its text in %s", s.ByteStart, s.ByteEnd, p.ID)
			}
			sents++
			pwords += s.WordCount
		}
		if p.SentenceCount != sents {
			return recordErr(TableParagraphs, p.ID, "sentence_count %d, but %d sentences", p.SentenceCount, sents)
		}
		if p.Kind != string(doc.KindCode) && p.WordCount != pwords {
			return recordErr(TableParagraphs, p.ID, "word_count %d, but its sentences have %d words", p.WordCount, pwords)
		}
		words += p.WordCount
	}
	if si != len(ch.sents) {
		s := ch.sents[si]
		return recordErr(TableSentences, s.ID, "paragraph_id %s does not resolve to a paragraph of %s in order", s.ParagraphID, d.ID)
	}
	if d.WordCount != words {
		return recordErr(TableDocuments, d.ID, "word_count %d, but its paragraphs have %d words", d.WordCount, words)
	}
	return nil
}

// runeCursor maps code-point offsets of s to byte offsets, moving forward
// from the last offset asked for, so that a run of increasing offsets costs
// one pass over s.
type runeCursor struct {
	s     string
	runes int
	bytes int
}

// byteAt returns the byte offset of code point r of s; r must be at most
// the number of code points of s.
func (c *runeCursor) byteAt(r int) int {
	if r < c.runes {
		c.runes, c.bytes = 0, 0
	}
	for c.runes < r {
		_, size := utf8.DecodeRuneInString(c.s[c.bytes:])
		c.bytes += size
		c.runes++
	}
	return c.bytes
}
