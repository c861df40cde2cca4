// Decoding a sentence's label scores into BILOU labels (Viterbi) and per-token confidence margins (max-marginals),
// specialised to the 17 labels of LABELS. The tagger's innermost loops: pure functions of the scores, no model.

import { LABELS } from './features';

// Decoding, specialised to BILOU over NAME_TYPES (LABELS: O, then B I L U per type). A label is "closed" when a
// name ends with it or there is none (O, L-x, U-x): a closed label may be followed by O, B-x or U-x (the
// "opening" labels, also the only ones allowed first), an open one (B-x, I-x) only by I-x or L-x of its type, and
// only closed labels may end a sentence (see `allowed`). So each opening label has the 9 closed labels as
// possible predecessors and each I-x / L-x two (B-x, I-x): about 100 candidate steps per token and pass, written
// out over flat arrays (the closed labels' scores held in locals) because this is the tagger's innermost loop.
// Ties go to the lowest predecessor label (ascending order, strict comparison), as a generic Viterbi does.

/** Closed labels (O, L-x, U-x) and opening labels (O, B-x, U-x), ascending. */
const CLOSED = [0, 3, 4, 7, 8, 11, 12, 15, 16];
const OPENING = [0, 1, 4, 5, 8, 9, 12, 13, 16];

/**
 * Back pointers, forward scores (when the caller does not keep them) and backward scores, grown to the longest
 * sentence seen (decoding allocates nothing else).
 */
let backScratch = new Uint8Array(0);
let forwardScratch = new Float64Array(0);
let backwardScratch = new Float64Array(0);
/** The closed predecessors viterbi considers for a token. */
const live = new Uint8Array(CLOSED.length);

/**
 * A transition matrix has (L+1) × L entries (see viterbi); one made by boundedTransitions is followed by, for each
 * closed label in CLOSED order, the least and the greatest entry of its row over the opening labels, then the
 * least and the greatest of those entries over all closed rows (at CLOSED_BOUNDS).
 */
const TRANSITIONS = 18 * 17;
const CLOSED_BOUNDS = TRANSITIONS + 2 * CLOSED.length;
const BOUNDED_TRANSITIONS = CLOSED_BOUNDS + 2;

/**
 * A transition matrix with its bounds, with which viterbi skips predecessors and pathMargins successors that
 * cannot win (same result).
 */
export function boundedTransitions(t: Float64Array): Float64Array {
  const out = new Float64Array(BOUNDED_TRANSITIONS);
  out.set(t.subarray(0, TRANSITIONS));
  let low = Infinity;
  let high = -Infinity;
  CLOSED.forEach((p, c) => {
    const row = OPENING.map((l) => t[(p + 1) * 17 + l]!);
    const rowLow = Math.min(...row);
    const rowHigh = Math.max(...row);
    out[TRANSITIONS + 2 * c] = rowLow;
    out[TRANSITIONS + 2 * c + 1] = rowHigh;
    low = Math.min(low, rowLow);
    high = Math.max(high, rowHigh);
  });
  out[CLOSED_BOUNDS] = low;
  out[CLOSED_BOUNDS + 1] = high;
  return out;
}

// The steps that viterbi and pathMargins take for every token are written out label by label below, in functions
// called once or a few times per token: V8 checks a typed array (its map, length and data pointer) once per
// straight-line stretch of code but again on every turn of a loop, and loops over the labels cost about twice the
// instructions. They read and write one token's scores through a view of its row (rowsOf) at constant indices,
// which V8 checks in about half the instructions of an offset into the whole array. LABEL_COUNT is L (checkLabels).
const LABEL_COUNT = 17;

/** Views of the rows of LABEL_COUNT entries of the arrays decoding has seen (rowsOf), while the arrays live. */
const rowViews = new WeakMap<Float64Array | Uint8Array, (Float64Array | Uint8Array)[]>();

/**
 * Views of every row of LABEL_COUNT entries of an array (a token's scores), made once per array (decoding and the
 * tagger reuse their arrays).
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
 * Whether O alone of the closed labels at the previous token (scores `prev`) can lead to the best opening
 * labels at this one: every opening label scores at least as well from O as the least of O's row allows (O is
 * mostly the best closed label), and a predecessor whose score plus the greatest of its row is below that cannot
 * win or tie (t made by boundedTransitions).
 */
function onlyFromO(prev: Float64Array, t: Float64Array): boolean {
  const floor = prev[0]! + t[TRANSITIONS]!;
  // CLOSED[c] with its greatest entry at TRANSITIONS + 2c + 1, c = 1..8
  return (
    prev[3]! + t[TRANSITIONS + 3]! < floor &&
    prev[4]! + t[TRANSITIONS + 5]! < floor &&
    prev[7]! + t[TRANSITIONS + 7]! < floor &&
    prev[8]! + t[TRANSITIONS + 9]! < floor &&
    prev[11]! + t[TRANSITIONS + 11]! < floor &&
    prev[12]! + t[TRANSITIONS + 13]! < floor &&
    prev[15]! + t[TRANSITIONS + 15]! < floor &&
    prev[16]! + t[TRANSITIONS + 17]! < floor
  );
}

/** The opening labels (OPENING) of a token (its row of scores, back pointers, emission scores), all from O (score `fromO`, transition row 0 at LABEL_COUNT). */
function openingFromO(score: Float64Array, back: Uint8Array, emission: Float64Array, t: Float64Array, fromO: number): void {
  const row = LABEL_COUNT;
  score[0] = fromO + t[row]! + emission[0]!;
  score[1] = fromO + t[row + 1]! + emission[1]!;
  score[4] = fromO + t[row + 4]! + emission[4]!;
  score[5] = fromO + t[row + 5]! + emission[5]!;
  score[8] = fromO + t[row + 8]! + emission[8]!;
  score[9] = fromO + t[row + 9]! + emission[9]!;
  score[12] = fromO + t[row + 12]! + emission[12]!;
  score[13] = fromO + t[row + 13]! + emission[13]!;
  score[16] = fromO + t[row + 16]! + emission[16]!;
  back[0] = 0;
  back[1] = 0;
  back[4] = 0;
  back[5] = 0;
  back[8] = 0;
  back[9] = 0;
  back[12] = 0;
  back[13] = 0;
  back[16] = 0;
}

/**
 * I-x and L-x of a token (its rows of scores, back pointers and emission scores), each from B-x or I-x at the token
 * before (scores `prev`; transition rows B-x + 1 and I-x + 1),
 * type by type. Ties go to B-x; a generic scan starts from -Infinity and label 0, and fromB is -Infinity only if
 * both are.
 */
function insideLabels(score: Float64Array, prev: Float64Array, back: Uint8Array, emission: Float64Array, t: Float64Array): void {
  let sb: number;
  let si: number;
  let fromB: number;
  let fromI: number;
  // PERSON: B 1, I 2, L 3
  sb = prev[1]!;
  si = prev[2]!;
  fromB = sb + t[2 * LABEL_COUNT + 2]!;
  fromI = si + t[3 * LABEL_COUNT + 2]!;
  score[2] = (fromI > fromB ? fromI : fromB) + emission[2]!;
  back[2] = fromI > fromB ? 2 : fromB > -Infinity ? 1 : 0;
  fromB = sb + t[2 * LABEL_COUNT + 3]!;
  fromI = si + t[3 * LABEL_COUNT + 3]!;
  score[3] = (fromI > fromB ? fromI : fromB) + emission[3]!;
  back[3] = fromI > fromB ? 2 : fromB > -Infinity ? 1 : 0;
  // ORG: B 5, I 6, L 7
  sb = prev[5]!;
  si = prev[6]!;
  fromB = sb + t[6 * LABEL_COUNT + 6]!;
  fromI = si + t[7 * LABEL_COUNT + 6]!;
  score[6] = (fromI > fromB ? fromI : fromB) + emission[6]!;
  back[6] = fromI > fromB ? 6 : fromB > -Infinity ? 5 : 0;
  fromB = sb + t[6 * LABEL_COUNT + 7]!;
  fromI = si + t[7 * LABEL_COUNT + 7]!;
  score[7] = (fromI > fromB ? fromI : fromB) + emission[7]!;
  back[7] = fromI > fromB ? 6 : fromB > -Infinity ? 5 : 0;
  // LOC: B 9, I 10, L 11
  sb = prev[9]!;
  si = prev[10]!;
  fromB = sb + t[10 * LABEL_COUNT + 10]!;
  fromI = si + t[11 * LABEL_COUNT + 10]!;
  score[10] = (fromI > fromB ? fromI : fromB) + emission[10]!;
  back[10] = fromI > fromB ? 10 : fromB > -Infinity ? 9 : 0;
  fromB = sb + t[10 * LABEL_COUNT + 11]!;
  fromI = si + t[11 * LABEL_COUNT + 11]!;
  score[11] = (fromI > fromB ? fromI : fromB) + emission[11]!;
  back[11] = fromI > fromB ? 10 : fromB > -Infinity ? 9 : 0;
  // MISC: B 13, I 14, L 15
  sb = prev[13]!;
  si = prev[14]!;
  fromB = sb + t[14 * LABEL_COUNT + 14]!;
  fromI = si + t[15 * LABEL_COUNT + 14]!;
  score[14] = (fromI > fromB ? fromI : fromB) + emission[14]!;
  back[14] = fromI > fromB ? 14 : fromB > -Infinity ? 13 : 0;
  fromB = sb + t[14 * LABEL_COUNT + 15]!;
  fromI = si + t[15 * LABEL_COUNT + 15]!;
  score[15] = (fromI > fromB ? fromI : fromB) + emission[15]!;
  back[15] = fromI > fromB ? 14 : fromB > -Infinity ? 13 : 0;
}

/** pathMargins' backward scores of the closed labels of a token (its row `backward`) when O is the best successor of each (e0, b0: O's emission and backward score at the next token). */
function closedViaO(backward: Float64Array, t: Float64Array, e0: number, b0: number): void {
  backward[0] = t[LABEL_COUNT]! + e0 + b0;
  backward[3] = t[4 * LABEL_COUNT]! + e0 + b0;
  backward[4] = t[5 * LABEL_COUNT]! + e0 + b0;
  backward[7] = t[8 * LABEL_COUNT]! + e0 + b0;
  backward[8] = t[9 * LABEL_COUNT]! + e0 + b0;
  backward[11] = t[12 * LABEL_COUNT]! + e0 + b0;
  backward[12] = t[13 * LABEL_COUNT]! + e0 + b0;
  backward[15] = t[16 * LABEL_COUNT]! + e0 + b0;
  backward[16] = t[17 * LABEL_COUNT]! + e0 + b0;
}

/**
 * pathMargins' backward scores of B-x and I-x of a token (its row `backward`), type by type: they go on to I-x or L-x
 * (transition rows B-x + 1 and I-x + 1) of the next token (its rows of backward scores `next` and emission scores).
 */
function openOnward(backward: Float64Array, next: Float64Array, emission: Float64Array, t: Float64Array): void {
  let toI: number;
  let toL: number;
  let bI: number;
  let bL: number;
  let viaI: number;
  let viaL: number;
  // PERSON: B 1, I 2, L 3
  toI = emission[2]!;
  toL = emission[3]!;
  bI = next[2]!;
  bL = next[3]!;
  viaI = t[2 * LABEL_COUNT + 2]! + toI + bI;
  viaL = t[2 * LABEL_COUNT + 3]! + toL + bL;
  backward[1] = viaL > viaI ? viaL : viaI;
  viaI = t[3 * LABEL_COUNT + 2]! + toI + bI;
  viaL = t[3 * LABEL_COUNT + 3]! + toL + bL;
  backward[2] = viaL > viaI ? viaL : viaI;
  // ORG: B 5, I 6, L 7
  toI = emission[6]!;
  toL = emission[7]!;
  bI = next[6]!;
  bL = next[7]!;
  viaI = t[6 * LABEL_COUNT + 6]! + toI + bI;
  viaL = t[6 * LABEL_COUNT + 7]! + toL + bL;
  backward[5] = viaL > viaI ? viaL : viaI;
  viaI = t[7 * LABEL_COUNT + 6]! + toI + bI;
  viaL = t[7 * LABEL_COUNT + 7]! + toL + bL;
  backward[6] = viaL > viaI ? viaL : viaI;
  // LOC: B 9, I 10, L 11
  toI = emission[10]!;
  toL = emission[11]!;
  bI = next[10]!;
  bL = next[11]!;
  viaI = t[10 * LABEL_COUNT + 10]! + toI + bI;
  viaL = t[10 * LABEL_COUNT + 11]! + toL + bL;
  backward[9] = viaL > viaI ? viaL : viaI;
  viaI = t[11 * LABEL_COUNT + 10]! + toI + bI;
  viaL = t[11 * LABEL_COUNT + 11]! + toL + bL;
  backward[10] = viaL > viaI ? viaL : viaI;
  // MISC: B 13, I 14, L 15
  toI = emission[14]!;
  toL = emission[15]!;
  bI = next[14]!;
  bL = next[15]!;
  viaI = t[14 * LABEL_COUNT + 14]! + toI + bI;
  viaL = t[14 * LABEL_COUNT + 15]! + toL + bL;
  backward[13] = viaL > viaI ? viaL : viaI;
  viaI = t[15 * LABEL_COUNT + 14]! + toI + bI;
  viaL = t[15 * LABEL_COUNT + 15]! + toL + bL;
  backward[14] = viaL > viaI ? viaL : viaI;
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
  if (backScratch.length < n * L) {
    backScratch = new Uint8Array(2 * n * L);
    forwardScratch = new Float64Array(2 * n * L);
  }
  const score = forward ?? forwardScratch;
  const back = backScratch;
  const t0 = transitions(0);
  for (let l = 0; l < L; l++) score[l] = -Infinity;
  for (const l of OPENING) score[l] = emission[l]! + t0[l]!;
  const scoreRows = rowsOf(score);
  const backRows = rowsOf(back);
  const emissionRows = rowsOf(emission);
  for (let i = 1; i < n; i++) {
    const cur = scoreRows[i]!;
    const prev = scoreRows[i - 1]!;
    const from = backRows[i]!;
    const e = emissionRows[i]!;
    const t = transitions(i);
    if (t.length === BOUNDED_TRANSITIONS && onlyFromO(prev, t)) openingFromO(cur, from, e, t, prev[0]!);
    else {
      // opening labels: the best of the closed predecessors p (transition row (p + 1) * L) that can win (live)
      let count = 0;
      if (t.length === BOUNDED_TRANSITIONS) {
        // as in onlyFromO: a predecessor whose score plus the greatest of its row is below O's floor cannot win or tie
        const floor = prev[0]! + t[TRANSITIONS]!;
        for (let c = 0; c < CLOSED.length; c++) if (prev[CLOSED[c]!]! + t[TRANSITIONS + 2 * c + 1]! >= floor) live[count++] = CLOSED[c]!;
      } else for (let c = 0; c < CLOSED.length; c++) live[count++] = CLOSED[c]!;
      for (let a = 0; a < OPENING.length; a++) {
        const l = OPENING[a]!;
        let arg = live[0]!;
        let best = prev[arg]! + t[(arg + 1) * L + l]!;
        for (let k = 1; k < count; k++) {
          const p = live[k]!;
          const v = prev[p]! + t[(p + 1) * L + l]!;
          if (v > best) {
            best = v;
            arg = p;
          }
        }
        cur[l] = best + e[l]!;
        from[l] = arg;
      }
    }
    insideLabels(cur, prev, from, e, t);
  }
  const lastBase = (n - 1) * L;
  let best = CLOSED[0]!;
  for (const l of CLOSED) if (score[lastBase + l]! > score[lastBase + best]!) best = l;
  path[n - 1] = best;
  for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * L + path[i]!]!;
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
  if (backwardScratch.length < n * L) backwardScratch = new Float64Array(2 * n * L);
  const backward = backwardScratch;
  const lastBase = (n - 1) * L;
  for (let y = 0; y < L; y++) backward[lastBase + y] = -Infinity;
  for (const y of CLOSED) backward[lastBase + y] = 0;
  const backwardRows = rowsOf(backward);
  const emissionRows = rowsOf(emission);
  for (let i = n - 2; i >= from; i--) {
    const t = transitions(i + 1);
    const cur = backwardRows[i]!;
    const next = backwardRows[i + 1]!;
    const e = emissionRows[i + 1]!;
    // closed labels: the best of the nine opening successors l, each transition + emission + backward
    const e0 = e[0]!;
    const e1 = e[1]!;
    const e4 = e[4]!;
    const e5 = e[5]!;
    const e8 = e[8]!;
    const e9 = e[9]!;
    const e12 = e[12]!;
    const e13 = e[13]!;
    const e16 = e[16]!;
    const b0 = next[0]!;
    const b1 = next[1]!;
    const b4 = next[4]!;
    const b5 = next[5]!;
    const b8 = next[8]!;
    const b9 = next[9]!;
    const b12 = next[12]!;
    const b13 = next[13]!;
    const b16 = next[16]!;
    // when going on with O beats every other opening label by more than any closed row's entries differ, O is
    // every closed label's best successor (the usual case): its entries alone, without the search
    let viaO = false;
    if (t.length === BOUNDED_TRANSITIONS) {
      const high = t[CLOSED_BOUNDS + 1]!;
      const floor = t[CLOSED_BOUNDS]! + e0 + b0;
      viaO = high + e1 + b1 < floor && high + e4 + b4 < floor && high + e5 + b5 < floor && high + e8 + b8 < floor && high + e9 + b9 < floor && high + e12 + b12 < floor && high + e13 + b13 < floor && high + e16 + b16 < floor;
    }
    if (viaO) closedViaO(cur, t, e0, b0);
    else
      for (let c = 0; c < CLOSED.length; c++) {
        const y = CLOSED[c]!;
        const row = (y + 1) * L;
        let best = t[row]! + e0 + b0;
        let v = t[row + 1]! + e1 + b1;
        if (v > best) best = v;
        v = t[row + 4]! + e4 + b4;
        if (v > best) best = v;
        v = t[row + 5]! + e5 + b5;
        if (v > best) best = v;
        v = t[row + 8]! + e8 + b8;
        if (v > best) best = v;
        v = t[row + 9]! + e9 + b9;
        if (v > best) best = v;
        v = t[row + 12]! + e12 + b12;
        if (v > best) best = v;
        v = t[row + 13]! + e13 + b13;
        if (v > best) best = v;
        v = t[row + 16]! + e16 + b16;
        if (v > best) best = v;
        cur[y] = best;
      }
    // B-x and I-x go on to I-x or L-x of the type
    openOnward(cur, next, e, t);
  }
  margins.fill(NaN, 0, n);
  for (let i = from; i < n; i++) {
    const base = i * L;
    const chosen = path[i]!;
    if (namesOnly && chosen === 0) continue;
    const own = forward[base + chosen]! + backward[base + chosen]!;
    let other = -Infinity;
    for (let y = 0; y < L; y++) if (y !== chosen) other = Math.max(other, forward[base + y]! + backward[base + y]!);
    margins[i] = other === -Infinity ? 100 : own - other;
  }
  return margins;
}
