// The BILOU decoder (viterbi, pathMargins) against an exhaustive search over every label sequence BILOU allows, on
// short sentences with small integer scores (sums exact, so ties are real ties and common) and some scores
// -Infinity: its fast paths (O alone leading on, by the transition bounds), the searches off them, and the
// backtrack that recomputes the choices the forward pass made.

import { strict as assert } from 'assert';
import { LABELS, allowed } from '../../src/server/analysis/entities/features';
import { boundedTransitions, pathMargins, viterbi } from '../../src/server/analysis/entities/decode';

const L = LABELS.length;
/** allowed(prev, next) for prev -1..L-1 (row prev + 1), next 0..L-1; column L: whether prev may end a sentence. */
const ALLOWED = Array.from({ length: L + 1 }, (_, p) => [...Array.from({ length: L }, (_, y) => allowed(p - 1, y)), p > 0 && allowed(p - 1, 0)]);

/**
 * Every allowed sequence's score, summed token by token as the decoder does ((score + transition) + emission),
 * and the best: the greatest score, ties to the sequence with the lowest last label, then the lowest label before
 * it, and so on (what Viterbi's ties to the lowest predecessor give).
 */
function exhaustive(n: number, emission: Float64Array, transitions: (i: number) => Float64Array): { labels: number[]; margins: number[] } {
  const sequences: { labels: number[]; score: number }[] = [];
  const labels: number[] = [];
  const extend = (i: number, score: number): void => {
    if (i === n) {
      if (ALLOWED[labels[n - 1]! + 1]![L]) sequences.push({ labels: [...labels], score });
      return;
    }
    const prev = i === 0 ? -1 : labels[i - 1]!;
    for (let y = 0; y < L; y++) {
      if (!ALLOWED[prev + 1]![y]) continue;
      labels.push(y);
      extend(i + 1, score + transitions(i)[(prev + 1) * L + y]! + emission[i * L + y]!);
      labels.pop();
    }
  };
  extend(0, 0);
  const later = (a: number[], b: number[]): boolean => {
    for (let i = n - 1; i >= 0; i--) if (a[i] !== b[i]) return a[i]! > b[i]!;
    return false;
  };
  let best = sequences[0]!;
  for (const s of sequences) if (s.score > best.score || (s.score === best.score && later(best.labels, s.labels))) best = s;
  const margins = best.labels.map((chosen, i) => {
    let other = -Infinity;
    for (const s of sequences) if (s.labels[i] !== chosen) other = Math.max(other, s.score);
    return other === -Infinity ? 100 : best.score - other;
  });
  return { labels: best.labels, margins };
}

describe('BILOU decoding', () => {
  it('finds the best sequence and each token’s margin, as an exhaustive search does', () => {
    let seed = 2024;
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const small = (): number => Math.floor(random() * 7) - 3;
    for (let trial = 0; trial < 400; trial++) {
      const n = 1 + (trial % 4);
      // O scored well above the rest sends most tokens down the fast paths; wide emission scores let the bounds
      // skip some predecessors and successors but not all; I-x and L-x scored up make long names (ties between
      // B-x and I-x before them); -Infinity rules labels out (never O, so that some sequence scores finitely)
      const variant = (trial >> 2) % 4;
      const oBonus = variant === 0 ? 12 : 0;
      const spread = variant === 1 ? 6 : 1;
      const insideBonus = variant === 3 ? 3 : 0;
      const emission = Float64Array.from({ length: n * L }, (_, k) =>
        k % L === 0 ? small() + oBonus : random() < 0.1 ? -Infinity : spread * small() + ((k % L) & 2 ? insideBonus : 0),
      );
      // (transition scores in a narrow range make predecessors the bounds cannot skip but that do not win)
      const shapes = [0, 1].map(() => Float64Array.from({ length: (L + 1) * L }, trial & 1 ? (): number => Math.floor(random() * 3) - 1 : small));
      const expected = exhaustive(n, emission, (i) => shapes[i % 2]!);
      for (const matrices of [shapes, shapes.map(boundedTransitions)]) {
        const transitions = (i: number): Float64Array => matrices[i % 2]!;
        const forward = new Float64Array(n * L);
        const labels = viterbi(n, L, emission, transitions, forward);
        assert.deepEqual(labels, expected.labels, `trial ${trial}`);
        const margins = pathMargins(n, L, emission, transitions, forward, labels);
        assert.ok(margins.every((m, i) => Object.is(m, expected.margins[i])), `trial ${trial}: ${margins} vs ${expected.margins}`);
        const named = pathMargins(n, L, emission, transitions, forward, labels, true);
        assert.ok(named.every((m, i) => (labels[i] === 0 ? Number.isNaN(m) : Object.is(m, expected.margins[i]))), `trial ${trial}`);
      }
    }
  });

  it('decodes names that follow one another, from their closed labels', () => {
    // each opening label after a name comes from that name's closed label
    const want = ['U-PERSON', 'B-ORG', 'L-ORG', 'O', 'U-LOC', 'B-MISC', 'I-MISC', 'L-MISC'].map((x) => LABELS.indexOf(x));
    const n = want.length;
    const emission = new Float64Array(n * L);
    want.forEach((y, i) => (emission[i * L + y] = 5));
    const t = boundedTransitions(new Float64Array((L + 1) * L));
    const forward = new Float64Array(n * L);
    const labels = viterbi(n, L, emission, () => t, forward);
    assert.deepEqual(labels, want);
    const margins = pathMargins(n, L, emission, () => t, forward, labels, true);
    assert.ok(margins.every((m, i) => (want[i] === 0 ? Number.isNaN(m) : m > 0)), `${margins}`);
  });
});
