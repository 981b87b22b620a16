/**
 * @module core/nlp/language
 * Is a span English enough for the word-level checks? Those checks (hedges, loaded words,
 * antonyms, spinner phrases) rely on English lexicons and WordNet; on another language they
 * would say nothing or nonsense, so the classifier says plainly that it could not analyse the
 * words instead.
 */
import { tokenize } from '../text/tokens.ts';

/**
 * The most frequent English function words: every English sentence of some length has a few
 * (news sentences run at 25-45% of their words), sentences in other languages almost none.
 */
const ENGLISH_FUNCTION_WORDS = new Set([
  'the', 'of', 'and', 'to', 'a', 'in', 'is', 'was', 'for', 'on', 'that', 'with', 'as', 'by', 'it', 'at', 'from',
  'are', 'be', 'has', 'have', 'had', 'will', 'were', 'this', 'an', 'not', 'but', 'its', 'they', 'he', 'she',
  'his', 'her', 'who', 'which', 'or', 'after', 'their', 'said', 'been', 'would', 'could', 'there', 'than', 'into',
  'i', 'we', 'you', 'me', 'my', 'our', 'your', 'them', 'us', 'him', 'do', 'did', 'does', "don't", "didn't", 'can',
  'up', 'out', 'all', 'no', 'so', 'if', 'about', 'more', 'what', 'when', 'while', 'one', 'also', 'over', 'just',
  'even', 'only', 'some', 'new', 'these', 'those', 'then', 'now', 'how', 'why', 'where', 'any', 'our', 'its',
]);

/**
 * Share of English function words below which a span of ENGLISH_MIN_WORDS or more words is
 * taken as another language (capitalised words, mostly names, are not counted). Set by hand;
 * checked on the first 200 articles of three corpus files (BBC 2004-05, Guardian 2022, CNN
 * 2026: 17,894 sentences): 1 English sentence taken as foreign at 0.05 (3 at 0.08).
 */
export const ENGLISH_MIN_FUNCTION_SHARE = 0.05;
export const ENGLISH_MIN_WORDS = 8;

export interface LanguageCheck {
  english: boolean;
  /** Why not, in plain words (empty when English). */
  note: string;
}

/** Whether a span is English, by script and by its share of English function words. */
export function checkEnglish(text: string): LanguageCheck {
  const letters = text.match(/\p{L}/gu) ?? [];
  if (letters.length === 0) return { english: true, note: '' };
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  if (latin / letters.length < 0.5) return { english: false, note: 'it is not written in the Latin alphabet' };
  // Names say nothing about the language around them ("Lee Friedlander, Garry Winogrand").
  const words = tokenize(text).filter((t) => /^\p{L}/u.test(t.norm) && (!t.capitalized || ENGLISH_FUNCTION_WORDS.has(t.norm)));
  if (words.length < ENGLISH_MIN_WORDS) return { english: true, note: '' };
  const share = words.filter((t) => ENGLISH_FUNCTION_WORDS.has(t.norm)).length / words.length;
  return share < ENGLISH_MIN_FUNCTION_SHARE ? { english: false, note: 'it does not read as English' } : { english: true, note: '' };
}
