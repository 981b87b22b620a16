/**
 * @module core/classify/rules/polarity
 * Meaning turned round: a negation added or dropped (`negation-added`, `negation-dropped`), a
 * word replaced by its WordNet antonym (`antonym`), a hedged claim made certain or stripped of
 * its hedge (`hedge-to-certainty`, `hedge-dropped`, `hedge-word-dropped`), and a word of the
 * opposite direction (`reversal-<cluster>`).
 */
import { STOPWORDS, type Token } from '../../text/tokens.ts';
import { ATTRIBUTION_VERBS, CERTAINTY, HEDGE_PHRASES, HEDGES, REVERSAL_CLUSTERS } from '../../nlp/lexicons.ts';
import { getWordNet } from '../../nlp/wordnet.ts';
import { sameEntity } from '../../nlp/entities.ts';
import type { Hit } from '../catalogue.ts';
import { span, tokenSpan, type PairContext, type Side, type Span } from '../pair.ts';
import { MAX_ANTONYM_WORDS, NEGATION_SCOPE } from '../settings.ts';
import { areAntonyms, forms, isNegator, sameWord } from '../words.ts';

// ---------------------------------------------------------------- negation

/**
 * The content word a negator governs on its own side (the next one within NEGATION_SCOPE
 * tokens), or null when none follows closely; `skipFigures` passes over numbers ("not 20 ...").
 */
function governedWord(side: Side, negator: Token, skipFigures = false): Token | null {
  const k = side.tokens.indexOf(negator);
  for (let i = k + 1; i < Math.min(side.tokens.length, k + 1 + NEGATION_SCOPE); i++) {
    const t = side.tokens[i];
    if (STOPWORDS.has(t.norm) || isNegator(t) || (skipFigures && t.numeric)) continue;
    return t;
  }
  return null;
}

/** The negators of a side, less "not only" ("not only X but Y" adds, it does not negate). */
function negators(side: Side): Token[] {
  return side.tokens.filter((t, k) => isNegator(t) && !(t.norm === 'not' && side.tokens[k + 1]?.norm === 'only'));
}

/** Whether a negator stands within NEGATION_SCOPE tokens before token index k. */
function negatedAt(side: Side, k: number): boolean {
  for (let i = Math.max(0, k - NEGATION_SCOPE); i < k; i++) if (isNegator(side.tokens[i])) return true;
  return false;
}

/**
 * A word negated on `negSide` ("not licensed") that appears un-negated on `plainSide`
 * ("was licensed"): the first such pair, as a hit, or null.
 */
function scopedNegationFlip(negSide: Side, plainSide: Side, rule: 'negation-added' | 'negation-dropped'): Hit | null {
  for (const n of negators(negSide)) {
    const target = governedWord(negSide, n, true);
    if (!target) continue;
    const j = plainSide.tokens.findIndex((o) => sameWord(o, target));
    if (j < 0 || negatedAt(plainSide, j)) continue;
    const other = plainSide.tokens[j];
    const added = rule === 'negation-added';
    const negSpans = [tokenSpan(negSide, n), tokenSpan(negSide, target)];
    return {
      rule, confidence: 'scoped',
      reason: added
        ? `The source says "${other.text}"; the copy says "${n.text} ${target.text}", flipping the meaning.`
        : `The source says "${n.text} ${target.text}"; the copy says "${other.text}" without the negation, flipping the meaning.`,
      suspect: added ? negSpans : [tokenSpan(plainSide, other)],
      source: added ? [tokenSpan(plainSide, other)] : negSpans,
    };
  }
  return null;
}

/** Polarity flipped: a negator added or dropped, or a word replaced by its WordNet antonym. */
export function detectNegation(ctx: PairContext): Hit[] {
  const { source, suspect } = ctx;
  const srcNeg = negators(source);
  const susNeg = negators(suspect);
  // Antonyms count only as direct replacements (same edit hunk): "front" in one clause and
  // "backing" in another are different senses, not a flip. Bounded for run-on input.
  const antonymPairs: [Token, Token][] = [];
  const usable = (t: Token, other: Side) => !other.norms.has(t.norm) && !STOPWORDS.has(t.norm) && !t.numeric;
  for (const h of ctx.hunks) {
    const removed = h.removed.filter((t) => usable(t, suspect)).slice(0, MAX_ANTONYM_WORDS);
    const added = h.added.filter((t) => usable(t, source)).slice(0, MAX_ANTONYM_WORDS);
    for (const a of removed) for (const b of added) if (areAntonyms(a.norm, b.norm)) antonymPairs.push([a, b]);
  }
  const flips = Math.abs(srcNeg.length - susNeg.length) + antonymPairs.length;
  // Counting negators over the whole sentence misses a negation added in one clause while
  // another clause loses one ("apparently was licensed ... no prohibition" -> "was not
  // licensed ... strictly limits"). A negated word found un-negated on the other side is a
  // flip whatever the counts say.
  if (flips % 2 === 0 && antonymPairs.length === 0) {
    const scoped = scopedNegationFlip(suspect, source, 'negation-added') ?? scopedNegationFlip(source, suspect, 'negation-dropped');
    return scoped ? [scoped] : [];
  }
  if (flips % 2 === 0) return [];
  if (antonymPairs.length > 0) {
    const [a, b] = antonymPairs[0];
    return [{
      rule: 'antonym',
      reason: `"${a.text}" in the source became its opposite, "${b.text}", in the copy.`,
      suspect: [tokenSpan(suspect, b)], source: [tokenSpan(source, a)],
    }];
  }
  const more = srcNeg.length > susNeg.length;
  const negs = more ? srcNeg : susNeg;
  const extra = negs.filter((t) => !(more ? suspect : source).norms.has(t.norm));
  const words = extra.length ? extra : negs;
  // The other side's words at stake: the word the negator governed ("not increase" -> "increased").
  const negSide = more ? source : suspect;
  const plainSide = more ? suspect : source;
  const targets = words.map((t) => governedWord(negSide, t)).filter((x): x is Token => x !== null);
  const other = targets.map((t) => plainSide.tokens.find((o) => sameWord(o, t)) ?? null).filter((x): x is Token => x !== null);
  // The negated word is nowhere on the other side: the clause was dropped or reworded ("if they
  // do not wish to get pregnant" left out), which is an omission, not a flipped polarity.
  if (other.length === 0 && targets.length > 0) return [];
  const otherSpans = other.map((t) => tokenSpan(more ? suspect : source, t));
  return [{
    rule: more ? 'negation-dropped' : 'negation-added',
    confidence: Math.max(srcNeg.length, susNeg.length) > 2 ? 'manyNegators' : undefined,
    reason: more
      ? `The source says "${words.map((t) => t.text).join('", "')}" here; the copy drops the negation, flipping the meaning.`
      : `The copy adds "${words.map((t) => t.text).join('", "')}", which the source does not have, flipping the meaning.`,
    suspect: more ? otherSpans : words.map((t) => tokenSpan(suspect, t)),
    source: more ? words.map((t) => tokenSpan(source, t)) : otherSpans,
  }];
}

// ---------------------------------------------------------------- hedges

function findHedges(side: Side): Span[] {
  const out: Span[] = [];
  const norms = side.tokens.map((t) => t.norm);
  for (const phrase of HEDGE_PHRASES) {
    const parts = phrase.split(' ');
    for (let i = 0; i + parts.length <= norms.length; i++) {
      if (parts.every((p, k) => norms[i + k] === p)) out.push(span(side.text, side.tokens[i].start, side.tokens[i + parts.length - 1].end));
    }
  }
  side.tokens.forEach((t, i) => {
    if (HEDGES.has(t.norm) && (!MODALS.has(t.norm) || isModalUse(side, i)) && !isAppearance(side, i) && !out.some((s) => t.start >= s.start && t.end <= s.end)) out.push(tokenSpan(side, t));
  });
  return out;
}

const MODALS = new Set(['may', 'might', 'could']);
const APPEAR = new Set(['appear', 'appears', 'appeared']);
const APPEARANCE_NEXT = new Set(['in', 'at', 'before', 'on', 'alongside', 'with', 'as', 'outside', 'during', 'for']);

/** "Appeared in court", "appears on television": showing up, not seeming. */
function isAppearance(side: Side, i: number): boolean {
  const next = side.tokens[i + 1];
  return APPEAR.has(side.tokens[i].norm) && next !== undefined && APPEARANCE_NEXT.has(next.norm);
}
// Words that may stand between a modal and its verb ("may well be", "might not have", "could also rise").
const BETWEEN_MODAL_AND_VERB = new Set(['not', 'well', 'also', 'still', 'yet', 'even', 'never', 'soon', 'now', 'already', 'only', 'just', 'therefore', 'then', 'eventually', 'ultimately', 'possibly', 'perhaps', 'easily', 'each', 'all', 'both']);

/**
 * Whether "may", "might" or "could" hedges here: a modal is followed by a verb in its plain form
 * ("may rise", "might not have"). "In May", "Theresa May", "economic might", "with all its might"
 * name a month, a person or a strength, and hedge nothing.
 */
function isModalUse(side: Side, i: number): boolean {
  const t = side.tokens[i];
  // A capital inside a sentence is a month or a name ("in May", "Theresa May").
  if (t.capitalized && i > 0 && !/[.!?:;“"‘(\[—–-]\s*$/.test(side.text.slice(Math.max(0, side.tokens[i - 1].end), t.start))) return false;
  const wn = getWordNet();
  for (let k = i + 1; k < Math.min(side.tokens.length, i + 4); k++) {
    const next = side.tokens[k];
    if (side.text.slice(side.tokens[k - 1].end, next.start).trim() !== '') return false;
    if (BETWEEN_MODAL_AND_VERB.has(next.norm) || next.norm === "n't") continue;
    return !next.numeric && (next.norm === 'be' || next.norm === 'have' || next.norm === 'do' || wn.sensesOf(next.norm, 'v').length > 0);
  }
  return false;
}

/** Whether an "according to X" of the source names an X the copy names too. */
function attributionKept(ctx: PairContext, h: Span): boolean {
  if (h.text.toLowerCase() !== 'according to') return false;
  const named = ctx.source.entities.find((e) => e.start >= h.end && e.start - h.end <= 40);
  // The copy names it as the one who says so ("X said", "X reported"), not in a garble ("in accordance to X").
  const says = ctx.suspect.tokens.some((t) => ATTRIBUTION_VERBS.has(t.norm));
  return named !== undefined && says && ctx.suspect.entities.some((e) => sameEntity(e, named));
}

/** A hedged claim made certain: hedge words dropped, or certainty words added. */
export function detectHedge(ctx: PairContext): Hit[] {
  const { source, suspect } = ctx;
  // "According to the Daily Post, ..." -> "The Daily Post said ...": the source is still named,
  // only the wording of the attribution changed (the attribution check reads that).
  const srcHedges = findHedges(source).filter((h) => !attributionKept(ctx, h));
  if (srcHedges.length === 0) return [];
  const susHedges = findHedges(suspect);
  const certainty = suspect.tokens.filter((t) => CERTAINTY.has(t.norm) && !source.tokens.some((s) => s.norm === t.norm));
  const dropped = srcHedges.filter((h) => !susHedges.some((s) => s.text.toLowerCase() === h.text.toLowerCase()));
  if (certainty.length > 0 && dropped.length > 0) {
    return [{
      rule: 'hedge-to-certainty',
      reason: `The source hedges ("${dropped.map((h) => h.text).join('", "')}"); the copy states it as certain ("${certainty.map((t) => t.text).join('", "')}").`,
      suspect: certainty.map((t) => tokenSpan(suspect, t)), source: dropped,
    }];
  }
  if (susHedges.length === 0) {
    return [{
      rule: 'hedge-dropped',
      reason: `The source hedges this claim ("${srcHedges.map((h) => h.text).join('", "')}"); the copy states it without the hedge.`,
      suspect: [], source: srcHedges,
    }];
  }
  // One hedge kept ("according to") does not excuse another dropped ("an alleged boat" -> "a
  // boat"): count them, so a swap ("reportedly" -> "is said to") is not a drop.
  const droppedWords = dropped.filter((h) => !h.text.includes(' '));
  if (droppedWords.length > 0 && susHedges.length < srcHedges.length) {
    return [{
      rule: 'hedge-word-dropped',
      reason: `The source hedges this claim ("${droppedWords.map((h) => h.text).join('", "')}"); the copy drops that hedge.`,
      suspect: [], source: droppedWords,
    }];
  }
  return [];
}

// How strongly a modal binds: what must happen, what should, what may.
const MODAL_STRENGTH: Record<string, { level: number; says: string }> = {
  must: { level: 3, says: 'an obligation' },
  should: { level: 2, says: 'a recommendation' },
  ought: { level: 2, says: 'a recommendation' },
  may: { level: 1, says: 'a possibility' },
  might: { level: 1, says: 'a possibility' },
  could: { level: 1, says: 'a possibility' },
};

/**
 * One modal put in place of another of a different strength ("the country must" -> "the country
 * should"): an obligation becomes advice, or advice a possibility, or the reverse. "Will" and
 * "would", "can" and "could" are left out: tense and reported speech swap them freely.
 */
export function detectModalChange(ctx: PairContext): Hit[] {
  const modal = (side: Side, t: Token) => {
    const m = MODAL_STRENGTH[t.norm];
    return m && (!MODALS.has(t.norm) || isModalUse(side, side.tokens.indexOf(t))) ? m : null;
  };
  for (const h of ctx.hunks) {
    const from = h.removed.find((t) => modal(ctx.source, t));
    const to = h.added.find((t) => modal(ctx.suspect, t));
    if (!from || !to) continue;
    const [a, b] = [modal(ctx.source, from)!, modal(ctx.suspect, to)!];
    if (a.level === b.level) continue;
    return [{
      rule: 'modal-changed',
      reason: `The source says "${from.text}", ${a.says}; the copy says "${to.text}", ${b.says}: the claim is ${a.level > b.level ? 'weakened' : 'strengthened'}.`,
      suspect: [tokenSpan(ctx.suspect, to)], source: [tokenSpan(ctx.source, from)],
    }];
  }
  return [];
}

// ---------------------------------------------------------------- reversal

/** Meaning reversed by a word of the opposite direction ("granted" -> "limited", "frozen" -> "ongoing"). */
export function detectReversal(ctx: PairContext): Hit[] {
  const { source, suspect } = ctx;
  const out: Hit[] = [];
  const srcOnly = source.tokens.filter((t) => !suspect.norms.has(t.norm));
  const susOnly = suspect.tokens.filter((t) => !source.norms.has(t.norm));
  // Inflected forms count as their dictionary form ("falling" is "fall", "rises" is "rise").
  const inList = (t: Token, list: readonly string[]) => list.includes(t.norm) || forms(t.norm).some((f) => list.includes(f));
  // "some £14m", "only 200": next to a figure these approximate or stress it, they do not quantify.
  const beforeFigure = (side: Side, t: Token) => side.tokens[side.tokens.indexOf(t) + 1]?.numeric === true;
  for (const cluster of REVERSAL_CLUSTERS) {
    for (const [from, to] of [[cluster.a, cluster.b], [cluster.b, cluster.a]] as const) {
      const s = srcOnly.find((t) => inList(t, from) && !inList(t, to) && !beforeFigure(source, t));
      const q = susOnly.find((t) => inList(t, to) && !inList(t, from) && !beforeFigure(suspect, t));
      // Kept words of the source's direction in the copy mean the sentence says both.
      if (!s || !q || suspect.tokens.some((t) => inList(t, from))) continue;
      out.push({
        rule: 'reversal', variant: cluster.name.replace(/\W+/g, '-'),
        reason: `The source says "${s.text}" but the copy says "${q.text}", the opposite direction (${cluster.name}).`,
        suspect: [tokenSpan(suspect, q)], source: [tokenSpan(source, s)],
      });
    }
  }
  return out;
}
