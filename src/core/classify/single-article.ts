/**
 * @module core/classify/single-article
 * Checks that need no source, for when none is found (and run alongside one): boilerplate cut
 * from the page, spinner fingerprints, and claims credited to nobody in particular
 * ("reports confirm", "sources say", "it is believed").
 */
import type { Change, RemovedText, Sentence, SplitArticle } from '../types.ts';
import { boilerplateChanges } from './classify.ts';
import { ruleOutcome, type Hit } from './catalogue.ts';
import { findSpinnerArtifacts } from './rules/spinner.ts';
import { findUnattributed } from './rules/unattributed.ts';

function sentenceChange(s: Sentence, hit: Pick<Hit, 'rule' | 'variant' | 'severity' | 'confidence'>, reason: string, words: string[]): Change {
  const { kind, rule, severity, confidence } = ruleOutcome(hit);
  return {
    kind, suspectText: s.text, sourceText: null, sourceId: null,
    suspectSentences: [s.index], sourceSentences: [],
    // No source side here: the likely intended phrase is named in the reason instead.
    evidence: { reason, suspect: words, source: [], rule },
    severity, confidence,
  };
}

/** Boilerplate, spinner fingerprints and unattributed claims, from the suspect alone. */
export function singleArticleChecks(suspect: SplitArticle, removed: RemovedText[]): Change[] {
  const out: Change[] = [...boilerplateChanges(removed)];
  for (const s of suspect.sentences) {
    for (const hit of findSpinnerArtifacts(s.text)) {
      out.push(sentenceChange(s, { rule: `spinner-${hit.rule}` }, hit.reason, [hit.text]));
    }
    const u = findUnattributed(s.text);
    if (u) {
      out.push(sentenceChange(s, { rule: 'unattributed', variant: u.id, severity: u.establishes ? 'establishes' : undefined }, `"${u.text}" credits the claim to no named source.`, [u.text]));
    }
  }
  return out;
}
