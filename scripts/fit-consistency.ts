/**
 * @module scripts/fit-consistency
 * Fits the rewrite-consistency model (src/core/align/consistency-model.ts) on the DEV splits
 * of the consistency benchmark's sets (bench/tasks/consistency.ts: FRANK, XSumFaith, Polytope,
 * SummaC subsets, SummEdits news, QAGS, AggreFact, Falke, VitaminC sample). Test splits are
 * never read here. Logistic regression with a light L2, features standardised; every set carries the
 * same total weight and, within a set, both classes carry the same weight (the benchmark's
 * metric is balanced accuracy, with a per-set threshold fitted on dev).
 *
 * Run: npx tsx scripts/fit-consistency.ts          (prints per-set dev AUC / fitted BAcc)
 *      npx tsx scripts/fit-consistency.ts --write  (also rewrites consistency-model.ts)
 * Features are cached in /tmp/unspun-consistency-dev.json (delete it after changing them).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETS, sample, VITAMINC_SAMPLE } from '../bench/tasks/consistency.ts';
import { balancedAccuracy, fitThreshold, rocAuc } from '../bench/lib/metrics.ts';
import { analyseSource, consistencyScore, rewriteConsistency, FEATURE_NAMES, type SourceAnalysis } from '../src/core/align/consistency.ts';
import type { ConsistencyModel } from '../src/core/align/consistency-model.ts';

const CACHE = '/tmp/unspun-consistency-dev.json';
const L2 = 1e-4;
const dropArg = process.argv.find((a) => a.startsWith('--drop='));
/**
 * Features left out of the fit (weight 0). logLength is a dataset artefact (FRANK's short
 * XSum-style summaries are the inconsistent ones); meanSupport and novelNoSynonym are collinear
 * with minSupport and novelWords and gave no dev gain.
 */
const DROPPED = new Set<string>(dropArg ? dropArg.slice(7).split(',') : ['logLength', 'meanSupport', 'novelNoSynonym']);

type Row = { set: string; x: number[]; y: 0 | 1 };

function featureRows(): Row[] {
  if (existsSync(CACHE)) return JSON.parse(readFileSync(CACHE, 'utf8')) as Row[];
  const rows: Row[] = [];
  for (const set of SETS) {
    let dev = set.load().filter((i) => i.split === 'dev');
    if (set.key === 'vitaminc') dev = sample(dev, VITAMINC_SAMPLE);
    const t0 = Date.now();
    const cache = new Map<string, SourceAnalysis>();
    for (const it of dev) {
      let src = cache.get(it.document);
      if (!src) {
        if (cache.size > 500) cache.clear();
        src = analyseSource(it.document);
        cache.set(it.document, src);
      }
      const f = rewriteConsistency(src, it.summary).features;
      rows.push({ set: set.key, x: FEATURE_NAMES.map((n) => f[n]), y: it.label });
    }
    console.error(`${set.key}: ${dev.length} dev items, ${Date.now() - t0} ms`);
  }
  writeFileSync(CACHE, JSON.stringify(rows));
  return rows;
}

/** Solves A x = y by Gaussian elimination with partial pivoting (A is small and positive definite). */
function solve(a: number[][], y: number[]): number[] {
  const n = y.length;
  const m = a.map((row, i) => [...row, y[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

function fit(rows: Row[]): ConsistencyModel {
  const d = FEATURE_NAMES.length;
  const means = Array.from({ length: d }, (_, j) => rows.reduce((a, r) => a + r.x[j], 0) / rows.length);
  const scales = Array.from({ length: d }, (_, j) => Math.sqrt(rows.reduce((a, r) => a + (r.x[j] - means[j]) ** 2, 0) / rows.length) || 1);
  // Equal weight per set, and per class within a set.
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(`${r.set}/${r.y}`, (counts.get(`${r.set}/${r.y}`) ?? 0) + 1);
  const sets = new Set(rows.map((r) => r.set)).size;
  const sw = rows.map((r) => 1 / (2 * sets * (counts.get(`${r.set}/${r.y}`) ?? 1)));
  // Features listed in DROPPED get weight 0 (kept in the vector so the model file's order is stable).
  const z = rows.map((r) => r.x.map((v, j) => (DROPPED.has(FEATURE_NAMES[j]) ? 0 : (v - means[j]) / scales[j])));
  // One intercept per set, shared weights: the benchmark fits a threshold per set, so only the
  // ranking within a set matters, and sets differ in base rates and in how abstractive they are.
  // The shipped bias is the mean of the set intercepts. Newton's method (IRLS): convex, fast.
  const setKeys = [...new Set(rows.map((r) => r.set))];
  const ns = setKeys.length;
  const setIndex = rows.map((r) => setKeys.indexOf(r.set));
  const beta = new Array<number>(ns + d).fill(0);
  const zz = z.map((v, i) => [...setKeys.map((_, k) => (k === setIndex[i] ? 1 : 0)), ...v]);
  const p1 = ns + d;
  for (let iter = 0; iter < 25; iter++) {
    const g = beta.map((bj, j) => (j < ns ? 0 : L2 * bj));
    const h = beta.map((_, j) => beta.map((__, k) => (j === k && j >= ns ? L2 : 0)));
    for (let i = 0; i < rows.length; i++) {
      let s = 0;
      for (let j = 0; j < p1; j++) s += beta[j] * zz[i][j];
      const p = 1 / (1 + Math.exp(-s));
      const err = (p - rows[i].y) * sw[i];
      const c = p * (1 - p) * sw[i];
      for (let j = 0; j < p1; j++) {
        if (zz[i][j] === 0) continue;
        g[j] += err * zz[i][j];
        for (let k = 0; k < p1; k++) h[j][k] += c * zz[i][j] * zz[i][k];
      }
    }
    const delta = solve(h, g);
    for (let j = 0; j < p1; j++) beta[j] -= delta[j];
  }
  const w = beta.slice(ns);
  const b = beta.slice(0, ns).reduce((a, x) => a + x, 0) / ns;
  const r4 = (v: number) => Math.round(v * 10_000) / 10_000;
  return { means: means.map(r4), scales: scales.map(r4), weights: w.map(r4), bias: r4(b) };
}

function report(rows: Row[], model: ConsistencyModel): string[] {
  const lines: string[] = [];
  for (const key of [...new Set(rows.map((r) => r.set))]) {
    const rs = rows.filter((r) => r.set === key);
    const scores = rs.map((r) => consistencyScore(Object.fromEntries(FEATURE_NAMES.map((n, j) => [n, r.x[j]])) as never, model));
    const gold = rs.map((r) => r.y);
    const bacc = fitThreshold(scores, gold, balancedAccuracy).value;
    lines.push(`${key}: dev n=${rs.length} BAcc(fitted) ${bacc.toFixed(3)} AUC ${rocAuc(scores, gold).toFixed(3)}`);
  }
  return lines;
}

const rows = featureRows();
const model = fit(rows);
const lines = report(rows, model);
console.log(lines.join('\n'));
console.log(JSON.stringify(model));
FEATURE_NAMES.forEach((n, j) => console.log(`  ${n}: ${model.weights[j]}`));
if (process.argv.includes('--write')) {
  const file = join(import.meta.dirname, '..', 'src/core/align/consistency-model.ts');
  const fmt = (xs: readonly number[]) => `[${xs.join(', ')}]`;
  writeFileSync(
    file,
    `/**
 * @module core/align/consistency-model
 * Weights of the rewrite-consistency model (see consistency.ts). Written by
 * \`npx tsx scripts/fit-consistency.ts --write\`; do not edit by hand.
 * Fitted on the DEV splits only (${rows.length} items over ${new Set(rows.map((r) => r.set)).size} sets, equal weight per set and class).
 * Dropped from the fit (weight 0, see the script): ${[...DROPPED].join(', ')}.
 * In-sample dev numbers at fitting time:
${lines.map((l) => ` *   ${l}`).join('\n')}
 */
export interface ConsistencyModel {
  /** Feature order: FEATURE_NAMES in consistency.ts (${FEATURE_NAMES.join(', ')}). */
  means: readonly number[];
  scales: readonly number[];
  weights: readonly number[];
  bias: number;
}

export const CONSISTENCY_MODEL: ConsistencyModel = {
  means: ${fmt(model.means)},
  scales: ${fmt(model.scales)},
  weights: ${fmt(model.weights)},
  bias: ${model.bias},
};
`,
  );
  console.log(`wrote ${file}`);
}
if (process.argv.includes('--features')) {
  for (const key of [...new Set(rows.map((r) => r.set))]) {
    const rs = rows.filter((r) => r.set === key);
    console.log(`${key.padEnd(18)} ${FEATURE_NAMES.map((n, j) => `${n.slice(0, 8)} ${rocAuc(rs.map((r) => r.x[j]), rs.map((r) => r.y)).toFixed(2)}`).join(' ')}`);
  }
}
