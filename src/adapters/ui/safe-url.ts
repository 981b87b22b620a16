/**
 * @module adapters/ui/safe-url
 * Article metadata is untrusted: a URL is only ever rendered as a link when it is plain
 * http(s). Anything else (javascript:, data:, vbscript:, relative tricks) is shown as text.
 */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
