/**
 * @module bench/lib/scorers
 * In-process baselines run beside unspun in every table (lexical overlap, n-gram
 * containment, an entity/number overlap check in the spirit of SummaC's NER-overlap), and
 * the sentence matcher the reuse tasks use. unspun's own consistency score lives in the product
 * (src/core/align/consistency.ts).
 */
import nlp from 'compromise';
import { contentStems, tokenize, isContentWord, stem } from '../../src/core/text/tokens.ts';
import type { CoreSentenceApi } from './core.ts';

/** F1 of the two bags of content-word stems: the classic lexical-overlap paraphrase baseline. */
export function lexicalOverlap(a: string, b: string): number {
  return bagF1(contentStems(a), contentStems(b));
}

export function bagF1(x: readonly string[], y: readonly string[]): number {
  if (x.length === 0 || y.length === 0) return x.length === y.length ? 1 : 0;
  const counts = new Map<string, number>();
  for (const s of x) counts.set(s, (counts.get(s) ?? 0) + 1);
  let common = 0;
  for (const s of y) {
    const c = counts.get(s) ?? 0;
    if (c > 0) {
      common++;
      counts.set(s, c - 1);
    }
  }
  const p = common / y.length;
  const r = common / x.length;
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** Word n-grams (lower-cased word tokens, all words kept). */
export function wordNgrams(text: string, n: number): string[] {
  const w = tokenize(text).map((t) => t.norm);
  const out: string[] = [];
  for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n).join(' '));
  return out;
}

/** Share of the derived text's word n-grams found in the source (Clough et al.'s containment). */
export function ngramContainment(derived: string, source: string | ReadonlySet<string>, n: number): number {
  const d = wordNgrams(derived, n);
  if (d.length === 0) return 0;
  const s = typeof source === 'string' ? new Set(wordNgrams(source, n)) : source;
  let hit = 0;
  for (const g of d) if (s.has(g)) hit++;
  return hit / d.length;
}

/**
 * Entity-and-number overlap: the share of the summary's named entities (compromise's people,
 * places, organisations) and numbers that also occur in the document (case-insensitive).
 * 1 when the summary names nothing. Like SummaC's NER-overlap baseline, not its exact code.
 */
export function entityOverlap(document: string, summary: string): number {
  const doc = ` ${document.toLowerCase().replace(/\s+/g, ' ')} `;
  const docTokens = new Set(tokenize(document).map((t) => t.norm));
  const doc_ = nlp(summary);
  const names = new Set<string>();
  for (const m of doc_.match('(#Person|#Place|#Organization)+').out('array') as string[]) {
    const clean = m.replace(/[^\p{L}\p{N}\s'.-]/gu, ' ').replace(/\s+/g, ' ').trim().toLowerCase();
    if (clean.length > 1) names.add(clean);
  }
  const numbers = new Set(tokenize(summary).filter((t) => t.numeric).map((t) => t.norm));
  const total = names.size + numbers.size;
  if (total === 0) return 1;
  let found = 0;
  for (const n of names) if (doc.includes(n)) found++;
  for (const n of numbers) if (docTokens.has(n)) found++;
  return found / total;
}

/** Top-k document sentences for a query sentence by content-stem overlap (cheap pre-filter). */
function topCandidates(query: readonly string[], docs: readonly (readonly string[])[], k: number): number[] {
  const q = new Set(query);
  const scored = docs.map((d, i) => {
    let hit = 0;
    for (const s of d) if (q.has(s)) hit++;
    return { i, score: d.length === 0 ? 0 : hit / Math.sqrt(d.length) };
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  return scored.slice(0, k).map((x) => x.i);
}

export interface SentenceMatch {
  /** Best unspun similarity of the sentence to any source sentence (or adjacent pair). */
  similarity: number;
  /** Index of the best source sentence (the first of a pair). */
  sourceIndex: number;
  /** True when the best match was two adjacent source sentences merged. */
  merged: boolean;
}

/**
 * Matches each sentence of `derived` to its closest sentence (or pair of adjacent sentences)
 * of `sourceSentences` with unspun's similarity, after a lexical pre-filter that keeps the
 * `candidates` most overlapping source sentences (order-free, so reordering is allowed).
 */
export function matchSentences(
  api: CoreSentenceApi,
  derivedSentences: readonly string[],
  sourceSentences: readonly string[],
  candidates = 6,
): SentenceMatch[] {
  const srcStems = sourceSentences.map((s) => contentStems(s));
  // With the feature form, each source sentence is analysed once, not once per comparison.
  const fx = api.features && api.featureSimilarity ? { f: api.features, sim: api.featureSimilarity } : null;
  const srcFeat = new Map<string, unknown>();
  const feat = (t: string) => {
    let v = srcFeat.get(t);
    if (v === undefined && fx) {
      v = fx.f(t);
      srcFeat.set(t, v);
    }
    return v;
  };
  return derivedSentences.map((d) => {
    const dStems = contentStems(d);
    let best: SentenceMatch = { similarity: 0, sourceIndex: -1, merged: false };
    if (sourceSentences.length === 0) return best;
    const dFeat = fx ? fx.f(d) : null;
    const sim = (t: string) => (fx ? fx.sim(dFeat, feat(t)) : api.similarity(d, t));
    const cands = topCandidates(dStems, srcStems, candidates);
    for (const i of cands) {
      const s = sim(sourceSentences[i]);
      if (s > best.similarity) best = { similarity: s, sourceIndex: i, merged: false };
    }
    // Many-to-one: a derived sentence that fuses two adjacent source sentences.
    for (const i of cands.slice(0, 2)) {
      for (const j of [i - 1, i]) {
        if (j < 0 || j + 1 >= sourceSentences.length) continue;
        const s = sim(`${sourceSentences[j]} ${sourceSentences[j + 1]}`);
        if (s > best.similarity) best = { similarity: s, sourceIndex: j, merged: true };
      }
    }
    return best;
  });
}

/** Content stems and numbers of `text` absent from the document: unsupported material. */
export function unsupportedShare(summary: string, documentStems: ReadonlySet<string>): { numbers: number; names: number; words: number } {
  let numbers = 0;
  let names = 0;
  let words = 0;
  let total = 0;
  const toks = tokenize(summary);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (!isContentWord(t.norm)) continue;
    total++;
    if (documentStems.has(stem(t.norm))) continue;
    if (t.numeric) numbers++;
    else if (t.capitalized && i > 0) names++;
    else words++;
  }
  return total === 0 ? { numbers: 0, names: 0, words: 0 } : { numbers, names, words: words / total };
}
