/**
 * @module test/trace-evasion
 * A copy disguised with look-alike letters and hidden characters is traced to the same source
 * with the same findings, the disguise is reported with its characters, and every quote in the
 * report is the disguised text itself. Real inputs: the demo corpus and its slanted rewrite,
 * mutated here the way an evader would (Cyrillic а/о/е/р/с for Latin, zero-width spaces).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCorpusFiles, EXAMPLES_DIR, openDemoIndex } from '../src/adapters/cli/demo-index.ts';
import { traceArticle } from '../src/core/pipeline.ts';
import type { Store } from '../src/core/store.ts';

const dir = mkdtempSync(join(tmpdir(), 'unspun-evasion-'));
let demo: Store;
before(async () => {
  demo = (await openDemoIndex(join(dir, 'demo.db'), demoCorpusFiles())).store;
});
after(async () => {
  await demo.close();
  rmSync(dir, { recursive: true, force: true });
});

const LOOKALIKE: Record<string, string> = { a: '\u0430', o: '\u043e', e: '\u0435', p: '\u0440', c: '\u0441' };

/** Every third a/o/e/p/c in the body becomes Cyrillic; "Dreswick" gets a zero-width space. */
function disguise(text: string): string {
  let n = 0;
  const [title, ...rest] = text.split('\n\n');
  const body = rest.join('\n\n').replace(/[aoepc]/g, (ch) => (++n % 3 === 0 ? LOOKALIKE[ch] : ch)).replace(/Dreswick/g, 'Dres\u200Bwick');
  return `${title}\n\n${body}`;
}

test('a homoglyph-disguised copy is traced to the same source, with the same changes and the evasion reported', async () => {
  const plain = readFileSync(join(EXAMPLES_DIR, 'suspects', 'slanted-rewrite.txt'), 'utf8');
  const disguised = disguise(plain);
  assert.notEqual(disguised, plain);
  const before = await traceArticle({ kind: 'text', content: plain, name: 'plain.txt' }, demo);
  const after = await traceArticle({ kind: 'text', content: disguised, name: 'disguised.txt' }, demo);
  assert.equal(after.verdict.found, true);
  assert.equal(after.sources[0].id, before.sources[0].id);
  const kinds = (r: typeof before) => r.changes.filter((c) => c.kind !== 'evasion').map((c) => `${c.kind}/${c.severity}`).sort();
  assert.deepEqual(kinds(after), kinds(before));
  assert.equal(before.changes.filter((c) => c.kind === 'evasion').length, 0);

  const evasion = after.changes.filter((c) => c.kind === 'evasion');
  assert.ok(evasion.length > 0);
  assert.equal(evasion.filter((c) => c.severity === 'medium').length, 1, 'one serious evasion finding per article');
  const chars = evasion.flatMap((c) => c.evidence.characters ?? []);
  assert.ok(chars.some((c) => c.codePoint === 'U+0430' && c.readsAs === 'a' && c.char === '\u0430'));
  assert.ok(chars.some((c) => c.codePoint === 'U+200B' && c.readsAs === ''));
  // Offsets point at the character in the report's own text.
  for (const c of chars) assert.equal(after.suspect.text.slice(c.offset, c.offset + c.char.length), c.char);
  // The report quotes the disguised text, never the undone one.
  assert.ok(after.suspect.text.includes('\u0430'));
  for (const s of after.suspect.sentences) assert.equal(after.suspect.text.slice(s.start, s.end), s.text);
  for (const c of after.changes) {
    // A headline change (part 'title') quotes the page's headline as given, not the body.
    const quoted = c.part === 'title' ? (after.suspect.title ?? '') : after.suspect.text;
    if (c.suspectText !== null) assert.ok(quoted.includes(c.suspectText), `not quoted from the ${c.part ?? 'text'}: ${c.suspectText}`);
    for (const w of c.evidence.suspect) assert.ok(quoted.includes(w), `evidence not in the ${c.part ?? 'text'}: ${w}`);
  }
  assert.ok(evasion[0].evidence.suspect.some((w) => /[\u0430\u043e\u0435\u0440\u0441\u200B]/.test(w)));
});

test('an honest text with a Cyrillic name or a soft hyphen reports no evasion', async () => {
  const text = 'Talks in Estrava\n\nThe envoy met Олег Петров in Dreswick on Monday. The ceasefire held through\u00ADout the week, officials said.';
  const report = await traceArticle({ kind: 'text', content: text, name: 'honest.txt' }, null);
  assert.equal(report.changes.filter((c) => c.kind === 'evasion').length, 0);
  assert.ok(report.suspect.text.includes('Олег Петров'));
  assert.ok(report.suspect.text.includes('through\u00ADout'));
});
