// Entity linking inside one article: the recognizer's name mentions become one entity per real-world thing.
// Surnames and titled forms join the full name ("Mr. Blinken" → Antony Blinken), acronyms join the expansion
// the article gives ("the United Nations (UN)"), and "the department" joins the one department named before it.
// News writing makes this tractable: a person is introduced by full name, then referred to by surname.

import { detached, isSpace, sentenceAt, startsWithCapital, withoutFinalPeriod, wordsIn, type TextModel } from '../text';
import type { Mention } from '../types';
import type { GlossaryEntry } from '../glossary';
import { ABBREVIATIONS, PERSON_TITLES } from '../lexicon';
import type { NameMention } from './index';

export type NameType = NameMention['type'];

/** A name mention prepared for linking. */
export interface LinkMention extends Mention {
  type: NameType;
  sentence: number;
  /** The name without titles, possessive or leading article, as written ("Blinken", "United Nations"). */
  display: string;
  /** Titles written inside the tagged span ("Secretary" in "Secretary Blinken"). */
  titles: readonly string[];
  confidence: number;
  /** Index of the glossary entry this mention is of. */
  glossary?: number;
  /** A definite description ("the department"): joins an entity, never names it. */
  description?: boolean;
  /** nameKey(display), computed once (see keyOf). */
  key?: string;
  /** The key's words, computed once (see keyWords). */
  keyWords?: readonly string[];
}

/** The mention's matching key, computed once: linking compares keys many times. */
export function keyOf(m: LinkMention): string {
  return (m.key ??= nameKey(m.display));
}
/** The words of the mention's key, computed once. */
const keyWords = (m: LinkMention): readonly string[] => (m.keyWords ??= splitKey(keyOf(m)));
const wordCount = (m: LinkMention): number => keyWords(m).length;

/** The titles of a mention that has none (shared: titles are never changed once a mention is made). */
const NO_TITLES: readonly string[] = [];

/**
 * A mention for linking (the fields in the order of LinkMention). Every mention is made here, with every field,
 * the optional ones and the keys computed later included: all mentions share one layout, so the code reading them
 * sees one shape, and a key, when computed, lands in a field of the object rather than in a property store
 * allocated beside it.
 */
export function linkMention(
  start: number,
  end: number,
  text: string,
  type: NameType,
  sentence: number,
  display: string,
  confidence: number,
  titles: readonly string[] = NO_TITLES,
  glossary?: number,
  description?: boolean,
): LinkMention {
  return { start, end, text, type, sentence, display, titles, confidence, glossary, description, key: undefined, keyWords: undefined };
}

/** One real-world thing before ids and descriptors: its mentions in document order. */
export interface LinkedName {
  type: NameType;
  name: string;
  mentions: LinkMention[];
  aliases: string[];
  glossary?: number;
}

// Honorifics that say nothing about the person ("Mr."), as against titles that do ("Secretary").
export const HONORIFICS: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'messrs', 'madam', 'mme', 'm', 'dr']);

const KEEPS_THE = /^(?:Hague|Gambia|Bahamas|Beatles|Economist)\b|\b(?:Times|Post|Guardian|Telegraph|Independent|Observer|Herald|Journal|Globe|Atlantic|Tribune|Chronicle|Gazette|Star|Standard|Nation|Citizen|Hindu)$/;

// Name particles: "al-Assad" is "Assad" to many writers; "da Silva" hangs on "Silva".
const PARTICLE_PREFIX = /^(?:al|el|ad|ash|as|at|ar|an|az|bin|ibn|abu|van|von|de|del|della|di|da|du|le|la)[-‐‑]/i;
const PARTICLE_WORDS: ReadonlySet<string> = new Set(['al', 'el', 'bin', 'ibn', 'van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'dos', 'das', 'le', 'la', 'y', 'bint', 'ben', 'abu', 'jr', 'jr.', 'sr', 'sr.', 'ii', 'iii']);

// Words skipped when reading an acronym off a name ("Organisation of the Petroleum Exporting Countries").
const ACRONYM_SKIP: ReadonlySet<string> = new Set(['of', 'the', 'and', 'for', 'on', 'in', 'de', 'la', 'du', 'des', 'et', 'to', '&', 'a', 'an', 'at']);

/** Institution nouns that, after "the", can stand for the one organisation of that kind in the story. */
const DESCRIPTION_HEADS: ReadonlySet<string> = new Set([
  'department', 'ministry', 'council', 'commission', 'committee', 'agency', 'company', 'bank', 'court', 'party',
  'union', 'university', 'board', 'authority', 'office', 'parliament', 'assembly', 'senate', 'bureau', 'service',
  'organisation', 'organization', 'institute', 'foundation', 'corporation', 'tribunal', 'regulator', 'airline',
  'network', 'alliance', 'coalition', 'federation', 'association', 'fund', 'group', 'army', 'navy', 'commission',
  'secretariat', 'cabinet', 'administration', 'movement', 'club', 'hospital', 'school', 'college', 'church',
]);

/**
 * A function of a string's results, kept across analyses: a story writes the same few names at every mention, and a
 * document is analysed again at every edit, so a lookup of a long-lived string, whose hash the map finds computed,
 * replaces the work. Bounded (`limit` entries), as a long-running server sees an open-ended set of strings; the
 * arguments are kept detached from their documents (so must what compute returns: see memoized).
 */
export function memoizedBy<T>(compute: (s: string) => T, limit = 50_000): (s: string) => T {
  const results = new Map<string, T>();
  return (s) => {
    let r = results.get(s);
    if (r === undefined) {
      if (results.size >= limit) results.clear();
      r = compute(s);
      results.set(detached(s), r);
    }
    return r;
  };
}

/** A string function's results, kept across analyses (memoizedBy; a result may be its argument, or a slice of it: kept detached). */
export function memoized(compute: (s: string) => string): (s: string) => string {
  return memoizedBy((s) => detached(compute(s)));
}

/** s.toLowerCase(), memoized: names and the words around them recur, and ICU lowers two-byte text slowly. */
export const lowerCase = memoized((s) => s.toLowerCase());

/**
 * Lower-cased matching key: periods out of acronyms ("U.S." = "US"), curly apostrophes straightened. (Memoized:
 * lower-casing a slice of two-byte text goes to ICU.)
 */
export const nameKey = memoized((display) =>
  plainName(display) ? display.toLowerCase() : display.replace(/[’‘]/g, "'").replace(/\.(?=\S|$)/g, '').replace(/\s+/g, ' ').trim().toLowerCase(),
);

/** Nothing for nameKey to do but lower the case: no curly apostrophe, no period, single spaces between words. */
function plainName(display: string): boolean {
  if (display.charCodeAt(0) === 32 || display.charCodeAt(display.length - 1) === 32 || !singleSpaced(display)) return false;
  for (let i = 0; i < display.length; i++) {
    const c = display.charCodeAt(i);
    if (c === 46 || c === 0x2018 || c === 0x2019) return false;
  }
  return true;
}

/**
 * The words of a nameKey, whose words are already single-spaced, kept as nameKey's results are: a lookup by a key
 * nameKey made long ago replaces a split, which made an array and its strings. Shared, so never changed.
 */
const splitKey = memoizedBy((key): readonly string[] => {
  // (the words are split from a detached copy of the key, so that none is a slice of a document)
  const kept = detached(key);
  return !kept ? [] : kept.includes(' ') ? kept.split(' ') : [kept];
});
const stripParticle = (w: string): string => w.replace(PARTICLE_PREFIX, '');
/** A capital and no small letter (ASCII text by char code). */
function isAllCaps(s: string): boolean {
  let capital = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) capital = true;
  }
  return capital;
}

// The patterns of prepareMention, made once: a regular-expression literal makes a new object each time it is
// evaluated (56 bytes), and prepareMention runs for every name mention.
/** Possessive and trailing punctuation, which are not part of a name. */
const TRAILING = /(?:['’][sS]?|[.,;:!?)"”’])$/;
/** A name that ends in an initial ("J.") or in a period after an initial ("U.S."). */
const ENDS_IN_INITIAL = /(?:^|\s|\.)\p{Lu}\.$/u;
const LAST_WORD_WITH_PERIOD = /(\p{L}+)\.$/u;
const LEADING_ARTICLE = /^(?:the|a|an|The)\s+/;
/** What a sentence's first word can follow, in the four characters before it. */
const SENTENCE_OPENS = /(?:^|[.!?]["”’)]?\s+|[—–-]\s*|\n\s*|["“]\s*)$/;
/** A title and what belongs to it ("Secretary of State"), and the space after it: run only where a title opens a name. */
const LEADING_TITLE = /^([\p{L}]+\.?)(?:\s+of\s+(?:State|Defense|Defence|the\s+\p{Lu}\p{L}+|\p{Lu}\p{L}+))?\s+(?=\S)/u;

/**
 * Trims a tagged span to the name proper and splits off titles: "Mr. Blinken's" → display "Blinken"
 * (span shrunk past the possessive), "the United Nations" → "United Nations" (span starts at "United").
 */
export function prepareMention(model: TextModel, m: NameMention, glossary?: number): LinkMention | undefined {
  let start = m.start;
  let end = m.end;
  const text = model.text;
  // possessive and trailing punctuation are not part of the name
  let guard = 0;
  // (most names end in a letter the pattern cannot end on)
  while (end > start && guard++ < 4 && TRAILING_ENDS.has(text.charCodeAt(end - 1))) {
    const tail = text.slice(start, end);
    const t = TRAILING.exec(tail);
    // an abbreviation keeps its period: "Calif.", "Inc.", "J."
    if (!t || (t[0] === '.' && (ENDS_IN_INITIAL.test(tail) || ABBREVIATIONS.has(lowerCase(LAST_WORD_WITH_PERIOD.exec(tail)?.[1] ?? ''))))) break;
    end -= t[0].length;
  }
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  // a leading article is not part of the name ("The Portsmouth City Council voted"), except in names that
  // carry it: "The Hague", "The Gambia", newspapers ("The Washington Post")
  // A capitalised "The" goes only at the start of a sentence or after a dateline dash; mid-sentence the writer
  // capitalised it as part of the name ("The Greens", "The Future of Aging").
  const opening = text.charCodeAt(start);
  const article = opening === 116 || opening === 97 || opening === 84 ? LEADING_ARTICLE.exec(text.slice(start, end)) : null; // t, a, T
  if (article && !(article[0].startsWith('The') && (!SENTENCE_OPENS.test(text.slice(Math.max(0, start - 4), start)) || KEEPS_THE.test(text.slice(start + article[0].length, end))))) start += article[0].length;
  if (end <= start) return undefined;
  const written = text.slice(start, end);
  let display = written;
  let titles: string[] | undefined;
  if (m.type === 'PERSON') {
    // strip leading titles, keeping at least one word: "Secretary of State Antony Blinken" → "Antony Blinken"
    // (the pattern runs only on a name that opens with a title: its first group is the first word)
    while (opensWithTitle(display)) {
      const t = LEADING_TITLE.exec(display);
      if (!t) break;
      (titles ??= []).push(t[0].trim());
      display = display.slice(t[0].length);
    }
  }
  // a bare title ("President", "Mr.") tagged as a person names nobody
  if (m.type === 'PERSON' && !hasSpace(display) && PERSON_TITLES.has(withoutFinalPeriod(lowerCase(display)))) return undefined;
  return linkMention(start, end, written, m.type, m.sentence, display, m.confidence ?? 1, titles, glossary);
}

/** Whether a name opens with a title word and has more after it ("Secretary Blinken", "Mr. Blinken"). */
function opensWithTitle(display: string): boolean {
  let gap = 0;
  while (gap < display.length && !isSpace(display.charCodeAt(gap))) gap++;
  return gap > 0 && gap < display.length && PERSON_TITLES.has(withoutFinalPeriod(lowerCase(display.slice(0, gap))));
}

/** Last characters the trailing pattern of prepareMention can end on. */
const TRAILING_ENDS: ReadonlySet<number> = new Set([..."'’sS.,;:!?)\"”"].map((c) => c.charCodeAt(0)));

/** Whether a string holds whitespace (as /\s/). */
function hasSpace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (isSpace(s.charCodeAt(i))) return true;
  return false;
}

/**
 * Initials of a name's key words for acronym matching, hyphenated parts counting as words: "african union" → "au";
 * "organisation of the petroleum exporting countries" → "opec" when small words are skipped.
 */
function initials(words: readonly string[], skipSmallWords: boolean): string {
  let out = '';
  for (const word of words)
    for (const part of word.includes('-') ? word.split('-') : [word]) if (part && !(skipSmallWords && ACRONYM_SKIP.has(part))) out += part[0]!;
  return lowerCase(out);
}

/** Capitals, with or without periods ("UN", "U.N.", "NATO"). */
function isAcronym(display: string): boolean {
  // (most names are ruled out by their first two characters: ASCII, not spaces, and not a capital and a capital or period)
  const a = display.charCodeAt(0);
  const b = display.charCodeAt(1);
  if (a < 128 && b < 128 && !isSpace(a) && !isSpace(b) && (a < 65 || a > 90 || (b >= 97 && b <= 122))) return false;
  return ACRONYM.test(display.replace(WHITE_SPACE, ''));
}
const ACRONYM = /^(?:\p{Lu}\.?){2,8}$|^(?:\p{Lu}{2,}[a-z]?\p{Lu}*)$/u;
const WHITE_SPACE = /\s/g;

/** Whether name `short` is a shorter form of `full`: a suffix ("Lula da Silva"), or the same first and last words with fewer in between. */
function isShorterForm(short: readonly string[], full: readonly string[]): boolean {
  if (short.length >= full.length) return false;
  const offset = full.length - short.length;
  let suffix = true;
  for (let i = 0; i < short.length && suffix; i++) suffix = full[offset + i] === short[i];
  if (suffix) return true;
  if (short[0] !== full[0] || short[short.length - 1] !== full[full.length - 1]) return false;
  let j = 0;
  for (const w of full) if (j < short.length && w === short[j]) j++;
  return j === short.length;
}

interface Cluster {
  type: NameType;
  /** Words of the fullest name seen so far, lower case. */
  fullWords: readonly string[];
  /** In document order, made with the first. */
  mentions?: LinkMention[];
  glossary?: number;
  /** Offset of the first mention of the full name (for "nearest preceding" choices). */
  firstStart: number;
  /** fullWords without name particles ("al-Assad" → "assad"), made when first needed. */
  bareWords?: string[];
}

/** Groups prepared name mentions into entities. `entries` are the glossary entries the mentions refer to. */
export function linkMentions(model: TextModel, mentions: LinkMention[], entries: readonly GlossaryEntry[] = []): LinkedName[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  // clusters by the last word of their full name, in order of creation: a shorter form ends in that word too
  const byLastWord = new Map<string, Cluster[]>();
  const newCluster = (m: LinkMention, key: string): Cluster => {
    const fullWords = key === keyOf(m) ? keyWords(m) : splitKey(key);
    // (every field made here, bareWords too: a field added later would move the object to a new layout and add a store)
    const c: Cluster = { type: m.type, fullWords, mentions: undefined, glossary: m.glossary, firstStart: m.start, bareWords: undefined };
    clusters.push(c);
    byKey.set(key, c);
    const last = c.fullWords[c.fullWords.length - 1];
    if (last !== undefined) {
      const list = byLastWord.get(last);
      if (list) list.push(c);
      else byLastWord.set(last, [c]);
    }
    return c;
  };

  // 1. Glossary entries are entities from the start: their names and aliases are keys.
  const glossaryCluster = new Map<number, Cluster>();
  for (const m of sorted) {
    if (m.glossary === undefined || glossaryCluster.has(m.glossary)) continue;
    const entry = entries[m.glossary];
    const key = nameKey(entry?.name ?? m.display);
    const c = newCluster(m, key);
    for (const alias of [...(entry?.aliases ?? []), ...(entry?.misspellings ?? [])]) byKey.set(nameKey(alias), c);
    glossaryCluster.set(m.glossary, c);
  }

  // 2. Full names first (most words first), so that shorter forms find them wherever they occur.
  // Mentions are known by their place in `sorted` from here on: the cluster of each is clusterOf[place] (an array
  // rather than a Map keyed by the mention: no hash table to grow and probe).
  const clusterOf: (Cluster | undefined)[] = new Array<Cluster | undefined>(sorted.length).fill(undefined);
  const full: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i]!;
    if (m.glossary !== undefined) clusterOf[i] = glossaryCluster.get(m.glossary);
    else if (!m.description) full.push(i);
  }
  // (by word count, each count in document order: one pass over `full` per count rather than lists grouped by it,
  // as names run to a few words)
  let mostWords = 0;
  for (const i of full) mostWords = Math.max(mostWords, wordCount(sorted[i]!));
  for (let words = mostWords; words >= 0; words--) {
    for (const i of full) {
      const m = sorted[i]!;
      const ws = keyWords(m);
      if (ws.length !== words) continue;
      const key = keyOf(m);
      const exact = byKey.get(key);
      if (exact && compatible(exact.type, m.type, ws.length)) {
        clusterOf[i] = exact;
        continue;
      }
      if (ws.length >= 2) {
        const longer = nearest(byLastWord.get(ws[ws.length - 1]!) ?? NOBODY, m.start, m);
        if (longer) {
          clusterOf[i] = longer;
          byKey.set(key, longer);
          continue;
        }
        clusterOf[i] = newCluster(m, key);
      }
    }
  }

  // 3. Single words: surnames to people, acronyms to their expansion, else an entity of their own.
  const acronymOf = explicitAcronyms(model, sorted, full);
  // (made when the first acronym needs it: the clusters of two or more words are all made by now)
  let byInitials: Map<string, Cluster[]> | undefined;
  // The people a word can stand for (personsNamed), by word, for a mention typed a person [1] and for one typed
  // an organisation or thing [0]: asked at every mention of a surname, the same answer each time (every cluster of
  // two or more words is made by now). A place is nobody's surname.
  const people: Map<string, readonly Cluster[]>[] = [new Map(), new Map()];
  const peopleNamed = (word: string, type: NameType): readonly Cluster[] => {
    if (type === 'LOC') return NOBODY;
    const asked = people[type === 'PERSON' ? 1 : 0]!;
    let named = asked.get(word);
    if (!named) asked.set(word, (named = personsNamed(clusters, word, type === 'PERSON')));
    return named;
  };
  for (const i of full) {
    if (clusterOf[i]) continue;
    const m = sorted[i]!;
    const key = keyOf(m);
    const explicit = acronymOf.get(key);
    const expanded = explicit !== undefined ? clusterOf[explicit] : undefined;
    if (expanded) {
      clusterOf[i] = expanded;
      byKey.set(key, expanded);
      continue;
    }
    const exact = byKey.get(key);
    if (exact && compatible(exact.type, m.type, 1)) {
      clusterOf[i] = exact;
      continue;
    }
    const surnameOf = peopleNamed(key, m.type);
    if (surnameOf.length) {
      clusterOf[i] = nearest(surnameOf, m.start)!;
      continue;
    }
    if (isAcronym(m.display)) {
      const expansions = expansionsOf(key, (byInitials ??= indexByInitials(clusters)));
      if (expansions.length === 1) {
        clusterOf[i] = expansions[0]!;
        byKey.set(key, expansions[0]!);
        continue;
      }
    }
    clusterOf[i] = newCluster(m, key);
  }

  // 4. Definite descriptions join the one organisation whose name ends in that noun and was named before.
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i]!;
    if (!m.description) continue;
    const ws = keyWords(m);
    const head = ws[ws.length - 1] ?? '';
    let only: Cluster | undefined;
    let several = false;
    for (const c of clusters) {
      if (c.type !== 'ORG' || c.fullWords.length < 2 || c.fullWords[c.fullWords.length - 1] !== head || c.firstStart >= m.start) continue;
      several = only !== undefined;
      if (several) break;
      only = c;
    }
    if (only && !several) clusterOf[i] = only;
  }

  // Mentions join their clusters in document order, and the clusters are listed by their first mention (mentions
  // never overlap, so no two start at one offset: the order is the one sorting by offset gave). A cluster's list is
  // made with its first mention: most entities are mentioned once, and an empty array grows to seventeen elements.
  const ordered: Cluster[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const c = clusterOf[i];
    if (!c) continue;
    if (c.mentions) c.mentions.push(sorted[i]!);
    else {
      ordered.push(c);
      c.mentions = [sorted[i]!];
    }
  }
  const out: LinkedName[] = [];
  for (const c of ordered) {
    const mentions = c.mentions!;
    let descriptions = 0;
    for (const m of mentions) if (m.description) descriptions++;
    if (descriptions === mentions.length) continue;
    const entry = c.glossary !== undefined ? entries[c.glossary] : undefined;
    const named = descriptions ? mentions.filter((m) => !m.description) : mentions;
    const name = entry?.name ?? canonicalName(named);
    out.push({ type: majorityType(c.type, named), name, mentions, aliases: aliasesOf(named, nameKey(name)), glossary: c.glossary });
  }
  return out;
}

/** The other ways the mentions write a name whose key is `key`, each the first time it is written. */
function aliasesOf(mentions: readonly LinkMention[], key: string): string[] {
  const aliases: string[] = [];
  // (most entities are mentioned once: no set to make)
  if (mentions.length === 1) {
    if (keyOf(mentions[0]!) !== key) aliases.push(mentions[0]!.display);
    return aliases;
  }
  const seen = new Set([key]);
  for (const m of mentions) {
    const k = keyOf(m);
    if (seen.has(k)) continue;
    seen.add(k);
    aliases.push(m.display);
  }
  return aliases;
}

/** Whether a cluster's full name is a longer form of a mention's name of two or more words, of a type it can join. */
function namesLongerForm(c: Cluster, m: LinkMention): boolean {
  const ws = keyWords(m);
  return compatible(c.type, m.type, ws.length) && isShorterForm(ws, c.fullWords) && (m.type === 'PERSON' || m.type === c.type);
}

/** Types that may share an entity: the same, or a single word the recognizer typed differently. */
function compatible(clusterType: NameType, mentionType: NameType, wordCount: number): boolean {
  if (clusterType === mentionType) return true;
  // "Washington" the place and "George Washington" the man must not merge; an ORG/MISC-typed surname may.
  return wordCount === 1 && clusterType === 'PERSON' && (mentionType === 'ORG' || mentionType === 'MISC');
}

/**
 * People whose full name has this word as a name part (not a particle); surnames before given names. A word that
 * stands for a person (`person`) may also be a given name.
 */
function personsNamed(clusters: Cluster[], word: string, person: boolean): readonly Cluster[] {
  if (PARTICLE_WORDS.has(word)) return NOBODY;
  const bare = stripParticle(word);
  // (most words name nobody: the lists are made with their first person)
  let bySurname: Cluster[] | undefined;
  let byOther: Cluster[] | undefined;
  for (const c of clusters) {
    if (c.type !== 'PERSON' || c.fullWords.length < 2) continue;
    const ws = c.fullWords;
    const stripped = (c.bareWords ??= ws.map(stripParticle));
    const last = ws[ws.length - 1]!;
    if (last === word || stripped[ws.length - 1] === bare) {
      if (bySurname) bySurname.push(c);
      else bySurname = [c];
    } else if (namesPartAfterFirst(ws, stripped, word, bare) || (person && ws[0] === word)) {
      if (byOther) byOther.push(c);
      else byOther = [c];
    }
  }
  return bySurname ?? byOther ?? NOBODY;
}

/** Whether a word of a full name after its first, not a particle, is `word` (or, particles stripped, `bare`). */
function namesPartAfterFirst(ws: readonly string[], stripped: readonly string[], word: string, bare: string): boolean {
  for (let i = 1; i < ws.length; i++) if (!PARTICLE_WORDS.has(ws[i]!) && (ws[i] === word || stripped[i] === bare)) return true;
  return false;
}

/** No clusters (shared: never changed). */
const NOBODY: readonly Cluster[] = [];

/**
 * The cluster introduced most recently before an offset, else the first one introduced after it (undefined for
 * none), among the candidates, or among those with a longer form of `shorter`'s name when given (a parameter rather
 * than a test handed in: a function made in a loop over mentions makes the loop allocate a context each time round).
 */
function nearest(candidates: readonly Cluster[], offset: number, shorter?: LinkMention): Cluster | undefined {
  let before: Cluster | undefined;
  let after: Cluster | undefined;
  for (const c of candidates) {
    if (shorter && !namesLongerForm(c, shorter)) continue;
    if (c.firstStart <= offset) {
      if (!before || c.firstStart > before.firstStart) before = c;
    } else if (!after || c.firstStart < after.firstStart) after = c;
  }
  return before ?? after;
}

/**
 * Organisations, places and things of two or more words by their initials, without and with small words
 * ("opec", "otpec"), in order of creation: the expansions an acronym can stand for.
 */
function indexByInitials(clusters: readonly Cluster[]): Map<string, Cluster[]> {
  const out = new Map<string, Cluster[]>();
  const add = (letters: string, c: Cluster): void => {
    const list = out.get(letters);
    if (list) list.push(c);
    else out.set(letters, [c]);
  };
  for (const c of clusters) {
    if (c.type === 'PERSON' || c.fullWords.length < 2) continue;
    const short = initials(c.fullWords, true);
    const long = initials(c.fullWords, false);
    add(short, c);
    if (long !== short) add(long, c);
  }
  return out;
}

/** The clusters an acronym key could expand to (see indexByInitials). */
function expansionsOf(key: string, byInitials: ReadonlyMap<string, Cluster[]>): readonly Cluster[] {
  const letters = key.replace(/[^a-z]/g, '');
  return letters.length < 2 ? [] : (byInitials.get(letters) ?? []);
}

/** Whether a parenthesis opens within 20 characters after `offset`, after whitespace only (where an acronym in parentheses can follow a name). */
export function opensParenthesis(text: string, offset: number): boolean {
  const end = Math.min(offset + 20, text.length);
  let i = offset;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i < end && text.charCodeAt(i) === 40;
}

/** "the United Nations (UN)": acronym key → the place in `mentions` of the mention it expands, among those at `places`. */
function explicitAcronyms(model: TextModel, mentions: readonly LinkMention[], places: readonly number[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const i of places) {
    const m = mentions[i]!;
    const after = opensParenthesis(model.text, m.end) ? /^\s*\(\s*([\p{Lu}][\p{L}.&-]{1,11})\s*\)/u.exec(model.text.slice(m.end, m.end + 20)) : null;
    if (!after || wordCount(m) < 2) continue;
    const acronym = nameKey(after[1]!);
    if (acronym[0] !== keyOf(m)[0]) continue;
    if (!out.has(acronym)) out.set(acronym, i);
  }
  return out;
}

/** The fullest name: most words, then longest; a form in normal case over an all-caps headline form. */
function canonicalName(mentions: LinkMention[]): string {
  let best = mentions[0]!.display;
  // (most entities are written one way only: nothing to compare)
  for (const m of mentions) if (m.display !== best && betterName(m.display, best)) best = m.display;
  return oneSpaced(best);
}

/**
 * Whether `a` names an entity better than `b`: capitalised over lower case ("China" over a stray "china"), normal
 * case over an all-caps headline, a full name over an acronym, then the most words and the longest. (Compared
 * criterion by criterion, each worked out only when the ones before tie, rather than scored into arrays.)
 */
function betterName(a: string, b: string): boolean {
  const capitalA = startsWithCapital(a);
  if (capitalA !== startsWithCapital(b)) return capitalA;
  const acronymA = isAcronym(a);
  const acronymB = isAcronym(b);
  const normalCaseA = !isAllCaps(a) || acronymA;
  if (normalCaseA !== (!isAllCaps(b) || acronymB)) return normalCaseA;
  if (acronymA !== acronymB) return acronymB;
  const words = wordsIn(a) - wordsIn(b);
  return words !== 0 ? words > 0 : a.length > b.length;
}

/** Every run of whitespace one space, as s.replace(/\s+/g, ' '): most names and phrases have nothing to change. */
export function oneSpaced(s: string): string {
  return singleSpaced(s) ? s : s.replace(/\s+/g, ' ');
}

/** No whitespace but single spaces: nothing for .replace(/\s+/g, ' ') to do. */
function singleSpaced(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 ? i + 1 < s.length && isSpace(s.charCodeAt(i + 1)) : isSpace(c)) return false;
  }
  return true;
}

/** The type most of the named mentions carry, weighted by confidence; the full name's type (`type`) breaks ties. */
function majorityType(type: NameType, named: readonly LinkMention[]): NameType {
  // (most entities' names carry one type: nothing to weigh)
  let mixed = false;
  for (const m of named) mixed ||= m.type !== type;
  if (!mixed) return type;
  const weight = new Map<NameType, number>();
  for (const m of named) {
    const w = m.confidence * (wordCount(m) >= 2 ? 1.5 : 1);
    weight.set(m.type, (weight.get(m.type) ?? 0) + w);
  }
  let best = type;
  let bestW = weight.get(type) ?? 0;
  for (const [t, w] of weight) if (w > bestW) [best, bestW] = [t, w];
  return best;
}

/**
 * The pattern of "the" and one of the heads (alternatives of a pattern), global, kept by its heads: a story names the
 * same organisations at every edit, and making the pattern again (its source, the object, a lookup of its compiled
 * code) cost more than the search. Bounded, as a long-running server sees an open-ended set of heads.
 */
const descriptionPattern = memoizedBy((heads) => new RegExp(`\\b[Tt]he (${heads})\\b`, 'g'), 1_000);

/**
 * Definite descriptions ("the department", "the ministry") for organisations whose names end in an institution
 * noun. Found as mentions only when exactly one organisation in the story could be meant (checked in linking).
 */
export function findDescriptions(model: TextModel, names: LinkMention[], taken: (start: number, end: number) => boolean): LinkMention[] {
  const heads = new Set<string>();
  for (const m of names) {
    if (m.type !== 'ORG') continue;
    const ws = keyWords(m);
    const head = ws[ws.length - 1];
    if (ws.length >= 2 && head && DESCRIPTION_HEADS.has(head)) heads.add(head);
  }
  if (!heads.size) return [];
  const out: LinkMention[] = [];
  const re = descriptionPattern([...heads].join('|'));
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(model.prose))) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken(start, end)) continue;
    // "the department's" is fine; "the department store" and "the ministry spokesman" are something else
    const after = model.prose.slice(end, end + 16);
    if (/^\s+\p{Lu}|^[-‐]\p{L}/u.test(after) || /^\s+(?:store|stores|head|heads|official|officials|spokesman|spokeswoman|spokesperson|chief|member|members|building|staff|leader|leaders)\b/.test(after)) continue;
    out.push(linkMention(start, end, model.text.slice(start, end), 'ORG', sentenceAt(model, start), m[0], 0.5, NO_TITLES, undefined, true));
  }
  return out;
}
