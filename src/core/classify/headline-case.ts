/**
 * @module core/classify/headline-case
 * Headlines written in Title Case ("Families Return to a Town Scarred by Shelling") capitalise
 * every word, so capitals no longer mark names, and a name check would read "Town Scarred" as
 * a name. Before a headline is compared, its capitalised words are put in lower case unless the
 * articles show them to be names: written with a capital in the middle of a sentence in either
 * body, or unknown to the dictionary.
 */
import { usualPos } from './words.ts';
import { HEADLINE_TITLE_CASE_SHARE } from './settings.ts';

const WORD = /\p{L}[\p{L}'’-]*/gu;
// A capitalised word that follows a word, a figure or a comma in the same sentence.
const MID_SENTENCE_CAPITAL = /(?<=[\p{L}\p{N},;)]\s+)\p{Lu}[\p{L}'’-]*/gu;

const bare = (w: string) => w.replace(/['’]s$/u, '').replace(/['’-]+$/u, '');

/** Whether a headline is in Title Case: most of its longer words after the first are capitalised. */
export function isTitleCase(headline: string): boolean {
  const words = [...headline.matchAll(WORD)].map((m) => m[0]).slice(1).filter((w) => w.length >= 4);
  if (words.length < 3) return false;
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return capitalised / words.length >= HEADLINE_TITLE_CASE_SHARE;
}

/** Words written with a capital mid-sentence in these texts: the names they use. */
export function namesUsed(texts: string[]): Set<string> {
  const names = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(MID_SENTENCE_CAPITAL)) names.add(bare(m[0]));
  return names;
}

/**
 * The headline with Title Case undone (same length, so offsets hold): each capitalised word
 * after the first that is neither a name `names` holds, nor an acronym, nor unknown to the
 * dictionary gets a lower-case first letter. A headline not in Title Case is returned as is.
 */
export function undoTitleCase(headline: string, names: ReadonlySet<string>): string {
  if (!isTitleCase(headline)) return headline;
  let first = true;
  return headline.replace(WORD, (w) => {
    if (first) {
      first = false;
      return w;
    }
    if (!/^\p{Lu}\p{Ll}/u.test(w) || names.has(bare(w))) return w;
    if (usualPos(bare(w).toLowerCase()).size === 0) return w;
    const lowered = w[0].toLowerCase() + w.slice(1);
    return lowered.length === w.length ? lowered : w;
  });
}

/** A word of the changed headline as the original headline writes it (same length, case aside). */
export function asWritten(word: string, changed: string, original: string): string {
  const at = changed.indexOf(word);
  return at >= 0 && changed.length === original.length ? original.slice(at, at + word.length) : word;
}

/** A reason with each "quoted" word of the changed headline put back as the headline writes it. */
export function quotedAsWritten(reason: string, changed: string, original: string): string {
  if (changed === original) return reason;
  return reason.replace(/"([^"]+)"/g, (whole, word: string) => {
    const at = changed.indexOf(word);
    return at >= 0 ? `"${original.slice(at, at + word.length)}"` : whole;
  });
}
