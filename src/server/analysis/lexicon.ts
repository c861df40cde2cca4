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
