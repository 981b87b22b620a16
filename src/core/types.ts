/**
 * @module core/types
 * Plain data types passed between pipeline stages. No behaviour lives here: each stage
 * folder owns the functions that produce and consume these records.
 *
 *   RawInput --extract--> ExtractedArticle --(split)--> Sentence[]
 *   ReferenceArticle --index--> Store
 *   suspect + Store --retrieve--> RetrievalResult (SourceMatch[])
 *   suspect + sources --align--> AlignmentGroup[]
 *   alignment --classify--> Change[]
 *   everything --report--> Report (the JSON contract, see docs/report.schema.json)
 */

/** What a user hands to `trace` or `index`, before any parsing. */
export interface RawInput {
  /** How the content should be read. `text` is plain text; `html` a web page. */
  kind: 'html' | 'text';
  content: string;
  /** Where it came from (file path, URL or "-" for stdin); used in error messages and ids. */
  name: string;
  url?: string | null;
  /** When it was fetched (ISO), if known: retrieval looks near this date when the page gives none. */
  fetchedAt?: string | null;
}

/** A piece of page furniture cut from an article body, kept so a reader can see what was cut. */
export interface RemovedText {
  text: string;
  /** Stable short reason code, e.g. `comment-form`, `share-bar`, `autoblog-marker`, `ad-slot`. */
  reason: string;
}

/** The output of the extract stage: an article's fields and its clean body. */
export interface ExtractedArticle {
  title: string | null;
  byline: string | null;
  /** ISO 8601 date or datetime, as found; null when unknown. */
  published: string | null;
  url: string | null;
  /** Clean body; paragraphs separated by "\n\n". */
  text: string;
  removed: RemovedText[];
  /** Links on the page (absolute http(s) URLs; in plain text, the addresses written in it). */
  links?: string[];
}

/** A reference article as stored in the corpus. */
export interface ReferenceArticle {
  /** The id it was ingested with (JSONL `id`, or derived from path + content hash). */
  id: string;
  outlet: string | null;
  title: string | null;
  byline: string | null;
  published: string | null;
  url: string | null;
  text: string;
}

/** A sentence of an article body, with its exact character span in that body. */
export interface Sentence {
  index: number;
  text: string;
  /** Offsets into the article body: body.slice(start, end) === text. */
  start: number;
  end: number;
  /** Zero-based paragraph number. */
  paragraph: number;
}

/** A suspect or source after sentence splitting. */
export interface SplitArticle {
  text: string;
  sentences: readonly Sentence[];
}

/** Evidence for one retrieved candidate, so a user can see why it was picked. */
export interface MatchSignals {
  /** BM25 rank among full-text hits (1 = best), null when not a full-text hit. */
  bm25Rank: number | null;
  /** Estimated Jaccard of word-shingle sets (MinHash), 0..1. */
  shingleJaccard: number;
  /** Share of suspect sentences with a close counterpart in this candidate, 0..1. */
  sentenceCoverage: number;
  /** Rare names, numbers and quotes shared with the suspect (a sample, for display). */
  sharedRare: string[];
  [extra: string]: number | string[] | string | null;
}

export interface SourceMatch {
  article: ReferenceArticle;
  /** 0..1, calibrated: the probability that this article is a source of the suspect. */
  confidence: number;
  /** One plain-language line: why this was picked. */
  why: string;
  signals: MatchSignals;
}

/** "Nothing found" is a value, not an error. */
export interface RetrievalResult {
  /** Whether a corpus was searched at all (false when no index exists). */
  searched: boolean;
  corpusSize: number;
  found: boolean;
  /** Why no source was claimed, or a summary of what was found. */
  reason: string;
  sources: SourceMatch[];
  /**
   * When no source is claimed: the best candidate if it shares the story's rare names or
   * figures, so a reader can check it (a heavily reworded source, or an independent report of
   * the same story). Never counted as a source.
   */
  closest?: SourceMatch;
}

/** One aligned group: suspect sentence(s) paired with source sentence(s) of one source, or with nothing. */
export interface AlignmentGroup {
  suspect: number[];
  source: { id: string; sentences: number[] } | null;
  /** Similarity of the pair, 0..1 (0 when source is null). */
  similarity: number;
}

/** Change kinds. The first twelve come from issue #2; later ones extend. Never rename. */
export const CHANGE_KINDS = [
  'verbatim',
  'paraphrase',
  'inserted',
  'omitted',
  'number',
  'date',
  'entity',
  'quote',
  'negation',
  'boilerplate',
  'spinner',
  'unattributed',
  'hedge',
  'reversal',
  'attribution',
  'renaming',
  'loaded',
  'evasion',
  'substitution',
  'uncredited',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Does this change alter what a reader believes? */
export type Severity = 'none' | 'low' | 'medium' | 'high';

export interface ChangeEvidence {
  /** One plain-language sentence a fact-checker can quote. */
  reason: string;
  /** The exact words at stake on the suspect side (e.g. the changed number). */
  suspect: string[];
  /** The exact words at stake on the source side. */
  source: string[];
  /** Which check produced the label (stable id, e.g. `number-mismatch`). */
  rule: string;
  /** From the article alone: the wording the suspect words most likely stood for ("fire fighters"). */
  expected?: string;
  /** Phrase-model evidence: how often real news writes the suspect's phrase and the expected one. */
  counts?: { written: number; expected: number };
  /** Evasion: each look-alike or invisible character found, where it sits and what it reads as. */
  characters?: { char: string; codePoint: string; offset: number; readsAs: string }[];
}

export interface Change {
  kind: ChangeKind;
  /** Quoted exactly from the suspect body, or null for omissions. */
  suspectText: string | null;
  /** Quoted exactly from the source body, or null for insertions and single-article checks. */
  sourceText: string | null;
  sourceId: string | null;
  suspectSentences: number[];
  sourceSentences: number[];
  evidence: ChangeEvidence;
  severity: Severity;
  /** 0..1 */
  confidence: number;
  /**
   * Which part of the page the change is in, when not the body: `title` for the headline
   * (then `suspectText` and `sourceText` quote the two headlines, and there are no sentence
   * indexes). Absent for the body.
   */
  part?: 'title';
}

/** A word-level diff token for side-by-side highlighting of an aligned pair. */
export interface DiffPart {
  text: string;
  op: 'same' | 'added' | 'removed';
}

/** Where a change was found: by comparing with a source, or from the suspect alone. */
export type ChangeScope = 'against-source' | 'single-article';

/**
 * A candidate article as a report names it: the best candidate when no source was claimed
 * (report `verdict.closest`), and the head of every {@link ReportSource}.
 */
export interface ClosestArticle {
  id: string;
  outlet: string | null;
  title: string | null;
  url: string | null;
  published: string | null;
  confidence: number;
  why: string;
}

/** A source as shown in a report. */
export interface ReportSource extends ClosestArticle {
  signals: MatchSignals;
  /** The source body and its sentences, so a report can be read without the corpus. */
  text: string;
  sentences: readonly Sentence[];
  /** How consistent the whole suspect is with this source (src/core/align/consistency.ts). */
  consistency?: SourceConsistency;
}

/** Document-level consistency of the suspect with one source. */
export interface SourceConsistency {
  /** 0..1, higher = every suspect sentence is supported by this source. */
  score: number;
  /** Support of the least supported suspect sentence, 0..1, and its index. */
  weakestSupport: number;
  weakestSentence: number;
  /** Figures and names in the suspect that this source never mentions, as written in the suspect. */
  unsupportedNumbers: string[];
  unsupportedNames: string[];
}

/**
 * Whether a copy credits its source (report `credit`), for newsroom rights teams: does it name
 * the source's outlet, keep its byline, or link back? Judged against the first source.
 */
export interface SourceCredit {
  sourceId: string;
  /** The source's outlet as the corpus names it. */
  outlet: string | null;
  /** The name of the source's outlet as the copy gives it as credit (its byline, headline, page
   * furniture, a dateline, or a mention the source does not hold itself), or null. */
  outletNamed: string | null;
  /** The source's byline as the corpus has it, or null when unknown. */
  sourceByline: string | null;
  /** Whether the copy names the source's author; null when the source's byline is unknown. */
  bylineKept: boolean | null;
  /** The copy's link to the source page, or else to its site, or null. */
  linkBack: string | null;
  /** Any of the three. */
  credited: boolean;
  /** Share of the copy's sentences that repeat a source sentence word for word, 0..1. */
  verbatimShare: number;
  /**
   * `verbatim-uncredited`: most of the copy repeats the source word for word and nothing
   * credits it (what a rights team looks for); `uncredited`: no credit, reworded; null: credited.
   */
  flag: 'verbatim-uncredited' | 'uncredited' | null;
}

/** An alignment group as shown in a report: the group plus a word diff for highlighting. */
export interface ReportAlignment extends AlignmentGroup {
  /** Word-level diff, source -> suspect; absent for unaligned groups. */
  diff?: DiffPart[];
}

/**
 * The report: a contract other tools rely on, published as docs/report.schema.json.
 * Add fields and kinds freely; never rename or drop without bumping `schemaVersion`'s major.
 */
export interface Report {
  schemaVersion: string;
  generator: { name: 'unspun'; version: string };
  suspect: {
    /** The input's name: path, URL or "-". */
    name: string;
    title: string | null;
    byline: string | null;
    published: string | null;
    url: string | null;
    text: string;
    removed: RemovedText[];
    sentences: readonly Sentence[];
  };
  corpus: { searched: boolean; size: number };
  verdict: { found: boolean; reason: string; closest?: ClosestArticle };
  sources: ReportSource[];
  alignment: ReportAlignment[];
  /** Whether the copy credits its first source; absent when no source was found. */
  credit?: SourceCredit;
  changes: (Change & { scope: ChangeScope })[];
  summary: {
    /** Share of suspect sentences aligned to a source, 0..1. */
    reusedShare: number;
    counts: Partial<Record<ChangeKind, number>>;
    suspectSentences: number;
    /** Changes of severity medium or high. */
    serious: number;
  };
}
