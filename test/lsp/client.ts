// A test LSP client for the bundled server: builds dist/server.js once per mocha run, spawns
// `node dist/server.js --stdio`, answers workspace/configuration, tracks documents on the client side (to check
// that every returned range lies inside the text the server should have) and waits for diagnostics by version.

import { execFile, spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import * as assert from 'assert';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type InitializeResult,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article } from '../../src/server/analysis/types';

// compiled to out/test/lsp/client.js
export const repoRoot = path.resolve(__dirname, '../../..');
export const serverBundle = path.join(repoRoot, 'dist', 'server.js');

let built: Promise<void> | undefined;

/** Bundles dist/ from the current sources with the project's own build (esbuild.mjs), once per process. */
export function buildServer(): Promise<void> {
  built ??= new Promise<void>((resolve, reject) => {
    if (process.env.BYLINE_SKIP_BUILD) return resolve();
    execFile(process.execPath, ['esbuild.mjs'], { cwd: repoRoot }, (err, stdout, stderr) => {
      if (err) reject(new Error(`node esbuild.mjs failed: ${err.message}\n${stdout}${stderr}`));
      else resolve();
    });
  });
  return built;
}

export interface StartOptions {
  /** The `byline` section the client answers with (nested, as VS Code sends it). */
  settings?: Record<string, unknown>;
  /** Workspace folder (absolute path). */
  workspace?: string;
  /** Extra environment for the server process. */
  env?: NodeJS.ProcessEnv;
  /** false: a client that only understands flat SymbolInformation lists. */
  hierarchicalSymbols?: boolean;
  /** false: never answer workspace/configuration (a broken client). */
  answerConfiguration?: boolean;
}

type Waiter = { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };

export class TestClient {
  readonly docs = new Map<string, TextDocument>();
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly messages: string[] = [];
  readonly logs: string[] = [];
  configurationRequests = 0;
  stderr = '';
  initializeResult!: InitializeResult;
  private waiters: Waiter[] = [];

  private constructor(
    readonly child: ChildProcess,
    readonly connection: ProtocolConnection,
    public settings: Record<string, unknown>,
  ) {}

  static async start(options: StartOptions = {}): Promise<TestClient> {
    await buildServer();
    const child = spawn(process.execPath, [serverBundle, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new TestClient(child, connection, options.settings ?? {});
    child.stderr!.on('data', (d: Buffer) => (client.stderr += d.toString()));
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }): Promise<unknown[]> => {
      client.configurationRequests++;
      if (options.answerConfiguration === false) return new Promise(() => undefined);
      return Promise.resolve(p.items.map((i) => (i.section === 'byline' ? client.settings : null)));
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('window/showMessage', (m: { message: string }) => {
      client.messages.push(m.message);
    });
    connection.onRequest('window/showMessageRequest', (m: { message: string }) => {
      client.messages.push(m.message);
      return null;
    });
    connection.onNotification('window/logMessage', (m: { message: string }) => {
      client.logs.push(m.message);
    });
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.published.set(p.uri, p);
      client.waiters = client.waiters.filter((w) => {
        if (w.uri !== p.uri || !w.accept(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    connection.listen();
    const root = options.workspace;
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: root ? uriOf(root) : null,
      workspaceFolders: root ? [{ uri: uriOf(root), name: path.basename(root) }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: options.hierarchicalSymbols ?? true },
        },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Opens a document and waits for its first diagnostics. */
  async open(uri: string, text: string, languageId = 'plaintext'): Promise<PublishDiagnosticsParams> {
    const doc = TextDocument.create(uri, languageId, 1, text);
    this.docs.set(uri, doc);
    const published = this.waitForDiagnostics(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return published;
  }

  /** Applies incremental changes on both sides; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const doc = this.doc(uri);
    const version = doc.version + 1;
    TextDocument.update(doc, changes, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** Resolves with the first publication for `uri` at `version` or later (one already received counts). */
  waitForDiagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    const accept = (p: PublishDiagnosticsParams): boolean => version === undefined || (p.version ?? 0) >= version;
    const have = this.published.get(uri);
    if (have && version !== undefined && accept(have)) return Promise.resolve(have);
    return new Promise((resolve) => this.waiters.push({ uri, accept, resolve }));
  }

  /** Resolves with the next publication for `uri` (ignoring what was already received). */
  nextDiagnostics(uri: string): Promise<PublishDiagnosticsParams> {
    return new Promise((resolve) => this.waiters.push({ uri, accept: () => true, resolve }));
  }

  doc(uri: string): TextDocument {
    const d = this.docs.get(uri);
    assert.ok(d, `document ${uri} is not open`);
    return d;
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }

  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone; the kill below settles it
    }
    await new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const t = setTimeout(() => {
        this.child.kill();
        resolve();
      }, 2000);
      this.child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
    });
    this.connection.dispose();
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}

export function uriOf(fsPath: string): string {
  return require('url').pathToFileURL(fsPath).toString() as string;
}

/** Line lengths without line breaks, as LSP counts characters (UTF-16 units). */
function lineLengths(doc: TextDocument): number[] {
  const text = doc.getText();
  const out: number[] = [];
  for (let line = 0; line < doc.lineCount; line++) {
    const start = doc.offsetAt({ line, character: 0 });
    const next = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : text.length;
    let end = next;
    while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
    out.push(end - start);
  }
  return out;
}

const lengthsCache = new WeakMap<TextDocument, { version: number; lengths: number[] }>();

/** Fails unless the range is well-formed and lies inside the document (positions on real lines and columns). */
export function assertRangeInside(doc: TextDocument, range: Range, what = 'range'): void {
  let c = lengthsCache.get(doc);
  if (!c || c.version !== doc.version) {
    c = { version: doc.version, lengths: lineLengths(doc) };
    lengthsCache.set(doc, c);
  }
  for (const p of [range.start, range.end]) {
    assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: non-integer position ${JSON.stringify(p)}`);
    assert.ok(p.line >= 0 && p.line < c.lengths.length, `${what}: line ${p.line} outside 0..${c.lengths.length - 1}`);
    assert.ok(p.character >= 0 && p.character <= c.lengths[p.line]!, `${what}: character ${p.character} beyond line ${p.line} length ${c.lengths[p.line]}`);
  }
  const s = doc.offsetAt(range.start);
  const e = doc.offsetAt(range.end);
  assert.ok(s <= e, `${what}: start after end ${JSON.stringify(range)}`);
}

export function offsetsOf(doc: TextDocument, range: Range): { start: number; end: number } {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

/** Semantic tokens decoded to absolute positions and offsets. */
export interface DecodedToken {
  line: number;
  character: number;
  length: number;
  type: string;
  modifiers: string[];
  start: number;
  end: number;
}

export function decodeTokens(doc: TextDocument, data: number[], legend: { tokenTypes: string[]; tokenModifiers: string[] }): DecodedToken[] {
  assert.strictEqual(data.length % 5, 0, 'semantic token data comes in fives');
  const out: DecodedToken[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, length, type, mods] = data.slice(i, i + 5) as [number, number, number, number, number];
    line += dl;
    character = dl === 0 ? character + dc : dc;
    const typeName = legend.tokenTypes[type];
    assert.ok(typeName, `token type index ${type} is in the legend`);
    const modifiers = legend.tokenModifiers.filter((_, bit) => mods & (1 << bit));
    const start = doc.offsetAt({ line, character });
    out.push({ line, character, length, type: typeName, modifiers, start, end: start + length });
  }
  return out;
}

export function diagnosticsByCode(diags: Diagnostic[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of diags) out[String(d.code)] = (out[String(d.code)] ?? 0) + 1;
  return out;
}

const TOKEN_TYPE_OF: Record<string, string> = { PERSON: 'person', ORG: 'organization', LOC: 'place', MISC: 'otherName', DATE: 'date', TIME: 'date', MONEY: 'number', PERCENT: 'number', QUANTITY: 'number' };

/**
 * Checks decoded tokens against the engine's Article for the same text: inside the document, non-empty, never
 * across a line break, not overlapping, and each one on a span of its kind (mention, quote, speaker, cue), with
 * firstMention exactly on an entity's first mention.
 */
export function checkTokensAgainst(doc: TextDocument, article: Article, tokens: DecodedToken[]): void {
  const text = doc.getText();
  assert.strictEqual(article.text, text, 'the Article is of the same text');
  let prevEnd = -1;
  for (const t of tokens) {
    assertRangeInside(doc, { start: { line: t.line, character: t.character }, end: { line: t.line, character: t.character + t.length } }, `token ${t.type}`);
    assert.ok(t.length > 0, 'no empty tokens');
    assert.ok(!/[\r\n]/.test(text.slice(t.start, t.end)), 'tokens never include a line break');
    assert.ok(t.start >= prevEnd, `tokens do not overlap (${t.type} at ${t.start})`);
    prevEnd = t.end;
    const within = (s: { start: number; end: number } | null | undefined): boolean => !!s && s.start <= t.start && t.end <= s.end;
    if (t.type === 'quote') assert.ok(article.quotes.some((q) => within(q) || q.parts?.some(within)), `quote token ${t.start} inside a quote`);
    else if (t.type === 'speaker') assert.ok(article.quotes.some((q) => within(q.speaker)), 'speaker token on a speaker');
    else if (t.type === 'cue') assert.ok(article.quotes.some((q) => within(q.cue)), 'cue token on a cue');
    else {
      const hit = article.entities.find((e) => TOKEN_TYPE_OF[e.type] === t.type && e.mentions.some(within));
      assert.ok(hit, `${t.type} token "${text.slice(t.start, t.end)}" matches a mention`);
      assert.strictEqual(t.modifiers.includes('firstMention'), within(hit.mentions[0]), `firstMention modifier on "${text.slice(t.start, t.end)}"`);
    }
  }
}
