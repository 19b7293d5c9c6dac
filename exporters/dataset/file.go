package dataset

import (
	"bufio"
	"crypto/sha256"
	"fmt"
	"hash"
	"os"
	"path/filepath"
)

// and keeps its first error.
type countingFile struct {
	path  string
	f     *os.File
	w     *bufio.Writer
	hash  hash.Hash
	bytes int64
	err   error
}

func newCountingFile(path string) (*countingFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	return &countingFile{path: path, f: f, w: dataWriter(f), hash: sha256.New()}, nil
}

func (c *countingFile) Write(p []byte) {
	if c.err != nil {
		return
	}
	if _, err := c.w.Write(p); err != nil {
		c.err = fmt.Errorf("dataset: write %s: %w", filepath.Base(c.path), err)
		return
	}
	c.hash.Write(p)
	c.bytes += int64(len(p))
}

func (c *countingFile) WriteString(s string) { c.Write([]byte(s)) }

func (c *countingFile) Close() error {
	if c.err == nil {
		if err := c.w.Flush(); err != nil {
			c.err = fmt.Errorf("dataset: write %s: %w", filepath.Base(c.path), err)
		}
	}
	if err := c.f.Close(); err != nil && c.err == nil {
		c.err = fmt.Errorf("dataset: write %s: %w", filepath.Base(c.path), err)
	}
	return c.err
}
