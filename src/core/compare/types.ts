/**
 * @module core/compare/types
 * Plain records for `unspun compare`: many copies of one story, clustered, with a consensus
 * per sentence slot and, per copy, where it departs from that consensus. Published as
 * docs/compare.schema.json: add fields freely, never rename or drop without a major bump.
 */
import type { Change, ChangeEvidence, ChangeKind, ExtractedArticle, RemovedText, Sentence, Severity } from '../types.ts';

/** One input to compare: an extracted article and the name it came under (path, id). */
export interface CompareInput {
  name: string;
  article: ExtractedArticle;
}

/** A copy as shown in the report, with its body and sentences so every quote can be checked. */
export interface CompareCopy {
  /** `c1`, `c2`, ... in input order. */
  id: string;
  name: string;
  title: string | null;
  byline: string | null;
  published: string | null;
  url: string | null;
  text: string;
  sentences: readonly Sentence[];
  removed: RemovedText[];
}

/** One copy's wording of a slot. */
export interface SlotReading {
  copy: string;
  /** Sentence indexes in that copy. */
  sentences: number[];
  /** The sentences joined by a space. */
  text: string;
  /** False when this reading departs from the majority in meaning (a medium or high change). */
  agrees: boolean;
}

/**
 * A sentence slot: what the copies say at one point of the story. Slots come from aligning every
 * copy with the cluster's pivot; sentences no copy shares with the pivot form extra slots.
 */
export interface ConsensusSlot {
  index: number;
  /** Pivot sentence indexes this slot is anchored on; empty when the pivot lacks it. */
  pivotSentences: number[];
  readings: SlotReading[];
  /** The majority reading: most copies with the same wording, then the most central one. */
  majority: { copy: string; sentences: number[]; text: string };
  /** Copies that have this slot at all. */
  support: number;
  /** Copies whose reading agrees with the majority in meaning (the majority reading included). */
  agreeing: number;
  /** Whether more than half the copies of the cluster have this slot. */
  consensus: boolean;
}

export interface CompareCluster {
  /** `story-1`, `story-2`, ... biggest first. */
  id: string;
  /** Copy ids in input order. */
  copies: string[];
  /** The copy most similar to all the others: every copy is aligned with it. */
  pivot: string;
  slots: ConsensusSlot[];
}

/** Where one copy departs from the others. */
export interface Departure {
  kind: ChangeKind;
  severity: Severity;
  /** 0..1 */
  confidence: number;
  /** The slot this is about. */
  slot: number;
  /** Quoted exactly from this copy's body; null for omissions. */
  copyText: string | null;
  copySentences: number[];
  /** The majority's words (quoted from the copy that holds the majority reading); null for insertions. */
  majorityText: string | null;
  majorityCopy: string | null;
  /** Other copies that agree with the majority here; for inserted: copies without this sentence; for omitted: copies with it. */
  agreeing: number;
  /** Copies in the cluster. */
  total: number;
  /** Other copies that depart the same way at the same slot. */
  sharedWith: string[];
  /** One line a fact-checker can quote: "4 of 5 copies say ...; this copy says ...". */
  summary: string;
  /** From the classifier: the exact words at stake on each side, and the rule that fired. */
  evidence: ChangeEvidence;
}

export interface CopyFindings {
  copy: string;
  cluster: string;
  departures: Departure[];
  /** Checks that need no other copy: boilerplate, spinner fingerprints, unattributed claims. */
  singleArticle: Change[];
  /** Departures of severity medium or high. */
  serious: number;
  counts: Partial<Record<ChangeKind, number>>;
}

export interface CompareSettings {
  /** Copies whose similarity reaches this are linked into one story (single link). */
  clusterThreshold: number;
  /** Sentence similarity at which two sentences count as the same statement. */
  sentenceThreshold: number;
}

export interface CompareReport {
  schemaVersion: string;
  generator: { name: 'unspun'; version: string };
  settings: CompareSettings;
  copies: CompareCopy[];
  /** Symmetric story similarity of every pair of copies, 0..1, indexed like `copies`. */
  similarity: number[][];
  clusters: CompareCluster[];
  /** One entry per copy, in input order. */
  findings: CopyFindings[];
  summary: { copies: number; clusters: number; serious: number };
}
