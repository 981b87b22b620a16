/**
 * @module core/classify/pair
 * What the pair detectors look at: each side of an aligned group (its exact text, tokens,
 * figures, dates, names, quotations) and the word-level edit hunks between the two sides.
 * Offsets are relative to each side's `text`; the orchestrator maps them back to sentences.
 */
import { diffArrays } from 'diff';
import { tokenize, type Token } from '../text/tokens.ts';
import { findDates, findQuantities, type DateMention, type Quantity } from '../nlp/numbers.ts';
import { findEntities, type EntityMention } from '../nlp/entities.ts';
import type { ChangeKind, Severity } from '../types.ts';

export interface Span {
  text: string;
  start: number;
  end: number;
}

export interface Quote extends Span {
  /** Offsets of the words inside the marks. */
  innerStart: number;
  innerEnd: number;
  tokens: readonly Token[];
}

export interface Side {
  text: string;
  tokens: readonly Token[];
  quantities: Quantity[];
  dates: DateMention[];
  entities: EntityMention[];
  quotes: Quote[];
  /** Normalised words, for presence tests. */
  norms: Set<string>;
}

/** One edit region: source tokens replaced by suspect tokens (either may be empty). */
export interface Hunk {
  removed: Token[];
  added: Token[];
}

export interface PairContext {
  source: Side;
  suspect: Side;
  hunks: Hunk[];
  /** Every normalised word of the whole suspect article / of the whole source, to tell moved words from dropped ones. */
  suspectArticleNorms: ReadonlySet<string>;
  sourceArticleNorms: ReadonlySet<string>;
}

/** A distortion found in one aligned pair, before it becomes a Change. */
export interface Finding {
  kind: ChangeKind;
  rule: string;
  reason: string;
  suspect: Span[];
  source: Span[];
  severity: Severity;
  confidence: number;
}

const QUOTE_RE = /“([^”]{2,}?)”|"([^"\n]{2,}?)"|«([^»]{2,}?)»/g;

export function findQuotes(text: string, tokens: readonly Token[]): Quote[] {
  const out: Quote[] = [];
  for (const m of text.matchAll(QUOTE_RE)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const innerStart = start + 1;
    const innerEnd = end - 1;
    out.push({ text: m[0], start, end, innerStart, innerEnd, tokens: tokens.filter((t) => t.start >= innerStart && t.end <= innerEnd) });
  }
  // News style leaves a quote open at the end of a paragraph when it goes on in the next
  // ('said: “Your ballot is on the way – but it will arrive later.'): it runs to the end.
  for (const m of text.matchAll(OPEN_QUOTE_RE)) {
    const start = (m.index ?? 0) + m[1].length;
    if (out.some((q) => start >= q.start && start < q.end)) continue;
    const rest = text.slice(start + 1);
    if (/[”"»]/.test(rest)) continue;
    const end = start + 1 + rest.trimEnd().length;
    if (end - start < 4) continue;
    out.push({ text: text.slice(start, end), start, end, innerStart: start + 1, innerEnd: end, tokens: tokens.filter((t) => t.start >= start + 1 && t.end <= end) });
  }
  return out.sort((a, b) => a.start - b.start);
}

const OPEN_QUOTE_RE = /(^|[\s:(—–-])[“"«](?=\p{L})/gu;

export function buildSide(text: string): Side {
  const tokens = tokenize(text);
  return {
    text,
    tokens,
    quantities: findQuantities(text, tokens, { compounds: true }),
    dates: findDates(text, tokens),
    entities: findEntities(text, tokens),
    quotes: findQuotes(text, tokens),
    norms: new Set(tokens.map((t) => t.norm)),
  };
}

export function buildHunks(source: Side, suspect: Side): Hunk[] {
  const parts = diffArrays(source.tokens.map((t) => t.norm), suspect.tokens.map((t) => t.norm));
  const hunks: Hunk[] = [];
  let ia = 0;
  let ib = 0;
  let current: Hunk | null = null;
  for (const p of parts) {
    if (!p.added && !p.removed) {
      if (current) hunks.push(current);
      current = null;
      ia += p.count;
      ib += p.count;
      continue;
    }
    current ??= { removed: [], added: [] };
    if (p.removed) {
      current.removed.push(...source.tokens.slice(ia, ia + p.count));
      ia += p.count;
    } else {
      current.added.push(...suspect.tokens.slice(ib, ib + p.count));
      ib += p.count;
    }
  }
  if (current) hunks.push(current);
  return hunks;
}

export function span(text: string, start: number, end: number): Span {
  return { text: text.slice(start, end), start, end };
}

export function tokenSpan(side: Side, t: Token): Span {
  return span(side.text, t.start, t.end);
}
