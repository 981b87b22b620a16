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
  /** The same, with character offsets into `text`. */
  spans: (text: string) => { text: string; start: number; end: number }[];
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
    const spans = (text: string): { text: string; start: number; end: number }[] => {
      const out: { text: string; start: number; end: number }[] = [];
      let from = 0;
      for (const s of sentences.value.splitSentences(text)) {
        const t = typeof s === 'string' ? s : String((s as { text: unknown }).text ?? '');
        if (!t.trim()) continue;
        const o = s as { start?: unknown; end?: unknown };
        let start = typeof o.start === 'number' ? o.start : text.indexOf(t, from);
        if (start < 0) start = from;
        const end = typeof o.end === 'number' ? o.end : start + t.length;
        out.push({ text: t, start, end });
        from = end;
      }
      return out;
    };
    const split = (text: string): string[] => spans(text).map((s) => s.text);
    const m = align.value;
    const hasFeatures = typeof m.sentenceFeatures === 'function' && typeof m.featureSimilarity === 'function';
    return {
      similarity: m.sentenceSimilarity,
      split,
      spans,
      features: hasFeatures ? m.sentenceFeatures : undefined,
      featureSimilarity: hasFeatures ? m.featureSimilarity : undefined,
      origin,
    };
  })();
  return sentenceApi;
}
