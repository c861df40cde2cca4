// The server's view of the `byline.*` settings: pulled per resource with workspace/configuration, normalised,
// cached by URI and dropped when the client says the configuration changed (as vscode-eslint does).

import type { Connection } from 'vscode-languageserver/node';
import type { Severity } from './analysis/types';
import { DEFAULT_MAX_LENGTH } from './analysis/article';
import { TOKEN_TYPES, type TokenType } from '../protocol';

export type SeverityChoice = Severity | 'off';

export interface BylineSettings {
  /** Language ids analysed. */
  languages: string[];
  /** Documents longer than this (UTF-16 units) are skipped with a notice. */
  maxDocumentSize: number;
  /** One level for every code, or levels per code with "default" for the rest; "off" hides a code. */
  severity: { byCode: Record<string, SeverityChoice>; fallback?: SeverityChoice };
  /** Token types painted (entity kinds and quote parts). */
  highlightKinds: Set<TokenType>;
  /** Glossary file, relative to the workspace folder. */
  glossaryPath: string;
  /** "auto": the front matter decides (genre: opinion). */
  genre: 'auto' | 'news' | 'opinion';
  /** Glob patterns (relative to the workspace folder) of files the workspace index leaves out. */
  exclude: string[];
}

export const DEFAULT_SETTINGS: BylineSettings = {
  languages: ['news', 'plaintext', 'markdown'],
  maxDocumentSize: DEFAULT_MAX_LENGTH,
  severity: { byCode: {} },
  highlightKinds: new Set(TOKEN_TYPES),
  glossaryPath: '.byline/glossary.json',
  genre: 'auto',
  exclude: [],
};

const LEVELS = new Set(['error', 'warning', 'information', 'hint', 'off']);
// People write "info" and "warn"; accept them rather than silently ignoring the setting.
const LEVEL_ALIASES: Record<string, SeverityChoice> = { info: 'information', warn: 'warning', none: 'off' };

function level(v: unknown): SeverityChoice | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (LEVELS.has(s)) return s as SeverityChoice;
  return LEVEL_ALIASES[s];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Reads `a.b` either nested ({a: {b}}) as VS Code sends it or flat ({"a.b"}) as other clients may. */
function pick(raw: Record<string, unknown>, dotted: string): unknown {
  if (dotted in raw) return raw[dotted];
  let cur: unknown = raw;
  for (const part of dotted.split('.')) {
    if (!isRecord(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

/** Turns whatever the client sent for section `byline` into settings; bad values fall back to defaults. */
export function normalizeSettings(raw: unknown): BylineSettings {
  if (!isRecord(raw)) return DEFAULT_SETTINGS;
  const out: BylineSettings = { ...DEFAULT_SETTINGS, severity: { byCode: {} }, highlightKinds: new Set(DEFAULT_SETTINGS.highlightKinds) };

  const languages = pick(raw, 'languages');
  if (Array.isArray(languages)) out.languages = languages.filter((l): l is string => typeof l === 'string');

  const max = pick(raw, 'maxDocumentSize');
  if (typeof max === 'number' && Number.isFinite(max) && max > 0) out.maxDocumentSize = Math.floor(max);

  const severity = pick(raw, 'diagnostics.severity');
  const single = level(severity);
  if (single) out.severity.fallback = single;
  else if (isRecord(severity)) {
    for (const [code, v] of Object.entries(severity)) {
      const l = level(v);
      if (!l) continue;
      if (code.toLowerCase() === 'default') out.severity.fallback = l;
      else out.severity.byCode[code.toUpperCase()] = l;
    }
  }

  const kinds = pick(raw, 'highlight.entityKinds');
  if (Array.isArray(kinds)) {
    // The setting names entity kinds; quotes, speakers and cues are always painted.
    out.highlightKinds = new Set<TokenType>(['quote', 'speaker', 'cue']);
    for (const k of kinds) {
      const t = kindToTokenType(k);
      if (t) out.highlightKinds.add(t);
    }
  }

  const glossary = pick(raw, 'glossary');
  const glossaryPath = typeof glossary === 'string' ? glossary : pick(raw, 'glossary.path') ?? pick(raw, 'glossaryPath');
  if (typeof glossaryPath === 'string' && glossaryPath.trim()) out.glossaryPath = glossaryPath.trim();

  const genre = pick(raw, 'genre');
  if (genre === 'news' || genre === 'opinion' || genre === 'auto') out.genre = genre;

  const exclude = pick(raw, 'exclude');
  if (Array.isArray(exclude)) out.exclude = exclude.filter((g): g is string => typeof g === 'string' && g.trim().length > 0);
  return out;
}

/** Accepts token type names ("person") and the engine's entity types ("PERSON", "ORG", "LOC", …). */
function kindToTokenType(k: unknown): TokenType | undefined {
  if (typeof k !== 'string') return undefined;
  if ((TOKEN_TYPES as readonly string[]).includes(k)) return k as TokenType;
  const byEntityType: Record<string, TokenType> = {
    PERSON: 'person', ORG: 'organization', ORGANIZATION: 'organization', LOC: 'place', PLACE: 'place', MISC: 'otherName',
    DATE: 'date', TIME: 'date', MONEY: 'number', PERCENT: 'number', QUANTITY: 'number', NUMBER: 'number',
  };
  return byEntityType[k.toUpperCase()];
}

const SETTINGS_TIMEOUT_MS = 5000;

/** Per-URI settings cache in front of workspace/configuration. */
export class SettingsCache {
  private readonly byUri = new Map<string, Promise<BylineSettings>>();
  /** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  private pushed: BylineSettings = DEFAULT_SETTINGS;
  pullSupported = false;

  constructor(private readonly connection: Connection) {}

  get(uri: string): Promise<BylineSettings> {
    if (!this.pullSupported) return Promise.resolve(this.pushed);
    let s = this.byUri.get(uri);
    if (!s) {
      const pulled = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'byline' })
        .then(normalizeSettings, (e: unknown) => {
          this.connection.console.warn(`Byline: could not read settings for ${uri}: ${String(e)}`);
          return DEFAULT_SETTINGS;
        });
      // A client that never answers must not stall analysis: defaults after a while (until the configuration changes).
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<BylineSettings>((resolve) => {
        timer = setTimeout(() => {
          this.connection.console.warn(`Byline: no answer to workspace/configuration for ${uri} after ${SETTINGS_TIMEOUT_MS} ms; using defaults`);
          resolve(DEFAULT_SETTINGS);
        }, SETTINGS_TIMEOUT_MS);
      });
      s = Promise.race([pulled.finally(() => clearTimeout(timer)), timeout]);
      this.byUri.set(uri, s);
    }
    return s;
  }

  /** didChangeConfiguration: forget everything; `settings` is what the client pushed (may be null). */
  reset(pushedSettings?: unknown): void {
    this.byUri.clear();
    if (isRecord(pushedSettings) && 'byline' in pushedSettings) this.pushed = normalizeSettings(pushedSettings['byline']);
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
