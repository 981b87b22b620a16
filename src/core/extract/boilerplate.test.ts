import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyLine, removeBoilerplate } from './boilerplate.ts';

test('furniture lines get their reason codes', () => {
  const cases: [string, string][] = [
    ['Please enter your comment!', 'comment-form'],
    ['Please enter your name here', 'comment-form'],
    ['You have entered an incorrect email address!', 'comment-form'],
    ['Save my name, email, and website in this browser for the next time I comment.', 'comment-form'],
    ['Leave a Reply Cancel reply', 'comment-form'],
    ['Please enter your comment!Please enter your name here', 'comment-form'],
    ['Comment:Name:*Email:*Website: Save my name, email, and website in this browser for the next time I comment.', 'comment-form'],
    ['Follow us on Google News', 'social-follow'],
    ['Click here to follow us on Twitter for breaking news.', 'social-follow'],
    ['Follow The Daily Post on Google News', 'social-follow'],
    ['[ad_1]', 'ad-slot'],
    ['Advertisement', 'ad-slot'],
    ['Story continues below advertisement', 'ad-slot'],
    ['Share this:', 'share-bar'],
    ['Share on Facebook Twitter WhatsApp Pinterest Email', 'share-bar'],
    ['Facebook Twitter LinkedIn', 'share-bar'],
    ['This post was originally published on this site', 'autoblog-marker'],
    ['Source link', 'autoblog-marker'],
    ['The post Storm hits coast appeared first on News Today.', 'autoblog-marker'],
    ['(Except for the headline, this story has not been edited by NDTV staff and is published from a syndicated feed.)', 'autoblog-marker'],
    ['Related: Five things to know about the vote', 'related-links'],
    ['Read more: Why the bridge closed', 'related-links'],
    ['Also read:', 'related-links'],
    ['Sign up for our daily newsletter to get the top stories.', 'newsletter'],
    ['© 2024 Example Media Ltd. All rights reserved.', 'copyright'],
    ['Copyright 2023 The Associated Press.', 'copyright'],
    ["As an AI language model, I cannot browse the internet.", 'llm-refusal'],
    ["I'm sorry, but I can't assist with that.", 'llm-refusal'],
    ['I cannot rewrite this article because it is copyrighted.', 'llm-refusal'],
    ['[current date and time]', 'template-leftover'],
    ['{{headline}}', 'template-leftover'],
    ['Rewritten article:', 'template-leftover'],
    ['Title: Storm Batters Coast', 'template-leftover'],
    ["Sure, here is the rewritten news article:", 'template-leftover'],
  ];
  for (const [line, reason] of cases) assert.equal(classifyLine(line), reason, line);
});

test('real sentences that mention comments, sharing or following stay', () => {
  const keep = [
    'The minister declined to comment on the report.',
    'Comments made by the senator on Tuesday drew criticism from both parties.',
    'Shares in the company fell 4% after the announcement.',
    'He urged supporters to follow him on Truth Social after the ban.',
    'Advertisement revenue fell by a fifth in the third quarter, the company said.',
    'Related charges were filed against two other men last month.',
    'Copyright lawsuits against AI companies have multiplied this year.',
    'Source: the ministry said the figures were provisional.',
    '"I\'m sorry, but I can\'t help you," the clerk told her, according to the complaint.',
    'As an AI researcher, she has warned about the risks for years.',
    'Unfortunately, officials could not provide a timeline for the repairs.',
    'Facebook and Twitter both removed the posts within hours.',
    'The newsletter, which began in 2015, now reaches two million readers.',
    'He told the court that [the defendant] had threatened him twice.',
    'This story was posted on Facebook by the victim\'s mother on Sunday.',
    'Share prices recovered later in the day.',
    'Title insurance costs have risen sharply in Texas.',
    "I can't help with the feeling that the council has lost its way on housing.",
    'I cannot comply with a law I believe is unjust, the activist wrote in her letter.',
  ];
  for (const line of keep) assert.equal(classifyLine(line), null, line);
  const body = keep.join('\n\n');
  const out = removeBoilerplate(body);
  assert.equal(out.text, body);
  assert.deepEqual(out.removed, []);
});

test('removes inline ad tokens and placeholders, keeping the sentence', () => {
  const out = removeBoilerplate('[ad_1] The council met on Monday.\n\n[City], [current date and time] – Rain fell all day.');
  assert.equal(out.text, 'The council met on Monday.\n\nRain fell all day.');
  assert.deepEqual(
    out.removed.map((r) => r.text),
    ['[ad_1]', '[City]', '[current date and time]'],
  );
});

test('a link list after a Related heading goes; the next real paragraph stays', () => {
  const body = [
    'The storm moved east overnight, forecasters said.',
    'Related',
    'Ten photos of the flooded high street',
    'How to claim on your home insurance',
    'Forecasters expect the rain to ease by Friday, though rivers will stay high for days.',
  ].join('\n\n');
  const out = removeBoilerplate(body);
  assert.equal(out.text, 'The storm moved east overnight, forecasters said.\n\nForecasters expect the rain to ease by Friday, though rivers will stay high for days.');
  assert.deepEqual(out.removed.map((r) => r.reason), ['related-links', 'related-links', 'related-links']);
});

test('a comments heading late in the body cuts the thread after it', () => {
  const article = Array.from({ length: 6 }, (_, i) => `Paragraph ${i} of the report describes what happened in some detail.`);
  const body = [...article, '3 Comments', 'Anna says:', 'Great piece, thanks.', 'Please enter your comment!'].join('\n\n');
  const out = removeBoilerplate(body);
  assert.equal(out.text, article.join('\n\n'));
  assert.deepEqual(out.removed.map((r) => r.reason), ['comments', 'comments', 'comments', 'comment-form']);
});

test('an early "Comments" line does not swallow the article', () => {
  const body = ['Comments', 'The bridge reopened on Friday after repairs costing 2 million.', 'Traffic was light.'].join('\n\n');
  const out = removeBoilerplate(body);
  assert.equal(out.text, 'The bridge reopened on Friday after repairs costing 2 million.\n\nTraffic was light.');
  assert.deepEqual(out.removed, [{ text: 'Comments', reason: 'comments' }]);
});

test('refusal follow-ups are cut only after a refusal', () => {
  const refused = removeBoilerplate("I'm sorry, but I can't rewrite this article.\n\nIf you would like, I can summarize it instead.");
  assert.equal(refused.text, '');
  assert.equal(refused.removed.length, 2);
  const normal = 'If you would like to help, the charity accepts donations online.';
  assert.equal(removeBoilerplate(normal).text, normal);
});
