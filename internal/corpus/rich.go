package corpus

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
)

// Rich manuscripts: when Generator.Rich is set, Markdown documents also
// carry what a real manuscript holds, at a realistic density: a footnote
// every few paragraphs, and about one document in four a pipe table with a
// caption and an id, one in four a figure from the corpus's images folder,
// each referred to in the text with a Quarto cross-reference and a Turkish
// case suffix ("@tbl-…'de"). The random choices for them come from a
// source of their own, so that the prose of a rich corpus is that of the
// plain corpus of the same (n, seed) with the rich parts added.

// ImagesDir is the folder, inside a rich corpus, that holds its figures'
// images.
const ImagesDir = "resimler"

// richImages is the number of distinct images a rich corpus ships: figures
// reuse them, as real books reuse a logo or a map.
const richImages = 8

// writeImages writes the rich corpus's images into dir/ImagesDir: small
// PNGs, each a different gradient, encoded the same way every time.
func writeImages(dir string) error {
	d := filepath.Join(dir, ImagesDir)
	if err := os.MkdirAll(d, 0o755); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	for i := 0; i < richImages; i++ {
		img := image.NewRGBA(image.Rect(0, 0, 160, 90+10*i))
		for y := 0; y < img.Bounds().Dy(); y++ {
			for x := 0; x < img.Bounds().Dx(); x++ {
				img.Set(x, y, color.RGBA{uint8(x + 30*i), uint8(y * 2), uint8(200 - 20*i), 255})
			}
		}
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			return fmt.Errorf("corpus: encode image: %w", err)
		}
		if err := os.WriteFile(filepath.Join(d, imageName(i)), b.Bytes(), 0o644); err != nil {
			return fmt.Errorf("corpus: %w", err)
		}
	}
	return nil
}

func imageName(i int) string { return fmt.Sprintf("sekil-%d.png", i+1) }

// richState is what a rich document carries from its start to its end:
// the footnotes to define after the body.
type richState struct {
	notes []string
}

// footnote adds a reference mark to the end of paragraph p (before its
// final newline) and records its note.
func (w *writer) footnote(doc int, p string) string {
	n := len(w.rich.notes) + 1
	w.rich.notes = append(w.rich.notes, fmt.Sprintf("[^%d]: %s", n, w.richSentence()))
	return fmt.Sprintf("%s[^%d]", p, n)
}

// richSentence is a sentence from the material, chosen by the rich source.
func (w *writer) richSentence() string {
	return w.sentences[w.rr.IntN(len(w.sentences))] + "."
}

// table writes a pipe table with alignments, a caption with an id, and a
// sentence that refers to it.
func (w *writer) table(doc int) {
	id := fmt.Sprintf("tbl-%d", doc)
	fmt.Fprintf(&w.b, "Aşağıdaki veriler @%s'de özetlenmiştir.\n\n", id)
	w.b.WriteString("| İl | Yıl | Değer | Not |\n|:---|:---:|---:|---|\n")
	rows := 3 + w.rr.IntN(6)
	for r := 0; r < rows; r++ {
		fmt.Fprintf(&w.b, "| %s | %d | %d,%d | %s |\n", w.pick2(cities), 1950+w.rr.IntN(70),
			w.rr.IntN(10000), w.rr.IntN(10), w.pick2(emphasisWords))
	}
	fmt.Fprintf(&w.b, "\n: %s {#%s}\n\n", "Yıllara göre değerler", id)
}

// figure writes a figure from the corpus's images with an id, and a
// sentence that refers to it.
func (w *writer) figure(doc int) {
	id := fmt.Sprintf("fig-%d", doc)
	fmt.Fprintf(&w.b, "Dağılım @%s'te görülmektedir.\n\n", id)
	fmt.Fprintf(&w.b, "![%s haritası](%s/%s){#%s}\n\n", w.pick2(cities), ImagesDir, imageName(w.rr.IntN(richImages)), id)
}

func (w *writer) pick2(list []string) string { return list[w.rr.IntN(len(list))] }

// cities are place names for tables and captions.
var cities = []string{"Ankara", "İstanbul", "İzmir", "Bursa", "Eskişehir", "Çanakkale", "Şanlıurfa", "Muğla", "Iğdır", "Ağrı"}
