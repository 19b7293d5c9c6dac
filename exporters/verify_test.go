package exporters

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func writeZip(t *testing.T, entries []string, method uint16) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range entries {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, "application/epub+zip")
	}
	zw.Close()
	return buf.Bytes()
}

func TestVerify(t *testing.T) {
	good := writeZip(t, []string{"mimetype", "OEBPS/a.xhtml"}, zip.Store)
	tests := []struct {
		name   string
		verify func(string) error
		data   []byte
		ok     bool
	}{
		{"zip ok", VerifyZip, good, true},
		{"zip truncated", VerifyZip, good[:len(good)-10], false},
		{"zip mimetype not first", VerifyZip, writeZip(t, []string{"a", "mimetype"}, zip.Store), false},
		{"zip mimetype deflated", VerifyZip, writeZip(t, []string{"mimetype"}, zip.Deflate), false},
		{"zip empty", VerifyZip, writeZip(t, nil, zip.Store), false},
		{"not zip", VerifyZip, []byte("%PDF-1.7"), false},
		{"pdf ok", VerifyPDF, []byte("%PDF-1.7\n1 0 obj\nendobj\ntrailer\n%%EOF\n"), true},
		{"pdf truncated", VerifyPDF, []byte("%PDF-1.7\n1 0 obj\nendobj\n"), false},
		{"pdf no header", VerifyPDF, []byte("PK\x03\x04 %%EOF"), false},
		{"pdf tiny", VerifyPDF, []byte("%PD"), false},
		{"pdf eof far from end", VerifyPDF, append([]byte("%PDF-1.7 %%EOF"), bytes.Repeat([]byte{' '}, 2000)...), false},
	}
	for _, tt := range tests {
		p := filepath.Join(t.TempDir(), "f")
		os.WriteFile(p, tt.data, 0o644)
		if err := tt.verify(p); (err == nil) != tt.ok {
			t.Errorf("%s: err = %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func TestVerifyDataset(t *testing.T) {
	rows := "{\"id\":\"doc-0001\"}\n"
	h := sha256.Sum256([]byte(rows))
	hash := "sha256:" + hex.EncodeToString(h[:])
	pkg := func(path string, size int, hash string) string {
		return fmt.Sprintf(`{"resources":[{"name":"documents","path":%q,"bytes":%d,"hash":%q}]}`, path, size, hash)
	}
	// A sharded table: bytes and hash describe the shards concatenated.
	shards := func(size int, hash string) string {
		return fmt.Sprintf(`{"resources":[{"name":"d","path":["data/d-00000-of-00002.jsonl","data/d-00001-of-00002.jsonl"],"bytes":%d,"hash":%q}]}`, size, hash)
	}
	tests := []struct {
		name  string
		files map[string]string
		ok    bool
	}{
		{"ok", map[string]string{"datapackage.json": pkg("data/documents.jsonl", len(rows), hash), "data/documents.jsonl": rows}, true},
		{"no size or hash", map[string]string{"datapackage.json": `{"resources":[{"path":"data/documents.jsonl"}]}`, "data/documents.jsonl": rows}, false},
		{"missing resource", map[string]string{"datapackage.json": pkg("data/documents.jsonl", len(rows), hash)}, false},
		{"short resource", map[string]string{"datapackage.json": pkg("data/documents.jsonl", len(rows), hash), "data/documents.jsonl": rows[:5]}, false},
		{"wrong hash", map[string]string{"datapackage.json": pkg("data/documents.jsonl", len(rows), "sha256:00"), "data/documents.jsonl": rows}, false},
		{"escaping path", map[string]string{"datapackage.json": pkg("../x", 1, "")}, false},
		{"no resources", map[string]string{"datapackage.json": `{"resources":[]}`}, false},
		{"no datapackage", map[string]string{"data/documents.jsonl": rows}, false},
		{"shards", map[string]string{"datapackage.json": shards(len(rows), hash), "data/d-00000-of-00002.jsonl": rows[:7], "data/d-00001-of-00002.jsonl": rows[7:]}, true},
		{"shards swapped", map[string]string{"datapackage.json": shards(len(rows), hash), "data/d-00000-of-00002.jsonl": rows[7:], "data/d-00001-of-00002.jsonl": rows[:7]}, false},
		{"shard missing", map[string]string{"datapackage.json": shards(len(rows), hash), "data/d-00000-of-00002.jsonl": rows[:7]}, false},
		{"empty path list", map[string]string{"datapackage.json": `{"resources":[{"name":"d","path":[]}]}`}, false},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		for p, c := range tt.files {
			fp := filepath.Join(dir, filepath.FromSlash(p))
			os.MkdirAll(filepath.Dir(fp), 0o755)
			os.WriteFile(fp, []byte(c), 0o644)
		}
		for _, sums := range []*Sums{nil, {}} {
			if err := VerifyDataset(dir, sums); (err == nil) != tt.ok {
				t.Errorf("%s: err = %v, want ok=%v", tt.name, err, tt.ok)
			}
		}
	}
}
