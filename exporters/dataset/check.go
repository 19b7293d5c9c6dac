package dataset

import (
	"math/big"
	"reflect"
	"unicode/utf8"

	validator "github.com/santhosh-tekuri/jsonschema/v6"
)

// This file finishes the schema validator for speed, in one place.
//
// santhosh-tekuri/jsonschema builds a validator, a scope and an instance
// location for every value it visits, and compares numbers as big.Rat:
// validating every record was a third of the CPU time of a dataset build
// (5.6 of 16 s for 10,000 documents), most of it allocation. A check is a
// compiled schema compiled once more, into plain Go, for the keywords our
// generated schemas use, and decides a value without allocating.
//
// A check only ever accepts. A value it rejects goes to the validator,
// whose verdict and error are final (recordSchema.validate); a subschema
// with a keyword outside the set below, or a value of a Go type the records
// do not build, is decided by the validator whole. The two are held to the
// same verdict by TestCheckAgrees (every value of every record, and
// mutations of each) and FuzzCheck (arbitrary JSON).

// kinds is a set of JSON value kinds.
type kinds uint8

const (
	kindNull kinds = 1 << iota
	kindBoolean
	kindInteger // a number without a fraction; "number" includes it
	kindNumber
	kindString
	kindArray
	kindObject
)

// check is one subschema compiled for the keywords it supports. Its fields
// hold those keywords; lib says the validator decides instead.
type check struct {
	s   *validator.Schema
	lib bool // a keyword or reference check does not support: ask the validator

	always   *bool // a boolean schema
	types    kinds // "type"; 0 if absent
	enum     []string
	hasEnum  bool
	ref      *check
	oneOf    []*check
	required []string
	props    map[string]*check
	noExtra  bool   // "additionalProperties": false
	extra    *check // "additionalProperties" as a schema
	items    *check
	minItems int // -1 if absent
	maxItems int
	unique   bool
	minLen   int // -1 if absent, in code points
	maxLen   int
	pattern  validator.Regexp
	lo, hi   int64 // "minimum", "maximum" (integral)
	hasLo    bool
	hasHi    bool
}

// checkFields are the exported fields of validator.Schema a check decides
// itself, and annotations, which do not validate. A subschema that sets
// any other is decided by the validator.
var checkFields = map[string]bool{
	"DraftVersion": true, "Location": true, "ID": true, "Anchor": true,
	"Bool": true, "Ref": true, "Types": true, "Enum": true, "OneOf": true,
	"Required": true, "Properties": true, "AdditionalProperties": true,
	"Items2020": true, "MinItems": true, "MaxItems": true, "UniqueItems": true,
	"MinLength": true, "MaxLength": true, "Pattern": true,
	"Minimum": true, "Maximum": true,
	"Title": true, "Description": true, "Default": true, "Comment": true,
	"ReadOnly": true, "WriteOnly": true, "Examples": true, "Deprecated": true,
}

// dynamicFields resolve against the path a value was reached by, so no
// subschema can be handed to the validator on its own once one is set.
var dynamicFields = []string{"DynamicRef", "DynamicAnchor", "RecursiveRef", "RecursiveAnchor"}

// newCheck compiles root and every subschema it reaches. If any of them
// resolves dynamically the whole root is decided by the validator.
func newCheck(root *validator.Schema) *check {
	dynamic := false
	eachSchema(root, func(s *validator.Schema) {
		rv := reflect.ValueOf(s).Elem()
		for _, f := range dynamicFields {
			if !rv.FieldByName(f).IsZero() {
				dynamic = true
			}
		}
	})
	if dynamic {
		return &check{s: root, lib: true}
	}
	return compileCheck(root, map[*validator.Schema]*check{}, map[*validator.Schema]bool{})
}

// compileCheck compiles s; done holds every subschema compiled or being
// compiled, open those on the current chain of $ref and oneOf, which do not
// descend into the value: a cycle among them is left to the validator,
// which reports it.
func compileCheck(s *validator.Schema, done map[*validator.Schema]*check, open map[*validator.Schema]bool) *check {
	if c, ok := done[s]; ok {
		if open[s] {
			c.lib = true
		}
		return c
	}
	c := &check{s: s, minItems: -1, maxItems: -1, minLen: -1, maxLen: -1}
	done[s] = c
	if !supported(s) {
		c.lib = true
		return c
	}
	sub := func(x *validator.Schema) *check { return compileCheck(x, done, map[*validator.Schema]bool{}) }
	open[s] = true
	c.always = s.Bool
	if s.Types != nil {
		for _, t := range s.Types.ToStrings() {
			c.types |= map[string]kinds{"null": kindNull, "boolean": kindBoolean, "integer": kindInteger,
				"number": kindNumber, "string": kindString, "array": kindArray, "object": kindObject}[t]
		}
	}
	if s.Enum != nil {
		c.hasEnum = true
		for _, v := range s.Enum.Values {
			str, ok := v.(string)
			if !ok {
				c.lib = true
			}
			c.enum = append(c.enum, str)
		}
	}
	if s.Ref != nil {
		c.ref = compileCheck(s.Ref, done, open)
	}
	for _, o := range s.OneOf {
		c.oneOf = append(c.oneOf, compileCheck(o, done, open))
	}
	delete(open, s)
	c.required = s.Required
	if len(s.Properties) > 0 {
		c.props = make(map[string]*check, len(s.Properties))
		for name, p := range s.Properties {
			c.props[name] = sub(p)
		}
	}
	switch a := s.AdditionalProperties.(type) {
	case nil:
	case bool:
		c.noExtra = !a
	case *validator.Schema:
		c.extra = sub(a)
	default:
		c.lib = true
	}
	if s.Items2020 != nil {
		c.items = sub(s.Items2020)
	}
	c.unique = s.UniqueItems
	for _, b := range []struct {
		from *int
		to   *int
	}{{s.MinItems, &c.minItems}, {s.MaxItems, &c.maxItems}, {s.MinLength, &c.minLen}, {s.MaxLength, &c.maxLen}} {
		if b.from != nil {
			*b.to = *b.from
		}
	}
	c.pattern = s.Pattern
	for _, b := range []struct {
		r   *big.Rat
		to  *int64
		has *bool
	}{{s.Minimum, &c.lo, &c.hasLo}, {s.Maximum, &c.hi, &c.hasHi}} {
		if b.r == nil {
			continue
		}
		if !b.r.IsInt() || !b.r.Num().IsInt64() {
			c.lib = true
			continue
		}
		*b.to, *b.has = b.r.Num().Int64(), true
	}
	return c
}

// supported reports whether s sets only fields a check decides itself, in
// a draft where $ref sits beside other keywords.
func supported(s *validator.Schema) bool {
	if s.DraftVersion < 2020 {
		return false
	}
	rv := reflect.ValueOf(s).Elem()
	for i := 0; i < rv.NumField(); i++ {
		f := rv.Type().Field(i)
		if f.IsExported() && !checkFields[f.Name] && !rv.Field(i).IsZero() {
			return false
		}
	}
	return true
}

// ok reports whether v is valid against the subschema: exactly what the
// validator says of v (with no error to say why).
func (c *check) ok(v any) bool {
	if c.lib {
		return c.s.Validate(v) == nil
	}
	if c.always != nil {
		return *c.always
	}
	var k kinds
	switch v.(type) {
	case nil:
		k = kindNull
	case bool:
		k = kindBoolean
	case int:
		k = kindInteger | kindNumber
	case string:
		k = kindString
	case []any:
		k = kindArray
	case map[string]any:
		k = kindObject
	default:
		// Floats, json.Number and the other integer types: what the
		// records never hold.
		return c.s.Validate(v) == nil
	}
	if c.types != 0 && c.types&k == 0 {
		return false
	}
	if c.hasEnum && !c.inEnum(v) {
		return false
	}
	if c.ref != nil && !c.ref.ok(v) {
		return false
	}
	if c.oneOf != nil {
		n := 0
		for _, o := range c.oneOf {
			if o.ok(v) {
				n++
			}
		}
		if n != 1 {
			return false
		}
	}
	switch v := v.(type) {
	case int:
		return (!c.hasLo || int64(v) >= c.lo) && (!c.hasHi || int64(v) <= c.hi)
	case string:
		return c.okString(v)
	case []any:
		return c.okArray(v)
	case map[string]any:
		return c.okObject(v)
	}
	return true
}

func (c *check) inEnum(v any) bool {
	s, ok := v.(string)
	if !ok {
		return false
	}
	for _, e := range c.enum {
		if e == s {
			return true
		}
	}
	return false
}

func (c *check) okString(s string) bool {
	// A code point takes one to four bytes (an invalid byte counts as
	// one), so most lengths are decided without counting.
	if c.minLen > 0 && len(s) < 4*c.minLen && (len(s) < c.minLen || utf8.RuneCountInString(s) < c.minLen) {
		return false
	}
	if c.maxLen >= 0 && len(s) > c.maxLen && utf8.RuneCountInString(s) > c.maxLen {
		return false
	}
	return c.pattern == nil || c.pattern.MatchString(s)
}

func (c *check) okArray(a []any) bool {
	if c.minItems >= 0 && len(a) < c.minItems || c.maxItems >= 0 && len(a) > c.maxItems {
		return false
	}
	if c.unique && len(a) > 1 {
		dup, decided := duplicates(a)
		if !decided {
			return c.s.Validate(a) == nil
		}
		if dup {
			return false
		}
	}
	if c.items != nil {
		for _, x := range a {
			if !c.items.ok(x) {
				return false
			}
		}
	}
	return true
}

// duplicates reports whether a, an array of strings and ints, holds two
// equal items; decided is false for items of any other type.
func duplicates(a []any) (dup, decided bool) {
	for _, x := range a {
		switch x.(type) {
		case string, int:
		default:
			return false, false
		}
	}
	if len(a) <= 16 {
		for i := range a {
			for j := i + 1; j < len(a); j++ {
				if a[i] == a[j] {
					return true, true
				}
			}
		}
		return false, true
	}
	seen := make(map[any]struct{}, len(a))
	for _, x := range a {
		if _, ok := seen[x]; ok {
			return true, true
		}
		seen[x] = struct{}{}
	}
	return false, true
}

func (c *check) okObject(m map[string]any) bool {
	for _, r := range c.required {
		if _, ok := m[r]; !ok {
			return false
		}
	}
	for name, x := range m {
		p, ok := c.props[name]
		switch {
		case ok:
			if !p.ok(x) {
				return false
			}
		case c.noExtra:
			return false
		case c.extra != nil:
			if !c.extra.ok(x) {
				return false
			}
		}
	}
	return true
}

// eachSchema calls f on root and every subschema it reaches, each once.
func eachSchema(root *validator.Schema, f func(*validator.Schema)) {
	seen := map[*validator.Schema]bool{}
	schemaType := reflect.TypeFor[*validator.Schema]()
	dynRefType := reflect.TypeFor[*validator.DynamicRef]()
	var walk func(v reflect.Value)
	visit := func(s *validator.Schema) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		f(s)
		rv := reflect.ValueOf(s).Elem()
		for i := 0; i < rv.NumField(); i++ {
			if rv.Type().Field(i).IsExported() {
				walk(rv.Field(i))
			}
		}
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
	visit(root)
}
