// The workspace index: every article in the workspace folders (.txt, .md, .news), analysed in the background
// after start-up, kept current on file changes, and answering "where else does this name appear?".
//
// Memory: per file only a compact summary is kept (names, their mention ranges as line/character numbers, quote
// counts, quote speakers and ranges), never the Article with its tokens and sentences. Responsiveness: files are
// analysed one at a time by a worker thread of their own (the open documents' worker is never queued behind
// the index) that sends back only the summary, and the main thread yields between files (setImmediate), so
// requests are answered in between.

import { promises as fsp } from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { performance } from 'perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article, EntityType } from '../analysis/types';
import { NAME_TYPES } from '../analysis/types';
import { nameKey, nameParts, nameSignatures } from '../analysis/names';
import type { AnalysisInputs } from '../documents';
import type { Summarizer } from './indexWorker';
import { toFsPath } from './folders';

/** Flat [startLine, startChar, endLine, endChar] quadruples: four numbers per range, no objects. */
export type Ranges = Int32Array;

export interface IndexedEntity {
  type: EntityType;
  name: string;
  /** Other surface forms, as the engine gives them. */
  aliases: string[];
  /** Keys that match this entity in other files (the canonical name, and multi-word aliases). */
  keys: string[];
  mentions: Ranges;
  /** Quotes attributed to the entity in this file. */
  quotes: number;
  /** Distinct spellings of the full name (mentions of two words or more) and how often each is used. */
  spellings: Spelling[];
}

/** One spelling's use across the workspace: total mentions and mentions per file (canonical URI). */
export interface WorkspaceSpelling {
  name: string;
  count: number;
  files: Map<string, number>;
}

export interface Spelling {
  name: string;
  count: number;
  /** nameKey(name), computed once in the index worker rather than on the main thread per query. */
  key: string;
}

export interface IndexedQuote {
  speaker: string | null;
  /** Key of the speaker's entity name, to match across files. */
  speakerKey: string | null;
  range: Ranges;
  snippet: string;
  /** How the article identifies the speaker (absent for an unattributed quote): the Sources view's folder counts. */
  specificity?: 'named' | 'described' | 'vague';
}

export interface FileSummary {
  uri: string;
  /** Base name, for hovers ("2026-04-11-assessment.txt"). */
  name: string;
  /** 'open': from the live Article of an open document; 'disk': read from the file. */
  source: 'open' | 'disk';
  /** For a file read from disk: the key of the analysis inputs it was summarised with (AnalysisInputs.key). */
  inputsKey?: string;
  entities: IndexedEntity[];
  quotes: IndexedQuote[];
}

export interface IndexStatus {
  files: number;
  skipped: number;
  ms: number;
}

export interface Progress {
  begin(title: string, percentage: number, message: string): void;
  report(percentage: number, message: string): void;
  done(): void;
}

export interface IndexHost {
  /** Analyses a file into its summary; a worker of its own, apart from the open documents' one. */
  summarizer: Summarizer;
  /** The analysis inputs (settings, glossary, format) for a file, as for an open document. */
  inputsFor(doc: TextDocument): Promise<AnalysisInputs>;
  /** Glob patterns of `byline.exclude` for a folder (relative to it). */
  excludesFor(folderUri: string): Promise<string[]>;
  /** True while the document is open in the editor (its live Article wins over the file). */
  isOpen(uri: string): boolean;
  log(message: string): void;
  /** A notice the user should see once (files skipped for size). */
  notice(message: string): void;
  /** Work-done progress, when the client supports it. */
  progress(): Promise<Progress | undefined>;
}

export const ARTICLE_EXTENSIONS = ['.txt', '.md', '.news'];
const LANGUAGE_OF: Record<string, string> = { '.txt': 'plaintext', '.md': 'markdown', '.news': 'news' };
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'out', 'dist']);
/** A folder of more files than this is not a newsroom folder; the index stops there rather than eat the machine. */
const MAX_FILES = 20_000;

export function isArticleUri(uri: string): boolean {
  const ext = path.extname(uri.split(/[?#]/)[0] ?? '').toLowerCase();
  return ARTICLE_EXTENSIONS.includes(ext);
}

export class WorkspaceIndex {
  private readonly files = new Map<string, FileSummary>();
  /** Full-name spellings of people and organisations over all files (NAME001), kept current on put/drop. */
  readonly spellings = new Map<string, WorkspaceSpelling>();
  /** Signature (one part starred) → spelling keys, to find near spellings without comparing every pair. */
  readonly spellingsBySignature = new Map<string, Set<string>>();
  /** Entity key → the files naming it, so a hover looks up a name without scanning every file. */
  private readonly byKey = new Map<string, Set<string>>();
  private readonly queue = new Set<string>();
  private running: Promise<void> | undefined;
  private roots: string[] = [];
  /** Each root's folder URI as the client spells it (settings are scoped by it). */
  private readonly folderUris = new Map<string, string>();
  private excludes = new Map<string, RegExp[]>();
  private readonly listeners: ((uris: string[]) => void)[] = [];
  private disposed = false;
  /** Resolves when the first full pass is over. */
  readonly ready: Promise<IndexStatus>;
  private resolveReady!: (s: IndexStatus) => void;
  status: IndexStatus | undefined;
  /** Bumped on every change, so derived tables (spelling counts) know when to rebuild. */
  generation = 0;

  constructor(private readonly host: IndexHost) {
    this.ready = new Promise((r) => (this.resolveReady = r));
  }

  /** Called with the URIs whose summaries changed (after the first pass, and on every later change). */
  onDidChange(listener: (uris: string[]) => void): void {
    this.listeners.push(listener);
  }

  /** Lists the folders' articles and indexes them in the background. */
  async start(folderUris: string[]): Promise<IndexStatus> {
    const t0 = performance.now();
    for (const uri of folderUris) {
      const root = toFsPath(uri);
      if (root && !this.roots.includes(root)) {
        this.roots.push(root);
        this.folderUris.set(root, uri);
      }
    }
    const progress = await this.host.progress().catch(() => undefined);
    progress?.begin('Byline: indexing articles', 0, 'listing files');
    const listed = await this.listAll();
    let done = 0;
    let skipped = 0;
    const tooLarge: string[] = [];
    let lastReport = 0;
    for (const file of listed) {
      if (this.disposed) break;
      const r = await this.indexFile(pathToFileURL(file).toString());
      if (r === 'skipped' || r === 'tooLarge') skipped++;
      if (r === 'tooLarge') tooLarge.push(path.basename(file));
      done++;
      const pct = Math.floor((done * 100) / Math.max(1, listed.length));
      if (progress && (pct !== lastReport || done === listed.length)) {
        lastReport = pct;
        progress.report(pct, `${done} of ${listed.length} articles`);
      }
      // Yield to the event loop: requests on open documents are served between files.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    progress?.done();
    if (!this.queue.size) this.host.summarizer.idle?.();
    this.status = { files: this.files.size, skipped, ms: Math.round(performance.now() - t0) };
    if (tooLarge.length) {
      const names = tooLarge.slice(0, 3).join(', ') + (tooLarge.length > 3 ? ` and ${tooLarge.length - 3} more` : '');
      this.host.notice(`Byline left ${tooLarge.length} file(s) over byline.maxDocumentSize out of the workspace index: ${names}.`);
    }
    this.resolveReady(this.status);
    this.emit([...this.files.keys()]);
    return this.status;
  }

  /** Every article of the folders, re-reading each folder's `byline.exclude` patterns. */
  private async listAll(): Promise<string[]> {
    let listed: string[] = [];
    for (const root of this.roots) {
      const patterns = await this.host.excludesFor(this.folderUris.get(root) ?? pathToFileURL(root).toString()).catch(() => []);
      const res = patterns.map(globToRegExp);
      this.excludes.set(root, res);
      listed = listed.concat(await listArticles(root, res, MAX_FILES - listed.length));
    }
    return listed;
  }

  /**
   * Settings or the glossary changed: articles now excluded leave the index, and those whose analysis inputs
   * changed (language switched on or off, size limit, genre, glossary) or that were left out before are indexed
   * again.
   */
  async refresh(): Promise<void> {
    this.forgetInputs();
    await this.ready;
    if (this.disposed) return;
    const listed = await this.listAll();
    const wanted = new Set(listed.map((f) => canonicalUri(pathToFileURL(f).toString())));
    const removed = [...this.files.values()].filter((f) => f.source === 'disk' && !wanted.has(canonicalUri(f.uri))).map((f) => f.uri);
    for (const uri of removed) this.drop(uri);
    if (removed.length) this.emit(removed);
    for (const file of listed) {
      const uri = pathToFileURL(file).toString();
      const summary = this.get(uri);
      if (summary?.source === 'open') continue;
      const inputs = await this.inputsFor(file, LANGUAGE_OF[path.extname(file).toLowerCase()] ?? 'plaintext').catch(() => undefined);
      if (!summary || !inputs || summary.inputsKey !== inputs.key) this.enqueue(uri);
    }
  }

  /** An open document's new Article (or null: not analysed): its summary replaces the file's. */
  updateFromArticle(doc: TextDocument, article: Article | null): void {
    if (!this.inRoots(doc.uri)) return;
    if (!article) {
      this.drop(doc.uri);
    } else {
      this.put(summarize(doc, article, 'open'));
    }
    // No listeners: typing in one document must not republish every other one; derived tables still rebuild.
    this.generation++;
  }

  /** A document was closed: the file on disk is what counts again. */
  closed(uri: string): void {
    if (this.inRoots(uri) && isArticleUri(uri)) this.enqueue(uri);
  }

  /** workspace/didChangeWatchedFiles: re-read changed and created articles, forget deleted ones. */
  filesChanged(changes: { uri: string; type: number }[]): void {
    const removed: string[] = [];
    for (const c of changes) {
      if (!isArticleUri(c.uri) || !this.inRoots(c.uri) || this.excluded(c.uri)) continue;
      if (c.type === 3) {
        if (this.drop(c.uri)) removed.push(c.uri);
      } else if (!this.host.isOpen(c.uri)) this.enqueue(c.uri);
    }
    if (removed.length) this.emit(removed);
  }

  /** Every indexed file (open documents from their live Article). */
  all(): IterableIterator<FileSummary> {
    return this.files.values();
  }

  /** The files with an entity having one of these keys. */
  filesWithKeys(keys: Iterable<string>): FileSummary[] {
    const uris = new Set<string>();
    for (const k of keys) for (const u of this.byKey.get(k) ?? []) uris.add(u);
    // (keys of this.files and this.byKey are canonical URIs, see canonicalUri)
    return [...uris].map((u) => this.files.get(u)).filter((f): f is FileSummary => !!f);
  }

  private put(summary: FileSummary): void {
    const id = canonicalUri(summary.uri);
    this.drop(id);
    this.files.set(id, summary);
    for (const e of summary.entities) for (const k of e.keys) (this.byKey.get(k) ?? this.byKey.set(k, new Set()).get(k)!).add(id);
    for (const e of summary.entities) {
      if (e.type !== 'PERSON' && e.type !== 'ORG') continue;
      for (const sp of e.spellings) {
        let w = this.spellings.get(sp.key);
        if (!w) {
          this.spellings.set(sp.key, (w = { name: sp.name, count: 0, files: new Map() }));
          for (const sig of nameSignatures(sp.key)) (this.spellingsBySignature.get(sig) ?? this.spellingsBySignature.set(sig, new Set()).get(sig)!).add(sp.key);
        }
        w.count += sp.count;
        w.files.set(id, (w.files.get(id) ?? 0) + sp.count);
      }
    }
  }

  private drop(uri: string): boolean {
    uri = canonicalUri(uri);
    const old = this.files.get(uri);
    if (!old) return false;
    for (const e of old.entities) {
      for (const k of e.keys) {
        const set = this.byKey.get(k);
        set?.delete(uri);
        if (set?.size === 0) this.byKey.delete(k);
      }
      if (e.type !== 'PERSON' && e.type !== 'ORG') continue;
      for (const sp of e.spellings) {
        const w = this.spellings.get(sp.key);
        if (!w) continue;
        w.count -= sp.count;
        const left = (w.files.get(uri) ?? 0) - sp.count;
        if (left > 0) w.files.set(uri, left);
        else w.files.delete(uri);
        if (w.count <= 0 || w.files.size === 0) {
          this.spellings.delete(sp.key);
          for (const sig of nameSignatures(sp.key)) {
            const keys = this.spellingsBySignature.get(sig);
            keys?.delete(sp.key);
            if (keys?.size === 0) this.spellingsBySignature.delete(sig);
          }
        }
      }
    }
    return this.files.delete(uri);
  }

  get(uri: string): FileSummary | undefined {
    return this.files.get(canonicalUri(uri));
  }

  get size(): number {
    return this.files.size;
  }

  dispose(): void {
    this.disposed = true;
    this.queue.clear();
    this.host.summarizer.dispose();
  }

  private enqueue(uri: string): void {
    this.queue.add(uri);
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    // Let the first pass finish first: its loop and this one would analyse the same files twice.
    await this.ready;
    const changed: string[] = [];
    while (this.queue.size && !this.disposed) {
      const uri = this.queue.values().next().value as string;
      this.queue.delete(uri);
      await this.indexFile(uri);
      changed.push(uri);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.host.summarizer.idle?.();
    if (changed.length) this.emit(changed);
  }

  private async indexFile(uri: string): Promise<'indexed' | 'skipped' | 'tooLarge' | 'gone'> {
    if (this.liveOpen(uri)) return 'indexed';
    const file = toFsPath(uri);
    if (!file) return 'gone';
    try {
      const ext = path.extname(file).toLowerCase();
      const stat = await fsp.stat(file);
      const languageId = LANGUAGE_OF[ext] ?? 'plaintext';
      const inputs = await this.inputsFor(file, languageId);
      if (!inputs.enabled) {
        this.drop(uri);
        return 'skipped';
      }
      // Size guard before reading: a file far over the limit is never loaded (UTF-16 units ≤ bytes for UTF-8).
      const limit = inputs.options.maxLength ?? Infinity;
      if (stat.size > limit * 3) {
        this.drop(uri);
        return 'tooLarge';
      }
      const text = await fsp.readFile(file, 'utf8');
      if (text.length > limit) {
        this.drop(uri);
        return 'tooLarge';
      }
      const summary = await this.host.summarizer.summarize(uri, languageId, text, inputs.options, () => !this.disposed);
      // The document may have been opened meanwhile: its live Article has already taken the slot.
      if (!summary || this.liveOpen(uri)) return 'indexed';
      this.put({ ...summary, inputsKey: inputs.key });
      return 'indexed';
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      this.drop(uri);
      if (code !== 'ENOENT') this.host.log(`Byline: could not index ${uri}: ${e instanceof Error ? e.message : String(e)}`);
      return 'gone';
    }
  }

  /**
   * Inputs per folder and language, not per file: settings are resource-scoped to the folder, and asking the
   * client once per file would send hundreds of workspace/configuration requests (and cache one entry each).
   * Kept until the next change of settings or watched files (forgetInputs).
   */
  private readonly inputs = new Map<string, Promise<AnalysisInputs>>();

  private inputsFor(file: string, languageId: string): Promise<AnalysisInputs> {
    const root = this.roots.filter((r) => isUnder(r, file)).sort((a, b) => b.length - a.length)[0] ?? path.dirname(file);
    const key = `${root}\0${languageId}`;
    let got = this.inputs.get(key);
    if (!got) {
      // A stand-in document at the folder's top: same folder settings, same glossary, same format as the file.
      const ext = Object.keys(LANGUAGE_OF).find((e) => LANGUAGE_OF[e] === languageId) ?? '.txt';
      const standIn = TextDocument.create(pathToFileURL(path.join(root, `byline-index${ext}`)).toString(), languageId, 0, '');
      got = this.host.inputsFor(standIn);
      this.inputs.set(key, got);
      got.catch(() => this.inputs.delete(key));
    }
    return got;
  }

  /** Settings or the glossary changed: the next files indexed ask again. */
  forgetInputs(): void {
    this.inputs.clear();
  }

  /** Workspace folders added or removed: files of removed folders leave, those of added ones are indexed. */
  async foldersChanged(added: string[], removed: string[]): Promise<void> {
    const gone = removed.map(toFsPath).filter((p): p is string => !!p);
    this.roots = this.roots.filter((r) => !gone.includes(r));
    for (const r of gone) this.folderUris.delete(r);
    const dropped = [...this.files.keys()].filter((u) => !this.inRoots(u));
    for (const u of dropped) this.drop(u);
    if (dropped.length) this.emit(dropped);
    for (const uri of added) {
      const root = toFsPath(uri);
      if (!root || this.roots.includes(root)) continue;
      this.roots.push(root);
      this.folderUris.set(root, uri);
      const res = (await this.host.excludesFor(uri).catch(() => [])).map(globToRegExp);
      this.excludes.set(root, res);
      for (const f of await listArticles(root, res, MAX_FILES)) this.enqueue(pathToFileURL(f).toString());
    }
  }

  /** The file is open in the editor and its summary comes from the live Article (the URI as the client spells it). */
  private liveOpen(uri: string): boolean {
    const cur = this.files.get(canonicalUri(uri));
    return cur?.source === 'open' && this.host.isOpen(cur.uri);
  }

  private inRoots(uri: string): boolean {
    const p = toFsPath(uri);
    if (!p) return false;
    return this.roots.some((r) => isUnder(r, p));
  }

  private excluded(uri: string): boolean {
    const p = toFsPath(uri);
    if (!p) return true;
    for (const r of this.roots) {
      if (!isUnder(r, p)) continue;
      const rel = path.relative(r, p).split(path.sep);
      if (rel.some((seg) => SKIPPED_DIRS.has(seg))) return true;
      if ((this.excludes.get(r) ?? []).some((re) => re.test(rel.join('/')))) return true;
    }
    return false;
  }

  private emit(uris: string[]): void {
    this.generation++;
    for (const l of this.listeners) {
      try {
        l(uris);
      } catch (e) {
        this.host.log(`Byline: index listener failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
}

/**
 * One spelling per file: clients encode file URIs their own way (VS Code escapes ':' and '[' differently from
 * Node's pathToFileURL), and the same article must not be indexed twice, once open and once from disk.
 */
export function canonicalUri(uri: string): string {
  const p = toFsPath(uri);
  return p ? pathToFileURL(p).toString() : uri;
}

function isUnder(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The articles under `root`, breadth first, skipping dot folders, node_modules and excluded paths. */
export async function listArticles(root: string, excludes: RegExp[], max: number): Promise<string[]> {
  const out: string[] = [];
  const dirs = [root];
  while (dirs.length && out.length < max) {
    const dir = dirs.shift()!;
    let entries: import('fs').Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (excludes.some((re) => re.test(rel))) continue;
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) dirs.push(full);
      } else if (e.isFile() && ARTICLE_EXTENSIONS.includes(path.extname(e.name).toLowerCase())) {
        out.push(full);
        if (out.length >= max) break;
      }
    }
  }
  return out;
}

/**
 * A `byline.exclude` glob (VS Code style: `**` any folders, `*` within a name, `?`, `{a,b}`) as a regular
 * expression over the path relative to the folder, with forward slashes. A pattern without a slash matches a
 * name at any depth, as VS Code's files.exclude does for `*.bak`.
 */
export function globToRegExp(glob: string): RegExp {
  let g = glob.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (!g.includes('/')) g = `**/${g}`;
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = g.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += `(?:${g.slice(i + 1, close).split(',').map(escapeRe).join('|')})`;
        i = close;
      }
    } else re += escapeRe(c);
  }
  // A folder pattern ("**/notes") excludes what is inside it as well.
  return new RegExp(`^${re}(?:/.*)?$`);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The compact summary of an Article: names and quotes with LSP ranges; the Article itself can then be dropped. */
export function summarize(doc: TextDocument, article: Article, source: 'open' | 'disk'): FileSummary {
  const quotesBy = new Map<string, number>();
  for (const q of article.quotes) if (q.speaker?.entity) quotesBy.set(q.speaker.entity, (quotesBy.get(q.speaker.entity) ?? 0) + 1);
  const entities: IndexedEntity[] = [];
  for (const e of article.entities) {
    if (!NAME_TYPES.has(e.type) || e.mentions.length === 0) continue;
    const mentions = new Int32Array(e.mentions.length * 4);
    e.mentions.forEach((m, i) => writeRange(doc, mentions, i, m.start, m.end));
    entities.push({ type: e.type, name: e.name, aliases: e.aliases ?? [], keys: entityKeys(e.name, e.aliases ?? []), mentions, quotes: quotesBy.get(e.id) ?? 0, spellings: fullNameSpellings(e.mentions) });
  }
  const quotes: IndexedQuote[] = article.quotes.map((q) => {
    const range = new Int32Array(4);
    writeRange(doc, range, 0, q.start, q.end);
    const speaker = q.speaker ? (q.speaker.entityName ?? q.speaker.text) : null;
    const words = article.text.slice(q.start, q.end).replace(/\s+/g, ' ').trim();
    // Same fallback as the Sources view when the engine leaves specificity out: resolved to an entity is named.
    const specificity = q.speaker ? (q.speaker.specificity ?? (q.speaker.entity ? 'named' : 'described')) : undefined;
    return { speaker, speakerKey: q.speaker?.entityName ? nameKey(q.speaker.entityName) : null, range, snippet: words.length > 80 ? `${words.slice(0, 79)}…` : words, ...(specificity ? { specificity } : {}) };
  });
  return { uri: doc.uri, name: path.basename(toFsPath(doc.uri) ?? doc.uri), source, entities, quotes };
}

/** Distinct full-name spellings among mentions ("Maren Ostby" ×3, "Maren Ostbye" ×1), by comparable key. */
export function fullNameSpellings(mentions: readonly { text: string }[]): Spelling[] {
  const byKey = new Map<string, Spelling>();
  for (const m of mentions) {
    if (nameParts(m.text).length < 2) continue;
    const k = nameKey(m.text);
    const have = byKey.get(k);
    if (have) have.count++;
    else byKey.set(k, { name: m.text.replace(/['’]s$/, ''), count: 1, key: k });
  }
  return [...byKey.values()];
}

function writeRange(doc: TextDocument, into: Int32Array, i: number, start: number, end: number): void {
  const s = doc.positionAt(start);
  const e = doc.positionAt(end);
  into[i * 4] = s.line;
  into[i * 4 + 1] = s.character;
  into[i * 4 + 2] = e.line;
  into[i * 4 + 3] = e.character;
}

/**
 * Keys that identify one entity across files: the canonical name, plus aliases of two words or more. A surname
 * alone ("Ostby") is not a key: it would join Maren Ostby and Lars Ostby.
 */
export function entityKeys(name: string, aliases: readonly string[]): string[] {
  const keys = new Set<string>();
  const k = nameKey(name);
  if (k) keys.add(k);
  for (const a of aliases) if (nameParts(a).length >= 2) keys.add(nameKey(a));
  return [...keys];
}

/** The LSP range of quadruple `i`. */
export function rangeAt(r: Ranges, i: number): { start: { line: number; character: number }; end: { line: number; character: number } } {
  return { start: { line: r[i * 4]!, character: r[i * 4 + 1]! }, end: { line: r[i * 4 + 2]!, character: r[i * 4 + 3]! } };
}

export function rangeCount(r: Ranges): number {
  return r.length / 4;
}
