/**
 * @module core/extract/settings
 * Every tuned constant of the extract stage, with what it was calibrated on. "Fixtures"
 * means the hand-written pages in test/fixtures/extract/; the Zyte extraction benchmark
 * has no dev split and was used to measure only, never to pick these values.
 */

/** Longest line (in words) that a furniture pattern may remove. Furniture lines are short;
 * set from the fixtures' share bars and follow lines (all under 25 words) with headroom, so a
 * long real paragraph that happens to start with "Related" or "Share" is never cut. */
export const MAX_FURNITURE_WORDS = 30;

/** Lines after a bare "Related"/"Read more" heading that are still treated as a link list,
 * when they look like headlines (short, no final period). Fixtures use 3 to 6 links. */
export const MAX_RELATED_LINKS = 8;

/** A link-list line is a headline-like line of at most this many words. Calibrated on
 * fixture headlines (6 to 16 words). */
export const MAX_HEADLINE_WORDS = 20;

/** A comments heading ("3 Comments", "Leave a Reply") only cuts the rest of the body when it
 * comes after this share of the body's characters; earlier it is treated as a single line.
 * Comment sections trail the article on every fixture page. */
export const COMMENTS_TAIL_MIN_POSITION = 0.5;

/** Readability's minimum article length in characters (its default is 500). Lowered so a short
 * wire item or a spun stub is still taken as an article; the fallback covers the rest. */
export const READABILITY_CHAR_THRESHOLD = 250;

/** A DOM block whose class/id names it as share/related/ad/newsletter furniture is kept anyway
 * when it holds more than this share of the page's text: then it is a mis-named wrapper
 * around the article (Elementor and tagDiv wrap articles in classes such as "td-post-content
 * td-pb-padding-side"), not furniture. Comment blocks are judged by structure instead. */
export const MAX_FURNITURE_SHARE = 0.4;

/** Longest DOM-removed comment/form text kept verbatim in `removed`; a page's whole reader
 * discussion is not worth carrying in the report. */
export const MAX_REMOVED_DOM_CHARS = 2000;

/** Leading body paragraphs searched for a repeated title, a "By ..." line or a date line. The
 * fixtures put them in the first three (title, byline, date); one more for a kicker line. */
export const HEADER_PARAGRAPHS = 4;

/** A plain-text first line longer than this is the first paragraph, not a title. Headlines in
 * the fixtures and the specimen run 6 to 14 words; spun headlines get longer, hence headroom. */
export const MAX_TITLE_WORDS = 40;

/** A "By ..." line longer than this is a sentence about someone, not a byline. Fixture bylines
 * with roles ("By Tomas Lindqvist, Staff Reporter") stay under 8 words. */
export const MAX_BYLINE_WORDS = 16;

/** A published LLM refusal is a short paragraph; a longer first-person paragraph that happens
 * to start "I cannot ..." is an opinion writer's. Fixture refusals run 15 to 40 words. */
export const MAX_REFUSAL_WORDS = 80;

/** Longest photo caption (in words) cut when it ends with its credit ("... Photograph: Name/
 * Agency"). Captions on news pages run 8 to 40 words; a paragraph never ends with a credit. */
export const MAX_CAPTION_WORDS = 60;

/** Longest label line (in words) cut when nothing in the source supports it: a name under a
 * photo, a section name, a kicker. Invented fixtures' labels run 1 to 4 words; 6 leaves room
 * for "Minister of State for Trade". */
export const MAX_LABEL_WORDS = 6;

/** A paragraph no source supports is the site's template when it also occurs on at least this
 * many other recorded pages of the same site. Three: a menu or widget recurs on every page,
 * while a sentence of one story rarely recurs on three other pages of its site (updated
 * versions, tag and front pages) and, when it does, aligns with its source and is kept. */
export const SITE_TEMPLATE_MIN_PAGES = 3;

/** A paragraph or list item inside the article that is nearly all link text, at most this
 * many words and with no sentence end, is a teaser for another page. Fixture teasers run 4 to
 * 14 words. */
export const MAX_TEASER_WORDS = 16;
/** Share of such an element's characters inside links. A sentence with a linked name or
 * phrase stays far below it. */
export const MIN_TEASER_LINK_SHARE = 0.9;
