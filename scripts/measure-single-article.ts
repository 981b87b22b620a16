/**
 * @module scripts/measure-single-article
 * False-positive rate of the single-article checks on real, unspun news from ../shared/corpus
 * (every spinner or unattributed flag there is a false alarm or an honest "officials said").
 * Run: npx tsx scripts/measure-single-article.ts [articles per file, default 100]
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { singleArticleChecks } from '../src/core/classify/index.ts';
import { splitArticle } from '../src/core/text/sentences.ts';

const shared = join(import.meta.dirname, '..', '..', 'shared');
const perFile = Number(process.argv[2] ?? 100);
const files = ['bbc-news-2004-2005.jsonl.gz', 'cnn-lite-2026.jsonl.gz', 'guardian-capi-2022.jsonl.gz'];
const counts = new Map<string, number>();
const samples = new Map<string, string[]>();
let sentences = 0;
let articles = 0;
let ms = 0;
for (const file of files) {
  const lines = gunzipSync(readFileSync(join(shared, 'corpus', file))).toString('utf8').split('\n').filter(Boolean).slice(0, perFile);
  for (const line of lines) {
    const split = splitArticle((JSON.parse(line) as { text: string }).text);
    sentences += split.sentences.length;
    articles++;
    const t = performance.now();
    const changes = singleArticleChecks(split, []);
    ms += performance.now() - t;
    for (const c of changes) {
      counts.set(c.evidence.rule, (counts.get(c.evidence.rule) ?? 0) + 1);
      const list = samples.get(c.evidence.rule) ?? samples.set(c.evidence.rule, []).get(c.evidence.rule)!;
      if (list.length < 12) list.push(`${c.evidence.suspect.join(' | ')} -> ${c.evidence.source.join(' | ')}`);
    }
  }
}
console.log(`${articles} articles, ${sentences} sentences, ${(ms / articles).toFixed(1)} ms per article`);
for (const [rule, n] of [...counts].sort((a, b) => b[1] - a[1])) {
  console.log(`${rule}: ${n} (${((1000 * n) / sentences).toFixed(2)} per 1,000 sentences)`);
  for (const s of samples.get(rule)!) console.log(`   ${s}`);
}
