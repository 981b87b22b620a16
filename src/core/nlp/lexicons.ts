/**
 * @module core/nlp/lexicons
 * Hand-written word lists used by classification. All are written from general knowledge of
 * English news style (none is derived from a dataset); each says what it is for. Words are
 * lower case; multi-word entries are matched on normalised tokens.
 */

/** Words that mark a claim as uncertain or second-hand. Dropping one turns a hedge into a claim. */
export const HEDGES: ReadonlySet<string> = new Set([
  'may', 'might', 'could', 'possibly', 'possible', 'perhaps', 'probably', 'likely', 'unlikely', 'reportedly',
  'allegedly', 'alleged', 'apparently', 'apparent', 'seemingly', 'seems', 'seem', 'seemed', 'appears', 'appear',
  'appeared', 'suggests', 'suggest', 'suggested', 'unconfirmed', 'unverified', 'claimed', 'claims', 'purportedly',
  'purported', 'suspected', 'believed', 'thought', 'estimated', 'expected', 'presumably', 'supposedly',
  'potentially', 'potential', 'unclear', 'uncertain', 'rumoured', 'rumored',
]);

/** Phrases that hedge as a unit ("no confirmed reports", "it is unclear"). */
export const HEDGE_PHRASES: readonly string[] = [
  'no confirmed', 'not confirmed', 'not yet confirmed', 'could not be verified', 'could not be confirmed',
  'not independently verified', 'it is unclear', 'it remains unclear', 'according to', 'is said to',
  'are said to', 'were said to', 'was said to',
];

/** Words that present a claim as settled fact. Adding one to a hedged claim is a hedge change. */
export const CERTAINTY: ReadonlySet<string> = new Set([
  'confirm', 'confirms', 'confirmed', 'confirming', 'clearly', 'certainly', 'definitely', 'undoubtedly',
  'undeniably', 'unquestionably', 'proven', 'proved', 'proves', 'prove', 'established', 'indisputably',
  'obviously', 'surely', 'always', 'never', 'entirely', 'solely', 'fact', 'truly', 'verified', 'conclusively',
  'demonstrates', 'demonstrated', 'shows', 'showed',
]);

/**
 * Evaluative adjectives, adverbs and verbs a neutral report avoids; added without support in the
 * source they colour the story ("brutal", "heartbreaking", "slammed").
 */
export const LOADED: ReadonlySet<string> = new Set([
  // judgement and horror
  'brutal', 'brutally', 'barbaric', 'savage', 'savagely', 'vicious', 'viciously', 'ruthless', 'ruthlessly',
  'heinous', 'monstrous', 'horrific', 'horrifying', 'horrendous', 'atrocious', 'appalling', 'shocking',
  'shockingly', 'outrageous', 'disgraceful', 'shameful', 'despicable', 'evil', 'wicked', 'sinister',
  'nefarious', 'cowardly', 'heroic', 'heroically', 'valiant', 'glorious', 'triumphant', 'humiliating',
  'humiliation', 'disastrous', 'catastrophic', 'devastating', 'crippling', 'staggering', 'alarming',
  'chilling', 'haunting', 'eerie', 'unnerving', 'unsettling', 'terrifying', 'harrowing', 'gruesome',
  'grisly', 'bloody', 'bloodthirsty', 'murderous', 'genocidal', 'draconian', 'tyrannical', 'oppressive',
  'corrupt', 'dubious', 'shady', 'notorious', 'infamous', 'disgusting', 'sickening', 'vile',
  // pathos
  'heartbreaking', 'heartbreakingly', 'heartrending', 'heart-wrenching', 'heartwrenching', 'poignant',
  'poignantly', 'tragic', 'tragically', 'forlorn', 'forlornly', 'desperate', 'desperately', 'agonising',
  'agonizing', 'bitter', 'bitterly', 'grim', 'bleak', 'dire', 'mournful', 'somber', 'sombre', 'pitiful',
  // hype and spin
  'stunning', 'stunningly', 'astonishing', 'incredible', 'incredibly', 'amazing', 'remarkable', 'remarkably',
  'extraordinary', 'unprecedented', 'massive', 'huge', 'colossal', 'explosive', 'bombshell', 'dramatic',
  'dramatically', 'sensational', 'spectacular', 'lightning-fast', 'lightning-quick', 'crushing', 'decisive',
  'embattled', 'beleaguered', 'disgraced', 'controversial', 'so-called', 'radical', 'extremist', 'fanatical',
  'regime', 'slammed', 'slams', 'blasted', 'blasts', 'lashed', 'ripped', 'destroyed', 'eviscerated',
  'mocked', 'conspicuously', 'blatantly', 'blatant', 'flagrant', 'flagrantly', 'patently', 'shamelessly',
  'fierce', 'fiercely', 'furious', 'furiously', 'fury', 'rage', 'outrage', 'outraged',
  // disorder and scandal
  'chaos', 'chaotic', 'turmoil', 'fiasco', 'debacle', 'shambles', 'meltdown', 'frenzy', 'scandal',
  'scandalous', 'disgrace', 'reckless', 'recklessly', 'scathing', 'damning', 'hapless', 'ill-fated',
  'doomed', 'humiliated', 'commanding', 'landslide',
]);

/**
 * Labels that disparage the people or the act they name, which a news report uses only in
 * someone's quoted words ("rioters" for protesters, "regime" for a government, "so-called").
 */
export const PEJORATIVE_LABELS: ReadonlySet<string> = new Set([
  'so-called', 'regime', 'regimes', 'rioters', 'thugs', 'thuggish', 'mob', 'mobs', 'hooligans', 'agitators', 'illegals',
  'invaders', 'jihadists', 'bandits', 'bureaucrats', 'apparatchiks', 'elites', 'cronies', 'henchmen', 'stooges',
  'lackeys', 'propagandists', 'ploy', 'stunt', 'sham', 'charade', 'farce', 'witch-hunt', 'cabal', 'zealots',
]);

/**
 * Saying verbs that judge the speaker or how they spoke ("boasted", "whined"). Reporters use
 * "said"; "claimed", "admitted" and "insisted" are also plain news usage, so they are left to
 * the check against a source (rules/loaded.ts).
 */
export const JUDGING_SAYING_VERBS: ReadonlySet<string> = new Set([
  // Past tense only: "boasts" and "rants" are as often a noun or "the city boasts a museum".
  'boasted', 'bragged', 'whined', 'ranted', 'moaned', 'grumbled', 'gloated', 'sneered', 'crowed', 'blustered',
  'spluttered', 'whinged', 'parroted', 'spouted', 'bleated', 'harangued', 'fumed', 'carped', 'griped',
]);

/**
 * Verbs that dramatise a plain one ("fell" -> "plummeted", "criticised" -> "lambasted"). Real
 * news uses them too, so they count only against a source that has the plain verb.
 */
export const DRAMATISED_VERBS: ReadonlySet<string> = new Set([
  'plummeted', 'plummeting', 'plummets', 'plummet', 'nosedived', 'nosediving', 'skyrocketed', 'skyrocketing', 'skyrockets',
  'soared', 'soaring', 'ballooned', 'ballooning', 'crashed', 'tanked', 'slashed', 'slashing', 'gutted', 'lambasted',
  'lambasting', 'savaged', 'trashed', 'torched', 'demanded',
]);

/** Adjectives of feeling: after "was", "felt" and the like they report an emotion, not judge ("residents were angry"). */
export const FEELING_ADJECTIVES: ReadonlySet<string> = new Set([
  'angry', 'furious', 'upset', 'sad', 'unhappy', 'happy', 'glad', 'afraid', 'fearful', 'anxious', 'worried', 'bitter',
  'desperate', 'distraught', 'livid', 'irate', 'frustrated', 'heartbroken', 'devastated', 'ashamed', 'miserable',
  'nervous', 'scared', 'terrified', 'horrified', 'shocked', 'outraged', 'disgusted', 'delighted', 'thrilled',
  'grateful', 'hopeful', 'enraged', 'hostile', 'jealous', 'lonely', 'depressed', 'tearful', 'excited', 'proud',
  'embarrassed', 'humiliated', 'grief-stricken', 'despondent', 'ecstatic', 'elated', 'overjoyed', 'panicked',
]);

/** Verbs that attribute speech or belief to someone ("X said", "X fears"). */
export const ATTRIBUTION_VERBS: ReadonlySet<string> = new Set([
  'said', 'says', 'say', 'stated', 'states', 'told', 'tell', 'tells', 'noted', 'notes', 'added', 'adds',
  'argued', 'argues', 'claimed', 'claims', 'insisted', 'insists', 'warned', 'warns', 'believes', 'believe',
  'believed', 'fear', 'fears', 'feared', 'asserted', 'asserts', 'announced', 'announces', 'explained',
  'explains', 'reported', 'reports', 'wrote', 'writes', 'accused', 'accuses', 'denied', 'denies',
  'described', 'describes', 'called', 'calls', 'suggested', 'suggests', 'acknowledged', 'admitted',
  'alleged', 'alleges', 'confirmed', 'confirms', 'revealed', 'reveals', 'maintained', 'maintains',
  'contended', 'contends', 'remarked', 'observed', 'stressed', 'emphasised', 'emphasized', 'expressed',
  'referred', 'condemned', 'condemns', 'slammed', 'criticised', 'criticized', 'praised',
]);

/**
 * Vague sources: a claim credited only to one of these, with no name in the sentence, is
 * unattributed. Patterns are regular expressions over the sentence (case-insensitive).
 */
export const UNATTRIBUTED_PATTERNS: readonly { id: string; re: RegExp }[] = [
  { id: 'reports-confirm', re: /(?<!\b(?:the|this|that|these|its|his|her|their|our|a|an|new|latest|same|annual|whose)\s)\b(?:reports?|accounts?|sources?|evidence|findings|data)\s+(?:now\s+)?(?:confirm|confirms|confirmed|show|shows|showed|prove|proves|proved|indicate|indicates|indicated|suggest|suggests|suggested|reveal|reveals|revealed|say|says|said|claim|claims)\b/i },
  { id: 'sources-say', re: /\b(?:sources?|insiders?|officials|observers|analysts|experts|critics|witnesses|residents|people|many|some|others)\s+(?:close to [\w\s]+?\s+)?(?:say|says|said|believe|believed|claim|claimed|argue|argued|suggest|suggested|fear|feared|think|thought|agree|agreed|contend|insist|note|noted|warn|warned)\b/i },
  { id: 'it-is-believed', re: /\bit\s+(?:is|was|has been|had been)\s+(?:widely\s+|generally\s+|commonly\s+)?(?:believed|thought|said|reported|understood|claimed|alleged|known|rumou?red|feared|expected|estimated|assumed|argued|suggested)\b/i },
  { id: 'according-to-reports', re: /\baccording to (?:(?:some|many|several|multiple|local|media|news|unconfirmed|recent|official|various)\s+)*(?:reports?|sources?|accounts?|estimates|observers|experts|analysts|insiders|officials|witnesses)\b/i },
  { id: 'reportedly', re: /\b(?:reportedly|allegedly|purportedly|supposedly|rumou?red to)\b/i },
  { id: 'many-believe', re: /\b(?:many|some|most|few)\s+(?:people\s+|observers\s+|experts\s+|analysts\s+)?(?:believe|think|feel|say|agree|suspect|argue|fear|claim)\b/i },
  { id: 'studies-show', re: /\b(?:studies|research|experts|scientists|doctors|economists)\s+(?:have\s+)?(?:show|shown|showed|prove|proven|proved|agree|confirm|confirmed|suggest|say|warn)\b/i },
];

/**
 * Pairs of opposite directions that WordNet does not list as antonyms. A source word from one
 * side replaced by a suspect word from the other reverses the meaning ("granted" -> "limited").
 */
export const REVERSAL_CLUSTERS: readonly { name: string; a: readonly string[]; b: readonly string[] }[] = [
  {
    name: 'allow/restrict',
    a: ['grant', 'granted', 'allow', 'allowed', 'permit', 'permitted', 'lift', 'lifted', 'authorise', 'authorised', 'authorize', 'authorized', 'approve', 'approved'],
    b: ['limit', 'limited', 'restrict', 'restricted', 'deny', 'denied', 'bar', 'barred', 'ban', 'banned', 'block', 'blocked', 'refuse', 'refused', 'forbid', 'forbidden', 'prohibit', 'prohibited', 'prevent', 'prevented', 'reject', 'rejected', 'confine', 'confined'],
  },
  {
    name: 'still/active',
    a: ['frozen', 'stalled', 'halted', 'paused', 'suspended', 'dormant', 'ceasefire', 'truce', 'peaceful', 'resolved'],
    b: ['ongoing', 'continuing', 'active', 'raging', 'escalating', 'resumed', 'renewed', 'intensifying', 'unresolved', 'violent', 'spreading'],
  },
  {
    name: 'up/down',
    a: ['increase', 'increased', 'rise', 'rose', 'risen', 'grow', 'grew', 'grown', 'climb', 'climbed', 'surge', 'surged', 'gain', 'gained', 'soar', 'soared', 'jump', 'jumped', 'expand', 'expanded', 'boost', 'boosted'],
    b: ['decrease', 'decreased', 'fall', 'fell', 'fallen', 'drop', 'dropped', 'decline', 'declined', 'shrink', 'shrank', 'plunge', 'plunged', 'slump', 'slumped', 'reduce', 'reduced'],
  },
  {
    name: 'likely/unlikely',
    a: ['likely', 'probably', 'probable', 'expected'],
    b: ['unlikely', 'improbable', 'doubtful', 'unexpected'],
  },
  {
    name: 'support/oppose',
    a: ['support', 'supported', 'supports', 'endorse', 'endorsed', 'praise', 'praised', 'accept', 'accepted', 'agree', 'agreed'],
    b: ['oppose', 'opposed', 'opposes', 'condemn', 'condemned', 'criticise', 'criticised', 'criticize', 'criticized', 'reject', 'rejected', 'denounce', 'denounced', 'resist', 'resisted', 'disagree', 'disagreed', 'slammed'],
  },
  {
    // "presented little evidence" -> "presented ample evidence".
    name: 'scant/ample',
    a: ['little', 'scant', 'scarce', 'scanty', 'meagre', 'meager', 'negligible', 'sparse', 'insufficient', 'inadequate'],
    b: ['ample', 'abundant', 'plenty', 'plentiful', 'substantial', 'considerable', 'extensive', 'overwhelming', 'copious', 'sufficient', 'compelling'],
  },
  {
    name: 'win/lose',
    a: ['win', 'won', 'victory', 'victorious', 'succeed', 'succeeded'],
    b: ['lose', 'lost', 'defeat', 'defeated'],
  },
  {
    name: 'above/below',
    a: ['above', 'exceed', 'exceeded', 'exceeds', 'beyond', 'surpass', 'surpassed', 'surpasses'],
    b: ['below', 'beneath'],
  },
  {
    name: 'profit/loss',
    a: ['profit', 'profits', 'profitable', 'earnings', 'surplus', 'gains'],
    b: ['loss', 'losses', 'deficit', 'unprofitable'],
  },
  {
    name: 'all/some',
    a: ['all', 'every', 'entire', 'entirety', 'whole', 'always', 'everyone', 'unanimous', 'unanimously', 'sole', 'solely', 'only'],
    b: ['some', 'several', 'partial', 'partly', 'sometimes', 'most', 'few', 'majority', 'minority'],
  },
  {
    name: 'ahead/behind',
    a: ['ahead', 'forward', 'forwards', 'advance', 'advanced', 'advancing'],
    b: ['behind', 'backward', 'backwards', 'retreat', 'retreated', 'retreating'],
  },
  {
    name: 'thrive/struggle',
    a: ['thriving', 'thrive', 'thrived', 'flourishing', 'flourished', 'booming', 'prospering', 'robust'],
    b: ['struggling', 'struggle', 'struggled', 'ailing', 'failing', 'faltering', 'stagnating', 'stagnant'],
  },
  {
    name: 'highlight/ignore',
    a: ['highlight', 'highlighted', 'highlights', 'emphasise', 'emphasised', 'emphasize', 'emphasized', 'acknowledge', 'acknowledged', 'acknowledges'],
    b: ['ignore', 'ignored', 'ignores', 'downplay', 'downplayed', 'downplays', 'dismiss', 'dismissed', 'dismisses', 'overlook', 'overlooked'],
  },
  {
    name: 'include/exclude',
    a: ['including', 'include', 'included', 'includes'],
    b: ['excluding', 'exclude', 'excluded', 'excludes', 'except'],
  },
  {
    name: 'voluntary/forced',
    a: ['voluntary', 'voluntarily', 'chose', 'choose', 'choosing', 'willingly', 'fled', 'departed'],
    b: ['forced', 'expelled', 'deported', 'compelled', 'coerced', 'evicted'],
  },
];

/**
 * Framing: the same event or place named from one side's point of view. In each group, `a`
 * holds the plain or one side's terms and `b` the loaded or other side's terms; a term of one
 * side replaced by a term of the other is a renaming (general knowledge of contested usage in
 * news style guides). Near-synonyms on the same side ("invasion" / "incursion") are not.
 */
export const FRAMING_GROUPS: readonly { name: string; a: readonly string[]; b: readonly string[] }[] = [
  { name: 'departure vs expulsion', a: ['exodus', 'departure', 'flight', 'evacuation', 'fled', 'left'], b: ['expulsion', 'deportation', 'ethnic cleansing', 'eviction', 'forced displacement', 'expelled', 'deported'] },
  { name: 'armed group labels', a: ['militants', 'fighters', 'rebels', 'insurgents', 'gunmen', 'separatists', 'guerrillas', 'militia', 'militiamen'], b: ['terrorists', 'freedom fighters', 'jihadists', 'bandits', 'thugs'] },
  { name: 'protest labels', a: ['protest', 'protests', 'protesters', 'protestors', 'demonstrators', 'demonstration', 'demonstrations'], b: ['riot', 'riots', 'rioters', 'mob', 'insurrection', 'insurrectionists', 'looters'] },
  { name: 'killing verbs', a: ['killed', 'died', 'dead', 'deaths', 'perished', 'lost their lives'], b: ['murdered', 'massacred', 'slaughtered', 'executed', 'assassinated', 'martyred', 'butchered'] },
  { name: 'territory status', a: ['occupied', 'annexed', 'seized', 'captured', 'occupation', 'annexation'], b: ['liberated', 'reclaimed', 'returned', 'reintegrated', 'recaptured', 'liberation', 'reunification'] },
  { name: 'operation labels', a: ['invasion', 'aggression', 'attack', 'assault', 'incursion', 'offensive', 'war'], b: ['special military operation', 'counter-terrorism', 'counter-terrorism operation', 'anti-terrorist operation', 'police action', 'liberation'] },
  { name: 'migration labels', a: ['migrants', 'refugees', 'asylum seekers', 'undocumented immigrants'], b: ['illegal immigrants', 'illegal aliens', 'invaders', 'illegals'] },
  { name: 'Khankendi/Stepanakert', a: ['stepanakert'], b: ['khankendi'] },
  { name: 'Kyiv/Kiev', a: ['kyiv'], b: ['kiev'] },
  { name: 'Derry/Londonderry', a: ['derry'], b: ['londonderry'] },
  { name: 'Falklands/Malvinas', a: ['falklands'], b: ['malvinas'] },
  { name: 'West Bank/Judea and Samaria', a: ['west bank'], b: ['judea and samaria'] },
  { name: 'Persian Gulf/Arabian Gulf', a: ['persian gulf'], b: ['arabian gulf'] },
  { name: 'Gulf of Mexico/Gulf of America', a: ['gulf of mexico'], b: ['gulf of america'] },
  { name: 'Myanmar/Burma', a: ['myanmar'], b: ['burma'] },
  { name: 'Nagorno-Karabakh/Artsakh', a: ['nagorno-karabakh'], b: ['artsakh'] },
  { name: 'Sea of Japan/East Sea', a: ['sea of japan'], b: ['east sea'] },
];

/**
 * Well-known published tortured phrases (Cabanac, Labbé & Magazinov 2021, arXiv:2107.06751,
 * and press coverage of it), each with the established phrase it stands for. A short
 * hand-picked list for single-article checks; the generic WordNet-based rule covers the rest.
 */
export const TORTURED_PHRASES: ReadonlyMap<string, string> = new Map([
  ['counterfeit consciousness', 'artificial intelligence'],
  ['profound learning', 'deep learning'],
  ['profound neural organization', 'deep neural network'],
  ['colossal information', 'big data'],
  ['irregular woodland', 'random forest'],
  ['bosom peril', 'breast cancer'],
  ['kidney disappointment', 'kidney failure'],
  ['flag to commotion', 'signal to noise'],
  ['haphazard access memory', 'random access memory'],
  ['mean square blunder', 'mean square error'],
  ['neural organization', 'neural network'],
  ['cloud figuring', 'cloud computing'],
  ['lactose bigotry', 'lactose intolerance'],
  ['straight relapse', 'linear regression'],
  ['choice tree', 'decision tree'],
  ['man-made consciousness', 'artificial intelligence'],
  ['enormous information', 'big data'],
  ['information stockpiling', 'data storage'],
  ['remote organization', 'wireless network'],
]);
