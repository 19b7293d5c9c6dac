package dataset

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/seedpress/seedpress/internal/parallel"
)

// Verify checks that dir holds a complete dataset as Write leaves it:
// datapackage.json lists at least one resource, and each resource's files
// (one path, or the ordered list of a sharded table's paths) lie inside dir
// and together hold the number of bytes and the SHA-256 that the descriptor
// declares. It reads the files; it does not validate records.
func Verify(dir string) error { return VerifyWith(dir, nil) }

// VerifyWith is Verify taking the SHA-256 (lower-case hex) and size of a
// resource held in one file from sum, when sum is not nil: a publication
// that hashes every file anyway passes its own, so each file is read once.
func VerifyWith(dir string, sum func(path string) (sha string, size int64, err error)) error {
	data, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		return fmt.Errorf("dataset: verify: %w", err)
	}
	var raw struct {
		Resources []struct {
			Name  string          `json:"name"`
			Path  json.RawMessage `json:"path"`
			Bytes int64           `json:"bytes"`
			Hash  string          `json:"hash"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("dataset: verify: datapackage.json: %w", err)
	}
	if len(raw.Resources) == 0 {
		return errors.New("dataset: verify: datapackage.json lists no resources")
	}
	pkg := &dataPackage{}
	for _, r := range raw.Resources {
		var paths []string
		var one string
		if err := json.Unmarshal(r.Path, &one); err == nil {
			paths = []string{one}
		} else if err := json.Unmarshal(r.Path, &paths); err != nil || len(paths) == 0 {
			return fmt.Errorf("dataset: verify: resource %q has a bad path %s", r.Name, r.Path)
		}
		for _, p := range paths {
			if p == "" || !filepath.IsLocal(filepath.FromSlash(p)) {
				return fmt.Errorf("dataset: verify: resource %q has a bad path %q", r.Name, p)
			}
		}
		pkg.Resources = append(pkg.Resources, resource{Name: r.Name, Path: paths, Bytes: r.Bytes, Hash: r.Hash})
	}
	return verifyResources(dir, pkg, sum)
}

// verifyResources re-reads every resource's files and checks their total
// size and SHA-256 against the descriptor. Resources are read concurrently,
// at most GOMAXPROCS at a time; the error is that of the first failing
// resource in the descriptor's order.
func verifyResources(dir string, pkg *dataPackage, sum func(string) (string, int64, error)) error {
	return parallel.Each(len(pkg.Resources), 0, func(i int) error { return verifyResource(dir, pkg.Resources[i], sum) })
}

// verifyResource checks one resource's files, taking the hash of a single
// file from sum when it is not nil.
func verifyResource(dir string, r resource, sum func(string) (string, int64, error)) error {
	paths := r.paths()
	if sum != nil && len(paths) == 1 {
		sha, n, err := sum(filepath.Join(dir, filepath.FromSlash(paths[0])))
		if err != nil {
			return fmt.Errorf("dataset: verify %s: %w", paths[0], err)
		}
		return r.compare("sha256:"+sha, n)
	}
	h := sha256.New()
	var n int64
	for _, p := range paths {
		f, err := os.Open(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			return fmt.Errorf("dataset: verify %s: %w", p, err)
		}
		m, err := io.Copy(h, f)
		f.Close()
		if err != nil {
			return fmt.Errorf("dataset: verify %s: %w", p, err)
		}
		n += m
	}
	return r.compare("sha256:"+hex.EncodeToString(h.Sum(nil)), n)
}

// compare checks a resource's files' hash and size against its descriptor.
func (r resource) compare(hash string, size int64) error {
	if hash != r.Hash || size != r.Bytes {
		return &Error{Table: r.Name, ID: "datapackage.json", Reason: fmt.Sprintf("files hold %d bytes %s, descriptor says %d bytes %s", size, hash, r.Bytes, r.Hash)}
	}
	return nil
}
