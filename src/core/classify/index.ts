/**
 * @module core/classify
 * The classify stage: labels for aligned pairs, insertions, omissions and boilerplate, and the
 * single-article checks (spinner fingerprints, unattributed claims) that need no source.
 */
export { classifyChanges, classifyPair, boilerplateChanges, type ClassifyInput } from './classify.ts';
export { singleArticleChecks, findUnattributed } from './single-article.ts';
export { findSpinnerArtifacts, editDistance, type SpinnerHit } from './spinner.ts';
export { PAIR_DETECTORS } from './detectors.ts';
