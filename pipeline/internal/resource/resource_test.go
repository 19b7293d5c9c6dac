package resource

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// PNG returns a w×h PNG.
func PNG(t testing.TB, w, h int) []byte {
	t.Helper()
	m := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = byte(i * 7)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// JPEG returns a w×h JPEG.
func JPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	m := image.NewGray(image.Rect(0, 0, w, h))
	m.Set(0, 0, color.Gray{200})
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bombPNG returns a small PNG whose header claims w×h pixels: a
// decompression bomb's header, with a valid checksum.
func bombPNG(t testing.TB, w, h uint32) []byte {
	data := PNG(t, 2, 2)
	// The IHDR chunk: length (4), "IHDR" (4), width, height, … at offset 8.
	binary.BigEndian.PutUint32(data[16:], w)
	binary.BigEndian.PutUint32(data[20:], h)
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return data
}

func write(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoad(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "seeds")
	good := PNG(t, 3, 2)
	jpg := JPEG(t, 5, 7)
	write(t, filepath.Join(dir, "resimler/harita.png"), good)
	write(t, filepath.Join(dir, "resimler/foto.JPG"), jpg)
	write(t, filepath.Join(dir, "resimler/uzanti.png"), jpg) // a JPEG named .png
	write(t, filepath.Join(dir, "metin.png"), []byte("bir resim değil"))
	write(t, filepath.Join(dir, "cizim.svg"), []byte(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`))
	write(t, filepath.Join(dir, "yarim.png"), good[:len(good)-20])
	write(t, filepath.Join(dir, "kisa.jpg"), jpg[:10])
	write(t, filepath.Join(dir, "bomba.png"), bombPNG(t, 10000, 10000))
	write(t, filepath.Join(dir, "sifir.png"), bombPNG(t, 0, 5))
	write(t, filepath.Join(root, "disarida.png"), good)
	if err := os.Symlink(filepath.Join(root, "disarida.png"), filepath.Join(dir, "bag.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("resimler/harita.png", filepath.Join(dir, "ic-bag.png")); err != nil {
		t.Fatal(err)
	}
	big, err := os.Create(filepath.Join(dir, "buyuk.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(MaxSize + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	big.Close()

	tests := []struct {
		rel, want string
		w, h      int
		path      string
	}{
		{rel: "resimler/harita.png", w: 3, h: 2, path: "resimler/harita.png"},
		{rel: "./resimler//harita.png", w: 3, h: 2, path: "resimler/harita.png"},
		{rel: "resimler/foto.JPG", w: 5, h: 7, path: "resimler/foto.JPG"},
		{rel: "resimler/uzanti.png", w: 5, h: 7, path: "resimler/uzanti.png"},
		{rel: "ic-bag.png", w: 3, h: 2, path: "ic-bag.png"},
		{rel: "", want: `image without a path`},
		{rel: "https://ornek.tr/a.png", want: `image "https://ornek.tr/a.png" is a remote URL; images are never fetched: put the file in the seeds folder`},
		{rel: "//ornek.tr/a.png", want: `image "//ornek.tr/a.png" is a remote URL; images are never fetched: put the file in the seeds folder`},
		{rel: "data:image/png;base64,AAAA", want: `image "data:image/png;base64,AAAA" is a remote URL; images are never fetched: put the file in the seeds folder`},
		{rel: "/etc/passwd", want: `image "/etc/passwd" is an absolute path; give a path relative to the seeds folder`},
		{rel: "../disarida.png", want: `image "../disarida.png" leads outside the seeds folder`},
		{rel: "resimler/../../disarida.png", want: `image "resimler/../../disarida.png" leads outside the seeds folder`},
		{rel: "bag.png", want: `image "bag.png" is a symbolic link that leads outside the seeds folder`},
		{rel: "yok.png", want: `image "yok.png" does not exist in the seeds folder`},
		{rel: "resimler", want: `image "resimler" is a folder, not an image`},
		{rel: "metin.png", want: `image "metin.png" is not a JPEG or PNG image`},
		{rel: "cizim.svg", want: `image "cizim.svg" is an SVG image; only PNG and JPEG are published (convert it to PNG)`},
		{rel: "yarim.png", want: `image "yarim.png" is not a valid PNG image: png: invalid format: unexpected EOF`},
		{rel: "kisa.jpg", want: `image "kisa.jpg" is not a valid JPEG image: unexpected EOF`},
		{rel: "bomba.png", want: `image "bomba.png" is 10000x10000 pixels, over the limit of 50 megapixels`},
		{rel: "sifir.png", want: `image "sifir.png" is not a valid PNG image: png: invalid format: non-positive dimension`},
		{rel: "buyuk.png", want: `image "buyuk.png" is larger than the limit of 32 MiB`},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			img, err := Load(dir, tt.rel, "image")
			if tt.want != "" {
				if err == nil || err.Error() != tt.want {
					t.Errorf("error %v, want %s", err, tt.want)
				}
				if img != nil {
					t.Errorf("an image with the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if img.Width != tt.w || img.Height != tt.h || img.Path != tt.path || img.Name != filepath.Base(tt.path) || len(img.SHA256) != 64 {
				t.Errorf("got %s %s %dx%d %s", img.Path, img.Name, img.Width, img.Height, img.SHA256)
			}
		})
	}
}

func TestLoaderOnce(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "r/a.png"), PNG(t, 2, 2))
	l := NewLoader(dir)
	var wg sync.WaitGroup
	got := make([]any, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rel := "r/a.png"
			if i%2 == 1 {
				rel = "./r/a.png"
			}
			img, err := l.Load(rel)
			if err != nil {
				t.Error(err)
			}
			got[i] = img
		}()
	}
	wg.Wait()
	for i := range got {
		if got[i] != got[0] {
			t.Fatalf("use %d got another image", i)
		}
	}
	if _, err := l.Load("r/yok.png"); err == nil {
		t.Error("no error for a missing image")
	}
	if used := l.Used(); len(used) != 1 || !used["r"] {
		t.Errorf("Used = %v", used)
	}
}
