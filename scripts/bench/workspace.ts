// `node out/scripts/bench/workspace.js [folder]`: the workspace index on a folder of articles — time to index,
// hover latency on an open document while indexing runs, and the server's memory after. Without an argument it
// copies ../shared/data/ner/worldwide/articles (860 files) to a temporary folder (never into the repo) and
// removes it afterwards. Prints figures only; the texts never leave the temporary folder.

import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { INDEXED_NOTIFICATION, type WorkspaceIndexStatus } from '../../src/protocol';
import { median, percentile, repoRoot, serverBundle } from './lsp';

function rssMb(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

async function main(): Promise<void> {
  let dir = process.argv[2];
  let temp: string | undefined;
  if (!dir) {
    const source = path.resolve(repoRoot, '../shared/data/ner/worldwide/articles');
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-index-bench-'));
    for (const f of fs.readdirSync(source)) fs.copyFileSync(path.join(source, f), path.join(temp, f));
    dir = temp;
  }
  const files = fs.readdirSync(dir).filter((f) => /\.(txt|md|news)$/.test(f));
  const child = spawn(process.execPath, [serverBundle, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  let progressReports = 0;
  connection.onNotification('$/progress', () => {
    progressReports++;
  });
  let indexed: WorkspaceIndexStatus | undefined;
  const done = new Promise<WorkspaceIndexStatus>((resolve) => connection.onNotification(INDEXED_NOTIFICATION, (s: WorkspaceIndexStatus) => resolve((indexed = s))));
  connection.listen();
  const t0 = Date.now();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).toString(),
    workspaceFolders: [{ uri: pathToFileURL(dir).toString(), name: 'bench' }],
    capabilities: { window: { workDoneProgress: true }, workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  await connection.sendNotification('initialized', {});

  // An open document of our own (the LSP fixture story) hovered throughout the indexing.
  const storyPath = path.join(repoRoot, 'test/fixtures/workspace/2026-04-11-assessment.txt');
  const text = fs.readFileSync(storyPath, 'utf8');
  const uri = 'untitled:bench-open.txt';
  // Hovers are timed once the document's own first analysis is published (before it, a hover waits for it).
  const analysed = new Promise<void>((resolve) => connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
      if (p.uri === uri) resolve();
    }));
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  await analysed;
  const openedAfter = (Date.now() - t0) / 1000;
  const at = text.indexOf('Maren Ostby') + 2;
  const line = text.slice(0, at).split('\n').length - 1;
  const character = at - (text.lastIndexOf('\n', at - 1) + 1);
  const during: number[] = [];
  while (!indexed) {
    const h0 = performance.now();
    await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    during.push(performance.now() - h0);
    await Promise.race([done, new Promise((r) => setTimeout(r, 20))]);
  }
  const status = await done;
  const seconds = (Date.now() - t0) / 1000;
  // Let the collector settle before reading memory, as a user would a few seconds later.
  await new Promise((r) => setTimeout(r, 3000));
  const mem = rssMb(child.pid!);
  const after: number[] = [];
  for (let i = 0; i < 50; i++) {
    const h0 = performance.now();
    await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    after.push(performance.now() - h0);
  }
  const s0 = performance.now();
  const symbols = (await connection.sendRequest('workspace/symbol', { query: 'minister' })) as unknown[];
  const symbolMs = performance.now() - s0;

  console.log(`workspace index on ${files.length} files in ${dir}${temp ? ' (temporary copy)' : ''}`);
  console.log(`  indexed ${status.files} files, skipped ${status.skipped}, first pass ${(status.ms / 1000).toFixed(1)} s (from initialize: ${seconds.toFixed(1)} s)   target ≤ 20 s`);
  console.log(`  progress notifications: ${progressReports}; open document analysed ${openedAfter.toFixed(1)} s after initialize`);
  console.log(`  hover on an open document during indexing: ${during.length} hovers, p50 ${median(during).toFixed(1)} ms, p95 ${percentile(during, 95).toFixed(1)} ms, worst ${Math.max(...during).toFixed(1)} ms (hover #${during.indexOf(Math.max(...during)) + 1}), ${during.filter((x) => x > 50).length} over 50 ms   target ≤ 50 ms`);
  console.log(`  hover after indexing: p50 ${median(after).toFixed(1)} ms, p95 ${percentile(after, 95).toFixed(1)} ms`);
  console.log(`  workspace/symbol "minister": ${symbols.length} symbols in ${symbolMs.toFixed(1)} ms`);
  console.log(`  server RSS after indexing: ${mem.rss.toFixed(0)} MB (peak ${mem.hwm.toFixed(0)} MB)   target ≤ 300 MB`);

  await connection.sendRequest('shutdown').catch(() => undefined);
  await connection.sendNotification('exit').catch(() => undefined);
  setTimeout(() => child.kill(), 2000).unref();
  connection.dispose();
  if (temp) fs.rmSync(temp, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
