// The same extension suite launched in a downloaded desktop VS Code, for machines that can reach
// update.code.visualstudio.com (a contributor's laptop, public CI). This environment is offline, so it uses
// scripts/run-e2e.ts (code-server) instead.
//
//   npm run compile && node out/test/e2e/electron.js            (needs a display: xvfb-run -a on Linux CI)
//   BYLINE_VSCODE_VERSION=1.100.3 node out/test/e2e/electron.js
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const repo = path.resolve(__dirname, '..', '..', '..');
  const workspace = path.join(repo, 'test', 'fixtures', 'e2e');
  await runTests({
    version: process.env.BYLINE_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(__dirname, 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome',
      '--skip-release-notes'],
    extensionTestsEnv: { BYLINE_E2E: '1' },
  });
}

main().catch((err: unknown) => {
  console.error('extension tests failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
