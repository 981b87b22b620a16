import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitArticle } from '../text/sentences.ts';
import { alignSentences } from '../align/index.ts';
import type { Change } from '../types.ts';
import { classifyChanges, singleArticleChecks, findSpinnerArtifacts, findUnattributed } from './index.ts';
import { defaultPhraseModel } from '../phrases/model.ts';

/** Classifies a one-sentence (or few-sentence) rewrite against its source. */
function classify(source: string, suspect: string): Change[] {
  const src = splitArticle(source);
  const sus = splitArticle(suspect);
  const sources = [{ id: 'src', split: src }];
  return classifyChanges({ suspect: sus, sources, alignment: alignSentences(sus, sources), removed: [] });
}
const kinds = (changes: Change[]) => changes.map((c) => c.kind);
const find = (changes: Change[], kind: Change['kind']) => changes.find((c) => c.kind === kind);

test('verbatim and faithful paraphrase: no distortion, equivalent renderings included', () => {
  assert.deepEqual(kinds(classify('The bridge reopened on Monday.', 'The bridge reopened on Monday.')), ['verbatim']);
  assert.deepEqual(kinds(classify('The war lasted twenty-four days in the 1990s.', 'The war lasted 24 days in the Nineteen Nineties.')), ['paraphrase']);
  assert.deepEqual(kinds(classify('The U.K. government said it would help.', 'The United Kingdom government said it would help.')), ['paraphrase']);
  assert.deepEqual(kinds(classify('Officials stated the bridge would reopen.', 'Officials said the bridge would reopen.')), ['paraphrase']);
  assert.deepEqual(kinds(classify('About 1,000 people were evacuated.', 'About 1000 people were evacuated.')), ['verbatim']);
});

test('numbers: a changed value is high severity, a changed qualifier low', () => {
  const changes = classify('Around 200 soldiers were killed and about 500 were wounded.', 'Around 300 soldiers were killed and almost 500 were wounded.');
  const numbers = changes.filter((c) => c.kind === 'number');
  const mismatch = numbers.find((c) => c.evidence.rule === 'number-mismatch')!;
  assert.deepEqual([mismatch.evidence.source, mismatch.evidence.suspect, mismatch.severity], [['Around 200'], ['Around 300'], 'high']);
  const qualifier = numbers.find((c) => c.evidence.rule === 'number-qualifier')!;
  assert.deepEqual([qualifier.evidence.source, qualifier.evidence.suspect, qualifier.severity], [['about 500'], ['almost 500'], 'low']);
});

test('dates, entities, quotes', () => {
  const date = find(classify('The war began in 1993.', 'The war began in 1994.'), 'date')!;
  assert.deepEqual([date.evidence.source, date.evidence.suspect], [['1993'], ['1994']]);
  const entity = find(classify('The RMS Titanic sank in the North Atlantic.', 'The HMS Titanic sank in the North Atlantic.'), 'entity')!;
  assert.deepEqual([entity.evidence.source, entity.evidence.suspect], [['RMS Titanic'], ['HMS Titanic']]);
  const quote = find(classify('“It is extremely difficult,” the minister said.', '“It is extraordinarily hard,” the minister said.'), 'quote')!;
  assert.deepEqual([quote.evidence.source, quote.evidence.suspect], [['“It is extremely difficult,”'], ['“It is extraordinarily hard,”']]);
  // The same quotation, word for word, is fine.
  assert.equal(find(classify('“We will rebuild,” the mayor said on Tuesday.', 'The mayor said: “We will rebuild.”'), 'quote'), undefined);
});

test('negation: a dropped "not" or a WordNet antonym flips polarity; both together cancel', () => {
  const dropped = find(classify('Prices did not increase last year.', 'Prices increased last year.'), 'negation')!;
  assert.deepEqual([dropped.evidence.rule, dropped.evidence.source], ['negation-dropped', ['not']]);
  const antonym = find(classify('Exports increased sharply in March.', 'Exports decreased sharply in March.'), 'negation')!;
  assert.deepEqual([antonym.evidence.source, antonym.evidence.suspect], [['increased'], ['decreased']]);
  assert.equal(find(classify('Exports did not increase in March.', 'Exports decreased in March.'), 'negation'), undefined);
});

test('negation: a "not" added in one clause while another clause loses one is still a flip', () => {
  const source = 'Saenz apparently was licensed to own weapons, and there is no prohibition on the number of guns a person can own, police said.';
  const suspect = 'Saenz was not licensed to own weapons, and the law strictly limits how many guns a person may own, police said.';
  const flip = find(classify(source, suspect), 'negation')!;
  assert.equal(flip.evidence.rule, 'negation-added');
  assert.deepEqual([flip.evidence.suspect, flip.evidence.source], [['not', 'licensed'], ['licensed']]);
  // The same negation on both sides, or "not only", is no flip.
  assert.equal(find(classify('He was not licensed to sell guns, police said.', 'Police said he was not licensed to sell guns.'), 'negation'), undefined);
  assert.equal(find(classify('The mayor and the council backed the plan.', 'Not only the mayor but the council backed the plan.'), 'negation'), undefined);
});

test('reversal: inflected forms count, so a copy that keeps both directions is no reversal', () => {
  const both = classify(
    'Debt rose by only 2.8 pct last year, but the slump in oil prices hampered these efforts, he said.',
    'Debt grew by just 2.8 percent last year, although falling oil prices held these efforts back, he said.',
  );
  assert.equal(find(both, 'reversal'), undefined);
  assert.equal(find(both, 'number'), undefined);
  const flipped = find(classify('Exports to Brazil were rising, the ministry said.', 'Exports to Brazil were falling, the ministry said.'), 'reversal')
    ?? find(classify('Exports to Brazil were rising, the ministry said.', 'Exports to Brazil were falling, the ministry said.'), 'negation');
  assert.ok(flipped, 'rising -> falling is flagged');
});

test('attribution: a ticker in angle brackets is not the speaker', () => {
  const changes = classify(
    'Deutsch-Suedamerikanische Bank AG, a subsidiary of Dresdner Bank AG <DRSD.F>, said it was not worried about Brazil.',
    'Deutsch-Suedamerikanische Bank AG, which is owned by Dresdner Bank AG, said it was not concerned about Brazil.',
  );
  assert.equal(find(changes, 'attribution'), undefined);
});

test('attribution: a pronoun speaker is not compared, "told X" names the listener, a named outlet made vague is caught', () => {
  assert.equal(
    find(classify('In a memo to the staff obtained by CNN, he wrote that the mission remained the same.', 'Blanche told staff in a memo seen by reporters that the mission was unchanged.'), 'attribution'),
    undefined,
  );
  const vague = find(
    classify(
      'Bondi was informed by President Donald Trump last Wednesday that she was being removed as attorney general, CNN reported.',
      'Trump told Bondi she was being removed as attorney general last Wednesday, according to reports.',
    ),
    'attribution',
  )!;
  assert.deepEqual([vague.evidence.source, vague.evidence.suspect], [['CNN'], ['reports']]);
});

test('numbers: "fifth-floor" is the ordinal five, so "a second memo" is not read as a changed floor', () => {
  const changes = classify(
    'In a separate memo he said he will move into the fifth floor office on Monday.',
    'A second memo said he would relocate to the fifth-floor suite on Monday.',
  );
  assert.equal(find(changes, 'number'), undefined);
  assert.equal(find(classify('They waited two years for the permit.', 'They endured a three-year wait for the permit.'), 'number')?.evidence.suspect[0], 'three-year');
});

test('quotes: a quotation left open at the end of a paragraph (it goes on in the next) is still compared', () => {
  const altered = find(
    classify(
      'An email on Tuesday evening said: “Your ballot is now on the way – but it will arrive with you a little later than we originally said.',
      '"Your ballot is now on the way – but it will arrive with you a little later than we promised," an email sent on Tuesday evening said.',
    ),
    'quote',
  )!;
  assert.ok(altered, 'the changed words inside the quotation are found');
  assert.deepEqual(altered.evidence.suspect.length, 1);
  assert.match(altered.evidence.reason, /promised/);
  // The same quotation, closed in the copy, open in the source: nothing changed.
  assert.equal(
    find(classify('The email said: “Please do not worry about the delay.', '“Please do not worry about the delay,” the email said.'), 'quote'),
    undefined,
  );
});

test('omitted: a qualification dropped from a kept sentence is reported, a rephrased one or a sentence-opening "But" is not', () => {
  const source = 'Sunak trails Truss in Tory membership polls, and while some recent polls have shown the gap to be narrowing a YouGov survey for the Times on Tuesday gave the foreign secretary 60% support.';
  const dropped = classify(source, 'Truss has a commanding lead over Sunak in polls of Tory members, with a YouGov survey for the Times on Tuesday giving the foreign secretary 60% support.')
    .find((c) => c.evidence.rule === 'qualification-dropped');
  assert.deepEqual(dropped?.evidence.source, ['while some recent polls have shown the gap to be narrowing']);
  assert.equal(dropped?.severity, 'medium');
  const kept = classify(source, 'Truss leads Sunak in Tory membership polls, though recent polls show the gap narrowing, and a YouGov survey for the Times on Tuesday gave her 60% support.');
  assert.equal(kept.find((c) => c.evidence.rule === 'qualification-dropped'), undefined);
  const opening = classify('The party won the vote. But Senate criticism of the House plan came on several fronts.', 'The party won the vote. Several senators criticised the House plan.');
  assert.equal(opening.find((c) => c.evidence.rule === 'qualification-dropped'), undefined);
});

test('loaded: words of disorder and scandal added to a plain report are flagged', () => {
  const loaded = find(
    classify('Ballot papers for the leadership contest have been delayed after security concerns.', 'Ballot papers for the leadership contest have been delayed after security concerns, throwing the race into chaos.'),
    'loaded',
  );
  assert.deepEqual(loaded?.evidence.suspect, ['chaos']);
});

test('reversal: "unlikely" turned into "probably" flips the claim', () => {
  const flip = find(
    classify("Mittendorf said Brazil's example was unlikely to be followed by other Latin American countries.", "Mittendorf said Brazil's model was probably going to be followed by other Latin American nations."),
    'reversal',
  );
  assert.deepEqual([flip?.evidence.source, flip?.evidence.suspect], [['unlikely'], ['probably']]);
});

test('an acronym written out is not an added clause; "some" or "only" next to a figure is not a reversal', () => {
  const spelled = classify(
    'A failed government scheme to offer university courses online has been branded a "disgraceful waste" by MPs.',
    'Members of Parliament have condemned a failed government scheme to offer university courses online as a "disgraceful waste".',
  );
  assert.equal(spelled.find((c) => c.evidence.rule === 'clause-added'), undefined);
  const approx = classify('Some £14m went on developing the technology, used by just 200 students.', 'Around £14m was poured into the technology, which was used by only 200 students.');
  assert.equal(find(approx, 'reversal'), undefined);
  assert.equal(find(classify('Some students left the course early.', 'All students left the course early.'), 'reversal')?.evidence.suspect[0], 'All');
});

test('a negated clause left out is a dropped condition, not a flipped negation; a speaker only moved is not an attribution change', () => {
  const changes = classify(
    'The app tells users on which days they should abstain from sex or use protection if they do not wish to get pregnant.',
    'The app tells users on which days they should avoid sex or use protection.',
  );
  assert.equal(find(changes, 'negation'), undefined);
  assert.deepEqual(changes.find((c) => c.evidence.rule === 'qualification-dropped')?.evidence.source, ['if they do not wish to get pregnant']);
  const moved = classify(
    '"This app can provide an effective method of contraception," Dr. Terri Cornelison, an assistant director in the FDA Center for Devices, said in a statement.',
    '"This app provides an effective method of contraception," said Dr. Terri Cornelison of the FDA Center for Devices.',
  );
  assert.equal(find(moved, 'attribution'), undefined);
});

test('numbers: an exact small count or age that changes is high, however small the difference', () => {
  const age = find(classify('Burke, 20, became well-known in 2022 on TikTok.', 'Burke, 19, rose to fame in 2022 on TikTok.'), 'number');
  assert.deepEqual([age?.evidence.source, age?.evidence.suspect, age?.severity], [['20'], ['19'], 'high']);
  // Rounded on one side: a qualifier change, not an error.
  assert.notEqual(find(classify('The fire destroyed 98 homes.', 'The fire destroyed about 100 homes.'), 'number')?.severity, 'high');
});

test('a neutral "said" made "claimed" is loaded wording; a changed family relation is an entity change', () => {
  const claimed = classify(
    "In an op-ed, Romney said Trump's leadership is unnecessarily dividing Americans.",
    "In an op-ed, Romney claimed Trump's leadership is needlessly dividing Americans.",
  ).find((c) => c.evidence.rule === 'saying-verb-loaded');
  assert.deepEqual([claimed?.kind, claimed?.evidence.source, claimed?.evidence.suspect], ['loaded', ['said'], ['claimed']]);
  assert.equal(
    classify('Romney said the plan would fail.', 'Romney told reporters the plan would fail.').find((c) => c.evidence.rule === 'saying-verb-loaded'),
    undefined,
  );
  const relation = classify(
    'Party chairwoman Ronna McDaniel, who also happens to be Romney\'s niece, attacked him.',
    'Party chairwoman Ronna McDaniel, who is Romney\'s sister, attacked him.',
  ).find((c) => c.evidence.rule === 'relation-changed');
  assert.deepEqual([relation?.kind, relation?.evidence.source, relation?.evidence.suspect, relation?.severity], ['entity', ['niece'], ['sister'], 'high']);
});

test('entity: naming only the owner of a longer name is a shortening, a different name is still a change', () => {
  const source = '"Local purchase is recommended," said Henri Josserand, chief of FAO\'s Global Information and Early Warning System.';
  assert.equal(find(classify(source, '"Local purchase is recommended," said Henri Josserand of the FAO.'), 'entity'), undefined);
  assert.ok(find(classify(source, '"Local purchase is recommended," said Henri Josserand, chief of WFP\'s Global Information and Early Warning System.'), 'entity'));
});

test('issue #4 kinds: hedge, reversal, attribution, renaming, loaded', () => {
  const hedge = find(classify('There were no confirmed reports of force being used against civilians.', 'Reports confirm that there was no coercion or violence used against civilians.'), 'hedge')!;
  assert.deepEqual([hedge.evidence.source, hedge.evidence.suspect, hedge.severity], [['no confirmed'], ['confirm'], 'high']);
  const reversal = find(classify('The conflict remained frozen for decades.', 'The conflict remained ongoing for decades.'), 'reversal')!;
  assert.deepEqual([reversal.evidence.source, reversal.evidence.suspect], [['frozen'], ['ongoing']]);
  const attribution = find(classify('The fear is held by many in Azerbaijan, the analyst said.', 'The fear is held by Baku, the analyst said.'), 'attribution')!;
  assert.deepEqual(attribution.evidence.suspect, ['Baku']);
  const renaming = find(classify('The exodus of residents began on Sunday.', 'The expulsion of residents began on Sunday.'), 'renaming')!;
  assert.deepEqual([renaming.evidence.source, renaming.evidence.suspect], [['exodus'], ['expulsion']]);
  const loaded = find(classify('The town was quiet after the fighting.', 'The town was quiet after the brutal fighting.'), 'loaded')!;
  assert.deepEqual(loaded.evidence.suspect, ['brutal']);
});

test('inserted and omitted sentences, with severity by content; texts quoted exactly', () => {
  const source = 'The river rose two metres overnight. Mayor Ellen Dray opened the town hall as a shelter. Insurers said claims could reach 40 million dollars.';
  const suspect = 'The river rose two metres overnight. Mayor Ellen Dray opened the town hall as a shelter. The council has ignored warnings for 12 years.';
  const changes = classify(source, suspect);
  const inserted = find(changes, 'inserted')!;
  assert.equal(inserted.suspectText, 'The council has ignored warnings for 12 years.');
  assert.equal(inserted.severity, 'high');
  const omitted = find(changes, 'omitted')!;
  assert.equal(omitted.sourceText, 'Insurers said claims could reach 40 million dollars.');
  assert.equal(omitted.severity, 'high');
  for (const c of changes) {
    if (c.suspectText !== null) assert.ok(suspect.includes(c.suspectText), c.suspectText);
    if (c.sourceText !== null) assert.ok(source.includes(c.sourceText), c.sourceText);
  }
});

test('boilerplate: one change per removed piece', () => {
  const changes = classifyChanges({ suspect: splitArticle('Text.'), sources: [], alignment: [], removed: [{ text: 'Please enter your comment!', reason: 'comment-form' }] });
  assert.deepEqual(changes.map((c) => [c.kind, c.suspectText]), [['boilerplate', 'Please enter your comment!']]);
});

test('spinner fingerprints: tortured phrases, broken expressions, non-words, glued numbers', () => {
  const rules = (text: string) => findSpinnerArtifacts(text).map((h) => [h.rule, h.text, h.expected]);
  assert.deepEqual(rules('They trained a counterfeit consciousness model.'), [['tortured-phrase', 'counterfeit consciousness', 'artificial intelligence']]);
  assert.deepEqual(rules('An outpost near the font line was deserted.'), [['broken-expression', 'font line', 'front line']]);
  assert.deepEqual(rules('Despite the lack of cisiveness, it worked.'), [['non-word', 'cisiveness', 'decisiveness']]);
  assert.deepEqual(rules('About 500-suffered injuries.'), [['glued-number', '500-suffered', '500 suffered']]);
  // Honest prose: compounds, British spellings, noun-based hyphen compounds, ordinary pairs.
  assert.deepEqual(rules('The armoured frontline unit took a two-pronged, 24-hour approach to the labour market.'), []);
  // A dialect's dropped g is a voice, not a garble.
  assert.deepEqual(rules('She kept rememberin the harbour and travellin north.'), []);
});

test('with the news phrase model, a broken expression must stand for one news writes', () => {
  const model = defaultPhraseModel();
  const rules = (text: string) => findSpinnerArtifacts(text, model).map((h) => [h.rule, h.text, h.expected]);
  assert.deepEqual(rules('An outpost near the font line was deserted.'), [['broken-expression', 'font line', 'front line']]);
  // WordNet lists "red fire", news does not write it: "red firs" is a tree, not a garble.
  assert.deepEqual(findSpinnerArtifacts('A ridge dotted with red firs.').map((h) => h.expected), ['red fire']);
  assert.deepEqual(rules('A ridge dotted with red firs.'), []);
});

test('one non-word repeated through an article is the writer\'s word; two different ones read as garbling', () => {
  const kinds = (text: string) => singleArticleChecks(splitArticle(text), []).filter((c) => c.kind === 'spinner').map((c) => c.evidence.suspect[0]);
  assert.deepEqual(kinds('The zorbulent tide came in. Nobody had seen a zorbulent tide before.'), []);
  assert.deepEqual(kinds('The zorbulent tide came in. The harbour looked cisiveness.').sort(), ['cisiveness', 'zorbulent']);
});

test('unattributed: vague sources flagged, named ones not', () => {
  assert.equal(findUnattributed('Reports confirm that there was no coercion.')?.id, 'reports-confirm');
  assert.equal(findUnattributed('It is believed the talks failed.')?.id, 'it-is-believed');
  assert.equal(findUnattributed('According to reports, the talks failed.')?.id, 'according-to-reports');
  assert.equal(findUnattributed('The report said the talks failed.'), null);
  assert.equal(findUnattributed('According to Hikmet Hajiyev, the talks failed.'), null);
});

test('single-article checks include the removed boilerplate', () => {
  const changes = singleArticleChecks(splitArticle('Sources say the deal is done.'), [{ text: 'Follow us on Google News', reason: 'social' }]);
  assert.deepEqual(changes.map((c) => c.kind), ['boilerplate', 'unattributed']);
});

test('bad input: run-on, all-caps, emoji, entities and mixed scripts give labels, not crashes', () => {
  const long = Array.from({ length: 1500 }, (_, i) => ['the', 'council', 'said', 'not', 'increase', String(i)][i % 6]).join(' ');
  const cases: [string, string][] = [
    [long, long.replace(/increase/g, 'decrease')],
    ['THE MAYOR SAID 200 HOMES WERE FLOODED.', 'THE MAYOR SAID 300 HOMES WERE FLOODED.'],
    ['Le maire a dit 😀 que 200 maisons &amp; rues étaient inondées.', 'Le maire a dit 😀 que 300 maisons &amp; rues étaient inondées.'],
    ['Москва заявила, что 200 домов затоплены.', 'Москва заявила, что 300 домов затоплены.'],
    ['', 'Something.'],
  ];
  for (const [source, suspect] of cases) {
    const changes = classify(source, suspect);
    assert.ok(Array.isArray(changes));
    for (const c of changes) if (c.suspectText !== null && c.kind !== 'boilerplate') assert.ok(suspect.includes(c.suspectText));
  }
  assert.ok(classify(cases[1][0], cases[1][1]).some((c) => c.kind === 'number' && c.evidence.suspect[0] === '300'));
});

test('clauses added inside or dropped from an aligned sentence', () => {
  const added = classify('The former director was questioned by police on Friday.', 'The former director, who was recently released on bail, was questioned by police on Friday.');
  const clause = added.find((c) => c.evidence.rule === 'clause-added')!;
  assert.equal(clause.kind, 'inserted');
  assert.match(clause.evidence.suspect[0], /recently released on bail/);
  const dropped = classify('The plan covers solar panels, wind turbines and battery storage across 12 towns.', 'The plan covers solar panels across 12 towns.');
  assert.equal(dropped.find((c) => c.evidence.rule === 'clause-dropped')?.kind, 'omitted');
});

test('a changed weekday is one date change, not also an entity change', () => {
  const changes = classify('Monitors reached the town on Tuesday.', 'Monitors reached the town on Thursday.');
  assert.deepEqual(changes.filter((c) => c.kind !== 'paraphrase').map((c) => [c.kind, c.evidence.source[0], c.evidence.suspect[0]]), [['date', 'Tuesday', 'Thursday']]);
});

test('issue #4 table: each real example is caught with the words on both sides', () => {
  const reversal = find(classify('Journalists were granted access to the region.', 'Journalists were limited to the region.'), 'reversal')!;
  assert.deepEqual([reversal.evidence.source, reversal.evidence.suspect], [['granted'], ['limited']]);
  const quote = find(classify('“We need orderly market conditions,” the bank said.', '“We need orderly marketplace problems,” the bank said.'), 'quote')!;
  assert.match(quote.evidence.reason, /marketplace problems/);
  const agency = find(classify('Residents can apply through Connect for Health Colorado this week.', 'Residents can apply through Join For Wellbeing Colorado this week.'), 'entity')!;
  assert.deepEqual([agency.evidence.source, agency.evidence.suspect], [['Connect for Health Colorado'], ['Join For Wellbeing Colorado']]);
  const subject = find(classify('The soldiers said the city was taken overnight.', 'The soldiers said he was taken overnight.'), 'entity')!;
  assert.deepEqual([subject.evidence.rule, subject.evidence.source, subject.evidence.suspect], ['thing-to-person', ['the city'], ['he']]);
  // A person replaced by a pronoun is ordinary reference, not a change of subject.
  assert.equal(find(classify('The minister said the talks would resume.', 'He said the talks would resume.'), 'entity'), undefined);
  const qualifier = find(classify('About 500 people were wounded.', 'Almost 500 people were wounded.'), 'number')!;
  assert.deepEqual([qualifier.evidence.source, qualifier.evidence.suspect], [['About 500'], ['Almost 500']]);
  assert.deepEqual(kinds(classify('About 500 people were wounded.', 'Around 500 people were wounded.')), ['paraphrase']);
  const loaded = find(classify('The family described the loss of their home.', 'The family described the heartbreaking loss of their home.'), 'loaded')!;
  assert.deepEqual(loaded.evidence.suspect, ['heartbreaking']);
  const casualties = classify(
    'Fighting resumed near the border on Sunday. At least 200 soldiers were killed, officials said.',
    'Fighting resumed near the border on Sunday.',
  );
  const omitted = find(casualties, 'omitted')!;
  assert.deepEqual([omitted.sourceText, omitted.severity], ['At least 200 soldiers were killed, officials said.', 'high']);
  const inserted = find(classify(
    'Residents fled as troops advanced. Aid groups said 5,000 people had crossed the border.',
    'Residents fled as troops advanced. The displacement was not forced. Aid groups said 5,000 people had crossed the border.',
  ), 'inserted')!;
  assert.deepEqual([inserted.suspectText, inserted.severity], ['The displacement was not forced.', 'high']);
  const swap = find(classify('The attack was the biggest escalation since the ceasefire.', 'The attack was the largest forest since the ceasefire.'), 'spinner')!;
  assert.deepEqual([swap.evidence.rule, swap.evidence.source, swap.evidence.suspect], ['synonym-swap', ['biggest escalation'], ['largest forest']]);
  // An editor's synonym for both words is a faithful rewording.
  assert.equal(find(classify('It was the biggest increase in years.', 'It was the largest rise in years.'), 'spinner'), undefined);
});

test('every change carries a reason, the words at stake, a severity and a confidence', () => {
  const pairs: [string, string][] = [
    ['Around 200 soldiers were killed in 1993 in Paris.', 'Around 300 soldiers were killed in 1994 in Lyon.'],
    ['“It is extremely difficult,” the minister said.', '“It is extraordinarily hard,” the minister said.'],
    ['Prices did not increase. There were no confirmed reports of force.', 'Prices increased. Reports confirm there was no coercion.'],
    ['The fear is held by many in Azerbaijan, the analyst said.', 'The fear is held by Baku, the analyst said.'],
    ['The exodus of residents began on Sunday.', 'The brutal expulsion of residents began on Sunday.'],
    ['Journalists were granted access. Insurers said claims could reach 40 million dollars.', 'Journalists were limited to the region. The council has ignored warnings for 12 years.'],
  ];
  const seen = new Set<string>();
  for (const [source, suspect] of pairs) {
    for (const c of classify(source, suspect)) {
      seen.add(c.kind);
      assert.ok(c.evidence.reason.length > 10 && !c.evidence.reason.includes('\n'), `${c.kind}: one-line reason`);
      assert.ok(['none', 'low', 'medium', 'high'].includes(c.severity), `${c.kind}: severity`);
      assert.ok(c.confidence > 0 && c.confidence <= 1, `${c.kind}: confidence`);
      if (c.kind === 'verbatim' || c.kind === 'paraphrase') continue;
      assert.ok(c.evidence.suspect.length + c.evidence.source.length > 0, `${c.kind}: words at stake`);
      for (const w of c.evidence.suspect) assert.ok(suspect.includes(w), `${c.kind}: "${w}" is quoted from the copy`);
      for (const w of c.evidence.source) assert.ok(source.includes(w), `${c.kind}: "${w}" is quoted from the source`);
      if (c.kind !== 'inserted' && c.kind !== 'omitted' && c.kind !== 'loaded' && c.evidence.rule !== 'hedge-dropped' && c.evidence.rule !== 'number-added') {
        assert.ok(c.evidence.suspect.length > 0 && c.evidence.source.length > 0, `${c.kind} (${c.evidence.rule}): both sides`);
      }
    }
  }
  for (const k of ['number', 'date', 'entity', 'quote', 'negation', 'hedge', 'attribution', 'renaming', 'loaded', 'reversal', 'inserted', 'omitted']) assert.ok(seen.has(k), `covered: ${k}`);
});

test('every swapped word is accounted for: a word that means something else is a finding with both words', () => {
  // Spinner-style swaps that change what happened (invented, after the kinds issue #8 lists).
  const peeled = classify('Most residents of Velka returned after the shelling stopped in early May.', 'Most residents of Velka returned after the peeling stopped in early May.');
  const swap = find(peeled, 'substitution')!;
  assert.deepEqual([swap.evidence.rule, swap.evidence.source, swap.evidence.suspect, swap.severity], ['word-substituted', ['shelling'], ['peeling'], 'low']);
  const seat = find(classify('The party will defend the seat it won in 2019 with a new candidate.', 'The party will defend the seat it received in 2019 with a new candidate.'), 'substitution')!;
  assert.deepEqual([seat.evidence.source, seat.evidence.suspect], [['won'], ['received']]);
  const prisoners = classify('The two sides agreed to swap prisoners and recover the bodies of soldiers killed near Tarsk.', 'The two sides agreed to restore prisoners and restore the bodies of soldiers killed near Tarsk.');
  assert.deepEqual(prisoners.filter((c) => c.kind === 'substitution').map((c) => [c.evidence.source[0], c.evidence.suspect[0]]), [['swap', 'restore'], ['recover', 'restore']]);
  // "it" now "he": the sentence is about a person, not the town.
  const captured = find(classify('Troops said the town had been surrounded for weeks before it was captured on Sunday.', 'Troops said the town had been surrounded for weeks before he was captured on Sunday.'), 'entity')!;
  assert.deepEqual([captured.evidence.rule, captured.evidence.source, captured.evidence.suspect], ['thing-to-person', ['it'], ['he']]);
});

test('swaps that keep the meaning are explained: synonyms, inflections, spellings, a kind of the same thing, a word written otherwise', () => {
  const explained: [string, string][] = [
    ['Officials dispatched two ferries to the island on Friday.', 'Officials sent two ferries to the island on Friday.'],
    ['The sedan was found abandoned near the Orlen bridge.', 'The car was found abandoned near the Orlen bridge.'],
    ['The company was unaware of any reason for the rise in its share price.', 'The company was not aware of any reason for the rise in its share price.'],
    ['The once-ubiquitous handsets are now rare, the ministry said.', 'The once ubiquitous handsets are now rare, the ministry said.'],
    ['Prices rose by 4 percent in March, the statistics office said.', 'Prices rose by 4 per cent in March, the statistics office said.'],
    ['The council will organise the programme of events.', 'The council will organize the program of events.'],
    ['The bank kept its economic forecast for the year.', 'The bank kept its economy forecast for the year.'],
  ];
  for (const [source, suspect] of explained) {
    assert.deepEqual(classify(source, suspect).filter((c) => c.kind === 'substitution' || c.kind === 'spinner').map((c) => c.evidence), [], suspect);
  }
});

test('a spun sentence lists its swaps together; a broken fixed expression is a spinner mark', () => {
  const spun = classify(
    'Heavy rain caused severe flooding in the valley, and the army was called in to rescue stranded families.',
    'Heavy rain caused significant inundation in the vale, and the military was called in to deliver stranded households.',
  );
  const run = find(spun, 'spinner')!;
  assert.equal(run.evidence.rule, 'words-swapped');
  assert.deepEqual(run.evidence.source, ['flooding', 'severe', 'valley', 'army', 'rescue', 'families']);
  assert.equal(spun.filter((c) => c.kind === 'substitution').length, 0, 'the swaps are not reported twice');
  const jam = find(classify('A traffic jam stretched for 20 kilometres on the coast road.', 'A traffic jelly stretched for 20 kilometres on the coast road.'), 'spinner')!;
  assert.deepEqual([jam.evidence.rule, jam.evidence.source, jam.evidence.suspect, jam.severity], ['expression-broken', ['traffic jam'], ['jelly'], 'medium']);
  // A phrase reworded as a whole ("set out plans" -> "proposed") breaks nothing.
  assert.equal(find(classify('The minister set out plans for the new port.', 'The minister proposed the new port.'), 'spinner'), undefined);
});

test('a name written otherwise is not a name swap; a different name is, also in a near-verbatim copy', () => {
  const serious = (source: string, suspect: string) => classify(source, suspect).filter((c) => c.kind === 'entity' && c.severity !== 'low' && c.severity !== 'none');
  // A place as its adjective or possessive, a title spelled out, a WordNet alias, a glued word: no entity finding.
  assert.deepEqual(serious("Canada's Maplewood Ltd said its shares rose 4% on Tuesday.", 'Canadian Maplewood Ltd said its shares rose 4% on Tuesday.'), []);
  assert.deepEqual(serious('The Ruritanian president Ivo Brant met the delegation in the capital.', "Ruritania's president Ivo Brant met the delegation in the capital."), []);
  assert.deepEqual(serious('US President Harold Finch signed the bill on Monday.', 'American President Harold Finch signed the bill on Monday.'), []);
  assert.deepEqual(serious('Chief Financial Officer Dana Pole said margins would improve.', 'CFO Dana Pole said margins would improve.'), []);
  assert.deepEqual(serious('Temperatures reached 100 Fahrenheit in the town.', 'Temperatures reached 100 F in the town.'), []);
  assert.deepEqual(serious('Ana Ruiz said the talks would resume next week.', 'Ana Ruizsaid the talks would resume next week.'), []);
  // A transliteration or a typo is a low finding with both spellings.
  const spelled = classify('Oleksandr Melnyk, the mayor, said the bridge was damaged.', 'Aleksandr Melnyk, the mayor, said the bridge was damaged.').find((c) => c.kind === 'entity')!;
  assert.deepEqual([spelled.evidence.rule, spelled.severity, spelled.evidence.source, spelled.evidence.suspect], ['name-spelled-otherwise', 'low', ['Oleksandr Melnyk'], ['Aleksandr Melnyk']]);
  // Another person, ship, station or country is a swap, however close the spelling.
  for (const [source, suspect] of [
    ['The statement was read by Mark Robertson at the hearing.', 'The statement was read by Mark Roberts at the hearing.'],
    ['Troops from Slovakia joined the exercise near the border on Monday.', 'Troops from Slovenia joined the exercise near the border on Monday.'],
    ['Radio Liberty broadcast the speech in full on Sunday.', 'Radio Free Asia broadcast the speech in full on Sunday.'],
    ['The tanker Nordic Grace was boarded off Port Alder late on Friday.', 'The tanker Nordic Star was boarded off Port Alder late on Friday.'],
  ]) assert.equal(serious(source, suspect).length, 1, suspect);
  // The same person given another role is a change; a role reworded, added or dropped is not.
  const role = (source: string, suspect: string) => classify(source, suspect).filter((c) => c.evidence.rule === 'title-changed').map((c) => [c.evidence.source[0], c.evidence.suspect[0]]);
  assert.deepEqual(role('Chief Marketing Officer Dana Pole said sales had doubled.', 'marketing director Dana Pole said sales had doubled.'), [['Chief Marketing Officer', 'marketing director']]);
  assert.deepEqual(role('Senator Ivo Brant denied the report.', 'Governor Ivo Brant denied the report.'), [['Senator', 'Governor']]);
  assert.deepEqual(role('Prime Minister Ivo Brant met the delegation.', 'premier Ivo Brant met the delegation.'), []);
  assert.deepEqual(role('Spokesman Ivo Brant denied the report.', 'Spokesperson Ivo Brant denied the report.'), []);
  assert.deepEqual(role('Defence Secretary Ivo Brant met the delegation.', 'Ivo Brant met the delegation.'), []);
  // Put together otherwise, an organisation's name is another name.
  assert.equal(serious('The Investment Council of Ruritania fined the bank.', 'The Ruritanian Investment Council fined the bank.').length, 1);
});

test('a modal word used as a noun or a name hedges nothing, nor an attribution reworded; a modal of another strength is a hedge change', () => {
  const hedges = (source: string, suspect: string) => classify(source, suspect).filter((c) => c.kind === 'hedge').map((c) => c.evidence.rule);
  assert.deepEqual(hedges("China's economic might has grown since 2000, the report said.", "China's economic power has grown since 2000, the report said."), []);
  assert.deepEqual(hedges('The election was held in May and the council met in June.', 'The election was held in spring and the council met in June.'), []);
  assert.deepEqual(hedges('Prime Minister Theresa May said the deal was done.', "Prime Minister Theresa May's office said the deal was done."), []);
  assert.deepEqual(hedges('The mayor appeared in court on Monday, reporters said.', 'The mayor was in court on Monday, reporters said.'), []);
  // "According to X" -> "X said": the source is still named.
  assert.deepEqual(hedges('It was the worst harvest in 40 years, according to the Farming Gazette.', 'The Farming Gazette said that it was the worst harvest in 40 years.'), []);
  assert.deepEqual(hedges('It was the worst harvest in 40 years, according to the Farming Gazette.', 'It was the worst harvest in 40 years.'), ['hedge-dropped']);
  // A garble that keeps the name but says nothing of who said it is no attribution.
  assert.deepEqual(hedges('It was the worst harvest in 40 years, according to the Farming Gazette.', 'It was the worst harvest in 40 years, in accordance to the Farming Gazette.'), ['hedge-dropped']);
  // Used as modals, they still hedge.
  assert.deepEqual(hedges('Prices may rise further next year, the bank said.', 'Prices will rise further next year, the bank said.'), ['hedge-dropped']);
  assert.deepEqual(hedges('The storm might not reach the coast before Friday.', 'The storm will not reach the coast before Friday.'), ['hedge-dropped']);
  // An obligation made advice; tense ("can" -> "could", "will" -> "would") is not a change of strength.
  assert.deepEqual(hedges('The government must act before the winter, the report said.', 'The government should act before the winter, the report said.'), ['modal-changed']);
  assert.deepEqual(hedges('He said he can attend the meeting.', 'He said he could attend the meeting.'), []);
  assert.deepEqual(hedges('The plan will cut costs, she said.', 'The plan would cut costs, she said.'), []);
});
