// Shared by the features: Article offsets → LSP ranges (clamped to the document), and "what is at this offset"
// (a mention, a speaker, a cue, a quote), computed once per Article.

import type { Range, TextDocument } from 'vscode-languageserver-textdocument';
import type { Article, Entity, Mention, Quote, Span, TextSpan } from '../analysis/types';
import { PERSONAL_PRONOUNS } from '../analysis/lexicon';
import { sentenceAt as sentenceIndexAt } from '../analysis/text';

/** An LSP range for UTF-16 offsets, clamped so it always lies inside the document. */
export function rangeOf(doc: TextDocument, start: number, end: number): Range {
  const len = doc.getText().length;
  const s = clamp(start, 0, len);
  const e = clamp(end, s, len);
  return { start: doc.positionAt(s), end: doc.positionAt(e) };
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(Math.max(Math.trunc(n), lo), hi) : lo;
}

export interface MentionHit {
  entity: Entity;
  mention: Mention;
  /** Index of the mention in entity.mentions. */
  index: number;
}

export interface ArticleIndex {
  entityById: Map<string, Entity>;
  /** Every mention, sorted by start. */
  mentions: MentionHit[];
  /** Quotes attributed to each entity id, in order. */
  quotesBySpeaker: Map<string, Quote[]>;
}

const indexes = new WeakMap<Article, ArticleIndex>();

export function indexOf(article: Article): ArticleIndex {
  let ix = indexes.get(article);
  if (ix) return ix;
  const entityById = new Map(article.entities.map((e) => [e.id, e]));
  const mentions: MentionHit[] = [];
  for (const entity of article.entities) entity.mentions.forEach((mention, index) => mentions.push({ entity, mention, index }));
  mentions.sort((a, b) => a.mention.start - b.mention.start || b.mention.end - a.mention.end);
  const quotesBySpeaker = new Map<string, Quote[]>();
  for (const q of article.quotes) {
    const id = q.speaker?.entity;
    if (!id) continue;
    const list = quotesBySpeaker.get(id) ?? [];
    list.push(q);
    quotesBySpeaker.set(id, list);
  }
  ix = { entityById, mentions, quotesBySpeaker };
  indexes.set(article, ix);
  return ix;
}

const inside = (s: Span, offset: number): boolean => s.start <= offset && offset < s.end;

/** The innermost (shortest) mention covering the offset. */
export function mentionAt(article: Article, offset: number): MentionHit | undefined {
  const { mentions } = indexOf(article);
  // Binary search for the last mention starting at or before offset, then look back over any that still cover it.
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.mention.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  let best: MentionHit | undefined;
  for (let i = lo - 1; i >= 0 && i >= lo - 50; i--) {
    const hit = mentions[i]!;
    if (inside(hit.mention, offset) && (!best || hit.mention.end - hit.mention.start < best.mention.end - best.mention.start)) best = hit;
  }
  return best;
}

export function quoteAt(article: Article, offset: number): Quote | undefined {
  return article.quotes.find((q) => inside(q, offset) || q.parts?.some((p) => inside(p, offset)));
}

export function speakerQuoteAt(article: Article, offset: number): Quote | undefined {
  return article.quotes.find((q) => q.speaker && inside(q.speaker, offset));
}

export function cueQuoteAt(article: Article, offset: number): Quote | undefined {
  return article.quotes.find((q) => q.cue && inside(q.cue, offset));
}

export function isPronoun(span: TextSpan): boolean {
  return PERSONAL_PRONOUNS.has(span.text.trim().toLowerCase());
}

/** 1-based paragraph number holding the offset (0 when none). */
export function paragraphNumber(article: Article, offset: number): number {
  const i = article.paragraphs.findIndex((p) => p.start <= offset && offset <= p.end);
  return i + 1;
}

/** The sentence holding the offset, or undefined (between sentences). */
export function sentenceAt(article: Article, offset: number): Span | undefined {
  const s = article.sentences[sentenceIndexAt(article, offset)];
  return s && s.start <= offset && offset < s.end ? s : undefined;
}

/** A quote's own words: its parts joined when the attribution interrupts it, else its text. */
export function quoteWords(article: Article, quote: Quote): string {
  if (!quote.parts || quote.parts.length < 2) return quote.text;
  return quote.parts.map((p) => article.text.slice(p.start, p.end)).join(' … ');
}

/** A short single-line excerpt for hovers and pickers. */
export function snippet(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let cut = flat.slice(0, max);
  // Never cut a surrogate pair in half.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut.replace(/\s+\S*$/, '') + '…';
}

/** Escapes text for Markdown hovers. */
export function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => '\\' + c);
}

export const TYPE_LABEL: Record<string, string> = {
  PERSON: 'person', ORG: 'organization', LOC: 'place', MISC: 'other name', DATE: 'date', TIME: 'time', MONEY: 'money', PERCENT: 'percentage', QUANTITY: 'quantity',
};
