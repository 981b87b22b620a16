/**
 * @module bench/lib/doc
 * docs/benchmarks.md is generated: a fixed preamble, then one delimited section per task.
 * A `--only` run replaces just its sections, and every section carries its own provenance
 * line (date, commit, machine, command), so no number ever appears without its origin.
 */
import type { SpeedRow } from './measure.ts';
import { markdownTable, plural } from './table.ts';

export interface Section {
  name: string;
  body: string;
  speed: SpeedRow[];
}

const OPEN = (n: string) => `<!-- task:${n} -->`;
const CLOSE = (n: string) => `<!-- /task:${n} -->`;
const SPEED_RE = /<!-- speed-json:(.*?) -->/s;

/** Sections of an existing generated document, by name, in order. */
export function parseSections(doc: string): Section[] {
  const out: Section[] = [];
  const re = /<!-- task:([\w-]+) -->\n([\s\S]*?)\n<!-- \/task:\1 -->/g;
  for (const m of doc.matchAll(re)) {
    const speedMatch = m[2].match(SPEED_RE);
    let speed: SpeedRow[] = [];
    if (speedMatch) {
      try {
        speed = JSON.parse(speedMatch[1].replace(/&#45;&#45;/g, '--')) as SpeedRow[];
      } catch {
        speed = [];
      }
    }
    out.push({ name: m[1], body: m[2].replace(SPEED_RE, '').trimEnd(), speed });
  }
  return out;
}

export function renderSection(s: Section): string {
  // "--" may not appear inside an HTML comment.
  const json = JSON.stringify(s.speed).replace(/--/g, '&#45;&#45;');
  return `${OPEN(s.name)}\n${s.body}\n<!-- speed-json:${json} -->\n${CLOSE(s.name)}`;
}

/** Replaces sections by name (keeping the order of `order`) and returns the whole document. */
export function mergeDocument(preamble: string, previous: Section[], updated: Section[], order: string[]): Section[] {
  const byName = new Map(previous.map((s) => [s.name, s]));
  for (const s of updated) byName.set(s.name, s);
  const names = [...order.filter((n) => byName.has(n)), ...[...byName.keys()].filter((n) => !order.includes(n))];
  void preamble;
  return names.map((n) => byName.get(n) as Section);
}

export function speedTable(rows: SpeedRow[]): string {
  return markdownTable(
    ['task', 'system', 'split', 'items', 'ms/item p50', 'ms/item p99', 'items/s', 'peak RSS (MB, task process)'],
    rows.map((r) => [r.task, r.system, r.split, r.items === null || r.items === undefined || Number.isNaN(r.items) ? `per ${r.unit}` : `${r.items} ${r.items === 1 ? r.unit : plural(r.unit)}`, r.msP50, r.msP99, r.itemsPerSecond, r.peakRssMb ?? null]),
  );
}
