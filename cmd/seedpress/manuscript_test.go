package main

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// pngOf returns a w×h PNG.
func pngOf(t testing.TB, w, h int) string {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// bombOf returns a tiny PNG whose header claims w×h pixels.
func bombOf(t testing.TB, w, h uint32) string {
	data := []byte(pngOf(t, 2, 2))
	binary.BigEndian.PutUint32(data[16:], w)
	binary.BigEndian.PutUint32(data[20:], h)
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return string(data)
}

// TestManuscriptBadInput builds the bad inputs of a manuscript: every
// image that cannot be published is an error at the place it is written
// (exit 1, nothing published, check agrees); a note referenced but not
// defined, a note never referenced and a table row of the wrong length are
// warnings, which --strict makes errors (exit 1, nothing published).
func TestManuscriptBadInput(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", testEpoch)
	tests := []struct {
		name   string
		files  map[string]string
		dirs   map[string]string // files in a resimler/ folder
		want   []string          // stderr lines, "SEEDS" standing for the folder
		strict bool              // a warning: the runs are --strict
	}{
		{name: "missing image",
			files: map[string]string{"a.md": "# Başlık\n\nMetin.\n\n![Harita](resimler/yok.png){#fig-harita}\n"},
			want:  []string{`SEEDS/a.md:5:1: error: image "resimler/yok.png" does not exist in the seeds folder`}},
		{name: "image outside the seeds folder",
			files: map[string]string{"a.md": "Bir resim ![x](../x.png) burada.\n"},
			want:  []string{`SEEDS/a.md:1:11: error: image "../x.png" leads outside the seeds folder`}},
		{name: "image at an absolute path",
			files: map[string]string{"a.md": "Bir resim ![x](/etc/passwd) burada.\n"},
			want:  []string{`SEEDS/a.md:1:11: error: image "/etc/passwd" is an absolute path; give a path relative to the seeds folder`}},
		{name: "remote image",
			files: map[string]string{"a.md": "Metin.\n\n![Uzak](https://ornek.tr/a.png)\n"},
			want:  []string{`SEEDS/a.md:3:1: error: image "https://ornek.tr/a.png" is a remote URL; images are never fetched: put the file in the seeds folder`}},
		{name: "image that is not a PNG or JPEG",
			files: map[string]string{"a.md": "Metin.\n\n![Çizim](resimler/c.svg)\n"},
			dirs:  map[string]string{"c.svg": `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`},
			want:  []string{`SEEDS/a.md:3:1: error: image "resimler/c.svg" is an SVG image; only PNG and JPEG are published (convert it to PNG)`}},
		{name: "truncated image",
			files: map[string]string{"a.md": "Metin.\n\n![Yarım](resimler/y.png)\n"},
			dirs:  map[string]string{"y.png": pngOf(t, 40, 30)[:60]},
			want:  []string{`SEEDS/a.md:3:1: error: image "resimler/y.png" is not a valid PNG image: `}},
		{name: "decompression bomb",
			files: map[string]string{"a.md": "Metin.\n\n![Bomba](resimler/b.png)\n"},
			dirs:  map[string]string{"b.png": bombOf(t, 100000, 100000)},
			want:  []string{`SEEDS/a.md:3:1: error: image "resimler/b.png" is 100000x100000 pixels, over the limit of 50 megapixels`}},
		{name: "cover over the pixel limit",
			files: map[string]string{"a.md": "Metin.\n", "book.yaml": "title: Kitap\ncover-image: resimler/b.png\n"},
			dirs:  map[string]string{"b.png": bombOf(t, 8000, 7000)},
			want:  []string{`SEEDS/book.yaml:2:14: error: cover-image "resimler/b.png" is 8000x7000 pixels, over the limit of 50 megapixels`}},
		{name: "note referenced but never defined", strict: true,
			files: map[string]string{"a.md": "Metin.[^yok]\n"},
			want:  []string{`SEEDS/a.md:1:7: error: footnote [^yok] is referenced but never defined; kept as text`}},
		{name: "note never referenced", strict: true,
			files: map[string]string{"a.md": "Metin.\n\n[^fazla]: Kimse anmadı.\n"},
			want:  []string{`SEEDS/a.md:3:1: error: footnote [^fazla] is defined but never referenced; not published`}},
		{name: "table rows of different lengths", strict: true,
			files: map[string]string{"a.md": "Metin.\n\n| A | B |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n"},
			want: []string{`SEEDS/a.md:5:1: error: table row has 1 cell where the header has 2: padded with empty cells (as GFM does)`,
				`SEEDS/a.md:6:1: error: table row has 3 cells where the header has 2: the cells past the 2 are dropped (as GFM does)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := writeSeeds(t, tt.files)
			if len(tt.dirs) > 0 {
				must(t, os.Mkdir(filepath.Join(root, "resimler"), 0o755))
				for name, content := range tt.dirs {
					must(t, os.WriteFile(filepath.Join(root, "resimler", name), []byte(content), 0o644))
				}
			}
			dist := previousDist(t)
			before := tree(t, dist)
			fresh := filepath.Join(t.TempDir(), "dist")
			var flags []string
			if tt.strict {
				flags = []string{"--strict"}
			}
			runs := [][]string{
				append([]string{"build", "--seeds", root, "--out", dist}, flags...),
				append([]string{"build", "--seeds", root, "--out", fresh}, flags...),
				append([]string{"check", "--seeds", root}, flags...),
				append([]string{"build", "--format", "dataset", "--seeds", root, "--out", fresh}, flags...),
			}
			for _, args := range runs {
				r := seedpress(t, args...)
				if r.code != 1 {
					t.Errorf("seedpress %v: exit %d, want 1\n%v", args, r.code, r)
				}
				for _, w := range tt.want {
					if w = strings.ReplaceAll(w, "SEEDS", root); !strings.Contains(r.stderr, w) {
						t.Errorf("seedpress %v: stderr lacks %q\n%v", args, w, r)
					}
				}
				if strings.Contains(r.stderr, "internal error") {
					t.Errorf("seedpress %v: %v", args, r)
				}
			}
			if after := tree(t, dist); after != before {
				t.Errorf("the previous output folder changed:\nbefore\n%s\nafter\n%s", before, after)
			}
			if _, err := os.Stat(fresh); err == nil {
				t.Errorf("a failed build created %s", fresh)
			}
		})
	}
}
