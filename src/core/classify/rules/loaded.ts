/**
 * @module core/classify/rules/loaded
 * Wording that passes judgement: evaluative words the source does not use
 * (`loaded-word-added`), and a neutral "said" turned into a verb that judges the speaker
 * (`saying-verb-loaded`).
 */
import { stem } from '../../text/tokens.ts';
import { DRAMATISED_VERBS, FRAMING_GROUPS, JUDGING_SAYING_VERBS, LOADED } from '../../nlp/lexicons.ts';
import { loadedCandidates } from './loaded-alone.ts';
import type { Hit } from '../catalogue.ts';
import { tokenSpan, type PairContext } from '../pair.ts';

/**
 * Judging words: the hand-written list, the single-article check's pejorative labels and
 * AFINN-165 words of negative valence (praise added to a copy is rarely its slant), and verbs
 * that dramatise a plain one ("plummeted"): with a source to compare, added is enough.
 */
function judging(norm: string): boolean {
  if (LOADED.has(norm) || DRAMATISED_VERBS.has(norm)) return true;
  const c = loadedCandidates().get(norm.replace(/['’]s$/, ''));
  return c !== undefined && c.from !== 'saying' && (c.from !== 'valence' || c.valence < 0);
}

/** Evaluative words in the copy that the source does not use. */
export function detectLoaded(ctx: PairContext): Hit[] {
  const srcStems = new Set(ctx.source.tokens.map((t) => stem(t.norm.replace(/['’]s$/, ''))));
  // A label that replaces the other side's term is a renaming (rules/entities.ts), reported there.
  const renamed = new Set(FRAMING_GROUPS.filter((g) => g.a.some((w) => ctx.source.norms.has(w))).flatMap((g) => g.b));
  const words = ctx.suspect.tokens.filter((t) => judging(t.norm) && !renamed.has(t.norm) && !srcStems.has(stem(t.norm.replace(/['’]s$/, ''))));
  if (words.length === 0) return [];
  return [{
    rule: 'loaded-word-added', severity: words.length > 1 ? 'several' : undefined,
    reason: `The copy adds evaluative wording the source does not use: "${words.map((t) => t.text).join('", "')}".`,
    suspect: words.map((t) => tokenSpan(ctx.suspect, t)), source: [],
  }];
}

// Saying verbs that judge what was said: "said" -> "claimed" casts doubt, "admitted" implies guilt.
const NEUTRAL_SAYING = new Set(['said', 'says', 'say', 'told', 'tells', 'wrote', 'writes', 'stated', 'states', 'added', 'noted', 'explained', 'reported']);
const LOADED_SAYING = new Set([
  'claimed', 'claims', 'claim', 'admitted', 'admits', 'admit', 'conceded', 'concedes', 'insisted', 'insists',
  'alleged', 'alleges', 'boasted', 'boasts', 'confessed', 'confesses', 'ranted', 'rants', 'whined', 'whines',
  'bragged', 'brags', 'purported', 'purports', 'complained', 'complains', ...JUDGING_SAYING_VERBS,
]);

/** A neutral "said" in the source turned into a verb that judges the speaker ("claimed", "admitted"). */
export function detectLoadedSaying(ctx: PairContext): Hit[] {
  if (!ctx.source.tokens.some((t) => NEUTRAL_SAYING.has(t.norm))) return [];
  const srcNorms = ctx.source.norms;
  const judged = ctx.suspect.tokens.filter((t) => LOADED_SAYING.has(t.norm) && !srcNorms.has(t.norm));
  if (judged.length === 0) return [];
  const neutral = ctx.source.tokens.find((t) => NEUTRAL_SAYING.has(t.norm))!;
  return [{
    rule: 'saying-verb-loaded',
    reason: `The source reports what was said with "${neutral.text}"; the copy uses "${judged[0].text}", which passes judgement on the speaker.`,
    suspect: [tokenSpan(ctx.suspect, judged[0])], source: [tokenSpan(ctx.source, neutral)],
  }];
}
