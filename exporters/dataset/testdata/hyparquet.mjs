// hyparquet.mjs reads a dataset's Parquet files with hyparquet (npm), a
// Parquet reader in plain JavaScript that shares no code with the writer,
// and compares them with the JSON Lines files row by row and value by
// value: data/<table>.parquet with data/<table>.jsonl, or each shard with
// the JSON Lines shard of the same number. It prints a JSON summary: per
// table the rows read and the rows equal, and every difference in "errors".
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
process.stdout.write(JSON.stringify(out) + '\n');
