/**
 * @module scripts/measure-phrases
 * Tuning harness for the from-the-article-alone checks (spinner phrases, loaded wording): runs
 * them on the tuning range of real news (bench/lib/news-ranges.ts NEWS_TUNE: every flag there
 * is a false alarm), on the content-farm dev copies (recall of their spinner and loaded labels,
 * traced with no index), and on the PPS tortured phrases' dev split. Never on a test split.
 *
 *   tsx scripts/measure-phrases.ts [--samples] [--only news|farm|pps]
 */
import { singleArticleChecks } from '../src/core/classify/index.ts';
import { splitArticle } from '../src/core/text/sentences.ts';
import { extractArticle } from '../src/core/extract/index.ts';
import { NEWS_TUNE, readNewsRange } from '../bench/lib/news-ranges.ts';
import { loadContentFarmCopies } from '../bench/content-farm.ts';
import { datasetPath, readJsonlFile } from '../bench/lib/datasets.ts';
import type { Change } from '../src/core/types.ts';

const show = process.argv.includes('--samples');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const KINDS = ['spinner', 'loaded', 'evasion'];

if (!only || only === 'news') {
  const byRule = new Map<string, string[]>();
  let sentences = 0;
  let ms = 0;
  for (const range of NEWS_TUNE) {
    const every = Number(process.env.EVERY ?? 1);
    for (const text of readNewsRange(range).filter((_, i) => i % every === 0)) {
      const split = splitArticle(text);
      sentences += split.sentences.length;
      const t = performance.now();
      const changes = singleArticleChecks(split, []);
      ms += performance.now() - t;
      for (const c of changes.filter((x) => KINDS.includes(x.kind))) {
        const list = byRule.get(c.evidence.rule) ?? byRule.set(c.evidence.rule, []).get(c.evidence.rule)!;
        list.push(`${c.evidence.suspect.join(' | ')} :: ${c.evidence.reason}`);
      }
    }
  }
  const articles = NEWS_TUNE.reduce((n, r) => n + Math.ceil((r.to - r.from) / Number(process.env.EVERY ?? 1)), 0);
  console.log(`NEWS_TUNE: ${articles} articles, ${sentences} sentences, ${(ms / articles).toFixed(1)} ms per article`);
  let total = 0;
  for (const [rule, list] of [...byRule].sort((a, b) => b[1].length - a[1].length)) {
    total += list.length;
    console.log(`  ${rule}: ${list.length} (${((1000 * list.length) / sentences).toFixed(2)} per 1,000 sentences)`);
    if (show) for (const s of list.slice(0, 25)) console.log(`     ${s}`);
  }
  console.log(`  all: ${((1000 * total) / sentences).toFixed(2)} per 1,000 sentences`);
}

if (!only || only === 'farm') {
  const { copies } = loadContentFarmCopies();
  for (const kind of ['spinner', 'loaded'] as const) {
    let found = 0;
    let total = 0;
    let flags = 0;
    let right = 0;
    const styles = kind === 'spinner' ? ['spinner', 'round-trip translation'] : null;
    for (const copy of copies) {
      if (styles && !styles.includes(copy.style)) continue;
      const article = extractArticle({ kind: 'text', content: copy.text, name: copy.id });
      const split = splitArticle(article.text);
      const changes = singleArticleChecks(split, article.removed).filter((c) => c.kind === kind);
      const spans = (c: Change) => c.evidence.suspect.map((w) => {
        const s = split.sentences[c.suspectSentences[0]];
        const at = s ? split.text.indexOf(w, s.start) : split.text.indexOf(w);
        return { start: at, end: at + w.length };
      });
      const labelSpans = copy.labels[kind].flatMap((l) => {
        const out: { start: number; end: number }[] = [];
        for (let i = split.text.indexOf(l); i >= 0; i = split.text.indexOf(l, i + 1)) out.push({ start: i, end: i + l.length });
        return out;
      });
      const touch = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
      for (const l of copy.labels[kind]) {
        total++;
        const occ: { start: number; end: number }[] = [];
        for (let i = split.text.indexOf(l); i >= 0; i = split.text.indexOf(l, i + 1)) occ.push({ start: i, end: i + l.length });
        const hit = changes.some((c) => spans(c).some((s) => occ.some((o) => touch(s, o))));
        if (hit) found++;
        if (show && !hit) console.log(`   MISSED ${copy.id}: ${l}`);
      }
      for (const c of changes) {
        flags++;
        const ok = spans(c).some((s) => labelSpans.some((o) => touch(s, o)));
        if (ok) right++;
        if (show) console.log(`   ${ok ? 'RIGHT' : 'OTHER'} ${copy.id}: ${c.evidence.suspect.join(' | ')} :: ${c.evidence.reason}`);
      }
    }
    console.log(`content-farm ${kind}${styles ? ` (${styles.join(', ')})` : ''}: recall ${found}/${total} = ${(found / Math.max(1, total)).toFixed(3)}; flags ${flags}, touching a label ${right}`);
  }
}

if (!only || only === 'pps') {
  const recs = readJsonlFile<{ tortured_phrase: string; expected_phrase: string; split: string }>(datasetPath('tortured-phrases/tortured_phrases.jsonl'), {
    fields: { tortured_phrase: 'string', expected_phrase: 'string', split: 'string' },
  }).filter((r) => r.split === 'dev');
  const carrier = (p: string) => `The authors describe ${p} in the second section.`;
  const flagged = (p: string) => {
    const t = carrier(p);
    const s = t.indexOf(p);
    return singleArticleChecks(splitArticle(t), []).some((c) => c.kind === 'spinner' && c.evidence.suspect.some((w) => {
      const at = t.indexOf(w);
      return at < s + p.length && s < at + w.length;
    }));
  };
  const sample = recs.filter((_, i) => i % 3 === 0);
  let caught = 0;
  const missed: string[] = [];
  for (const r of sample) if (flagged(r.tortured_phrase)) caught++; else missed.push(`${r.tortured_phrase} -> ${r.expected_phrase}`);
  const literal = sample.filter((r) => /^[\p{L}\p{N} '-]+$/u.test(r.expected_phrase) && r.expected_phrase.toLowerCase() !== r.tortured_phrase.toLowerCase());
  const alarms = literal.filter((r) => flagged(r.expected_phrase)).length;
  console.log(`PPS dev (every 3rd): recall ${caught}/${sample.length} = ${(caught / sample.length).toFixed(3)}; false alarms on expected ${alarms}/${literal.length}`);
  if (show) for (const m of missed.slice(0, 40)) console.log(`   MISSED ${m}`);
}
