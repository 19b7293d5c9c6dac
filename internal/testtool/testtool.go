// Package testtool finds the external validators that seedpress's tests run
// (epubcheck, qpdf, pdftotext, python3 with jsonschema and pandas, Ace, …).
//
// Outside CI a missing tool skips the test with a note on how to install it;
// when the environment variable CI is "true" a missing tool fails the test,
// so that CI can never pass by skipping a check.
package testtool

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// InCI reports whether the tests run in CI (CI=true).
func InCI() bool { return os.Getenv("CI") == "true" }

// Missing stops the test because a needed tool is missing: t.Fatalf in CI,
// t.Skipf elsewhere. hint says how to install it.
func Missing(t testing.TB, what, hint string) {
	t.Helper()
	if InCI() {
		t.Fatalf("%s is missing (CI=true, so this fails instead of skipping): %s", what, hint)
	}
	t.Skipf("%s is missing: %s", what, hint)
}

// Require returns the path of the command name, or stops the test (see
// Missing) when it is not installed.
func Require(t testing.TB, name, hint string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name, hint)
	}
	return p
}

// RequireFile returns path when it exists, or stops the test (see Missing).
func RequireFile(t testing.TB, path, hint string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		Missing(t, path, hint)
	}
	return path
}

// Root returns the repository's root folder (the one holding go.mod).
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}
