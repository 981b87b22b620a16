/**
 * @module core/classify/pair-checks
 * The checks run on every aligned pair that is not word for word, in the order their findings
 * are reported. Each lives in its family file under `rules/` and reports rules of the table in
 * `catalogue.ts`; each is handed what the checks before it found, so that the last one can
 * account for every swapped word the others left unexplained.
 */
import type { Hit } from './catalogue.ts';
import type { PairContext } from './pair.ts';
import { detectAttribution } from './rules/attribution.ts';
import { detectEntities, detectTitleChange, detectPronounSwap, detectRelationChange, detectRenaming } from './rules/entities.ts';
import { detectClauses, detectDroppedQualification } from './rules/inserted-omitted.ts';
import { detectLoaded, detectLoadedSaying } from './rules/loaded.ts';
import { detectDates, detectNumbers } from './rules/numbers-dates.ts';
import { detectHedge, detectModalChange, detectNegation, detectReversal } from './rules/polarity.ts';
import { detectQuotes } from './rules/quotes.ts';
import { detectSynonymSwap } from './rules/spinner.ts';
import { detectSubstitutions } from './rules/substitutions.ts';

export type PairCheck = (ctx: PairContext, earlier: readonly Hit[]) => Hit[];

export const PAIR_CHECKS: readonly PairCheck[] = [
  detectNumbers, detectDates, detectEntities, detectTitleChange, detectPronounSwap, detectQuotes, detectNegation, detectHedge, detectModalChange, detectReversal,
  detectAttribution, detectRenaming, detectLoaded, detectLoadedSaying, detectRelationChange, detectClauses, detectDroppedQualification, detectSynonymSwap,
  detectSubstitutions,
];
