/**
 * @module core/index/fingerprint
 * MinHash signatures and LSH band keys of a text, for finding near-copies (spun rewrites)
 * in the store without comparing against every article.
 *
 * Definition (stable; stored keys depend on it, see FINGERPRINT_VERSION):
 * 1. Words are maximal runs of letters and digits (\p{L}, \p{N}) of the NFKC-normalised,
 *    lower-cased text ("don't" is "don" + "t"; "3.5" is "3" + "5"). Stop words are kept:
 *    spinners mostly swap content words, so function words help keep shingles alive. This is
 *    cheaper than core/text tokenize() (one regex pass, no per-word objects: ~5x faster on
 *    the corpus) and only has to agree with itself.
 * 2. Each word is hashed (FNV-1a 32) and every run of SHINGLE_WORDS consecutive words is
 *    combined into a 32-bit shingle hash; the set of distinct shingle hashes is the document.
 *    A text with fewer words than SHINGLE_WORDS is one shingle of all its words.
 * 3. Signature slot i is the minimum over shingles of fmix32(imul(h, A_i) + B_i), with
 *    (A_i, B_i) drawn from a seeded generator (MINHASH_SEED), as unsigned 32-bit ints.
 * 4. Band b covers slots [b*LSH_ROWS, (b+1)*LSH_ROWS); its key is a 32-bit hash of b and its
 *    rows, returned as a non-negative integer (fits SQLite INTEGER and PostgreSQL BIGINT).
 */
import { LSH_BANDS, LSH_ROWS, MINHASH_K, MINHASH_SEED, SHINGLE_WORDS } from './settings.ts';

/** MurmurHash3's 32-bit finaliser: a fast, well-mixing bijection on 32-bit ints. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32: a tiny deterministic generator for the permutation parameters. */
function makeParams(seed: number, n: number): { a: Uint32Array; b: Uint32Array } {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    return fmix32(state);
  };
  const a = new Uint32Array(n);
  const b = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = next() | 1; // odd multipliers are bijective mod 2^32
    b[i] = next();
  }
  return { a, b };
}

const PARAMS = makeParams(MINHASH_SEED, MINHASH_K);

/** 32-bit hashes of every word shingle of a text, in order, repeats included. */
function allShingles(text: string): Uint32Array {
  const norm = (/[^\x00-\x7f]/.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  const words: number[] = [];
  const re = /[\p{L}\p{N}]+/gu;
  for (let m = re.exec(norm); m; m = re.exec(norm)) words.push(fnv1a(m[0]));
  if (words.length === 0) return new Uint32Array(0);
  const n = Math.max(1, words.length - SHINGLE_WORDS + 1);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x9747b28c;
    const end = Math.min(words.length, i + SHINGLE_WORDS);
    for (let j = i; j < end; j++) h = fmix32(Math.imul(h ^ words[j], 0x01000193) + j - i);
    out[i] = h;
  }
  return out;
}

/** Distinct 32-bit hashes of the word shingles of a text (the set MinHash estimates Jaccard on). */
export function shingleHashes(text: string): Uint32Array {
  return Uint32Array.from(new Set(allShingles(text)));
}

/** MinHash signature (MINHASH_K unsigned 32-bit minima). All slots are 0xffffffff for an empty text. */
export function minhashSignature(text: string): Uint32Array {
  const sig = new Uint32Array(MINHASH_K).fill(0xffffffff);
  const { a, b } = PARAMS;
  // Repeats cannot change a minimum, so the set is not built here (saves a third of the time).
  const shingles = allShingles(text);
  for (let j = 0; j < shingles.length; j++) {
    const h = shingles[j];
    for (let i = 0; i < MINHASH_K; i++) {
      // fmix32 inlined: this loop is most of the indexing time.
      let v = (Math.imul(h, a[i]) + b[i]) | 0;
      v ^= v >>> 16;
      v = Math.imul(v, 0x85ebca6b);
      v ^= v >>> 13;
      v = Math.imul(v, 0xc2b2ae35);
      v = (v ^ (v >>> 16)) >>> 0;
      if (v < sig[i]) sig[i] = v;
    }
  }
  return sig;
}

/** LSH band keys of a signature (LSH_BANDS non-negative 32-bit integers). */
export function bandsFromSignature(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < LSH_BANDS; band++) {
    let h = fmix32(band + 0x68e31da4);
    for (let r = 0; r < LSH_ROWS; r++) h = fmix32(Math.imul(h ^ sig[band * LSH_ROWS + r], 0x27d4eb2f));
    keys.push(h);
  }
  return keys;
}

/**
 * LSH band keys of a text: two texts share at least one key with probability
 * 1 - (1 - J^4)^32 for word-3-shingle Jaccard J. Empty (no words) gives [].
 */
export function fingerprintBands(text: string): number[] {
  const sig = minhashSignature(text);
  if (sig[0] === 0xffffffff && sig.every((v) => v === 0xffffffff)) return [];
  return bandsFromSignature(sig);
}

/** Estimated Jaccard similarity of the shingle sets behind two signatures (share of equal slots). */
export function estimateJaccard(sigA: Uint32Array, sigB: Uint32Array): number {
  if (sigA.length !== sigB.length) throw new RangeError('signatures differ in length');
  let same = 0;
  for (let i = 0; i < sigA.length; i++) if (sigA[i] === sigB[i]) same++;
  return sigA.length === 0 ? 0 : same / sigA.length;
}
