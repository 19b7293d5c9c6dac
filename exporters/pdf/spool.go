package pdf

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
)

// spool keeps laid-out pages, in order, until they can be drawn: the body
// is laid out as documents arrive, but drawn after the front matter, whose
// length is known only at the end. A page is written in a compact binary
// form (see put); the first spoolMemory bytes stay in memory, the rest go
// to a temporary file, which is removed as soon as it is made where the
// system allows (an open file stays readable) and else by close.
//
// The zero spool is empty and ready. Errors stick: after the first, put
// does nothing and done and replay return it.
type spool struct {
	mem   bytes.Buffer
	file  *os.File
	name  string // the file's name, while it still has one
	bw    *bufio.Writer
	pages int
	buf   []byte // put's encoding buffer
	err   error
}

// spoolMemory is how many bytes of pages a spool keeps in memory before it
// moves them to a temporary file; a variable for the tests.
var spoolMemory = 8 << 20

// put adds pg to the spool. It does not keep pg. Of pg it keeps what
// drawing needs: everything but lines (the widths of text lines, for
// tests).
func (s *spool) put(pg *page) {
	if s.err != nil {
		return
	}
	b := s.buf[:0]
	b = binary.AppendUvarint(b, uint64(pg.num))
	b = append(b, byte(pg.kind))
	b = appendString(b, pg.chapter)
	b = binary.AppendUvarint(b, uint64(len(pg.marks)))
	for _, mk := range pg.marks {
		b = appendString(b, mk.title)
		b = binary.AppendUvarint(b, uint64(mk.level))
		b = binary.AppendUvarint(b, uint64(mk.dest))
		b = appendFloat(b, mk.y)
	}
	b = binary.AppendUvarint(b, uint64(len(pg.ops)))
	var last op // the previous op, whose y and size the next one often repeats
	for _, o := range pg.ops {
		b = appendOp(b, o, last)
		last = o
	}
	s.buf = b
	s.pages++
	s.write(b)
}

// The fields of an op that appendOp writes: a bit is set when the field is
// written, or, for sameY and sameSize, when the field is that of the op
// before.
const (
	hasX = 1 << iota
	hasY
	sameY
	hasW
	hasH
	hasSize
	sameSize
	hasStyle
	hasText
	hasURL
	hasDest
	hasRise
)

// appendOp appends o to b, given the op before it on its page.
func appendOp(b []byte, o, last op) []byte {
	var f uint64
	if o.x != 0 {
		f |= hasX
	}
	switch {
	case o.y == last.y:
		f |= sameY
	case o.y != 0:
		f |= hasY
	}
	if o.w != 0 {
		f |= hasW
	}
	if o.h != 0 {
		f |= hasH
	}
	switch {
	case o.r.size == last.r.size:
		f |= sameSize
	case o.r.size != 0:
		f |= hasSize
	}
	if o.r.style != 0 {
		f |= hasStyle
	}
	if o.r.text != "" {
		f |= hasText
	}
	if o.r.url != "" {
		f |= hasURL
	}
	if o.dest != 0 {
		f |= hasDest
	}
	if o.r.rise != 0 {
		f |= hasRise
	}
	b = append(b, byte(o.kind))
	b = binary.AppendUvarint(b, f)
	if f&hasX != 0 {
		b = appendFloat(b, o.x)
	}
	if f&hasY != 0 {
		b = appendFloat(b, o.y)
	}
	if f&hasW != 0 {
		b = appendFloat(b, o.w)
	}
	if f&hasH != 0 {
		b = appendFloat(b, o.h)
	}
	if f&hasSize != 0 {
		b = appendFloat(b, o.r.size)
	}
	if f&hasStyle != 0 {
		b = append(b, byte(o.r.style))
	}
	if f&hasText != 0 {
		b = appendString(b, o.r.text)
	}
	if f&hasURL != 0 {
		b = appendString(b, o.r.url)
	}
	if f&hasDest != 0 {
		b = binary.AppendUvarint(b, uint64(o.dest))
	}
	if f&hasRise != 0 {
		b = appendFloat(b, o.r.rise)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendFloat(b []byte, x float64) []byte {
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
}

// write adds b to the spool, in memory while it is small, else to the
// temporary file.
func (s *spool) write(b []byte) {
	if s.file == nil && s.mem.Len()+len(b) <= spoolMemory {
		s.mem.Write(b)
		return
	}
	if s.file == nil {
		f, err := os.CreateTemp("", "seedpress-pdf-*.spool")
		if err != nil {
			s.err = fmt.Errorf("pdf: spool: %w", err)
			return
		}
		s.file, s.name = f, f.Name()
		if os.Remove(s.name) == nil {
			s.name = ""
		}
		s.bw = bufio.NewWriterSize(f, 256<<10)
		s.bw.Write(s.mem.Bytes())
		s.mem = bytes.Buffer{}
	}
	if _, err := s.bw.Write(b); err != nil {
		s.err = fmt.Errorf("pdf: spool: %w", err)
	}
}

// done ends the writing: every page put is then in the spool.
func (s *spool) done() error {
	if s.err == nil && s.bw != nil {
		if err := s.bw.Flush(); err != nil {
			s.err = fmt.Errorf("pdf: spool: %w", err)
		}
	}
	return s.err
}

// replay calls fn with every page, in the order put, and returns how many
// there were. fn must not keep the page: its buffers are reused.
func (s *spool) replay(fn func(*page)) (int, error) {
	if err := s.done(); err != nil {
		return 0, err
	}
	var r *bufio.Reader
	if s.file != nil {
		if _, err := s.file.Seek(0, io.SeekStart); err != nil {
			return 0, fmt.Errorf("pdf: spool: %w", err)
		}
		r = bufio.NewReaderSize(s.file, 256<<10)
	} else {
		r = bufio.NewReader(bytes.NewReader(s.mem.Bytes()))
	}
	d := spoolReader{r: r}
	var pg page
	for n := 0; n < s.pages; n++ {
		if !d.page(&pg) {
			return n, fmt.Errorf("pdf: spool: page %d of %d: %w", n+1, s.pages, d.err)
		}
		fn(&pg)
	}
	return s.pages, nil
}

// close removes the temporary file, if there is one, and empties s.
func (s *spool) close() {
	if s.file != nil {
		s.file.Close()
		if s.name != "" {
			os.Remove(s.name)
		}
	}
	*s = spool{err: errors.New("pdf: spool: closed")}
}

// spoolReader reads what spool.put wrote.
type spoolReader struct {
	r   *bufio.Reader
	buf []byte
	err error
}

// page reads the next page into pg, reusing its buffers, and reports
// whether it could.
func (d *spoolReader) page(pg *page) bool {
	pg.num = d.int()
	pg.kind = pageKind(d.byte())
	pg.chapter = d.string()
	pg.marks = pg.marks[:0]
	for n := d.int(); n > 0 && d.err == nil; n-- {
		var mk placedMark
		mk.title = d.string()
		mk.level = d.int()
		mk.dest = d.int()
		mk.y = d.float()
		pg.marks = append(pg.marks, mk)
	}
	pg.ops = pg.ops[:0]
	pg.lines = pg.lines[:0]
	var last op
	for n := d.int(); n > 0 && d.err == nil; n-- {
		o := op{kind: opKind(d.byte())}
		f := d.uint()
		if f&hasX != 0 {
			o.x = d.float()
		}
		switch {
		case f&sameY != 0:
			o.y = last.y
		case f&hasY != 0:
			o.y = d.float()
		}
		if f&hasW != 0 {
			o.w = d.float()
		}
		if f&hasH != 0 {
			o.h = d.float()
		}
		switch {
		case f&sameSize != 0:
			o.r.size = last.r.size
		case f&hasSize != 0:
			o.r.size = d.float()
		}
		if f&hasStyle != 0 {
			o.r.style = style(d.byte())
		}
		if f&hasText != 0 {
			o.r.text = d.string()
		}
		if f&hasURL != 0 {
			o.r.url = d.string()
		}
		if f&hasDest != 0 {
			o.dest = d.int()
		}
		if f&hasRise != 0 {
			o.r.rise = d.float()
		}
		pg.ops = append(pg.ops, o)
		last = o
	}
	return d.err == nil
}

func (d *spoolReader) uint() uint64 {
	if d.err != nil {
		return 0
	}
	v, err := binary.ReadUvarint(d.r)
	if err != nil {
		d.fail(err)
	}
	return v
}

func (d *spoolReader) int() int { return int(d.uint()) }

func (d *spoolReader) byte() byte {
	if d.err != nil {
		return 0
	}
	c, err := d.r.ReadByte()
	if err != nil {
		d.fail(err)
	}
	return c
}

func (d *spoolReader) float() float64 {
	if d.err != nil {
		return 0
	}
	var b [8]byte
	if _, err := io.ReadFull(d.r, b[:]); err != nil {
		d.fail(err)
		return 0
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b[:]))
}

func (d *spoolReader) string() string {
	n := d.uint()
	if d.err != nil || n == 0 {
		return ""
	}
	if n > 1<<30 {
		d.fail(errors.New("string too long"))
		return ""
	}
	if uint64(cap(d.buf)) < n {
		d.buf = make([]byte, n)
	}
	d.buf = d.buf[:n]
	if _, err := io.ReadFull(d.r, d.buf); err != nil {
		d.fail(err)
		return ""
	}
	return string(d.buf)
}

func (d *spoolReader) fail(err error) {
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	if d.err == nil {
		d.err = err
	}
}
