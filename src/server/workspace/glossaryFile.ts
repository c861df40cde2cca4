// Loads the workspace glossary (byline.glossary, default .byline/glossary.json) for the engine, re-reading it
// when its modification time changes; problems in the file are reported as diagnostics on the file itself.

import * as fs from 'fs';
import { pathToFileURL } from 'url';
import { parseGlossary, type Glossary, type GlossaryProblem } from '../analysis/glossary';
import { confinedPath } from './folders';

export interface GlossaryLoad {
  glossary?: Glossary;
  /** The file's URI, when the file exists (for publishing its problems). */
  uri?: string;
  text?: string;
  problems: GlossaryProblem[];
  /** Changes whenever the loaded content changes: part of the analysis cache key. */
  stamp: string;
}

const MAX_GLOSSARY_BYTES = 5_000_000;

export class GlossaryFiles {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; load: GlossaryLoad }>();

  /** Never throws: a missing file is no glossary, an unreadable or invalid one is a problem list. */
  load(root: string, relative: string): GlossaryLoad {
    const file = confinedPath(root, relative);
    if (!file) return { problems: [], stamp: 'outside' };
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      this.cache.delete(file);
      return { problems: [], stamp: 'none' };
    }
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.load;
    const uri = pathToFileURL(file).toString();
    let load: GlossaryLoad;
    if (!stat.isFile() || stat.size > MAX_GLOSSARY_BYTES) {
      load = { uri, problems: [{ message: `The glossary ${relative} is not a regular file under 5 MB; it was not loaded.` }], stamp: `bad:${stat.mtimeMs}` };
    } else {
      try {
        const text = fs.readFileSync(file, 'utf8');
        // An empty file is an empty glossary: the "Add to glossary" action creates the file before writing it.
        const { glossary, problems } = text.trim() ? parseGlossary(text) : { glossary: { entries: [] }, problems: [] };
        load = { glossary, uri, text, problems, stamp: `${file}:${stat.mtimeMs}:${stat.size}` };
      } catch (e) {
        load = { uri, problems: [{ message: `Could not read the glossary: ${String(e)}` }], stamp: `err:${stat.mtimeMs}` };
      }
    }
    this.cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, load });
    return load;
  }

  clear(): void {
    this.cache.clear();
  }
}
