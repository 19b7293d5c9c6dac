package dataset

import (
	"bufio"
	"os"
)

// dataWriter returns the buffered writer every data file of the dataset is
// written through: 256 KiB at a time, into a writebackFile.
func dataWriter(f *os.File) *bufio.Writer {
	return bufio.NewWriterSize(&writebackFile{f: f}, 256<<10)
}

// writebackFile is a data file that asks the system to start writing what
// it was given to disk every writebackChunk bytes, without waiting for it.
// A publication syncs every file before it commits (exporters.Publish):
// without this, the dataset's hundreds of megabytes would all be waiting
// in the page cache at that moment, and the build would wait for the disk
// to take them at its end; with it, they go to disk while the book is
// still being written, and the final sync finds little left. It changes
// nothing that is written, and where the system has no such call
// (startWriteback), nothing at all.
type writebackFile struct {
	f            *os.File
	off, started int64 // bytes written; bytes whose writing was started
}

// writebackChunk is how many bytes a writebackFile gathers before it
// starts their writing.
const writebackChunk = 8 << 20

func (w *writebackFile) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.off += int64(n)
	if w.off-w.started >= writebackChunk {
		startWriteback(w.f, w.started, w.off-w.started)
		w.started = w.off
	}
	return n, err
}
