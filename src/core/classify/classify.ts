/**
 * @module core/classify/classify
 * Labels an alignment. For each aligned group: `verbatim` or `paraphrase`, plus one change per
 * distortion the pair checks find (the rule families under `rules/`, run in the order of
 * {@link PAIR_CHECKS}). Then `inserted` for suspect sentences with no source, `omitted` for
 * source sentences dropped, and `boilerplate` for each piece of furniture cut. Kind, severity
 * and confidence come from the rule table (`catalogue.ts`). Every `suspectText` /
 * `sourceText` is a slice of the sentence texts of the two bodies.
 */
import type { AlignmentGroup, Change, RemovedText, Sentence, SplitArticle } from '../types.ts';
import { tokenize } from '../text/tokens.ts';
import { findEntities } from '../nlp/entities.ts';
import { findQuantities } from '../nlp/numbers.ts';
import { checkEnglish } from '../nlp/language.ts';
import { buildHunks, buildSide, type Finding, type PairContext, type Span } from './pair.ts';
import { ruleOutcome, type Hit } from './catalogue.ts';
import { insertedGrade, omittedGrade } from './rules/inserted-omitted.ts';
import { PAIR_CHECKS } from './pair-checks.ts';

export interface ClassifyInput {
  suspect: SplitArticle;
  sources: { id: string; split: SplitArticle }[];
  alignment: AlignmentGroup[];
  removed: RemovedText[];
}

interface GroupSide {
  body: string;
  sentences: Sentence[];
  /** The group's sentences joined by a space (they need not be contiguous in the body). */
  text: string;
  /** Where each sentence starts in `text`. */
  starts: number[];
}

function groupSide(split: SplitArticle, indexes: number[]): GroupSide {
  const sentences = indexes.map((i) => split.sentences[i]).filter(Boolean).sort((a, b) => a.start - b.start);
  const starts: number[] = [];
  let text = '';
  for (const s of sentences) {
    if (text) text += ' ';
    starts.push(text.length);
    text += s.text;
  }
  return { body: split.text, sentences, text, starts };
}

/** The sentences of a side that contain the given spans (offsets relative to side.text), or all. */
function sentencesFor(side: GroupSide, spans: Span[]): Sentence[] {
  if (spans.length === 0) return side.sentences;
  const hit = side.sentences.filter((s, k) => spans.some((sp) => sp.start < side.starts[k] + s.text.length && sp.end > side.starts[k]));
  return hit.length ? hit : side.sentences;
}

/**
 * Exact text of a run of sentences: the body from the first one's start to the last one's end
 * (for sentences merged from two places this includes what lies between; it is still an exact
 * quotation of the body).
 */
function sentencesText(body: string, sentences: Sentence[]): string {
  return body.slice(sentences[0].start, sentences[sentences.length - 1].end);
}

function normalisedWords(text: string): string {
  return tokenize(text).map((t) => t.norm).join(' ');
}

function articleNorms(split: SplitArticle): Set<string> {
  const set = new Set<string>();
  for (const t of tokenize(split.text)) set.add(t.norm);
  for (const q of findQuantities(split.text)) set.add(String(q.value));
  for (const e of findEntities(split.text)) for (const w of e.words) set.add(w);
  return set;
}

/** Changes for one aligned pair (suspect sentences vs source sentences). */
export function classifyPair(
  suspect: GroupSide,
  source: GroupSide,
  sourceId: string,
  similarity: number,
  norms: { suspect: ReadonlySet<string>; source: ReadonlySet<string> },
  suspectIdx: number[],
  sourceIdx: number[],
): Change[] {
  const out: Change[] = [];
  const verbatim = normalisedWords(suspect.text) === normalisedWords(source.text);
  const { kind, rule, severity } = ruleOutcome({ rule: verbatim ? 'same-words' : 'aligned-rewording' });
  out.push({
    kind,
    suspectText: sentencesText(suspect.body, suspect.sentences),
    sourceText: sentencesText(source.body, source.sentences),
    sourceId,
    suspectSentences: suspectIdx,
    sourceSentences: sourceIdx,
    evidence: {
      reason: verbatim ? 'The copy repeats the source word for word.' : rewordingReason(suspect.text),
      suspect: [],
      source: [],
      rule,
    },
    severity,
    confidence: verbatim ? ruleOutcome({ rule: 'same-words' }).confidence : Math.max(0, Math.min(1, similarity)),
  });
  if (verbatim) return out;
  const s = buildSide(suspect.text);
  const r = buildSide(source.text);
  const ctx: PairContext = { suspect: s, source: r, hunks: buildHunks(r, s), suspectArticleNorms: norms.suspect, sourceArticleNorms: norms.source };
  const hits: Hit[] = [];
  for (const check of PAIR_CHECKS) hits.push(...check(ctx, hits));
  const findings = hits.map(toFinding);
  for (const f of dedupe(findings)) out.push(toChange(f, suspect, source, sourceId));
  return out;
}

function toFinding(hit: Hit): Finding {
  return { ...ruleOutcome(hit), reason: hit.reason, suspect: hit.suspect, source: hit.source };
}

function rewordingReason(suspectText: string): string {
  const language = checkEnglish(suspectText);
  return language.english
    ? 'The copy rewords the source sentence.'
    : `The copy rewords the source sentence; the words could not be analysed for other changes because ${language.note} (figures, dates and names were still compared).`;
}

/** An attribution change explains the same words better than an entity change. */
function dedupe(findings: Finding[]): Finding[] {
  return findings.filter((f) => {
    if (f.kind !== 'entity') return true;
    return !findings.some((g) => g.kind === 'attribution' && g.suspect.some((a) => f.suspect.some((b) => a.start < b.end && b.start < a.end)));
  });
}

function toChange(f: Finding, suspect: GroupSide, source: GroupSide, sourceId: string): Change {
  const sus = sentencesFor(suspect, f.suspect);
  const src = sentencesFor(source, f.source);
  return {
    kind: f.kind,
    suspectText: sentencesText(suspect.body, sus),
    sourceText: sentencesText(source.body, src),
    sourceId,
    suspectSentences: sus.map((x) => x.index),
    sourceSentences: src.map((x) => x.index),
    evidence: { reason: f.reason, suspect: f.suspect.map((x) => x.text), source: f.source.map((x) => x.text), rule: f.rule },
    severity: f.severity,
    confidence: f.confidence,
  };
}

/** Labels every group of an alignment and every piece of removed boilerplate. */
export function classifyChanges(input: ClassifyInput): Change[] {
  const sources = new Map(input.sources.map((s) => [s.id, s.split]));
  const suspectNorms = articleNorms(input.suspect);
  const sourceNorms = new Map<string, Set<string>>();
  const out: Change[] = [];
  for (const g of input.alignment) {
    if (g.suspect.length > 0 && g.source) {
      const split = sources.get(g.source.id);
      if (!split) continue;
      let norms = sourceNorms.get(g.source.id);
      if (!norms) sourceNorms.set(g.source.id, (norms = articleNorms(split)));
      out.push(...classifyPair(groupSide(input.suspect, g.suspect), groupSide(split, g.source.sentences), g.source.id, g.similarity, { suspect: suspectNorms, source: norms }, g.suspect, g.source.sentences));
    } else if (g.suspect.length > 0) {
      const side = groupSide(input.suspect, g.suspect);
      const { grade, why } = insertedGrade(side.text);
      const { kind, rule, severity, confidence } = ruleOutcome({ rule: 'no-source-sentence', severity: grade });
      const text = sentencesText(side.body, side.sentences);
      const language = checkEnglish(side.text);
      const reason = language.english
        ? `No source sentence says this; ${why}.`
        : `No source sentence says this; its words could not be analysed because ${language.note}.`;
      out.push({
        kind, suspectText: text, sourceText: null, sourceId: null,
        suspectSentences: g.suspect, sourceSentences: [],
        evidence: { reason, suspect: [text], source: [], rule },
        severity, confidence,
      });
    } else if (g.source) {
      const split = sources.get(g.source.id);
      if (!split) continue;
      const side = groupSide(split, g.source.sentences);
      const { grade, why } = omittedGrade(side.text);
      const { kind, rule, severity, confidence } = ruleOutcome({ rule: 'source-sentence-dropped', severity: grade });
      const text = sentencesText(side.body, side.sentences);
      out.push({
        kind, suspectText: null, sourceText: text, sourceId: g.source.id,
        suspectSentences: [], sourceSentences: g.source.sentences,
        evidence: { reason: `The copy leaves out this source sentence; ${why}.`, suspect: [], source: [text], rule },
        severity, confidence,
      });
    }
  }
  out.push(...boilerplateChanges(input.removed));
  return out;
}

/** One `boilerplate` change per piece of page furniture cut from the body (quoted from the page). */
export function boilerplateChanges(removed: RemovedText[]): Change[] {
  return removed.map((r) => {
    const { kind, rule, severity, confidence } = ruleOutcome({ rule: 'boilerplate', variant: r.reason });
    return {
      kind,
      suspectText: r.text,
      sourceText: null,
      sourceId: null,
      suspectSentences: [],
      sourceSentences: [],
      evidence: { reason: `Page furniture cut from the article body (${r.reason.replace(/-/g, ' ')}).`, suspect: [r.text], source: [], rule },
      severity,
      confidence,
    };
  });
}
