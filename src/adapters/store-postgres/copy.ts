/**
 * @module adapters/store-postgres/copy
 * Bulk writes by COPY ... FROM STDIN in text format, streamed in chunks of about 1 MB.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import copyStreams from 'pg-copy-streams';

/** One field in COPY's text format. */
export function copyField(v: string | number | null): string {
  if (v === null) return '\\N';
  if (typeof v === 'number') return String(v);
  // NUL cannot be stored in PostgreSQL text; it never survives extraction either.
  return v.replace(/\0/g, '').replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export async function copyInto(client: pg.PoolClient, table: string, columns: string[], rows: Iterable<(string | number | null)[]>): Promise<void> {
  const lines = function* () {
    let chunk = '';
    for (const row of rows) {
      chunk += row.map(copyField).join('\t') + '\n';
      if (chunk.length > 1 << 20) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  };
  const stream = client.query(copyStreams.from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(lines()), stream);
}
