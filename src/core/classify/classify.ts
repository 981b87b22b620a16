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
import { HEADLINE_MIN_SIMILARITY, HEADLINE_REPEAT_SEVERITY } from './settings.ts';
import { sentenceSimilarity } from '../align/similarity.ts';
import { splitArticle } from '../text/sentences.ts';
import { asWritten, isTitleCase, namesUsed, quotedAsWritten, undoTitleCase } from './headline-case.ts';

export interface ClassifyInput {
  suspect: SplitArticle;
  sources: { id: string; split: SplitArticle }[];
  alignment: AlignmentGroup[];
  removed: RemovedText[];
  /**
   * Furniture left in the suspect body (offsets into it), such as a correction note: not the
   * article's own words, so they never count as the copy saying something elsewhere.
   */
  furniture?: { start: number; end: number }[];
}

interface GroupSide {
  body: string;
  sentences: readonly Sentence[];
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
function sentencesFor(side: GroupSide, spans: Span[]): readonly Sentence[] {
  if (spans.length === 0) return side.sentences;
  const hit = side.sentences.filter((s, k) => spans.some((sp) => sp.start < side.starts[k] + s.text.length && sp.end > side.starts[k]));
  return hit.length ? hit : side.sentences;
}

/**
 * Exact text of a run of sentences: the body from the first one's start to the last one's end
 * (for sentences merged from two places this includes what lies between; it is still an exact
 * quotation of the body).
 */
function sentencesText(body: string, sentences: readonly Sentence[]): string {
  return body.slice(sentences[0].start, sentences[sentences.length - 1].end);
}

function normalisedWords(text: string): string {
  return tokenize(text).map((t) => t.norm).join(' ');
}

function articleNorms(split: SplitArticle, without: { start: number; end: number }[] = []): Set<string> {
  let text = split.text;
  for (const w of without) text = text.slice(0, w.start) + ' '.repeat(Math.max(0, w.end - w.start)) + text.slice(w.end);
  const set = new Set<string>();
  for (const t of tokenize(text)) set.add(t.norm);
  for (const q of findQuantities(text)) set.add(String(q.value));
  for (const e of findEntities(text)) for (const w of e.words) set.add(w);
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
  const suspectNorms = articleNorms(input.suspect, input.furniture);
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

/** What the headline comparison needs of each side: its headline and its body (for the
 * article-wide words that tell a renamed thing from a swapped one). */
export interface HeadlineSide {
  title: string | null;
  body: SplitArticle;
}

/**
 * The headline's changes: the copy's headline read against the source's as one aligned pair,
 * with the same checks as the body ("protesters" -> "rioters", a figure, a name). Only
 * headlines that still say the same thing in similar words are compared
 * (HEADLINE_MIN_SIMILARITY): a headline rewritten from scratch for search engines is not a
 * word-level edit of the source's. Each change has `part: 'title'`, no sentence indexes, and
 * quotes the two headlines.
 */
export function compareHeadlines(suspect: HeadlineSide, source: HeadlineSide & { id: string }): Change[] {
  const givenA = suspect.title?.trim();
  const givenB = source.title?.trim();
  if (!givenA || !givenB) return [];
  // Title Case capitalises every word; only the names the articles use keep their capitals.
  const names = namesUsed([suspect.body.text, source.body.text, ...[givenA, givenB].filter((t) => !isTitleCase(t))]);
  const a = undoTitleCase(givenA, names);
  const b = undoTitleCase(givenB, names);
  const similarity = sentenceSimilarity(a, b);
  if (similarity < HEADLINE_MIN_SIMILARITY) return [];
  const sus = splitArticle(a);
  const src = splitArticle(b);
  if (sus.sentences.length === 0 || src.sentences.length === 0) return [];
  const all = (split: SplitArticle) => split.sentences.map((x) => x.index);
  const norms = { suspect: articleNorms(joinSplits(sus, suspect.body)), source: articleNorms(joinSplits(src, source.body)) };
  const found = classifyPair(groupSide(sus, all(sus)), groupSide(src, all(src)), source.id, similarity, norms, all(sus), all(src));
  // A headline sums up its story: an added or dropped clause is no finding there, and once one
  // is, words of different clauses face each other, so a direction word of the added clause
  // ("as revenues decline") is no reversal of the source's ("boost").
  const reclaused = found.some((c) => c.kind === 'inserted' || c.kind === 'omitted');
  return found
    .filter((c) => !['verbatim', 'paraphrase', 'inserted', 'omitted'].includes(c.kind) && !(reclaused && c.kind === 'reversal'))
    .map((c) => ({
      ...c,
      suspectText: givenA,
      sourceText: givenB,
      suspectSentences: [],
      sourceSentences: [],
      part: 'title' as const,
      evidence: {
        ...c.evidence,
        suspect: c.evidence.suspect.map((w) => asWritten(w, a, givenA)),
        source: c.evidence.source.map((w) => asWritten(w, b, givenB)),
        reason: `In the headline: ${quotedAsWritten(quotedAsWritten(c.evidence.reason, a, givenA), b, givenB)}`,
      },
    }));
}

/**
 * Headline changes that repeat a body change (same kind, and the headline's evidence words are
 * among the body change's on both sides) are kept at HEADLINE_REPEAT_SEVERITY, their reason
 * saying so: the body's finding carries the weight, and `summary.serious` counts the change once.
 */
export function foldHeadlineRepeats(headline: Change[], body: readonly Change[]): Change[] {
  const words = (ws: string[]) => ws.map((w) => w.toLowerCase().replace(/\s+/g, ' ').trim());
  const within = (a: string[], b: string[]) => {
    const set = new Set(words(b));
    return words(a).every((w) => set.has(w));
  };
  return headline.map((h) => {
    const repeated = body.find(
      (c) => c.kind === h.kind && c.part === undefined && within(h.evidence.suspect, c.evidence.suspect) && within(h.evidence.source, c.evidence.source),
    );
    if (!repeated || h.severity === 'none' || h.severity === HEADLINE_REPEAT_SEVERITY) return h;
    return {
      ...h,
      severity: HEADLINE_REPEAT_SEVERITY,
      evidence: { ...h.evidence, reason: `${h.evidence.reason} The body makes the same change, reported there.` },
    };
  });
}

/** A headline and a body as one text, for article-wide word sets. */
function joinSplits(title: SplitArticle, body: SplitArticle): SplitArticle {
  return { text: `${title.text}\n\n${body.text}`, sentences: [] };
}

/**
 * One `boilerplate` change per furniture paragraph left in the body (a correction or update
 * note): it is kept, not cut, because a note the source lacks says the copy may follow a later,
 * corrected version of the source, which a reader weighing the other findings needs to see.
 */
export function keptFurnitureChanges(suspect: SplitArticle, paragraphs: { start: number; end: number; reason: string }[]): Change[] {
  return paragraphs.flatMap((p) => {
    const sentences = suspect.sentences.filter((s) => s.start >= p.start && s.end <= p.end).map((s) => s.index);
    if (sentences.length === 0) return [];
    const text = suspect.text.slice(p.start, p.end);
    const { kind, rule, severity, confidence } = ruleOutcome({ rule: 'boilerplate', variant: p.reason });
    const reason =
      p.reason === 'correction-note'
        ? 'A correction or update note, not a claim of the article. No source sentence carries it, so the copy may follow a later, corrected version of the source: a difference in the corrected detail may be the source\'s own correction.'
        : `Page furniture left in the article body (${p.reason.replace(/-/g, ' ')}).`;
    return [{ kind, suspectText: text, sourceText: null, sourceId: null, suspectSentences: sentences, sourceSentences: [], evidence: { reason, suspect: [text], source: [], rule }, severity, confidence }];
  });
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
