/**
 * @module core/text/memo
 * The last few analyses of a text, kept so that stages asking again for the same text get the
 * same answer without redoing it: in one trace the suspect is tokenised by retrieval (query
 * terms, weights, shingles), alignment, classification and the report, and a source's
 * sentences are split by retrieval and again by the pipeline; a server or worker meets the
 * same candidates trace after trace. Answers are frozen arrays, so no caller can change what
 * another is handed.
 */

/** Texts remembered per analysis: a trace's suspect, its 30-60 re-ranked candidates, some reuse across traces. */
export const MEMO_TEXTS = 256;

/** Shorter texts are cheaper to analyse again than to look up. */
const MEMO_MIN_CHARS = 200;

/**
 * Wraps `analyse` so the answers for the last `size` distinct long texts are kept (least
 * recently used dropped first). The text is the key: equal strings hit whatever object holds them.
 */
export function memoByText<T>(analyse: (text: string) => T, size = MEMO_TEXTS): (text: string) => T {
  const kept = new Map<string, T>();
  return (text: string): T => {
    if (text.length < MEMO_MIN_CHARS) return analyse(text);
    const hit = kept.get(text);
    if (hit !== undefined) {
      // Move to the back: Map iteration order is insertion order.
      kept.delete(text);
      kept.set(text, hit);
      return hit;
    }
    const answer = analyse(text);
    kept.set(text, answer);
    if (kept.size > size) kept.delete(kept.keys().next().value as string);
    return answer;
  };
}
