package idset_test

import (
	"fmt"
	"runtime"
	"strconv"
	"testing"

	"github.com/seedpress/seedpress/internal/idset"
)

func ExampleSet() {
	var ids idset.Set
	for _, id := range []string{"giris", "yontem", "giris"} {
		fmt.Println(id, ids.Add(id))
	}
	fmt.Println(ids.Len(), ids.Has("yontem"), ids.Has("sonuc"))
	// Output:
	// giris true
	// yontem true
	// giris false
	// 2 true false
}

// TestMap checks a Map against a map keyed by the strings, on strings that
// differ in one byte, in length, and by a NUL, and on the empty string.
func TestMap(t *testing.T) {
	var m idset.Map[int]
	if _, ok := m.Get("a"); ok || m.Has("") || m.Len() != 0 {
		t.Fatal("the zero Map is not empty")
	}
	want := map[string]int{}
	keys := []string{"", "a", "a\x00", "\x00a", "b", "ab", "ba", "ı", "i", "İ", "doc-0001", "doc-0002"}
	for i := range 2000 {
		keys = append(keys, "sec-"+strconv.Itoa(i))
	}
	for i, k := range keys {
		if got, want := m.Add(k, i), true; got != want {
			t.Fatalf("Add(%q) = %v, want %v", k, got, want)
		}
		want[k] = i
	}
	for i, k := range keys {
		if m.Add(k, -1) {
			t.Errorf("Add(%q) again added it", k)
		}
		if v, ok := m.Get(k); !ok || v != i {
			t.Errorf("Get(%q) = %d, %v, want %d, true", k, v, ok, i)
		}
	}
	m.Set("a", 42)
	if v, _ := m.Get("a"); v != 42 {
		t.Errorf("Get after Set = %d, want 42", v)
	}
	for _, k := range []string{"c", "a\x00\x00", "sec-2000", "sec-01"} {
		if m.Has(k) {
			t.Errorf("Has(%q) = true for a string never added", k)
		}
	}
	if m.Len() != len(want) {
		t.Errorf("Len = %d, want %d", m.Len(), len(want))
	}
}

// TestSmall holds the point of the package: a Set costs at most 28 bytes
// a string (16 for its hash, at a load of 7/12 to 7/8), however long the
// strings, and less than a map[string]bool of them, which keeps them.
func TestSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 400,000 strings")
	}
	const n = 200_000
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	// What each holds once the ids it was given are dropped: the ids come
	// from the documents, which are dropped as the book streams.
	ids := func() []string {
		ids := make([]string, n)
		for i := range ids {
			ids[i] = "bolum-" + strconv.Itoa(i) + "-giris-ve-yontem"
		}
		return ids
	}
	before := heap()
	var s idset.Set
	func() {
		for _, id := range ids() {
			s.Add(id)
		}
	}()
	set := heap() - before
	before = heap()
	m := map[string]bool{}
	func() {
		for _, id := range ids() {
			m[id] = true
		}
	}()
	plain := heap() - before
	runtime.KeepAlive(m)
	runtime.KeepAlive(&s)
	t.Logf("200,000 ids: idset.Set %.1f MB, map[string]bool %.1f MB", float64(set)/1e6, float64(plain)/1e6)
	if set > 28*n || set >= plain {
		t.Errorf("idset.Set takes %d bytes (%d a string), a map[string]bool %d", set, set/n, plain)
	}
}
