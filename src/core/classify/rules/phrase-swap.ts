/**
 * @module core/classify/phrase-swap
 * Spun phrases found with a phrase model (core/phrases/model.ts), from the article alone: a
 * two-word phrase that real news (almost) never writes, while the same phrase with one word
 * replaced by a WordNet synonym of it, or by a word one letter away, is common there
 * ("hearth fighters" ~0 times, "fire fighters" often). That is what a spinner leaves when it
 * swaps words of a fixed expression one by one. The expected phrase and both counts are the
 * evidence.
 *
 * A rare phrase alone proves nothing (news is full of fresh word pairs), so three things must
 * hold: the variant is common (PHRASE_COMMON_MIN), far more common than the written phrase
 * (PHRASE_RATIO), and the swapped-in word is no rarer a partner for the kept word than the
 * written one is in general (the conditional test below), which keeps a writer's unusual but
 * deliberate choice ("a sizzling summer" beside "a hot summer") from firing.
 */
import { getWordNet, IRREGULAR } from '../../nlp/wordnet.ts';
import { STOPWORDS } from '../../text/tokens.ts';
import { phraseWords, type PhraseWord } from '../../phrases/ngrams.ts';
import type { PhraseModel } from '../../phrases/model.ts';
import { PHRASE_MAX_SENSES, PHRASE_MIN_WORD_COUNT, type PhraseThresholds } from '../settings.ts';

export interface PhraseSwapHit {
  start: number;
  end: number;
  text: string;
  /** The common phrase it most likely stood for. */
  expected: string;
  writtenCount: number;
  expectedCount: number;
  /** How the expected word relates to the written one. */
  relation: 'synonym' | 'spelling';
}

const IRREGULAR_BY_BASE = new Map<string, string[]>();
for (const [form, base] of Object.entries(IRREGULAR)) (IRREGULAR_BY_BASE.get(base) ?? IRREGULAR_BY_BASE.set(base, []).get(base)!).push(form);

export type Inflection = 'base' | 's' | 'ed' | 'ing' | 'er' | 'est' | 'ly';

/** How a word is inflected from its base form (a rough class; the model picks the real form). */
export function inflectionOf(word: string, base: string): Inflection {
  if (word === base) return 'base';
  if (IRREGULAR[word] === base) return ['was', 'were', 'did', 'had'].includes(word) || /[^s]ed$|t$|ew$|ught$|ode$|ook$|ame$|ore$|ole$|ave$/.test(word) ? 'ed' : 's';
  if (word.endsWith('ing')) return 'ing';
  if (word.endsWith('ed')) return 'ed';
  if (word.endsWith('est')) return 'est';
  if (word.endsWith('er')) return 'er';
  if (word.endsWith('ly')) return 'ly';
  if (word.endsWith('s')) return 's';
  return 'base';
}

/** Candidate spellings of `base` in the given inflection (most do not exist; the model decides). */
export function inflect(base: string, inf: Inflection): string[] {
  const irregular = IRREGULAR_BY_BASE.get(base) ?? [];
  const stemE = base.endsWith('e') ? base.slice(0, -1) : base;
  const doubled = /[^aeiou][aeiou][bdgklmnprt]$/.test(base) ? base + base.slice(-1) : base;
  switch (inf) {
    case 'base': return [base];
    case 's': return [base + 's', base + 'es', base.replace(/y$/, 'ies'), ...irregular];
    case 'ed': return [stemE + 'ed', doubled + 'ed', base.replace(/y$/, 'ied'), ...irregular];
    case 'ing': return [stemE + 'ing', doubled + 'ing', base + 'ing'];
    case 'er': return [stemE + 'er', doubled + 'er', base.replace(/y$/, 'ier')];
    case 'est': return [stemE + 'est', doubled + 'est', base.replace(/y$/, 'iest')];
    case 'ly': return [base + 'ly', base.replace(/y$/, 'ily'), base.replace(/le$/, 'ly')];
  }
}

/** Single-word WordNet synonyms of a word, in the word's own inflection, as the model spells them. */
const synonymCache = new WeakMap<PhraseModel, Map<string, string[]>>();

export function synonyms(word: string, model: PhraseModel, pointers: readonly string[]): string[] {
  let cache = synonymCache.get(model);
  if (!cache) synonymCache.set(model, (cache = new Map()));
  const key = `${pointers.join('')}:${word}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const found = findSynonyms(word, model, pointers);
  if (cache.size > 50_000) cache.clear();
  cache.set(key, found);
  return found;
}

function findSynonyms(word: string, model: PhraseModel, pointers: readonly string[]): string[] {
  const wn = getWordNet();
  const out = new Set<string>();
  for (const base of wn.baseForms(word)) {
    const inf = inflectionOf(word, base);
    for (const lemma of wn.synonymLemmas(base, PHRASE_MAX_SENSES, pointers)) {
      let best = '';
      let bestN = 0;
      for (const form of inflect(lemma, inf)) {
        const n = model.count(form);
        if (n > bestN) [best, bestN] = [form, n];
      }
      if (best && best !== word) out.add(best);
    }
  }
  return [...out];
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Words one edit from `word` that real news uses at least PHRASE_MIN_WORD_COUNT times. */
export function nearSpellings(word: string, model: PhraseModel): string[] {
  const out = new Set<string>();
  const add = (w: string) => {
    if (w !== word && w.length >= 3 && model.count(w) >= PHRASE_MIN_WORD_COUNT) out.add(w);
  };
  for (let i = 0; i <= word.length; i++) {
    if (i < word.length) add(word.slice(0, i) + word.slice(i + 1));
    if (i < word.length - 1) add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    for (const c of LETTERS) {
      add(word.slice(0, i) + c + word.slice(i));
      if (i < word.length) add(word.slice(0, i) + c + word.slice(i + 1));
    }
  }
  return [...out];
}

/** A word that may be swapped: lower case in the text, letters only, not a function word. */
function swappable(text: string, w: PhraseWord): boolean {
  return w.norm.length >= 3 && /^[a-z]+$/.test(text.slice(w.start, w.end)) && !STOPWORDS.has(w.norm);
}

/**
 * How fixed the expected phrase is: the larger of P(kept | variant) and P(variant | kept). A
 * spinner breaks collocations ("raw materials", "in turn", "the Bank said"); two frequent words
 * that merely co-occur ("government company") are no collocation to break.
 */
function fixedness(model: PhraseModel, variant: string, kept: string, variantCount: number): number {
  return variantCount / Math.max(1, Math.min(model.count(variant), model.count(kept)));
}

/** Spun two-word phrases in one text (a sentence), with offsets into it. */
export function findPhraseSwaps(text: string, model: PhraseModel, t: PhraseThresholds): PhraseSwapHit[] {
  const words = phraseWords(text);
  const hits: PhraseSwapHit[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i];
    const b = words[i + 1];
    if (a.run !== b.run) continue;
    // A function word goes with almost anything, so a pair with one says little either way.
    if (t.contentOnly && (STOPWORDS.has(a.norm) || STOPWORDS.has(b.norm))) continue;
    const canA = swappable(text, a);
    const canB = swappable(text, b);
    if (!canA && !canB) continue;
    // Both words must be words news uses: garbles and names are other checks' business.
    if (model.count(a.norm) < PHRASE_MIN_WORD_COUNT || model.count(b.norm) < PHRASE_MIN_WORD_COUNT) continue;
    const written = model.count(`${a.norm} ${b.norm}`);
    if (written > t.rareMax) continue;
    let best: { expected: string; n: number; relation: 'synonym' | 'spelling' } | null = null;
    const prev = i > 0 && words[i - 1].run === a.run ? words[i - 1].norm : null;
    const next = i + 2 < words.length && words[i + 2].run === a.run ? words[i + 2].norm : null;
    const consider = (variant: string, kept: string, phrase: string, relation: 'synonym' | 'spelling') => {
      const n = model.count(phrase);
      if (n < t.commonMin || n < t.ratio * (written + 1)) return;
      if (fixedness(model, variant, kept, n) < t.fixedMin) return;
      // The expected phrase must also fit the words around it: news writes it with the same
      // neighbour ("prices of raw materials"), which a merely plausible variant seldom does.
      if (t.contextMin > 0) {
        const ctx = Math.max(prev ? model.count(`${prev} ${phrase}`) : 0, next ? model.count(`${phrase} ${next}`) : 0);
        if (ctx < t.contextMin) return;
      }
      if (!best || n > best.n) best = { expected: phrase, n, relation };
    };
    if (canA) {
      for (const v of synonyms(a.norm, model, t.pointers)) consider(v, b.norm, `${v} ${b.norm}`, 'synonym');
    }
    if (canB) {
      for (const v of synonyms(b.norm, model, t.pointers)) consider(v, a.norm, `${a.norm} ${v}`, 'synonym');
    }
    const found = best as { expected: string; n: number; relation: 'synonym' | 'spelling' } | null;
    if (!found) continue;
    hits.push({ start: a.start, end: b.end, text: text.slice(a.start, b.end), expected: found.expected, writtenCount: written, expectedCount: found.n, relation: found.relation });
    i++; // the next pair shares a word with this one
  }
  void nearSpellings;
  return hits;
}

// ---------------------------------------------------------------- word-level evidence

/** A word that may stand where a spinner swapped out a synonym, with the evidence. */
export interface SwapCandidate {
  /** Offsets of the swapped word and of the phrase shown as evidence (the word with its neighbours). */
  start: number;
  end: number;
  phraseStart: number;
  phraseEnd: number;
  written: string;
  expected: string;
  /** The phrase as written and as expected, lower case (the word with the neighbour(s) that tell). */
  writtenPhrase: string;
  expectedPhrase: string;
  writtenCount: number;
  expectedCount: number;
  relation: 'synonym' | 'spelling';
  /** log likelihood ratio: the expected word swapped by a spinner, against the writer's own choice. */
  score: number;
}

export interface SwapScoring {
  /** Unigram total of the counted news. */
  words: number;
  /** Interpolation weight of the unigram in P(b | a) (pseudo-counts). */
  smoothing: number;
  /** WordNet pointers followed besides the word's own synsets. */
  pointers: readonly string[];
  /** Scores below this are only bounded from above (not refined): no finding reads them. */
  floor: number;
}

const SYNONYM_COUNTS = new Map<string, number>();

/**
 * How many single-word synonyms a word has (what a spinner chooses among when it swaps it):
 * WordNet lemmas of its top senses, without the phrase model (so cached once per process).
 */
function synonymCount(word: string, s: SwapScoring): number {
  const key = `${s.pointers.join('')}:${word}`;
  let n = SYNONYM_COUNTS.get(key);
  if (n !== undefined) return n;
  const wn = getWordNet();
  const lemmas = new Set<string>();
  for (const base of wn.baseForms(word)) for (const lemma of wn.synonymLemmas(base, PHRASE_MAX_SENSES, s.pointers)) lemmas.add(lemma);
  n = Math.max(1, lemmas.size);
  if (SYNONYM_COUNTS.size > 50_000) SYNONYM_COUNTS.clear();
  SYNONYM_COUNTS.set(key, n);
  return n;
}

/**
 * For each content word of a text, the strongest case that a spinner put it there in place of
 * a synonym: log [P(left y) P(y right) / c(y) / |synonyms(y)|] - log [P(left x) P(x right) / c(x)]
 * under a bigram model of real news smoothed with the unigram, where x is the word written and y
 * the synonym. A spinner picks among a word's synonyms blind to how common they are; a writer
 * picks the word that fits. Pruned pairs (seen under the table's minimum) count as 1.
 */
export function wordSwapCandidates(text: string, model: PhraseModel, s: SwapScoring): SwapCandidate[] {
  const words = phraseWords(text);
  const out: SwapCandidate[] = [];
  const lp = (pair: number, first: number, second: number) => Math.log((Math.max(pair, 0) + s.smoothing * (second / s.words)) / (first + s.smoothing));
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!swappable(text, w)) continue;
    const cx = model.count(w.norm);
    if (cx < PHRASE_MIN_WORD_COUNT) continue;
    const left = i > 0 && words[i - 1].run === w.run ? words[i - 1] : null;
    const right = i + 1 < words.length && words[i + 1].run === w.run ? words[i + 1] : null;
    if (!left && !right) continue;
    const cl = left ? model.count(left.norm) : 0;
    const cr = right ? model.count(right.norm) : 0;
    if ((left && cl < PHRASE_MIN_WORD_COUNT) || (right && cr < PHRASE_MIN_WORD_COUNT)) continue;
    const floor = (n: number) => (n === 0 ? 1 : n);
    const lx = left ? floor(model.count(`${left.norm} ${w.norm}`)) : 0;
    const xr = right ? floor(model.count(`${w.norm} ${right.norm}`)) : 0;
    // log P(x | left) + log P(right | x)
    const written = (left ? lp(lx, cl, cx) : 0) + (right ? lp(xr, cx, cr) : 0);
    let best: SwapCandidate | null = null;
    for (const y of synonyms(w.norm, model, s.pointers)) {
      // "be", "have", "do" fit anywhere: standing in for one explains nothing.
      if (STOPWORDS.has(y)) continue;
      const cy = model.count(y);
      const ly = left ? model.count(`${left.norm} ${y}`) : 0;
      const yr = right ? model.count(`${y} ${right.norm}`) : 0;
      const bound = (left ? lp(ly, cl, cy) : 0) + (right ? lp(yr, cy, cr) : 0) + Math.log(cy / cx) - written;
      if (best && bound <= best.score) continue;
      // The synonym count costs WordNet look-ups: only asked when the score could matter.
      const score = bound < s.floor ? bound : bound - Math.log(synonymCount(y, s));
      if (best && score <= best.score) continue;
      const useLeft = left && (!right || ly / Math.max(1, lx) >= yr / Math.max(1, xr));
      const nb = useLeft ? left! : right!;
      best = {
        start: w.start, end: w.end, phraseStart: Math.min(nb.start, w.start), phraseEnd: Math.max(nb.end, w.end),
        written: w.norm, expected: y,
        writtenPhrase: useLeft ? `${nb.norm} ${w.norm}` : `${w.norm} ${nb.norm}`,
        expectedPhrase: useLeft ? `${nb.norm} ${y}` : `${y} ${nb.norm}`,
        writtenCount: useLeft ? (lx === 1 ? 0 : lx) : (xr === 1 ? 0 : xr), expectedCount: useLeft ? ly : yr,
        relation: 'synonym', score,
      };
    }
    if (best) out.push(best);
  }
  return out;
}
