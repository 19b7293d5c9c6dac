package dataset

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// The mentions table is read from the documents as they stream, not from
// the glossary's Uses, which grow with the book: every Abbr inline of a
// leaf lies in a sentence of that leaf, found from its code-point offset
// in the leaf's plain text. A document's mentions are resolved to sentence
// ids with its own records; the Writer keeps, per term, only counts and
// the mentions of the first document that uses it (where the definition
// stands), and spools the rows to a file of data/ until End, when the
// glossary's size fixes the width of the term ids.

// mentionsSpool is the spool's name in data/; it is removed at End.
const mentionsSpool = ".mentions.spool"

// docMention is one sentence of a document that mentions a term: sent
// indexes the document's sentences (chunk.sents), ref is the sentence as
// the glossary points at it.
type docMention struct {
	term int
	sent int
	ref  doc.Ref
}

// abbrAt is an abbreviation of a leaf at code point pos of its text, as
// collectElements finds it: its walk counts the code points of the
// leaf's inlines as PlainText reads them, and encodeDocument fails when
// they do not end at the length of the leaf's text.
type abbrAt struct {
	pos  int
	term int
	text string
}

// sentenceAt returns the index of the sentence of sents that contains code
// point pos; when none contains it, the last that starts before it, else 0:
// the rule by which the glossary's Refs point at sentences.
func sentenceAt(sents []doc.Sentence, pos int) int {
	i := sort.Search(len(sents), func(i int) bool { return sents[i].Start > pos })
	return max(i-1, 0)
}

// sortMentions sorts a document's mentions in reading order of their
// sentences, and within a sentence in glossary order, each pair once.
func sortMentions(ms []docMention) []docMention {
	slices.SortFunc(ms, func(a, b docMention) int {
		if a.sent != b.sent {
			return a.sent - b.sent
		}
		return a.term - b.term
	})
	return slices.CompactFunc(ms, func(a, b docMention) bool { return a.sent == b.sent && a.term == b.term })
}

// docTerms is the largest glossary index document doc uses.
type docTerms struct {
	doc int
	termUse
}

// termStat is what the Writer keeps of one term's mentions: the number of
// sentences that mention it, and those of the first document that does,
// where its definition stands.
type termStat struct {
	sentences int
	doc       int         // the first document that mentions it
	first     []refSentID // its mentions in that document
}

// refSentID is a sentence as a Ref and as a sentence id.
type refSentID struct {
	ref doc.Ref
	id  string
}

// mentionSpool is the mentions table's rows, term index and sentence id,
// written to a file of data/ as the documents stream and read back at End.
type mentionSpool struct {
	path string
	f    *os.File
	w    *bufio.Writer
	buf  []byte
}

// add appends one row to the spool, creating it on first use.
func (s *mentionSpool) add(term int, sentenceID string) error {
	if s.f == nil {
		f, err := os.Create(s.path)
		if err != nil {
			return fmt.Errorf("dataset: %w", err)
		}
		s.f, s.w = f, bufio.NewWriterSize(f, 64<<10)
	}
	s.buf = binary.AppendUvarint(s.buf[:0], uint64(term))
	s.buf = binary.AppendUvarint(s.buf, uint64(len(sentenceID)))
	s.buf = append(s.buf, sentenceID...)
	if _, err := s.w.Write(s.buf); err != nil {
		return fmt.Errorf("dataset: mentions spool: %w", err)
	}
	return nil
}

// each calls fn with every row of the spool, in the order added.
func (s *mentionSpool) each(fn func(term int, sentenceID string) error) error {
	if s.f == nil {
		return nil
	}
	if err := s.w.Flush(); err != nil {
		return fmt.Errorf("dataset: mentions spool: %w", err)
	}
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return fmt.Errorf("dataset: mentions spool: %w", err)
	}
	r := bufio.NewReaderSize(s.f, 64<<10)
	var id []byte
	for {
		term, err := binary.ReadUvarint(r)
		if errors.Is(err, io.EOF) {
			return nil
		}
		n, err2 := binary.ReadUvarint(r)
		if err == nil {
			err = err2
		}
		if err == nil {
			id = slices.Grow(id[:0], int(n))[:n]
			_, err = io.ReadFull(r, id)
		}
		if err != nil {
			return fmt.Errorf("dataset: mentions spool: %w", err)
		}
		if err := fn(int(term), string(id)); err != nil {
			return err
		}
	}
}

// remove closes and removes the spool.
func (s *mentionSpool) remove() {
	if s.f != nil {
		s.f.Close()
		os.Remove(s.path)
		s.f = nil
	}
}

// addMentions records the mentions of document c, which is written next:
// the counts, the first document's mentions and the spooled rows.
func (w *Writer) addMentions(c *chunk) error {
	for _, m := range c.mentions {
		st := w.termStats[m.term]
		if st == nil {
			st = &termStat{doc: c.doc.Index}
			w.termStats[m.term] = st
		}
		st.sentences++
		sid := c.sents[m.sent].ID
		if st.doc == c.doc.Index {
			st.first = append(st.first, refSentID{m.ref, sid})
		}
		if err := w.mentions.add(m.term, sid); err != nil {
			return err
		}
	}
	return nil
}

// terms writes the glossary g as the terms table, and the spooled
// mentions as the mentions table. Each term's definition must be one of
// the sentences that mention it. g's Uses are not read: the documents'
// abbreviations say which sentences mention a term (the pipeline may leave
// Uses out, see pipeline.Options.OmitUses).
func (w *Writer) terms(g []doc.Term) error {
	tw := width(len(g))
	termID := func(i int) string { return "term-" + pad(i+1, tw) }
	for i, t := range g {
		id := termID(i)
		fail := func(format string, args ...any) error { return recordErr(TableTerms, id, format, args...) }
		st := w.termStats[i]
		if st == nil {
			st = &termStat{doc: -1}
		}
		first := ""
		if t.Defined.Doc == st.doc {
			for _, u := range st.first {
				if u.ref == t.Defined {
					first = u.id
					break
				}
			}
		}
		if first == "" {
			return fail("first_sentence_id: the definition's sentence (document/leaf/sentence %s) does not mention %s", t.Defined, t.Acronym)
		}
		if t.Occurrences < st.sentences {
			return fail("occurrences %d < %d sentences that mention it", t.Occurrences, st.sentences)
		}
		rec := Term{ID: id, Acronym: t.Acronym, Expansion: t.Expansion, FirstSentenceID: first,
			Occurrences: t.Occurrences, SentenceCount: st.sentences}
		if t.ExpansionEN != "" {
			rec.ExpansionEN = &t.ExpansionEN
		}
		line, err := w.c.encode(w.c.tables[TableTerms], TableTerms, id, rec)
		if err != nil {
			return err
		}
		if err := w.tables[TableTerms].write(id, line, rec); err != nil {
			return err
		}
	}
	mt := w.tables[TableMentions]
	var line []byte
	err := w.mentions.each(func(term int, sid string) error {
		m := Mention{TermID: termID(term), SentenceID: sid, DocumentID: sid[:len("doc-")+w.docWidth]}
		mid := sid + "/" + m.TermID
		var err error
		if line, err = w.c.appendRecord(line[:0], w.c.tables[TableMentions], TableMentions, mid, m); err != nil {
			return err
		}
		return mt.write(mid, line, m)
	})
	w.mentions.remove()
	return err
}

// sentenceCount returns the number of sentences that mention term i.
func (w *Writer) sentenceCount(i int) int {
	if st := w.termStats[i]; st != nil {
		return st.sentences
	}
	return 0
}

// pad returns n in decimal, zero-padded to width digits.
func pad(n, width int) string {
	s := strconv.Itoa(n)
	for len(s) < width {
		s = "0" + s
	}
	return s
}
