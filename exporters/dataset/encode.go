package dataset

import (
	"bytes"
	"encoding/json"
)

// encode marshals v as one JSON line (non-ASCII and <>& unescaped) and
// validates the line against s. A record that writes its own JSON
// (appender) skips reflection; TestRecordFastPath holds it to encoding/json.
func (c *compiled) encode(s *recordSchema, table, id string, v any) ([]byte, error) {
	return c.appendRecord(nil, s, table, id, v)
}

// appendRecord is encode appending the line to dst: the records of one
// document share a buffer per table.
func (c *compiled) appendRecord(dst []byte, s *recordSchema, table, id string, v any) ([]byte, error) {
	start := len(dst)
	dst, err := appendLine(dst, v)
	if err != nil {
		return nil, &Error{Table: table, ID: id, Reason: "encode: " + err.Error()}
	}
	if err := s.validate(dst[start:]); err != nil {
		return nil, &Error{Table: table, ID: id, Reason: err.Error()}
	}
	return dst, nil
}

// appendRecordOf is appendRecord for a record that writes its own JSON,
// without boxing it in an interface: the records of every document pass
// here.
func appendRecordOf[T appender](dst []byte, s *recordSchema, table, id string, v T) ([]byte, error) {
	start := len(dst)
	dst = append(v.appendJSON(dst), '\n')
	if err := s.validate(dst[start:]); err != nil {
		return nil, &Error{Table: table, ID: id, Reason: err.Error()}
	}
	return dst, nil
}

// appendLine appends v's JSON line to dst.
func appendLine(dst []byte, v any) ([]byte, error) {
	if a, ok := v.(appender); ok {
		return append(a.appendJSON(dst), '\n'), nil
	}
	buf := bytes.NewBuffer(dst)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
