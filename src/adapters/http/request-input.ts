/**
 * @module adapters/http/request-input
 * Turns an HTTP request body into the pipeline's RawInput through the shared input layer
 * (adapters/input), so it meets the same checks as a file on the command line (binary, bad
 * encoding with its byte offset, empty, the declared charset honoured), plus request-shaped
 * ones (malformed JSON, a JSON body of the wrong shape, binary inside a JSON string). Bodies
 * are validated with zod.
 */
import { z } from 'zod';
import { UnspunError } from '../../core/errors.ts';
import { checkTextLimits } from '../../core/limits.ts';
import { assertTextNotBinary, charsetFromContentType, decodeInput } from '../input/decode.ts';
import { looksLikeHtml, rawInputFromBytes } from '../input/index.ts';
import type { RawInput, ReferenceArticle } from '../../core/types.ts';

/** JSON form of POST /api/trace: exactly one of `html` or `text`. */
export const TraceJsonBody = z
  .object({
    html: z.string().optional(),
    text: z.string().optional(),
    url: z.string().max(2048).nullish(),
    name: z.string().max(512).optional(),
  })
  .strict()
  .refine((b) => (b.html === undefined) !== (b.text === undefined), {
    message: 'give exactly one of "html" or "text"',
  });

/** One article for POST /api/articles; unknown fields are ignored. */
export const ArticleBody = z.object({
  id: z.string().min(1).max(512).optional(),
  outlet: z.string().max(512).nullish(),
  title: z.string().max(4096).nullish(),
  byline: z.string().max(4096).nullish(),
  url: z.string().max(2048).nullish(),
  published: z.string().max(64).nullish(),
  text: z.string().refine((t) => t.trim().length > 0, { message: 'must not be empty' }),
});
export type ArticleBody = z.infer<typeof ArticleBody>;

const ArticleList = z.array(ArticleBody).min(1).max(10_000);
const WrappedArticleList = z.object({ articles: ArticleList });

/** One article, a list of them, or `{ "articles": [...] }`; the shape is picked first so errors name the right field. */
function parseArticles(value: unknown): { success: true; data: ArticleBody[] } | { success: false; error: z.ZodError } {
  if (Array.isArray(value)) return ArticleList.safeParse(value);
  if (value !== null && typeof value === 'object' && 'articles' in value) {
    const r = WrappedArticleList.safeParse(value);
    return r.success ? { success: true, data: r.data.articles } : { success: false, error: r.error };
  }
  const r = ArticleBody.safeParse(value);
  return r.success ? { success: true, data: [r.data] } : { success: false, error: r.error };
}

/** "text: must not be empty" from the first zod issue: short and names the field. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'does not match the expected shape';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `${where}: ${issue.message}`;
}

/**
 * A request body as text, through the shared input layer (adapters/input): the charset of
 * the Content-Type header is honoured, BOMs and UTF-16/32 are read, binary and invalid bytes
 * are refused with the byte offset.
 */
export function decodeBody(bytes: Uint8Array, subject: string, contentType?: string): string {
  return decodeInput(bytes, subject, { headerCharset: charsetFromContentType(contentType), headerAuthoritative: true });
}

/** A body that starts like markup is read as HTML even when sent as text/plain. */
export { looksLikeHtml } from '../input/index.ts';

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function isJsonType(contentType: string | undefined): boolean {
  const t = mediaType(contentType);
  return t === 'application/json' || t.endsWith('+json');
}

/** Parses JSON, mapping a syntax error to a 400 that says where. */
export function parseJson(text: string, subject: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UnspunError('INPUT_MALFORMED', subject, `not valid JSON (${(err as Error).message})`);
  }
}

/** POST /api/trace body -> RawInput. Text from JSON strings is checked for binary like any other input. */
export function traceInputFromBody(bytes: Uint8Array, contentType: string | undefined): RawInput {
  const subject = 'request body';
  if (isJsonType(contentType)) {
    const parsed = TraceJsonBody.safeParse(parseJson(decodeBody(bytes, subject, contentType), subject));
    if (!parsed.success) throw new UnspunError('INPUT_MALFORMED', subject, describeZodError(parsed.error));
    const b = parsed.data;
    const content = (b.html ?? b.text ?? '') as string;
    const field = b.html !== undefined ? 'html' : 'text';
    if (content.trim().length === 0) throw new UnspunError('INPUT_EMPTY', `${subject} field "${field}"`);
    assertTextNotBinary(content, `${subject} field "${field}"`);
    return { kind: b.html !== undefined ? 'html' : 'text', content, name: b.name ?? b.url ?? 'request', url: b.url ?? null };
  }
  const type = mediaType(contentType);
  if (type && !/^(text\/(plain|html)|application\/xhtml\+xml|application\/octet-stream)$/.test(type)) {
    throw new UnspunError('INPUT_UNSUPPORTED', subject, `Content-Type ${type}; send application/json, text/plain or text/html`);
  }
  const input = rawInputFromBytes(bytes, subject, { contentType: contentType ?? 'text/plain' });
  // Only an explicit text/plain keeps markup-looking text as text.
  const kind = type === 'text/html' || type === 'application/xhtml+xml' || (type !== 'text/plain' && looksLikeHtml(input.content)) ? 'html' : 'text';
  return { kind, content: input.content, name: 'request', url: null };
}

/** Reference articles from a POST /api/articles body; ids default to a hash of the text. */
export function articlesFromBody(bytes: Uint8Array, contentType: string | undefined, idFor: (text: string) => string): ReferenceArticle[] {
  const subject = 'request body';
  if (!isJsonType(contentType)) throw new UnspunError('INPUT_UNSUPPORTED', subject, 'send application/json');
  const parsed = parseArticles(parseJson(decodeBody(bytes, subject, contentType), subject));
  if (!parsed.success) throw new UnspunError('INPUT_MALFORMED', subject, describeZodError(parsed.error));
  parsed.data.forEach((a, i) => {
    const where = parsed.data.length > 1 ? `${subject} article ${i}` : subject;
    assertTextNotBinary(a.text, where);
    checkTextLimits(a.text, where);
  });
  return parsed.data.map((a) => ({
    id: a.id ?? idFor(a.text),
    outlet: a.outlet ?? null,
    title: a.title ?? null,
    byline: a.byline ?? null,
    published: a.published ?? null,
    url: a.url ?? null,
    text: a.text,
  }));
}
