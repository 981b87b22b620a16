/**
 * @module core/nlp/string-table
 * A set of strings kept as one string pool, an offsets array and an open-addressing hash
 * table, all flat typed arrays: it can be written to a file and read back without creating an
 * object per string, so looking up one word costs a hash and a compare, not a load of the
 * whole vocabulary into a Map. Used by the compact WordNet (core/nlp/wordnet-compact.ts).
 */

/** FNV-1a over UTF-16 code units (the same on the writing and the reading side). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface StringTableParts {
  /** Every string, concatenated. */
  pool: string;
  /** starts[i] .. starts[i + 1] is string i in the pool. */
  starts: Uint32Array;
  /** Hash slots holding string id + 1 (0 = empty); a power of two long. */
  slots: Uint32Array;
}

/** Builds the parts for a list of distinct strings; string i keeps id i. */
export function buildStringTable(strings: readonly string[]): StringTableParts {
  const starts = new Uint32Array(strings.length + 1);
  let at = 0;
  for (let i = 0; i < strings.length; i++) {
    starts[i] = at;
    at += strings[i].length;
  }
  starts[strings.length] = at;
  // Load factor at most one half keeps probe runs short.
  let size = 1;
  while (size < strings.length * 2) size <<= 1;
  const slots = new Uint32Array(size);
  const mask = size - 1;
  for (let i = 0; i < strings.length; i++) {
    let slot = hashString(strings[i]) & mask;
    while (slots[slot] !== 0) slot = (slot + 1) & mask;
    slots[slot] = i + 1;
  }
  return { pool: strings.join(''), starts, slots };
}

/** Read side: id of a string, and the string of an id (made once, on first use). */
export class StringTable {
  readonly size: number;
  private readonly mask: number;
  private readonly made: (string | undefined)[];

  constructor(private readonly parts: StringTableParts) {
    this.size = parts.starts.length - 1;
    this.mask = parts.slots.length - 1;
    this.made = new Array(this.size);
  }

  /** The id of `s`, or -1 when it is not in the table. */
  id(s: string): number {
    const { pool, starts, slots } = this.parts;
    let slot = hashString(s) & this.mask;
    for (;;) {
      const entry = slots[slot];
      if (entry === 0) return -1;
      const id = entry - 1;
      const start = starts[id];
      if (starts[id + 1] - start === s.length) {
        let i = 0;
        while (i < s.length && pool.charCodeAt(start + i) === s.charCodeAt(i)) i++;
        if (i === s.length) return id;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  at(id: number): string {
    let s = this.made[id];
    if (s === undefined) {
      s = this.parts.pool.slice(this.parts.starts[id], this.parts.starts[id + 1]);
      this.made[id] = s;
    }
    return s;
  }
}
