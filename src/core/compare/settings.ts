/**
 * @module core/compare/settings
 * Tuned constants of the compare stage, each with what it was fitted on.
 */
import { ALIGN_MIN_SIMILARITY } from '../align/settings.ts';

/**
 * Two copies belong to one story when their story similarity (the larger of the two sentence
 * coverages, see cluster.ts) reaches this. Fitted on METER `dev` (467 wholly/partially derived
 * newspaper stories; 988 same-story pairs vs 4,353 pairs of different stories from the same day
 * and domain, the hard case): at 0.30 pair precision 0.989, recall 0.885 (F1 0.934). 0.20 has a
 * better F1 (0.961) but 2.3x the false links, and single link chains every false link into a
 * merged story, so precision is worth more here. Command: see docs/compare.md ("How the threshold
 * was set").
 */
export const CLUSTER_THRESHOLD = 0.3;

/** Two sentences state the same thing when they align (the align stage's own threshold). */
export const SENTENCE_THRESHOLD = ALIGN_MIN_SIMILARITY;

/** A slot is part of the consensus when more than this share of the cluster's copies has it. */
export const CONSENSUS_SHARE = 0.5;
