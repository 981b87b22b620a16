import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, splitArticle, MAX_SENTENCE_WORDS } from './sentences.ts';

function texts(body: string): string[] {
  return splitSentences(body).map((s) => s.text);
}

function assertOffsets(body: string): void {
  const sentences = splitSentences(body);
  sentences.forEach((s, i) => {
    assert.equal(s.index, i);
    assert.equal(body.slice(s.start, s.end), s.text);
    assert.equal(s.text, s.text.trim());
  });
}

test('keeps news abbreviations inside sentences', () => {
  const body =
    'The U.S. Sen. John Smith met Gov. Ann Lee at No. 10 Downing St. on Jan. 5. ' +
    'Mr. Brown said prices rose 3.5% to $1.2 billion. Dr. Patel arrived at 5 p.m. Monday. ' +
    'The company, Acme Inc., declined to comment.';
  assert.deepEqual(texts(body), [
    'The U.S. Sen. John Smith met Gov. Ann Lee at No. 10 Downing St. on Jan. 5.',
    'Mr. Brown said prices rose 3.5% to $1.2 billion.',
    'Dr. Patel arrived at 5 p.m. Monday.',
    'The company, Acme Inc., declined to comment.',
  ]);
  assertOffsets(body);
});

test('"the U.S." before a name continues the sentence; before a pronoun it ends one', () => {
  const body = 'For the first time, the U.S. Food and Drug Administration has approved an app. He moved to the U.S. He liked it.';
  assert.deepEqual(texts(body), [
    'For the first time, the U.S. Food and Drug Administration has approved an app.',
    'He moved to the U.S.',
    'He liked it.',
  ]);
  assertOffsets(body);
});

test('keeps initials with the surname', () => {
  assert.deepEqual(texts('J. K. Rowling wrote a new book. It sold well.'), [
    'J. K. Rowling wrote a new book.',
    'It sold well.',
  ]);
  assert.deepEqual(texts('Lt. Gen. Mark Jones spoke. Col. Ann Park left.'), ['Lt. Gen. Mark Jones spoke.', 'Col. Ann Park left.']);
});

test('ends a sentence inside closing quotes and keeps ellipses', () => {
  const body =
    'Officials said the plan was "unacceptable." The next day they left. ' +
    '"Is this right?" she asked. He paused... then carried on. “We will rebuild,” he said. “It will take years.”';
  assert.deepEqual(texts(body), [
    'Officials said the plan was "unacceptable."',
    'The next day they left.',
    '"Is this right?" she asked.',
    'He paused... then carried on.',
    '“We will rebuild,” he said.',
    '“It will take years.”',
  ]);
  assertOffsets(body);
});

test('numbers paragraphs and keeps exact offsets across odd whitespace', () => {
  const body = 'First paragraph here.  It has two sentences.\n\n\n  Second one.\r\n\r\nThird,\nwrapped over a line.';
  const s = splitSentences(body);
  assert.deepEqual(
    s.map((x) => [x.paragraph, x.text]),
    [
      [0, 'First paragraph here.'],
      [0, 'It has two sentences.'],
      [1, 'Second one.'],
      [2, 'Third,\nwrapped over a line.'],
    ],
  );
  assertOffsets(body);
});

test('cuts a run-on without punctuation into bounded pieces', () => {
  const words = Array.from({ length: 1000 }, (_, i) => `word${i}`);
  words[150] += ';';
  const body = words.join(' ');
  const s = splitSentences(body);
  assert.ok(s.length >= 1000 / MAX_SENTENCE_WORDS, `only ${s.length} pieces`);
  for (const x of s) assert.ok(x.text.split(/\s+/).length <= MAX_SENTENCE_WORDS, x.text.slice(0, 40));
  // The semicolon is preferred as a cut point when it is in range.
  assert.ok(s.some((x) => x.text.endsWith('word150;')));
  // Nothing is lost: the pieces cover every word in order.
  assert.equal(s.map((x) => x.text).join(' '), body);
  assertOffsets(body);
});

test('empty and blank text give no sentences; splitArticle keeps the text', () => {
  assert.deepEqual(splitSentences(''), []);
  assert.deepEqual(splitSentences(' \n\n \n'), []);
  const a = splitArticle('Prices rose sharply. Markets fell.');
  assert.equal(a.text, 'Prices rose sharply. Markets fell.');
  assert.equal(a.sentences.length, 2);
});

test('does not join a real sentence boundary after a short word', () => {
  assert.deepEqual(texts('He moved to the U.S. Officials welcomed him. They met in St. Louis.'), [
    'He moved to the U.S.',
    'Officials welcomed him.',
    'They met in St. Louis.',
  ]);
});

test('a sentence glued to the next one ("industry.You") is split without shifting later boundaries', () => {
  assert.deepEqual(texts('It shows the changing music industry.You can listen to the podcast. Next week we return.'), [
    'It shows the changing music industry.',
    'You can listen to the podcast.',
    'Next week we return.',
  ]);
  // Domains and decimals are not sentence ends.
  assert.deepEqual(texts('He works at Amazon.com in Seattle. Prices rose 3.5 percent.'), [
    'He works at Amazon.com in Seattle.',
    'Prices rose 3.5 percent.',
  ]);
});

test('glued ends after brackets and before "A"/"I"; no break after a comma', () => {
  assert.deepEqual(texts('It came out last summer (the first film).DaCosta was hired. It was hard.'), [
    'It came out last summer (the first film).',
    'DaCosta was hired.',
    'It was hard.',
  ]);
  assert.deepEqual(texts('The history lay beneath the charcoal.A similar case followed. Then nothing.'), [
    'The history lay beneath the charcoal.',
    'A similar case followed.',
    'Then nothing.',
  ]);
  assert.deepEqual(texts('Sen. Lindsey Graham, R-S.C., and Sen. John Thune, R-S.D., say they want answers. Others agree.'), [
    'Sen. Lindsey Graham, R-S.C., and Sen. John Thune, R-S.D., say they want answers.',
    'Others agree.',
  ]);
});

test('an attribution after a closing quote stays with the quote; links may start lower-case', () => {
  assert.deepEqual(texts('“We were fishing buddies.” he says. Then he left.'), ['“We were fishing buddies.” he says.', 'Then he left.']);
  assert.deepEqual(texts('My statement on the passing of a friend. pic.twitter.com/abc123 — A Senator'), [
    'My statement on the passing of a friend.',
    'pic.twitter.com/abc123 — A Senator',
  ]);
  assert.deepEqual(texts('Sales rose. iPhone shipments grew 5%.'), ['Sales rose.', 'iPhone shipments grew 5%.']);
});

test('paragraphs separated by a single newline are split, and numbered as paragraphs', () => {
  const body =
    'Flood defences on the River Aln held overnight, the county council said on Sunday.\n' +
    'About 120 homes in the lower town were evacuated as a precaution.\n' +
    '“We were lucky this time,” said the council leader, Morag Tait.';
  const s = splitSentences(body);
  assert.deepEqual(
    s.map((x) => [x.paragraph, x.text]),
    [
      [0, 'Flood defences on the River Aln held overnight, the county council said on Sunday.'],
      [1, 'About 120 homes in the lower town were evacuated as a precaution.'],
      [2, '“We were lucky this time,” said the council leader, Morag Tait.'],
    ],
  );
  assertOffsets(body);
});

test('a heading or dateline line without punctuation is not glued to the sentence below it', () => {
  assert.deepEqual(texts('Kestrel Bay\nThe harbour master closed the port on Friday as gales hit the coast.'), [
    'Kestrel Bay',
    'The harbour master closed the port on Friday as gales hit the coast.',
  ]);
  assert.deepEqual(texts('Live updates\nThe vote count resumed at 9 a.m. in the northern districts.'), [
    'Live updates',
    'The vote count resumed at 9 a.m. in the northern districts.',
  ]);
});

test('hard-wrapped lines stay one paragraph; a wrapped line that ends a sentence still ends it', () => {
  const body =
    'The regional transport authority said on Monday that it would cut the\n' +
    'number of night buses on six routes from March. Fares will stay the same.\n' +
    'Passenger groups said the cuts would hit shift workers hardest and asked\n' +
    'the authority to publish the figures behind its decision.';
  const s = splitSentences(body);
  assert.deepEqual(
    s.map((x) => [x.paragraph, x.text.replace(/\n/g, ' ')]),
    [
      [0, 'The regional transport authority said on Monday that it would cut the number of night buses on six routes from March.'],
      [0, 'Fares will stay the same.'],
      [0, 'Passenger groups said the cuts would hit shift workers hardest and asked the authority to publish the figures behind its decision.'],
    ],
  );
  assertOffsets(body);
  // A line ending a sentence at the wrap column is cut there even though sbd reads "\n" as a letter.
  const wrapped =
    'Ticket sales for the festival rose by a fifth compared with last year.\n' +
    'Organisers said they would add a third stage near the river next summer.';
  assert.equal(splitSentences(wrapped).length, 2);
});

test('a line that runs on (ends with a comma, next starts lower-case) is not cut', () => {
  assert.deepEqual(texts('The mayor, who took office in May,\nsaid the budget was balanced.'), ['The mayor, who took office in May,\nsaid the budget was balanced.']);
  assert.deepEqual(texts('Exports to the U.S.\nfell by a tenth in the first quarter.'), ['Exports to the U.S.\nfell by a tenth in the first quarter.']);
});

test('"U.S." and "U.K." inside an institution name do not end the sentence; a sentence ending in "U.S." does', () => {
  assert.deepEqual(texts('Lawmakers in the U.S. Senate voted 52 to 48 on the measure late on Tuesday. The House votes next week.'), [
    'Lawmakers in the U.S. Senate voted 52 to 48 on the measure late on Tuesday.',
    'The House votes next week.',
  ]);
  assert.deepEqual(texts('The lawsuit was filed in U.S. District Court in Fresno on Friday.'), ['The lawsuit was filed in U.S. District Court in Fresno on Friday.']);
  assert.deepEqual(texts('A spokeswoman for the U.S. Embassy in Tallinn declined to comment.'), ['A spokeswoman for the U.S. Embassy in Tallinn declined to comment.']);
  assert.deepEqual(texts('Members of the U.K. Parliament debated the fishing quotas for three hours.'), ['Members of the U.K. Parliament debated the fishing quotas for three hours.']);
  assert.deepEqual(texts('The drug is already sold in the U.S. Regulators in Europe are still reviewing it.'), [
    'The drug is already sold in the U.S.',
    'Regulators in Europe are still reviewing it.',
  ]);
  assert.deepEqual(texts('Most of the grain goes to the U.S. Canada buys the rest.'), ['Most of the grain goes to the U.S.', 'Canada buys the rest.']);
  assert.deepEqual(texts('She moved to the U.S.\nThen she opened a bakery in Ohio.'), ['She moved to the U.S.', 'Then she opened a bakery in Ohio.']);
});
