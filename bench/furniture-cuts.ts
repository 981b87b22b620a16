/**
 * @module bench/furniture-cuts
 * How often the furniture rules cut a real paragraph. Real article bodies (reference-corpus
 * articles and METER's PA and newspaper texts) go through `extractArticle` as plain text with
 * their own title line; every paragraph that loses any of its text counts as a false cut
 * (these bodies were published as article text, though a few carry furniture of their own,
 * so the rate is an upper bound). The second count asks the after-alignment rules
 * (core/extract/unaligned.ts) about every paragraph as if no source supported it, the worst
 * case: in a trace they only see paragraphs the aligner left without a source sentence.
 *
 * `npx tsx bench/furniture-cuts.ts [--articles N] [--show]` prints the rates; `--show` also
 * lists the cut paragraphs (terminal only: the corpus terms forbid republishing its text).
 */
import { pathToFileURL } from 'node:url';
import { extractArticle } from '../src/core/extract/index.ts';
import { unalignedParagraphReason } from '../src/core/extract/unaligned.ts';
import { loadMeter } from './lib/datasets.ts';
import { loadDistractors } from './retrieval.ts';

export interface FalseCutRow {
  set: string;
  articles: number;
  paragraphs: number;
  /** Paragraphs that lost text in extraction. */
  cut: number;
  /** Paragraphs whose words were kept except a kicker, credit or link cut off an end. */
  trimmed: number;
  /** Paragraphs the after-alignment rules would cut if none of them aligned. */
  cutIfUnaligned: number;
  /** Cut paragraphs by reason (extraction and after-alignment together). */
  reasons: Record<string, number>;
  /** The cut paragraphs themselves, for --show. */
  examples: string[];
}

interface Body {
  title: string | null;
  text: string;
}

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Scores one set of real bodies. */
export function falseCuts(set: string, bodies: Body[]): FalseCutRow {
  const row: FalseCutRow = { set, articles: bodies.length, paragraphs: 0, cut: 0, trimmed: 0, cutIfUnaligned: 0, reasons: {}, examples: [] };
  for (const b of bodies) {
    const paragraphs = b.text.split(/\n\s*\n/).map(norm).filter(Boolean);
    const content = b.title ? `${b.title}\n\n${paragraphs.join('\n\n')}` : paragraphs.join('\n\n');
    let out;
    try {
      out = extractArticle({ kind: 'text', content, name: set });
    } catch {
      continue;
    }
    const kept = norm(out.text);
    const removed = out.removed.filter((r) => r.reason !== 'repeated-title' || norm(r.text) !== norm(b.title ?? ''));
    for (const p of paragraphs) {
      row.paragraphs++;
      const hit = removed.find((r) => {
        const t = norm(r.text);
        return t.length > 0 && (p.includes(t) || t.includes(p));
      });
      if (hit && !kept.includes(p)) {
        // A kicker, credit or "Read more" trimmed off a paragraph whose words are otherwise kept.
        let rest = p;
        for (const r of removed) if (r.text && rest.includes(norm(r.text))) rest = rest.replace(norm(r.text), ' ');
        rest = norm(rest);
        if (rest && kept.includes(rest)) {
          row.trimmed++;
          row.reasons[`${hit.reason} (trimmed)`] = (row.reasons[`${hit.reason} (trimmed)`] ?? 0) + 1;
          row.examples.push(`[${hit.reason}, trimmed] ${p.slice(0, 160)}`);
          continue;
        }
        row.cut++;
        row.reasons[hit.reason] = (row.reasons[hit.reason] ?? 0) + 1;
        row.examples.push(`[${hit.reason}] ${p.slice(0, 160)}`);
        continue;
      }
      const late = unalignedParagraphReason(p);
      if (late) {
        row.cutIfUnaligned++;
        row.reasons[`${late} (if unaligned)`] = (row.reasons[`${late} (if unaligned)`] ?? 0) + 1;
        row.examples.push(`[${late}, if unaligned] ${p.slice(0, 160)}`);
      }
    }
  }
  return row;
}

export interface FalseCutOptions {
  /** Reference-corpus articles (a fixed hash-ordered sample). */
  articles: number;
  /** Only METER's dev split (the quick gate); otherwise dev and test. */
  devOnly?: boolean;
}

export function runFalseCutBench(opts: FalseCutOptions): FalseCutRow[] {
  const corpus = loadDistractors(opts.articles).map((a) => ({ title: a.title, text: a.text }));
  const meter = loadMeter();
  const splits = opts.devOnly ? ['dev'] : ['dev', 'test'];
  const rows = [falseCuts(`reference corpus (${opts.articles} articles)`, corpus)];
  for (const split of splits) {
    const pa = meter.sources.filter((s) => s.split === split).map((s) => ({ title: null, text: s.source_text }));
    const papers = meter.derived.filter((d) => d.split === split).map((d) => ({ title: null, text: d.derived_text }));
    rows.push(falseCuts(`METER ${split}: PA wire texts`, pa), falseCuts(`METER ${split}: newspaper texts`, papers));
  }
  return rows;
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = runFalseCutBench({ articles: Number(argValue('--articles') ?? 2000), devOnly: process.argv.includes('--dev') });
  for (const r of rows) {
    console.log(`${r.set}: ${r.paragraphs} paragraphs, cut ${r.cut} (${((1000 * r.cut) / Math.max(1, r.paragraphs)).toFixed(2)} per 1,000), trimmed ${r.trimmed}, if unaligned ${r.cutIfUnaligned} (${((1000 * r.cutIfUnaligned) / Math.max(1, r.paragraphs)).toFixed(2)} per 1,000) ${JSON.stringify(r.reasons)}`);
    if (process.argv.includes('--show')) for (const e of r.examples) console.log(`  ${e}`);
  }
}
