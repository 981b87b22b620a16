import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractArticle } from './index.ts';
import { UnspunError } from '../errors.ts';

const para = (n: number): string =>
  `Paragraph ${n} explains, in plain words and with enough detail to count as article text, what the council decided on Monday.`;

test('HTML: paragraphs split on blocks, whitespace collapsed, entities decoded', () => {
  const html = `<html><head><title>Council votes &amp; decides</title></head><body><article>
    <h1>Council votes &amp; decides</h1>
    <p>First   line of the\n   story &mdash; with &ldquo;quotes&rdquo; &amp; more.</p>
    ${[1, 2, 3, 4].map((n) => `<p>${para(n)}</p>`).join('\n')}
  </article></body></html>`;
  const a = extractArticle({ kind: 'html', content: html, name: 'page.html' });
  assert.equal(a.title, 'Council votes & decides');
  const paragraphs = a.text.split('\n\n');
  assert.equal(paragraphs[0], 'First line of the story — with “quotes” & more.');
  assert.equal(paragraphs.length, 5);
});

test('HTML without enough text for Readability falls back to the paragraphs', () => {
  const a = extractArticle({ kind: 'html', content: '<p>Short wire item: the vote passed 7 to 2 on Monday night.</p>', name: 'short.html' });
  assert.equal(a.text, 'Short wire item: the vote passed 7 to 2 on Monday night.');
});

test('no text at all is NO_ARTICLE; furniture only is an empty body', () => {
  assert.throws(
    () => extractArticle({ kind: 'html', content: '<html><body><script>var a=1</script></body></html>', name: 'empty.html' }),
    (e: unknown) => e instanceof UnspunError && e.code === 'NO_ARTICLE' && e.message.includes('empty.html'),
  );
  assert.throws(() => extractArticle({ kind: 'text', content: ' \n\n ', name: '-' }), /NO_ARTICLE|no readable/);
  const a = extractArticle({ kind: 'text', content: 'Please enter your comment!\nPlease enter your name here', name: 'form.txt' });
  assert.equal(a.text, '');
  assert.equal(a.removed.length, 2);
});

test('text: title line, CRLF endings, hard-wrapped paragraphs re-joined, per-line paragraphs kept', () => {
  const wrapped =
    'Storm closes ports\r\n\r\nThe storm closed three ports on the east coast on Tuesday, and\r\n' +
    'officials said they would stay shut until the wind dropped below gale\r\nforce.\r\n\r\n' +
    'Ferries were cancelled.\r\nTrains ran late.';
  const a = extractArticle({ kind: 'text', content: wrapped, name: 'w.txt' });
  assert.equal(a.title, 'Storm closes ports');
  assert.deepEqual(a.text.split('\n\n'), [
    'The storm closed three ports on the east coast on Tuesday, and officials said they would stay shut until the wind dropped below gale force.',
    'Ferries were cancelled.',
    'Trains ran late.',
  ]);
});

test('text: a long first paragraph is not a title; a refusal title is reported', () => {
  const long = `${para(1)} ${para(2)}\n\n${para(3)}`;
  assert.equal(extractArticle({ kind: 'text', content: long, name: 'l.txt' }).title, null);
  const refusal = "I'm sorry, but I can't assist with rewriting that article.\n\nThe vote passed on Monday.";
  const a = extractArticle({ kind: 'text', content: refusal, name: 'r.txt' });
  assert.equal(a.title, null);
  assert.equal(a.text, 'The vote passed on Monday.');
  assert.equal(a.removed[0].reason, 'llm-refusal');
});
