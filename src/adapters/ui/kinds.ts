/**
 * @module adapters/ui/kinds
 * Plain-language names for change kinds and severities, for readers who never saw the JSON.
 */
import type { ChangeKind, Severity } from '../../core/types.ts';

export const KIND_LABELS: Record<ChangeKind, { label: string; help: string }> = {
  verbatim: { label: 'Verbatim', help: 'Copied word for word from the source.' },
  paraphrase: { label: 'Paraphrase', help: 'Reworded, but says what the source says.' },
  inserted: { label: 'Inserted', help: 'Not supported by any sentence of the source.' },
  omitted: { label: 'Omitted', help: 'In the source, but left out of the rewrite.' },
  number: { label: 'Number changed', help: 'A figure differs from the source.' },
  date: { label: 'Date changed', help: 'A date or time differs from the source.' },
  entity: { label: 'Name changed', help: 'A person, place or organisation differs from the source.' },
  quote: { label: 'Quote changed', help: 'The words inside quotation marks differ from the source.' },
  negation: { label: 'Negation flipped', help: 'A "not" was added or removed, reversing the meaning.' },
  boilerplate: { label: 'Boilerplate', help: 'Page furniture (comment forms, share bars, ads) cut from the text.' },
  spinner: { label: 'Spinner phrasing', help: 'Odd word swaps typical of automatic rewriting tools.' },
  unattributed: { label: 'Unattributed claim', help: 'A claim credited to unnamed "reports" or "sources".' },
  hedge: { label: 'Hedge changed', help: 'Uncertainty in the source was turned into certainty, or the reverse.' },
  reversal: { label: 'Reversal', help: 'The rewrite says the opposite of the source.' },
  attribution: { label: 'Attribution changed', help: 'Who said it differs from the source.' },
  renaming: { label: 'Renaming', help: 'The same thing is called by a loaded or different name.' },
  loaded: { label: 'Loaded wording', help: 'Neutral words replaced by emotionally charged ones.' },
  evasion: { label: 'Disguised letters', help: 'Look-alike letters from other scripts or invisible characters hidden in words, so the text evades matching.' },
  substitution: { label: 'Word swapped', help: 'A word replaced by one that does not mean the same: the copy may say something else.' },
  uncredited: { label: 'No credit', help: 'The copy names neither the source outlet nor its author, and does not link to it.' },
};

export function kindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, { label: string }>)[kind]?.label ?? kind;
}

export function kindHelp(kind: string): string {
  return (KIND_LABELS as Record<string, { help: string }>)[kind]?.help ?? '';
}

export const SEVERITY_LABELS: Record<Severity, string> = {
  none: 'no effect',
  low: 'minor',
  medium: 'changes meaning',
  high: 'serious',
};
