/**
 * @module bench/tasks/furniture-cuts
 * How often the furniture rules cut real article text, via bench/furniture-cuts.ts (owned by
 * the extraction stage). Not in the quick gate: loading the corpus sample takes most of a
 * minute. With --quick it reads a 500-article sample and METER dev only.
 */
import { importOptional } from '../lib/optional.ts';
import { markdownTable, type Cell } from '../lib/table.ts';
import type { BenchTask, TaskOptions, TaskResult } from '../lib/task.ts';

interface FalseCutModule {
  runFalseCutBench: (opts: { articles: number; devOnly?: boolean }) => { set: string; paragraphs: number; cut: number; trimmed: number; cutIfUnaligned: number }[];
}

const ARTICLES = 3000;
const QUICK_ARTICLES = 500;

async function run(opts: TaskOptions): Promise<TaskResult> {
  const header = ['set', 'paragraphs', 'cut', 'cut per 1,000', 'trimmed', 'label or note if unaligned', 'per 1,000'];
  const mod = await importOptional<FalseCutModule>('bench/furniture-cuts.ts', ['runFalseCutBench']);
  if (!mod.ok) return { markdown: markdownTable(header, [['furniture rules', mod.reason]]), metrics: {}, speed: [], unavailable: [`furniture-cuts ${mod.reason}`] };
  const articles = opts.quick ? QUICK_ARTICLES : ARTICLES;
  opts.log(`furniture-cuts: ${articles} corpus articles and METER`);
  const perK = (n: number, d: number): string => ((1000 * n) / Math.max(1, d)).toFixed(2);
  const rows = mod.value.runFalseCutBench({ articles, devOnly: opts.quick });
  const cells: Cell[][] = rows.map((r) => [r.set, r.paragraphs, r.cut, perK(r.cut, r.paragraphs), r.trimmed, r.cutIfUnaligned, perK(r.cutIfUnaligned, r.paragraphs)]);
  const md = [
    `Real article bodies (a fixed hash-ordered sample of ${articles} reference-corpus articles, and METER's PA and newspaper texts) go through \`extractArticle\` as plain text with their own title. A paragraph that loses text counts as cut; "trimmed" paragraphs lost only a kicker, credit or link at one end and kept their words. The corpus bodies carry furniture of their own (photo captions and credits, "More:" links, bylines, gallery labels), so the corpus rate is an upper bound on false cuts: the cuts the issue-8 rules added on this sample were read when the rules were written (captions ending in a credit, credit lines, link lines, bylines and datelines standing at the top) and none was article prose. "If unaligned" asks the after-alignment rules (label lines, correction notes) about every paragraph as if no source supported it, the worst case; in a trace they only see paragraphs that nothing in the source aligns with. METER texts carry no furniture, so any cut there is a false one.`,
    markdownTable(header, cells),
  ];
  return { markdown: md.join('\n\n'), metrics: {}, speed: [], unavailable: [] };
}

export const furnitureCutsTask: BenchTask = {
  name: 'furniture-cuts',
  title: 'Furniture rules on real article text (reference corpus, METER)',
  inQuick: false,
  run,
};
