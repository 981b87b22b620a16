/**
 * Real data: the Karabakh content-farm copy in ../shared/specimens. Skips when the shared
 * folder is absent, except under CI where missing data is a failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractArticle } from '../src/core/extract/index.ts';
import { splitSentences } from '../src/core/text/sentences.ts';

const file = fileURLToPath(new URL('../../shared/specimens/karabakh-spun-copy.txt', import.meta.url));
const present = existsSync(file);
if (!present && process.env.CI) throw new Error(`CI: specimen missing at ${file}`);
const skip = present ? false : `specimen not found at ${file} (../shared is absent)`;

test('Karabakh specimen: title, every paragraph kept, comment form cut and reported', { skip }, () => {
  const content = readFileSync(file, 'utf8');
  const a = extractArticle({ kind: 'text', content, name: 'karabakh-spun-copy.txt' });
  const firstLine = content.split('\n')[0].trim();
  assert.equal(a.title, firstLine);
  const paragraphs = a.text.split('\n\n');
  // Every non-furniture block of the file survives as one paragraph.
  const blocks = content.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean).slice(1);
  const furniture = blocks.filter((b) => /please enter your/i.test(b));
  assert.ok(paragraphs.length >= 17, `only ${paragraphs.length} paragraphs`);
  assert.equal(paragraphs.length, blocks.length - furniture.length);
  assert.doesNotMatch(a.text, /please enter your/i);
  const cut = a.removed.filter((r) => r.reason === 'comment-form').map((r) => r.text);
  assert.ok(cut.includes('Please enter your comment!'), JSON.stringify(a.removed));
  assert.ok(cut.includes('Please enter your name here'), JSON.stringify(a.removed));
  // Spinner artefacts are content, not furniture: they must stay for later stages to flag.
  assert.match(a.text, /500-suffered/);
  const sentences = splitSentences(a.text);
  assert.ok(sentences.length > paragraphs.length);
  for (const s of sentences) assert.equal(a.text.slice(s.start, s.end), s.text);
});

// The specimen's paragraphs poured (at run time, nothing is stored) into a WordPress page whose
// comment widget has neutral class names inside the content div: the case every extractor
// leaked in the stack trial.
test('Karabakh specimen inside a page with a neutral-class comment widget', { skip }, () => {
  const content = readFileSync(file, 'utf8');
  const blocks = content.split(/\n\s*\n/).map((b) => b.trim()).filter(Boolean);
  const title = blocks[0];
  const body = blocks.slice(1).filter((b) => !/please enter your/i.test(b));
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const html = `<!doctype html><html><head><title>${esc(title)} - Spin Daily</title></head><body>
    <div class="nav"><a href="/">Home</a> <a href="/world">World</a></div>
    <div class="wrap"><h1>${esc(title)}</h1><div class="c1">
      ${body.map((p) => `<p>${esc(p)}</p>`).join('\n')}
      <div class="x9"><h3>Leave a Reply</h3>
        <div class="r"><span>Please enter your comment!</span><span>Please enter your name here</span></div>
        <div class="q"><label>Comment:</label><textarea></textarea><label>Name:*</label><input></div>
      </div></div></div>
    <div class="side"><h4>Latest</h4><a href="#">Another story</a></div></body></html>`;
  const a = extractArticle({ kind: 'html', content: html, name: 'karabakh.html' });
  assert.equal(a.title, title);
  assert.equal(a.text.split('\n\n').length, body.length);
  assert.doesNotMatch(a.text, /please enter your|leave a reply/i);
  const cut = a.removed.map((r) => r.text);
  assert.ok(cut.some((t) => /Please enter your comment!/.test(t)), JSON.stringify(a.removed));
});
