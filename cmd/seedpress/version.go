package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"
)

// devVersion is the version of a build that says nothing better.
const devVersion = "0.1.0-dev"

// version is seedpress's version; release builds set it with
// -ldflags "-X main.version=1.2.3".
var version = devVersion

// libraries are the modules whose versions a release records: the ones that
// shape the artifacts' bytes.
var libraries = []string{
	"github.com/go-pdf/fpdf",
	"github.com/go-shiori/go-epub",
	"github.com/invopop/jsonschema",
	"github.com/klauspost/compress",
	"github.com/parquet-go/parquet-go",
	"github.com/santhosh-tekuri/jsonschema/v6",
	"github.com/yuin/goldmark",
	"go.yaml.in/yaml/v3",
	"golang.org/x/image",
	"golang.org/x/text",
}

// versions describes the running binary.
type versions struct {
	Seedpress string
	Go        string
	Libraries map[string]string // module path → version, for those compiled in
}

// buildVersions reads the versions from the binary's build information: the
// main module's version when it has a real one (a tag or a pseudo-version
// stamped by go build in a clean checkout), else version; the Go toolchain;
// and the libraries' versions.
func buildVersions() versions {
	v := versions{Seedpress: version, Go: runtime.Version(), Libraries: map[string]string{}}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if mv := bi.Main.Version; version == devVersion && mv != "" && mv != "(devel)" {
		v.Seedpress = mv
	}
	if bi.GoVersion != "" {
		v.Go = bi.GoVersion
	}
	for _, d := range bi.Deps {
		for _, lib := range libraries {
			if d.Path == lib {
				ver := d.Version
				switch {
				case d.Replace != nil && (strings.HasPrefix(d.Replace.Path, "./") || strings.HasPrefix(d.Replace.Path, "../")):
					// A patched copy in the repository (go.mod's replace).
					ver += "+patched (" + strings.TrimPrefix(d.Replace.Path, "./") + ")"
				case d.Replace != nil && d.Replace.Version != "":
					ver = d.Replace.Version
				}
				v.Libraries[lib] = ver
			}
		}
	}
	return v
}

func runVersion(args []string, stdout, stderr io.Writer) error {
	fs := flagSet("version")
	if err := parse(fs, "seedpress version", args, stdout); err != nil {
		return helped(err)
	}
	v := buildVersions()
	var b strings.Builder
	fmt.Fprintf(&b, "seedpress %s\n%s %s/%s\n", v.Seedpress, v.Go, runtime.GOOS, runtime.GOARCH)
	for _, lib := range libraries {
		if ver, ok := v.Libraries[lib]; ok {
			fmt.Fprintf(&b, "%s %s\n", lib, ver)
		}
	}
	_, err := io.WriteString(stdout, b.String())
	return err
}
