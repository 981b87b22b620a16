import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitArticle } from '../text/sentences.ts';
import { alignSentences, sentenceSimilarity, wordDiff } from './index.ts';

// An invented wire story and a rewrite that reorders, splits, merges, inserts and omits.
const SOURCE = [
  'Flooding forced 3,200 residents of Marlow Bay to leave their homes on Tuesday.', // 0
  'The river rose two metres overnight after a week of heavy rain.', // 1
  'Mayor Ellen Dray said the town hall would open as a shelter.', // 2
  'Emergency crews rescued 14 people from rooftops.', // 3
  'The weather service expects the rain to ease by Friday.', // 4
  'Insurers said claims could reach 40 million dollars.', // 5
].join(' ');
const SUSPECT = [
  'Emergency teams pulled 14 people off rooftops.', // 0 <- 3 (reordered)
  'Floods drove 3,200 Marlow Bay residents from their homes on Tuesday.', // 1 <- 0
  'The river climbed two metres in one night.', // 2 <- 1 (split, part 1)
  'It followed a week of heavy rain.', // 3 <- 1 (split, part 2)
  'Mayor Ellen Dray said the town hall would open as a shelter, and the weather service expects the rain to ease by Friday.', // 4 <- 2 + 4 (merged)
  'Residents blame years of neglect by the council.', // 5 inserted
].join(' ');

test('similarity: paraphrase scores high, unrelated low, figures in words match digits', () => {
  assert.ok(sentenceSimilarity('Emergency crews rescued 14 people from rooftops.', 'Emergency teams pulled 14 people off rooftops.') > 0.5);
  assert.ok(sentenceSimilarity('Emergency crews rescued 14 people from rooftops.', 'Insurers said claims could reach 40 million dollars.') < 0.15);
  assert.ok(sentenceSimilarity('It took 24 hours.', 'It took twenty-four hours.') > 0.99);
  assert.ok(sentenceSimilarity('The soldiers died.', 'The soldiers perished.') > sentenceSimilarity('The soldiers died.', 'The soldiers sang.'));
  assert.equal(sentenceSimilarity('', 'Anything'), 0);
});

test('alignment handles reordering, one-to-many, many-to-one, insertion and omission', () => {
  const suspect = splitArticle(SUSPECT);
  const source = splitArticle(SOURCE);
  assert.equal(suspect.sentences.length, 6);
  assert.equal(source.sentences.length, 6);
  const groups = alignSentences(suspect, [{ id: 'wire', split: source }]);
  const simple = groups.map((g) => [g.suspect, g.source?.sentences ?? null]);
  assert.deepEqual(simple, [
    [[0], [3]],
    [[1], [0]],
    [[2, 3], [1]],
    [[4], [2, 4]],
    [[5], null],
    [[], [5]],
  ]);
  // Every suspect sentence appears in exactly one group.
  const seen = groups.flatMap((g) => g.suspect).sort((a, b) => a - b);
  assert.deepEqual(seen, [0, 1, 2, 3, 4, 5]);
  for (const g of groups) assert.ok(g.similarity >= 0 && g.similarity <= 1);
  assert.equal(groups.find((g) => g.source === null)!.similarity, 0);
});

test('alignment with two sources takes each sentence from the source that explains it', () => {
  const a = splitArticle('The bridge reopened on Monday after repairs. Traffic was light.');
  const b = splitArticle('A new bakery opened in the square. Its owner, Lina Ortiz, trained in Lyon.');
  const suspect = splitArticle('Lina Ortiz, who trained in Lyon, owns the bakery. After repairs the bridge reopened Monday.');
  const groups = alignSentences(suspect, [{ id: 'a', split: a }, { id: 'b', split: b }]);
  assert.equal(groups[0].source?.id, 'b');
  assert.equal(groups[1].source?.id, 'a');
});

test('wordDiff rebuilds both sides exactly and marks changed words', () => {
  const src = 'Around 200 soldiers died, officials said.';
  const sus = 'around 200 Azerbaijani soldiers perished, officials said!';
  const parts = wordDiff(src, sus);
  assert.equal(parts.filter((p) => p.op !== 'added').map((p) => p.text).join(''), src);
  assert.equal(parts.filter((p) => p.op !== 'removed').map((p) => p.text).join(''), sus);
  assert.ok(parts.some((p) => p.op === 'added' && p.text.includes('perished')));
  assert.ok(parts.some((p) => p.op === 'removed' && p.text.includes('died')));
  assert.ok(parts.some((p) => p.op === 'same' && p.text.includes('soldiers')));
});

test('rescue pass: a heavily reworded sentence pairs with its unused original when they share rare names and figures', () => {
  const source = splitArticle(
    'Flooding forced 3,200 residents of Marlow Bay to leave their homes on Tuesday. Actuary Pim Osei put likely claims at 40 million dollars. The weather service expects the rain to ease by Friday.',
  );
  const reworded =
    'Speaking to anxious homeowners crowded into a draughty church hall late on Wednesday evening, a visibly exhausted Osei warned that the eventual bill for ruined kitchens, cars and shops was heading for 40 million.';
  const suspect = splitArticle(`Floods drove 3,200 Marlow Bay residents from their homes on Tuesday. ${reworded}`);
  // Below the normal threshold on its own, so only the rescue pass can pair it.
  const sim = sentenceSimilarity(reworded, source.sentences[1].text);
  assert.ok(sim >= 0.2 && sim < 0.3, `similarity ${sim}`);
  const groups = alignSentences(suspect, [{ id: 'wire', split: source }]);
  assert.deepEqual(groups.map((g) => [g.suspect, g.source?.sentences ?? null]), [
    [[0], [0]],
    [[1], [1]],
    [[], [2]],
  ]);
  // A sentence as close by score but sharing only common words ("likely", "claims"), no name
  // or figure, stays inserted.
  const vague = 'Late on Wednesday an exhausted official said likely claims would be large.';
  const vagueSim = sentenceSimilarity(vague, source.sentences[1].text);
  assert.ok(vagueSim >= 0.2 && vagueSim < 0.3, `similarity ${vagueSim}`);
  const generic = splitArticle(`Floods drove 3,200 Marlow Bay residents from their homes on Tuesday. ${vague}`);
  const genericGroups = alignSentences(generic, [{ id: 'wire', split: source }]);
  assert.equal(genericGroups.find((g) => g.suspect.includes(1))?.source, null);
});

test('gap filling: a sentence between two in-order neighbours takes the unused source sentence between theirs', () => {
  const source = splitArticle(
    'Police arrested Girard Saenz, 57, at his home on Tuesday. Officers found more than 1,000 guns inside. He is being held on $50,000 bond. Lt. Chris Ramirez called the cache astounding.',
  );
  const suspect = splitArticle(
    'Officers detained Girard Saenz, 57, at his house on Tuesday. Police discovered over 1,000 firearms in the house. He is being held on $500,000 bail. Lt. Chris Ramirez described the cache as astounding.',
  );
  // The changed figure pulls the pair below the normal threshold.
  assert.ok(sentenceSimilarity(suspect.sentences[2].text, source.sentences[2].text) < 0.3);
  const groups = alignSentences(suspect, [{ id: 'wire', split: source }]);
  assert.deepEqual(groups.find((g) => g.suspect.includes(2))?.source?.sentences, [2]);
  // Without in-order neighbours on both sides there is no gap to fill.
  const alone = splitArticle('He is being held on $500,000 bail.');
  assert.equal(alignSentences(alone, [{ id: 'wire', split: source }])[0].source, null);
});

test('a merge of two sentences one apart takes the middle sentence when it contributes too', () => {
  const source = splitArticle(
    'Regional debt rose by only 2.8 pct last year to 396 billion dlrs. The efforts to consolidate budgets were "not unsuccessful." But the slump in oil prices hampered these efforts, he said. Exports fell by 16 pct.',
  );
  const suspect = splitArticle(
    'Regional debt grew by just 2.8 percent last year to 396 billion dollars, he noted, adding that efforts to consolidate budgets had been "largely successful" although the slump in oil prices hampered them.',
  );
  const groups = alignSentences(suspect, [{ id: 'wire', split: source }]);
  assert.deepEqual(groups[0].source?.sentences, [0, 1, 2]);
  assert.ok(!groups.some((g) => g.suspect.length === 0 && g.source?.sentences.includes(1)), 'the quoted sentence is not omitted');
});
