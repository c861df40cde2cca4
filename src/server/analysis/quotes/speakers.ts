// Speaker phrases around a cue: the noun phrase before the verb ("Sen. Jane Ortiz said"), after it ("said
// Ortiz"), or after "according to"; how specific it is (named / described / vague); and which entity it is.

import { startsWithCapital, startsWithLetterOrDigit, withoutFinalPeriod, type TextModel } from '../text';
import type { Entity, Speaker, Token } from '../types';
import { INSTITUTIONAL_SOURCES, PERSON_TITLES, VAGUE_SOURCES } from '../lexicon';
import { sortInPlace } from '../order';
import { Scratch } from '../scratch';

/** Words that end a speaker phrase when walking away from the cue. */
const NP_STOP = new Set([
  'that', 'which', 'who', 'whom', 'whose', 'when', 'while', 'because', 'but', 'or', 'if', 'as', 'than', 'since',
  'after', 'before', 'where', 'is', 'was', 'were', 'are', 'be', 'been', 'being', 'has', 'have', 'had', 'will',
  'would', 'could', 'should', 'can', 'may', 'might', 'must', 'did', 'does', 'do', 'not', 'to', 'so', 'also',
  'then', 'later', 'now', 'said', 'says', 'say', 'told', 'and', 'nor', 'yet', 'though', 'although', 'whether',
  'here', 'there', 'it', 'this', 'what', 'how', 'why', 'once', 'even', 'just', 'only', 'again', 'ago',
  'yesterday', 'today', 'tonight', 'tomorrow', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday',
  'saturday', 'sunday', 'week', 'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'last', 'next',
]);
const PREPOSITIONS = new Set(['of', 'for', 'at', 'with', 'from', 'in', 'on', 'by', 'close', 'familiar', 'about']);
const DETERMINERS = new Set([
  'the', 'a', 'an', 'two', 'three', 'four', 'five', 'six', 'several', 'some', 'many', 'most', 'one', 'his', 'her',
  'their', 'its', 'our', 'my', 'your', 'other', 'another', 'both', 'few', 'all', 'these', 'those', 'each', 'no',
  'dozens', 'hundreds', 'thousands', 'numerous', 'various', 'multiple', 'more', 'fewer',
]);
export const PRONOUNS = new Set(['he', 'she', 'they', 'i', 'we', 'it', 'you']);
/** Lower-case words that may stand before a name as part of the speaker's title. */
const ROLE_WORDS = new Set([
  'former', 'presidential', 'republican', 'democratic', 'top', 'senior', 'chief', 'deputy', 'campaign', 'press',
  'communications', 'state', 'national', 'acting', 'nominee', 'candidate', 'manager', 'spokesman', 'spokeswoman',
  'spokesperson', 'adviser', 'advisor', 'aide', 'strategist', 'director', 'hopeful', 'chairman', 'chairwoman',
  'leader', 'frontrunner', 'front-runner', 'rival', 'businessman', 'billionaire', 'founder', 'executive', 'ceo',
  'analyst', 'economist', 'professor', 'pollster', 'lawyer', 'attorney', 'general', 'minority', 'majority', 'whip',
  'house', 'senate', 'white', 'u.s.', 'gop', 'independent', 'host', 'anchor', 'correspondent', 'reporter',
  'columnist', 'editor', 'writer', 'author', 'activist', 'organizer', 'official', 'secretary', 'mr.', 'mrs.', 'ms.',
  'dr.', 'sen.', 'rep.', 'gov.', 'gen.', 'lt.', 'col.', 'prof.', 'rev.', 'then-candidate', 'incumbent',
  'commentator', 'delegate', 'constituent', 'voter', 'resident', 'supporter', 'protester', 'student', 'veteran',
  'worker', 'farmer', 'owner', 'mother', 'father', 'teacher', 'pastor', 'conservative', 'liberal', 'radio', 'talk',
  'show', 'actor', 'actress', 'singer', 'star', 'comedian', 'rapper', 'entrepreneur', 'investor', 'mogul',
]);
/** Capitalised words at a sentence start that are ordinary words, not names. */
const COMMON_CAPITALISED = new Set([
  'the', 'a', 'an', 'but', 'and', 'in', 'on', 'at', 'as', 'for', 'if', 'when', 'while', 'after', 'before',
  'this', 'that', 'these', 'those', 'some', 'many', 'most', 'both', 'all', 'two', 'three', 'one', 'several',
  'his', 'her', 'their', 'its', 'our', 'still', 'yet', 'so', 'now', 'then', 'meanwhile', 'however', 'asked',
  'speaking', 'according', 'also', 'other', 'others', 'another', 'such', 'because', 'since', 'even', 'though',
  'hours', 'minutes', 'days', 'weeks', 'months', 'years', 'earlier', 'later', 'moments', 'shortly', 'last', 'late',
  'early', 'during', 'despite', 'with', 'without', 'by', 'from', 'to', 'of', 'over', 'under', 'asked', 'once',
  'here', 'there', 'what', 'why', 'how', 'where', 'who', 'it', 'no', 'not', 'yes', 'every', 'each', 'any',
]);

const isWord = (t: Token): boolean => startsWithLetterOrDigit(t.text) || /^['’]s$/i.test(t.text);
const isCap = (t: Token): boolean => startsWithCapital(t.text);

/** The tokens speaker phrases are read from, with their lower-case texts. */
export type Words = Pick<TextModel, 'tokens' | 'lower'>;

/** A speaker phrase as token indices (inclusive) plus the index of its head word. */
export interface SpeakerPhrase {
  first: number;
  last: number;
  head: number;
}

/** Does this capitalised token look like part of a name (not a sentence-initial ordinary word)? */
export function looksLikeName(model: Words, i: number, sentenceStart: number): boolean {
  const tokens = model.tokens;
  const t = tokens[i]!;
  if (!isCap(t)) return false;
  const w = model.lower[i]!;
  if (COMMON_CAPITALISED.has(w) || PRONOUNS.has(w)) return false;
  if (i === sentenceStart && (VAGUE_SOURCES.has(w) || INSTITUTIONAL_SOURCES.has(w) || DETERMINERS.has(w))) return false;
  return true;
}

/**
 * The speaker phrase that ends at token `head` (the word just before the cue), walking left no further than
 * `floor`. Titles and roles before a name are kept ("former Secretary of State Jane Ortiz"); a role with an
 * affiliation is kept whole ("a spokesman for the campaign").
 */
export function phraseEndingAt(model: Words, head: number, floor: number, sentenceStart: number): SpeakerPhrase | null {
  const tokens = model.tokens;
  const h = tokens[head];
  if (!h || !isWord(h)) return null;
  const hw = model.lower[head]!;
  if (PRONOUNS.has(hw)) return { first: head, last: head, head };
  // numerals stand for people in polls: "all five say", "64 percent said" ("percent" is a noun anyway)
  const numeral = /^(?:\d[\d,.]*|two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds|thousands|most|both|few|all)$/.test(hw);
  if (NP_STOP.has(hw) || PREPOSITIONS.has(hw) || (DETERMINERS.has(hw) && hw !== 'some' && hw !== 'many' && hw !== 'others' && !numeral)) return null;
  let j = head;
  if (looksLikeName(model, head, sentenceStart) || /^['’]s$/.test(h.text)) {
    // a name: capitalised run (with "of"/"the" inside, initials, Jr.), then titles/roles before it
    while (j - 1 >= floor) {
      const t = tokens[j - 1]!;
      const w = model.lower[j - 1]!;
      if (isCap(t) && !COMMON_CAPITALISED.has(w) && isWord(t)) j--;
      else if ((w === 'of' || w === 'the' || w === 'for' || w === '&' || w === 'de' || w === 'van' || w === 'von' || w === 'bin' || w === 'al') && j - 2 >= floor && isCap(tokens[j - 2]!) && isCap(tokens[j]!)) j--;
      else if (/^['’]s$/.test(t.text) || w === '-') j--;
      else if (ROLE_WORDS.has(w) || PERSON_TITLES.has(withoutFinalPeriod(w))) j--;
      else if (/^[\p{L}]+-based$/u.test(w)) j--;
      else break;
      if (head - j > 12) break;
    }
    // "a spokesman for Ortiz": the role is the speaker, the name is its affiliation
    const before = tokens[j - 1];
    if (before && (model.lower[j - 1]! === 'for' || model.lower[j - 1]! === 'to') && j - 2 >= floor) {
      const role = commonPhraseEndingAt(model, j - 2, floor);
      if (role && role.first <= j - 2 && isRoleNoun(model.lower[j - 2]!)) return { first: role.first, last: head, head: j - 2 };
    }
    // a leading determiner belongs to the phrase ("the Times", "The Washington Post")
    const det = tokens[j - 1];
    if (det && model.lower[j - 1]! === 'the' && j - 1 >= floor) j--;
    return { first: j, last: head, head };
  }
  const common = commonPhraseEndingAt(model, head, floor);
  return common;
}

function isRoleNoun(w: string): boolean {
  return /(?:man|woman|person|spokesperson|aide|aides|adviser|advisers|official|officials|director|source|sources|member|members|staffer|staffers|representative|lawyer|attorney|strategist|analyst|supporter|supporters|official)$/.test(w);
}

/** A common-noun phrase ending at `head` ("two senior officials", "a person familiar with the talks"). */
function commonPhraseEndingAt(model: Words, head: number, floor: number): SpeakerPhrase | null {
  const tokens = model.tokens;
  let j = head;
  while (j - 1 >= floor && head - j < 10) {
    const t = tokens[j - 1]!;
    const w = model.lower[j - 1]!;
    if (DETERMINERS.has(w)) {
      j--;
      // "all five states", "the two senior officials"
      while (j - 1 >= floor && DETERMINERS.has(model.lower[j - 1]!) && head - j < 10) j--;
      // "a spokesman for the campaign": keep walking through the preposition
      const p = tokens[j - 1];
      if (p && j - 1 > floor && PREPOSITIONS.has(model.lower[j - 1]!) && isWord(tokens[j - 2]!) && !NP_STOP.has(model.lower[j - 2]!)) {
        j--;
        continue;
      }
      break;
    }
    if (NP_STOP.has(w)) break;
    if (PREPOSITIONS.has(w)) {
      const left = tokens[j - 2];
      if (left && j - 2 >= floor && isWord(left) && !NP_STOP.has(model.lower[j - 2]!) && !PREPOSITIONS.has(model.lower[j - 2]!)) {
        j--;
        continue;
      }
      break;
    }
    if (isWord(t) || /^['’]s$/.test(t.text) || w === '-') {
      j--;
      continue;
    }
    break;
  }
  // a phrase that starts with a preposition lost its noun: not a speaker
  if (PREPOSITIONS.has(model.lower[j]!)) return null;
  // "a spokesman for the campaign": the head is the noun before the first preposition
  for (let k = j + 1; k < head; k++) if (PREPOSITIONS.has(model.lower[k]!) && isWord(tokens[k - 1]!)) return { first: j, last: head, head: k - 1 };
  return { first: j, last: head, head };
}

/** The speaker phrase that starts at token `from` ("said Sen. Jane Ortiz, …", "according to the ministry"). */
export function phraseStartingAt(model: Words, from: number, ceiling: number, sentenceStart: number): SpeakerPhrase | null {
  const tokens = model.tokens;
  let k = from;
  let head = -1;
  const first = tokens[from];
  if (!first || (NP_STOP.has(model.lower[from]!) && !PRONOUNS.has(model.lower[from]!)) || PREPOSITIONS.has(model.lower[from]!)) return null;
  while (k < ceiling && k - from < 14) {
    const t = tokens[k]!;
    const w = model.lower[k]!;
    if (!isWord(t) && !/^['’]s$/.test(t.text) && w !== '&' && w !== '-') break;
    if (k > from && (NP_STOP.has(w) && w !== 'and' || w === 'during' || w === 'via')) break;
    if (k > from && w === 'and' && !(tokens[k + 1] && isCap(tokens[k + 1]!) && isCap(tokens[k - 1]!))) break;
    if (k > from && (w === 'on' || w === 'in') && tokens[k + 1] && !isCap(tokens[k + 1]!) && !DETERMINERS.has(model.lower[k + 1]!)) break;
    if (k === from && PRONOUNS.has(w)) return { first: k, last: k, head: k };
    if (!DETERMINERS.has(w) && !PREPOSITIONS.has(w)) head = head < 0 || !PREPOSITIONS.has(model.lower[k - 1]!) ? k : head;
    k++;
  }
  if (head < 0) return null;
  let last = k - 1;
  while (last > from && (PREPOSITIONS.has(model.lower[last]!) || DETERMINERS.has(model.lower[last]!))) last--;
  void sentenceStart;
  return { first: from, last, head: Math.min(head, last) };
}

/** named · described · vague (DIAGNOSTICS.md §5). */
export function specificityOf(model: Words, phrase: SpeakerPhrase, sentenceStart: number, resolved: boolean): Speaker['specificity'] {
  const tokens = model.tokens;
  const head = tokens[phrase.head]!;
  const hw = model.lower[phrase.head]!;
  if (PRONOUNS.has(hw)) return resolved ? 'named' : 'described';
  if (looksLikeName(model, phrase.head, sentenceStart) && !isRoleNoun(hw)) return 'named';
  if (INSTITUTIONAL_SOURCES.has(hw)) return 'named';
  // a document from a named source: "a KXLM tally", "a poll by the state university"
  if (DOCUMENT_SOURCES.has(hw)) {
    for (let i = phrase.first; i <= phrase.last; i++) if (i !== sentenceStart && looksLikeName(model, i, sentenceStart)) return 'named';
  }
  // bare vague nouns, optionally with a quantifier: "officials", "some critics", "many experts": the content words
  // (no determiners) each one, or joined one (read in place, not listed: a list grown by push holds 17 slots)
  const isContent = (w: string): boolean => !DETERMINERS.has(w) && w !== 'the';
  let content = 0;
  let allVague = true;
  for (let i = phrase.first; i <= phrase.last; i++) {
    const w = model.lower[i]!;
    if (!isContent(w)) continue;
    content++;
    allVague &&= VAGUE_SOURCES.has(w);
  }
  if (content === 0 || allVague) return 'vague';
  // (a one-word phrase joined is that word, which was asked about above)
  if (content > 1) {
    let joined = '';
    for (let i = phrase.first; i <= phrase.last; i++) {
      const w = model.lower[i]!;
      if (isContent(w)) joined = joined === '' ? w : `${joined} ${w}`;
    }
    if (VAGUE_SOURCES.has(joined)) return 'vague';
  }
  if (content === 1 && (hw === 'source' || hw === 'sources' || hw === 'official' || hw === 'officials')) return 'vague';
  return 'described';
}

const DOCUMENT_SOURCES = new Set([
  'poll', 'polls', 'survey', 'tally', 'count', 'report', 'study', 'analysis', 'statement', 'letter', 'email', 'memo',
  'filing', 'data', 'figures', 'records', 'documents', 'release', 'ad', 'website', 'transcript', 'estimate', 'estimates',
  'review', 'audit', 'investigation', 'ruling', 'lawsuit', 'complaint', 'indictment', 'affidavit', 'tweet', 'post',
]);

/** Mentions of every entity, in document order, for span → entity lookups. */
export interface MentionIndex {
  starts: number[];
  items: { start: number; end: number; entity: Entity }[];
}

/** Mentions per document a sort key of indexMentions tells apart (one per character of a document is far fewer). */
const KEY_POSITIONS = 2 ** 21;
/** indexMentions' sort keys, kept from one document to the next (./scratch). */
const MENTION_KEYS = new Scratch((n) => new Float64Array(n));

export function indexMentions(entities: readonly Entity[]): MentionIndex {
  const found: { start: number; end: number; entity: Entity }[] = [];
  for (const e of entities) {
    if (e.type !== 'PERSON' && e.type !== 'ORG' && e.type !== 'LOC' && e.type !== 'MISC') continue;
    for (const m of e.mentions) found.push({ start: m.start, end: m.end, entity: e });
  }
  // by start, those with the same start in the order found (as a stable sort leaves them): the numbers
  // start · KEY_POSITIONS + position sort so natively, with no comparison function called per pair of mentions
  if (found.length >= KEY_POSITIONS) return { starts: sortInPlace(found, (a, b) => a.start - b.start).map((m) => m.start), items: found };
  const keys = MENTION_KEYS.view(found.length);
  for (let i = 0; i < found.length; i++) keys[i] = found[i]!.start * KEY_POSITIONS + i;
  keys.sort();
  const items = new Array<{ start: number; end: number; entity: Entity }>(found.length);
  const starts = new Array<number>(found.length);
  for (let i = 0; i < found.length; i++) {
    const m = found[keys[i]! % KEY_POSITIONS]!;
    items[i] = m;
    starts[i] = m.start;
  }
  return { starts, items };
}

/** Index of the last mention starting before `offset` (−1 when none). */
function lastBefore(index: MentionIndex, offset: number): number {
  let lo = 0;
  let hi = index.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (index.starts[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The entity whose mention lies inside the speaker phrase (the head's, when there are several). */
export function entityInside(index: MentionIndex, start: number, end: number, headStart: number): Entity | undefined {
  let best: Entity | undefined;
  for (let i = lastBefore(index, end); i >= 0; i--) {
    const m = index.items[i]!;
    if (m.end <= start) break;
    if (m.start < end && m.end > start) {
      if (m.start <= headStart && headStart < m.end) return m.entity;
      best ??= m.entity;
    }
  }
  return best;
}

/** Nearest preceding mention of a compatible entity for a pronoun speaker (he/she → person; it → organisation). */
export function antecedentOf(index: MentionIndex, pronoun: string, offset: number, notBefore: number): Entity | undefined {
  const wanted = pronoun === 'it' ? 'ORG' : pronoun === 'he' || pronoun === 'she' || pronoun === 'i' ? 'PERSON' : undefined;
  if (!wanted) return undefined;
  for (let i = lastBefore(index, offset); i >= 0; i--) {
    const m = index.items[i]!;
    if (m.start < notBefore) break;
    if (m.entity.type === wanted && m.end <= offset) return m.entity;
  }
  return undefined;
}

const ARTICLES = new Set(['the', 'a', 'an']);
/** Irregular past tenses that end a subject phrase ("The engineer began …"). */
const COMMON_PAST = new Set(['began', 'went', 'made', 'took', 'gave', 'came', 'got', 'told', 'said', 'wrote', 'spoke', 'met', 'left', 'won', 'lost', 'ran', 'held', 'kept', 'sent', 'put', 'set', 'saw', 'knew', 'thought', 'felt', 'stood', 'became', 'brought', 'bought', 'led', 'found', 'paid', 'is', 'was', 'has', 'had', 'says', 'tells']);
const SENTENCE_OPENERS = new Set(['but', 'and', 'so', 'yet', 'still', 'then', 'meanwhile', 'instead', 'now', 'also']);

/**
 * The subject that opens a sentence, for cues that share it ("Ortiz thanked the council and said …", "…, saying …"):
 * a pronoun, or a run of capitalised words with an optional article ("The Oregon Democrat").
 */
export function subjectAtSentenceStart(model: Words, start: number, limit: number): SpeakerPhrase | null {
  const tokens = model.tokens;
  let k = start;
  // a dateline before the story: "WASHINGTON —", "Washington (AFP) –"
  for (let d = start; d < limit && d - start < 8; d++) {
    const w = tokens[d]!.text;
    if (w === '—' || w === '–' || w === '-' || w === '--') {
      let header = true;
      for (let h = start; h < d; h++) if (/^\p{Ll}/u.test(tokens[h]!.text)) header = false;
      if (header && d > start) k = d + 1;
      break;
    }
  }
  // an opening adverbial ("Hours later, Ortiz …", "In a statement, the campaign …") is not the subject
  const opener = k < limit ? model.lower[k]! : '';
  if (k < limit && ((COMMON_CAPITALISED.has(opener) && !PRONOUNS.has(opener) && !ARTICLES.has(opener)) || /^[a-z]{3,}(?:ing|ed)$/.test(opener))) {
    for (let c = k + 1; c < limit && c - k < 12; c++) {
      if (tokens[c]!.text === ',') {
        k = c + 1;
        break;
      }
    }
  }
  while (k < limit && (SENTENCE_OPENERS.has(model.lower[k]!) || tokens[k]!.text === ',')) k++;
  if (k >= limit) return null;
  const w = model.lower[k]!;
  if (PRONOUNS.has(w) && w !== 'it' && w !== 'you') return { first: k, last: k, head: k };
  let j = k;
  if (w === 'the' || w === 'a' || w === 'an') j++;
  let lastCap = -1;
  while (j < limit && j - k < 10) {
    const t = tokens[j]!;
    const lw = model.lower[j]!;
    if (isCap(t) && isWord(t) && !COMMON_CAPITALISED.has(lw)) lastCap = j;
    else if (/^['’]s$/.test(t.text) && lastCap === j - 1) lastCap = j;
    else if (!((lw === 'of' || lw === 'the' || lw === '.') && lastCap === j - 1) && !ROLE_WORDS.has(lw) && !(lastCap < 0 && /^\d+-year-old$/.test(lw))) break;
    j++;
  }
  if (lastCap < 0) {
    // a common noun subject: "The county engineer began …", "A school official then told …"
    if (!ARTICLES.has(w)) return null;
    let e = k + 1;
    while (e < limit && e - k <= 5) {
      const t = tokens[e]!;
      const lw = model.lower[e]!;
      if (!isWord(t) || NP_STOP.has(lw) || PREPOSITIONS.has(lw) || lw.endsWith('ed') || COMMON_PAST.has(lw) || /ly$/.test(lw)) break;
      e++;
    }
    return e - 1 > k ? { first: k, last: e - 1, head: e - 1 } : null;
  }
  // "Ortiz's campaign": the possessor's noun is the subject
  if (/^['’]s$/.test(tokens[lastCap]!.text) && lastCap + 1 < limit && isWord(tokens[lastCap + 1]!) && !isCap(tokens[lastCap + 1]!)) lastCap++;
  // "A Riverside campaign official": role words after the name make the role the head
  let last = lastCap;
  while (last + 1 < limit && last + 1 < j + 1 && ROLE_WORDS.has(model.lower[last + 1]!)) last++;
  return { first: k, last, head: last };
}
