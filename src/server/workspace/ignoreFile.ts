// The plain-text "Ignore this here": .byline/ignore.json in the workspace, findings keyed by code and sentence
// text (whitespace collapsed), so an ignore survives edits elsewhere in the file. Markdown uses HTML comments
// instead (features/diagnostics.ts).

import * as fs from 'fs';
import * as path from 'path';
import type { IgnoreFile } from '../../protocol';

export const IGNORE_FILE = path.join('.byline', 'ignore.json');

/** The key of a finding: code plus its sentence with whitespace collapsed. */
export function ignoreKey(code: string, sentence: string): string {
  return `${code.toUpperCase()}\u0000${normalizeSentence(sentence)}`;
}

export function normalizeSentence(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export class IgnoreFiles {
  private readonly cache = new Map<string, { mtimeMs: number; keys: Set<string> }>();

  /** The ignored keys of the workspace at `root` (empty when the file is missing or invalid). */
  keys(root: string): Set<string> {
    const file = path.join(root, IGNORE_FILE);
    let mtimeMs: number;
    try {
      mtimeMs = fs.statSync(file).mtimeMs;
    } catch {
      return new Set();
    }
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.keys;
    const keys = new Set(readEntries(file).map((e) => ignoreKey(e.code, e.sentence)));
    this.cache.set(file, { mtimeMs, keys });
    return keys;
  }

  /** Adds an entry (no duplicates) and returns the file written. */
  add(root: string, code: string, sentence: string): string {
    const file = path.join(root, IGNORE_FILE);
    const entries = readEntries(file);
    const key = ignoreKey(code, sentence);
    if (!entries.some((e) => ignoreKey(e.code, e.sentence) === key)) entries.push({ code: code.toUpperCase(), sentence: normalizeSentence(sentence) });
    const data: IgnoreFile = { version: 1, ignore: entries };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n', 'utf8');
    this.cache.delete(file);
    return file;
  }
}

function readEntries(file: string): { code: string; sentence: string }[] {
  try {
    const data: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const list = data && typeof data === 'object' && Array.isArray((data as { ignore?: unknown }).ignore) ? (data as { ignore: unknown[] }).ignore : [];
    return list.filter(
      (e): e is { code: string; sentence: string } =>
        !!e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { sentence?: unknown }).sentence === 'string',
    );
  } catch {
    return [];
  }
}
