// Which quote Next/Previous Quote lands on, given the quotes in document order and the cursor.
// Plain data (no vscode import) so the wrap-around rules are unit-tested without an editor.

import type { ProtocolPosition, ProtocolRange } from '../protocol';

export type Direction = 'next' | 'previous';

export interface QuoteStep {
  /** Index into the quote list. */
  index: number;
  /** true when the step went past the last (or first) quote and came round to the other end. */
  wrapped: boolean;
}

export function comparePositions(a: ProtocolPosition, b: ProtocolPosition): number {
  return a.line - b.line || a.character - b.character;
}

/**
 * Next: the first quote starting after the cursor. Previous: the last quote starting before it, so a cursor
 * inside a quote goes back to that quote's opening first. Both wrap around; undefined when there are no quotes.
 */
export function stepToQuote(quotes: readonly { range: ProtocolRange }[], cursor: ProtocolPosition, direction: Direction): QuoteStep | undefined {
  if (quotes.length === 0) return undefined;
  if (direction === 'next') {
    const index = quotes.findIndex((q) => comparePositions(q.range.start, cursor) > 0);
    return index >= 0 ? { index, wrapped: false } : { index: 0, wrapped: true };
  }
  for (let i = quotes.length - 1; i >= 0; i--) {
    const q = quotes[i];
    if (q && comparePositions(q.range.start, cursor) < 0) return { index: i, wrapped: false };
  }
  return { index: quotes.length - 1, wrapped: true };
}

/** The quote holding the cursor (start inclusive, end exclusive), for "quote 3 of 9" messages. */
export function quoteAt(quotes: readonly { range: ProtocolRange }[], cursor: ProtocolPosition): number {
  return quotes.findIndex((q) => comparePositions(q.range.start, cursor) <= 0 && comparePositions(cursor, q.range.end) < 0);
}

/** "612 words · 7 quotes · 4 sources", singular where it should be. */
export function statusText(words: number, quotes: number, sources: number): string {
  const n = (count: number, one: string, many: string) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
  return `${n(words, 'word', 'words')} · ${n(quotes, 'quote', 'quotes')} · ${n(sources, 'source', 'sources')}`;
}
