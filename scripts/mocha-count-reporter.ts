// mocha's spec output for people, plus a JSON file of counts for scripts/test.sh, which prints the plain
// `N passed, N failed` line CI reads (CI does not read mocha's "N passing").
//
//   BYLINE_RESULTS=out/results/unit.json BYLINE_LAYER=unit mocha --reporter out/scripts/mocha-count-reporter.js ...
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const started = Date.now();
    const failures: Array<{ title: string; error: string }> = [];
    runner.on(Mocha.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Test, err: Error) => {
      failures.push({ title: test.fullTitle(), error: err.message });
    });
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const file = process.env.BYLINE_RESULTS;
      if (!file) return;
      const stats = runner.stats;
      const result = {
        layer: process.env.BYLINE_LAYER ?? 'mocha',
        passed: stats?.passes ?? 0,
        // a failing before() hook counts as a failure too: stats.failures includes hooks
        failed: stats?.failures ?? failures.length,
        pending: stats?.pending ?? 0,
        seconds: (Date.now() - started) / 1000,
        failures,
      };
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(result, null, 2) + '\n');
    });
  }
}

export = CountReporter;
