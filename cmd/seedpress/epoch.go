package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/seedpress/seedpress/pipeline/doc"
	"github.com/seedpress/seedpress/pipeline/manifest"
)

// epochSource says where the release time came from.
type epochSource string

const (
	fromEnv      epochSource = "SOURCE_DATE_EPOCH"
	fromGit      epochSource = "last git commit"
	fromManifest epochSource = "book.yaml date"
	fromSeeds    epochSource = "newest seed file"
	fromNothing  epochSource = "no seeds: the Unix epoch"
)

// epochEnv returns SOURCE_DATE_EPOCH parsed, and whether it was set (an
// empty value counts as unset). A value that is not a whole, non-negative
// number of seconds is an error: a release is never dated by a guess.
func epochEnv(lookup func(string) (string, bool)) (time.Time, bool, error) {
	v, ok := lookup("SOURCE_DATE_EPOCH")
	v = strings.TrimSpace(v)
	if !ok || v == "" {
		return time.Time{}, false, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n < 0 || n > 253402300799 { // 9999-12-31T23:59:59Z
		return time.Time{}, false, fmt.Errorf("SOURCE_DATE_EPOCH=%q is not a whole number of seconds since 1970-01-01 (between 0 and 253402300799)", v)
	}
	return time.Unix(n, 0).UTC(), true, nil
}

// epochInputs is everything releaseTime looks at, so that a table test can
// give each rule its turn.
type epochInputs struct {
	lookup   func(string) (string, bool) // the environment
	gitTime  func(dir string) (string, error)
	seedsDir string
	date     string // the manifest's date, YYYY[-MM[-DD]]
}

// releaseTime returns the time that dates a release, never the wall clock:
// SOURCE_DATE_EPOCH from the environment; else, when the seeds folder is in
// a git checkout, the last commit's time; else the manifest's date (UTC
// midnight); else the newest seed file's modification time; else the Unix
// epoch.
func releaseTime(in epochInputs) (time.Time, epochSource, error) {
	if t, ok, err := epochEnv(in.lookup); err != nil || ok {
		return t, fromEnv, err
	}
	if in.gitTime != nil {
		if out, err := in.gitTime(in.seedsDir); err == nil {
			if n, err := strconv.ParseInt(strings.TrimSpace(out), 10, 64); err == nil && n >= 0 {
				return time.Unix(n, 0).UTC(), fromGit, nil
			}
		}
	}
	if t, ok := doc.ParseDate(in.date); ok {
		return t, fromManifest, nil
	}
	if t, ok := newestSeed(in.seedsDir); ok {
		return t, fromSeeds, nil
	}
	return time.Unix(0, 0).UTC(), fromNothing, nil
}

// gitCommitTime runs "git log -1 --format=%ct" in dir: the committer time of
// the checkout's last commit, in seconds.
func gitCommitTime(dir string) (string, error) {
	cmd := exec.Command("git", "log", "-1", "--format=%ct")
	cmd.Dir = dir
	cmd.Stderr = nil
	out, err := cmd.Output()
	return string(out), err
}

// newestSeed returns the latest modification time, in whole seconds, of the
// seed files (*.txt, *.md) and book.yaml in dir.
func newestSeed(dir string) (time.Time, bool) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return time.Time{}, false
	}
	var newest time.Time
	found := false
	for _, e := range entries {
		name := e.Name()
		ext := strings.ToLower(filepath.Ext(name))
		if strings.HasPrefix(name, ".") || (ext != ".txt" && ext != ".md" && name != manifest.FileName) {
			continue
		}
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		if t := fi.ModTime().UTC().Truncate(time.Second); !found || t.After(newest) {
			newest, found = t, true
		}
	}
	return newest, found
}
