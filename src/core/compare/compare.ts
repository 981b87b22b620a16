/**
 * @module core/compare/compare
 * `unspun compare`: many copies of one story, no original needed.
 *
 * 1. Split every copy into sentences (core/text) and cluster the copies into stories
 *    (cluster.ts: sentence coverage, single link at CLUSTER_THRESHOLD).
 * 2. Per story, pick the pivot (the copy most similar to all others) and build the consensus
 *    slots (consensus.ts).
 * 3. Per copy, hand the classifier (core/classify) one alignment against the consensus: each
 *    slot it shares is paired with the majority reading, each slot only it (or a minority) has
 *    is an insertion, each consensus slot it lacks is an omission. Every label the classifier
 *    gives (hedge, number, entity, quote, negation, reversal, loaded, ...) becomes a departure
 *    with the count of copies that agree with the majority.
 * 4. Per copy, the single-article checks (boilerplate, spinner, unattributed claims).
 *
 * With two copies there is no majority: a sentence only one has is reported as inserted in it
 * (it may equally be an omission by the other), and a rewording is a departure of each from
 * the other's wording only when the words differ in meaning; the summary says "1 of 2".
 */
import { featureSimilarity, mergeFeatures } from '../align/index.ts';
import { classifyChanges, singleArticleChecks } from '../classify/index.ts';
import { splitArticle } from '../text/sentences.ts';
import type { AlignmentGroup, Change, ChangeKind, Severity } from '../types.ts';
import { copyFeatures, pickPivot, similarityMatrix, singleLinkClusters } from './cluster.ts';
import { buildSlots, readingText, type ClusterCopy, type DraftSlot } from './consensus.ts';
import { CLUSTER_THRESHOLD, CONSENSUS_SHARE, SENTENCE_THRESHOLD } from './settings.ts';
import type { CompareCluster, CompareCopy, CompareInput, CompareReport, ConsensusSlot, CopyFindings, Departure } from './types.ts';

/** Bump the major on any rename or removal; add fields under a minor bump. */
export const COMPARE_SCHEMA_VERSION = '1.0.0';

export interface CompareOptions {
  generatorVersion: string;
  clusterThreshold?: number;
}

/** Labels that say a sentence was reused, not changed: agreement, not a departure. */
const NOT_DEPARTURES = new Set<ChangeKind>(['verbatim', 'paraphrase', 'boilerplate']);
const SERIOUS = new Set<Severity>(['medium', 'high']);
/** The classifier's rules for whole sentences without a counterpart (clause-level ones differ). */
const WHOLE_INSERTED = 'no-source-sentence';
const WHOLE_OMITTED = 'source-sentence-dropped';

export function compareCopies(inputs: CompareInput[], options: CompareOptions): CompareReport {
  const clusterThreshold = options.clusterThreshold ?? CLUSTER_THRESHOLD;
  const copies: CompareCopy[] = inputs.map((input, k) => {
    const split = splitArticle(input.article.text);
    const a = input.article;
    return { id: `c${k + 1}`, name: input.name, title: a.title, byline: a.byline, published: a.published, url: a.url, text: split.text, sentences: split.sentences, removed: a.removed };
  });
  const clusterCopies: ClusterCopy[] = copies.map((c) => {
    const split = { text: c.text, sentences: c.sentences };
    return { id: c.id, split, features: copyFeatures(split) };
  });
  const similarity = similarityMatrix(clusterCopies.map((c) => c.features), SENTENCE_THRESHOLD);
  const lengths = copies.map((c) => c.text.length);

  const clusters: CompareCluster[] = [];
  const findings: CopyFindings[] = [];
  singleLinkClusters(similarity, clusterThreshold).forEach((members, k) => {
    const id = `story-${k + 1}`;
    const pivot = copies[pickPivot(members, similarity, lengths)].id;
    const inCluster = members.map((i) => clusterCopies[i]);
    const { slots, departures } = compareCluster(inCluster, pivot);
    clusters.push({ id, copies: inCluster.map((c) => c.id), pivot, slots });
    for (const c of inCluster) {
      const mine = departures.get(c.id) ?? [];
      const counts: Partial<Record<ChangeKind, number>> = {};
      for (const d of mine) counts[d.kind] = (counts[d.kind] ?? 0) + 1;
      findings.push({
        copy: c.id,
        cluster: id,
        departures: mine,
        singleArticle: singleArticleChecks(c.split, copies[clusterCopies.indexOf(c)].removed),
        serious: mine.filter((d) => SERIOUS.has(d.severity)).length,
        counts,
      });
    }
  });
  findings.sort((a, b) => Number(a.copy.slice(1)) - Number(b.copy.slice(1)));
  return {
    schemaVersion: COMPARE_SCHEMA_VERSION,
    generator: { name: 'unspun', version: options.generatorVersion },
    settings: { clusterThreshold, sentenceThreshold: SENTENCE_THRESHOLD },
    copies,
    similarity,
    clusters,
    findings,
    summary: { copies: copies.length, clusters: clusters.length, serious: findings.reduce((s, f) => s + f.serious, 0) },
  };
}

interface Draft {
  slot: number;
  change: Change;
}

/** Slots and departures of one cluster. */
function compareCluster(copies: ClusterCopy[], pivot: string): { slots: ConsensusSlot[]; departures: Map<string, Departure[]> } {
  const total = copies.length;
  const byId = new Map(copies.map((c) => [c.id, c]));
  const drafts: DraftSlot[] = total > 1 ? buildSlots(copies, pivot, SENTENCE_THRESHOLD) : singleCopySlots(copies[0]);
  const consensus = drafts.map((s) => s.readings.size > total * CONSENSUS_SHARE);

  // Which slot a sentence of a copy belongs to.
  const slotOf = new Map<string, number>();
  drafts.forEach((s, k) => s.readings.forEach((sentences, copy) => sentences.forEach((i) => slotOf.set(`${copy}:${i}`, k))));

  const draftsByCopy = new Map<string, Draft[]>();
  if (total > 1) {
    const sources = copies.map((c) => ({ id: c.id, split: c.split }));
    for (const c of copies) {
      const alignment: AlignmentGroup[] = [];
      drafts.forEach((s, k) => {
        const mine = s.readings.get(c.id);
        if (mine && !consensus[k]) alignment.push({ suspect: mine, source: null, similarity: 0 });
        else if (mine && s.majority.copy !== c.id) {
          const m = byId.get(s.majority.copy)!;
          const sim = featureSimilarity(mergeFeatures(mine.map((i) => c.features[i])), mergeFeatures(s.majority.sentences.map((i) => m.features[i])));
          alignment.push({ suspect: mine, source: { id: m.id, sentences: s.majority.sentences }, similarity: Math.round(sim * 1000) / 1000 });
        } else if (!mine && consensus[k]) alignment.push({ suspect: [], source: { id: s.majority.copy, sentences: s.majority.sentences }, similarity: 0 });
      });
      const changes = classifyChanges({ suspect: c.split, sources, alignment, removed: [] });
      const list: Draft[] = [];
      for (const change of changes) {
        if (NOT_DEPARTURES.has(change.kind)) continue;
        const key = change.kind === 'omitted' ? `${change.sourceId}:${change.sourceSentences[0]}` : `${c.id}:${change.suspectSentences[0]}`;
        const slot = slotOf.get(key);
        if (slot !== undefined) list.push({ slot, change });
      }
      draftsByCopy.set(c.id, list);
    }
  }

  // A reading disagrees with the majority when the classifier found a medium or high change in it.
  const disagree = drafts.map(() => new Set<string>());
  for (const [copy, list] of draftsByCopy) {
    for (const d of list) if (!isWholeSentence(d.change) && SERIOUS.has(d.change.severity)) disagree[d.slot].add(copy);
  }
  const slots: ConsensusSlot[] = drafts.map((s, k) => {
    const m = byId.get(s.majority.copy)!;
    return {
      index: k,
      pivotSentences: s.pivotSentences,
      readings: [...s.readings].map(([copy, sentences]) => ({ copy, sentences, text: readingText(byId.get(copy)!.split, sentences), agrees: !disagree[k].has(copy) })),
      majority: { copy: m.id, sentences: s.majority.sentences, text: readingText(m.split, s.majority.sentences) },
      support: s.readings.size,
      agreeing: s.readings.size - disagree[k].size,
      consensus: consensus[k],
    };
  });

  const departures = new Map<string, Departure[]>();
  for (const [copy, list] of draftsByCopy) {
    departures.set(copy, list.map(({ slot, change }) => {
      const s = slots[slot];
      const sharedWith = [...draftsByCopy].filter(([other, l]) => other !== copy && l.some((d) => d.slot === slot && d.change.kind === change.kind)).map(([other]) => other);
      return toDeparture(change, s, copy, total, sharedWith);
    }));
  }
  return { slots, departures };
}

/** A sentence only this copy has, or a consensus sentence it lacks (not a change inside a sentence). */
function isWholeSentence(change: Change): boolean {
  return change.evidence.rule === WHOLE_INSERTED || change.evidence.rule === WHOLE_OMITTED;
}

function singleCopySlots(c: ClusterCopy): DraftSlot[] {
  return c.split.sentences.map((s) => ({ pivotSentences: [s.index], readings: new Map([[c.id, [s.index]]]), majority: { copy: c.id, sentences: [s.index] } }));
}

function toDeparture(change: Change, slot: ConsensusSlot, copy: string, total: number, sharedWith: string[]): Departure {
  const inserted = change.evidence.rule === WHOLE_INSERTED;
  const majorityText = inserted ? null : (change.sourceText ?? slot.majority.text);
  let agreeing: number;
  let summary: string;
  let reason = change.evidence.reason;
  if (inserted) {
    agreeing = total - slot.support;
    const others = total - 1;
    summary = slot.support === 1
      ? `"${clip(change.suspectText ?? '')}": ${others === 1 ? 'the other copy does not say this' : `none of the other ${others} copies say this`}.`
      : `"${clip(change.suspectText ?? '')}": only ${slot.support} of ${total} copies say this.`;
    reason = reason.replace(/^No source sentence says this/, slot.support === 1 ? 'No other copy says this' : 'Most copies do not say this');
  } else if (change.evidence.rule === WHOLE_OMITTED) {
    agreeing = slot.support;
    summary = `${slot.support} of ${total} copies say "${clip(majorityText ?? '')}"; this copy leaves it out.`;
    reason = reason.replace(/^The copy leaves out this source sentence/, 'This copy leaves out a sentence most copies have');
  } else {
    // Copies other than this one whose reading agrees with the majority in meaning.
    agreeing = slot.readings.filter((r) => r.agrees && r.copy !== copy).length;
    summary = `${agreeing} of ${total} copies say "${clip(majorityText ?? '')}"; this copy says "${clip(change.suspectText ?? '')}".`;
    reason = reason.replace(/\bthe source( sentence)?\b/g, 'the majority reading').replace(/\bThe source( sentence)?\b/g, 'The majority reading');
  }
  return {
    kind: change.kind,
    severity: change.severity,
    confidence: change.confidence,
    slot: slot.index,
    copyText: change.suspectText,
    copySentences: change.suspectSentences,
    majorityText,
    majorityCopy: inserted ? null : (change.sourceId ?? slot.majority.copy),
    agreeing,
    total,
    sharedWith,
    summary,
    evidence: { ...change.evidence, reason },
  };
}

function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
