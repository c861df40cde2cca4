// Feature extraction for the name tagger, shared by training (scripts/train-ner.ts) and run time (tagger.ts) so
// the two can never drift apart. Features are 32-bit hashes built by mixing a template number with hashed
// strings: no feature strings are built at run time, and the model stores only hashes and weights.

import { PERSON_TITLES } from '../lexicon';
import { withoutFinalPeriod } from '../text';

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Order-sensitive combination of two 32-bit values (murmur3 finaliser over a boost-style combine). */
export function mix(a: number, b: number): number {
  let h = (a ^ (b + 0x9e3779b9 + (a << 6) + (a >>> 2))) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * One spelling for the many ways raw text writes the same token: curly quotes and dashes as in the Reuters
 * training text, digits collapsed so that dates and figures share features.
 */
export function normalizeWord(w: string): string {
  let out = w;
  if (/[\u2018\u2019\u201a\u201b\u2032`]/.test(out)) out = out.replace(/[\u2018\u2019\u201a\u201b\u2032`]/g, "'");
  if (/[\u201c\u201d\u201e\u201f\u00ab\u00bb]/.test(out)) out = out.replace(/[\u201c\u201d\u201e\u201f\u00ab\u00bb]/g, '"');
  if (/[\u2010-\u2015\u2212]/.test(out)) out = out.replace(/[\u2010\u2011\u2012\u2212]/g, '-').replace(/[\u2013\u2014\u2015]/g, '--');
  if (out === "''" || out === '``') out = '"';
  if (/\d/.test(out)) out = out.replace(/\d/g, '0');
  return out;
}

/** Word shape: X for upper, x for lower, d for digit, punctuation kept; long shape capped, short shape squeezed. */
export function wordShape(w: string): { long: string; short: string } {
  let long = '';
  let short = '';
  let last = '';
  for (const ch of w) {
    let c: string;
    const code = ch.charCodeAt(0);
    // ASCII fast path; the Unicode classes only for the rest
    if (code >= 65 && code <= 90) c = 'X';
    else if (code >= 97 && code <= 122) c = 'x';
    else if (code >= 48 && code <= 57) c = 'd';
    else if (code < 128) c = ch;
    else if (/\p{Lu}/u.test(ch)) c = 'X';
    else if (/\p{Ll}/u.test(ch)) c = 'x';
    else if (/\p{N}/u.test(ch)) c = 'd';
    else if (/\p{L}/u.test(ch)) c = 'x';
    else c = ch;
    if (long.length < 8) long += c;
    if (c !== last) short += c;
    last = c;
  }
  return { long, short };
}

/** How a sentence uses case: headlines in capitals and lower-case chat break the usual capitalisation cues. */
export const enum CaseMode {
  Normal = 0,
  Upper = 1,
  Lower = 2,
  Title = 3,
}

export function caseMode(words: readonly string[]): CaseMode {
  return caseModeOf(words.map(wordInfo));
}

function caseModeOf(infos: readonly WordInfo[]): CaseMode {
  let letters = 0;
  let upper = 0;
  let lower = 0;
  let capitalised = 0;
  let long = 0;
  for (const x of infos) {
    if (x.letterCase === 0) continue;
    letters++;
    if (x.letterCase === 1) upper++;
    else if (x.letterCase === 2) lower++;
    if (x.long) {
      long++;
      if (x.cap) capitalised++;
    }
  }
  if (letters >= 2 && upper >= 0.8 * letters && upper > 1) return CaseMode.Upper;
  if (letters >= 3 && lower === letters) return CaseMode.Lower;
  if (long >= 4 && capitalised >= 0.8 * long) return CaseMode.Title;
  return CaseMode.Normal;
}

/** Gazetteer categories, one bit each. */
export const GAZ_CATEGORIES = ['country', 'demonym', 'city', 'region', 'firstname', 'capital'] as const;
export type GazCategory = (typeof GAZ_CATEGORIES)[number];

/** A word of gazetteer phrases: the categories of the phrase that ends with it, and the words that may follow. */
export interface GazetteerNode {
  bits: number;
  next: Map<string, GazetteerNode> | undefined;
}

/** Lists of names (lower-cased, tokens separated by single spaces) learned at training time from data packages. */
export class Gazetteer {
  private readonly phrases = new Map<string, number>();
  /** The phrases as a trie over their words, for matching without building candidate phrases. */
  private readonly firstWords = new Map<string, GazetteerNode>();

  constructor(entries: Iterable<[string, number]>) {
    for (const [phrase, bits] of entries) this.add(phrase, bits);
  }

  /** The lists as text (as in the weights file): one `phrase<TAB>category bits` line per phrase. */
  toText(): string {
    return Array.from(this.phrases, ([phrase, bits]) => `${phrase}\t${bits}`).join('\n');
  }

  /** A gazetteer from toText's format (read without building a list of entries first: model load time counts). */
  static fromText(text: string): Gazetteer {
    const gaz = new Gazetteer([]);
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const tab = text.lastIndexOf('\t', end);
      if (tab > start) gaz.add(text.slice(start, tab), Number(text.slice(tab + 1, end)));
      start = end + 1;
    }
    return gaz;
  }

  private add(phrase: string, bits: number): void {
    this.phrases.set(phrase, (this.phrases.get(phrase) ?? 0) | bits);
    let words = this.firstWords;
    for (let start = 0; ; ) {
      const space = phrase.indexOf(' ', start);
      const word = space < 0 ? phrase.slice(start) : phrase.slice(start, space);
      let node = words.get(word);
      if (!node) words.set(word, (node = { bits: 0, next: undefined }));
      if (space < 0) {
        node.bits |= bits;
        return;
      }
      words = node.next ??= new Map();
      start = space + 1;
    }
  }

  get size(): number {
    return this.phrases.size;
  }

  /**
   * Longest-match lookup over a sentence of lower-cased tokens: for each token, a list of (category bit index,
   * position) codes with position 0 unit, 1 begin, 2 inside, 3 last.
   */
  match(lower: readonly string[]): number[][] {
    return Array.from(this.matchSparse(lower), (m) => m ?? []);
  }

  /**
   * As match for lower[0..n), with undefined for tokens that match nothing (most of them: fewer allocations),
   * written into `out` (which may be reused from sentence to sentence). Given the tokens' WordInfo as well
   * (`words`), the phrases' first words are looked up once per word (see firstNode) rather than once per token.
   */
  matchSparse(
    lower: readonly string[],
    n = lower.length,
    out: (number[] | undefined)[] = new Array<number[] | undefined>(n),
    words?: readonly WordInfo[],
  ): (number[] | undefined)[] {
    for (let i = 0; i < n; i++) out[i] = undefined;
    for (let i = 0; i < n; i++) {
      // the phrases lower[i .. i+k), k = 1, 2, ... as far as the trie goes
      let node = words ? this.firstNode(words[i]!) : this.firstWords.get(lower[i]!);
      for (let k = 1; node; k++) {
        const bits = node.bits;
        for (let c = 0; c < GAZ_CATEGORIES.length; c++) {
          if (!(bits & (1 << c))) continue;
          for (let j = 0; j < k; j++) {
            const code = c * 4 + (k === 1 ? 0 : j === 0 ? 1 : j === k - 1 ? 3 : 2);
            // (a token's first code makes its list at its size: an empty list grows by 17 at its first push)
            const list = out[i + j];
            if (list) list.push(code);
            else out[i + j] = [code];
          }
        }
        node = i + k < n ? node.next?.get(lower[i + k]!) : undefined;
      }
    }
    return out;
  }

  /** The trie node of phrases starting with a word (this.firstWords.get(info.lower)), kept on its WordInfo. */
  private firstNode(info: WordInfo): GazetteerNode | undefined {
    if (info.gazetteer !== this) {
      info.gazetteer = this;
      info.gazetteerNode = this.firstWords.get(info.lower);
    }
    return info.gazetteerNode;
  }
}

// Template numbers: part of every feature hash, so never renumber them without retraining.
const enum T {
  Bias = 1, Word, Lower, Shape, Short, Suf1, Suf2, Suf3, Suf4, Pre1, Pre2, Pre3, PrevLower, NextLower, Prev2Lower,
  Next2Lower, ShapePrevCur, ShapeCurNext, ShapeTri, BigramPrev, BigramNext, FirstShape, ModeLower, ModeShape,
  Gaz, GazPrev, GazNext, GazCap, TitleBefore, PrevShapeLower, NextShapeLower, Length, PrevSuf3, NextSuf3,
  InQuote, DocCap,
  // label history (dynamic)
  PrevLabel = 100, Prev2Label, PrevLabelLower, PrevLabelShape, // Prev2Label and PrevLabelLower: retired
}

/**
 * Per-document facts available before tagging: how each word is capitalised elsewhere in the article. They are
 * noted on the words' lower-case spellings (LowerForm) rather than kept in a map of their own (looking each word
 * up by its string took the map's buckets, entries and the strings, each a cache miss), so a context answers
 * until the next documentContext(Of) call notes another document's: after that, reading it throws.
 */
export class DocContext {
  constructor(private readonly stamp: number) {}

  /** 1 if the word, lower-cased, is seen capitalised mid-sentence in a normal-case sentence, 2 if seen lower-case, 3 both, 0 neither. */
  capitalisation(info: WordInfo): number {
    if (this.stamp !== contextStamp) throw new Error('a DocContext is read after the next document context was made');
    const form = lowerFormOf(info);
    return form.stamp === this.stamp ? form.bits : 0;
  }
}

/** A lower-case spelling's capitalisation bits (DocContext) in the document context numbered `stamp`. */
interface LowerForm {
  bits: number;
  stamp: number;
}

/**
 * Every lower-case spelling's LowerForm, so that all the spellings of a word ("The", "the") share one. Bounded as
 * wordInfo's cache is; it is only started afresh when a document context is made (the spellings a context notes
 * then all share their forms), under a new epoch, after which each WordInfo finds its form again (lowerFormOf).
 */
const lowerForms = new Map<string, LowerForm>();
let lowerFormEpoch = 0;

function lowerFormOf(info: WordInfo): LowerForm {
  if (info.lowerFormEpoch === lowerFormEpoch) return info.lowerForm!;
  let form = lowerForms.get(info.lower);
  if (!form) lowerForms.set(info.lower, (form = { bits: 0, stamp: 0 }));
  info.lowerForm = form;
  info.lowerFormEpoch = lowerFormEpoch;
  return form;
}

export function documentContext(sentences: readonly (readonly string[])[]): DocContext {
  return documentContextOf(sentences.map((words) => words.map(wordInfo)));
}

/** Numbers documentContextOf calls, for LowerForm.stamp. */
let contextStamp = 0;

/** documentContext of sentences given as their words' WordInfo. */
export function documentContextOf(sentences: readonly (readonly WordInfo[])[]): DocContext {
  const stamp = ++contextStamp;
  if (lowerForms.size >= 200000) {
    lowerForms.clear();
    lowerFormEpoch++;
  }
  for (const infos of sentences) {
    if (caseModeOf(infos) !== CaseMode.Normal) continue;
    for (let i = 1; i < infos.length; i++) {
      const x = infos[i]!;
      if (!x.startsWithLetter || infos[i - 1]!.opening) continue;
      const bit = x.cap ? 1 : x.letterCase === 2 ? 2 : 0;
      if (!bit) continue;
      const form = lowerFormOf(x);
      if (form.stamp !== stamp) {
        form.stamp = stamp;
        form.bits = bit;
      } else form.bits |= bit;
    }
  }
  return new DocContext(stamp);
}

/** Precomputed per-token hashes for one sentence, reused by the dynamic (label history) features. */
export interface SentenceFeatures {
  /** Static feature hashes of token i: hashes[offsets[i] .. offsets[i+1]). */
  hashes: Uint32Array;
  offsets: Uint32Array;
  /** Hash of the lower-cased word and of the short shape, per token. */
  lowerHash: Uint32Array;
  shapeHash: Uint32Array;
  words: WordInfo[];
  /** The sentence's case mode (caseMode). */
  mode: CaseMode;
}

/** The hashes that stand for the words before and after the sentence. */
export const BOS = hashString('<s>');
export const EOS = hashString('</s>');
/**
 * BOS and EOS as the entries of a Uint32Array, for the per-token choice between one of them and a hash read from
 * a Uint32Array (`i > 0 ? shapeH[i - 1]! : BOUNDARIES[0]!`): V8 keeps that choice a 32-bit integer when both
 * sides are such elements, but makes it a heap number (an allocation per token) for hashes of 2^31 and more when
 * one side is the constant.
 */
export const BOUNDARIES = Uint32Array.of(BOS, EOS);

/**
 * What collectFeatures computes for one sentence of n tokens, in arrays that only grow: a caller that is done with
 * a sentence's features before the next sentence (the tagger) reuses one FeatureBuffers rather than allocating
 * per sentence. Entries past n (or past `count` for hashes) are left over from longer sentences.
 */
export class FeatureBuffers {
  mode = CaseMode.Normal;
  lower: string[] = [];
  /** Gazetteer matches per token (Gazetteer.matchSparse). */
  gaz: (number[] | undefined)[] = [];
  lowH: Uint32Array;
  shapeH: Uint32Array;
  /** Static feature hashes of token i: hashes[offsets[i] .. offsets[i+1]); `count` in all. */
  offsets: Uint32Array;
  hashes: Uint32Array;
  count = 0;

  /** Buffers for sentences of up to `tokens` tokens to start with. */
  constructor(tokens = 64) {
    this.lowH = new Uint32Array(tokens);
    this.shapeH = new Uint32Array(tokens);
    this.offsets = new Uint32Array(tokens + 1);
    this.hashes = new Uint32Array(Math.max(16, 40 * tokens));
  }

  /** Room for n tokens. */
  reserve(n: number): void {
    this.count = 0;
    if (this.lowH.length >= n) return;
    const size = Math.max(n, 2 * this.lowH.length);
    this.lowH = new Uint32Array(size);
    this.shapeH = new Uint32Array(size);
    this.offsets = new Uint32Array(size + 1);
  }

  /** The hashes array, grown if need be to hold `more` hashes past the first `count`. */
  room(more: number): Uint32Array {
    if (this.count + more > this.hashes.length) {
      const grown = new Uint32Array(Math.max(2 * this.hashes.length, this.count + more));
      grown.set(this.hashes.subarray(0, this.count));
      this.hashes = grown;
    }
    return this.hashes;
  }
}

/**
 * The most features collectFeatures gives a token besides its intrinsic and gazetteer ones (neighbours 6, shape
 * context 5, word pairs 4, case mode, title, quotation, document context 1 each).
 */
const TOKEN_FEATURES = 19;

/** Everything about a token that depends only on its own spelling; cached, since words repeat. */
export interface WordInfo {
  /** The spelling (as given to wordInfo). */
  word: string;
  lower: string;
  lowH: number;
  shapeH: number;
  suf3H: number;
  cap: number;
  /** 0 no letter, 1 all upper case, 2 all lower case, 3 mixed. */
  letterCase: number;
  /** The lower-cased word has more than three characters (kept for caseModeOf, which then reads each token's record but not its string). */
  long: boolean;
  /** A person title ("Mr.", "President"), a cue for the next word. */
  title: boolean;
  /** The lower-cased word starts with a letter; the word is an opening quote, bracket or colon (documentContext). */
  startsWithLetter: boolean;
  opening: boolean;
  /** The word is a double quotation mark: it opens or closes a quotation (InQuote). */
  quoteMark: boolean;
  /** Features of the word alone (bias, word, lower-cased word, shapes, affixes, length × capitalisation). */
  intrinsic: Uint32Array;
  /** This word's share of its neighbours' context features, hashed once per word: see neighbourHashes. */
  ctx: Uint32Array;
  /**
   * A tagger's summed weights for this word's cacheable features, its label-transition scores (they depend on
   * the word's shape), and whose they are (a tagger's token): kept here rather than in the tagger's own maps to
   * save lookups per token (the word is looked up here anyway).
   */
  scores: Float32Array | undefined;
  /** The first of `scores`' blocks with the word's betweenLowerFeatures added (its scores between two lower-case words). */
  scoresBetween: Float32Array | undefined;
  transitions: Float64Array | undefined;
  scoresOwner: object | undefined;
  /** The gazetteer trie node of phrases starting with this word, in `gazetteer` (see Gazetteer.firstNode). */
  gazetteerNode: GazetteerNode | undefined;
  gazetteer: Gazetteer | undefined;
  /** The record of the lower-cased word's capitalisation in a document (DocContext), when lowerFormEpoch is current (see lowerFormOf). */
  lowerForm: LowerForm | undefined;
  lowerFormEpoch: number;
}

/**
 * The parts of the context features that depend on one word only, in the order of the Ctx indices: as previous
 * word, next word, two before, two after, previous suffix, next suffix (complete features), then the inner mix
 * of the two-word features (completed with the other word's hash in collectFeatures). Hashing these once per
 * distinct word rather than once per token gives the same hashes with half the mixing.
 */
const enum Ctx {
  PrevLower, NextLower, Prev2Lower, Next2Lower, PrevSuf3, NextSuf3, BigramPrev, BigramNext, PrevShapeLower, NextShapeLower, Count,
}

function neighbourHashes(lowH: number, shapeH: number, suf3H: number): Uint32Array {
  const c = new Uint32Array(Ctx.Count);
  c[Ctx.PrevLower] = mix(T.PrevLower, lowH);
  c[Ctx.NextLower] = mix(T.NextLower, lowH);
  c[Ctx.Prev2Lower] = mix(T.Prev2Lower, lowH);
  c[Ctx.Next2Lower] = mix(T.Next2Lower, lowH);
  c[Ctx.PrevSuf3] = mix(T.PrevSuf3, suf3H);
  c[Ctx.NextSuf3] = mix(T.NextSuf3, suf3H);
  c[Ctx.BigramPrev] = mix(T.BigramPrev, lowH);
  c[Ctx.BigramNext] = mix(T.BigramNext, lowH);
  c[Ctx.PrevShapeLower] = mix(T.PrevShapeLower, shapeH);
  c[Ctx.NextShapeLower] = mix(T.NextShapeLower, shapeH);
  return c;
}
/** Before the sentence and after it every per-word hash is BOS / EOS (as at() gives in sentenceFeatures). */
const BOS_CTX = neighbourHashes(BOS, BOS, BOS);
const EOS_CTX = neighbourHashes(EOS, EOS, EOS);
const MODE_SHAPE = [0, 1, 2, 3].map((m) => mix(T.ModeShape, m));
const MODE_LOWER = [0, 1, 2, 3].map((m) => mix(T.ModeLower, m));
const FIRST_SHAPE = [mix(T.FirstShape, 0), mix(T.FirstShape, 1)];
/**
 * The features of a few small values, hashed once rather than token by token (about 40 instructions a mix):
 * TitleBefore and InQuote by the word's capitalisation (WordInfo.cap, 0 or 1); DocCap by its capitalisation
 * bits in the document (0-3), whether it is first and the case mode, at 8 × bits + 4 × first + mode; Gaz,
 * GazPrev and GazNext by the gazetteer match code (category × 4 + position, under GAZ_CODES), and GazCap by the
 * code, the capitalisation and the case mode, at 8 × code + cap + 2 × mode. Kept in Uint32Arrays, as BOUNDARIES.
 */
const GAZ_CODES = GAZ_CATEGORIES.length * 4;
const TITLE_BEFORE = Uint32Array.from([0, 1], (cap) => mix(T.TitleBefore, cap));
const IN_QUOTE = Uint32Array.from([0, 1], (cap) => mix(T.InQuote, cap));
const DOC_CAP = Uint32Array.from({ length: 32 }, (_, k) => mix(mix(T.DocCap, k >> 3), (k & 4 ? 10 : 0) + (k & 3)));
const GAZ = Uint32Array.from({ length: GAZ_CODES }, (_, code) => mix(T.Gaz, code));
const GAZ_PREV = Uint32Array.from({ length: GAZ_CODES }, (_, code) => mix(T.GazPrev, code));
const GAZ_NEXT = Uint32Array.from({ length: GAZ_CODES }, (_, code) => mix(T.GazNext, code));
const GAZ_CAP = Uint32Array.from({ length: 8 * GAZ_CODES }, (_, k) => mix(mix(T.GazCap, k >> 3), k & 7));

const wordInfoCache = new Map<string, WordInfo>();

export function wordInfo(word: string): WordInfo {
  const hit = wordInfoCache.get(word);
  if (hit) return hit;
  const w = normalizeWord(word);
  const lw = w.toLowerCase();
  const shape = wordShape(w);
  const lowH = hashString(lw);
  const shapeH = hashString(shape.short);
  const suf3H = hashString(lw.slice(-3));
  const c0 = w.charCodeAt(0);
  const cap = (c0 >= 65 && c0 <= 90) || (c0 > 127 && /^\p{Lu}/u.test(w)) ? 1 : 0;
  const out: number[] = [T.Bias, mix(T.Word, hashString(w)), mix(T.Lower, lowH), mix(T.Shape, hashString(shape.long)), mix(T.Short, shapeH)];
  const len = lw.length;
  if (len > 1) out.push(mix(T.Suf1, hashString(lw.slice(-1))));
  if (len > 2) out.push(mix(T.Suf2, hashString(lw.slice(-2))));
  if (len > 3) out.push(mix(T.Suf3, suf3H));
  if (len > 4) out.push(mix(T.Suf4, hashString(lw.slice(-4))));
  if (len > 2) out.push(mix(T.Pre1, hashString(lw.slice(0, 1))));
  if (len > 3) out.push(mix(T.Pre2, hashString(lw.slice(0, 2))));
  if (len > 4) out.push(mix(T.Pre3, hashString(lw.slice(0, 3))));
  out.push(mix(T.Length, Math.min(len, 12) + 16 * cap));
  const letterCase = !/\p{L}/u.test(word) ? 0 : word === word.toUpperCase() ? 1 : word === word.toLowerCase() ? 2 : 3;
  const title = PERSON_TITLES.has(withoutFinalPeriod(lw));
  const startsWithLetter = /^\p{L}/u.test(lw);
  const opening = word.length === 1 && /^["'(\u201c\u2018:]$/.test(word);
  const quoteMark = lw === '"' || lw === '\u201c' || lw === '\u201d';
  const info: WordInfo = { word, lower: lw, lowH, shapeH, suf3H, cap, letterCase, long: len > 3, title, startsWithLetter, opening, quoteMark, intrinsic: Uint32Array.from(out), ctx: neighbourHashes(lowH, shapeH, suf3H), scores: undefined, scoresBetween: undefined, transitions: undefined, scoresOwner: undefined, gazetteerNode: undefined, gazetteer: undefined, lowerForm: undefined, lowerFormEpoch: -1 };
  // bounded: a long-running language server sees an open-ended vocabulary
  if (wordInfoCache.size >= 200000) wordInfoCache.clear();
  wordInfoCache.set(word, info);
  return info;
}

/**
 * The complete single-neighbour features a word contributes to the tokens around it, by role: as the previous
 * word (PrevLower, PrevSuf3), the next (NextLower, NextSuf3), two before (Prev2Lower) and two after
 * (Next2Lower). A caller that caches their scores per word leaves out FeatureParts.Neighbours.
 */
export function neighbourFeatures(info: WordInfo | undefined, role: 0 | 1 | 2 | 3, at: 'bos' | 'eos' | undefined): number[] {
  const c = info ? info.ctx : at === 'bos' ? BOS_CTX : EOS_CTX;
  if (role === 0) return [c[Ctx.PrevLower]!, c[Ctx.PrevSuf3]!];
  if (role === 1) return [c[Ctx.NextLower]!, c[Ctx.NextSuf3]!];
  return role === 2 ? [c[Ctx.Prev2Lower]!] : [c[Ctx.Next2Lower]!];
}

/**
 * A token's shape features that depend on where it is (FirstShape: the sentence's first token or not) and on the
 * sentence's case mode (ModeShape), from its short-shape hash.
 */
export function shapePositionFeatures(shapeH: number, first: boolean, mode: CaseMode): [number, number] {
  return [mix(FIRST_SHAPE[first ? 1 : 0]!, shapeH), mix(MODE_SHAPE[mode]!, shapeH)];
}

/**
 * A token's shape-context features (shape bigrams with each neighbour, shape trigram) from the short-shape
 * hashes of the previous word, the word and the next word (BOS before the sentence, EOS after it): they depend on
 * nothing else, so a caller can cache their scores per shape triple (and leave out FeatureParts.ShapeContext).
 */
export function shapeContextFeatures(prevShapeH: number, shapeH: number, nextShapeH: number): [number, number, number] {
  return [mix(mix(T.ShapePrevCur, prevShapeH), shapeH), mix(mix(T.ShapeCurNext, shapeH), nextShapeH), mix(mix(mix(T.ShapeTri, prevShapeH), shapeH), nextShapeH)];
}

/** Groups of static features that collectFeatures may leave out, for a caller that caches their scores. */
export const enum FeatureParts {
  None = 0,
  /** The word's own features (WordInfo.intrinsic). */
  Intrinsic = 1,
  /** Single-neighbour features (neighbourFeatures). */
  Neighbours = 2,
  /**
   * shapeContextFeatures and shapePositionFeatures: they depend on the shapes of the token and its neighbours,
   * whether it is first and the case mode only.
   */
  ShapeContext = 4,
  /** PrevShapeLower and NextShapeLower of the tokens between two lower-case words (betweenLowerWords). */
  BetweenLower = 8,
}

/** The short shape of a lower-case word ("x"): the neighbour of about three tokens in four. */
const LOWER_SHAPE = hashString('x');
const PREV_LOWER_SHAPE = mix(T.PrevShapeLower, LOWER_SHAPE);
const NEXT_LOWER_SHAPE = mix(T.NextShapeLower, LOWER_SHAPE);

/**
 * Whether token i of a sentence of n tokens (short-shape hashes shapeH) lies between two lower-case words: its
 * PrevShapeLower and NextShapeLower features are then betweenLowerFeatures of its word, whose scores a caller can
 * cache per word (and leave out FeatureParts.BetweenLower). Such tokens are about half of news text, and the
 * two features are in the model for most words.
 */
export function betweenLowerWords(shapeH: Uint32Array, i: number, n: number): boolean {
  return i > 0 && i + 1 < n && shapeH[i - 1] === LOWER_SHAPE && shapeH[i + 1] === LOWER_SHAPE;
}

/** A word's PrevShapeLower and NextShapeLower features between two lower-case words (betweenLowerWords). */
export function betweenLowerFeatures(info: WordInfo): [number, number] {
  return [mix(PREV_LOWER_SHAPE, info.lowH), mix(NEXT_LOWER_SHAPE, info.lowH)];
}

/**
 * Static (label-independent) features of every token in a sentence. With `withIntrinsic` false the per-word
 * features (WordInfo.intrinsic) are left out, and with `withNeighbours` false the single-neighbour ones
 * (neighbourFeatures), for a caller that caches their scores per word.
 */
export function sentenceFeatures(words: readonly string[], gaz: Gazetteer | undefined, doc: DocContext | undefined, withIntrinsic = true, withNeighbours = true): SentenceFeatures {
  const n = words.length;
  const b = new FeatureBuffers(n);
  const parts = FeatureParts.ShapeContext | FeatureParts.BetweenLower | (withIntrinsic ? FeatureParts.Intrinsic : 0) | (withNeighbours ? FeatureParts.Neighbours : 0);
  const infos = words.map(wordInfo);
  collectFeatures(infos, gaz, doc, parts, b);
  return { hashes: b.hashes.subarray(0, b.count), offsets: b.offsets, lowerHash: b.lowH, shapeHash: b.shapeH, words: infos, mode: b.mode };
}

/**
 * The static features of a sentence given as its words' WordInfo, leaving out the groups not in `parts`, into
 * reusable buffers (see FeatureBuffers): the one definition of the static features (sentenceFeatures for all).
 */
export function collectFeatures(words: readonly WordInfo[], gaz: Gazetteer | undefined, doc: DocContext | undefined, parts: FeatureParts, out: FeatureBuffers): void {
  const n = words.length;
  out.reserve(n);
  const withIntrinsic = (parts & FeatureParts.Intrinsic) !== 0;
  const withNeighbours = (parts & FeatureParts.Neighbours) !== 0;
  const withShapeContext = (parts & FeatureParts.ShapeContext) !== 0;
  const withBetweenLower = (parts & FeatureParts.BetweenLower) !== 0;
  const { lower, lowH, shapeH, offsets } = out;
  for (let i = 0; i < n; i++) {
    const x = words[i]!;
    lower[i] = x.lower;
    lowH[i] = x.lowH;
    shapeH[i] = x.shapeH;
  }
  const mode = caseModeOf(words);
  out.mode = mode;
  const gazMatches = gaz ? gaz.matchSparse(lower, n, out.gaz, words) : undefined;
  const modeLower = MODE_LOWER[mode]!;
  let inQuote = false;
  // (written into the array directly, room made token by token: a call per hash, where V8 did not inline it,
  // took hashes of 2^31 and more as heap numbers)
  let hs = out.hashes;
  let c = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = c;
    const info = words[i]!;
    if (info.quoteMark) inQuote = !inQuote;
    const cap = info.cap;
    const low = info.lowH;
    const shape = info.shapeH;
    const own = info.ctx;
    const prev = contextAt(words, n, i - 1);
    const next = contextAt(words, n, i + 1);
    // (indexed loops: for-of over the mostly missing gazetteer lists cost the tagger about 3% of its instructions)
    const here = gazMatches ? gazMatches[i] : undefined;
    const before = gazMatches && i > 0 ? gazMatches[i - 1] : undefined;
    const after = gazMatches && i + 1 < n ? gazMatches[i + 1] : undefined;
    const intrinsic = withIntrinsic ? info.intrinsic : undefined;
    const more = TOKEN_FEATURES + (intrinsic ? intrinsic.length : 0) + (here ? 2 * here.length : 0) + (before ? before.length : 0) + (after ? after.length : 0);
    if (c + more > hs.length) {
      out.count = c;
      hs = out.room(more);
    }
    if (intrinsic) for (let k = 0; k < intrinsic.length; k++) hs[c++] = intrinsic[k]!;
    if (withNeighbours) {
      hs[c++] = prev[Ctx.PrevLower]!;
      hs[c++] = next[Ctx.NextLower]!;
      hs[c++] = contextAt(words, n, i - 2)[Ctx.Prev2Lower]!;
      hs[c++] = contextAt(words, n, i + 2)[Ctx.Next2Lower]!;
    }
    if (withShapeContext) {
      const context = shapeContextFeatures(i > 0 ? shapeH[i - 1]! : BOUNDARIES[0]!, shape, i + 1 < n ? shapeH[i + 1]! : BOUNDARIES[1]!);
      hs[c++] = context[0];
      hs[c++] = context[1];
      hs[c++] = context[2];
    }
    hs[c++] = mix(prev[Ctx.BigramPrev]!, low);
    hs[c++] = mix(own[Ctx.BigramNext]!, i + 1 < n ? lowH[i + 1]! : BOUNDARIES[1]!);
    if (withBetweenLower || !betweenLowerWords(shapeH, i, n)) {
      hs[c++] = mix(prev[Ctx.PrevShapeLower]!, low);
      hs[c++] = mix(next[Ctx.NextShapeLower]!, low);
    }
    if (withNeighbours) {
      hs[c++] = prev[Ctx.PrevSuf3]!;
      hs[c++] = next[Ctx.NextSuf3]!;
    }
    if (withShapeContext) {
      const position = shapePositionFeatures(shape, i === 0, mode);
      hs[c++] = position[0];
      hs[c++] = position[1];
    }
    if (mode !== CaseMode.Normal) hs[c++] = mix(modeLower, low);
    if (i > 0 && words[i - 1]!.title) hs[c++] = TITLE_BEFORE[cap]!;
    if (inQuote) hs[c++] = IN_QUOTE[cap]!;
    if (doc && readsDocContext(info, mode)) {
      // a capitalised sentence-initial or headline word that the article elsewhere writes in lower case is
      // probably not a name; one it capitalises mid-sentence probably is
      const seen = doc.capitalisation(info);
      hs[c++] = DOC_CAP[8 * seen + (i === 0 ? 4 : 0) + mode]!;
    }
    if (here)
      for (let k = 0; k < here.length; k++) {
        hs[c++] = GAZ[here[k]!]!;
        hs[c++] = GAZ_CAP[8 * here[k]! + cap + 2 * mode]!;
      }
    if (before) for (let k = 0; k < before.length; k++) hs[c++] = GAZ_PREV[before[k]!]!;
    if (after) for (let k = 0; k < after.length; k++) hs[c++] = GAZ_NEXT[after[k]!]!;
  }
  out.count = c;
  offsets[n] = c;
}

/**
 * The per-word hashes (Ctx) of token i of a sentence of n tokens, BOS_CTX / EOS_CTX beyond it (a function of the
 * sentence rather than a closure over it: collectFeatures would make one per sentence).
 */
function contextAt(words: readonly WordInfo[], n: number, i: number): Uint32Array {
  return i < 0 ? BOS_CTX : i >= n ? EOS_CTX : words[i]!.ctx;
}

/** Whether a token's features include how the document capitalises it (DocCap): capitalised words, and all words of a sentence not in normal case. */
const readsDocContext = (info: WordInfo, mode: CaseMode): boolean => info.cap !== 0 || mode !== CaseMode.Normal;

/**
 * The document context values (DocContext.capitalisation) that a sentence's features read, one digit per token
 * that reads one: with the words themselves and the gazetteer, everything the sentence's static features depend on.
 */
export function docContextKey(infos: readonly WordInfo[], doc: DocContext): string {
  const mode = caseModeOf(infos);
  let key = '';
  for (const info of infos) if (readsDocContext(info, mode)) key += doc.capitalisation(info);
  return key;
}

/** Label-transition features for token i given the previous label (index; -1 before the sentence). */
export function historyFeatures(sf: SentenceFeatures, i: number, prev: number, out: Uint32Array): void {
  out[0] = transitionFeature(prev);
  out[1] = shapeTransitionFeature(sf.shapeHash[i]!, prev);
}
export const HISTORY_FEATURES = 2;

export const transitionFeature = (prev: number): number => mix(T.PrevLabel, prev + 2);
export const shapeTransitionFeature = (shapeHash: number, prev: number): number => mix(mix(T.PrevLabelShape, prev + 2), shapeHash);

/** Entity types and BILOU labels. Label 0 is O. */
export const NAME_TYPES = ['PERSON', 'ORG', 'LOC', 'MISC'] as const;
export type NameType = (typeof NAME_TYPES)[number];
export const LABELS: readonly string[] = ['O', ...NAME_TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`))];

/** Label → (type index, position) where position is B=0 I=1 L=2 U=3. */
export function labelParts(label: number): { type: number; pos: number } | undefined {
  if (label <= 0) return undefined;
  return { type: Math.floor((label - 1) / 4), pos: (label - 1) % 4 };
}

export function labelOf(type: number, pos: number): number {
  return 1 + type * 4 + pos;
}

/** Whether label `next` may follow `prev` under BILOU (prev -1 = sentence start). */
export function allowed(prev: number, next: number): boolean {
  const p = labelParts(prev);
  const q = labelParts(next);
  const open = p !== undefined && (p.pos === 0 || p.pos === 1);
  if (open) return q !== undefined && q.type === p.type && (q.pos === 1 || q.pos === 2);
  return q === undefined || q.pos === 0 || q.pos === 3;
}

/** BILOU labels from IOB2 tags (mapped types outside NAME_TYPES become O). */
export function bilouFromIob2(tags: readonly string[]): number[] {
  const out: number[] = tags.map(() => 0);
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i]!;
    if (t === 'O') continue;
    const type = NAME_TYPES.indexOf(t.slice(2) as NameType);
    if (type < 0) continue;
    if (t.startsWith('I-') && i > 0 && tags[i - 1]!.slice(2) === t.slice(2) && tags[i - 1] !== 'O') continue; // handled by its begin
    let j = i + 1;
    while (j < tags.length && tags[j] === 'I-' + t.slice(2)) j++;
    if (j - i === 1) out[i] = labelOf(type, 3);
    else {
      out[i] = labelOf(type, 0);
      for (let k = i + 1; k < j - 1; k++) out[k] = labelOf(type, 1);
      out[j - 1] = labelOf(type, 2);
    }
  }
  return out;
}
