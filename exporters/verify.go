package exporters

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/seedpress/seedpress/exporters/dataset"
)

func verifyNonEmptyFile(p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	if fi.Size() == 0 {
		return errors.New("empty file")
	}
	return nil
}

func verifyNonEmptyDir(p string) error {
	entries, err := os.ReadDir(p)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return errors.New("empty folder")
	}
	return nil
}

// VerifyZip checks that the file at p is a complete EPUB container: a zip
// archive whose first entry is an uncompressed "mimetype" and whose every
// entry reads back with a correct checksum.
func VerifyZip(p string) error {
	r, err := zip.OpenReader(p)
	if err != nil {
		return err
	}
	defer r.Close()
	if len(r.File) == 0 {
		return errors.New("empty archive")
	}
	if first := r.File[0]; first.Name != "mimetype" || first.Method != zip.Store {
		return errors.New(`the first entry is not an uncompressed "mimetype"`)
	}
	for _, f := range r.File {
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	return nil
}

// VerifyPDF checks that the file at p looks like a complete PDF: it starts
// with "%PDF-" and its last kilobyte holds the "%%EOF" marker.
func VerifyPDF(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	head := make([]byte, 5)
	if _, err := io.ReadFull(f, head); err != nil || string(head) != "%PDF-" {
		return errors.New("no %PDF- header")
	}
	n := min(fi.Size(), 1024)
	tail := make([]byte, n)
	if _, err := f.ReadAt(tail, fi.Size()-n); err != nil {
		return err
	}
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return errors.New("no %%EOF trailer: the file is truncated")
	}
	return nil
}

// VerifyDataset checks that the folder at p holds a complete dataset; see
// dataset.Verify. The files' hashes come from sums.
func VerifyDataset(p string, sums *Sums) error { return dataset.VerifyWith(p, sums.File) }
