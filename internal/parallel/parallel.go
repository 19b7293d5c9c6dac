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
// Leaving the loop early starts no more calls; it waits for the calls
// already running, whose results are dropped. No goroutine outlives the
// loop.
func Ordered[T any](n, workers, window int, f func(i int) T) iter.Seq2[int, T] {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	window = max(window, workers)
	return func(yield func(int, T) bool) {
		if n <= 0 {
			return
		}
		// slots[i%window] delivers call i's result: with the window, no
		// two calls in flight share a slot, and no send blocks.
		slots := make([]chan T, window)
		for i := range slots {
			slots[i] = make(chan T, 1)
		}
		free := make(chan struct{}, window) // a token per call started and not taken
		jobs := make(chan int)
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Go(func() {
			defer close(jobs)
			for i := range n {
				select {
				case free <- struct{}{}:
				case <-stop:
					return
				}
				select {
				case jobs <- i:
				case <-stop:
					return
				}
			}
		})
		for range min(workers, n) {
			wg.Go(func() {
				for i := range jobs {
					slots[i%window] <- f(i)
				}
			})
		}
		defer func() {
			close(stop)
			wg.Wait()
		}()
		for i := range n {
			v := <-slots[i%window]
			<-free
			if !yield(i, v) {
				return
			}
		}
	}
}
