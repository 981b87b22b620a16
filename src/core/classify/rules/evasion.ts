/**
 * @module core/classify/evasion
 * Reports the evasion itself: words disguised with look-alike letters from another script or
 * with invisible characters (core/text/confusables.ts), one finding per sentence, with every
 * character, its code point and offset as evidence. Honest text has no reason to mix a Cyrillic
 * "а" into a Latin word or to hide a zero-width space inside one; a copier who does wants the
 * copy to stop matching its source.
 */
import type { Change, SplitArticle } from '../../types.ts';
import { ruleOutcome } from '../catalogue.ts';
import type { ConfusableNormalisation } from '../../text/confusables.ts';

export function evasionChanges(suspect: SplitArticle, conf: ConfusableNormalisation): Change[] {
  if (conf.characters.length === 0) return [];
  const out: Change[] = [];
  for (const s of suspect.sentences) {
    const end = conf.originalEnd(s.end);
    const chars = conf.characters.filter((c) => c.offset >= s.start && c.offset < end);
    if (chars.length === 0) continue;
    const words = conf.words.filter((w) => w.start < end && w.end > s.start);
    const letters = chars.filter((c) => c.readsAs);
    const hidden = chars.length - letters.length;
    const parts: string[] = [];
    if (letters.length) {
      const shown = [...new Map(letters.map((c) => [c.codePoint, c])).values()].slice(0, 4).map((c) => `${c.codePoint} "${c.char}" for "${c.readsAs}"`);
      parts.push(`${letters.length} look-alike letter${letters.length > 1 ? 's' : ''} from another script (${shown.join(', ')})`);
    }
    if (hidden) parts.push(`${hidden} invisible character${hidden > 1 ? 's' : ''} inside words`);
    const { kind, rule, severity, confidence } = ruleOutcome({ rule: 'evasion', variant: letters.length ? 'lookalike-letters' : 'hidden-characters', severity: out.length === 0 ? undefined : 'repeat' });
    out.push({
      kind,
      suspectText: s.text,
      sourceText: null,
      sourceId: null,
      suspectSentences: [s.index],
      sourceSentences: [],
      evidence: {
        reason: `The text hides ${parts.join(' and ')}: it reads the same but no longer matches the words it copies. unspun compared the words as they read.`,
        // Slices of the analysed text; the pipeline swaps in the original characters.
        suspect: words.map((w) => suspect.text.slice(w.start, w.visibleEnd)),
        source: [],
        rule,
        characters: chars,
      },
      // One serious finding per article is enough to say the copy hides its words; the rest
      // locate it, without multiplying the count of serious changes.
      severity,
      confidence,
    });
  }
  return out;
}
