// Package parallel runs independent calls on a bounded number of
// goroutines and reports their errors in a fixed order, so that a run's
// message does not depend on which call finished first.
package parallel

import (
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
