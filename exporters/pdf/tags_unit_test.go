package pdf

import (
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"
)

// TestTagAttrRoundTrip checks that a tag op's attributes survive their
// encoding, and the spool.
func TestTagAttrRoundTrip(t *testing.T) {
	a := tagAttr{Alt: "Bir kare", ActualText: "kare", E: "Türk Dil Kurumu", Lang: "en", Title: "Bölüm",
		ID: "fn-1", Scope: "Column", AnnotContents: "https://example.com/"}
	o := beginTag(fpdf.StructTH, a)
	if got := decodeAttr(o.r.text); got != a {
		t.Errorf("decodeAttr = %+v, want %+v", got, a)
	}
	var s spool
	s.put(&page{num: 1, ops: []op{o, {kind: textOp, r: run{text: "x", size: 10, style: abbrStyle}}, endTag(),
		{kind: artifactTextOp, x: 1, r: run{text: "-", size: 10}}}})
	var got []op
	if _, err := s.replay(func(pg *page) { got = append(got, pg.ops...) }); err != nil {
		t.Fatal(err)
	}
	s.close()
	if len(got) != 4 || got[0].kind != tagBeginOp || tagTypes[got[0].dest] != fpdf.StructTH ||
		decodeAttr(got[0].r.text) != a || got[1].r.style != abbrStyle || got[2].kind != tagEndOp || got[3].kind != artifactTextOp {
		t.Errorf("after the spool: %+v", got)
	}
}

// TestTagInline checks that a line's ops that link to one URL become one
// Link element, and English text a Span with /Lang (en).
func TestTagInline(t *testing.T) {
	u := "https://example.com/"
	ops := []op{
		{kind: textOp, r: run{text: "a "}},
		{kind: textOp, r: run{text: "b ", url: u}}, {kind: urlOp, r: run{url: u}},
		{kind: textOp, r: run{text: "c ", url: u}}, {kind: urlOp, r: run{url: u}},
		{kind: textOp, r: run{text: "d ", style: enStyle}},
	}
	var kinds []string
	for _, o := range tagInline(ops) {
		switch o.kind {
		case tagBeginOp:
			kinds = append(kinds, "<"+tagTypes[o.dest]+">")
		case tagEndOp:
			kinds = append(kinds, "</>")
		case urlOp:
			kinds = append(kinds, "url")
		default:
			kinds = append(kinds, o.r.text)
		}
	}
	want := "a |<Link>|b |url|c |url|</>|<Span>|d |</>"
	if got := strings.Join(kinds, "|"); got != want {
		t.Errorf("tagInline: %s, want %s", got, want)
	}
}

// TestHeadingTag checks the heading levels: H1 is a chapter's title.
func TestHeadingTag(t *testing.T) {
	for level, want := range map[int]string{1: "H2", 2: "H2", 3: "H3", 6: "H6", 9: "H6"} {
		if got := headingTag(level); got != want {
			t.Errorf("headingTag(%d) = %s, want %s", level, got, want)
		}
	}
}
