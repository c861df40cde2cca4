// The statistical name recognizer: an averaged perceptron over BILOU labels for PERSON, ORG, LOC and MISC,
// decoded with Viterbi under BILOU constraints (label-transition features), then made consistent across the
// article (a name tagged confidently once informs its other mentions). Weights come from
// scripts/train-ner.ts; the host hands the bytes in (the engine never reads files).

import type { TextModel } from '../text';
import type { NameMention, NameRecognizer } from './index';
import {
  CaseMode, Gazetteer, LABELS, NAME_TYPES, documentContext, labelParts, neighbourFeatures, normalShapeFeatures, pathMargins, sentenceFeatures, shapeTransitionFeature,
  transitionFeature, viterbi, type DocContext, type NameType, type WordInfo,
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

export class NameTagger implements NameRecognizer {
  private readonly L: number;
  /** Open-addressing table: table[2p] = feature hash, table[2p+1] = row + 1 (0 = empty). */
  private readonly table: Uint32Array;
  private readonly mask: number;

  /**
   * @param hashes feature hashes, one per row
   * @param q 8-bit weights, row-major, LABELS.length per feature
   * @param scales per-feature multiplier of q (a power of two)
   */
  constructor(hashes: Uint32Array, private readonly q: Int8Array, private readonly scales: Float32Array, readonly gazetteer: Gazetteer | undefined) {
    this.L = LABELS.length;
    // Every weight is an 8-bit integer times a power-of-two scale, so sums of a token's weights are exact in
    // double precision (hence independent of their order) while the scales span less than 2^36 (a token has
    // far fewer than 1,024 features): then a word's contributions to its neighbours can be summed ahead.
    let minScale = Infinity;
    let maxScale = 0;
    for (const sc of scales) {
      minScale = Math.min(minScale, sc);
      maxScale = Math.max(maxScale, sc);
    }
    this.exactSums = scales.length === 0 || (minScale > 0 && Math.log2(maxScale / minScale) < 36);
    // load factor at most 2/3: short probe runs, and a table small enough to stay in cache
    let cap = 1;
    while (cap * 2 < hashes.length * 3) cap <<= 1;
    this.table = new Uint32Array(cap * 2);
    this.mask = cap - 1;
    for (let f = 0; f < hashes.length; f++) {
      const h = hashes[f]!;
      let p = h & this.mask;
      while (this.table[2 * p + 1] !== 0 && this.table[2 * p] !== h) p = (p + 1) & this.mask;
      this.table[2 * p] = h;
      this.table[2 * p + 1] = f + 1;
    }
  }

  /** A tagger from float weights (row-major, LABELS.length per feature), quantised exactly as the file is. */
  static fromWeights(hashes: Uint32Array, weights: Float32Array, gazetteer: Gazetteer | undefined): NameTagger {
    const { exps, q } = quantise(weights, hashes.length);
    return new NameTagger(hashes, q, Float32Array.from(exps, (e) => Math.pow(2, e - 128)), gazetteer);
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
    const L = LABELS.length;
    const q = new Int8Array(n * L);
    const scales = new Float32Array(n);
    for (let f = 0; f < n; f++) {
      scales[f] = Math.pow(2, exps[f]! - 128);
      for (let k = 0; k < counts[f]!; k++) {
        q[f * L + bytes[off]!] = view.getInt8(off + 1);
        off += 2;
      }
    }
    if (off !== bytes.byteLength) throw new Error('name model is truncated or has trailing bytes');
    const gazetteer = new Gazetteer(
      header.gazetteer
        .split('\n')
        .filter(Boolean)
        .map((line): [string, number] => {
          const tab = line.lastIndexOf('\t');
          return [line.slice(0, tab), Number(line.slice(tab + 1))];
        }),
    );
    return new NameTagger(hashes, q, scales, gazetteer);
  }

  /** Writes the weights compactly: per feature a power-of-two scale and its non-zero labels as 8-bit values. */
  static serialize(hashes: Uint32Array, weights: Float32Array, gazetteer: Gazetteer): Uint8Array {
    const L = LABELS.length;
    const n = hashes.length;
    const { exps, q } = quantise(weights, n);
    const counts = new Uint8Array(n);
    const pairs: number[] = [];
    for (let f = 0; f < n; f++) {
      for (let l = 0; l < L; l++) {
        const v = q[f * L + l]!;
        if (v === 0) continue;
        pairs.push(l, v);
        counts[f]!++;
      }
    }
    const gazText = [...gazetteer.entries()].map(([p, b]) => `${p}\t${b}`).join('\n');
    const header: ModelHeader = { labels: [...LABELS], gazetteer: gazText };
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
    for (let k = 0; k < pairs.length; k += 2) {
      out[off++] = pairs[k]!;
      view.setInt8(off++, pairs[k + 1]!);
    }
    return out;
  }

  /** Whether weight sums are exact, so that per-word partial sums give the same scores (see constructor). */
  private readonly exactSums: boolean;

  /** Summed weights of each word's own features (spelling, shape, affixes), cached: words repeat. */
  private readonly intrinsicCache = new Map<string, Float64Array>();

  /**
   * A word's summed weights in seven blocks of L: its own features, then its single-neighbour features as the
   * previous word, the next, two before and two after (neighbourFeatures roles 0-3), then its shape features
   * in a normal-case sentence further on and as the first token (normalShapeFeatures); cached per word (on
   * its WordInfo, which is itself cached per word).
   */
  private wordScores(info: WordInfo): Float64Array {
    if (info.scoresOwner === this && info.scores) return info.scores;
    const L = this.L;
    let r: Float64Array;
    r = new Float64Array(7 * L);
    for (const h of info.intrinsic) this.add(h, r);
    for (let role = 0; role < 4; role++) for (const h of neighbourFeatures(info, role as 0 | 1 | 2 | 3, undefined)) this.add(h, r, (role + 1) * L);
    for (const h of normalShapeFeatures(info, false)) this.add(h, r, 5 * L);
    for (const h of normalShapeFeatures(info, true)) this.add(h, r, 6 * L);
    info.scores = r;
    info.scoresOwner = this;
    return r;
  }

  private boundaryCache: { bos: Float64Array; eos: Float64Array } | undefined;

  /** As wordScores for the sentence boundaries: roles 0 and 2 before the sentence, roles 1 and 3 after it. */
  private boundaries(): { bos: Float64Array; eos: Float64Array } {
    if (this.boundaryCache) return this.boundaryCache;
    const L = this.L;
    const bos = new Float64Array(5 * L);
    const eos = new Float64Array(5 * L);
    for (const role of [0, 2] as const) for (const h of neighbourFeatures(undefined, role, 'bos')) this.add(h, bos, (role + 1) * L);
    for (const role of [1, 3] as const) for (const h of neighbourFeatures(undefined, role, 'eos')) this.add(h, eos, (role + 1) * L);
    this.boundaryCache = { bos, eos };
    return this.boundaryCache;
  }

  private intrinsicScores(word: string, hashes: Uint32Array): Float64Array {
    let r = this.intrinsicCache.get(word);
    if (r) return r;
    r = new Float64Array(this.L);
    for (const h of hashes) this.add(h, r);
    if (this.intrinsicCache.size >= 200000) this.intrinsicCache.clear();
    this.intrinsicCache.set(word, r);
    return r;
  }

  /** Previous-label weights plus previous-label × shape weights, per shape: rows prev = -1..L-1, L columns. */
  private readonly transitionCache = new Map<number, Float64Array>();

  private transitions(shapeHash: number): Float64Array {
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
    // shapes are few, but bound the cache for adversarial input
    if (this.transitionCache.size < 20000) this.transitionCache.set(shapeHash, t);
    return t;
  }

  get featureCount(): number {
    let n = 0;
    for (let p = 1; p < this.table.length; p += 2) if (this.table[p]) n++;
    return n;
  }

  /** Adds feature h's weights (if the model has it) into scores[at .. at+L). */
  private add(h: number, scores: Float64Array, at = 0): void {
    const t = this.table;
    let p = h & this.mask;
    for (;;) {
      const slot = t[2 * p + 1]!;
      if (slot === 0) return;
      if (t[2 * p] === h) {
        const row = slot - 1;
        const base = row * this.L;
        const q = this.q;
        const scale = this.scales[row]!;
        for (let l = 0; l < this.L; l++) scores[at + l]! += q[base + l]! * scale;
        return;
      }
      p = (p + 1) & this.mask;
    }
  }

  /** BILOU label indices for one sentence (Viterbi), with each token's max-marginal margin over any other label. */
  labelWords(words: readonly string[], doc?: DocContext): { labels: number[]; margins: number[] } {
    const exact = this.exactSums;
    const sf = sentenceFeatures(words, this.gazetteer, doc, false, !exact);
    const L = this.L;
    const n = words.length;
    const emission = new Float64Array(n * L);
    if (exact) {
      const per = new Array<Float64Array>(n);
      for (let i = 0; i < n; i++) per[i] = this.wordScores(sf.words[i]!);
      const { bos, eos } = this.boundaries();
      for (let i = 0; i < n; i++) {
        const at = i * L;
        const own = per[i]!;
        const p1 = i > 0 ? per[i - 1]! : bos;
        const n1 = i + 1 < n ? per[i + 1]! : eos;
        const p2 = i > 1 ? per[i - 2]! : bos;
        const n2 = i + 2 < n ? per[i + 2]! : eos;
        for (let l = 0; l < L; l++) emission[at + l] = own[l]! + p1[L + l]! + n1[2 * L + l]! + p2[3 * L + l]! + n2[4 * L + l]!;
        if (sf.mode === CaseMode.Normal) {
          const shapeAt = (i === 0 ? 6 : 5) * L;
          for (let l = 0; l < L; l++) emission[at + l]! += own[shapeAt + l]!;
        }
        for (let k = sf.offsets[i]!; k < sf.offsets[i + 1]!; k++) this.add(sf.hashes[k]!, emission, at);
      }
    } else {
      for (let i = 0; i < n; i++) {
        emission.set(this.intrinsicScores(words[i]!, sf.words[i]!.intrinsic), i * L);
        for (let k = sf.offsets[i]!; k < sf.offsets[i + 1]!; k++) this.add(sf.hashes[k]!, emission, i * L);
      }
    }
    const perToken = Array.from(sf.shapeHash, (h) => this.transitions(h));
    const transitions = (i: number): Float64Array => perToken[i]!;
    const forward = new Float64Array(n * L);
    const labels = viterbi(n, L, emission, transitions, forward);
    const margins = pathMargins(n, L, emission, transitions, forward, labels);
    return { labels, margins };
  }

  /** Name spans (token indices) of one sentence tagged on its own. */
  tagWords(words: readonly string[], doc?: DocContext): WordSpan[] {
    const { labels, margins } = this.labelWords(words, doc);
    return spansFromLabels(labels, margins);
  }

  /**
   * Name spans for every sentence of one document, with document-level features and consistency
   * (`consistency: false` skips the consistency pass, to measure what it adds).
   */
  tagDocument(sentences: readonly (readonly string[])[], options: { consistency?: boolean } = {}): WordSpan[][] {
    const doc = documentContext(sentences);
    const spans = sentences.map((words) => this.tagWords(words, doc));
    return options.consistency === false ? spans : harmonise(sentences, spans);
  }

  /** NameRecognizer: names in a text model, as character offsets. */
  tag(model: TextModel): NameMention[] {
    const sentences: string[][] = model.sentences.map((s) => model.tokens.slice(s.firstToken, s.lastToken).map((t) => t.text));
    const spans = this.tagDocument(sentences);
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

/** 8-bit weights with a power-of-two scale per feature (exps[f] - 128 is the exponent). */
function quantise(weights: Float32Array, n: number): { exps: Uint8Array; q: Int8Array } {
  const L = LABELS.length;
  const exps = new Uint8Array(n);
  const q = new Int8Array(n * L);
  for (let f = 0; f < n; f++) {
    let max = 0;
    for (let l = 0; l < L; l++) max = Math.max(max, Math.abs(weights[f * L + l]!));
    const e = max > 0 ? Math.ceil(Math.log2(max / 127)) : 0;
    exps[f] = Math.max(0, Math.min(255, e + 128));
    const scale = Math.pow(2, exps[f]! - 128);
    for (let l = 0; l < L; l++) q[f * L + l] = Math.max(-127, Math.min(127, Math.round(weights[f * L + l]! / scale)));
  }
  return { exps, q };
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

/**
 * Document-level consistency: the same name string gets the type of its most confident mention, and a single
 * word that is part of a confidently tagged longer name elsewhere (a surname, "Blinken" after "Antony Blinken")
 * takes that name's type when the tagger left it out or was unsure.
 */
function harmonise(sentences: readonly (readonly string[])[], spans: WordSpan[][]): WordSpan[][] {
  const best = new Map<string, { type: NameType; confidence: number }>();
  const parts = new Map<string, { type: NameType; confidence: number }>();
  sentences.forEach((words, si) => {
    for (const sp of spans[si]!) {
      const key = words.slice(sp.start, sp.end).join(' ');
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
    const covered = new Set<number>();
    for (const sp of list) {
      const key = words.slice(sp.start, sp.end).join(' ');
      const b = best.get(key);
      let type = sp.type;
      let confidence = sp.confidence;
      if (b && b.type !== sp.type && b.confidence > sp.confidence + 0.2) ({ type, confidence } = b);
      else if (sp.end - sp.start === 1 && sp.confidence < 0.7) {
        const p = parts.get(key);
        if (p && p.type !== sp.type) ({ type, confidence } = p);
      }
      out.push({ ...sp, type, confidence });
      for (let k = sp.start; k < sp.end; k++) covered.add(k);
    }
    // surnames the tagger missed
    for (let k = 0; k < words.length; k++) {
      if (covered.has(k)) continue;
      const p = parts.get(words[k]!);
      if (!p) continue;
      if ((k > 0 && covered.has(k - 1)) || (k + 1 < words.length && covered.has(k + 1))) continue;
      out.push({ start: k, end: k + 1, type: p.type, confidence: p.confidence * 0.8 });
    }
    return out.sort((a, b) => a.start - b.start);
  });
}
