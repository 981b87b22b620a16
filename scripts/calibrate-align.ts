/**
 * @module scripts/calibrate-align
 * Calibrates ALIGN_MIN_SIMILARITY (src/core/align/settings.ts) on ../shared data:
 *   positives: MRPC `train` pairs (both labels: every pair is one sentence rewritten from the
 *              other or from a shared report, so alignment should pair them);
 *   negatives: pairs of different sentences, 1-3 apart, from the same BBC 2004-05 article
 *              (same story, not the same sentence: the hardest realistic non-match).
 * Prints the balanced accuracy at each threshold. Run: npx tsx scripts/calibrate-align.ts
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { sentenceFeatures, featureSimilarity } from '../src/core/align/similarity.ts';
import { splitSentences } from '../src/core/text/sentences.ts';

const shared = join(import.meta.dirname, '..', '..', 'shared');
const pos: number[] = [];
for (const line of readFileSync(join(shared, 'datasets/mrpc/mrpc.jsonl'), 'utf8').split('\n')) {
  if (!line) continue;
  const r = JSON.parse(line) as { a: string; b: string; split: string };
  if (r.split !== 'train') continue;
  pos.push(featureSimilarity(sentenceFeatures(r.a), sentenceFeatures(r.b)));
}
const neg: number[] = [];
const bbc = gunzipSync(readFileSync(join(shared, 'corpus/bbc-news-2004-2005.jsonl.gz'))).toString('utf8').split('\n');
for (const line of bbc.slice(0, 400)) {
  if (!line) continue;
  const sents = splitSentences((JSON.parse(line) as { text: string }).text).map((s) => sentenceFeatures(s.text));
  for (let i = 0; i < sents.length; i++) for (let d = 1; d <= 3 && i + d < sents.length; d++) neg.push(featureSimilarity(sents[i], sents[i + d]));
}
console.log(`positives ${pos.length}, negatives ${neg.length}`);
let best = { t: 0, bacc: 0 };
for (let t = 0.1; t <= 0.6001; t += 0.025) {
  const tpr = pos.filter((s) => s >= t).length / pos.length;
  const tnr = neg.filter((s) => s < t).length / neg.length;
  const bacc = (tpr + tnr) / 2;
  if (bacc > best.bacc) best = { t, bacc };
  console.log(`t=${t.toFixed(3)} recall=${tpr.toFixed(3)} specificity=${tnr.toFixed(3)} balanced=${bacc.toFixed(3)}`);
}
console.log(`best threshold ${best.t.toFixed(3)} (balanced accuracy ${best.bacc.toFixed(3)})`);
