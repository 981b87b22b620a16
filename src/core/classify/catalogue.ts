/**
 * @module core/classify/catalogue
 * Every rule of the classify stage in one table: the kind of change it reports, its severity
 * and confidence (with the named grades a rule may pick from by its evidence), the family file
 * under `rules/` that holds its check, and one line on what it catches.
 *
 * A check returns {@link Hit}s naming a rule of this table and, where the rule grades its
 * findings, which grade applies; the kind, severity and confidence come from here only. Every
 * rule has a fixture folder `test/fixtures/classify/<rule>/` (a sentence pair and its expected
 * findings) run by `test/classify-rules.test.ts`, so adding a rule means: a row here, its check
 * in the family file, and its fixture folder.
 */
import type { ChangeKind, Severity } from '../types.ts';
import type { Span } from './pair.ts';

export type RuleFamily =
  | 'alignment'
  | 'numbers-dates'
  | 'entities'
  | 'quotes'
  | 'polarity'
  | 'attribution'
  | 'loaded'
  | 'inserted-omitted'
  | 'spinner'
  | 'substitutions'
  | 'unattributed'
  | 'evasion'
  | 'boilerplate'
  | 'credit';

export interface RuleRow {
  kind: ChangeKind;
  family: RuleFamily;
  /** `base` unless the check names another grade. */
  severity: { readonly base: Severity } & Readonly<Record<string, Severity>>;
  confidence: { readonly base: number } & Readonly<Record<string, number>>;
  /** What the rule catches, in one line. */
  what: string;
  /** Where its fixture lives when it is not a sentence pair under test/fixtures/classify. */
  fixture?: string;
}

export const RULES = {
  // ------------------------------------------------------------ aligned pairs (classify.ts)
  'same-words': {
    kind: 'verbatim', family: 'alignment', severity: { base: 'none' }, confidence: { base: 1 },
    what: 'the copy repeats the source sentence word for word',
  },
  'aligned-rewording': {
    // Confidence is the alignment similarity, not a constant.
    kind: 'paraphrase', family: 'alignment', severity: { base: 'none' }, confidence: { base: 0 },
    what: 'the copy rewords an aligned source sentence',
  },

  // ------------------------------------------------------------ numbers-dates
  'number-mismatch': {
    kind: 'number', family: 'numbers-dates',
    // By relative difference (settings NUMBER_LOW_DIFF / NUMBER_MEDIUM_DIFF); an exact small count is high.
    severity: { base: 'high', close: 'medium', rounding: 'low' },
    confidence: { base: 0.6, sameUnit: 0.9 },
    what: 'a figure changed value',
  },
  'number-qualifier': {
    kind: 'number', family: 'numbers-dates', severity: { base: 'low' }, confidence: { base: 0.8 },
    what: 'a figure kept its value but its qualifier changed meaning ("about 500" -> "almost 500")',
  },
  'number-added': {
    kind: 'number', family: 'numbers-dates', severity: { base: 'medium' }, confidence: { base: 0.5 },
    what: 'the copy gives a figure with no counterpart in the source',
  },
  'date-mismatch': {
    kind: 'date', family: 'numbers-dates',
    severity: { base: 'medium', year: 'high' },
    // "yesterday" vs "on Monday" can be the same day; a year is a year.
    confidence: { base: 0.85, mixedTypes: 0.5 },
    what: 'a year, month, day, weekday or relative date changed',
  },

  // ------------------------------------------------------------ entities
  'entity-mismatch': {
    kind: 'entity', family: 'entities',
    severity: { base: 'medium', sharesWord: 'high' },
    confidence: { base: 0.7, sharesWord: 0.9 },
    what: 'a name replaced by a different name',
  },
  'name-spelled-otherwise': {
    kind: 'entity', family: 'entities', severity: { base: 'low' }, confidence: { base: 0.5 },
    what: 'a name spelled otherwise: a transliteration, a typo made or fixed, a garble ("Oleksandr" -> "Aleksandr")',
  },
  'title-changed': {
    kind: 'entity', family: 'entities', severity: { base: 'medium' }, confidence: { base: 0.6 },
    what: 'the same person given another role ("Chief Marketing Officer X" -> "marketing director X")',
  },
  'thing-to-person': {
    kind: 'entity', family: 'entities', severity: { base: 'high' }, confidence: { base: 0.6, pronoun: 0.55 },
    what: 'a thing (or "it") replaced by "he"/"she", so the sentence is about someone else',
  },
  'relation-changed': {
    kind: 'entity', family: 'entities', severity: { base: 'high' }, confidence: { base: 0.8 },
    what: 'one family relation replaced by another ("niece" -> "sister")',
  },
  'framing-term': {
    kind: 'renaming', family: 'entities', severity: { base: 'medium' }, confidence: { base: 0.7 },
    what: 'an event or place renamed with a loaded or partisan term',
  },

  // ------------------------------------------------------------ quotes
  'quote-altered': {
    kind: 'quote', family: 'quotes',
    // High when a figure or a negator changed inside the quotation.
    severity: { base: 'medium', figureOrNegator: 'high' },
    // By the share of the quotation's content words found in the source quotation.
    confidence: { base: 0.6, closeMatch: 0.9, match: 0.75 },
    what: 'words changed inside quotation marks',
  },

  // ------------------------------------------------------------ polarity: negation, hedge, reversal
  'negation-added': {
    kind: 'negation', family: 'polarity', severity: { base: 'high' },
    confidence: { base: 0.8, manyNegators: 0.55, scoped: 0.7 },
    what: 'a "not"/"no"/"never" added, flipping the meaning',
  },
  'negation-dropped': {
    kind: 'negation', family: 'polarity', severity: { base: 'high' },
    confidence: { base: 0.8, manyNegators: 0.55, scoped: 0.7 },
    what: 'a "not"/"no"/"never" dropped, flipping the meaning',
  },
  antonym: {
    kind: 'negation', family: 'polarity', severity: { base: 'high' }, confidence: { base: 0.75 },
    what: 'a word replaced by its WordNet antonym',
  },
  'hedge-to-certainty': {
    kind: 'hedge', family: 'polarity', severity: { base: 'high' }, confidence: { base: 0.85 },
    what: 'a hedged claim stated as certain ("may" -> "confirmed")',
  },
  'hedge-dropped': {
    kind: 'hedge', family: 'polarity', severity: { base: 'medium' }, confidence: { base: 0.6 },
    what: 'every hedge of the source sentence dropped',
  },
  'hedge-word-dropped': {
    kind: 'hedge', family: 'polarity', severity: { base: 'medium' }, confidence: { base: 0.55 },
    what: 'one hedge dropped while another is kept',
  },
  'modal-changed': {
    kind: 'hedge', family: 'polarity', severity: { base: 'medium' }, confidence: { base: 0.6 },
    what: 'a modal of another strength put in place of the source\'s ("must" -> "should", "should" -> "may")',
  },
  reversal: {
    // Reported as `reversal-<cluster>` ("reversal-more-less").
    kind: 'reversal', family: 'polarity', severity: { base: 'high' }, confidence: { base: 0.65 },
    what: 'a word of the opposite direction ("granted" -> "limited")',
  },

  // ------------------------------------------------------------ attribution
  'attribution-changed': {
    kind: 'attribution', family: 'attribution', severity: { base: 'high' }, confidence: { base: 0.6 },
    what: 'who said or believes something changed',
  },

  // ------------------------------------------------------------ loaded
  'loaded-word-added': {
    kind: 'loaded', family: 'loaded', severity: { base: 'low', several: 'medium' }, confidence: { base: 0.7 },
    what: 'evaluative words the source does not use',
  },
  'saying-verb-loaded': {
    kind: 'loaded', family: 'loaded', severity: { base: 'medium' }, confidence: { base: 0.65 },
    what: 'a neutral "said" turned into a verb that judges the speaker ("claimed")',
  },

  // ------------------------------------------------------------ inserted-omitted
  'no-source-sentence': {
    kind: 'inserted', family: 'inserted-omitted',
    // By content: figures, certainty, a denial or names are claims; short transitions are not.
    severity: { base: 'medium', claim: 'high', transition: 'low' },
    confidence: { base: 0.7 },
    what: 'a suspect sentence no source sentence supports',
  },
  'source-sentence-dropped': {
    kind: 'omitted', family: 'inserted-omitted',
    // Figures or a quotation are high; another view, doubt or criticism medium.
    severity: { base: 'low', facts: 'high', otherView: 'medium' },
    confidence: { base: 0.6 },
    what: 'a source sentence the copy leaves out',
  },
  'clause-added': {
    kind: 'inserted', family: 'inserted-omitted', severity: { base: 'medium', claim: 'high' }, confidence: { base: 0.6 },
    what: 'a clause of new content words added inside an aligned sentence',
  },
  'clause-dropped': {
    kind: 'omitted', family: 'inserted-omitted', severity: { base: 'low', facts: 'medium' }, confidence: { base: 0.6 },
    what: 'a clause of content words dropped from an aligned sentence',
  },
  'qualification-dropped': {
    kind: 'omitted', family: 'inserted-omitted', severity: { base: 'medium' }, confidence: { base: 0.6 },
    what: 'a qualification ("while ...", "although ...") the copy drops with none in its place',
  },

  // ------------------------------------------------------------ spinner
  'synonym-swap': {
    // Low and unsure: on SummEdits `dev` it flags 1 of 337 consistent edits ("wide range" ->
    // "broad choice"; 5 before the one-phrase and abstract/concrete tests) and 0 of 2,753 MRPC
    // `train` paraphrases. Its use is the spinner case, which those sets do not contain.
    kind: 'spinner', family: 'spinner', severity: { base: 'low' }, confidence: { base: 0.4 },
    what: 'a two-word phrase swapped word by word, breaking its meaning ("biggest escalation" -> "largest forest")',
  },
  'spinner-tortured-phrase': {
    kind: 'spinner', family: 'spinner', severity: { base: 'medium' }, confidence: { base: 0.95 },
    what: 'a published tortured phrase ("counterfeit consciousness")',
  },
  'spinner-broken-expression': {
    kind: 'spinner', family: 'spinner', severity: { base: 'medium' }, confidence: { base: 0.7 },
    what: 'a word pair one letter from a WordNet expression ("font line")',
  },
  'spinner-non-word': {
    kind: 'spinner', family: 'spinner', severity: { base: 'low' }, confidence: { base: 0.6 },
    what: 'a non-word one or two edits from a dictionary word',
  },
  'spinner-glued-number': {
    kind: 'spinner', family: 'spinner', severity: { base: 'medium' }, confidence: { base: 0.8 },
    what: 'a number glued to a verb by a hyphen ("500-suffered")',
  },

  'spinner-phrase': {
    // Reported as `spinner-phrase-synonym`. Only as corroboration, in an article with two other
    // spinner fingerprints (settings CORROBORATING_FINGERPRINTS), hence low.
    kind: 'spinner', family: 'spinner', severity: { base: 'low' }, confidence: { base: 0.5 },
    what: 'a word pair real news never writes whose one-word synonym variant is common (phrase model)',
  },

  'spinner-swap': {
    // Only in an article where many words read as blind synonym swaps (settings SWAP_*): on
    // seeded synthetic spinner rewrites ~0.9 of these findings are real swaps; low, as each
    // word alone could be the writer's.
    kind: 'spinner', family: 'spinner', severity: { base: 'low' }, confidence: { base: 0.6 },
    what: 'a word that reads as a synonym swapped in for a common phrase, in an article full of such swaps',
  },

  // ------------------------------------------------------------ loaded (single article)
  'loaded-alone': {
    // Reported as `loaded-alone-word` (hand-written list) or `loaded-alone-valence` (AFINN-165).
    kind: 'loaded', family: 'loaded', severity: { base: 'low' }, confidence: { base: 0.5 },
    what: 'judging words in the article\'s own voice that real news seldom uses, two or more per article',
  },

  // ------------------------------------------------------------ evasion (single article)
  evasion: {
    // Reported as `evasion-lookalike-letters` or `evasion-hidden-characters`; the first finding
    // of an article is medium, the others (`repeat`) low, so one disguise is one serious change.
    kind: 'evasion', family: 'evasion', severity: { base: 'medium', repeat: 'low' }, confidence: { base: 0.95 },
    what: 'look-alike letters from another script or invisible characters hidden in words',
    fixture: 'test/trace-evasion.test.ts and src/core/text/confusables.test.ts (undone before the text is split)',
  },

  // ------------------------------------------------------------ substitutions: every swapped word accounted for
  'word-substituted': {
    kind: 'substitution', family: 'substitutions', severity: { base: 'low' }, confidence: { base: 0.5 },
    what: 'a content word replaced by one that is neither the same word nor a synonym ("shelling" -> "peeling")',
  },
  'synonym-wrong-sense': {
    kind: 'spinner', family: 'substitutions', severity: { base: 'low' }, confidence: { base: 0.5 },
    what: 'a word replaced by a synonym in a sense neither usually has ("a shell hit the roof" -> "a case hit the roof")',
  },
  'words-swapped': {
    kind: 'spinner', family: 'substitutions', severity: { base: 'low' }, confidence: { base: 0.6 },
    what: 'a sentence whose words were swapped one for one, the rest kept (settings SPUN_MIN_SWAPS), listed together',
  },
  'expression-broken': {
    kind: 'spinner', family: 'substitutions', severity: { base: 'medium' }, confidence: { base: 0.7 },
    what: 'one word of a fixed expression swapped, the other kept ("traffic jam" -> "traffic jelly")',
  },

  // ------------------------------------------------------------ unattributed (single article)
  unattributed: {
    // Reported as `unattributed-<pattern>`. Vague sources that present a claim as established
    // are worse than ones that only report talk.
    kind: 'unattributed', family: 'unattributed',
    severity: { base: 'low', establishes: 'medium' },
    confidence: { base: 0.7 },
    what: 'a claim credited to no named source ("reports confirm", "sources say")',
  },

  // ------------------------------------------------------------ boilerplate
  boilerplate: {
    // Reported as `boilerplate-<reason>`, the extract stage's reason code.
    kind: 'boilerplate', family: 'boilerplate', severity: { base: 'low' }, confidence: { base: 0.9 },
    what: 'page furniture cut from the article body',
    fixture: 'test/fixtures/extract (the extract stage decides what is furniture)',
  },

  // ------------------------------------------------------------ credit (credit.ts)
  uncredited: {
    // Reported as `uncredited` or `uncredited-verbatim`. Low: it does not change what a reader
    // believes; it is what a rights team looks for, and the report's `credit` says why.
    kind: 'uncredited', family: 'credit', severity: { base: 'low' }, confidence: { base: 0.8 },
    what: 'the copy names neither the source outlet nor its byline, nor links to it',
    fixture: 'src/core/classify/credit.test.ts (credit is judged on the whole page, not a sentence pair)',
  },
} as const satisfies Record<string, RuleRow>;

export type RuleId = keyof typeof RULES;

type Grade<R extends RuleId, F extends 'severity' | 'confidence'> = Exclude<keyof (typeof RULES)[R][F], 'base'>;

/** What a check found, before it becomes a Change: the rule, its grade, the words at stake. */
export type Hit = {
  [R in RuleId]: {
    rule: R;
    /** Appended to the rule id in reports: "reversal" + "more-less" -> "reversal-more-less". */
    variant?: string;
    /** A named severity grade of the rule's row; `base` when absent. */
    severity?: Grade<R, 'severity'>;
    confidence?: Grade<R, 'confidence'>;
    reason: string;
    suspect: Span[];
    source: Span[];
  };
}[RuleId];

/** The kind, reported rule id, severity and confidence a hit gets from its row. */
export function ruleOutcome(hit: Pick<Hit, 'rule' | 'variant' | 'severity' | 'confidence'>): {
  kind: ChangeKind;
  rule: string;
  severity: Severity;
  confidence: number;
} {
  const row: RuleRow = RULES[hit.rule];
  return {
    kind: row.kind,
    rule: hit.variant ? `${hit.rule}-${hit.variant}` : hit.rule,
    severity: row.severity[hit.severity ?? 'base'],
    confidence: row.confidence[hit.confidence ?? 'base'],
  };
}
