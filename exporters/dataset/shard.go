package dataset

import (
	"bufio"
	"fmt"
	"hash"
	"os"
	"path/filepath"

	"github.com/seedpress/seedpress/internal/parallel"
)

// DefaultShardBytes is the largest data file Write produces when
// Options.ShardBytes is zero: 256 MiB, a size Spark, DuckDB and Hugging
// Face datasets read comfortably in parallel.
const DefaultShardBytes = 256 << 20

// tableWriter writes one table into data/ as numbered shards under
// temporary names (data/<table>.<n>.jsonl), hashing as it goes, and names
// the shards once their number is known (name). Its Parquet writer pq
// writes the same rows into Parquet shards that turn where the JSON Lines
// shards turn.
type tableWriter struct {
	name    string
	dataDir string // the dataset's data/ folder
	limit   int64
	f       *os.File
	w       *bufio.Writer
	cur     int64   // bytes in the current shard
	curRows int64   // lines in the current shard
	lines   []int64 // each closed shard's lines
	temps   []string
	final   []string // the shards' final paths, relative to the dataset and slash-separated
	hash    hash.Hash
	bytes   int64
	records int
	last    string
	pq      *parquetTable
}

// write appends one record, rec, its id and its JSON line, to the JSON
// Lines and the Parquet shards. Ids must increase strictly: they sort in
// reading order, so this proves them unique.
func (t *tableWriter) write(id string, line []byte, rec any) error {
	if t.records > 0 && id <= t.last {
		return &Error{Table: t.name, ID: id, Reason: fmt.Sprintf("id does not sort after the previous id %s: duplicate or out of reading order", t.last)}
	}
	if t.f == nil || (t.cur > 0 && t.cur+int64(len(line)) > t.limit) {
		if err := t.rotate(); err != nil {
			return err
		}
	}
	if _, err := t.w.Write(line); err != nil {
		return fmt.Errorf("dataset: write %s: %w", t.name, err)
	}
	if err := t.pq.write(rec, len(line)); err != nil {
		return err
	}
	t.hash.Write(line)
	t.cur += int64(len(line))
	t.curRows++
	t.bytes += int64(len(line))
	t.records++
	t.last = id
	return nil
}

// rotate closes the current shard and starts the next.
func (t *tableWriter) rotate() error {
	if err := t.closeShard(); err != nil {
		return err
	}
	p := filepath.Join(t.dataDir, fmt.Sprintf("%s.%d.jsonl", t.name, len(t.temps)))
	f, err := os.Create(p)
	if err != nil {
		return fmt.Errorf("dataset: %w", err)
	}
	t.f, t.w, t.cur, t.curRows = f, dataWriter(f), 0, 0
	t.temps = append(t.temps, p)
	return t.pq.rotate()
}

func (t *tableWriter) closeShard() error {
	if t.f == nil {
		return nil
	}
	err := t.w.Flush()
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	t.f = nil
	if err != nil {
		return fmt.Errorf("dataset: write %s: %w", t.name, err)
	}
	t.lines = append(t.lines, t.curRows)
	return t.pq.closeShard()
}

// close closes the last shard; a table without records still gets one,
// empty, file.
func (t *tableWriter) close() error {
	if t.f == nil && len(t.temps) == 0 {
		if err := t.rotate(); err != nil {
			return err
		}
	}
	return t.closeShard()
}

// nameShards renames the closed shards to data/<table>.jsonl, or to
// data/<table>-00000-of-0000N.jsonl when there are several.
func (t *tableWriter) nameShards() error {
	n := len(t.temps)
	for i, p := range t.temps {
		name := t.name + ".jsonl"
		if n > 1 {
			name = fmt.Sprintf("%s-%05d-of-%05d.jsonl", t.name, i, n)
		}
		if err := os.Rename(p, filepath.Join(t.dataDir, name)); err != nil {
			return fmt.Errorf("dataset: %w", err)
		}
		t.final = append(t.final, "data/"+name)
	}
	return t.pq.nameShards()
}

// abort closes the open shard, if any, after a failure.
func (t *tableWriter) abort() {
	if t.f != nil {
		t.f.Close()
		t.f = nil
	}
	t.pq.abort()
}

// checkParquet checks every Parquet shard of tables against its JSON Lines
// shard and the rows written into it, every row group of a shard apart
// (parquetTable.checkShardGroup), on up to GOMAXPROCS goroutines; the
// error is that of the first failing shard in table order, and within a
// shard that of its first failing row group.
func checkParquet(tables []*tableWriter) error {
	type group struct {
		t    *tableWriter
		i, g int
	}
	var groups []group
	for _, t := range tables {
		for i := range t.final {
			for g := range max(1, len(t.pq.shardGroups[i])) {
				groups = append(groups, group{t, i, g})
			}
		}
	}
	return parallel.Each(len(groups), 0, func(k int) error {
		t, i, g := groups[k].t, groups[k].i, groups[k].g
		return t.pq.checkShardGroup(i, g, t.lines[i])
	})
}
