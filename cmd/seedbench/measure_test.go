package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/seedpress/seedpress/internal/testtool"
)

func TestParseTimeV(t *testing.T) {
	tests := []struct {
		file string
		want Measurement
	}{
		{"time-ok.txt", Measurement{Wall: 320 * time.Millisecond, Sys: 10 * time.Millisecond, MaxRSSKB: 1680, ExitCode: 0}},
		{"time-exit3.txt", Measurement{MaxRSSKB: 1564, ExitCode: 3}},
		{"time-signal9.txt", Measurement{MaxRSSKB: 1576, ExitCode: -1, Signal: 9}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := parseTimeV(data)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("parseTimeV = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestParseTimeVHours(t *testing.T) {
	in := "\tUser time (seconds): 3723.50\n\tSystem time (seconds): 1.25\n" +
		"\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02:03\n" +
		"\tMaximum resident set size (kbytes): 4700000\n\tExit status: 0\n"
	got, err := parseTimeV([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	want := Measurement{Wall: time.Hour + 2*time.Minute + 3*time.Second, User: 3723500 * time.Millisecond,
		Sys: 1250 * time.Millisecond, MaxRSSKB: 4700000}
	if got != want {
		t.Errorf("parseTimeV = %+v, want %+v", got, want)
	}
}

func TestParseTimeVErrors(t *testing.T) {
	tests := []string{
		"",
		"Command exited with non-zero status 1\n",
		"\tUser time (seconds): x\n",
		"\tElapsed (wall clock) time (h:mm:ss or m:ss): soon\n",
		// No RSS line.
		"\tUser time (seconds): 1\n\tSystem time (seconds): 1\n\tElapsed (wall clock) time (h:mm:ss or m:ss): 0:01.00\n",
	}
	for _, in := range tests {
		if m, err := parseTimeV([]byte(in)); err == nil {
			t.Errorf("parseTimeV(%q) = %+v, want an error", in, m)
		}
	}
}

func FuzzParseTimeV(f *testing.F) {
	for _, name := range []string{"time-ok.txt", "time-exit3.txt", "time-signal9.txt"} {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Any input: no panic, and an accepted wall time is never negative.
		m, err := parseTimeV(data)
		if err == nil && m.Wall < 0 {
			t.Errorf("parseTimeV accepted %q as %+v", data, m)
		}
	})
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"0:00.00", 0, true},
		{"0:01.50", 1500 * time.Millisecond, true},
		{"2:03.25", 2*time.Minute + 3250*time.Millisecond, true},
		{"1:00:00", time.Hour, true},
		{"12", 0, false},
		{"a:bc", 0, false},
	}
	for _, tt := range tests {
		got, err := parseClock(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseClock(%q) = %v, %v; want %v, ok=%v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

func TestCountPageObjects(t *testing.T) {
	pdf := "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" +
		"2 0 obj << /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >> endobj\n" +
		"3 0 obj << /Type /Page /Parent 2 0 R >> endobj\n" +
		"4 0 obj <</Type/Page/Parent 2 0 R>> endobj\n"
	if got := countPageObjects([]byte(pdf)); got != 2 {
		t.Errorf("countPageObjects = %d, want 2", got)
	}
}

func TestTailBuffer(t *testing.T) {
	var b tailBuffer
	b.Write([]byte("one\n\ntwo\nthree\n"))
	b.Write([]byte("four"))
	if got, want := b.Tail(3), "two | three | four"; got != want {
		t.Errorf("Tail(3) = %q, want %q", got, want)
	}
	b.Write([]byte(strings.Repeat("x", 2*tailMax)))
	if len(b.b) != tailMax {
		t.Errorf("buffer holds %d bytes, want at most %d", len(b.b), tailMax)
	}
}

// TestMeasure runs real commands under GNU time and under the rusage
// fallback.
func TestMeasure(t *testing.T) {
	timeBin := testtool.Require(t, "/usr/bin/time", "apt-get install time")
	sh := testtool.Require(t, "sh", "a POSIX shell")
	for _, tb := range []string{timeBin, ""} {
		name := "rusage"
		if tb != "" {
			name = "time"
		}
		t.Run(name, func(t *testing.T) {
			r := &runner{timeBin: tb, timeout: time.Minute, scratch: t.TempDir()}
			m := r.measure(t.TempDir(), sh, "-c", "head -c 30000000 /dev/zero | tail -c 1 >/dev/null")
			if !m.OK() || m.ExitCode != 0 || m.MaxRSSKB <= 0 {
				t.Errorf("successful run: %+v", m)
			}
			m = r.measure(t.TempDir(), sh, "-c", "echo first >&2; echo oops >&2; exit 3")
			if m.OK() || m.ExitCode != 3 || !strings.Contains(m.Err, "exit status 3") || !strings.Contains(m.Err, "first | oops") {
				t.Errorf("failing run: %+v", m)
			}
			m = r.measure(t.TempDir(), sh, "-c", "kill -9 $$")
			if m.OK() || m.ExitCode != -1 {
				t.Errorf("killed run: %+v", m)
			}
			m = r.measure(t.TempDir(), "/nonexistent/seedpress")
			if m.OK() {
				t.Errorf("missing command: %+v", m)
			}
		})
	}
}

// TestMeasureTimeout checks that a run over the time limit is killed with
// its children and reported as timed out.
func TestMeasureTimeout(t *testing.T) {
	timeBin := testtool.Require(t, "/usr/bin/time", "apt-get install time")
	r := &runner{timeBin: timeBin, timeout: 200 * time.Millisecond, scratch: t.TempDir()}
	m := r.measure(t.TempDir(), "sleep", "30")
	if !m.TimedOut || m.OK() || !strings.Contains(m.Err, "timed out") {
		t.Errorf("run over the limit: %+v", m)
	}
}

// TestMeasureInterrupt checks that cancelling the runner's context (as an
// interrupt does) kills the running command and says so.
func TestMeasureInterrupt(t *testing.T) {
	timeBin := testtool.Require(t, "/usr/bin/time", "apt-get install time")
	ctx, cancel := context.WithCancel(context.Background())
	r := &runner{ctx: ctx, timeBin: timeBin, timeout: time.Minute, scratch: t.TempDir()}
	go func() {
		time.Sleep(100 * time.Millisecond)
		cancel()
	}()
	m := r.measure(t.TempDir(), "sleep", "30")
	if m.OK() || m.Err != "interrupted" || m.TimedOut {
		t.Errorf("interrupted run: %+v", m)
	}
}
