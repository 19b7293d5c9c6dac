package resource_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"

	"github.com/seedpress/seedpress/pipeline/internal/resource"
)

func ExampleLoad() {
	seeds, _ := os.MkdirTemp("", "seeds")
	defer os.RemoveAll(seeds)
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, 3, 2)))
	_ = os.Mkdir(filepath.Join(seeds, "resimler"), 0o755)
	_ = os.WriteFile(filepath.Join(seeds, "resimler", "harita.png"), b.Bytes(), 0o644)

	img, err := resource.Load(seeds, "./resimler/harita.png", "image")
	fmt.Println(img.Path, img.MediaType, img.Width, img.Height, err)
	_, err = resource.Load(seeds, "../harita.png", "image")
	fmt.Println(err)
	_, err = resource.Load(seeds, "https://ornek.tr/harita.png", "cover-image")
	fmt.Println(err)
	// Output:
	// resimler/harita.png image/png 3 2 <nil>
	// image "../harita.png" leads outside the seeds folder
	// cover-image "https://ornek.tr/harita.png" is a remote URL; images are never fetched: put the file in the seeds folder
}
