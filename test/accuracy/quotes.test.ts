// Accuracy gate for quotes and attribution on PolNeAR dev (../shared/data), restricted to speech and quotation
// as issue 4 says (scripts/eval-quotes.ts). Floors sit just under today's figures so quality can only ratchet
// up. Skips loudly when the corpus is absent (a user's clone).

import * as assert from 'assert';
import { dataRoot, readPolnear } from '../../scripts/data';
import { evaluate, pickEngine, type QuoteScores } from '../../scripts/eval-quotes';

/**
 * Measured 2026-11-27 through analyzeText with the name model (node out/scripts/eval-quotes.js --split dev):
 * F1 86.4 at 30% overlap (P 92.3, R 81.3), F1 79.9 at 80%, speaker accuracy 90.7%. Targets: F1@30 ≥ 85, speakers ≥ 90%.
 */
const MIN_F1_30 = 0.855;
const MIN_F1_80 = 0.79;
const MIN_SPEAKER_ACCURACY = 0.9;

describe('accuracy: quotes and attribution on PolNeAR dev', function () {
  this.timeout(120_000);
  let scores: QuoteScores | undefined;

  before(function () {
    const root = dataRoot();
    if (!root) {
      console.warn('\n  *** SKIPPED: ../shared/data not found (set BYLINE_DATA); quote accuracy NOT measured ***\n');
      this.skip();
    }
    const warning = pickEngine();
    if (warning) console.warn(`\n  *** ${warning} ***\n`);
    scores = evaluate(readPolnear(root!, 'dev'));
    const s = scores;
    const pct = (x: number): string => (100 * x).toFixed(1);
    console.log(`    F1@30 ${pct(s.at30.f1)} (P ${pct(s.at30.p)} R ${pct(s.at30.r)}), F1@80 ${pct(s.at80.f1)}, speakers ${pct(s.speakers.accuracy)}% of ${s.speakers.checked}`);
  });

  it(`finds quotes with F1 ≥ ${MIN_F1_30 * 100} at 30% character overlap`, () => {
    assert.ok(scores!.gold > 1000, `only ${scores!.gold} gold attributions read`);
    assert.ok(scores!.at30.f1 >= MIN_F1_30, `F1@30 ${(scores!.at30.f1 * 100).toFixed(1)}`);
  });

  it(`finds quote extents with F1 ≥ ${MIN_F1_80 * 100} at 80% character overlap`, () => {
    assert.ok(scores!.at80.f1 >= MIN_F1_80, `F1@80 ${(scores!.at80.f1 * 100).toFixed(1)}`);
  });

  it(`names the right speaker for at least ${MIN_SPEAKER_ACCURACY * 100}% of found quotes`, () => {
    assert.ok(scores!.speakers.checked > 800, `only ${scores!.speakers.checked} speakers checked`);
    assert.ok(scores!.speakers.accuracy >= MIN_SPEAKER_ACCURACY, `speaker accuracy ${(scores!.speakers.accuracy * 100).toFixed(1)}%`);
  });
});
