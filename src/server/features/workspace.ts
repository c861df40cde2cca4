// Features across the workspace index: "Also in …" on entity hovers, workspace symbols (names and quotes of every
// indexed article), references in other articles, and name consistency (NAME001) against the rest of the
// workspace and the glossary, with a quick fix to the established spelling.

import { CodeActionKind, DiagnosticSeverity, SymbolKind, type CodeAction, type Diagnostic, type Hover, type Location, type WorkspaceSymbol } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article, Entity } from '../analysis/types';
import type { Glossary } from '../analysis/glossary';
import { findMisspellings, nameKey, nameParts, nameSignatures, originalPart, partSpan, type SpellingCount } from '../analysis/names';
import type { BylineSettings } from '../settings';
import { canonicalUri, entityKeys, fullNameSpellings, rangeAt, rangeCount, type FileSummary, type IndexedEntity, type WorkspaceIndex, type WorkspaceSpelling } from '../workspace/index';
import { entityAt } from './navigation';
import { rangeOf } from './lookup';
import { RULES_DOC_URL } from '../../protocol';

export const NAME_CODE = 'NAME001';

interface Match {
  file: FileSummary;
  entities: IndexedEntity[];
  mentions: number;
  quotes: number;
}

/** The other files' entities that are the same as `entity` (a shared name key). */
export function matchesElsewhere(index: WorkspaceIndex, uri: string, entity: Pick<Entity, 'name' | 'aliases'>): Match[] {
  const keys = new Set(entityKeys(entity.name, entity.aliases ?? []));
  const out: Match[] = [];
  if (!keys.size) return out;
  for (const file of index.filesWithKeys(keys)) {
    if (file.uri === uri) continue;
    const hits = file.entities.filter((e) => e.keys.some((k) => keys.has(k)));
    if (!hits.length) continue;
    out.push({ file, entities: hits, mentions: hits.reduce((n, e) => n + rangeCount(e.mentions), 0), quotes: hits.reduce((n, e) => n + e.quotes, 0) });
  }
  // The articles that say most about it first; ties by name, so the hover is stable.
  return out.sort((a, b) => b.mentions - a.mentions || b.quotes - a.quotes || a.file.name.localeCompare(b.file.name));
}

/** A link VS Code opens at a line: file URI with an #L fragment (1-based). Parentheses escaped for Markdown. */
function lineLink(uri: string, line: number): string {
  return `${uri.replace(/\(/g, '%28').replace(/\)/g, '%29')}#L${line + 1}`;
}

/** Link text: only what would break the link is escaped ("2026-04-11-assessment.txt" stays readable in plain text). */
function linkText(s: string): string {
  return s.replace(/[\\[\]*_`<>]/g, '\\$&');
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "Also in [a.txt](…) (3 mentions, 1 quote) and 1 other article", or undefined when nowhere else. */
export function alsoIn(index: WorkspaceIndex, uri: string, entity: Pick<Entity, 'name' | 'aliases'>, shown = 3): string | undefined {
  const matches = matchesElsewhere(index, uri, entity);
  if (!matches.length) return undefined;
  const listed = matches.slice(0, shown).map((m) => {
    const first = m.entities[0]!;
    const link = lineLink(m.file.uri, first.mentions[0] ?? 0);
    const counts = [plural(m.mentions, 'mention')];
    if (m.quotes) counts.push(plural(m.quotes, 'quote'));
    return `[${linkText(m.file.name)}](${link}) (${counts.join(', ')})`;
  });
  const rest = matches.length - listed.length;
  const tail = rest > 0 ? ` and ${plural(rest, 'other article')}` : '';
  const head = listed.length > 1 ? `${listed.slice(0, -1).join(', ')}${rest > 0 ? ', ' : ' and '}${listed[listed.length - 1]}` : listed[0];
  return `Also in ${head}${tail}`;
}

/** Adds the "Also in …" line to an entity hover. */
export function withWorkspace(hover: Hover | null, index: WorkspaceIndex, doc: TextDocument, article: Article, offset: number): Hover | null {
  if (!hover) return hover;
  const at = entityAt(article, offset);
  if (!at) return hover;
  const line = alsoIn(index, doc.uri, at.entity);
  if (!line) return hover;
  const contents = hover.contents as { kind: string; value: string };
  // The entity section comes first in the hover; the line goes right after it (before a quote section).
  const parts = contents.value.split('\n\n---\n\n');
  parts[0] = `${parts[0]}\n\n${line}`;
  return { ...hover, contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') } };
}

/** Mentions of the entity in other articles, for textDocument/references. */
export function referencesElsewhere(index: WorkspaceIndex, doc: TextDocument, article: Article, offset: number): Location[] {
  const at = entityAt(article, offset);
  if (!at) return [];
  const out: Location[] = [];
  for (const m of matchesElsewhere(index, doc.uri, at.entity)) {
    for (const e of m.entities) for (let i = 0; i < rangeCount(e.mentions); i++) out.push({ uri: m.file.uri, range: rangeAt(e.mentions, i) });
  }
  return out;
}

const KIND: Record<string, SymbolKind> = { PERSON: SymbolKind.Class, ORG: SymbolKind.Module, LOC: SymbolKind.Namespace, MISC: SymbolKind.Interface };

/**
 * workspace/symbol over the index: every mention of a name containing the query (canonical name or alias), and
 * every quote whose speaker's name contains it, in every indexed article.
 */
export function indexSymbols(index: WorkspaceIndex, query: string, limit = 1000): WorkspaceSymbol[] {
  const q = query.trim().toLowerCase();
  const out: WorkspaceSymbol[] = [];
  for (const file of index.all()) {
    for (const e of file.entities) {
      if (q && !e.name.toLowerCase().includes(q) && !e.aliases.some((a) => a.toLowerCase().includes(q))) continue;
      // With no query, one symbol per entity: every mention of every name would swamp the picker.
      const n = q ? rangeCount(e.mentions) : 1;
      for (let i = 0; i < n; i++) {
        out.push({ name: e.name, kind: KIND[e.type] ?? SymbolKind.Constant, containerName: file.name, location: { uri: file.uri, range: rangeAt(e.mentions, i) } });
        if (out.length >= limit) return out;
      }
    }
    if (!q) continue;
    for (const quote of file.quotes) {
      if (!quote.speaker || !quote.speaker.toLowerCase().includes(q)) continue;
      out.push({ name: `“${quote.snippet.replace(/^["“”']+|["“”']+$/g, '')}”`, kind: SymbolKind.String, containerName: `${quote.speaker} · ${file.name}`, location: { uri: file.uri, range: rangeAt(quote.range, 0) } });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

// ---- NAME001: name consistency ----

/** "maren ostby" → ["* ostby", "maren *"]: names that differ in one part share a signature. */
const signatures = nameSignatures;

/** The index's spelling table (kept current by the index itself as files come and go). */
function workspaceSpellings(index: WorkspaceIndex): { byKey: ReadonlyMap<string, WorkspaceSpelling>; bySignature: ReadonlyMap<string, ReadonlySet<string>> } {
  return { byKey: index.spellings, bySignature: index.spellingsBySignature };
}

export interface NameFixData {
  /** The established spelling of the whole name. */
  established: string;
  /** What replaces the diagnostic's range (the one differing word). */
  replacement: string;
}

/**
 * NAME001 for an open document: full names spelled differently from a more frequent spelling in this article,
 * the rest of the workspace, or the glossary (which always wins). Different people who share a surname differ in
 * a whole first name and are never flagged (see analysis/names.ts).
 */
export function nameDiagnostics(doc: TextDocument, article: Article, index: WorkspaceIndex, settings: BylineSettings, glossary?: Glossary): Diagnostic[] {
  const level = settings.severity.byCode[NAME_CODE] ?? settings.severity.fallback ?? 'information';
  if (level === 'off') return [];
  const ws = workspaceSpellings(index);
  const self = canonicalUri(doc.uri);
  const own = index.get(doc.uri);
  // This article's counts come from its Article; its old summary (if any) is taken out of the workspace counts.
  const ownOld = new Map<string, number>();
  for (const e of own?.entities ?? []) for (const s of e.spellings) ownOld.set(s.key, (ownOld.get(s.key) ?? 0) + s.count);
  const here = new Map<string, { name: string; count: number }>();
  for (const e of article.entities) {
    if (e.type !== 'PERSON' && e.type !== 'ORG') continue;
    for (const s of fullNameSpellings(e.mentions)) {
      const have = here.get(s.key);
      if (have) have.count += s.count;
      else here.set(s.key, { name: s.name, count: s.count });
    }
  }
  const glossaryNames = new Map<string, string>();
  const glossaryWrong = new Map<string, string>();
  for (const g of glossary?.entries ?? []) {
    if (g.notAnEntity) continue;
    glossaryNames.set(nameKey(g.name), g.name);
    for (const a of g.aliases ?? []) glossaryNames.set(nameKey(a), a);
    for (const m of g.misspellings ?? []) glossaryWrong.set(nameKey(m), g.name);
  }

  const verdicts = new Map<string, { established: string; part: number; from: string; why: string }>();
  for (const [k, s] of here) {
    if (glossaryNames.has(k)) continue;
    const candidates: SpellingCount[] = [{ name: s.name, count: s.count + (ws.byKey.get(k)?.count ?? 0) - (ownOld.get(k) ?? 0) }];
    const seen = new Set([k]);
    const wrongFor = glossaryWrong.get(k);
    if (wrongFor) candidates.push({ name: wrongFor, count: 0, authoritative: true });
    for (const sig of signatures(k)) {
      for (const other of ws.bySignature.get(sig) ?? []) {
        if (seen.has(other)) continue;
        seen.add(other);
        const w = ws.byKey.get(other)!;
        const count = w.count - (ownOld.get(other) ?? 0) + (here.get(other)?.count ?? 0);
        if (count > 0) candidates.push({ name: w.name, count });
      }
      for (const [gk, gname] of glossaryNames) if (!seen.has(gk) && signatures(gk).includes(sig)) (seen.add(gk), candidates.push({ name: gname, count: 0, authoritative: true }));
      for (const [ok, o] of here) if (!seen.has(ok) && signatures(ok).includes(sig)) (seen.add(ok), candidates.push({ name: o.name, count: o.count }));
    }
    if (candidates.length < 2) continue;
    const verdict = findMisspellings(candidates).find((m) => nameKey(m.name) === k);
    if (!verdict) continue;
    const ek = nameKey(verdict.established);
    const w = ws.byKey.get(ek);
    const why = glossaryNames.has(ek) || wrongFor
      ? 'the glossary spells it'
      : w && [...w.files.keys()].some((f) => f !== self)
        ? `${plural(w.files.has(self) ? w.files.size - 1 : w.files.size, 'other article')}${here.has(ek) ? ' and this one' : ''} spell it`
        : 'this article also spells it';
    verdicts.set(k, { established: verdict.established, part: verdict.difference.part, from: verdict.difference.from, why });
  }
  if (!verdicts.size) return [];

  const out: Diagnostic[] = [];
  for (const e of article.entities) {
    if (e.type !== 'PERSON' && e.type !== 'ORG') continue;
    // Surname-only mentions of an entity that has a flagged spelling carry the same misspelled word.
    const flagged = [...new Set(e.mentions.map((m) => nameKey(m.text)))].map((k) => verdicts.get(k)).filter((v) => !!v);
    for (const m of e.mentions) {
      const v = verdicts.get(nameKey(m.text)) ?? (nameParts(m.text).length === 1 ? flagged.find((f) => nameParts(m.text)[0] === f.from) : undefined);
      if (!v) continue;
      const span = partSpan(m.text, v.from);
      const replacement = originalPart(v.established, v.part);
      if (!span || !replacement) continue;
      const wrong = m.text.slice(span.start, span.end);
      const data: NameFixData = { established: v.established, replacement };
      out.push({
        range: rangeOf(doc, m.start + span.start, m.start + span.end),
        severity: SEVERITY[level],
        code: NAME_CODE,
        codeDescription: { href: RULES_DOC_URL + NAME_CODE.toLowerCase() },
        source: 'byline',
        message: `“${wrong}” may be misspelled: ${v.why} “${v.established}”.`,
        data,
      });
    }
  }
  return out;
}

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Quick fixes for NAME001: the established spelling. */
export function nameFixes(doc: TextDocument, diagnostics: Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.code !== NAME_CODE || d.source !== 'byline') continue;
    const data = d.data as Partial<NameFixData> | undefined;
    if (!data || typeof data.replacement !== 'string' || !data.replacement) continue;
    out.push({
      title: `Spell it “${data.replacement}” (as in “${data.established ?? data.replacement}”)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: true,
      edit: { changes: { [doc.uri]: [{ range: d.range, newText: data.replacement }] } },
    });
  }
  return out;
}
