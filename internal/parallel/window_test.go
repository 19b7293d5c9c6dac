package parallel_test

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seedpress/seedpress/internal/parallel"
)

// TestWindowOrder starts calls that finish in reverse order and checks that
// Next hands the results back in the order they were started, with at most
// limit calls running at once.
func TestWindowOrder(t *testing.T) {
	for _, limit := range []int{1, 3, 0} {
		const n = 20
		var running, most atomic.Int32
		w := parallel.NewWindow[int](limit)
		for i := range n {
			w.Go(func() int {
				now := running.Add(1)
				for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
				}
				time.Sleep(time.Duration(n-i) * 100 * time.Microsecond)
				running.Add(-1)
				return i
			})
		}
		if w.Len() != n {
			t.Errorf("limit %d: Len %d after %d calls, want %d", limit, w.Len(), n, n)
		}
		for want := range n {
			got, ok := w.Next()
			if !ok || got != want {
				t.Fatalf("limit %d: Next = %d, %v, want %d, true", limit, got, ok, want)
			}
		}
		if _, ok := w.Next(); ok || w.Len() != 0 {
			t.Errorf("limit %d: Next after the last result: ok, Len %d", limit, w.Len())
		}
		if max := int32(limit); limit > 0 && most.Load() > max {
			t.Errorf("limit %d: %d calls at once", limit, most.Load())
		}
	}
}

// TestWindowReady checks that Ready takes the oldest result only once it
// is done, even when a later call is done first.
func TestWindowReady(t *testing.T) {
	w := parallel.NewWindow[string](2)
	release := make(chan struct{})
	w.Go(func() string { <-release; return "first" })
	w.Go(func() string { return "second" })
	time.Sleep(10 * time.Millisecond)
	if v, ok := w.Ready(); ok {
		t.Fatalf("Ready = %q before the first call is done", v)
	}
	close(release)
	if v, ok := w.Next(); !ok || v != "first" {
		t.Fatalf("Next = %q, %v, want first", v, ok)
	}
	for deadline := time.Now().Add(2 * time.Second); ; {
		if v, ok := w.Ready(); ok {
			if v != "second" {
				t.Errorf("Ready = %q, want second", v)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("Ready never took the second result")
		}
		time.Sleep(time.Millisecond)
	}
	if _, ok := w.Ready(); ok {
		t.Error("Ready with nothing pending reported a result")
	}
}

// TestWindowWait checks that Wait waits for every call, drops the results
// not taken and leaves no goroutine behind.
func TestWindowWait(t *testing.T) {
	base := runtime.NumGoroutine()
	var done atomic.Int32
	w := parallel.NewWindow[int](4)
	for i := range 8 {
		w.Go(func() int { time.Sleep(time.Millisecond); done.Add(1); return i })
	}
	w.Next()
	w.Wait()
	if done.Load() != 8 || w.Len() != 0 {
		t.Errorf("after Wait: %d calls done, Len %d; want 8 and 0", done.Load(), w.Len())
	}
	for deadline := time.Now().Add(2 * time.Second); runtime.NumGoroutine() > base; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines after Wait, want %d", runtime.NumGoroutine(), base)
		}
	}
}

func ExampleWindow() {
	w := parallel.NewWindow[int](2)
	for i := range 5 {
		w.Go(func() int { return i * i })
		for w.Len() > 3 { // at most three results held
			v, _ := w.Next()
			fmt.Print(v, " ")
		}
	}
	for w.Len() > 0 {
		v, _ := w.Next()
		fmt.Print(v, " ")
	}
	fmt.Println()
	// Output: 0 1 4 9 16
}
