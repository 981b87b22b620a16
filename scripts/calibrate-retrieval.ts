/**
 * @module scripts/calibrate-retrieval
 * Fits the retrieve stage's confidence model (CONFIDENCE_WEIGHTS in
 * src/core/retrieve/settings.ts) on the METER **dev** split only, and prints the weights and
 * the dev numbers they give. Copy the printed weights into settings.ts by hand.
 *
 * Samples, per dev story, from its re-ranked candidates (PA texts + corpus distractors):
 * - derived story: positive = the best candidate of its own PA group (by sentence coverage);
 *   negative = its best candidate from outside the group (the one to beat);
 * - non-derived story: negatives = its best same-event PA text and its best other candidate.
 * The model is a ridge-regularised logistic regression fitted by Newton's method.
 *
 * Run: `npx tsx scripts/calibrate-retrieval.ts [--distractors N] [--store path]`
 * (`--store` keeps the built index between runs; it is rebuilt when missing).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../src/adapters/store-sqlite/index.ts';
import { confidenceFeatures, dot, logistic } from '../src/core/retrieve/confidence.ts';
import { rankCandidates, type RankedCandidate } from '../src/core/retrieve/index.ts';
import { CONFIDENCE_THRESHOLD } from '../src/core/retrieve/settings.ts';
import { indexArticles, loadDistractors, loadMeterRetrieval, meterReferenceArticles, suspectOf, type MeterStory } from '../bench/retrieval.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Solves A x = b for a small dense system (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c || m[c][c] === 0) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/** Ridge logistic regression (bias unpenalised) by Newton's method. */
export function fitLogistic(x: number[][], y: number[], ridge = 0.01, iterations = 50): number[] {
  const d = x[0].length;
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    x.forEach((xi, i) => {
      const p = logistic(dot(w, xi));
      const s = p * (1 - p);
      for (let a = 0; a < d; a++) {
        grad[a] += (p - y[i]) * xi[a];
        for (let b = 0; b < d; b++) hess[a][b] += s * xi[a] * xi[b];
      }
    });
    for (let a = 1; a < d; a++) {
      grad[a] += ridge * w[a];
      hess[a][a] += ridge;
    }
    const step = solve(hess, grad);
    w = w.map((v, i) => v - step[i]);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return w;
}

interface StoryRanking {
  story: MeterStory;
  candidates: RankedCandidate[];
}

/** Dev decisions with given weights: top-1 by score, claimed at or above the threshold. */
export function evaluate(rankings: readonly StoryRanking[], weights: readonly number[], threshold: number) {
  const tally = { wholly: [0, 0], partially: [0, 0], nonFound: [0, 0] };
  for (const { story, candidates } of rankings) {
    let best: RankedCandidate | null = null;
    let bestP = -1;
    for (const c of candidates) {
      const p = logistic(dot(weights, confidenceFeatures(c.features)));
      if (p > bestP) [best, bestP] = [c, p];
    }
    const claimed = best && bestP >= threshold ? best.article.id : null;
    const t = story.label === 'wholly_derived' ? tally.wholly : story.label === 'partially_derived' ? tally.partially : tally.nonFound;
    t[1]++;
    if (story.label === 'non_derived' ? claimed === null : claimed !== null && story.sourceIds.includes(claimed)) t[0]++;
  }
  const r = (t: number[]) => (t[1] ? t[0] / t[1] : 0);
  return { recallWholly: r(tally.wholly), recallPartially: r(tally.partially), noSource: r(tally.nonFound) };
}

async function main(): Promise<void> {
  const distractors = Number(arg('--distractors') ?? 20_000);
  const path = arg('--store') ?? join(tmpdir(), `unspun-calibrate-${distractors}.sqlite`);
  const fresh = !existsSync(path);
  const store = await openSqliteStore(path, { cacheMb: 256 });
  const { sources, stories } = loadMeterRetrieval();
  if (fresh) {
    process.stderr.write(`indexing 772 PA texts and ${distractors} distractors into ${path}\n`);
    await indexArticles(store, [...meterReferenceArticles(sources), ...loadDistractors(distractors)]);
  }
  const rankings: StoryRanking[] = [];
  for (const story of stories.filter((s) => s.split === 'dev')) {
    const { candidates } = await rankCandidates(store, suspectOf(story.text));
    rankings.push({ story, candidates });
  }
  await store.close();
  const dump = arg('--dump');
  if (dump) {
    const rows = rankings.map(({ story, candidates }) => ({
      label: story.label,
      sourceIds: story.sourceIds,
      candidates: candidates.map((c) => ({ id: c.article.id, features: c.features })),
    }));
    writeFileSync(dump, JSON.stringify(rows));
  }

  const x: number[][] = [];
  const y: number[] = [];
  const byCoverage = (a: RankedCandidate, b: RankedCandidate) =>
    b.features.softCoverage - a.features.softCoverage || b.features.termContainment - a.features.termContainment;
  for (const { story, candidates } of rankings) {
    const own = candidates.filter((c) => story.sourceIds.includes(c.article.id)).sort(byCoverage);
    const other = candidates.filter((c) => !story.sourceIds.includes(c.article.id)).sort(byCoverage);
    if (story.label === 'non_derived') {
      for (const c of [own[0], other[0]]) if (c) (x.push(confidenceFeatures(c.features)), y.push(0));
    } else {
      if (own[0]) (x.push(confidenceFeatures(own[0].features)), y.push(1));
      if (other[0]) (x.push(confidenceFeatures(other[0].features)), y.push(0));
    }
  }
  const weights = fitLogistic(x, y);
  const rounded = weights.map((w) => Number(w.toFixed(3)));
  console.log(`samples: ${y.filter((v) => v === 1).length} positive, ${y.filter((v) => v === 0).length} negative`);
  console.log(`CONFIDENCE_WEIGHTS = [${rounded.join(', ')}]`);
  for (const t of [0.3, 0.4, 0.5, 0.6, 0.7]) {
    const e = evaluate(rankings, rounded, t);
    const mark = t === CONFIDENCE_THRESHOLD ? ' (current threshold)' : '';
    console.log(
      `dev @${t}${mark}: recall@1 wholly ${(e.recallWholly * 100).toFixed(1)}%, partially ${(e.recallPartially * 100).toFixed(1)}%, ` +
        `no-source ${(e.noSource * 100).toFixed(1)}%`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
