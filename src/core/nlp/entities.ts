/**
 * @module core/nlp/entities
 * A fast finder for names (people, places, organisations, ships, nationalities): runs of
 * capitalised words, with sentence-initial common words filtered through WordNet. It is
 * ~100x faster than compromise and good enough to compare the names in two aligned
 * sentences, which is all classification needs. `sameEntity` decides when two renderings
 * name the same thing ("U.K." = "United Kingdom", "President Aliyev" = "Aliyev").
 */
import { tokenize, STOPWORDS, type Token } from '../text/tokens.ts';
import { getWordNet } from './wordnet.ts';

export interface EntityMention {
  text: string;
  start: number;
  end: number;
  /** Normalised words without titles or possessives, e.g. ["nikol", "pashinyan"]. */
  words: string[];
}

// Words allowed inside a name ("Bank of England", "Thomas de Waal", "Connect for Health Colorado").
const CONNECTORS = new Set(['of', 'for', 'de', 'del', 'della', 'da', 'van', 'von', 'der', 'al', 'bin', 'la', 'le', 'du', 'and']);
// Titles and roles: part of how a name is written, not of who it is.
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'dr', 'sir', 'dame', 'lord', 'lady', 'president', 'prime', 'minister', 'secretary',
  'general', 'gen', 'col', 'lt', 'capt', 'captain', 'sgt', 'chancellor', 'king', 'queen', 'prince', 'princess',
  'pope', 'senator', 'sen', 'rep', 'representative', 'gov', 'governor', 'judge', 'justice', 'chief', 'mayor',
  'foreign', 'defence', 'defense', 'interior', 'finance', 'deputy', 'vice', 'former', 'the', 'st', 'saint',
  'professor', 'prof', 'rev', 'reverend', 'spokesman', 'spokeswoman', 'spokesperson', 'ambassador', 'commander',
]);
// Equivalent names written from general knowledge; the first is the key.
const ALIAS_GROUPS = [
  ['united states', 'us', 'usa', 'america', 'united states of america'],
  ['united kingdom', 'uk', 'britain', 'great britain'],
  ['russia', 'russian federation'],
  ['netherlands', 'holland'],
  ['czechia', 'czech republic'],
  ['turkey', 'türkiye', 'turkiye'],
  ['myanmar', 'burma'],
  ['ukraine', 'the ukraine'],
];
const ALIAS = new Map<string, string>();
for (const group of ALIAS_GROUPS) for (const name of group) ALIAS.set(name, group[0]);

// Adjectives and people-nouns of places whose spelling does not follow the place name, so the
// stem rule in sameStemName cannot pair them ("American" = "US", "Dutch" = "Netherlands").
// Regular ones ("Armenian", "Chinese", "Ukrainian") are left to that rule. General knowledge.
const DEMONYM_GROUPS: [string, string[]][] = [
  ['united states', ['american', 'americans', 'us-based']],
  ['united kingdom', ['british', 'briton', 'britons', 'brit', 'brits']],
  ['france', ['french', 'frenchman', 'frenchwoman']],
  ['netherlands', ['dutch']],
  ['switzerland', ['swiss']],
  ['wales', ['welsh']],
  ['scotland', ['scottish', 'scot', 'scots']],
  ['ireland', ['irish']],
  ['england', ['english']],
  ['spain', ['spanish', 'spaniard', 'spaniards']],
  ['turkey', ['turkish', 'turk', 'turks']],
  ['poland', ['polish', 'pole', 'poles']],
  ['denmark', ['danish', 'dane', 'danes']],
  ['sweden', ['swedish', 'swede', 'swedes']],
  ['finland', ['finnish', 'finn', 'finns']],
  ['norway', ['norwegian', 'norwegians']],
  ['greece', ['greek', 'greeks']],
  ['thailand', ['thai', 'thais']],
  ['philippines', ['filipino', 'filipinos', 'philippine']],
  ['afghanistan', ['afghan', 'afghans']],
  ['saudi arabia', ['saudi', 'saudis']],
  ['israel', ['israeli', 'israelis']],
  ['iraq', ['iraqi', 'iraqis']],
  ['pakistan', ['pakistani', 'pakistanis']],
  ['yemen', ['yemeni', 'yemenis']],
  ['qatar', ['qatari', 'qataris']],
  ['kuwait', ['kuwaiti', 'kuwaitis']],
  ['oman', ['omani', 'omanis']],
  ['united arab emirates', ['emirati', 'emiratis', 'uae']],
  ['somalia', ['somali', 'somalis']],
  ['lebanon', ['lebanese']],
  ['sudan', ['sudanese']],
  ['vietnam', ['vietnamese']],
  ['portugal', ['portuguese']],
  ['japan', ['japanese']],
  ['china', ['chinese']],
  ['congo', ['congolese']],
  ['argentina', ['argentine', 'argentinian', 'argentinians']],
  ['peru', ['peruvian', 'peruvians']],
  ['belgium', ['belgian', 'belgians']],
  ['hungary', ['hungarian', 'hungarians']],
  ['croatia', ['croatian', 'croat', 'croats']],
  ['serbia', ['serbian', 'serb', 'serbs']],
  ['bangladesh', ['bangladeshi', 'bangladeshis']],
  ['new zealand', ['new zealander', 'new zealanders', 'kiwi', 'kiwis']],
  ['soviet union', ['soviet', 'soviets', 'ussr']],
  ['european union', ['eu']],
];
const DEMONYM = new Map<string, string>();
for (const [place, forms] of DEMONYM_GROUPS) for (const form of forms) DEMONYM.set(form, ALIAS.get(place) ?? place);

// Sentence openers that count or order things rather than name them ("Two Americans").
const NOT_QUALIFIERS = new Set([
  'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'dozens', 'hundreds', 'thousands',
  'millions', 'first', 'second', 'third', 'last', 'next', 'most', 'more', 'few', 'both', 'all', 'other', 'others',
  'some', 'any', 'no', 'only', 'even', 'also', 'still', 'yesterday', 'today', 'tomorrow', 'tonight', 'now', 'then',
  'when', 'after', 'before', 'if', 'as', 'while', 'since', 'because', 'but', 'and', 'so', 'yet', 'why', 'how',
  'what', 'who', 'where', 'which', 'that', 'this', 'these', 'those', 'there', 'here', 'it', 'its', 'their', 'his',
  'her', 'our', 'my', 'your', 'we', 'they', 'he', 'she', 'you', 'i', 'according', 'under', 'over', 'in', 'on', 'at',
  'for', 'with', 'from', 'by', 'to', 'of', 'about', 'against', 'during', 'until', 'unlike', 'like', 'dear',
]);

const SENTENCE_START_BEFORE = /(^|[.!?:;“"‘(\[—–-]\s*)$/;

// Months and weekdays are dates (compared by the date check), not names.
const CALENDAR = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'monday',
  'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);

// Capitalised at the start of a sentence or quote, yet never names (WordNet lacks most of them).
const FUNCTION_WORDS = new Set([
  'everything', 'everyone', 'everybody', 'something', 'someone', 'somebody', 'anything', 'anyone', 'anybody',
  'nothing', 'nobody', 'none', 'each', 'every', 'another', 'many', 'much', 'several', 'whatever', 'whoever',
  'however', 'although', 'though', 'unless', 'whether', 'meanwhile', 'moreover', 'furthermore', 'yes', 'ok',
  'having', 'being', 'despite', 'amid', 'among', 'within', 'without', 'towards', 'toward', 'across', 'along',
  'notwithstanding', 'instead', 'perhaps', 'thus', 'hence', 'therefore', 'indeed', 'yesterday', 'today',
]);

function isCommonWord(norm: string): boolean {
  if (STOPWORDS.has(norm) || FUNCTION_WORDS.has(norm)) return true;
  const wn = getWordNet();
  const bases = wn.baseForms(norm);
  return bases.length > 0 && !bases.every((b) => wn.isProperName(b));
}

/** Names in a text (a sentence or a few), in order, with exact spans. */
export function findEntities(text: string, tokens: readonly Token[] = tokenize(text)): EntityMention[] {
  if (tokens.length === 0) return [];
  const capShare = tokens.filter((t) => t.capitalized).length / tokens.length;
  // Headlines and all-caps text capitalise everything: trust only words WordNet does not know.
  const titleCase = capShare > 0.75 && tokens.length > 6;
  const isName = (t: Token): boolean => {
    // "COVID-19", "F-16" are names; "2023" is not.
    if (!t.capitalized || (t.numeric && !/\p{Lu}.*\p{Lu}|\p{Lu}\p{Ll}+-\d/u.test(t.text)) || /^X{2,}$/.test(t.text) || CALENDAR.has(t.norm.replace(/\.$/, ''))) return false;
    const norm = t.norm.replace(/'s$/, '');
    // Abbreviations in capitals are names even when they spell a function word ("U.S.", "US").
    if (/^(?:\p{Lu}\.){2,}$|^\p{Lu}{2,5}$/u.test(t.text) && !titleCase) return true;
    const initial = SENTENCE_START_BEFORE.test(text.slice(Math.max(0, t.start - 3), t.start));
    if (STOPWORDS.has(norm)) return false;
    if ((initial || titleCase) && isCommonWord(norm)) return false;
    return true;
  };
  // A capitalised common word opening a sentence belongs to the name it qualifies ("Southern
  // Command said", "Northern Ireland"); "Several Democrats" and "Two Americans" do not.
  const opensName = (k: number): boolean => {
    const t = tokens[k];
    const next = tokens[k + 1];
    if (!t.capitalized || t.numeric || titleCase || !next || !isName(next)) return false;
    if (!SENTENCE_START_BEFORE.test(text.slice(Math.max(0, t.start - 3), t.start))) return false;
    if (!/^[ \u00a0]$/.test(text.slice(t.end, next.start)) || SENTENCE_START_BEFORE.test(text.slice(Math.max(0, next.start - 3), next.start))) return false;
    return !STOPWORDS.has(t.norm) && !FUNCTION_WORDS.has(t.norm) && !NOT_QUALIFIERS.has(t.norm) && !CALENDAR.has(t.norm);
  };
  const out: EntityMention[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isName(tokens[i]) && !opensName(i)) { i++; continue; }
    let j = i;
    while (j + 1 < tokens.length) {
      const gap = text.slice(tokens[j].end, tokens[j + 1].start);
      if (!/^[ \u00a0]$/.test(gap)) break;
      if (isName(tokens[j + 1])) { j++; continue; }
      if (CONNECTORS.has(tokens[j + 1].norm) && j + 2 < tokens.length && isName(tokens[j + 2]) && /^[ \u00a0]$/.test(text.slice(tokens[j + 1].end, tokens[j + 2].start))) { j += 2; continue; }
      break;
    }
    const span = tokens.slice(i, j + 1);
    // "Sims-based": the name is "Sims"; a lower-case tail after a hyphen is not part of it.
    const nameWord = (t: Token) => t.norm.replace(/'s$/, '').replace(/-(?:[a-z]+)$/, (tail) => (/-\p{Ll}/u.test(t.text.slice(-tail.length)) ? '' : tail));
    const words = span.map(nameWord).filter((w) => !TITLES.has(w) && !CONNECTORS.has(w));
    const fullWords = span.map(nameWord);
    const keep = words.length > 0 ? words : fullWords;
    const last = span[span.length - 1];
    const end = /['’]s$/.test(last.text) ? last.end - 2 : last.end;
    out.push({ text: text.slice(span[0].start, end), start: span[0].start, end, words: keep });
    i = j + 1;
  }
  return out;
}

function aliasKey(words: string[]): string {
  const joined = words.join(' ');
  return ALIAS.get(joined) ?? DEMONYM.get(joined) ?? joined;
}

/**
 * Whether an upper-case short form is built from the leading letters of the words of a longer
 * name, in order: "SOUTHCOM" = "Southern Command", "Interpol" = "International Police",
 * "Ofcom" = "Office of Communications" (function words may be skipped). Plain initials are
 * the one-letter case.
 */
export function isCompoundAbbreviation(short: string, words: string[]): boolean {
  const abbr = short.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const parts = words.map((w) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')).filter(Boolean);
  if (abbr.length < 3 || parts.length < 2) return false;
  const memo = new Map<string, boolean>();
  const fits = (ai: number, wi: number): boolean => {
    if (ai === abbr.length) return parts.slice(wi).every((w) => CONNECTORS.has(w));
    if (wi === parts.length) return false;
    const key = `${ai}:${wi}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const word = parts[wi];
    let ok = CONNECTORS.has(word) && fits(ai, wi + 1);
    for (let k = 1; !ok && k <= word.length && ai + k <= abbr.length && abbr[ai + k - 1] === word[k - 1]; k++) ok = fits(ai + k, wi + 1);
    memo.set(key, ok);
    return ok;
  };
  return fits(0, 0);
}

function initials(words: string[]): string {
  return words.filter((w) => !CONNECTORS.has(w)).map((w) => w[0]).join('');
}

/** Demonym-style variants: "Armenia" / "Armenian" / "Armenians". */
function sameStemName(a: string, b: string): boolean {
  if (a === b) return true;
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  return s.length >= 5 && l.startsWith(s.slice(0, -1)) && l.length - s.length <= 3;
}

/** Whether two mentions name the same thing (subset of words, acronym, alias, demonym). */
export function sameEntity(a: EntityMention | string[], b: EntityMention | string[]): boolean {
  const wa = Array.isArray(a) ? a : a.words;
  const wb = Array.isArray(b) ? b : b.words;
  if (wa.length === 0 || wb.length === 0) return false;
  const ka = aliasKey(wa);
  const kb = aliasKey(wb);
  if (ka === kb) return true;
  if (wa.length === 1 && wb.length > 1 && wa[0] === initials(wb)) return true;
  if (wb.length === 1 && wa.length > 1 && wb[0] === initials(wa)) return true;
  if (wa.length === 1 && wb.length > 1 && isCompoundAbbreviation(wa[0], wb)) return true;
  if (wb.length === 1 && wa.length > 1 && isCompoundAbbreviation(wb[0], wa)) return true;
  if (wa.length === 1 && wb.length === 1) {
    const [x, y] = [wa[0], wb[0]];
    return sameStemName(x, y) || x.endsWith('-' + y) || y.endsWith('-' + x);
  }
  // "Hajiyev" = "Hikmet Hajiyev", "Titanic" = "RMS Titanic": a shorter form must keep the
  // head word exactly ("Russia" is not "London Russian").
  const [small, large] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (!small.every((w) => large.includes(w))) return false;
  return small.length > 1 || small[0] === large[large.length - 1] || small[0].length >= 4 && large.indexOf(small[0]) === 0;
}

/** Lower-case words of a mention as written, titles included, possessives dropped ("Canada's" -> "canada"). */
function writtenWords(m: EntityMention): string[] {
  return m.text.split(/[\s\u00a0]+/).map((w) => w.toLowerCase().replace(/['’]s$/, '').replace(/[^\p{L}\p{N}-]/gu, '')).filter(Boolean);
}

/** A place written as its name or as its adjective or people ("canada" / "canadian", "us" / "american"). */
function samePlaceWord(a: string, b: string): boolean {
  if (a === b || aliasKey([a]) === aliasKey([b])) return true;
  // The longer one must read as an adjective of a place: "Robertson" is not "Roberts" + "-on".
  const longer = a.length >= b.length ? a : b;
  return sameStemName(a, b) && /(?:an|ian|ean|ese|i|ish|ic)$/.test(longer);
}

/**
 * A name with the next word glued on by a scraper ("Smithsaid"): the longer mention is the
 * shorter one plus, run in, the word that follows the shorter one in its own text.
 */
export function gluedName(long: EntityMention, short: EntityMention, textAfterShort: string): boolean {
  const l = long.text.toLowerCase();
  const s = short.text.toLowerCase();
  if (!l.startsWith(s) || l.length - s.length < 2) return false;
  const rest = l.slice(s.length);
  const next = /^[\s\u00a0]+([\p{L}]+)/u.exec(textAfterShort.toLowerCase());
  return next !== null && next[1] === rest;
}

/**
 * A one-word name and a word WordNet lists as the same thing, where the one is the head of a
 * name the other is listed under ("F" is "degree Fahrenheit", "Persia" is "Iran").
 */
function wordNetAlias(a: string, b: string): boolean {
  const wn = getWordNet();
  const listed = (x: string, y: string) => wn.senses(x).some((id) => wn.lemmasOf(id).some((l) => l === y || l.split('_').at(-1) === y && l.split('_').length <= 3));
  return listed(a, b) || listed(b, a);
}

/** A name word without accents and punctuation ("Chrétien" -> "chretien", "O'Neill" -> "oneill"). */
const plainLetters = (w: string) => w.normalize('NFD').replace(/[^\p{L}\p{N}]/gu, '').toLowerCase();

/** Two words of a name that write the same name: equal but for accents, a place and its adjective, a WordNet alias. */
function sameNameWord(a: string, b: string): boolean {
  return plainLetters(a) === plainLetters(b) || samePlaceWord(a, b) || wordNetAlias(a, b);
}

/**
 * Drops, from each side, a capitalised abbreviation and the run of words on the other side it
 * abbreviates ("CFO" / "Chief Financial Officer"), so what is left can be compared word by word.
 */
function expandAbbreviations(a: string[], aText: string, b: string[]): [string[], string[]] {
  const caps = new Set(aText.split(/[\s\u00a0]+/).filter((w) => /^\p{Lu}{2,6}(?:['’]s)?$/u.test(w)).map((w) => w.toLowerCase().replace(/['’]s$/, '')));
  let left = a;
  let right = b;
  for (const abbr of caps) {
    if (!left.includes(abbr) || right.includes(abbr)) continue;
    let done = false;
    for (let i = 0; i < right.length && !done; i++) {
      for (let j = i + 2; j <= right.length && !done; j++) {
        const run = right.slice(i, j);
        if (initials(run) === abbr || isCompoundAbbreviation(abbr, run)) {
          left = left.filter((w) => w !== abbr);
          right = [...right.slice(0, i), ...right.slice(j)];
          done = true;
        }
      }
    }
  }
  return [left, right];
}

/**
 * Whether two mentions write the same name in another form, word by word in the same order:
 * a place as its adjective or possessive ("Canada's BlackBerry" / "Canadian BlackBerry", "US
 * President" / "American President"), a title spelled out or abbreviated ("CFO" / "Chief
 * Financial Officer"), a WordNet alias ("F" / "Fahrenheit"). The
 * order matters: a name put together otherwise ("the Canadian X Organization" / "the X
 * Organization of Canada") is another name, reported.
 */
export function sameNameWritten(a: EntityMention, b: EntityMention): boolean {
  const strip = (ws: string[]) => ws.filter((w) => !TITLES.has(w) && !CONNECTORS.has(w));
  let wa = writtenWords(a);
  let wb = writtenWords(b);
  [wa, wb] = expandAbbreviations(wa, a.text, wb);
  [wb, wa] = expandAbbreviations(wb, b.text, wa);
  wa = strip(wa);
  wb = strip(wb);
  if (wa.length === 0 || wb.length === 0) return false;
  if (wa.length !== wb.length) return sameEntity(wa, wb);
  return wa.every((w, i) => sameNameWord(w, wb[i]));
}

/**
 * Whether two mentions are one name spelled otherwise, word by word: a transliteration
 * ("Oleksandr" / "Aleksandr"), a typo fixed or made ("Dudley" / "Dodley"). One letter in a word
 * of five or more, two in a word of eight or more; two different places or names WordNet knows
 * ("Slovakia" / "Slovenia") are a swap, never a spelling.
 */
export function nameSpelledOtherwise(a: EntityMention, b: EntityMention): boolean {
  const wa = a.words;
  const wb = b.words;
  if (wa.length !== wb.length) return false;
  const wn = getWordNet();
  let differing = 0;
  for (let i = 0; i < wa.length; i++) {
    const [x, y] = [wa[i], wb[i]];
    if (sameNameWord(x, y)) continue;
    differing++;
    const shorter = Math.min(x.length, y.length);
    const allowed = shorter >= 8 ? 2 : shorter >= 5 ? 1 : 0;
    if (allowed === 0 || letterEdits(plainLetters(x), plainLetters(y), allowed) > allowed) return false;
    if (wn.isProperName(x) && wn.isProperName(y)) return false;
  }
  return differing > 0;
}

/** Levenshtein distance, stopping early past `max`. */
function letterEdits(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (Math.min(...cur) > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}
