package parallel_test

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/seedpress/seedpress/internal/parallel"
)

func TestEach(t *testing.T) {
	for _, tt := range []struct{ n, limit int }{{0, 3}, {1, 1}, {10, 1}, {10, 3}, {50, 0}} {
		var running, most, calls atomic.Int32
		err := parallel.Each(tt.n, tt.limit, func(i int) error {
			calls.Add(1)
			now := running.Add(1)
			for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
			}
			time.Sleep(time.Millisecond)
			running.Add(-1)
			return nil
		})
		if err != nil || int(calls.Load()) != tt.n {
			t.Errorf("n=%d limit=%d: %d calls, err %v", tt.n, tt.limit, calls.Load(), err)
		}
		if tt.limit > 0 && int(most.Load()) > tt.limit {
			t.Errorf("n=%d limit=%d: %d calls at once", tt.n, tt.limit, most.Load())
		}
	}
}

// TestEachFirstError checks that the error is the smallest index's even
// when a later call fails first, and that every call still runs.
func TestEachFirstError(t *testing.T) {
	var calls atomic.Int32
	err := parallel.Each(8, 4, func(i int) error {
		calls.Add(1)
		switch i {
		case 2:
			time.Sleep(20 * time.Millisecond)
			return errors.New("two")
		case 5:
			return errors.New("five")
		}
		return nil
	})
	if err == nil || err.Error() != "two" || calls.Load() != 8 {
		t.Errorf("err %v after %d calls, want two after 8", err, calls.Load())
	}
}

func ExampleEach() {
	squares := make([]int, 5)
	err := parallel.Each(len(squares), 2, func(i int) error {
		squares[i] = i * i
		return nil
	})
	fmt.Println(squares, err)
	// Output: [0 1 4 9 16] <nil>
}

// TestOrdered checks that Ordered gives every result in order whatever the
// order the calls finish in, that no more than window calls are started and
// not taken, and that leaving the loop early stops the calls and leaves no
// goroutine running.
func TestOrdered(t *testing.T) {
	for _, tt := range []struct{ n, workers, window int }{{0, 2, 4}, {1, 1, 1}, {10, 1, 1}, {10, 3, 6}, {100, 4, 8}, {50, 0, 0}, {7, 4, 2}} {
		var started, taken atomic.Int32
		var most atomic.Int32
		next := 0
		for i, v := range parallel.Ordered(tt.n, tt.workers, tt.window, func(i int) int {
			ahead := started.Add(1) - taken.Load()
			for m := most.Load(); ahead > m && !most.CompareAndSwap(m, ahead); m = most.Load() {
			}
			time.Sleep(time.Duration((i*7)%5) * 100 * time.Microsecond) // finish out of order
			return i * i
		}) {
			if i != next || v != i*i {
				t.Fatalf("%+v: got (%d, %d), want (%d, %d)", tt, i, v, next, next*next)
			}
			next++
			taken.Add(1)
		}
		if next != tt.n {
			t.Errorf("%+v: %d results, want %d", tt, next, tt.n)
		}
		// A result counts as taken once the loop has it; the test counts it
		// at the end of the loop's body, hence one more.
		if limit := max(tt.window, tt.workers); tt.workers > 0 && int(most.Load()) > limit+1 {
			t.Errorf("%+v: %d calls started ahead of the loop, want at most %d", tt, most.Load(), limit)
		}
	}
}

// TestOrderedWindow checks that calls run at most window ahead of the
// result the loop holds, so that memory does not grow with n (the
// pipeline reads seeds so).
func TestOrderedWindow(t *testing.T) {
	const workers, window = 2, 4
	var started atomic.Int32
	for i := range parallel.Ordered(40, workers, window, func(i int) int {
		started.Add(1)
		return i
	}) {
		if i > 0 {
			continue
		}
		// Give the workers time to run past the window if they could.
		time.Sleep(100 * time.Millisecond)
		if n := started.Load(); n != 1+window {
			t.Errorf("%d calls started while the loop holds the first result, want %d", n, 1+window)
		}
	}
	if n := started.Load(); n != 40 {
		t.Errorf("%d calls, want 40", n)
	}
}

func TestOrderedBreak(t *testing.T) {
	var calls, running atomic.Int32
	for i := range parallel.Ordered(1000, 4, 8, func(i int) int {
		calls.Add(1)
		running.Add(1)
		defer running.Add(-1)
		time.Sleep(100 * time.Microsecond)
		return i
	}) {
		if i == 5 {
			break
		}
	}
	if r := running.Load(); r != 0 {
		t.Errorf("%d calls still running after the loop", r)
	}
	if c := calls.Load(); c > 5+1+8 {
		t.Errorf("%d calls after taking 6 results with a window of 8", c)
	}
}

func ExampleOrdered() {
	for i, sq := range parallel.Ordered(5, 3, 6, func(i int) int { return i * i }) {
		fmt.Println(i, sq)
	}
	// Output:
	// 0 0
	// 1 1
	// 2 4
	// 3 9
	// 4 16
}
