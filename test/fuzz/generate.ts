/**
 * @module test/fuzz/generate
 * Seeded generators of hostile inputs for the fuzz suite (test/fuzz.test.ts): real demo
 * articles broken in the ways real inputs break (tag soup, wrong and mixed encodings,
 * truncated gzip and WARC, huge and degenerate texts, malformed JSON), each a byte string
 * with a file name and, for HTTP, a Content-Type. The same seed always makes the same inputs,
 * so a failure is reproduced by its seed and index.
 */
import { gzipSync } from 'node:zlib';
import { seededRandom } from '../../bench/lib/seeded-random.ts';

export interface FuzzInput {
  /** What it is, for failure messages: "html/deep-nesting". */
  kind: string;
  /** A file name whose extension says the format. */
  name: string;
  bytes: Buffer;
  /** For HTTP: the Content-Type to send. */
  contentType: string;
}

export interface Source {
  title: string;
  text: string;
}

class Gen {
  constructor(
    readonly rnd: () => number,
    readonly sources: Source[],
  ) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rnd() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }
  chance(p: number): boolean {
    return this.rnd() < p;
  }
  article(): Source {
    return this.pick(this.sources);
  }
  paragraphs(): string[] {
    return this.article().text.split(/\n\n+/);
  }
  /** Sentences of a real article, shuffled, repeated, cut or run together. */
  mutatedText(): string {
    const a = this.article();
    let paras = a.text.split(/\n\n+/);
    switch (this.int(0, 6)) {
      case 0:
        paras = paras.sort(() => this.rnd() - 0.5);
        break;
      case 1:
        paras = Array.from({ length: this.int(2, 25) }, () => this.pick(paras));
        break;
      case 2:
        paras = [paras.join(' ').replace(/[.,;:!?]/g, '')];
        break;
      case 3:
        paras = paras.map((p) => p.slice(0, this.int(0, p.length)));
        break;
      case 4:
        paras = paras.map((p) => p.replace(/ /g, () => this.pick([' ', '  ', '\u00a0', '\u200b ', '\t', ' \u202e'])));
        break;
      case 5:
        paras = paras.map((p) => p.toUpperCase());
        break;
      default:
        break;
    }
    return `${this.chance(0.7) ? `${a.title}\n\n` : ''}${paras.join(this.pick(['\n\n', '\n', '\r\n\r\n', ' ']))}`;
  }
}

const TAGS = ['div', 'p', 'span', 'b', 'i', 'a', 'section', 'article', 'table', 'tr', 'td', 'ul', 'li', 'font', 'center', 'form', 'svg', 'math', 'template', 'noscript', 'select', 'option', 'iframe'];

function htmlInput(g: Gen): FuzzInput {
  const paras = g.paragraphs();
  const title = g.article().title;
  let body: string;
  let kind: string;
  switch (g.int(0, 9)) {
    case 0: {
      kind = 'html/deep-nesting';
      const depth = g.int(50, 3000);
      const tag = g.pick(TAGS);
      body = `<${tag}>`.repeat(depth) + paras.join(' ') + (g.chance(0.5) ? `</${tag}>`.repeat(depth) : '');
      break;
    }
    case 1:
      kind = 'html/unclosed-soup';
      body = paras.map((p) => `<${g.pick(TAGS)} class="${g.pick(['comment', 'share', 'related', 'content', 'ad x'])}">${p}`).join('');
      break;
    case 2:
      kind = 'html/garbage-attributes';
      body = paras.map((p) => `<p ${'x'.repeat(g.int(1, 50))}="${'"'.repeat(g.int(0, 3))}' onload=alert(1) style="${'a:b;'.repeat(g.int(0, 100))}>${p}</p>`).join('');
      break;
    case 3:
      kind = 'html/unterminated-comment-or-script';
      body = `<p>${paras[0]}</p>${g.pick(['<!--', '<script>', '<style>', '<![CDATA[', '<textarea>', '<title>'])}${paras.slice(1).map((p) => `<p>${p}</p>`).join('')}`;
      break;
    case 4:
      kind = 'html/entities';
      body = paras.map((p) => `<p>${p.replace(/e/g, () => g.pick(['&eacute;', '&#x110000;', '&#0;', '&amp', '&#xD800;', '&nbsp;', '&', '&#99999999999;']))}</p>`).join('');
      break;
    case 5:
      kind = 'html/many-elements';
      // Mostly pages a real site could serve; one in ten over the element limit (refused
      // after a count, before parsing), so the suite stays within its time.
      body = Array.from({ length: g.chance(0.1) ? g.int(30_001, 40_000) : g.int(200, 5000) }, (_, i) => `<span>${i % 7 === 0 ? paras[i % paras.length].slice(0, 40) : 'x'}</span>`).join('');
      break;
    case 6:
      kind = 'html/tables-and-lists';
      body = `<table>${paras.map((p) => `<tr><td>${p}<td>${p.slice(0, 20)}`).join('')}</table><ul>${paras.map((p) => `<li>${p}`).join('')}`;
      break;
    case 7:
      kind = 'html/metadata-junk';
      body = `<script type="application/ld+json">${g.pick(['{', '{"@type":"NewsArticle","headline":' + JSON.stringify(title) + ',"datePublished":"not a date"}', '[[[[[', 'null'])}</script><meta property="og:title" content="${'<'.repeat(g.int(0, 500))}">${paras.map((p) => `<p>${p}</p>`).join('')}`;
      break;
    case 8:
      kind = 'html/no-text';
      body = g.pick(['<img src=x>', '<script>var a = 1;</script>', '<div></div>'.repeat(g.int(1, 500)), '<p>   </p>', '']);
      break;
    default:
      kind = 'html/plain-page';
      body = `<article><h1>${title}</h1>${paras.map((p) => `<p>${p}</p>`).join('')}</article>`;
  }
  const wrap = g.chance(0.6) ? `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>` : body;
  return { kind, name: 'page.html', bytes: Buffer.from(wrap), contentType: 'text/html' };
}

function utf16be(s: string): Buffer {
  return Buffer.from(s, 'utf16le').swap16();
}
function utf32(s: string, le: boolean): Buffer {
  const cps = [...s].map((c) => c.codePointAt(0)!);
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (le ? b.writeUInt32LE(cp, i * 4) : b.writeUInt32BE(cp, i * 4)));
  return b;
}

function encodingInput(g: Gen): FuzzInput {
  const text = g.mutatedText().replace(/e/g, () => (g.chance(0.05) ? 'é' : 'e'));
  const variants: [string, () => Buffer, string][] = [
    ['utf16le-bom', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), 'text/plain'],
    ['utf16le', () => Buffer.from(text, 'utf16le'), 'text/plain'],
    ['utf16be-bom', () => Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]), 'text/plain'],
    ['utf16be', () => utf16be(text), 'text/plain; charset=utf-16be'],
    ['utf32le-bom', () => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32(text, true)]), 'text/plain'],
    ['utf32be', () => utf32(text, false), 'text/plain'],
    ['latin1-undeclared', () => Buffer.from(text, 'latin1'), 'text/plain'],
    ['latin1-declared', () => Buffer.from(text, 'latin1'), 'text/plain; charset=iso-8859-1'],
    ['utf8-bom', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'text/plain'],
    ['invalid-bytes', () => {
      const b = Buffer.from(text);
      for (let k = g.int(1, 20); k > 0; k--) b[g.int(0, b.length - 1)] = g.pick([0x80, 0xc0, 0xff, 0xfe, 0xed, 0xf5]);
      return b;
    }, 'text/plain'],
    ['cut-multibyte', () => Buffer.from(`${text} café`).subarray(0, Buffer.byteLength(`${text} café`) - 1), 'text/plain'],
    ['wrong-bom', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text)]), 'text/plain'],
    ['unknown-charset', () => Buffer.from(text, 'latin1'), 'text/plain; charset=x-no-such-charset'],
  ];
  const [kind, make, contentType] = g.pick(variants);
  return { kind: `encoding/${kind}`, name: 'article.txt', bytes: make(), contentType };
}

function degenerateInput(g: Gen): FuzzInput {
  const variants: [string, () => string][] = [
    ['long-word', () => `Title\n\nA ${'a'.repeat(g.int(200, 20_000))} b.`],
    ['dots', () => '.'.repeat(g.int(10, 200_000))],
    ['spaced-dots', () => '. '.repeat(g.int(10, 30_000))],
    ['whitespace', () => ' \n\t\r'.repeat(g.int(1, 5000))],
    ['many-sentences', () => `Title\n\n${'Rain fell. '.repeat(g.int(100, 6000))}`],
    ['repeated-article', () => g.mutatedText().repeat(g.chance(0.1) ? g.int(10, 40) : g.int(2, 6))],
    ['emoji-flood', () => `Title\n\n${'🙂🇺🇸👍🏽 '.repeat(g.int(10, 5000))}`],
    ['zero-width', () => g.mutatedText().replace(/ /g, '\u200b\u200c\u200d\u2060')],
    ['control-chars', () => g.mutatedText().replace(/a/g, () => String.fromCharCode(g.int(1, 31)))],
    ['nul', () => `${g.mutatedText().slice(0, 200)}\u0000\u0000${g.mutatedText()}`],
    ['numbers', () => `Title\n\n${Array.from({ length: g.int(10, 3000) }, () => `${g.int(0, 1e9)}.${g.int(0, 99)}%`).join(' ')}`],
    ['one-line-no-punctuation', () => Array.from({ length: g.chance(0.1) ? g.int(5000, 20_000) : g.int(100, 3000) }, () => g.pick(['the', 'council', 'vote', 'river', 'said'])).join(' ')],
    ['markup-as-text', () => `Title\n\n${'<div><p>'.repeat(g.int(10, 3000))} words here.`],
  ];
  const [kind, make] = g.pick(variants);
  if (g.chance(0.1)) return { kind: 'degenerate/random-bytes', name: 'random.txt', bytes: Buffer.from(Array.from({ length: g.int(1, 5000) }, () => g.int(0, 255))), contentType: 'text/plain' };
  return { kind: `degenerate/${kind}`, name: 'article.txt', bytes: Buffer.from(make()), contentType: 'text/plain' };
}

/** Inputs for `unspun trace` and POST /api/trace: a mix of the three families, plus real articles. */
export function suspectInput(g: Gen): FuzzInput {
  const r = g.rnd();
  if (r < 0.35) return htmlInput(g);
  if (r < 0.6) return encodingInput(g);
  if (r < 0.9) return degenerateInput(g);
  return { kind: 'text/real-mutated', name: 'article.txt', bytes: Buffer.from(g.mutatedText()), contentType: 'text/plain' };
}

async function warcRecordBytes(url: string, html: string): Promise<Buffer> {
  const body = Buffer.from(html);
  const http = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`);
  const block = Buffer.concat([http, body]);
  const head = Buffer.from(`WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: ${url}\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:${url.length}-${body.length}>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: ${block.length}\r\n\r\n`);
  return Buffer.concat([head, block, Buffer.from('\r\n\r\n')]);
}

/** Inputs for `unspun index`: JSONL, JSON, gzip, WARC, feeds, and documents, broken in their own ways. */
export async function ingestInput(g: Gen): Promise<FuzzInput> {
  const art = () => {
    const a = g.article();
    return { id: `fz-${g.int(0, 50)}`, title: a.title, text: g.chance(0.9) ? g.mutatedText() : '' };
  };
  const r = g.int(0, 9);
  if (r <= 1) {
    const lines = Array.from({ length: g.int(1, 30) }, () => {
      switch (g.int(0, 6)) {
        case 0:
          return '{"id": "broken", "text": "unterminated';
        case 1:
          return '[1, 2, 3]';
        case 2:
          return JSON.stringify({ id: 'x', title: 'no text' });
        case 3:
          return '';
        default:
          return JSON.stringify(art());
      }
    });
    const body = Buffer.from(lines.join(g.pick(['\n', '\r\n'])) + (g.chance(0.5) ? '\n' : ''));
    return { kind: 'ingest/jsonl', name: 'corpus.jsonl', bytes: g.chance(0.15) ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body, contentType: 'application/x-ndjson' };
  }
  if (r === 2) {
    const arr = Array.from({ length: g.int(0, 20) }, () => (g.chance(0.85) ? art() : g.pick([null, 3, 'text', [], { text: 5 }])));
    let s = JSON.stringify(g.chance(0.3) ? { articles: arr } : arr, null, g.chance(0.5) ? 2 : undefined);
    if (g.chance(0.25)) s = s.slice(0, g.int(0, s.length));
    return { kind: 'ingest/json', name: 'corpus.json', bytes: Buffer.from(s), contentType: 'application/json' };
  }
  if (r === 3) {
    const whole = gzipSync(Buffer.from(Array.from({ length: g.int(1, 20) }, () => JSON.stringify(art())).join('\n')));
    const bytes = g.chance(0.5) ? whole.subarray(0, g.int(0, whole.length - 1)) : g.chance(0.5) ? Buffer.concat([whole, Buffer.from('trailing junk')]) : whole;
    return { kind: 'ingest/jsonl.gz', name: 'corpus.jsonl.gz', bytes, contentType: 'application/gzip' };
  }
  if (r <= 5) {
    const records = await Promise.all(Array.from({ length: g.int(1, 8) }, (_, i) => warcRecordBytes(`https://fuzz.test/${i}`, `<html><body><article>${g.paragraphs().map((p) => `<p>${p}</p>`).join('')}</article></body></html>`)));
    let bytes = Buffer.concat(records);
    const damage = g.int(0, 5);
    if (damage === 1) bytes = bytes.subarray(0, g.int(1, bytes.length - 1));
    if (damage === 2) {
      const s = bytes.toString('latin1');
      const m = /Content-Length: (\d+)\r\n\r\nHTTP/.exec(s)!;
      bytes = Buffer.from(s.replace(m[0], `Content-Length: ${Number(m[1]) + g.int(-200, 5000)}\r\n\r\nHTTP`), 'latin1');
    }
    if (damage === 3) bytes = Buffer.concat([bytes.subarray(0, records[0].length), Buffer.from('garbage between records\r\n'), bytes.subarray(records[0].length)]);
    if (damage === 4) return { kind: 'ingest/warc.gz', name: 'crawl.warc.gz', bytes: (() => { const z = gzipSync(bytes); return z.subarray(0, g.int(10, z.length)); })(), contentType: 'application/gzip' };
    return { kind: `ingest/warc-damage-${damage}`, name: 'crawl.warc', bytes, contentType: 'application/warc' };
  }
  if (r === 6) {
    const items = g.paragraphs().map((p, i) => `<item><title>Item ${i}</title><link>https://fuzz.test/${i}</link><description><![CDATA[<p>${p}</p>]]></description></item>`).join('');
    let s = `<?xml version="1.0"?><rss version="2.0"><channel><title>Fuzz</title>${items}</channel></rss>`;
    if (g.chance(0.4)) s = s.slice(0, g.int(0, s.length));
    return { kind: 'ingest/feed', name: 'feed.rss', bytes: Buffer.from(s), contentType: 'application/rss+xml' };
  }
  const doc = suspectInput(g);
  return { ...doc, kind: `ingest/${doc.kind}` };
}

export function generator(seed: number, sources: Source[]): Gen {
  return new Gen(seededRandom(seed), sources);
}
export type { Gen };
