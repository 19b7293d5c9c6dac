package dataset

import (
	"bytes"
	"reflect"
	"testing"
	"unicode/utf8"

	validator "github.com/santhosh-tekuri/jsonschema/v6"
)

// FuzzDecodeJSON checks decodeJSON against the decoder the schema
// validator ships: on valid JSON both give the same value; decodeJSON
// accepts nothing that is not JSON. The seed corpus is in
// testdata/fuzz/FuzzDecodeJSON.
func FuzzDecodeJSON(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := decodeJSON(data)
		want, werr := validator.UnmarshalJSON(bytes.NewReader(data))
		if werr == nil && utf8.Valid(data) {
			if err != nil {
				t.Fatalf("decodeJSON(%q): %v; the validator's decoder accepts it", data, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("decodeJSON(%q) = %#v, want %#v", data, got, want)
			}
		}
		if err == nil && werr != nil {
			t.Fatalf("decodeJSON(%q) accepted invalid JSON (%v)", data, werr)
		}
	})
}
