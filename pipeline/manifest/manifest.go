// Package manifest reads seeds/book.yaml, the book's metadata.
//
// book.yaml uses pandoc's metadata keys (title, subtitle, author, lang,
// date, publisher, rights, description, subject, identifier, cover-image)
// plus papersize and documents (per-seed overrides). It is read as a
// yaml.Node tree, never decoded into Go values directly, so that every
// problem carries the line and column it concerns, and every problem of the
// file is reported at once.
package manifest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/internal/resource"
)

// FileName is the manifest's name inside the seeds folder.
const FileName = "book.yaml"

// MaxSize is the largest book.yaml that Load reads. Book metadata is a few
// hundred bytes; the cap keeps a hostile file from costing memory and time.
const MaxSize = 1 << 20

// MaxCoverSize is the largest cover image that Load reads: the limit of
// every image of the book.
const MaxCoverSize = resource.MaxSize

// Manifest is the parsed book.yaml.
type Manifest struct {
	Meta doc.Meta
	// Documents holds the per-document overrides keyed by seed file name.
	Documents map[string]DocumentOverride
	// Found reports whether book.yaml existed.
	Found bool
	// Keys holds the keys book.yaml gave a valid value, so that a seed's
	// front matter may set the others.
	Keys map[string]bool
}

// DocumentOverride is what book.yaml may say about one seed.
type DocumentOverride struct {
	Title string
}

// The keys book.yaml may hold, in the order the documentation lists them.
var keys = []string{
	"title", "subtitle", "author", "lang", "date", "publisher", "rights",
	"description", "subject", "identifier", "cover-image", "papersize", "toc-depth", "documents",
}

// documentKeys are the keys of one entry of documents.
var documentKeys = []string{"title"}

// PaperSizes are the values papersize accepts (case-insensitive).
var PaperSizes = []string{"a4", "a5", "letter"}

// Load reads dir/book.yaml. A missing file is not an error: Found is false,
// Meta is zero and there are no diagnostics. Otherwise Found is true, Meta
// holds every value that was valid (Lang defaults to doc.DefaultLang and PaperSize to
// "a5"), and the diagnostics list every problem found, each at its line and
// column in book.yaml. Anchors and aliases are refused before anything is
// decoded, which makes "billion laughs" files harmless.
func Load(dir string) (*Manifest, diag.List) {
	l := &loader{dir: dir, m: &Manifest{}}
	name := filepath.Join(dir, FileName)
	f, err := os.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return l.m, nil
	}
	l.m.Found = true
	if err != nil {
		l.errorf(nil, "cannot read: %v", errors.Unwrap(err))
		return l.m, l.diags
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		l.errorf(nil, "cannot read: %v", err)
		return l.m, l.diags
	}
	if len(data) > MaxSize {
		l.errorf(nil, "file is larger than the limit of %d bytes (1 MiB); book metadata needs a few hundred", MaxSize)
		return l.m, l.diags
	}
	l.parse(data)
	return l.m, l.diags
}

type loader struct {
	dir   string
	m     *Manifest
	diags diag.List
	// front is set when the loader reads a seed's front matter (see
	// ParseFrontMatter) rather than book.yaml.
	front *FrontMatter
	file  string // the file of positions; FileName when ""
	line  int    // the line of the YAML's first line in file, less one
}

// pos returns the position of n in the file read (the whole file for nil).
func (l *loader) pos(n *yaml.Node) doc.Pos {
	file := l.file
	if file == "" {
		file = FileName
	}
	if n == nil {
		return doc.Pos{File: file}
	}
	return doc.Pos{File: file, Line: n.Line + l.line, Col: n.Column}
}

func (l *loader) errorf(n *yaml.Node, format string, args ...any) {
	l.diags.Errorf(l.pos(n), format, args...)
}

func (l *loader) warnf(n *yaml.Node, format string, args ...any) {
	l.diags.Warnf(l.pos(n), format, args...)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

func (l *loader) parse(data []byte) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil && err != io.EOF {
		l.yamlError(err)
		return
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		l.errorf(&extra, "more than one YAML document; book.yaml holds one mapping")
		return
	} else if err != io.EOF {
		l.yamlError(err)
		return
	}
	if l.refuseAliases(&root) {
		return
	}
	if l.front != nil {
		l.frontMatter(&root)
		return
	}
	l.m.Meta.Lang = doc.DefaultLang
	l.m.Meta.PaperSize = "a5"
	if root.Kind == 0 || len(root.Content) == 0 {
		l.warnf(nil, "book.yaml is empty; the defaults apply")
		return
	}
	top := root.Content[0]
	if top.Kind == yaml.ScalarNode && top.Tag == "!!null" {
		l.warnf(nil, "book.yaml is empty; the defaults apply")
		return
	}
	if top.Kind != yaml.MappingNode {
		l.errorf(top, "book.yaml must be a mapping of keys to values, not %s", kindName(top))
		return
	}
	for _, kv := range pairs(l, top, keys) {
		l.value(kv.key.Value, kv.value)
	}
}

// setKey records that key got a valid value.
func (l *loader) setKey(key string) {
	if l.m.Keys == nil {
		l.m.Keys = map[string]bool{}
	}
	l.m.Keys[key] = true
}

// yamlError reports a syntax error. yaml gives a line but no column.
func (l *loader) yamlError(err error) {
	msg := err.Error()
	line := 1 // yaml leaves the line out on the first line
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	p := l.pos(nil)
	p.Line, p.Col = line+l.line, 1
	l.diags.Errorf(p, "malformed YAML: %s", msg)
}

// refuseAliases reports every anchor and alias of the tree as an error and
// says whether there was one. Book metadata never needs them, and refusing
// them before decoding makes exponential alias expansion impossible.
func (l *loader) refuseAliases(root *yaml.Node) bool {
	var first *yaml.Node
	count := 0
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			if first == nil {
				first = n
			}
			count++
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(root)
	if first == nil {
		return false
	}
	what := "anchor &" + first.Anchor
	if first.Kind == yaml.AliasNode {
		what = "alias *" + first.Value
	}
	where := "book.yaml"
	if l.front != nil {
		where = "front matter"
	}
	l.errorf(first, "YAML anchors and aliases are not allowed in %s (%s; %d in the file); write each value out", where, what, count)
	return true
}

type pair struct{ key, value *yaml.Node }

// pairs returns the key-value pairs of mapping m whose keys are known,
// reporting keys that are not strings, duplicates and unknown keys.
func pairs(l *loader, m *yaml.Node, known []string) []pair {
	var out []pair
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			l.errorf(k, "a key must be a string, not %s", kindName(k))
			continue
		}
		if first, ok := seen[k.Value]; ok {
			l.errorf(k, "duplicate key %q (first at line %d)", k.Value, first.Line)
			continue
		}
		seen[k.Value] = k
		if !contains(known, k.Value) {
			if l.front != nil {
				// Front matter often carries other tools' keys (layout,
				// tags, weight): not an error.
				l.warnf(k, "front matter key %q is not used (known keys: %s)", k.Value, strings.Join(known, ", "))
				continue
			}
			if s := suggest(k.Value, known); s != "" {
				l.errorf(k, "unknown key %q; did you mean %q?", k.Value, s)
			} else {
				l.errorf(k, "unknown key %q; known keys: %s", k.Value, strings.Join(known, ", "))
			}
			continue
		}
		out = append(out, pair{k, v})
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// kindName names the kind of n for messages: "a sequence", "a mapping", "a
// string".
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a sequence"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	switch n.Tag {
	case "!!null":
		return "empty"
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	}
	return "a string"
}

// str returns the text of scalar n, reporting a value of the wrong kind or
// an empty one. what names the value in messages.
func (l *loader) str(what string, n *yaml.Node) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		l.errorf(n, "%s must be a string, not %s", what, kindName(n))
		return "", false
	}
	s := strings.TrimSpace(n.Value)
	if n.Tag == "!!null" || s == "" {
		l.errorf(n, "%s is empty; give it a value or leave the key out", what)
		return "", false
	}
	return s, true
}

// personName returns the name of an author given as a mapping in front
// matter (Quarto's "- name: Ayşe Yılmaz" with affiliation and the like),
// or nil.
func (l *loader) personName(n *yaml.Node) *yaml.Node {
	if l.front == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "name" {
			return n.Content[i+1]
		}
	}
	return nil
}

// strs returns a string or a list of strings.
func (l *loader) strs(what string, n *yaml.Node) []string {
	if name := l.personName(n); name != nil {
		n = name
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if s, ok := l.str(what, n); ok {
			return []string{s}
		}
		return nil
	case yaml.SequenceNode:
		if len(n.Content) == 0 {
			l.errorf(n, "%s is an empty list; give it a value or leave the key out", what)
			return nil
		}
		var out []string
		for i, c := range n.Content {
			if name := l.personName(c); name != nil {
				c = name
			}
			if s, ok := l.str(fmt.Sprintf("%s[%d]", what, i+1), c); ok {
				out = append(out, s)
			}
		}
		return out
	}
	l.errorf(n, "%s must be a string or a list of strings, not %s", what, kindName(n))
	return nil
}

func (l *loader) value(key string, v *yaml.Node) {
	meta := &l.m.Meta
	before := len(l.diags)
	defer func() {
		if len(l.diags) == before {
			l.setKey(key)
		}
	}()
	set := func(dst *string) {
		if s, ok := l.str(key, v); ok {
			*dst = s
		}
	}
	switch key {
	case "title":
		set(&meta.Title)
	case "subtitle":
		set(&meta.Subtitle)
	case "publisher":
		set(&meta.Publisher)
	case "rights":
		set(&meta.Rights)
	case "description":
		set(&meta.Description)
	case "identifier":
		set(&meta.Identifier)
	case "author":
		meta.Authors = l.strs(key, v)
	case "subject":
		meta.Subjects = l.strs(key, v)
	case "lang":
		if s, ok := l.str(key, v); ok {
			tag, err := language.Parse(s)
			if err != nil {
				l.errorf(v, "lang %q is not a BCP 47 language tag such as \"tr\" or \"tr-TR\": %v", s, err)
				break
			}
			meta.Lang = tag.String()
		}
	case "abstract":
		if l.front != nil {
			set(&l.front.Abstract)
		}
	case "toc-depth":
		if v.Kind != yaml.ScalarNode || v.Tag != "!!int" {
			l.errorf(v, "toc-depth must be a whole number from 1 to 6, not %s", kindName(v))
			break
		}
		d, err := strconv.Atoi(v.Value)
		if err != nil || d < 1 || d > 6 {
			l.errorf(v, "toc-depth %s is not a whole number from 1 to 6", v.Value)
			break
		}
		meta.TOCDepth = d
	case "date":
		if s, ok := l.str(key, v); ok {
			if l.front != nil && len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
				if _, ok := doc.ParseDate(s[:10]); ok {
					s = s[:10] // a date and time (Hugo, Jekyll): the date
				}
			}
			if _, ok := doc.ParseDate(s); !ok {
				l.errorf(v, "date %q must be YYYY, YYYY-MM or YYYY-MM-DD", s)
				break
			}
			meta.Date = s
		}
	case "papersize":
		if s, ok := l.str(key, v); ok {
			s = strings.ToLower(s)
			if !contains(PaperSizes, s) {
				l.errorf(v, "papersize %q is not one of %s", v.Value, strings.Join(PaperSizes, ", "))
				break
			}
			meta.PaperSize = s
		}
	case "cover-image":
		if s, ok := l.str(key, v); ok {
			meta.Cover = l.cover(s, v)
		}
	case "documents":
		l.documents(v)
	}
}

// cover reads and checks the cover image, by the rules of every image of
// the book (resource.Load).
func (l *loader) cover(rel string, n *yaml.Node) *doc.Image {
	img, err := resource.Load(l.dir, rel, "cover-image")
	if err != nil {
		l.errorf(n, "%s", err)
		return nil
	}
	return img
}

// documents reads the per-seed overrides. A name that is not a seed in the
// folder is a warning (it may be a seed that was removed); a name that leads
// outside the folder is an error.
func (l *loader) documents(v *yaml.Node) {
	if v.Kind != yaml.MappingNode {
		l.errorf(v, "documents must be a mapping of seed file names to overrides, not %s", kindName(v))
		return
	}
	if l.m.Documents == nil {
		l.m.Documents = map[string]DocumentOverride{}
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, e := v.Content[i], v.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Tag == "!!null" || strings.TrimSpace(k.Value) == "" {
			l.errorf(k, "documents: a seed file name must be a non-empty string, not %s", kindName(k))
			continue
		}
		name := k.Value
		if first, ok := seen[name]; ok {
			l.errorf(k, "documents: duplicate key %q (first at line %d)", name, first.Line)
			continue
		}
		seen[name] = k
		what := fmt.Sprintf("documents.%s", name)
		if e.Kind != yaml.MappingNode {
			l.errorf(e, "%s must be a mapping such as {title: ...}, not %s", what, kindName(e))
			continue
		}
		var ov DocumentOverride
		for _, p := range pairs(l, e, documentKeys) {
			if s, ok := l.str(what+".title", p.value); ok {
				ov.Title = s
			}
		}
		if l.isSeed(name, k) {
			l.m.Documents[path.Clean(name)] = ov
		}
	}
}

// isSeed reports whether name is a seed (.txt or .md file) of the folder,
// warning when it is not, and reporting an error when it leads outside.
func (l *loader) isSeed(name string, k *yaml.Node) bool {
	if filepath.IsAbs(name) || path.IsAbs(name) || filepath.VolumeName(name) != "" {
		l.errorf(k, "documents: %q is an absolute path; give the seed's path relative to the seeds folder", name)
		return false
	}
	clean := path.Clean(strings.ReplaceAll(name, `\`, "/"))
	if clean == ".." || strings.HasPrefix(clean, "../") {
		l.errorf(k, "documents: %q leads outside the seeds folder", name)
		return false
	}
	// Seeds are the .txt and .md files of the folder itself, not of its
	// subfolders, and not hidden; a symbolic link is followed (the pipeline
	// refuses one that leads out, so this says nothing about it).
	fi, err := os.Stat(filepath.Join(l.dir, filepath.FromSlash(clean)))
	if err != nil || !fi.Mode().IsRegular() || !IsSeedName(clean) || strings.Contains(clean, "/") || strings.HasPrefix(clean, ".") {
		l.warnf(k, "documents: %q is not a seed in the seeds folder (a .txt or .md file); its override is not used", name)
		return false
	}
	return true
}

// IsSeedName reports whether name, a file name or a slash-separated path,
// has a seed's extension (.md or .txt), in any case.
func IsSeedName(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".md" || ext == ".txt"
}

// suggest returns the known key closest to key when it is close enough to
// be a typo: the same letters up to case and '-' or '_', or an edit
// distance (with transpositions) of at most a third of the key's length.
func suggest(key string, known []string) string {
	squash := func(s string) string {
		return strings.NewReplacer("-", "", "_", "", " ", "").Replace(strings.ToLower(s))
	}
	best, bestD := "", 1<<30
	for _, k := range known {
		d := distance(squash(key), squash(k))
		if d < bestD {
			best, bestD = k, d
		}
	}
	limit := len(best) / 3
	if limit < 1 {
		limit = 1
	}
	if best == "" || bestD > limit {
		return ""
	}
	return best
}

// distance is the optimal string alignment distance between a and b: the
// edits (insert, delete, substitute, swap two neighbours) that turn a into
// b, counted in runes.
func distance(a, b string) int {
	x, y := []rune(a), []rune(b)
	if len(x) > 64 || len(y) > 64 {
		return 1 << 20 // no key is that long; and the table stays small
	}
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}
