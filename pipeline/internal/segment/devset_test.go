package segment

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/seedpress/seedpress/internal/testtool"
)

// devSetDir is the shared development set for segmentation (UD Turkish PUD
// paragraphs with gold sentences). It lives beside the repository, not in it.
func devSetDir() string {
	return filepath.Join(testtool.Root(), "..", "shared", "dev", "segmentation")
}

// devF1Floor is the boundary F1 that the dev set must keep; a change to the
// rules that lowers it fails the test.
const devF1Floor = 0.995

type goldFile struct {
	File       string     `json:"file"`
	Paragraphs [][]string `json:"paragraphs"`
}

// score holds boundary counts, computed the way segeval.py does: a boundary
// is an offset in the text with all white space removed, paragraph ends are
// given and not counted.
type score struct{ tp, fp, fn int }

func (s score) prf() (p, r, f float64) {
	p, r = 1, 1
	if s.tp+s.fp > 0 {
		p = float64(s.tp) / float64(s.tp+s.fp)
	}
	if s.tp+s.fn > 0 {
		r = float64(s.tp) / float64(s.tp+s.fn)
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

// stripLen counts the runes of s that are not white space (nor the
// invisible format characters segeval.py also drops).
func stripLen(s string) int {
	n := 0
	for _, r := range s {
		if !unicode.IsSpace(r) && !strings.ContainsRune("\u200b\u200c\u200d\u2060\ufeff\u00ad", r) {
			n++
		}
	}
	return n
}

// evaluate segments text, the paragraph made of the gold sentences, and
// adds the boundary counts to sc. It returns descriptions of the errors.
func evaluate(gold []string, text string, sc *score) []string {
	want := map[int]bool{}
	pos := 0
	for i, s := range gold {
		pos += stripLen(s)
		if i < len(gold)-1 {
			want[pos] = true
		}
	}
	rs := []rune(text)
	got := map[int]bool{}
	sents := Sentences(text)
	for i, s := range sents {
		if i < len(sents)-1 {
			got[stripLen(string(rs[:s.End]))] = true
		}
	}
	var errs []string
	show := func(kind string, off int) {
		// Find the rune index of stripped offset off.
		k, idx := 0, len(rs)
		for j, r := range rs {
			if k == off {
				idx = j
				break
			}
			if !unicode.IsSpace(r) {
				k++
			}
		}
		lo, hi := max(0, idx-50), min(len(rs), idx+40)
		errs = append(errs, kind+": …"+string(rs[lo:idx])+"⟦|⟧"+string(rs[idx:hi])+"…")
	}
	for b := range got {
		if want[b] {
			sc.tp++
		} else {
			sc.fp++
			show("FP", b)
		}
	}
	for b := range want {
		if !got[b] {
			sc.fn++
			show("FN", b)
		}
	}
	return errs
}

// typographic applies the normaliser's typographic rules (’ for an
// apostrophe between letters, “ ” for straight double quotes, … for ...,
// – for a hyphen between spaces),
// so that the dev set is also checked in the form the pipeline produces.
func typographic(s string) string {
	rs := []rune(s)
	var b strings.Builder
	open := true
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == '\'' && i > 0 && i+1 < len(rs) && unicode.IsLetter(rs[i-1]) && unicode.IsLetter(rs[i+1]):
			b.WriteRune('’')
		case r == '"':
			if open {
				b.WriteRune('“')
			} else {
				b.WriteRune('”')
			}
			open = !open
		case r == '-' && i > 0 && i+1 < len(rs) && rs[i-1] == ' ' && rs[i+1] == ' ':
			b.WriteRune('–')
		case r == '.' && i+2 < len(rs) && rs[i+1] == '.' && rs[i+2] == '.':
			b.WriteRune('…')
			i += 2
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestDevSet(t *testing.T) {
	dir := devSetDir()
	// The dev set is kept beside the repository, not in it; CI has it
	// there, so with CI=true its absence fails the test.
	testtool.RequireFile(t, filepath.Join(dir, "gold.jsonl"), "the segmentation dev set (shared/dev/segmentation beside the repository)")
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var golds []goldFile
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var g goldFile
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatalf("gold.jsonl: %v", err)
		}
		golds = append(golds, g)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(golds) == 0 {
		t.Fatal("gold.jsonl: no files")
	}

	for _, tc := range []struct {
		name string
		prep func(string) string
	}{
		{"raw", func(s string) string { return s }},
		{"typographic", typographic},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s score
			for _, g := range golds {
				// The pud file must hold the same text as the gold.
				raw, err := os.ReadFile(filepath.Join(dir, "pud", g.File))
				if err != nil {
					t.Fatalf("%s: %v", g.File, err)
				}
				n := 0
				for _, p := range g.Paragraphs {
					for _, x := range p {
						n += stripLen(x)
					}
				}
				if stripLen(string(raw)) != n {
					t.Errorf("%s: file text differs from gold", g.File)
				}
				for _, p := range g.Paragraphs {
					gold := make([]string, len(p))
					for i := range p {
						gold[i] = tc.prep(p[i])
					}
					for _, e := range evaluate(gold, strings.Join(gold, " "), &s) {
						t.Logf("%s: %s", g.File, e)
					}
				}
			}
			p, r, f1 := s.prf()
			t.Logf("dev set (%s): %d files, gold boundaries %d, P=%.4f R=%.4f F1=%.4f (FP %d, FN %d)",
				tc.name, len(golds), s.tp+s.fn, p, r, f1, s.fp, s.fn)
			if f1 < devF1Floor {
				t.Errorf("boundary F1 %.4f is below the floor %.4f", f1, devF1Floor)
			}
		})
	}
}
