package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestReleaseTime(t *testing.T) {
	seedMtime := time.Date(2021, 3, 4, 5, 6, 7, 0, time.UTC)
	withSeeds := t.TempDir()
	for name, mt := range map[string]time.Time{
		"001.txt":     seedMtime.Add(-time.Hour),
		"002.md":      seedMtime,
		"book.yaml":   seedMtime.Add(-2 * time.Hour),
		"notes.pdf":   seedMtime.Add(time.Hour), // not a seed
		".hidden.txt": seedMtime.Add(time.Hour), // skipped by the pipeline too
	} {
		p := filepath.Join(withSeeds, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mt, mt.Add(500*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
	}
	empty := t.TempDir()

	env := func(kv ...string) func(string) (string, bool) {
		return func(k string) (string, bool) {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1], true
				}
			}
			return "", false
		}
	}
	git := func(out string, err error) func(string) (string, error) {
		return func(string) (string, error) { return out, err }
	}
	noGit := git("", errors.New("fatal: not a git repository"))

	tests := []struct {
		name    string
		in      epochInputs
		want    time.Time
		source  epochSource
		wantErr bool
	}{
		{"env wins over everything", epochInputs{env("SOURCE_DATE_EPOCH", "1700000000"), git("1600000000\n", nil), withSeeds, "2020"},
			time.Unix(1700000000, 0), fromEnv, false},
		{"env zero", epochInputs{env("SOURCE_DATE_EPOCH", "0"), noGit, withSeeds, ""}, time.Unix(0, 0), fromEnv, false},
		{"env with spaces", epochInputs{env("SOURCE_DATE_EPOCH", " 1700000000\n"), noGit, withSeeds, ""}, time.Unix(1700000000, 0), fromEnv, false},
		{"env empty counts as unset", epochInputs{env("SOURCE_DATE_EPOCH", ""), git("1600000000\n", nil), withSeeds, ""},
			time.Unix(1600000000, 0), fromGit, false},
		{"env not a number", epochInputs{env("SOURCE_DATE_EPOCH", "yesterday"), noGit, withSeeds, ""}, time.Time{}, fromEnv, true},
		{"env negative", epochInputs{env("SOURCE_DATE_EPOCH", "-5"), noGit, withSeeds, ""}, time.Time{}, fromEnv, true},
		{"env fraction", epochInputs{env("SOURCE_DATE_EPOCH", "1.5"), noGit, withSeeds, ""}, time.Time{}, fromEnv, true},
		{"env beyond year 9999", epochInputs{env("SOURCE_DATE_EPOCH", "999999999999"), noGit, withSeeds, ""}, time.Time{}, fromEnv, true},
		{"git commit", epochInputs{env(), git("1600000000\n", nil), withSeeds, "2020-01-02"}, time.Unix(1600000000, 0), fromGit, false},
		{"git garbage is ignored", epochInputs{env(), git("warning\n", nil), withSeeds, "2020-01-02"},
			time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC), fromManifest, false},
		{"no git: manifest day", epochInputs{env(), noGit, withSeeds, "2024-05-19"}, time.Date(2024, 5, 19, 0, 0, 0, 0, time.UTC), fromManifest, false},
		{"manifest month", epochInputs{env(), noGit, withSeeds, "2024-05"}, time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), fromManifest, false},
		{"manifest year", epochInputs{env(), nil, withSeeds, "1996"}, time.Date(1996, 1, 1, 0, 0, 0, 0, time.UTC), fromManifest, false},
		{"bad manifest date: seed mtime", epochInputs{env(), noGit, withSeeds, "19 Mayıs 2024"}, seedMtime, fromSeeds, false},
		{"no date: newest seed", epochInputs{env(), noGit, withSeeds, ""}, seedMtime, fromSeeds, false},
		{"nothing at all", epochInputs{env(), noGit, empty, ""}, time.Unix(0, 0), fromNothing, false},
		{"missing folder", epochInputs{env(), noGit, filepath.Join(empty, "nope"), ""}, time.Unix(0, 0), fromNothing, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, source, err := releaseTime(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("releaseTime = %v, want an error", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !got.Equal(tt.want) || source != tt.source || got.Location() != time.UTC {
				t.Errorf("releaseTime = %v (%s), want %v (%s)", got, source, tt.want.UTC(), tt.source)
			}
		})
	}
}
