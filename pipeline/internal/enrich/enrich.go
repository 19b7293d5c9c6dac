// Package enrich finds the book's acronym glossary: where each acronym is
// defined, with its Turkish and English long forms, and every mention.
package enrich

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/turkish"
)

// Builder builds a book's acronym glossary one document at a time, in
// reading order, so that a book can be enriched as it streams by: nothing
// of a document is kept once it has been added, only the terms and, for
// each acronym-shaped word not (yet) defined, where it was first met (for
// the warning below): that grows with the vocabulary, not the text.
//
// A term is added where its definition stands (see Definitions for the
// three shapes), and every mention of it in that document and in every
// later one is replaced in the text inlines (inside emphasis, strong and
// link text too; never in code or URLs) by a *doc.Abbr naming the term. A
// suffixed mention (ICANN’in) gives an Abbr for the acronym alone; the
// suffix stays text. The plain text of every block is unchanged, so
// sentence spans stay valid. Mentions in a document before the one that
// defines the acronym stay text: the first of them gets a warning, since a
// reader meets the acronym before it is explained. An acronym defined
// again differently keeps its first definition, with a warning. Mentions
// are found in one pass over the text with a map lookup per word, so the
// work grows with the text, not with text × glossary.
type Builder struct {
	// OmitUses, when set, leaves every term's Uses nil: they hold a Ref
	// per sentence that mentions a term, so they grow with the book, and
	// a consumer that reads the mentions from the documents' Abbr inlines
	// does without them. Defined and Occurrences are kept either way.
	OmitUses bool

	terms []doc.Term
	index map[string]int // acronym → index in terms
	// early holds the first place of every acronym-shaped word met while
	// it was not (yet) a term.
	early map[string]earlyUse
}

// earlyUse is where an acronym-shaped word was first met, undefined.
type earlyUse struct {
	pos doc.Pos
	doc int
}

// NewBuilder returns an empty glossary builder.
func NewBuilder() *Builder {
	return &Builder{index: map[string]int{}, early: map[string]earlyUse{}}
}

// Found is what Find reads from one document for Add.
type Found struct {
	leaves []doc.Leaf
	defs   []foundDef
	// words holds, for each leaf, its words that may be acronyms (see
	// acronymWords), term unset; none for code.
	words [][]mention
}

// Find flattens d into leaves and finds its acronym definitions and the
// words that may be acronyms. It only reads d, so that many documents can
// be read at once before they are added in order: Add then only looks
// the words up in the glossary, without reading the text again.
func Find(d *doc.Document) *Found { return FindIn(d.Leaves()) }

// FindIn is Find of the document whose leaves (see doc.Document.Leaves)
// are leaves, for a caller that has them.
func FindIn(leaves []doc.Leaf) *Found {
	f := &Found{leaves: leaves, words: make([][]mention, len(leaves))}
	for li, leaf := range leaves {
		if leaf.Kind == doc.KindCode {
			continue
		}
		f.words[li] = acronymWords(leaf.Text)
		if len(f.words[li]) == 0 {
			continue // a definition's acronym is one of the words
		}
		for _, def := range Definitions(leaf.Text) {
			f.defs = append(f.defs, foundDef{leaf: li, def: def})
		}
	}
	return f
}

// Add adds the definitions of d, which Find read, to the glossary and marks
// the mentions of every term known so far in d. Documents must be added in
// reading order, each once; d.Index is the document's place in the book.
func (g *Builder) Add(d *doc.Document, f *Found) diag.List {
	var diags diag.List
	place := func(leaf int) doc.Pos {
		pos := f.leaves[leaf].Block.Position()
		if pos.File == "" {
			pos.File = d.Source
		}
		return pos
	}
	for _, fd := range f.defs {
		def := fd.def
		if i, ok := g.index[def.Acronym]; ok {
			t := g.terms[i]
			if t.Expansion != def.Expansion || t.ExpansionEN != def.ExpansionEN {
				diags.Warnf(place(fd.leaf), "acronym %s defined again as %q; the first definition, %q, is kept",
					def.Acronym, longForm(def.Expansion, def.ExpansionEN), longForm(t.Expansion, t.ExpansionEN))
			}
			continue
		}
		if e, ok := g.early[def.Acronym]; ok && e.doc < d.Index {
			diags.Warnf(e.pos, "acronym %s is used before the document that defines it (%q); uses before that document are not marked",
				def.Acronym, longForm(def.Expansion, def.ExpansionEN))
		}
		delete(g.early, def.Acronym)
		g.index[def.Acronym] = len(g.terms)
		g.terms = append(g.terms, doc.Term{
			Acronym:     def.Acronym,
			Expansion:   def.Expansion,
			ExpansionEN: def.ExpansionEN,
			Defined:     doc.Ref{Doc: d.Index, Leaf: fd.leaf, Sentence: sentenceAt(f.leaves[fd.leaf].Sentences(), def.At)},
		})
	}
	unknown := func(leaf int, word string) {
		if _, ok := g.early[word]; !ok && isAcronym(word) {
			g.early[word] = earlyUse{pos: place(leaf), doc: d.Index}
		}
	}
	for _, u := range markMentions(d.Index, f.leaves, f.words, g.index, unknown) {
		t := &g.terms[u.term]
		t.Occurrences++
		if g.OmitUses {
			continue
		}
		if n := len(t.Uses); n == 0 || t.Uses[n-1] != u.ref {
			t.Uses = append(t.Uses, u.ref)
		}
	}
	return diags
}

// Terms returns the glossary so far, in the order the acronyms were
// defined: Abbr.Term indexes it, and later Adds only append to it. The
// slice is the builder's own.
func (g *Builder) Terms() []doc.Term { return g.terms }

// foundDef is a definition found in leaf of a document.
type foundDef struct {
	leaf int
	def  Definition
}

// use is one mention of glossary term term, in sentence ref.
type use struct {
	term int
	ref  doc.Ref
}

// markMentions replaces the mentions of the glossary (index) in the leaves
// of document di by Abbr inlines and returns them in reading order; words
// holds each leaf's acronymWords. It calls unknown with every other word
// that is shaped like an acronym (isAcronym).
func markMentions(di int, leaves []doc.Leaf, words [][]mention, index map[string]int, unknown func(leaf int, word string)) []use {
	var us []use
	for li, leaf := range leaves {
		if leaf.Kind == doc.KindCode {
			continue
		}
		ms := mentions(leaf.Text, words[li], index, func(w string) { unknown(li, w) })
		if len(ms) == 0 {
			continue
		}
		r := &replacer{ms: ms}
		doc.Walk(leaf.Block, r.visit)
		sents := leaf.Sentences()
		for _, m := range r.done {
			us = append(us, use{term: m.term, ref: doc.Ref{Doc: di, Leaf: li, Sentence: sentenceAt(sents, m.start)}})
		}
	}
	return us
}

func longForm(tr, en string) string {
	if en == "" {
		return tr
	}
	return tr + " (" + en + ")"
}

// sentenceAt returns the index of the sentence that contains rune offset
// pos; when no span contains it, the last sentence that starts before it,
// else 0 (a block the segmenter gave no sentences).
func sentenceAt(sents []doc.Sentence, pos int) int {
	// Spans are in order and do not overlap: find the first that starts
	// after pos; the one before it is the answer.
	i := sort.Search(len(sents), func(i int) bool { return sents[i].Start > pos })
	return max(i-1, 0)
}

// mention is a defined acronym at runes [start, end), bytes [bstart,
// bend), of a leaf's text.
type mention struct {
	start, end   int
	bstart, bend int
	term         int
}

// mentions returns every word of words, the acronymWords of text, that is
// a glossary acronym, in order, and calls unknown with every other one:
// the words that are shaped like an acronym.
func mentions(text string, words []mention, index map[string]int, unknown func(word string)) []mention {
	var ms []mention
	for _, w := range words {
		if t, ok := index[text[w.bstart:w.bend]]; ok {
			w.term = t
			ms = append(ms, w)
		} else {
			unknown(text[w.bstart:w.bend])
		}
	}
	return ms
}

// acronymWords returns every word of text that is shaped like an acronym
// (isAcronym), in order, with term 0: the words that mentions looks up,
// since every term's acronym has that shape. A word is a maximal run of
// letters and digits, so "ICANN’in" holds the word "ICANN" and "ICANNs"
// holds none. It reads text in place: no copy of the text is made. It goes
// from one byte that may start such a word to the next, and counts the
// runes before a word only when it has found one.
func acronymWords(text string) []mention {
	var ws []mention
	n, counted := 0, 0 // the runes of text[:counted]
	for i := 0; i < len(text); {
		c := text[i]
		if !acronymLead[c] {
			i++
			continue
		}
		first, size := rune(c), 1
		if c >= utf8.RuneSelf {
			first, size = utf8.DecodeRuneInString(text[i:])
		}
		if !isAcronymStart(first) {
			i += size
			continue
		}
		if prev, _ := utf8.DecodeLastRuneInString(text[:i]); i > 0 && turkish.IsWordRune(prev) {
			i += size // inside a word
			continue
		}
		j, m := i+size, 1 // the word's end, in bytes and runes
		acronym := true   // every rune so far is one of an acronym
		for j < len(text) {
			r, size := rune(text[j]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(text[j:])
			}
			if !turkish.IsWordRune(r) {
				break
			}
			acronym = acronym && (isAcronymStart(r) || '0' <= r && r <= '9')
			j += size
			m++
		}
		if m >= 2 && acronym {
			n += utf8.RuneCountInString(text[counted:i])
			counted = i
			ws = append(ws, mention{start: n, end: n + m, bstart: i, bend: j})
		}
		i = j
	}
	return ws
}

// acronymLead marks the bytes that start an acronym's first letter in
// UTF-8: the first byte of every rune isAcronymStart takes (A–Z, and the
// lead bytes of Ç Ö Ü, Ğ İ and Ş), derived from it so that the alphabet is
// written once.
var acronymLead = func() (t [256]bool) {
	var b [utf8.UTFMax]byte
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if isAcronymStart(r) {
			utf8.EncodeRune(b[:], r)
			t[b[0]] = true
		}
	}
	return t
}()

// replacer splits the text inlines of one leaf around its mentions, in a
// walk over the leaf's block: every mention that lies inside one Text node
// is replaced by an Abbr; mentions across node boundaries or in code are
// skipped. The new Text and Abbr values are slices of the Text values they
// split.
type replacer struct {
	ms   []mention // mentions still to place, in order
	pos  int       // byte offset of the next inline in the leaf's plain text
	done []mention // mentions that became an Abbr
	// out holds the new inlines of every open container (the block, an
	// Emph, a Strong or a Link), the innermost last.
	out [][]doc.Inline
}

func (r *replacer) visit(n doc.Node, entering bool) doc.WalkStatus {
	switch n := n.(type) {
	case *doc.Heading, *doc.Paragraph, *doc.LineBlock, *doc.Emph, *doc.Strong, *doc.Link,
		*doc.Strike, *doc.Sub, *doc.Sup, *doc.Span:
		if entering {
			r.out = append(r.out, make([]doc.Inline, 0, len(*children(n))))
			return doc.WalkContinue
		}
		last := len(r.out) - 1
		*children(n) = r.out[last]
		r.out = r.out[:last]
		if in, ok := n.(doc.Inline); ok {
			r.add(in)
		}
	case *doc.Text:
		if entering {
			r.text(n)
		}
	case *doc.Code:
		if entering {
			r.pos += len(n.Value)
			r.add(n)
		}
	case *doc.Abbr:
		if entering {
			r.pos += len(n.Text)
			r.add(n)
		}
	case *doc.LineBreak:
		if entering {
			r.pos += len("\n")
			r.add(n)
		}
	case *doc.CrossRef:
		if entering {
			r.pos += len(n.Text())
			r.add(n)
		}
	case *doc.Math:
		if entering {
			r.pos += len(n.Source)
			r.add(n)
		}
	case *doc.InlineImage, *doc.NoteRef: // no plain text
		if entering {
			r.add(n.(doc.Inline))
		}
	default:
		panic(fmt.Sprintf("enrich: unexpected node type %T in a text block", n))
	}
	return doc.WalkContinue
}

// children returns the inlines of the container n.
func children(n doc.Node) *[]doc.Inline {
	switch n := n.(type) {
	case *doc.Heading:
		return &n.Inlines
	case *doc.Paragraph:
		return &n.Inlines
	case *doc.Emph:
		return &n.Inlines
	case *doc.Strong:
		return &n.Inlines
	case *doc.Link:
		return &n.Inlines
	case *doc.LineBlock:
		return &n.Inlines
	case *doc.Strike:
		return &n.Inlines
	case *doc.Sub:
		return &n.Inlines
	case *doc.Sup:
		return &n.Inlines
	case *doc.Span:
		return &n.Inlines
	}
	panic(fmt.Sprintf("enrich: %T holds no inlines", n))
}

// add appends in to the new inlines of the innermost open container.
func (r *replacer) add(in doc.Inline) {
	last := len(r.out) - 1
	r.out[last] = append(r.out[last], in)
}

// text adds the Text node in, split around the mentions inside it.
func (r *replacer) text(in *doc.Text) {
	start := r.pos
	end := start + len(in.Value)
	r.pos = end
	cut := start
	for len(r.ms) > 0 && r.ms[0].bstart < end {
		m := r.ms[0]
		r.ms = r.ms[1:]
		if m.bstart < start || m.bend > end {
			continue
		}
		if m.bstart > cut {
			r.add(&doc.Text{Value: in.Value[cut-start : m.bstart-start]})
		}
		r.add(&doc.Abbr{Text: in.Value[m.bstart-start : m.bend-start], Term: m.term})
		r.done = append(r.done, m)
		cut = m.bend
	}
	switch {
	case cut == start:
		r.add(in)
	case cut < end:
		r.add(&doc.Text{Value: in.Value[cut-start:]})
	}
}

// Definition is one acronym definition found in a text.
type Definition struct {
	Acronym     string
	Expansion   string // Turkish long form
	ExpansionEN string // English long form, "" when none was given
	At          int    // rune offset of the acronym in the text
}

// maxInside bounds the text between parentheses read as a definition, and
// maxWords the words of a long form, so that a stray "(" costs little.
const (
	maxInside = 200
	maxWords  = 12
)

// Definitions returns the acronym definitions in text, in order. It reads
// three shapes:
//
//	Türk Dil Kurumu (TDK)
//	Dünya Sağlık Örgütü (World Health Organization - WHO)   (also – and —)
//	TBMM (Türkiye Büyük Millet Meclisi)
//
// An acronym is two or more upper-case Turkish letters (A–Z, Ç, Ğ, İ, Ö, Ş,
// Ü) and digits, starting with a letter. The Turkish long form before the
// parenthesis is a run of capitalised words, which may hold the function
// words of turkish.IsLongFormJoiner ("ve", "ile", "için", "de", "da"), ending just before "(". When a
// tail of that run has initials that spell the acronym, the shortest such
// tail is taken ("Bugün Türk Dil Kurumu (TDK)" gives "Türk Dil Kurumu");
// else the whole run, which must hold two capitalised words unless an
// English long form is given (the acronym then usually comes from the
// English name, as ICANN does). Without a Turkish long form there is no
// definition.
func Definitions(s string) []Definition {
	if strings.IndexByte(s, '(') < 0 {
		return nil // every shape has a parenthesis
	}
	text := []rune(s)
	var defs []Definition
	for open := 0; open < len(text); open++ {
		if text[open] != '(' {
			continue
		}
		close := -1
		for j := open + 1; j < len(text) && j <= open+maxInside; j++ {
			if text[j] == ')' {
				close = j
				break
			}
			if text[j] == '(' {
				break
			}
		}
		if close < 0 {
			continue
		}
		if def, ok := definitionAt(text, open, close); ok {
			defs = append(defs, def)
		}
	}
	return defs
}

// definitionAt reads a definition around the parentheses at open and close.
func definitionAt(text []rune, open, close int) (Definition, bool) {
	in0, in1 := trimSpace(text, open+1, close)
	inside := string(text[in0:in1])
	// Long form (ACRONYM) and Long form (English Name - ACRONYM).
	acr, acrAt, en := "", -1, ""
	if isAcronym(inside) {
		acr, acrAt = inside, in0
	} else if k := dashAt(text, in0, in1); k >= 0 {
		a0, a1 := trimSpace(text, k+1, in1)
		e0, e1 := trimSpace(text, in0, k)
		if a := string(text[a0:a1]); isAcronym(a) && e1 > e0 {
			acr, acrAt, en = a, a0, string(text[e0:e1])
		}
	}
	if acr != "" {
		words := wordsBefore(text, open)
		long := chooseLong(words, acr, en != "")
		if long == "" {
			return Definition{}, false
		}
		return Definition{Acronym: acr, Expansion: long, ExpansionEN: en, At: acrAt}, true
	}
	// ACRONYM (Long form).
	w1 := open
	for w1 > 0 && unicode.IsSpace(text[w1-1]) {
		w1--
	}
	if w1 == open {
		return Definition{}, false
	}
	w0 := w1
	for w0 > 0 && !unicode.IsSpace(text[w0-1]) {
		w0--
	}
	word := string(text[w0:w1])
	if !isAcronym(word) {
		return Definition{}, false
	}
	words := strings.Fields(inside)
	if len(words) < 2 || len(words) > maxWords || !isNameRun(words) {
		return Definition{}, false
	}
	if first, _ := firstRune(words[0]); turkish.UpperRune(first) != []rune(word)[0] {
		return Definition{}, false
	}
	return Definition{Acronym: word, Expansion: strings.Join(words, " "), At: w0}, true
}

// dashAt returns the index of the last dash in text[i:j] that separates an
// English long form from its acronym: a hyphen with a space before it, or
// an en or em dash.
func dashAt(text []rune, i, j int) int {
	for k := j - 1; k > i; k-- {
		switch text[k] {
		case '–', '—':
			return k
		case '-':
			if unicode.IsSpace(text[k-1]) {
				return k
			}
		}
	}
	return -1
}

func trimSpace(text []rune, i, j int) (int, int) {
	for i < j && unicode.IsSpace(text[i]) {
		i++
	}
	for j > i && unicode.IsSpace(text[j-1]) {
		j--
	}
	return i, j
}

// wordsBefore returns the run of name words that ends just before text[end]
// (white space between), in reading order, at most maxWords.
func wordsBefore(text []rune, end int) []string {
	var rev []string
	i := end
	for len(rev) < maxWords {
		j := i
		for j > 0 && unicode.IsSpace(text[j-1]) && text[j-1] != '\n' {
			j--
		}
		if j == i && i != end || j == 0 {
			break
		}
		k := j
		for k > 0 && !unicode.IsSpace(text[k-1]) {
			k--
		}
		w := string(text[k:j])
		if !isNameWord(w) && !turkish.IsLongFormJoiner(w) {
			break
		}
		rev = append(rev, w)
		i = k
	}
	slices.Reverse(rev)
	return rev
}

// isNameWord reports whether w is a capitalised word of letters, digits
// and inner hyphens ("Sağlık", "Kuzey-Batı", "ICANN").
func isNameWord(w string) bool {
	if !turkish.IsCapitalized(w) || strings.HasSuffix(w, "-") {
		return false
	}
	for _, r := range w {
		if !turkish.IsWordRune(r) && r != '-' {
			return false
		}
	}
	return true
}

// isNameRun reports whether words is a long form on its own: name words
// and function words, starting and ending with a name word.
func isNameRun(words []string) bool {
	for _, w := range words {
		if !isNameWord(w) && !turkish.IsLongFormJoiner(w) {
			return false
		}
	}
	return isNameWord(words[0]) && isNameWord(words[len(words)-1])
}

// chooseLong picks the Turkish long form for acr from the run of words
// before its parenthesis (see Definitions), or "" when none fits.
func chooseLong(words []string, acr string, hasEN bool) string {
	for len(words) > 0 && !isNameWord(words[0]) {
		words = words[1:] // a long form starts with a name word
	}
	for len(words) > 0 && !isNameWord(words[len(words)-1]) {
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return ""
	}
	letters := acronymLetters(acr)
	for s := len(words) - 1; s >= 0; s-- {
		if !isNameWord(words[s]) {
			continue
		}
		if all, names := initials(words[s:]); all == letters || names == letters {
			return strings.Join(words[s:], " ")
		}
	}
	names := 0
	for _, w := range words {
		if isNameWord(w) {
			names++
		}
	}
	if hasEN || names >= 2 {
		return strings.Join(words, " ")
	}
	return ""
}

// initials returns the upper-cased first letters of words: of all words,
// and of the name words only.
func initials(words []string) (all, names string) {
	var a, n strings.Builder
	for _, w := range words {
		r, _ := firstRune(w)
		r = turkish.UpperRune(r)
		a.WriteRune(r)
		if isNameWord(w) {
			n.WriteRune(r)
		}
	}
	return a.String(), n.String()
}

// acronymLetters returns the letters of acr, digits dropped.
func acronymLetters(acr string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return r
	}, acr)
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

func isAcronymStart(r rune) bool {
	switch r {
	case 'Ç', 'Ğ', 'İ', 'Ö', 'Ş', 'Ü':
		return true
	}
	return 'A' <= r && r <= 'Z'
}

// isAcronym reports whether s is an acronym: two or more of A–Z, Ç, Ğ, İ,
// Ö, Ş, Ü and 0–9, starting with a letter.
func isAcronym(s string) bool {
	n := 0
	for i, r := range s {
		switch {
		case isAcronymStart(r):
		case i > 0 && '0' <= r && r <= '9':
		default:
			return false
		}
		n++
	}
	return n >= 2
}
