/**
 * @module core/classify/classify
 * Labels an alignment. For each aligned group: `verbatim` or `paraphrase`, plus one change per
 * distortion the detectors find (number, date, entity, quote, negation, hedge, reversal,
 * attribution, renaming, loaded). Then `inserted` for suspect sentences with no source,
 * `omitted` for source sentences dropped, and `boilerplate` for each piece of furniture cut.
 * Every `suspectText` / `sourceText` is a slice of the sentence texts of the two bodies.
 */
import type { AlignmentGroup, Change, RemovedText, Sentence, Severity, SplitArticle } from '../types.ts';
import { tokenize, NEGATORS, STOPWORDS } from '../text/tokens.ts';
import { findEntities } from '../nlp/entities.ts';
import { findQuantities } from '../nlp/numbers.ts';
import { CERTAINTY } from '../nlp/lexicons.ts';
import { checkEnglish } from '../nlp/language.ts';
import { buildHunks, buildSide, type Finding, type PairContext, type Span } from './pair.ts';
import { PAIR_DETECTORS } from './detectors.ts';
import { INSERTED_SHORT_WORDS } from './settings.ts';

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
  out.push({
    kind: verbatim ? 'verbatim' : 'paraphrase',
    suspectText: sentencesText(suspect.body, suspect.sentences),
    sourceText: sentencesText(source.body, source.sentences),
    sourceId,
    suspectSentences: suspectIdx,
    sourceSentences: sourceIdx,
    evidence: {
      reason: verbatim ? 'The copy repeats the source word for word.' : rewordingReason(suspect.text),
      suspect: [],
      source: [],
      rule: verbatim ? 'same-words' : 'aligned-rewording',
    },
    severity: 'none',
    confidence: verbatim ? 1 : Math.max(0, Math.min(1, similarity)),
  });
  if (verbatim) return out;
  const s = buildSide(suspect.text);
  const r = buildSide(source.text);
  const ctx: PairContext = { suspect: s, source: r, hunks: buildHunks(r, s), suspectArticleNorms: norms.suspect, sourceArticleNorms: norms.source };
  const findings = PAIR_DETECTORS.flatMap((d) => d(ctx));
  for (const f of dedupe(findings)) out.push(toChange(f, suspect, source, sourceId));
  return out;
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

const CONTRAST = new Set(['however', 'but', 'although', 'though', 'denied', 'denies', 'rejected', 'condemned', 'disputed', 'criticised', 'criticized', 'insisted', 'countered', 'whereas', 'meanwhile']);
// Doubt, criticism and legal challenge: dropping such a sentence removes the other side's case.
const DOUBT = new Set([
  'scrutiny', 'criticism', 'critics', 'critic', 'questioned', 'questions', 'doubts', 'doubt', 'unlawful', 'illegal',
  'lawful', 'legality', 'allegations', 'accused', 'accusations', 'opposition', 'opponents', 'protest', 'protests',
  'protested', 'concerns', 'warned', 'challenge', 'challenged', 'lawsuit', 'investigation', 'denial', 'deny',
]);

function insertedSeverity(text: string): { severity: Severity; why: string } {
  const tokens = tokenize(text);
  if (findQuantities(text, tokens).length > 0) return { severity: 'high', why: 'it states figures' };
  if (tokens.some((t) => CERTAINTY.has(t.norm))) return { severity: 'high', why: 'it states a claim as certain' };
  // "The displacement was not forced.": short, but a denial is a claim, not a transition.
  if (tokens.some((t) => NEGATORS.has(t.norm) || /n't$/.test(t.norm))) return { severity: 'high', why: 'it denies something' };
  if (findEntities(text, tokens).length > 0) return { severity: 'high', why: 'it makes a claim about named people, places or organisations' };
  const content = tokens.filter((t) => !STOPWORDS.has(t.norm)).length;
  if (tokens.length < INSERTED_SHORT_WORDS || content < 3) return { severity: 'low', why: 'it is a short transition' };
  return { severity: 'medium', why: 'it adds a statement' };
}

function omittedSeverity(text: string): { severity: Severity; why: string } {
  const tokens = tokenize(text);
  if (findQuantities(text, tokens).length > 0) return { severity: 'high', why: 'it gives figures' };
  if (/[“"«]/.test(text)) return { severity: 'high', why: 'it quotes someone' };
  if (tokens.some((t) => CONTRAST.has(t.norm))) return { severity: 'medium', why: 'it gives another view or a qualification' };
  if (tokens.some((t) => DOUBT.has(t.norm))) return { severity: 'medium', why: 'it carries doubt, criticism or a challenge' };
  if (tokens.length < INSERTED_SHORT_WORDS) return { severity: 'low', why: 'it is short' };
  return { severity: 'low', why: 'it adds detail' };
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
      const { severity, why } = insertedSeverity(side.text);
      const text = sentencesText(side.body, side.sentences);
      const language = checkEnglish(side.text);
      const reason = language.english
        ? `No source sentence says this; ${why}.`
        : `No source sentence says this; its words could not be analysed because ${language.note}.`;
      out.push({
        kind: 'inserted', suspectText: text, sourceText: null, sourceId: null,
        suspectSentences: g.suspect, sourceSentences: [],
        evidence: { reason, suspect: [text], source: [], rule: 'no-source-sentence' },
        severity, confidence: 0.7,
      });
    } else if (g.source) {
      const split = sources.get(g.source.id);
      if (!split) continue;
      const side = groupSide(split, g.source.sentences);
      const { severity, why } = omittedSeverity(side.text);
      const text = sentencesText(side.body, side.sentences);
      out.push({
        kind: 'omitted', suspectText: null, sourceText: text, sourceId: g.source.id,
        suspectSentences: [], sourceSentences: g.source.sentences,
        evidence: { reason: `The copy leaves out this source sentence; ${why}.`, suspect: [], source: [text], rule: 'source-sentence-dropped' },
        severity, confidence: 0.6,
      });
    }
  }
  out.push(...boilerplateChanges(input.removed));
  return out;
}

/** One `boilerplate` change per piece of page furniture cut from the body (quoted from the page). */
export function boilerplateChanges(removed: RemovedText[]): Change[] {
  return removed.map((r) => ({
    kind: 'boilerplate' as const,
    suspectText: r.text,
    sourceText: null,
    sourceId: null,
    suspectSentences: [],
    sourceSentences: [],
    evidence: { reason: `Page furniture cut from the article body (${r.reason.replace(/-/g, ' ')}).`, suspect: [r.text], source: [], rule: `boilerplate-${r.reason}` },
    severity: 'low' as Severity,
    confidence: 0.9,
  }));
}
