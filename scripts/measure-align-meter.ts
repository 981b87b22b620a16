/**
 * @module scripts/measure-align-meter
 * How well does alignSentences separate reused sentences from new ones on real newspaper
 * rewrites of wire copy? METER `dev` stories with span annotation only (never `test`).
 *
 * Each newspaper sentence is labelled "reused" when at least half of its annotated words are
 * verbatim or rewrite, else "new". The story is aligned against all PA texts of its group (the
 * candidate originals). Reported: share of reused sentences aligned to some PA sentence
 * (recall), share of new sentences left unaligned (they become "inserted"), and the same split
 * by verbatim-heavy vs rewrite-heavy sentences, since heavy rewrites are the hard part.
 * `--one` aligns against only the PA text that covers most of the story, as the product does
 * when retrieval picks a single source.
 * Run: npx tsx scripts/measure-align-meter.ts [--one]
 */
import { alignSentences } from '../src/core/align/index.ts';
import { featureCoverage, sentenceFeatures } from '../src/core/align/similarity.ts';
import { splitArticle } from '../src/core/text/sentences.ts';
import { loadMeter } from '../bench/lib/datasets.ts';
import { goldTokens, groupTexts } from '../bench/lib/meter.ts';

const ONE_SOURCE = process.argv.includes('--one');
const { sources, derived } = loadMeter();
const byId = new Map(sources.map((s) => [s.source_id, s]));
const tally = { verbatim: [0, 0], rewrite: [0, 0], new: [0, 0] } as Record<string, [number, number]>;
let stories = 0;
for (const d of derived) {
  if (d.split !== 'dev' || !d.annotated_text || !d.spans) continue;
  let texts = groupTexts(d, byId);
  if (ONE_SOURCE && texts.length > 1) {
    const story = sentenceFeatures(d.annotated_text);
    const cover = texts.map((t) => featureCoverage(story, sentenceFeatures(t)));
    texts = [texts[cover.indexOf(Math.max(...cover))]];
  }
  if (texts.length === 0) continue;
  stories++;
  const gold = goldTokens(d);
  const suspect = splitArticle(d.annotated_text);
  const alignment = alignSentences(suspect, texts.map((t, i) => ({ id: String(i), split: splitArticle(t) })));
  const aligned = new Set<number>();
  for (const g of alignment) if (g.source) for (const i of g.suspect) aligned.add(i);
  for (const s of suspect.sentences) {
    const inside = gold.filter((g) => g.token.start >= s.start && g.token.start < s.end);
    if (inside.length < 4) continue;
    const v = inside.filter((g) => g.gold === 'verbatim').length;
    const r = inside.filter((g) => g.gold === 'rewrite').length;
    const cls = v + r < inside.length / 2 ? 'new' : v >= r ? 'verbatim' : 'rewrite';
    const ok = cls === 'new' ? !aligned.has(s.index) : aligned.has(s.index);
    tally[cls][0] += ok ? 1 : 0;
    tally[cls][1]++;
  }
}
const pct = (t: [number, number]) => `${((100 * t[0]) / t[1]).toFixed(1)}% of ${t[1]}`;
console.log(`METER dev, ${stories} annotated stories, ${ONE_SOURCE ? 'best single PA text' : 'all PA texts of the group'}`);
console.log(`verbatim-heavy sentences aligned: ${pct(tally.verbatim)}`);
console.log(`rewrite-heavy sentences aligned:  ${pct(tally.rewrite)}`);
console.log(`new sentences left unaligned:     ${pct(tally.new)}`);
const reused: [number, number] = [tally.verbatim[0] + tally.rewrite[0], tally.verbatim[1] + tally.rewrite[1]];
const bacc = (reused[0] / reused[1] + tally.new[0] / tally.new[1]) / 2;
console.log(`balanced accuracy reused-vs-new:  ${(100 * bacc).toFixed(1)}%`);
