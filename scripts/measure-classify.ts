/**
 * @module scripts/measure-classify
 * Measures the classify stage on ../shared/datasets (dev/train splits only):
 *  - SummEdits `dev`: each edited summary against its original summary. Per error type, the
 *    share of inconsistent edits caught by the matching kinds (recall), the false-alarm rate on
 *    consistent edits, and balanced accuracy of "any medium/high distortion" as a verdict.
 *  - MRPC `train`: the same verdict on paraphrase (1) vs non-paraphrase (0) sentence pairs, and
 *    milliseconds per sentence pair for align + classify.
 * Run: npx tsx scripts/measure-classify.ts
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { alignSentences } from '../src/core/align/index.ts';
import { classifyChanges } from '../src/core/classify/index.ts';
import { splitArticle } from '../src/core/text/sentences.ts';
import type { Change, ChangeKind } from '../src/core/types.ts';

const shared = join(import.meta.dirname, '..', '..', 'shared');
const DISTORTIONS = new Set<ChangeKind>(['number', 'date', 'entity', 'quote', 'negation', 'hedge', 'reversal', 'attribution', 'renaming', 'inserted']);
const EXPECTED: Record<string, ChangeKind[]> = {
  entity_modification: ['entity', 'number', 'date'],
  antonym_swap: ['negation', 'reversal'],
  negation_insertion_removal: ['negation'],
  hallucinated_fact_insertion: ['inserted', 'entity', 'number', 'date'],
};

function run(source: string, suspect: string): Change[] {
  const src = splitArticle(source);
  const sus = splitArticle(suspect);
  const sources = [{ id: 's', split: src }];
  return classifyChanges({ suspect: sus, sources, alignment: alignSentences(sus, sources), removed: [] });
}
const flagged = (changes: Change[]) => changes.some((c) => DISTORTIONS.has(c.kind) && (c.severity === 'medium' || c.severity === 'high'));

function report(name: string, rows: { label: number; flagged: boolean }[]): void {
  const pos = rows.filter((r) => r.label === 0);
  const neg = rows.filter((r) => r.label === 1);
  const tpr = pos.filter((r) => r.flagged).length / pos.length;
  const tnr = neg.filter((r) => !r.flagged).length / neg.length;
  console.log(`${name}: inconsistent caught ${(100 * tpr).toFixed(1)}% of ${pos.length}, consistent passed ${(100 * tnr).toFixed(1)}% of ${neg.length}, balanced accuracy ${((tpr + tnr) / 2).toFixed(3)}`);
}

// SummEdits dev
const summedits = gunzipSync(readFileSync(join(shared, 'datasets/summedits/summedits.jsonl.gz'))).toString('utf8').split('\n').filter(Boolean);
const rows: { label: number; flagged: boolean }[] = [];
const perType = new Map<string, { n: number; hit: number }>();
const falseKinds = new Map<string, number>();
for (const line of summedits) {
  const r = JSON.parse(line) as { summary: string; original_summary: string; label: number; error_types: string[]; split: string };
  if (r.split !== 'dev' || r.summary === r.original_summary) continue;
  const changes = run(r.original_summary, r.summary);
  rows.push({ label: r.label, flagged: flagged(changes) });
  if (r.label === 1) for (const c of changes) if (DISTORTIONS.has(c.kind) && c.severity !== 'low' && c.severity !== 'none') falseKinds.set(c.evidence.rule, (falseKinds.get(c.evidence.rule) ?? 0) + 1);
  for (const t of r.error_types) {
    const s = perType.get(t) ?? { n: 0, hit: 0 };
    s.n++;
    if (changes.some((c) => (EXPECTED[t] ?? []).includes(c.kind))) s.hit++;
    perType.set(t, s);
  }
}
report('SummEdits dev (edited vs original summary)', rows);
for (const [t, s] of perType) console.log(`  ${t}: recall ${(100 * s.hit / s.n).toFixed(1)}% (${s.hit}/${s.n}) by kinds ${EXPECTED[t]?.join('/')}`);
console.log(`  false alarms on consistent edits by rule: ${[...falseKinds].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`);

// MRPC train
const mrpc = readFileSync(join(shared, 'datasets/mrpc/mrpc.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { a: string; b: string; label: number; split: string }).filter((r) => r.split === 'train');
const mrows: { label: number; flagged: boolean }[] = [];
run('Warm up the WordNet loader.', 'Warm up.');
const t0 = performance.now();
for (const r of mrpc) mrows.push({ label: r.label === 1 ? 1 : 0, flagged: flagged(run(r.a, r.b)) });
const ms = (performance.now() - t0) / mrpc.length;
report('MRPC train (non-paraphrase = inconsistent)', mrows);
console.log(`align + classify: ${ms.toFixed(2)} ms per sentence pair (${mrpc.length} pairs, includes splitting both sides)`);
