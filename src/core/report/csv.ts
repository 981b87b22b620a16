/**
 * @module core/report/csv
 * CSV for spreadsheets (RFC 4180 via csv-stringify: quoted where needed, CRLF rows, a header
 * row). Article text is untrusted, and a spreadsheet runs a cell that starts with = + - @ as
 * a formula, so such cells are prefixed with an apostrophe (the OWASP advice); the quote then
 * reads '=... in the sheet instead of running. A UTF-8 byte-order mark lets Excel read accents.
 */
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A CSV document: BOM, header row, then one row per record, CRLF line ends. */
export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return '\uFEFF' + stringify([header, ...rows.map((r) => r.map(safeCell))], { record_delimiter: 'windows', quoted_match: /\n|\r/ });
}
