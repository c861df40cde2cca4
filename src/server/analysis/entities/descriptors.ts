// Descriptors for the hover: how the article describes an entity, read off the words around its mentions.
// Titles before a name ("Secretary of State Antony Blinken" → "Secretary of State"), appositives after it
// ("Antony Blinken, the senior US diplomat," → "senior US diplomat") and before it ("his Jordanian counterpart,
// Ayman Safadi").

import { isSpace, startsWithCapital, withoutFinalPeriod, wordsIn, type TextModel } from '../text';
import { PERSON_TITLES, REPORTING_CUE_FORMS, ROLE_NOUNS } from '../lexicon';
import { HONORIFICS, lowerCase, oneSpaced, type LinkMention } from './linking';

const DETERMINERS: ReadonlySet<string> = new Set(['the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'this', 'that', 'these', 'those', 'my', 'your']);
// Words that end a title read backwards from a name: verbs, prepositions, conjunctions.
const STOP_BACK: ReadonlySet<string> = new Set([
  'said', 'says', 'told', 'and', 'or', 'but', 'with', 'by', 'to', 'from', 'for', 'on', 'in', 'at', 'as', 'that',
  'which', 'who', 'when', 'while', 'after', 'before', 'than', 'like', 'including', 'between', 'against', 'met',
  'is', 'was', 'are', 'were', 'be', 'been', 'has', 'had', 'have', 'will', 'would', 'according', 'into', 'about',
  'where', 'if', 'because', 'so', 'not', 'also', 'then', 'both', 'all', 'under', 'over', 'during', 'through',
  'without', 'within', 'across', 'behind', 'near', 'via', 'per', 'amid', 'among', 'toward', 'towards', 'upon',
  'despite', 'inside', 'outside', 'since', 'until', 'around', 'along', 'beyond', 'off', 'onto', 'out', 'up', 'years',
]);
// Connectors allowed inside a title ("Secretary of State", "Egypt's Foreign Minister").
// ("and" is not one: "Secretary Paul Chan and Secretary for Justice Paul Lam" would run two titles together)
const CONNECTORS: ReadonlySet<string> = new Set(['of', 'for', "'s", '’s', 'the']);
const FINITE_VERBS: ReadonlySet<string> = new Set([
  'is', 'was', 'are', 'were', 'has', 'had', 'have', 'will', 'would', 'can', 'could', 'did', 'does', 'do', 'may',
  'might', 'must', 'should', 'shall', 'also', 'then', 'however',
]);
const PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'there', 'this', 'these', 'those']);

/**
 * A job or title word. Titles count only capitalised ("Major", "General"): lower case they are mostly adjectives
 * ("a major setback", "the general election"); role nouns count in any case.
 */
const isRole = (w: string, lower = lowerCase(w)): boolean => {
  const lw = lower.endsWith('.') ? lower.slice(0, -1) : lower;
  return ROLE_NOUNS.has(lw) || (lw.endsWith('s') && ROLE_NOUNS.has(lw.slice(0, -1))) || (PERSON_TITLES.has(lw) && startsWithCapital(w));
};

// The patterns of the per-mention and per-word tests, made once: a regular-expression literal makes an object
// each time it is evaluated.
/** A character a title word can hold: without one, the token is punctuation, which ends a title. */
const TITLE_CHARACTER = /[\p{L}'’&-]/u;
/** Whether a token holds a title character (TITLE_CHARACTER), ASCII by char code: it is asked of every token before a person's name. */
function hasTitleCharacter(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 128) return TITLE_CHARACTER.test(w);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 39 || c === 38 || c === 45) return true;
  }
  return false;
}
const LOWER_CASE_WORD = /^\p{Ll}[\p{L}-]*$/u;
/** Endings of verb-like words, which are not modifiers of a role: -ed, -ly, -ing, and an -s that is no plural ending in -ss, -is, -us. */
const VERB_LIKE_ENDING = /(?:ed|ly|ing|[^siu]s)$/;

/**
 * The title words right before a person's mention in its sentence: "Ethiopian Foreign Minister" before
 * "Demeke Mekonnen", "council leader" before "Helen Marsh". Honorifics alone ("Mr.") are not descriptors.
 */
export function titleBefore(model: TextModel, m: LinkMention): string | undefined {
  const sentence = model.sentences[m.sentence];
  if (!sentence) return undefined;
  let i = sentence.firstToken;
  // first token at or after the mention start
  let lo = sentence.firstToken;
  let hi = sentence.lastToken;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (model.tokens[mid]!.start < m.start) lo = mid + 1;
    else hi = mid;
  }
  i = lo - 1;
  let first = -1;
  let hasRole = false;
  let lowerModifiers = 0;
  let previous: 'role' | 'connector' | 'capitalised' | 'modifier' | undefined;
  for (let guard = 0; i >= sentence.firstToken && guard < 8; i--, guard++) {
    const w = model.tokens[i]!.text;
    const lw = model.lower[i]!;
    // a title is contiguous with the name: no comma or quote between
    if (!hasTitleCharacter(w) || DETERMINERS.has(lw) && !(lw === 'the' && first >= 0 && model.lower[first] === 'of')) break;
    if (isRole(w, lw)) {
      hasRole = true;
      first = i;
      previous = 'role';
      continue;
    }
    if (CONNECTORS.has(lw) && first >= 0 && previous !== 'connector') {
      first = i;
      previous = 'connector';
      continue;
    }
    if (startsWithCapital(w) && !STOP_BACK.has(lw)) {
      // capitalised modifiers: "Ethiopian", "Foreign", "State", "US", "Egypt"
      first = i;
      previous = 'capitalised';
      continue;
    }
    // lower-case modifiers only right before a role: "council leader", "opposition councillor", not "rule of President"
    // (never a verb-like "welcomes President": no -s, -ed, -ly, -ing endings)
    if ((previous === 'role' || previous === 'modifier') && LOWER_CASE_WORD.test(w) && lowerModifiers < 2 && !STOP_BACK.has(lw) && !REPORTING_CUE_FORMS.has(lw) && !VERB_LIKE_ENDING.test(lw)) {
      lowerModifiers++;
      first = i;
      previous = 'modifier';
      continue;
    }
    break;
  }
  if (first < 0 || !hasRole) return undefined;
  // trim leading connectors ("of", "'s") and the sentence-initial capitalised word when it is not a role or name
  while (first < lo - 1 && CONNECTORS.has(model.lower[first]!)) first++;
  const text = oneSpaced(model.text.slice(model.tokens[first]!.start, m.start).trim());
  if (!text || HONORIFICS.has(withoutFinalPeriod(lowerCase(text)))) return undefined;
  return text;
}

/**
 * The appositive after a name, whose end is followed by a comma at `comma`: ", the senior US diplomat," · ", an
 * American journalist who disappeared …," · ", Egypt's foreign minister,". Returns the phrase's span, the text
 * read no further than `end`. The phrase is the fewest words (up to 18) after the comma that a comma, period,
 * semicolon, dash, closing parenthesis or `end` follows. Read by code points, as the regular expression it was
 * (its Unicode classes cost a call per character, and a failed search backtracks through every word):
 *   /^,\s+((?:[\p{L}\d][\p{L}\p{M}\d'’.&-]*)(?:\s+[\p{L}\p{M}\d'’.&%$-]+){0,17}?)(?=\s*(?:,|\.(?:\s|$)|;|\s[—–]|\)|$))/u
 */
export function appositiveAfter(text: string, comma: number, end: number): { start: number; end: number } | undefined {
  end = Math.min(end, text.length);
  let start = comma + 1;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  const first = codePointAt(text, start, end);
  if (start === comma + 1 || start >= end || !(isLetter(first) || (first >= 48 && first <= 57))) return undefined;
  // The words at their longest, the end tried after each in turn; failing that, the pattern gives back a word's
  // closing period to end on it ("Calif." before a space), the last such word first.
  let words = 0;
  for (let at = start; ; ) {
    const e = wordEnd(text, at, end, words > 0);
    WORD_STARTS[words] = at;
    WORD_ENDS[words++] = e;
    if (phraseEndsAt(text, e, end)) return { start, end: e };
    at = e;
    while (at < end && isSpace(text.charCodeAt(at))) at++;
    if (words === MAX_WORDS || at === e || at >= end || !inWord(codePointAt(text, at, end), true)) break;
  }
  for (let k = words - 1; k >= 0; k--) {
    const e = WORD_ENDS[k]!;
    if (e - 1 > WORD_STARTS[k]! && text.charCodeAt(e - 1) === 46 && e < end && isSpace(text.charCodeAt(e))) return { start, end: e - 1 };
  }
  return undefined;
}
/** The most words an appositive after a name holds. */
const MAX_WORDS = 18;
// The words of the phrase appositiveAfter reads (offsets into the text), reused from call to call: no arrays to make.
const WORD_STARTS = new Int32Array(MAX_WORDS);
const WORD_ENDS = new Int32Array(MAX_WORDS);

/** Where a run of word characters that starts at `at` ends: letters, marks, digits, ' ’ . & - (and % $ after the first word). */
function wordEnd(text: string, at: number, end: number, later: boolean): number {
  while (at < end) {
    const c = codePointAt(text, at, end);
    if (!inWord(c, later)) break;
    at += c > 0xffff ? 2 : 1;
  }
  return at;
}

/** Whether a phrase may end at `at`: then come, after any whitespace, a comma, a period and a space, a semicolon, a dash after a space, a closing parenthesis, or `end`. */
function phraseEndsAt(text: string, at: number, end: number): boolean {
  let q = at;
  while (q < end && isSpace(text.charCodeAt(q))) q++;
  if (q >= end) return true;
  const c = text.charCodeAt(q);
  if (c === 44 || c === 59 || c === 41) return true;
  if (c === 46) return q + 1 >= end || isSpace(text.charCodeAt(q + 1));
  return (c === 0x2014 || c === 0x2013) && q > at;
}

const LETTER = /\p{L}/u;
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const isLetter = (c: number): boolean => (c < 128 ? (c >= 65 && c <= 90) || (c >= 97 && c <= 122) : LETTER.test(String.fromCodePoint(c)));

/** A word character of an appositive (see appositiveAfter); `later`: of a word after the first, which may hold % and $. */
function inWord(c: number, later: boolean): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || c === 46 || c === 38 || c === 45 || (later && (c === 37 || c === 36));
  return c === 0x2019 || LETTER_OR_MARK.test(String.fromCodePoint(c));
}

/** The code point at `at`, a surrogate pair read whole only when both halves are before `end` (as in a slice that ends there). */
function codePointAt(text: string, at: number, end: number): number {
  const c = text.charCodeAt(at);
  if (c >= 0xd800 && c <= 0xdbff && at + 1 < end) {
    const d = text.charCodeAt(at + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}
// The appositive before a name: "his Jordanian counterpart, Ayman Safadi".
const APPOSITIVE_BEFORE = /(?:^|[\s(])((?:the|a|an|his|her|their|its|[\p{Lu}][\p{L}-]*['’]s)\s+(?:[\p{L}\p{M}'’.&-]+\s+){0,5}[\p{L}\p{M}-]+),\s*$/iu;

// acceptableAppositive's patterns, made once (it runs for every appositive-shaped phrase)
/** First words of relative clauses, participles, lists and attributions, which are not descriptors. */
const NOT_A_DESCRIPTION_OPENING = /^(?:who|which|that|where|when|whose|while|although|though|but|and|or|as|if|because|after|before|with|without|in|on|at|by|for|from|to|of|said|says|told|according|speaking|adding|however|meanwhile|along|alongside|together|including|like|unlike|plus|besides|both|either|neither)$/;
const OPENS_WITH_DIGIT = /^\d/;
const PARTICIPLE_ENDING = /(?:ing|ed)$/;
const CLAUSE_PUNCTUATION_END = /[.,;:]+$/;
const RELATIVE_PRONOUN = /^(?:who|which|that|whose)$/i;
const POSSESSIVE_END = /['’]s$/;
const COMMA_OR_PERIOD_END = /[.,]$/;
const LOWER_CASE_OPENING = /^\p{Ll}/u;
const NAME_CONNECTOR = /^(?:and|or|of|the|de|da|al|bin)$/;
const LEADING_THE = /^the\s+/i;

/**
 * Whether a phrase whose first word is `first` (lower case) is no descriptor, whatever follows: relative clauses,
 * participles, ages, lists of names, attributions, pronouns and finite verbs open no description.
 */
function opensNoDescription(first: string): boolean {
  return (
    NOT_A_DESCRIPTION_OPENING.test(first) ||
    OPENS_WITH_DIGIT.test(first) ||
    (PARTICIPLE_ENDING.test(first) && !DETERMINERS.has(first)) ||
    PRONOUNS.has(first) ||
    FINITE_VERBS.has(first)
  );
}

function acceptableAppositive(phrase: string, mentionType: LinkMention['type'], requireRole: boolean): string | undefined {
  const ws = phrase.split(/\s+/);
  const first = lowerCase(ws[0]!);
  if (opensNoDescription(first)) return undefined;
  // "Syria, the State Department said." is an attribution, not a description of Syria
  // (inflected forms only: "said", "announced", "says"; the bare "state" or "report" is usually a noun)
  if (ws.some((w) => {
    const form = lowerCase(w).replace(CLAUSE_PUNCTUATION_END, '');
    const lemma = REPORTING_CUE_FORMS.get(form);
    return lemma !== undefined && lemma !== form;
  }))
    return undefined;
  // a finite verb outside a relative clause makes a clause, not a description ("…, court is seen as …")
  const verbAt = ws.findIndex((w) => FINITE_VERBS.has(lowerCase(w)));
  if (verbAt >= 0 && !ws.slice(0, verbAt).some((w) => RELATIVE_PRONOUN.test(w))) return undefined;
  const determined = DETERMINERS.has(first) || POSSESSIVE_END.test(ws[0]!);
  const roleAt = ws.slice(0, 6).findIndex((w) => isRole(w.replace(COMMA_OR_PERIOD_END, '')));
  if (!determined) {
    // without a determiner only a role phrase: "foreign minister of Ethiopia"; never a capitalised list item
    if (roleAt < 0 || startsWithCapital(ws[0]!) && !isRole(ws[0]!)) return undefined;
  }
  if (requireRole && roleAt < 0) return undefined;
  // "Uganda's Idi Amin" is another name, not a description: a description has a lower-case word or a role
  if (roleAt < 0 && !ws.slice(1).some((w) => LOWER_CASE_OPENING.test(w) && !NAME_CONNECTOR.test(w))) return undefined;
  if (mentionType === 'PERSON' && roleAt < 0 && !determined) return undefined;
  // places and organisations are described with an article ("Kinshasa, the Congolese capital"); a bare noun
  // phrase after them is mostly a person's title or a list ("…, Executive Director of …", "…, Sir Doug Nicholls")
  if (mentionType !== 'PERSON' && !determined) return undefined;
  return phrase.replace(LEADING_THE, '').replace(CLAUSE_PUNCTUATION_END, '').trim();
}

/** Whether text[from, to) ends in a comma and whitespace (as /,\s*$/). */
function commaBefore(text: string, from: number, to: number): boolean {
  let i = to - 1;
  while (i >= from && isSpace(text.charCodeAt(i))) i--;
  return i >= from && text.charCodeAt(i) === 44;
}

/** Appositive descriptors of one mention, after and before it, added to `out` (see addDescriptor). */
function appositives(model: TextModel, m: LinkMention, out: string[]): void {
  const sentence = model.sentences[m.sentence];
  const sentenceEnd = sentence?.end ?? model.text.length;
  const sentenceStart = sentence?.start ?? 0;
  // (the pattern opens with a comma: most mentions have none after them; and most commas after a name open a
  // clause, whose first word rules it out before the phrase is read to its end)
  const afterEnd = Math.min(sentenceEnd, m.end + 240);
  const after = model.prose.charCodeAt(m.end) === 44 && m.end < sentenceEnd && !openingRulesOut(model.prose, m.end, afterEnd) ? appositiveAfter(model.prose, m.end, afterEnd) : undefined;
  if (after) {
    // one that runs to the end of the sentence instead of closing with a comma is short, or it is a clause:
    // "According to the Institution of Civil Engineers, the number of bridges … rose by 12 percent."
    const phrase = model.prose.slice(after.start, after.end);
    const closed = CLOSES_PHRASE.test(model.prose.slice(after.end, after.end + 3));
    const d = closed || wordsIn(phrase) <= 8 ? acceptableAppositive(phrase, m.type, false) : undefined;
    if (d) addDescriptor(out, d);
  }
  const leadStart = Math.max(sentenceStart, m.start - 120);
  // the (costlier) pattern only runs when a comma stands right before the name
  // ("the state carrier, Air India" is rare; "a source close to the ministry, Reuters" is not)
  const before = m.type === 'PERSON' && commaBefore(model.prose, leadStart, m.start) ? APPOSITIVE_BEFORE.exec(model.prose.slice(leadStart, m.start)) : null;
  if (before) {
    // before the name the phrase must end in a role ("his Jordanian counterpart,"), or "In a statement on Friday, X" would count
    const d = acceptableAppositive(before[1]!, m.type, true);
    // one person's role, not a group's ("the authors, Fatima Denton and …")
    const last = before[1]!.split(/\s+/).pop() ?? '';
    if (d && isRole(last) && (ROLE_NOUNS.has(lowerCase(last)) || !/s$/i.test(last))) addDescriptor(out, d);
  }
}
/**
 * Whether the first word after the comma at `comma` rules out the appositive appositiveAfter(text, comma, end) would
 * find (opensNoDescription). That phrase's first word, split at white space, is the run of word characters there
 * (its other words follow white space), or that run less a final period when the phrase ends on it: a run that ends
 * in a period is left to the full test.
 */
function openingRulesOut(text: string, comma: number, end: number): boolean {
  let start = comma + 1;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  const e = wordEnd(text, start, end, false);
  return e > start && text.charCodeAt(e - 1) !== 46 && opensNoDescription(lowerCase(text.slice(start, e)));
}
/** What closes an appositive after a name (the three characters after it, as whitespace may come first). */
const CLOSES_PHRASE = /^\s*[,;)—–]/;

/** All descriptors of an entity, first-seen order, without repeats; titles inside tagged spans included. */
export function describe(model: TextModel, mentions: LinkMention[]): string[] {
  const out: string[] = [];
  for (const m of mentions) {
    if (m.description) continue;
    if (m.type === 'PERSON') {
      const inside = m.titles.join(' ');
      const before = titleBefore(model, m);
      addDescriptor(out, before && inside ? `${before} ${inside}` : before ?? (inside || undefined));
    }
    appositives(model, m, out);
  }
  return out;
}
const TRAILING_PUNCTUATION = /[,;:]$/;

/**
 * Adds a descriptor to an entity's, tidied, unless it is empty, an honorific or one they hold already (case
 * ignored). (They are few: compared one by one, with no set of them made for each entity.)
 */
function addDescriptor(out: string[], d: string | undefined): void {
  if (!d) return;
  const clean = oneSpaced(d).replace(TRAILING_PUNCTUATION, '').trim();
  const key = lowerCase(clean);
  if (!clean || HONORIFICS.has(withoutFinalPeriod(key))) return;
  for (const o of out) if (lowerCase(o) === key) return;
  out.push(clean);
}
