package pdf

import (
	"math"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

func testMeasurer(t testing.TB) *fontMeasurer {
	t.Helper()
	p := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: 148, Ht: 210}})
	if err := addFonts(p); err != nil {
		t.Fatal(err)
	}
	return newFontMeasurer(p)
}

// greedyBreaks fills each line with as many items as fit at their natural
// width, the way fpdf's MultiCell does (but on the same items, hyphenation
// points included).
func greedyBreaks(items []item, measure float64) []int {
	var breaks []int
	start, w := 0, 0.0
	lastLegal := -1
	lastW := 0.0
	for i := 0; i < len(items); i++ {
		it := items[i]
		legal := (it.kind == glueItem && i > 0 && items[i-1].kind == boxItem) || (it.kind == penaltyItem && it.penalty < infPenalty)
		if legal {
			lw := w
			if it.kind == penaltyItem {
				lw += it.width
			}
			if lw > measure && lastLegal >= 0 {
				breaks = append(breaks, lastLegal)
				// Restart after the chosen break.
				i = lastLegal
				for i+1 < len(items) && items[i+1].kind != boxItem {
					i++
				}
				start, w, lastLegal = i+1, 0, -1
				continue
			}
			if it.kind == penaltyItem && it.penalty <= -infPenalty {
				breaks = append(breaks, i)
				break
			}
			lastLegal, lastW = i, lw
		}
		if it.kind != penaltyItem {
			w += it.width
		}
	}
	_, _ = start, lastW
	return breaks
}

// lineStats returns the total demerits of a breaking, as the breaker counts
// them, and its number of very loose lines (fitness class 3), the last line
// excluded.
func lineStats(items []item, breaks []int, measure float64) (total float64, veryLoose int) {
	p := defaultParams
	prev := &breakNode{pos: 0, fitness: 1}
	from := 0
	for n, b := range breaks {
		for from < b && items[from].kind != boxItem {
			from++
		}
		r := lineRatio(items, from, b, measure)
		var w, y float64
		for _, it := range items[from:b] {
			if it.kind != penaltyItem {
				w += it.width
			}
			if it.kind == glueItem {
				y += it.stretch
			}
		}
		if items[b].kind == penaltyItem {
			w += items[b].width
		}
		if w < measure && y > 0 {
			r = (measure - w) / y // uncapped
		}
		d := demerits(items, prev, b, r, p)
		c := fitnessClass(r)
		if c-prev.fitness > 1 || prev.fitness-c > 1 {
			d += p.fitness
		}
		total += d
		if c == 3 && n < len(breaks)-1 {
			veryLoose++
		}
		prev = &breakNode{pos: b, fitness: c, prev: prev}
		from = b + 1
	}
	return total, veryLoose
}

func TestKnuthPlassBeatsGreedy(t *testing.T) {
	m := testMeasurer(t)
	tests := []struct {
		name    string
		text    string
		measure float64
	}{
		{"seed A5", seedText, 116},
		{"seed narrow", seedText, 70},
		{"seed A4", seedText, 155},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items := buildItems([]run{{text: tt.text, size: 10}}, m, paraOptions{measure: tt.measure})
			kp, ok := lineBreaks(items, tt.measure, defaultParams)
			if !ok {
				t.Fatal("no breaking")
			}
			gr := greedyBreaks(items, tt.measure)
			kd, kl := lineStats(items, kp, tt.measure)
			gd, gl := lineStats(items, gr, tt.measure)
			t.Logf("Knuth–Plass: %d lines, demerits %.0f, very loose %d; greedy: %d lines, demerits %.0f, very loose %d", len(kp), kd, kl, len(gr), gd, gl)
			if slicesEqual(kp, gr) {
				t.Fatal("the paragraph does not tell the two apart")
			}
			if kd >= gd {
				t.Errorf("Knuth–Plass demerits %.0f >= greedy %.0f", kd, gd)
			}
			if kl > gl {
				t.Errorf("Knuth–Plass has %d very loose lines, greedy %d", kl, gl)
			}
		})
	}
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkLines asserts that every line of a breaking fits the measure.
func checkLines(t *testing.T, items []item, breaks []int, measure float64) {
	t.Helper()
	from := 0
	for n, b := range breaks {
		for from < b && items[from].kind != boxItem {
			from++
		}
		r := lineRatio(items, from, b, measure)
		var w float64
		for _, it := range items[from:b] {
			switch it.kind {
			case boxItem:
				w += it.width
			case glueItem:
				w += it.width
				if r > 0 {
					w += r * it.stretch
				} else {
					w += r * it.shrink
				}
			}
		}
		if items[b].kind == penaltyItem {
			w += items[b].width
		}
		if w > measure+1e-6 {
			t.Fatalf("line %d is %.3f mm wide, measure %.3f", n, w, measure)
		}
		from = b + 1
	}
}

func longParagraph(n int) string {
	var b strings.Builder
	for b.Len() < n {
		b.WriteString(seedText)
		b.WriteByte(' ')
	}
	return b.String()
}

// TestBreakLongParagraph breaks a 200,000-character paragraph and checks
// that the active list stays short, which keeps the pass linear.
func TestBreakLongParagraph(t *testing.T) {
	m := testMeasurer(t)
	text := longParagraph(200_000)
	items := buildItems([]run{{text: text, size: 10}}, m, paraOptions{measure: 116})
	maxActive := 0
	p := defaultParams
	p.maxActive = &maxActive
	breaks, ok := lineBreaks(items, 116, p)
	if !ok {
		t.Fatal("no breaking")
	}
	checkLines(t, items, breaks, 116)
	if maxActive > 200 {
		t.Errorf("the active list grew to %d nodes", maxActive)
	}
	t.Logf("%d items, %d lines, at most %d active nodes", len(items), len(breaks), maxActive)
}

// TestEmergencyBreaks checks tokens that no line can hold.
func TestEmergencyBreaks(t *testing.T) {
	m := testMeasurer(t)
	for _, s := range []string{
		strings.Repeat("x", 10_000),
		"başlangıç " + strings.Repeat("ab", 250) + " son",
		"adres: https://www.example.com/" + strings.Repeat("uzun-yol/", 40) + " bitti",
		strings.Repeat("W", 30),
	} {
		for _, measure := range []float64{116, 30, 5} {
			items := buildItems([]run{{text: s, size: 10}}, m, paraOptions{measure: measure})
			breaks, ok := lineBreaks(items, measure, defaultParams)
			if !ok {
				t.Fatalf("%.20q at %v mm: no breaking", s, measure)
			}
			checkLines(t, items, breaks, measure)
		}
	}
}

func TestBadness(t *testing.T) {
	for _, tt := range []struct{ r, want float64 }{{0, 0}, {1, 100}, {-1, 100}, {0.5, 12.5}, {5, 10000}, {math.Inf(1), 10000}, {-2, 10000}} {
		if got := badness(tt.r); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("badness(%v) = %v, want %v", tt.r, got, tt.want)
		}
	}
}

func BenchmarkBreakParagraph(b *testing.B) {
	m := testMeasurer(b)
	items := buildItems([]run{{text: longParagraph(200_000), size: 10}}, m, paraOptions{measure: 116})
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := lineBreaks(items, 116, defaultParams); !ok {
			b.Fatal("no breaking")
		}
	}
}

func BenchmarkBuildItems(b *testing.B) {
	m := testMeasurer(b)
	runs := []run{{text: longParagraph(20_000), size: 10}}
	b.ReportAllocs()
	for b.Loop() {
		buildItems(runs, m, paraOptions{measure: 116})
	}
}

// buildItems turns runs into boxes, glue and penalties, ending with the
// usual finishing glue and forced break.
func buildItems(runs []run, m measurer, o paraOptions) []item {
	var ib itemBuilder
	return ib.build(nil, runs, m, o)
}
