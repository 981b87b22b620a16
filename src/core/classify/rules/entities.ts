/**
 * @module core/classify/rules/entities
 * Who or what a sentence is about: a name replaced by another (`entity-mismatch`), a thing
 * replaced by "he"/"she" (`thing-to-person`), one family relation for another
 * (`relation-changed`), and an event or place renamed with a loaded term (`framing-term`).
 * Names compare by who they name ({@link sameEntity}): "U.K." = "United Kingdom".
 */
import { STOPWORDS } from '../../text/tokens.ts';
import { sameEntity, type EntityMention } from '../../nlp/entities.ts';
import { FRAMING_GROUPS } from '../../nlp/lexicons.ts';
import type { Hit } from '../catalogue.ts';
import { span, tokenSpan, type PairContext, type Side, type Span } from '../pair.ts';
import { canBePerson, containsWords, isNoun } from '../words.ts';

const qSpan = (side: Side, q: { start: number; end: number }): Span => span(side.text, q.start, q.end);

/** Names replaced by different names ("RMS Titanic" -> "HMS Titanic"). */
export function detectEntities(ctx: PairContext): Hit[] {
  const { source, suspect } = ctx;
  // One-to-one, in order: a second "Bob Ross" in the copy does not excuse "Bob Dylan" in the first place.
  const used = new Set<EntityMention>();
  const srcOnly: EntityMention[] = [];
  for (const e of source.entities) {
    const match = suspect.entities.find((x) => !used.has(x) && sameEntity(e, x));
    if (match) used.add(match);
    else srcOnly.push(e);
  }
  const susOnly = suspect.entities.filter((e) => !used.has(e) && !source.entities.some((x) => sameEntity(e, x)));
  const out: Hit[] = [];
  for (const q of susOnly) {
    // Named in the source sentence too, if only inside a longer name ("FAO" in "FAO's Global
    // Information and Early Warning System"): the copy shortened, it did not substitute.
    if (containsWords(source.text, q.text)) continue;
    const qElsewhere = q.words.every((w) => ctx.sourceArticleNorms.has(w));
    let best: { e: EntityMention; sharesWord: boolean } | null = null;
    for (const s of srcOnly) {
      // Both names still appear elsewhere in the other article: moved around, not substituted.
      if (qElsewhere && s.words.every((w) => ctx.suspectArticleNorms.has(w))) continue;
      const sharesWord = s.words.some((w) => q.words.includes(w));
      const sameHunk = ctx.hunks.some((h) => h.removed.some((t) => t.start >= s.start && t.end <= s.end) && h.added.some((t) => t.start >= q.start && t.end <= q.end));
      if (sharesWord ? !best?.sharesWord : sameHunk && !best) best = { e: s, sharesWord };
    }
    if (!best) continue;
    srcOnly.splice(srcOnly.indexOf(best.e), 1);
    out.push({
      rule: 'entity-mismatch',
      severity: best.sharesWord ? 'sharesWord' : undefined,
      confidence: best.sharesWord ? 'sharesWord' : undefined,
      reason: `The source names "${best.e.text}" where the copy names "${q.text}".`,
      suspect: [qSpan(suspect, q)], source: [qSpan(source, best.e)],
    });
  }
  return out;
}

const PERSONAL_PRONOUNS = new Set(['he', 'she', 'him', 'her']);
const PERSON_PRONOUNS = new Set(['he', 'she', 'him', 'her', 'his', 'hers']);
const THING_PRONOUNS = new Set(['it', 'its']);

/**
 * A thing replaced by "he"/"she": "the city was taken" -> "he was taken" changes who or what
 * the sentence is about. Names and person nouns replaced by a pronoun are ordinary reference.
 */
export function detectPronounSwap(ctx: PairContext): Hit[] {
  const out: Hit[] = [];
  for (const h of ctx.hunks) {
    // "before it was captured" -> "before he was captured": the pronoun now points at a person.
    if (h.added.length === 1 && h.removed.length === 1 && PERSON_PRONOUNS.has(h.added[0].norm) && THING_PRONOUNS.has(h.removed[0].norm)) {
      out.push({
        rule: 'thing-to-person', confidence: 'pronoun',
        reason: `The source says "${h.removed[0].text}", a thing; the copy says "${h.added[0].text}", a person, so who or what the sentence is about changed.`,
        suspect: [tokenSpan(ctx.suspect, h.added[0])], source: [tokenSpan(ctx.source, h.removed[0])],
      });
      continue;
    }
    if (h.added.length !== 1 || !PERSONAL_PRONOUNS.has(h.added[0].norm) || h.removed.length === 0 || h.removed.length > 4) continue;
    const content = h.removed.filter((t) => !STOPWORDS.has(t.norm) && !t.numeric);
    if (content.length === 0 || content.some((t) => t.capitalized && !/^(?:The|A|An)$/.test(t.text)) || content.some((t) => canBePerson(t.norm))) continue;
    // WordNet must know the words as nouns: an unknown word may be a name written in lower case.
    if (!content.some((t) => isNoun(t.norm))) continue;
    const from = span(ctx.source.text, h.removed[0].start, h.removed[h.removed.length - 1].end);
    out.push({
      rule: 'thing-to-person',
      reason: `The source speaks of "${from.text}"; the copy says "${h.added[0].text}", a person, so who or what the sentence is about changed.`,
      suspect: [tokenSpan(ctx.suspect, h.added[0])], source: [from],
    });
  }
  return out;
}

// Family relations: "Romney's niece" -> "Romney's sister" is a factual change, not a paraphrase.
const KINSHIP = new Set([
  'mother', 'father', 'son', 'daughter', 'brother', 'sister', 'wife', 'husband', 'niece', 'nephew', 'uncle',
  'aunt', 'cousin', 'grandson', 'granddaughter', 'grandmother', 'grandfather', 'stepson', 'stepdaughter',
  'stepmother', 'stepfather', 'fiance', 'fiancee', 'fiancé', 'fiancée', 'widow', 'widower', 'mom', 'dad',
]);

/** One family relation replaced by another in the same place. */
export function detectRelationChange(ctx: PairContext): Hit[] {
  const base = (w: string) => w.replace(/'s$/, '').replace(/s$/, '');
  for (const h of ctx.hunks) {
    const from = h.removed.find((t) => KINSHIP.has(base(t.norm)));
    const to = h.added.find((t) => KINSHIP.has(base(t.norm)));
    if (!from || !to || base(from.norm) === base(to.norm)) continue;
    return [{
      rule: 'relation-changed',
      reason: `The source says "${from.text}" where the copy says "${to.text}": a different family relation.`,
      suspect: [tokenSpan(ctx.suspect, to)], source: [tokenSpan(ctx.source, from)],
    }];
  }
  return [];
}

function findTerms(side: Side, terms: readonly string[]): Span[] {
  const out: Span[] = [];
  const norms = side.tokens.map((t) => t.norm.replace(/'s$/, ''));
  for (const term of terms) {
    const parts = term.split(' ');
    for (let i = 0; i + parts.length <= norms.length; i++) {
      if (parts.every((p, k) => norms[i + k] === p || (k === parts.length - 1 && norms[i + k] === p + 's'))) {
        out.push(span(side.text, side.tokens[i].start, side.tokens[i + parts.length - 1].end));
      }
    }
  }
  return out;
}

/** Framing: an event or place renamed with a loaded or partisan term ("exodus" -> "expulsion"). */
export function detectRenaming(ctx: PairContext): Hit[] {
  const out: Hit[] = [];
  const key = (s: Span) => s.text.toLowerCase();
  const has = (side: Side, terms: readonly string[]) => terms.some((t) => side.norms.has(t.split(' ')[0]));
  for (const group of FRAMING_GROUPS) {
    // Cheap first-word test before the phrase scan: most pairs mention no framing term at all.
    if (!(has(ctx.source, group.a) && has(ctx.suspect, group.b)) && !(has(ctx.source, group.b) && has(ctx.suspect, group.a))) continue;
    for (const [from, to] of [[group.a, group.b], [group.b, group.a]] as const) {
      const src = findTerms(ctx.source, from).filter((s) => findTerms(ctx.suspect, [key(s)]).length === 0);
      const sus = findTerms(ctx.suspect, to).filter((q) => findTerms(ctx.source, [key(q)]).length === 0);
      if (src.length === 0 || sus.length === 0) continue;
      out.push({
        rule: 'framing-term',
        reason: `The source calls it "${src[0].text}"; the copy calls it "${sus[0].text}" (${group.name}).`,
        suspect: [sus[0]], source: [src[0]],
      });
    }
  }
  return out;
}
