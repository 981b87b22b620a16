/**
 * @module bench/lib/core
 * The benchmark's one door into unspun's core: sentence splitting and sentence similarity,
 * each loaded only if its module has landed. Tasks ask this module, so a missing stage
 * shows as "not available yet" in every table that needs it.
 */
import { importOptional } from './optional.ts';

/** Opaque per-sentence features (unspun's `sentenceFeatures` output). */
export type Features = unknown;

export interface CoreSentenceApi {
  /** unspun's sentence similarity, 0..1. */
  similarity: (a: string, b: string) => number;
  /** unspun's sentence splitter, as plain strings. */
  split: (text: string) => string[];
  /** Feature form of the similarity, when exported: compute once per sentence, compare cheaply. */
  features?: (text: string) => Features;
  featureSimilarity?: (a: Features, b: Features) => number;
  /** Where the similarity came from (shown in tables). */
  origin: string;
}

interface AlignModule {
  sentenceSimilarity: (a: string, b: string) => number;
  sentenceFeatures?: (t: string) => Features;
  featureSimilarity?: (a: Features, b: Features) => number;
}

let sentenceApi: Promise<CoreSentenceApi | string> | null = null;

/** unspun's splitter and similarity, or the reason they are not available. */
export function loadSentenceApi(): Promise<CoreSentenceApi | string> {
  sentenceApi ??= (async () => {
    // The stage's public entry first; its similarity module if the barrel has not landed.
    let align = await importOptional<AlignModule>('src/core/align/index.ts', ['sentenceSimilarity']);
    let origin = 'src/core/align/index.ts';
    if (!align.ok) {
      const direct = await importOptional<AlignModule>('src/core/align/similarity.ts', ['sentenceSimilarity']);
      if (direct.ok) {
        align = direct;
        origin = 'src/core/align/similarity.ts';
      }
    }
    if (!align.ok) return `unspun sentence similarity ${align.reason}`;
    const sentences = await importOptional<{ splitSentences: (t: string) => unknown[] }>('src/core/text/sentences.ts', ['splitSentences']);
    if (!sentences.ok) return `unspun sentence splitter ${sentences.reason}`;
    const split = (text: string): string[] =>
      sentences.value
        .splitSentences(text)
        .map((s) => (typeof s === 'string' ? s : String((s as { text: unknown }).text ?? '')))
        .filter((s) => s.trim().length > 0);
    const m = align.value;
    const hasFeatures = typeof m.sentenceFeatures === 'function' && typeof m.featureSimilarity === 'function';
    return {
      similarity: m.sentenceSimilarity,
      split,
      features: hasFeatures ? m.sentenceFeatures : undefined,
      featureSimilarity: hasFeatures ? m.featureSimilarity : undefined,
      origin,
    };
  })();
  return sentenceApi;
}
