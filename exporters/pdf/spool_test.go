package pdf

import (
	"os"
	"slices"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// TestSpool checks that the body's pages come out of the spool as they
// went in, in memory and through the temporary file, and that the spool
// leaves no file behind.
func TestSpool(t *testing.T) {
	long := longBook(3)
	long.Documents = append(long.Documents, &doc.Document{Source: "boş.md"}) // no title, no blocks
	for _, memory := range []int{spoolMemory, 0, 1000} {
		for name, b := range map[string]*doc.Book{"hand": handBook(), "long": long, "deep": deepBook(), "empty": {}} {
			want, g := layoutFor(t, b)
			m := testMeasurer(t)
			var s spool
			func() {
				defer func(n int) { spoolMemory = n }(spoolMemory)
				spoolMemory = memory
				body, err := layoutBody(b, m, g, s.put)
				if err != nil {
					t.Fatal(err)
				}
				if len(body.pages) != 0 {
					t.Errorf("%s: the body kept %d pages", name, len(body.pages))
				}
			}()
			if memory == 0 && s.pages > 0 && s.file == nil {
				t.Errorf("%s: no temporary file", name)
			}
			tmp := s.name
			offset := len(want.pages) - s.pages
			var got []*page
			n, err := s.replay(func(pg *page) {
				c := *pg // replay's page is reused: keep a copy
				c.ops, c.marks = slices.Clone(pg.ops), slices.Clone(pg.marks)
				c.num += offset
				got = append(got, &c)
			})
			s.close()
			if err != nil || n != len(got) {
				t.Fatalf("%s: replay = %d, %v; %d pages", name, n, err, len(got))
			}
			if tmp != "" {
				if _, err := os.Stat(tmp); !os.IsNotExist(err) {
					t.Errorf("%s: the spool's file is left: %v", name, err)
				}
			}
			if len(got) != len(want.pages)-offset || offset < 0 {
				t.Fatalf("%s: %d pages spooled, want %d", name, len(got), len(want.pages)-offset)
			}
			for i, g := range got {
				w := want.pages[offset+i]
				if g.num != w.num || g.kind != w.kind || g.chapter != w.chapter ||
					!slices.Equal(g.ops, w.ops) || !slices.Equal(g.marks, w.marks) {
					t.Errorf("%s: page %d differs: %d ops, %d marks; want %d, %d",
						name, g.num, len(g.ops), len(g.marks), len(w.ops), len(w.marks))
					break
				}
			}
		}
	}
}
