/**
 * @module core/pipeline
 * Runs the stages, in this order, and can stop after any of them:
 *
 *   1. extract   RawInput -> title, byline, date, clean body, and the furniture cut from it
 *   2. split     body -> sentences with exact offsets
 *   3. retrieve  (only with a non-empty store) candidate sources, each with a confidence and why
 *   4. align     suspect sentences <-> source sentences (reordering, 1-n, n-1 allowed)
 *   5. classify  a label and evidence per aligned group, plus the single-article checks
 *                (boilerplate, spinner phrasing, unattributed claims) that need no source
 *   6. report    everything as one self-contained Report (docs/report.schema.json)
 *
 * With no store, or an empty one, steps 3-4 are skipped, step 5 runs the single-article
 * checks only, and the verdict says that no corpus was searched. Pure apart from the Store
 * it is handed: the generator version comes from the edge.
 */
import { alignSentences, wordDiff } from './align/index.ts';
import { classifyChanges, singleArticleChecks } from './classify/index.ts';
import { extractArticle } from './extract/index.ts';
import { overLimit, resolveLimits, type Limits } from './limits.ts';
import { buildReport, type SplitSource } from './report/build-report.ts';
import { retrieveSources, type RetrieveOptions } from './retrieve/index.ts';
import { hasPhraseStats, type Store } from './store.ts';
import { normaliseConfusables } from './text/confusables.ts';
import { restoreSuspectText } from './report/restore-text.ts';
import { evasionChanges } from './classify/rules/evasion.ts';
import { defaultPhraseModel, recordingModel, withIndexCounts, type PhraseModel } from './phrases/model.ts';
import { phraseKey } from './phrases/ngrams.ts';
import { splitArticle } from './text/sentences.ts';
import type { AlignmentGroup, Change, RawInput, Report, RetrievalResult, SplitArticle } from './types.ts';

export type PipelineStage = 'extract' | 'retrieve' | 'align' | 'classify';

export interface TraceOptions {
  /** Stop after this stage; later parts of the report are left empty. Default: run all. */
  stopAfter?: PipelineStage;
  /** unspun's version, recorded in the report (the edge reads it from package.json). */
  generatorVersion?: string;
  /** Retrieval overrides (thresholds, limits); defaults come from core/retrieve/settings.ts. */
  retrieve?: Partial<RetrieveOptions>;
  /** Input and work limits; defaults come from core/limits.ts. */
  limits?: Partial<Limits>;
}

const STAGE_ORDER: PipelineStage[] = ['extract', 'retrieve', 'align', 'classify'];

export async function traceArticle(input: RawInput, store: Store | null, options: TraceOptions = {}): Promise<Report> {
  const stopAt = STAGE_ORDER.indexOf(options.stopAfter ?? 'classify');
  const runs = (stage: PipelineStage): boolean => STAGE_ORDER.indexOf(stage) <= stopAt;

  // 1-2. Extract and split. Faults (empty, binary, no article, over a limit) are thrown as UnspunError.
  const limits = resolveLimits(options.limits);
  const article = extractArticle(input, limits);
  // Words are compared as they read: look-alike letters and hidden characters undone (same
  // length, so offsets hold); the report quotes the original again at the end.
  const confusables = normaliseConfusables(article.text);
  const suspect = splitArticle(confusables.text);
  if (suspect.sentences.length > limits.maxSentences) throw overLimit(input.name, 'sentences', suspect.sentences.length, limits.maxSentences);
  const title = article.title === null ? null : normaliseConfusables(article.title).text;

  // 3. Retrieve, only when there is something to search.
  let retrieval: RetrievalResult | null = null;
  let sources: SplitSource[] = [];
  if (runs('retrieve') && store && (await store.count()) > 0) {
    // The page's own date, else when it was fetched: the search looks near it first.
    const published = article.published ?? input.fetchedAt ?? null;
    retrieval = await retrieveSources(store, { title, text: suspect.text, sentences: suspect.sentences, published }, options.retrieve);
    sources = retrieval.sources.map((match) => ({ match, split: splitArticle(match.article.text) }));
  }

  // 4. Align.
  const alignSources = sources.map((s) => ({ id: s.match.article.id, split: s.split }));
  let alignment: AlignmentGroup[] = [];
  if (runs('align') && alignSources.length > 0) {
    // Every suspect sentence is compared with every source sentence: bound that work.
    const pairs = suspect.sentences.length * alignSources.reduce((n, s) => n + s.split.sentences.length, 0);
    if (pairs > limits.maxAlignPairs) {
      throw overLimit(input.name, `sentence comparisons to align ${suspect.sentences.length} sentences with ${alignSources.length} source(s)`, pairs, limits.maxAlignPairs);
    }
    alignment = alignSentences(suspect, alignSources);
  }

  // 5. Classify, then the checks that need no source.
  let changes: Change[] = [];
  let singleArticle: Change[] = [];
  if (runs('classify')) {
    const paired = alignment.length > 0 ? classifyChanges({ suspect, sources: alignSources, alignment, removed: article.removed }) : [];
    // Cut furniture is known from the page alone, whichever stage labels it: report it once,
    // as a single-article finding.
    changes = paired.filter((c) => c.kind !== 'boilerplate');
    singleArticle = dedupe([...paired.filter((c) => c.kind === 'boilerplate'), ...evasionChanges(suspect, confusables), ...(await singleArticleWithIndex(suspect, article.removed, store))]);
    singleArticle = withoutInheritedVagueness(singleArticle, alignment, alignSources);
  }

  // 6. Report.
  const report = buildReport({
    generatorVersion: options.generatorVersion ?? '0.0.0',
    name: input.name,
    article: { ...article, url: article.url ?? input.url ?? null },
    suspect,
    retrieval,
    sources,
    alignment,
    changes,
    singleArticle,
    wordDiff,
  });
  restoreSuspectText(report, article.text, confusables);
  if (options.stopAfter && options.stopAfter !== 'classify') {
    report.verdict = { ...report.verdict, reason: `${report.verdict.reason} (Stopped after the ${options.stopAfter} stage.)` };
  }
  return report;
}

/**
 * The single-article checks, judging wording by the shipped phrase table plus, when the store
 * keeps phrase statistics, the index's own counts: a first run records which phrases the checks
 * ask about, their counts are fetched in one call, and the checks run again with them.
 */
async function singleArticleWithIndex(suspect: SplitArticle, removed: RawRemoved, store: Store | null): Promise<Change[]> {
  const base = defaultPhraseModel();
  const articles = store ? await store.count() : 0;
  if (!store || articles === 0 || !hasPhraseStats(store)) return singleArticleChecks(suspect, removed, { phrases: base });
  const recorder = recordingModel(base);
  const first = singleArticleChecks(suspect, removed, { phrases: recorder });
  const counts = await store.phraseCounts([...recorder.asked].map(phraseKey));
  if (counts.size === 0) return first;
  const model: PhraseModel = withIndexCounts(base, counts, articles);
  return singleArticleChecks(suspect, removed, { phrases: model });
}

type RawRemoved = Parameters<typeof singleArticleChecks>[1];

/**
 * An unattributed claim ("residents said") that the aligned source sentence words the same way
 * is the source's own phrasing, not something the copy did: drop it once a source is known.
 */
function withoutInheritedVagueness(changes: Change[], alignment: AlignmentGroup[], sources: { id: string; split: SplitArticle }[]): Change[] {
  if (alignment.length === 0) return changes;
  const splits = new Map(sources.map((s) => [s.id, s.split]));
  return changes.filter((c) => {
    if (c.kind !== 'unattributed' || c.evidence.suspect.length === 0) return true;
    const phrase = c.evidence.suspect[0].toLowerCase();
    return !alignment.some((g) => {
      if (!g.source || !g.suspect.some((i) => c.suspectSentences.includes(i))) return false;
      const split = splits.get(g.source.id);
      return !!split && g.source.sentences.some((j) => split.sentences[j]?.text.toLowerCase().includes(phrase));
    });
  });
}

function dedupe(changes: Change[]): Change[] {
  const seen = new Set<string>();
  return changes.filter((c) => {
    const key = JSON.stringify([c.kind, c.suspectText, c.suspectSentences, c.evidence.rule, c.evidence.suspect]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
