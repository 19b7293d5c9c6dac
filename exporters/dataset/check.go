package dataset

import (
	"bytes"
	"maps"
	"math"
	"math/big"
	"math/bits"
	"reflect"
	"regexp"
	"slices"
	"unicode/utf8"

	validator "github.com/santhosh-tekuri/jsonschema/v6"
)

// This file finishes the schema validator for speed, in one place.
//
// santhosh-tekuri/jsonschema reads a decoded value and builds a validator,
// a scope and an instance location for every value it visits, and compares
// numbers as big.Rat: decoding and validating every record was a third of
// the CPU time of a dataset build (5.6 of 16 s for 10,000 documents), most
// of it allocation. A check is a compiled schema compiled once more, into
// plain Go, for the keywords our generated schemas use; it reads a record's
// JSON line as written, without decoding it, and allocates nothing (but
// the item list of a uniqueItems array).
//
// A check only ever accepts. A line it rejects, or is unsure of (text it
// does not read: a \u escape, a number with a fraction or exponent, a
// repeated key, nesting deeper than maxDepth), goes to the validator, which decodes it and whose verdict
// and error are final (recordSchema.validate); a subschema with a keyword
// outside the set below is decided by the validator whole. The two are
// held to the same verdict by TestCheckAgrees (every record of a corpus,
// and value and byte mutations of a sample) and FuzzCheck (any text).

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
	props    map[string]prop
	names    propTable // props, for the scan's lookups
	required uint64    // the bits of the required properties
	noExtra  bool      // "additionalProperties": false
	extra    *check    // "additionalProperties" as a schema
	items    *check
	minItems int // -1 if absent
	maxItems int
	unique   bool
	minLen   int // -1 if absent, in code points
	maxLen   int
	pattern  func([]byte) bool
	lo, hi   int64 // "minimum", "maximum" (integral)
	hasLo    bool
	hasHi    bool
	refOnly  bool // $ref and nothing else: the referenced check decides
}

// prop is the check of one property and its bit among the properties.
type prop struct {
	check *check
	bit   uint64
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
	if len(s.Properties) > 64 {
		c.lib = true // more than the bits of a uint64
		return c
	}
	if len(s.Properties) > 0 {
		names := slices.Sorted(maps.Keys(s.Properties))
		c.props = make(map[string]prop, len(names))
		for i, name := range names {
			c.props[name] = prop{check: sub(s.Properties[name]), bit: 1 << i}
		}
		c.names = newPropTable(c.props)
	}
	for _, r := range s.Required {
		p, ok := c.props[r]
		if !ok {
			c.lib = true // required, but not among the properties
		}
		c.required |= p.bit
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
	switch re := s.Pattern.(type) {
	case nil:
	case *regexp.Regexp: // the validator's own engine
		c.pattern = re.Match
		if seq := compileSequence(re.String()); seq != nil {
			c.pattern = seq.match
		}
	default:
		c.pattern = func(b []byte) bool { return re.MatchString(string(b)) }
	}
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
	// A subschema that is only a $ref (and annotations) is decided by the
	// referenced one alone: scanning the value again for no keyword would
	// make each level of a recursive schema scan everything below it twice.
	c.refOnly = c.ref != nil && c.always == nil && c.types == 0 && !c.hasEnum && c.oneOf == nil &&
		c.props == nil && c.required == 0 && !c.noExtra && c.extra == nil && c.items == nil &&
		c.minItems < 0 && c.maxItems < 0 && !c.unique && c.minLen < 0 && c.maxLen < 0 &&
		c.pattern == nil && !c.hasLo && !c.hasHi
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

// verdict is what a check says of a JSON text.
type verdict uint8

const (
	valid   verdict = iota
	invalid         // the validator rejects it too
	unsure          // the check does not know: ask the validator
)

// meet combines the verdicts of two keywords on one value.
func meet(a, b verdict) verdict { return max(a, b) }

// decide checks data, one JSON text, and says what the validator would say
// of the value it decodes to (jsonschema.UnmarshalJSON). It is unsure of
// what the records do not write: an invalid text, a number with a fraction
// or exponent or outside int64, a string escape other than the short ones
// encoding/json writes, a repeated key, invalid UTF-8 where it matters.
func (c *check) decide(data []byte) verdict {
	sc := scanner{data: data}
	i := sc.space(0)
	end, v := c.value(&sc, i)
	if v == valid && sc.space(end) != len(data) {
		return unsure
	}
	return v
}

// scanner is a JSON text being checked, and how deep in arrays and
// objects it is.
type scanner struct {
	data  []byte
	depth int
}

// maxDepth is how deep in arrays and objects the check reads; anything
// deeper is the validator's (its decoder refuses over 10,000 levels, and
// the books it checks are at most 64 deep).
const maxDepth = 1000

func (sc *scanner) space(i int) int {
	for i < len(sc.data) {
		switch sc.data[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// value checks the JSON value at i against c and returns where it ends.
// The end is meaningful only if the verdict is not unsure.
func (c *check) value(sc *scanner, i int) (end int, v verdict) {
	if i >= len(sc.data) {
		return i, unsure
	}
	if c.lib || c.always != nil {
		end, ok := sc.skip(i)
		if !ok {
			return i, unsure
		}
		if c.always != nil {
			return end, boolVerdict(*c.always)
		}
		val, err := validator.UnmarshalJSON(bytes.NewReader(sc.data[i:end]))
		if err != nil {
			return i, unsure
		}
		return end, boolVerdict(c.s.Validate(val) == nil)
	}
	if c.refOnly {
		return c.ref.value(sc, i)
	}
	if c.ref != nil {
		if _, v = c.ref.value(sc, i); v == unsure {
			return i, unsure
		}
	}
	if c.oneOf != nil {
		n := 0
		for _, o := range c.oneOf {
			switch _, ov := o.value(sc, i); ov {
			case unsure:
				return i, unsure
			case valid:
				n++
			}
		}
		if n != 1 {
			v = invalid
		}
	}
	var own verdict
	switch b := sc.data[i]; {
	case b == '{' || b == '[':
		if sc.depth++; sc.depth > maxDepth {
			return i, unsure
		}
		if b == '{' {
			end, own = c.object(sc, i)
		} else {
			end, own = c.array(sc, i)
		}
		sc.depth--
	case b == '"':
		var raw []byte
		var escapes int
		if end, raw, escapes = sc.str(i); end < 0 {
			return i, unsure
		}
		own = c.string(raw, escapes)
	case b == 't' || b == 'f' || b == 'n':
		lit, k := "null", kindNull
		if b == 't' {
			lit, k = "true", kindBoolean
		} else if b == 'f' {
			lit, k = "false", kindBoolean
		}
		if !bytes.HasPrefix(sc.data[i:], []byte(lit)) {
			return i, unsure
		}
		end, own = i+len(lit), c.notString(k)
	default:
		var n int64
		var ok bool
		if end, n, ok = sc.integer(i); !ok {
			return i, unsure
		}
		own = c.integer(n)
	}
	return end, meet(v, own)
}

func boolVerdict(ok bool) verdict {
	if ok {
		return valid
	}
	return invalid
}

func (c *check) kind(k kinds) verdict {
	if c.types != 0 && c.types&k == 0 {
		return invalid
	}
	return valid
}

// notString checks a value of kind k that is not a string against
// "type" and "enum", whose values are all strings.
func (c *check) notString(k kinds) verdict {
	if c.hasEnum {
		return invalid
	}
	return c.kind(k)
}

func (c *check) integer(n int64) verdict {
	if c.hasLo && n < c.lo || c.hasHi && n > c.hi {
		return invalid
	}
	return c.notString(kindInteger | kindNumber)
}

// string checks a string's content, given as written with its number of
// (short) escapes. Each escape decodes to one byte, so the decoded length
// is known; an enum or a pattern is only matched against a string without
// escapes. A string with invalid UTF-8 decodes with U+FFFD in place of
// each bad byte: counts and patterns see the same, but not an enum's
// comparison.
func (c *check) string(s []byte, escapes int) verdict {
	if c.kind(kindString) == invalid {
		return invalid
	}
	if escapes > 0 && (c.hasEnum || c.pattern != nil) {
		return unsure
	}
	if c.hasEnum {
		if !utf8.Valid(s) {
			return unsure
		}
		found := false
		for _, e := range c.enum {
			found = found || e == string(s)
		}
		if !found {
			return invalid
		}
	}
	n := len(s) - escapes // decoded bytes; runes only when it matters
	if c.minLen > 0 && n < 4*c.minLen && (n < c.minLen || utf8.RuneCount(s)-escapes < c.minLen) {
		return invalid
	}
	if c.maxLen >= 0 && n > c.maxLen && utf8.RuneCount(s)-escapes > c.maxLen {
		return invalid
	}
	if c.pattern != nil && !c.pattern(s) {
		return invalid
	}
	return valid
}

func (c *check) array(sc *scanner, i int) (int, verdict) {
	v := c.notString(kindArray)
	var items [][]byte // the items of a uniqueItems array, all strings so far
	n := 0
	i = sc.space(i + 1)
	if i < len(sc.data) && sc.data[i] == ']' {
		i++
	} else {
		for {
			start := i
			item := c.items
			if item == nil {
				item = anything
			}
			end, iv := item.value(sc, i)
			if iv == unsure {
				return i, unsure
			}
			v = meet(v, iv)
			if c.unique && v == valid {
				// Strings are compared as written: escapes, invalid UTF-8
				// and other kinds of items are the validator's.
				end2, s, escapes := sc.str(start)
				if end2 != end || escapes > 0 || !utf8.Valid(s) {
					return i, unsure
				}
				items = append(items, s)
			}
			n++
			var done, ok bool
			if i, done, ok = sc.next(end, ']'); !ok {
				return i, unsure
			}
			if done {
				break
			}
		}
	}
	if c.minItems >= 0 && n < c.minItems || c.maxItems >= 0 && n > c.maxItems || c.unique && !distinct(items) {
		v = invalid
	}
	return i, v
}

// distinct reports whether no two of ss are equal. It sorts ss unless they
// are in increasing order already (the terms' sentence ids are).
func distinct(ss [][]byte) bool {
	if !slices.IsSortedFunc(ss, bytes.Compare) {
		slices.SortFunc(ss, bytes.Compare)
	}
	for i := 1; i < len(ss); i++ {
		if bytes.Equal(ss[i-1], ss[i]) {
			return false
		}
	}
	return true
}

func (c *check) object(sc *scanner, i int) (int, verdict) {
	v := c.notString(kindObject)
	var seen uint64 // the properties met, by their bits
	i = sc.space(i + 1)
	if i < len(sc.data) && sc.data[i] == '}' {
		i++
	} else {
		for {
			end, key, escapes := sc.str(i)
			if end < 0 || escapes > 0 {
				return i, unsure
			}
			i = sc.space(end)
			if i >= len(sc.data) || sc.data[i] != ':' {
				return i, unsure
			}
			i = sc.space(i + 1)
			var pv verdict
			if p, ok := c.names.lookup(key); ok {
				if seen&p.bit != 0 {
					return i, unsure // a repeated key: the decoder keeps the last
				}
				seen |= p.bit
				end, pv = p.check.value(sc, i)
			} else {
				if !utf8.Valid(key) {
					return i, unsure
				}
				extra := anything
				if c.extra != nil {
					extra = c.extra
				}
				end, pv = extra.value(sc, i)
				if c.noExtra && pv != unsure {
					pv = invalid
				} else if c.extra != nil && pv == invalid {
					pv = unsure // the key may be repeated, the last one valid
				}
			}
			if pv == unsure {
				return i, unsure
			}
			v = meet(v, pv)
			var done, ok bool
			if i, done, ok = sc.next(end, '}'); !ok {
				return i, unsure
			}
			if done {
				break
			}
		}
	}
	if seen&c.required != c.required {
		v = invalid
	}
	return i, v
}

// next reads what follows an item or member ending at i: the closing
// byte (done, i just after it) or a comma (i at the next item); ok is false
// for anything else.
func (sc *scanner) next(i int, closing byte) (next int, done, ok bool) {
	i = sc.space(i)
	switch {
	case i >= len(sc.data):
		return i, false, false
	case sc.data[i] == closing:
		return i + 1, true, true
	case sc.data[i] == ',':
		return sc.space(i + 1), false, true
	}
	return i, false, false
}

// anything is the check of a value no keyword constrains: it only scans.
var anything = &check{minItems: -1, maxItems: -1, minLen: -1, maxLen: -1}

// skip returns the end of the JSON value at i, with ok false if it is not
// one the scanner reads.
func (sc *scanner) skip(i int) (int, bool) {
	end, v := anything.value(sc, i)
	return end, v != unsure
}

// str reads the JSON string at i and returns its end (-1 if it is not one
// the scanner reads), its content as written and its number of escapes.
// Only the short escapes encoding/json writes are read (\" \\ \/ \b \f
// \n \r \t); control characters and \u escapes are left to the decoder.
func (sc *scanner) str(i int) (end int, raw []byte, escapes int) {
	d := sc.data
	if i >= len(d) || d[i] != '"' {
		return -1, nil, 0
	}
	j := i + 1
	for {
		for j+8 <= len(d) && plainWord(word8(d[j:])) {
			j += 8
		}
		for j < len(d) && plain[d[j]] {
			j++
		}
		switch {
		case j >= len(d) || d[j] < 0x20:
			return -1, nil, 0
		case d[j] == '"':
			return j + 1, d[i+1 : j], escapes
		case j+1 >= len(d) || !shortEscape[d[j+1]]:
			return -1, nil, 0
		}
		escapes++
		j += 2
	}
}

// plain says which bytes stand for themselves inside a JSON string: all
// but '"', '\\' and control characters.
var plain = func() (t [256]bool) {
	for b := range t {
		t[b] = b >= 0x20 && b != '"' && b != '\\'
	}
	return t
}()

// Masks of a word of eight bytes: each byte 0x01, each byte 0x80.
const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// word8 returns the first eight bytes of b as a little-endian word.
func word8(b []byte) uint64 {
	_ = b[7]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// plainWord reports whether every byte of w is plain: none is '"', '\\'
// or a control character. (x - lowBits) &^ x has a high bit set exactly
// when some byte of x is zero; bytes of 0x80 and above are not below
// 0x20 and are plain.
func plainWord(w uint64) bool {
	quote, backslash := w^(lowBits*'"'), w^(lowBits*'\\')
	ctl := (w - lowBits*0x20) &^ w // a byte below 0x20
	return (ctl|(quote-lowBits)&^quote|(backslash-lowBits)&^backslash)&highBits == 0
}

// shortEscape says which letters follow a backslash in a short escape.
var shortEscape = [256]bool{'"': true, '\\': true, '/': true, 'b': true, 'f': true, 'n': true, 'r': true, 't': true}

// integer reads the JSON number at i if it is an integer that fits an
// int64, written without fraction or exponent.
func (sc *scanner) integer(i int) (end int, n int64, ok bool) {
	d := sc.data
	j := i
	neg := j < len(d) && d[j] == '-'
	if neg {
		j++
	}
	start := j
	var u uint64
	for j < len(d) && d[j] >= '0' && d[j] <= '9' {
		if u > (1<<63)/10 {
			return i, 0, false
		}
		u = u*10 + uint64(d[j]-'0')
		j++
	}
	switch {
	case j == start, d[start] == '0' && j > start+1:
		return i, 0, false
	case j < len(d) && (d[j] == '.' || d[j] == 'e' || d[j] == 'E'):
		return i, 0, false
	case neg && u > 1<<63, !neg && u > 1<<63-1:
		return i, 0, false
	}
	switch {
	case neg && u == 1<<63:
		return j, math.MinInt64, true
	case neg:
		return j, -int64(u), true
	}
	return j, int64(u), true
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

// propTable finds the property a key names without hashing the whole key:
// a perfect hash of the properties' names, of the key's length and three
// of its bytes, found when the check is compiled, picks the one name the
// key can be. Names the hash does not separate stay in a map.
type propTable struct {
	slots []propSlot // nil: look up m
	m     map[string]prop
	seed  uint32
	shift uint
}

type propSlot struct {
	name string
	prop prop
	used bool
}

// keyHash mixes a key's length and its first, middle and last bytes.
func keyHash(key []byte) uint32 {
	n := len(key)
	if n == 0 {
		return 0
	}
	return uint32(n) | uint32(key[0])<<8 | uint32(key[n/2])<<16 | uint32(key[n-1])<<24
}

// newPropTable returns the table of props: a perfect hash when one of the
// seeds it tries separates the names, else the map itself.
func newPropTable(props map[string]prop) propTable {
	names := slices.Sorted(maps.Keys(props))
	for n := uint(max(2, bits.Len(uint(2*len(names))))); n <= 10; n++ {
		for try := uint32(0); try < 64; try++ {
			seed := 0x9E3779B1 + try*0x7F4A7C16 // odd: the golden ratio plus even steps
			t := propTable{slots: make([]propSlot, 1<<n), seed: seed, shift: 32 - n}
			ok := true
			for _, name := range names {
				s := &t.slots[t.index([]byte(name))]
				if s.used {
					ok = false
					break
				}
				*s = propSlot{name: name, prop: props[name], used: true}
			}
			if ok {
				return t
			}
		}
	}
	return propTable{m: props}
}

func (t *propTable) index(key []byte) uint32 { return keyHash(key) * t.seed >> t.shift }

// lookup returns the property key names.
func (t *propTable) lookup(key []byte) (prop, bool) {
	if t.slots == nil {
		p, ok := t.m[string(key)]
		return p, ok
	}
	s := &t.slots[t.index(key)]
	if s.used && s.name == string(key) {
		return s.prop, true
	}
	return prop{}, false
}
