// duckdb.mjs reads a dataset folder with DuckDB (npm @duckdb/node-api),
// default settings, the way a data user would, and prints a JSON summary:
// per table the column types and the row count of its Parquet files and of
// its JSON Lines files (each read by glob), and the rows of book.json and
// book.jsonl; and how many sentences DuckDB's substring, given the
// code-point offsets, slices out of their paragraphs wrongly ("slicing").
// A query that fails is listed in "errors".
//
//	node duckdb.mjs DIR TABLE...
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...tables] = process.argv.slice(2);
const out = { tables: {}, book: {}, errors: [] };
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const lit = (s) => "'" + s.replaceAll("'", "''") + "'";

// describe returns the column types and the row count of the relation rel.
async function describe(rel) {
  const d = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${rel}`);
  const types = {};
  for (const r of d.getRowObjectsJson()) types[r.column_name] = r.column_type;
  const c = await con.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${rel}`);
  return { types, rows: Number(c.getRowObjects()[0].n) };
}

async function attempt(what, rel) {
  try {
    return await describe(rel);
  } catch (e) {
    out.errors.push(`${what}: ${e.message}`);
    return null;
  }
}

for (const t of tables) {
  out.tables[t] = {
    parquet: await attempt(`${t} parquet`, `read_parquet(${lit(join(dir, 'data', t + '*.parquet'))})`),
    jsonl: await attempt(`${t} jsonl`, `read_json_auto(${lit(join(dir, 'data', t + '*.jsonl'))})`),
  };
}
// The card's DuckDB slicing: substring with the code-point offsets gives
// every sentence's text out of its paragraph's.
if (tables.includes('sentences') && tables.includes('paragraphs')) {
  try {
    const q = await con.runAndReadAll(`SELECT count(*)::BIGINT AS n,
        count(*) FILTER (WHERE substring(p.text, s.char_start + 1, s.char_end - s.char_start) <> s.text)::BIGINT AS bad
      FROM read_parquet(${lit(join(dir, 'data', 'sentences*.parquet'))}) s
      JOIN read_parquet(${lit(join(dir, 'data', 'paragraphs*.parquet'))}) p ON s.paragraph_id = p.id`);
    const r = q.getRowObjects()[0];
    out.slicing = { sentences: Number(r.n), mismatches: Number(r.bad) };
  } catch (e) {
    out.errors.push(`slicing: ${e.message}`);
  }
}
for (const f of ['book.json', 'book.jsonl']) {
  if (existsSync(join(dir, f))) out.book[f] = await attempt(f, `read_json_auto(${lit(join(dir, f))})`);
}
con.closeSync();
instance.closeSync();
process.stdout.write(JSON.stringify(out) + '\n');
