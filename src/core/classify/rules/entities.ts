/**
 * @module core/classify/rules/entities
 * Who or what a sentence is about: a name replaced by another (`entity-mismatch`) or spelled
 * otherwise (`name-spelled-otherwise`), a thing
 * replaced by "he"/"she" (`thing-to-person`), one family relation for another
 * (`relation-changed`), and an event or place renamed with a loaded term (`framing-term`).
 * Names compare by who they name ({@link sameEntity}): "U.K." = "United Kingdom".
 */
import { STOPWORDS } from '../../text/tokens.ts';
import { gluedName, nameSpelledOtherwise, sameEntity, sameNameWritten, type EntityMention } from '../../nlp/entities.ts';
import { FRAMING_GROUPS } from '../../nlp/lexicons.ts';
import type { Hit } from '../catalogue.ts';
import { span, tokenSpan, type PairContext, type Side, type Span } from '../pair.ts';
import { canBePerson, containsWords, forms, isNoun, nearInMeaning, shareSynset } from '../words.ts';
import { getWordNet } from '../../nlp/wordnet.ts';
import type { Token } from '../../text/tokens.ts';

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
    const s = best.e;
    // The same name written otherwise is not a swap: "Canada's X" / "Canadian X", "CFO" / "Chief
    // Financial Officer", a scraper's "Smithsaid".
    if (sameNameWritten(s, q) || gluedName(q, s, source.text.slice(s.end)) || gluedName(s, q, suspect.text.slice(q.end))) continue;
    // Spelled otherwise (a transliteration, a typo made or fixed): worth a look, not an alarm.
    if (nameSpelledOtherwise(s, q)) {
      out.push({
        rule: 'name-spelled-otherwise',
        reason: `The source writes "${s.text}" where the copy writes "${q.text}": the same name spelled otherwise (a transliteration, a typo made or fixed), or a garbled one.`,
        suspect: [qSpan(suspect, q)], source: [qSpan(source, s)],
      });
      continue;
    }
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

/** A word whose most frequent noun sense is a person's role ("officer", "director", "chief"), not a name. */
function isRoleWord(norm: string): boolean {
  const wn = getWordNet();
  return forms(norm).some((f) => !wn.isProperName(f) && wn.lexicographerFile(wn.sensesOf(f, 'n')[0] ?? '') === 'noun.person');
}

/**
 * The role written with a name: its capitalised title words ("Chief Marketing Officer Mark
 * Wilson") and the lower-case words just before it ("marketing director Mark Wilson"), as the
 * tokens of the run and the role words among them.
 */
function roleOf(side: Side, m: EntityMention): { run: Token[]; heads: Token[] } {
  const toks = side.tokens;
  let i = toks.findIndex((t) => t.start >= m.start);
  if (i < 0) return { run: [], heads: [] };
  const first = i;
  // Title words inside the mention, up to the name itself.
  let j = first;
  while (j < toks.length && toks[j].end <= m.end && (isRoleWord(toks[j].norm) || (j + 1 < toks.length && isRoleWord(toks[j + 1].norm) && toks[j + 1].end <= m.end && !getWordNet().isProperName(toks[j].norm)))) j++;
  // Lower-case words just before it, with nothing but a space between, when the last of them is a
  // role ("marketing director Mark Wilson"; not "officially rejected Oracle").
  const before = toks[first - 1];
  if (before && !before.capitalized && isRoleWord(before.norm)) while (i > 0 && !toks[i - 1].capitalized && !toks[i - 1].numeric && /^[ \u00a0]$/.test(side.text.slice(toks[i - 1].end, toks[i].start)) && first - i < 3 && !STOPWORDS.has(toks[i - 1].norm)) i--;
  const run = [...toks.slice(i, first), ...toks.slice(first, j)];
  return { run, heads: run.filter((t) => isRoleWord(t.norm)) };
}

/**
 * The same person given another role: "Chief Marketing Officer Mark Wilson" -> "marketing
 * director Mark Wilson". A role added or dropped, or reworded with a synonym ("premier" /
 * "prime minister"), is not a change.
 */
export function detectTitleChange(ctx: PairContext): Hit[] {
  const { source, suspect } = ctx;
  const out: Hit[] = [];
  for (const e of source.entities) {
    const x = suspect.entities.find((q) => sameEntity(e, q) || sameNameWritten(e, q));
    if (!x) continue;
    const a = roleOf(source, e);
    const b = roleOf(suspect, x);
    if (a.heads.length === 0 || b.heads.length === 0) continue;
    // "spokesman" / "spokeswoman" / "spokesperson", "chairman" / "chair": one role.
    const ungendered = (w: string) => w.replace(/(?:wo)?m[ae]n$|persons?$|people$/, '');
    const alike = (p: string, q: string) => p === q || ungendered(p) === ungendered(q) || forms(p).some((f) => forms(q).includes(f)) || shareSynset(p, q) || nearInMeaning(p, q);
    // Written in two words on either side ("Prime Minister" / "premier").
    const words = (r: { run: Token[]; heads: Token[] }) => [...r.heads.map((t) => t.norm), ...r.run.slice(0, -1).map((t, k) => `${t.norm}_${r.run[k + 1].norm}`)];
    if (words(a).some((p) => words(b).some((q) => alike(p, q)))) continue;
    const spanOf = (side: Side, run: Token[]) => span(side.text, run[0].start, run[run.length - 1].end);
    out.push({
      rule: 'title-changed',
      reason: `The source calls ${x.text} "${spanOf(source, a.run).text}"; the copy calls them "${spanOf(suspect, b.run).text}", another role.`,
      suspect: [spanOf(suspect, b.run)], source: [spanOf(source, a.run)],
    });
  }
  return out;
}
