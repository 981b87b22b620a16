/**
 * @module bench/tasks/change-kinds
 * Does each change label fire on the distortion it names, and only there?
 *
 * 1. SummEdits news: each edited summary classified against the seed summary it was edited
 *    from (a minimal, human-typed edit). Each edit type maps to the kinds that should catch it;
 *    an item's score for a kind group is the strongest matching change (confidence times a
 *    severity weight), and the cut on that score is fitted on dev for F1 and applied to test.
 * 2. FRANK typed errors: model summaries aligned to and classified against the full article.
 *    FRANK's categories that have a counterpart among our kinds are scored the same way.
 * 3. Tortured phrases (Problematic Paper Screener fingerprints): spinner recall of the
 *    single-article checks on each spun phrase in a plain carrier sentence, and the false-alarm
 *    rate on the established phrase it replaced, per the dataset's dev/test split; plus spinner
 *    and loaded-wording flags per 1,000 sentences of real news (NEWS_TEST of
 *    bench/lib/news-ranges.ts: held out of the phrase table, never tuned on).
 * 4. Milliseconds per sentence pair for split + align + classify (MRPC train pairs).
 *
 * Missing or malformed datasets throw (DATASET_MISSING / DATASET_MALFORMED): no silent zeros.
 */
import { datasetPath, loadPairs, loadSummaries, readJsonlFile, type SummaryRecord } from '../lib/datasets.ts';
import { NEWS_TEST, NEWS_TUNE, readNewsRange } from '../lib/news-ranges.ts';
import { readSpinSources, seededRandom, spinText } from '../lib/synthetic-spin.ts';
import { slantedArticles, type SlantEdit } from '../lib/synthetic-slant.ts';
import { Timer, type SpeedRow } from '../lib/measure.ts';
import { balancedAccuracy, fitThreshold, prfFromCounts } from '../lib/metrics.ts';
import { markdownTable, pct, type Cell } from '../lib/table.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';
import { alignSentences } from '../../src/core/align/index.ts';
import { classifyChanges, singleArticleChecks } from '../../src/core/classify/index.ts';
import { UnspunError } from '../../src/core/errors.ts';
import { splitArticle } from '../../src/core/text/sentences.ts';
import type { Change, ChangeKind, Severity } from '../../src/core/types.ts';

const QUICK_ITEMS = 80;
const QUICK_PHRASES = 300;
const QUICK_PAIRS = 200;
/** Real-news articles per corpus file of NEWS_TEST read by the quick gate (the full run reads all of it). */
const QUICK_NEWS_ARTICLES = 50;
/**
 * Gate ceiling on false flags per 1,000 sentences of real news, per kind: the spinner rate
 * before the phrase model (~5), so a regression toward it fails CI. Issue #9's target is 1.
 */
const NEWS_FLAG_BUDGET = 5;

/** A change's weight by severity: a low-severity label is a weaker vote than a high one. */
const SEVERITY_WEIGHT: Record<Severity, number> = { none: 0, low: 0.5, medium: 0.8, high: 1 };

/** Kinds that claim a distortion (faithful pairs and page furniture excluded). */
const DISTORTIONS: ChangeKind[] = ['number', 'date', 'entity', 'quote', 'negation', 'hedge', 'reversal', 'attribution', 'renaming', 'loaded', 'inserted'];

interface TypeMap {
  type: string;
  kinds: ChangeKind[];
  note: string;
}

const SUMMEDITS_TYPES: TypeMap[] = [
  { type: 'entity_modification', kinds: ['entity', 'number', 'date'], note: 'a name, figure or date replaced' },
  { type: 'antonym_swap', kinds: ['negation', 'reversal'], note: 'a word replaced by its opposite' },
  { type: 'negation_insertion_removal', kinds: ['negation'], note: '"not"/"no" added or dropped' },
  { type: 'hallucinated_fact_insertion', kinds: ['inserted', 'entity', 'number', 'date'], note: 'a fact added' },
];

const FRANK_TYPES: TypeMap[] = [
  { type: 'EntE', kinds: ['entity', 'number', 'attribution'], note: 'wrong entity (who/what)' },
  { type: 'CircE', kinds: ['date', 'number', 'entity'], note: 'wrong circumstance (time, place, manner)' },
  { type: 'OutE', kinds: ['inserted', 'entity', 'number', 'date'], note: 'information not in the article' },
  { type: 'RelE', kinds: ['negation', 'reversal', 'hedge'], note: 'wrong predicate (what happened)' },
];
const FRANK_UNMAPPED = 'CorefE (coreference), LinkE (discourse link), GramE (grammar) and Other have no counterpart among the kinds and are not scored.';

interface Scored {
  split: 'dev' | 'test';
  label: 0 | 1;
  types: string[];
  changes: Change[];
}

function classify(source: string, suspect: string): Change[] {
  const src = splitArticle(source);
  const sus = splitArticle(suspect);
  const sources = [{ id: 'source', split: src }];
  return classifyChanges({ suspect: sus, sources, alignment: alignSentences(sus, sources), removed: [] });
}

/** Strongest change of the given kinds: confidence times severity weight, 0 when none. */
function kindScore(changes: Change[], kinds: readonly ChangeKind[]): number {
  let best = 0;
  for (const c of changes) if (kinds.includes(c.kind)) best = Math.max(best, c.confidence * SEVERITY_WEIGHT[c.severity]);
  return best;
}

/** Every k-th item, deterministic. */
function sample<T>(xs: T[], n: number): T[] {
  if (xs.length <= n) return xs;
  const step = xs.length / n;
  return Array.from({ length: n }, (_, i) => xs[Math.floor(i * step)]);
}

interface PrRow {
  cut: number;
  dev: { p: number; r: number; f1: number; falseAlarm: number; n: number };
  test: { p: number; r: number; f1: number; falseAlarm: number; n: number } | null;
}

/**
 * Precision / recall of "score >= cut" for items whose gold types include one of `gold`, with
 * the cut fitted on dev for F1. `falseAlarm` is the share of consistent items flagged.
 */
function scoreGroup(items: Scored[], gold: (it: Scored) => boolean, kinds: readonly ChangeKind[]): PrRow {
  const at = (xs: Scored[], cut: number) => {
    let tp = 0, fp = 0, fn = 0, fa = 0, consistent = 0;
    for (const it of xs) {
      const flagged = kindScore(it.changes, kinds) >= cut;
      const g = gold(it);
      if (flagged && g) tp++;
      else if (flagged) fp++;
      else if (g) fn++;
      if (it.label === 1) {
        consistent++;
        if (flagged) fa++;
      }
    }
    const m = prfFromCounts(tp, fp, fn);
    return { p: m.precision, r: m.recall, f1: m.f1, falseAlarm: consistent ? fa / consistent : NaN, n: tp + fn };
  };
  const dev = items.filter((i) => i.split === 'dev');
  const test = items.filter((i) => i.split === 'test');
  const devScores = dev.map((it) => kindScore(it.changes, kinds));
  // The cut must flag something: a score of 0 means no matching change at all.
  const fitted = fitThreshold(devScores, dev.map((it) => (gold(it) ? 1 : 0)), (g, p) => prfFromCounts(
    g.filter((x, i) => x === 1 && p[i] === 1).length, g.filter((x, i) => x === 0 && p[i] === 1).length, g.filter((x, i) => x === 1 && p[i] === 0).length,
  ).f1);
  const cut = Math.max(fitted.threshold, 1e-6);
  return { cut, dev: at(dev, cut), test: test.length ? at(test, cut) : null };
}

function prRows(label: (t: TypeMap) => Cell[], maps: TypeMap[], items: Scored[], metrics: Record<string, number>, key: string): Cell[][] {
  const rows: Cell[][] = [];
  for (const t of maps) {
    const r = scoreGroup(items, (it) => it.types.includes(t.type), t.kinds);
    metrics[`${key}.${t.type}.dev.recall`] = r.dev.r;
    metrics[`${key}.${t.type}.dev.precision`] = r.dev.p;
    rows.push([...label(t), r.dev.n, r.dev.p, r.dev.r, r.dev.falseAlarm, r.test?.n ?? null, r.test?.p ?? null, r.test?.r ?? null, r.test?.falseAlarm ?? null]);
  }
  return rows;
}

/** Per single kind: gold = items with any edit type that this kind is meant to catch. */
function perKindRows(maps: TypeMap[], items: Scored[]): Cell[][] {
  const kinds = [...new Set(maps.flatMap((m) => m.kinds))];
  return kinds.map((k) => {
    const types = maps.filter((m) => m.kinds.includes(k)).map((m) => m.type);
    const r = scoreGroup(items, (it) => it.types.some((t) => types.includes(t)), [k]);
    return [`\`${k}\``, types.join(', '), r.dev.n, r.dev.p, r.dev.r, r.dev.falseAlarm, r.test?.n ?? null, r.test?.p ?? null, r.test?.r ?? null, r.test?.falseAlarm ?? null];
  });
}

/** Binary verdict "some distortion of medium or high severity" as a consistency check. */
function verdictBacc(items: Scored[], split: 'dev' | 'test'): number {
  const xs = items.filter((i) => i.split === split);
  const flag = (it: Scored) => (it.changes.some((c) => DISTORTIONS.includes(c.kind) && (c.severity === 'medium' || c.severity === 'high')) ? 0 : 1);
  return xs.length ? balancedAccuracy(xs.map((i) => i.label), xs.map(flag)) : NaN;
}

const PR_HEADER = ['dev n', 'dev P', 'dev R', 'dev false alarms', 'test n', 'test P', 'test R', 'test false alarms'];

// ---------------------------------------------------------------- SummEdits

function summeditsSection(opts: TaskOptions, metrics: Record<string, number>, speed: SpeedRow[]): string {
  const records = loadSummaries('summedits').filter((r) => r.domain === 'news') as (SummaryRecord & { original_summary?: unknown })[];
  for (const r of records) {
    if (typeof r.original_summary !== 'string') throw new UnspunError('DATASET_MALFORMED', datasetPath('summedits/summedits.jsonl.gz'), `${r.id} has no original_summary`);
  }
  let edited = records.filter((r) => r.summary !== r.original_summary);
  if (opts.quick) edited = sample(edited.filter((r) => r.split === 'dev'), QUICK_ITEMS);
  const timer = new Timer();
  const items: Scored[] = edited.map((r) => ({
    split: r.split as 'dev' | 'test',
    label: r.label as 0 | 1,
    types: r.error_types ?? [],
    changes: timer.time(() => classify(r.original_summary as string, r.summary)),
  }));
  speed.push(timer.row('change-kinds', 'unspun split + align + classify, SummEdits news (seed vs edit)', opts.quick ? 'dev sample' : 'dev+test', 'summary pair'));
  const n = (s: string) => items.filter((i) => i.split === s).length;
  opts.log(`SummEdits news: ${n('dev')} dev, ${n('test')} test edited summaries`);
  const byType = prRows((t) => [t.type, t.kinds.map((k) => `\`${k}\``).join(' / ')], SUMMEDITS_TYPES, items, metrics, 'summedits-news');
  const byKind = perKindRows(SUMMEDITS_TYPES, items);
  const devBacc = verdictBacc(items, 'dev');
  const testBacc = verdictBacc(items, 'test');
  metrics['summedits-news.dev.verdict.bacc'] = devBacc;
  const verdictRows: Cell[][] = [
    ['**unspun**: any medium/high distortion (edit vs seed summary)', devBacc, opts.quick ? null : testBacc, 'this run; no cut fitted'],
  ];
  if (!opts.quick) {
    verdictRows.push(
      ['SummaC-Conv (edit vs document)', null, 0.619, 'factualNLG leaderboard, whole news domain (via dataset README); different input'],
      ['QAFactEval (edit vs document)', null, 0.744, 'same'],
      ['GPT-4 (edit vs document)', null, 0.833, 'same'],
    );
  }
  return [
    `### SummEdits news: edit types\n`,
    `${n('dev')} dev and ${n('test')} test edited news summaries (byte-identical copies of the seed left out), each classified against its seed summary. ` +
      `A type's items are the positives; every other edited item (consistent or of another type) is a negative. "false alarms" = share of the consistent edits flagged. ` +
      `Cut on the kind score (confidence x severity weight ${Object.entries(SEVERITY_WEIGHT).filter(([k]) => k !== 'none').map(([k, v]) => `${k} ${v}`).join(', ')}) fitted on dev for F1.\n`,
    markdownTable(['edit type', 'our kinds', ...PR_HEADER], byType),
    `\nPer kind (positives: items of any edit type the kind is meant to catch):\n`,
    markdownTable(['kind', 'edit types', ...PR_HEADER], byKind),
    `\nThe same labels as a consistent-vs-not verdict. The published numbers judge the edit against the whole document, a harder input than the seed summary used here: they are context, not a like-for-like comparison.\n`,
    markdownTable(['system', 'dev BAcc', 'test BAcc', 'source'], verdictRows),
  ].join('\n');
}

// ---------------------------------------------------------------- FRANK

function frankSection(opts: TaskOptions, metrics: Record<string, number>, speed: SpeedRow[]): string {
  let records = loadSummaries('frank').filter((r) => r.document !== null);
  if (opts.quick) records = sample(records.filter((r) => r.split === 'dev'), QUICK_ITEMS);
  const timer = new Timer();
  const items: Scored[] = records.map((r) => ({
    split: r.split as 'dev' | 'test',
    label: r.label as 0 | 1,
    types: r.error_types ?? [],
    changes: timer.time(() => classify(r.document as string, r.summary)),
  }));
  speed.push(timer.row('change-kinds', 'unspun split + align + classify, FRANK (article vs summary)', opts.quick ? 'dev sample' : 'dev+test', 'article-summary pair'));
  const n = (s: string) => items.filter((i) => i.split === s).length;
  opts.log(`FRANK: ${n('dev')} dev, ${n('test')} test summaries`);
  const byType = prRows((t) => [`${t.type}: ${t.note}`, t.kinds.map((k) => `\`${k}\``).join(' / ')], FRANK_TYPES, items, metrics, 'frank');
  const devBacc = verdictBacc(items, 'dev');
  metrics['frank.dev.verdict.bacc'] = devBacc;
  const verdictRows: Cell[][] = [['**unspun**: any medium/high distortion', devBacc, opts.quick ? null : verdictBacc(items, 'test'), 'this run; no cut fitted']];
  if (!opts.quick) {
    verdictRows.push(
      ['SummaC-ZS', null, 0.79, 'SummaC notebook, test cut (via dataset README); threshold tuned on val'],
      ['SummaC-Conv', null, 0.816, 'same'],
    );
  }
  return [
    `### FRANK: typed factual errors\n`,
    `${n('dev')} dev and ${n('test')} test model summaries, each aligned to and classified against its full article. A summary can carry several error types; ` +
      `each type's positives are the summaries annotated with it, every other summary is a negative. ${FRANK_UNMAPPED} Cut fitted on dev for F1, as above.\n`,
    markdownTable(['error type', 'our kinds', ...PR_HEADER], byType),
    `\nAs a consistent-vs-not verdict (no fitted cut; the published numbers fit a threshold on val):\n`,
    markdownTable(['system', 'dev BAcc', 'test BAcc', 'source'], verdictRows),
  ].join('\n');
}

// ---------------------------------------------------------------- tortured phrases

interface TorturedRecord {
  id: string;
  tortured_phrase: string;
  expected_phrase: string;
  split: string;
}

const TORTURED_FILE = 'tortured-phrases/tortured_phrases.jsonl';
const CARRIER = (phrase: string) => `The authors describe ${phrase} in the second section.`;

/** Whether the single-article checks flag the phrase as spun in the carrier sentence. */
function spinnerHitOn(phrase: string): boolean {
  const text = CARRIER(phrase);
  const start = text.indexOf(phrase);
  const end = start + phrase.length;
  return singleArticleChecks(splitArticle(text), []).some((c) => c.kind === 'spinner' && c.evidence.suspect.some((w) => {
    const at = text.indexOf(w);
    return at >= 0 && at < end && start < at + w.length;
  }));
}

function torturedSection(opts: TaskOptions, metrics: Record<string, number>, speed: SpeedRow[]): string {
  const all = readJsonlFile<TorturedRecord>(datasetPath(TORTURED_FILE), {
    fields: { id: 'string', tortured_phrase: 'string', expected_phrase: 'string', split: 'string' },
    count: 7644,
    values: { split: ['dev', 'test'] },
  });
  if (singleArticleChecks(splitArticle(CARRIER('the method')), []).some((c) => c.kind === 'spinner')) throw new Error('change-kinds: the carrier sentence itself is flagged; pick another');
  const rows: Cell[][] = [];
  const timer = new Timer();
  for (const split of ['dev', 'test'] as const) {
    if (opts.quick && split === 'test') continue;
    let recs = all.filter((r) => r.split === split);
    if (opts.quick) recs = sample(recs, QUICK_PHRASES);
    // Descriptive or unsure expected phrases ("into (reaction) mixture", "shift (?)") are not text.
    const literal = recs.filter((r) => /^[\p{L}\p{N} '-]+$/u.test(r.expected_phrase) && r.expected_phrase.toLowerCase() !== r.tortured_phrase.toLowerCase());
    const caught = recs.filter((r) => timer.time(() => spinnerHitOn(r.tortured_phrase))).length;
    const alarms = literal.filter((r) => spinnerHitOn(r.expected_phrase)).length;
    const recall = caught / recs.length;
    const falseAlarm = alarms / literal.length;
    metrics[`tortured.${split}.recall`] = recall;
    metrics[`tortured.${split}.false-alarm`] = falseAlarm;
    rows.push([split, recs.length, recall, literal.length, falseAlarm]);
  }
  speed.push(timer.row('change-kinds', 'unspun spinner check, tortured phrase in a carrier sentence', opts.quick ? 'dev sample' : 'dev+test', 'sentence'));
  const newsRows: Cell[][] = [];
  const total = { sentences: 0, spinner: 0, loaded: 0 };
  for (const range of NEWS_TEST) {
    const texts = readNewsRange(range).slice(0, opts.quick ? QUICK_NEWS_ARTICLES : undefined);
    let sentences = 0;
    let spinner = 0;
    let loaded = 0;
    for (const t of texts) {
      const split = splitArticle(t);
      sentences += split.sentences.length;
      const changes = singleArticleChecks(split, []);
      spinner += changes.filter((c) => c.kind === 'spinner').length;
      loaded += changes.filter((c) => c.kind === 'loaded').length;
    }
    total.sentences += sentences;
    total.spinner += spinner;
    total.loaded += loaded;
    newsRows.push([range.file, texts.length, sentences, spinner, (1000 * spinner) / Math.max(1, sentences), loaded, (1000 * loaded) / Math.max(1, sentences)]);
  }
  const perThousand = (n: number) => (1000 * n) / Math.max(1, total.sentences);
  newsRows.push(['**all**', null, total.sentences, total.spinner, perThousand(total.spinner), total.loaded, perThousand(total.loaded)]);
  // Gated metrics are higher-is-better: what is left of the budget of one false flag per 1,000 sentences.
  metrics['news-test.spinner.budgetLeft'] = Math.max(0, 1 - perThousand(total.spinner) / NEWS_FLAG_BUDGET);
  metrics['news-test.loaded.budgetLeft'] = Math.max(0, 1 - perThousand(total.loaded) / NEWS_FLAG_BUDGET);
  const news = `\nFlags from the article alone on real, unspun news (every flag is a false alarm): articles ${NEWS_TEST[0].from + 1}-${NEWS_TEST[0].to} of each file (bench/lib/news-ranges.ts NEWS_TEST${opts.quick ? `, first ${QUICK_NEWS_ARTICLES} in the quick run` : ''}), ` +
    `held out of the default phrase table and never tuned on (the constants were set on NEWS_TUNE, articles ${NEWS_TUNE[0].from + 1}-${NEWS_TUNE[0].to}). The gate fails a rate that climbs back toward ${NEWS_FLAG_BUDGET} per 1,000 sentences (the spinner rate before the phrase model); the target is under 1.\n\n` +
    markdownTable(['corpus file', 'articles', 'sentences', 'spinner flags', 'per 1,000', 'loaded flags', 'per 1,000'], newsRows);
  const spun = syntheticSpinSection(opts, metrics);
  const slanted = syntheticSlantSection(opts, metrics);
  return [
    `### Tortured phrases: spinner detection\n`,
    `Each Problematic Paper Screener fingerprint's spun phrase is put in the carrier sentence "${CARRIER('…')}" and counts as caught when a spinner finding overlaps it; ` +
      `the established phrase it replaced, in the same carrier, must not be flagged (phrases whose expected text is descriptive are left out of that count). ` +
      `Split by the dataset README (sha1 of the phrase). The domain is scientific papers, not news; the dataset publishes no detector scores.\n`,
    markdownTable(['split', 'spun phrases', 'recall', 'established phrases', 'false-alarm rate'], rows),
    news,
    spun,
    slanted,
  ].join('\n');
}

/** Corpus articles (counted into the phrase table, outside the held-out ranges) rewritten by the seeded spinner. */
const SPUN_ARTICLES = { quick: 8, full: 40 };

/**
 * Seeded thesaurus-spinner rewrites of real news (bench/lib/synthetic-spin.ts): the share of
 * swapped words a spinner finding touches, and the share of findings that touch a swap. The
 * rewrites are WordNet's synonyms, as the checks are, so this is an upper bound for spinners
 * with other thesauri; it guards the article-level swap rule against silent loss.
 */
function syntheticSpinSection(opts: TaskOptions, metrics: Record<string, number>): string {
  const rows: Cell[][] = [];
  for (const rate of [0.35, 0.2]) {
    const random = seededRandom(Math.round(rate * 100));
    const texts = readSpinSources(opts.quick ? SPUN_ARTICLES.quick : SPUN_ARTICLES.full);
    let swaps = 0, found = 0, findings = 0, right = 0, flagged = 0;
    for (const text of texts) {
      const spun = spinText(text, random, rate);
      const split = splitArticle(spun.text);
      const spans = singleArticleChecks(split, []).filter((c) => c.kind === 'spinner').flatMap((c) => {
        const s = split.sentences[c.suspectSentences[0]];
        return c.evidence.suspect.map((w) => s.text.indexOf(w)).filter((i) => i >= 0).map((i, k) => ({ start: s.start + i, end: s.start + i + c.evidence.suspect[k].length }));
      });
      const touch = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
      swaps += spun.swaps.length;
      found += spun.swaps.filter((w) => spans.some((h) => touch(h, w))).length;
      findings += spans.length;
      right += spans.filter((h) => spun.swaps.some((w) => touch(h, w))).length;
      if (spans.length) flagged++;
    }
    metrics[`synthetic-spin.${rate * 100}.recall`] = swaps ? found / swaps : 0;
    metrics[`synthetic-spin.${rate * 100}.precision`] = findings ? right / findings : 0;
    rows.push([`${rate * 100}%`, texts.length, flagged, swaps, swaps ? found / swaps : 0, findings, findings ? right / findings : 0]);
  }
  return `\n### Synthetic spinner rewrites, from the article alone\n\n` +
    `Corpus articles outside the held-out ranges, each content word swapped with the given chance for a WordNet synonym in its inflection (bench/lib/synthetic-spin.ts, seeded). ` +
    `Recall is the share of swapped words a spinner finding touches; precision the share of findings that touch a swap. An upper bound for spinners with other thesauri.\n\n` +
    markdownTable(['words swapped', 'articles', 'articles flagged', 'swaps', 'recall', 'findings', 'precision'], rows);
}

/** Corpus articles rewritten by the seeded slanting rewriter (the spinner rewrites' sources). */
const SLANTED = { articles: 40, rate: 0.3, seed: 11 };
const SLANT_EDITS: SlantEdit[] = ['saying', 'label', 'so-called', 'adjective', 'adverb', 'dramatised'];

/**
 * Seeded slanted rewrites of real news (bench/lib/synthetic-slant.ts): the share of slanting
 * edits a loaded finding touches, from the article alone and against the original, and the
 * share of loaded findings that touch an edit. Against the original, a framing `renaming`
 * finding counts too ("protesters" -> "rioters" is one).
 */
function syntheticSlantSection(opts: TaskOptions, metrics: Record<string, number>): string {
  const articles = slantedArticles(SLANTED.articles, SLANTED.rate, SLANTED.seed);
  const rows: Cell[][] = [];
  const byEdit: Record<string, Record<string, [number, number]>> = {};
  for (const mode of ['alone', 'paired'] as const) {
    let edits = 0, found = 0, findings = 0, right = 0;
    const perEdit = (byEdit[mode] = {} as Record<string, [number, number]>);
    for (const a of articles) {
      const split = splitArticle(a.text);
      const changes = mode === 'alone' ? singleArticleChecks(split, []) : classify(a.original, a.text);
      const kinds: ChangeKind[] = mode === 'alone' ? ['loaded'] : ['loaded', 'renaming'];
      const spans = changes.filter((c) => kinds.includes(c.kind)).flatMap((c) => {
        const s = split.sentences[c.suspectSentences[0]];
        return c.evidence.suspect.map((w) => s.text.indexOf(w)).filter((i) => i >= 0).map((i, k) => ({ start: s.start + i, end: s.start + i + c.evidence.suspect[k].length }));
      });
      const touch = (x: { start: number; end: number }, y: { start: number; end: number }) => x.start < y.end && y.start < x.end;
      for (const e of a.edits) {
        const hit = spans.some((h) => touch(h, e));
        const cell = (perEdit[e.edit] ??= [0, 0]);
        cell[1]++;
        if (hit) cell[0]++;
        edits++;
        if (hit) found++;
      }
      findings += spans.length;
      right += spans.filter((h) => a.edits.some((e) => touch(h, e))).length;
    }
    metrics[`synthetic-slant.${mode}.recall`] = edits ? found / edits : 0;
    metrics[`synthetic-slant.${mode}.precision`] = findings ? right / findings : 0;
    rows.push([mode === 'alone' ? 'article alone (no index)' : 'against the original', articles.length, edits, edits ? found / edits : 0, findings, findings ? right / findings : 0]);
  }
  const editRows: Cell[][] = SLANT_EDITS.map((e) => {
    const [fa, na] = byEdit.alone[e] ?? [0, 0];
    const [fp, np] = byEdit.paired[e] ?? [0, 0];
    return [e, na, na ? fa / na : null, np ? fp / np : null];
  });
  return `\n### Synthetic slanted rewrites: loaded wording\n\n` +
    `${articles.length} corpus articles outside the held-out ranges, each sentence given one slanting edit outside quotations with chance ${SLANTED.rate} (bench/lib/synthetic-slant.ts, seed ${SLANTED.seed}): ` +
    `a "said" made "admitted"/"boasted", a group or government relabelled ("rioters", "regime"), a distancing "so-called", an evaluative adjective or adverb, a dramatised verb ("plummeted"). ` +
    `Recall is the share of edits a \`loaded\` finding touches (against the original, \`renaming\` too); precision the share of those findings that touch an edit. ` +
    `About half the rewriter's adjectives and adverbs are in none of the checks' lists; "claimed", "admitted", "insisted" are plain news usage and are judged only against a source. ` +
    `The single-article constants were set on these rewrites, NEWS_TUNE and articles 1,701-2,000 of the same corpus files; false flags on held-out real news are in the table above.\n\n` +
    markdownTable(['mode', 'articles', 'edits', 'recall', 'findings', 'precision'], rows) +
    `\n\nRecall by edit:\n\n` +
    markdownTable(['edit', 'edits', 'alone', 'against the original'], editRows);
}

// ---------------------------------------------------------------- speed

function speedSection(opts: TaskOptions, speed: SpeedRow[]): string {
  let pairs = loadPairs('mrpc').filter((r) => r.split === 'train');
  if (opts.quick) pairs = sample(pairs, QUICK_PAIRS);
  const timer = new Timer();
  for (const p of pairs) timer.time(() => classify(p.a, p.b));
  const row = timer.row('change-kinds', 'unspun split + align + classify', opts.quick ? 'train sample' : 'train', 'sentence pair');
  speed.push(row);
  return `### Speed\n\n` +
    markdownTable(['input', 'pairs', 'ms p50', 'ms p99', 'pairs per second'], [['MRPC train sentence pairs (split + align + classify)', row.items, row.msP50, row.msP99, row.itemsPerSecond]]);
}

async function run(opts: TaskOptions): Promise<TaskResult> {
  const metrics: Record<string, number> = {};
  const speed: SpeedRow[] = [];
  // Load WordNet and the lexicons before any timer runs.
  classify('Warm up the dictionary on Monday.', 'Warm up the dictionary on Tuesday.');
  const parts = [
    summeditsSection(opts, metrics, speed),
    frankSection(opts, metrics, speed),
    torturedSection(opts, metrics, speed),
    speedSection(opts, speed),
  ];
  return { markdown: parts.join('\n\n'), metrics, speed, unavailable: [] };
}

export const changeKindsTask: BenchTask = {
  name: 'change-kinds',
  title: 'Change kinds: per-kind precision and recall (SummEdits edit types, FRANK error types, tortured phrases)',
  inQuick: true,
  run,
};
