package dataset

import (
	"math/big"
	"reflect"
	"slices"

	validator "github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
)

// This file finishes the compiled schemas for speed, in one place.
//
// The validator checks "type": "integer", "minimum" and "maximum" by
// formatting the value with fmt and parsing it into a big.Rat, twice for
// every integer of every record: about half of all validation time, and
// most of its garbage. intSchemas moves those three keywords of every
// integer-only subschema into an extension that compares a Go int (what
// the records' validator values hold) with int64 bounds, and hands any
// other value to an untouched copy of the subschema, so that every value
// gets the library's own verdict and error (TestIntKeywords compares the
// two on valid and invalid values).

// intKeywords validates an integer subschema's type, minimum and maximum.
type intKeywords struct {
	orig     *validator.Schema // the subschema as compiled, for values other than int
	min, max *big.Rat          // its bounds, or nil
	lo, hi   int64             // the bounds as int64 (math.MinInt64/MaxInt64 when absent)
}

func (k *intKeywords) Validate(ctx *validator.ValidatorContext, v any) {
	n, ok := v.(int)
	if !ok {
		if err := ctx.Validate(k.orig, v, nil); err != nil {
			ctx.AddErr(err)
		}
		return
	}
	// The same checks, in the same order, as the validator's numValidate.
	if int64(n) < k.lo {
		ctx.AddError(&kind.Minimum{Got: new(big.Rat).SetInt64(int64(n)), Want: k.min})
	}
	if int64(n) > k.hi {
		ctx.AddError(&kind.Maximum{Got: new(big.Rat).SetInt64(int64(n)), Want: k.max})
	}
}

// intOnlyFields are the exported fields of validator.Schema an integer
// subschema may set to be rewritten: its type and bounds, where it is, and
// annotations, which do not validate.
var intOnlyFields = map[string]bool{
	"Types": true, "Minimum": true, "Maximum": true,
	"DraftVersion": true, "Location": true,
	"Title": true, "Description": true, "Default": true, "Comment": true,
	"ReadOnly": true, "WriteOnly": true, "Examples": true, "Deprecated": true,
}

// rewriteInt replaces s's integer keywords with an intKeywords extension
// when s is {"type": "integer"} with at most integral "minimum" and
// "maximum" that fit in an int64, and nothing else that validates.
func rewriteInt(s *validator.Schema) {
	if s.Types == nil || !slices.Equal(s.Types.ToStrings(), []string{"integer"}) {
		return
	}
	rv := reflect.ValueOf(s).Elem()
	for i := 0; i < rv.NumField(); i++ {
		f := rv.Type().Field(i)
		if f.IsExported() && !intOnlyFields[f.Name] && !rv.Field(i).IsZero() {
			return
		}
	}
	lo, hi := int64(-1<<63), int64(1<<63-1)
	for _, b := range []struct {
		r *big.Rat
		p *int64
	}{{s.Minimum, &lo}, {s.Maximum, &hi}} {
		if b.r == nil {
			continue
		}
		if !b.r.IsInt() || !b.r.Num().IsInt64() {
			return
		}
		*b.p = b.r.Num().Int64()
	}
	orig := new(validator.Schema)
	*orig = *s
	k := &intKeywords{orig: orig, min: s.Minimum, max: s.Maximum, lo: lo, hi: hi}
	s.Types, s.Minimum, s.Maximum = nil, nil, nil
	s.Extensions = []validator.SchemaExt{k}
}

// intSchemas applies rewriteInt to every subschema reachable from roots,
// each once.
func intSchemas(roots ...*validator.Schema) {
	seen := map[*validator.Schema]bool{}
	schemaType := reflect.TypeFor[*validator.Schema]()
	dynRefType := reflect.TypeFor[*validator.DynamicRef]()
	var walk func(v reflect.Value)
	visit := func(s *validator.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		// Walk the subschemas first: rewriting s keeps a copy of it.
		rv := reflect.ValueOf(s).Elem()
		for i := 0; i < rv.NumField(); i++ {
			if rv.Type().Field(i).IsExported() {
				walk(rv.Field(i))
			}
		}
		rewriteInt(s)
	}
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer:
			switch {
			case v.IsNil():
			case v.Type() == schemaType:
				visit(v.Interface().(*validator.Schema))
			case v.Type() == dynRefType:
				visit(v.Interface().(*validator.DynamicRef).Ref)
			}
		case reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Map:
			for it := v.MapRange(); it.Next(); {
				walk(it.Value())
			}
		}
	}
	for _, r := range roots {
		visit(r)
	}
}
