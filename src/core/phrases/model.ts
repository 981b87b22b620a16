/**
 * @module core/phrases/model
 * The phrase model the single-article checks ask "how usual is this wording?": counts of
 * word n-grams in real news. It is the shipped default table, plus the counts of the searched
 * index when it keeps phrase statistics (core/store.ts PhraseStats), which the pipeline fetches
 * beforehand (classify stays synchronous and pure).
 */
import { defaultPhraseTable } from './default-table.ts';
import { phraseKey } from './ngrams.ts';
import { formatCount } from '../text/format.ts';

export interface PhraseModel {
  /** Times the phrase (lower-case words, single spaces) occurs in the counted news. */
  count(phrase: string): number;
  /** Where the counts come from, for the evidence ("real news", "the index"). */
  readonly description: string;
}

let shipped: PhraseModel | null = null;

/** The shipped table alone (one object per process, so what is cached against it is kept). */
export function defaultPhraseModel(): PhraseModel {
  if (shipped) return shipped;
  const t = defaultPhraseTable();
  shipped = { count: (p) => t.count(p), description: `${formatCount(t.articles)} real news articles` };
  return shipped;
}

/**
 * A model that records every phrase asked of it: run the checks once with it to learn which
 * phrase keys to fetch from an index, then again with {@link withIndexCounts}.
 */
export function recordingModel(base: PhraseModel): PhraseModel & { asked: Set<string> } {
  const asked = new Set<string>();
  return {
    asked,
    description: base.description,
    count(p) {
      asked.add(p);
      return base.count(p);
    },
  };
}

/** The base counts plus an index's counts (by phrase key; a missing key counts 0). */
export function withIndexCounts(base: PhraseModel, indexCounts: ReadonlyMap<number, number>, indexArticles: number): PhraseModel {
  return {
    description: `${base.description} and the ${formatCount(indexArticles)} indexed articles`,
    count: (p) => base.count(p) + (indexCounts.get(phraseKey(p)) ?? 0),
  };
}
