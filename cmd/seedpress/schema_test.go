package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/seedpress/seedpress/internal/testtool"
)

// TestSchemaFromBinary builds seedpress as an installed binary is built
// (-trimpath: no path into this checkout is compiled in), runs `seedpress
// schema --out DIR` with its working folder an empty temporary folder
// outside the module and an environment without Go, and checks that it
// writes every file of schema/, byte for byte, and nothing else.
func TestSchemaFromBinary(t *testing.T) {
	goCmd := testtool.Require(t, "go", "install Go")
	bin := filepath.Join(t.TempDir(), "seedpress")
	build := exec.Command(goCmd, "build", "-trimpath", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	work := t.TempDir()
	cmd := exec.Command(bin, "schema", "--out", "out")
	cmd.Dir = work
	cmd.Env = []string{"HOME=" + work, "PATH=/nonexistent", "GOPATH=", "GOFLAGS=", "GO111MODULE=off", "GOROOT=/nonexistent"}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("seedpress schema: %v\n%s", err, stderr.Bytes())
	}

	want, err := filepath.Glob(filepath.Join(testtool.Root(), "schema", "*.json"))
	if err != nil || len(want) == 0 {
		t.Fatalf("schema/*.json: %d files, %v", len(want), err)
	}
	entries, err := os.ReadDir(filepath.Join(work, "out"))
	if err != nil {
		t.Fatal(err)
	}
	var got, wantNames []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	for _, p := range want {
		wantNames = append(wantNames, filepath.Base(p))
	}
	if !slices.Equal(got, wantNames) {
		t.Errorf("wrote %v, want %v", got, wantNames)
	}
	for _, p := range want {
		w, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		g, err := os.ReadFile(filepath.Join(work, "out", filepath.Base(p)))
		if err != nil || !bytes.Equal(g, w) {
			t.Errorf("%s: %d bytes written (%v), want the %d of schema/%[1]s", filepath.Base(p), len(g), err, len(w))
		}
	}
}
