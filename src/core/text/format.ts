/**
 * @module core/text/format
 * Numbers as the evidence writes them ("63,439 real news articles"). The first call of
 * `toLocaleString` in a process loads ICU's number-formatting data (~25 ms of CPU); a one-off
 * trace only needs thousands separators, so it does not pay for that.
 */

/** An integer with comma thousands separators, exactly as `n.toLocaleString('en-US')` writes it; other numbers go through it. */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = '';
  for (let end = digits.length; end > 0; end -= 3) out = digits.slice(Math.max(0, end - 3), end) + (out ? ',' + out : '');
  return n < 0 ? '-' + out : out;
}
