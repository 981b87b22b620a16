/**
 * @module core/report/build-report
 * Assembles the stage outputs into the {@link Report} contract (docs/report.schema.json).
 * The report is self-contained: it carries the suspect body, every source body and both
 * sentence lists, so a reader (or a renderer) never needs the corpus to check a claim.
 * Pure: the generator version comes from the edge.
 */
import type {
  AlignmentGroup,
  Change,
  ChangeKind,
  ClosestArticle,
  ChangeScope,
  DiffPart,
  ExtractedArticle,
  Report,
  ReportAlignment,
  ReportSource,
  RetrievalResult,
  SourceConsistency,
  SourceCredit,
  SourceMatch,
  SplitArticle,
} from '../types.ts';
import { CHANGE_KINDS } from '../types.ts';
import { textOf } from './view-model.ts';
import { rewriteConsistency } from '../align/consistency.ts';

/** Bump the major on any rename or removal; add fields and kinds under a minor bump. */
export const REPORT_SCHEMA_VERSION = '1.4.0';

/** A source picked by retrieval, with its body split into sentences. */
export interface SplitSource {
  match: SourceMatch;
  split: SplitArticle;
}

export interface ReportParts {
  generatorVersion: string;
  /** The input's name (path, URL or "-"). */
  name: string;
  article: ExtractedArticle;
  suspect: SplitArticle;
  /** Null when no corpus was searched (no index, or an empty one). */
  retrieval: RetrievalResult | null;
  /** The sources the alignment used, best first; usually the retrieved ones. */
  sources: SplitSource[];
  alignment: AlignmentGroup[];
  /** Changes found by comparing with a source. */
  changes: Change[];
  /** Changes found from the suspect alone (boilerplate, spinner, unattributed claims). */
  singleArticle: Change[];
  /** Whether the copy credits its first source (absent with no source). */
  credit?: SourceCredit;
  /** Word diff, source -> suspect, for aligned groups that carry none yet. */
  wordDiff?: (source: string, suspect: string) => DiffPart[];
}

/** The verdict line when nothing was searched; renderers and tests rely on its wording. */
export const NO_CORPUS_REASON =
  'No corpus was searched (no index, or an empty one): only the single-article checks ran.';

/**
 * Builds the report. Throws nothing on "nothing found": that is a verdict, not a fault.
 */
export function buildReport(parts: ReportParts): Report {
  const { article, suspect, retrieval } = parts;
  const sources = parts.sources.map((s) => toReportSource(s, suspect.text));
  const splitById = new Map(parts.sources.map((s) => [s.match.article.id, s.split]));

  const alignment: ReportAlignment[] = parts.alignment.map((group) => {
    const out: ReportAlignment = { ...group };
    const existing = (group as ReportAlignment).diff;
    if (existing) out.diff = existing;
    else if (group.source && group.suspect.length > 0 && parts.wordDiff) {
      const split = splitById.get(group.source.id);
      if (split) {
        out.diff = parts.wordDiff(
          textOf(split.text, split.sentences, group.source.sentences),
          textOf(suspect.text, suspect.sentences, group.suspect),
        );
      }
    }
    return out;
  });

  const changes = [
    ...parts.changes.map((c) => withScope(c, 'against-source')),
    ...parts.singleArticle.map((c) => withScope(c, 'single-article')),
  ];

  const reused = new Set<number>();
  for (const g of alignment) if (g.source) for (const i of g.suspect) reused.add(i);
  const n = suspect.sentences.length;

  const counts: Partial<Record<ChangeKind, number>> = {};
  // Keep the kinds in catalogue order so JSON output is stable across runs.
  for (const kind of CHANGE_KINDS) {
    const k = changes.filter((c) => c.kind === kind).length;
    if (k > 0) counts[kind] = k;
  }

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'unspun', version: parts.generatorVersion },
    suspect: {
      name: parts.name,
      title: article.title,
      byline: article.byline,
      published: article.published,
      url: article.url,
      text: suspect.text,
      removed: article.removed,
      sentences: suspect.sentences,
    },
    corpus: { searched: retrieval?.searched ?? false, size: retrieval?.corpusSize ?? 0 },
    verdict: verdictOf(retrieval, sources),
    sources,
    alignment,
    ...(parts.credit ? { credit: parts.credit } : {}),
    changes,
    summary: {
      reusedShare: n === 0 ? 0 : round(reused.size / n),
      counts,
      suspectSentences: n,
      serious: changes.filter((c) => c.severity === 'medium' || c.severity === 'high').length,
    },
  };
}

function verdictOf(retrieval: RetrievalResult | null, sources: ReportSource[]): Report['verdict'] {
  if (!retrieval || !retrieval.searched) return { found: false, reason: NO_CORPUS_REASON };
  if (!retrieval.found || sources.length === 0) {
    const verdict: Report['verdict'] = { found: false, reason: retrieval.reason || 'No source found in the corpus.' };
    if (retrieval.closest) verdict.closest = namedArticle(retrieval.closest);
    return verdict;
  }
  return { found: true, reason: retrieval.reason };
}

/** Consistency of the suspect with one source, in the report's compact form. */
function sourceConsistency(sourceText: string, suspectText: string): SourceConsistency {
  const c = rewriteConsistency(sourceText, suspectText);
  let weakest = 0;
  c.sentences.forEach((s, i) => {
    if (s.support < c.sentences[weakest].support) weakest = i;
  });
  return {
    score: round(c.score),
    weakestSupport: round(c.sentences[weakest]?.support ?? 1),
    weakestSentence: c.sentences.length ? weakest : -1,
    unsupportedNumbers: c.unsupportedNumbers,
    unsupportedNames: c.unsupportedNames,
  };
}

/** What a report says of any candidate article: who published it, and how sure and why. */
function namedArticle(match: SourceMatch): ClosestArticle {
  const a = match.article;
  return { id: a.id, outlet: a.outlet, title: a.title, url: a.url, published: a.published, confidence: round(match.confidence), why: match.why };
}

function toReportSource({ match, split }: SplitSource, suspectText: string): ReportSource {
  return {
    ...namedArticle(match),
    signals: match.signals,
    text: split.text,
    sentences: split.sentences,
    consistency: sourceConsistency(split.text, suspectText),
  };
}

function withScope(change: Change, scope: ChangeScope): Change & { scope: ChangeScope } {
  return { ...change, confidence: round(change.confidence), scope };
}

// Four decimals: enough to rank, and stable in fixtures across float noise.
function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
