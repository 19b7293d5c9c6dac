// Package resource reads and checks the image files a book uses: the
// figures and inline images of its seeds and the manifest's cover-image.
// Both go through Load, so that one set of rules holds for every image.
//
// An image is a file inside the seeds folder, named by a relative path; a
// remote URL is never fetched. It must be a PNG or a JPEG by its content
// (not its name), decode completely, hold at most MaxPixels pixels
// (checked from the header, before the pixels are decoded, so that a small
// file cannot unpack into gigabytes) and be at most MaxSize bytes.
package resource

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"github.com/seedpress/seedpress/pipeline/doc"
)

// MaxSize is the largest image file read, in bytes: 32 MiB.
const MaxSize = 32 << 20

// MaxPixels is the most pixels (width × height) an image may hold: 50
// megapixels.
const MaxPixels = 50_000_000

// Load reads the image at rel, a slash-separated path relative to the
// seeds folder dir as a seed or book.yaml writes it, and checks it. what
// names the image in errors ("image", "cover-image"); every error reads
// `what "rel" …` and says what is wrong. The image's Path is rel cleaned
// ("resimler/harita.png"), Name its base name.
func Load(dir, rel, what string) (*doc.Image, error) {
	full, clean, err := resolve(dir, rel, what)
	if err != nil {
		return nil, err
	}
	fail := func(format string, args ...any) (*doc.Image, error) {
		return nil, failure(what, rel, format, args...)
	}
	f, err := os.Open(full)
	if err != nil {
		return fail(": %v", osReason(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return fail(": %v", osReason(err))
	case fi.IsDir():
		return fail("is a folder, not an image")
	case !fi.Mode().IsRegular():
		return fail("is not a regular file")
	case fi.Size() > MaxSize:
		return fail("is larger than the limit of %d MiB", MaxSize>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxSize+1))
	if err != nil {
		return fail(": %v", osReason(err))
	}
	if len(data) > MaxSize {
		return fail("is larger than the limit of %d MiB", MaxSize>>20)
	}
	img := &doc.Image{Name: path.Base(clean), Path: clean, Data: data}
	// Only JPEG and PNG: both EPUB readers and PDF embed them as they are.
	// The magic numbers decide, not the file name, and the decoders are
	// called directly so that a format registered elsewhere cannot slip in.
	var decodeConfig func(io.Reader) (image.Config, error)
	var decode func(io.Reader) (image.Image, error)
	var format string
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		img.MediaType, format = "image/png", "PNG"
		decodeConfig, decode = png.DecodeConfig, png.Decode
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		img.MediaType, format = "image/jpeg", "JPEG"
		decodeConfig, decode = jpeg.DecodeConfig, jpeg.Decode
	case isSVG(data):
		return fail("is an SVG image; only PNG and JPEG are published (convert it to PNG)")
	default:
		return fail("is not a JPEG or PNG image")
	}
	cfg, err := decodeConfig(bytes.NewReader(data))
	if err != nil {
		return fail("is not a valid %s image: %v", format, err)
	}
	img.Width, img.Height = cfg.Width, cfg.Height
	if img.Width <= 0 || img.Height <= 0 {
		return fail("has no pixels (%dx%d)", img.Width, img.Height)
	}
	if int64(img.Width)*int64(img.Height) > MaxPixels {
		return fail("is %dx%d pixels, over the limit of %d megapixels", img.Width, img.Height, MaxPixels/1_000_000)
	}
	// The whole image decodes: a truncated or corrupt file fails here, not
	// in a reader's hands.
	if _, err := decode(bytes.NewReader(data)); err != nil {
		return fail("is not a valid %s image: %v", format, err)
	}
	sum := sha256.Sum256(data)
	img.SHA256 = hex.EncodeToString(sum[:])
	return img, nil
}

// resolve finds rel in the seeds folder dir: it returns the file's real
// path and rel cleaned, or an error for a remote URL, an absolute path, a
// path that leads outside the folder (directly or through a symbolic link)
// and a file that does not exist.
func resolve(dir, rel, what string) (full, clean string, err error) {
	fail := func(format string, args ...any) (string, string, error) {
		return "", "", failure(what, rel, format, args...)
	}
	if rel == "" {
		return "", "", fmt.Errorf("%s without a path", what)
	}
	if isRemote(rel) {
		return fail("is a remote URL; images are never fetched: put the file in the seeds folder")
	}
	if filepath.IsAbs(rel) || path.IsAbs(rel) || filepath.VolumeName(rel) != "" || strings.HasPrefix(rel, `\`) {
		return fail("is an absolute path; give a path relative to the seeds folder")
	}
	clean = path.Clean(strings.ReplaceAll(rel, `\`, "/"))
	if clean == ".." || strings.HasPrefix(clean, "../") {
		return fail("leads outside the seeds folder")
	}
	real, err := filepath.EvalSymlinks(filepath.Join(dir, filepath.FromSlash(clean)))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fail("does not exist in the seeds folder")
		}
		return fail(": %v", osReason(err))
	}
	base, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return fail(": %v", osReason(err))
	}
	if r, err := filepath.Rel(base, real); err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return fail("is a symbolic link that leads outside the seeds folder")
	}
	return real, clean, nil
}

// failure returns the error `what "rel" …`: format follows the quoted
// path after a space, or directly when it starts with ':'.
func failure(what, rel, format string, args ...any) error {
	sep := " "
	if strings.HasPrefix(format, ":") {
		sep = ""
	}
	return fmt.Errorf("%s %q%s%s", what, rel, sep, fmt.Sprintf(format, args...))
}

// isRemote reports whether rel is a URL with a scheme ("https:", "data:")
// or a network path ("//host/…"), as opposed to a path.
func isRemote(rel string) bool {
	if strings.HasPrefix(rel, "//") {
		return true
	}
	for i, r := range rel {
		switch {
		case r == ':':
			// "C:" is a Windows drive, an absolute path, not a scheme.
			return i > 1
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
		case i > 0 && ('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.'):
		default:
			return false
		}
	}
	return false
}

// isSVG reports whether data looks like an SVG document.
func isSVG(data []byte) bool {
	head := bytes.ToLower(data[:min(len(data), 1024)])
	return bytes.Contains(head, []byte("<svg"))
}

// osReason returns the operating system's reason in err, without the path.
func osReason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Loader loads the images of one book, each path once: every use of a path
// gets the same *doc.Image (or the same error). It is safe for use by
// several goroutines at once.
type Loader struct {
	dir   string
	mu    sync.Mutex
	byRel map[string]loaded     // by the path as written
	byKey map[string]*doc.Image // by the cleaned path
	used  map[string]bool       // the top-level entries of the paths asked for
}

type loaded struct {
	img *doc.Image
	err error
}

// NewLoader returns a Loader of the images in the seeds folder dir.
func NewLoader(dir string) *Loader {
	return &Loader{dir: dir, byRel: map[string]loaded{}, byKey: map[string]*doc.Image{}, used: map[string]bool{}}
}

// Load loads the image at rel (see Load, what "image").
func (l *Loader) Load(rel string) (*doc.Image, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if r, ok := l.byRel[rel]; ok {
		return r.img, r.err
	}
	img, err := Load(l.dir, rel, "image")
	if clean := path.Clean(strings.ReplaceAll(rel, `\`, "/")); rel != "" && !isRemote(rel) && !path.IsAbs(clean) && clean != ".." && !strings.HasPrefix(clean, "../") {
		top, _, _ := strings.Cut(clean, "/")
		l.used[top] = true
	}
	if err == nil {
		if first, ok := l.byKey[img.Path]; ok {
			img = first
		} else {
			l.byKey[img.Path] = img
		}
	}
	l.byRel[rel] = loaded{img, err}
	return img, err
}

// Used returns the names of the entries of the seeds folder that the
// images asked for so far lie in: an image's top-level folder, or the
// image itself when it lies at the top, loaded or not.
func (l *Loader) Used() map[string]bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	used := make(map[string]bool, len(l.used))
	for k := range l.used {
		used[k] = true
	}
	return used
}
