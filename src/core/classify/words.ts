/**
 * @module core/classify/words
 * Word tests the rule families share: dictionary forms, same word, antonyms, synonyms and
 * nearness of meaning in WordNet, and whole-word search in a text.
 */
import { NEGATORS, stem, type Token } from '../text/tokens.ts';
import { getWordNet } from '../nlp/wordnet.ts';

const POSES = ['n', 'v', 'a', 'r'] as const;
// Hypernym, instance hypernym, similar to.
const BROADER = ['@', '@i', '&'];

/** Dictionary forms of a word (itself when WordNet does not know it). */
export function forms(norm: string): string[] {
  const b = getWordNet().baseForms(norm);
  return b.length ? b : [norm];
}

/** Same word, inflection aside: same stem or a shared dictionary form. */
export function sameWord(a: Token, b: Token): boolean {
  if (stem(a.norm) === stem(b.norm)) return true;
  const fb = forms(b.norm);
  return forms(a.norm).some((f) => fb.includes(f));
}

export function isNegator(t: Token): boolean {
  return NEGATORS.has(t.norm) || /n't$/.test(t.norm);
}

// Antonyms through a synonym of the same sense ("reduce" ~ "decrease" <-> "increase") were tried:
// on SummEdits `dev` antonym_swap recall rose 42.5% -> 45.8% but 9 more of 337 consistent edits
// were flagged (balanced accuracy 0.757 -> 0.754), so only WordNet's direct antonyms count.
export function areAntonyms(a: string, b: string): boolean {
  const wn = getWordNet();
  const fb = forms(b);
  return forms(a).some((x) => {
    const ants = wn.antonyms(x);
    return fb.some((y) => ants.has(y));
  });
}

// British spellings WordNet (American) lacks: "armoured", "organised", "centre", "travelled".
export function americanise(w: string): string[] {
  return [
    w.replace(/our(s|ed|ing|ing|ful|ite|ites|able)?$/, 'or$1'),
    w.replace(/is(e|es|ed|ing|ation|ations|er|ers)$/, 'iz$1'),
    w.replace(/ys(e|es|ed|ing)$/, 'yz$1'),
    w.replace(/tre(s)?$/, 'ter$1'),
    w.replace(/ll(ed|ing|er|ers)$/, 'l$1'),
    w.replace(/ogue(s)?$/, 'og$1'),
    w.replace(/ence(s)?$/, 'ense$1'),
    w.replace(/ae/, 'e').replace(/oe/, 'e'),
  ].filter((x) => x !== w);
}

/** Whether the two words share a WordNet sense (are synonyms in some sense). */
export function shareSynset(a: string, b: string): boolean {
  const wn = getWordNet();
  const ids = new Set(forms(a).flatMap((f) => wn.senses(f)));
  return forms(b).some((f) => wn.senses(f).some((id) => ids.has(id)));
}

/** Synsets of a word and of each of its synonyms. */
function synonymReach(a: string): Set<string> {
  const wn = getWordNet();
  const out = new Set<string>();
  for (const id of forms(a).flatMap((f) => wn.senses(f))) for (const l of wn.lemmasOf(id)) for (const x of wn.senses(l)) out.add(x);
  return out;
}

/**
 * Related in meaning through at most one synonym on each side ("increase" ~ "gain" ~ "advance"
 * ~ "rise"): broad on purpose, so that only plainly unrelated nouns count as a broken swap.
 */
export function nearInMeaning(a: string, b: string): boolean {
  if (shareSynset(a, b)) return true;
  const ra = synonymReach(a);
  for (const x of synonymReach(b)) if (ra.has(x)) return true;
  return false;
}

const CONCRETE_FILES = new Set(['noun.artifact', 'noun.object', 'noun.plant', 'noun.animal', 'noun.body', 'noun.food', 'noun.substance', 'noun.location', 'noun.person']);

/** Whether one of a noun's two most frequent senses is a physical thing, place or person. */
export function isConcrete(norm: string): boolean {
  const wn = getWordNet();
  for (const f of forms(norm)) {
    const senses = wn.sensesOf(f, 'n');
    if (senses.length) return senses.slice(0, 2).some((id) => CONCRETE_FILES.has(wn.lexicographerFile(id) ?? ''));
  }
  return false;
}

/** Whether WordNet knows the word as a noun. */
export function isNoun(norm: string): boolean {
  const wn = getWordNet();
  return forms(norm).some((f) => wn.sensesOf(f, 'n').length > 0);
}

/** Whether any noun sense of the word is a person ("minister", "mother") in WordNet. */
export function canBePerson(norm: string): boolean {
  const wn = getWordNet();
  return forms(norm).some((f) => wn.sensesOf(f, 'n').some((id) => wn.lexicographerFile(id) === 'noun.person'));
}

/** Whether `phrase` occurs in `text` as whole words, case as written. */
export function containsWords(text: string, phrase: string): boolean {
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

/** Whether `needle` occurs in `hay` as a contiguous run. */
export function containsSequence(hay: string[], needle: string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}


/**
 * The parts of speech a word is mostly used as: those seen at least a third as often as its
 * most frequent one in WordNet's tagged corpus ("run": verb; "red": adjective), or every part
 * of speech WordNet lists when none was seen. Empty for words WordNet does not know.
 */
export function usualPos(norm: string): Set<string> {
  const wn = getWordNet();
  const counts = POSES.map((p) => forms(norm).reduce((sum, f) => sum + wn.tagCountOf(f, p), 0));
  const max = Math.max(...counts);
  const out = max > 0 ? new Set<string>(POSES.filter((_, i) => counts[i] * 3 >= max)) : new Set<string>(POSES.filter((p) => forms(norm).some((f) => wn.sensesOf(f, p).length > 0)));
  // Participles stand where adjectives do ("a leading cause", "a reduced price").
  if (out.has('v') && /(?:ed|ing)$/.test(norm)) out.add('a');
  return out;
}

const GENERIC_PERSON = new Set(['people', 'person', 'persons', 'individuals', 'individual']);

/**
 * Whether one word names a kind of what the other names, one step apart in WordNet
 * ("magistrate" is a kind of "judge", "dispatch" a way to "send"), or, for adjectives, is listed
 * as similar to it. Only the narrower word's `senses` most frequent senses (per part of speech)
 * count, and people's roles only as a "person": "residents" -> "people" is fine, "veterinarian" ->
 * "doctor" changes who is meant.
 */
export function oneStepApart(a: string, b: string, senses: number): boolean {
  const wn = getWordNet();
  // Anyone may be called a person: "residents" -> "people".
  if (GENERIC_PERSON.has(b) && canBePerson(a)) return true;
  // A role is a fact about a person ("veterinarian" -> "doctor"), but anyone is a "person".
  const isPerson = (id: string) => wn.lexicographerFile(id) === 'noun.person';
  const top = (w: string) => forms(w).flatMap((f) => POSES.flatMap((p) => wn.sensesOf(f, p).slice(0, senses)));
  const up = (id: string) => wn.pointers(id, BROADER).filter((x) => !isPerson(id) || wn.lemmasOf(x).includes('person'));
  // The narrower word's usual sense; the broader word may be meant in any of its senses
  // ("dispatch" is a way to "transport, send, ship", the fourth sense of "send").
  const all = (w: string) => new Set(forms(w).flatMap((f) => wn.senses(f)));
  return top(a).some((id) => up(id).some((x) => all(b).has(x))) || top(b).some((id) => up(id).some((x) => all(a).has(x)));
}
