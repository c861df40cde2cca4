// A small LSP client for the real bundled server (dist/server.js --stdio), shared by the benchmark and the
// robustness tests: spawn, initialize, answer the server's own requests, open/change documents, wait for
// diagnostics of a given version, and read the server's memory from /proc.

import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  createProtocolConnection,
  type ProtocolConnection,
  type ServerCapabilities,
  type Diagnostic,
  type Hover,
  type DocumentSymbol,
  type SymbolInformation,
  type SemanticTokens,
  type Position,
  type TextDocumentContentChangeEvent,
  type PublishDiagnosticsParams,
  type InitializeResult,
} from 'vscode-languageserver-protocol/node';
import { STATUS_NOTIFICATION, type ArticleStatus } from '../../src/protocol';

// compiled to out/scripts/bench/lsp.js
export const repoRoot = path.resolve(__dirname, '../../..');
export const serverBundle = path.join(repoRoot, 'dist/server.js');

export interface StartOptions {
  /** Extra environment for the server process (merged over process.env). */
  env?: NodeJS.ProcessEnv;
  /** Settings the client answers `workspace/configuration` with, merged over the manifest's defaults. */
  settings?: Record<string, unknown>;
  /** Keep the server's stderr (its log) in memory for failure messages instead of dropping it. */
  keepStderr?: boolean;
}

interface Publication {
  seq: number;
  version: number | undefined;
  diagnostics: Diagnostic[];
  at: number;
}

type Waiter = { accept: (p: Publication) => boolean; resolve: (p: Publication) => void };

/** The defaults of every `byline.*` setting, read from the manifest so the client answers like VS Code would. */
export function defaultSettings(): Record<string, unknown> {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } };
  };
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(pkg.contributes?.configuration?.properties ?? {})) {
    out[key.replace(/^byline\./, '')] = schema.default;
  }
  return out;
}

/** Nested form (`{diagnostics: {severity: …}}`) of flat dotted keys, as VS Code returns a section. */
function nest(flat: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      if (typeof next !== 'object' || next === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return out;
}

export class LspClient {
  capabilities: ServerCapabilities = {};
  stderr = '';
  exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** The latest byline/didAnalyze report per URI (words analysed, notice, the server's own analysis time). */
  readonly statuses = new Map<string, ArticleStatus>();
  private publications = new Map<string, Publication>();
  private waiters = new Map<string, Waiter[]>();
  private seq = 0;
  private settings: Record<string, unknown>;

  private constructor(readonly child: ChildProcess, readonly connection: ProtocolConnection, settings: Record<string, unknown>) {
    this.settings = settings;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Spawns `node dist/server.js --stdio` and completes the initialize handshake. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    if (!fs.existsSync(serverBundle)) throw new Error(`${serverBundle} is missing: run \`node esbuild.mjs\` first`);
    const child = spawn(process.execPath, [serverBundle, '--stdio'], {
      cwd: repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createProtocolConnection(child.stdout!, child.stdin!);
    const client = new LspClient(child, connection, { ...defaultSettings(), ...options.settings });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (options.keepStderr !== false) client.stderr = (client.stderr + chunk.toString('utf8')).slice(-20_000);
    });
    child.on('exit', (code, signal) => {
      client.exited = { code, signal };
    });
    // a server that dies mid-write would otherwise crash the test process with EPIPE
    child.stdin!.on('error', () => undefined);
    client.wire();
    connection.listen();
    const result = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      clientInfo: { name: 'byline-bench' },
      capabilities: {
        workspace: { configuration: true, workspaceFolders: false, didChangeConfiguration: { dynamicRegistration: true } },
        window: { workDoneProgress: false },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          semanticTokens: {
            requests: { full: { delta: true }, range: true },
            tokenTypes: ['person', 'organization', 'place', 'otherName', 'date', 'number', 'quote', 'speaker', 'cue',
              'function', 'type', 'enumMember', 'macro', 'event', 'string', 'variable', 'keyword'],
            tokenModifiers: ['firstMention', 'unattributed'],
            formats: ['relative'],
          },
        },
      },
    })) as InitializeResult;
    client.capabilities = result.capabilities;
    await connection.sendNotification('initialized', {});
    return client;
  }

  private wire(): void {
    const c = this.connection;
    c.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => this.configurationFor(item.section)),
    );
    c.onRequest('client/registerCapability', () => null);
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('window/showMessageRequest', () => null);
    c.onRequest('workspace/semanticTokens/refresh', () => null);
    c.onRequest('workspace/diagnostic/refresh', () => null);
    c.onRequest('workspace/inlayHint/refresh', () => null);
    c.onRequest('workspace/codeLens/refresh', () => null);
    c.onNotification('window/logMessage', () => undefined);
    c.onNotification('window/showMessage', () => undefined);
    c.onNotification('$/progress', () => undefined);
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const pub: Publication = { seq: ++this.seq, version: p.version, diagnostics: p.diagnostics, at: performance.now() };
      this.publications.set(p.uri, pub);
      const waiting = this.waiters.get(p.uri) ?? [];
      const still = waiting.filter((w) => {
        if (!w.accept(pub)) return true;
        w.resolve(pub);
        return false;
      });
      this.waiters.set(p.uri, still);
    });
    c.onNotification(STATUS_NOTIFICATION, (p: ArticleStatus) => {
      this.statuses.set(p.uri, p);
    });
    c.onError(() => undefined);
    c.onClose(() => undefined);
  }

  private configurationFor(section: string | undefined): unknown {
    if (!section) return { byline: nest(this.settings) };
    if (section === 'byline') return nest(this.settings);
    if (section.startsWith('byline.')) {
      const key = section.slice('byline.'.length);
      if (key in this.settings) return this.settings[key];
      const nested = nest(this.settings);
      let node: unknown = nested;
      for (const part of key.split('.')) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
      return node ?? null;
    }
    return null;
  }

  /** Changes the answer to `workspace/configuration` and tells the server, as VS Code does. */
  async setSettings(settings: Record<string, unknown>): Promise<void> {
    this.settings = { ...this.settings, ...settings };
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { byline: nest(this.settings) } });
  }

  /** Sequence number of the latest publication so far (for "the next diagnostics after now"). */
  get lastSeq(): number {
    return this.seq;
  }

  async open(uri: string, text: string, languageId = 'news', version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  async close(uri: string): Promise<void> {
    this.publications.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }) as Promise<Hover | null>;
  }

  symbols(uri: string): Promise<(DocumentSymbol | SymbolInformation)[] | null> {
    return this.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as Promise<(DocumentSymbol | SymbolInformation)[] | null>;
  }

  semanticTokens(uri: string): Promise<SemanticTokens | null> {
    return this.connection.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri } }) as Promise<SemanticTokens | null>;
  }

  /** The token legend the server declared (type and modifier names by index). */
  get tokenLegend(): { tokenTypes: string[]; tokenModifiers: string[] } | undefined {
    const provider = this.capabilities.semanticTokensProvider;
    return provider ? provider.legend : undefined;
  }

  /** Whether the server offers pull diagnostics (`textDocument/diagnostic`) rather than pushing them. */
  get pullsDiagnostics(): boolean {
    return this.capabilities.diagnosticProvider !== undefined;
  }

  /**
   * Diagnostics of `uri` for `version`: pulled when the server offers pull diagnostics, otherwise the first
   * publication carrying that version (or, when the server omits versions, the first one after `afterSeq`).
   */
  async diagnostics(uri: string, version: number, afterSeq: number, timeoutMs = 30_000): Promise<Diagnostic[]> {
    if (this.pullsDiagnostics) {
      const report = (await this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items?: Diagnostic[] };
      return report.items ?? [];
    }
    const accept = (p: Publication): boolean => (p.version === undefined ? p.seq > afterSeq : p.version >= version);
    const latest = this.publications.get(uri);
    if (latest && accept(latest)) return latest.diagnostics;
    return new Promise<Diagnostic[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.set(uri, (this.waiters.get(uri) ?? []).filter((w) => w !== waiter));
        reject(new Error(`no diagnostics for ${uri} version ${version} within ${timeoutMs} ms${this.exited ? ` (server exited: ${JSON.stringify(this.exited)})` : ''}`));
      }, timeoutMs);
      const waiter: Waiter = {
        accept,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p.diagnostics);
        },
      };
      this.waiters.set(uri, [...(this.waiters.get(uri) ?? []), waiter]);
    });
  }

  /** Resident memory of the server process in MB (VmRSS and peak VmHWM from /proc), or undefined off Linux. */
  memory(): { rssMb: number; peakMb: number } | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  /** shutdown + exit, then make sure the process is gone. */
  async stop(): Promise<void> {
    if (!this.exited) {
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
        await this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
      await new Promise<void>((resolve) => {
        if (this.exited) return resolve();
        const timer = setTimeout(() => {
          this.child.kill('SIGKILL');
          resolve();
        }, 3000);
        this.child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    this.connection.dispose();
  }
}

/** LSP lines of a text: breaks are \r\n, \n or \r; lengths exclude the break. */
export function lineLengths(text: string): number[] {
  const lengths: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 || ch === 10) {
      lengths.push(i - start);
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lengths.push(text.length - start);
  return lengths;
}

/** Start offset of every LSP line. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 13 || ch === 10) {
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Offset → LSP position (UTF-16 characters), by binary search over line starts. */
export function positionAt(starts: number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo]! };
}

export function median(xs: number[]): number {
  return percentile(xs, 50);
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
