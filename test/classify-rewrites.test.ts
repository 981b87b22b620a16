/**
 * @module test/classify-rewrites
 * Cases seen when tracing fluent, LLM-style rewrites of real wire stories: a hedge word dropped
 * while another hedge stays, a quantity turned into its opposite, equivalent names that are not
 * changes (demonyms, compound abbreviations), and the weight of an omitted criticism. The
 * sentences are written for this test.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignSentences } from '../src/core/align/index.ts';
import { classifyChanges } from '../src/core/classify/index.ts';
import { findEntities, isCompoundAbbreviation, sameEntity } from '../src/core/nlp/entities.ts';
import { splitArticle } from '../src/core/text/sentences.ts';
import type { Change } from '../src/core/types.ts';

function classify(source: string, suspect: string): Change[] {
  const src = splitArticle(source);
  const sus = splitArticle(suspect);
  const sources = [{ id: 'src', split: src }];
  return classifyChanges({ suspect: sus, sources, alignment: alignSentences(sus, sources), removed: [] });
}
const kinds = (changes: Change[]) => changes.map((c) => c.kind).sort();

test('a hedge word dropped is reported even when another hedge ("according to") stays', () => {
  const changes = classify(
    'Navy ships struck an alleged smuggling boat near the coast on Friday, according to the coastguard.',
    'Navy ships struck a smuggling boat near the coast on Friday, according to the coastguard.',
  );
  const hedge = changes.find((c) => c.kind === 'hedge');
  assert.ok(hedge, `no hedge change in ${kinds(changes)}`);
  assert.deepEqual(hedge.evidence.source, ['alleged']);
  assert.equal(hedge.severity, 'medium');
});

test('one hedge swapped for another is not a dropped hedge', () => {
  const changes = classify(
    'The minister reportedly met the rebels in March, according to aides.',
    'The minister is said to have met the rebels in March, according to aides.',
  );
  assert.ok(!changes.some((c) => c.kind === 'hedge'), `unexpected hedge in ${kinds(changes)}`);
});

test('"little evidence" turned into "ample evidence" is a reversal with both words as evidence', () => {
  const changes = classify(
    'The agency has offered little evidence that the imports were unsafe.',
    'The agency has offered ample evidence that the imports were unsafe.',
  );
  const reversal = changes.find((c) => c.kind === 'reversal');
  assert.ok(reversal, `no reversal in ${kinds(changes)}`);
  assert.deepEqual([reversal.evidence.source, reversal.evidence.suspect, reversal.severity], [['little'], ['ample'], 'high']);
});

test('demonyms and country names are the same entity; different countries are not', () => {
  assert.ok(sameEntity(['american'], ['us']));
  assert.ok(sameEntity(['british'], ['united', 'kingdom']));
  assert.ok(sameEntity(['dutch'], ['netherlands']));
  assert.ok(!sameEntity(['american'], ['uk']));
  assert.ok(!sameEntity(['french'], ['germany']));
  const changes = classify('US forces withdrew from the base on Monday.', 'American forces withdrew from the base on Monday.');
  assert.ok(!changes.some((c) => c.kind === 'entity'), `unexpected entity change in ${kinds(changes)}`);
});

test('compound abbreviations match the words they are cut from, and only those', () => {
  assert.ok(isCompoundAbbreviation('SOUTHCOM', ['southern', 'command']));
  assert.ok(isCompoundAbbreviation('Ofcom', ['office', 'of', 'communications']));
  assert.ok(isCompoundAbbreviation('NATO', ['north', 'atlantic', 'treaty', 'organization']));
  assert.ok(!isCompoundAbbreviation('SOUTHCOM', ['central', 'command']));
  assert.ok(!isCompoundAbbreviation('Dixey', ['richard', 'dixon']));
  assert.ok(!isCompoundAbbreviation('EU', ['european', 'union']), 'two letters are left to plain initials');
});

test('a capitalised word opening a sentence belongs to the name it qualifies', () => {
  const names = (t: string) => findEntities(t).map((e) => e.text);
  assert.deepEqual(names('Southern Command said the strike was lawful.'), ['Southern Command']);
  assert.deepEqual(names('Several Democrats objected to the bill.'), ['Democrats']);
  assert.deepEqual(names('Two Americans were detained in Caracas.'), ['Americans', 'Caracas']);
  const changes = classify(
    'SOUTHCOM said the vessel was operated by a cartel.',
    'Southern Command said the vessel was run by a cartel.',
  );
  assert.ok(!changes.some((c) => c.kind === 'attribution' || c.kind === 'entity'), `unexpected name change in ${kinds(changes)}`);
});

test('an omitted sentence carrying criticism or doubt is medium severity, plain detail low', () => {
  const source =
    'The council approved the new tower on Tuesday. ' +
    'The vote followed a two-hour debate in the chamber. ' +
    'The plan has come under intense scrutiny from heritage groups. ' +
    'Building work will start in the spring.';
  const suspect = 'The council approved the new tower on Tuesday. Building work will start in the spring.';
  const omitted = classify(source, suspect).filter((c) => c.kind === 'omitted');
  const bySentence = new Map(omitted.map((c) => [c.sourceText, c.severity]));
  assert.equal(bySentence.get('The plan has come under intense scrutiny from heritage groups.'), 'medium');
  assert.equal(bySentence.get('The vote followed a two-hour debate in the chamber.'), 'low');
});
