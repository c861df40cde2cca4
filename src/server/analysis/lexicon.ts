// Word lists shared by the engine's parts (one concept, one home): abbreviations, reporting verbs and cues,
// titles, pronouns, vague-source nouns. Rules import these; no rule keeps a private copy of a list here.

/** Abbreviations that keep their period as part of the token (lower case, no period). */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'capt', 'sgt', 'st', 'rev', 'hon',
  'pres', 'amb', 'supt', 'insp', 'cmdr', 'adm', 'maj', 'cpl', 'pvt', 'fr', 'sr', 'jr', 'no', 'nos', 'vs', 'v',
  'mt', 'ft', 'atty', 'gens', 'reps', 'sens', 'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'dept', 'univ',
  'assn', 'ave', 'blvd', 'rd', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov',
  'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun', 'etc', 'approx', 'est',
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'ky', 'la', 'md',
  'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex', 'va', 'vt', 'wash',
  'wis', 'wyo', 'a.m', 'p.m', 'al', 'e.g', 'i.e', 'cf', 'op', 'pp', 'vol', 'fig',
]);

/**
 * Reporting verbs (lemmas) from DIAGNOSTICS.md. Speech and writing only: beliefs and intentions ("think",
 * "want") are not quotes.
 */
export const REPORTING_VERBS: readonly string[] = [
  'say', 'tell', 'add', 'write', 'state', 'announce', 'report', 'note', 'explain', 'argue', 'testify', 'tweet',
  'post', 'ask', 'reply', 'respond', 'confirm', 'acknowledge', 'warn', 'predict', 'estimate', 'conclude', 'cite',
  'describe', 'comment', 'recall', 'declare', 'insist', 'claim', 'allege', 'accuse', 'deny', 'admit', 'concede',
  'suggest', 'contend', 'maintain', 'urge', 'vow', 'promise', 'complain', 'criticize', 'praise', 'disclose',
  'reveal', 'continue', 'observe', 'remark', 'point out', 'tell reporters', 'assert', 'stress', 'emphasize',
  'boast', 'charge', 'counter', 'retort', 'quip', 'joke', 'shout', 'yell', 'scream', 'whisper', 'mutter',
  'agree', 'caution', 'pledge', 'propose', 'recommend', 'order', 'demand', 'call', 'blast', 'slam', 'brag',
  'lament', 'concur', 'summarize', 'elaborate', 'clarify', 'inform', 'advise', 'mention', 'indicate', 'signal',
];

/** Loaded attribution verbs where "said" would do (ATTR008), as their inflected forms. */
export const LOADED_CUES: ReadonlySet<string> = new Set([
  'claimed', 'claims', 'admitted', 'admits', 'conceded', 'concedes', 'insisted', 'insists', 'revealed', 'reveals',
  'confessed', 'confesses', 'boasted', 'boasts', 'bragged', 'brags',
]);

/** Non-speech verbs used for speech (ATTR008). */
export const NON_SPEECH_CUES: ReadonlySet<string> = new Set([
  'smiled', 'smiles', 'laughed', 'laughs', 'sighed', 'sighs', 'grinned', 'grins', 'shrugged', 'shrugs',
  'nodded', 'nods', 'chuckled', 'chuckles', 'frowned', 'frowns', 'beamed', 'beams', 'winced', 'winces',
]);

/** Titles and honorifics that precede a person's name. */
export const PERSON_TITLES: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'president', 'vice',
  'prime', 'minister', 'secretary', 'senator', 'sen', 'rep', 'representative', 'gov', 'governor', 'mayor',
  'judge', 'justice', 'chief', 'general', 'gen', 'colonel', 'col', 'captain', 'capt', 'lt', 'lieutenant',
  'sergeant', 'sgt', 'officer', 'detective', 'inspector', 'commissioner', 'chancellor', 'king', 'queen',
  'prince', 'princess', 'sheikh', 'pope', 'bishop', 'archbishop', 'cardinal', 'rev', 'father', 'rabbi', 'imam',
  'ambassador', 'amb', 'speaker', 'chairman', 'chairwoman', 'chair', 'director', 'coach', 'attorney', 'councilman',
  'councilwoman', 'councillor', 'councilor', 'commander', 'admiral', 'adm', 'major', 'maj', 'premier', 'emir',
  'ayatollah', 'gen.', 'deputy', 'assemblyman', 'assemblywoman', 'congressman', 'congresswoman', 'treasurer',
]);

export const PERSONAL_PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'they', 'i', 'we']);

/** Vague source nouns: bare, they name nobody (ATTR002). */
export const VAGUE_SOURCES: ReadonlySet<string> = new Set([
  'critics', 'sources', 'source', 'experts', 'observers', 'analysts', 'people', 'some', 'many', 'others',
  'officials', 'insiders', 'commentators', 'skeptics', 'sceptics', 'opponents', 'supporters', 'residents',
  'witnesses', 'activists', 'detractors', 'pundits', 'onlookers', 'some people', 'many people',
]);

// --- Reporting cues as they appear in text (quotes and claims read these) ---

/** Inflections that do not follow the regular -s/-ed/-ing rules. */
const IRREGULAR_CUE_FORMS: Record<string, string[]> = {
  say: ['say', 'says', 'said', 'saying'],
  tell: ['tell', 'tells', 'told', 'telling'],
  write: ['write', 'writes', 'wrote', 'writing', 'written'],
  testify: ['testify', 'testifies', 'testified', 'testifying'],
  reply: ['reply', 'replies', 'replied', 'replying'],
  deny: ['deny', 'denies', 'denied', 'denying'],
  clarify: ['clarify', 'clarifies', 'clarified', 'clarifying'],
  admit: ['admit', 'admits', 'admitted', 'admitting'],
  quip: ['quip', 'quips', 'quipped', 'quipping'],
  slam: ['slam', 'slams', 'slammed', 'slamming'],
  brag: ['brag', 'brags', 'bragged', 'bragging'],
  concur: ['concur', 'concurs', 'concurred', 'concurring'],
  signal: ['signal', 'signals', 'signaled', 'signalled', 'signaling', 'signalling'],
  vow: ['vow', 'vows', 'vowed', 'vowing'],
  stress: ['stress', 'stresses', 'stressed', 'stressing'],
  criticize: ['criticize', 'criticizes', 'criticized', 'criticizing', 'criticise', 'criticises', 'criticised', 'criticising'],
  emphasize: ['emphasize', 'emphasizes', 'emphasized', 'emphasizing', 'emphasise', 'emphasises', 'emphasised', 'emphasising'],
  summarize: ['summarize', 'summarizes', 'summarized', 'summarizing', 'summarise', 'summarised'],
};

function regularForms(lemma: string): string[] {
  const stem = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  const third = /(?:s|sh|ch|x|z)$/.test(lemma) ? lemma + 'es' : /[^aeiou]y$/.test(lemma) ? lemma.slice(0, -1) + 'ies' : lemma + 's';
  const past = /[^aeiou]y$/.test(lemma) ? lemma.slice(0, -1) + 'ied' : stem + 'ed';
  return [lemma, third, past, stem + 'ing'];
}

/**
 * Every inflected form of a one-word reporting verb → its lemma ("said" → "say", "adding" → "add").
 * Built from REPORTING_VERBS so the list has one home.
 */
export const REPORTING_CUE_FORMS: ReadonlyMap<string, string> = (() => {
  const forms = new Map<string, string>();
  for (const lemma of REPORTING_VERBS) {
    if (lemma.includes(' ')) continue;
    for (const f of IRREGULAR_CUE_FORMS[lemma] ?? regularForms(lemma)) forms.set(f, lemma);
  }
  return forms;
})();

/** Institutions that count as a named source when they speak (DIAGNOSTICS.md §5): "police said". */
export const INSTITUTIONAL_SOURCES: ReadonlySet<string> = new Set([
  'police', 'prosecutors', 'prosecutor', 'ministry', 'government', 'court', 'department', 'agency', 'army',
  'military', 'authorities', 'administration', 'campaign', 'committee', 'commission', 'council', 'parliament',
  'congress', 'senate', 'cabinet', 'embassy', 'company', 'firm', 'union', 'board', 'coroner', 'regulator',
  'regulators', 'party', 'prosecution',
]);

// --- Unattributed-claim rules (claims/, DIAGNOSTICS.md ATTR001–ATTR009) ---

/** Verbs of belief and fear: not speech, but "some experts believe" attributes a claim (vaguely). */
export const BELIEF_CUE_FORMS: ReadonlySet<string> = new Set([
  'believe', 'believes', 'believed', 'think', 'thinks', 'fear', 'fears', 'feared', 'suspect', 'suspects',
  'suspected', 'worry', 'worries', 'worried', 'expect', 'expects', 'contend', 'contends', 'feel', 'feels',
  'expecting', 'fearing', 'believing',
]);

/**
 * Weasel sources (Wikipedia MOS:WEASEL): bare, they name nobody, so ATTR002 fires at warning. A subset of
 * VAGUE_SOURCES: residents, witnesses, supporters and activists are ordinary wire sourcing and do not fire.
 */
export const WEASEL_SOURCES: ReadonlySet<string> = new Set([
  'critics', 'sources', 'source', 'experts', 'observers', 'analysts', 'some', 'many', 'others', 'insiders',
  'commentators', 'skeptics', 'sceptics', 'opponents', 'detractors', 'pundits', 'people', 'most', 'few',
  'everyone', 'everybody', 'someone', 'somebody', 'scientists', 'economists', 'historians', 'researchers',
]);

/** Vague sources that get ATTR002 only at information severity when bare ("officials said"). */
export const SOFT_VAGUE_SOURCES: ReadonlySet<string> = new Set(['officials', 'official']);

/** Spokespeople and statements speak for a named institution: a source even without a name. */
export const SPOKESPERSON_SOURCES: ReadonlySet<string> = new Set([
  'spokesman', 'spokeswoman', 'spokesperson', 'spokesmen', 'spokeswomen', 'spokespeople', 'representative',
  'representatives', 'statement', 'release', 'spokesperson', 'lawyer', 'lawyers', 'attorney', 'attorneys',
  'investigators', 'officers', 'firefighters', 'paramedics', 'troopers', 'deputies', 'organizers', 'organisers',
]);

/** Role nouns of sources who are typically granted anonymity (ATTR007 when no reason is given). */
export const ANONYMOUS_ROLES: ReadonlySet<string> = new Set([
  'official', 'officials', 'source', 'sources', 'person', 'people', 'aide', 'aides', 'adviser', 'advisers',
  'advisor', 'advisors', 'diplomat', 'diplomats', 'insider', 'insiders', 'staffer', 'staffers',
]);

/** Phrases that give the reason a source is not named (ATTR007 is satisfied by any of them). */
export const ANONYMITY_REASONS: readonly string[] = [
  'anonymity', 'anonymously', 'not authorized', 'not authorised', 'not permitted', 'not allowed', 'unauthorized',
  'declined to be named', 'declined to be identified', 'asked not to be named', 'asked not to be identified',
  'without being named', 'without being identified', 'on background', 'not be named', 'not be identified',
  'requested that their names', 'requested that his name', 'requested that her name', 'fear of reprisal',
  'for fear of', 'private deliberations', 'internal deliberations', 'privately', 'not to be named',
  'not to be identified', 'confidential',
];

/** Nouns of documents that can be a source ("a study by X found", "court records show"). */
export const DOCUMENT_SOURCES: ReadonlySet<string> = new Set([
  'study', 'studies', 'report', 'reports', 'survey', 'surveys', 'poll', 'polls', 'polling', 'analysis', 'data',
  'figures', 'records', 'documents', 'filing', 'filings', 'statistics', 'census', 'lawsuit', 'suit', 'complaint',
  'indictment', 'audit', 'review', 'investigation', 'estimate', 'estimates', 'memo', 'letter', 'statement',
  'ruling', 'findings', 'research', 'paper', 'testimony', 'transcript', 'affidavit', 'budget', 'forecast',
  'projections', 'numbers', 'tally', 'count', 'results', 'minutes', 'papers', 'database', 'index', 'model',
  'release', 'post', 'tweet', 'video', 'footage', 'interview', 'website', 'article', 'book', 'newsletter',
]);

/** Verbs a document source takes ("the report found", "figures show", "the lawsuit alleges"). */
export const DOCUMENT_CUE_FORMS: ReadonlySet<string> = new Set([
  'found', 'finds', 'find', 'show', 'shows', 'showed', 'shown', 'suggest', 'suggests', 'suggested', 'indicate',
  'indicates', 'indicated', 'conclude', 'concludes', 'concluded', 'estimate', 'estimates', 'estimated', 'allege',
  'alleges', 'alleged', 'say', 'says', 'said', 'state', 'states', 'stated', 'note', 'notes', 'noted', 'reveal',
  'reveals', 'revealed', 'report', 'reports', 'reported', 'charge', 'charges', 'charged', 'put', 'puts',
  'project', 'projects', 'projected', 'predict', 'predicts', 'predicted', 'claim', 'claims', 'claimed', 'accuse',
  'accuses', 'accused', 'contend', 'contends', 'contended', 'argue', 'argues', 'argued', 'confirm', 'confirms',
  'confirmed', 'list', 'lists', 'listed', 'document', 'documents', 'documented', 'describe', 'describes',
  'described', 'detail', 'details', 'detailed', 'cite', 'cites', 'cited', 'warn', 'warns', 'warned', 'assert',
  'asserts', 'asserted', 'demonstrate', 'demonstrates', 'demonstrated', 'give', 'gives', 'gave', 'place',
  'places', 'placed', 'obtained', 'reviewed', 'seen', 'released', 'published', 'rated', 'rates', 'ranked', 'ranks',
  'calculated', 'calculates', 'counted', 'counts', 'tallied', 'recorded', 'records', 'measured', 'measures',
]);

/** Auxiliaries and adverbs that can sit between a source and its cue ("Smith has long argued"). */
export const CUE_MODIFIERS: ReadonlySet<string> = new Set([
  'has', 'have', 'had', 'also', 'later', 'previously', 'repeatedly', 'would', 'will', 'did', 'does', 'do',
  'once', 'long', 'publicly', 'privately', 'recently', 'earlier', 'again', 'then', 'first', 'further', 'not',
  'never', 'often', 'frequently', 'since', 'still', 'already', 'has also', 'had also', 'initially', 'separately',
  'subsequently', 'quickly', 'flatly', 'openly', 'loudly', 'angrily', 'bluntly', 'simply', 'only', 'even',
  'may', 'might', 'could', 'should', 'must', 'can', 'always', 'consistently', 'generally', 'widely', 'all',
  'both', 'each', 'too', 'herself', 'himself', 'themselves', 'itself', 'personally', 'directly', 'reportedly',
  'allegedly', 'ultimately', 'finally', 'now', 'yesterday', 'today', 'tonight',
]);

/** Nouns of people and casualties that make a number a statistic ("12,000 people", "40 dead"). */
export const PEOPLE_COUNT_NOUNS: ReadonlySet<string> = new Set([
  'people', 'persons', 'civilians', 'soldiers', 'troops', 'deaths', 'dead', 'casualties', 'fatalities',
  'victims', 'refugees', 'migrants', 'immigrants', 'residents', 'workers', 'employees', 'jobs', 'children',
  'protesters', 'protestors', 'demonstrators', 'voters', 'students', 'patients', 'cases', 'infections',
  'families', 'households', 'homes', 'militants', 'fighters', 'rebels', 'police', 'officers', 'prisoners',
  'inmates', 'detainees', 'arrests', 'injuries', 'wounded', 'injured', 'homeless', 'members', 'users',
  'customers', 'passengers', 'women', 'men', 'americans', 'citizens', 'adults', 'teenagers', 'deaths',
  'layoffs', 'lives', 'doctors', 'nurses', 'teachers', 'farmers', 'supporters', 'donors', 'subscribers',
]);

/** Verbs of harm after a number of people ("15 were killed") that make it a casualty count. */
export const CASUALTY_WORDS: ReadonlySet<string> = new Set([
  'killed', 'dead', 'died', 'injured', 'wounded', 'hurt', 'missing', 'displaced', 'evacuated', 'arrested',
  'detained', 'hospitalized', 'hospitalised', 'rescued', 'slain', 'drowned', 'infected', 'affected', 'fled',
  'stranded', 'laid off', 'dismissed', 'fired',
]);

/** Causal verbs and phrases (ATTR005); matched as phrases on lower-case text. */
export const CAUSAL_CUES: readonly string[] = [
  'caused', 'causing', 'led to', 'leading to', 'lead to', 'leads to', 'resulted in', 'resulting in',
  'results in', 'result in', 'because of', 'triggered', 'triggering', 'fueled', 'fuelled', 'fueling', 'fuelling',
];

/** Accusation verbs (ATTR006, warning): the reporter's voice must not make these claims. */
export const ACCUSATION_VERBS: ReadonlySet<string> = new Set([
  'lied', 'stole', 'embezzled', 'defrauded', 'cheated', 'bribed', 'rigged', 'plagiarized', 'plagiarised',
  'swindled', 'extorted', 'laundered', 'falsified', 'fabricated', 'doctored',
]);

/** Loaded labels (ATTR006, warning) when predicated of someone ("the mayor is corrupt", "a liar"). */
export const ACCUSATION_LABELS: ReadonlySet<string> = new Set([
  'corrupt', 'liar', 'liars', 'fraud', 'fraudster', 'fraudulent', 'illegal', 'criminal', 'criminals', 'crook',
  'crooks', 'racist', 'racists', 'bigot', 'bigoted', 'extremist', 'extremists', 'terrorist', 'terrorists',
  'murderer', 'murderers', 'thief', 'thieves', 'traitor', 'traitors', 'dishonest', 'crooked', 'incompetent',
  'scam', 'sham', 'con', 'con man', 'illegally',
]);

/** Evaluative puffery in news copy (ATTR006, information; silenced in opinion pieces). */
export const EVALUATIVE_WORDS: ReadonlySet<string> = new Set([
  'historic', 'disastrous', 'catastrophic', 'stunning', 'shocking', 'spectacular', 'brilliant', 'amazing',
  'incredible', 'remarkable', 'outstanding', 'magnificent', 'outrageous', 'disgraceful', 'shameful',
  'appalling', 'heroic', 'best-ever', 'greatest', 'horrendous', 'atrocious', 'fantastic', 'tremendous',
  'breathtaking', 'astonishing', 'pathetic', 'ridiculous', 'absurd', 'laughable',
]);

/** Words that, in the same sentence, put an accusation in a legal or reported frame ("charged with fraud"). */
export const ACCUSATION_FRAMES: readonly string[] = [
  'accused', 'accuses', 'accusing', 'accusation', 'charged', 'charges', 'convicted', 'conviction', 'pleaded',
  'pleads', 'guilty', 'alleged', 'allegedly', 'alleges', 'allegation', 'allegations', 'indicted', 'indictment',
  'suspected', 'suspect', 'suspects', 'investigation', 'investigating', 'investigated', 'probe', 'denied',
  'denies', 'deny', 'sentenced', 'arrested', 'trial', 'lawsuit', 'sued', 'suing', 'prosecutors', 'prosecuted',
  'jury', 'verdict', 'convicted', 'designated', 'claims', 'claimed', 'called', 'calling',
  'labeled', 'labelled', 'branded', 'dubbed', 'described', 'admitted', 'confessed', 'attacked', 'denounced',
  'slammed', 'blasted', 'derided', 'dismissed', 'ridiculed', 'condemned', 'portrayed', 'painted', 'cast',
];

// --- Entity descriptors (entities/descriptors.ts) ---

/**
 * Role nouns that, next to a name, say who the person is ("council leader Helen Marsh", "Ayman Safadi, his
 * Jordanian counterpart"). Titles proper are in PERSON_TITLES; these are jobs and relations.
 */
export const ROLE_NOUNS: ReadonlySet<string> = new Set([
  'leader', 'spokesman', 'spokeswoman', 'spokesperson', 'official', 'diplomat', 'envoy', 'counterpart', 'adviser',
  'advisor', 'aide', 'analyst', 'economist', 'expert', 'researcher', 'scientist', 'professor', 'lecturer',
  'journalist', 'reporter', 'correspondent', 'editor', 'photographer', 'columnist', 'activist', 'campaigner',
  'lawyer', 'attorney', 'prosecutor', 'defender', 'lawmaker', 'legislator', 'politician', 'candidate', 'nominee',
  'founder', 'co-founder', 'owner', 'executive', 'ceo', 'cfo', 'chief', 'head', 'manager', 'president',
  'vice-president', 'chairman', 'chairwoman', 'chairperson', 'director', 'secretary', 'minister', 'councillor',
  'councilor', 'commissioner', 'governor', 'mayor', 'senator', 'representative', 'ambassador', 'consul', 'member',
  'candidate', 'coach', 'captain', 'player', 'striker', 'goalkeeper', 'champion', 'singer', 'actor', 'actress',
  'artist', 'writer', 'author', 'novelist', 'poet', 'director-general', 'secretary-general', 'judge', 'officer',
  'commander', 'general', 'colonel', 'soldier', 'pilot', 'doctor', 'nurse', 'surgeon', 'teacher', 'student',
  'farmer', 'worker', 'engineer', 'resident', 'mother', 'father', 'son', 'daughter', 'wife', 'husband', 'brother',
  'sister', 'widow', 'rival', 'ally', 'successor', 'predecessor', 'deputy', 'colleague', 'partner', 'victim',
  'survivor', 'witness', 'suspect', 'defendant', 'founder', 'monarch', 'king', 'queen', 'prince', 'princess',
  'premier', 'chancellor', 'speaker', 'negotiator', 'mediator', 'strategist', 'pollster', 'organiser', 'organizer',
  'capital', 'city', 'town', 'village', 'province', 'region', 'state', 'country', 'nation', 'company', 'firm',
  'group', 'agency', 'party', 'organisation', 'organization', 'body', 'regulator', 'bank', 'lender', 'insurer',
  'carrier', 'airline', 'maker', 'manufacturer', 'producer', 'giant', 'operator', 'charity', 'newspaper',
]);

/**
 * Speech verbs that colour the speech ("fumed", "scoffed"): a cue only right next to a quote. Not ATTR008's
 * loaded verbs (they do not judge the claim's truth), but they still attribute the quote.
 */
export const EXPRESSIVE_CUE_FORMS: ReadonlySet<string> = new Set([
  'fumed', 'scoffed', 'snapped', 'marveled', 'marvelled', 'gushed', 'mused', 'chided', 'grumbled', 'growled',
  'sneered', 'huffed', 'raged', 'exclaimed', 'chimed', 'interjected', 'offered', 'recounted', 'quipped', 'cracked',
  'joked', 'teased', 'pleaded', 'begged', 'thundered', 'bellowed', 'barked', 'cried', 'sobbed', 'wrote', 'read',
  'reads', 'continued', 'went', 'goes', 'recalled', 'explained', 'tweeted', 'posted', 'texted', 'emailed',
  'wondered', 'asked', 'answered', 'replied', 'responded', 'retorted', 'countered', 'shot', 'fired', 'inquired',
  'enquired', 'queried', 'demanded', 'whispered', 'shouted', 'yelled', 'screamed', 'muttered', 'remarked',
]);
