// Package idset keeps large sets of strings, such as every id of a book,
// in little memory: a string is kept as a 128-bit hash of it, not as its
// text, so that a set of a million ids costs tens of megabytes less than
// a map keyed by the ids.
//
// Two different strings have the same hash with a probability of about
// n²/2¹²⁹ for n strings, below 10⁻²⁷ for a billion, so a Map behaves as a
// map keyed by the strings that cannot list its keys. The hashes are
// seeded at random (hash/maphash) for each Map: nothing is written from
// them, and nothing depends on their values.
package idset

import (
	"hash/maphash"
	"math/bits"
)

// Map maps strings to values of type V, keeping each string as a 128-bit
// hash. The zero value is an empty Map ready to use. A Map is not safe for
// concurrent use.
//
// It is an open-addressing hash table of its own rather than a Go map: a
// map[[2]uint64]V spends about 55 bytes on each 16-byte key (its groups,
// control words and load factor). This table fills to 7/8 and grows by
// half, not double, so that a key costs 18 to 28 bytes, plus its value:
// the memory that made the book's id sets grow with its size.
type Map[V any] struct {
	seeds [2]maphash.Seed
	keys  [][2]uint64 // a slot is free when its key is the zero key
	vals  []V
	n     int
}

// key returns the hash of s, never the zero key, seeding m on first use.
func (m *Map[V]) key(s string) [2]uint64 {
	if m.keys == nil {
		m.seeds = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}
		m.keys = make([][2]uint64, 16)
		m.vals = make([]V, 16)
	}
	k := [2]uint64{maphash.String(m.seeds[0], s), maphash.String(m.seeds[1], s)}
	if k == ([2]uint64{}) {
		k[1] = 1
	}
	return k
}

// slot returns the slot of k: the one holding it, else the free slot where
// it goes. Its first try is k[0] scaled to the table's size (the high
// half of k[0]×size), which needs no power of two.
func (m *Map[V]) slot(k [2]uint64) int {
	n := len(m.keys)
	hi, _ := bits.Mul64(k[0], uint64(n))
	for i := int(hi); ; {
		if m.keys[i] == k || m.keys[i] == ([2]uint64{}) {
			return i
		}
		if i++; i == n {
			i = 0
		}
	}
}

// Get returns the value of s and whether m has s.
func (m *Map[V]) Get(s string) (V, bool) {
	if m.keys == nil {
		var zero V
		return zero, false
	}
	k := m.key(s)
	i := m.slot(k)
	return m.vals[i], m.keys[i] == k
}

// Has reports whether m has s.
func (m *Map[V]) Has(s string) bool {
	_, ok := m.Get(s)
	return ok
}

// Set sets the value of s to v.
func (m *Map[V]) Set(s string, v V) { m.put(s, v, true) }

// Add sets the value of s to v unless m has s already, and reports
// whether it did.
func (m *Map[V]) Add(s string, v V) bool { return m.put(s, v, false) }

// put sets the value of s to v if m does not have s, or if replace is set,
// and reports whether s was new.
func (m *Map[V]) put(s string, v V, replace bool) bool {
	k := m.key(s)
	i := m.slot(k)
	if m.keys[i] == k {
		if replace {
			m.vals[i] = v
		}
		return false
	}
	if 8*(m.n+1) > 7*len(m.keys) { // keep the load at most 7/8
		m.grow()
		i = m.slot(k)
	}
	m.keys[i], m.vals[i] = k, v
	m.n++
	return true
}

// grow makes the table half as large again.
func (m *Map[V]) grow() {
	keys, vals := m.keys, m.vals
	n := len(keys) + len(keys)/2
	m.keys = make([][2]uint64, n)
	m.vals = make([]V, n)
	for i, k := range keys {
		if k != ([2]uint64{}) {
			j := m.slot(k)
			m.keys[j], m.vals[j] = k, vals[i]
		}
	}
}

// Len returns the number of strings in m.
func (m *Map[V]) Len() int { return m.n }

// Set is a set of strings, each kept as a 128-bit hash. The zero value is
// an empty Set ready to use.
type Set struct{ m Map[struct{}] }

// Add adds s to the set and reports whether it was not in it.
func (s *Set) Add(str string) bool { return s.m.Add(str, struct{}{}) }

// Has reports whether s holds str.
func (s *Set) Has(str string) bool { return s.m.Has(str) }

// Len returns the number of strings in s.
func (s *Set) Len() int { return s.m.Len() }
