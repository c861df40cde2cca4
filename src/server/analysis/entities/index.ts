// Entity recognition entry point: names (the statistical recognizer, handed in), values (dates, money, … by
// rules), the glossary's overrides, document-level consistency, and linking of mentions into entities.

import { isSpace, sentenceAt, startsWithCapital, withoutFinalPeriod, type TextModel } from '../text';
import type { Entity, EntityType, Mention, Span } from '../types';
import type { Glossary, GlossaryEntry } from '../glossary';
import { PERSON_TITLES } from '../lexicon';
import { findValues, Occupancy, type ValueMention } from './values';
import { directionOf, parseIsoDay, readableDate, resolveDate, resolveTime, type CalendarDay, type Direction } from './dates';
import { findDescriptions, keyOf, linkMention, linkMentions, lowerCase, memoized, nameKey, oneSpaced, opensParenthesis, prepareMention, type LinkMention, type NameType } from './linking';
import { describe } from './descriptors';

/** A name found by the statistical recognizer, before linking into entities. */
export interface NameMention {
  start: number;
  end: number;
  type: 'PERSON' | 'ORG' | 'LOC' | 'MISC';
  /** Index into TextModel.sentences. */
  sentence: number;
  /** 0..1, when the recognizer can tell; used for document-level consistency and linking. */
  confidence?: number;
}

/**
 * What a host keeps for one document between its analyses while it is edited, so that the recognizer can reuse
 * its work on the sentences an edit did not touch. Opaque to hosts; the recognizer bounds what it keeps.
 */
export interface NameMemo {
  sentences: Map<string, unknown>;
}

/** The trained name recognizer (entities/tagger.ts), handed in by the host that loaded its weights. */
export interface NameRecognizer {
  /** `checkpoint` is called now and then while tagging a long text; it throws to stop (the analysis was cancelled). */
  tag(model: TextModel, memo?: NameMemo, checkpoint?: () => void): NameMention[];
}

export interface EntityOptions {
  /** ISO date of the article, to resolve relative dates. */
  dateline?: string;
  glossary?: Glossary;
  recognizer?: NameRecognizer;
  /** Reuse from earlier analyses of the same document (see NameMemo). */
  memo?: NameMemo;
  /** Passed to the recognizer (NameRecognizer.tag). */
  checkpoint?: () => void;
}

const NAME_TYPES: ReadonlySet<string> = new Set(['PERSON', 'ORG', 'LOC', 'MISC']);

/** URL-style id: lower case, accents dropped, words joined by hyphens ("Antony Blinken" → "antony-blinken"). */
export const slug = memoized((name) => {
  // fast path for plain ASCII names, the common case
  if (/^[\x20-\x7e]*$/.test(name)) return asciiSlug(name) || 'entity';
  return (
    name
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/['’]/g, '')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'entity'
  );
});

/** slug() of printable ASCII, by char codes: apostrophes dropped, every other run of non-alphanumerics one hyphen. */
function asciiSlug(name: string): string {
  let out = '';
  let gap = false;
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    if (c === 39) continue; // '
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      if (gap && out) out += '-';
      gap = false;
      out += String.fromCharCode(c);
    } else gap = true;
  }
  return out;
}

/** Offsets of every whole-word occurrence of `needle` in `haystack` (case-sensitive), or of the first `limit`. */
function occurrences(haystack: string, needle: string, limit = Infinity): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = haystack.indexOf(needle); i >= 0 && out.length < limit; i = haystack.indexOf(needle, i + 1)) if (wholeWord(haystack, i, i + needle.length)) out.push(i);
  return out;
}

// (patterns of the per-occurrence tests made once: a regular-expression literal makes an object each time it runs)
const LETTER_DIGIT = /[\p{L}\p{N}]/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;
const WORD_CHAR_OR_HYPHEN = /[\p{L}\p{N}_-]/u;

/** Whether text[start, end) stands as a word: no letter, digit, _ or - before it; after it none of those but a hyphen, and no hyphen and letter or digit. */
function wholeWord(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  if (before && WORD_CHAR_OR_HYPHEN.test(before)) return false;
  if (after && WORD_CHAR.test(after)) return false;
  return !(after === '-' && LETTER_DIGIT.test(text[end + 1] ?? ''));
}

/** Which offsets are already part of a mention. */
interface Slots {
  free(start: number, end: number): boolean;
  take(start: number, end: number): void;
}

/**
 * Glossary names, aliases and misspellings wherever they occur, as mentions of their entry; and the keys the
 * glossary says are never entities.
 */
function glossaryMentions(model: TextModel, glossary: Glossary | undefined): { mentions: NameMention[]; entryOf: number[]; dropKeys: Set<string> } {
  const mentions: NameMention[] = [];
  const entryOf: number[] = [];
  const dropKeys = new Set<string>();
  if (!glossary) return { mentions, entryOf, dropKeys };
  glossary.entries.forEach((e: GlossaryEntry, i) => {
    const forms = [e.name, ...(e.aliases ?? []), ...(e.misspellings ?? [])].filter((f) => f.trim());
    if (e.notAnEntity) {
      for (const f of forms) dropKeys.add(nameKey(f));
      return;
    }
    const type = e.type && NAME_TYPES.has(e.type) ? (e.type as NameType) : 'MISC';
    for (const f of forms)
      for (const at of occurrences(model.prose, f)) {
        mentions.push({ start: at, end: at + f.length, type, sentence: sentenceAt(model, at) });
        entryOf.push(i);
      }
  });
  return { mentions, entryOf, dropKeys };
}

const isSentenceStart = (model: TextModel, offset: number): boolean => {
  const s = model.sentences[sentenceAt(model, offset)];
  return !!s && OPENING_PUNCTUATION.test(model.prose.slice(s.start, offset));
};
const OPENING_PUNCTUATION = /^[\s"“‘'(\[—–-]*$/;

/**
 * Confidence-weighted votes among name types, kept in the order the types were first voted for. Made with the first
 * vote, which is kept in fields: most names are voted one type only, and two arrays per name cost some 100 bytes.
 */
class TypeVotes {
  /** What is voted on (a name as written, a key): read off the votes, the map's values, without its entries' arrays. */
  readonly name: string;
  private readonly first: NameType;
  private firstWeight: number;
  /** The types voted for after the first, made when a second type is. */
  private more: { type: NameType; weight: number }[] | undefined;

  constructor(name: string, type: NameType, w: number) {
    this.name = name;
    this.first = type;
    this.firstWeight = 0 + w;
  }

  get size(): number {
    return 1 + (this.more?.length ?? 0);
  }

  add(type: NameType, w: number): void {
    if (type === this.first) {
      this.firstWeight += w;
      return;
    }
    const other = this.more?.find((v) => v.type === type);
    if (other) other.weight += w;
    else (this.more ??= []).push({ type, weight: 0 + w });
  }

  /** The type with the most weight, the first voted for on a tie; `fallback` when none weighs more than -1. */
  winner(fallback: NameType): NameType {
    let best = fallback;
    let bestW = -1;
    if (this.firstWeight > bestW) {
      best = this.first;
      bestW = this.firstWeight;
    }
    for (const v of this.more ?? []) {
      if (v.weight > bestW) {
        best = v.type;
        bestW = v.weight;
      }
    }
    return best;
  }
}

/** Adds a vote under `key`, starting its votes if it is the first. */
function voteFor(all: Map<string, TypeVotes>, key: string, type: NameType, w: number): void {
  const v = all.get(key);
  if (v) v.add(type, w);
  else all.set(key, new TypeVotes(key, type, w));
}

/**
 * Document-level consistency: a name tagged once is a name at its other occurrences too, and a person's surname
 * is that person wherever it stands alone. Occurrences inside a longer capitalised sequence ("Washington Post"
 * when "Washington" was tagged) are left alone, and so are sentence-initial ones of words the article also
 * uses in lower case ("Will", "Hope").
 */
function propagate(model: TextModel, tagged: LinkMention[], occupied: Slots): LinkMention[] {
  const typeVotes = new Map<string, TypeVotes>();
  for (const m of tagged) {
    if (m.description) continue;
    voteFor(typeVotes, m.display, m.type, m.confidence);
    // a person named in two or more words: the last word is the surname
    const gap = m.type === 'PERSON' ? lastSpace(m.display) : -1;
    if (gap >= 0) {
      const surname = m.display.slice(gap + 1);
      if (surname.length >= 3 && startsWithCapital(surname) && surname.charCodeAt(surname.length - 1) !== 46) voteFor(typeVotes, surname, 'PERSON', 0.5 * m.confidence);
    }
  }
  const out: LinkMention[] = [];
  const prose = model.prose;
  for (const votes of typeVotes.values()) {
    const surface = votes.name;
    if (surface.length < 2 || !startsWithCapital(surface)) continue;
    const type = votes.winner('MISC');
    const singleWord = lastSpace(surface) < 0;
    // (asked only when an occurrence would be taken, and most are tagged already: the question is a scan of the
    // whole text, slow for a lower-case word, whose first letter the text is full of; the answer is kept in a local
    // rather than by a function made for every name)
    let common: boolean | undefined;
    // (most occurrences are tagged already: their offsets are taken before the whole-word test)
    for (let at = prose.indexOf(surface); at >= 0; at = prose.indexOf(surface, at + 1)) {
      const end = at + surface.length;
      if (!occupied.free(at, end) || !wholeWord(prose, at, end)) continue;
      // part of a longer capitalised name the recognizer did not tag
      const next = isSpace(prose.charCodeAt(end)) ? CAPITALISED_NEXT.exec(prose.slice(end, end + 30)) : null;
      if (next && next[1] !== 'I' && next[1] !== 'A') continue;
      const prev = isSpace(prose.charCodeAt(at - 1)) ? CAPITALISED_BEFORE.exec(prose.slice(Math.max(0, at - 30), at)) : null;
      if (prev && !PERSON_TITLES.has(withoutFinalPeriod(lowerCase(prev[1]!))) && !isSentenceStart(model, at - prev[0].length)) continue;
      // A single word the article also writes in lower case is a common noun ("Opposition", "City", "Church"): its
      // other capitalised uses are headlines and sentence starts, not names. People's surnames are the exception,
      // but one that is also a common word ("Hope", "Rose") is not taken where any word would be capitalised.
      if ((type !== 'PERSON' || isSentenceStart(model, at)) && (common ??= singleWord && usedInLowerCase(prose, surface))) continue;
      occupied.take(at, end);
      out.push(linkMention(at, end, model.text.slice(at, end), type, sentenceAt(model, at), surface, 0.5));
    }
  }
  return out;
}

/** Whether the prose has a word, as a whole word, in lower case where it is not written so. */
function usedInLowerCase(prose: string, w: string): boolean {
  const lower = w.toLowerCase();
  return lower !== w && occurrences(prose, lower, 1).length > 0;
}

/** A capitalised word after white space, and one before it: what extends a name the recognizer did not tag. */
const CAPITALISED_NEXT = /^\s+(\p{Lu}[\p{L}'’-]*)/u;
const CAPITALISED_BEFORE = /(\p{Lu}[\p{L}'’.-]*)\s+$/u;

/** Offset of the last white space in a string (as /\s/), -1 for none. */
function lastSpace(s: string): number {
  let i = s.length - 1;
  while (i >= 0 && !isSpace(s.charCodeAt(i))) i--;
  return i;
}

/** One type per written name: the one most of its mentions carry, weighted by confidence (first seen on a tie). */
function unifyTypes(names: LinkMention[]): void {
  const votes = new Map<string, TypeVotes>();
  for (const m of names) {
    if (m.glossary !== undefined || m.description) continue;
    voteFor(votes, keyOf(m), m.type, m.confidence);
  }
  for (const m of names) {
    const v = m.glossary === undefined && !m.description ? votes.get(keyOf(m)) : undefined;
    if (v && v.size >= 2) m.type = v.winner(m.type);
  }
}

/** "the United Nations (UN)": the acronym in parentheses is a mention of the same entity even when untagged. */
function parentheticalAcronyms(model: TextModel, tagged: LinkMention[], occupied: Slots): LinkMention[] {
  const out: LinkMention[] = [];
  for (const m of tagged) {
    if (m.type === 'PERSON' || m.description) continue;
    const a = opensParenthesis(model.prose, m.end) ? /^(\s*\(\s*)([\p{Lu}][\p{Lu}\p{Ll}.&-]{1,11})\s*\)/u.exec(model.prose.slice(m.end, m.end + 20)) : null;
    if (!a || !/^(?:\p{Lu}[\p{Ll}.&-]?){2,}/u.test(a[2]!)) continue;
    const start = m.end + a[1]!.length;
    const end = start + a[2]!.length;
    if (!occupied.free(start, end)) continue;
    occupied.take(start, end);
    out.push(linkMention(start, end, model.text.slice(start, end), m.type, m.sentence, a[2]!, m.confidence));
  }
  return out;
}

// Resolved date and time expressions by dateline, reading and text, with a resolved date spelled out. A story
// repeats its dates ("Thursday", "2023"), and a document is analysed again at every edit: each distinct expression
// is resolved once. Bounded: a long-running server sees an open-ended set of expressions.
interface Resolution {
  resolved: string | undefined;
  /** The resolved date in words (readableDate), for a date. */
  readable: string | undefined;
}
const resolutions = new Map<string, Resolution>();

/** What a date or time expression stands for, looked up under `key` (its dateline, reading and text) or worked out. */
function resolveOnce(key: string, type: 'DATE' | 'TIME', text: string, ref: CalendarDay | undefined, direction: Direction): Resolution {
  let r = resolutions.get(key);
  if (r) return r;
  if (resolutions.size >= 50_000) resolutions.clear();
  const resolved = type === 'DATE' ? resolveDate(text, ref, direction) : (resolveTime(text) ?? resolveDate(text, ref));
  r = { resolved, readable: type === 'DATE' && resolved ? readableDate(resolved) : undefined };
  resolutions.set(key, r);
  return r;
}

/** Values (dates, money, …) as entities: one per distinct thing (the same resolved date, the same amount). */
function valueEntities(model: TextModel, values: ValueMention[], dateline: string | undefined): Entity[] {
  const ref = parseIsoDay(dateline);
  const groups = new Map<string, Entity>();
  // (the reference day comes from the dateline: the same dateline, the same resolutions)
  const day = ref ? `${ref.year}-${ref.month}-${ref.day}` : '';
  for (const v of values) {
    const text = model.text.slice(v.start, v.end);
    const sentence = model.sentences[v.sentence];
    let resolution: Resolution | undefined;
    if (v.type === 'DATE') {
      const direction = directionOf(sentence ? model.prose.slice(sentence.start, v.start) : '');
      resolution = resolveOnce(`${day} ${direction} ${text}`, 'DATE', text, ref, direction);
    } else if (v.type === 'TIME') {
      resolution = resolveOnce(`${day} time ${text}`, 'TIME', text, ref, 'past');
    }
    const resolved = resolution?.resolved;
    const readable = resolution?.readable;
    const key = `${v.type}:${resolved ?? oneSpaced(lowerCase(text))}`;
    const mention: Mention = { start: v.start, end: v.end, text, sentence: v.sentence };
    const group = groups.get(key);
    if (group) {
      group.mentions.push(mention);
      if (!readable && text.length > group.name.length) group.name = oneSpaced(text);
    } else {
      const entity: Entity = { id: '', type: v.type, name: readable ?? oneSpaced(text), mentions: [mention], descriptors: [] };
      if (resolved) entity.resolved = resolved;
      groups.set(key, entity);
    }
  }
  return [...groups.values()];
}

/** Headline paragraphs, whether the body names something (case ignored) and the dateline's place, for the header rules. */
function headerContext(model: TextModel): { inHeadline: (offset: number) => boolean; bodyNames: (name: string) => boolean; datelinePlace?: Span } {
  const prose = model.prose;
  const headlines = model.paragraphs.filter((p) => p.role === 'headline' && capitalisesEveryWord(prose.slice(p.start, p.end)));
  const body = model.paragraphs.filter((p) => p.role === 'body');
  // Whether the body holds the name in any case: body.toLowerCase().includes(name.toLowerCase()). The body
  // lower-cased whole is slow (ICU, for text with a curly quote); a name in lower-case ASCII is searched for in
  // the text as it is instead, unless the text holds one of the two letters that lower-case to ASCII: İ (to "i̇")
  // and the Kelvin sign (to "k").
  let lower: string | undefined;
  let asciiComparable: boolean | undefined;
  const bodyNames = (name: string): boolean => {
    const needle = name.toLowerCase();
    if (isAsciiLine(needle) && (asciiComparable ??= prose.indexOf('\u0130') < 0 && prose.indexOf('\u212a') < 0)) return includedIgnoringCase(prose, body, needle);
    lower ??= body.map((p) => prose.slice(p.start, p.end)).join('\n').toLowerCase();
    return lower.includes(needle);
  };
  let datelinePlace: Span | undefined;
  const first = body[0];
  if (first) {
    const m = /^[\p{Lu}][\p{Lu}.'’\- ]*[\p{Lu}.](?=\s*(?:,|\(|[—–-]))/u.exec(model.prose.slice(first.start, Math.min(first.end, first.start + 60)));
    if (m) datelinePlace = { start: first.start, end: first.start + m[0].length };
  }
  return { inHeadline: (o) => within(headlines, o), bodyNames, datelinePlace };
}

/** Whether an offset is inside one of the spans (a loop, not some() with a test made around the offset at every call). */
function within(spans: readonly Span[], offset: number): boolean {
  for (const s of spans) if (offset >= s.start && offset < s.end) return true;
  return false;
}

/** Whether a string is all ASCII without a line break (a match of it cannot span two paragraphs). */
function isAsciiLine(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || c === 10) return false;
  }
  return true;
}

/**
 * Whether a span of `text` holds `needle`, a non-empty lower-case ASCII string, in any case: Horspool's search
 * over the text's characters lower-cased as ASCII (exact where no other character lower-cases to ASCII, see
 * headerContext). A window whose last character is not the needle's moves on by that character's distance from
 * the needle's end, the whole length for a character the needle lacks: most of the text is never read.
 */
function includedIgnoringCase(text: string, spans: readonly Span[], needle: string): boolean {
  const n = needle.length;
  const last = needle.charCodeAt(n - 1);
  const shift = new Int32Array(128).fill(n);
  for (let j = 0; j < n - 1; j++) shift[needle.charCodeAt(j)] = n - 1 - j;
  for (const { start, end } of spans) {
    for (let i = start + n - 1; i < end; ) {
      const c = asciiLower(text.charCodeAt(i));
      if (c === last) {
        let j = n - 2;
        while (j >= 0 && asciiLower(text.charCodeAt(i - n + 1 + j)) === needle.charCodeAt(j)) j--;
        if (j < 0) return true;
      }
      i += c < 128 ? shift[c]! : n;
    }
  }
  return false;
}

/** A character code lower-cased if it is an ASCII capital. */
const asciiLower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

const MINOR_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'of', 'in', 'on', 'at', 'to', 'for', 'by', 'as', 'with', 'from', 'into', 'over', 'after', 'vs', 'is']);

/** Title Case or ALL CAPS: every word but short function words starts with a capital. */
function capitalisesEveryWord(line: string): boolean {
  const words = line.match(/[\p{L}][\p{L}'’-]*/gu) ?? [];
  const content = words.filter((w) => !MINOR_WORDS.has(lowerCase(w)));
  return content.length >= 2 && content.every(startsWithCapital);
}

/**
 * All entities of an article, ordered by first mention: names from the recognizer linked into one entity per
 * real-world thing (with canonical name, aliases and descriptors), glossary entries, and values.
 */
export function recognizeEntities(model: TextModel, options: EntityOptions = {}): Entity[] {
  // Values first: their scan reads every token's spelling, which the text model has just made and the caches still
  // hold; the recognizer streams megabytes of weights through them. (Values and names are found independently.)
  const values = findValues(model);
  const tagged = options.recognizer?.tag(model, options.memo, options.checkpoint) ?? [];
  const { mentions: glossed, entryOf, dropKeys } = glossaryMentions(model, options.glossary);
  const entries = options.glossary?.entries ?? [];
  const occupied = new Occupancy(model.text.length);

  // Glossary mentions first: they override the recognizer and the value rules.
  const names: LinkMention[] = [];
  glossed
    .map((g, i) => ({ g, entry: entryOf[i]! }))
    .sort((a, b) => b.g.end - b.g.start - (a.g.end - a.g.start))
    .forEach(({ g, entry }) => {
      if (!occupied.free(g.start, g.end)) return;
      const m = prepareMention(model, g, entry);
      if (!m) return;
      occupied.take(g.start, g.end);
      names.push(m);
    });

  const glossaryByKey = new Map<string, number>();
  entries.forEach((e, i) => {
    if (e.notAnEntity) return;
    for (const f of [e.name, ...(e.aliases ?? [])]) glossaryByKey.set(nameKey(f), i);
  });
  // Values (in document order) searched by bisection: a scan of every value per name made long documents quadratic.
  const longestValue = values.reduce((n, v) => Math.max(n, v.end - v.start), 0);
  const valueCovers = (m: LinkMention): boolean => {
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid]!.start <= m.start) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo - 1; i >= 0 && values[i]!.start >= m.start - longestValue; i--) {
      const v = values[i]!;
      if (v.end >= m.end && (v.end - v.start > m.end - m.start || (m.type === 'MISC' && v.type === 'DATE'))) return true;
    }
    return false;
  };
  const header = headerContext(model);
  for (const t of tagged.sort((a, b) => a.start - b.start)) {
    if (t.end <= t.start || t.end > model.text.length) continue;
    const m = prepareMention(model, t, undefined);
    if (!m || (dropKeys.size && (dropKeys.has(keyOf(m)) || dropKeys.has(nameKey(m.text))))) continue;
    // A Title Case or ALL CAPS headline capitalises every word, so the recognizer sees names everywhere
    // ("Talks Stall", "Council Approves"): keep a headline name only when the story's body names it too.
    if (header.inHeadline(m.start) && !header.bodyNames(m.text)) continue;
    // The dateline's place ("DENVER, Colorado, Oct. 8 —") is a place, however the recognizer read the capitals.
    if (header.datelinePlace && m.start >= header.datelinePlace.start && m.end <= header.datelinePlace.end) {
      m.type = 'LOC';
      m.confidence = Math.max(m.confidence, 10);
    }
    // A name inside a longer value is part of the value ("Sept" in "Sept. 2, 2025"), and a MISC name that is
    // all date is the date ("Easter"); otherwise names win: "Theresa May", "the 2022 World Cup", "May said".
    if (valueCovers(m)) continue;
    if (!occupied.free(m.start, m.end)) continue;
    const g = glossaryByKey.size ? glossaryByKey.get(keyOf(m)) : undefined;
    if (g !== undefined) {
      m.glossary = g;
      const type = entries[g]?.type;
      if (type && NAME_TYPES.has(type)) m.type = type as NameType;
    }
    occupied.take(m.start, m.end);
    names.push(m);
  }

  // Document-level consistency and acronyms in parentheses (before values, which give way to names).
  const keptValues = values.filter((v) => occupied.free(v.start, v.end));
  // from here on, kept values occupy their offsets too: names found by consistency never cut into a date
  for (const v of keptValues) occupied.take(v.start, v.end);
  const both: Slots = occupied;
  names.push(...parentheticalAcronyms(model, names, both));
  names.push(...propagate(model, names, both).filter((n) => !dropKeys.has(keyOf(n))));
  names.push(...findDescriptions(model, names, (s, e) => !both.free(s, e)));

  unifyTypes(names);
  const linked = linkMentions(model, names, entries);
  // (ids are given once all entities are in order; created with the id first, so it comes first in the data)
  const entities: Entity[] = [];
  for (const l of linked) {
    const entry = l.glossary !== undefined ? entries[l.glossary] : undefined;
    const type: EntityType = entry?.type ?? l.type;
    const mentions: Mention[] = l.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text, sentence: m.sentence }));
    const entity: Entity = { id: '', type, name: l.name, mentions, descriptors: describe(model, l.mentions) };
    if (l.aliases.length) entity.aliases = l.aliases;
    if (entry?.note) entity.note = entry.note;
    entities.push(entity);
  }
  entities.push(...valueEntities(model, keptValues, options.dateline));
  entities.sort((a, b) => a.mentions[0]!.start - b.mentions[0]!.start);

  const used = new Set<string>();
  for (const e of entities) {
    const base = slug(e.name);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    e.id = id;
  }
  return entities;
}
