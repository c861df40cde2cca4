// The statistical name recognizer: an averaged perceptron over BILOU labels for PERSON, ORG, LOC and MISC,
// decoded with Viterbi under BILOU constraints (label-transition features), then made consistent across the
// article (a name tagged confidently once informs its other mentions). Weights come from
// scripts/train-ner.ts; the host hands the bytes in (the engine never reads files).

import type { TextModel } from '../text';
import type { NameMemo, NameMention, NameRecognizer } from './index';
import {
  BOS, CaseMode, EOS, boundedTransitions, FeatureBuffers, FeatureParts, Gazetteer, LABELS, NAME_TYPES, collectFeatures, docContextKey, documentContextOf, labelParts, neighbourFeatures,
  normalShapeFeatures, pathMargins, shapeContextFeatures, shapeTransitionFeature, transitionFeature, viterbi, wordInfo, type DocContext, type NameType, type WordInfo,
} from './features';

const MAGIC = 0x314c5942; // "BYL1" little-endian

/** A name span over token indices of one sentence (end exclusive). */
export interface WordSpan {
  start: number;
  end: number;
  type: NameType;
  confidence: number;
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
 * weights (byte 8) and from byte 9 either those weights as (label, weight) byte pairs or, when there are more
 * than MAX_PAIRS (few features), all L weights in label order.
 */
const SLOT_BYTES = 32;
const SLOT_WORDS = SLOT_BYTES / 4;
const MAX_PAIRS = 11;

/**
 * The table's presence filter has 2^PRESENCE_BITS bits, one per value of a feature hash's top PRESENCE_BITS
 * bits, set for the model's features. Near half of the features a token probes are not in the model; the filter (256 KiB, so it
 * stays in cache) answers most of them without touching the table. With 150,000 features 7% of absent
 * features pass it and are looked up in the table as before.
 */
const PRESENCE_BITS = 21;

/** The cache of shape-context scores (NameTagger.shapeContextScores) has 2^SHAPE_CACHE_BITS entries. */
const SHAPE_CACHE_BITS = 12;

/**
 * Blocks of L scores kept per word (NameTagger.wordScores), and how many words' blocks are kept before the store
 * starts afresh (about 1 KiB each: 16 MiB, a few dozen articles' vocabulary); the boundaries before and after a
 * sentence take the first two places.
 */
const WORD_BLOCKS = 7;
const MAX_SCORED_WORDS = 1 << 14;
const BOS_AT = 0;
const EOS_AT = WORD_BLOCKS * LABELS.length;

export class NameTagger implements NameRecognizer {
  private readonly L: number;
  /** The weights table (see SLOT_BYTES), as 32-bit hashes, f32 scales, unsigned counts and labels, and weights. */
  private readonly slotHashes: Uint32Array;
  private readonly slotScales: Float32Array;
  private readonly slotBytes: Uint8Array;
  private readonly slotWeights: Int8Array;
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
    // load factor at most 2/3: short probe runs
    let cap = 1;
    while (cap * 2 < n * 3) cap <<= 1;
    const table = new ArrayBuffer(cap * SLOT_BYTES);
    const slotHashes = (this.slotHashes = new Uint32Array(table));
    const slotScales = (this.slotScales = new Float32Array(table));
    const slotBytes = (this.slotBytes = new Uint8Array(table));
    this.slotWeights = new Int8Array(table);
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
        if (count > MAX_PAIRS) slotBytes[at + 9 + label] = pairs[k + 1]!;
        else {
          slotBytes[at + 9 + k - first] = label;
          slotBytes[at + 10 + k - first] = pairs[k + 1]!;
        }
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

  /** Writes the weights compactly: per feature a power-of-two scale and its non-zero labels as 8-bit values. */
  static serialize(hashes: Uint32Array, weights: Float32Array, gazetteer: Gazetteer): Uint8Array {
    const n = hashes.length;
    const { exps, counts, pairs } = quantise(hashes, weights);
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
    for (let f = 0; f < n; f++) view.setUint32(off + 4 * f, hashes[f]!, true);
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
   * Every scored word's summed weights (wordScores), WORD_BLOCKS × L each, in one array that the emission loop
   * reads five words' blocks from per token. The first two entries are the sentence boundaries: before the
   * sentence (BOS_AT: roles 0 and 2) and after it (EOS_AT: roles 1 and 3), the other blocks zero. A WordInfo's
   * scoresAt is valid while its scoresOwner is `generation`. Once MAX_SCORED_WORDS words are kept, the array
   * starts afresh under a new generation (an open-ended vocabulary would otherwise grow it for ever), but only
   * between sentences (startSentence): a sentence's tokens must keep their places while it is scored.
   */
  private wordArena = new Float64Array(0);
  private scoredWords = 0;
  private generation: object = {};

  /**
   * Where wordArena holds a word's summed weights, in seven blocks of L: its own features, then its
   * single-neighbour features as the previous word, the next, two before and two after (neighbourFeatures
   * roles 0-3), then its own features plus its shape features in a normal-case sentence further on, and as the
   * first token (normalShapeFeatures). Computed once per word, with the transition scores into it
   * (transitionsFor its shape), and kept on its WordInfo (itself cached per word). (Blocks 5 and 6 are only
   * used when sums are exact.)
   */
  private wordScores(info: WordInfo): number {
    if (info.scoresOwner === this.generation) return info.scoresAt;
    const at = this.appendWordBlocks(); // (a long sentence may take the store past MAX_SCORED_WORDS)
    const r = this.wordArena;
    const L = this.L;
    for (const h of info.intrinsic) this.add(h, r, at);
    for (let role = 0; role < 4; role++) for (const h of neighbourFeatures(info, role as 0 | 1 | 2 | 3, undefined)) this.add(h, r, at + (role + 1) * L);
    r.copyWithin(at + 5 * L, at, at + L);
    r.copyWithin(at + 6 * L, at, at + L);
    for (const h of normalShapeFeatures(info, false)) this.add(h, r, at + 5 * L);
    for (const h of normalShapeFeatures(info, true)) this.add(h, r, at + 6 * L);
    info.scoresAt = at;
    info.transitions = this.transitionsFor(info.shapeH);
    info.scoresOwner = this.generation;
    return at;
  }

  /** Before a sentence is scored: the store set up the first time, and started afresh when it is full. */
  private startSentence(): void {
    if (this.scoredWords !== 0 && this.scoredWords < MAX_SCORED_WORDS) return;
    this.generation = {};
    this.scoredWords = 0;
    this.appendWordBlocks(); // BOS_AT
    this.appendWordBlocks(); // EOS_AT
    for (const role of [0, 2] as const) for (const h of neighbourFeatures(undefined, role, 'bos')) this.add(h, this.wordArena, BOS_AT + (role + 1) * this.L);
    for (const role of [1, 3] as const) for (const h of neighbourFeatures(undefined, role, 'eos')) this.add(h, this.wordArena, EOS_AT + (role + 1) * this.L);
  }


  private appendWordBlocks(): number {
    const size = WORD_BLOCKS * this.L;
    const at = this.scoredWords * size;
    if (this.wordArena.length < at + size) {
      const grown = new Float64Array(Math.max(64 * size, 2 * this.wordArena.length));
      grown.set(this.wordArena);
      this.wordArena = grown;
    }
    this.wordArena.fill(0, at, at + size);
    this.scoredWords++;
    return at;
  }

  /** Previous-label weights plus previous-label × shape weights, per shape: rows prev = -1..L-1, L columns. */
  private readonly transitionCache = new Map<number, Float64Array>();

  private transitionsFor(shapeHash: number): Float64Array {
    let t = this.transitionCache.get(shapeHash);
    if (t) return t;
    const L = this.L;
    t = new Float64Array((L + 1) * L);
    const row = new Float64Array(L);
    for (let prev = -1; prev < L; prev++) {
      row.fill(0);
      this.add(transitionFeature(prev), row);
      this.add(shapeTransitionFeature(shapeHash, prev), row);
      t.set(row, (prev + 1) * L);
    }
    t = boundedTransitions(t);
    // shapes are few, but bound the cache for adversarial input
    if (this.transitionCache.size < 20000) this.transitionCache.set(shapeHash, t);
    return t;
  }

  get featureCount(): number {
    let n = 0;
    for (let p = 1; p < this.slotScales.length; p += SLOT_WORDS) if (this.slotScales[p] !== 0) n++;
    return n;
  }

  /** Adds feature h's weights (if the model has it) into scores[at .. at+L). */
  private add(h: number, scores: Float64Array, at = 0): void {
    const bit = h >>> (32 - PRESENCE_BITS);
    if ((this.presence[bit >>> 5]! & (1 << (bit & 31))) === 0) return;
    const hashes = this.slotHashes;
    const scales = this.slotScales;
    let p = h & this.mask;
    for (;;) {
      const scale = scales[p * SLOT_WORDS + 1]!;
      if (scale === 0) return;
      if (hashes[p * SLOT_WORDS] === h) {
        const w = this.slotWeights;
        const first = p * SLOT_BYTES + 9;
        const count = this.slotBytes[first - 1]!;
        if (count > MAX_PAIRS) addAll(scores, at, w, first, scale);
        else {
          // (skipping zero weights changes no sum: adding +0 leaves any sum that is not -0 as it is) Two pairs a
          // turn: V8 checks the arrays once a turn.
          const labels = this.slotBytes;
          const end = first + 2 * count;
          let k = first;
          for (; k + 2 < end; k += 4) {
            scores[at + labels[k]!]! += w[k + 1]! * scale;
            scores[at + labels[k + 2]!]! += w[k + 3]! * scale;
          }
          if (k < end) scores[at + labels[k]!]! += w[k + 1]! * scale;
        }
        return;
      }
      p = (p + 1) & this.mask;
    }
  }

  /**
   * Summed weights of the shape-context features (shapeContextFeatures) per shape triple, in a direct-mapped
   * cache: slot k holds the triple in shapeKeys[3k .. 3k+3) (if shapeKnown[k]) and its scores in
   * shapeScores[kL .. kL+L). Shape triples are few and repeat (most tokens are "Xx" or "x" between the same).
   */
  private readonly shapeKeys = new Uint32Array(3 << SHAPE_CACHE_BITS);
  private readonly shapeKnown = new Uint8Array(1 << SHAPE_CACHE_BITS);
  private readonly shapeScores = new Float64Array(LABELS.length << SHAPE_CACHE_BITS);

  /** Where shapeScores holds the scores of shapeContextFeatures(prev, own, next), computed if need be. */
  private shapeContextScores(prev: number, own: number, next: number): number {
    const slot = Math.imul(prev ^ Math.imul(own ^ Math.imul(next, 0x9e3779b1), 0x85ebca6b), 0xc2b2ae35) >>> (32 - SHAPE_CACHE_BITS);
    const keys = this.shapeKeys;
    const at = slot * this.L;
    if (this.shapeKnown[slot] && keys[3 * slot] === prev && keys[3 * slot + 1] === own && keys[3 * slot + 2] === next) return at;
    this.shapeScores.fill(0, at, at + this.L);
    for (const h of shapeContextFeatures(prev, own, next)) this.add(h, this.shapeScores, at);
    keys[3 * slot] = prev;
    keys[3 * slot + 1] = own;
    keys[3 * slot + 2] = next;
    this.shapeKnown[slot] = 1;
    return at;
  }

  /** Per-sentence working memory, reused from sentence to sentence (grown to the longest sentence). */
  private readonly features = new FeatureBuffers();
  private emission = new Float64Array(0);
  private forward = new Float64Array(0);
  /** Each token's place in wordArena. */
  private tokenScores = new Int32Array(0);
  private readonly tokenTransitions: Float64Array[] = [];
  private readonly transitionsAt = (i: number): Float64Array => this.tokenTransitions[i]!;

  /**
   * BILOU label indices for one sentence (Viterbi), with each token's max-marginal margin over any other label,
   * computed only for tokens in names (NaN for O: span confidences read no others).
   */
  private label(words: readonly WordInfo[], doc: DocContext | undefined): { labels: number[]; margins: number[] } {
    this.score(words, doc);
    const n = words.length;
    const labels = viterbi(n, this.L, this.emission, this.transitionsAt, this.forward);
    const margins = pathMargins(n, this.L, this.emission, this.transitionsAt, this.forward, labels, true);
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
    const exact = this.exactSums;
    const sf = this.features;
    // with exact sums, the scores of the features left out come from caches (per word, per shape triple)
    collectFeatures(words, this.gazetteer, doc, exact ? 0 : FeatureParts.Neighbours | FeatureParts.ShapeContext, sf);
    const L = this.L;
    const n = words.length;
    if (this.emission.length < n * L) {
      this.emission = new Float64Array(2 * n * L);
      this.forward = new Float64Array(2 * n * L);
      this.tokenScores = new Int32Array(2 * n);
    }
    const { emission, tokenScores: per } = this;
    this.startSentence();
    for (let i = 0; i < n; i++) {
      const info = words[i]!;
      per[i] = this.wordScores(info);
      this.tokenTransitions[i] = info.transitions!;
    }
    // (after wordScores: it may have grown wordArena)
    const arena = this.wordArena;
    const { hashes, offsets, shapeH } = sf;
    if (exact) {
      const normal = sf.mode === CaseMode.Normal;
      const shapes = this.shapeScores;
      for (let i = 0; i < n; i++) {
        const at = i * L;
        const own = per[i]! + (!normal ? 0 : i === 0 ? 6 * L : 5 * L);
        const p1 = (i > 0 ? per[i - 1]! : BOS_AT) + L;
        const n1 = (i + 1 < n ? per[i + 1]! : EOS_AT) + 2 * L;
        const p2 = (i > 1 ? per[i - 2]! : BOS_AT) + 3 * L;
        const n2 = (i + 2 < n ? per[i + 2]! : EOS_AT) + 4 * L;
        const sc = this.shapeContextScores(i > 0 ? shapeH[i - 1]! : BOS, shapeH[i]!, i + 1 < n ? shapeH[i + 1]! : EOS);
        sumBlocks(emission, at, arena, own, p1, n1, p2, n2, shapes, sc);
        for (let k = offsets[i]!; k < offsets[i + 1]!; k++) this.add(hashes[k]!, emission, at);
      }
    } else {
      // sums may round: add every feature in the reference order (sentenceFeatures with the intrinsic ones first)
      for (let i = 0; i < n; i++) {
        emission.set(arena.subarray(per[i]!, per[i]! + L), i * L);
        for (let k = offsets[i]!; k < offsets[i + 1]!; k++) this.add(hashes[k]!, emission, i * L);
      }
    }
  }

  /**
   * Name spans for every sentence of one document, with document-level features and consistency
   * (`consistency: false` skips the consistency pass, to measure what it adds). With a memo, a sentence whose
   * spans were computed before under the same conditions (see sentenceKey) reuses them; the memo then keeps only
   * the sentences of this document. `checkpoint` is called every CHECKPOINT_SENTENCES sentences tagged and may
   * throw to stop (the analysis was cancelled): the memo then keeps what was tagged so far as well (bounded by
   * twice the document's sentences). `infos` are the words' records (wordInfo), when the caller has them.
   */
  tagDocument(
    sentences: readonly (readonly string[])[],
    options: { consistency?: boolean; memo?: NameMemo; checkpoint?: () => void } = {},
    infos: readonly (readonly WordInfo[])[] = sentences.map((words) => words.map(wordInfo)),
  ): WordSpan[][] {
    const doc = documentContextOf(infos);
    let tagged = 0;
    const tagSentence = (words: readonly WordInfo[]): WordSpan[] => {
      if (++tagged % CHECKPOINT_SENTENCES === 0) options.checkpoint?.();
      const { labels, margins } = this.label(words, doc);
      return spansFromLabels(labels, margins);
    };
    const memo = options.memo;
    let spans: WordSpan[][];
    if (!memo) spans = infos.map(tagSentence);
    else {
      const kept = new Map<string, unknown>();
      let complete = false;
      try {
        spans = infos.map((words, si) => {
          const key = sentenceKey(sentences[si]!, words, doc);
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
    return options.consistency === false ? spans : harmonise(sentences, infos, spans);
  }

  /** NameRecognizer: names in a text model, as character offsets. */
  tag(model: TextModel, memo?: NameMemo, checkpoint?: () => void): NameMention[] {
    const { tokens, forms } = model;
    const infos: WordInfo[][] = [];
    const sentences = model.sentences.map((s) => {
      const words: string[] = [];
      const records: WordInfo[] = [];
      for (let i = s.firstToken; i < s.lastToken; i++) {
        words.push(tokens[i]!.text);
        // (kept with the token's spelling, shared by the documents of the process: no lookup by the word per token)
        const form = forms[i]!;
        records.push((form.wordInfo ??= wordInfo(form.text)));
      }
      infos.push(records);
      return words;
    });
    const spans = this.tagDocument(sentences, { memo, checkpoint }, infos);
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
 * emission[at + l] = the sum of entry l of five wordArena blocks (at own, p1, n1, p2, n2) and of a shapeScores block
 * (at sc), for the 17 labels (LABELS), written out label by label: V8 checks a typed array (its map, length and
 * data pointer) once per straight-line stretch of code but again on every turn of a loop, and a loop over the labels
 * took about twice the instructions.
 */
function sumBlocks(emission: Float64Array, at: number, arena: Float64Array, own: number, p1: number, n1: number, p2: number, n2: number, shapes: Float64Array, sc: number): void {
  emission[at] = arena[own]! + arena[p1]! + arena[n1]! + arena[p2]! + arena[n2]! + shapes[sc]!;
  emission[at + 1] = arena[own + 1]! + arena[p1 + 1]! + arena[n1 + 1]! + arena[p2 + 1]! + arena[n2 + 1]! + shapes[sc + 1]!;
  emission[at + 2] = arena[own + 2]! + arena[p1 + 2]! + arena[n1 + 2]! + arena[p2 + 2]! + arena[n2 + 2]! + shapes[sc + 2]!;
  emission[at + 3] = arena[own + 3]! + arena[p1 + 3]! + arena[n1 + 3]! + arena[p2 + 3]! + arena[n2 + 3]! + shapes[sc + 3]!;
  emission[at + 4] = arena[own + 4]! + arena[p1 + 4]! + arena[n1 + 4]! + arena[p2 + 4]! + arena[n2 + 4]! + shapes[sc + 4]!;
  emission[at + 5] = arena[own + 5]! + arena[p1 + 5]! + arena[n1 + 5]! + arena[p2 + 5]! + arena[n2 + 5]! + shapes[sc + 5]!;
  emission[at + 6] = arena[own + 6]! + arena[p1 + 6]! + arena[n1 + 6]! + arena[p2 + 6]! + arena[n2 + 6]! + shapes[sc + 6]!;
  emission[at + 7] = arena[own + 7]! + arena[p1 + 7]! + arena[n1 + 7]! + arena[p2 + 7]! + arena[n2 + 7]! + shapes[sc + 7]!;
  emission[at + 8] = arena[own + 8]! + arena[p1 + 8]! + arena[n1 + 8]! + arena[p2 + 8]! + arena[n2 + 8]! + shapes[sc + 8]!;
  emission[at + 9] = arena[own + 9]! + arena[p1 + 9]! + arena[n1 + 9]! + arena[p2 + 9]! + arena[n2 + 9]! + shapes[sc + 9]!;
  emission[at + 10] = arena[own + 10]! + arena[p1 + 10]! + arena[n1 + 10]! + arena[p2 + 10]! + arena[n2 + 10]! + shapes[sc + 10]!;
  emission[at + 11] = arena[own + 11]! + arena[p1 + 11]! + arena[n1 + 11]! + arena[p2 + 11]! + arena[n2 + 11]! + shapes[sc + 11]!;
  emission[at + 12] = arena[own + 12]! + arena[p1 + 12]! + arena[n1 + 12]! + arena[p2 + 12]! + arena[n2 + 12]! + shapes[sc + 12]!;
  emission[at + 13] = arena[own + 13]! + arena[p1 + 13]! + arena[n1 + 13]! + arena[p2 + 13]! + arena[n2 + 13]! + shapes[sc + 13]!;
  emission[at + 14] = arena[own + 14]! + arena[p1 + 14]! + arena[n1 + 14]! + arena[p2 + 14]! + arena[n2 + 14]! + shapes[sc + 14]!;
  emission[at + 15] = arena[own + 15]! + arena[p1 + 15]! + arena[n1 + 15]! + arena[p2 + 15]! + arena[n2 + 15]! + shapes[sc + 15]!;
  emission[at + 16] = arena[own + 16]! + arena[p1 + 16]! + arena[n1 + 16]! + arena[p2 + 16]! + arena[n2 + 16]! + shapes[sc + 16]!;
}

/** scores[at + l] += weights[first + l] × scale for the 17 labels (LABELS), written out as sumBlocks is. */
function addAll(scores: Float64Array, at: number, weights: Int8Array, first: number, scale: number): void {
  scores[at]! += weights[first]! * scale;
  scores[at + 1]! += weights[first + 1]! * scale;
  scores[at + 2]! += weights[first + 2]! * scale;
  scores[at + 3]! += weights[first + 3]! * scale;
  scores[at + 4]! += weights[first + 4]! * scale;
  scores[at + 5]! += weights[first + 5]! * scale;
  scores[at + 6]! += weights[first + 6]! * scale;
  scores[at + 7]! += weights[first + 7]! * scale;
  scores[at + 8]! += weights[first + 8]! * scale;
  scores[at + 9]! += weights[first + 9]! * scale;
  scores[at + 10]! += weights[first + 10]! * scale;
  scores[at + 11]! += weights[first + 11]! * scale;
  scores[at + 12]! += weights[first + 12]! * scale;
  scores[at + 13]! += weights[first + 13]! * scale;
  scores[at + 14]! += weights[first + 14]! * scale;
  scores[at + 15]! += weights[first + 15]! * scale;
  scores[at + 16]! += weights[first + 16]! * scale;
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
function sentenceKey(words: readonly string[], infos: readonly WordInfo[], doc: DocContext): string {
  // (the context digits never start with "[", so the key splits back into its two parts)
  return docContextKey(infos, doc) + JSON.stringify(words);
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

function spansFromLabels(labels: readonly number[], margins: readonly number[]): WordSpan[] {
  const out: WordSpan[] = [];
  let start = -1;
  let minMargin = Infinity;
  for (let i = 0; i < labels.length; i++) {
    const p = labelParts(labels[i]!);
    if (!p) continue;
    if (p.pos === 0) {
      start = i;
      minMargin = margins[i]!;
    } else if (p.pos === 1) minMargin = Math.min(minMargin, margins[i]!);
    else {
      const s = p.pos === 3 ? i : start;
      const m = p.pos === 3 ? margins[i]! : Math.min(minMargin, margins[i]!);
      if (s >= 0) out.push({ start: s, end: i + 1, type: NAME_TYPES[p.type]!, confidence: confidenceOf(m) });
      start = -1;
    }
  }
  return out;
}

/** The text of a span's words, as the consistency pass compares names. */
const spanText = (words: readonly string[], sp: WordSpan): string => (sp.end - sp.start === 1 ? words[sp.start]! : words.slice(sp.start, sp.end).join(' '));

/**
 * Document-level consistency: the same name string gets the type of its most confident mention, and a single
 * word that is part of a confidently tagged longer name elsewhere (a surname, "Blinken" after "Antony Blinken")
 * takes that name's type when the tagger left it out or was unsure. `infos` are the words' WordInfo.
 */
function harmonise(sentences: readonly (readonly string[])[], infos: readonly (readonly WordInfo[])[], spans: WordSpan[][]): WordSpan[][] {
  const best = new Map<string, { type: NameType; confidence: number }>();
  const parts = new Map<string, { type: NameType; confidence: number }>();
  sentences.forEach((words, si) => {
    for (const sp of spans[si]!) {
      const key = spanText(words, sp);
      const b = best.get(key);
      if (!b || sp.confidence > b.confidence) best.set(key, { type: sp.type, confidence: sp.confidence });
      if (sp.end - sp.start > 1 && sp.type === 'PERSON' && sp.confidence > 0.8) {
        for (let k = sp.start; k < sp.end; k++) {
          const w = words[k]!;
          if (!/^\p{Lu}\p{Ll}/u.test(w)) continue;
          const p = parts.get(w);
          if (!p || sp.confidence > p.confidence) parts.set(w, { type: sp.type, confidence: sp.confidence });
        }
      }
    }
  });
  return spans.map((list, si) => {
    const words = sentences[si]!;
    const out: WordSpan[] = [];
    for (const sp of list) {
      const key = spanText(words, sp);
      const b = best.get(key);
      let type = sp.type;
      let confidence = sp.confidence;
      if (b && b.type !== sp.type && b.confidence > sp.confidence + 0.2) ({ type, confidence } = b);
      else if (sp.end - sp.start === 1 && sp.confidence < 0.7) {
        const p = parts.get(key);
        if (p && p.type !== sp.type) ({ type, confidence } = p);
      }
      out.push({ start: sp.start, end: sp.end, type, confidence });
    }
    if (parts.size === 0) return out;
    // surnames the tagger missed (a part starts with a capital letter: WordInfo.cap)
    const sentenceInfos = infos[si]!;
    const covered = new Uint8Array(words.length);
    for (const sp of list) covered.fill(1, sp.start, sp.end);
    const found = out.length;
    for (let k = 0; k < words.length; k++) {
      if (covered[k] || !sentenceInfos[k]!.cap) continue;
      const p = parts.get(words[k]!);
      if (!p) continue;
      if ((k > 0 && covered[k - 1]) || (k + 1 < words.length && covered[k + 1])) continue;
      out.push({ start: k, end: k + 1, type: p.type, confidence: p.confidence * 0.8 });
    }
    // (the spans found are in order and starts are distinct)
    return out.length === found ? out : out.sort((a, b) => a.start - b.start);
  });
}
