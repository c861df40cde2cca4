// Accuracy gate for the shipped name model: exact-match entity F1 on the dev data in ../shared/data (CoNLL-2003
// testa, the fixed WorldWide dev slice). Floors sit just under the scores the committed model reaches, so quality
// only ratchets up: retrain, rerun `node out/scripts/eval-ner.js`, and raise them with the model card.

import { strict as assert } from 'assert';
import { dataRoot } from '../../scripts/data';
import { evaluateAll, readDevSets, report, type EvalResult } from '../../scripts/eval-ner';
import { loadNameRecognizer } from '../../src/server/model/load';

const FLOORS = {
  conll: 91.8,
  wwPol: 81.8,
  wwAll: 80.1,
};

describe('name recognizer accuracy (dev data)', function () {
  this.timeout(120_000);
  let scores: { conll: EvalResult; wwPol: EvalResult; wwAll: EvalResult } | undefined;

  before(function () {
    const root = dataRoot();
    if (!root) {
      console.warn('\n  !!! SKIPPING name recognizer accuracy gate: ../shared/data not found (set BYLINE_DATA) !!!\n');
      this.skip();
    }
    scores = evaluateAll(loadNameRecognizer(), readDevSets(root));
  });

  it(`CoNLL-2003 testa, PERSON ORG LOC MISC: F1 ≥ ${FLOORS.conll}`, () => {
    console.log(report('    CoNLL-2003 testa', scores!.conll));
    assert.ok(scores!.conll.overall.f1 >= FLOORS.conll, `F1 ${scores!.conll.overall.f1.toFixed(2)} < ${FLOORS.conll}`);
  });

  it(`WorldWide dev slice, PERSON ORG LOC: F1 ≥ ${FLOORS.wwPol}`, () => {
    console.log(report('    WorldWide dev (PERSON ORG LOC)', scores!.wwPol));
    assert.ok(scores!.wwPol.overall.f1 >= FLOORS.wwPol, `F1 ${scores!.wwPol.overall.f1.toFixed(2)} < ${FLOORS.wwPol}`);
  });

  it(`WorldWide dev slice, all four types: F1 ≥ ${FLOORS.wwAll}`, () => {
    assert.ok(scores!.wwAll.overall.f1 >= FLOORS.wwAll, `F1 ${scores!.wwAll.overall.f1.toFixed(2)} < ${FLOORS.wwAll}`);
  });
});
