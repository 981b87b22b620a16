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
import { findPhraseSwaps } from './phrase-swap.ts';
import { findLoadedAlone } from './loaded-alone.ts';
import { defaultPhraseModel, type PhraseModel } from '../phrases/model.ts';
import { PHRASE_TABLE_MIN_COUNT } from '../phrases/default-table.ts';
import { CORROBORATING_FINGERPRINTS, LOADED_MIN_WORDS, PHRASE_CORROBORATED } from './settings.ts';

export interface SingleArticleOptions {
  /** Phrase counts to judge wording by; default: the shipped table of real news. */
  phrases?: PhraseModel;
}

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
export function singleArticleChecks(suspect: SplitArticle, removed: RemovedText[], options: SingleArticleOptions = {}): Change[] {
  const out: Change[] = [...boilerplateChanges(removed)];
  const model = options.phrases ?? defaultPhraseModel();
  // A lone garbled word in real news is a typo; a spinner leaves several fingerprints.
  const artifacts = suspect.sentences.map((s) => findSpinnerArtifacts(s.text, model));
  const all = artifacts.flat();
  // Non-words alone do not corroborate phrase swaps: dialect and quoted slang look the same.
  const corroborated = all.filter((h) => h.rule !== 'non-word').length >= CORROBORATING_FINGERPRINTS;
  const garbled = all.some((h) => h.rule !== 'non-word') || all.filter((h) => h.rule === 'non-word').length >= 2;
  suspect.sentences.forEach((s, k) => {
    const own = garbled ? artifacts[k] : artifacts[k].filter((h) => h.rule !== 'non-word');
    for (const hit of own) {
      out.push(sentenceChange(s, 'spinner', {
        reason: hit.reason,
        // No source side here: the likely intended phrase is named in the reason instead.
        suspect: [hit.text],
        source: [],
        rule: `spinner-${hit.rule}`,
        ...(hit.expected ? { expected: hit.expected } : {}),
      }, hit.confidence >= 0.7 ? 'medium' : 'low', hit.confidence));
    }
    // On its own a rare pair is fresh writing as often as spin (NEWS_TUNE: ~4 flags per 1,000
    // sentences at the strictest useful thresholds): the phrase model only corroborates.
    for (const hit of corroborated ? findPhraseSwaps(s.text, model, PHRASE_CORROBORATED) : []) {
      if (own.some((h) => h.start < hit.end && hit.start < h.end)) continue;
      out.push(sentenceChange(s, 'spinner', {
        reason: `"${hit.text}" is almost never written in ${model.description} (${hit.writtenCount === 0 ? `fewer than ${PHRASE_TABLE_MIN_COUNT} times` : `${hit.writtenCount} times`}), while "${hit.expected}" is common (${hit.expectedCount.toLocaleString('en-US')} times): a likely word-for-word ${hit.relation} swap in an article that shows other spinner fingerprints.`,
        suspect: [hit.text],
        source: [],
        rule: `spinner-phrase-${hit.relation}`,
        expected: hit.expected,
        counts: { written: hit.writtenCount, expected: hit.expectedCount },
      }, 'low', 0.5));
    }
  });
  // One judging word is a writer's choice; a copy slanted on purpose uses several.
  const loaded = suspect.sentences.map((s) => findLoadedAlone(s.text, model));
  const slanted = new Set(loaded.flat().map((h) => h.text.toLowerCase())).size >= LOADED_MIN_WORDS;
  for (const s of suspect.sentences) {
    for (const hit of slanted ? loaded[s.index] ?? [] : []) {
      out.push({
        kind: 'loaded', suspectText: s.text, sourceText: null, sourceId: null,
        suspectSentences: [s.index], sourceSentences: [],
        evidence: {
          reason: `"${hit.text}" judges rather than reports, in the article's own voice (not in a quotation), and real news seldom uses it (${hit.newsCount.toLocaleString('en-US')} times in ${model.description}).`,
          suspect: [hit.text],
          source: [],
          rule: hit.from === 'list' ? 'loaded-word-alone' : 'loaded-valence-alone',
        },
        severity: 'low',
        confidence: 0.5,
      });
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
