// hyparquet.mjs reads a dataset's Parquet files with hyparquet (npm), a
// Parquet reader in plain JavaScript that shares no code with the writer,
// and compares them with the JSON Lines files row by row and value by
// value: data/<table>.parquet with data/<table>.jsonl, or each shard with
// the JSON Lines shard of the same number. It prints a JSON summary: per
// table the rows read and the rows equal, and every difference in "errors";
// and how many sentences Buffer slicing with the byte offsets gets wrong
// ("slicing"; for contrast, how many String.slice with the code-point
// offsets gets wrong).
//
//	node hyparquet.mjs DIR TABLE...
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...tables] = process.argv.slice(2);
const out = { tables: {}, errors: [] };

// plain turns hyparquet's values into JSON's: 64-bit integers come back
// as BigInt.
function plain(v) {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

for (const t of tables) {
  const files = readdirSync(join(dir, 'data'))
    .filter((f) => f === t + '.parquet' || (f.startsWith(t + '-') && f.endsWith('.parquet')))
    .sort();
  const s = { files: files.length, rows: 0, equal: 0, columns: null };
  for (const f of files) {
    const file = await asyncBufferFromFile(join(dir, 'data', f));
    const meta = await parquetMetadataAsync(file);
    s.columns = parquetSchema(meta).children.map((c) => c.element.name);
    const rows = await parquetReadObjects({ file, metadata: meta });
    const lines = readFileSync(join(dir, 'data', f.replace(/\.parquet$/, '.jsonl')), 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    if (rows.length !== lines.length) {
      out.errors.push(`${f}: ${rows.length} rows, the JSON Lines file ${lines.length}`);
    }
    for (let i = 0; i < Math.min(rows.length, lines.length); i++) {
      const want = JSON.parse(lines[i]);
      const got = {};
      for (const k of Object.keys(rows[i])) got[k] = plain(rows[i][k]);
      if (same(got, want)) {
        s.equal++;
      } else if (out.errors.length < 20) {
        out.errors.push(`${f} row ${i}: ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
    }
    s.rows += rows.length;
  }
  out.tables[t] = s;
}

// The card's JavaScript slicing: a Buffer of the paragraph's text,
// subarray with the byte offsets, gives the sentence's text.
if (tables.includes('sentences') && tables.includes('paragraphs')) {
  const read = async (t) => {
    const rows = [];
    for (const f of readdirSync(join(dir, 'data')).filter((f) => f.startsWith(t) && f.endsWith('.parquet')).sort()) {
      for (const r of await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, 'data', f)) })) rows.push(r);
    }
    return rows;
  };
  const paragraphs = new Map((await read('paragraphs')).map((p) => [p.id, p.text]));
  let n = 0, bad = 0, utf16 = 0;
  for (const s of await read('sentences')) {
    const text = paragraphs.get(s.paragraph_id);
    n++;
    if (Buffer.from(text).subarray(Number(s.byte_start), Number(s.byte_end)).toString() !== s.text) bad++;
    if (text.slice(Number(s.char_start), Number(s.char_end)) !== s.text) utf16++;
  }
  out.slicing = { sentences: n, mismatches: bad, utf16_slice_mismatches: utf16 };
}
process.stdout.write(JSON.stringify(out) + '\n');
