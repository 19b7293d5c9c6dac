package pdf

import (
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// This file makes the document's metadata: the information dictionary's
// subject and the XMP packet.

// subject is the document's Subject: the description, else the subtitle.
func subject(m doc.Meta) string {
	if s := strings.TrimSpace(m.Description); s != "" {
		return s
	}
	return m.Subtitle
}

// pdfString keeps the characters of a BCP 47 tag, so that it can stand in a
// PDF literal string unescaped.
func pdfString(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// xmp returns the XMP packet: the same title, authors, subject, keywords,
// producer and dates as the information dictionary, plus the language.
func xmp(m doc.Meta, lang, producer string, mod time.Time) []byte {
	e := html.EscapeString
	date := mod.Format(doc.TimestampLayout)
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">` + "\n")
	b.WriteString(`<dc:format>application/pdf</dc:format>` + "\n")
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", e(m.Title))
	if len(m.Authors) > 0 {
		b.WriteString("<dc:creator><rdf:Seq>")
		for _, a := range m.Authors {
			fmt.Fprintf(&b, "<rdf:li>%s</rdf:li>", e(a))
		}
		b.WriteString("</rdf:Seq></dc:creator>\n")
	}
	if s := subject(m); s != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", e(s))
	}
	if len(m.Subjects) > 0 {
		b.WriteString("<dc:subject><rdf:Bag>")
		for _, s := range m.Subjects {
			fmt.Fprintf(&b, "<rdf:li>%s</rdf:li>", e(s))
		}
		b.WriteString("</rdf:Bag></dc:subject>\n")
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", e(strings.Join(m.Subjects, ", ")))
	}
	if m.Publisher != "" {
		fmt.Fprintf(&b, "<dc:publisher><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:publisher>\n", e(m.Publisher))
	}
	if m.Rights != "" {
		fmt.Fprintf(&b, "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:rights>\n", e(m.Rights))
	}
	fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", e(lang))
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", date, date, date)
	fmt.Fprintf(&b, "<xmp:CreatorTool>%s</xmp:CreatorTool>\n<pdf:Producer>%s</pdf:Producer>\n", e(producer), e(producer))
	b.WriteString("</rdf:Description>\n")
	b.WriteString(xmpUA) // tags: the PDF/UA identification
	b.WriteString("</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}

// modified returns the document's date: opts.Modified, else the book's
// date, else the Unix epoch; in UTC, to the second.
func modified(opts Options, m doc.Meta) time.Time {
	mod := opts.Modified
	if mod.IsZero() {
		var ok bool
		if mod, ok = doc.ParseDate(m.Date); !ok {
			mod = time.Unix(0, 0)
		}
	}
	return mod.UTC().Truncate(time.Second)
}
