// Semantic tokens: every entity mention, quote, speaker and cue. Layering: speakers and cues win over entity
// mentions, which win over the quote they sit in; the quote is painted around them, so tokens never overlap.
// Tokens are split per line (LSP tokens cannot span lines) and never include line breaks.

import type { SemanticTokens } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article, EntityType } from '../analysis/types';
import { TOKEN_MODIFIERS, TOKEN_TYPES, type TokenModifier, type TokenType } from '../../protocol';

export const TOKEN_TYPE_OF: Record<EntityType, TokenType> = {
  PERSON: 'person', ORG: 'organization', LOC: 'place', MISC: 'otherName', DATE: 'date', TIME: 'date', MONEY: 'number', PERCENT: 'number', QUANTITY: 'number',
};

/** A painted span before line splitting (offsets). */
export interface PaintedSpan {
  start: number;
  end: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

interface Candidate extends PaintedSpan {
  layer: number;
}

/** The non-overlapping spans to paint, in document order. `window` restricts to spans meeting [start, end). */
export function paintedSpans(article: Article, kinds: ReadonlySet<TokenType>, window?: { start: number; end: number }): PaintedSpan[] {
  const len = article.text.length;
  const candidates: Candidate[] = [];
  const add = (start: number, end: number, type: TokenType, modifiers: TokenModifier[], layer: number): void => {
    if (!kinds.has(type)) return;
    const s = Math.max(0, Math.min(start, len));
    const e = Math.max(s, Math.min(end, len));
    if (e <= s) return;
    if (window && (e <= window.start || s >= window.end)) return;
    candidates.push({ start: s, end: e, type, modifiers, layer });
  };
  for (const q of article.quotes) {
    if (q.speaker) add(q.speaker.start, q.speaker.end, 'speaker', [], 3);
    if (q.cue) add(q.cue.start, q.cue.end, 'cue', [], 3);
    const mods: TokenModifier[] = q.speaker ? [] : ['unattributed'];
    const parts = q.parts?.length ? q.parts : [q];
    for (const p of parts) add(p.start, p.end, 'quote', mods, 1);
  }
  for (const e of article.entities) {
    e.mentions.forEach((m, i) => add(m.start, m.end, TOKEN_TYPE_OF[e.type], i === 0 ? ['firstMention'] : [], 2));
  }
  // Paint from the top layer down; each span keeps only what no higher (or earlier, same-layer) span took.
  candidates.sort((a, b) => b.layer - a.layer || a.start - b.start || b.end - a.end);
  const taken: { start: number; end: number }[] = []; // sorted, disjoint
  const out: PaintedSpan[] = [];
  for (const c of candidates) {
    for (const piece of subtract(c, taken)) {
      out.push({ start: piece.start, end: piece.end, type: c.type, modifiers: c.modifiers });
      insert(taken, piece);
    }
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

/** The parts of [span.start, span.end) not covered by the sorted disjoint intervals. */
function subtract(span: { start: number; end: number }, taken: { start: number; end: number }[]): { start: number; end: number }[] {
  const pieces: { start: number; end: number }[] = [];
  let cursor = span.start;
  for (let i = firstEndingAfter(taken, span.start); i < taken.length && cursor < span.end; i++) {
    const t = taken[i]!;
    if (t.start >= span.end) break;
    if (t.start > cursor) pieces.push({ start: cursor, end: t.start });
    cursor = Math.max(cursor, t.end);
  }
  if (cursor < span.end) pieces.push({ start: cursor, end: span.end });
  return pieces;
}

function firstEndingAfter(taken: { start: number; end: number }[], offset: number): number {
  let lo = 0;
  let hi = taken.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (taken[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insert(taken: { start: number; end: number }[], piece: { start: number; end: number }): void {
  let lo = 0;
  let hi = taken.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (taken[mid]!.start < piece.start) lo = mid + 1;
    else hi = mid;
  }
  taken.splice(lo, 0, piece);
}

/** Encodes painted spans as LSP relative tokens, one token per line piece, line breaks excluded. */
export function encodeTokens(doc: TextDocument, spans: PaintedSpan[]): SemanticTokens {
  const text = doc.getText();
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const span of spans) {
    const typeIndex = TOKEN_TYPES.indexOf(span.type);
    let mods = 0;
    for (const m of span.modifiers) mods |= 1 << TOKEN_MODIFIERS.indexOf(m);
    // Walk the span's lines: a piece ends at the line break (\r\n, \n or \r, as TextDocument counts lines).
    let pieceStart = span.start;
    let pos = doc.positionAt(pieceStart);
    while (pieceStart < span.end) {
      let pieceEnd = pieceStart;
      while (pieceEnd < span.end && text[pieceEnd] !== '\n' && text[pieceEnd] !== '\r') pieceEnd++;
      if (pieceEnd > pieceStart) {
        const line = pos.line;
        const char = pos.character;
        data.push(line - prevLine, line === prevLine ? char - prevChar : char, pieceEnd - pieceStart, typeIndex, mods);
        prevLine = line;
        prevChar = char;
      }
      // Skip the line break(s) and restart at the next line's position.
      let next = pieceEnd;
      while (next < span.end && (text[next] === '\n' || text[next] === '\r')) next++;
      if (next >= span.end) break;
      pieceStart = next;
      pos = doc.positionAt(pieceStart);
    }
  }
  return { data };
}

export function semanticTokens(doc: TextDocument, article: Article, kinds: ReadonlySet<TokenType>, window?: { start: number; end: number }): SemanticTokens {
  return encodeTokens(doc, paintedSpans(article, kinds, window));
}
