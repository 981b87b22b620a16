/**
 * @module core/pipeline
 * Runs the stages, in this order, and can stop after any of them:
 *
 *   1. extract   RawInput -> title, byline, date, clean body, and the furniture cut from it
 *   2. split     body -> sentences with exact offsets
 *   3. retrieve  (only with a non-empty store) candidate sources, each with a confidence and why
 *   4. align     suspect sentences <-> source sentences (reordering, 1-n, n-1 allowed), then
 *                unsupported paragraphs that are furniture (labels, correction notes, repeats,
 *                lines recurring across the site's pages) are cut and the rest aligned again
 *   5. classify  a label and evidence per aligned group, plus the single-article checks
 *                (boilerplate, spinner phrasing, unattributed claims) that need no source
 *   6. report    everything as one self-contained Report (docs/report.schema.json)
 *
 * With no store, or an empty one, steps 3-4 are skipped, step 5 runs the single-article
 * checks only, and the verdict says that no corpus was searched. Pure apart from the Store
 * it is handed: the generator version comes from the edge.
 */
import { alignSentences, wordDiff } from './align/index.ts';
import { classifyChanges, compareHeadlines, foldHeadlineRepeats, keptFurnitureChanges, singleArticleChecks } from './classify/index.ts';
import { checkCredit } from './classify/credit.ts';
import { extractArticle } from './extract/index.ts';
import { cutParagraphs, KEPT_IN_BODY, unalignedFurniture, type ParagraphCut } from './extract/unaligned.ts';
import { hasSiteLines, sitePageLines } from './site-lines.ts';
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
import type { AlignmentGroup, Change, RawInput, Report, RetrievalResult, SourceCredit, SplitArticle } from './types.ts';

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
  let article = extractArticle(input, limits);
  // Words are compared as they read: look-alike letters and hidden characters undone (same
  // length, so offsets hold); the report quotes the original again at the end.
  let confusables = normaliseConfusables(article.text);
  let suspect = splitArticle(confusables.text);
  if (suspect.sentences.length > limits.maxSentences) throw overLimit(input.name, 'sentences', suspect.sentences.length, limits.maxSentences);
  const title = article.title === null ? null : normaliseConfusables(article.title).text;

  // How often this page's lines recur on other recorded pages of its site (its template), and
  // this page's lines recorded for later traces (a store opened read-only records nothing).
  let siteCounts: ReadonlyMap<string, number> = new Map();
  const page = runs('retrieve') ? sitePageLines(article.url ?? input.url, article.text) : null;
  if (page && hasSiteLines(store)) {
    siteCounts = await store.siteLineCounts(page.site, page.keys, page.page);
    await store.recordSiteLines([page]);
  }

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

  // 4b. Furniture that shows only now: paragraphs no source sentence supports that are label
  // lines, correction notes, repeats or the site's template (with no source, every paragraph
  // is unsupported). Cut into `removed`, then split and align again.
  // Correction notes stay in the body and are labelled boilerplate after classifying.
  let keptFurniture: ParagraphCut[] = [];
  if (runs('align')) {
    const cuts = unalignedFurniture(suspect, alignSources.length > 0 ? alignment : null, siteCounts).filter((c) => !KEPT_IN_BODY.has(c.reason));
    if (cuts.length > 0) {
      // Offsets in the normalised text are offsets in the extracted text (same length).
      article = cutParagraphs(article, cuts);
      confusables = normaliseConfusables(article.text);
      suspect = splitArticle(confusables.text);
      if (alignSources.length > 0) alignment = alignSentences(suspect, alignSources);
    }
    keptFurniture = unalignedFurniture(suspect, alignSources.length > 0 ? alignment : null).filter((c) => KEPT_IN_BODY.has(c.reason));
  }

  // 5. Classify, then the checks that need no source.
  let changes: Change[] = [];
  let singleArticle: Change[] = [];
  let credit: SourceCredit | undefined;
  if (runs('classify')) {
    const paired = alignment.length > 0 ? classifyChanges({ suspect, sources: alignSources, alignment, removed: article.removed, furniture: keptFurniture }) : [];
    // Cut furniture is known from the page alone, whichever stage labels it: report it once,
    // as a single-article finding.
    const kept = keptFurnitureChanges(suspect, keptFurniture);
    const keptSentences = new Set(kept.flatMap((c) => c.suspectSentences));
    const isKeptFurniture = (c: Change) => c.kind === 'inserted' && c.suspectSentences.length > 0 && c.suspectSentences.every((i) => keptSentences.has(i));
    changes = paired.filter((c) => c.kind !== 'boilerplate' && !isKeptFurniture(c));
    singleArticle = dedupe([...paired.filter((c) => c.kind === 'boilerplate'), ...kept, ...evasionChanges(suspect, confusables), ...(await singleArticleWithIndex(suspect, article.removed, store))]);
    singleArticle = withoutInheritedVagueness(singleArticle, alignment, alignSources);
    if (sources.length > 0) {
      const first = sources[0];
      // The headline read against the source's (quoted as the page gives it), then credit.
      const headline = compareHeadlines({ title, body: suspect }, { id: first.match.article.id, title: first.match.article.title, body: first.split });
      changes.push(...foldHeadlineRepeats(headline, changes).map((c) => ({ ...c, suspectText: article.title ?? c.suspectText })));
      const verbatim = new Set(changes.filter((c) => c.kind === 'verbatim' && c.sourceId === first.match.article.id).flatMap((c) => c.suspectSentences)).size;
      const page = { title: article.title, byline: article.byline, url: article.url ?? input.url ?? null, text: article.text, removed: article.removed, links: article.links ?? [] };
      const checked = checkCredit(page, first.match.article, verbatim, suspect.sentences.length);
      credit = checked.credit;
      if (checked.change) changes.push(checked.change);
    }
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
    credit,
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
