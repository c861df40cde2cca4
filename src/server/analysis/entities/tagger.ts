// The statistical name recognizer: an averaged perceptron over BILOU labels for PERSON, ORG, LOC and MISC,
// decoded with Viterbi under BILOU constraints (label-transition features), then made consistent across the
// article (a name tagged confidently once informs its other mentions). Weights come from
// scripts/train-ner.ts; the host hands the bytes in (the engine never reads files).

import type { TextModel } from '../text';
import type { NameMemo, NameMention, NameRecognizer } from './index';
import {
  BOUNDARIES, CaseMode, FeatureBuffers, FeatureParts, Gazetteer, LABELS, NAME_TYPES, betweenLowerFeatures, betweenLowerWords, collectFeatures, docContextKey, documentContextOf,
  neighbourFeatures, shapeContextFeatures, shapePositionFeatures, shapeTransitionFeature, transitionFeature, wordInfo, type DocContext, type NameType, type WordInfo,
} from './features';
import { boundedTransitions, pathMargins, rowsOf, viterbi } from './decode';

const MAGIC = 0x314c5942; // "BYL1" little-endian

/** A name span over token indices of one sentence (end exclusive). */
export interface WordSpan {
  start: number;
  end: number;
  type: NameType;
  confidence: number;
}

/** How tagDocument tags a document: see there. */
interface TagOptions {
  consistency?: boolean;
  memo?: NameMemo;
  checkpoint?: () => void;
}

/** Header of the weights file (JSON), followed by the quantised feature table. */
interface ModelHeader {
  labels: string[];
  gazetteer: string;
}

/** A model's quantised weights, as the file stores them (see serialize). */
interface QuantisedWeights {
  hashes: Uint32Array;
  /** Per feature: its scale's exponent + 128 (scales are powers of two), and how many non-zero weights it has. */
  exps: Uint8Array;
  counts: Uint8Array;
  /** The non-zero weights, feature after feature in label order, each as its label then the 8-bit weight (two's complement). */
  pairs: Uint8Array;
}

/** The scale of each exponent byte. */
const SCALES = Float32Array.from({ length: 256 }, (_, e) => Math.pow(2, e - 128));

/**
 * The weights table is open-addressed with 32-byte slots, so that a feature costs one cache line: the feature
 * hash (u32 at byte 0), its scale (f32 at byte 4; 0 marks an empty slot), the number of its non-zero 8-bit
 * weights (byte 8), then either those weights as 16-bit (label, weight) pairs from byte 10 (the label in the low
 * byte, the weight in the high one), or, when there are more than MAX_PAIRS, all L weights in label order, four to
 * a 32-bit word (label 4j + b in byte b of word j, from the low one), from byte 12. Reading two or four weights at
 * a time takes fewer instructions than reading bytes (V8 checks each access).
 */
const SLOT_BYTES = 32;
const SLOT_WORDS = SLOT_BYTES / 4;
/** Where a slot's pairs start in its 16-bit words, and its dense weights in its 32-bit words. */
const SLOT_PAIRS = 10 / 2;
const SLOT_QUADS = 12 / 4;
const MAX_PAIRS = 11;

/**
 * The table's presence filter has 2^PRESENCE_BITS bits, one per value of a feature hash's top PRESENCE_BITS
 * bits, set for the model's features. Near half of the features a token probes are not in the model; the filter (256 KiB, so it
 * stays in cache) answers most of them without touching the table. With 150,000 features 7% of absent
 * features pass it and are looked up in the table as before.
 */
const PRESENCE_BITS = 21;

/** The cache of shape features' scores (NameTagger.shapeScoresOf) has 2^SHAPE_CACHE_BITS entries. */
const SHAPE_CACHE_BITS = 12;

/**
 * Blocks of L scores kept per word (NameTagger.wordScores), and how many words' blocks are kept before the store
 * starts afresh (408 bytes each in float32: 6.4 MiB, a few dozen articles' vocabulary), allocated CHUNK_WORDS words
 * at a time; the boundaries before and after a sentence take the first two places.
 */
const WORD_BLOCKS = 6;
const MAX_SCORED_WORDS = 1 << 14;
const CHUNK_WORDS = 512;

export class NameTagger implements NameRecognizer {
  private readonly L: number;
  /** The weights table (see SLOT_BYTES), as 32-bit hashes, f32 scales, unsigned counts, pairs, and words of four weights. */
  private readonly slotHashes: Uint32Array;
  private readonly slotScales: Float32Array;
  private readonly slotBytes: Uint8Array;
  private readonly slotPairs: Int16Array;
  private readonly slotQuads: Int32Array;
  private readonly mask: number;
  private readonly presence = new Int32Array(1 << (PRESENCE_BITS - 5));

  private constructor(weights: QuantisedWeights, readonly gazetteer: Gazetteer | undefined) {
    const L = LABELS.length;
    this.L = L;
    const { hashes, exps, counts, pairs } = weights;
    const n = hashes.length;
    // Every weight is an 8-bit integer times a power-of-two scale, so sums of a token's weights are exact in
    // double precision (hence independent of their order) while the scales span less than 2^36 (a token has
    // far fewer than 1,024 features): then a word's contributions to its neighbours can be summed ahead.
    let minExp = 255;
    let maxExp = 0;
    for (let f = 0; f < n; f++) {
      minExp = Math.min(minExp, exps[f]!);
      maxExp = Math.max(maxExp, exps[f]!);
    }
    this.exactSums = n === 0 || maxExp - minExp < 36;
    const cap = tableCapacity(n);
    const table = new ArrayBuffer(cap * SLOT_BYTES);
    const slotHashes = (this.slotHashes = new Uint32Array(table));
    const slotScales = (this.slotScales = new Float32Array(table));
    const slotBytes = (this.slotBytes = new Uint8Array(table));
    const slotPairs = (this.slotPairs = new Int16Array(table));
    const slotQuads = (this.slotQuads = new Int32Array(table));
    const mask = (this.mask = cap - 1);
    let next = 0;
    for (let f = 0; f < n; f++) {
      const h = hashes[f]!;
      const count = counts[f]!;
      const first = next;
      next += 2 * count;
      if (count > L || next > pairs.length) throw new Error('name model is corrupt (weight counts)');
      let p = h & mask;
      while (slotScales[p * SLOT_WORDS + 1] !== 0 && slotHashes[p * SLOT_WORDS] !== h) p = (p + 1) & mask;
      const at = p * SLOT_BYTES;
      // a repeated hash replaces the earlier feature
      if (slotScales[p * SLOT_WORDS + 1] !== 0) slotBytes.fill(0, at, at + SLOT_BYTES);
      slotHashes[p * SLOT_WORDS] = h;
      slotScales[p * SLOT_WORDS + 1] = SCALES[exps[f]!]!;
      const bit = h >>> (32 - PRESENCE_BITS);
      this.presence[bit >>> 5]! |= 1 << (bit & 31);
      slotBytes[at + 8] = count;
      for (let k = first; k < next; k += 2) {
        const label = pairs[k]!;
        if (label >= L) throw new Error('name model is corrupt (label index)');
        const weight = pairs[k + 1]!;
        if (count > MAX_PAIRS) slotQuads[p * SLOT_WORDS + SLOT_QUADS + (label >> 2)]! |= weight << (8 * (label & 3));
        else slotPairs[p * (SLOT_BYTES / 2) + SLOT_PAIRS + ((k - first) >> 1)] = label | (weight << 8);
      }
    }
  }

  /** A tagger from float weights (row-major, LABELS.length per feature), quantised exactly as the file is. */
  static fromWeights(hashes: Uint32Array, weights: Float32Array, gazetteer: Gazetteer | undefined): NameTagger {
    return new NameTagger(quantise(hashes, weights), gazetteer);
  }

  /** Reads a weights file written by scripts/train-ner.ts (see serialize). */
  static fromBytes(bytes: Uint8Array): NameTagger {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < 12 || view.getUint32(0, true) !== MAGIC) throw new Error('not a Byline name model (bad magic number)');
    const headerLen = view.getUint32(4, true);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLen))) as ModelHeader;
    if (header.labels.join(' ') !== LABELS.join(' ')) throw new Error('name model labels do not match this tagger');
    let off = 8 + headerLen;
    const n = view.getUint32(off, true);
    off += 4;
    const hashes = new Uint32Array(n);
    for (let f = 0; f < n; f++) hashes[f] = view.getUint32(off + 4 * f, true);
    off += 4 * n;
    const exps = bytes.subarray(off, off + n);
    off += n;
    const counts = bytes.subarray(off, off + n);
    off += n;
    let weightCount = 0;
    for (let f = 0; f < n; f++) weightCount += counts[f]!;
    if (off + 2 * weightCount !== bytes.byteLength) throw new Error('name model is truncated or has trailing bytes');
    return new NameTagger({ hashes, exps, counts, pairs: bytes.subarray(off) }, Gazetteer.fromText(header.gazetteer));
  }

  /**
   * Writes the weights compactly: per feature a power-of-two scale and its non-zero labels as 8-bit values, the
   * features in loadOrder.
   */
  static serialize(hashes: Uint32Array, weights: Float32Array, gazetteer: Gazetteer): Uint8Array {
    const n = hashes.length;
    const L = LABELS.length;
    const order = loadOrder(hashes);
    const sorted = new Float32Array(weights.length);
    order.forEach((f, i) => sorted.set(weights.subarray(f * L, (f + 1) * L), i * L));
    const { exps, counts, pairs } = quantise(hashes, sorted);
    const header: ModelHeader = { labels: [...LABELS], gazetteer: gazetteer.toText() };
    let headerBytes = new TextEncoder().encode(JSON.stringify(header));
    const pad = (4 - (headerBytes.length % 4)) % 4;
    if (pad) headerBytes = new TextEncoder().encode(JSON.stringify(header) + ' '.repeat(pad));
    const total = 8 + headerBytes.length + 4 + 4 * n + 2 * n + pairs.length;
    const out = new Uint8Array(total);
    const view = new DataView(out.buffer);
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, headerBytes.length, true);
    out.set(headerBytes, 8);
    let off = 8 + headerBytes.length;
    view.setUint32(off, n, true);
    off += 4;
    order.forEach((f, i) => view.setUint32(off + 4 * i, hashes[f]!, true));
    off += 4 * n;
    out.set(exps, off);
    off += n;
    out.set(counts, off);
    off += n;
    out.set(pairs, off);
    return out;
  }

  /** Whether weight sums are exact, so that per-word partial sums give the same scores (see constructor). */
  private readonly exactSums: boolean;

  /**
   * Every scored word's summed weights (wordScores), WORD_BLOCKS × L each: place k of the store is wordBlocks[k],
   * a view of one of the chunks the store is allocated in. The emission loop reads five words' blocks per token
   * through these views at constant indices, which V8 checks in fewer instructions than offsets into one array
   * (a third of sumBlocks' instructions). The first two places are the sentence boundaries: before the sentence
   * (bos: roles 0 and 2) and after it (eos: roles 1 and 3), the other blocks zero. A WordInfo's `scores` are
   * valid while its scoresOwner is `generation`. Once MAX_SCORED_WORDS words are kept, the store starts afresh
   * under a new generation (an open-ended vocabulary would otherwise grow it for ever), reusing its places, but
   * only between sentences (startSentence): a sentence's tokens must keep their places while it is scored.
   *
   * The store is float32 because the emission loop waits on memory more than it computes: a token reads five
   * words' blocks, 340 bytes in float32 rather than 680. The sums are computed in float64 and kept only when
   * float32 holds every one of them exactly (keepBlocks), which it does for every word of the shipped model
   * (8-bit weights times powers of two whose exponents are close), so the scores are the float64 ones. A word
   * whose sums float32 cannot hold gets no place (its `scores` stay undefined), and its sentences are scored
   * feature by feature (score); so do all sentences if the boundaries' sums do not fit (bos or eos undefined).
   * betweenBlocks[k] is a view of place k's last block (a word's own block between lower-case words: wordScores).
   */
  private readonly wordBlocks: Float32Array[] = [];
  private readonly betweenBlocks: Float32Array[] = [];
  private scoredWords = 0;
  private generation: object = {};
  private bos: Float32Array | undefined;
  private eos: Float32Array | undefined;
  /** Where wordScores and startSentence sum a word's blocks in float64 before keepBlocks. */
  private readonly scratchBlocks = new Float64Array(WORD_BLOCKS * LABELS.length);

  /**
   * A word's summed weights, in six blocks of L: its own features (WordInfo.intrinsic), then its single-neighbour
   * features as the previous word, the next, two before and two after (neighbourFeatures roles 0-3), then its own
   * features and its betweenLowerFeatures (its own block for a token between two lower-case words), or undefined
   * if float32 cannot hold them (see wordBlocks); the last block is also its `scoresBetween`. Computed once per
   * word, with the transition scores into it (transitionsFor its shape), and kept on its WordInfo (itself cached
   * per word).
   */
  private wordScores(info: WordInfo): Float32Array | undefined {
    if (info.scoresOwner === this.generation) return info.scores;
    const sums = this.scratchBlocks.fill(0);
    const L = this.L;
    for (const h of info.intrinsic) this.add(h, sums);
    for (let role = 0; role < 4; role++) this.sumInto(neighbourFeatures(info, role as 0 | 1 | 2 | 3, undefined), sums, (role + 1) * L);
    this.sumInto(betweenLowerFeatures(info), sums, 5 * L);
    for (let l = 0; l < L; l++) sums[5 * L + l]! += sums[l]!;
    // (a long sentence may take the store past MAX_SCORED_WORDS)
    const place = this.keepBlocks(sums);
    info.scores = place < 0 ? undefined : this.wordBlocks[place];
    info.scoresBetween = place < 0 ? undefined : this.betweenBlocks[place];
    info.transitions = this.transitionsFor(info.shapeH);
    info.scoresOwner = this.generation;
    return info.scores;
  }

  /** Before a sentence is scored: the store set up the first time, and started afresh when it is full. */
  private startSentence(): void {
    if (this.scoredWords !== 0 && this.scoredWords < MAX_SCORED_WORDS) return;
    this.generation = {};
    this.scoredWords = 0;
    const sums = this.scratchBlocks;
    sums.fill(0);
    for (const role of [0, 2] as const) this.sumInto(neighbourFeatures(undefined, role, 'bos'), sums, (role + 1) * this.L);
    this.bos = this.wordBlocks[this.keepBlocks(sums)];
    sums.fill(0);
    for (const role of [1, 3] as const) this.sumInto(neighbourFeatures(undefined, role, 'eos'), sums, (role + 1) * this.L);
    this.eos = this.wordBlocks[this.keepBlocks(sums)];
  }

  /** The next place of the store, holding a copy of a word's summed blocks, or -1 if float32 cannot hold them exactly. */
  private keepBlocks(sums: Float64Array): number {
    if (!fitsFloat32(sums)) return -1;
    const blocks = this.wordBlocks;
    if (this.scoredWords === blocks.length) {
      const size = WORD_BLOCKS * this.L;
      const chunk = new Float32Array(CHUNK_WORDS * size);
      for (let k = 0; k < CHUNK_WORDS; k++) {
        blocks.push(chunk.subarray(k * size, (k + 1) * size));
        this.betweenBlocks.push(chunk.subarray((k + 1) * size - this.L, (k + 1) * size));
      }
    }
    const place = this.scoredWords++;
    blocks[place]!.set(sums);
    return place;
  }

  /** Previous-label weights plus previous-label × shape weights, per shape: rows prev = -1..L-1, L columns. */
  private readonly transitionCache = new Map<number, Float64Array>();

  private transitionsFor(shapeHash: number): Float64Array {
    let t = this.transitionCache.get(shapeHash);
    if (t) return t;
    const L = this.L;
    t = new Float64Array((L + 1) * L);
    for (let prev = -1; prev < L; prev++) this.sumInto([transitionFeature(prev), shapeTransitionFeature(shapeHash, prev)], t, (prev + 1) * L);
    t = boundedTransitions(t);
    // shapes are few (about 90 in 120 WorldWide articles), but bound the cache for adversarial input: a bounded
    // matrix (boundedTransitions) is about 3.9 KiB, so at most 16 MiB
    if (this.transitionCache.size < 4096) this.transitionCache.set(shapeHash, t);
    return t;
  }

  /** The summed weights of features `hs` written to scores[at .. at+L), which held zeros. */
  private sumInto(hs: readonly number[], scores: Float64Array, at: number): void {
    const row = this.scratchRow.fill(0);
    for (const h of hs) this.add(h, row);
    scores.set(row, at);
  }

  private readonly scratchRow = new Float64Array(LABELS.length);

  get featureCount(): number {
    let n = 0;
    for (let p = 1; p < this.slotScales.length; p += SLOT_WORDS) if (this.slotScales[p] !== 0) n++;
    return n;
  }

  /** Adds feature h's weights (if the model has it) into scores[0 .. L) (a row: see rowsOf). */
  private add(h: number, scores: Float64Array): void {
    const bit = h >>> (32 - PRESENCE_BITS);
    if ((this.presence[bit >>> 5]! & (1 << (bit & 31))) === 0) return;
    const hashes = this.slotHashes;
    const scales = this.slotScales;
    let p = h & this.mask;
    for (;;) {
      const scale = scales[p * SLOT_WORDS + 1]!;
      if (scale === 0) return;
      if (hashes[p * SLOT_WORDS] === h) {
        const count = this.slotBytes[p * SLOT_BYTES + 8]!;
        if (count > MAX_PAIRS) addAll(scores, this.slotQuads, scales, p);
        else {
          // (skipping zero weights changes no sum: adding +0 leaves any sum that is not -0 as it is) Two pairs a
          // turn: V8 checks the arrays once a turn.
          const pairs = this.slotPairs;
          const first = p * (SLOT_BYTES / 2) + SLOT_PAIRS;
          const end = first + count;
          let k = first;
          for (; k + 1 < end; k += 2) {
            const a = pairs[k]!;
            const b = pairs[k + 1]!;
            scores[a & 0xff]! += (a >> 8) * scale;
            scores[b & 0xff]! += (b >> 8) * scale;
          }
          if (k < end) {
            const a = pairs[k]!;
            scores[a & 0xff]! += (a >> 8) * scale;
          }
        }
        return;
      }
      p = (p + 1) & this.mask;
    }
  }

  /** What warmSlots and warmWords loaded, kept so that the compiler does not drop the loads. */
  private warmed = 0;

  /**
   * Loads the first table slot of each of a sentence's features that pass the presence filter, before any of
   * them is looked up (add). The table (8 MiB) is mostly not in cache, and add, feature after feature, waits on
   * each slot's miss before its next probe; these loads depend on nothing but the hashes and take no branch, so
   * the processor has many of the misses in flight at once, and the lookups then find their slots in cache.
   * (An absent feature loads slot 0 instead: the same line every time.)
   */
  private warmSlots(hashes: Uint32Array, count: number): void {
    const presence = this.presence;
    const slotHashes = this.slotHashes;
    const mask = this.mask;
    let warmed = 0;
    for (let k = 0; k < count; k++) {
      const h = hashes[k]!;
      const bit = h >>> (32 - PRESENCE_BITS);
      const present = (presence[bit >>> 5]! >>> (bit & 31)) & 1;
      warmed ^= slotHashes[(h & mask & -present) * SLOT_WORDS]!;
    }
    this.warmed = warmed;
  }

  /**
   * Loads a word of each line of each token's blocks (wordScores, 408 bytes) and its neighbour hashes
   * (WordInfo.ctx) before the sentence is scored: they were mostly last read an article ago, and the scoring
   * loops, with much to do per token, would wait on them token after token; here, as in warmSlots, the misses
   * overlap. Called once the blocks are in tokenBlocks.
   */
  private warmWords(words: readonly WordInfo[], n: number): void {
    const blocks = this.tokenBlocks;
    let warmed = 0;
    for (let i = 0; i < n; i++) {
      const b = blocks[i]!;
      // (102 float32 from any offset: elements 16 apart fall in successive lines, and element 101 in the last)
      warmed ^= b[0]! + b[16]! + b[32]! + b[48]! + b[64]! + b[80]! + b[96]! + b[101]! + words[i]!.ctx[0]!;
    }
    this.warmed = warmed;
  }

  /**
   * Summed weights of the shape features (shapeContextFeatures and shapePositionFeatures) per shape triple, first
   * token or not and case mode, in a direct-mapped cache: slot k holds the triple in shapeKeys[3k .. 3k+3) and
   * the other two as shapeKnown[k] - 1 (0: empty), and its scores in shapeBlocks[k] (a view of shapeScores, as
   * wordBlocks are). Shape triples are few and repeat (most tokens are "Xx" or "x" between the same: a 1,000-word
   * article has about 150), so that their float64 scores stay in cache, unlike the words' blocks.
   */
  private readonly shapeKeys = new Uint32Array(3 << SHAPE_CACHE_BITS);
  private readonly shapeKnown = new Uint8Array(1 << SHAPE_CACHE_BITS);
  private readonly shapeScores = new Float64Array(LABELS.length << SHAPE_CACHE_BITS);
  private readonly shapeBlocks: Float64Array[] = [];

  /**
   * The summed weights of the shape features of a token of shape `own` between `prev` and `next` (BOS, EOS at the
   * sentence's ends), the sentence's first token or not, in a sentence of case mode `mode`, computed if need be.
   */
  private shapeScoresOf(prev: number, own: number, next: number, first: boolean, mode: CaseMode): Float64Array {
    const variant = (first ? 1 : 0) + 2 * mode;
    const slot = Math.imul(prev ^ Math.imul(own ^ Math.imul(next ^ variant, 0x9e3779b1), 0x85ebca6b), 0xc2b2ae35) >>> (32 - SHAPE_CACHE_BITS);
    const keys = this.shapeKeys;
    if (this.shapeKnown[slot] === variant + 1 && keys[3 * slot] === prev && keys[3 * slot + 1] === own && keys[3 * slot + 2] === next) return this.shapeBlocks[slot]!;
    // (apart, so that the test above stays small enough for V8 to inline it into score)
    return this.cacheShapeScores(slot, prev, own, next, variant);
  }

  /** shapeScoresOf when the cache does not have the scores (variant: first token 1, not 0, + 2 × case mode). */
  private cacheShapeScores(slot: number, prev: number, own: number, next: number, variant: number): Float64Array {
    const block = (this.shapeBlocks[slot] ??= this.shapeScores.subarray(slot * this.L, (slot + 1) * this.L));
    block.fill(0);
    for (const h of shapeContextFeatures(prev, own, next)) this.add(h, block);
    for (const h of shapePositionFeatures(own, (variant & 1) === 1, variant >> 1)) this.add(h, block);
    const keys = this.shapeKeys;
    keys[3 * slot] = prev;
    keys[3 * slot + 1] = own;
    keys[3 * slot + 2] = next;
    this.shapeKnown[slot] = variant + 1;
    return block;
  }

  /** Per-sentence working memory, reused from sentence to sentence (grown to the longest sentence). */
  private readonly features = new FeatureBuffers();
  private emission = new Float64Array(0);
  private forward = new Float64Array(0);
  /** A sentence's labels and margins (label), as long as emission has rows. */
  private labels: number[] = [];
  private margins: number[] = [];
  /** Each token's word's blocks (wordScores). */
  private readonly tokenBlocks: Float32Array[] = [];
  private readonly tokenTransitions: Float64Array[] = [];
  private readonly transitionsAt = (i: number): Float64Array => this.tokenTransitions[i]!;

  /**
   * BILOU label indices for one sentence (Viterbi), with each token's max-marginal margin over any other label,
   * computed only for tokens in names (NaN for O: span confidences read no others), in arrays reused from sentence
   * to sentence (entries from the sentence's length on are left over).
   */
  private label(words: readonly WordInfo[], doc: DocContext | undefined): { labels: number[]; margins: number[] } {
    this.score(words, doc);
    const n = words.length;
    const labels = viterbi(n, this.L, this.emission, this.transitionsAt, this.forward, this.labels);
    const margins = pathMargins(n, this.L, this.emission, this.transitionsAt, this.forward, labels, true, this.margins);
    return { labels, margins };
  }

  /**
   * The label scores of each token of a sentence from its static features (n × L, token-major), as label
   * decodes them: the sum of the weights of sentenceFeatures(words, gazetteer, doc) for each token.
   */
  emissionScores(words: readonly string[], doc?: DocContext): Float64Array {
    this.score(words.map(wordInfo), doc);
    return this.emission.slice(0, words.length * this.L);
  }

  /** One feature's weights (all zero for a feature the model does not have). */
  featureWeights(h: number): Float64Array {
    const w = new Float64Array(this.L);
    this.add(h, w);
    return w;
  }

  /** Fills this.emission (emissionScores) and this.tokenTransitions for a sentence. */
  private score(words: readonly WordInfo[], doc: DocContext | undefined): void {
    const L = this.L;
    const n = words.length;
    if (this.emission.length < n * L) {
      this.emission = new Float64Array(2 * n * L);
      this.forward = new Float64Array(2 * n * L);
      this.labels = new Array<number>(2 * n).fill(0);
      this.margins = new Array<number>(2 * n).fill(NaN);
    }
    const { emission, tokenBlocks: blocks } = this;
    this.startSentence();
    // with exact sums, the scores of most features come from caches (per word, per shape triple) if float32 holds
    // the words' (see wordBlocks)
    let cached = this.exactSums && this.bos !== undefined && this.eos !== undefined;
    for (let i = 0; i < n; i++) {
      const info = words[i]!;
      const b = this.wordScores(info);
      if (b) blocks[i] = b;
      else cached = false;
      this.tokenTransitions[i] = info.transitions!;
    }
    if (cached) this.warmWords(words, n);
    const sf = this.features;
    const rows = rowsOf(emission);
    if (cached) {
      collectFeatures(words, this.gazetteer, doc, FeatureParts.None, sf);
      const { hashes, offsets, shapeH, mode } = sf;
      this.warmSlots(hashes, sf.count);
      const bos = this.bos!;
      const eos = this.eos!;
      for (let i = 0; i < n; i++) {
        const row = rows[i]!;
        const sc = this.shapeScoresOf(i > 0 ? shapeH[i - 1]! : BOUNDARIES[0]!, shapeH[i]!, i + 1 < n ? shapeH[i + 1]! : BOUNDARIES[1]!, i === 0, mode);
        const own = betweenLowerWords(shapeH, i, n) ? words[i]!.scoresBetween! : blocks[i]!;
        sumBlocks(row, own, i > 0 ? blocks[i - 1]! : bos, i + 1 < n ? blocks[i + 1]! : eos, i > 1 ? blocks[i - 2]! : bos, i + 2 < n ? blocks[i + 2]! : eos, sc);
        for (let k = offsets[i]!; k < offsets[i + 1]!; k++) this.add(hashes[k]!, row);
      }
      return;
    }
    // sums may round, or float32 cannot hold a word's: every feature added in the reference order
    // (sentenceFeatures), which gives the same scores as the caches when sums are exact
    collectFeatures(words, this.gazetteer, doc, FeatureParts.Intrinsic | FeatureParts.Neighbours | FeatureParts.ShapeContext | FeatureParts.BetweenLower, sf);
    const { hashes, offsets } = sf;
    for (let i = 0; i < n; i++) {
      const row = rows[i]!.fill(0);
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) this.add(hashes[k]!, row);
    }
  }

  /**
   * Name spans for every sentence of one document, with document-level features and consistency
   * (`consistency: false` skips the consistency pass, to measure what it adds). With a memo, a sentence whose
   * spans were computed before under the same conditions (see sentenceKey) reuses them; the memo then keeps only
   * the sentences of this document. `checkpoint` is called every CHECKPOINT_SENTENCES sentences tagged and may
   * throw to stop (the analysis was cancelled): the memo then keeps what was tagged so far as well (bounded by
   * twice the document's sentences).
   */
  tagDocument(sentences: readonly (readonly string[])[], options: TagOptions = {}): WordSpan[][] {
    return this.tagRecords(sentences.map((words) => words.map(wordInfo)), options);
  }

  /** tagDocument of sentences given as their words' records (wordInfo). */
  private tagRecords(infos: readonly (readonly WordInfo[])[], options: TagOptions): WordSpan[][] {
    const doc = documentContextOf(infos);
    let tagged = 0;
    const tagSentence = (words: readonly WordInfo[]): WordSpan[] => {
      if (++tagged % CHECKPOINT_SENTENCES === 0) options.checkpoint?.();
      const { labels, margins } = this.label(words, doc);
      return spansFromLabels(words.length, labels, margins);
    };
    const memo = options.memo;
    let spans: WordSpan[][];
    if (!memo) spans = infos.map(tagSentence);
    else {
      const kept = new Map<string, unknown>();
      let complete = false;
      try {
        spans = infos.map((words, si) => {
          const key = sentenceKey(words, doc);
          const hit = kept.get(key) ?? memo.sentences.get(key);
          if (hit instanceof MemoEntry && hit.tagger === this) {
            kept.set(key, hit);
            return hit.spans;
          }
          const entry = new MemoEntry(this, tagSentence(words));
          kept.set(key, entry);
          return entry.spans;
        });
        complete = true;
      } finally {
        // a stopped run adds what it tagged to what was kept, up to twice this document's sentences
        if (complete || memo.sentences.size + kept.size > 2 * infos.length) memo.sentences.clear();
        for (const [key, entry] of kept) memo.sentences.set(key, entry);
      }
    }
    return options.consistency === false ? spans : harmonise(infos, spans);
  }

  /** NameRecognizer: names in a text model, as character offsets. */
  tag(model: TextModel, memo?: NameMemo, checkpoint?: () => void): NameMention[] {
    const forms = model.forms;
    const count = model.sentences.length;
    const infos = new Array<WordInfo[]>(count);
    for (let si = 0; si < count; si++) {
      const { firstToken, lastToken } = model.sentences[si]!;
      // (an array made at its final size: pushing token by token cost the tagger 2% of its instructions)
      const records = new Array<WordInfo>(lastToken - firstToken);
      for (let i = firstToken; i < lastToken; i++) {
        // (the record is kept with the token's spelling, shared by the documents of the process: no lookup by the
        // word per token)
        const form = forms[i]!;
        records[i - firstToken] = form.wordInfo ??= wordInfo(form.text);
      }
      infos[si] = records;
    }
    const spans = this.tagRecords(infos, { memo, checkpoint });
    const out: NameMention[] = [];
    spans.forEach((list, si) => {
      const s = model.sentences[si]!;
      for (const sp of list) {
        const first = model.tokens[s.firstToken + sp.start]!;
        const last = model.tokens[s.firstToken + sp.end - 1]!;
        out.push({ start: first.start, end: last.end, type: sp.type, sentence: si, confidence: sp.confidence });
      }
    });
    return out;
  }
}

/**
 * row[l] = the sum of entry l of the own block of one word's blocks (wordScores; its last block between two
 * lower-case words), of the previous
 * word's block as previous word (role 0, block 1), the next word's as next (role 1, block 2), and so on for the
 * words two before and after (roles 2 and 3), and of entry l of the shape features' block (shapes), for the 17
 * labels (LABELS), written out label by label: V8 checks a typed array (its map, length and data pointer) once
 * per straight-line stretch of code but again on every turn of a loop, and a loop over the labels took about
 * twice the instructions.
 */
function sumBlocks(row: Float64Array, own: Float32Array, p1: Float32Array, n1: Float32Array, p2: Float32Array, n2: Float32Array, shapes: Float64Array): void {
  row[0] = own[0]! + p1[17]! + n1[34]! + p2[51]! + n2[68]! + shapes[0]!;
  row[1] = own[1]! + p1[18]! + n1[35]! + p2[52]! + n2[69]! + shapes[1]!;
  row[2] = own[2]! + p1[19]! + n1[36]! + p2[53]! + n2[70]! + shapes[2]!;
  row[3] = own[3]! + p1[20]! + n1[37]! + p2[54]! + n2[71]! + shapes[3]!;
  row[4] = own[4]! + p1[21]! + n1[38]! + p2[55]! + n2[72]! + shapes[4]!;
  row[5] = own[5]! + p1[22]! + n1[39]! + p2[56]! + n2[73]! + shapes[5]!;
  row[6] = own[6]! + p1[23]! + n1[40]! + p2[57]! + n2[74]! + shapes[6]!;
  row[7] = own[7]! + p1[24]! + n1[41]! + p2[58]! + n2[75]! + shapes[7]!;
  row[8] = own[8]! + p1[25]! + n1[42]! + p2[59]! + n2[76]! + shapes[8]!;
  row[9] = own[9]! + p1[26]! + n1[43]! + p2[60]! + n2[77]! + shapes[9]!;
  row[10] = own[10]! + p1[27]! + n1[44]! + p2[61]! + n2[78]! + shapes[10]!;
  row[11] = own[11]! + p1[28]! + n1[45]! + p2[62]! + n2[79]! + shapes[11]!;
  row[12] = own[12]! + p1[29]! + n1[46]! + p2[63]! + n2[80]! + shapes[12]!;
  row[13] = own[13]! + p1[30]! + n1[47]! + p2[64]! + n2[81]! + shapes[13]!;
  row[14] = own[14]! + p1[31]! + n1[48]! + p2[65]! + n2[82]! + shapes[14]!;
  row[15] = own[15]! + p1[32]! + n1[49]! + p2[66]! + n2[83]! + shapes[15]!;
  row[16] = own[16]! + p1[33]! + n1[50]! + p2[67]! + n2[84]! + shapes[16]!;
}

/** Whether float32 holds every one of the sums exactly (so that keeping them in float32 changes no score). */
function fitsFloat32(sums: Float64Array): boolean {
  for (let k = 0; k < sums.length; k++) if (Math.fround(sums[k]!) !== sums[k]) return false;
  return true;
}

/**
 * scores[l] += the weight of label l × scale for the 17 labels (LABELS), from the five words of four weights
 * of slot p of the weights table (see SLOT_BYTES) and its scale, written out as sumBlocks is. (The slot rather
 * than its scale is passed: a number that is not a small integer, passed to a function V8 does not inline,
 * is allocated on the heap, and this runs a few thousand times per article.)
 */
function addAll(scores: Float64Array, quads: Int32Array, scales: Float32Array, p: number): void {
  const scale = scales[p * SLOT_WORDS + 1]!;
  const first = p * SLOT_WORDS + SLOT_QUADS;
  let v = quads[first]!;
  scores[0]! += ((v << 24) >> 24) * scale;
  scores[1]! += ((v << 16) >> 24) * scale;
  scores[2]! += ((v << 8) >> 24) * scale;
  scores[3]! += (v >> 24) * scale;
  v = quads[first + 1]!;
  scores[4]! += ((v << 24) >> 24) * scale;
  scores[5]! += ((v << 16) >> 24) * scale;
  scores[6]! += ((v << 8) >> 24) * scale;
  scores[7]! += (v >> 24) * scale;
  v = quads[first + 2]!;
  scores[8]! += ((v << 24) >> 24) * scale;
  scores[9]! += ((v << 16) >> 24) * scale;
  scores[10]! += ((v << 8) >> 24) * scale;
  scores[11]! += (v >> 24) * scale;
  v = quads[first + 3]!;
  scores[12]! += ((v << 24) >> 24) * scale;
  scores[13]! += ((v << 16) >> 24) * scale;
  scores[14]! += ((v << 8) >> 24) * scale;
  scores[15]! += (v >> 24) * scale;
  v = quads[first + 4]!;
  scores[16]! += ((v << 24) >> 24) * scale;
}

/** How often tagDocument calls its checkpoint: about every millisecond on a long document. */
const CHECKPOINT_SENTENCES = 32;

/** A sentence's spans before document-level consistency, as kept in a NameMemo, and the tagger that found them. */
class MemoEntry {
  constructor(
    readonly tagger: NameTagger,
    readonly spans: WordSpan[],
  ) {}
}

/**
 * Everything a sentence's spans (before harmonise) depend on besides the tagger (its weights and gazetteer): its
 * words, and the document context values its features read. Two sentences with the same key get the same spans.
 */
function sentenceKey(infos: readonly WordInfo[], doc: DocContext): string {
  // (the context digits never start with "[", so the key splits back into its two parts)
  return docContextKey(infos, doc) + JSON.stringify(infos.map((info) => info.word));
}

/** Slots of the weights table for n features: a power of two, the load factor at most 2/3 (short probe runs). */
function tableCapacity(n: number): number {
  let cap = 1;
  while (cap * 2 < n * 3) cap <<= 1;
  return cap;
}

/**
 * The order a weights file keeps its features in (serialize): by the slot of the weights table each one's hash
 * leads to, features with the same slot in their given order (so that of two features with one hash the later
 * still replaces the earlier). The loader then fills the table (8 MiB for the shipped model) from front to back
 * rather than at random places, each of which missed every cache: that was about 30 of the 110 ms of loading.
 * Any order loads the same table contents; this one loads fastest.
 */
export function loadOrder(hashes: Uint32Array): Uint32Array {
  const mask = tableCapacity(hashes.length) - 1;
  const order = new Uint32Array(hashes.length);
  for (let f = 0; f < order.length; f++) order[f] = f;
  return order.sort((a, b) => (hashes[a]! & mask) - (hashes[b]! & mask) || a - b);
}

/** 8-bit weights with a power-of-two scale per feature (exps[f] - 128 is the exponent), zeros left out. */
function quantise(hashes: Uint32Array, weights: Float32Array): QuantisedWeights {
  const L = LABELS.length;
  const n = hashes.length;
  const exps = new Uint8Array(n);
  const counts = new Uint8Array(n);
  const pairs: number[] = [];
  for (let f = 0; f < n; f++) {
    let max = 0;
    for (let l = 0; l < L; l++) max = Math.max(max, Math.abs(weights[f * L + l]!));
    const e = max > 0 ? Math.ceil(Math.log2(max / 127)) : 0;
    exps[f] = Math.max(0, Math.min(255, e + 128));
    const scale = Math.pow(2, exps[f]! - 128);
    for (let l = 0; l < L; l++) {
      const q = Math.max(-127, Math.min(127, Math.round(weights[f * L + l]! / scale)));
      if (q === 0) continue;
      pairs.push(l, q & 0xff);
      counts[f]!++;
    }
  }
  return { hashes, exps, counts, pairs: Uint8Array.from(pairs) };
}

/** Path margin (perceptron score units) → rough 0..1 confidence. */
const confidenceOf = (margin: number): number => 1 / (1 + Math.exp(-margin / 4));

/** The name spans of the labels of a sentence of n tokens (labels[0 .. n)), with confidences from their tokens' margins. */
function spansFromLabels(n: number, labels: readonly number[], margins: readonly number[]): WordSpan[] {
  const out: WordSpan[] = [];
  let start = -1;
  let minMargin = Infinity;
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    if (label <= 0) continue;
    // (labelParts' type and position, without an object per name token)
    const pos = (label - 1) & 3;
    if (pos === 0) {
      start = i;
      minMargin = margins[i]!;
    } else if (pos === 1) minMargin = Math.min(minMargin, margins[i]!);
    else {
      const s = pos === 3 ? i : start;
      const m = pos === 3 ? margins[i]! : Math.min(minMargin, margins[i]!);
      if (s >= 0) out.push({ start: s, end: i + 1, type: NAME_TYPES[(label - 1) >> 2]!, confidence: confidenceOf(m) });
      start = -1;
    }
  }
  return out;
}

/** The text of a span's words, as the consistency pass compares names. */
function spanText(words: readonly WordInfo[], sp: WordSpan): string {
  if (sp.end - sp.start === 1) return words[sp.start]!.word;
  const parts = new Array<string>(sp.end - sp.start);
  for (let k = sp.start; k < sp.end; k++) parts[k - sp.start] = words[k]!.word;
  return parts.join(' ');
}

/**
 * Document-level consistency: the same name string gets the type of its most confident mention, and a single
 * word that is part of a confidently tagged longer name elsewhere (a surname, "Blinken" after "Antony Blinken")
 * takes that name's type when the tagger left it out or was unsure. `sentences` are the words' WordInfo. A span
 * that keeps its type and confidence is returned as it is (spans are not changed after they are made).
 */
function harmonise(sentences: readonly (readonly WordInfo[])[], spans: WordSpan[][]): WordSpan[][] {
  // the most confident span of each name, and of each word of confident PERSON names of two words or more
  const best = new Map<string, WordSpan>();
  const parts = new Map<string, WordSpan>();
  // every span's text, in the order both passes take the spans in
  const keys: string[] = [];
  let longest = 0;
  sentences.forEach((words, si) => {
    longest = Math.max(longest, words.length);
    for (const sp of spans[si]!) {
      const key = spanText(words, sp);
      keys.push(key);
      const b = best.get(key);
      if (!b || sp.confidence > b.confidence) best.set(key, sp);
      if (sp.end - sp.start > 1 && sp.type === 'PERSON' && sp.confidence > 0.8) {
        for (let k = sp.start; k < sp.end; k++) {
          const w = words[k]!.word;
          if (!/^\p{Lu}\p{Ll}/u.test(w)) continue;
          const p = parts.get(w);
          if (!p || sp.confidence > p.confidence) parts.set(w, sp);
        }
      }
    }
  });
  let nextKey = 0;
  const covered = new Uint8Array(parts.size === 0 ? 0 : longest);
  return spans.map((list, si) => {
    const words = sentences[si]!;
    const out: WordSpan[] = [];
    for (const sp of list) {
      const key = keys[nextKey++]!;
      const b = best.get(key)!;
      // the span whose type and confidence this one takes (itself, or a better mention of the name or its word)
      let to = sp;
      if (b.type !== sp.type && b.confidence > sp.confidence + 0.2) to = b;
      else if (sp.end - sp.start === 1 && sp.confidence < 0.7) {
        const p = parts.get(key);
        if (p && p.type !== sp.type) to = p;
      }
      out.push(to === sp ? sp : { start: sp.start, end: sp.end, type: to.type, confidence: to.confidence });
    }
    if (parts.size === 0) return out;
    // surnames the tagger missed (a part starts with a capital letter: WordInfo.cap)
    covered.fill(0, 0, words.length);
    for (const sp of list) covered.fill(1, sp.start, sp.end);
    const found = out.length;
    for (let k = 0; k < words.length; k++) {
      const info = words[k]!;
      if (covered[k] || !info.cap) continue;
      const p = parts.get(info.word);
      if (!p) continue;
      if ((k > 0 && covered[k - 1]) || (k + 1 < words.length && covered[k + 1])) continue;
      out.push({ start: k, end: k + 1, type: p.type, confidence: p.confidence * 0.8 });
    }
    // (the spans found are in order and starts are distinct)
    return out.length === found ? out : out.sort((a, b) => a.start - b.start);
  });
}
