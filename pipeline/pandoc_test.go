package pipeline

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// markupLeft matches pandoc syntax that must never reach the model's text:
// a fenced div fence, an attribute list, a superscript, a front matter
// key line, a line block's bar at a line's start, an HTML comment.
var markupLeft = []*regexp.Regexp{
	regexp.MustCompile(`:::`),
	regexp.MustCompile(`\{[#.][^}]*\}`),
	regexp.MustCompile(`\^[^\s^]+\^`),
	regexp.MustCompile(`(?m)^(title|author|date|lang|abstract):`),
	regexp.MustCompile(`(?m)^\| `),
	regexp.MustCompile(`<!--`),
}

// TestPandocDocuments builds pandoc's own Markdown test documents
// (testdata/pandoc) and checks that no markup of the syntax seedpress
// reads is left in the text (but in code, and in blocks kept as text with
// a warning), and that every warning has a position.
func TestPandocDocuments(t *testing.T) {
	for _, name := range []string{"testsuite.txt", "markdown-reader-more.txt"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("..", "testdata", "pandoc", name))
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			// The images testsuite.txt shows, which pandoc's test folder has.
			for _, img := range map[string][]string{"testsuite.txt": {"lalune.jpg", "movie.jpg"}}[name] {
				if err := os.WriteFile(filepath.Join(dir, img), jpegBytes(t, 3, 2), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			seed := strings.TrimSuffix(name, ".txt") + ".md"
			if err := os.WriteFile(filepath.Join(dir, seed), src, 0o644); err != nil {
				t.Fatal(err)
			}
			var c doc.Collect
			diags, err := Stream(dir, Options{}, &c)
			if err != nil {
				t.Fatal(err)
			}
			if name == "markdown-reader-more.txt" {
				// pandoc gives two headings the id "foobar"; seedpress
				// refuses a duplicate id. Read with the second renamed.
				const dup = `markdown-reader-more.md:189:3: error: duplicate id "foobar": it is also the id of the heading at markdown-reader-more.md:187:1`
				if !diags.HasErrors() || !strings.Contains(diagString(diags), dup) {
					t.Errorf("the duplicate id is not refused: %s", diagString(diags))
				}
				second := bytes.LastIndex(src, []byte("{#foobar"))
				src = append(src[:second:second], append([]byte("{#foobar-2"), src[second+len("{#foobar"):]...)...)
				if err := os.WriteFile(filepath.Join(dir, seed), src, 0o644); err != nil {
					t.Fatal(err)
				}
				c = doc.Collect{}
				if diags, err = Stream(dir, Options{}, &c); err != nil {
					t.Fatal(err)
				}
			}
			warned := map[doc.Pos]bool{}
			for _, d := range diags {
				if d.Pos.Line == 0 {
					t.Errorf("diagnostic without a line: %s", d)
				}
				warned[d.Pos] = true
			}
			if len(c.Book.Documents) != 1 {
				t.Fatalf("no document: %v", diags)
			}
			var text string
			for _, l := range c.Book.Documents[0].Leaves() {
				if l.Kind == doc.KindCode {
					continue // code is kept as written
				}
				if warned[l.Block.Position()] {
					continue // kept as text with a warning
				}
				for _, re := range markupLeft {
					if m := re.FindString(l.Text); m != "" {
						t.Errorf("%s: markup left in the text: %q", l.Block.Position(), m)
					}
				}
				text += l.Text + "\n"
			}
			// The metadata block is metadata, not text.
			if name == "testsuite.txt" {
				d := c.Book.Documents[0]
				if d.Title != "Pandoc Test Suite" || strings.Join(d.Authors, "; ") != "John MacFarlane; Anonymous" {
					t.Errorf("title block: title %q, authors %q", d.Title, d.Authors)
				}
				if strings.Contains(text, "% Pandoc") {
					t.Errorf("the title block is in the text")
				}
			}
		})
	}
}

// jpegBytes returns a w×h grey JPEG image.
func jpegBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
