package testtool

import (
	"bytes"
	"strings"
)

// Archive is a txtar archive: a comment, then files, each introduced by a
// marker line "-- NAME --". It is the format of golang.org/x/tools/txtar,
// in which go/doc/comment keeps the input and every output of a test case;
// it is read here without that module, which seedpress does not otherwise
// need.
type Archive struct {
	Comment []byte
	Files   []File
}

// File is one file of an Archive.
type File struct {
	Name string
	Data []byte
}

// ParseArchive parses data as a txtar archive. It never fails: text
// before the first marker line is the comment.
func ParseArchive(data []byte) *Archive {
	a := &Archive{}
	var name string
	a.Comment, name, data = findMarker(data)
	for name != "" {
		f := File{Name: name}
		f.Data, name, data = findMarker(data)
		a.Files = append(a.Files, f)
	}
	return a
}

// Format returns the archive in its text form. Every file's data ends in a
// newline, added when missing, so that the next marker starts a line.
func (a *Archive) Format() []byte {
	var b bytes.Buffer
	b.Write(fixNL(a.Comment))
	for _, f := range a.Files {
		b.WriteString("-- " + f.Name + " --\n")
		b.Write(fixNL(f.Data))
	}
	return b.Bytes()
}

// File returns the data of the file called name, and whether there is one.
func (a *Archive) File(name string) ([]byte, bool) {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

// findMarker returns the text before the first marker line of data, the
// marker's name ("" when there is none) and the text after the marker.
func findMarker(data []byte) (before []byte, name string, after []byte) {
	for i := 0; i < len(data); {
		if name, rest, ok := marker(data[i:]); ok {
			return data[:i], name, rest
		}
		j := bytes.IndexByte(data[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return data, "", nil
}

// marker reports whether data starts with a marker line, and returns its
// name and the text after the line.
func marker(data []byte) (name string, after []byte, ok bool) {
	if !bytes.HasPrefix(data, []byte("-- ")) {
		return "", nil, false
	}
	line, after, _ := bytes.Cut(data, []byte("\n"))
	s := strings.TrimSuffix(string(line), "\r")
	if !strings.HasSuffix(s, " --") || len(s) < len("-- x --") {
		return "", nil, false
	}
	name = strings.TrimSpace(s[len("-- ") : len(s)-len(" --")])
	if name == "" {
		return "", nil, false
	}
	return name, after, true
}

func fixNL(data []byte) []byte {
	if len(data) == 0 || data[len(data)-1] == '\n' {
		return data
	}
	return append(data[:len(data):len(data)], '\n')
}
