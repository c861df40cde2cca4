// Direct quotes from quotation marks: one linear scan over the prose pairing opening and closing marks by their
// context (straight, curly, guillemets, NYT-style '' pairs), with AP multi-paragraph quotes joined into one.

import type { TextModel } from '../text';
import type { Paragraph, Span } from '../types';
import { sortInPlace } from '../order';

/** A run of text inside quotation marks; `parts` has one span per paragraph (marks included). */
export interface MarkedQuote extends Span {
  parts: Span[];
  /** True when the quote is in single marks (‘…’) outside any double-quoted text. */
  single: boolean;
  /** True when no closing mark was found before the paragraph ended (and no AP continuation followed). */
  unclosed: boolean;
}

/** Quotation marks and apostrophes: every mark this module and the claim rules' quoted spans read. */
const MARK_RE = /["“”„«»'‘’`]/g;

const markOffsetsByModel = new WeakMap<TextModel, Int32Array>();

/**
 * Offsets of every quotation mark and apostrophe in the prose, in order: found once per document for the quote
 * extractor and the claim rules, which both jump from mark to mark (most characters are none).
 */
export function quotationMarkOffsets(model: Pick<TextModel, 'prose'>): Int32Array {
  let offsets = markOffsetsByModel.get(model as TextModel);
  if (!offsets) {
    const prose = model.prose;
    const found: number[] = [];
    // (a pattern finds the next mark several times faster than a loop over char codes)
    MARK_RE.lastIndex = 0;
    while (MARK_RE.test(prose)) found.push(MARK_RE.lastIndex - 1);
    offsets = Int32Array.from(found);
    markOffsetsByModel.set(model as TextModel, offsets);
  }
  return offsets;
}

/** Index of the first value at or after `from` in sorted values (their length when none is). */
export function firstAtOrAfter(values: ArrayLike<number>, from: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
// The marks and the characters around them are read as char codes (−1 before a paragraph's start or past its end):
// a character read as a string is a fresh string for most marks (“ ” ‘ ’ « » are beyond Latin-1), hashed again
// for every set it is looked up in.
export const QUOTE = 0x22; // "
export const APOSTROPHE = 0x27; // '
const BACKTICK = 0x60; // `
export const LEFT_DOUBLE = 0x201c; // “
export const RIGHT_DOUBLE = 0x201d; // ”
const LOW_DOUBLE = 0x201e; // „
export const LEFT_GUILLEMET = 0xab; // «
export const RIGHT_GUILLEMET = 0xbb; // »
export const LEFT_SINGLE = 0x2018; // ‘
export const RIGHT_SINGLE = 0x2019; // ’

const isDoubleMark = (c: number): boolean => c === QUOTE || c === LEFT_DOUBLE || c === RIGHT_DOUBLE || c === LOW_DOUBLE || c === LEFT_GUILLEMET || c === RIGHT_GUILLEMET;
const isOpeningOnly = (c: number): boolean => c === LEFT_DOUBLE || c === LOW_DOUBLE || c === LEFT_GUILLEMET;

/** Space, or no character (−1): the start or end of the paragraph. */
const isSpace = (c: number): boolean => c === -1 || c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
/** Characters after which a mark opens a quote: start of text, space, an opening bracket or dash ( [ { — – - / :). */
const opensAfter = (c: number): boolean =>
  isSpace(c) || c === 40 || c === 91 || c === 123 || c === 0x2014 || c === 0x2013 || c === 45 || c === 47 || c === 58;
/** A letter or digit (as /[\p{L}\p{N}]/u of the one code unit: a lone surrogate is neither); −1 is none. */
function isLetterOrDigit(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
}
/** The code unit at i when i is in [start, end), else −1. */
const codeIn = (prose: string, i: number, start: number, end: number): number => (i >= start && i < end ? prose.charCodeAt(i) : -1);

/** Length of the double mark at i (1, or 2 for a '' or `` pair), 0 when none. */
function doubleMarkAt(prose: string, i: number): number {
  const c = prose.charCodeAt(i);
  if (isDoubleMark(c)) return 1;
  if ((c === APOSTROPHE || c === BACKTICK) && prose.charCodeAt(i + 1) === c && prose.charCodeAt(i + 2) !== c) return 2;
  return 0;
}

/**
 * Finds every quoted run in the body paragraphs. Linear in the text length: each character is looked at a
 * bounded number of times, whatever the balance of the marks.
 */
export function scanQuotationMarks(model: Pick<TextModel, 'prose'>, paragraphs: readonly Paragraph[]): MarkedQuote[] {
  const prose = model.prose;
  const marks = quotationMarkOffsets(model);
  const out: MarkedQuote[] = [];
  // an AP quote still open at the end of the previous paragraph
  let carried: Span[] | null = null;
  for (let pi = 0; pi < paragraphs.length; pi++) {
    const p = paragraphs[pi]!;
    let open = -1;
    let parts: Span[] = [];
    let singleOpen = -1;
    if (carried) {
      // the AP rule: a paragraph that reopens with a mark continues the quote left open above
      const first = firstNonSpace(prose, p.start, p.end);
      if (first >= 0 && doubleMarkAt(prose, first) > 0) {
        parts = carried;
        open = first;
        carried = null;
      } else {
        out.push(makeQuote(carried, false, true));
        carried = null;
      }
    }
    // jump from mark to mark: most characters are not quotation marks
    for (let k = firstAtOrAfter(marks, p.start); k < marks.length && marks[k]! < p.end; k++) {
      const i = marks[k]!;
      const len = doubleMarkAt(prose, i);
      if (len === 0) {
        if (open < 0) singleOpen = scanSingle(prose, i, p, singleOpen, out);
        continue;
      }
      const before = codeIn(prose, i - 1, p.start, p.end);
      const after = codeIn(prose, i + len, p.start, p.end);
      const c = prose.charCodeAt(i);
      const openCtx = opensAfter(before) && !isSpace(after);
      const closeCtx = !isSpace(before) && !isLetterOrDigit(after);
      if (open < 0) {
        if ((openCtx || (isOpeningOnly(c) && !isSpace(after))) && !(isLetterOrDigit(before) && c === QUOTE)) {
          open = i;
          singleOpen = -1;
        }
      } else if (i === open) {
        // the reopening mark of an AP continuation
      } else if (closeCtx || !openCtx || c === RIGHT_DOUBLE || c === RIGHT_GUILLEMET) {
        parts.push({ start: open, end: i + len });
        out.push(makeQuote(parts, false, false));
        parts = [];
        open = -1;
      } else {
        // an opening mark while a quote is open: the earlier one never closed; start again here
        open = i;
        parts = [];
      }
      // the second mark of a '' or `` pair is read
      if (len === 2) k++;
    }
    if (open >= 0) {
      parts.push({ start: open, end: p.end });
      const next = paragraphs[pi + 1];
      if (next) carried = parts;
      else out.push(makeQuote(parts, false, true));
    }
  }
  if (carried) out.push(makeQuote(carried, false, true));
  return sortInPlace(out, (a, b) => a.start - b.start);
}

function firstNonSpace(prose: string, start: number, end: number): number {
  for (let i = start; i < end; i++) if (!isSpace(prose.charCodeAt(i))) return i;
  return -1;
}

function makeQuote(parts: Span[], single: boolean, unclosed: boolean): MarkedQuote {
  return { start: parts[0]!.start, end: parts[parts.length - 1]!.end, parts, single, unclosed };
}

/**
 * Single marks outside double quotes: ‘…’ or '…' where the opening mark follows a space and the closing one is
 * not inside a word (so "don't", "the voters' choice" and "'90s" are apostrophes). Returns the new open offset.
 */
function scanSingle(prose: string, i: number, p: Span, singleOpen: number, out: MarkedQuote[]): number {
  const c = prose.charCodeAt(i);
  if (c !== LEFT_SINGLE && c !== APOSTROPHE && c !== RIGHT_SINGLE) return singleOpen;
  const before = codeIn(prose, i - 1, p.start, p.end);
  const after = codeIn(prose, i + 1, p.start, p.end);
  if (singleOpen < 0) {
    if (c !== RIGHT_SINGLE && opensAfter(before) && after !== -1 && /[\p{L}]/u.test(prose[i + 1]!)) return i;
    return -1;
  }
  if (c !== LEFT_SINGLE && !isSpace(before) && !isLetterOrDigit(after)) {
    // a plural possessive ("the voters' choice") closes nothing when a word follows directly after a space
    if (before === 115 /* s */ && after === 32 && /[a-z]/.test(prose[i + 2] ?? '') && !/[.,;:!?]/.test(prose[i - 2] ?? '')) {
      const rest = prose.slice(i + 2, Math.min(p.end, i + 40));
      if (!/['’]/.test(rest)) return singleOpen;
    }
    out.push({ start: singleOpen, end: i + 1, parts: [{ start: singleOpen, end: i + 1 }], single: true, unclosed: false });
    return -1;
  }
  if (c === LEFT_SINGLE && opensAfter(before)) return i;
  return singleOpen;
}
