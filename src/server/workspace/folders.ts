// Which workspace folder a document belongs to, and paths confined to it: the glossary and ignore files are
// data read from (and written to) the workspace only, never from anywhere a setting could point.

import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';

export class WorkspaceFolders {
  private roots: string[] = [];

  set(uris: string[]): void {
    this.roots = uris.map(toFsPath).filter((p): p is string => p !== undefined);
  }

  add(uri: string): void {
    const p = toFsPath(uri);
    if (p && !this.roots.includes(p)) this.roots.push(p);
  }

  remove(uri: string): void {
    const p = toFsPath(uri);
    this.roots = this.roots.filter((r) => r !== p);
  }

  /** The folders as file URIs. */
  uris(): string[] {
    return this.roots.map((r) => pathToFileURL(r).toString());
  }

  /** The deepest workspace folder holding the document; for a loose file, its own directory. */
  rootFor(documentUri: string): string | undefined {
    const file = toFsPath(documentUri);
    if (!file) return undefined;
    let best: string | undefined;
    for (const r of this.roots) if (isInside(r, file) && (!best || r.length > best.length)) best = r;
    return best ?? path.dirname(file);
  }
}

export function toFsPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** `relative` resolved against `root`, or undefined when it escapes the root. */
export function confinedPath(root: string, relative: string): string | undefined {
  const p = path.resolve(root, relative);
  return isInside(root, p) ? p : undefined;
}
