// Text structure: Markdown masking, paragraphs (with header roles), sentences and tokens, all as UTF-16 offsets
// into the exact document text. Every other engine part reads these rather than re-splitting the text.

import type { DocumentFormat, Paragraph, ParagraphRole, Sentence, Token } from './types';
import { ABBREVIATIONS } from './lexicon';
import type { WordInfo } from './entities/features';

export interface TextModel {
  /** The original document text. */
  text: string;
  /** Same length as `text`; non-prose (Markdown markup, code, URLs, front matter) blanked to spaces. */
  prose: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
  tokens: Token[];
  /** Each token's text in lower case, by token index: read by every rule, so lowered once here. */
  lower: string[];
  /** Each token's spelling, shared by every token spelled the same way (in any document), by token index. */
  forms: TokenForm[];
  /**
   * Each token's word classes as its spelling held them when the model was made (TokenForm.classes, read while the
   * spelling was at hand; its −1 where they were not yet worked out, which a Uint16Array stores as 0xffff).
   * wordClasses.ts completes them in place: read them through it.
   */
  knownClasses: Uint16Array;
  /** Number of words (tokens with a letter or digit, possessives aside: isCountedWord) in body paragraphs. */
  wordCount: number;
  /** Front-matter key/values (Markdown only), e.g. { genre: 'opinion' }. */
  frontMatter: Record<string, string>;
}

/** Every character but line breaks turned into a space (offsets kept). */
export const blank = (s: string): string => (s.includes('\n') ? s.replace(/[^\n]/g, ' ') : ' '.repeat(s.length));

/**
 * Blanks what is not prose in a Markdown document, keeping every offset: front matter, fenced and indented code,
 * inline code, HTML comments and tags, link and image URLs, reference definitions, and markup characters.
 */
export function maskMarkdown(text: string): { prose: string; frontMatter: Record<string, string> } {
  const frontMatter: Record<string, string> = {};
  let prose = text;
  const fm = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(prose);
  if (fm) {
    for (const line of (fm[1] ?? '').split(/\r?\n/)) {
      const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$/.exec(line);
      if (kv && kv[1]) frontMatter[kv[1].toLowerCase()] = (kv[2] ?? '').replace(/^["']|["']$/g, '');
    }
    prose = blank(fm[0]) + prose.slice(fm[0].length);
  }
  const rules: [RegExp, (m: string, ...groups: string[]) => string][] = [
    // fenced code blocks (``` or ~~~), up to the closing fence or the end of the document
    [/^[ \t]*(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^[ \t]*\1[ \t]*$|(?![\s\S]))/gm, blank],
    [/<!--[\s\S]*?(?:-->|$)/g, blank],
    [/`[^`\n]+`/g, blank],
    // reference-style link definitions: [id]: http://…
    [/^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$/gm, blank],
    // images: the whole thing; links: keep the link text, blank the URL
    [/!\[[^\]\n]*\]\([^)\n]*\)/g, blank],
    [/\]\([^)\n]*\)/g, blank],
    [/<\/?[A-Za-z][^>\n]*>/g, blank],
    [/https?:\/\/[^\s)>\]]+/g, blank],
    // heading marks, blockquote marks, list bullets at line start
    [/^[ \t]{0,3}(#{1,6}[ \t]|>[ \t]?|[-*+][ \t]+|\d{1,3}[.)][ \t]+)/gm, blank],
    // horizontal rules and setext underlines
    [/^[ \t]*([-*_=])(?:[ \t]*\1){2,}[ \t]*$/gm, blank],
    // emphasis and link brackets
    [/(\*{1,3}|_{2,3})(?=\S)|(?<=\S)(\*{1,3}|_{2,3})/g, blank],
    [/[[\]]/g, blank],
  ];
  for (const [re, fn] of rules) prose = prose.replace(re, fn as (m: string) => string);
  return { prose, frontMatter };
}

const MD_HEADING = /^[ \t]{0,3}#{1,6}[ \t]/;

/** Paragraphs: blank-line separated blocks; in a document with no blank lines, each non-empty line. */
export function splitParagraphs(text: string, prose: string, format: DocumentFormat): Paragraph[] {
  const spans: { start: number; end: number }[] = [];
  const hasBlankLine = /\n[ \t\r\u00a0]*\n/.test(prose);
  let cur: { start: number; end: number } | null = null;
  // line by line, by offsets (no line strings): a line ends before its \n, or its \r\n
  for (let lineStart = 0; lineStart < prose.length; ) {
    const newline = prose.indexOf('\n', lineStart);
    let lineEnd = newline < 0 ? prose.length : newline;
    if (newline >= 0 && lineEnd > lineStart && prose.charCodeAt(lineEnd - 1) === 13 /* \r */) lineEnd--;
    // the line's text without the white space (as trim() removes it) at either end; empty for a blank line
    let trimStart = lineStart;
    while (trimStart < lineEnd && isSpace(prose.charCodeAt(trimStart))) trimStart++;
    let trimEnd = lineEnd;
    while (trimEnd > trimStart && isSpace(prose.charCodeAt(trimEnd - 1))) trimEnd--;
    if (trimStart === trimEnd) {
      if (cur) spans.push(cur);
      cur = null;
    } else if (!hasBlankLine || (format === 'markdown' && MD_HEADING.test(text.slice(lineStart, lineEnd)))) {
      if (cur) spans.push(cur);
      spans.push({ start: trimStart, end: trimEnd });
      cur = null;
    } else if (cur) cur.end = trimEnd;
    else cur = { start: trimStart, end: trimEnd };
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  if (cur) spans.push(cur);
  return assignRoles(text, prose, spans, format);
}

const BYLINE = /^(?:by|story by|words by|reporting by)\s+[A-Z\p{Lu}]/iu;
// A caption starts with a credit word or ends with a credit in brackets. The two are separate patterns so that only a
// paragraph ending in ")" is searched for the bracket (a paragraph is trimmed: nothing can follow its ")"), rather
// than every paragraph at every "(".
const CAPTION_START = /^(?:photo|image|picture|caption|file photo|credit)\b[:\s]/i;
const CAPTION_END = /\((?:photo|image|AP Photo|Reuters)[^)]*\)$/i;
const DATELINE_ONLY = /^(?:[A-Z][A-Za-z.'\- ]+,\s*)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s*)?(?:\d{1,2}\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s*|\s+)\d{4}\s*$|^\d{4}-\d{2}-\d{2}(?:[T ][\d:]+Z?)?\s*$|^(?:Published|Updated|Posted)\b/i;

function assignRoles(text: string, prose: string, spans: { start: number; end: number }[], format: DocumentFormat): Paragraph[] {
  const out: Paragraph[] = [];
  let seenBody = false;
  const first = firstContentIndex(spans, prose);
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    const body = prose.slice(s.start, s.end).trim();
    let role: ParagraphRole = 'body';
    // (the words are only counted for a paragraph that may be given a header role by their number)
    if (body.length === 0) role = 'other';
    else if (format === 'markdown' && MD_HEADING.test(text.slice(s.start, s.end))) role = 'headline';
    else if (/^https?:\/\/\S+$/.test(body)) role = 'other';
    else if (CAPTION_START.test(body) || (body.charCodeAt(body.length - 1) === 41 /* ) */ && CAPTION_END.test(body))) role = 'caption';
    else if (!seenBody && BYLINE.test(body) && wordsIn(prose, s.start, s.end, 12) <= 12) role = 'byline';
    else if (!seenBody && DATELINE_ONLY.test(body) && wordsIn(prose, s.start, s.end, 10) <= 10) role = 'dateline';
    else if (!seenBody && i === first && wordsIn(prose, s.start, s.end, 25) <= 25 && !/[.!?]["'”’)]?$/.test(body) && !/["“”]/.test(body))
      role = 'headline';
    if (role === 'body') seenBody = true;
    out.push({ start: s.start, end: s.end, role });
  }
  return out;
}

/**
 * How many white-space-separated words text[start, end) has (as its split(/\s+/).filter(Boolean)), read without
 * making them; the count stops at `most` + 1, for a caller that only asks whether there are at most `most`.
 */
export function wordsIn(text: string, start = 0, end = text.length, most = Infinity): number {
  let n = 0;
  // (each character read once: whether the one before was white space is carried over)
  let afterSpace = true;
  for (let i = start; i < end; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && afterSpace && ++n > most) return n;
    afterSpace = space;
  }
  return n;
}

function firstContentIndex(spans: { start: number; end: number }[], prose: string): number {
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    const body = prose.slice(s.start, s.end).trim();
    if (body && !/^https?:\/\/\S+$/.test(body)) return i;
  }
  return -1;
}

// A token: a word with internal apostrophes, hyphens, periods or digit separators; a number with currency or
// percent; an abbreviation with periods ("U.S.", "Mr."); or any single other non-space character
// (surrogate pairs kept whole).
const TOKEN_RE =
  /(?:[A-Za-z]\.){2,}(?![A-Za-z])|[$€£¥]?\d+(?:[.,:]\d+)*(?:%|st|nd|rd|th|s)?|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+|[-‐‑.&][\p{L}\p{M}\p{N}]+)*|[\uD800-\uDBFF][\uDC00-\uDFFF]|\S/uy;

/** What `\s` matches in a JavaScript regular expression (and String.prototype.trim removes). */
export function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * The code units of a text, copied once into an array the tokenizer reuses from one document to the next (typed
 * arrays are slow to make). The tokenizer and the sentence splitter read every character several times (to skip
 * space, find a token's end, hash and match its spelling): a typed-array read is one load, where charCodeAt first
 * works out again how the string is laid out (a document is often a cons or sliced string).
 */
let reusedCodes = new Uint16Array(1 << 14);

/**
 * Zeros after a text's code units: the tokenizer reads up to two characters past a token to find its end, and a 0
 * fails every test it makes of a character, so it needs no bounds test of its own (a read past the array's end
 * would give undefined, which also made V8 leave its optimized code).
 */
const CODE_PADDING = 2;

/** NUL and other control characters but tab and line breaks: not prose (blanked to spaces in TextModel.prose). */
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
function isControl(c: number): boolean {
  return (c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127;
}

/**
 * The code units of `prose`, then CODE_PADDING zeros (the array may be longer); `controls` is whether any is a
 * CONTROL_CHARS character.
 */
function proseCodes(prose: string): { codes: Uint16Array; controls: boolean } {
  const n = prose.length;
  let codes = reusedCodes;
  if (n + CODE_PADDING > codes.length) {
    codes = new Uint16Array(n + CODE_PADDING);
    if (n <= REUSED_LIMIT) reusedCodes = codes;
  }
  let controls = false;
  for (let i = 0; i < n; i++) {
    const c = prose.charCodeAt(i);
    codes[i] = c;
    if (isControl(c)) controls = true;
  }
  codes.fill(0, n, n + CODE_PADDING);
  return { codes, controls };
}

/** Tokens of one sentence-agnostic span; possessive 's and n't split off like CoNLL/PTB. */
export function tokenize(prose: string, start: number, end: number): { start: number; end: number }[] {
  const offsets = tokenOffsets(end - start);
  scanTokens(prose, proseCodes(prose).codes, start, end, offsets);
  return Array.from({ length: offsets.count }, (_, i) => ({ start: offsets.starts[i]!, end: offsets.ends[i]! }));
}

/** Where tokens start and end, by token index: the tokenizer makes no object and grows no array per token. */
interface TokenOffsets {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Tokens so far. */
  count: number;
}

/** Room for the tokens of `chars` characters: a token holds at least one, so there are no more tokens than that. */
const tokenOffsets = (chars: number): TokenOffsets => ({ starts: new Int32Array(chars), ends: new Int32Array(chars), count: 0 });

/** Token offsets reused by the sentence splitter from one document to the next (typed arrays are slow to make). */
let reusedOffsets = tokenOffsets(1 << 14);
/** Documents longer than this get offsets of their own, so a huge one does not keep its arrays alive. */
const REUSED_LIMIT = 1 << 17;

/** Empty token offsets with room for the tokens of `chars` characters. */
function emptyOffsets(chars: number): TokenOffsets {
  if (chars > reusedOffsets.starts.length) {
    if (chars > REUSED_LIMIT) return tokenOffsets(chars);
    reusedOffsets = tokenOffsets(chars);
  }
  reusedOffsets.count = 0;
  return reusedOffsets;
}

/** tokenize() into offset arrays (appended to); `codes` are the prose's (proseCodes). */
function scanTokens(prose: string, codes: Uint16Array, start: number, end: number, offsets: TokenOffsets): void {
  // Scan the whole prose from `start` (no slicing: that copies the document once per paragraph). Tokens never
  // cross a paragraph end, which always sits before whitespace or the end of the text. Every non-space character
  // starts a token (the last alternative of TOKEN_RE is \S), so a token starts at the next non-space.
  const { starts, ends } = offsets;
  let n = offsets.count;
  let s = start;
  for (;;) {
    while (s < end && isSpace(codes[s]!)) s++;
    if (s >= end) break;
    let e = asciiTokenEnd(codes, s);
    if (e < 0) {
      TOKEN_RE.lastIndex = s;
      e = TOKEN_RE.test(prose) ? TOKEN_RE.lastIndex : s + 1; // (always matches: \S)
    }
    // an abbreviation keeps its final period ("Mr.", "Jan.", "J.")
    if (codes[e] === 46 /* . */ && isAbbreviation(prose, codes, s, e)) e++;
    const cut = clitic(codes, s, e);
    starts[n] = s;
    if (cut > 0) {
      ends[n++] = cut;
      starts[n] = cut;
    }
    ends[n++] = e;
    s = e;
  }
  offsets.count = n;
}

/** No capital and nothing beyond ASCII in a word: lower case already (toLowerCase is slow on two-byte text). */
function isLowerAscii(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 128 || (c >= 65 && c <= 90)) return false;
  }
  return true;
}

/** A spelling of a token, shared by every token spelled the same way, with what is known of the spelling. */
export interface TokenForm {
  readonly text: string;
  readonly lower: string;
  /** Whether the spelling counts as a word (isCountedWord). */
  readonly counted: boolean;
  /** The word classes of the spelling (wordClasses.ts), −1 until they are first asked for. */
  classes: number;
  /** The name tagger's record of the spelling (entities/features.ts wordInfo), made the first time it tags the spelling. */
  wordInfo: WordInfo | undefined;
  /** Whether the spelling can begin or hold a value (entities/values.ts isTrigger), undefined until first asked. */
  valueTrigger: boolean | undefined;
}

/**
 * Token spellings seen so far (in this process). Articles reuse a few thousand words, so most tokens find their
 * spelling here: no lower-casing, and the token strings every rule looks up in its word sets are the same few
 * long-lived strings, whose hash V8 computed once (a fresh string's is computed on its first lookup). Emptied when it
 * grows past FORM_LIMIT, so an editing session's memory stays bounded.
 */
const FORMS = new Map<string, TokenForm>();
const FORM_LIMIT = 200_000;

/**
 * A string fit to keep across analyses: V8 makes a slice of 13 or more characters a view of the whole document,
 * which a cache holding it would keep alive, so such a slice is copied.
 */
export function detached(s: string): string {
  return s.length >= 13 ? (' ' + s).slice(1) : s;
}

/**
 * The spellings of recent tokens by a hash of their characters, a direct-mapped cache in front of FORMS: the
 * vocabularies of the last documents (a few hundred spellings each) fit in it, and a token whose spelling is here is
 * matched in place, without slicing the text and without reading FORMS, whose buckets, entries and keys are spread
 * over the megabytes of a process's vocabulary and each miss the processor's caches. A slot holds the last spelling
 * that hashed to it; a spelling missing from it (a collision, or one not seen lately) is looked up in FORMS. Its size:
 * over the 120 WorldWide articles analysed in turn, 2^14 slots hold the spellings of 89% of the tokens (2^12: 77%,
 * 2^15: 92%), in 128 KiB.
 */
const RECENT_BITS = 14;
const recentForms: (TokenForm | undefined)[] = new Array<TokenForm | undefined>(1 << RECENT_BITS).fill(undefined);

/** The spelling of the token text[s, e), whose code units `codes` holds (text and prose agree on every token). */
function tokenForm(text: string, codes: Uint16Array, s: number, e: number): TokenForm {
  // The slot: a hash of the length and four characters (the first, a quarter in, the middle and the last: every
  // character of a word of up to four), cheaper than one of every character and about as good here (a re-analysed
  // news article finds 95% of its tokens' spellings either way). The top bits of a product depend on every bit of
  // the factors: they make the slot.
  const n = e - s;
  let h = Math.imul(n ^ (codes[s]! << 16) ^ codes[e - 1]!, 0x9e3779b1);
  h = Math.imul(h ^ (codes[s + (n >> 1)]! << 16) ^ codes[s + (n >> 2)]!, 0x85ebca6b);
  const slot = h >>> (32 - RECENT_BITS);
  const recent = recentForms[slot];
  if (recent !== undefined && spells(recent.text, codes, s, e)) return recent;
  const w = text.slice(s, e);
  let form = FORMS.get(w);
  if (form === undefined) {
    if (FORMS.size >= FORM_LIMIT) {
      FORMS.clear();
      recentForms.fill(undefined);
    }
    const spelling = detached(w);
    form = {
      text: spelling, lower: isLowerAscii(spelling) ? spelling : spelling.toLowerCase(), counted: isCountedWord(spelling),
      classes: -1, wordInfo: undefined, valueTrigger: undefined,
    };
    FORMS.set(spelling, form);
  }
  recentForms[slot] = form;
  return form;
}

/** Whether `w` is spelled as the code units codes[s, e). */
function spells(w: string, codes: Uint16Array, s: number, e: number): boolean {
  if (w.length !== e - s) return false;
  for (let i = 0; i < w.length; i++) if (w.charCodeAt(i) !== codes[s + i]) return false;
  return true;
}

// The character tests the tokenizer makes of every character are function declarations: V8 reads a module-level
// const arrow function with a check that it is initialised, and an exported one through the exports object, at
// every call in optimized code.
export function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isAsciiAlnum(c: number): boolean {
  return isAsciiLetter(c) || isAsciiDigit(c);
}

/**
 * Where the TOKEN_RE match at `s` ends, computed by char codes for the common all-ASCII case (the pattern itself
 * is a third of the analysis's tokenising time); -1 when a non-ASCII character could change the answer, and the
 * caller runs the pattern. Follows TOKEN_RE's alternatives in order.
 */
function asciiTokenEnd(codes: Uint16Array, start: number): number {
  // (the index is kept a small integer by `| 0`: V8 otherwise keeps it tagged, checked at every character)
  const s = start | 0;
  const c = codes[s]!;
  if (isAsciiDigit(c) || ((c === 36 /* $ */ || c === 0x20ac || c === 0xa3 || c === 0xa5) && isAsciiDigit(codes[s + 1]!))) {
    // [$€£¥]?\d+(?:[.,:]\d+)*(?:%|st|nd|rd|th|s)?
    let i = isAsciiDigit(c) ? s : s + 1;
    while (isAsciiDigit(codes[i]!)) i++;
    for (;;) {
      const p = codes[i]!;
      if ((p === 46 || p === 44 || p === 58) && isAsciiDigit(codes[i + 1]!)) {
        i += 2;
        while (isAsciiDigit(codes[i]!)) i++;
      } else break;
    }
    const a = codes[i]!;
    const b = codes[i + 1]!;
    if (a === 37 /* % */) return i + 1;
    if ((a === 115 && b === 116) || (a === 110 && b === 100) || (a === 114 && b === 100) || (a === 116 && b === 104)) return i + 2; // st nd rd th
    if (a === 115 /* s */) return i + 1;
    return i;
  }
  if (c >= 128) return -1;
  if (!isAsciiLetter(c)) return s + 1; // ASCII punctuation: \S
  // (?:[A-Za-z]\.){2,}(?![A-Za-z]): "U.S.", "a.m."
  if (codes[s + 1] === 46) {
    let i = s;
    while (isAsciiLetter(codes[i]!) && codes[i + 1] === 46) i += 2;
    if (i - s >= 4 && !isAsciiLetter(codes[i]!)) return i;
  }
  // [\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+|[-‐‑.&][\p{L}\p{M}\p{N}]+)*
  let i = s + 1;
  let p = codes[i]!;
  while (isAsciiAlnum(p)) p = codes[++i]!;
  for (;;) {
    // p is the character after the last run: a group may start here
    if (p >= 128) return -1;
    const q = codes[i + 1]!;
    if (p === 39 /* ' */) {
      if (q >= 128) return -1;
      if (!isAsciiLetter(q)) return i;
      p = q;
      i++;
      while (isAsciiLetter(p)) p = codes[++i]!;
    } else if (p === 45 || p === 46 || p === 38 /* - . & */) {
      if (q >= 128) return -1;
      if (!isAsciiAlnum(q)) return i;
      p = q;
      i++;
      while (isAsciiAlnum(p)) p = codes[++i]!;
    } else return i;
  }
}

function isAsciiLetter(c: number): boolean {
  // one unsigned comparison: `| 32` makes a capital lower case (and keeps every other character out of a-z)
  return ((c | 32) - 97) >>> 0 < 26;
}
function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

/** The length of the longest ABBREVIATIONS entry: a longer word is none (lower-casing never shortens a word). */
const LONGEST_ABBREVIATION = Math.max(...[...ABBREVIATIONS].map((a) => a.length));

/** Whether prose[s, e) keeps a following period: a known abbreviation ("Mr", "Jan") or a single capital ("J"). */
function isAbbreviation(prose: string, codes: Uint16Array, s: number, e: number): boolean {
  let capital = false;
  for (let i = s; i < e; i++) {
    const c = codes[i]!;
    if (!isAsciiLetter(c)) return false;
    if (c <= 90) capital = true;
  }
  if (capital && e - s === 1) return true;
  if (e - s > LONGEST_ABBREVIATION) return false;
  // (toLowerCase is slow on a slice of two-byte text: only a word with a capital needs it)
  const w = prose.slice(s, e);
  return ABBREVIATIONS.has(capital ? w.toLowerCase() : w);
}

/**
 * Where a possessive 's or a negative n't splits off the token [s, e) ("Smith|'s", "do|n't"), or -1. Not after a
 * lone o, d or l ("o'clock"-like names: "O's", "d's", "l's" stay whole).
 */
function clitic(codes: Uint16Array, s: number, e: number): number {
  if (e - s < 3) return -1; // (nothing would be left before the clitic)
  const last = codes[e - 1]!;
  let cut = -1;
  if ((last === 115 || last === 83) /* s S */ && isApostrophe(codes[e - 2]!)) cut = e - 2;
  else if (last === 116 /* t */ && isApostrophe(codes[e - 2]!) && codes[e - 3] === 110 /* n */) cut = e - 3;
  if (cut <= s) return -1;
  if (cut === s + 1) {
    const c = codes[s]! | 32;
    if (c === 111 || c === 100 || c === 108) return -1; // o d l
  }
  return cut;
}

/** Whether a character is a closing quote or bracket: " ' ” ’ ) ] ». */
function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41 || c === 93 || c === 0xbb;
}

/** Whether a character is sentence-end punctuation: . ! ? … */
function isEnder(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 0x2026;
}

/** The character of the token codes[start, end), or 0 if it has more than one (or none). */
function oneChar(codes: Uint16Array, start: number, end: number): number {
  return end - start === 1 ? codes[start]! : 0;
}

/**
 * Sentences inside each paragraph: end punctuation (plus closing quotes) followed by a likely sentence start.
 * `codes` are the prose's (proseCodes).
 */
function splitSentences(text: string, prose: string, codes: Uint16Array, paragraphs: Paragraph[]): Pick<TextModel, 'sentences' | 'tokens' | 'lower' | 'forms' | 'knownClasses' | 'wordCount'> {
  const sentences: Sentence[] = [];
  const offsets = emptyOffsets(prose.length);
  const { starts: ts, ends: te } = offsets;
  for (let pi = 0; pi < paragraphs.length; pi++) {
    const p = paragraphs[pi]!;
    let first = offsets.count;
    scanTokens(prose, codes, p.start, p.end, offsets);
    const n = offsets.count;
    for (let i = first; i < n; i++) {
      // only end punctuation or a word with a final period ("U.S.", "Inc.") can end a sentence
      const endsWithPeriodAbbrev = te[i]! - ts[i]! > 1 && codes[te[i]! - 1] === 46;
      if (!endsWithPeriodAbbrev && !isEnder(oneChar(codes, ts[i]!, te[i]!))) continue;
      // swallow closing quotes/brackets and repeated enders
      let j = i + 1;
      for (; j < n && ts[j] === te[j - 1]; j++) {
        const c = oneChar(codes, ts[j]!, te[j]!);
        if (!isCloser(c) && !isEnder(c)) break;
      }
      if (j >= n) continue; // paragraph end flushes below
      if (ts[j] === te[j - 1]) continue; // no space after: "3.5", "U.S.-led"
      if (endsWithPeriodAbbrev) {
        const nw = prose.slice(ts[j]!, te[j]!);
        const w = prose.slice(ts[i]!, te[i]!);
        // "Mr. Blinken" never ends; "U.S. The" ends when the next word is a capitalised common sentence start
        const abbr = w.slice(0, -1).toLowerCase();
        if (TITLE_ABBREVIATIONS.has(abbr) || /^[a-z]\.$/i.test(w) || !/^[A-Z"“‘'(]/.test(nw)) continue;
        if (!/^(?:[a-z]\.){2,}$/i.test(w) && ABBREVIATIONS.has(abbr) && !SENTENCE_STARTERS.has(nw)) continue;
        if (/^(?:[a-z]\.){2,}$/i.test(w) && !SENTENCE_STARTERS.has(nw)) continue;
      } else if (!mayStartSentence(prose, codes, ts[j]!, te[j]!)) continue;
      sentences.push(sentenceOf(offsets, first, j, pi));
      first = j;
      i = j - 1;
    }
    if (n > first) sentences.push(sentenceOf(offsets, first, n, pi));
  }
  // the tokens, sentence by sentence (every token is in one), into arrays made at their final size (growing them
  // by push copies each several times); the words are counted while each spelling is at hand
  const tokens = new Array<Token>(offsets.count);
  const lower = new Array<string>(offsets.count);
  const forms = new Array<TokenForm>(offsets.count);
  const knownClasses = new Uint16Array(offsets.count);
  let wordCount = 0;
  for (let si = 0; si < sentences.length; si++) {
    const { firstToken, lastToken, paragraph } = sentences[si]!;
    const body = paragraphs[paragraph]!.role === 'body';
    for (let k = firstToken; k < lastToken; k++) {
      const form = tokenForm(text, codes, ts[k]!, te[k]!);
      tokens[k] = { start: ts[k]!, end: te[k]!, text: form.text, sentence: si };
      lower[k] = form.lower;
      forms[k] = form;
      knownClasses[k] = form.classes;
      if (body && form.counted) wordCount++;
    }
  }
  return { sentences, tokens, lower, forms, knownClasses, wordCount };
}

/**
 * Whether the token prose[s, e) may begin a sentence after end punctuation: it starts with a capital, a digit, an
 * opening quote or bracket, a dash or an inverted mark, or a character beyond the BMP (ASCII by char code).
 */
function mayStartSentence(prose: string, codes: Uint16Array, s: number, e: number): boolean {
  const c = codes[s]!;
  if (c < 128) return (c >= 65 && c <= 90) || isAsciiDigit(c) || c === 34 || c === 39 || c === 40 || c === 91 || c === 45; // " ' ( [ -
  const w = prose.slice(s, e);
  return /^[\p{Lu}\p{N}"“‘'(\[«¿¡—–-]/u.test(w) || /^[\uD800-\uDBFF]/.test(w);
}

/** The sentence of tokens [first, last) of a paragraph. */
const sentenceOf = ({ starts, ends }: TokenOffsets, first: number, last: number, paragraph: number): Sentence =>
  ({ start: starts[first]!, end: ends[last - 1]!, paragraph, firstToken: first, lastToken: last });

/** Abbreviations that precede a name and so never end a sentence. */
const TITLE_ABBREVIATIONS = new Set(['mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'capt', 'sgt', 'st', 'rev', 'hon', 'pres', 'amb', 'supt', 'insp', 'cmdr', 'adm', 'maj', 'cpl', 'pvt', 'fr', 'sr', 'jr', 'no', 'nos', 'vs', 'v', 'mt', 'ft', 'atty', 'gens', 'reps', 'sens']);

/** Words that commonly begin a sentence, used to decide whether "U.S." or "Inc." ended one. */
const SENTENCE_STARTERS = new Set(['The', 'A', 'An', 'He', 'She', 'It', 'They', 'We', 'I', 'In', 'But', 'And', 'This', 'That', 'These', 'Those', 'His', 'Her', 'Their', 'Its', 'Our', 'There', 'On', 'At', 'As', 'For', 'If', 'When', 'While', 'After', 'Before', 'Since', 'Some', 'Many', 'Most', 'Officials', 'Meanwhile', 'However', 'Still', 'Yet', 'So', 'Now', 'Then', 'Last', 'Earlier', 'Later', '"', '“']);

/** Builds the whole text model for a document. */
export function buildTextModel(text: string, format: DocumentFormat = 'plaintext'): TextModel {
  let prose = text;
  let frontMatter: Record<string, string> = {};
  if (format === 'markdown') ({ prose, frontMatter } = maskMarkdown(text));
  let units = proseCodes(prose);
  // NUL and other control characters are not prose; blanking keeps offsets (and the code units are read again)
  if (units.controls) units = proseCodes((prose = prose.replace(CONTROL_CHARS, ' ')));
  const paragraphs = splitParagraphs(text, prose, format);
  const { sentences, tokens, lower, forms, knownClasses, wordCount } = splitSentences(text, prose, units.codes, paragraphs);
  return { text, prose, paragraphs, sentences, tokens, lower, forms, knownClasses, wordCount, frontMatter };
}

/** Whether a token counts in an article's word count (TextModel.wordCount): it holds a letter or a digit and is no possessive 's. */
function isCountedWord(w: string): boolean {
  return hasLetterOrDigit(w) && !(w.length === 2 && isApostrophe(w.charCodeAt(0)) && w[1] === 's');
}

/** Whether a word starts with a letter or a digit, as /^[\p{L}\p{N}]/u (ASCII by char code). */
export function startsWithLetterOrDigit(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return isAsciiAlnum(c);
  return /^[\p{L}\p{N}]/u.test(w);
}

/** Whether a word starts with a capital letter, as /^\p{Lu}/u (ASCII by char code). */
export function startsWithCapital(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return /^\p{Lu}/u.test(w);
}

/**
 * Words in text[start, end): whitespace-separated chunks that hold a letter or a digit (as splitting on /\s+/ and
 * keeping the chunks that match /[\p{L}\p{N}]/u), without making the chunks.
 */
export function countWordsIn(text: string, start: number, end: number): number {
  let n = 0;
  let i = start;
  while (i < end) {
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    const chunk = i;
    let word = false;
    let other = false;
    // (each character read once: charCodeAt is most of the cost)
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) break;
      if (isAsciiAlnum(c)) word = true;
      else if (c >= 128) other = true;
    }
    if (i > chunk && (word || (other && /[\p{L}\p{N}]/u.test(text.slice(chunk, i))))) n++;
  }
  return n;
}

/** Whether a word holds a letter or a digit, as /[\p{L}\p{N}]/u (ASCII by char code, the rest by Unicode class). */
export function hasLetterOrDigit(w: string): boolean {
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (isAsciiLetter(c) || (c >= 48 && c <= 57)) return true;
    if (c >= 128) return /[\p{L}\p{N}]/u.test(w);
  }
  return false;
}

/** A word without its final period, if it has one ("Mr." → "Mr"), as w.replace(/\.$/, ''). */
export function withoutFinalPeriod(w: string): string {
  return w.charCodeAt(w.length - 1) === 46 ? w.slice(0, -1) : w;
}

/** Index of the first token of [from, to) starting at or after an offset (`to` when none does; tokens are in order). */
export function firstTokenFrom(model: Pick<TextModel, 'tokens'>, offset: number, from = 0, to = model.tokens.length): number {
  const t = model.tokens;
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the sentence holding an offset (sentences are sorted and disjoint). */
export function sentenceAt(model: Pick<TextModel, 'sentences'>, offset: number): number {
  const s = model.sentences;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (s[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}
