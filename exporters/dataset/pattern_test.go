package dataset

import (
	"regexp"
	"strings"
	"testing"
)

// sequencePatterns are the patterns TestSequence and FuzzSequence try: the
// schemas' own, and others that are or are not sequences.
var sequencePatterns = []struct {
	pattern  string
	sequence bool
}{
	{`^doc-[0-9]{4,}$`, true},
	{`^doc-[0-9]{4,}-p[0-9]{4,}$`, true},
	{`^doc-[0-9]{4,}-p[0-9]{4,}-s[0-9]{4,}$`, true},
	{`^term-[0-9]{4,}$`, true},
	{`^[0-9a-f]{64}$`, true},
	{`^[0-9A-ZÇĞİÖŞÜ][0-9A-Za-zÇĞİÖŞÜçğıöşü&.-]*$`, true},
	{`^a?b*c{2,3}d+$`, true},
	{`^[^a]x$`, true},
	{`^$`, true},
	{`^é{1,2}[ü-ü]?\.$`, true},
	{`^a*a$`, false}, // greedy a* would take the last a
	{`^[0-9]*[0-5]?x$`, false},
	{`^(ab)+$`, false},     // a repeated group
	{`^a|b$`, false},       // an alternation
	{`doc-[0-9]+`, false},  // unanchored: any substring matches
	{`^doc-[0-9]+`, false}, // open at the end
	{`^(?i)doc$`, false},   // case folding
	{`^.x$`, false},        // any character
	{`^a\bb$`, false},      // a word boundary
}

var sequenceInputs = []string{
	"", "doc-0001", "doc-001", "doc-00001", "doc-0001-p0002", "doc-0001-p0002-s0003", "doc-0001-p0002-s003",
	"doc-0001x", "xdoc-0001", "doc-0001\n", "term-0001", "term-12345", strings.Repeat("a", 64), strings.Repeat("0f", 32),
	strings.Repeat("0f", 32) + "0", "ICANN", "İTÜ", "ODTÜ", "A&B.C-d", "ı", "aı", "Ağ\xff", "\xff", "\xef\xbf\xbd",
	"bcc", "acc", "abbbcccd", "ccdd", "cccc", "yx", "ax", "aax", "a", "aa", "ab", "abab", "é.", "éé.", "ééé.", "éü.", "ü.",
	"12x", "1x", "x", "55x", "doc-1", "doc-12", "b", "ab", "a b",
}

// TestSequence checks which patterns become sequences and that a sequence
// matches exactly what regexp matches.
func TestSequence(t *testing.T) {
	for _, tt := range sequencePatterns {
		seq := compileSequence(tt.pattern)
		if (seq != nil) != tt.sequence {
			t.Errorf("compileSequence(%q) is a sequence: %v, want %v", tt.pattern, seq != nil, tt.sequence)
		}
		if seq == nil {
			continue
		}
		re := regexp.MustCompile(tt.pattern)
		for _, in := range sequenceInputs {
			if got, want := seq.match([]byte(in)), re.MatchString(in); got != want {
				t.Errorf("%q matching %q = %v, regexp says %v", tt.pattern, in, got, want)
			}
		}
	}
}

// FuzzSequence holds every sequence of sequencePatterns to regexp's
// answer on any input.
func FuzzSequence(f *testing.F) {
	for _, in := range sequenceInputs {
		f.Add(in)
	}
	type pair struct {
		seq sequence
		re  *regexp.Regexp
	}
	var pairs []pair
	for _, tt := range sequencePatterns {
		if seq := compileSequence(tt.pattern); seq != nil {
			pairs = append(pairs, pair{seq, regexp.MustCompile(tt.pattern)})
		}
	}
	f.Fuzz(func(t *testing.T, in string) {
		for _, p := range pairs {
			if got, want := p.seq.match([]byte(in)), p.re.MatchString(in); got != want {
				t.Errorf("%s matching %q = %v, regexp says %v", p.re, in, got, want)
			}
		}
	})
}
