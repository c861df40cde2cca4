// Quoted stretches of each paragraph, found on the prose (so Markdown markup never counts), and the claim text:
// the prose with quoted words blanked, because a quote's words are its speaker's, never the reporter's claim.

import { blank, isSpace, type TextModel } from '../text';
import { lowerSameLength } from './attribution';
import {
  APOSTROPHE, LEFT_DOUBLE, LEFT_GUILLEMET, LEFT_SINGLE, QUOTE, RIGHT_DOUBLE, RIGHT_GUILLEMET, firstAtOrAfter, quotationMarkOffsets,
} from '../quotes/marks';

export interface QuotedSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark, or the paragraph end when the quote runs on into the next paragraph. */
  close: number;
  contentStart: number;
  contentEnd: number;
  paragraph: number;
  /** False when the paragraph ends inside the quote (a multi-paragraph quote continues). */
  closed: boolean;
  /** The paragraph opens with this quote and the previous paragraph's last quote was left open. */
  continuesPrevious: boolean;
  /** Double quotation marks ("…", “…”, «…»), as opposed to single ‘…’. */
  double: boolean;
}

/** Characters after which a straight or single mark opens a quote (as /[\s([{—–\-/:]/: text.ts isSpace is \s). */
const opensAfter = (c: number): boolean => isSpace(c) || c === 40 || c === 91 || c === 123 || c === 0x2014 || c === 0x2013 || c === 45 || c === 47 || c === 58;
/**
 * The single quotation marks a quoted span opens or closes with (besides '' pairs): " “ ” « » ‘. (Marks are read as
 * char codes: as strings, most are a fresh string per read.)
 */
const isQuotedMark = (c: number): boolean => c === QUOTE || c === LEFT_DOUBLE || c === RIGHT_DOUBLE || c === LEFT_GUILLEMET || c === RIGHT_GUILLEMET || c === LEFT_SINGLE;

/** Quoted spans of every paragraph, in document order. */
export function findQuotedSpans(model: TextModel): QuotedSpan[] {
  const { prose } = model;
  const offsets = quotationMarkOffsets(model);
  const out: QuotedSpan[] = [];
  let previousOpen = false;
  // the paragraph read (one closure for the document, not one per paragraph)
  let p = model.paragraphs[0]!;
  let pi = 0;
  let firstInParagraph = true;
  let lastClosed = true;
  const push = (open: number, close: number, contentStart: number, contentEnd: number, closed: boolean, double: boolean): void => {
    const continuesPrevious = firstInParagraph && previousOpen && prose.slice(p.start, open).trim() === '';
    out.push({ open, close, contentStart, contentEnd, paragraph: pi, closed, continuesPrevious, double });
    firstInParagraph = false;
    lastClosed = closed;
  };
  for (; pi < model.paragraphs.length; pi++) {
    p = model.paragraphs[pi]!;
    let openAt = -1;
    let openDouble = true;
    let openWidth = 1;
    firstInParagraph = true;
    lastClosed = true;
    // jump from quotation mark to quotation mark (most characters are none): the marks read here are " “ ” « » ‘ and ''
    let from = p.start;
    for (let k = firstAtOrAfter(offsets, from); k < offsets.length && offsets[k]! < p.end; k++) {
      const i = offsets[k]!;
      if (i < from) continue;
      const c = prose.charCodeAt(i);
      // two apostrophes stand for a double quotation mark in some archives (''Some may say …,'' Xinhua wrote)
      const width = c === APOSTROPHE && prose.charCodeAt(i + 1) === APOSTROPHE ? 2 : 1;
      if (width === 1 && !isQuotedMark(c)) continue;
      from = i + width;
      const ch = width === 2 ? QUOTE : c;
      if (openAt < 0) {
        if (ch === LEFT_DOUBLE || ch === LEFT_GUILLEMET || (ch === QUOTE && (i === p.start || opensAfter(prose.charCodeAt(i - 1))))) {
          openAt = i;
          openWidth = width;
          openDouble = true;
        } else if (ch === LEFT_SINGLE && (i === p.start || opensAfter(prose.charCodeAt(i - 1)))) {
          // a single-quoted stretch only when a closing ’ follows that is not an apostrophe
          const rest = prose.slice(i + 1, Math.min(p.end, i + 200));
          const m = /’(?![\p{L}\p{N}])/u.exec(rest);
          if (m && m.index > 0) {
            const close = i + 1 + m.index + 1;
            push(i, close, i + 1, close - 1, true, false);
            from = close;
          }
        }
      } else if (ch === RIGHT_DOUBLE || ch === RIGHT_GUILLEMET || ch === QUOTE) {
        push(openAt, i + width, openAt + openWidth, i, true, openDouble);
        openAt = -1;
      } else if (ch === LEFT_DOUBLE && prose.slice(openAt + 1, i).trim() !== '') {
        // an opening mark inside an open quote: the first one was never closed in this paragraph
        push(openAt, i, openAt + openWidth, i, false, true);
        openAt = i;
        openWidth = 1;
      }
    }
    if (openAt >= 0) {
      // a missing closing mark before the attribution ("…what papers to keep, said Kessel, whose …"): close it there
      const rest = prose.slice(openAt + 1, p.end);
      const m = /[,.!?]\s+(?:said|says|added|told|wrote)\s+[\p{Lu}]|[,.!?]\s+[\p{Lu}][\p{L}.'’-]+(?:\s+[\p{Lu}][\p{L}.'’-]+)?\s+(?:said|says|added|told|wrote)\b/u.exec(rest);
      if (m) push(openAt, openAt + 1 + m.index + 1, openAt + openWidth, openAt + 1 + m.index + 1, true, openDouble);
      else push(openAt, p.end, openAt + openWidth, p.end, false, openDouble);
    }
    previousOpen = !firstInParagraph && !lastClosed;
  }
  return out;
}

/**
 * The claim text: the prose with the content of every quoted span blanked (the marks stay, so "…," she said still
 * reads), made stretch by stretch when a rule asks for one. The rules read the claim text of the few sentences a
 * pattern may match in, and a stretch with no quote in it is its prose: made whole, it was a copy of the document
 * (two bytes a character in most news text) in every analysis.
 */
export class ClaimText {
  /** The spans blanked, in order (a span whose content starts inside the one before is not). */
  private readonly blanked: QuotedSpan[] = [];
  /** Whether the prose holds "İ" or "Σ", whose lower case is not made character by character (see lower). */
  private readonly wholeLowerOnly: boolean;
  private wholeLower: string | undefined;

  constructor(private readonly prose: string, spans: readonly QuotedSpan[]) {
    let at = 0;
    for (const s of spans) {
      if (s.contentStart < at) continue;
      this.blanked.push(s);
      at = s.contentEnd;
    }
    this.wholeLowerOnly = prose.includes('\u0130') || prose.includes('\u03a3');
  }

  /** The claim text of prose[start, end). */
  slice(start: number, end: number): string {
    const { prose, blanked } = this;
    // the first span whose content ends after start
    let lo = 0;
    let hi = blanked.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blanked[mid]!.contentEnd <= start) lo = mid + 1;
      else hi = mid;
    }
    if (lo === blanked.length || blanked[lo]!.contentStart >= end) return prose.slice(start, end);
    const parts: string[] = [];
    let at = start;
    for (let k = lo; k < blanked.length && blanked[k]!.contentStart < end; k++) {
      const s = blanked[k]!;
      const from = Math.max(at, s.contentStart);
      const to = Math.min(end, s.contentEnd);
      parts.push(prose.slice(at, from), blank(prose.slice(from, to)));
      at = to;
    }
    parts.push(prose.slice(at, end));
    return parts.join('');
  }

  /**
   * The stretch [start, end) of the whole claim text in lower case with every offset kept (lowerSameLength), for
   * offsets that split no surrogate pair (a sentence's never do). Lower case is made for the stretch alone except
   * with "İ" (two characters: lowerSameLength then lowers ASCII letters only) or "Σ" (final or not by its
   * neighbours) in the text: then the whole claim text is lowered once.
   */
  lower(start: number, end: number): string {
    if (this.wholeLowerOnly) return (this.wholeLower ??= lowerSameLength(this.slice(0, this.prose.length))).slice(start, end);
    return this.slice(start, end).toLowerCase();
  }
}
