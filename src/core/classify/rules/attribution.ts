/**
 * @module core/classify/rules/attribution
 * Who says or believes what: the speaker or source of a claim changed
 * (`attribution-changed`: "many in Azerbaijan" -> "Baku"; two speakers swapped).
 */
import { STOPWORDS, type Token } from '../../text/tokens.ts';
import { sameEntity } from '../../nlp/entities.ts';
import { ATTRIBUTION_VERBS } from '../../nlp/lexicons.ts';
import type { Hit } from '../catalogue.ts';
import { span, type PairContext, type Side, type Span } from '../pair.ts';

const GROUP_HOLDERS = new Set([
  'many', 'some', 'critics', 'officials', 'experts', 'analysts', 'observers', 'sources', 'residents', 'witnesses',
  'reports', 'people', 'locals', 'diplomats', 'activists', 'others', 'authorities', 'government', 'police',
]);

const LISTENER_VERBS = new Set(['told', 'tells', 'tell', 'informed', 'warned', 'assured', 'reminded']);
const PRONOUN_SPEAKERS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you']);

interface Holder extends Span {
  words: string[];
}

/** Who says or believes what: the name or group next to an attribution verb or "according to". */
function findHolders(side: Side): Holder[] {
  const out: Holder[] = [];
  const toks = side.tokens;
  const gapOk = (a: Token, b: Token) => !/[.;:“”"!?]/.test(side.text.slice(a.end, b.start));
  const entityAt = (t: Token) => side.entities.find((e) => t.start >= e.start && t.end <= e.end);
  const holderFrom = (range: Token[]): Holder | null => {
    for (let k = range.length - 1; k >= 0; k--) {
      const e = entityAt(range[k]);
      // A ticker in angle brackets ("Dresdner Bank AG <DRSD.F>") labels the name before it.
      if (e && side.text[e.start - 1] === '<' && side.text[e.end] === '>') continue;
      if (e) return { ...span(side.text, e.start, e.end), words: e.words };
    }
    const g = range.findIndex((t) => GROUP_HOLDERS.has(t.norm));
    if (g >= 0) {
      const group = range.slice(g);
      const last = group[group.length - 1];
      return { ...span(side.text, group[0].start, last.end), words: group.map((t) => t.norm).filter((w) => !STOPWORDS.has(w) || w === 'many' || w === 'some') };
    }
    return null;
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    let h: Holder | null = null;
    if (t.norm === 'according' && toks[i + 1]?.norm === 'to') {
      const after: Token[] = [];
      for (let k = i + 2; k < toks.length && after.length < 5 && gapOk(toks[k - 1], toks[k]); k++) after.push(toks[k]);
      h = holderFrom(after.reverse());
    } else if (ATTRIBUTION_VERBS.has(t.norm)) {
      const before: Token[] = [];
      for (let k = i - 1; k >= 0 && before.length < 5 && gapOk(toks[k], toks[k + 1]); k--) before.unshift(toks[k]);
      // "obtained by CNN, he wrote": the speaker is the pronoun, whoever it stands for, not
      // the name before it; unknown speakers are not compared.
      if (before.length > 0 && PRONOUN_SPEAKERS.has(before[before.length - 1].norm)) continue;
      h = holderFrom(before);
      // "said Smith" names the speaker after the verb; "told Smith" names the listener.
      if (!h && !LISTENER_VERBS.has(t.norm)) {
        const after: Token[] = [];
        for (let k = i + 1; k < toks.length && after.length < 4 && gapOk(toks[k - 1], toks[k]); k++) after.push(toks[k]);
        const e = after.map(entityAt).find(Boolean);
        if (e) h = { ...span(side.text, e.start, e.end), words: e.words };
      }
    }
    if (h && !out.some((x) => x.start === h!.start)) out.push(h);
  }
  return out;
}

/** Who said or believes something changed ("many in Azerbaijan" -> "Baku"; speakers swapped). */
export function detectAttribution(ctx: PairContext): Hit[] {
  const src = findHolders(ctx.source);
  const sus = findHolders(ctx.suspect);
  if (src.length === 0 || sus.length === 0) return [];
  const same = (a: Holder, b: Holder) => sameEntity(a.words, b.words) || a.words.some((w) => b.words.includes(w) && !GROUP_HOLDERS.has(w));
  // A speaker still named on the other side, only moved ("Dr. Cornelison ... said" -> "said Dr.
  // Cornelison of the FDA's Center ..."), is not lost; a swap between two speakers named on both
  // sides still is.
  const named = (h: Holder, other: Side) => h.words.filter((w) => !STOPWORDS.has(w)).every((w) => other.norms.has(w));
  const swapCase = src.length >= 2 && sus.length >= 2;
  const changed = sus.filter((q) => !src.some((s) => same(s, q)) && (swapCase || !named(q, ctx.source)));
  const lost = src.filter((s) => !sus.some((q) => same(s, q)) && (swapCase || !named(s, ctx.suspect)));
  if (changed.length === 0 || lost.length === 0) return [];
  // Pair the lost holder with the changed one at the nearest relative place in the sentence
  // ("..., CNN reported." <-> "..., according to reports.").
  const where = (h: Holder, side: Side) => h.start / Math.max(1, side.text.length);
  const from = lost[0];
  const to = changed.reduce((best, q) => (Math.abs(where(q, ctx.suspect) - where(from, ctx.source)) < Math.abs(where(best, ctx.suspect) - where(from, ctx.source)) ? q : best));
  return [{
    rule: 'attribution-changed',
    reason: `The source attributes this to "${from.text}"; the copy attributes it to "${to.text}".`,
    suspect: [to], source: [from],
  }];
}
