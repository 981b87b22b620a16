/**
 * @module core/extract/boilerplate
 * Line-level removal of page furniture that survives main-content extraction: comment forms,
 * follow/share lines, ad markers, autoblog credits, link lists, newsletter boxes, copyright
 * lines, published LLM refusals and unfilled prompt templates.
 *
 * Every pattern is anchored to a whole line (or, for placeholders such as "[ad_1]" and
 * "{{date}}", to a bracketed token), so a real sentence that merely mentions comments or
 * sharing is never touched. Each cut piece is returned verbatim with a stable reason code.
 */
import type { RemovedText } from '../types.ts';
import { furnitureLine, leadingFurniture, trailingReadMore, type FurnitureReason } from './furniture.ts';
import {
  COMMENTS_TAIL_MIN_POSITION,
  MAX_REFUSAL_WORDS,
  MAX_FURNITURE_WORDS,
  MAX_HEADLINE_WORDS,
  MAX_RELATED_LINKS,
} from './settings.ts';

/** Stable reason codes for removed text. Never rename: reports and UIs key on them. */
export type BoilerplateReason =
  | 'comment-form'
  | 'comments'
  | 'social-follow'
  | 'ad-slot'
  | 'share-bar'
  | 'autoblog-marker'
  | 'related-links'
  | 'newsletter'
  | 'copyright'
  | 'llm-refusal'
  | 'template-leftover'
  | 'repeated-title'
  | FurnitureReason;

interface LineRule {
  reason: BoilerplateReason;
  test: (line: string, words: number) => boolean;
}

const PLATFORMS =
  'google news|google|twitter|x|facebook|instagram|telegram|whatsapp|linkedin|youtube|threads|tiktok|' +
  'pinterest|reddit|flipboard|bluesky|mastodon|snapchat|truth social|apple news|msn|newsbreak|koo|sharechat';

const SHARE_WORDS = new Set([
  'share', 'shares', 'sharing', 'on', 'via', 'this', 'article', 'story', 'post', 'page', 'facebook',
  'twitter', 'x', 'whatsapp', 'pinterest', 'linkedin', 'email', 'e-mail', 'mail', 'print', 'telegram',
  'reddit', 'tumblr', 'messenger', 'viber', 'vk', 'copy', 'link', 'url', 'tweet', 'pin', 'it', 'sms',
  'more', 'threads', 'flipboard', 'pocket', 'skype', 'line', 'bluesky', 'mastodon', 'google', 'news',
  'the', 'with', 'your', 'friends', 'click', 'to', 'opens', 'in', 'new', 'window', 'tab', 'and', 'or',
  'like', 'whatsapp', 'snapchat', 'digg', 'stumbleupon', 'xing', 'naver', 'kakao', 'weibo', 'qq',
]);
const PLATFORM_WORDS = new Set([
  'facebook', 'twitter', 'whatsapp', 'pinterest', 'linkedin', 'email', 'telegram', 'reddit', 'tumblr',
  'messenger', 'viber', 'vk', 'tweet', 'flipboard', 'pocket', 'skype', 'bluesky', 'mastodon', 'print',
  'digg', 'xing', 'snapchat', 'weibo',
]);

const re = (source: string): RegExp => new RegExp(source, 'iu');

// Whole-line patterns, grouped by reason. Tested against a trimmed line.
const COMMENT_FORM = [
  re(String.raw`^please enter (?:your|a valid) (?:comment|name|e-?mail(?: address)?|website)(?: here)?\s*[!.]*$`),
  re(String.raw`^you have entered an incorrect e-?mail address!?$`),
  re(String.raw`^save my name,? e-?mail,? (?:and|&) website in this browser for the next time i comment\.?$`),
  re(String.raw`^(?:leave|post|add|write|submit|post your|add your|join the) (?:a |your |the )?(?:reply|comment|comments|response|discussion)\s*(?:cancel reply)?\s*[:.!]?$`),
  re(String.raw`^cancel reply$`),
  re(String.raw`^(?:reply|comment|submit|post comment|send)$`),
  re(String.raw`^your e-?mail address will not be published\.?(?:\s*required fields are marked\s*\*?\.?)?$`),
  re(String.raw`^required fields are marked\s*\*?\.?$`),
  re(String.raw`^(?:name|e-?mail|website|comment|your name|your e-?mail)\s*\*?\s*:?\s*\*?$`),
  re(String.raw`^notify me of (?:follow-?up comments|new posts|new comments|replies)\b.{0,60}$`),
  re(String.raw`^this site uses akismet to reduce spam\.?.{0,80}$`),
  re(String.raw`^(?:you must be )?logged in to post a comment\.?$|^you must be logged in to post a comment\.?$`),
  re(String.raw`^(?:be the first to comment|no comments yet|comments are closed)[.!]?$`),
  re(String.raw`^δ$`),
];

// Form phrases that page text often glues together ("Please enter your comment!Please enter
// your name here", "Comment:Name:*Email:*"): a line made only of these is a comment form.
const FORM_PHRASE = new RegExp(
  [
    String.raw`please enter (?:your|a valid) (?:comment|name|e-?mail(?: address)?|website)(?: here)?\s*[!.]*`,
    String.raw`you have entered an incorrect e-?mail address!?`,
    String.raw`save my name,? e-?mail,? (?:and|&) website in this browser for the next time i comment\.?`,
    String.raw`your e-?mail address will not be published\.?`,
    String.raw`required fields are marked\s*\*?`,
    String.raw`(?:leave a (?:reply|comment)|cancel reply|post comment|submit comment)`,
    String.raw`(?:comment|name|e-?mail|website)\s*:?\s*\*?\s*:?`,
  ].join('|'),
  'giu',
);

function isGluedFormText(line: string): boolean {
  if (!/please enter|incorrect e-?mail|save my name|will not be published|required fields/i.test(line)) return false;
  return line.replace(FORM_PHRASE, '').replace(/[\s*:!.,|]+/g, '') === '';
}

// Headings that start a trailing comment section: the rest of the body goes with them.
const COMMENTS_HEADING = [
  re(String.raw`^\d+\s+(?:comments?|responses?|replies)$`),
  re(String.raw`^(?:\d+|one|two|three)\s+thoughts? on\s+.{1,200}$`),
  re(String.raw`^(?:comments?|reader comments)\s*(?:\(\d+\))?$`),
  re(String.raw`^leave a (?:reply|comment)(?: cancel reply)?$`),
];

const SOCIAL_FOLLOW = [
  re(String.raw`^(?:click here to |tap here to |also,? |and |please |stay (?:updated|connected|informed)[,:!]? |don['’]t forget to )?(?:follow|join|like|subscribe to|find) us on (?:${PLATFORMS})\b.*$`),
  re(String.raw`^(?:click here to |also,? |stay (?:updated|connected|informed)[,:!]? )?follow\s+(?:\S+\s+){0,6}on (?:google news|apple news|msn|newsbreak)\b.*$`),
  re(String.raw`^(?:follow|connect with|find) us(?: on)?\s*[:\-–—]?\s*(?:(?:${PLATFORMS})[\s,|/]*)*$`),
  re(String.raw`^(?:get|for) (?:the )?latest (?:news|updates).{0,60}\b(?:follow|join) us on (?:${PLATFORMS})\b.*$`),
  re(String.raw`^(?:join|subscribe to) our (?:whatsapp|telegram|youtube|google news)\s+(?:channel|group|community)\b.*$`),
];

const AD_SLOT = [
  re(String.raw`^(?:\[ad_?\d+\]\s*)+$`),
  // "Advertisement", misspelt "Advertisment", "- Advertisement -", "ADVERTISEMENT - SCROLL TO CONTINUE".
  re(String.raw`^[\-–—\s]*(?:advert(?:i[sz]e?)?ments?|advertising|advertorial|sponsored|sponsored content|paid content|ad|ads|promoted|promotion)(?:\s*[:\-–—]\s*(?:scroll (?:down )?to continue(?: reading)?|continue reading below|story continues below)?)?[\s\-–—]*$`),
  re(String.raw`^(?:story|article|content|text) continues (?:below|after)(?:\s+(?:this |the )?(?:advertisement|ad|advert))?\.?$`),
  re(String.raw`^(?:continue reading|scroll (?:down )?to continue(?: with content| reading)?)(?: below)?(?: the)?(?: advertisement| ad)?\.?$`),
  re(String.raw`^(?:skip|close) (?:this )?(?:ad|advertisement)$`),
];

const SHARE_BAR = [
  re(String.raw`^(?:share|share this|share this (?:article|story|post|page)|share on|share via|share with your friends|sharing is caring)\s*[:!.\-–—]?\s*$`),
  re(String.raw`^(?:like this|like loading\.*|loading\.*)\s*:?$`),
  re(String.raw`^(?:click to share on|share on|share to|tweet this|pin it|email this)\b.{0,80}$`),
];

const AUTOBLOG = [
  re(String.raw`^this (?:post|article|story|content) (?:was |has been |is )?(?:(?:originally|first) (?:published|appeared|posted)|(?:published|posted|syndicated) (?:on|at) this site|syndicated from|republished (?:from|with permission)).{0,120}$`),
  re(String.raw`^(?:source link|source url|original source|original link|original article|read original article|read the original article|read full article|read the full article|read full story|read more at source)\s*[:.!]?.{0,120}$`),
  re(String.raw`^the post .{1,300} appeared first on .{1,120}$`),
  re(String.raw`^(?:originally published|first published) (?:on|at|in|by) .{1,120}$`),
  re(String.raw`^\(?(?:except for the headline, )?this story has not been edited by .{1,60} staff and is (?:auto-generated|published) from a syndicated feed\.?\)?$`),
  re(String.raw`^(?:disclaimer:?\s*)?(?:this (?:story|article|news|content) (?:is|was|has been) )?(?:auto-?generated|published) from (?:a |an )?(?:syndicated|agency|automated) (?:news )?feed.{0,120}$`),
  re(String.raw`^\[embedded content\]$`),
  re(String.raw`^source:\s*(?:https?://|www\.)\S+$`),
];

const RELATED_HEADING = re(
  String.raw`^(?:related|related articles?|related posts?|related stories|related news|related content|related coverage|related topics|related reading|more on this(?: story| topic)?|read more|read also|also read|also see|must read|see also|further reading|keep reading|more from .{1,40}|you may (?:also )?(?:like|read|want to read|be interested in)|you might (?:also )?(?:like|read|want to read|be interested in)|recommended(?: for you| stories| articles| reading)?|more stories|more news|other news|latest news|latest posts|latest stories|trending(?: now| stories| news)?|popular(?: posts| stories| news)?|most read|most popular|don['’]t miss|editor['’]?s picks?|top stories|tags|topics|filed under|categories)\s*[:\-–—»>|→›]?$`,
);
const RELATED_INLINE = re(
  String.raw`^(?:related|read more|read also|also read|also see|must read|see also|further reading|recommended|more|read|watch|listen|tags|topics|filed under|categories|you may (?:also )?(?:like|read)|you might (?:also )?(?:like|read)|don['’]t miss)\s*[:\-–—»>|→›]\s*.{1,300}$`,
);
// "Read more on theguardian.com", "Read the full story at Example News", "Read more →".
const READ_MORE_AT = re(
  String.raw`^(?:…\s*)?(?:read|continue reading|read the (?:full |whole )?(?:story|article|report)|read (?:the )?full (?:story|article|report)|read more|see more|find out more|more)(?: (?:on|at|in|from|via) (?:(?:[\w-]+\.)+[a-z]{2,}|[^.!?]{1,60}))?\s*(?:→|»|›|>>|\.\.\.|…)?\s*$`,
);

const NEWSLETTER = [
  re(String.raw`^(?:sign up|subscribe|register) (?:for|to) (?:our|the|my|a|free)\b.{0,80}\bnewsletters?\b.{0,120}$`),
  re(String.raw`^.{0,60}\bnewsletters?\b.{0,40}\b(?:sign up|subscribe|inbox)\b.{0,40}$`),
  re(String.raw`^(?:get|receive) (?:the |our )?(?:latest|best|top|daily|weekly).{0,80}\b(?:delivered|straight|sent)\b.{0,20}\b(?:to )?your inbox\.?.{0,60}$`),
  re(String.raw`^(?:enter your e-?mail(?: address)?|your e-?mail address|e-?mail address)\s*[:.]?\s*\*?$`),
  re(String.raw`^(?:subscribe|sign up|subscribe now|sign up now|sign me up)\s*[!.]?$`),
  re(String.raw`^by (?:signing up|subscribing|clicking (?:sign up|subscribe)),? you (?:agree|consent|acknowledge)\b.{0,200}$`),
  re(String.raw`^thank you for (?:subscribing|signing up)[.!]?.{0,80}$`),
  // Subscription widgets: "Discover more from Example Daily", "Subscribe to get the latest posts
  // sent to your email.", "Type your email…", "Subscribe to continue reading".
  re(String.raw`^discover more from [^.!?]{1,60}$`),
  re(String.raw`^(?:subscribe|sign up)(?: now)? (?:to|for) (?:get |receive )?(?:the )?(?:latest|new|our|all|daily|weekly|free)? ?(?:posts|updates|stories|articles|news|alerts)\b.{0,60}\b(?:e-?mail|inbox)\b.{0,20}$`),
  re(String.raw`^subscribe to (?:continue|keep) reading\b.{0,80}$`),
  re(String.raw`^(?:type|enter) your e-?mail(?: address)?(?:…|\.\.\.|\s*here)?\s*[.:]?$`),
  re(String.raw`^(?:get|receive) (?:new |the latest )?(?:posts|stories|updates|articles) (?:sent |delivered )?(?:straight )?to your (?:e-?mail|inbox)\.?$`),
];

const COPYRIGHT = [
  re(String.raw`^(?:©|\(c\)|copyright\b).{0,200}(?:©|\b(?:19|20)\d\d\b|rights reserved).{0,200}$`),
  re(String.raw`^all rights reserved\b.{0,200}$`),
  re(String.raw`^.{0,100}\ball rights reserved\.?$`),
  re(String.raw`^this material may not be published, broadcast, rewritten,? or redistributed\.?.{0,60}$`),
];

// An LLM refusal: an apology or inability opener plus a word about the request itself, or the
// tell-tale self-description. A quoted sentence starts with a quote mark, so quotes are safe.
const REFUSAL_OPENER = re(
  String.raw`^(?:i['’]m sorry|i am sorry|sorry,? (?:but )?i|i apologi[sz]e|unfortunately,? i (?:cannot|can['’]t|am unable|['’]m unable)|i['’]m unable|i am unable|i['’]m not able|i am not able|i cannot|i can['’]t|i can not|i won['’]t be able)\b`,
);
const REFUSAL_TOPIC = re(
  String.raw`\b(?:(?:assist|help)(?: you)? with (?:that|this|rewriting|paraphrasing|rephrasing)\b|(?:assist|help)(?: you)? with (?:your|the|this|that) (?:request|task|query)|(?:rewrite|rewriting|re-write|rephras\w*|paraphras\w*|reword\w*|spin|generate|create|produce|write|provide)(?:\s+\S+){0,3}?\s+(?:article|text|content|request|story|piece|paragraphs?|version|rewrite)s?\b|(?:your|this|that) request|language model|ai model|openai|content polic(?:y|ies)|usage polic(?:y|ies))`,
);
// What an assistant says after refusing; only cut once a refusal has been seen.
const REFUSAL_FOLLOW_UP = re(
  String.raw`^(?:if you(?:['’]d| would) like|would you like|let me know|feel free|however,? i can|instead,? i can|i can (?:also )?(?:help|provide|offer|write|summari[sz]e|assist)|i(?:['’]d| would) be (?:happy|glad) to|please (?:provide|let me know|feel free))\b`,
);
const AI_SELF = re(String.raw`^(?:as an ai(?: language model| assistant| model|,)|as a language model)`);

const TEMPLATE_LINE = [
  re(String.raw`^(?:title|headline|article|rewritten article|rewritten version|rewritten text|paraphrased (?:article|version|text)|new article|article body|body|introduction|conclusion|in conclusion|summary|meta description|seo title|keywords|focus keyword|slug)\s*:\s*$`),
  re(String.raw`^(?:sure|certainly|of course|absolutely)[,!.]? here(?:['’]s| is| are) (?:the |a |an |your )?.{0,80}[:.]?$`),
  re(String.raw`^here(?:['’]s| is) (?:the |a |an |your )?(?:rewritten|paraphrased|revised|reworded|unique|plagiarism-free|seo-optimized|new) .{0,80}[:.]?$`),
  re(String.raw`^(?:title|headline|rewritten article|rewritten version|meta description|seo title|keywords|focus keyword|slug)\s*:\s*.{1,200}$`),
  re(String.raw`^(?:word count|note|notes)\s*:\s*.{0,80}\b(?:words?|rewritten|paraphras\w*|original article|plagiarism)\b.{0,80}$`),
];
// Unfilled placeholders inside a line: "[current date and time]", "[insert quote]", "{{city}}".
// A bracket counts only when every word in it is placeholder vocabulary (or it starts with
// "insert"), so editorial insertions in quotes ("[the president]") stay.
const BRACKET = /\[([^\]\n]{1,80})\]|\{\{[^{}\n]{1,80}\}\}/gu;
const PLACEHOLDER_WORDS = new Set(
  ('your author author\'s authors current date time and or today today\'s name company source link url ' +
    'location city country title headline here placeholder number quote publication website site reporter ' +
    'news outlet organization organisation person event full of the article relevant image photo caption day ' +
    'month year e-mail email phone address brand product topic keyword keywords main first last dd mm yyyy')
    .split(' '),
);
const PLACEHOLDER_FUNCTION_WORDS = new Set(['the', 'of', 'and', 'or', 'here', 'full', 'first', 'last', 'main']);
const AD_TOKEN = /\[ad_?\d+\]/giu;

const LINE_RULES: LineRule[] = [
  { reason: 'comment-form', test: (l) => COMMENT_FORM.some((r) => r.test(l)) || isGluedFormText(l) },
  { reason: 'ad-slot', test: (l) => AD_SLOT.some((r) => r.test(l)) },
  { reason: 'social-follow', test: (l, n) => n <= MAX_FURNITURE_WORDS && SOCIAL_FOLLOW.some((r) => r.test(l)) },
  { reason: 'share-bar', test: (l, n) => n <= MAX_FURNITURE_WORDS && (SHARE_BAR.some((r) => r.test(l)) || isShareWordList(l)) },
  { reason: 'autoblog-marker', test: (l, n) => n <= MAX_FURNITURE_WORDS + 20 && AUTOBLOG.some((r) => r.test(l)) },
  { reason: 'related-links', test: (l, n) => n <= MAX_FURNITURE_WORDS && (RELATED_HEADING.test(l) || RELATED_INLINE.test(l) || READ_MORE_AT.test(l)) },
  { reason: 'newsletter', test: (l, n) => n <= MAX_FURNITURE_WORDS + 10 && NEWSLETTER.some((r) => r.test(l)) },
  { reason: 'copyright', test: (l, n) => n <= MAX_FURNITURE_WORDS && COPYRIGHT.some((r) => r.test(l)) },
  { reason: 'llm-refusal', test: (l) => isRefusal(l) },
  { reason: 'template-leftover', test: (l, n) => n <= MAX_FURNITURE_WORDS + 10 && TEMPLATE_LINE.some((r) => r.test(l)) },
  { reason: 'template-leftover', test: (l) => isOnlyPlaceholders(l) },
];

function wordCount(line: string): number {
  return line.split(/\s+/).filter(Boolean).length;
}

/** "Facebook Twitter WhatsApp Pinterest Email": only share vocabulary, naming a platform. */
function isShareWordList(line: string): boolean {
  const words = line.toLowerCase().match(/[\p{L}-]+/gu) ?? [];
  // A share button on its own line: "Facebook", "WhatsApp", "Print".
  if (words.length === 1) return PLATFORM_WORDS.has(words[0] ?? '') && /^[\p{L}-]+$/u.test(line);
  if (words.length < 2) return false;
  if (/[.!?]["”’)]?$/u.test(line) && words.length > 6) return false;
  const platforms = words.filter((w) => PLATFORM_WORDS.has(w)).length;
  return platforms >= 2 && words.every((w) => SHARE_WORDS.has(w));
}

function isRefusal(line: string): boolean {
  if (/^["“'‘]/.test(line) || wordCount(line) > MAX_REFUSAL_WORDS) return false;
  if (AI_SELF.test(line)) return true;
  return REFUSAL_OPENER.test(line) && REFUSAL_TOPIC.test(line.slice(0, 300));
}

function isPlaceholder(token: string, inner: string | undefined): boolean {
  if (inner === undefined) return token.startsWith('{{');
  const words = inner.toLowerCase().replace(/[’]/g, "'").match(/[\p{L}\p{N}'-]+|x{2,}/gu) ?? [];
  if (words.length === 0) return false;
  if (words[0] === 'insert' || words.every((w) => /^x{2,}$/.test(w))) return true;
  if (words.length > 6 || !words.every((w) => PLACEHOLDER_WORDS.has(w))) return false;
  // An editor's bracket around a function word ("[The] party", "[of]") is not a template slot.
  if (words.every((w) => PLACEHOLDER_FUNCTION_WORDS.has(w))) return false;
  // Template slots are written "[Name]" or "[your name]"; an editor's "[name]" is lower-case.
  return /^\p{Lu}/u.test(inner.trim()) || /^(?:your|current|today|author)/.test(words[0] ?? '');
}

/** Placeholder tokens in a line, with their offsets. */
function findPlaceholders(line: string): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  for (const m of line.matchAll(BRACKET)) {
    if (isPlaceholder(m[0], m[1])) out.push({ text: m[0], index: m.index ?? 0 });
  }
  return out;
}

function isOnlyPlaceholders(line: string): boolean {
  const found = findPlaceholders(line);
  if (found.length === 0) return false;
  let rest = line;
  for (const f of found) rest = rest.replace(f.text, '');
  return rest.replace(/[\s,.:;|\-–—]+/g, '').length === 0;
}

function isRelatedHeading(line: string): boolean {
  return RELATED_HEADING.test(line);
}

/** Headline-like: short, not ending as a sentence does. */
function looksLikeLinkTitle(line: string): boolean {
  const n = wordCount(line);
  return n > 0 && n <= MAX_HEADLINE_WORDS && !/[.!?:;,]["”’)]?$/u.test(line);
}

/** The reason a whole line is furniture, or null when it is article text. */
export function classifyLine(line: string): BoilerplateReason | null {
  const trimmed = line.trim();
  if (!trimmed) return null;
  const n = wordCount(trimmed);
  for (const rule of LINE_RULES) if (rule.test(trimmed, n)) return rule.reason;
  return furnitureLine(trimmed);
}

/**
 * Removes furniture lines and placeholder tokens from a body whose paragraphs are separated by
 * blank lines. Returns the cleaned body (paragraphs joined by "\n\n", lines inside a paragraph
 * kept) and every removed piece, verbatim, in reading order.
 */
export function removeBoilerplate(text: string): { text: string; removed: RemovedText[] } {
  const removed: RemovedText[] = [];
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n/)
    .map((p) => p.split('\n'));
  const total = text.length || 1;
  let position = 0;
  let tail = false;
  let linkBudget = 0;
  let refusalSeen = false;
  const kept: string[] = [];

  for (const lines of paragraphs) {
    const keptLines: string[] = [];
    for (const rawLine of lines) {
      const line = rawLine.trim();
      position += rawLine.length + 1;
      if (!line) continue;
      if (tail) {
        removed.push({ text: line, reason: classifyLine(line) ?? 'comments' });
        continue;
      }
      if (COMMENTS_HEADING.some((r) => r.test(line))) {
        // Early on it is a comment-count link by the byline; late, the thread follows it.
        removed.push({ text: line, reason: classifyLine(line) ?? 'comments' });
        tail = position / total >= COMMENTS_TAIL_MIN_POSITION;
        continue;
      }
      if (linkBudget > 0 && looksLikeLinkTitle(line) && classifyLine(line) === null) {
        removed.push({ text: line, reason: 'related-links' });
        linkBudget--;
        continue;
      }
      linkBudget = 0;
      if (refusalSeen && REFUSAL_FOLLOW_UP.test(line)) {
        removed.push({ text: line, reason: 'llm-refusal' });
        continue;
      }
      const reason = classifyLine(line);
      if (reason === 'llm-refusal') refusalSeen = true;
      if (reason) {
        removed.push({ text: line, reason });
        if (reason === 'related-links' && isRelatedHeading(line)) linkBudget = MAX_RELATED_LINKS;
        continue;
      }
      const cleaned = stripInlineTokens(stripGluedFurniture(line, removed), removed);
      if (cleaned) keptLines.push(cleaned);
    }
    if (keptLines.length) kept.push(keptLines.join('\n'));
  }
  return { text: kept.join('\n\n'), removed };
}

/** Cuts a kicker or photo credit from the start of a line and a "Read more →" from its end. */
function stripGluedFurniture(line: string, removed: RemovedText[]): string {
  let out = line;
  const lead = leadingFurniture(out);
  if (lead) {
    removed.push({ text: lead.text, reason: lead.reason });
    out = lead.rest;
    // "Image copyright Reuters Image caption The minister ...": what follows the credit may be
    // furniture too.
    const rest = classifyLine(out);
    if (rest) {
      removed.push({ text: out, reason: rest });
      return '';
    }
  }
  const tail = trailingReadMore(out);
  if (tail) {
    removed.push({ text: tail.text, reason: 'related-links' });
    out = tail.rest;
  }
  return out;
}

/** Cuts "[ad_1]" and unfilled placeholders out of a line of otherwise real text. */
function stripInlineTokens(line: string, removed: RemovedText[]): string {
  let out = line;
  for (const m of line.matchAll(AD_TOKEN)) removed.push({ text: m[0], reason: 'ad-slot' });
  out = out.replace(AD_TOKEN, ' ');
  for (const f of findPlaceholders(out)) {
    removed.push({ text: f.text, reason: 'template-leftover' });
    out = out.replace(f.text, ' ');
  }
  if (out === line) return line;
  // Tidy the gap a token leaves: "[City], [date] – The ..." and "said the librarian, {{name}}."
  return out
    .replace(/\s{2,}/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/,+([.;:!?])/g, '$1')
    .replace(/^[\s,;:–—-]+/u, '')
    .trim();
}
