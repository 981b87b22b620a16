/**
 * @module core/classify
 * The classify stage: labels for aligned pairs, insertions, omissions and boilerplate, and the
 * single-article checks (spinner fingerprints, unattributed claims) that need no source. Every
 * rule is a row of the table in `catalogue.ts`; its check lives in a family file under `rules/`.
 */
export { classifyChanges, classifyPair, boilerplateChanges, keptFurnitureChanges, compareHeadlines, foldHeadlineRepeats, type ClassifyInput, type HeadlineSide } from './classify.ts';
export { singleArticleChecks } from './single-article.ts';
export { findUnattributed } from './rules/unattributed.ts';
export { findSpinnerArtifacts, editDistance, type SpinnerHit } from './rules/spinner.ts';
export { RULES, ruleOutcome, type RuleId, type RuleRow, type RuleFamily, type Hit } from './catalogue.ts';
export { PAIR_CHECKS, type PairCheck } from './pair-checks.ts';
