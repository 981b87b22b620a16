/**
 * @module core/align/settings
 * Every tuned constant of the align stage, with what it was calibrated on. Change them here
 * only after re-running `npx tsx scripts/calibrate-align.ts` (dev/train splits only).
 */

/** Weight of a content word in sentence similarity. */
export const WORD_WEIGHT = 1;
/** Weight of a figure (digits or number words): figures are strong evidence of a shared source. */
export const NUMBER_WEIGHT = 2;
/** Weight of a capitalised (name-like) word not at the start of the sentence. */
export const NAME_WEIGHT = 1.5;
/** Credit for a word matched only through a shared WordNet synset ("perished" ~ "died"). */
export const SYNONYM_CREDIT = 0.7;
/** Senses per word looked up in WordNet: rarer senses make everything a synonym of everything. */
export const SYNONYM_SENSES = 3;

/**
 * Lowest similarity at which a suspect sentence is aligned to a source sentence. Calibrated on
 * MRPC `train` pairs (all derived, should align) against consecutive sentence pairs of the same
 * news article (related but distinct, should not): the balanced-accuracy optimum, see
 * scripts/calibrate-align.ts.
 */
export const ALIGN_MIN_SIMILARITY = 0.3;
/**
 * A second, adjacent source sentence is merged into a group (many-to-one) when the union explains
 * the suspect sentence this much better than the best single sentence. Set by hand on merged
 * sentence pairs built from MRPC `train` (two sources joined into one).
 */
export const MERGE_MIN_GAIN = 0.08;
/** ...and when that second sentence alone is at least this similar to the suspect sentence. */
export const MERGE_PART_MIN = 0.15;
/**
 * A source sentence counts as used (not omitted) when any suspect sentence reaches this
 * similarity with it, even if that suspect sentence was aligned elsewhere.
 */
export const USED_MIN_SIMILARITY = ALIGN_MIN_SIMILARITY;

/**
 * Rescue pass (align step 2b): a leftover suspect sentence pairs with a leftover source sentence
 * below ALIGN_MIN_SIMILARITY when each is the other's best, similarity reaches this, and they
 * share RESCUE_MIN_DISTINCTIVE keys used by at most RESCUE_MAX_SENTENCE_FREQUENCY sentences of
 * that source. Set by hand on METER `dev` (scripts/measure-align-meter.ts --one); see the
 * commit message for the measured effect.
 */
export const RESCUE_MIN_SIMILARITY = 0.2;
export const RESCUE_MIN_DISTINCTIVE = 3;
export const RESCUE_MAX_SENTENCE_FREQUENCY = 2;
/**
 * Gap filling (align step 2b): a leftover suspect sentence between two neighbours aligned in
 * order to one source pairs with an unused source sentence between their counterparts at this
 * similarity. Set by hand on METER `dev` (scripts/measure-align-meter.ts --one).
 */
export const GAP_MIN_SIMILARITY = 0.2;
