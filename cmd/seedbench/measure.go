package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Measurement is what one run of a command cost, as /usr/bin/time -v
// reports it.
type Measurement struct {
	Wall     time.Duration
	User     time.Duration
	Sys      time.Duration
	MaxRSSKB int64 // peak resident set size, in KiB
	// ExitCode is the command's exit status; -1 when it was killed by a
	// signal or could not start.
	ExitCode int
	Signal   int // the signal that killed the command, 0 when none
	TimedOut bool
	// Err says why the run failed ("" on success): the exit status, the
	// signal or the start error, followed by the tail of stderr.
	Err string
}

// OK reports whether the run succeeded.
func (m Measurement) OK() bool { return m.Err == "" }

// CPU returns user plus system time.
func (m Measurement) CPU() time.Duration { return m.User + m.Sys }

// runner runs commands under a resource meter.
type runner struct {
	// ctx, when cancelled (on an interrupt), kills the running command.
	// Nil means context.Background().
	ctx context.Context
	// timeBin is the path of GNU time; "" means measuring with the Go
	// runtime's rusage of the child instead.
	timeBin string
	timeout time.Duration
	// scratch is a folder for time's report files.
	scratch string
}

// measure runs name with args in dir, under timeBin -v when set, and
// returns its cost. A run that exceeds r.timeout is killed with its whole
// process group.
func (r *runner) measure(dir, name string, args ...string) Measurement {
	report := ""
	argv := append([]string{name}, args...)
	if r.timeBin != "" {
		f, err := os.CreateTemp(r.scratch, "time-*.txt")
		if err != nil {
			return Measurement{ExitCode: -1, Err: fmt.Sprintf("time report: %v", err)}
		}
		report = f.Name()
		f.Close()
		defer os.Remove(report)
		argv = append([]string{r.timeBin, "-v", "-o", report}, argv...)
	}
	ctx := r.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	if r.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, r.timeout)
		defer cancel()
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = dir
	// The command runs in a process group of its own, and time forks the
	// measured command: on a timeout or an interrupt the whole group is
	// killed.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	var stderr tailBuffer
	cmd.Stderr = &stderr
	// The runs before wrote hundreds of megabytes that the kernel may still
	// be writing to disk: a run timed meanwhile would wait for their
	// writes, not its own. Flush them first.
	syscall.Sync()
	start := time.Now()
	runErr := cmd.Run()
	wall := time.Since(start)

	var m Measurement
	if report != "" && cmd.ProcessState != nil {
		data, err := os.ReadFile(report)
		if err == nil {
			m, err = parseTimeV(data)
		}
		if err != nil {
			m = rusage(cmd.ProcessState, wall)
		}
	} else if cmd.ProcessState != nil {
		m = rusage(cmd.ProcessState, wall)
	}
	if r.ctx != nil && r.ctx.Err() != nil {
		m.ExitCode = -1
		m.Err = "interrupted"
	} else if ctx.Err() == context.DeadlineExceeded {
		m.TimedOut = true
		m.ExitCode = -1
		m.Wall = wall
		m.Err = fmt.Sprintf("timed out after %s", r.timeout)
	} else if m.Signal != 0 {
		m.Err = fmt.Sprintf("killed by signal %d", m.Signal)
	} else if runErr != nil {
		var exit *exec.ExitError
		if errors.As(runErr, &exit) {
			if m.ExitCode <= 0 {
				m.ExitCode = exit.ExitCode()
			}
			m.Err = fmt.Sprintf("exit status %d", m.ExitCode)
			if m.ExitCode < 0 {
				m.Err = exit.String()
			}
		} else {
			m.ExitCode = -1
			m.Err = runErr.Error()
		}
	}
	if m.Err != "" {
		if tail := stderr.Tail(3); tail != "" {
			m.Err += ": " + tail
		}
	}
	return m
}

// rusage reads the cost of a finished process from the Go runtime.
func rusage(ps *os.ProcessState, wall time.Duration) Measurement {
	m := Measurement{Wall: wall, User: ps.UserTime(), Sys: ps.SystemTime(), ExitCode: ps.ExitCode()}
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		m.MaxRSSKB = ru.Maxrss // KiB on Linux
	}
	return m
}

// parseTimeV parses the report of GNU time -v. It needs the wall clock,
// user, system and maximum resident set size lines; the exit status line is
// optional (time omits it when the command was killed by a signal, and then
// ExitCode is -1).
func parseTimeV(data []byte) (Measurement, error) {
	var m Measurement
	var seen int
	const wall, user, sys, rss = 1, 2, 4, 8
	m.ExitCode = -1
	exitSeen := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if sig, ok := strings.CutPrefix(line, "Command terminated by signal "); ok {
			m.Signal, _ = strconv.Atoi(sig)
			continue
		}
		key, val, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		// The key holds colons too ("h:mm:ss or m:ss"): take the value
		// after the last ": ".
		if strings.HasPrefix(key, "Elapsed (wall clock) time") {
			i := strings.LastIndex(line, ": ")
			d, err := parseClock(line[i+2:])
			if err != nil {
				return m, fmt.Errorf("time -v: %w", err)
			}
			m.Wall, seen = d, seen|wall
			continue
		}
		switch key {
		case "User time (seconds)", "System time (seconds)":
			f, err := strconv.ParseFloat(val, 64)
			if err != nil {
				return m, fmt.Errorf("time -v: %s: %w", key, err)
			}
			d := time.Duration(f * float64(time.Second))
			if key[0] == 'U' {
				m.User, seen = d, seen|user
			} else {
				m.Sys, seen = d, seen|sys
			}
		case "Maximum resident set size (kbytes)":
			n, err := strconv.ParseInt(val, 10, 64)
			if err != nil {
				return m, fmt.Errorf("time -v: %s: %w", key, err)
			}
			m.MaxRSSKB, seen = n, seen|rss
		case "Exit status":
			n, err := strconv.Atoi(val)
			if err != nil {
				return m, fmt.Errorf("time -v: %s: %w", key, err)
			}
			m.ExitCode, exitSeen = n, true
		}
	}
	if seen != wall|user|sys|rss {
		return m, errors.New("time -v: report lacks wall, user, system or RSS lines")
	}
	if !exitSeen || m.Signal != 0 {
		m.ExitCode = -1
	}
	return m, nil
}

var clockRE = regexp.MustCompile(`^(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)$`)

// parseClock parses time's "h:mm:ss" or "m:ss.ss".
func parseClock(s string) (time.Duration, error) {
	m := clockRE.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return 0, fmt.Errorf("bad elapsed time %q", s)
	}
	var h, min int64
	if m[1] != "" {
		h, _ = strconv.ParseInt(m[1], 10, 64)
	}
	min, _ = strconv.ParseInt(m[2], 10, 64)
	sec, _ := strconv.ParseFloat(m[3], 64)
	return time.Duration(h)*time.Hour + time.Duration(min)*time.Minute + time.Duration(sec*float64(time.Second)), nil
}

// tailBuffer keeps the last 64 KiB written to it.
type tailBuffer struct{ b []byte }

const tailMax = 64 << 10

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > tailMax {
		t.b = append(t.b[:0], t.b[len(t.b)-tailMax:]...)
	}
	return len(p), nil
}

// Tail returns the last n non-empty lines, joined by " | ".
func (t *tailBuffer) Tail(n int) string {
	var lines []string
	for _, l := range strings.Split(string(t.b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}

var pagesRE = regexp.MustCompile(`(?m)^Pages:\s+(\d+)`)

// pdfPages returns the page count of the PDF at path: from pdfinfo when
// pdfinfoBin is set, else by counting /Type /Page objects, which misses
// pages kept in compressed object streams.
func pdfPages(pdfinfoBin, path string) (int, error) {
	if pdfinfoBin != "" {
		out, err := exec.Command(pdfinfoBin, path).Output()
		if err != nil {
			return 0, fmt.Errorf("pdfinfo %s: %w", filepath.Base(path), err)
		}
		m := pagesRE.FindSubmatch(out)
		if m == nil {
			return 0, fmt.Errorf("pdfinfo %s: no Pages line", filepath.Base(path))
		}
		return strconv.Atoi(string(m[1]))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	return countPageObjects(data), nil
}

var pageObjRE = regexp.MustCompile(`/Type\s*/Page\b`)

// countPageObjects counts "/Type /Page" dictionary entries; \b keeps
// "/Pages" out.
func countPageObjects(data []byte) int {
	return len(pageObjRE.FindAll(data, -1))
}
