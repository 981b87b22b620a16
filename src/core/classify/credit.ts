/**
 * @module core/classify/credit
 * Whether a copy credits its source, for newsroom rights teams: does it name the source's
 * outlet, keep its byline, or link back to it? A copy that repeats most of its source word for
 * word and does none of these is what a rights team looks for (`verbatim-uncredited`).
 *
 * Naming counts where a reader would take it as credit: in the copy's byline, headline or page
 * furniture ("Source: ..."), in a dateline at the top ("LONDON (Reuters) -"), or a mention the
 * source's own text does not already hold ("as reported by The Guardian"). The source's words
 * copied over ("... told The Associated Press") credit nobody. Pure: the pipeline hands in the
 * extracted copy and the source as the corpus holds it.
 */
import type { Change, ReferenceArticle, RemovedText, SourceCredit } from '../types.ts';
import { ruleOutcome } from './catalogue.ts';
import { CREDIT_DATELINE_CHARS, VERBATIM_COPY_SHARE } from './settings.ts';

/** The copy as credit is judged on it. */
export interface CreditCopy {
  title: string | null;
  byline: string | null;
  url: string | null;
  /** Clean body. */
  text: string;
  removed: RemovedText[];
  /** Links found on the page (absolute http(s) URLs). */
  links: string[];
}

// Words that name the kind of outlet rather than which one ("BBC News", "POLITICO Europe").
const GENERIC_OUTLET_WORDS = new Set(['news', 'online', 'europe', 'uk', 'us', 'international', 'world', 'media', 'digital', 'group', 'ltd', 'inc', 'now', 'today', 'daily', 'network', 'service', 'wire', 'agency']);
// Words of a byline that are not a person's name.
const BYLINE_STOP = new Set(['by', 'and', 'in', 'the', 'of', 'for', 'with', 'from', 'staff', 'writer', 'reporter', 'correspondent', 'editor', 'reporting', 'editing', 'additional', 'associated', 'press', 'reuters', 'afp', 'ap', 'news', 'agencies', 'agency', 'bureau', 'chief']);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Ways a copy may name an outlet: "The Associated Press (via X)" -> Associated Press, AP, X; and its site's host. */
export function outletNames(outlet: string | null, url: string | null): string[] {
  const names = new Set<string>();
  for (const part of (outlet ?? '').split(/[()]|\bvia\b|;/)) {
    let name = part.replace(/\s+/g, ' ').trim().replace(/^the\s+/i, '');
    if (name.length < 2) continue;
    names.add(name);
    const words = name.split(' ');
    while (words.length > 1 && GENERIC_OUTLET_WORDS.has(words[words.length - 1].toLowerCase())) words.pop();
    name = words.join(' ');
    names.add(name);
    // Initials of a multi-word name: Associated Press -> AP, Agence France-Presse -> AFP.
    const parts = name.split(/[\s-]+/).filter((w) => /^\p{Lu}/u.test(w));
    if (parts.length >= 2 && parts.length <= 5 && parts.length === name.split(/[\s-]+/).length) names.add(parts.map((w) => w[0]).join(''));
  }
  const host = siteOf(url);
  if (host) names.add(host);
  return [...names].filter((n) => n.length >= 2);
}

/** Host without "www.", or null. */
export function siteOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) && u.hostname ? u.hostname.toLowerCase().replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

function pageOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.hostname.toLowerCase().replace(/^www\./, '')}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** Where `name` occurs in `text` as a whole word, as written (outlets are proper names). */
function occurrences(text: string, name: string): number[] {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(name)}(?![\\p{L}\\p{N}])`, 'gu');
  return [...text.matchAll(re)].map((m) => m.index ?? 0);
}

/** The words of the copy that name the source's outlet as credit, or null. */
function namedOutlet(copy: CreditCopy, source: ReferenceArticle): string | null {
  const names = outletNames(source.outlet, source.url);
  const page = [copy.title ?? '', copy.byline ?? '', ...copy.removed.map((r) => r.text)].join('\n');
  const sourceText = `${source.title ?? ''}\n${source.text}`;
  for (const name of names) {
    if (occurrences(page, name).length > 0) return name;
    const inBody = occurrences(copy.text, name);
    if (inBody.length === 0) continue;
    // A dateline at the top: "LONDON (Reuters) -", "(AP) -".
    if (inBody.some((i) => i < CREDIT_DATELINE_CHARS && new RegExp(`^[^\\n]{0,60}?\\(?${escape(name)}\\)?\\s*[-–—:]`, 'u').test(copy.text.slice(Math.max(0, copy.text.lastIndexOf('\n', i) + 1))))) return name;
    // A mention the source does not hold itself: the copy added it.
    if (inBody.length > occurrences(sourceText, name).length) return name;
  }
  return null;
}

/** Surnames of a byline: "By Jane Doe and John Smith in Tokyo" -> Doe, Smith. */
export function bylineSurnames(byline: string | null): string[] {
  if (!byline) return [];
  const out: string[] = [];
  for (const chunk of byline.split(/,|;|&|\band\b|\bin\s+\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)*$/u)) {
    const words = chunk.split(/\s+/).filter((w) => /^\p{Lu}[\p{L}'’-]+$/u.test(w) && !BYLINE_STOP.has(w.toLowerCase()));
    if (words.length >= 2) out.push(words[words.length - 1]);
  }
  return out;
}

/**
 * Whether the copy credits the source, and the finding for a copy that does not. `verbatim`
 * is the number of copy sentences that repeat a source sentence word for word; `sentences` all
 * of the copy's.
 */
export function checkCredit(copy: CreditCopy, source: ReferenceArticle, verbatim: number, sentences: number): { credit: SourceCredit; change: Change | null } {
  const outletNamed = namedOutlet(copy, source);
  const surnames = bylineSurnames(source.byline);
  const everything = [copy.byline ?? '', copy.text, ...copy.removed.map((r) => r.text)].join('\n');
  const bylineKept = surnames.length === 0 ? null : surnames.some((s) => occurrences(everything, s).length > 0);
  const sourceSite = siteOf(source.url);
  const sourcePage = source.url ? pageOf(source.url) : null;
  const ownSite = siteOf(copy.url);
  let linkBack: string | null = null;
  if (sourceSite && sourceSite !== ownSite) {
    linkBack = copy.links.find((l) => sourcePage !== null && pageOf(l) === sourcePage) ?? copy.links.find((l) => siteOf(l) === sourceSite) ?? null;
  }
  const credited = outletNamed !== null || bylineKept === true || linkBack !== null;
  const verbatimShare = sentences === 0 ? 0 : Math.round((1000 * verbatim) / sentences) / 1000;
  const flag = credited ? null : verbatimShare >= VERBATIM_COPY_SHARE ? 'verbatim-uncredited' : 'uncredited';
  const credit: SourceCredit = { sourceId: source.id, outlet: source.outlet, outletNamed, sourceByline: source.byline, bylineKept, linkBack, credited, verbatimShare, flag };
  if (!flag) return { credit, change: null };
  const { kind, rule, severity, confidence } = ruleOutcome({ rule: 'uncredited', variant: flag === 'verbatim-uncredited' ? 'verbatim' : undefined });
  const who = source.outlet ? `the source's outlet (${source.outlet})` : 'the source';
  const what =
    flag === 'verbatim-uncredited'
      ? `${verbatim} of the copy's ${sentences} sentences repeat the source word for word, and the copy names neither ${who}`
      : `The copy names neither ${who}`;
  const reason = `${what}${surnames.length ? ', nor its byline' : ''}, nor links to it${copy.links.length === 0 ? ' (the page carried no links to check)' : ''}.`;
  return {
    credit,
    change: {
      kind, suspectText: null, sourceText: null, sourceId: source.id,
      suspectSentences: [], sourceSentences: [],
      evidence: { reason, suspect: [], source: [], rule },
      severity, confidence,
    },
  };
}
