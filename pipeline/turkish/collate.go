package turkish

import (
	"slices"
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collators holds Turkish collators for reuse: a *collate.Collator keeps
// buffers between calls and must not be shared between goroutines.
var collators = sync.Pool{New: func() any { return collate.New(language.Turkish) }}

// Compare compares a and b by Turkish alphabetical order (ç after c, ğ after
// g, ı before i, ö after o, ş after s, ü after u) and returns -1, 0 or +1.
// Upper and lower case of a letter sort together, lower case first.
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	defer collators.Put(c)
	return c.CompareString(a, b)
}

// Sorted returns a sorted copy of items, in Turkish alphabetical order (see
// Compare) of key(item); items with equal keys keep their order.
func Sorted[T any](items []T, key func(T) string) []T {
	out := slices.Clone(items)
	slices.SortStableFunc(out, func(a, b T) int { return Compare(key(a), key(b)) })
	return out
}
