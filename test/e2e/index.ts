// The extension-host entry point in the standard @vscode/test-electron shape: VS Code loads this file
// (extensionTestsPath) and awaits run(). Both launchers use it: scripts/run-e2e.ts (code-server, offline)
// and test/e2e/electron.ts (downloaded VS Code).
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

interface Failure { title: string; error: string }

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const only = process.env.BYLINE_E2E_GREP;
  if (only) mocha.grep(only);
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const started = Date.now();
  const failures: Failure[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failed) => {
      const stats = runner.stats;
      const result = {
        layer: 'e2e',
        passed: stats?.passes ?? 0,
        failed: stats?.failures ?? failed,
        pending: stats?.pending ?? 0,
        seconds: (Date.now() - started) / 1000,
        failures,
      };
      // the launcher reads this file: the extension host runs on the same machine as the launcher
      const out = process.env.BYLINE_E2E_RESULTS;
      if (out) fs.writeFileSync(out, JSON.stringify(result, null, 2));
      console.log(`BYLINE_E2E_RESULT ${JSON.stringify({ passed: result.passed, failed: result.failed })}`);
      if (failed > 0) reject(new Error(`${failed} extension test(s) failed`));
      else resolve();
    });
    runner.on('fail', (test, err: Error) => {
      failures.push({ title: test.fullTitle(), error: err.message });
    });
  });
}
