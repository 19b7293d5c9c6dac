package dataset

import (
	"fmt"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// The terms table is written at End, from the complete glossary: each
// reference of a term resolves to a sentence id through the few numbers
// per document the Writer keeps (see Writer.sentCounts).

// docTerms is the largest glossary index document doc uses.
type docTerms struct {
	doc int
	termUse
}

// sentenceID returns the id of the sentence r points at, or a reason why
// it resolves to none.
func (w *Writer) sentenceID(r doc.Ref) (string, string) {
	if docs := len(w.leafStart) - 1; r.Doc < 0 || r.Doc >= docs {
		return "", fmt.Sprintf("document %d does not exist (%d documents)", r.Doc, docs)
	}
	ls := w.sentCounts[w.leafStart[r.Doc]:w.leafStart[r.Doc+1]]
	if r.Leaf < 0 || r.Leaf >= len(ls) {
		return "", fmt.Sprintf("paragraph %d of %s does not exist (%d paragraphs)", r.Leaf, docID(w.docWidth, r.Doc), len(ls))
	}
	pid := fmt.Sprintf("%s-p%0*d", docID(w.docWidth, r.Doc), width(len(ls)), r.Leaf+1)
	n := int(ls[r.Leaf])
	if r.Sentence < 0 || r.Sentence >= n {
		return "", fmt.Sprintf("sentence %d of %s does not exist (%d sentences)", r.Sentence, pid, n)
	}
	return fmt.Sprintf("%s-s%0*d", pid, width(n), r.Sentence+1), ""
}

func refLess(a, b doc.Ref) bool {
	if a.Doc != b.Doc {
		return a.Doc < b.Doc
	}
	if a.Leaf != b.Leaf {
		return a.Leaf < b.Leaf
	}
	return a.Sentence < b.Sentence
}

// terms writes the glossary g as the terms table, and its uses as the
// mentions table, resolving every reference to a sentence id.
func (w *Writer) terms(g []doc.Term) error {
	tw := width(len(g))
	for i, t := range g {
		id := fmt.Sprintf("term-%0*d", tw, i+1)
		fail := func(format string, args ...any) error { return recordErr(TableTerms, id, format, args...) }
		first, why := w.sentenceID(t.Defined)
		if why != "" {
			return fail("first_sentence_id: %s", why)
		}
		rec := Term{ID: id, Acronym: t.Acronym, Expansion: t.Expansion, FirstSentenceID: first,
			Occurrences: t.Occurrences, SentenceCount: len(t.Uses)}
		if t.ExpansionEN != "" {
			rec.ExpansionEN = &t.ExpansionEN
		}
		defined := false
		for j, u := range t.Uses {
			if j > 0 && !refLess(t.Uses[j-1], u) {
				return fail("mentions: use %d (%s) is not after use %d (%s): uses must be in reading order, each once", j, u, j-1, t.Uses[j-1])
			}
			sid, why := w.sentenceID(u)
			if why != "" {
				return fail("mentions: %s", why)
			}
			defined = defined || u == t.Defined
			m := Mention{TermID: id, SentenceID: sid, DocumentID: docID(w.docWidth, u.Doc)}
			mid := id + "/" + sid
			line, err := w.c.encode(w.c.tables[TableMentions], TableMentions, mid, m)
			if err != nil {
				return err
			}
			if err := w.tables[TableMentions].write(mid, line, m); err != nil {
				return err
			}
		}
		if !defined {
			return fail("first_sentence_id %s is not among the sentences that mention it", first)
		}
		if t.Occurrences < len(t.Uses) {
			return fail("occurrences %d < %d sentences that use it", t.Occurrences, len(t.Uses))
		}
		line, err := w.c.encode(w.c.tables[TableTerms], TableTerms, id, rec)
		if err != nil {
			return err
		}
		if err := w.tables[TableTerms].write(id, line, rec); err != nil {
			return err
		}
	}
	return nil
}
