/**
 * @module core/classify/rules/inserted-omitted
 * Content added or dropped: how serious a whole sentence with no source (`no-source-sentence`)
 * or a source sentence left out (`source-sentence-dropped`) is, and, inside an aligned pair, a
 * clause added (`clause-added`), a clause dropped (`clause-dropped`) or a qualification
 * dropped (`qualification-dropped`).
 */
import { NEGATORS, STOPWORDS, stem, tokenize, type Token } from '../../text/tokens.ts';
import { findEntities } from '../../nlp/entities.ts';
import { findQuantities } from '../../nlp/numbers.ts';
import { CERTAINTY } from '../../nlp/lexicons.ts';
import type { Hit } from '../catalogue.ts';
import { span, type PairContext, type Side } from '../pair.ts';
import { CLAUSE_MIN_WORDS, INSERTED_SHORT_WORDS } from '../settings.ts';

// ---------------------------------------------------------------- whole sentences

const CONTRAST = new Set(['however', 'but', 'although', 'though', 'denied', 'denies', 'rejected', 'condemned', 'disputed', 'criticised', 'criticized', 'insisted', 'countered', 'whereas', 'meanwhile']);
// Doubt, criticism and legal challenge: dropping such a sentence removes the other side's case.
const DOUBT = new Set([
  'scrutiny', 'criticism', 'critics', 'critic', 'questioned', 'questions', 'doubts', 'doubt', 'unlawful', 'illegal',
  'lawful', 'legality', 'allegations', 'accused', 'accusations', 'opposition', 'opponents', 'protest', 'protests',
  'protested', 'concerns', 'warned', 'challenge', 'challenged', 'lawsuit', 'investigation', 'denial', 'deny',
]);

/** The severity grade of an inserted sentence, and why, from what it says. */
export function insertedGrade(text: string): { grade: 'claim' | 'transition' | undefined; why: string } {
  const tokens = tokenize(text);
  if (findQuantities(text, tokens).length > 0) return { grade: 'claim', why: 'it states figures' };
  if (tokens.some((t) => CERTAINTY.has(t.norm))) return { grade: 'claim', why: 'it states a claim as certain' };
  // "The displacement was not forced.": short, but a denial is a claim, not a transition.
  if (tokens.some((t) => NEGATORS.has(t.norm) || /n't$/.test(t.norm))) return { grade: 'claim', why: 'it denies something' };
  if (findEntities(text, tokens).length > 0) return { grade: 'claim', why: 'it makes a claim about named people, places or organisations' };
  const content = tokens.filter((t) => !STOPWORDS.has(t.norm)).length;
  if (tokens.length < INSERTED_SHORT_WORDS || content < 3) return { grade: 'transition', why: 'it is a short transition' };
  return { grade: undefined, why: 'it adds a statement' };
}

/** The severity grade of an omitted source sentence, and why, from what it says. */
export function omittedGrade(text: string): { grade: 'facts' | 'otherView' | undefined; why: string } {
  const tokens = tokenize(text);
  if (findQuantities(text, tokens).length > 0) return { grade: 'facts', why: 'it gives figures' };
  if (/[“"«]/.test(text)) return { grade: 'facts', why: 'it quotes someone' };
  if (tokens.some((t) => CONTRAST.has(t.norm))) return { grade: 'otherView', why: 'it gives another view or a qualification' };
  if (tokens.some((t) => DOUBT.has(t.norm))) return { grade: 'otherView', why: 'it carries doubt, criticism or a challenge' };
  if (tokens.length < INSERTED_SHORT_WORDS) return { grade: undefined, why: 'it is short' };
  return { grade: undefined, why: 'it adds detail' };
}

// ---------------------------------------------------------------- clauses inside aligned pairs

const contentTokens = (tokens: readonly Token[]) => tokens.filter((t) => !STOPWORDS.has(t.norm) && !NEGATORS.has(t.norm));

/**
 * A clause added inside an aligned sentence ("..., who was recently released on bail,") or
 * dropped from it: a run of new content words with (almost) nothing replaced on the other side.
 */
export function detectClauses(ctx: PairContext): Hit[] {
  const out: Hit[] = [];
  const srcStems = new Set(ctx.source.tokens.map((t) => stem(t.norm)));
  const susStems = new Set(ctx.suspect.tokens.map((t) => stem(t.norm)));
  // "Members of Parliament" written out where the other side has "MPs" adds nothing.
  const spelledOutSus = expansionsOf(ctx.suspect, ctx.source);
  const spelledOutSrc = expansionsOf(ctx.source, ctx.suspect);
  const copyQualifies = ctx.suspect.tokens.some((t) => QUALIFIER_MARKERS.has(t.norm));
  for (const h of ctx.hunks) {
    const added = contentTokens(h.added).filter((t) => !spelledOutSus.has(t));
    const removed = contentTokens(h.removed).filter((t) => !spelledOutSrc.has(t));
    if (added.length >= CLAUSE_MIN_WORDS && removed.length <= 1) {
      const fresh = added.filter((t) => !srcStems.has(stem(t.norm)));
      if (fresh.length / added.length >= 0.75) {
        const text = span(ctx.suspect.text, h.added[0].start, h.added[h.added.length - 1].end);
        const claim = added.some((t) => t.numeric || t.capitalized);
        out.push({
          rule: 'clause-added', severity: claim ? 'claim' : undefined,
          reason: `The copy adds "${text.text}", which the source sentence does not say.`,
          suspect: [text], source: [],
        });
      }
    }
    // A wire dateline ("ALDPORT, March 10 (NPA) -") dropped is not lost content.
    const dateline = h.removed[0]?.start === 0 && /^\p{Lu}[\p{Lu} .'-]+,/u.test(ctx.source.text);
    // A dropped "while ..." / "if ..." clause is reported once, as a qualification (below).
    const qualification = QUALIFIER_MARKERS.has(h.removed[0]?.norm ?? '') && !copyQualifies;
    if (removed.length >= CLAUSE_MIN_WORDS && added.length <= 1 && !dateline && !qualification) {
      const gone = removed.filter((t) => !susStems.has(stem(t.norm)) && !ctx.suspectArticleNorms.has(t.norm));
      if (gone.length / removed.length >= 0.75) {
        const text = span(ctx.source.text, h.removed[0].start, h.removed[h.removed.length - 1].end);
        const facts = removed.some((t) => t.numeric || t.capitalized);
        out.push({
          rule: 'clause-dropped', severity: facts ? 'facts' : undefined,
          reason: `The copy leaves out "${text.text}" from this sentence.`,
          suspect: [], source: [text],
        });
      }
    }
  }
  return out;
}

const ACRONYM_CONNECTORS = new Set(['of', 'the', 'and', 'for', '&']);

/** Tokens of `side` that spell out an acronym written on the other side ("Members of Parliament" for "MPs"). */
function expansionsOf(side: Side, other: Side): Set<Token> {
  const acronyms = new Set(
    other.tokens.filter((t) => /^[A-Z]{2,6}s?$/.test(t.text)).map((t) => t.text.replace(/s$/, '')),
  );
  const out = new Set<Token>();
  if (acronyms.size === 0) return out;
  const toks = side.tokens;
  for (let i = 0; i < toks.length; i++) {
    if (!/^\p{Lu}/u.test(toks[i].text)) continue;
    let letters = '';
    const run: Token[] = [];
    for (let k = i; k < toks.length && letters.length < 6; k++) {
      const t = toks[k];
      if (ACRONYM_CONNECTORS.has(t.norm) && run.length > 0) {
        run.push(t);
        continue;
      }
      if (!/^\p{Lu}/u.test(t.text)) break;
      letters += t.text[0];
      run.push(t);
      if (acronyms.has(letters) && !ACRONYM_CONNECTORS.has(t.norm)) for (const r of run) out.add(r);
    }
  }
  return out;
}

// Words that open a qualification or the other side's view inside a sentence.
const QUALIFIER_MARKERS = new Set(['while', 'whilst', 'although', 'though', 'but', 'however', 'whereas', 'despite', 'yet', 'if', 'unless']);
const SENTENCE_LINKS = new Set(['but', 'yet', 'however']);

/**
 * A qualification the source sentence carries ("..., while some recent polls have shown the gap
 * to be narrowing, ...") that the copy drops, with no qualification of its own in its place:
 * a classic way to slant a faithful-looking sentence.
 */
export function detectDroppedQualification(ctx: PairContext): Hit[] {
  const src = ctx.source.tokens;
  if (ctx.suspect.tokens.some((t) => QUALIFIER_MARKERS.has(t.norm))) return [];
  const susStems = new Set(ctx.suspect.tokens.map((t) => stem(t.norm)));
  for (let i = 0; i < src.length; i++) {
    if (!QUALIFIER_MARKERS.has(src[i].norm)) continue;
    // A sentence opening "But ..." links to the previous sentence; it qualifies nothing here.
    const opensSentence = i === 0 || /[.!?]["”']?\s*$/.test(ctx.source.text.slice(0, src[i].start));
    if (opensSentence && SENTENCE_LINKS.has(src[i].norm)) continue;
    // The clause runs to the next comma, semicolon or sentence end.
    let j = i + 1;
    while (j < src.length && !/[,;.!?]/.test(ctx.source.text.slice(src[j - 1].end, src[j].start))) j++;
    let clause = src.slice(i, j);
    // Unpunctuated clauses run on into kept text ("... to be narrowing a YouGov survey ..."):
    // the dropped part ends before the first two content words in a row that the copy kept.
    const words = clause.filter((t) => !STOPWORDS.has(t.norm) && !QUALIFIER_MARKERS.has(t.norm));
    for (let k = 0; k + 1 < words.length; k++) {
      if (susStems.has(stem(words[k].norm)) && susStems.has(stem(words[k + 1].norm))) {
        clause = clause.slice(0, clause.indexOf(words[k]));
        break;
      }
    }
    while (clause.length > 1 && STOPWORDS.has(clause[clause.length - 1].norm)) clause = clause.slice(0, -1);
    const content = clause.filter((t) => !STOPWORDS.has(t.norm) && !QUALIFIER_MARKERS.has(t.norm));
    if (content.length < CLAUSE_MIN_WORDS) continue;
    const gone = content.filter((t) => !susStems.has(stem(t.norm)));
    if (gone.length / content.length < 0.6) continue;
    const text = span(ctx.source.text, clause[0].start, clause[clause.length - 1].end);
    return [{
      rule: 'qualification-dropped',
      reason: `The copy drops the source's qualification "${text.text}", which changes how the rest reads.`,
      suspect: [], source: [text],
    }];
  }
  return [];
}
