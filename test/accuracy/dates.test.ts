// Accuracy gate: dates on the WorldWide dev slice (scripts/eval-dates.ts). Floors sit just under today's scores,
// so quality only ratchets up. Skips loudly when ../shared/data is absent (a user's clone).

import { strict as assert } from 'assert';
import { dataRoot } from '../../scripts/data';
import { evaluateDates, type DateScores } from '../../scripts/eval-dates';

/**
 * Measured 2026-11-27: rules only, overlap F1 82.3 / calendar 95.2 / exact 73.7 / recall 97.9; with the trained
 * name recognizer (names override some date readings), 82.8 / 95.8 / 74.4 / 97.3.
 */
const FLOORS = { overlapF1: 0.81, calendarF1: 0.94, exactF1: 0.72, recall: 0.96 };

describe('accuracy: dates on the WorldWide dev slice', function () {
  this.timeout(120_000);
  const root = dataRoot();
  let scores: DateScores | undefined;

  before(function () {
    if (!root) {
      console.warn('\n  *** SKIPPED: ../shared/data not found (set BYLINE_DATA); the dates accuracy gate did not run. ***\n');
      this.skip();
    }
    scores = evaluateDates(root);
  });

  it(`overlap F1 ≥ ${FLOORS.overlapF1}`, () => {
    assert.ok(scores!.overlap.f1 >= FLOORS.overlapF1, `overlap F1 ${scores!.overlap.f1.toFixed(3)}`);
  });

  it(`overlap F1 on calendar dates ≥ ${FLOORS.calendarF1}`, () => {
    assert.ok(scores!.calendar.f1 >= FLOORS.calendarF1, `calendar F1 ${scores!.calendar.f1.toFixed(3)}`);
  });

  it(`exact-span F1 ≥ ${FLOORS.exactF1}`, () => {
    assert.ok(scores!.exact.f1 >= FLOORS.exactF1, `exact F1 ${scores!.exact.f1.toFixed(3)}`);
  });

  it(`overlap recall ≥ ${FLOORS.recall}`, () => {
    assert.ok(scores!.overlap.recall >= FLOORS.recall, `recall ${scores!.overlap.recall.toFixed(3)}`);
  });

  it('aligns nearly every gold date to the raw text', () => {
    assert.ok(scores!.unaligned <= scores!.gold * 0.03, `${scores!.unaligned} of ${scores!.gold} gold dates unaligned`);
  });
});
