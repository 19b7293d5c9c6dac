package parallel

import (
	"runtime"
	"sync"
)

// A Window runs calls on a bounded number of goroutines and hands their
// results back in the order the calls were started, however they finish:
// a stream's items can be worked on in parallel and written in order.
//
// Go starts a call; Next waits for the oldest result, Ready takes it only
// if it is done; Len counts the results not yet taken, so that the caller
// bounds them (for Len() >= max { Next() }). Wait waits for every call and
// drops the results not taken: no goroutine outlives it. A Window is for
// one goroutine: its methods are not safe for concurrent use.
type Window[T any] struct {
	sem     chan struct{}
	pending []chan T // oldest first; each receives its call's result once
	wg      sync.WaitGroup
}

// NewWindow returns a Window that runs at most limit calls at a time
// (limit < 1: GOMAXPROCS).
func NewWindow[T any](limit int) *Window[T] {
	if limit < 1 {
		limit = runtime.GOMAXPROCS(0)
	}
	return &Window[T]{sem: make(chan struct{}, limit)}
}

// Go starts f on a goroutine of its own, after waiting while limit calls
// run, and queues its result behind those of the calls started before.
func (w *Window[T]) Go(f func() T) {
	ch := make(chan T, 1)
	w.sem <- struct{}{}
	w.wg.Go(func() {
		defer func() { <-w.sem }()
		ch <- f()
	})
	w.pending = append(w.pending, ch)
}

// Len returns the number of results not yet taken, done or not.
func (w *Window[T]) Len() int { return len(w.pending) }

// Next waits for the oldest call not yet taken and returns its result; ok
// is false when there is none.
func (w *Window[T]) Next() (v T, ok bool) {
	if len(w.pending) == 0 {
		return v, false
	}
	return <-w.pop(), true
}

// Ready returns the result of the oldest call not yet taken if that call
// is done, without waiting; ok is false otherwise.
func (w *Window[T]) Ready() (v T, ok bool) {
	if len(w.pending) == 0 {
		return v, false
	}
	select {
	case v = <-w.pending[0]:
		w.pop()
		return v, true
	default:
		return v, false
	}
}

// Wait waits for every call started and drops the results not taken.
func (w *Window[T]) Wait() {
	w.wg.Wait()
	clear(w.pending)
	w.pending = w.pending[:0]
}

// pop removes the oldest pending call and returns its channel.
func (w *Window[T]) pop() chan T {
	ch := w.pending[0]
	w.pending[0] = nil
	w.pending = w.pending[1:]
	return ch
}
