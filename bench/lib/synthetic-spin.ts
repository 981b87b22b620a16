/**
 * @module bench/lib/synthetic-spin
 * Spinner rewrites of real news made here, seeded, to set the phrase model's thresholds on
 * instead of on any test split: each content word is swapped, with a given chance, for a
 * single-word WordNet synonym of one of its senses (any part of speech, no disambiguation, as
 * thesaurus spinners do), in the same inflection, spelt as news spells it. Each swap is a label.
 *
 *   tsx bench/lib/synthetic-spin.ts [--articles 40] [--rate 0.35] [--seed 7] > spun.jsonl
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { UnspunError } from '../../src/core/errors.ts';
import { sharedRoot } from './datasets.ts';
import { CONTENT_FARM_TWINS, isHeldOut } from './news-ranges.ts';
import { getWordNet } from '../../src/core/nlp/wordnet.ts';
import { STOPWORDS } from '../../src/core/text/tokens.ts';
import { inflect, inflectionOf } from '../../src/core/classify/rules/phrase-swap.ts';
import { defaultPhraseModel, type PhraseModel } from '../../src/core/phrases/model.ts';
import { seededRandom } from './seeded-random.ts';

export { seededRandom };

export interface SpunArticle {
  text: string;
  /** Swapped words: offsets into `text`, and the word they replaced. */
  swaps: { start: number; end: number; written: string; original: string }[];
}

/** Synonyms a thesaurus spinner could put for `word`, as news spells them in its inflection. */
function spinnerSynonyms(word: string, model: PhraseModel): string[] {
  const wn = getWordNet();
  const out = new Set<string>();
  for (const base of wn.baseForms(word)) {
    const inf = inflectionOf(word, base);
    for (const pos of ['n', 'v', 'a', 'r'] as const) {
      for (const id of wn.sensesOf(base, pos).slice(0, 4)) {
        for (const lemma of wn.lemmasOf(id)) {
          if (lemma === base || !/^[a-z]+$/.test(lemma)) continue;
          let best = '';
          let bestN = 0;
          for (const form of inflect(lemma, inf)) {
            const n = model.count(form);
            if (n > bestN) [best, bestN] = [form, n];
          }
          if (best && best !== word) out.add(best);
        }
      }
    }
  }
  return [...out].sort();
}

/** One spinner rewrite of a text: each swappable word swapped with chance `rate`. */
export function spinText(text: string, random: () => number, rate: number, model: PhraseModel = defaultPhraseModel()): SpunArticle {
  const swaps: SpunArticle['swaps'] = [];
  let out = '';
  let last = 0;
  for (const m of text.matchAll(/\p{L}+/gu)) {
    const word = m[0];
    const at = m.index ?? 0;
    if (!/^[a-z]{3,}$/.test(word) || STOPWORDS.has(word) || random() >= rate) continue;
    const options = spinnerSynonyms(word, model);
    if (options.length === 0) continue;
    const pick = options[Math.floor(random() * options.length)];
    out += text.slice(last, at);
    swaps.push({ start: out.length, end: out.length + pick.length, written: pick, original: word });
    out += pick;
    last = at + word.length;
  }
  return { text: out + text.slice(last), swaps };
}

const SOURCE_FILES = ['bbc-news-2004-2005.jsonl.gz', 'guardian-capi-2022.jsonl.gz', 'allsides-article-bias-2012-2020.jsonl.gz', 'cnn-lite-2026.jsonl.gz'];

/**
 * Real news to spin: every 7th article from line 1,200 of each corpus file, skipping the
 * held-out ranges (tuning and test) and content-farm originals, under 6,000 characters.
 */
export function readSpinSources(count: number): string[] {
  const out: string[] = [];
  for (const file of SOURCE_FILES) {
    const path = join(sharedRoot(), 'corpus', file);
    let lines: string[];
    try {
      lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
    } catch {
      throw new UnspunError('DATASET_MISSING', path, 'not found (synthetic spinner rewrites read ../shared/corpus)');
    }
    let taken = 0;
    for (let i = 1200; i < lines.length && taken < Math.ceil(count / SOURCE_FILES.length); i += 7) {
      if (isHeldOut(file, i) || !lines[i]) continue;
      const rec = JSON.parse(lines[i]) as { id: string; text: string };
      if (CONTENT_FARM_TWINS.includes(rec.id) || rec.text.length > 6000) continue;
      out.push(rec.text);
      taken++;
    }
  }
  return out.slice(0, count);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string, d: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : d;
  };
  const random = seededRandom(arg('seed', 7));
  const rate = arg('rate', 0.35);
  for (const text of readSpinSources(arg('articles', 40))) process.stdout.write(JSON.stringify(spinText(text, random, rate)) + '\n');
}
