// Package parallel runs independent calls on a bounded number of
// goroutines and reports their results in a fixed order, so that a run's
// output and message do not depend on which call finished first.
package parallel

import (
	"iter"
	"runtime"
	"sync"
)

// Each calls f(i) for every i in [0, n), at most limit calls at a time
// (limit < 1: GOMAXPROCS), waits for all of them, and returns the error of
// the smallest i whose call failed, or nil.
func Each(n, limit int, f func(i int) error) error {
	if limit < 1 {
		limit = runtime.GOMAXPROCS(0)
	}
	errs := make([]error, n)
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			errs[i] = f(i)
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Ordered returns the results of f(0), f(1), …, f(n-1) in order of i,
// computed on at most workers goroutines (workers < 1: GOMAXPROCS). A call
// starts only while fewer than window results (window < workers: workers)
// are started and not yet taken by the loop, so that a window of results at
// most is in memory at once, whatever n.
//
// It is a Window (see NewWindow) driven for n calls known in advance.
// Leaving the loop early starts no more calls; it waits for the calls
// already running, whose results are dropped. No goroutine outlives the
// loop.
func Ordered[T any](n, workers, window int, f func(i int) T) iter.Seq2[int, T] {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	window = max(window, workers)
	return func(yield func(int, T) bool) {
		w := NewWindow[T](workers)
		defer w.Wait()
		started := 0
		fill := func() { // keep window calls started and not taken
			for ; started < n && w.Len() < window; started++ {
				j := started
				w.Go(func() T { return f(j) })
			}
		}
		for i := range n {
			fill()
			v, _ := w.Next()
			fill() // the result taken frees a place while the loop holds it
			if !yield(i, v) {
				return
			}
		}
	}
}
