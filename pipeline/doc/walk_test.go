package doc

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

func walkBook() []Block {
	return []Block{
		&Heading{Level: 1, Inlines: []Inline{&Text{Value: "Başlık"}}},
		&Paragraph{Inlines: []Inline{&Text{Value: "a "}, &Emph{Inlines: []Inline{&Strong{Inlines: []Inline{&Text{Value: "b"}}}}}, &Link{URL: "u", Inlines: []Inline{&Code{Value: "c"}}}, &LineBreak{}, &Abbr{Text: "TDK"}}},
		&Quote{Blocks: []Block{&Paragraph{Inlines: []Inline{&Text{Value: "q"}}}}},
		&List{Items: []*ListItem{{Blocks: []Block{&CodeBlock{Text: "x\n"}}}, {Blocks: []Block{&ThematicBreak{}}}}},
	}
}

func TestWalkOrder(t *testing.T) {
	var got []string
	WalkBlocks(walkBook(), func(n Node, entering bool) WalkStatus {
		sign := "-"
		if entering {
			sign = "+"
		}
		got = append(got, sign+strings.TrimPrefix(fmt.Sprintf("%T", n), "*doc."))
		return WalkContinue
	})
	want := "+Heading +Text -Text -Heading +Paragraph +Text -Text +Emph +Strong +Text -Text -Strong -Emph +Link +Code -Code -Link +LineBreak -LineBreak +Abbr -Abbr -Paragraph " +
		"+Quote +Paragraph +Text -Text -Paragraph -Quote +List +ListItem +CodeBlock -CodeBlock -ListItem +ListItem +ThematicBreak -ThematicBreak -ListItem -List"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("walk order:\n got %s\nwant %s", g, want)
	}
}

func TestWalkSkipAndStop(t *testing.T) {
	tests := []struct {
		name   string
		status func(n Node) WalkStatus
		want   string
		ok     bool
	}{
		{"skip paragraphs", func(n Node) WalkStatus {
			if _, ok := n.(*Paragraph); ok {
				return WalkSkipChildren
			}
			return WalkContinue
		}, "Heading Text Paragraph Quote Paragraph List ListItem CodeBlock ListItem ThematicBreak", true},
		{"stop at quote", func(n Node) WalkStatus {
			if _, ok := n.(*Quote); ok {
				return WalkStop
			}
			return WalkContinue
		}, "Heading Text Paragraph Text Emph Strong Text Link Code LineBreak Abbr Quote", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			ok := WalkBlocks(walkBook(), func(n Node, entering bool) WalkStatus {
				if !entering {
					return WalkContinue
				}
				got = append(got, strings.TrimPrefix(fmt.Sprintf("%T", n), "*doc."))
				return tt.status(n)
			})
			if g := strings.Join(got, " "); g != tt.want || ok != tt.ok {
				t.Errorf("got %s (%v), want %s (%v)", g, ok, tt.want, tt.ok)
			}
		})
	}
}

// alien is a node type the model does not know.
type alien struct{ Paragraph }

func TestWalkUnknownPanics(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(fmt.Sprint(r), "unknown node type") {
			t.Fatalf("recover() = %v, want a panic naming the unknown node type", r)
		}
	}()
	Walk(&alien{}, func(Node, bool) WalkStatus { return WalkContinue })
}

func ExampleWalk() {
	p := &Paragraph{Inlines: []Inline{&Text{Value: "Bir "}, &Emph{Inlines: []Inline{&Text{Value: "iki"}}}}}
	Walk(p, func(n Node, entering bool) WalkStatus {
		if t, ok := n.(*Text); ok && entering {
			fmt.Printf("%q\n", t.Value)
		}
		return WalkContinue
	})
	// Output:
	// "Bir "
	// "iki"
}

// alienInline is an inline type the model does not know.
type alienInline struct{ Text }

// TestUnknownNodePanics checks that every walk of the package fails loudly
// on a node type outside the closed set, at any depth.
func TestUnknownNodePanics(t *testing.T) {
	inl := []Inline{&Text{Value: "a"}, &Emph{Inlines: []Inline{&alienInline{}}}}
	blocks := []Block{&Quote{Blocks: []Block{&alien{}}}}
	tests := []struct {
		name string
		f    func()
	}{
		{"PlainText", func() { PlainText(inl) }},
		{"HasText", func() { HasText([]Inline{&Text{Value: " "}, &alienInline{}}) }},
		{"Leaves", func() { (&Document{Blocks: blocks}).Leaves() }},
		{"Leaves inline", func() { (&Document{Blocks: []Block{&Paragraph{Inlines: inl}}}).Leaves() }},
		{"Document.HasText", func() { (&Document{Blocks: blocks}).HasText() }},
		{"Dump", func() { Dump(io.Discard, &Book{Documents: []*Document{{Blocks: []Block{&Paragraph{Inlines: inl}}}}}) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "unknown") {
					t.Errorf("recover() = %v, want a panic naming the unknown type", r)
				}
			}()
			tt.f()
		})
	}
}
