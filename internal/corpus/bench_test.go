package corpus

import (
	"fmt"
	"testing"
)

// BenchmarkGenerate measures writing a whole corpus to disk; the bytes per
// second are those of the seed files.
func BenchmarkGenerate(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			var st Stats
			for b.Loop() {
				var err error
				if st, err = Generate(b.TempDir(), n, 1); err != nil {
					b.Fatal(err)
				}
			}
			b.SetBytes(st.Bytes)
		})
	}
}

// BenchmarkDocument measures generating documents in memory, without I/O.
func BenchmarkDocument(b *testing.B) {
	w := newWriter(DefaultSentences(), 1)
	var n int64
	i := 0
	for b.Loop() {
		_, _, data := w.document(i)
		n += int64(len(data))
		i++
	}
	b.SetBytes(n / int64(i))
}
