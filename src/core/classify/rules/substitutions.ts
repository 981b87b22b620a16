/**
 * @module core/classify/rules/substitutions
 * Every content word an aligned copy puts in place of a source word must be accounted for. A
 * replacement is explained when it is the same word (inflection, spelling, abbreviation), a
 * WordNet synonym of it, a word moved rather than replaced, or part of a change another check
 * already reports (a figure, a name, a quotation, a negation...). What is left is reported with
 * both words as evidence:
 *
 * - `expression-broken` (spinner): the source words form a fixed expression ("interest rate",
 *   "raw material") and the copy swaps one of them, which no editor does;
 * - `synonym-wrong-sense` (spinner): the two words are synonyms only in a sense the source word
 *   rarely has ("living" ~ "dwelling" as verbs of residence), the mark of a thesaurus swap;
 * - `word-substituted` (substitution): no relation explains the swap ("shelling" ->
 *   "peeling", "swap" -> "restore").
 *
 * Only small edits are read as word swaps: a hunk of at most SWAP_MAX_WORDS content words on
 * each side. A rewritten stretch is not a list of swaps, and its clauses are judged elsewhere.
 */
import { STOPWORDS, stem, type Token } from '../../text/tokens.ts';
import { getWordNet } from '../../nlp/wordnet.ts';
import { wordNumber } from '../../nlp/numbers.ts';
import { editDistance } from './spinner.ts';
import type { Hit } from '../catalogue.ts';
import { span, tokenSpan, type Hunk, type PairContext, type Side, type Span } from '../pair.ts';
import { SPUN_MIN_SWAPS, SWAP_MAX_WORDS, SYNONYM_SENSE_RANK_MAX } from '../settings.ts';
import { americanise, forms, isNegator, nearInMeaning, oneStepApart, usualPos } from '../words.ts';

/** A word the copy put where the source had another, and how the two are related. */
interface Swap {
  from: Token;
  to: Token;
  relation: 'synonym' | 'wrong-sense' | 'unrelated';
  /** The only content word on each side of its hunk: a clean one-for-one swap. */
  alone: boolean;
}

// Saying verbs are stop words for overlap, but "said" -> "mentioned" is a swap to account for.
const SAYING = new Set(['said', 'says', 'say']);
const isContent = (t: Token) => (!STOPWORDS.has(t.norm) || SAYING.has(t.norm)) && !t.numeric && !isNegator(t) && /\p{L}/u.test(t.norm);

/**
 * Whether a token lies inside a name or a date the side's finders saw (the entity and date
 * checks' business), or is a number word of a figure; a figure's unit word ("percent") is
 * still a word to account for.
 */
function inName(side: Side, t: Token): boolean {
  // A capitalised word inside a sentence is a name the entity finder may have missed ("Panther's").
  const k = side.tokens.indexOf(t);
  if (t.capitalized && k > 0 && !/[.!?:]["”’']?\s*$/.test(side.text.slice(0, t.start))) return true;
  if (side.entities.some((e) => t.start >= e.start && t.end <= e.end) || side.dates.some((d) => t.start < d.end && d.start < t.end)) return true;
  return side.quantities.some((q) => t.start < q.end && q.start < t.end && (q.unit === null || !q.text.toLowerCase().includes(t.norm) || wordNumber(t.norm) !== undefined));
}

/** The same word written another way: inflection, British/American spelling, an abbreviation, one typo in a long word. */
export function sameWordWritten(a: string, b: string): boolean {
  if (a === b || a.replace(/-/g, '') === b.replace(/-/g, '')) return true;
  const wn = getWordNet();
  const fa = forms(a);
  const fb = forms(b);
  if (fa.some((f) => fb.includes(f))) return true;
  // One stem, two dictionary words ("editing" / "edition") is two words; the stem decides only
  // for a word WordNet does not know.
  if (stem(a) === stem(b) && (wn.baseForms(a).length === 0 || wn.baseForms(b).length === 0)) return true;
  if (americanise(a).some((x) => x === b || fb.includes(x)) || americanise(b).some((x) => x === a || fa.includes(x))) return true;
  // "Jan" / "January", "govt" / "government": a short form that starts the long one.
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.length > short.length && long.startsWith(short) && wn.has(long) && !wn.has(short)) return true;
  // A misspelling ("anounsement", "severanse"): an unknown word a letter or two from the other.
  if ((wn.baseForms(a).length === 0) !== (wn.baseForms(b).length === 0) && short.length >= 5 && editDistance(a, b, 2) <= (short.length >= 8 ? 2 : 1)) return true;
  return false;
}

// Prepositions that open adverbial idioms ("in turn", "at least", "by far", "on board").
const IDIOM_OPENERS = new Set(['in', 'at', 'by', 'on', 'for', 'under', 'over', 'out']);

// Suffixes that derive one word from another ("east" -> "eastern", "economy" -> "economic").
const DERIVING = /^(?:ern|ic|al|ical|ly|ian|ese|ish|ness|ity|ment|ion|ation|er|ers|or|ive|ous|ful|ist|y)$/;

/** One word derived from the other by a suffix: related forms, not a swap of meaning. */
export function derivedWord(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length < 4) return false;
  for (const base of [short, short.replace(/[ey]$/, '')]) {
    if (base.length >= 4 && long.startsWith(base) && DERIVING.test(long.slice(base.length))) return true;
  }
  return false;
}

/**
 * Whether the two words are WordNet synonyms, and how usual that shared sense is for the first:
 * its rank among the first word's senses of that part of speech (WordNet lists them by
 * frequency).
 */
function synonymy(a: string, b: string): 'synonym' | 'wrong-sense' | null {
  const wn = getWordNet();
  const sb = new Set(forms(b).flatMap((f) => wn.senses(f)));
  let best = Infinity;
  for (const f of forms(a)) {
    for (const pos of ['n', 'v', 'a', 'r'] as const) {
      wn.sensesOf(f, pos).forEach((id, i) => {
        if (sb.has(id) && i < best) best = i;
      });
    }
  }
  if (best === Infinity) return null;
  return best < SYNONYM_SENSE_RANK_MAX ? 'synonym' : 'wrong-sense';
}

/** A run of tokens written as one WordNet lemma ("speed up", "set up", "forest fire"), or null. */
function lemmaOf(tokens: readonly Token[]): string | null {
  if (tokens.length === 0) return null;
  const wn = getWordNet();
  // Either end may be inflected: "looking into" is "look into", "forest fires" is "forest fire".
  const options = (t: Token) => [t.norm, ...wn.baseForms(t.norm)];
  const middle = tokens.slice(1, -1).map((t) => t.norm);
  for (const first of options(tokens[0])) {
    if (tokens.length === 1) {
      if (wn.has(first)) return first;
      continue;
    }
    for (const last of options(tokens[tokens.length - 1])) {
      const lemma = [first, ...middle, last].join('_');
      if (wn.has(lemma)) return lemma;
    }
  }
  return null;
}

/** Whether a run of two or three words within a hunk means the single word on the other side ("speed up" / "accelerate", "broke out" / "started"). */
function phraseExplains(run: readonly Token[], word: Token): boolean {
  for (let len = 2; len <= Math.min(3, run.length); len++) {
    for (let i = 0; i + len <= run.length; i++) {
      const lemma = lemmaOf(run.slice(i, i + len));
      if (lemma !== null && (synonymy(lemma, word.norm) === 'synonym' || synonymy(word.norm, lemma) === 'synonym' || nearInMeaning(lemma, word.norm))) return true;
    }
  }
  return false;
}

/** A hunk too long to be a row of swapped words: a stretch rewritten. */
function isRewritten(h: Hunk): boolean {
  const content = (ts: readonly Token[]) => ts.filter(isContent).length;
  return Math.max(content(h.removed), content(h.added)) > SWAP_MAX_WORDS || Math.max(h.removed.length, h.added.length) > SWAP_MAX_WORDS + 2 || Math.abs(h.removed.length - h.added.length) > 2;
}

/** Pairs the content words of one small hunk: the same word written otherwise drops out, the rest are swaps. */
function swapsIn(h: Hunk, ctx: PairContext): Swap[] {
  const removed = h.removed.filter((t) => isContent(t) && !inName(ctx.source, t));
  const added = h.added.filter((t) => isContent(t) && !inName(ctx.suspect, t));
  // A clause put in place of another ("working from the salvage vessel" -> "in the first recovery
  // from the wreck in more than fifty years") is not a row of swapped words: both sides short
  // and of about the same length.
  if (removed.length === 0 || added.length === 0 || isRewritten(h)) return [];
  const alone = removed.length === 1 && added.length === 1;
  // Moved, not replaced: the word is still on the other side of the pair.
  const susStems = new Set(ctx.suspect.tokens.map((t) => stem(t.norm)));
  const srcStems = new Set(ctx.source.tokens.map((t) => stem(t.norm)));
  let r = removed.filter((t) => !susStems.has(stem(t.norm)));
  let a = added.filter((t) => !srcStems.has(stem(t.norm)));
  const out: Swap[] = [];
  // The same word written another way drops out; a synonym (either way round) is a swap that
  // keeps the meaning.
  for (const x of [...r]) {
    const same = a.find((t) => sameWordWritten(x.norm, t.norm) || derivedWord(x.norm, t.norm));
    const syn = same ? undefined : a.find((t) => synonymy(x.norm, t.norm) === 'synonym' || synonymy(t.norm, x.norm) === 'synonym' || oneStepApart(x.norm, t.norm, SYNONYM_SENSE_RANK_MAX));
    const y = same ?? syn;
    if (!y) continue;
    r = r.filter((t) => t !== x);
    a = a.filter((t) => t !== y);
    if (syn) out.push({ from: x, to: syn, relation: 'synonym', alone });
  }
  if (r.length === 0 || a.length === 0) return out;
  if (r.length === 1 && phraseExplains(h.added, r[0])) return out;
  if (a.length === 1 && phraseExplains(h.removed, a[0])) return out;
  // "once-ubiquitous" / "once ubiquitous", "unaware" / "not aware": written apart or negated, the same.
  r = r.filter((t) => !writtenOtherwise(t, ctx.source, ctx.suspect));
  a = a.filter((t) => !writtenOtherwise(t, ctx.suspect, ctx.source));
  // One word left on each side is a swap; more are paired in order when the words can stand in
  // the same place (the same usual part of speech); a word with no partner was added or
  // dropped, not swapped.
  for (const x of r) {
    const y = r.length === 1 && a.length === 1 ? a[0] : a.find((t) => canStandFor(x, t));
    if (!y) continue;
    a = a.filter((t) => t !== y);
    out.push({ from: x, to: y, relation: synonymy(x.norm, y.norm) === 'wrong-sense' ? 'wrong-sense' : 'unrelated', alone });
  }
  return out;
}

/** Words WordNet knows can replace each other only when one is usually the same part of speech as the other. */
function canStandFor(x: Token, y: Token): boolean {
  const px = usualPos(x.norm);
  const py = usualPos(y.norm);
  if (px.size === 0 || py.size === 0) return true;
  for (const p of px) if (py.has(p)) return true;
  return false;
}

const NEGATING_PREFIX = /^(?:un|in|im|il|ir|non|dis)(.{3,})$/;

const negatedBefore = (side: Side, k: number) => k > 0 && side.tokens.slice(Math.max(0, k - 3), k).some(isNegator);
const sameLemma = (a: string, b: string) => a === b || forms(a).some((f) => forms(b).includes(f));

/**
 * A word the other side writes in two ("once-ubiquitous" / "once ubiquitous"), or negates with
 * "not" where this side uses a prefix ("unaware" / "not aware"), or the reverse.
 */
function writtenOtherwise(t: Token, own: Side, other: Side): boolean {
  const norms = other.tokens.map((o) => o.norm);
  if (t.norm.includes('-') && t.norm.split('-').every((p) => norms.includes(p))) return true;
  // "percent" / "per cent": two neighbouring words on the other side that spell it.
  if (other.tokens.some((o, i) => i + 1 < other.tokens.length && o.norm + other.tokens[i + 1].norm === t.norm)) return true;
  if (own.tokens.some((o, i) => i + 1 < own.tokens.length && (o === t || own.tokens[i + 1] === t) && norms.includes(o.norm + own.tokens[i + 1].norm))) return true;
  if (other.tokens.some((o) => o.norm.includes('-') && o.norm.split('-').includes(t.norm))) return true;
  const m = NEGATING_PREFIX.exec(t.norm);
  if (m) {
    const k = other.tokens.findIndex((o) => sameLemma(o.norm, m[1]));
    if (negatedBefore(other, k)) return true;
  }
  if (negatedBefore(own, own.tokens.indexOf(t))) {
    return other.tokens.some((o) => {
      const p = NEGATING_PREFIX.exec(o.norm);
      return p !== null && sameLemma(p[1], t.norm);
    });
  }
  return false;
}

const touches = (a: Span, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

/**
 * The source words of a swap form a fixed expression with a neighbour ("interest rate"), and the
 * copy's words do not: the expression the copy breaks, as a span of the source, or null.
 */
function brokenExpression(ctx: PairContext, s: Swap): Span | null {
  const src = ctx.source.tokens;
  const sus = ctx.suspect.tokens;
  const i = src.indexOf(s.from);
  const j = sus.indexOf(s.to);
  for (const [a, b] of [[i - 1, i], [i, i + 1]] as const) {
    if (a < 0 || b >= src.length || ctx.source.text.slice(src[a].end, src[b].start) !== ' ') continue;
    const pair = [src[a], src[b]];
    if (pair.some((t) => t.numeric) || !lemmaOf(pair)) continue;
    // The copy's words at the same place.
    const k = a === i ? [j, j + 1] : [j - 1, j];
    if (k[0] < 0 || k[1] >= sus.length) continue;
    if (lemmaOf([sus[k[0]], sus[k[1]]])) continue;
    // With a function word, only an adverbial idiom that opens with it ("in turn" -> "in flip")
    // and that the copy keeps beside the swap counts; a phrasal verb ("set out", "fall in") is
    // too often a verb and a preposition that merely meet.
    // The copy keeps the other word of the expression beside the swap ("high temperatures" ->
    // "substantial temperatures"): a word swapped in place, not a phrase reworded ("east side" ->
    // "eastern"). A function word counts only as the opening of an adverbial idiom ("in turn" ->
    // "in flip"): phrasal verbs ("set out", "fall in") are too often a verb and a preposition
    // that merely meet.
    const partner = a === i ? src[b] : src[a];
    const beside = a === i ? sus[k[1]] : sus[k[0]];
    if (!sameWordWritten(partner.norm, beside.norm) || STOPWORDS.has(pair[1].norm) || derivedWord(s.from.norm, s.to.norm)) continue;
    if (STOPWORDS.has(pair[0].norm) && !IDIOM_OPENERS.has(pair[0].norm)) continue;
    return span(ctx.source.text, pair[0].start, pair[1].end);
  }
  return null;
}

/** Content words replaced by words no relation explains. Runs last: it reads what the other checks found. */
export function detectSubstitutions(ctx: PairContext, earlier: readonly Hit[]): Hit[] {
  const out: Hit[] = [];
  const covered = (t: Token, side: 'suspect' | 'source') => earlier.some((h) => h[side].some((sp) => touches(sp, t)));
  const swaps: Swap[] = [];
  let broken = 0;
  let rewritten = 0;
  for (const h of ctx.hunks) {
    if (isRewritten(h)) rewritten++;
    for (const s of swapsIn(h, ctx)) {
      if (covered(s.to, 'suspect') || covered(s.from, 'source')) continue;
      const expression = s.relation === 'synonym' ? null : brokenExpression(ctx, s);
      if (!expression) {
        swaps.push(s);
        continue;
      }
      broken++;
      out.push({
        rule: 'expression-broken',
        reason: `The source says "${expression.text}", a fixed expression; the copy swaps "${s.from.text}" for "${s.to.text}", which breaks it, the mark of word-by-word synonym swapping.`,
        suspect: [tokenSpan(ctx.suspect, s.to)], source: [expression],
      });
    }
  }
  // A sentence whose words were swapped one for one, the rest kept (few stretches rewritten), went
  // through a spinner: its swaps are reported together, synonyms included, since each is the
  // tool's work.
  // An editor's synonyms and near-synonyms alone do not make a spun sentence ("working to stop"
  // -> "trying to keep"): one swap at least must be a tool's (no relation even through a
  // synonym, or a broken expression).
  const swapped = swaps.length + broken;
  const odd = swaps.filter((s) => s.relation !== 'synonym' && !nearInMeaning(s.from.norm, s.to.norm)).length + broken;
  if (swapped >= SPUN_MIN_SWAPS && swapped >= 2 * rewritten && odd > 0) {
    const list = swaps.map((s) => `"${s.from.text}" -> "${s.to.text}"`).join(', ');
    out.push({
      rule: 'words-swapped',
      reason: `The copy swaps the source's words one for one and keeps the rest: ${list}, the mark of a spinning tool or of machine translation; check each swap, some may change the meaning.`,
      suspect: swaps.map((s) => tokenSpan(ctx.suspect, s.to)), source: swaps.map((s) => tokenSpan(ctx.source, s.from)),
    });
    return out;
  }
  for (const s of swaps) {
    if (s.relation === 'synonym') continue;
    out.push(s.relation === 'wrong-sense'
      ? {
        rule: 'synonym-wrong-sense',
        reason: `The source says "${s.from.text}"; the copy says "${s.to.text}", a synonym only in a sense "${s.from.text}" seldom has, the mark of a thesaurus swap.`,
        suspect: [tokenSpan(ctx.suspect, s.to)], source: [tokenSpan(ctx.source, s.from)],
      }
      : {
        rule: 'word-substituted',
        reason: `The source says "${s.from.text}" where the copy says "${s.to.text}"; the two are not synonyms, so the copy may say something else.`,
        suspect: [tokenSpan(ctx.suspect, s.to)], source: [tokenSpan(ctx.source, s.from)],
      });
  }
  return out;
}
