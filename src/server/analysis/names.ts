// Name consistency (NAME001): is one name a misspelling of another? Pure comparison logic over plain strings, so
// the engine can use it within one article and the workspace index across articles and the glossary.
//
// Two full names are spelling variants when they have the same number of parts, every part but one is equal, and
// the differing part is within a small edit distance ("Maren Ostbye" / "Maren Ostby", "Anthony" / "Antony
// Blinken"). Different people who share a surname differ in a whole first name ("Maren Ostby" / "Lars Ostby"),
// which is far beyond that distance. Short parts need an exact match: "John" / "Joan" are two people, not a typo.

import { PERSON_TITLES } from './lexicon';
import { sortInPlace } from './order';
import { withoutFinalPeriod } from './text';
import type { Finding } from './types';

const partsCache = new Map<string, readonly string[]>();

/**
 * A comparable form: diacritics folded, case folded, punctuation dropped, titles ("Mr.", "Dr.") removed. Cached
 * (a long article repeats a few spellings thousands of times), so the result is shared: never modify it.
 */
export function nameParts(name: string): readonly string[] {
  let parts = partsCache.get(name);
  if (!parts) {
    // bounded: a long-running server sees an open-ended set of names
    if (partsCache.size >= 50_000) partsCache.clear();
    partsCache.set(name, (parts = splitName(name)));
  }
  return parts;
}

function splitName(name: string): string[] {
  const folded = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  const parts = folded.split(/[\s\u00a0]+/).map((p) => p.replace(/[^\p{L}\p{N}'-]/gu, '').replace(/['’]s$/, '')).filter(Boolean);
  while (parts.length > 1 && isTitle(parts[0]!)) parts.shift();
  return parts;
}

function isTitle(part: string): boolean {
  return PERSON_TITLES.has(withoutFinalPeriod(part));
}

/** The key that matches one name across articles: its comparable parts joined ("maren ostby"). */
export function nameKey(name: string): string {
  return nameParts(name).join(' ');
}

/** "maren ostby" → ["* ostby", "maren *"]: keys of names that differ in one part share a signature. */
export function nameSignatures(key: string): string[] {
  const parts = key.split(' ');
  return parts.map((_, i) => parts.map((p, j) => (i === j ? '*' : p)).join(' '));
}

/** Optimal-string-alignment distance (a transposition counts one), stopping early above `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(n + 1).fill(0);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

/** How far a part may drift and still be the same word: none for short parts, one edit from 5 letters, two from 8. */
function allowedDistance(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  if (shorter >= 8) return 2;
  if (shorter >= 5) return 1;
  return 0;
}

/** Two forms of a first name that differ only in a final vowel (changed, added or dropped). */
function genderedPair(a: string, b: string): boolean {
  const vowel = /^[aeio]$/;
  if (a.length === b.length) return a.slice(0, -1) === b.slice(0, -1) && vowel.test(a.slice(-1)) && vowel.test(b.slice(-1));
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return long.length === short.length + 1 && long.startsWith(short) && vowel.test(long.slice(-1));
}

export interface SpellingDifference {
  /** Index of the differing part in both names' parts. */
  part: number;
  /** The part as spelled in each name (comparable form). */
  from: string;
  to: string;
  distance: number;
}

/**
 * When `variant` looks like a misspelling of `established`: the one part that differs. Undefined for the same
 * name, for names with a different number of parts, and for names that differ in more than one part or by more
 * than the allowed distance (different people sharing a surname).
 */
export function spellingDifference(variant: string, established: string): SpellingDifference | undefined {
  const a = nameParts(variant);
  const b = nameParts(established);
  // A single word ("Ostby") is too little to call a misspelling: it may be anyone of that name.
  if (a.length !== b.length || a.length < 2) return undefined;
  let diff: SpellingDifference | undefined;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    if (diff) return undefined;
    const x = a[i]!;
    const y = b[i]!;
    // Initials and abbreviations ("J." / "John") are another way of writing, not a misspelling.
    if (x.length < 2 || y.length < 2) return undefined;
    // Antonio/Antonia, Daniel/Daniela: a first name's gendered forms are two people, however close the letters.
    if (i === 0 && genderedPair(x, y)) return undefined;
    const limit = allowedDistance(x, y);
    if (limit === 0) return undefined;
    const d = editDistance(x, y, limit);
    if (d > limit) return undefined;
    diff = { part: i, from: x, to: y, distance: d };
  }
  return diff;
}

/** One spelling of a name and how often the material at hand uses it. */
export interface SpellingCount {
  name: string;
  /** Mentions (or articles) spelling it this way. */
  count: number;
  /** From the glossary: the house spelling, established whatever the counts. */
  authoritative?: boolean;
}

export interface Misspelling {
  /** The spelling that looks wrong, as given. */
  name: string;
  /** The established spelling it should be. */
  established: string;
  difference: SpellingDifference;
}

/**
 * Which of the given spellings are misspellings of another: a variant is flagged when an established spelling
 * differs from it in one part by a small edit, and is either authoritative (glossary) or strictly more frequent.
 * Among several candidates the authoritative, then the most frequent, wins.
 */
export function findMisspellings(spellings: readonly SpellingCount[]): Misspelling[] {
  const byKey = new Map<string, SpellingCount>();
  for (const s of spellings) {
    const key = nameKey(s.name);
    if (!key) continue;
    const have = byKey.get(key);
    if (!have) byKey.set(key, { ...s });
    else {
      have.count += s.count;
      have.authoritative ||= s.authoritative;
    }
  }
  const all = [...byKey.values()];
  const out: Misspelling[] = [];
  for (const v of all) {
    if (v.authoritative) continue;
    let best: { s: SpellingCount; d: SpellingDifference } | undefined;
    for (const e of all) {
      if (e === v) continue;
      if (!e.authoritative && e.count <= v.count) continue;
      const d = spellingDifference(v.name, e.name);
      if (!d) continue;
      const better = !best || (e.authoritative && !best.s.authoritative) || (!!e.authoritative === !!best.s.authoritative && e.count > best.s.count);
      if (better) best = { s: e, d };
    }
    if (best) out.push({ name: v.name, established: best.s.name, difference: best.d });
  }
  return out;
}

/**
 * Where a name part sits in a mention's text (the original letters, not the folded form), so a fix can replace
 * exactly that word: "Ostbye" in "Maren Ostbye's". Undefined when the part cannot be found.
 */
export function partSpan(mentionText: string, part: string): { start: number; end: number } | undefined {
  const re = /[\p{L}\p{N}'’.-]+/gu;
  for (let m = re.exec(mentionText); m; m = re.exec(mentionText)) {
    const word = m[0].replace(/['’]s$/, '').replace(/[.'’-]+$/, '');
    if (nameParts(word)[0] === part) return { start: m.index, end: m.index + word.length };
  }
  return undefined;
}

/** The established spelling of `part` in the established name's original letters ("Ostby" from "Maren Ostby"). */
export function originalPart(name: string, index: number): string | undefined {
  const words = name.split(/[\s\u00a0]+/).filter((w) => nameParts(w).length > 0);
  // Titles dropped by nameParts are dropped here too, so the indices line up.
  while (words.length > 1 && isTitle(nameParts(words[0]!)[0] ?? '')) words.shift();
  const w = words[index];
  return w?.replace(/['’]s$/, '').replace(/[,;:]+$/, '');
}

/** What a first-reference finding needs of an article: entities with mentions, paragraphs with roles. */
export interface FirstReferenceInput {
  entities: readonly { type: string; name: string; mentions: readonly { start: number; end: number; text: string }[] }[];
  paragraphs: readonly { start: number; end: number; role: string }[];
}

export interface FirstReference {
  start: number;
  end: number;
  /** The full name the article gives later ("Maren Ostby"). */
  name: string;
  /** The words used first ("Ostby"). */
  text: string;
}

/**
 * AP style's first reference: a person is named in full the first time the story mentions them ("Maren Ostby"),
 * by surname afterwards. Flags a body mention of one name only that comes before the first full-name mention.
 * Headlines and bylines are exempt (headlines use surnames by design); people the article never names in full
 * are left alone (a mononym, or a name the tagger saw only once).
 */
export function firstReferenceProblems(article: FirstReferenceInput): FirstReference[] {
  // the few headline and byline paragraphs, looked up for every mention (a book-length text has thousands of paragraphs)
  const header = article.paragraphs.filter((x) => x.role === 'headline' || x.role === 'byline');
  const exempt = (offset: number): boolean => {
    // (a loop: some() would take a test made around the offset at every call, one per mention)
    for (const x of header) if (x.start <= offset && offset < x.end) return true;
    return false;
  };
  // Every one-word body mention, whatever entity the tagger made of it: a surname seen before the full name is
  // often typed or linked apart from the person ("Ostby signed …" as a place), since linking looks backwards.
  // By word: each person looks up its surname and given name, not every single.
  const byWord = new Map<string, Single[]>();
  for (const e of article.entities) {
    if (!NAME_ENTITY.has(e.type)) continue;
    for (const m of e.mentions) {
      const w = nameParts(m.text);
      if (w.length !== 1 || exempt(m.start)) continue;
      const single = { start: m.start, end: m.end, text: m.text, word: w[0]! };
      const list = byWord.get(single.word);
      if (list) list.push(single);
      else byWord.set(single.word, [single]);
    }
  }
  const out: FirstReference[] = [];
  const flagged = new Set<number>();
  for (const e of article.entities) {
    const full = nameParts(e.name);
    // Two to four parts: longer "names" are usually a linking slip (an organisation, two names run together).
    if (e.type !== 'PERSON' || full.length < 2 || full.length > 4) continue;
    const firstFull = e.mentions.find((m) => !exempt(m.start) && nameParts(m.text).length >= 2);
    // Only when the full name does come: otherwise the single word may be all the article knows.
    if (!firstFull) continue;
    // The surname alone (any entity), or the given name alone within this person's own mentions, before the full name.
    const bySurname = earliestBefore(byWord.get(full[full.length - 1]!), firstFull.start);
    const byGiven = earliestBefore(byWord.get(full[0]!), firstFull.start, e.mentions);
    // the earlier of the two (the surname on a tie)
    const early = byGiven && (!bySurname || byGiven.start < bySurname.start) ? byGiven : bySurname;
    if (!early || flagged.has(early.start)) continue;
    flagged.add(early.start);
    out.push({ start: early.start, end: early.end, name: e.name, text: early.text });
  }
  return sortInPlace(out, (a, b) => a.start - b.start);
}

/** A body mention of one name only, and that name's comparable form. */
interface Single {
  start: number;
  end: number;
  text: string;
  word: string;
}

/**
 * The first in document order (the first listed of those at one offset) of the mentions that start before `end`,
 * and, given `own`, at the offset of one of those. (No set of `own`'s offsets: it is asked about the few single
 * words before a full name.)
 */
function earliestBefore(mentions: readonly Single[] | undefined, end: number, own?: readonly { start: number }[]): Single | undefined {
  let first: Single | undefined;
  if (!mentions) return first;
  for (const m of mentions) if (m.start < end && (!first || m.start < first.start) && (!own || startsAt(own, m.start))) first = m;
  return first;
}

function startsAt(spans: readonly { start: number }[], offset: number): boolean {
  for (const s of spans) if (s.start === offset) return true;
  return false;
}

const FIRST_REFERENCE_CODE = 'NAME002';

/** NAME002 findings (hints): a first body reference by one name only, with the full name as the fix. */
export function firstReferenceFindings(article: FirstReferenceInput): Finding[] {
  return firstReferenceProblems(article).map((f) => ({
    code: FIRST_REFERENCE_CODE,
    severity: 'hint',
    start: f.start,
    end: f.end,
    message: `First reference to ${f.name} uses “${f.text}” only; give the full name the first time.`,
    data: { edit: { start: f.start, end: f.end, newText: f.name }, title: `Use the full name “${f.name}”` },
  }));
}

const NAME_ENTITY = new Set(['PERSON', 'ORG', 'LOC', 'MISC']);
