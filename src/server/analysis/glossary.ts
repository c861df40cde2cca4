// The workspace glossary: people and organisations with notes, preferred spellings and "not an entity" entries.
// Parsed and validated here (plain data); the server reads the file and hands the text in.

import type { EntityType } from './types';

export interface GlossaryEntry {
  name: string;
  type?: EntityType;
  aliases?: string[];
  note?: string;
  /** Spellings that are wrong for this entry ("Maren Ostbye"). */
  misspellings?: string[];
  /** true: the name and its aliases are never an entity. */
  notAnEntity?: boolean;
}

export interface Glossary {
  entries: GlossaryEntry[];
}

export interface GlossaryProblem {
  message: string;
  /** Offset into the glossary text where the problem is, when known. */
  offset?: number;
}

const TYPES = new Set(['PERSON', 'ORG', 'LOC', 'MISC', 'DATE', 'TIME', 'MONEY', 'PERCENT', 'QUANTITY']);

/** Parses a glossary file's text; never throws. Invalid entries are skipped and reported. */
export function parseGlossary(source: string): { glossary: Glossary; problems: GlossaryProblem[] } {
  const problems: GlossaryProblem[] = [];
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(msg);
    problems.push({ message: `The glossary is not valid JSON: ${msg}`, offset: at ? Number(at[1]) : 0 });
    return { glossary: { entries: [] }, problems };
  }
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { entries?: unknown }).entries) ? (data as { entries: unknown[] }).entries : null;
  if (!list) {
    problems.push({ message: 'The glossary must be a JSON array of entries, or an object with an "entries" array.' });
    return { glossary: { entries: [] }, problems };
  }
  const entries: GlossaryEntry[] = [];
  list.forEach((raw, i) => {
    if (!raw || typeof raw !== 'object' || typeof (raw as { name?: unknown }).name !== 'string' || !(raw as { name: string }).name.trim()) {
      problems.push({ message: `Glossary entry ${i + 1} needs a "name" string.` });
      return;
    }
    const r = raw as Record<string, unknown>;
    const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : undefined);
    const type = typeof r.type === 'string' ? r.type.toUpperCase() : undefined;
    if (type && !TYPES.has(type)) problems.push({ message: `Glossary entry "${r.name as string}": unknown type "${r.type as string}".` });
    entries.push({
      name: (r.name as string).trim(),
      type: type && TYPES.has(type) ? (type as EntityType) : undefined,
      aliases: strings(r.aliases),
      note: typeof r.note === 'string' ? r.note : undefined,
      misspellings: strings(r.misspellings),
      notAnEntity: r.notAnEntity === true || r.ignore === true,
    });
  });
  return { glossary: { entries }, problems };
}
