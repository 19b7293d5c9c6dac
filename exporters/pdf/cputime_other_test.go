//go:build !unix

package pdf

import "time"

// cpuTime returns 0 where the process's CPU time is not known here.
func cpuTime() time.Duration { return 0 }
