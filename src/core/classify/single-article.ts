/**
 * @module core/classify/single-article
 * Checks that need no source, for when none is found (and run alongside one): boilerplate cut
 * from the page, spinner fingerprints, and claims credited to nobody in particular
 * ("reports confirm", "sources say", "it is believed").
 */
import type { Change, RemovedText, Sentence, Severity, SplitArticle } from '../types.ts';
import { findEntities } from '../nlp/entities.ts';
import { UNATTRIBUTED_PATTERNS } from '../nlp/lexicons.ts';
import { boilerplateChanges } from './classify.ts';
import { findSpinnerArtifacts } from './spinner.ts';

// Vague sources that present a claim as established are worse than ones that only report talk.
const SEVERITY_BY_PATTERN: Record<string, Severity> = {
  'reports-confirm': 'medium',
  'studies-show': 'medium',
  'it-is-believed': 'low',
  'according-to-reports': 'low',
  reportedly: 'low',
  'sources-say': 'low',
  'many-believe': 'low',
};

/** A sentence's vague-source phrase, when no name stands close to it as the actual source. */
export function findUnattributed(sentence: string): { id: string; text: string; start: number; end: number } | null {
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
    return { id, text: m[0], start, end };
  }
  return null;
}

function sentenceChange(s: Sentence, kind: 'spinner' | 'unattributed', evidence: Change['evidence'], severity: Severity, confidence: number): Change {
  return {
    kind, suspectText: s.text, sourceText: null, sourceId: null,
    suspectSentences: [s.index], sourceSentences: [], evidence, severity, confidence,
  };
}

/** Boilerplate, spinner fingerprints and unattributed claims, from the suspect alone. */
export function singleArticleChecks(suspect: SplitArticle, removed: RemovedText[]): Change[] {
  const out: Change[] = [...boilerplateChanges(removed)];
  for (const s of suspect.sentences) {
    for (const hit of findSpinnerArtifacts(s.text)) {
      out.push(sentenceChange(s, 'spinner', {
        reason: hit.reason,
        // No source side here: the likely intended phrase is named in the reason instead.
        suspect: [hit.text],
        source: [],
        rule: `spinner-${hit.rule}`,
      }, hit.confidence >= 0.7 ? 'medium' : 'low', hit.confidence));
    }
    const u = findUnattributed(s.text);
    if (u) {
      out.push(sentenceChange(s, 'unattributed', {
        reason: `"${u.text}" credits the claim to no named source.`,
        suspect: [u.text],
        source: [],
        rule: `unattributed-${u.id}`,
      }, SEVERITY_BY_PATTERN[u.id] ?? 'low', 0.7));
    }
  }
  return out;
}
