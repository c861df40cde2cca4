// Glossary code actions on an entity mention: "Add “Gloria Ibarra” to the glossary" and "Mark “Transit Workers
// Vote” as not an entity". Each is a WorkspaceEdit on the glossary file (byline.glossary, default
// .byline/glossary.json): created with a one-entry array when absent, or the entry appended to the existing array.
// The client's watcher on .byline/*.json tells the server when the file changes, and every document of the folder
// is analysed again with the new entry.

import { CodeActionKind, type CodeAction, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseGlossary, type GlossaryEntry } from '../analysis/glossary';
import { NAME_TYPES, type Article, type Entity } from '../analysis/types';
import { mentionAt } from './lookup';

/** The glossary file of the document's folder: its URI, and its text when it exists on disk. */
export interface GlossaryTarget {
  uri: string;
  /** undefined: the file does not exist yet. */
  text?: string;
}

/** The entry written for each action (key order is the order in the file). */
export function glossaryEntryFor(entity: Entity, notAnEntity: boolean): Record<string, unknown> {
  // Surname forms and acronyms the article used, so the glossary covers them too: a note reaches "Ibarra", and a
  // name marked as not an entity does not come back through one of its shorter forms.
  const aliases = [...new Set((entity.aliases ?? []).filter((a) => a.trim() && a !== entity.name))];
  const seen = aliases.length ? { aliases } : {};
  if (notAnEntity) return { name: entity.name, ...seen, notAnEntity: true };
  return { name: entity.name, type: entity.type, ...seen, note: '' };
}

export function glossaryActions(article: Article, offset: number, target: GlossaryTarget): CodeAction[] {
  const hit = mentionAt(article, offset);
  if (!hit || !NAME_TYPES.has(hit.entity.type)) return [];
  const entity = hit.entity;
  const existing = target.text === undefined || !target.text.trim() ? { kind: 'empty' as const } : readExisting(target.text);
  // An invalid glossary: the diagnostics on the file say so; an edit could only make it worse.
  if (!existing) return [];
  if (existing.kind === 'file' && listed(existing.entries, entity)) return [];
  const out: CodeAction[] = [];
  for (const notAnEntity of [false, true]) {
    const entry = glossaryEntryFor(entity, notAnEntity);
    const title = notAnEntity ? `Mark “${entity.name}” as not an entity` : `Add “${entity.name}” to the glossary`;
    out.push({ title, kind: CodeActionKind.QuickFix, edit: glossaryEdit(target, existing, entry) });
  }
  return out;
}

type Existing = { kind: 'empty' } | { kind: 'file'; text: string; data: unknown; entries: GlossaryEntry[] };

function readExisting(text: string): Existing | undefined {
  const { glossary, problems } = parseGlossary(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  // parseGlossary accepts an array or { entries: [...] }; anything else it reports (and gives no entries).
  const shaped = Array.isArray(data) || (data !== null && typeof data === 'object' && Array.isArray((data as { entries?: unknown }).entries));
  if (!shaped || problems.some((p) => p.message.startsWith('The glossary'))) return undefined;
  return { kind: 'file', text, data, entries: glossary.entries };
}

/** Already in the glossary under its name or an alias (then the engine already knows it). */
function listed(entries: GlossaryEntry[], entity: Entity): boolean {
  const names = new Set([entity.name, ...(entity.aliases ?? [])].map((n) => n.toLowerCase()));
  return entries.some((e) => [e.name, ...(e.aliases ?? [])].some((n) => names.has(n.toLowerCase())));
}

function indent(json: string, by: string, eol: string): string {
  return json.split('\n').map((l) => by + l).join(eol);
}

function glossaryEdit(target: GlossaryTarget, existing: Existing, entry: Record<string, unknown>): WorkspaceEdit {
  const pretty = JSON.stringify(entry, null, 2);
  if (existing.kind === 'empty') {
    const newText = `[\n${indent(pretty, '  ', '\n')}\n]\n`;
    const whole = { start: { line: 0, character: 0 }, end: TextDocument.create(target.uri, 'json', 0, target.text ?? '').positionAt((target.text ?? '').length) };
    const edits: TextEdit[] = [{ range: whole, newText }];
    // Create the file (kept if it appeared meanwhile), then write the array into it.
    return {
      documentChanges: [
        ...(target.text === undefined ? [{ kind: 'create' as const, uri: target.uri, options: { ignoreIfExists: true } }] : []),
        { textDocument: { uri: target.uri, version: null }, edits },
      ],
    };
  }
  const { text } = existing;
  const file = TextDocument.create(target.uri, 'json', 0, text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (Array.isArray(existing.data)) {
    // Append before the closing bracket, keeping the file's own layout.
    const close = text.lastIndexOf(']');
    const open = text.indexOf('[');
    const inner = text.slice(open + 1, close);
    if (!inner.trim()) {
      return { changes: { [target.uri]: [{ range: { start: file.positionAt(open + 1), end: file.positionAt(close) }, newText: `${eol}${indent(pretty, '  ', eol)}${eol}` }] } };
    }
    const last = open + 1 + inner.replace(/\s+$/, '').length;
    return { changes: { [target.uri]: [{ range: { start: file.positionAt(last), end: file.positionAt(last) }, newText: `,${eol}${indent(pretty, '  ', eol)}` }] } };
  }
  // { "entries": [...] }: rewrite the file with the entry appended (other keys kept).
  const data = existing.data as { entries: unknown[] } & Record<string, unknown>;
  const next = { ...data, entries: [...data.entries, entry] };
  const newText = JSON.stringify(next, null, 2).split('\n').join(eol) + eol;
  return { changes: { [target.uri]: [{ range: { start: file.positionAt(0), end: file.positionAt(text.length) }, newText }] } };
}
