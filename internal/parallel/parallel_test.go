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
