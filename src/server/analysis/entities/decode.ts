// Decoding a sentence's label scores into BILOU labels (Viterbi) and per-token confidence margins (max-marginals),
// specialised to the 17 labels of LABELS. The tagger's innermost loops: pure functions of the scores, no model.

import { LABELS } from './features';

// Decoding, specialised to BILOU over NAME_TYPES (LABELS: O, then B I L U per type). A label is "closed" when a
// name ends with it or there is none (O, L-x, U-x): a closed label may be followed by O, B-x or U-x (the
// "opening" labels, also the only ones allowed first), an open one (B-x, I-x) only by I-x or L-x of its type, and
// only closed labels may end a sentence (see `allowed`). So each opening label has the 9 closed labels as
// possible predecessors and each I-x / L-x two (B-x, I-x): about 100 candidate steps per token and pass.
// Ties go to the lowest predecessor label (ascending order, strict comparison), as a generic Viterbi does.
//
// Both passes carry one token's 17 scores from token to token in locals and write out each step label by label:
// V8 checks a typed array (its map, length and data pointer) once per straight-line stretch of code but again on
// every turn of a loop, loops over the labels cost about twice the instructions, and a row read back from memory
// costs a bounds check per entry. Most tokens take exact fast paths (bounds on the transition rows, below); the
// others a search over the predecessors (successors) that the bounds leave.

/** Closed labels (O, L-x, U-x) and opening labels (O, B-x, U-x), ascending. */
const CLOSED = [0, 3, 4, 7, 8, 11, 12, 15, 16];
const OPENING = [0, 1, 4, 5, 8, 9, 12, 13, 16];
const LABEL_COUNT = 17;

/**
 * A transition matrix has (L+1) × L entries (see viterbi). One made by boundedTransitions is followed by bounds
 * and copies of the entries that decoding reads, grouped in the order it reads them, so that a token touches a
 * few cache lines of its matrix rather than entries spread over its 2.4 KiB (a sentence alternates between the
 * matrices of several word shapes):
 * - FROM_O_FLOOR: the least entry of O's row over the opening labels; CEILINGS: the greatest of each other closed
 *   row's (CLOSED[1..8]);
 * - CLOSED_TO_OPENING: the closed rows at the opening labels, row by row (CLOSED × OPENING; O's row first);
 * - INSIDE: per type, B-x → I-x, I-x → I-x, B-x → L-x, I-x → L-x;
 * - CLOSED_LOW, CLOSED_HIGH: the least and the greatest entry of all closed rows at the opening labels;
 * - OPENING_FROM_CLOSED: the same 81 entries column by column (OPENING × CLOSED; the column of O first).
 * Forward tokens read FROM_O_FLOOR to the end of O's row, and INSIDE; backward tokens INSIDE to the end of O's column.
 */
const TRANSITIONS = 18 * 17;
const FROM_O_FLOOR = TRANSITIONS;
const CEILINGS = FROM_O_FLOOR + 1;
const CLOSED_TO_OPENING = CEILINGS + 8;
const INSIDE = CLOSED_TO_OPENING + 81;
const CLOSED_LOW = INSIDE + 16;
const CLOSED_HIGH = CLOSED_LOW + 1;
const OPENING_FROM_CLOSED = CLOSED_HIGH + 1;
const BOUNDED_TRANSITIONS = OPENING_FROM_CLOSED + 81;

/** A raw transition matrix's bounded form (see TRANSITIONS) written to `out`, which is returned. */
function bound(t: Float64Array, out: Float64Array): Float64Array {
  for (let k = 0; k < TRANSITIONS; k++) out[k] = t[k]!;
  let low = Infinity;
  let high = -Infinity;
  for (let c = 0; c < CLOSED.length; c++) {
    let rowLow = Infinity;
    let rowHigh = -Infinity;
    for (let a = 0; a < OPENING.length; a++) {
      const v = t[(CLOSED[c]! + 1) * LABEL_COUNT + OPENING[a]!]!;
      out[CLOSED_TO_OPENING + 9 * c + a] = out[OPENING_FROM_CLOSED + 9 * a + c] = v;
      rowLow = Math.min(rowLow, v);
      rowHigh = Math.max(rowHigh, v);
    }
    if (c === 0) out[FROM_O_FLOOR] = rowLow;
    else out[CEILINGS + c - 1] = rowHigh;
    low = Math.min(low, rowLow);
    high = Math.max(high, rowHigh);
  }
  out[CLOSED_LOW] = low;
  out[CLOSED_HIGH] = high;
  for (let b = 1; b < LABEL_COUNT; b += 4) {
    out[INSIDE + b - 1] = t[(b + 1) * LABEL_COUNT + b + 1]!;
    out[INSIDE + b] = t[(b + 2) * LABEL_COUNT + b + 1]!;
    out[INSIDE + b + 1] = t[(b + 1) * LABEL_COUNT + b + 2]!;
    out[INSIDE + b + 2] = t[(b + 2) * LABEL_COUNT + b + 2]!;
  }
  return out;
}

/**
 * A transition matrix with its bounds and the entries decoding reads grouped (see TRANSITIONS), with which
 * viterbi and pathMargins skip predecessors and successors that cannot win (same result), faster.
 */
export function boundedTransitions(t: Float64Array): Float64Array {
  return bound(t, new Float64Array(BOUNDED_TRANSITIONS));
}

/** Where a raw matrix is bounded for the step that reads it. */
const boundedScratch = new Float64Array(BOUNDED_TRANSITIONS);

/** `t` if made by boundedTransitions, else its bounded form (valid until the next call). */
function bounded(t: Float64Array): Float64Array {
  return t.length === BOUNDED_TRANSITIONS ? t : bound(t, boundedScratch);
}

/** Per token, whether O led to all of its opening labels (viterbi's fast path), grown to the longest sentence seen. */
let fromOnlyO = new Uint8Array(0);
/** Forward scores when the caller does not keep them. */
let forwardScratch = new Float64Array(0);
/** pathMargins' backward scores of a token's successor (for its search), and a token's forward + backward scores (for its margin). */
const successorScratch = new Float64Array(LABEL_COUNT);
const sumsScratch = new Float64Array(LABEL_COUNT);

/** Views of the rows of LABEL_COUNT entries of the arrays decoding has seen (rowsOf), while the arrays live. */
const rowViews = new WeakMap<Float64Array | Uint8Array, (Float64Array | Uint8Array)[]>();

/**
 * Views of every row of LABEL_COUNT entries of an array (a token's scores), made once per array (decoding and the
 * tagger reuse their arrays). A row's entries are read at constant indices, which V8 checks in about half the
 * instructions of an offset into the whole array.
 */
export function rowsOf<A extends Float64Array | Uint8Array>(a: A): A[] {
  let rows = rowViews.get(a) as A[] | undefined;
  if (!rows) {
    rows = [];
    for (let at = 0; at + LABEL_COUNT <= a.length; at += LABEL_COUNT) rows.push(a.subarray(at, at + LABEL_COUNT) as A);
    rowViews.set(a, rows);
  }
  return rows;
}

/**
 * The opening labels of a token (its rows of scores `cur` and emission scores) from the closed labels at the
 * token before (scores `prev`), when O alone cannot be shown to lead to all: the best of O and of the predecessors
 * whose score plus the greatest of their row reaches O's floor (the others cannot win or tie), predecessor by
 * predecessor in ascending order.
 */
function openingFromClosed(cur: Float64Array, prev: Float64Array, e: Float64Array, t: Float64Array): void {
  const fromO = prev[0]!;
  const floor = fromO + t[FROM_O_FLOOR]!;
  let m0 = fromO + t[CLOSED_TO_OPENING]!;
  let m1 = fromO + t[CLOSED_TO_OPENING + 1]!;
  let m4 = fromO + t[CLOSED_TO_OPENING + 2]!;
  let m5 = fromO + t[CLOSED_TO_OPENING + 3]!;
  let m8 = fromO + t[CLOSED_TO_OPENING + 4]!;
  let m9 = fromO + t[CLOSED_TO_OPENING + 5]!;
  let m12 = fromO + t[CLOSED_TO_OPENING + 6]!;
  let m13 = fromO + t[CLOSED_TO_OPENING + 7]!;
  let m16 = fromO + t[CLOSED_TO_OPENING + 8]!;
  for (let c = 1; c < CLOSED.length; c++) {
    const s = prev[CLOSED[c]!]!;
    if (s + t[CEILINGS + c - 1]! < floor) continue;
    const row = CLOSED_TO_OPENING + 9 * c;
    let v = s + t[row]!;
    if (v > m0) m0 = v;
    v = s + t[row + 1]!;
    if (v > m1) m1 = v;
    v = s + t[row + 2]!;
    if (v > m4) m4 = v;
    v = s + t[row + 3]!;
    if (v > m5) m5 = v;
    v = s + t[row + 4]!;
    if (v > m8) m8 = v;
    v = s + t[row + 5]!;
    if (v > m9) m9 = v;
    v = s + t[row + 6]!;
    if (v > m12) m12 = v;
    v = s + t[row + 7]!;
    if (v > m13) m13 = v;
    v = s + t[row + 8]!;
    if (v > m16) m16 = v;
  }
  cur[0] = m0 + e[0]!;
  cur[1] = m1 + e[1]!;
  cur[4] = m4 + e[4]!;
  cur[5] = m5 + e[5]!;
  cur[8] = m8 + e[8]!;
  cur[9] = m9 + e[9]!;
  cur[12] = m12 + e[12]!;
  cur[13] = m13 + e[13]!;
  cur[16] = m16 + e[16]!;
}

/**
 * The label before label y of a token on the best path to it, from the scores `prev` of the token before, as the
 * forward pass chose it (the same sums and comparisons): for an opening label of a token off the fast path the
 * best closed label (the predecessors the search skipped cannot win), for I-x or L-x B-x or I-x.
 */
function predecessor(prev: Float64Array, t: Float64Array, y: number): number {
  if ((y & 2) === 0) {
    // y's column among the opening labels (OPENING[a] === y)
    const col = CLOSED_TO_OPENING + (y >> 2) * 2 + (y & 1);
    let arg = 0;
    let best = prev[0]! + t[col]!;
    for (let c = 1; c < CLOSED.length; c++) {
      const v = prev[CLOSED[c]!]! + t[col + 9 * c]!;
      if (v > best) {
        best = v;
        arg = CLOSED[c]!;
      }
    }
    return arg;
  }
  const b = (y & ~3) + 1;
  const x = INSIDE + (b - 1) + (y & 1) * 2;
  const fromB = prev[b]! + t[x]!;
  const fromI = prev[b + 1]! + t[x + 1]!;
  return fromI > fromB ? b + 1 : fromB > -Infinity ? b : 0;
}

function checkLabels(L: number): void {
  if (L !== 17 || LABELS.length !== 17) throw new Error(`BILOU decoding expects ${LABELS.length} = 17 labels, got ${L}`);
}

/**
 * Best label sequence (Viterbi) under BILOU constraints. `emission[i*L + l]` scores label l at token i;
 * `transitions(i)` gives the transition scores into token i as (L+1) rows (previous label -1..L-1) of L columns,
 * best made by boundedTransitions (faster). L must be LABELS.length. The forward (Viterbi) scores are left in
 * `forward` (at least n*L long) for pathMargins. The labels are written to `path[0 .. n)`, a new array unless the
 * caller reuses one (at least n long), and it is returned.
 */
export function viterbi(n: number, L: number, emission: Float64Array, transitions: (i: number) => Float64Array, forward?: Float64Array, path = new Array<number>(n)): number[] {
  checkLabels(L);
  if (n === 0) return [];
  if (fromOnlyO.length < n) {
    fromOnlyO = new Uint8Array(2 * n);
    forwardScratch = new Float64Array(2 * n * L);
  }
  const rows = rowsOf(forward ?? forwardScratch);
  const emissionRows = rowsOf(emission);
  const onlyO = fromOnlyO;
  const t0 = transitions(0);
  let e = emissionRows[0]!;
  let cur = rows[0]!;
  // token 0: the opening labels from the start (row -1)
  let s0 = e[0]! + t0[0]!;
  let s1 = e[1]! + t0[1]!;
  let s2 = -Infinity;
  let s3 = -Infinity;
  let s4 = e[4]! + t0[4]!;
  let s5 = e[5]! + t0[5]!;
  let s6 = -Infinity;
  let s7 = -Infinity;
  let s8 = e[8]! + t0[8]!;
  let s9 = e[9]! + t0[9]!;
  let s10 = -Infinity;
  let s11 = -Infinity;
  let s12 = e[12]! + t0[12]!;
  let s13 = e[13]! + t0[13]!;
  let s14 = -Infinity;
  let s15 = -Infinity;
  let s16 = e[16]! + t0[16]!;
  cur[0] = s0;
  cur[1] = s1;
  cur[2] = s2;
  cur[3] = s3;
  cur[4] = s4;
  cur[5] = s5;
  cur[6] = s6;
  cur[7] = s7;
  cur[8] = s8;
  cur[9] = s9;
  cur[10] = s10;
  cur[11] = s11;
  cur[12] = s12;
  cur[13] = s13;
  cur[14] = s14;
  cur[15] = s15;
  cur[16] = s16;
  for (let i = 1; i < n; i++) {
    const t = bounded(transitions(i));
    e = emissionRows[i]!;
    cur = rows[i]!;
    // opening labels: when every closed predecessor's score plus the greatest of its row is below O's score plus
    // the least of O's row, O leads to each (O is mostly the best closed label); else the search
    let o0: number;
    let o1: number;
    let o4: number;
    let o5: number;
    let o8: number;
    let o9: number;
    let o12: number;
    let o13: number;
    let o16: number;
    const floor = s0 + t[FROM_O_FLOOR]!;
    if (
      s3 + t[CEILINGS]! < floor &&
      s4 + t[CEILINGS + 1]! < floor &&
      s7 + t[CEILINGS + 2]! < floor &&
      s8 + t[CEILINGS + 3]! < floor &&
      s11 + t[CEILINGS + 4]! < floor &&
      s12 + t[CEILINGS + 5]! < floor &&
      s15 + t[CEILINGS + 6]! < floor &&
      s16 + t[CEILINGS + 7]! < floor
    ) {
      onlyO[i] = 1;
      o0 = s0 + t[CLOSED_TO_OPENING]! + e[0]!;
      o1 = s0 + t[CLOSED_TO_OPENING + 1]! + e[1]!;
      o4 = s0 + t[CLOSED_TO_OPENING + 2]! + e[4]!;
      o5 = s0 + t[CLOSED_TO_OPENING + 3]! + e[5]!;
      o8 = s0 + t[CLOSED_TO_OPENING + 4]! + e[8]!;
      o9 = s0 + t[CLOSED_TO_OPENING + 5]! + e[9]!;
      o12 = s0 + t[CLOSED_TO_OPENING + 6]! + e[12]!;
      o13 = s0 + t[CLOSED_TO_OPENING + 7]! + e[13]!;
      o16 = s0 + t[CLOSED_TO_OPENING + 8]! + e[16]!;
    } else {
      onlyO[i] = 0;
      openingFromClosed(cur, rows[i - 1]!, e, t);
      o0 = cur[0]!;
      o1 = cur[1]!;
      o4 = cur[4]!;
      o5 = cur[5]!;
      o8 = cur[8]!;
      o9 = cur[9]!;
      o12 = cur[12]!;
      o13 = cur[13]!;
      o16 = cur[16]!;
    }
    // I-x and L-x: from B-x or I-x, type by type (ties to B-x)
    let fromB = s1 + t[INSIDE]!;
    let fromI = s2 + t[INSIDE + 1]!;
    const o2 = (fromI > fromB ? fromI : fromB) + e[2]!;
    fromB = s1 + t[INSIDE + 2]!;
    fromI = s2 + t[INSIDE + 3]!;
    const o3 = (fromI > fromB ? fromI : fromB) + e[3]!;
    fromB = s5 + t[INSIDE + 4]!;
    fromI = s6 + t[INSIDE + 5]!;
    const o6 = (fromI > fromB ? fromI : fromB) + e[6]!;
    fromB = s5 + t[INSIDE + 6]!;
    fromI = s6 + t[INSIDE + 7]!;
    const o7 = (fromI > fromB ? fromI : fromB) + e[7]!;
    fromB = s9 + t[INSIDE + 8]!;
    fromI = s10 + t[INSIDE + 9]!;
    const o10 = (fromI > fromB ? fromI : fromB) + e[10]!;
    fromB = s9 + t[INSIDE + 10]!;
    fromI = s10 + t[INSIDE + 11]!;
    const o11 = (fromI > fromB ? fromI : fromB) + e[11]!;
    fromB = s13 + t[INSIDE + 12]!;
    fromI = s14 + t[INSIDE + 13]!;
    const o14 = (fromI > fromB ? fromI : fromB) + e[14]!;
    fromB = s13 + t[INSIDE + 14]!;
    fromI = s14 + t[INSIDE + 15]!;
    const o15 = (fromI > fromB ? fromI : fromB) + e[15]!;
    cur[0] = s0 = o0;
    cur[1] = s1 = o1;
    cur[2] = s2 = o2;
    cur[3] = s3 = o3;
    cur[4] = s4 = o4;
    cur[5] = s5 = o5;
    cur[6] = s6 = o6;
    cur[7] = s7 = o7;
    cur[8] = s8 = o8;
    cur[9] = s9 = o9;
    cur[10] = s10 = o10;
    cur[11] = s11 = o11;
    cur[12] = s12 = o12;
    cur[13] = s13 = o13;
    cur[14] = s14 = o14;
    cur[15] = s15 = o15;
    cur[16] = s16 = o16;
  }
  let best = CLOSED[0]!;
  for (const l of CLOSED) if (cur[l]! > cur[best]!) best = l;
  path[n - 1] = best;
  for (let i = n - 1; i > 0; i--) {
    const y = path[i]!;
    path[i - 1] = (y & 2) === 0 && onlyO[i] === 1 ? 0 : predecessor(rows[i - 1]!, bounded(transitions(i)), y);
  }
  return path;
}

/**
 * For each token, how much better the best path is than the best path that gives the token any other label
 * (max-marginals from the Viterbi forward scores and a backward pass): a per-token confidence margin. With
 * `namesOnly`, only for the tokens the path labels as part of a name (NaN for the others), which spares the
 * backward pass before the first of them. The margins are written to `margins[0 .. n)`, a new array unless the
 * caller reuses one, and it is returned.
 */
export function pathMargins(
  n: number,
  L: number,
  emission: Float64Array,
  transitions: (i: number) => Float64Array,
  forward: Float64Array,
  path: readonly number[],
  namesOnly = false,
  margins = new Array<number>(n),
): number[] {
  checkLabels(L);
  let from = 0;
  if (namesOnly) while (from < n && path[from] === 0) from++;
  for (let i = 0; i < from; i++) margins[i] = NaN;
  if (from === n) return margins;
  const forwardRows = rowsOf(forward);
  const emissionRows = rowsOf(emission);
  // the backward scores of token i, from the last token (closed labels may end the sentence) back to `from`
  let b0 = 0;
  let b1 = -Infinity;
  let b2 = -Infinity;
  let b3 = 0;
  let b4 = 0;
  let b5 = -Infinity;
  let b6 = -Infinity;
  let b7 = 0;
  let b8 = 0;
  let b9 = -Infinity;
  let b10 = -Infinity;
  let b11 = 0;
  let b12 = 0;
  let b13 = -Infinity;
  let b14 = -Infinity;
  let b15 = 0;
  let b16 = 0;
  for (let i = n - 1; ; i--) {
    const chosen = path[i]!;
    if (namesOnly && chosen === 0) margins[i] = NaN;
    else {
      // the chosen label's forward + backward score over the best other label's (Math.max is order-free, and
      // -Infinity in the chosen label's place leaves it out), 100 if there is none
      const f = forwardRows[i]!;
      const u = sumsScratch;
      u[0] = f[0]! + b0;
      u[1] = f[1]! + b1;
      u[2] = f[2]! + b2;
      u[3] = f[3]! + b3;
      u[4] = f[4]! + b4;
      u[5] = f[5]! + b5;
      u[6] = f[6]! + b6;
      u[7] = f[7]! + b7;
      u[8] = f[8]! + b8;
      u[9] = f[9]! + b9;
      u[10] = f[10]! + b10;
      u[11] = f[11]! + b11;
      u[12] = f[12]! + b12;
      u[13] = f[13]! + b13;
      u[14] = f[14]! + b14;
      u[15] = f[15]! + b15;
      u[16] = f[16]! + b16;
      const own = u[chosen]!;
      u[chosen] = -Infinity;
      const other = Math.max(u[0]!, u[1]!, u[2]!, u[3]!, u[4]!, u[5]!, u[6]!, u[7]!, u[8]!, u[9]!, u[10]!, u[11]!, u[12]!, u[13]!, u[14]!, u[15]!, u[16]!);
      margins[i] = other === -Infinity ? 100 : own - other;
    }
    if (i === from) return margins;
    // token i - 1 from token i (its emission scores e and transitions t into it)
    const t = bounded(transitions(i));
    const e = emissionRows[i]!;
    const e0 = e[0]!;
    const e1 = e[1]!;
    const e2 = e[2]!;
    const e3 = e[3]!;
    const e4 = e[4]!;
    const e5 = e[5]!;
    const e6 = e[6]!;
    const e7 = e[7]!;
    const e8 = e[8]!;
    const e9 = e[9]!;
    const e10 = e[10]!;
    const e11 = e[11]!;
    const e12 = e[12]!;
    const e13 = e[13]!;
    const e14 = e[14]!;
    const e15 = e[15]!;
    const e16 = e[16]!;
    // closed labels: the best of the nine opening successors, each transition + emission + backward. When going on
    // with O beats every other opening label by more than any closed row's entries differ, O is every closed
    // label's best successor (the usual case): its entries alone; else the search
    let c0: number;
    let c3: number;
    let c4: number;
    let c7: number;
    let c8: number;
    let c11: number;
    let c12: number;
    let c15: number;
    let c16: number;
    const high = t[CLOSED_HIGH]!;
    const floor = t[CLOSED_LOW]! + e0 + b0;
    if (
      high + e1 + b1 < floor &&
      high + e4 + b4 < floor &&
      high + e5 + b5 < floor &&
      high + e8 + b8 < floor &&
      high + e9 + b9 < floor &&
      high + e12 + b12 < floor &&
      high + e13 + b13 < floor &&
      high + e16 + b16 < floor
    ) {
      c0 = t[OPENING_FROM_CLOSED]! + e0 + b0;
      c3 = t[OPENING_FROM_CLOSED + 1]! + e0 + b0;
      c4 = t[OPENING_FROM_CLOSED + 2]! + e0 + b0;
      c7 = t[OPENING_FROM_CLOSED + 3]! + e0 + b0;
      c8 = t[OPENING_FROM_CLOSED + 4]! + e0 + b0;
      c11 = t[OPENING_FROM_CLOSED + 5]! + e0 + b0;
      c12 = t[OPENING_FROM_CLOSED + 6]! + e0 + b0;
      c15 = t[OPENING_FROM_CLOSED + 7]! + e0 + b0;
      c16 = t[OPENING_FROM_CLOSED + 8]! + e0 + b0;
    } else {
      const next = successorScratch;
      next[0] = b0;
      next[1] = b1;
      next[4] = b4;
      next[5] = b5;
      next[8] = b8;
      next[9] = b9;
      next[12] = b12;
      next[13] = b13;
      next[16] = b16;
      closedOnward(next, e, next, t);
      c0 = next[0]!;
      c3 = next[3]!;
      c4 = next[4]!;
      c7 = next[7]!;
      c8 = next[8]!;
      c11 = next[11]!;
      c12 = next[12]!;
      c15 = next[15]!;
      c16 = next[16]!;
    }
    // B-x and I-x go on to I-x or L-x of the type
    let viaI = t[INSIDE]! + e2 + b2;
    let viaL = t[INSIDE + 2]! + e3 + b3;
    b1 = viaL > viaI ? viaL : viaI;
    viaI = t[INSIDE + 1]! + e2 + b2;
    viaL = t[INSIDE + 3]! + e3 + b3;
    b2 = viaL > viaI ? viaL : viaI;
    viaI = t[INSIDE + 4]! + e6 + b6;
    viaL = t[INSIDE + 6]! + e7 + b7;
    b5 = viaL > viaI ? viaL : viaI;
    viaI = t[INSIDE + 5]! + e6 + b6;
    viaL = t[INSIDE + 7]! + e7 + b7;
    b6 = viaL > viaI ? viaL : viaI;
    viaI = t[INSIDE + 8]! + e10 + b10;
    viaL = t[INSIDE + 10]! + e11 + b11;
    b9 = viaL > viaI ? viaL : viaI;
    viaI = t[INSIDE + 9]! + e10 + b10;
    viaL = t[INSIDE + 11]! + e11 + b11;
    b10 = viaL > viaI ? viaL : viaI;
    viaI = t[INSIDE + 12]! + e14 + b14;
    viaL = t[INSIDE + 14]! + e15 + b15;
    b13 = viaL > viaI ? viaL : viaI;
    viaI = t[INSIDE + 13]! + e14 + b14;
    viaL = t[INSIDE + 15]! + e15 + b15;
    b14 = viaL > viaI ? viaL : viaI;
    b0 = c0;
    b3 = c3;
    b4 = c4;
    b7 = c7;
    b8 = c8;
    b11 = c11;
    b12 = c12;
    b15 = c15;
    b16 = c16;
  }
}

/**
 * The backward scores of the closed labels of a token (written to `out` at their indices) from the next token's
 * emission scores `e` and the backward scores of its opening labels (`next`), when O cannot be shown to be every
 * closed label's best successor: the best of O and of the successors whose emission and backward scores plus the
 * greatest entry of the closed rows reach O's floor (the others cannot win or tie), successor by successor in
 * ascending order. `out` may be `next`: written once all is read.
 */
function closedOnward(out: Float64Array, e: Float64Array, next: Float64Array, t: Float64Array): void {
  const e0 = e[0]!;
  const b0 = next[0]!;
  const high = t[CLOSED_HIGH]!;
  const floor = t[CLOSED_LOW]! + e0 + b0;
  let m0 = t[OPENING_FROM_CLOSED]! + e0 + b0;
  let m3 = t[OPENING_FROM_CLOSED + 1]! + e0 + b0;
  let m4 = t[OPENING_FROM_CLOSED + 2]! + e0 + b0;
  let m7 = t[OPENING_FROM_CLOSED + 3]! + e0 + b0;
  let m8 = t[OPENING_FROM_CLOSED + 4]! + e0 + b0;
  let m11 = t[OPENING_FROM_CLOSED + 5]! + e0 + b0;
  let m12 = t[OPENING_FROM_CLOSED + 6]! + e0 + b0;
  let m15 = t[OPENING_FROM_CLOSED + 7]! + e0 + b0;
  let m16 = t[OPENING_FROM_CLOSED + 8]! + e0 + b0;
  for (let a = 1; a < OPENING.length; a++) {
    const l = OPENING[a]!;
    const el = e[l]!;
    const bl = next[l]!;
    if (high + el + bl < floor) continue;
    const col = OPENING_FROM_CLOSED + 9 * a;
    let v = t[col]! + el + bl;
    if (v > m0) m0 = v;
    v = t[col + 1]! + el + bl;
    if (v > m3) m3 = v;
    v = t[col + 2]! + el + bl;
    if (v > m4) m4 = v;
    v = t[col + 3]! + el + bl;
    if (v > m7) m7 = v;
    v = t[col + 4]! + el + bl;
    if (v > m8) m8 = v;
    v = t[col + 5]! + el + bl;
    if (v > m11) m11 = v;
    v = t[col + 6]! + el + bl;
    if (v > m12) m12 = v;
    v = t[col + 7]! + el + bl;
    if (v > m15) m15 = v;
    v = t[col + 8]! + el + bl;
    if (v > m16) m16 = v;
  }
  out[0] = m0;
  out[3] = m3;
  out[4] = m4;
  out[7] = m7;
  out[8] = m8;
  out[11] = m11;
  out[12] = m12;
  out[15] = m15;
  out[16] = m16;
}
