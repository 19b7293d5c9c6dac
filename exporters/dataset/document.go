package dataset

import (
	"fmt"
	"slices"
	"strconv"
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

	tables      []Table
	tableLines  [][]byte
	figures     []Figure
	figureLines [][]byte
	// links are the document's links, their target_document_id not yet
	// set: linkTargets[i] names the model's document links[i] points
	// into ("" for an external link), which may come later in the book.
	links       []Link
	linkTargets []string
	images      []*doc.Image // to copy into media/, each SHA-256 once
	name        string       // the model's id of the document (doc.Document.ID)

	leafSentences []int        // sentences per leaf
	terms         termUse      // the largest glossary index its abbreviations use
	mentions      []docMention // the sentences that mention a term, in reading order
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
	sentences := 0
	for _, l := range leaves {
		sentences += len(l.Sentences())
	}
	ch = &chunk{
		paras:         make([]Paragraph, 0, len(leaves)),
		sents:         make([]Sentence, 0, sentences),
		leafSentences: make([]int, len(leaves)),
		name:          d.ID,
	}
	el, err := collectElements(d, leaves)
	if err != nil {
		return nil, recordErr(TableDocuments, id, "%v", err)
	}
	var text strings.Builder
	size := 0
	for _, l := range leaves {
		size += len(doc.LeafSeparator) + len(l.Text)
	}
	text.Grow(size)
	runePos, words := 0, 0
	paraWidth := width(len(leaves))
	// sentenceID is the id of sentence si of leaf li.
	sentenceID := func(li, si int) *string {
		sid := childID(childID(id, 'p', li+1, paraWidth), 's', si+1, width(len(leaves[li].Sentences())))
		return &sid
	}
	noteRefs := make(map[*doc.Note]*string, len(el.notes))
	for n, at := range el.notes {
		if at.leaf >= 0 {
			if si := sentenceAtMark(leaves[at.leaf].Sentences(), at.offset); si >= 0 {
				noteRefs[n] = sentenceID(at.leaf, si)
			}
		}
	}
	for li, l := range leaves {
		pid := childID(id, 'p', li+1, paraWidth)
		if li > 0 {
			text.WriteString(doc.LeafSeparator)
			runePos += utf8.RuneCountInString(doc.LeafSeparator)
		}
		n, valid := countRunes(l.Text)
		if l.Start != runePos || l.End != runePos+n {
			return nil, recordErr(TableParagraphs, pid, "char_start %d, char_end %d do not span the paragraph's text in the document (%d, %d)", l.Start, l.End, runePos, runePos+n)
		}
		byteStart := text.Len()
		text.WriteString(l.Text)
		runePos += n
		ss := l.Sentences()
		p := Paragraph{ID: pid, DocumentID: id, Index: li, Kind: string(l.Kind), Text: l.Text,
			CharStart: l.Start, CharEnd: l.End, ByteStart: byteStart, ByteEnd: text.Len(), SentenceCount: len(ss)}
		info := el.info[li]
		p.Anchor, p.Lang = nonEmpty(info.anchor), nonEmpty(info.lang)
		if info.marker != "" {
			p.ListMarker, p.ListStyle = nonEmpty(info.marker), nonEmpty(info.style)
			switch info.task {
			case doc.TaskOpen:
				p.Task = nonEmpty("open")
			case doc.TaskDone:
				p.Task = nonEmpty("done")
			}
		}
		if l.Note != nil {
			number := l.Note.Number
			p.NoteNumber, p.NoteRefSentenceID = &number, noteRefs[l.Note]
		}
		if l.Kind == doc.KindCode {
			if len(ss) > 0 {
				return nil, recordErr(TableParagraphs, pid, "code has %d sentences, want none", len(ss))
			}
			p.WordCount = len(strings.Fields(l.Text))
		}
		sw := width(len(ss))
		if len(info.abbrs) > 0 && info.length != n {
			return nil, recordErr(TableMentions, pid, "abbreviations: its inlines give %d code points of text, the paragraph has %d", info.length, n)
		}
		for _, a := range info.abbrs {
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
		cur := newRuneCursor(l.Text, valid)
		prevEnd := 0
		for si, s := range ss {
			sid := childID(pid, 's', si+1, sw)
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
	if err := ch.elements(c, id, el, leaves, sentenceID); err != nil {
		return nil, err
	}
	if err := ch.check(); err != nil {
		return nil, err
	}
	if ch.docLine, err = appendRecordOf(make([]byte, 0, len(ch.doc.Text)+len(ch.doc.Text)/16+512), c.tables[TableDocuments], TableDocuments, id, ch.doc); err != nil {
		return nil, err
	}
	// One buffer per table, sized for the text and its escapes: the lines
	// are slices of it.
	ch.paraLines = make([][]byte, len(ch.paras))
	buf := make([]byte, 0, len(ch.doc.Text)+len(ch.doc.Text)/16+256*len(ch.paras))
	for j := range ch.paras {
		start := len(buf)
		if buf, err = appendRecordOf(buf, c.tables[TableParagraphs], TableParagraphs, ch.paras[j].ID, &ch.paras[j]); err != nil {
			return nil, err
		}
		ch.paraLines[j] = buf[start:len(buf):len(buf)]
	}
	ch.sentLines = make([][]byte, len(ch.sents))
	buf = make([]byte, 0, len(ch.doc.Text)+len(ch.doc.Text)/16+256*len(ch.sents))
	for j := range ch.sents {
		start := len(buf)
		if buf, err = appendRecordOf(buf, c.tables[TableSentences], TableSentences, ch.sents[j].ID, &ch.sents[j]); err != nil {
			return nil, err
		}
		ch.sentLines[j] = buf[start:len(buf):len(buf)]
	}
	bd, use, err := bookDocument(id, d)
	if err != nil {
		return nil, recordErr("book", id, "%v", err)
	}
	line, err := appendRecordOf(make([]byte, 0, 2*len(ch.doc.Text)+256*len(ch.paras)), c.bookDoc, "book", id, &bd)
	if err != nil {
		return nil, err
	}
	ch.bookLine = line
	ch.terms = use
	ch.mentions = sortMentions(ch.mentions)
	return ch, nil
}

// elements builds the document's tables, figures and links (their target
// documents unresolved) and encodes the tables and figures, and checks
// the images to copy.
func (ch *chunk) elements(c *compiled, id string, el *elements, leaves []doc.Leaf, sentenceID func(li, si int) *string) error {
	for _, im := range el.images {
		if err := checkImage(im); err != nil {
			return recordErr(TableFigures, id, "%v", err)
		}
	}
	ch.images = el.images
	tw := width(len(el.tables))
	for i, t := range el.tables {
		rec := tableRecord(id, i, tw, t)
		if len(rec.Header) != len(rec.Alignments) {
			return recordErr(TableTables, rec.ID, "header has %d cells, but the table has %d columns", len(rec.Header), len(rec.Alignments))
		}
		for j, row := range rec.Rows {
			if len(row) != len(rec.Alignments) {
				return recordErr(TableTables, rec.ID, "row %d has %d cells, but the table has %d columns", j+1, len(row), len(rec.Alignments))
			}
		}
		line, err := c.encode(c.tables[TableTables], TableTables, rec.ID, rec)
		if err != nil {
			return err
		}
		ch.tables, ch.tableLines = append(ch.tables, rec), append(ch.tableLines, line)
	}
	fw := width(len(el.figures))
	for i, f := range el.figures {
		rec, err := figureRecord(id, i, fw, f)
		if err != nil {
			return err
		}
		line, err := c.encode(c.tables[TableFigures], TableFigures, rec.ID, rec)
		if err != nil {
			return err
		}
		ch.figures, ch.figureLines = append(ch.figures, rec), append(ch.figureLines, line)
	}
	lw := width(len(el.links))
	for i, la := range el.links {
		rec := Link{ID: childID(id, 'l', i+1, lw), DocumentID: id, Index: i}
		if la.at.leaf >= 0 {
			if si := sentenceAtStart(leaves[la.at.leaf].Sentences(), la.at.offset); si >= 0 {
				rec.SentenceID = sentenceID(la.at.leaf, si)
			}
		}
		target := ""
		switch n := la.node.(type) {
		case *doc.Link:
			rec.Text, rec.URL, rec.Kind = doc.PlainText(n.Inlines), &n.URL, "external"
			if n.Internal() {
				rec.Kind, rec.TargetAnchor, target = "internal", nonEmpty(n.Fragment), n.TargetDoc
			}
		case *doc.CrossRef:
			rec.Text, rec.Kind, rec.TargetAnchor, target = n.Text(), "cross_reference", nonEmpty(n.Target), n.TargetDoc
			if target == "" {
				return recordErr(TableLinks, rec.ID, "cross-reference to %q names no target document", n.Target)
			}
		}
		ch.links, ch.linkTargets = append(ch.links, rec), append(ch.linkTargets, target)
	}
	return nil
}

// childID returns the id of the n-th child of parent tagged tag: parent,
// '-', tag and n zero-padded to width digits, as fmt.Sprintf("%s-%c%0*d")
// writes it; n is positive.
func childID(parent string, tag byte, n, width int) string {
	var buf [64]byte
	b := append(buf[:0], parent...)
	b = append(b, '-', tag)
	var digits [20]byte
	d := strconv.AppendInt(digits[:0], int64(n), 10)
	for range width - len(d) {
		b = append(b, '0')
	}
	return string(append(b, d...))
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
	n, valid := countRunes(d.Text)
	if d.CharCount != n {
		return recordErr(TableDocuments, d.ID, "char_count %d, text has %d code points", d.CharCount, n)
	}
	if d.ParagraphCount != len(ch.paras) || d.SentenceCount != len(ch.sents) {
		return recordErr(TableDocuments, d.ID, "paragraph_count %d and sentence_count %d, but %d paragraphs and %d sentences", d.ParagraphCount, d.SentenceCount, len(ch.paras), len(ch.sents))
	}
	docCur := newRuneCursor(d.Text, valid)
	words, si := 0, 0
	for i := range ch.paras {
		p := &ch.paras[i]
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
		// p.Text is d.Text[bs:be], which holds the code points from
		// char_start to char_end, and is valid UTF-8 when d.Text is.
		pn := p.CharEnd - p.CharStart
		pCur := newRuneCursor(p.Text, valid)
		sents, pwords := 0, 0
		for ; si < len(ch.sents) && ch.sents[si].ParagraphID == p.ID; si++ {
			s := &ch.sents[si]
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
	// The sentences a footnote's paragraphs and the links name are the
	// document's.
	hasSentence := func(sid *string) bool {
		if sid == nil {
			return true
		}
		_, ok := slices.BinarySearchFunc(ch.sents, *sid, func(s Sentence, id string) int { return strings.Compare(s.ID, id) })
		return ok
	}
	for i := range ch.paras {
		p := &ch.paras[i]
		if !hasSentence(p.NoteRefSentenceID) {
			return recordErr(TableParagraphs, p.ID, "note_ref_sentence_id %s is not a sentence of %s", *p.NoteRefSentenceID, d.ID)
		}
	}
	for _, l := range ch.links {
		if !hasSentence(l.SentenceID) {
			return recordErr(TableLinks, l.ID, "sentence_id %s is not a sentence of %s", *l.SentenceID, d.ID)
		}
	}
	return nil
}
