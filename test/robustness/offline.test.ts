// The offline guarantee (issue 8): the CLI and the language server run with every outbound network API
// refused by scripts/no-network.js, through our samples and (when present) a few hundred WorldWide articles,
// and not a single attempt is recorded. The guard itself is proven first: a deliberate connect is caught.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LspClient, lineStarts, positionAt } from '../../scripts/bench/lsp';

const root = path.resolve(__dirname, '../../..');
const preload = path.join(root, 'scripts/no-network.js');
const cli = path.join(root, 'dist/cli.js');
const samplesDir = path.join(root, 'samples');
const worldwideDir = path.resolve(root, '../shared/data/ner/worldwide/articles');

interface LogEntry {
  pid: number;
  thread: number;
  event: 'loaded' | 'blocked';
  api?: string;
  target?: string;
}

function readLog(file: string): LogEntry[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LogEntry);
}

/** Environment that loads the guard into every node process started from it (children and workers too). */
function guardedEnv(log: string): NodeJS.ProcessEnv {
  const inherited = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : '';
  return { ...process.env, NODE_OPTIONS: `${inherited}--require ${JSON.stringify(preload)}`, BYLINE_NET_LOG: log };
}

function blocked(entries: LogEntry[]): LogEntry[] {
  return entries.filter((e) => e.event === 'blocked');
}

describe('offline guarantee (no network, ever)', function () {
  this.timeout(300_000);
  let dir: string;

  before(function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'byline-offline-'));
  });
  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('the guard itself', function () {
    it('catches and counts a deliberate connect, DNS lookup, http request, UDP send and fetch in a child process and its worker thread', function () {
      const log = path.join(dir, 'self-test.log');
      const script = `
        const attempts = [
          () => require('net').connect(443, '93.184.215.14'),
          () => require('dns').lookup('example.com', () => {}),
          () => require('https').get('https://example.com/'),
          () => require('dgram').createSocket('udp4').send('ping', 53, '9.9.9.9'),
        ];
        let thrown = 0;
        for (const attempt of attempts) { try { attempt(); } catch (e) { if (e.code === 'EBYLINEOFFLINE') thrown++; } }
        fetch('https://example.com/').then(() => process.exit(3), (e) => {
          // the server analyses in a worker thread: the guard must be active there too
          const { Worker } = require('worker_threads');
          const worker = new Worker("try { require('net').connect(80, '127.0.0.1') } catch (e) { require('worker_threads').parentPort.postMessage(e.code) }", { eval: true });
          worker.on('message', (code) => {
            process.stdout.write(JSON.stringify({ thrown, fetchRefused: /refused/.test(String(e)), worker: code }));
          });
        });`;
      const r = spawnSync(process.execPath, ['-e', script], { env: guardedEnv(log), encoding: 'utf8', timeout: 30_000 });
      assert.strictEqual(r.status, 0, r.stderr);
      assert.deepStrictEqual(JSON.parse(r.stdout), { thrown: 4, fetchRefused: true, worker: 'EBYLINEOFFLINE' });
      const entries = readLog(log);
      assert.deepStrictEqual(
        blocked(entries).map((e) => e.api),
        ['net.connect', 'dns.lookup', 'https.get', 'dgram.send', 'fetch', 'net.connect'],
      );
      assert.deepStrictEqual(entries.filter((e) => e.event === 'loaded').map((e) => e.thread), [0, 1], 'loaded in the main thread and the worker');
    });

    it('leaves stdio pipes alone (the server speaks LSP over them)', function () {
      const log = path.join(dir, 'stdio.log');
      const r = spawnSync(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], {
        env: guardedEnv(log),
        input: 'Content-Length: 2\r\n\r\n{}',
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.strictEqual(r.status, 0, r.stderr);
      assert.strictEqual(r.stdout, 'Content-Length: 2\r\n\r\n{}');
      assert.deepStrictEqual(blocked(readLog(log)), []);
    });
  });

  describe('the CLI', function () {
    before(function () {
      if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run \`node esbuild.mjs\` first`);
    });

    it('analyses the samples with zero network attempts', function () {
      const log = path.join(dir, 'cli-samples.log');
      const r = spawnSync(process.execPath, [cli, 'analyze', '--format', 'jsonl', samplesDir], {
        cwd: root,
        env: guardedEnv(log),
        encoding: 'utf8',
        timeout: 120_000,
      });
      assert.strictEqual(r.status, 0, r.stderr);
      const results = r.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { file: string });
      assert.strictEqual(results.length, fs.readdirSync(samplesDir).length, 'one result per sample');
      const entries = readLog(log);
      assert.ok(entries.some((e) => e.event === 'loaded'), 'the guard was loaded in the CLI process');
      assert.deepStrictEqual(blocked(entries), [], 'network attempts by the CLI');
    });

    it('checks a few hundred WorldWide articles with zero network attempts', function () {
      if (!fs.existsSync(worldwideDir)) {
        console.log(`      SKIPPED: ${worldwideDir} is absent (a clone without ../shared/data)`);
        this.skip();
      }
      const files = fs
        .readdirSync(worldwideDir)
        .filter((f) => f.endsWith('.txt'))
        .sort()
        .filter((_, i) => i % 3 === 0)
        .map((f) => path.join(worldwideDir, f));
      assert.ok(files.length >= 200, `${files.length} articles`);
      const log = path.join(dir, 'cli-worldwide.log');
      const r = spawnSync(process.execPath, [cli, 'check', '--format', 'json', ...files], {
        cwd: root,
        env: guardedEnv(log),
        encoding: 'utf8',
        timeout: 240_000,
        maxBuffer: 256 * 1024 * 1024,
      });
      // check exits 1 when findings exist: that is a verdict, not a failure
      assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}: ${r.stderr.slice(0, 500)}`);
      const results = JSON.parse(r.stdout) as unknown[];
      assert.strictEqual(results.length, files.length, 'one result per article');
      const entries = readLog(log);
      assert.ok(entries.some((e) => e.event === 'loaded'));
      assert.deepStrictEqual(blocked(entries), [], 'network attempts by the CLI');
      console.log(`      ${files.length} WorldWide articles checked offline, 0 network attempts`);
    });
  });

  describe('the language server over stdio', function () {
    it('opens, hovers, lists symbols and tokens for the samples and some WorldWide articles with zero network attempts', async function () {
      const log = path.join(dir, 'server.log');
      const env = guardedEnv(log);
      const client = await LspClient.start({ env: { NODE_OPTIONS: env.NODE_OPTIONS, BYLINE_NET_LOG: log } });
      let requests = 0;
      const files: string[] = [];
      try {
        // our samples, and some WorldWide articles when present (the server runs on whatever is opened)
        files.push(...fs.readdirSync(samplesDir).sort().map((name) => path.join(samplesDir, name)));
        if (fs.existsSync(worldwideDir)) {
          files.push(...fs.readdirSync(worldwideDir).sort().filter((_, i) => i % 40 === 1).map((name) => path.join(worldwideDir, name)));
        }
        for (const file of files) {
          const name = path.basename(file);
          const text = fs.readFileSync(file, 'utf8');
          const uri = `file://${file}`;
          const languageId = name.endsWith('.md') ? 'markdown' : name.endsWith('.txt') ? 'plaintext' : 'news';
          const since = client.lastSeq;
          await client.open(uri, text, languageId, 1);
          await client.diagnostics(uri, 1, since);
          const starts = lineStarts(text);
          // a hover on every capitalised word: the names the hover is for
          for (const m of text.matchAll(/\b[A-Z][a-z]+/g)) {
            await client.hover(uri, positionAt(starts, m.index + 1));
            requests++;
          }
          assert.ok(await client.symbols(uri), `symbols for ${name}`);
          assert.ok(await client.semanticTokens(uri), `semantic tokens for ${name}`);
          requests += 2;
          await client.close(uri);
        }
      } finally {
        await client.stop();
      }
      assert.ok(!client.exited?.signal, `server ended by ${client.exited?.signal}`);
      const entries = readLog(log);
      assert.ok(
        entries.some((e) => e.event === 'loaded' && e.pid === client.pid),
        `the guard was loaded in the server process (pid ${client.pid})`,
      );
      assert.deepStrictEqual(blocked(entries), [], 'network attempts by the server');
      const threads = entries.filter((e) => e.event === 'loaded' && e.pid === client.pid).length;
      console.log(`      ${requests} requests on ${files.length} documents answered by the guarded server (guard active in ${threads} thread(s)), 0 network attempts`);
    });
  });
});
