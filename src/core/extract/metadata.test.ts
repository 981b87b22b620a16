import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { cleanByline, normalizeDate, readMetadata, stripSiteSuffix } from './metadata.ts';

test('normalizeDate: ISO with a zone becomes UTC; without a zone keeps the wall clock', () => {
  assert.equal(normalizeDate('2024-03-12T08:41:09+02:00'), '2024-03-12T06:41:09.000Z');
  assert.equal(normalizeDate('2024-03-12T08:41:09+0200'), '2024-03-12T06:41:09.000Z');
  assert.equal(normalizeDate('2024-03-12T08:41:09Z'), '2024-03-12T08:41:09.000Z');
  assert.equal(normalizeDate('2024-03-12 08:41'), '2024-03-12T08:41:00');
  assert.equal(normalizeDate('2024-03-12'), '2024-03-12');
  assert.equal(normalizeDate('2024/3/7'), '2024-03-07');
  assert.equal(normalizeDate('Thu, 05 Oct 2023 10:00:00 GMT'), '2023-10-05T10:00:00.000Z');
  assert.equal(normalizeDate('October 5, 2023'), '2023-10-05');
  assert.equal(normalizeDate('Sept. 9 2021 at 4:15 pm'), '2021-09-09');
  assert.equal(normalizeDate('5th March 2020'), '2020-03-05');
  assert.equal(normalizeDate('Monday 12 2020'), null);
  assert.equal(normalizeDate('yesterday'), null);
  assert.equal(normalizeDate('2024-13-40'), null);
});

test('stripSiteSuffix drops a short site name, keeps headline dashes', () => {
  assert.equal(stripSiteSuffix('Bridge closed after ship strike | Daily Hub', null), 'Bridge closed after ship strike');
  assert.equal(stripSiteSuffix('Rescue teams reach hikers :: Valley Courier', null), 'Rescue teams reach hikers');
  assert.equal(stripSiteSuffix('BBC News - Storm hits the coast hard', 'BBC News'), 'Storm hits the coast hard');
  assert.equal(stripSiteSuffix('Trade talks - what happens next', null), 'Trade talks - what happens next');
});

test('cleanByline removes "By" and roles, rejects URLs', () => {
  assert.equal(cleanByline('By Jane Doe'), 'Jane Doe');
  assert.equal(cleanByline('Jane Doe, Staff Reporter'), 'Jane Doe');
  assert.equal(cleanByline('https://www.facebook.com/janedoe'), null);
  assert.equal(cleanByline('Jane Doe and John Roe'), 'Jane Doe and John Roe');
});

test('readMetadata prefers og/article tags, then JSON-LD, then markup', () => {
  const { document } = parseHTML(`<html><head><title>Headline here for you | Site</title>
    <script type="application/ld+json">[{"@type":"NewsArticle","headline":"LD headline","datePublished":"2021-01-02T03:04:05Z",
      "author":[{"@type":"Person","name":"Ana Pérez"},{"@type":"Person","name":"Ben Okafor"}],"url":"https://ld.example/a"}]</script>
    <script type="application/ld+json">{ not json }</script>
    </head><body><h1>Body heading</h1><time datetime="2020-01-01">old</time></body></html>`);
  const m = readMetadata(document, 'https://input.example/x');
  assert.equal(m.title, 'LD headline');
  assert.equal(m.byline, 'Ana Pérez, Ben Okafor');
  assert.equal(m.published, '2021-01-02T03:04:05.000Z');
  assert.equal(m.url, 'https://ld.example/a');
});

test('readMetadata resolves a relative canonical against the input URL', () => {
  const { document } = parseHTML('<html><head><link rel="canonical" href="/news/a"></head><body><h1>T</h1></body></html>');
  assert.equal(readMetadata(document, 'https://paper.example/x?y=1').url, 'https://paper.example/news/a');
  assert.equal(readMetadata(document, null).url, null);
});

test('readMetadata matches tags as HTML selectors do: first of each, type and rel in any case, meta names exactly', () => {
  const { document } = parseHTML(`<html><head><title>Council votes on the bridge budget</title>
    <meta name="Author" content="Wrong Case"><meta name="author" content=""><meta property="author" content="Rhys Gwent">
    <meta property="og:title" content="First title"><meta property="og:title" content="Second title">
    <script type="Application/LD+JSON">{"@type":"NewsArticle","datePublished":"2024-03-05"}</script>
    <link rel="Canonical" href="https://paper.example/bridge">
    </head><body><time>no datetime</time><time datetime="2024-03-06">later</time></body></html>`);
  const m = readMetadata(document, null);
  assert.equal(m.title, 'First title');
  // The empty name="author" does not end the search; property="author" is the next form tried.
  assert.equal(m.byline, 'Rhys Gwent');
  assert.equal(m.published, '2024-03-05');
  assert.equal(m.url, 'https://paper.example/bridge');
});
