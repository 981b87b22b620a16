/**
 * @module core/config
 * Every tuned constant in one place. Each stage keeps its thresholds in its own
 * `settings.ts`, with a note on what each was calibrated on; this barrel re-exports them,
 * one namespace per stage, so a reader (or a benchmark) can find and print them all. Add a
 * line when a stage gains a settings module.
 */
export * as extractSettings from './extract/settings.ts';
export * as indexSettings from './index/settings.ts';
export * as retrieveSettings from './retrieve/settings.ts';
export * as alignSettings from './align/settings.ts';
export * as classifySettings from './classify/settings.ts';
export * as limits from './limits.ts';
export { MAX_SENTENCE_WORDS, TARGET_PIECE_WORDS } from './text/sentences.ts';
export { REPORT_SCHEMA_VERSION } from './report/build-report.ts';
export { SIDE_BY_SIDE_MIN_WIDTH } from './report/render-terminal.ts';
