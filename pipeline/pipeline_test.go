package pipeline

import (
	"bytes"
	"flag"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/internal/idset"
	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/internal/segment"
)

var update = flag.Bool("update", false, "rewrite golden files")

// dump returns the golden form of a Build result: the model dump, then the
// diagnostics.
func dump(t testing.TB, b *doc.Book, diags diag.List) []byte {
	t.Helper()
	var buf bytes.Buffer
	if b != nil {
		if err := doc.Dump(&buf, b); err != nil {
			t.Fatal(err)
		}
	} else {
		buf.WriteString("no book\n")
	}
	buf.WriteString("-- diagnostics --\n")
	for _, d := range diags {
		buf.WriteString(d.String() + "\n")
	}
	return buf.Bytes()
}

// TestGolden builds each seeds folder and compares the dump with
// testdata/golden/NAME.dump. Regenerate with go test ./pipeline -update.
func TestGolden(t *testing.T) {
	cases := []struct{ name, dir string }{
		{"seeds", "../seeds"},
		{"corpus", "../testdata/corpus"},
	}
	entries, err := os.ReadDir("../testdata/seeds")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		cases = append(cases, struct{ name, dir string }{e.Name(), filepath.Join("../testdata/seeds", e.Name())})
	}
	if len(cases) < 8 {
		t.Fatalf("only %d golden cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, diags := Build(c.dir, Options{})
			if b == nil {
				t.Errorf("no book: %v", diags)
			}
			got := dump(t, b, diags)
			golden := filepath.Join("../testdata/golden", c.name+".dump")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./pipeline -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("dump differs from %s (run go test ./pipeline -update and review the diff):\n%s", golden, firstDiff(string(want), string(got)))
			}
			if b != nil {
				checkParseDump(t, b, want)
			}
		})
	}
}

// checkParseDump checks that the golden dump reads back, with
// doc.ParseDump, as the very model that the pipeline built: a test that
// starts from a written dump starts from what the pipeline would give.
func checkParseDump(t *testing.T, b *doc.Book, golden []byte) {
	t.Helper()
	model, _, _ := bytes.Cut(golden, []byte("-- diagnostics --\n"))
	parsed, err := doc.ParseDump(bytes.NewReader(model))
	if err != nil {
		t.Fatalf("ParseDump: %v", err)
	}
	if c := b.Meta.Cover; c != nil && parsed.Meta.Cover != nil && len(c.Data) == len(parsed.Meta.Cover.Data) {
		// The dump holds the size, not the bytes, nor the path and sum.
		parsed.Meta.Cover.Data, parsed.Meta.Cover.Path, parsed.Meta.Cover.SHA256 = c.Data, c.Path, c.SHA256
	}
	// Nor does it hold a document's images' bytes.
	for i, d := range b.Documents {
		if i < len(parsed.Documents) && len(parsed.Documents[i].Images) == len(d.Images) {
			for j, im := range d.Images {
				if p := parsed.Documents[i].Images[j]; len(p.Data) == len(im.Data) {
					p.Data = im.Data
				}
			}
		}
	}
	// The dump does not carry a document's Glossary (the book's glossary as
	// it stood when the document was made): check that it is the prefix of
	// the terms defined up to the document, then compare the rest.
	for _, d := range b.Documents {
		n := 0
		for _, term := range b.Glossary {
			if term.Defined.Doc <= d.Index {
				n++
			}
		}
		if len(d.Glossary) != n {
			t.Errorf("document %d: Glossary has %d terms, want the %d defined up to it", d.Index, len(d.Glossary), n)
		}
		d.Glossary = nil
	}
	if !reflect.DeepEqual(parsed, b) {
		t.Errorf("ParseDump of the golden dump is not the model that Build gave")
	}
}

// firstDiff shows the first differing line of two dumps.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d\nwant: %s\n got: %s", i+1, wl, gl)
		}
	}
	return ""
}

// TestModelInvariants checks what every exporter relies on, on every
// golden folder: sentence spans inside their block's text and in order,
// glossary references pointing at real sentences that mention the acronym.
func TestModelInvariants(t *testing.T) {
	for dir, b := range testBooks(t) {
		for _, d := range b.Documents {
			sentences, words := 0, 0
			for _, l := range d.Leaves() {
				n := len([]rune(l.Text))
				prev := 0
				for _, s := range l.Sentences() {
					if s.Start < prev || s.End < s.Start || s.End > n {
						t.Errorf("%s %s: bad span %+v in %q", dir, d.Source, s, l.Text)
					}
					prev = s.End
					sentences++
					words += s.Words
				}
			}
			if gs, gw := d.Counts(); gs != sentences || gw != words || sentences == 0 {
				t.Errorf("%s %s: Counts() = %d sentences, %d words; the leaves have %d, %d", dir, d.Source, gs, gw, sentences, words)
			}
		}
		for _, term := range b.Glossary {
			refs := append([]doc.Ref{term.Defined}, term.Uses...)
			for _, r := range refs {
				leaves := b.Documents[r.Doc].Leaves()
				l := leaves[r.Leaf]
				text := l.Text
				if ss := l.Sentences(); len(ss) > 0 {
					text = l.SentenceText(r.Sentence)
				}
				if !strings.Contains(text, term.Acronym) {
					t.Errorf("%s: %s: ref %s points at %q", dir, term.Acronym, r, text)
				}
			}
		}
	}
}

// TestWorkers checks that the result does not depend on the number of
// workers.
func TestWorkers(t *testing.T) {
	dir := t.TempDir()
	writeSeeds(t, dir, 60)
	for _, d := range []string{dir, "../testdata/corpus"} {
		b1, d1 := Build(d, Options{Workers: 1})
		b4, d4 := Build(d, Options{Workers: 4})
		if b1 == nil || b4 == nil {
			t.Fatalf("no book: %v %v", d1, d4)
		}
		if !bytes.Equal(dump(t, b1, d1), dump(t, b4, d4)) {
			t.Errorf("%s: Workers 1 and 4 give different dumps", d)
		}
	}
}

// TestOmitUses checks that Options.OmitUses leaves every term's Uses nil
// and changes nothing else.
func TestOmitUses(t *testing.T) {
	dir := t.TempDir()
	writeSeeds(t, dir, 12)
	for _, d := range []string{dir, "../testdata/corpus"} {
		full, d1 := Build(d, Options{})
		lean, d2 := Build(d, Options{OmitUses: true})
		if full == nil || lean == nil {
			t.Fatalf("no book: %v %v", d1, d2)
		}
		if len(full.Glossary) == 0 {
			t.Fatalf("%s: no glossary to test", d)
		}
		for i := range lean.Glossary {
			if lean.Glossary[i].Uses != nil {
				t.Errorf("%s: term %s has %d uses, want none", d, lean.Glossary[i].Acronym, len(lean.Glossary[i].Uses))
			}
			full.Glossary[i].Uses = nil
		}
		if !bytes.Equal(dump(t, full, d1), dump(t, lean, d2)) {
			t.Errorf("%s: OmitUses changes more than the uses", d)
		}
	}
}

// writeSeeds writes n generated seeds, Markdown and text, into dir.
func writeSeeds(t testing.TB, dir string, n int) {
	t.Helper()
	for i := range n {
		var s strings.Builder
		ext := ".md"
		if i%3 == 0 {
			ext = ".txt"
		}
		fmt.Fprintf(&s, "# Bölüm %d\n\n", i)
		for j := range 20 {
			fmt.Fprintf(&s, "Türk Dil Kurumu (TDK) %d. paragrafta anılır. TDK’nin sözlüğü %d yılında basıldı. İnternet Mühendisliği Görev Grubu (Internet Engineering Task Force - IETF) standartları yazar.\n\n", j, 1900+j)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%05d%s", i, ext)), []byte(s.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBadFolders(t *testing.T) {
	type file struct{ name, content string }
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the folder to build
		opts  Options
		want  string // diagnostics, "DIR" standing for the folder built
		book  bool
	}{
		{"missing", func(t *testing.T, dir string) string { return filepath.Join(dir, "yok") }, Options{},
			"DIR: error: no seeds (*.txt, *.md) in DIR", false},
		{"empty", func(t *testing.T, dir string) string { return dir }, Options{},
			"DIR: error: no seeds (*.txt, *.md) in DIR", false},
		{"not a folder", func(t *testing.T, dir string) string {
			write(t, dir, "a.txt", "metin")
			return filepath.Join(dir, "a.txt")
		}, Options{}, "DIR: error: not a folder; give the folder that holds the seeds", false},
		{"only skipped files", func(t *testing.T, dir string) string {
			write(t, dir, ".gizli.txt", "metin")
			write(t, dir, "resim.png", "x")
			return dir
		}, Options{}, "DIR: error: no seeds (*.txt, *.md) in DIR", false},
		{"hidden and other files noted", func(t *testing.T, dir string) string {
			write(t, dir, "a.txt", "metin")
			write(t, dir, ".gizli.md", "metin")
			write(t, dir, "notlar.pdf", "x")
			write(t, dir, "book.yaml", "title: x\n")
			os.Mkdir(filepath.Join(dir, "alt"), 0o755)
			return dir
		}, Options{}, ".gizli.md: note: hidden file skipped\nalt: note: folder skipped (seeds are read from the top folder only)\nnotlar.pdf: note: skipped: not a seed (*.txt, *.md)", true},
		{"upper-case extensions", func(t *testing.T, dir string) string {
			write(t, dir, "A.TXT", "metin")
			write(t, dir, "B.Md", "metin")
			return dir
		}, Options{}, "", true},
		{"symlink outside", func(t *testing.T, dir string) string {
			seeds := filepath.Join(dir, "seeds")
			os.Mkdir(seeds, 0o755)
			write(t, dir, "dis.txt", "dışarıda")
			write(t, seeds, "a.txt", "metin")
			symlink(t, "../dis.txt", filepath.Join(seeds, "x.txt"))
			return seeds
		}, Options{}, "x.txt: error: symlink leads outside the seeds folder (not followed)", false},
		{"symlink inside", func(t *testing.T, dir string) string {
			write(t, dir, "a.txt", "metin")
			os.Mkdir(filepath.Join(dir, "alt"), 0o755)
			write(t, filepath.Join(dir, "alt"), "b.txt", "metin")
			symlink(t, "alt/b.txt", filepath.Join(dir, "b.txt"))
			return dir
		}, Options{}, "alt: note: folder skipped (seeds are read from the top folder only)", true},
		{"dangling symlink", func(t *testing.T, dir string) string {
			write(t, dir, "a.txt", "metin")
			symlink(t, "yok.txt", filepath.Join(dir, "x.txt"))
			return dir
		}, Options{}, "x.txt: error: cannot read: no such file or directory", false},
		{"folder named like a seed", func(t *testing.T, dir string) string {
			os.Mkdir(filepath.Join(dir, "x.txt"), 0o755)
			return dir
		}, Options{}, "x.txt: error: cannot read: is a folder, not a seed file", false},
		{"empty file", func(t *testing.T, dir string) string {
			write(t, dir, "x.txt", "")
			return dir
		}, Options{}, "x.txt: error: empty file", false},
		{"white space only", func(t *testing.T, dir string) string {
			write(t, dir, "x.txt", " \n\t\n  \n")
			return dir
		}, Options{}, "x.txt: error: no text: the file holds only white space", false},
		{"no text after structure", func(t *testing.T, dir string) string {
			write(t, dir, "x.md", "[r]: https://ornek.tr\n")
			return dir
		}, Options{}, "x.md: error: no text to publish", false},
		{"thematic break only", func(t *testing.T, dir string) string {
			write(t, dir, "x.md", "***\n")
			return dir
		}, Options{}, "x.md: error: no text to publish", false},
		{"over the size limit", func(t *testing.T, dir string) string {
			write(t, dir, "x.txt", "on bir bayt")
			write(t, dir, "y.txt", "on bayt..")
			return dir
		}, Options{MaxFileSize: 10}, "x.txt: error: file is over the size limit of 10 bytes for one seed", false},
		{"every bad file reported, sorted", func(t *testing.T, dir string) string {
			write(t, dir, "c.md", "<b>ham</b>\n")
			write(t, dir, "b.txt", "")
			write(t, dir, "a.md", "---\n")
			write(t, dir, "d.txt", "iyi")
			symlink(t, "yok.md", filepath.Join(dir, "e.md"))
			return dir
		}, Options{}, "a.md: error: no text to publish\nb.txt: error: empty file\nc.md:1:1: warning: raw HTML is not published; kept as text\nc.md:1:7: warning: raw HTML is not published; kept as text\ne.md: error: cannot read: no such file or directory", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := tt.setup(t, t.TempDir())
			b, diags := Build(dir, tt.opts)
			var got []string
			for _, d := range diags {
				got = append(got, d.String())
			}
			want := strings.ReplaceAll(tt.want, "DIR", dir)
			if g := strings.Join(got, "\n"); g != want {
				t.Errorf("diagnostics\n%s\nwant\n%s", g, want)
			}
			if (b != nil) != tt.book {
				t.Errorf("book %v, want a book: %v", b != nil, tt.book)
			}
			if b == nil && !diags.HasErrors() {
				t.Errorf("no book and no error")
			}
		})
	}
}

func write(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

func TestDocumentID(t *testing.T) {
	tests := []struct{ in, want string }{
		{"000_0e50c0d65c5fae10.txt", "000_0e50c0d65c5fae10"},
		{"01_Giris.MD", "01_giris"},
		{"Ünite 1.md", "unite-1"},
		{"a.b.txt", "a-b"},
		{"x-y_z.txt", "x-y_z"},
	}
	for _, tt := range tests {
		if got := documentID(tt.in); got != tt.want {
			t.Errorf("documentID(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	var used idset.Set
	var got []string
	for _, id := range []string{"a", "a", "a-2", "a"} {
		got = append(got, uniqueID(id, &used))
	}
	if want := "a a-2 a-2-2 a-3"; strings.Join(got, " ") != want {
		t.Errorf("uniqueID gives %q, want %q", got, want)
	}
	// The seeds' ids, given at listing: only the ones a suffix changed are
	// kept.
	l := &seedList{}
	for _, name := range []string{"a.md", "a.txt", "a-2.md", "b.md", "a.md"} {
		l.add(name, "")
	}
	l.done()
	if l.name(0) != "a.md" || l.name(2) != "a-2.md" || l.name(4) != "a.md" {
		t.Errorf("names %q %q %q, want a.md a-2.md a.md", l.name(0), l.name(2), l.name(4))
	}
	got = got[:0]
	for i := range l.len() {
		got = append(got, l.id(i))
	}
	if want := "a a-2 a-2-2 b a-3"; strings.Join(got, " ") != want || len(l.renamed) != 3 {
		t.Errorf("seed ids %q (%d renamed), want %q (3 renamed)", got, len(l.renamed), want)
	}
}

func TestDocumentTitle(t *testing.T) {
	heading := &doc.Heading{Level: 2, Inlines: []doc.Inline{&doc.Text{Value: "Başlık"}}}
	para := &doc.Paragraph{Inlines: []doc.Inline{&doc.Text{Value: "Metin"}}}
	tests := []struct {
		blocks   []doc.Block
		manifest string
		lang     string
		want     string
	}{
		{[]doc.Block{heading, para}, "Elle", "tr", "Başlık"},
		{[]doc.Block{para, heading}, "Elle", "tr", "Elle"},
		{[]doc.Block{para}, "", "tr", "Bölüm 3"},
		{[]doc.Block{para}, "", "en", "Chapter 3"},
		{[]doc.Block{para}, "", "de", "Chapter 3"},
	}
	for _, tt := range tests {
		d := &doc.Document{Index: 2, Blocks: tt.blocks}
		if got := documentTitle(d, tt.manifest, tt.lang); got != tt.want {
			t.Errorf("documentTitle(%v, %q, %q) = %q, want %q", tt.blocks, tt.manifest, tt.lang, got, tt.want)
		}
	}
}

func BenchmarkBuild(b *testing.B) {
	b.Run("corpus", func(b *testing.B) {
		for b.Loop() {
			if book, diags := Build("../testdata/corpus", Options{}); book == nil {
				b.Fatal(diags)
			}
		}
	})
	b.Run("generated-500", func(b *testing.B) {
		dir, size := benchSeeds(b, 500)
		b.SetBytes(size)
		b.ResetTimer()
		for b.Loop() {
			if book, diags := Build(dir, Options{}); book == nil {
				b.Fatal(diags)
			}
		}
	})
}

// benchSeeds writes n generated seeds into a temporary folder and returns
// it with their total size in bytes, for b.SetBytes.
func benchSeeds(b *testing.B, n int) (string, int64) {
	dir := b.TempDir()
	writeSeeds(b, dir, n)
	var size int64
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		fi, _ := e.Info()
		size += fi.Size()
	}
	return dir, size
}

// TestSegmentDocument checks that segmentDocument, which splits the text
// of d's leaves, gives every heading, paragraph and line block of the
// running text, notes included, the sentences of its plain text, and
// none to those of tables and figures.
func TestSegmentDocument(t *testing.T) {
	for dir, b := range testBooks(t) {
		for _, d := range b.Documents {
			skip := 0 // the tables and figures entered
			doc.WalkDocument(d, func(n doc.Node, entering bool) doc.WalkStatus {
				switch n.(type) {
				case *doc.Table, *doc.Figure:
					if entering {
						skip++
					} else {
						skip--
					}
					return doc.WalkContinue
				}
				if !entering {
					return doc.WalkContinue
				}
				var got []doc.Sentence
				var inlines []doc.Inline
				switch b := n.(type) {
				case *doc.Heading:
					got, inlines = b.Sentences, b.Inlines
				case *doc.Paragraph:
					got, inlines = b.Sentences, b.Inlines
				case *doc.LineBlock:
					got, inlines = b.Sentences, b.Inlines
				default:
					return doc.WalkContinue
				}
				want := segment.Sentences(doc.PlainText(inlines))
				if skip > 0 {
					want = nil
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %s: %T: sentences %v, want %v", dir, d.Source, n, got, want)
				}
				return doc.WalkContinue
			})
		}
	}
}

// testBooks builds every test book (testdata/seeds/*, testdata/corpus and
// the shipped seeds) and yields each with its folder; a book that does not
// build fails the test.
func testBooks(t *testing.T) iter.Seq2[string, *doc.Book] {
	t.Helper()
	dirs, _ := filepath.Glob("../testdata/seeds/*")
	dirs = append(dirs, "../testdata/corpus", "../seeds")
	return func(yield func(string, *doc.Book) bool) {
		for _, dir := range dirs {
			b, diags := Build(dir, Options{})
			if b == nil {
				t.Fatalf("%s: %v", dir, diags)
			}
			if !yield(dir, b) {
				return
			}
		}
	}
}
