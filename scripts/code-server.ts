// Shared plumbing for the two real-editor layers (the extension-host suite and the UI run): start the
// code-server build of VS Code on a free port with throwaway state, open it in headless Debian Chromium,
// and tear everything down again. See ../shared/design/TESTING.md for why it is done this way offline.
import { spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { chromium, BrowserContext } from 'playwright-core';

/** The repository root (this file runs from out/scripts/). */
export const REPO = path.resolve(__dirname, '..', '..');

export function codeServerPackage(): string {
  const dir = process.env.BYLINE_CODE_SERVER_DIR ?? path.join(REPO, '.cache', 'code-server');
  const pkg = path.join(dir, 'package');
  if (!fs.existsSync(path.join(pkg, 'lib', 'vscode', 'out', 'server-main.js'))) {
    throw new Error(`code-server is not installed in ${dir}: run bash scripts/install-code-server.sh`);
  }
  return pkg;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Server {
  port: number;
  /** Throwaway state folder: server data, user settings, extensions, TMPDIR, browser profile. */
  dataDir: string;
  userDir: string;
  extensionsDir: string;
  logFile: string;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** `vscode`: the bare VS Code server (extension-host suite); `code-server`: code-server's own entry (UI run). */
  flavour: 'vscode' | 'code-server';
  /** Extra environment for the server and so for the extension host (the tests read it). */
  env?: NodeJS.ProcessEnv;
  /** User settings merged over the quiet defaults. */
  settings?: Record<string, unknown>;
  /** Reuse an existing state folder (the UI run installs the .vsix into it first). */
  dataDir?: string;
}

export function makeDataDir(prefix: string): string {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  // the server creates its folders with a non-recursive mkdir, so the parents must exist
  for (const sub of ['server', 'user/User', 'ext', 'tmp', 'browser']) {
    fs.mkdirSync(path.join(dataDir, sub), { recursive: true });
  }
  return dataDir;
}

export async function startServer(options: ServerOptions): Promise<Server> {
  const pkg = codeServerPackage();
  const dataDir = options.dataDir ?? makeDataDir('byline-vscode-');
  const userDir = path.join(dataDir, 'user');
  const extensionsDir = path.join(dataDir, 'ext');
  const settings = {
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'workbench.enableExperiments': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    // the suite edits fixtures in place and restores them; never let an edit reach the disk on its own
    'files.autoSave': 'off',
    // the fixtures sit inside this repository: no "open the parent git repository?" toast over the editor
    'git.openRepositoryInParentFolders': 'never',
    ...options.settings,
  };
  fs.writeFileSync(path.join(userDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const port = await freePort();
  const logFile = path.join(dataDir, 'server.log');
  const log = fs.openSync(logFile, 'a');
  const common = ['--disable-workspace-trust', '--user-data-dir', userDir, '--extensions-dir', extensionsDir];
  let args: string[];
  if (options.flavour === 'vscode') {
    args = [path.join(pkg, 'lib', 'vscode', 'out', 'server-main.js'), '--host', '127.0.0.1', '--port', String(port),
      '--without-connection-token', '--server-data-dir', path.join(dataDir, 'server'), ...common];
  } else {
    const config = path.join(dataDir, 'config.yaml');
    fs.writeFileSync(config, 'auth: none\ncert: false\n');
    args = [path.join(pkg, 'out', 'node', 'entry.js'), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
      '--config', config, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override',
      ...common];
  }
  // detached: the server forks an extension host and helpers; we kill the whole process group afterwards
  const proc: ChildProcess = spawn(process.execPath, args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: { ...process.env, ...options.env, TMPDIR: path.join(dataDir, 'tmp') },
  });
  fs.closeSync(log);
  let exited = false;
  proc.on('exit', () => { exited = true; });

  const stop = async (): Promise<void> => {
    if (proc.pid !== undefined && !exited) {
      try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
      for (let i = 0; i < 30 && !exited; i++) await sleep(100);
      try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    if (!process.env.BYLINE_KEEP_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  while (!(await answers(port))) {
    if (exited || Date.now() > deadline) {
      const tail = fs.readFileSync(logFile, 'utf8').slice(-3000);
      await stop();
      throw new Error(`the VS Code server did not come up on port ${port}:\n${tail}`);
    }
    await sleep(250);
  }
  return { port, dataDir, userDir, extensionsDir, logFile, stop };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', timeout: 2000 }, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage'];

/** Headless Debian Chromium with a fresh profile inside the state folder. */
export async function openBrowser(dataDir: string, viewport = { width: 1400, height: 900 }): Promise<BrowserContext> {
  const executablePath = process.env.BYLINE_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`no Chromium at ${executablePath}: apt-get install chromium (or set BYLINE_CHROMIUM)`);
  }
  return chromium.launchPersistentContext(path.join(dataDir, 'browser'), {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
}

/** The workbench URL; a payload (extensionDevelopmentPath, extensionTestsPath) only counts in the URL. */
export function workbenchUrl(port: number, folder: string, payload: Array<[string, string]> = []): string {
  const url = new URL(`http://127.0.0.1:${port}/`);
  url.searchParams.set('folder', folder);
  if (payload.length) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

export function remoteUri(port: number, absPath: string): string {
  return `vscode-remote://127.0.0.1:${port}${absPath}`;
}

/** Per-layer result, read by scripts/test.sh for the closing line. */
export interface LayerResult {
  layer: string;
  passed: number;
  failed: number;
  pending: number;
  seconds: number;
  failures: Array<{ title: string; error: string }>;
}

export function writeResult(file: string | undefined, result: LayerResult): void {
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
}
