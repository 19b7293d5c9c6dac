package epub

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seedpress/seedpress/internal/corpus"
	"github.com/seedpress/seedpress/internal/testtool"
	"github.com/seedpress/seedpress/pipeline/doc"
)

// validate runs every external validator on the EPUB of b: epubcheck,
// epubcheck-ts and Ace by DAISY. Each must report nothing.
func validate(t *testing.T, b *doc.Book) {
	path := filepath.Join(t.TempDir(), "book.epub")
	if err := os.WriteFile(path, write(t, b, Options{Generator: "seedpress test"}), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Run("epubcheck", func(t *testing.T) { t.Parallel(); epubcheck(t, path) })
	t.Run("epubcheck-ts", func(t *testing.T) { t.Parallel(); epubcheckTS(t, path) })
	t.Run("ace", func(t *testing.T) { t.Parallel(); ace(t, path) })
}

// run runs a validator, named label in the log, and logs how long it took.
func run(t *testing.T, label, name string, args ...string) ([]byte, error) {
	t.Helper()
	start := time.Now()
	cmd := exec.Command(name, args...)
	out, err := cmd.CombinedOutput()
	t.Logf("%s took %v", label, time.Since(start).Round(time.Millisecond))
	return out, err
}

// epubcheck runs Debian's epubcheck (4.2.6): no fatals, errors or warnings.
func epubcheck(t *testing.T, path string) {
	java := testtool.Require(t, "java", "apt-get install epubcheck")
	jar := testtool.RequireFile(t, "/usr/share/java/epubcheck.jar", "apt-get install epubcheck")
	report := filepath.Join(t.TempDir(), "epubcheck.json")
	out, err := run(t, "epubcheck", java, "-jar", jar, path, "--json", report)
	data, rerr := os.ReadFile(report)
	if rerr != nil {
		t.Fatalf("epubcheck wrote no report (%v): %v\n%s", err, rerr, out)
	}
	var r struct {
		Checker struct {
			Version  string `json:"checkerVersion"`
			NFatal   int    `json:"nFatal"`
			NError   int    `json:"nError"`
			NWarning int    `json:"nWarning"`
		} `json:"checker"`
		Messages []struct {
			ID        string `json:"ID"`
			Severity  string `json:"severity"`
			Message   string `json:"message"`
			Locations []struct {
				Path string `json:"path"`
				Line int    `json:"line"`
			} `json:"locations"`
		} `json:"messages"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("epubcheck report: %v", err)
	}
	c := r.Checker
	t.Logf("epubcheck %s: %d fatals, %d errors, %d warnings", c.Version, c.NFatal, c.NError, c.NWarning)
	if c.NFatal+c.NError+c.NWarning > 0 || err != nil {
		var msgs []string
		for _, m := range r.Messages {
			loc := ""
			if len(m.Locations) > 0 {
				loc = fmt.Sprintf("%s:%d: ", m.Locations[0].Path, m.Locations[0].Line)
			}
			msgs = append(msgs, fmt.Sprintf("%s%s %s %s", loc, m.Severity, m.ID, m.Message))
		}
		t.Errorf("epubcheck (%v):\n%s\n%s", err, strings.Join(msgs, "\n"), out)
	}
}

// npmBin returns a validator installed by `npm ci` at the repository root.
func npmBin(t *testing.T, name string) string {
	return testtool.RequireFile(t, filepath.Join(testtool.Root(), "node_modules", ".bin", name), "npm ci (at the repository root)")
}

// epubcheckTS runs @likecoin/epubcheck-ts (EPUB 3.3 rules): valid, no
// warnings.
func epubcheckTS(t *testing.T, path string) {
	testtool.Require(t, "node", "apt-get install nodejs")
	bin := npmBin(t, "epubcheck-ts")
	report := filepath.Join(t.TempDir(), "epubcheck-ts.json")
	out, err := run(t, "epubcheck-ts", bin, path, "--json", report)
	data, rerr := os.ReadFile(report)
	if rerr != nil {
		t.Fatalf("epubcheck-ts wrote no report (%v): %v\n%s", err, rerr, out)
	}
	var r struct {
		Checker struct {
			Version string `json:"version"`
		} `json:"checker"`
		Fatals   int `json:"fatals"`
		Errors   int `json:"errors"`
		Warnings int `json:"warnings"`
		Messages []json.RawMessage
	}
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("epubcheck-ts report: %v", err)
	}
	t.Logf("epubcheck-ts %s: %d fatals, %d errors, %d warnings", r.Checker.Version, r.Fatals, r.Errors, r.Warnings)
	if r.Fatals+r.Errors+r.Warnings > 0 || err != nil {
		t.Errorf("epubcheck-ts (%v):\n%s", err, data)
	}
}

// ace runs Ace by DAISY with Debian's Chromium: zero violations.
func ace(t *testing.T, path string) {
	testtool.Require(t, "node", "apt-get install nodejs")
	bin := npmBin(t, "ace-cli")
	chromium := os.Getenv("PUPPETEER_EXECUTABLE_PATH")
	if chromium == "" {
		chromium = testtool.Require(t, "chromium", "apt-get install chromium")
	}
	// Ace drives a headless Chromium, which now and then fails to start on
	// a loaded machine; Ace then writes no report. Such a run is retried
	// once. A run that writes a report is never retried.
	var data []byte
	var runErr error
	for attempt := 1; ; attempt++ {
		dir := filepath.Join(t.TempDir(), "ace")
		start := time.Now()
		cmd := exec.Command(bin, "-E", "-s", "-f", "-o", dir, path)
		cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+chromium)
		out, err := cmd.CombinedOutput()
		t.Logf("ace-cli took %v", time.Since(start).Round(time.Millisecond))
		var rerr error
		if data, rerr = os.ReadFile(filepath.Join(dir, "report.json")); rerr == nil {
			runErr = err
			break
		}
		if attempt == 2 {
			t.Fatalf("Ace wrote no report (%v): %v\n%s", err, rerr, out)
		}
		t.Logf("Ace wrote no report (%v), retrying:\n%s", err, out)
	}
	var r struct {
		Result struct {
			Outcome string `json:"earl:outcome"`
		} `json:"earl:result"`
		Assertions []struct {
			Subject struct {
				URL string `json:"url"`
			} `json:"earl:testSubject"`
			Assertions []struct {
				Test struct {
					Title  string `json:"dct:title"`
					Impact string `json:"earl:impact"`
				} `json:"earl:test"`
				Result struct {
					Outcome     string `json:"earl:outcome"`
					Description string `json:"dct:description"`
				} `json:"earl:result"`
			} `json:"assertions"`
		} `json:"assertions"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("Ace report: %v", err)
	}
	var violations []string
	for _, a := range r.Assertions {
		for _, v := range a.Assertions {
			if v.Result.Outcome == "fail" {
				violations = append(violations, fmt.Sprintf("%s: %s (%s): %s", a.Subject.URL, v.Test.Title, v.Test.Impact, v.Result.Description))
			}
		}
	}
	t.Logf("Ace: outcome %s, %d violations", r.Result.Outcome, len(violations))
	if len(violations) > 0 || r.Result.Outcome != "pass" || runErr != nil {
		t.Errorf("Ace (exit: %v): outcome %s, %d violations:\n%s", runErr, r.Result.Outcome, len(violations), strings.Join(violations, "\n"))
	}
}

func TestValidatorsHandBook(t *testing.T) {
	validate(t, handBook())
}

// TestValidatorsEnglish checks a book whose language is English, with no
// subtitle or authors, whose Turkish expansions are marked lang="tr", and a
// glossary term without expansions.
func TestValidatorsEnglish(t *testing.T) {
	b := handBook()
	b.Meta = doc.Meta{Title: "An English Book", Lang: "en"}
	b.Documents = b.Documents[1:]
	b.Glossary = []doc.Term{{Acronym: "ICANN"}, {Acronym: "IETF", Expansion: "İnternet Mühendisliği Görev Grubu", ExpansionEN: "Internet Engineering Task Force"}}
	validate(t, b)
}

// TestValidatorsRich checks a book that uses every node of the model (see
// richBook), and the same book in English.
func TestValidatorsRich(t *testing.T) {
	t.Run("tr", func(t *testing.T) { validate(t, richBook()) })
	t.Run("en", func(t *testing.T) {
		b := richBook()
		b.Meta.Lang = "en"
		validate(t, b)
	})
}

// TestValidatorsRichCorpus checks the EPUB of a generated rich corpus
// (footnotes, tables and figures at the bench's density), built by the
// pipeline.
func TestValidatorsRichCorpus(t *testing.T) {
	dir := t.TempDir()
	g := corpus.Generator{Rich: true}
	if _, err := g.Generate(dir, 16, 1); err != nil {
		t.Fatal(err)
	}
	validate(t, buildBook(t, dir))
}
