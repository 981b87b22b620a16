/**
 * @module adapters/store-sqlite/key-tally
 * A running sum per integer key (phrase keys, term hashes: safe integers up to 2^53) for the
 * writer's per-transaction statistics, in typed arrays with open addressing. A Map keyed by
 * numbers this large boxes every key and was the writer's largest JavaScript cost (about a
 * thousand phrase keys per article); this keeps keys and sums unboxed. Each key may also carry
 * a list of (day, article) postings, so the term writer groups postings by term without
 * sorting a triple per posting.
 */

const EMPTY = Number.NaN;

export class KeyTally {
  private keys: Float64Array;
  private sums: Float64Array;
  /** First posting of each slot (index into postDay/postArticle/postNext), -1 for none. */
  private heads: Int32Array;
  private mask: number;
  private used = 0;
  private postDay: number[] = [];
  private postArticle: number[] = [];
  private postNext: number[] = [];

  constructor(capacity = 1 << 12) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size).fill(EMPTY);
    this.sums = new Float64Array(size);
    this.heads = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  get size(): number {
    return this.used;
  }

  /** The slot of `key`, claimed when new. */
  private slot(key: number): number {
    // Mixes both 32-bit halves: phrase keys differ mostly in their high bits.
    const lo = key >>> 0;
    const hi = Math.floor(key / 4294967296) | 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 15;
    let i = h & this.mask;
    const keys = this.keys;
    for (;;) {
      const k = keys[i];
      if (k === key) return i;
      if (k !== k) {
        if ((this.used + 1) * 2 > keys.length) {
          this.grow();
          return this.slot(key);
        }
        keys[i] = key;
        this.used++;
        return i;
      }
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const { keys, sums, heads } = this;
    const size = keys.length * 2;
    this.keys = new Float64Array(size).fill(EMPTY);
    this.sums = new Float64Array(size);
    this.heads = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    this.used = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (k !== k) continue;
      const j = this.slot(k);
      this.sums[j] = sums[i];
      this.heads[j] = heads[i];
    }
  }

  add(key: number, n: number): void {
    // The slot first: claiming it may grow (replace) the arrays.
    const s = this.slot(key);
    this.sums[s] += n;
  }

  /** Records a posting of `key` (and makes sure the key is present, with whatever sum it has). */
  post(key: number, day: number, article: number): void {
    const s = this.slot(key);
    this.postDay.push(day);
    this.postArticle.push(article);
    this.postNext.push(this.heads[s]);
    this.heads[s] = this.postDay.length - 1;
  }

  /** Calls `visit` for each key in ascending order with its sum and its postings sorted by (day, article). */
  forEachSorted(visit: (key: number, sum: number, postings: [number, number][]) => void): void {
    const sorted = new Float64Array(this.used);
    let n = 0;
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] === this.keys[i]) sorted[n++] = this.keys[i];
    sorted.sort();
    const none: [number, number][] = [];
    for (let i = 0; i < sorted.length; i++) {
      const s = this.slot(sorted[i]);
      let postings = none;
      if (this.heads[s] >= 0) {
        postings = [];
        for (let p = this.heads[s]; p >= 0; p = this.postNext[p]) postings.push([this.postDay[p], this.postArticle[p]]);
        if (postings.length > 1) postings.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      }
      visit(sorted[i], this.sums[s], postings);
    }
  }
}
