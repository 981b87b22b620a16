/**
 * @module bench/content-farm
 * Scores unspun's findings on real content-farm copies (../shared/datasets/content-farm-copies,
 * all `dev`): the originals are indexed with distractors from the shared corpus, each copy is
 * traced, and every finding is matched against the hand labels by where its own evidence words
 * sit in the two texts.
 *
 * - A finding is **right** when one of its evidence spans touches a labelled change: for
 *   `boilerplate`, a boilerplate label; for any other kind, a non-boilerplate label (inserted,
 *   altered, spinner or loaded on the copy's side; altered or omitted on the original's). Page
 *   furniture reported as anything but boilerplate is wrong.
 * - Omissions are scored only inside the copy's `source_span` (the dataset's rule): an omitted
 *   finding wholly outside it is neither right nor wrong.
 * - A label is **found** when a finding of severity low or above (not verbatim, not paraphrase)
 *   touches it; a boilerplate label is found when no trace of it is left in the body, or each
 *   place it is left is labelled boilerplate.
 *
 * Nothing here quotes copy text into docs: the dataset's terms forbid republishing it. The
 * per-copy details (`tsx bench/content-farm.ts --details`) go to the terminal only.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openSqliteStore } from '../src/adapters/store-sqlite/index.ts';
import { UnspunError } from '../src/core/errors.ts';
import { traceArticle } from '../src/core/pipeline.ts';
import type { ChangeKind, Report, ReferenceArticle, Severity } from '../src/core/types.ts';
import { datasetPath } from './lib/datasets.ts';
import { indexArticles, loadDistractors } from './retrieval.ts';

export const LABEL_FAMILIES = ['altered', 'inserted-omitted', 'spinner', 'boilerplate', 'loaded'] as const;
export type LabelFamily = (typeof LABEL_FAMILIES)[number];

interface AlteredLabel {
  text: string;
  source: string;
  kind: string;
}

export interface CopyRecord {
  id: string;
  style: string;
  url: string;
  title: string;
  text: string;
  source_id: string;
  source_span: [number, number];
  labels: {
    boilerplate: string[];
    inserted: string[];
    altered: AlteredLabel[];
    omitted: string[];
    spinner: string[];
    loaded: string[];
  };
}

/**
 * Shared-corpus articles that are also originals here (the dataset README names them): left
 * out of the distractors so the cut original, which the labels are written against, is the
 * one to find.
 */
export const CORPUS_TWINS = [
  'guardian-world/2022/aug/17/japan-government-launches-competition-to-get-people-drinking-alcohol-drinks-tax-revenue',
  'guardian-world/2022/aug/02/wearable-fans-help-japans-hot-dogs-beat-the-heat',
  'iuZlwFzgKieRjOGe',
  'f6vM8PRx2lc8yVbk',
];

function readJsonl<T>(path: string): T[] {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    throw new UnspunError('DATASET_MISSING', path, 'not found; see ../shared/datasets/content-farm-copies/README.md');
  }
  return raw
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch {
        throw new UnspunError('DATASET_MALFORMED', `${path}:${i + 1}`, 'is not JSON');
      }
    });
}

export function loadContentFarmCopies(): { originals: ReferenceArticle[]; copies: CopyRecord[] } {
  const dir = datasetPath('content-farm-copies');
  const originals = readJsonl<Record<string, unknown>>(join(dir, 'originals.jsonl')).map((r) => ({
    id: String(r.id),
    outlet: typeof r.outlet === 'string' ? r.outlet : null,
    title: typeof r.title === 'string' ? r.title : null,
    byline: null,
    published: typeof r.published === 'string' ? r.published : null,
    url: typeof r.url === 'string' ? r.url : null,
    text: String(r.text),
  }));
  const copies = readJsonl<CopyRecord>(join(dir, 'copies.jsonl'));
  if (originals.length !== 12 || copies.length !== 19) {
    throw new UnspunError('DATASET_MALFORMED', dir, `expected 12 originals and 19 copies, found ${originals.length} and ${copies.length}`);
  }
  return { originals, copies };
}

// ------------------------------------------------------------------ spans

interface Span {
  start: number;
  end: number;
}

const touches = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

function occurrences(hay: string, needle: string): Span[] {
  const out: Span[] = [];
  if (!needle) return out;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) out.push({ start: i, end: i + needle.length });
  return out;
}

/**
 * Where a word sits inside a region of a text: exact first, then ignoring case. Occurrences in
 * `taken` (already given to the same word by the same rule) are passed over while another is
 * left, so that a rule naming "p.c" twice in one sentence is placed on both, not twice on the first.
 */
function locate(text: string, region: Span | null, word: string, taken: Span[] = []): Span | null {
  if (!word.trim()) return null;
  const from = region?.start ?? 0;
  const to = region?.end ?? text.length;
  const slice = text.slice(from, to);
  const found: Span[] = [];
  for (const hay of [slice, slice.toLowerCase()]) {
    const needle = hay === slice ? word : word.toLowerCase();
    for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) found.push({ start: from + i, end: from + i + word.length });
    if (found.length) break;
  }
  const span = found.find((f) => !taken.some((t) => t.start === f.start && t.end === f.end)) ?? found[0] ?? null;
  if (span) taken.push(span);
  return span;
}

function sentenceRegion(sentences: readonly { start: number; end: number }[], indexes: number[]): Span | null {
  const picked = indexes.map((i) => sentences[i]).filter(Boolean);
  if (picked.length === 0) return null;
  return { start: Math.min(...picked.map((s) => s.start)), end: Math.max(...picked.map((s) => s.end)) };
}

type ReportChange = Report['changes'][number];

interface Located {
  change: ReportChange;
  /** Evidence spans in the suspect body. */
  suspect: Span[];
  /** Evidence spans in the source body (only for the copy's own original). */
  source: Span[];
  /** Whether the finding is about the copy's headline. */
  title: Span[];
}

function locateChange(report: Report, change: ReportChange, sourceId: string, taken = new Map<string, Span[]>()): Located {
  const takenBy = (side: string) => taken.get(`${change.evidence.rule}|${side}`) ?? taken.set(`${change.evidence.rule}|${side}`, []).get(`${change.evidence.rule}|${side}`)!;
  const body = report.suspect.text;
  const located: Located = { change, suspect: [], source: [], title: [] };
  const region = sentenceRegion(report.suspect.sentences, change.suspectSentences);
  const titleChange = (change as { part?: string }).part === 'title' || (change.suspectSentences.length === 0 && change.suspectText !== null && report.suspect.title !== null && report.suspect.title.includes(change.suspectText));
  if (titleChange && report.suspect.title) {
    for (const w of change.evidence.suspect) {
      const s = locate(report.suspect.title, null, w);
      if (s) located.title.push(s);
    }
  } else {
    for (const w of change.evidence.suspect) {
      const s = locate(body, region, w, takenBy('suspect'));
      if (s) located.suspect.push(s);
    }
    if (located.suspect.length === 0 && change.suspectText) {
      const s = locate(body, region, change.suspectText) ?? locate(body, null, change.suspectText);
      if (s) located.suspect.push(s);
    }
  }
  const source = report.sources.find((s) => s.id === (change.sourceId ?? sourceId));
  if (source && source.id === sourceId) {
    const sregion = sentenceRegion(source.sentences, change.sourceSentences);
    for (const w of change.evidence.source) {
      const s = locate(source.text, sregion, w, takenBy('source'));
      if (s) located.source.push(s);
    }
    if (located.source.length === 0 && change.sourceText) {
      const s = locate(source.text, sregion, change.sourceText) ?? locate(source.text, null, change.sourceText);
      if (s) located.source.push(s);
    }
  }
  return located;
}

// ------------------------------------------------------------------ scoring one copy

interface LabelRef {
  family: LabelFamily;
  /** Label key and, for altered, its kind. */
  key: string;
  kind: string | null;
  suspect: Span[];
  source: Span[];
  title: Span[];
  /** Words of the label, for the details listing. */
  words: string;
}

const SERIOUS: Severity[] = ['medium', 'high'];
const TRIVIAL: ChangeKind[] = ['verbatim', 'paraphrase'];

export interface CopyScore {
  id: string;
  style: string;
  sourceAt1: boolean;
  claimed: string | null;
  seriousFindings: number;
  seriousRight: number;
  /** Medium/high findings by kind: [right, total]. */
  byKind: Record<string, [number, number]>;
  /** Findings of any severity above none, by kind: [right, total]. */
  byKindAll: Record<string, [number, number]>;
  /** Per family: [found, total] at any severity above none, and [found, total] at medium/high. */
  labels: Record<LabelFamily, { found: number; serious: number; total: number }>;
  alteredKindAgrees: [number, number];
  /** The report's credit verdict on the copy: `credited` or its flag; null with no source. */
  credit: 'credited' | 'uncredited' | 'verbatim-uncredited' | null;
  /** Headline findings (part 'title') of severity low or above, and how many are medium/high. */
  headline: { findings: number; serious: number };
  details: string[];
}

function labelRefs(copy: CopyRecord, report: Report, sourceText: string | null): LabelRef[] {
  const body = report.suspect.text;
  const title = report.suspect.title ?? '';
  const refs: LabelRef[] = [];
  const onCopy = (family: LabelFamily, key: string, text: string, kind: string | null = null, source: Span[] = []) =>
    refs.push({ family, key, kind, suspect: occurrences(body, text), source, title: occurrences(title, text), words: text });
  for (const t of copy.labels.boilerplate) onCopy('boilerplate', 'boilerplate', t);
  for (const t of copy.labels.inserted) onCopy('inserted-omitted', 'inserted', t);
  for (const t of copy.labels.spinner) onCopy('spinner', 'spinner', t);
  for (const t of copy.labels.loaded) onCopy('loaded', 'loaded', t);
  for (const a of copy.labels.altered) onCopy('altered', 'altered', a.text, a.kind, sourceText ? occurrences(sourceText, a.source) : []);
  for (const t of copy.labels.omitted) refs.push({ family: 'inserted-omitted', key: 'omitted', kind: null, suspect: [], source: sourceText ? occurrences(sourceText, t) : [], title: [], words: t });
  return refs;
}

/** Character range of the labelled span of the original inside the stored source text. */
function spanRange(original: ReferenceArticle, span: [number, number], sourceText: string): Span {
  const paragraphs = original.text.split('\n\n');
  const first = paragraphs[span[0]] ?? '';
  const last = paragraphs[Math.min(span[1], paragraphs.length - 1)] ?? '';
  const start = Math.max(0, sourceText.indexOf(first.slice(0, 60)));
  const lastAt = sourceText.indexOf(last.slice(0, 60), start);
  const end = lastAt < 0 ? sourceText.length : lastAt + last.length;
  return { start, end };
}

const refTouches = (ref: LabelRef, f: Located): boolean =>
  ref.suspect.some((a) => f.suspect.some((b) => touches(a, b))) ||
  ref.source.some((a) => f.source.some((b) => touches(a, b))) ||
  ref.title.some((a) => f.title.some((b) => touches(a, b)));

const clip = (s: string, n = 90) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function scoreCopy(copy: CopyRecord, original: ReferenceArticle, report: Report): CopyScore {
  const claimed = report.sources[0]?.id ?? null;
  const source = report.sources.find((s) => s.id === copy.source_id) ?? null;
  const sourceText = source?.text ?? null;
  const refs = labelRefs(copy, report, sourceText);
  const span = sourceText ? spanRange(original, copy.source_span, sourceText) : null;
  const taken = new Map<string, Span[]>();
  const findings = report.changes.filter((c) => !TRIVIAL.includes(c.kind) && c.severity !== 'none').map((c) => locateChange(report, c, copy.source_id, taken));
  const details: string[] = [];

  const byKind: Record<string, [number, number]> = {};
  let seriousFindings = 0;
  let seriousRight = 0;
  const byKindAll: Record<string, [number, number]> = {};
  for (const f of findings) {
    if (f.change.kind === 'omitted' && span && f.source.length > 0 && f.source.every((s) => !touches(s, span))) continue;
    const hit = refs.filter((r) => refTouches(r, f));
    const right = f.change.kind === 'boilerplate' ? hit.some((r) => r.family === 'boilerplate') : hit.some((r) => r.family !== 'boilerplate');
    const k = (byKindAll[f.change.kind] ??= [0, 0]);
    k[1]++;
    if (right) k[0]++;
  }
  for (const f of findings) {
    if (!SERIOUS.includes(f.change.severity)) continue;
    if (f.change.kind === 'omitted' && span && f.source.length > 0 && f.source.every((s) => !touches(s, span))) continue;
    const hit = refs.filter((r) => refTouches(r, f));
    const right = f.change.kind === 'boilerplate' ? hit.some((r) => r.family === 'boilerplate') : hit.some((r) => r.family !== 'boilerplate');
    seriousFindings++;
    if (right) seriousRight++;
    const k = (byKind[f.change.kind] ??= [0, 0]);
    k[1]++;
    if (right) k[0]++;
    if (!right) {
      const words = [...f.change.evidence.suspect, ...f.change.evidence.source.map((w) => `-${w}`)].join(' | ');
      details.push(`  FALSE ${f.change.kind} ${f.change.severity} (${f.change.evidence.rule}): ${clip(words || f.change.suspectText || f.change.sourceText || '')}${hit.length ? ` [touches ${hit.map((r) => r.key).join(',')}]` : ''}`);
    }
  }

  const labels = Object.fromEntries(LABEL_FAMILIES.map((fam) => [fam, { found: 0, serious: 0, total: 0 }])) as CopyScore['labels'];
  const alteredKindAgrees: [number, number] = [0, 0];
  for (const ref of refs) {
    const tally = labels[ref.family];
    tally.total++;
    let found: boolean;
    let serious: boolean;
    if (ref.family === 'boilerplate') {
      const marked = findings.filter((f) => f.change.kind === 'boilerplate');
      found = ref.suspect.every((occ) => marked.some((f) => f.suspect.some((s) => touches(s, occ))));
      serious = found;
    } else {
      const hits = findings.filter((f) => refTouches(ref, f));
      found = hits.length > 0;
      serious = hits.some((f) => SERIOUS.includes(f.change.severity));
      if (ref.family === 'altered') {
        alteredKindAgrees[1]++;
        if (hits.some((f) => f.change.kind === ref.kind)) alteredKindAgrees[0]++;
      }
    }
    if (found) tally.found++;
    if (serious) tally.serious++;
    if (!found) {
      const where = ref.suspect.length + ref.source.length + ref.title.length === 0 ? ' (not in the traced texts)' : '';
      details.push(`  MISSED ${ref.key}${ref.kind ? `/${ref.kind}` : ''}: ${clip(ref.words)}${where}`);
    }
  }

  return {
    id: copy.id,
    style: copy.style,
    sourceAt1: claimed === copy.source_id,
    claimed,
    seriousFindings,
    seriousRight,
    byKind,
    byKindAll,
    labels,
    alteredKindAgrees,
    credit: report.credit ? (report.credit.flag ?? 'credited') : null,
    headline: {
      findings: findings.filter((f) => f.change.part === 'title').length,
      serious: findings.filter((f) => f.change.part === 'title' && SERIOUS.includes(f.change.severity)).length,
    },
    details,
  };
}

// ------------------------------------------------------------------ the run

export interface ContentFarmRun {
  copies: CopyScore[];
  corpusSize: number;
  msPerTrace: number[];
  /** Copies disguised with look-alike letters (see disguise()): traced to their original, and the evasion reported. */
  disguised: { sourceAt1: number; evasionReported: number; total: number };
}

export interface ContentFarmOptions {
  /** Shared-corpus distractors indexed beside the originals; 0 with `noIndex` to trace with no index. */
  distractors: number;
  /** Trace with no index at all: only the single-article checks run. */
  noIndex?: boolean;
  log?: (m: string) => void;
}

const LOOKALIKE: Record<string, string> = { a: '\u0430', o: '\u043e', e: '\u0435', p: '\u0440', c: '\u0441', i: '\u0456' };

/** An evader's disguise: every fourth a/o/e/p/c/i becomes its Cyrillic look-alike. */
export function disguise(text: string): string {
  let n = 0;
  return text.replace(/[aoepci]/g, (ch) => (++n % 4 === 0 ? LOOKALIKE[ch] : ch));
}

/** Traces every copy with no index (the single-article checks alone) and scores the findings. */
export async function runContentFarmNoIndex(): Promise<ContentFarmRun> {
  const { originals, copies } = loadContentFarmCopies();
  const byId = new Map(originals.map((o) => [o.id, o]));
  const scores: CopyScore[] = [];
  const ms: number[] = [];
  for (const copy of copies) {
    const t0 = performance.now();
    const report = await traceArticle({ kind: 'text', content: copy.text, name: copy.id, url: copy.url }, null);
    ms.push(performance.now() - t0);
    scores.push(scoreCopy(copy, byId.get(copy.source_id)!, report));
  }
  return { copies: scores, corpusSize: 0, msPerTrace: ms, disguised: { sourceAt1: 0, evasionReported: 0, total: 0 } };
}

export async function runContentFarmBench(opts: ContentFarmOptions): Promise<ContentFarmRun> {
  const log = opts.log ?? (() => {});
  const { originals, copies } = loadContentFarmCopies();
  const twins = new Set(CORPUS_TWINS);
  const distractors = loadDistractors(opts.distractors + CORPUS_TWINS.length).filter((a) => !twins.has(a.id.slice(a.id.indexOf('/') + 1)));
  const articles = [...originals, ...distractors.slice(0, opts.distractors)];
  const dir = mkdtempSync(join(tmpdir(), 'unspun-content-farm-'));
  const store = await openSqliteStore(join(dir, 'corpus.sqlite'), { cacheMb: 256 });
  try {
    log(`indexing ${originals.length} originals and ${articles.length - originals.length} distractors`);
    await indexArticles(store, articles);
    const byId = new Map(originals.map((o) => [o.id, o]));
    const scores: CopyScore[] = [];
    const ms: number[] = [];
    for (const copy of copies) {
      const t0 = performance.now();
      const report = await traceArticle({ kind: 'text', content: copy.text, name: copy.id, url: copy.url }, store);
      ms.push(performance.now() - t0);
      scores.push(scoreCopy(copy, byId.get(copy.source_id)!, report));
    }
    const disguised = { sourceAt1: 0, evasionReported: 0, total: 0 };
    for (const copy of copies) {
      const report = await traceArticle({ kind: 'text', content: disguise(copy.text), name: copy.id, url: copy.url }, store);
      disguised.total++;
      if (report.sources[0]?.id === copy.source_id) disguised.sourceAt1++;
      if (report.changes.some((c) => c.kind === 'evasion' && c.severity !== 'none')) disguised.evasionReported++;
    }
    return { copies: scores, corpusSize: articles.length, msPerTrace: ms, disguised };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ContentFarmTotals {
  sourceRecallAt1: number;
  seriousPrecision: number;
  seriousFindings: number;
  byKind: Record<string, [number, number]>;
  byKindAll: Record<string, [number, number]>;
  recall: Record<LabelFamily, { found: number; serious: number; total: number }>;
  alteredKindAgreement: number;
}

export function totals(run: ContentFarmRun): ContentFarmTotals {
  const recall = Object.fromEntries(LABEL_FAMILIES.map((f) => [f, { found: 0, serious: 0, total: 0 }])) as ContentFarmTotals['recall'];
  const byKind: Record<string, [number, number]> = {};
  const byKindAll: Record<string, [number, number]> = {};
  let right = 0;
  let all = 0;
  let agree = 0;
  let altered = 0;
  for (const c of run.copies) {
    right += c.seriousRight;
    all += c.seriousFindings;
    agree += c.alteredKindAgrees[0];
    altered += c.alteredKindAgrees[1];
    for (const [k, [r, t]] of Object.entries(c.byKind)) {
      const acc = (byKind[k] ??= [0, 0]);
      acc[0] += r;
      acc[1] += t;
    }
    for (const [k, [r, t]] of Object.entries(c.byKindAll)) {
      const acc = (byKindAll[k] ??= [0, 0]);
      acc[0] += r;
      acc[1] += t;
    }
    for (const f of LABEL_FAMILIES) {
      recall[f].found += c.labels[f].found;
      recall[f].serious += c.labels[f].serious;
      recall[f].total += c.labels[f].total;
    }
  }
  return {
    sourceRecallAt1: run.copies.filter((c) => c.sourceAt1).length / run.copies.length,
    seriousPrecision: all === 0 ? 1 : right / all,
    seriousFindings: all,
    byKind,
    byKindAll,
    recall,
    alteredKindAgreement: altered === 0 ? 0 : agree / altered,
  };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const distractors = Number(argValue('--distractors') ?? 2000);
  const run = await runContentFarmBench({ distractors, log: (m) => process.stderr.write(`${m}\n`) });
  const only = argValue('--copy');
  for (const c of run.copies) {
    if (only && !c.id.includes(only)) continue;
    const fam = LABEL_FAMILIES.map((f) => `${f} ${c.labels[f].found}/${c.labels[f].total}`).join(', ');
    console.log(`${c.id} [${c.style}] source@1 ${c.sourceAt1 ? 'yes' : `NO (${c.claimed})`}; serious right ${c.seriousRight}/${c.seriousFindings}; found: ${fam}; headline findings ${c.headline.findings} (${c.headline.serious} medium/high); credit ${c.credit ?? '-'}`);
    if (process.argv.includes('--details')) for (const d of c.details) console.log(d);
  }
  const t = totals(run);
  console.log(`\nsource recall@1 ${t.sourceRecallAt1.toFixed(3)}; medium/high precision ${t.seriousPrecision.toFixed(3)} of ${t.seriousFindings}; altered kind agreement ${t.alteredKindAgreement.toFixed(3)}`);
  for (const f of LABEL_FAMILIES) console.log(`  recall ${f}: ${(t.recall[f].found / Math.max(1, t.recall[f].total)).toFixed(3)} (${t.recall[f].found}/${t.recall[f].total}), at medium/high ${(t.recall[f].serious / Math.max(1, t.recall[f].total)).toFixed(3)}`);
  for (const [k, [r, n]] of Object.entries(t.byKind).sort()) console.log(`  precision ${k}: ${r}/${n}`);
}
