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
import { findPhraseSwaps, wordSwapCandidates, type SwapCandidate } from './rules/phrase-swap.ts';
import { findLoadedAlone, slantedHits, type LoadedSource } from './rules/loaded-alone.ts';
import { defaultPhraseModel, type PhraseModel } from '../phrases/model.ts';
import { PHRASE_TABLE_MIN_COUNT, defaultPhraseTable } from '../phrases/default-table.ts';
import { CORROBORATING_FINGERPRINTS, PHRASE_CORROBORATED, SWAP_MIN_DENSITY, SWAP_MIN_STRONG, SWAP_REPORT, SWAP_SCORING, SWAP_STRONG } from './settings.ts';
import { formatCount } from '../text/format.ts';

export interface SingleArticleOptions {
  /** Phrase counts to judge wording by; default: the shipped table of real news. */
  phrases?: PhraseModel;
}

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

function swapChange(s: Sentence, hit: SwapCandidate, counted: string, strong: number, scored: number): Change {
  const surface = s.text.slice(hit.phraseStart, hit.phraseEnd);
  const written = hit.writtenCount === 0 ? `fewer than ${PHRASE_TABLE_MIN_COUNT} times` : `${formatCount(hit.writtenCount)} times`;
  const change = sentenceChange(
    s,
    { rule: 'spinner-swap' },
    `"${surface}" reads like "${hit.expectedPhrase}" with "${hit.expected}" swapped for its synonym "${hit.written}": ${counted} write "${hit.writtenPhrase}" ${written} and "${hit.expectedPhrase}" ${formatCount(hit.expectedCount)} times, ` +
      `and ${strong} of the article's ${scored} scored words read as such swaps, as a thesaurus spinner leaves them.`,
    [surface],
  );
  change.evidence.expected = hit.expectedPhrase;
  change.evidence.counts = { written: hit.writtenCount, expected: hit.expectedCount };
  return change;
}

const LOADED_WHY: Record<LoadedSource, (w: string) => string> = {
  word: (w) => `"${w}" judges rather than reports`,
  valence: (w) => `"${w}" judges rather than reports (strongly valenced in AFINN-165)`,
  label: (w) => `"${w}" is a label that disparages what it names`,
  saying: (w) => `"${w}" judges the speaker where a report would write "said"`,
};

/** Boilerplate, spinner fingerprints and unattributed claims, from the suspect alone. */
export function singleArticleChecks(suspect: SplitArticle, removed: RemovedText[], options: SingleArticleOptions = {}): Change[] {
  const out: Change[] = [...boilerplateChanges(removed)];
  const model = options.phrases ?? defaultPhraseModel();
  // A lone garbled word in real news is a typo; a spinner leaves several fingerprints.
  const artifacts = suspect.sentences.map((s) => findSpinnerArtifacts(s.text, model));
  const all = artifacts.flat();
  // Non-words alone do not corroborate phrase swaps: dialect and quoted slang look the same.
  const corroborated = all.filter((h) => h.rule !== 'non-word').length >= CORROBORATING_FINGERPRINTS;
  // Distinct non-words: a word the writer repeats ("melanated" three times) is their vocabulary.
  const garbled = all.some((h) => h.rule !== 'non-word') || new Set(all.filter((h) => h.rule === 'non-word').map((h) => h.text.toLowerCase())).size >= 2;
  // Word swaps are judged over the whole article: a spinner leaves many, real news a stray one.
  const scoring = { ...SWAP_SCORING, words: defaultPhraseTable().words, floor: Math.min(SWAP_REPORT, SWAP_STRONG) };
  const swaps = suspect.sentences.map((s) => wordSwapCandidates(s.text, model, scoring));
  const scored = swaps.reduce((n, c) => n + c.length, 0);
  // Distinct swaps: one unusual word repeated through an article is a writer's choice.
  const strong = new Set(swaps.flat().filter((x) => x.score >= SWAP_STRONG).map((x) => x.expectedPhrase)).size;
  const spun = strong >= SWAP_MIN_STRONG && strong / Math.max(1, scored) >= SWAP_MIN_DENSITY;
  suspect.sentences.forEach((s, k) => {
    const own = garbled ? artifacts[k] : artifacts[k].filter((h) => h.rule !== 'non-word');
    for (const hit of own) {
      const change = sentenceChange(s, { rule: `spinner-${hit.rule}` }, hit.reason, [hit.text]);
      if (hit.expected) change.evidence.expected = hit.expected;
      out.push(change);
    }
    // On its own a rare pair is fresh writing as often as spin (NEWS_TUNE: ~4 flags per 1,000
    // sentences at the strictest useful thresholds): the phrase model only corroborates.
    const phraseSpans: { start: number; end: number }[] = [];
    for (const hit of corroborated || spun ? findPhraseSwaps(s.text, model, PHRASE_CORROBORATED) : []) {
      if (own.some((h) => h.start < hit.end && hit.start < h.end)) continue;
      const change = sentenceChange(
        s,
        { rule: 'spinner-phrase', variant: hit.relation },
        `"${hit.text}" is almost never written in ${model.description} (${hit.writtenCount === 0 ? `fewer than ${PHRASE_TABLE_MIN_COUNT} times` : `${hit.writtenCount} times`}), while "${hit.expected}" is common (${formatCount(hit.expectedCount)} times): a likely word-for-word ${hit.relation} swap in an article that shows other spinner fingerprints.`,
        [hit.text],
      );
      change.evidence.expected = hit.expected;
      change.evidence.counts = { written: hit.writtenCount, expected: hit.expectedCount };
      out.push(change);
      phraseSpans.push(hit);
    }
    for (const hit of spun ? swaps[k].filter((x) => x.score >= SWAP_REPORT) : []) {
      if (own.some((h) => h.start < hit.phraseEnd && hit.phraseStart < h.end) || phraseSpans.some((h) => h.start < hit.end && hit.start < h.end)) continue;
      out.push(swapChange(s, hit, model.description, strong, scored));
    }
  });
  // One judging word is a writer's choice; a copy slanted on purpose uses several, or a
  // judging saying verb, or a label with a judging word beside it (settings LOADED_*).
  const loaded = slantedHits(suspect.sentences.map((s) => findLoadedAlone(s.text, model)));
  for (const s of suspect.sentences) {
    for (const hit of loaded[s.index] ?? []) {
      out.push(sentenceChange(
        s,
        { rule: 'loaded-alone', variant: hit.from },
        `${LOADED_WHY[hit.from](hit.text)}, in the article's own voice (not in a quotation or what someone is reported to have said); ${model.description} write it ${formatCount(hit.newsCount)} times, and with the article's other judging words it weighs more than straight news carries.`,
        [hit.text],
      ));
    }
    const u = findUnattributed(s.text);
    if (u) {
      out.push(sentenceChange(s, { rule: 'unattributed', variant: u.id, severity: u.establishes ? 'establishes' : undefined }, `"${u.text}" credits the claim to no named source.`, [u.text]));
    }
  }
  return out;
}
