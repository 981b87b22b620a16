/**
 * @module core/limits.test
 * The limits of core/limits.ts at work in the pure stages: each refusal names the measured
 * value and the limit, degenerate shapes finish quickly, and real-sized text is untouched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnspunError } from './errors.ts';
import { extractArticle } from './extract/index.ts';
import { countHtmlElements } from './extract/html.ts';
import { bytesVersusLimit, checkTextLimits, formatBytes, MAX_SENTENCE_CHARS, resolveLimits } from './limits.ts';
import { splitArticle } from './text/sentences.ts';

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(isUnspunError(err), String(err));
    assert.equal(err.code, 'INPUT_OVER_LIMIT');
    assert.equal(err.exitCode, 65);
    assert.equal(err.httpStatus, 413);
    return err.message;
  }
  assert.fail('expected a refusal');
}

test('byte counts are never rounded onto the limit they are compared with', () => {
  const mb = 1024 * 1024;
  assert.equal(bytesVersusLimit(20 * mb + 1, 20 * mb), '20.000001 MB, limit 20.000000 MB');
  assert.equal(bytesVersusLimit(Math.round(20.4 * mb), 20 * mb), '20.4 MB, limit 20.0 MB');
  assert.equal(formatBytes(512), '512 bytes');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(bytesVersusLimit(1001, 1000), '1,001 bytes, limit 1,000 bytes');
});

test('a run without spaces and too many words are refused, naming value and limit', () => {
  assert.match(refusal(() => checkTextLimits(`Intro words ${'a'.repeat(1500)} end`, 'x.txt')), /^x\.txt: .*1,500 characters without a space \(from character 12\), limit 1,000$/);
  assert.match(refusal(() => checkTextLimits('w '.repeat(11), 'y.txt', { maxArticleWords: 10, maxWordChars: 100 })), /11 words, limit 10/);
  // A long real URL is fine.
  checkTextLimits(`See https://example.org/${'path/'.repeat(40)} for more.`, 'ok.txt');
});

test('degenerate text is refused before any stage runs: 1 MB of dots, a 5 MB word', () => {
  for (const content of ['.'.repeat(1024 * 1024), 'a'.repeat(5 * 1024 * 1024)]) {
    const t0 = performance.now();
    assert.match(refusal(() => extractArticle({ kind: 'text', content, name: 'junk.txt' })), /characters without a space/);
    assert.ok(performance.now() - t0 < 5000);
  }
});

test('elements are counted outside comments and script text; too many are refused before parsing', () => {
  assert.equal(countHtmlElements('<p>a</p><!-- <b><b> --><script>if (a<b) x("<div>")</script><div><br></div>'), 4);
  const page = `<html><body>${'<span>x</span>'.repeat(40)}</body></html>`;
  assert.match(refusal(() => extractArticle({ kind: 'html', content: page, name: 'p.html' }, { maxHtmlElements: 30 })), /^p\.html: .*42 HTML elements, limit 30$/);
});

test('a page nested deeper than the limit is read as flat text, quickly', () => {
  const words = Array.from({ length: 6 }, (_, i) => `The council met on Monday and approved item ${i} of the budget, officials said.`);
  const html = `<html><body>${words.map((w) => `<div>${w}`).join('').repeat(400)}</body></html>`;
  const t0 = performance.now();
  const a = extractArticle({ kind: 'html', content: html, name: 'deep.html' });
  assert.ok(performance.now() - t0 < 10_000, 'bounded');
  assert.equal(a.text.split('\n\n').length, 2400);
  assert.ok(a.text.startsWith(words[0]));
});

test('a 20,000-sentence paragraph splits in linear time with exact offsets', () => {
  const text = 'The council approved the budget on Monday. '.repeat(20_000).trim();
  const t0 = performance.now();
  const { sentences } = splitArticle(text);
  assert.ok(performance.now() - t0 < 10_000, 'bounded');
  assert.equal(sentences.length, 20_000);
  for (const s of sentences) assert.equal(text.slice(s.start, s.end), s.text);
});

test('sentences longer than the character limit are cut at a space, never lost', () => {
  const word = 'x'.repeat(150);
  const text = `${Array.from({ length: 40 }, () => word).join(' ')}.`;
  const { sentences } = splitArticle(text);
  assert.ok(sentences.length >= 3);
  for (const s of sentences) {
    assert.ok(s.text.length <= MAX_SENTENCE_CHARS);
    assert.equal(text.slice(s.start, s.end), s.text);
  }
  assert.equal(sentences.map((s) => s.text).join(' '), text);
});

test('overrides replace only what they name', () => {
  const l = resolveLimits({ maxSentences: 5, maxWordChars: undefined });
  assert.equal(l.maxSentences, 5);
  assert.equal(l.maxWordChars, 1000);
});
