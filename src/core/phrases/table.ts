/**
 * @module core/phrases/table
 * A compact, read-only table of phrase counts: hashed n-grams (core/phrases/ngrams.ts) to
 * how often they occur in a corpus. No text is stored, only hashes and counts, and it is
 * read without parsing: typed-array views over one buffer.
 *
 * Layout (little-endian):
 *   0   8 bytes  magic "UNSPPT01"
 *   8   u32      PHRASE_KEY_VERSION the keys were made with
 *   12  u32      entries
 *   16  u32      articles counted
 *   20  u32      words counted (unigram total), in thousands
 *   24  u32      smallest count kept (rarer n-grams were pruned, and read as 0)
 *   28  u32      reserved (0)
 *   32  u32[65537] bucket starts: entries whose h1 has top 16 bits b lie in [start[b], start[b+1])
 *   ..  u32[entries] (low 16 bits of h1) << 16 | (top 8 bits of h2) << 8 | count code,
 *                    sorted within each bucket
 *
 * 40 bits of each key are kept: an unseen phrase collides with a kept one with probability
 * entries / 2^40 (under 1e-6 for a few million entries). Counts up to 63 are exact; above,
 * the code steps by 4% (see encodeCount).
 */
import { PHRASE_HASH_BASIS_1, PHRASE_HASH_BASIS_2, PHRASE_KEY_VERSION } from './ngrams.ts';

const MAGIC = 'UNSPPT01';
const HEADER = 32;
const BUCKETS = 65536;

export interface PhraseTable {
  /** Times the phrase (lower-case words, single spaces) occurs; 0 when unseen or pruned. */
  count(phrase: string): number;
  readonly entries: number;
  readonly articles: number;
  /** Unigram total. */
  readonly words: number;
  /** Counts below this were pruned (read as 0). */
  readonly minCount: number;
}

/** One byte for a count: exact to 63, then 4% steps (capped near 115,000). */
export function encodeCount(n: number): number {
  if (n < 64) return n;
  return Math.min(255, 64 + Math.floor(Math.log(n / 64) / Math.log(1.04)));
}

export function decodeCount(code: number): number {
  return code < 64 ? code : Math.round(64 * 1.04 ** (code - 64));
}

/** Builds the table bytes from phrase hashes and counts (the build script's last step). */
export function encodePhraseTable(
  items: { h1: Uint32Array; h2: Uint32Array; count: Uint32Array; length: number },
  meta: { articles: number; words: number; minCount: number },
): Uint8Array {
  const n = items.length;
  const order = new Uint32Array(n);
  const packed = new Uint32Array(n);
  const bucketOf = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    order[i] = i;
    bucketOf[i] = items.h1[i] >>> 16;
    packed[i] = ((((items.h1[i] & 0xffff) << 16) | ((items.h2[i] >>> 24) << 8) | encodeCount(items.count[i])) >>> 0);
  }
  order.sort((a, b) => bucketOf[a] - bucketOf[b] || packed[a] - packed[b]);
  const buf = new ArrayBuffer(HEADER + 4 * (BUCKETS + 1) + 4 * n);
  const bytes = new Uint8Array(buf);
  for (let i = 0; i < MAGIC.length; i++) bytes[i] = MAGIC.charCodeAt(i);
  const head = new DataView(buf);
  head.setUint32(8, PHRASE_KEY_VERSION, true);
  head.setUint32(12, n, true);
  head.setUint32(16, meta.articles, true);
  head.setUint32(20, Math.round(meta.words / 1000), true);
  head.setUint32(24, meta.minCount, true);
  const starts = new Uint32Array(buf, HEADER, BUCKETS + 1);
  const entries = new Uint32Array(buf, HEADER + 4 * (BUCKETS + 1), n);
  let b = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    while (b <= bucketOf[i]) starts[b++] = k;
    entries[k] = packed[i];
  }
  while (b <= BUCKETS) starts[b++] = n;
  return bytes;
}

/** Reads table bytes (no copy when the buffer is 4-byte aligned). Throws on a foreign or stale file. */
export function decodePhraseTable(bytes: Uint8Array, name = 'phrase table'): PhraseTable {
  const magic = String.fromCharCode(...bytes.subarray(0, 8));
  if (bytes.length < HEADER + 4 * (BUCKETS + 1) || magic !== MAGIC) throw new Error(`${name}: not an unspun phrase table`);
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const head = new DataView(aligned.buffer, aligned.byteOffset, HEADER);
  const version = head.getUint32(8, true);
  if (version !== PHRASE_KEY_VERSION) throw new Error(`${name}: made with phrase keys version ${version}, this build uses ${PHRASE_KEY_VERSION}; rebuild it`);
  const n = head.getUint32(12, true);
  if (aligned.length !== HEADER + 4 * (BUCKETS + 1) + 4 * n) throw new Error(`${name}: truncated (${aligned.length} bytes for ${n} entries)`);
  const starts = new Uint32Array(aligned.buffer, aligned.byteOffset + HEADER, BUCKETS + 1);
  const entries = new Uint32Array(aligned.buffer, aligned.byteOffset + HEADER + 4 * (BUCKETS + 1), n);
  return {
    entries: n,
    articles: head.getUint32(16, true),
    words: head.getUint32(20, true) * 1000,
    minCount: head.getUint32(24, true),
    // Both hashes in one pass and a binary search of one small bucket (~20 entries): cheaper
    // than remembering answers, which cost a string hash and a map entry each.
    count(phrase: string): number {
      let h1 = PHRASE_HASH_BASIS_1;
      let h2 = PHRASE_HASH_BASIS_2;
      for (let i = 0; i < phrase.length; i++) {
        const c = phrase.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x01000193);
      }
      h1 >>>= 0;
      h2 >>>= 0;
      const want = (((h1 & 0xffff) << 8) | (h2 >>> 24)) >>> 0;
      let lo = starts[h1 >>> 16];
      let hi = starts[(h1 >>> 16) + 1];
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const v = entries[mid] >>> 8;
        if (v === want) return decodeCount(entries[mid] & 0xff);
        if (v < want) lo = mid + 1;
        else hi = mid;
      }
      return 0;
    },
  };
}
