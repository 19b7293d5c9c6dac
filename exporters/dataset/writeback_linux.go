package dataset

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback starts writing n bytes of f from off to disk and returns
// without waiting (sync_file_range with SYNC_FILE_RANGE_WRITE). It is a
// hint: an error changes nothing that the final sync does not check.
func startWriteback(f *os.File, off, n int64) {
	unix.SyncFileRange(int(f.Fd()), off, n, unix.SYNC_FILE_RANGE_WRITE)
}
