// Document symbols for the Outline: "Quotes" grouped by speaker, then the entities by kind ("People",
// "Organizations", "Places", "Other names", "Dates", "Numbers"). Every range lies in the document and holds its
// selection range, as clients require.

import { SymbolKind, type DocumentSymbol, type SymbolInformation, type WorkspaceSymbol } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article, EntityType, Quote } from '../analysis/types';
import { quoteWords, rangeOf, snippet } from './lookup';

const GROUPS: { name: string; types: EntityType[]; kind: SymbolKind }[] = [
  { name: 'People', types: ['PERSON'], kind: SymbolKind.Class },
  { name: 'Organizations', types: ['ORG'], kind: SymbolKind.Module },
  { name: 'Places', types: ['LOC'], kind: SymbolKind.Namespace },
  { name: 'Other names', types: ['MISC'], kind: SymbolKind.Interface },
  { name: 'Dates', types: ['DATE', 'TIME'], kind: SymbolKind.Event },
  { name: 'Numbers', types: ['MONEY', 'PERCENT', 'QUANTITY'], kind: SymbolKind.Number },
];

/** Above this many symbols per group the Outline stops being useful; we cap rather than stall the client. */
const MAX_PER_GROUP = 2000;

export function documentSymbols(doc: TextDocument, article: Article): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  if (article.quotes.length) out.push(quoteGroup(doc, article));
  for (const g of GROUPS) {
    const children: DocumentSymbol[] = [];
    for (const e of article.entities) {
      if (!g.types.includes(e.type) || e.mentions.length === 0) continue;
      const first = e.mentions[0]!;
      const selection = rangeOf(doc, first.start, first.end);
      const detailParts = [e.resolved, e.descriptors[0], e.mentions.length > 1 ? `${e.mentions.length} mentions` : undefined].filter(Boolean);
      children.push({
        name: nonEmpty(e.name),
        detail: detailParts.join(' · '),
        kind: g.kind,
        // The first mention only: ranges spanning to the last mention would overlap every other symbol.
        range: selection,
        selectionRange: selection,
      });
      if (children.length >= MAX_PER_GROUP) break;
    }
    if (children.length) out.push(group(g.name, g.kind, children));
  }
  return out;
}

function quoteGroup(doc: TextDocument, article: Article): DocumentSymbol {
  const quotes = article.quotes;
  const bySpeaker = new Map<string, { name: string; quotes: Quote[] }>();
  for (const q of quotes) {
    // One group per speaker: the entity when resolved, else the name the engine gives ("He" → Vance joins Vance).
    const key = q.speaker ? (q.speaker.entity ?? `name:${(q.speaker.entityName ?? q.speaker.text).toLowerCase()}`) : 'none';
    const name = q.speaker ? (q.speaker.entityName ?? q.speaker.text) : 'Unattributed';
    const g = bySpeaker.get(key) ?? { name, quotes: [] };
    g.quotes.push(q);
    bySpeaker.set(key, g);
  }
  const speakers: DocumentSymbol[] = [];
  for (const { name, quotes: qs } of bySpeaker.values()) {
    const children = qs.slice(0, MAX_PER_GROUP).map((q) => {
      const r = rangeOf(doc, q.start, q.end);
      return { name: nonEmpty(snippet(quoteWords(article, q), 60)), detail: q.cue ? `${q.kind} · ${q.cue.text}` : q.kind, kind: SymbolKind.String, range: r, selectionRange: r };
    });
    const sym = group(name, SymbolKind.Object, children);
    sym.detail = `${qs.length} ${qs.length === 1 ? 'quote' : 'quotes'}`;
    speakers.push(sym);
  }
  return group('Quotes', SymbolKind.Namespace, speakers);
}

/** A container whose range covers its children, selection on the first child. */
function group(name: string, kind: SymbolKind, children: DocumentSymbol[]): DocumentSymbol {
  let start = children[0]!.range.start;
  let end = children[0]!.range.end;
  for (const c of children) {
    if (before(c.range.start, start)) start = c.range.start;
    if (before(end, c.range.end)) end = c.range.end;
  }
  return { name, kind, range: { start, end }, selectionRange: children[0]!.selectionRange, children };
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

// VS Code rejects symbols with an empty name.
function nonEmpty(s: string): string {
  return s.trim() ? s : '(empty)';
}

/** workspace/symbol over the open documents' entities (the folder-wide index is a later issue). */
export function workspaceSymbols(entries: { doc: TextDocument; article: Article }[], query: string, limit = 500): WorkspaceSymbol[] {
  const q = query.trim().toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const { doc, article } of entries) {
    for (const e of article.entities) {
      const first = e.mentions[0];
      if (!first) continue;
      if (q && !e.name.toLowerCase().includes(q) && !(e.aliases ?? []).some((a) => a.toLowerCase().includes(q))) continue;
      const group = GROUPS.find((g) => g.types.includes(e.type));
      out.push({ name: nonEmpty(e.name), kind: group?.kind ?? SymbolKind.Constant, containerName: group?.name, location: { uri: doc.uri, range: rangeOf(doc, first.start, first.end) } });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

/** For clients without hierarchical symbol support: the same tree, flattened, each leaf naming its container. */
export function flattenSymbols(uri: string, symbols: DocumentSymbol[], container?: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  for (const s of symbols) {
    out.push({ name: s.name, kind: s.kind, location: { uri, range: s.selectionRange }, containerName: container });
    if (s.children?.length) out.push(...flattenSymbols(uri, s.children, s.name));
  }
  return out;
}
