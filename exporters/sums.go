package exporters

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"sync"
	"time"

	"github.com/seedpress/seedpress/internal/parallel"
)

// The names of the files that Publish writes beside the editions.
const (
	SumsName    = "SHA256SUMS"
	ReleaseName = "RELEASE.json"
)

// describe hashes every staged file under its final path and renders
// SHA256SUMS and RELEASE.json.
func (p *publication) describe(st []*staged) (Result, []byte, []byte, error) {
	var res Result
	var jobs []hashJob
	for _, s := range st {
		res.Outputs = append(res.Outputs, Output{Format: s.format.Name, Path: s.final, Stats: s.stats})
		out := len(res.Outputs) - 1
		if !s.format.IsDir() {
			jobs = append(jobs, hashJob{fsPath: s.tmp, name: s.final, output: out})
			continue
		}
		err := filepath.WalkDir(s.tmp, func(fp string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, err := filepath.Rel(s.tmp, fp)
			if err != nil {
				return err
			}
			jobs = append(jobs, hashJob{fsPath: fp, name: path.Join(s.final, filepath.ToSlash(rel)), output: out})
			return nil
		})
		if err != nil {
			return res, nil, nil, fmt.Errorf("publish: hash %s: %w", s.final, err)
		}
	}
	files, err := p.sums.hashFiles(jobs)
	if err != nil {
		return res, nil, nil, err
	}
	for i, f := range files {
		res.Outputs[jobs[i].output].Size += f.Size
	}
	res.Files = files
	sort.Slice(res.Files, func(i, j int) bool { return res.Files[i].Path < res.Files[j].Path })

	var sums bytes.Buffer
	for _, f := range res.Files {
		fmt.Fprintf(&sums, "%s  %s\n", f.SHA256, f.Path)
	}
	release, err := p.releaseJSON(res.Files)
	if err != nil {
		return res, nil, nil, err
	}
	return res, sums.Bytes(), release, nil
}

// hashJob is one published file to hash: where it is now, its name in the
// release and the index of its output.
type hashJob struct {
	fsPath, name string
	output       int
}

// hashFiles hashes the jobs' files, at most GOMAXPROCS at a time (a
// release is a few large files: a book, a PDF, the dataset's tables), and
// returns them in the jobs' order, or the first job's error.
func (s *Sums) hashFiles(jobs []hashJob) ([]File, error) {
	files := make([]File, len(jobs))
	err := parallel.Each(len(jobs), 0, func(i int) error {
		sha, size, err := s.File(jobs[i].fsPath)
		if err != nil {
			return fmt.Errorf("publish: hash %s: %w", jobs[i].name, err)
		}
		files[i] = File{Path: jobs[i].name, Size: size, SHA256: sha}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// Sums hashes a publication's files, each once: the check of a format
// that verifies its own hashes (the dataset) and SHA256SUMS read the same
// bytes. It is safe for concurrent use; a nil *Sums hashes every time.
type Sums struct {
	mu    sync.Mutex
	files map[string]*fileSum
}

type fileSum struct {
	once sync.Once
	sha  string
	size int64
	err  error
}

// File returns the lower-case hex SHA-256 and the size of the file at
// path, reading it the first time it is asked for.
func (s *Sums) File(path string) (sha string, size int64, err error) {
	if s == nil {
		return hashFile(path)
	}
	s.mu.Lock()
	if s.files == nil {
		s.files = map[string]*fileSum{}
	}
	key := filepath.Clean(path)
	f := s.files[key]
	if f == nil {
		f = &fileSum{}
		s.files[key] = f
	}
	s.mu.Unlock()
	f.once.Do(func() { f.sha, f.size, f.err = hashFile(path) })
	return f.sha, f.size, f.err
}

func hashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// release is the content of RELEASE.json. It holds no wall-clock time, no
// absolute path and no host name, so that it is reproducible.
type release struct {
	Seedpress       string            `json:"seedpress"`
	Go              string            `json:"go"`
	Libraries       map[string]string `json:"libraries"`
	SourceDateEpoch int64             `json:"source_date_epoch"`
	Modified        string            `json:"modified"`
	Title           string            `json:"title"`
	Files           []File            `json:"files"`
}

func (p *publication) releaseJSON(files []File) ([]byte, error) {
	r := release{
		Seedpress:       p.opts.Version,
		Go:              p.opts.GoVersion,
		Libraries:       p.opts.Libraries,
		SourceDateEpoch: p.opts.modified().Unix(),
		Modified:        p.opts.modified().Format(time.RFC3339),
		Title:           p.meta.Title,
		Files:           files,
	}
	if r.Seedpress == "" {
		r.Seedpress = "dev"
	}
	if r.Libraries == nil {
		r.Libraries = map[string]string{}
	}
	// encoding/json sorts map keys, so the output is stable.
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("publish: %s: %w", ReleaseName, err)
	}
	return append(data, '\n'), nil
}
