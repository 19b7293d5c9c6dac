package pipeline

import (
	"strings"

	"github.com/seedpress/seedpress/pipeline/diag"
	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/internal/structure"
	"github.com/seedpress/seedpress/pipeline/manifest"
)

// frontMatter reads a seed's front matter (YAML, or pandoc's title block)
// into d's metadata and returns it for the book's keys. A title block's
// date that is not YYYY, YYYY-MM or YYYY-MM-DD is left out with a warning
// (pandoc's title blocks usually write dates for people: "July 17, 2006").
func frontMatter(d *doc.Document, fm structure.FrontMatter) (*manifest.FrontMatter, diag.List) {
	var diags diag.List
	var mf *manifest.FrontMatter
	if fm.TitleBlock {
		mf = &manifest.FrontMatter{Title: fm.Title, Authors: fm.Authors, Keys: map[string]bool{}}
		if fm.Date != "" {
			if _, ok := doc.ParseDate(fm.Date); ok {
				mf.Date = fm.Date
			} else {
				diags.Warnf(doc.Pos{File: d.Source, Line: fm.DateLine, Col: 1}, "title block date %q is not YYYY, YYYY-MM or YYYY-MM-DD; not used", fm.Date)
			}
		}
		mf.Book = doc.Meta{Title: mf.Title, Authors: mf.Authors, Date: mf.Date}
		for key, set := range map[string]bool{"title": mf.Title != "", "author": len(mf.Authors) > 0, "date": mf.Date != ""} {
			if set {
				mf.Keys[key] = true
			}
		}
	} else {
		mf, diags = manifest.ParseFrontMatter(d.Source, fm.Line, []byte(fm.YAML))
	}
	d.Title, d.Subtitle, d.Authors, d.Date, d.Abstract, d.Lang = mf.Title, mf.Subtitle, mf.Authors, mf.Date, mf.Abstract, mf.Lang
	return mf, diags
}

// bookFromFront gives meta the book's keys of the first document's front
// matter that book.yaml does not give (given lists those it does), and
// returns the book's primary language.
func bookFromFront(meta *doc.Meta, given map[string]bool, fm *manifest.FrontMatter) string {
	for _, key := range manifest.FrontMatterKeys {
		if !fm.Keys[key] || given[key] {
			continue
		}
		b := fm.Book
		switch key {
		case "title":
			meta.Title = b.Title
		case "subtitle":
			meta.Subtitle = b.Subtitle
		case "author":
			meta.Authors = b.Authors
		case "lang":
			meta.Lang = b.Lang
		case "date":
			meta.Date = b.Date
		case "publisher":
			meta.Publisher = b.Publisher
		case "rights":
			meta.Rights = b.Rights
		case "description":
			meta.Description = b.Description
		case "subject":
			meta.Subjects = b.Subjects
		case "identifier":
			meta.Identifier = b.Identifier
		case "papersize":
			meta.PaperSize = b.PaperSize
		case "toc-depth":
			meta.TOCDepth = b.TOCDepth
		}
	}
	return doc.PrimaryLang(meta.Lang)
}

// bookOnlyKeys are the front matter keys that only the book has.
var bookOnlyKeys = []string{"publisher", "rights", "description", "subject", "identifier", "papersize", "toc-depth"}

// bookKeysIgnored warns about the book's keys in the front matter of a
// document other than the first.
func bookKeysIgnored(source string, fm *manifest.FrontMatter) diag.List {
	var diags diag.List
	var keys []string
	for _, k := range bookOnlyKeys {
		if fm.Keys[k] {
			keys = append(keys, k)
		}
	}
	if len(keys) > 0 {
		diags.Warnf(doc.Pos{File: source}, "front matter keys %s set the book's metadata only in the first document; not used here", strings.Join(keys, ", "))
	}
	return diags
}
