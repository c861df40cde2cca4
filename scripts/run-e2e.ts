// Runs the extension-host suite (out/test/e2e/index.js) inside a real VS Code — the code-server build,
// because this machine cannot download VS Code — and reports mocha's result.
//
//   node out/scripts/run-e2e.js [--workspace DIR] [--tests FILE] [--results FILE] [--timeout SECONDS]
//
// Exits 0 only when run() resolved and every test passed. --results receives {passed, failed, ...} JSON.
import * as fs from 'fs';
import * as path from 'path';
import { format } from 'util';
import { LayerResult, REPO, openBrowser, remoteUri, startServer, workbenchUrl, writeResult } from './code-server';

interface Args { workspace: string; tests: string; results?: string; timeout: number; verbose: boolean }

function parseArgs(argv: string[]): Args {
  const args: Args = {
    workspace: path.join(REPO, 'test', 'fixtures', 'e2e'),
    tests: path.join(REPO, 'out', 'test', 'e2e', 'index.js'),
    timeout: 300,
    verbose: !!process.env.BYLINE_E2E_VERBOSE,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--workspace') args.workspace = path.resolve(value());
    else if (flag === '--tests') args.tests = path.resolve(value());
    else if (flag === '--results') args.results = path.resolve(value());
    else if (flag === '--timeout') args.timeout = Number(value());
    else if (flag === '--verbose') args.verbose = true;
    else throw new Error(`unknown argument ${flag}`);
  }
  return args;
}

// Offline noise the workbench logs on every start; not ours, and it drowns mocha's report.
const NOISE = [/open-vsx/i, /marketplace/i, /service ?worker/i, /Failed to fetch/i, /ERR_INTERNET_DISCONNECTED/,
  /ENOTFOUND/, /getaddrinfo/, /\[uriIdentity\]/, /webview/i, /404/, /connection token/, /Creating a socket/,
  /builtin extensions cache/, /ChatSessionStore/, /^\s*$/];

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  if (!fs.existsSync(args.tests)) throw new Error(`no compiled suite at ${args.tests}: run npm run compile`);

  // The suite writes its own counts here (it runs in the extension host on this machine); the console
  // output relayed through codeAutomationLog is the fallback.
  const suiteResults = path.join(fs.mkdtempSync(path.join(REPO, 'out', 'e2e-')), 'suite.json');
  const server = await startServer({
    flavour: 'vscode',
    env: { BYLINE_E2E_RESULTS: suiteResults, BYLINE_E2E: '1' },
  });
  let exitCode: number | undefined;
  const lines: string[] = [];
  try {
    const context = await openBrowser(server.dataDir);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const settled = new Promise<number>((resolve) => {
        void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
      });
      await page.exposeFunction('codeAutomationLog', (level: string, logArgs: unknown) => {
        // the extension host relays console.log's arguments unformatted: apply the format string here
        const text = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
        lines.push(text);
        if (args.verbose || !NOISE.some((re) => re.test(text))) {
          process.stdout.write(level === 'info' || level === 'log' ? `${text}\n` : `[${level}] ${text}\n`);
        }
      });
      page.on('pageerror', (err) => { if (args.verbose) console.error(`[page] ${err.message}`); });

      const url = workbenchUrl(server.port, args.workspace, [
        ['extensionDevelopmentPath', remoteUri(server.port, REPO)],
        ['extensionTestsPath', remoteUri(server.port, args.tests)],
        ['skipWelcome', 'true'],
      ]);
      await page.goto(url);
      const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-1), args.timeout * 1000));
      exitCode = await Promise.race([settled, timeout]);
      if (exitCode === -1) console.error(`e2e: the suite did not finish within ${args.timeout} s`);
    } finally {
      await context.close();
    }
  } finally {
    await server.stop();
  }

  const result: LayerResult = readSuiteResult(suiteResults, lines);
  fs.rmSync(path.dirname(suiteResults), { recursive: true, force: true });
  result.seconds = (Date.now() - started) / 1000;
  if (exitCode !== 0 && result.failed === 0) {
    // run() rejected or never settled without a test failing: count the run itself as one failure
    result.failed = 1;
    result.failures.push({ title: 'e2e run', error: `extension host exited with ${exitCode}` });
  }
  writeResult(args.results, result);
  console.log(`e2e (code-server): ${result.passed} passed, ${result.failed} failed, ${result.pending} pending ` +
    `in ${result.seconds.toFixed(1)} s`);
  return result.failed === 0 && result.passed > 0 ? 0 : 1;
}

function readSuiteResult(file: string, lines: string[]): LayerResult {
  const empty: LayerResult = { layer: 'e2e', passed: 0, failed: 0, pending: 0, seconds: 0, failures: [] };
  if (fs.existsSync(file)) {
    return { ...empty, ...(JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LayerResult>), layer: 'e2e' };
  }
  // fallback: mocha's spec summary lines ("  3 passing (1s)", "  1 failing")
  const all = lines.join('\n');
  const passing = /(\d+) passing/.exec(all);
  const failing = /(\d+) failing/.exec(all);
  const pending = /(\d+) pending/.exec(all);
  return { ...empty, passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0), pending: Number(pending?.[1] ?? 0) };
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  },
);
