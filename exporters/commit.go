package exporters

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// commit renames the staged outputs into place: old checksums out first,
// then each output, then RELEASE.json and SHA256SUMS.
func (p *publication) commit(st []*staged, releaseTmp, sumsTmp string) error {
	stale := p.staleOutputs(st)
	for _, name := range []string{SumsName, ReleaseName} {
		if err := os.Remove(filepath.Join(p.dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("publish: remove old %s: %w", name, err)
		}
	}
	for _, s := range st {
		final := filepath.Join(p.dir, s.final)
		if s.format.IsDir() {
			if err := swapDir(s.tmp, final); err != nil {
				return err
			}
		} else if err := os.Rename(s.tmp, final); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		p.untrack(s.tmp)
	}
	for _, r := range [][2]string{{releaseTmp, ReleaseName}, {sumsTmp, SumsName}} {
		if err := os.Rename(r[0], filepath.Join(p.dir, r[1])); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		p.untrack(r[0])
	}
	for _, name := range stale {
		if err := os.Remove(filepath.Join(p.dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("publish: remove %s of an earlier publication: %w", name, err)
		}
	}
	if err := syncPath(p.dir); err != nil {
		return fmt.Errorf("publish: sync %s: %w", p.dir, err)
	}
	return nil
}

// staleOutputs returns the files of the previous publication in p.dir (as
// its RELEASE.json lists them) that this one replaces under another name:
// the EPUB or PDF of an earlier title, when this publication writes an EPUB
// or PDF. Files the previous RELEASE.json does not list, and outputs of
// formats this publication does not write, are left alone.
func (p *publication) staleOutputs(st []*staged) []string {
	data, err := os.ReadFile(filepath.Join(p.dir, ReleaseName))
	if err != nil {
		return nil
	}
	var prev release
	if json.Unmarshal(data, &prev) != nil {
		return nil
	}
	var stale []string
	for _, f := range prev.Files {
		name := f.Path
		if strings.ContainsAny(name, `/\`) || name == SumsName || name == ReleaseName || strings.HasPrefix(name, ".") {
			continue
		}
		for _, s := range st {
			if ext := s.format.Ext; ext != "" && strings.HasSuffix(name, ext) && name != s.final {
				if fi, err := os.Lstat(filepath.Join(p.dir, name)); err == nil && fi.Mode().IsRegular() {
					stale = append(stale, name)
				}
				break
			}
		}
	}
	return stale
}

// swapDir replaces the folder final by tmp: the old folder is renamed aside
// (under TempPrefix, so a killed run's leftover is cleaned up next time),
// the new one renamed in, and the old one removed.
func swapDir(tmp, final string) error {
	old := ""
	if _, err := os.Lstat(final); err == nil {
		old = filepath.Join(filepath.Dir(final), TempPrefix+"old-"+filepath.Base(final)+"-"+filepath.Base(tmp)[len(TempPrefix):])
		if err := os.Rename(final, old); err != nil {
			return fmt.Errorf("publish: move old %s aside: %w", filepath.Base(final), err)
		}
	}
	if err := os.Rename(tmp, final); err != nil {
		if old != "" {
			os.Rename(old, final) // put the old folder back
		}
		return fmt.Errorf("publish: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("publish: remove old %s: %w", filepath.Base(final), err)
		}
	}
	return nil
}
