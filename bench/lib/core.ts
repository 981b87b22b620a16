/**
 * @module bench/lib/core
 * The benchmark's one door into unspun's core: sentence splitting, sentence similarity and
 * change classification, each loaded only if the module has landed. Tasks ask this module,
 * so a missing stage shows as "not available yet" in every table that needs it.
 */
import { importOptional } from './optional.ts';

export interface CoreSentenceApi {
  /** unspun's sentence similarity, 0..1. */
  similarity: (a: string, b: string) => number;
  /** unspun's sentence splitter, as plain strings. */
  split: (text: string) => string[];
}

export interface CoreClassifyApi {
  classifyChanges: (...args: unknown[]) => unknown;
}

let sentenceApi: Promise<CoreSentenceApi | string> | null = null;

/** unspun's splitter and similarity, or the reason they are not available. */
export function loadSentenceApi(): Promise<CoreSentenceApi | string> {
  sentenceApi ??= (async () => {
    const align = await importOptional<{ sentenceSimilarity: (a: string, b: string) => number }>('src/core/align/index.ts', ['sentenceSimilarity']);
    if (!align.ok) return `unspun sentence similarity ${align.reason}`;
    const sentences = await importOptional<{ splitSentences: (t: string) => unknown[] }>('src/core/text/sentences.ts', ['splitSentences']);
    if (!sentences.ok) return `unspun sentence splitter ${sentences.reason}`;
    const split = (text: string): string[] =>
      sentences.value
        .splitSentences(text)
        .map((s) => (typeof s === 'string' ? s : String((s as { text: unknown }).text ?? '')))
        .filter((s) => s.trim().length > 0);
    return { similarity: align.value.sentenceSimilarity, split };
  })();
  return sentenceApi;
}
