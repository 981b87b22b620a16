/**
 * @module core/classify/rules/unattributed
 * A claim credited to nobody in particular ("reports confirm", "sources say", "it is
 * believed"), found from the suspect alone (`unattributed-<pattern>`).
 */
import { findEntities } from '../../nlp/entities.ts';
import { UNATTRIBUTED_PATTERNS } from '../../nlp/lexicons.ts';

// Vague sources that present a claim as established are worse than ones that only report talk.
const ESTABLISHING = new Set(['reports-confirm', 'studies-show']);

/** A sentence's vague-source phrase, when no name stands close to it as the actual source. */
export function findUnattributed(sentence: string): { id: string; text: string; start: number; end: number; establishes: boolean } | null {
  const entities = findEntities(sentence);
  for (const { id, re } of UNATTRIBUTED_PATTERNS) {
    const m = re.exec(sentence);
    if (!m) continue;
    const start = m.index;
    const end = start + m[0].length;
    // "sources close to the Kremlin say", "Hajiyev said, according to reports": a name near the
    // phrase (or any "according to <Name>") means someone is on record.
    const named = entities.some((e) => e.end >= start - 30 && e.start <= end + 30) || /according to (?:[A-Z][\w’'-]+\s?)+/.test(sentence);
    if (named) continue;
    return { id, text: m[0], start, end, establishes: ESTABLISHING.has(id) };
  }
  return null;
}
