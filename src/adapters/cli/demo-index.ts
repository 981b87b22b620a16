/**
 * @module adapters/cli/demo-index
 * The bundled demo data: finds the demo corpus and suspects under examples/, reads JSONL
 * records in the ../shared/corpus format, and keeps a demo index that is rebuilt whenever the
 * demo corpus changes. Used by `unspun demo`, the fixture updater and the tests.
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { UnspunError } from '../../core/errors.ts';
import { prepareIndexRecord } from '../../core/index/index.ts';
import type { Store } from '../../core/store.ts';
import type { ReferenceArticle } from '../../core/types.ts';

export const EXAMPLES_DIR = fileURLToPath(new URL('../../../examples/', import.meta.url));
export const DEFAULT_DEMO_DB = './unspun-demo.db';

/** The demo corpus files, sorted. */
export function demoCorpusFiles(dir = EXAMPLES_DIR): string[] {
  const corpus = join(dir, 'corpus');
  if (!existsSync(corpus)) throw new UnspunError('INPUT_NOT_FOUND', corpus, 'the demo corpus is missing from this checkout');
  return readdirSync(corpus)
    .filter((f) => /\.jsonl(\.gz)?$/.test(f))
    .sort()
    .map((f) => join(corpus, f));
}

/** The demo suspects (.html/.htm/.txt), sorted. */
export function demoSuspectFiles(dir = EXAMPLES_DIR): string[] {
  const suspects = join(dir, 'suspects');
  if (!existsSync(suspects)) throw new UnspunError('INPUT_NOT_FOUND', suspects, 'the demo suspects are missing from this checkout');
  return readdirSync(suspects)
    .filter((f) => /\.(html?|txt)$/i.test(f))
    .sort()
    .map((f) => join(suspects, f));
}

/** Reads JSONL records in the ../shared/corpus format; a bad line is an error naming the line. */
export function readJsonlArticles(file: string): ReferenceArticle[] {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  const out: ReferenceArticle[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let rec: Record<string, unknown>;
    try {
      rec = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new UnspunError('INPUT_MALFORMED', `line ${i + 1} of ${file}`, 'not valid JSON');
    }
    if (typeof rec.id !== 'string' || typeof rec.text !== 'string') {
      throw new UnspunError('INPUT_MALFORMED', `line ${i + 1} of ${file}`, 'needs string "id" and "text" fields');
    }
    const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
    out.push({ id: rec.id, outlet: str(rec.outlet), title: str(rec.title), byline: str(rec.byline), published: str(rec.published), url: str(rec.url), text: rec.text });
  });
  return out;
}

/**
 * Opens the demo index, (re)building it when it is missing, older than any corpus file, or
 * holds a different number of articles than the corpus (an article was added or removed).
 */
export async function openDemoIndex(dbPath: string, files: string[]): Promise<{ store: Store; rebuilt: boolean; size: number }> {
  // The SQLite driver loads only here: `unspun trace` registers the demo command too.
  const { openSqliteStore } = await import('../store-sqlite/index.ts');
  const articles = files.flatMap(readJsonlArticles);
  const newest = Math.max(...files.map((f) => statSync(f).mtimeMs));
  if (existsSync(dbPath) && statSync(dbPath).mtimeMs >= newest) {
    const store = await openSqliteStore(dbPath, { readonly: true });
    if ((await store.count()) === articles.length) return { store, rebuilt: false, size: articles.length };
    await store.close();
  }
  for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
  const writer = await openSqliteStore(dbPath);
  try {
    await writer.put(articles.map(prepareIndexRecord));
  } finally {
    await writer.close();
  }
  const store = await openSqliteStore(dbPath, { readonly: true });
  return { store, rebuilt: true, size: articles.length };
}

