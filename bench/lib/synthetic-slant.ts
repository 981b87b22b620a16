/**
 * @module bench/lib/synthetic-slant
 * Slanted rewrites of real news made here, seeded, to develop and measure the loaded-wording
 * checks on (the content-farm dev set has only two loaded labels). A slanted rewriter keeps the
 * facts and colours the reporter's voice: in some sentences, outside quotations, it
 * - turns a neutral "said" into a verb that judges the speaker ("admitted", "boasted");
 * - relabels a group or a government ("protesters" -> "rioters", "government" -> "regime");
 * - puts a distancing "so-called" before a plan, a reform, an inquiry;
 * - adds an evaluative adjective to an act ("the decision" -> "the reckless decision");
 * - adds a judging adverb to what someone did ("rejected" -> "cynically rejected");
 * - dramatises a plain verb ("fell" -> "plummeted", "criticised" -> "slammed").
 * The word lists are written here from general knowledge of partisan and tabloid style; about
 * half of the adjectives and adverbs are in neither the checks' hand-written list nor their
 * lexicon, so recall on them says how far the checks reach beyond their own lists. Each edit is
 * a label with its offsets in the rewrite.
 *
 *   tsx bench/lib/synthetic-slant.ts [--articles 40] [--rate 0.3] [--seed 11] > slanted.jsonl
 */
import { pathToFileURL } from 'node:url';
import { readSpinSources } from './synthetic-spin.ts';
import { seededRandom } from './seeded-random.ts';

export type SlantEdit = 'saying' | 'label' | 'so-called' | 'adjective' | 'adverb' | 'dramatised';

export interface SlantedArticle {
  /** The original text the rewrite was made from. */
  original: string;
  text: string;
  /** Slanting edits: offsets of the added or replaced words in `text`. */
  edits: { start: number; end: number; written: string; original: string; edit: SlantEdit }[];
}

const SAYING: Record<string, string[]> = {
  said: ['claimed', 'admitted', 'insisted', 'conceded', 'boasted', 'bragged', 'complained', 'grumbled', 'whined', 'ranted'],
  says: ['claims', 'admits', 'insists', 'concedes', 'boasts', 'brags', 'complains', 'grumbles', 'whines', 'rants'],
};

const LABELS: Record<string, string[]> = {
  protesters: ['rioters', 'agitators', 'thugs', 'mobs'],
  protestors: ['rioters', 'agitators', 'thugs'],
  demonstrators: ['rioters', 'agitators', 'hooligans'],
  protests: ['riots', 'unrest'],
  militants: ['terrorists', 'thugs', 'extremists'],
  rebels: ['terrorists', 'thugs', 'bandits'],
  insurgents: ['terrorists', 'jihadists'],
  migrants: ['illegals', 'illegal aliens', 'invaders'],
  officials: ['bureaucrats', 'apparatchiks'],
  politicians: ['elites', 'career politicians'],
  plan: ['scheme', 'ploy'],
  government: ['regime'],
  administration: ['regime'],
};

/** Nouns a distancing "so-called" or an evaluative adjective can go before. */
const ACTS = [
  'decision', 'plan', 'policy', 'move', 'proposal', 'bill', 'law', 'reform', 'reforms', 'budget', 'deal', 'announcement',
  'response', 'attack', 'crackdown', 'raid', 'campaign', 'strategy', 'statement', 'rule', 'rules', 'tax', 'cuts', 'measures',
  'vote', 'ban', 'operation', 'scheme', 'handling', 'review', 'inquiry', 'investigation', 'programme', 'program', 'agreement',
  'initiative', 'package', 'report', 'talks', 'ceasefire', 'experts', 'election', 'referendum', 'changes', 'increase', 'order',
];
const DETERMINERS = ['the', 'a', 'an', 'its', 'his', 'her', 'their', 'this', 'our'];

const ADJECTIVES = [
  'shocking', 'disastrous', 'reckless', 'outrageous', 'disgraceful', 'draconian', 'shameful', 'scandalous', 'botched',
  'ill-conceived', 'heavy-handed', 'incompetent', 'sham', 'bizarre', 'cynical', 'misguided', 'pathetic', 'ludicrous',
  'absurd', 'appalling', 'divisive', 'brutal', 'chaotic', 'farcical', 'humiliating', 'dismal', 'woeful', 'senseless',
  'idiotic', 'spineless', 'dodgy', 'laughable', 'shambolic', 'deranged', 'sinister',
];

/** Past-tense acts an adverb can judge ("cynically rejected"). */
const ACT_VERBS = [
  'announced', 'rejected', 'refused', 'ignored', 'promised', 'approved', 'passed', 'defended', 'dismissed', 'blocked',
  'introduced', 'pushed', 'raised', 'denied', 'attacked', 'ordered', 'decided', 'voted', 'signed', 'backed', 'launched',
  'agreed', 'cut', 'imposed', 'proposed', 'suspended', 'delayed', 'used', 'spent', 'told', 'sought', 'tried', 'failed',
];
const ADVERBS = [
  'shamelessly', 'cynically', 'predictably', 'brazenly', 'conveniently', 'arrogantly', 'stubbornly', 'recklessly',
  'callously', 'foolishly', 'blatantly', 'smugly', 'sheepishly', 'hypocritically', 'cravenly', 'meekly', 'disgracefully',
];

const DRAMATISED: Record<string, string[]> = {
  fell: ['plummeted', 'crashed', 'nosedived', 'collapsed'],
  dropped: ['plummeted', 'plunged', 'nosedived'],
  declined: ['plummeted', 'plunged', 'collapsed'],
  rose: ['soared', 'skyrocketed', 'exploded'],
  increased: ['soared', 'skyrocketed', 'ballooned'],
  criticised: ['slammed', 'blasted', 'lambasted', 'savaged'],
  criticized: ['slammed', 'blasted', 'lambasted', 'savaged'],
  cut: ['slashed', 'gutted'],
  asked: ['demanded'],
  left: ['fled'],
};

/** Offsets of the text inside quotation marks, paragraph by paragraph (an unclosed quote runs to the paragraph's end). */
function quotedSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' && open >= 0) {
      spans.push({ start: open, end: i });
      open = -1;
    } else if (c === '“' || (c === '"' && open < 0)) {
      if (open < 0) open = i;
    } else if ((c === '”' || c === '"') && open >= 0) {
      spans.push({ start: open, end: i + 1 });
      open = -1;
    }
  }
  if (open >= 0) spans.push({ start: open, end: text.length });
  return spans;
}

interface Candidate {
  /** Replace text.slice(start, end) with `insert`; the label covers `labelled` within it. */
  start: number;
  end: number;
  insert: string;
  written: string;
  original: string;
  edit: SlantEdit;
}

const pick = <T>(xs: readonly T[], random: () => number): T => xs[Math.floor(random() * xs.length)];

/** The slanting edits possible in one sentence, outside quotations. */
function candidates(text: string, from: number, to: number, quoted: { start: number; end: number }[], random: () => number): Candidate[] {
  const out: Candidate[] = [];
  const words = [...text.slice(from, to).matchAll(/[A-Za-z][A-Za-z'-]*/g)].map((m) => ({ w: m[0], start: from + (m.index ?? 0), end: from + (m.index ?? 0) + m[0].length }));
  const free = (s: number, e: number) => !quoted.some((q) => s < q.end && q.start < e);
  words.forEach((t, k) => {
    if (!free(t.start, t.end)) return;
    const lower = t.w.toLowerCase();
    const prev = words[k - 1];
    const keepCase = (w: string) => (t.w[0] === t.w[0].toUpperCase() ? w[0].toUpperCase() + w.slice(1) : w);
    // "said" after a subject (not "the said", not sentence-initial).
    if (SAYING[t.w] && prev && !DETERMINERS.includes(prev.w.toLowerCase())) {
      const w = pick(SAYING[t.w], random);
      out.push({ start: t.start, end: t.end, insert: w, written: w, original: t.w, edit: 'saying' });
    }
    if (LABELS[t.w]) {
      // A government or administration is relabelled only after "the" + a name ("the Syrian government").
      const govern = t.w === 'government' || t.w === 'administration';
      if (!govern || (prev && /^[A-Z]/.test(prev.w) && words[k - 2]?.w.toLowerCase() === 'the')) {
        const w = pick(LABELS[t.w], random);
        out.push({ start: t.start, end: t.end, insert: w, written: w, original: t.w, edit: 'label' });
      }
    }
    if (ACTS.includes(lower) && prev && DETERMINERS.includes(prev.w.toLowerCase()) && free(prev.start, t.end)) {
      if (['the', 'its', 'his', 'her', 'their', 'this', 'our'].includes(prev.w.toLowerCase()) && random() < 0.3) {
        out.push({ start: t.start, end: t.start, insert: 'so-called ', written: 'so-called', original: '', edit: 'so-called' });
      } else {
        const adj = pick(ADJECTIVES, random);
        // "a" before a vowel-initial adjective becomes "an", and the other way round.
        const article = prev.w.toLowerCase() === 'a' || prev.w.toLowerCase() === 'an';
        if (article) {
          const an = /^[aeiou]/.test(adj) ? 'an' : 'a';
          const det = prev.w[0] === prev.w[0].toUpperCase() ? an[0].toUpperCase() + an.slice(1) : an;
          out.push({ start: prev.start, end: t.start, insert: `${det} ${adj} `, written: adj, original: '', edit: 'adjective' });
        } else {
          out.push({ start: t.start, end: t.start, insert: `${adj} `, written: adj, original: '', edit: 'adjective' });
        }
      }
    }
    if (ACT_VERBS.includes(t.w) && prev && /^[a-z]/.test(t.w) && !DETERMINERS.includes(prev.w.toLowerCase()) && !/^(to|had|has|have|was|were|is|are|be|been|being|not|and|or|who)$/.test(prev.w.toLowerCase())) {
      const adv = pick(ADVERBS, random);
      out.push({ start: t.start, end: t.start, insert: `${adv} `, written: adv, original: '', edit: 'adverb' });
    }
    if (DRAMATISED[t.w] && prev && !/^(to|had|has|have|was|were|is|are|be|been|the|a)$/.test(prev.w.toLowerCase())) {
      const w = pick(DRAMATISED[t.w], random);
      out.push({ start: t.start, end: t.end, insert: w, written: w, original: t.w, edit: 'dramatised' });
    }
  });
  return out;
}

/**
 * One slanted rewrite: each sentence (by the sentence splitter's rough cut: `.`, `!`, `?` or a
 * line break) gets one slanting edit with chance `rate`, where one is possible.
 */
export function slantText(original: string, random: () => number, rate: number): SlantedArticle {
  const quoted = quotedSpans(original);
  const chosen: Candidate[] = [];
  for (const m of original.matchAll(/[^.!?\n]+[.!?]*/g)) {
    const from = m.index ?? 0;
    const options = candidates(original, from, from + m[0].length, quoted, random);
    if (options.length === 0 || random() >= rate) continue;
    chosen.push(pick(options, random));
  }
  chosen.sort((a, b) => a.start - b.start);
  let text = '';
  let last = 0;
  const edits: SlantedArticle['edits'] = [];
  for (const c of chosen) {
    if (c.start < last) continue;
    text += original.slice(last, c.start);
    const at = text.length + c.insert.indexOf(c.written);
    edits.push({ start: at, end: at + c.written.length, written: c.written, original: c.original, edit: c.edit });
    text += c.insert;
    last = c.end;
  }
  return { original, text: text + original.slice(last), edits };
}

/** Slanted rewrites of `count` corpus articles outside the held-out ranges (the spinner rewrites' sources). */
export function slantedArticles(count: number, rate: number, seed: number): SlantedArticle[] {
  const random = seededRandom(seed);
  return readSpinSources(count).map((t) => slantText(t, random, rate));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string, d: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : d;
  };
  for (const a of slantedArticles(arg('articles', 40), arg('rate', 0.3), arg('seed', 11))) process.stdout.write(JSON.stringify(a) + '\n');
}
