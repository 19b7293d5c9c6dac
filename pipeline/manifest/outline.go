package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	gtext "github.com/yuin/goldmark/text"
	"go.yaml.in/yaml/v3"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// The outline files a seeds folder may have.
const (
	SummaryName = "SUMMARY.md"    // mdBook, GitBook and HonKit's outline
	MdBookName  = "book.toml"     // mdBook's settings: [book] src
	GitBookName = ".gitbook.yaml" // GitBook's settings: root, structure.summary
)

// Outline is a book's reading order from its outline file: the chapter
// files, their titles and their nesting.
type Outline struct {
	// File is the outline file's path in the seeds folder,
	// slash-separated ("SUMMARY.md", "src/SUMMARY.md").
	File string
	// Root is the folder the outline's links are relative to, "" for the
	// seeds folder itself ("src", "docs").
	Root    string
	Entries []OutlineEntry
}

// OutlineEntry is one chapter of the outline.
type OutlineEntry struct {
	Path  string // the chapter's file, relative to the seeds folder, slash-separated
	Title string // the link's text
	// Depth is the nesting under other chapters (0 for a chapter at the
	// top); a draft chapter (a title without a file) does not count.
	Depth int
	// Part is the title of the part that begins with this chapter: the
	// heading ("# Part", "## Part") or draft chapters ("[Part]()") before
	// it, "" when none.
	Part string
	// PartEnds reports that the parts end before this chapter: it is the
	// first after a separator line ("---", mdBook's suffix chapters) that
	// follows a part, and it and the chapters after it stand outside any.
	PartEnds bool
	Pos      doc.Pos // the link in the outline file
}

// LoadOutline finds and reads the outline of the seeds folder dir: the
// SUMMARY.md that book.toml (mdBook: [book] src, by default "src") or
// .gitbook.yaml (GitBook: root and structure.summary) names, else
// SUMMARY.md in dir. It returns nil and no diagnostics when there is none.
//
// SUMMARY.md is Markdown: a leading level-1 heading is its own title
// ("# Summary") and ignored; other headings are part titles; each list
// item's first link is a chapter, nested lists are its sections; a link
// without a target ("[Taslak]()", mdBook's draft chapter) or a list item
// without a link is a part title for the chapters after it; links in
// paragraphs (mdBook's prefix and suffix chapters) are chapters at the top;
// a separator line ("---") after a part ends the parts, so the chapters
// after it (mdBook's suffix chapters) stand outside any.
// A link to a file that does not exist is an error at its position; a link
// out of the folder, to another site, to a file that is not a seed (.md,
// .txt) or to a chapter listed already is a warning, and left out.
func LoadOutline(dir string) (*Outline, diag.List) {
	var diags diag.List
	summary, root, ok := findOutline(dir, &diags)
	if !ok {
		return nil, diags
	}
	o := &Outline{File: summary, Root: root}
	data, err := readSmall(filepath.Join(dir, filepath.FromSlash(summary)))
	whole := doc.Pos{File: summary}
	if err != nil {
		diags.Errorf(whole, "%v", err)
		return nil, diags
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		diags.Errorf(whole, "not UTF-8 text")
		return nil, diags
	}
	r := &outlineReader{dir: dir, o: o, src: data, diags: &diags, seen: map[string]doc.Pos{}}
	r.read()
	if len(o.Entries) == 0 && !diags.HasErrors() {
		diags.Errorf(whole, "no chapters: the outline links no .md or .txt file")
	}
	return o, diags
}

// readSmall reads a file of at most MaxSize bytes.
func readSmall(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", errors.Unwrap(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read: %v", err)
	}
	if len(data) > MaxSize {
		return nil, fmt.Errorf("file is larger than the limit of %d bytes (1 MiB)", MaxSize)
	}
	return data, nil
}

// findOutline returns the outline file's path and the links' root folder,
// both slash-separated and relative to dir.
func findOutline(dir string, diags *diag.List) (summary, root string, ok bool) {
	exists := func(rel string) bool {
		fi, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
		return err == nil && fi.Mode().IsRegular()
	}
	inside := func(file, rel string) (string, bool) {
		clean := path.Clean(strings.ReplaceAll(strings.TrimSpace(rel), `\`, "/"))
		if path.IsAbs(clean) || filepath.IsAbs(rel) || clean == ".." || strings.HasPrefix(clean, "../") {
			diags.Errorf(doc.Pos{File: file}, "%q leads outside the seeds folder", rel)
			return "", false
		}
		if clean == "." {
			clean = ""
		}
		return clean, true
	}
	switch {
	case exists(MdBookName):
		data, err := readSmall(filepath.Join(dir, MdBookName))
		if err != nil {
			diags.Errorf(doc.Pos{File: MdBookName}, "%v", err)
			return "", "", false
		}
		src := tomlString(string(data), "book", "src")
		if src == "" {
			src = "src"
		}
		root, ok := inside(MdBookName, src)
		if !ok {
			return "", "", false
		}
		summary = path.Join(root, SummaryName)
		if !exists(summary) {
			diags.Errorf(doc.Pos{File: MdBookName}, "mdBook's %s is not in %q (book.toml's src)", SummaryName, root+"/")
			return "", "", false
		}
		return summary, root, true
	case exists(GitBookName):
		data, err := readSmall(filepath.Join(dir, GitBookName))
		if err != nil {
			diags.Errorf(doc.Pos{File: GitBookName}, "%v", err)
			return "", "", false
		}
		var cfg struct {
			Root      string `yaml:"root"`
			Structure struct {
				Summary string `yaml:"summary"`
			} `yaml:"structure"`
		}
		if err := yaml.Unmarshal(data, &cfg); err != nil {
			diags.Errorf(doc.Pos{File: GitBookName}, "malformed YAML: %s", strings.TrimPrefix(err.Error(), "yaml: "))
			return "", "", false
		}
		root, ok := inside(GitBookName, cfg.Root)
		if !ok {
			return "", "", false
		}
		name := cfg.Structure.Summary
		if name == "" {
			name = SummaryName
		}
		rel, ok := inside(GitBookName, path.Join(root, name))
		if !ok {
			return "", "", false
		}
		if !exists(rel) {
			if root == "" && name == SummaryName {
				return "", "", false // GitBook settings without an outline
			}
			diags.Errorf(doc.Pos{File: GitBookName}, "the summary %q does not exist", rel)
			return "", "", false
		}
		return rel, path.Dir(rel), true
	case exists(SummaryName):
		return SummaryName, "", true
	}
	return "", "", false
}

// tomlString returns the value of a basic or literal string key of a TOML
// table, or "": enough of TOML for book.toml's [book] src.
func tomlString(src, table, key string) string {
	current := ""
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") {
			current = strings.TrimSpace(strings.Trim(line, "[]"))
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || current != table || strings.TrimSpace(k) != key {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') {
			if end := strings.IndexByte(v[1:], v[0]); end >= 0 {
				return v[1 : end+1]
			}
		}
	}
	return ""
}

type outlineReader struct {
	dir   string
	o     *Outline
	src   []byte
	diags *diag.List
	seen  map[string]doc.Pos
	part  string // the part title waiting for its first chapter
	// inPart is set once a part has begun, until a separator ends it;
	// partEnds when a separator has ended it and no chapter has followed.
	inPart, partEnds bool
}

var outlineParser = parser.NewParser(
	parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithInlineParsers(parser.DefaultInlineParsers()...),
	parser.WithParagraphTransformers(parser.DefaultParagraphTransformers()...),
)

func (r *outlineReader) read() {
	root := outlineParser.Parse(gtext.NewReader(r.src))
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			if n == root.FirstChild() && n.Level == 1 {
				continue // "# Summary"
			}
			r.setPart(r.text(n), n)
		case *ast.ThematicBreak:
			if r.inPart && r.part == "" {
				r.inPart, r.partEnds = false, true
			}
		case *ast.List:
			r.list(n, 0)
		case *ast.Paragraph:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if l, ok := c.(*ast.Link); ok {
					r.link(l, 0)
				}
			}
		}
	}
	if r.part != "" {
		r.diags.Warnf(doc.Pos{File: r.o.File}, "part title %q has no chapter after it; left out", r.part)
	}
}

// setPart makes title the part of the next chapter.
func (r *outlineReader) setPart(title string, n ast.Node) {
	if r.part != "" {
		r.diags.Warnf(r.pos(n), "part title %q has no chapter after it; left out", r.part)
	}
	r.part = title
}

// list reads the items of a list at depth.
func (r *outlineReader) list(l *ast.List, depth int) {
	for it := l.FirstChild(); it != nil; it = it.NextSibling() {
		inner := depth
		var link *ast.Link
		var label ast.Node
		for c := it.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				if label == nil {
					label = c
					link = firstLink(c)
				}
			case *ast.List:
				r.list(c, inner)
			}
			if label == c && c != nil {
				switch {
				case link != nil && len(link.Destination) > 0:
					if r.link(link, depth) {
						inner = depth + 1
					}
				case link != nil:
					r.setPart(r.text(link), link) // a draft chapter
				default:
					if t := r.text(c); t != "" {
						r.setPart(t, c)
					}
				}
			}
		}
	}
}

// firstLink returns the first link in n.
func firstLink(n ast.Node) *ast.Link {
	var found *ast.Link
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			found = l
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// link adds the chapter that link l names at depth, and reports whether it
// did.
func (r *outlineReader) link(l *ast.Link, depth int) bool {
	at := r.pos(l)
	title := r.text(l)
	dest := string(l.Destination)
	if dest == "" {
		r.setPart(title, l)
		return false
	}
	if u, err := url.Parse(dest); err == nil && (u.Scheme != "" || u.Host != "") {
		r.diags.Warnf(at, "link to %q is not a chapter file; left out", dest)
		return false
	}
	if i := strings.IndexAny(dest, "#?"); i >= 0 {
		dest = dest[:i]
	}
	if p, err := url.PathUnescape(dest); err == nil {
		dest = p
	}
	clean := path.Clean(path.Join(r.o.Root, strings.ReplaceAll(dest, `\`, "/")))
	if path.IsAbs(dest) || clean == ".." || strings.HasPrefix(clean, "../") {
		r.diags.Warnf(at, "link to %q leads outside the seeds folder; left out", dest)
		return false
	}
	if !IsSeedName(clean) {
		r.diags.Warnf(at, "link to %q is not a seed (*.md, *.txt); left out", dest)
		return false
	}
	if clean == r.o.File {
		r.diags.Warnf(at, "the outline links itself; left out")
		return false
	}
	fi, err := os.Stat(filepath.Join(r.dir, filepath.FromSlash(clean)))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		r.diags.Errorf(at, "chapter file %q does not exist", clean)
		return false
	case err != nil:
		r.diags.Errorf(at, "chapter file %q: %v", clean, errors.Unwrap(err))
		return false
	case fi.IsDir():
		r.diags.Errorf(at, "chapter %q is a folder, not a file", clean)
		return false
	}
	if first, ok := r.seen[clean]; ok {
		r.diags.Warnf(at, "chapter %q is listed already (line %d); left out here", clean, first.Line)
		return false
	}
	r.seen[clean] = at
	if title == "" {
		title = strings.TrimSuffix(path.Base(clean), path.Ext(clean))
	}
	r.o.Entries = append(r.o.Entries, OutlineEntry{Path: clean, Title: title, Depth: depth, Part: r.part, PartEnds: r.partEnds && r.part == "", Pos: at})
	if r.part != "" {
		r.inPart = true
	}
	r.part, r.partEnds = "", false
	return true
}

// text returns the plain text of n's inlines.
func (r *outlineReader) text(n ast.Node) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(r.src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Segment.Value(r.src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// pos returns the position of n in the outline file, its block's when n
// has none.
func (r *outlineReader) pos(n ast.Node) doc.Pos {
	for ; n != nil; n = n.Parent() {
		if off := n.Pos(); off >= 0 {
			off = min(off, len(r.src))
			line := bytes.Count(r.src[:off], []byte("\n")) + 1
			start := bytes.LastIndexByte(r.src[:off], '\n') + 1
			return doc.Pos{File: r.o.File, Line: line, Col: utf8.RuneCount(r.src[start:off]) + 1}
		}
	}
	return doc.Pos{File: r.o.File}
}

// Unlisted returns the seed files (*.md, *.txt) under the outline's root
// folder that the outline does not list, sorted, slash-separated; hidden
// files and folders, and the build folders of mdBook ("book") and GitBook
// ("_book", "node_modules"), are not searched.
func (o *Outline) Unlisted(dir string) []string {
	listed := map[string]bool{o.File: true}
	for _, e := range o.Entries {
		listed[e.Path] = true
	}
	var out []string
	base := filepath.Join(dir, filepath.FromSlash(o.Root))
	_ = filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p != base && (strings.HasPrefix(name, ".") || name == "_book" || name == "node_modules" || (o.Root == "" && name == "book" && filepath.Dir(p) == base)) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || !IsSeedName(name) {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return nil
		}
		rel = filepath.ToSlash(rel)
		if !listed[rel] {
			out = append(out, rel)
		}
		return nil
	})
	sort.Strings(out)
	return out
}
