// Package pipeline runs seedpress's stages, from a seeds folder to one
// canonical model: read and decode, normalise, structure, segment, enrich.
package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/seedpress/seedpress/internal/idset"
	"github.com/seedpress/seedpress/internal/parallel"
	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/internal/decode"
	"github.com/seedpress/seedpress/pipeline/internal/enrich"
	"github.com/seedpress/seedpress/pipeline/internal/normalize"
	"github.com/seedpress/seedpress/pipeline/internal/resource"
	"github.com/seedpress/seedpress/pipeline/internal/segment"
	"github.com/seedpress/seedpress/pipeline/internal/structure"
	"github.com/seedpress/seedpress/pipeline/internal/xref"
	"github.com/seedpress/seedpress/pipeline/manifest"
	"github.com/seedpress/seedpress/pipeline/turkish"
)

// DefaultMaxFileSize is the largest seed Build reads when
// Options.MaxFileSize is zero: 64 MiB.
const DefaultMaxFileSize = 64 << 20

// Options tunes Build. The zero value is the default.
type Options struct {
	// Workers bounds the documents processed at once; zero means GOMAXPROCS.
	// The result does not depend on it.
	Workers int
	// MaxFileSize is the largest seed, in bytes, that Build reads; zero
	// means DefaultMaxFileSize.
	MaxFileSize int64
	// OmitUses leaves the glossary's Uses nil (see enrich.Builder): they
	// grow with the book, a Ref per sentence that mentions an acronym, and
	// no edition reads them (the dataset finds the mentions in the
	// documents' Abbr inlines). Everything else is the same.
	OmitUses bool
}

// Build reads every seed of seedsDir and returns the book and every problem
// found. The book is nil when diags has errors. It is Stream into a
// doc.Collect: the same book, all of it in memory.
func Build(seedsDir string, opts Options) (*doc.Book, diag.List) {
	var c doc.Collect
	diags, err := Stream(seedsDir, opts, &c)
	if err != nil { // doc.Collect never fails
		panic(err)
	}
	if diags.HasErrors() {
		return nil, diags
	}
	return &c.Book, diags
}

// Stream reads every seed of seedsDir and gives the book to sink one
// document at a time, in reading order (see doc.Sink), with every problem
// found. It returns the first error of the sink; the sink's End is called
// only when the seeds have no errors.
//
// The seeds are the *.txt and *.md files directly in seedsDir (the
// extension in any case), read in byte order of their names; book.yaml is
// the manifest. The images the seeds use (figures, inline images) are
// resources anywhere inside seedsDir, read and checked once each (see
// package resource); an image that cannot be used is an error where it is
// written. Hidden files, other subfolders and other files are skipped with
// a note. When seedsDir has a book outline (SUMMARY.md, see
// manifest.LoadOutline), the outline lists the seeds instead, in its
// order and with its titles, nesting and parts, subfolders included; the
// seeds it does not list are warned about and left out. A symbolic link is
// followed only when it stays inside seedsDir. A Markdown seed's front
// matter (YAML, or pandoc's title block) gives its title, subtitle,
// authors, date, abstract and language, and the first seed's gives the
// book the keys that book.yaml does not. A document's title is the
// outline's, else its front matter's, else its leading heading, else
// book.yaml's documents entry, else a numbered label.
// Each document is decoded, normalised, structured, split into sentences
// and searched for acronym definitions by up to Options.Workers goroutines
// at once; then, in reading order, it gets its id and title, its mentions
// of the glossary so far are marked (see enrich.Builder), and it goes to
// the sink. At most a few documents per worker are in memory at once, so
// memory does not grow with the book unless the sink keeps the documents.
// The result does not depend on the number of workers.
//
// Every heading gets an id, sections, figures and tables their numbers,
// and internal links and cross-references their targets (see package
// xref). A reference may point at a later document, so when any Markdown
// seed may hold one (xref.MayRefer of its bytes), every seed is first read
// as far as its structure, on the same workers, into an index of the
// book's ids and numbers, and dropped; the documents are then read again
// and resolved before they are split into sentences, since a reference's
// text ("Şekil 3’te") is part of its sentence. A book without Markdown
// seeds, or whose Markdown seeds have no '@', no '#' other than a
// heading's, and no ".md", is not read twice.
//
// Diagnostics of all files are collected and sorted by file, line and
// column: Stream never stops at the first bad seed, but it stops giving
// documents to the sink at the first error.
func Stream(seedsDir string, opts Options, sink doc.Sink) (diag.List, error) {
	var diags diag.List
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = DefaultMaxFileSize
	}
	seeds, outline, ds := listSeeds(seedsDir)
	diags.Append(ds)
	if seeds == nil || seeds.len() == 0 { // listSeeds said why
		diags.Sort()
		return diags, nil
	}

	m, ds := manifest.Load(seedsDir)
	diags.Append(ds)
	if m == nil {
		m = &manifest.Manifest{}
	}
	meta := m.Meta
	meta.Lang = meta.Language()
	lang := doc.PrimaryLang(meta.Lang)

	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// The index of ids and numbers: filled first when a seed may refer to
	// another, else document by document in the loop below.
	refs := xref.New(meta.Lang)
	var resolve func(*doc.Document) diag.List
	if forceIndex || mayRefer(seeds, workers, opts.MaxFileSize) {
		diags.Append(indexSeeds(refs, seeds, workers, opts.MaxFileSize))
		refs.Seal()
		resolve = refs.Resolve
	} else {
		refs.ForgetResolved() // nothing can name a document once it is given
	}

	// The seeds are read on workers goroutines, at most 2×workers ahead of
	// the one taken next, so that few documents are in memory at once
	// whatever the number of seeds.
	images := resource.NewLoader(seedsDir)
	reads := parallel.Ordered(seeds.len(), workers, 2*workers, func(i int) read {
		return readSeed(seeds, i, opts.MaxFileSize, resolve, images)
	})

	var sinkErr error
	feeding := !diags.HasErrors() // the sink gets nothing once an error is known
	stop := func(err error) {
		if sinkErr == nil {
			sinkErr = err
		}
		feeding = false
	}
	g := enrich.NewBuilder()
	g.OmitUses = opts.OmitUses
	for i, r := range reads {
		diags.Append(r.diags)
		d := r.doc
		if d == nil || r.diags.HasErrors() {
			feeding = false
			continue
		}
		d.ID = seeds.id(i)
		if e, ok := seeds.places[i]; ok && e.Title != "" { // the outline's title comes first
			d.Title, d.Depth, d.Part, d.PartEnds = e.Title, e.Depth, e.Part, e.PartEnds
		}
		if i == 0 && r.front != nil {
			lang = bookFromFront(&meta, m.Keys, r.front)
		} else if r.front != nil {
			diags.Append(bookKeysIgnored(d.Source, r.front))
		}
		if d.Lang == meta.Lang {
			d.Lang = ""
		}
		docLang := meta.Lang
		if d.Lang != "" {
			docLang = d.Lang
		}
		structure.CalloutTitles(d.Blocks, docLang)
		for _, n := range d.Notes {
			structure.CalloutTitles(n.Blocks, docLang)
		}
		if d.Title == "" { // a front matter's title comes first
			d.Title = documentTitle(d, m.Documents[d.Source].Title, lang)
		}
		// Read once: a long book's titles are not held to its end.
		delete(m.Documents, d.Source)
		if resolve == nil { // no seed refers to another: index as we go
			ds := refs.Add(d)
			ds.Append(refs.Resolve(d))
			diags.Append(ds)
			if ds.HasErrors() {
				feeding = false
			}
		}
		diags.Append(g.Add(d, r.found))
		d.Glossary = g.Terms()
		if !feeding {
			continue
		}
		if i == 0 {
			if meta.Title == "" {
				meta.Title = fallbackTitle(seedsDir, d)
			}
			if err := sink.Begin(meta, seeds.len()); err != nil {
				stop(err)
				continue
			}
		}
		if err := sink.Document(d); err != nil {
			stop(err)
		}
	}
	if outline != nil {
		diags.Append(noteUnlisted(seedsDir, outline, m, images.Used()))
	} else {
		diags.Append(noteSkipped(seedsDir, m, images.Used()))
	}
	diags.Sort()
	if feeding && !diags.HasErrors() {
		if err := sink.End(g.Terms()); err != nil {
			stop(err)
		}
	}
	return diags, sinkErr
}

// forceIndex makes Stream index the seeds first even when none may refer
// to another, so that tests can compare the two ways.
var forceIndex = false

// fallbackTitle is the book's title when the manifest gives none: the
// first document's leading heading, else the seeds folder's name.
func fallbackTitle(seedsDir string, first *doc.Document) string {
	if h, ok := first.Blocks[0].(*doc.Heading); ok {
		return doc.PlainText(h.Inlines)
	}
	abs, err := filepath.Abs(seedsDir)
	if err != nil {
		abs = seedsDir
	}
	return filepath.Base(abs)
}

// read is one seed read by a worker: the document (nil when it has
// errors), its definitions and its diagnostics.
type read struct {
	doc   *doc.Document
	found *enrich.Found
	diags diag.List
	front *manifest.FrontMatter // the seed's front matter, nil when none
}

// readSeed reads seed i of seeds, resolving its references with resolve
// when it is not nil and loading its images with images; it runs on a
// worker goroutine.
func readSeed(seeds *seedList, i int, limit int64, resolve func(*doc.Document) diag.List, images *resource.Loader) read {
	d, leaves, front, ds := readDocument(seeds.at(i), i, limit, resolve, images)
	var found *enrich.Found
	if d != nil {
		found = enrich.FindIn(leaves)
	}
	return read{doc: d, found: found, diags: ds, front: front}
}

// seedList is the seeds found in a folder, in reading order, kept small:
// a book of 100,000 seeds holds it for the whole run.
type seedList struct {
	dir string
	// names holds the file names in the seeds folder end to end, and ends
	// the end of each in names: one string for a book's names, not one per
	// name, which a book of 100,000 seeds would hold for its whole run.
	// add appends to building; done makes it names.
	names    string
	ends     []int
	building []byte
	targets  map[int]string // the targets of the seeds that are symbolic links
	// places holds each seed's entry in the book's outline (SUMMARY.md);
	// nil without one.
	places map[int]manifest.OutlineEntry
	// renamed holds the document id of each seed whose id is not
	// documentID of its name, which another seed's took (see id).
	renamed map[int]string
}

// nameIDs gives the seeds their document ids: documentID of each name,
// made unique in reading order by uniqueID. It keeps only those a suffix
// changed, so that the ids of a book of 100,000 seeds are not held while
// it streams.
func (l *seedList) nameIDs() {
	var used idset.Set
	for i := range l.len() {
		base := documentID(l.name(i))
		if id := uniqueID(base, &used); id != base {
			if l.renamed == nil {
				l.renamed = map[int]string{}
			}
			l.renamed[i] = id
		}
	}
}

// id returns the document id of seed i.
func (l *seedList) id(i int) string {
	if id, ok := l.renamed[i]; ok {
		return id
	}
	return documentID(l.name(i))
}

// add appends the seed name, whose symbolic link's target is target ("" for
// a plain file).
func (l *seedList) add(name, target string) {
	if target != "" {
		if l.targets == nil {
			l.targets = map[int]string{}
		}
		l.targets[len(l.ends)] = target
	}
	l.building = append(l.building, name...)
	l.ends = append(l.ends, len(l.building))
}

// done ends the list: the names become one string, and the seeds their
// document ids (nameIDs).
func (l *seedList) done() {
	l.names, l.building = string(l.building), nil
	l.ends = slices.Clip(l.ends)
	l.nameIDs()
}

func (l *seedList) len() int { return len(l.ends) }

// name returns the file name of seed i, after done.
func (l *seedList) name(i int) string {
	start := 0
	if i > 0 {
		start = l.ends[i-1]
	}
	return l.names[start:l.ends[i]]
}

// at returns seed i, after done.
func (l *seedList) at(i int) seedFile {
	return seedFile{dir: l.dir, name: l.name(i), target: l.targets[i]}
}

// seedFile is one seed found in the seeds folder.
type seedFile struct {
	dir    string // the seeds folder, shared by every seed
	name   string // file name in the seeds folder, the document's Source
	target string // a symbolic link's target; "" for a file
}

// path returns the path to read: the link's target for a symbolic link.
// It is joined when asked for, not kept: a book of 100,000 seeds would
// hold 100,000 paths for the whole run.
func (s seedFile) path() string {
	if s.target != "" {
		return s.target
	}
	return filepath.Join(s.dir, filepath.FromSlash(s.name))
}

// listSeeds returns the seeds of dir in reading order, with the errors that
// make a seed unusable (its entry is then left out), and the book's
// outline when dir has one (see manifest.LoadOutline), which then gives
// the seeds, their order and their places in the outline. It returns no
// seeds only with an error.
func listSeeds(dir string) (*seedList, *manifest.Outline, diag.List) {
	var diags diag.List
	whole := doc.Pos{File: dir}
	noSeeds := func() (*seedList, *manifest.Outline, diag.List) {
		diags.Errorf(whole, "no seeds (*.txt, *.md) in %s", dir)
		return nil, nil, diags
	}
	fi, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return noSeeds()
	}
	if err != nil {
		diags.Errorf(whole, "cannot read the seeds folder: %s", osMessage(err))
		return nil, nil, diags
	}
	if !fi.IsDir() {
		diags.Errorf(whole, "not a folder; give the folder that holds the seeds")
		return nil, nil, diags
	}
	entries, err := os.ReadDir(dir) // sorted by name
	if err != nil {
		diags.Errorf(whole, "cannot read the seeds folder: %s", osMessage(err))
		return nil, nil, diags
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		diags.Errorf(whole, "cannot read the seeds folder: %s", osMessage(err))
		return nil, nil, diags
	}
	outline, ds := manifest.LoadOutline(dir)
	diags.Append(ds)
	if outline != nil {
		seeds := &seedList{dir: dir}
		for _, e := range outline.Entries {
			if name, target, ok := seedAt(dir, root, e.Path, &diags); ok {
				seeds.add(name, target)
				if seeds.places == nil {
					seeds.places = map[int]manifest.OutlineEntry{}
				}
				seeds.places[seeds.len()-1] = e
			}
		}
		if seeds.len() == 0 && !diags.HasErrors() {
			return noSeeds()
		}
		seeds.done()
		return seeds, outline, diags
	}
	if ds.HasErrors() {
		return nil, nil, diags
	}
	seeds := &seedList{dir: dir, ends: make([]int, 0, len(entries))} // no slack to grow into
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || !manifest.IsSeedName(name) {
			continue // noted by noteSkipped
		}
		if e.Type().IsRegular() {
			// A file, not a link, in the folder whose real path is root:
			// seedAt would find nothing to resolve and nothing wrong.
			seeds.add(name, "")
			continue
		}
		if name, target, ok := seedAt(dir, root, name, &diags); ok {
			seeds.add(name, target)
		}
	}
	if seeds.len() == 0 && !diags.HasErrors() {
		return noSeeds()
	}
	seeds.done()
	return seeds, nil, diags
}

// noteSkipped notes every entry of dir that is neither a seed, the manifest,
// the manifest's cover image nor one of resources: the images the seeds
// use, or the folders that hold them.
func noteSkipped(dir string, m *manifest.Manifest, resources map[string]bool) diag.List {
	var diags diag.List
	eachName(dir, func(name string) { // listSeeds read it already
		pos := doc.Pos{File: name}
		switch {
		case strings.HasPrefix(name, "."):
			diags.Notef(pos, "hidden file skipped")
		case manifest.IsSeedName(name), name == manifest.FileName:
		case m.Meta.Cover != nil && name == m.Meta.Cover.Name:
		case resources[name]:
		case isDir(dir, name):
			diags.Notef(pos, "folder skipped (seeds are read from the top folder only)")
		default:
			diags.Notef(pos, "skipped: not a seed (*.txt, *.md)")
		}
	})
	return diags
}

// eachName calls f with the name of every entry of dir, a batch at a time,
// in no order: the notes it serves are sorted afterwards. It runs when a
// book's documents are all read, when memory is at its highest, so it
// holds neither the whole listing nor an entry's details (isDir asks for
// those of the few names that need them). An unreadable folder has no
// names: listSeeds said why already.
func eachName(dir string, f func(name string)) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	defer d.Close()
	for {
		names, err := d.Readdirnames(1024)
		for _, name := range names {
			f(name)
		}
		if err != nil || len(names) == 0 {
			return
		}
	}
}

// isDir reports whether the entry name of dir is a folder, not following
// a symbolic link, as os.ReadDir's entries say.
func isDir(dir, name string) bool {
	fi, err := os.Lstat(filepath.Join(dir, name))
	return err == nil && fi.IsDir()
}

// seedAt checks the seed name (slash-separated, relative to dir, whose
// real path is root) and returns it with its target when it is (or lies
// under) a symbolic link, or reports why it cannot be read. A
// symbolic link, the file's or a folder's on its path, is followed only
// when it stays inside the seeds folder.
func seedAt(dir, root, name string, diags *diag.List) (string, string, bool) {
	pos := doc.Pos{File: name}
	path, target := filepath.Join(dir, filepath.FromSlash(name)), ""
	if t, err := filepath.EvalSymlinks(path); err != nil {
		diags.Errorf(pos, "cannot read: %s", osMessage(err))
		return "", "", false
	} else if t != filepath.Join(root, filepath.FromSlash(name)) {
		if rel, err := filepath.Rel(root, t); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
			diags.Errorf(pos, "symlink leads outside the seeds folder (not followed)")
			return "", "", false
		}
		path, target = t, t
	}
	fi, err := os.Stat(path)
	switch {
	case err != nil:
		diags.Errorf(pos, "cannot read: %s", osMessage(err))
		return "", "", false
	case fi.IsDir():
		diags.Errorf(pos, "cannot read: is a folder, not a seed file")
		return "", "", false
	case !fi.Mode().IsRegular():
		diags.Errorf(pos, "cannot read: not a regular file")
		return "", "", false
	}
	return name, target, true
}

// noteUnlisted warns about every seed under the outline's folder that
// the outline does not list (a README.md only gets a note: in a GitBook
// or mdBook repository it is often the repository's page, not the
// book's), and notes the top folder's files that are neither seeds, the
// manifest, its cover, one of resources (the images the seeds use) nor
// outline files.
func noteUnlisted(dir string, o *manifest.Outline, m *manifest.Manifest, resources map[string]bool) diag.List {
	var diags diag.List
	for _, name := range o.Unlisted(dir) {
		pos := doc.Pos{File: name}
		if strings.EqualFold(filepath.Base(name), "README.md") {
			diags.Notef(pos, "not in %s: left out", o.File)
			continue
		}
		diags.Warnf(pos, "not in %s: left out of the book", o.File)
	}
	eachName(dir, func(name string) {
		switch {
		case manifest.IsSeedName(name) && o.Root != "" && !strings.HasPrefix(name, "."):
			diags.Notef(doc.Pos{File: name}, "outside %s/, the outline's folder: not part of the book", o.Root)
		case manifest.IsSeedName(name), name == manifest.FileName, name == manifest.MdBookName, name == manifest.GitBookName:
		case isDir(dir, name):
		case strings.HasPrefix(name, "."):
			diags.Notef(doc.Pos{File: name}, "hidden file skipped")
		case m.Meta.Cover != nil && name == m.Meta.Cover.Name:
		case resources[name]:
		default:
			diags.Notef(doc.Pos{File: name}, "skipped: not a seed (*.txt, *.md)")
		}
	})
	return diags
}

// osMessage returns the operating system's reason in err, without the
// path that the seed's position already names.
func osMessage(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err.Error()
	}
	return err.Error()
}

// readDocument reads, decodes, normalises, structures, resolves (when
// resolve is not nil) and segments one seed, and loads the images it uses;
// it returns the document with its leaves (see doc.Document.Leaves) and
// its front matter (nil when it has none). The document's ID is set later,
// in reading order, and so is its Title unless the front matter gives one.
func readDocument(s seedFile, index int, limit int64, resolve func(*doc.Document) diag.List, images *resource.Loader) (*doc.Document, []doc.Leaf, *manifest.FrontMatter, diag.List) {
	d, front, diags := structureDocument(s, index, limit, images)
	if d == nil {
		return nil, nil, nil, diags
	}
	if resolve != nil {
		diags.Append(resolve(d))
	}
	leaves := segmentDocument(d)
	return d, leaves, front, diags
}

// structureDocument reads, decodes, normalises and structures one seed,
// and loads the images it uses when images is not nil (the index pass
// needs no image): the document is nil when it cannot be read or has no
// text.
func structureDocument(s seedFile, index int, limit int64, images *resource.Loader) (*doc.Document, *manifest.FrontMatter, diag.List) {
	var diags diag.List
	whole := doc.Pos{File: s.name}
	raw, err := readLimited(s.path(), limit)
	if err != nil {
		diags.Errorf(whole, "%s", err)
		return nil, nil, diags
	}
	sum := sha256.Sum256(raw)
	text, encoding, ds := decode.Decode(s.name, raw)
	diags.Append(ds)
	raw = nil // the text, which may share its memory, is all that is needed from here on
	if ds.HasErrors() {
		return nil, nil, diags // the decoder said why; later stages would repeat it
	}

	markdown := strings.EqualFold(filepath.Ext(s.name), ".md")
	text, ds = normalize.Normalize(s.name, text, markdown)
	diags.Append(ds)

	d := &doc.Document{
		Index:    index,
		Source:   s.name,
		SHA256:   hex.EncodeToString(sum[:]),
		Encoding: encoding,
		Format:   "text",
	}
	var front *manifest.FrontMatter
	if markdown {
		d.Format = "markdown"
		if fm, body, ok := structure.SplitFrontMatter(text); ok {
			text = body
			front, ds = frontMatter(d, fm)
			diags.Append(ds)
		}
		var r structure.Result
		r, ds = structure.MarkdownDocument(s.name, text)
		d.Blocks, d.Notes = r.Blocks, r.Notes
		if images != nil {
			diags.Append(loadImages(d, r.Images, images))
		}
	} else {
		d.Blocks, ds = structure.Text(s.name, text)
	}
	diags.Append(ds)
	if !d.HasText() {
		diags.Errorf(whole, "no text to publish")
		return nil, nil, diags
	}
	return d, front, diags
}

// mayRefer reports whether a Markdown seed of seeds may hold a reference
// to another document, or an id, by xref.MayRefer of its bytes. A seed
// that cannot be read counts as none: reading it again will say why. The
// seeds are read on workers goroutines, and none is read once one is
// found.
func mayRefer(seeds *seedList, workers int, limit int64) bool {
	var found atomic.Bool
	parallel.Each(seeds.len(), workers, func(i int) error {
		s := seeds.at(i)
		if found.Load() || !strings.EqualFold(filepath.Ext(s.name), ".md") {
			return nil
		}
		if raw, err := readLimited(s.path(), limit); err == nil && xref.MayRefer(raw) {
			found.Store(true)
		}
		return nil
	})
	return found.Load()
}

// indexSeeds adds every seed, read as far as its structure on workers
// goroutines, to refs in reading order, and returns the problems of the
// index (duplicate ids). A seed that cannot be read is left out; reading
// it again will say why. Each document is dropped once added.
func indexSeeds(refs *xref.Index, seeds *seedList, workers int, limit int64) diag.List {
	var diags diag.List
	type structured struct {
		doc *doc.Document
		ok  bool
	}
	docs := parallel.Ordered(seeds.len(), workers, 2*workers, func(i int) structured {
		d, _, ds := structureDocument(seeds.at(i), i, limit, nil)
		return structured{d, d != nil && !ds.HasErrors()}
	})
	for _, s := range docs {
		if !s.ok {
			continue
		}
		s.doc.ID = seeds.id(s.doc.Index)
		diags.Append(refs.Add(s.doc))
	}
	return diags
}

// readLimited reads the file at path, refusing one over limit bytes.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %s", osMessage(err))
	}
	defer f.Close()
	tooBig := func() error {
		return fmt.Errorf("file is over the size limit of %s for one seed", sizeString(limit))
	}
	size := int64(0)
	if fi, err := f.Stat(); err == nil {
		if fi.Size() > limit {
			return nil, tooBig()
		}
		size = fi.Size()
	}
	// The file may grow after Stat: read one byte past the limit to know.
	raw, err := readAll(io.LimitReader(f, limit+1), size)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %s", osMessage(err))
	}
	if int64(len(raw)) > limit {
		return nil, tooBig()
	}
	return raw, nil
}

// readAll is io.ReadAll with a first buffer for size bytes: one allocation
// for a file whose size Stat gave, where io.ReadAll grows its buffer from
// 512 bytes and copies the text about a dozen times.
func readAll(r io.Reader, size int64) ([]byte, error) {
	b := make([]byte, 0, size+1) // +1: reaching EOF needs room for one more read
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // let append pick the next capacity
		}
	}
}

// sizeString formats n bytes for people: "64 MiB", "10 KiB", "100 bytes".
func sizeString(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + " MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + " KiB"
	}
	return strconv.FormatInt(n, 10) + " bytes"
}

// segmentDocument fills the Sentences of every heading, paragraph and line
// block of d, its notes' included: every leaf but code. Table cells and
// captions, and figure captions, are not sentences of the running text,
// nor leaves. It returns the leaves, whose text (the blocks' plain text)
// it splits, for the later stages.
func segmentDocument(d *doc.Document) []doc.Leaf {
	leaves := d.Leaves()
	for _, l := range leaves {
		switch b := l.Block.(type) {
		case *doc.Heading:
			b.Sentences = segment.Sentences(l.Text)
		case *doc.Paragraph:
			b.Sentences = segment.Sentences(l.Text)
		case *doc.LineBlock:
			b.Sentences = segment.Sentences(l.Text)
		}
	}
	return leaves
}

// loadImages loads the images that d uses (uses, from the structure
// stage) through the book's loader and puts each in place of the image as
// written; d.Images lists them, each once, in order of first use. Every
// image that cannot be used is an error at the place it is written.
func loadImages(d *doc.Document, uses []structure.ImageUse, images *resource.Loader) diag.List {
	if len(uses) == 0 {
		return nil
	}
	var diags diag.List
	loaded := make(map[*doc.Image]*doc.Image, len(uses))
	seen := map[*doc.Image]bool{}
	for _, u := range uses {
		img, err := images.Load(u.Image.Path)
		if err != nil {
			diags.Errorf(u.Pos, "%s", err)
			continue
		}
		loaded[u.Image] = img
		if !seen[img] {
			seen[img] = true
			d.Images = append(d.Images, img)
		}
	}
	doc.WalkDocument(d, func(n doc.Node, entering bool) doc.WalkStatus {
		switch n := n.(type) {
		case *doc.Figure:
			if img := loaded[n.Image]; img != nil {
				n.Image = img
			}
		case *doc.InlineImage:
			if img := loaded[n.Image]; img != nil {
				n.Image = img
			}
		}
		return doc.WalkContinue
	})
	return diags
}

// documentID derives a document ID from a seed's file name: the stem
// folded to ASCII (Ünite → unite) in lower case, with every character other
// than a-z, 0-9, '_' and '-' replaced by '-'.
func documentID(name string) string {
	stem := strings.ToLower(turkish.ASCIIFold(strings.TrimSuffix(name, filepath.Ext(name))))
	var b strings.Builder
	for _, r := range stem {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '_' || r == '-' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	if b.Len() == 0 {
		return "doc"
	}
	return b.String()
}

// uniqueID returns id, or id with the first free suffix "-2", "-3", …, and
// records it in used (a set of hashes: a book's document ids are not kept
// as text while it streams).
func uniqueID(id string, used *idset.Set) string {
	u := id
	for n := 2; used.Has(u); n++ {
		u = id + "-" + strconv.Itoa(n)
	}
	used.Add(u)
	return u
}

// documentTitle returns the title of d: its leading heading, else the
// manifest's title for it, else a numbered label in the book's language.
func documentTitle(d *doc.Document, manifestTitle, lang string) string {
	if len(d.Blocks) > 0 {
		if h, ok := d.Blocks[0].(*doc.Heading); ok {
			return doc.PlainText(h.Inlines)
		}
	}
	if manifestTitle != "" {
		return manifestTitle
	}
	return fmt.Sprintf(doc.LabelsFor(lang).Chapter, d.Index+1)
}
