/**
 * @module core/extract/furniture
 * Line-shape rules for the page furniture that sits among article paragraphs, judged on the
 * text alone so they work for plain text and HTML alike: photo credits and captions, raw
 * image addresses, breadcrumbs, "Read more" teasers, subscription widgets, misspelt ad
 * markers, reading-time badges, kicker labels ("BREAKING NEWS -"), correction notes and
 * aggregator disclaimers.
 *
 * Every rule is anchored to a whole line, or to a credit or kicker at the very start or end
 * of one, and needs a shape no reporter's sentence has ("Photograph: Name/Agency" at the end,
 * "Home > World" with separators, a bare file name). A line that merely mentions photos,
 * subscriptions or corrections is never touched.
 */
import { MAX_CAPTION_WORDS, MAX_FURNITURE_WORDS } from './settings.ts';

/** Stable reason codes of this module (see BoilerplateReason). */
export type FurnitureReason =
  | 'image-credit'
  | 'caption'
  | 'image-link'
  | 'breadcrumb'
  | 'reading-time'
  | 'kicker'
  | 'correction-note'
  | 'disclaimer'
  | 'dateline';

const re = (source: string, flags = 'iu'): RegExp => new RegExp(source, flags);

const GUARDED_RULES: GuardedRule[] = [];

/** Every rule kept behind literal tests (the test that they answer as the rule alone reads them). */
export function guardedFurnitureRules(): readonly { test(line: string): boolean; readonly rule: RegExp }[] {
  return GUARDED_RULES;
}

/**
 * A rule that reads a CREDIT or a PERSON, behind cheap tests every line it matches passes (a
 * literal it needs: an agency's name, its own opening words). Such a rule costs irregexp
 * 5-60 ms to compile (PERSON's Unicode letter classes, copied per repeat, and ninety agency
 * names): a page that never passes the tests never builds it, which is most of a one-off
 * trace's extraction time. Same answers as the rule alone (furniture.test.ts checks).
 */
class GuardedRule {
  private built: RegExp | null = null;

  constructor(
    private readonly needs: readonly RegExp[],
    private readonly source: string,
    private readonly flags: string,
  ) {
    GUARDED_RULES.push(this);
  }

  /** The rule itself, built on first use. */
  get rule(): RegExp {
    return (this.built ??= new RegExp(this.source, this.flags));
  }

  test(line: string): boolean {
    return this.needs.every((n) => n.test(line)) && this.rule.test(line);
  }

  exec(line: string): RegExpExecArray | null {
    return this.needs.every((n) => n.test(line)) ? this.rule.exec(line) : null;
  }
}

// Picture agencies and credit words. General knowledge of how news pages credit photos.
const AGENCY =
  String.raw`(?:AFP|AP(?: Photo)?|Associated Press|Reuters|REUTERS|Getty(?: Images| Pictures)?|EPA(?:-EFE)?|EFE|PA(?: Media| Wire| Images)?|` +
  String.raw`Shutterstock|Alamy(?: Stock Photo)?|Xinhua|ANI|PTI|IANS|UNI|Bloomberg|Anadolu(?: Agency)?|NurPhoto|SOPA Images|LightRocket|` +
  String.raw`Sipa(?: USA)?|ZUMA(?: Press| Wire)?|Zuma(?: Press| Wire)?|AAP(?: Image)?|dpa|DPA|Kyodo(?: News)?|Yonhap|TASS|Tass|RIA Novosti|Sputnik|` +
  String.raw`WireImage|FilmMagic|iStock(?:photo)?|Unsplash|Pexels|Pixabay|Corbis|Rex Features|REX|Camera Press|Press Association|` +
  String.raw`UPI|Abaca(?: Press)?|Hindustan Times|Imagn|USA TODAY Sports|Jiji Press|Jiji|Handout|handout|File|file|Supplied|supplied|` +
  String.raw`Wikimedia Commons|Facebook|Twitter|Instagram|X|YouTube|Social media|social media|Screengrab|screengrab|Screenshot|screenshot)`;
// A photographer's name: up to four capitalised words ("Issei Kato", "Mary Ann de Souza").
const PERSON = String.raw`(?:\p{Lu}[\p{L}'’.-]*)(?:\s+(?:(?:de|da|van|von|der|del|la|le|bin|al)\s+)?\p{Lu}[\p{L}'’.-]*){0,3}`;
// One credit: "Issei Kato/Reuters", "REUTERS/Issei Kato", "AFP/Getty Images", "AFP via Getty Images".
const CREDIT =
  String.raw`(?:(?:${PERSON}\s*[/|]\s*)?${AGENCY}(?:\s*[/|,&]\s*(?:${AGENCY}|${PERSON}))*(?:\s+(?:via|for)\s+${AGENCY})?|${PERSON}\s+(?:for|via)\s+${AGENCY})`;
// Credit labels, lower case (for case-insensitive rules) and with either first letter (for the
// case-sensitive rules that also read a CREDIT, whose capitals matter).
const CREDIT_LABEL = String.raw`(?:image|picture|photo|photograph|pic|video|media|illustration|graphic|photo illustration|photos)`;
const CREDIT_LABEL_CS = String.raw`(?:[Ii]mage|[Pp]icture|[Pp]hotograph|[Pp]hoto|[Pp]ic|[Ii]llustration|[Gg]raphic|[Pp]hotos|IMAGE|PICTURE|PHOTO|PHOTOGRAPH)`;
const CREDIT_WORD_CS = String.raw`(?:[Cc]opyright|[Cc]redits?|[Ss]ource|COPYRIGHT|CREDIT|SOURCE)`;
// Every CREDIT match holds one of AGENCY's names as written (the rules that read a CREDIT are
// case-sensitive), so a line without one cannot match them.
const NAMES_AN_AGENCY = re(AGENCY, 'u');
// A line that is nothing but a CREDIT holds letters, spaces, ' ’ . - / | , & and brackets at its ends.
const CREDIT_CHARACTERS_ONLY = re(String.raw`^\(?[^\d"“”!?:;()]*\)?$`, 'u');
const guarded = (needs: RegExp[], source: string, flags = 'u'): GuardedRule => new GuardedRule([NAMES_AN_AGENCY, ...needs], source, flags);

const IMAGE_CREDIT = [
  // "Image copyright AFP/Getty Images", "Picture copyright", "Image source, Getty Images".
  re(String.raw`^${CREDIT_LABEL}\s+(?:copyright|credit|credits|source)\s*[:,]?\s*[^.!?]{0,60}\.?$`),
  // "Photograph: Issei Kato/Reuters", "Photo credit: AP", "Credit: Getty Images".
  re(String.raw`^(?:${CREDIT_LABEL}(?:\s+(?:credit|by))?|credit|credits|photo credit|image courtesy)\s*[:：]\s*.{1,80}$`),
  guarded([re(String.raw`^(?:${CREDIT_LABEL_CS}\s+)?(?:[Bb]y|[Cc]ourtesy(?: of)?)\s+`, 'u')], String.raw`^(?:${CREDIT_LABEL_CS}\s+)?(?:[Bb]y|[Cc]ourtesy(?: of)?)\s+${CREDIT}\.?$`),
  // A line of agency credits only: "AFP / Getty Images", "REUTERS/Issei Kato", "Issei Kato/Reuters".
  guarded([CREDIT_CHARACTERS_ONLY], String.raw`^\(?${CREDIT}\)?$`),
  // A caption label glued to a name by a scraper: "Boris JohnsonPicture copyright".
  re(String.raw`^[^.!?]{0,60}\p{Ll}(?:Image|Picture|Photo) (?:copyright|caption|source|credit)\b[^.!?]{0,60}$`, 'u'),
  // "© Reuters", "(c) AFP 2024": a copyright sign before an agency.
  guarded([re(String.raw`^(?:©|\([Cc]\))`, 'u')], String.raw`^(?:©|\([Cc]\))\s*(?:\d{4}\s+)?${CREDIT}(?:\s+\d{4})?\.?$`),
];

const CAPTION = [
  // BBC, CNN and gallery caption labels.
  re(String.raw`^(?:image|picture|photo|media) caption\b.{0,400}$`),
  re(String.raw`^(?:caption|photo caption)\s*[:：].{1,400}$`),
  re(String.raw`^hide caption\b.{0,400}$`),
  re(String.raw`^(?:show|toggle|expand|view) (?:caption|image|photo|gallery)s?\b.{0,40}$`),
  re(String.raw`^(?:enlarge|expand|zoom|open) (?:this )?(?:image|photo|picture)(?: in gallery)?\.?$`),
  re(String.raw`^view (?:image|photo) in fullscreen$`),
  re(String.raw`^(?:\d+|one) (?:of|/) \d+(?:\s+(?:photos?|images?|pictures?))?$`),
  re(String.raw`^(?:photos?|gallery|in pictures|slideshow)\s*[:：]?\s*$`),
  re(String.raw`^(?:file photo|file picture|file image|handout photo)\s*[:：\-–—]`),
];

// Who a caption credits: an agency credit, or a photographer with an outlet ("Jane Doe/The Guardian").
const CAPTION_CREDIT = String.raw`(?:${CREDIT}|${PERSON}(?:\s*/\s*(?:[Tt]he\s+)?${PERSON})?)`;
// A caption that ends with its credit: "... in Tokyo. Photograph: Issei Kato/Reuters",
// "... on Monday. (Photo by Jane Doe/AFP via Getty Images)", "... June 5. REUTERS/Issei Kato".
const CAPTION_CREDIT_END = [
  // (A CAPTION_CREDIT may be a PERSON alone: no agency name needed.)
  new GuardedRule(
    [re(String.raw`(?:^|[.!?]["”’)]?\s+|\s)(?:${CREDIT_LABEL_CS}|[Cc]redit|[Pp]hoto credit)\s*[:：]`, 'u')],
    String.raw`(?:^|[.!?]["”’)]?\s+|\s)(?:${CREDIT_LABEL_CS}|[Cc]redit|[Pp]hoto credit)\s*[:：]\s*${CAPTION_CREDIT}\s*\.?$`,
    'u',
  ),
  re(String.raw`\((?:${CREDIT_LABEL}|credit|photo credit)(?:\s+by|\s*[:：])\s*[^()]{1,100}\)\.?$`, 'iu'),
  new GuardedRule(
    [re(String.raw`[.!?]["”’)]?\s+(?:REUTERS|AFP|AP Photo|EPA-EFE|ANI|PTI|Xinhua)\s*/`, 'u')],
    String.raw`[.!?]["”’)]?\s+(?:REUTERS|AFP|AP Photo|EPA-EFE|ANI|PTI|Xinhua)\s*/\s*${PERSON}\.?$`,
    'u',
  ),
  guarded([re(String.raw`(?:^|\s)${CREDIT_LABEL_CS}\s+${CREDIT_WORD_CS}`, 'u')], String.raw`(?:^|\s)${CREDIT_LABEL_CS}\s+${CREDIT_WORD_CS}\s*[:,]?\s*${CREDIT}$`),
];

// A credit at the start of a paragraph the scraper glued to the first sentence:
// "Image copyright AFP/Getty Images Prime Minister ...".
const LEADING_CREDIT = guarded([re(String.raw`^${CREDIT_LABEL_CS}\s+${CREDIT_WORD_CS}`, 'u')], String.raw`^${CREDIT_LABEL_CS}\s+${CREDIT_WORD_CS}\s*[:,]?\s*${CREDIT}\s+(?=\p{Lu})`);

const IMAGE_LINK = [
  re(String.raw`^(?:https?://|www\.|//)?\S*\.(?:jpe?g|png|gif|webp|avif|svg|bmp|tiff?|heic)(?:[?#]\S*)?$`),
  re(String.raw`^(?:img|image|dsc|dscn|pxl|photo|pic|screenshot|screen shot)[_ -]?\S*\d\S*$`),
];

// "Home > World > Asia", "Home / UK / Politics", "News » Politics", "Home | Business".
const CRUMB_SEPARATOR = String.raw`\s*(?:>|»|›|→|/|\||::|\\)\s*`;
const BREADCRUMB = [
  re(String.raw`^(?:home|homepage|start|main page|front page)${CRUMB_SEPARATOR}[^.!?]{1,120}$`),
  re(String.raw`^[^.!?>»›→|/\\]{1,40}(?:\s+(?:>|»|›|→)\s+[^.!?>»›→|/\\]{1,40}){1,6}$`, 'u'),
  // Menu items glued together: "HomeUK Politics", "HomeNewsWorld".
  new GuardedRule([/^Home/], String.raw`^Home(?=\p{Lu})[\p{L}'’&-]*(?:\s+[\p{Lu}&][\p{L}'’&-]*){0,4}$`, 'u'),
];

const READING_TIME = [
  re(String.raw`^(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\s*-?\s*(?:min(?:ute)?s?\.?)\s*(?:read|reading(?: time)?|to read|listen)$`),
  re(String.raw`^(?:estimated |approx(?:imate)?\.? )?(?:reading time|read time|time to read)\s*[:：]?\s*(?:about |approx\.? )?\d{1,2}\s*(?:min(?:ute)?s?\.?)?(?:\s*read)?$`),
  re(String.raw`^(?:listen to this (?:article|story)|listen)\s*[:·|-]?\s*(?:\d{1,2}[:.]\d{2}|\d{1,2}\s*min(?:ute)?s?)?$`),
];

// A leading label: "BREAKING NEWS - ", "EXCLUSIVE: ", "JUST IN | ". Capitals, or a colon or dash.
const KICKER = re(
  String.raw`^(?:(?:BREAKING(?: NEWS)?|JUST IN|EXCLUSIVE|DEVELOPING(?: STORY)?|UPDATED?|LIVE|WATCH|VIDEO|PHOTOS|FLASH|URGENT|ALERT|NEWS ALERT|NEWSFLASH)\s*[:\-–—|•]+|(?:Breaking(?: news)?|Just in|Exclusive|Developing(?: story)?|Watch|Video|Newsflash)\s*[:|]|(?:Breaking(?: news)?|Just in|Exclusive)\s+[–—-])\s+(?=\S)`,
  'u',
);

const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;
const CORRECTION_NOTE = [
  // Reuters and AP notes in brackets: "(This story corrects ...)", "(Adds quote in paragraph 5)".
  re(String.raw`^\((?:this (?:story|version|article|report) (?:has been )?(?:corrects?|corrected|updates?|updated|refiles?|refiled|adds?|removes?|fixes|changes|amends?|amended)|corrects|refiles|recasts|updates|adds|removes|fixes|changes|rewrites|clarifies)\b[^()]{0,400}\)\.?$`),
  re(String.raw`^(?:correction|corrections|clarification|editor['’]?s note)\s*[:\-–—].{1,600}$`),
  re(String.raw`^(?:an earlier version of this (?:story|article|report)|this (?:story|article|report) (?:has been|was) (?:corrected|updated|amended|clarified))\b.{0,600}$`),
  // "Updated: 3 June 2024, 10:02" on a line of its own.
  re(String.raw`^(?:updated|last updated|update)\s*[:\-–—]?\s*(?:on |at )?(?:\d{1,2}[:.]\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+${MONTH}|${MONTH}\s+\d{1,2}|\d{4}-\d{2}-\d{2})[^.!?]{0,40}$`),
];

const DISCLAIMER = [
  re(String.raw`^\(?disclaimer\s*[:\-–—].{1,800}$`),
  re(String.raw`^\(?note\s*[:\-–—]\s*.{0,80}\b(?:feed|syndicated|auto-?generated|automatically generated|not responsible|views expressed|opinions expressed|affiliate|sponsored|not been (?:edited|reviewed)|reworked|published from|without (?:any )?modifications?|wire agency|news agency|third[- ]party|artificial intelligence)\b.{0,600}\)?$`),
  re(String.raw`^\(?only the headline(?: and picture)? of this (?:report|story|article) may have been reworked\b.{0,300}\)?$`),
  re(String.raw`^\(?(?:this (?:story|article|report|post|content) (?:has been |was |is )?(?:published|generated|auto-?published|sourced|taken) (?:from|via|through|automatically|by an?) .{0,60}\b(?:feed|agency|wire|ai|tool)\b.{0,200})\)?$`),
];

// A dateline standing on its own line at the top of a body: "New Delhi", "LONDON (Reuters) -",
// "Kyiv, Ukraine". Capitalised words only, no verb, no sentence punctuation.
const BARE_DATELINE = re(
  String.raw`^(?:\p{Lu}[\p{L}.'’-]*)(?:,?\s+(?:\p{Lu}[\p{L}.'’-]*|de|del|da|al|on|upon|am))*?,?(?:\s*,?\s*(?:\d{1,2}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2})?(?:,?\s+\d{4})?)?(?:\s*\((?:${AGENCY}|[\p{Lu}][\p{L} ]{1,30})\))?\s*[-–—:]?$`,
  'u',
);
/** Longest bare dateline line, in words ("Rio de Janeiro, Brazil, Nov 3" is 7). */
const MAX_DATELINE_WORDS = 7;

function words(line: string): number {
  return line.split(/\s+/).filter(Boolean).length;
}

/** Why a whole line is page furniture of the kinds above, or null. */
export function furnitureLine(line: string): FurnitureReason | null {
  const n = words(line);
  if (n <= MAX_FURNITURE_WORDS && IMAGE_CREDIT.some((r) => r.test(line))) return 'image-credit';
  if (n <= MAX_CAPTION_WORDS && CAPTION.some((r) => r.test(line))) return 'caption';
  if (n <= MAX_CAPTION_WORDS && CAPTION_CREDIT_END.some((r) => r.test(line))) return 'caption';
  if (n <= 3 && IMAGE_LINK.some((r) => r.test(line))) return 'image-link';
  if (n <= MAX_FURNITURE_WORDS && BREADCRUMB.some((r) => r.test(line))) return 'breadcrumb';
  if (n <= 8 && READING_TIME.some((r) => r.test(line))) return 'reading-time';
  if (n <= MAX_CAPTION_WORDS + 40 && DISCLAIMER.some((r) => r.test(line))) return 'disclaimer';
  return null;
}

/**
 * A correction or update note ("(This story corrects ...)", "Correction: An earlier version
 * ..."). Not cut by line shape alone: the indexed source may be the corrected version and
 * carry the same note, so only an unaligned note is furniture (see unaligned.ts).
 */
export function isCorrectionNote(line: string): boolean {
  return words(line) <= MAX_CAPTION_WORDS + 40 && CORRECTION_NOTE.some((r) => r.test(line));
}

/** A dateline alone on a line ("New Delhi", "LONDON (Reuters) -"); only asked near the top. */
export function isBareDateline(line: string): boolean {
  const n = words(line);
  if (n > MAX_DATELINE_WORDS || /^by\s/i.test(line) || /\d{3,}|[.!?]["”’)]?$/.test(line.replace(/\b(?:[A-Z]\.){1,3}$/, ''))) return false;
  if (!BARE_DATELINE.test(line)) return false;
  // Past four words only with a dateline's marks (an agency, a comma, a dash, capitals); a
  // longer Title Case line is a standfirst or a second headline.
  return n <= 4 || /[(,–—-]|:$/.test(line) || line === line.toUpperCase();
}

/**
 * A kicker label or photo credit glued to the start of a real paragraph, as [cut, rest], or
 * null: "BREAKING NEWS – Oakland ..." -> ["BREAKING NEWS –", "Oakland ..."].
 */
export function leadingFurniture(line: string): { text: string; reason: FurnitureReason; rest: string } | null {
  for (const [rule, reason] of [[KICKER, 'kicker'], [LEADING_CREDIT, 'image-credit']] as const) {
    const m = rule.exec(line);
    if (!m) continue;
    const rest = line.slice(m[0].length).trim();
    // The rest must still read as a paragraph: a few words at least.
    if (words(rest) < 4) continue;
    return { text: m[0].trim(), reason, rest };
  }
  return null;
}

// "... Read more →", "... Continue reading »", "[…]" closing an excerpt.
const TRAILING_READ_MORE = re(
  String.raw`\s*(?:…|\.\.\.)?\s*(?:(?:read more|continue reading|read the rest(?: of (?:this|the) (?:entry|article|story|post))?|read (?:the )?full (?:story|article|post)|more)\s*(?:→|»|›|>>)|\[(?:…|\.\.\.)\])\s*$`,
);

/** A "Read more →" link glued to the end of an excerpt, as [cut, kept], or null. */
export function trailingReadMore(line: string): { text: string; rest: string } | null {
  const m = TRAILING_READ_MORE.exec(line);
  if (!m || m.index === 0) return null;
  return { text: m[0].trim(), rest: line.slice(0, m.index).trim() };
}
