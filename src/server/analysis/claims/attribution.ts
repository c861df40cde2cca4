// Attribution in one sentence: reporting cues with their source ("X said", "said X", "according to X"),
// document sources ("a study by X found"), agentless hearsay ("it is widely believed"), and how specific the
// source is (named · described · vague). The window logic and the rules read these.

import { firstTokenFrom, hasLetterOrDigit, startsWithCapital, type TextModel } from '../text';
import type { Entity, Span } from '../types';
import type { ClaimText } from './quoted';
import type { Words } from './words';
import { AGENTLESS_IT, AGENTLESS_KEY, AGENTLESS_VERB, ATTRIBUTION_LEAD, OTHER_CUE, POINT_FORMS, REPORTING_CUE } from '../wordClasses';
import {
  ANONYMOUS_ROLES, BELIEF_CUE_FORMS, CUE_MODIFIERS, DOCUMENT_CUE_FORMS, DOCUMENT_SOURCES, EXPRESSIVE_CUE_FORMS, INSTITUTIONAL_SOURCES,
  NON_SPEECH_CUES, PERSONAL_PRONOUNS, PERSON_TITLES, REPORTING_CUE_FORMS, SOFT_VAGUE_SOURCES, SPOKESPERSON_SOURCES,
  VAGUE_SOURCES, WEASEL_SOURCES,
} from '../lexicon';

export type Specificity = 'named' | 'described' | 'vague';

export interface Attribution {
  kind: 'speech' | 'according' | 'document' | 'agentless' | 'belief' | 'nonSpeech' | 'preposition';
  cue: Span & { text: string };
  source: (Span & { text: string }) | null;
  specificity: Specificity;
  /** Lower-case head noun of the source ("critics", "officials"). */
  head?: string;
  /** A role typically granted anonymity ("two senior officials", "a person familiar with …"). */
  anonymous?: boolean;
  /** The source stood after the cue ("…," said Ruth Adams). */
  inverted?: boolean;
  /** Index of the cue word in the sentence's words. */
  cueWord: number;
}

const FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'and', 'or', 'but', 'is', 'are',
  'was', 'were', 'be', 'been', 'being', 'it', 'its', 'this', 'that', 'these', 'those', 'as', 'than', 'so',
  'not', 'no', 'if', 'then', 'there', 'here', 'what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why',
  'how', 'also', 'has', 'have', 'had', 'do', 'does', 'did', 'will', 'would', 'can', 'could', 'should', 'may',
  'might', 'must', 'up', 'out', 'into', 'over', 'about', 'after', 'before', 'just', 'only', 'very', 'more',
  'most', 'such', 'his', 'her', 'their', 'our', 'my', 'your', 'him', 'them', 'us', 'me', 'all', 'any', 'each',
  'every', 'both', 'either', 'neither', 'other', 'another', 'because', 'while', 'though', 'although', 'since',
  'until', 'unless', 'whether', 'yet', 'too', 'still', 'even', 'again', 'ago', 'per', 'via', 'like',
]);

/** Words that end a noun phrase when walking away from a cue. */
const NP_BOUNDARY = new Set([
  'that', 'which', 'who', 'whom', 'whose', 'but', 'because', 'while', 'when', 'as', 'if', 'after', 'before',
  'since', 'although', 'though', 'so', 'where', 'whether', 'than', 'is', 'are', 'was', 'were', 'be', 'been',
  'being', 'what', 'how', 'why', 'once', 'until', 'unless', 'yet', 'or', 'nor', 'then', 'said', 'says',
]);

/** Cue lemmas that are also ordinary verbs of doing ("the bill would add $2 billion"): speech only in context. */
const CONTEXT_CUES = new Set(['add', 'continue', 'order', 'demand', 'signal', 'indicate', 'agree', 'post', 'charge', 'counter', 'maintain', 'propose', 'recommend', 'ask', 'promise', 'call', 'state', 'note', 'report', 'cite', 'describe', 'praise', 'blast', 'slam', 'stress', 'observe', 'reveal', 'admit', 'concede', 'claim', 'insist', 'confirm', 'disclose', 'acknowledge', 'deny', 'recall', 'predict', 'estimate', 'conclude', 'mention', 'inform', 'advise', 'order', 'urge', 'criticize', 'complain', 'joke', 'explain', 'declare', 'announce']);

const FINITE = new Set(['is', 'are', 'was', 'were', 'had', 'has', 'have', 'would', 'will', 'could', 'should', 'might', 'may', 'must', 'did', 'does', 'do', 'can', "wasn't", "isn't", "weren't", "didn't", "won't", "hadn't", "hasn't"]);
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'there', 'this', 'that', 'his', 'her', 'their', 'its', 'no', 'nobody', 'none']);
const QUANTIFIERS = new Set(['a', 'an', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'several', 'some', 'many', 'few', 'numerous', 'multiple', 'various', 'other', 'more', 'most', 'dozens', 'scores', 'three']);
const DEFINITE = new Set(['the', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'my', 'your']);
const AFFILIATION = /^(?:in|at|from|for|with|inside|within|on) |\b(?:familiar with|close to|to the|briefed on|with knowledge of|knowledgeable about|involved in|with direct knowledge|aware of|in the|at the|from the|for the|of the|inside|within|on the|who (?:spoke|asked|requested|declined|insisted|was|were|is|are|has|have|had))\b/;
const ANONYMOUS_AFFILIATION = /\b(?:familiar with|close to|briefed on|with knowledge of|knowledgeable about|involved in|with direct knowledge|aware of)\b/;
const ROLE_QUALIFIERS = new Set(['senior', 'administration', 'government', 'military', 'intelligence', 'police', 'campaign', 'diplomatic', 'western', 'european', 'security', 'defense', 'defence', 'ministry', 'state', 'federal', 'local', 'party', 'congressional', 'industry', 'company', 'union', 'law', 'enforcement', 'justice', 'department', 'white', 'house', 'top', 'former', 'current', 'high-ranking', 'mid-level', 'junior', 'regional', 'city', 'county', 'health', 'school', 'hospital', 'airport', 'embassy', 'foreign', 'trade', 'energy', 'oil', 'bank', 'banking', 'court', 'prison', 'army', 'navy', 'rebel', 'opposition']);

/** Auxiliaries of an -ing cue ("was saying"), skipped on the way back to its subject. */
const PROGRESSIVE_AUXILIARIES: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were', 'been', 'be', 'am', "'s", "'re"]);

/** Nouns that end in -ly and so are no adverbs ("a source close to the family said"). */
const LY_NOUNS = new Set(['family', 'ally', 'assembly', 'supply', 'rally', 'anomaly', 'monopoly', 'reply', 'bully', 'daily', 'weekly', 'monthly', 'quarterly', 'july', 'italy', 'fly', 'lily', 'homily', 'belly']);
const isAdverb = (words: Words, i: number): boolean => words.lower(i)!.endsWith('ly') && !startsWithCapital(words.text(i)!) && !LY_NOUNS.has(words.lower(i)!);
const isWordy = (words: Words, i: number): boolean => !words.isQuote(i) && hasLetterOrDigit(words.text(i)!);

/** Is this word a plausible last word (head) of a source noun phrase? */
function nounish(words: Words, i: number): boolean {
  if (!words.has(i) || words.isQuote(i) || !isWordy(words, i)) return false;
  const lower = words.lower(i)!;
  if (/^['’]s$/.test(lower)) return false;
  if (PERSONAL_PRONOUNS.has(lower) || lower === 'it') return true;
  if (FUNCTION_WORDS.has(lower) || CUE_MODIFIERS.has(lower)) return false;
  if (isAdverb(words, i)) return false;
  return true;
}

/** The speech context that makes an ambiguous cue a cue: "added that", "noted," "claimed he was". */
function speechFollows(words: Words, i: number): boolean {
  if (!words.has(i + 1)) return true;
  const text = words.text(i + 1)!;
  const lower = words.lower(i + 1)!;
  if (words.isQuote(i + 1) || text === ',' || text === ':' || text === '.' || lower === 'that' || text === '—') return true;
  if (SUBJECT_PRONOUNS.has(lower) && lower !== 'his' && lower !== 'her' && lower !== 'their' && lower !== 'its') return true;
  for (let k = i + 2; k < Math.min(words.length, i + 8); k++) {
    const t = words.text(k)!;
    if (t === ',' || t === ';' || words.isQuote(k)) return false;
    if (FINITE.has(words.lower(k)!)) return true;
  }
  return false;
}

function wordsText(model: TextModel, words: Words, from: number, to: number): Span & { text: string } {
  const start = words.start(from);
  const end = words.end(to - 1);
  return { start, end, text: model.text.slice(start, end) };
}

/** Walks back from just before `end` over a source noun phrase; returns its first word index. */
function npBack(words: Words, end: number): number {
  let k = end;
  let n = 0;
  while (k >= 0 && n < 9) {
    const text = words.text(k)!;
    const lower = words.lower(k)!;
    if (words.isQuote(k) || !(hasLetterOrDigit(text) || /['’.&-]/.test(text))) break;
    if (NP_BOUNDARY.has(lower)) break;
    if (lower === 'and' || lower === '&') {
      // "Smith and Jones said", "Federal and state officials said": coordinated names or qualifiers
      if (!words.has(k - 1) || !words.has(k + 1)) break;
      if (!(startsWithCapital(words.text(k - 1)!) || ROLE_QUALIFIERS.has(words.lower(k - 1)!)) || !(startsWithCapital(words.text(k + 1)!) || ROLE_QUALIFIERS.has(words.lower(k + 1)!))) break;
    }
    // another cue ends the phrase ("…, he said, officials added"), but not a noun that looks like one ("state")
    if (k !== end && (words.classes(k) & REPORTING_CUE) !== 0 && !ROLE_QUALIFIERS.has(lower) && /(?:ed|aid|old|rote|says)$/.test(lower)) break;
    k--;
    n++;
  }
  return k + 1;
}

/** Punctuation that ends a source noun phrase read forward (a mark is its own lower case: Words.lower reads it). */
const NP_FORWARD_STOPS: ReadonlySet<string> = new Set([',', '.', ';', ':', '(', '—', '?', '!']);
/** Words that end it ("said on Monday", "said in a statement") … */
const NP_FORWARD_SETTINGS: ReadonlySet<string> = new Set(['on', 'in', 'at', 'during', 'after', 'before', 'last', 'this']);
/** … and times that end it unless a capitalised word follows. */
const NP_FORWARD_TIMES: ReadonlySet<string> = new Set([
  ...NP_FORWARD_SETTINGS, 'earlier', 'late', 'early', 'yesterday', 'today', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
]);

/** Walks forward from `start` over a source noun phrase (inverted attribution, "according to X"). */
function npForward(words: Words, start: number): number {
  let k = start;
  while (k < words.length && k - start < 9) {
    const lower = words.lower(k)!;
    if (words.isQuote(k) || NP_FORWARD_STOPS.has(words.lower(k)!)) break;
    if (NP_BOUNDARY.has(lower) && k > start) break;
    if (k > start && NP_FORWARD_TIMES.has(lower) && !startsWithCapital(words.text(k + 1) ?? 'x')) break;
    if (k > start && NP_FORWARD_SETTINGS.has(lower)) break;
    k++;
  }
  return k;
}

/** Words that open a post-modifier of a source's head noun ("officials in the ministry", "critics of the plan"). */
const POST_MODIFIERS: ReadonlySet<string> = new Set([
  'of', 'in', 'at', 'for', 'from', 'with', 'to', 'close', 'familiar', 'who', 'including', 'like', 'such', 'briefed', 'on',
  'inside', 'within', 'among', 'led', 'polled', 'surveyed', 'knowledgeable', 'involved', 'aware',
]);

/** How a source is classified (classifySource). */
interface SourceClass {
  specificity: Specificity;
  head: string;
  anonymous: boolean;
}

/**
 * An attribution with a classified source, its fields written out (spreading the classification into the literal
 * copies it property by property, a slow generic path); `specificity` overrides the classification's.
 */
function sourced(kind: Attribution['kind'], cue: Span & { text: string }, source: Span & { text: string }, c: SourceClass, cueWord: number, specificity = c.specificity): Attribution {
  return { kind, cue, source, specificity, head: c.head, anonymous: c.anonymous, cueWord };
}

/** Named, described or vague: how well the source words let a reader know who is speaking. */
export function classifySource(words: Words, from: number, to: number, appositive?: [number, number]): SourceClass {
  // (read in place over the sentence's words, quoted stretches left out: a source is classified for every cue)
  const end = Math.min(to, words.length);
  // the head: the last word before a post-modifier ("officials in the ministry", "critics of the plan")
  let first = -1;
  let head = -1;
  for (let k = from, last = -1; k < end; k++) {
    if (words.isQuote(k)) continue;
    if (first < 0) first = k;
    else if (POST_MODIFIERS.has(words.lower(k)!)) {
      head = last;
      break;
    }
    last = head = k;
  }
  if (first < 0) return { specificity: 'vague', head: '', anonymous: false };
  const headText = words.text(head)!;
  const headLower = withoutPossessive(words.lower(head)!);
  const apposFrom = appositive ? appositive[0] : 0;
  const apposTo = appositive ? Math.min(appositive[1], words.length) : 0;
  const anonymousRole = ANONYMOUS_ROLES.has(headLower);

  if (PERSONAL_PRONOUNS.has(headLower) || headLower === 'it' || headLower === 'who') return { specificity: 'named', head: headLower, anonymous: false };
  if (words.name(head) || (startsWithCapital(headText) && !words.initial(head) && !VAGUE_SOURCES.has(headLower))) return { specificity: 'named', head: headLower, anonymous: false };
  if (words.initial(head) && startsWithCapital(headText) && !VAGUE_SOURCES.has(headLower) && !ANONYMOUS_ROLES.has(headLower) && !INSTITUTIONAL_SOURCES.has(headLower) && !SPOKESPERSON_SOURCES.has(headLower) && !QUANTIFIERS.has(headLower) && !DOCUMENT_SOURCES.has(headLower) && !/s$/.test(headLower)) {
    // a capitalised sentence-initial word that is no common source noun: most likely a surname ("Ortiz said")
    return { specificity: 'named', head: headLower, anonymous: false };
  }
  // (the first word after the head decides this; the words after it are joined only for the affiliation patterns below)
  const postFirst = firstNonQuote(words, head + 1, end);
  if (postFirst < end && /^(?:including|like|such|led|among)\b/.test(words.lower(postFirst)!) && nameIn(words, head + 1, end)) return { specificity: 'named', head: headLower, anonymous: false };
  if (nameIn(words, apposFrom, apposTo) && !anonymousRole) return { specificity: 'named', head: headLower, anonymous: false };
  if (INSTITUTIONAL_SOURCES.has(headLower) || SPOKESPERSON_SOURCES.has(headLower) || PERSON_TITLES.has(headLower) || DOCUMENT_SOURCES.has(headLower))
    return { specificity: 'named', head: headLower, anonymous: false };
  // the words before the head: its determiner ("the", "two") and qualifiers ("senior", "State Department")
  const determiner = first < head ? words.lower(first)! : '';
  let possessive = false;
  let qualified = false;
  let senior = false;
  for (let k = first; k < head; k++) {
    if (words.isQuote(k)) continue;
    const lower = words.lower(k)!;
    const text = words.text(k)!;
    possessive ||= /['’]s$/.test(lower) || lower === "'s" || lower === '’s';
    if (QUANTIFIERS.has(lower) || /^\d/.test(text)) continue;
    qualified ||= ROLE_QUALIFIERS.has(lower) || INSTITUTIONAL_SOURCES.has(lower) || startsWithCapital(text);
    senior ||= lower === 'senior' || lower === 'top';
  }
  // "the official", "his aides": a source the story has already introduced
  if (DEFINITE.has(determiner) || possessive) return { specificity: 'named', head: headLower, anonymous: false };
  let postText = '';
  for (let k = postFirst; k < end; k++) if (!words.isQuote(k)) postText += (postText ? ' ' : '') + words.lower(k);
  const affiliated = AFFILIATION.test(postText) || qualified || nameIn(words, head + 1, end) || apposTo > apposFrom;
  if (affiliated) {
    const counted = QUANTIFIERS.has(determiner) || /^\d/.test(determiner) || senior || ANONYMOUS_AFFILIATION.test(postText);
    return { specificity: 'described', head: headLower, anonymous: anonymousRole && counted && !nameIn(words, apposFrom, apposTo) };
  }
  if (WEASEL_SOURCES.has(headLower) || SOFT_VAGUE_SOURCES.has(headLower) || VAGUE_SOURCES.has(headLower)) return { specificity: 'vague', head: headLower, anonymous: false };
  // any other role noun with a quantifier ("a lawyer", "two neighbours"): a described source
  return { specificity: 'described', head: headLower, anonymous: false };
}

/** A word without a final possessive "'s" or "’s" (what /['’]s$/ matches). */
function withoutPossessive(lower: string): string {
  const n = lower.length;
  return n >= 2 && lower.charCodeAt(n - 1) === 115 /* s */ && (lower.charCodeAt(n - 2) === 39 /* ' */ || lower.charCodeAt(n - 2) === 0x2019 /* ’ */) ? lower.slice(0, n - 2) : lower;
}

/** The first word of [from, to) that is no quoted stretch, or `to`. */
function firstNonQuote(words: Words, from: number, to: number): number {
  let k = from;
  while (k < to && words.isQuote(k)) k++;
  return k;
}

/** Whether a word of [from, to) names someone: a recognised name, or a capitalised word that is no vague source. */
function nameIn(words: Words, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    if (words.isQuote(k)) continue;
    const lower = words.lower(k)!;
    if (words.name(k) || (startsWithCapital(words.text(k)!) && !words.initial(k) && lower !== 'i' && !VAGUE_SOURCES.has(lower))) return true;
  }
  return false;
}

const AGENTLESS: RegExp[] = [
  /\bit (?:is|was|has been|had been|is being|was being|'s)\s+(?:widely |generally |commonly |often |now |also |increasingly |long |still |already )?(?:believed|said|reported|thought|rumou?red|claimed|alleged|feared|suggested|understood|assumed|argued|estimated|speculated)\b/g,
  /\b(?:is|are|was|were|been|being|be)\s+(?:widely|generally|commonly|broadly|largely|universally|popularly)\s+(?:seen|regarded|considered|viewed|believed|thought|perceived|acknowledged|recognized|recognised|accepted|credited|blamed|described|known|reported|understood)\b/g,
  /\bwidely (?:documented|reported|regarded|considered|seen|believed|viewed|thought|criticized|criticised|credited|blamed|cited|described|perceived)\b/g,
  /\breportedly\b/g,
  /\ballegedly\b/g,
  /\b(?:studies|research|reports|surveys|experiments)\s+(?:have\s+)?(?:show|shown|shows|suggest|suggests|suggested|indicate|indicates|indicated|find|finds|found|prove|proves|proved|proven|confirm|confirms|confirmed)\b/g,
  /\bthere (?:have|has|had) been (?:\w+ )?reports\b/g,
  /\bthere (?:are|were|is|was) (?:\w+ )?reports\b/g,
  /\baccording to (?:media |news |press |local |unconfirmed |some |several |many |various |multiple )?reports\b/g,
];

/** All of AGENTLESS in one pattern: one scan rules out the (usual) sentence that holds none of them. */
const ANY_AGENTLESS = new RegExp(AGENTLESS.map((re) => `(?:${re.source})`).join('|'));
/**
 * Agentless or hearsay phrases in `text`, the claim text of a sentence that starts at offset `start` (ATTR003
 * candidates, at document offsets); `lower`: the text in lower case. findAttributions asks only of sentences whose
 * word classes allow one (AGENTLESS_KEY, AGENTLESS_IT).
 */
export function findAgentless(text: string, start = 0, lower = lowerSameLength(text)): (Span & { text: string })[] {
  const out: (Span & { text: string })[] = [];
  if (!ANY_AGENTLESS.test(lower)) return out;
  for (const re of AGENTLESS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(lower))) {
      const s = start + m.index;
      // "studies show" introduced by a determiner or owner is a specific document ("the studies", "Smith's research")
      if (/^(?:studies|research|reports|surveys|experiments)\b/.test(m[0])) {
        const before = lower.slice(Math.max(0, m.index - 30), m.index);
        if (/(?:\bthe|\bthese|\bthose|\bhis|\bher|\btheir|\bits|['’]s|\bour)\s+(?:[\w-]+\s+){0,2}$/.test(before) || /[A-Z][\w-]*\s+$/.test(text.slice(Math.max(0, m.index - 30), m.index))) continue;
        // "new fundraising reports show": a kind of document, not hearsay
        const modifier = /([a-z-]+)\s+$/.exec(before)?.[1];
        if (modifier && !/^(?:some|many|several|numerous|recent|new|other|various|multiple|independent|scientific|previous|earlier|countless|and|that|as|but|because|while|since|although)$/.test(modifier)) continue;
        if (/\b(?:by|from|at|of)\s+/.test(lower.slice(m.index, m.index + m[0].length))) continue;
      }
      if (/^some|^many|^others/.test(m[0]) && /\b(?:of|in)\s+$/.test(lower.slice(Math.max(0, m.index - 4), m.index))) continue;
      out.push({ start: s, end: s + m[0].length, text: text.slice(m.index, m.index + m[0].length) });
    }
  }
  return out;
}

function quoteNear(words: Words, i: number): boolean {
  for (let k = Math.max(0, i - 4); k < i; k++) if (words.isQuote(k)) return true;
  const next = words.text(i + 1);
  return words.isQuote(i + 1) || ((next === ',' || next === ':') && words.isQuote(i + 2));
}

/** Whether a word of [from, head) is a document noun with its source after it: "a report by", "data from". */
function documentOf(words: Words, from: number, head: number): boolean {
  for (let k = from; k < head; k++) if (DOCUMENT_SOURCES.has(words.lower(k)!) && DOCUMENT_LINKS.has(words.lower(k + 1)!)) return true;
  return false;
}
const DOCUMENT_LINKS: ReadonlySet<string> = new Set(['by', 'from', 'of', 'at']);

/** Lower case with every offset kept (toLowerCase can lengthen a few non-ASCII letters, such as "İ"). */
export function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** No attributions (shared: a sentence's attributions are read, never changed). */
export const NO_ATTRIBUTIONS: readonly Attribution[] = [];

/**
 * `list` with `a` appended, made on the first one as a list of one (an empty list grown by push holds 17 slots,
 * and most sentences hold one attribution or none).
 */
function add(list: Attribution[] | undefined, a: Attribution): Attribution[] {
  if (!list) return [a];
  list.push(a);
  return list;
}

/** Every attribution in one sentence (its words' classes say whether an agentless phrase can be there at all). */
export function findAttributions(model: TextModel, words: Words, claim: ClaimText, sentenceStart: number, sentenceEnd: number): readonly Attribution[] {
  let out: Attribution[] | undefined;
  // (a sentence with no word of these classes is not read word by word)
  const cueWords = (words.union & (REPORTING_CUE | OTHER_CUE | ATTRIBUTION_LEAD)) !== 0;
  for (let i = 0; cueWords && i < words.length; i++) {
    // most words neither are a cue nor lead one in, and their classes say so (a quoted stretch has none)
    const wordClasses = words.classes(i);
    if (!(wordClasses & (REPORTING_CUE | OTHER_CUE | ATTRIBUTION_LEAD))) continue;
    const w = words.lower(i)!;
    // according to X
    if (w === 'according' && words.lower(i + 1) === 'to') {
      const from = i + 2;
      const to = npForward(words, from);
      if (to > from) {
        const c = classifySource(words, from, to);
        let doc = false;
        for (let k = from; k < to && !doc; k++) doc = DOCUMENT_SOURCES.has(words.lower(k)!);
        out = add(out, sourced(doc ? 'document' : 'according', wordsText(model, words, i, i + 2), wordsText(model, words, from, to), c, i));
      }
      continue;
    }
    // in a statement, in an interview, in the poll, in a court filing
    if ((w === 'in' || w === 'per') && i + 1 < words.length) {
      for (let k = i + 1; k < Math.min(words.length, i + 6); k++) {
        const x = words.lower(k)!;
        if (words.isQuote(k) || words.lower(k) === ',' || words.lower(k) === '.') break;
        if (DOCUMENT_SOURCES.has(x) || x === 'speech' || x === 'remarks' || x === 'op-ed' || x === 'column') {
          out = add(out, { kind: 'preposition', cue: wordsText(model, words, i, k + 1), source: wordsText(model, words, i + 1, k + 1), specificity: 'named', head: x, cueWord: i });
          break;
        }
      }
    }
    if (!(wordClasses & (REPORTING_CUE | OTHER_CUE))) continue;
    // (the word's classes say which of these lexicons can hold it at all: most cues are reporting verbs, in no other)
    const other = (wordClasses & OTHER_CUE) !== 0;
    // expressive verbs ("…," Toomey fumed; the editorial read, "…") attribute only right next to a quote
    const pointOut = other && POINT_FORMS.has(w) && words.lower(i + 1) === 'out';
    const reported = wordClasses & REPORTING_CUE ? REPORTING_CUE_FORMS.get(w) : undefined;
    const lemma = reported ?? (pointOut ? 'point out' : other && EXPRESSIVE_CUE_FORMS.has(w) && quoteNear(words, i) ? w : undefined);
    const belief = other && BELIEF_CUE_FORMS.has(w);
    const docCue = other && DOCUMENT_CUE_FORMS.has(w);
    const nonSpeech = other && NON_SPEECH_CUES.has(w);
    if (!lemma && !belief && !docCue && !nonSpeech) continue;
    const initial = words.initial(i);
    if (initial && !(nonSpeech)) {
      // "Said one official: …" — inverted at the sentence start
      if (lemma !== 'say') continue;
    }
    // the subject before the cue, skipping auxiliaries and adverbs
    let j = i - 1;
    let skipped = 0;
    while (j >= 0 && skipped < 3 && (CUE_MODIFIERS.has(words.lower(j)!) || isAdverb(words, j) || (w.endsWith('ing') && PROGRESSIVE_AUXILIARIES.has(words.lower(j)!)))) {
      j--;
      skipped++;
    }
    // "Rep. Jason Chaffetz (R-Utah) said": step over the parenthesis
    if (j > 0 && words.text(j) === ')') {
      let k = j - 1;
      while (k >= 0 && j - k < 10 && words.text(k) !== '(' && !words.isQuote(k)) k--;
      if (k > 0 && words.text(k) === '(') j = k - 1;
    }
    let subjectFrom = -1;
    let subjectTo = -1;
    let appositive: [number, number] | undefined;
    // "a report by the Federal Reserve, which said …": the relative pronoun's antecedent is the source
    if (j > 0 && (words.lower(j) === 'which' || words.lower(j) === 'who') && (lemma || docCue)) {
      const end = words.text(j - 1) === ',' ? j - 2 : j - 1;
      if (end >= 0 && nounish(words, end)) {
        subjectTo = end + 1;
        subjectFrom = npBack(words, end);
        if (subjectFrom < subjectTo) {
          const c = classifySource(words, subjectFrom, subjectTo);
          out = add(out, sourced(lemma ? 'speech' : 'document', wordsText(model, words, i, i + 1), wordsText(model, words, subjectFrom, subjectTo), c, i));
        }
        continue;
      }
    }
    if (j >= 0 && words.text(j) === ',' && !words.isQuote(j - 1)) {
      // "Smith, a spokesman for the ministry, said" · "Smith, who chairs the panel, said"
      let k = j - 1;
      while (k >= 0 && j - k < 25 && words.text(k) !== ',' && !words.isQuote(k) && words.text(k) !== ';') k--;
      if (k > 0 && words.text(k) === ',' && nounish(words, k - 1)) {
        appositive = [k + 1, j];
        subjectTo = k;
        subjectFrom = npBack(words, k - 1);
      }
    } else if (j >= 0 && nounish(words, j)) {
      subjectTo = j + 1;
      subjectFrom = npBack(words, j);
      if (subjectFrom >= subjectTo) subjectFrom = -1;
    }
    const afterQuoteOrComma = j >= 0 && (words.isQuote(j) || words.text(j) === ',' || words.text(j) === ':');
    if (subjectFrom >= 0 && subjectFrom < subjectTo) {
      const headWord = subjectTo - 1;
      const isDocument = DOCUMENT_SOURCES.has(words.lower(headWord)!) || documentOf(words, subjectFrom, subjectTo - 1);
      if (isDocument && docCue) {
        const c = classifySource(words, subjectFrom, subjectTo);
        out = add(out, sourced('document', wordsText(model, words, i, i + 1), wordsText(model, words, subjectFrom, subjectTo), c, i, c.specificity === 'vague' ? 'described' : c.specificity));
        continue;
      }
      if (!lemma && !belief && !nonSpeech) {
        // "PolitiFact rated 32% …", "Gallup found …": a named body measuring something is a document source
        const c = classifySource(words, subjectFrom, subjectTo, appositive);
        if (docCue && c.specificity === 'named' && startsWithCapital(words.text(headWord)!))
          out = add(out, sourced('document', wordsText(model, words, i, i + 1), wordsText(model, words, subjectFrom, subjectTo), c, i));
        continue;
      }
      if (nonSpeech && !(subjectFrom > 0 && (words.isQuote(subjectFrom - 1) || (words.text(subjectFrom - 1) === ',' && words.isQuote(subjectFrom - 2))))) continue;
      // "The company reported a loss of $412 million": a named subject makes even an ambiguous verb a source
      if (lemma && lemma !== 'say' && lemma !== 'tell' && CONTEXT_CUES.has(lemma) && !speechFollows(words, i) && !afterQuoteOrComma) {
        const c = classifySource(words, subjectFrom, subjectTo, appositive);
        if (c.specificity !== 'named' && !VAGUE_SOURCES.has(c.head) && !ANONYMOUS_ROLES.has(c.head) && !WEASEL_SOURCES.has(c.head)) continue;
      }
      if (lemma && lemma !== 'say' && lemma !== 'tell' && !CONTEXT_CUES.has(lemma) && w.endsWith('ing') && !speechFollows(words, i)) continue;
      // "what people think of X", "if voters believe": an embedded question, not an attribution
      if (belief && /^(?:what|how|whether|if|why|when)$/.test(words.lower(subjectFrom - 1) ?? '')) continue;
      const c = classifySource(words, subjectFrom, subjectTo, appositive);
      const sourceEnd = appositive ? appositive[1] : subjectTo;
      out = add(out, sourced(nonSpeech ? 'nonSpeech' : belief ? 'belief' : 'speech', wordsText(model, words, i, i + 1), wordsText(model, words, subjectFrom, sourceEnd), c, i));
      continue;
    }
    // inverted: "…," said Ruth Adams · "…," added the spokesman
    if ((lemma || nonSpeech) && (afterQuoteOrComma || initial)) {
      const from = i + 1;
      const to = npForward(words, from);
      if (to > from && nounish(words, to - 1)) {
        let apposEnd: [number, number] | undefined;
        if (words.text(to) === ',' && /^(?:a|an|the|who)$/.test(words.lower(to + 1) ?? '')) {
          let k = to + 1;
          while (k < words.length && words.text(k) !== ',' && words.text(k) !== '.' && !words.isQuote(k)) k++;
          apposEnd = [to + 1, k];
        }
        const c = classifySource(words, from, to, apposEnd);
        const a = sourced(nonSpeech ? 'nonSpeech' : 'speech', wordsText(model, words, i, i + 1), wordsText(model, words, from, apposEnd ? apposEnd[1] : to), c, i);
        a.inverted = true;
        out = add(out, a);
      }
    }
  }
  // an agentless phrase holds a word of AGENTLESS_KEY, or "it" and its verb
  const classes = words.union;
  if (!(classes & AGENTLESS_KEY) && !(classes & AGENTLESS_IT && classes & AGENTLESS_VERB)) return out ?? NO_ATTRIBUTIONS;
  for (const a of findAgentless(claim.slice(sentenceStart, sentenceEnd), sentenceStart, claim.lower(sentenceStart, sentenceEnd))) {
    // "it is widely believed" matches three patterns: keep the widest
    if (out?.some((x) => x.kind === 'agentless' && x.cue.start <= a.start && a.end <= x.cue.end)) continue;
    out = add(out, { kind: 'agentless', cue: a, source: null, specificity: 'vague', cueWord: -1 });
  }
  return out ?? NO_ATTRIBUTIONS;
}

/**
 * Writes into `inName` (one item per token of the document) 1 for each token that starts inside a name recognised by
 * the entity engine (PERSON, ORG, LOC, MISC), 0 for the others; returns it.
 */
export function nameTokens(entities: Entity[], model: TextModel, inName: Uint8Array): Uint8Array {
  // asked of every word of every sentence: one flag per token, set mention by mention
  const { tokens, sentences } = model;
  inName.fill(0);
  for (const e of entities) {
    if (e.type !== 'PERSON' && e.type !== 'ORG' && e.type !== 'LOC' && e.type !== 'MISC') continue;
    for (const m of e.mentions) {
      // a mention's first token is searched for among its sentence's tokens (fewer token objects read: they are
      // spread over the heap), among all of them for a mention that does not say its sentence
      const s = m.sentence === undefined ? undefined : sentences[m.sentence];
      const first = s && s.start <= m.start && m.start < s.end ? firstTokenFrom(model, m.start, s.firstToken, s.lastToken) : firstTokenFrom(model, m.start);
      for (let k = first; k < tokens.length && tokens[k]!.start < m.end; k++) inName[k] = 1;
    }
  }
  return inName;
}
