package epub

import (
	"crypto/sha1"
	"hash"
	"strconv"

	goepub "github.com/go-shiori/go-epub"
	"github.com/google/uuid"
)

// packageInfo returns what go-epub needs for the package document, the nav
// and the NCX: the metadata, including the EPUB Accessibility 1.1
// statements, and the nav's labels. go-epub writes the manifest sorted by
// href and the spine in reading order.
func (w *Writer) packageInfo() goepub.Package {
	m, l := w.meta, w.labels
	var md []goepub.Metadata
	add := func(x goepub.Metadata) { md = append(md, x) }
	add(goepub.Metadata{Element: "dc:title", ID: "title", Value: m.Title})
	add(goepub.Metadata{Element: "meta", Refines: "#title", Property: "title-type", Value: "main"})
	if m.Subtitle != "" {
		add(goepub.Metadata{Element: "dc:title", ID: "subtitle", Value: m.Subtitle})
		add(goepub.Metadata{Element: "meta", Refines: "#subtitle", Property: "title-type", Value: "subtitle"})
	}
	for i, a := range m.Authors {
		id := "creator-" + strconv.Itoa(i+1)
		add(goepub.Metadata{Element: "dc:creator", ID: id, Value: a})
		add(goepub.Metadata{Element: "meta", Refines: "#" + id, Property: "role", Scheme: "marc:relators", Value: "aut"})
	}
	add(goepub.Metadata{Element: "dc:language", Value: m.Lang})
	for _, x := range [][2]string{
		{"dc:date", m.Date},
		{"dc:publisher", m.Publisher},
		{"dc:rights", m.Rights},
		{"dc:description", m.Description},
	} {
		if x[1] != "" {
			add(goepub.Metadata{Element: x[0], Value: x[1]})
		}
	}
	for _, s := range m.Subjects {
		add(goepub.Metadata{Element: "dc:subject", Value: s})
	}
	add(goepub.Metadata{Element: "meta", Property: "dcterms:modified"}) // go-epub writes the time
	for _, a := range w.accessibility() {
		add(goepub.Metadata{Element: "meta", Property: a[0], Value: a[1]})
	}
	add(goepub.Metadata{Element: "meta", Property: "schema:accessibilitySummary", Value: l.Summary})
	add(goepub.Metadata{Element: "meta", Name: "cover", Content: coverImgID})
	if m.Generator != "" {
		add(goepub.Metadata{Element: "meta", Name: "generator", Content: m.Generator})
	}
	return goepub.Package{
		Identifier:     m.Identifier,
		Title:          m.Title,
		Authors:        m.Authors,
		Metadata:       md,
		NavOrder:       orderNav,
		NavTitle:       l.Contents,
		LandmarksTitle: l.Landmarks,
		NavCSS:         cssHref,
	}
}

// accessibility returns the EPUB Accessibility 1.1 metadata that holds for
// every book this package writes, as (property, value) pairs.
//
//   - accessMode: textual, and visual for the cover, which is an image.
//     accessModeSufficient textual: the cover has alt text, and its words are
//     the title page's.
//   - accessibilityFeature: structuralNavigation (headings and sections),
//     tableOfContents (the nav), readingOrder (the spine is the reading
//     order), alternativeText (the cover's alt), displayTransformability (no
//     forced fonts, colours or sizes).
//   - accessibilityHazard none: no sound, motion or flashing.
//   - conformsTo WCAG 2.2 AA: the tests hold every book written here to Ace
//     with zero violations. certifiedBy names the program that makes the
//     claim, since no person has certified the book.
func (w *Writer) accessibility() [][2]string {
	certifier := w.meta.Generator
	if certifier == "" {
		certifier = "seedpress"
	}
	return [][2]string{
		{"schema:accessMode", "textual"},
		{"schema:accessMode", "visual"},
		{"schema:accessModeSufficient", "textual"},
		{"schema:accessibilityFeature", "structuralNavigation"},
		{"schema:accessibilityFeature", "tableOfContents"},
		{"schema:accessibilityFeature", "readingOrder"},
		{"schema:accessibilityFeature", "alternativeText"},
		{"schema:accessibilityFeature", "displayTransformability"},
		{"schema:accessibilityHazard", "none"},
		{"dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"},
		{"a11y:certifiedBy", certifier},
	}
}

// uuidV5 computes uuid.NewSHA1(space, data) of data written a piece at a
// time, so that the identifier of a book can hash every document as it
// passes instead of a string of all of them.
type uuidV5 struct{ h hash.Hash }

func newUUIDv5(space uuid.UUID) *uuidV5 {
	u := &uuidV5{h: sha1.New()}
	u.h.Write(space[:])
	return u
}

// WriteString adds s to the hashed data.
func (u *uuidV5) WriteString(s string) { u.h.Write([]byte(s)) }

// Sum returns the UUID of the data so far, as uuid.NewHash makes it.
func (u *uuidV5) Sum() uuid.UUID {
	var id uuid.UUID
	copy(id[:], u.h.Sum(nil))
	id[6] = (id[6] & 0x0f) | 5<<4 // version 5
	id[8] = (id[8] & 0x3f) | 0x80 // RFC 4122 variant
	return id
}
