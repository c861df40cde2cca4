// The words of a sentence as the claim rules see them: its tokens, except that a whole quoted stretch collapses into
// one word. A word is its index in the sentence. Its data stay in the text model's per-token arrays (lower case,
// classes) and in three typed arrays shared by every sentence of the document, rather than in an object per word:
// an object per token was about 90 bytes of fresh memory for every token of every body sentence (the largest
// allocation of the claim rules), and the rules read only a few fields of a few words of most sentences.

import type { TextModel } from '../text';
import type { QuotedSpan } from './quoted';

/** The text (and lower case) that stands for a quoted stretch. */
const QUOTE_TEXT = '"';
/** Words that may stand before a sentence's first real word, which is then still sentence-initial: "(", "—", ":", "-". */
const OPENERS: ReadonlySet<string> = new Set(['(', '—', ':', '-']);

/**
 * The words of every body sentence of one document, in document order: for each word the token it is, or
 * −1 − (index of its quoted span) for a quoted stretch, and where it starts and ends.
 */
export class DocumentWords {
  /** Token index of each word, or −1 − q for the quoted stretch spans[q]. */
  readonly token: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Words filled so far. */
  private used = 0;
  /** The words of a sentence that is not read (not body text). */
  readonly none: Words = new Words(this, 0, 0, 0);

  constructor(
    readonly model: TextModel,
    readonly spans: readonly QuotedSpan[],
    /** For each token, 1 when it is part of a recognised name (./attribution, nameTokens). */
    readonly inName: Uint8Array,
    /** For each token, its word classes (../wordClasses). */
    readonly classes: Uint16Array,
  ) {
    // no sentence has more words than tokens
    const n = model.tokens.length;
    this.token = new Int32Array(n);
    this.starts = new Int32Array(n);
    this.ends = new Int32Array(n);
  }

  /** The words of one sentence, read from the claim text (quoted stretches collapsed); each sentence once. */
  sentence(sentenceIndex: number): Words {
    const { model, spans, token, starts, ends } = this;
    const s = model.sentences[sentenceIndex]!;
    const from = this.used;
    let n = from;
    let union = 0;
    let spanIdx = 0;
    // spans are few per sentence; a linear scan from the first span that can overlap is enough
    while (spanIdx < spans.length && spans[spanIdx]!.close <= s.start) spanIdx++;
    for (let k = s.firstToken; k < s.lastToken; k++) {
      const t = model.tokens[k]!;
      while (spanIdx < spans.length && spans[spanIdx]!.close <= t.start) spanIdx++;
      const q = spans[spanIdx];
      if (q && t.start >= q.open && t.start < q.close) {
        if (n > from && token[n - 1] === -1 - spanIdx) ends[n - 1] = Math.min(t.end, q.close);
        else {
          token[n] = -1 - spanIdx;
          starts[n] = t.start;
          ends[n++] = t.end;
        }
        continue;
      }
      // (a token is never blank, and its text is the prose's: masking only ever blanks whole characters to spaces)
      union |= this.classes[k]!;
      token[n] = k;
      starts[n] = t.start;
      ends[n++] = t.end;
    }
    this.used = n;
    return new Words(this, from, n - from, union);
  }
}

/**
 * The words of one sentence (DocumentWords.sentence). Every accessor answers for an index outside the sentence as
 * reading past the end of an array would: undefined, false or 0.
 */
export class Words {
  constructor(
    private readonly doc: DocumentWords,
    private readonly from: number,
    readonly length: number,
    /** The union of the words' classes: which claim patterns can match in the sentence at all. */
    readonly union: number,
  ) {}

  /** The token of word i, or −1 − q for a quoted stretch; i inside the sentence. */
  private tokenOf(i: number): number {
    return this.doc.token[this.from + i]!;
  }

  /** Whether some word of the sentence passes the test. */
  some(test: (i: number) => boolean): boolean {
    return this.findIndex(test) >= 0;
  }

  /** The first word of the sentence that passes the test, or −1. */
  findIndex(test: (i: number) => boolean): number {
    for (let i = 0; i < this.length; i++) if (test(i)) return i;
    return -1;
  }

  has(i: number): boolean {
    return i >= 0 && i < this.length;
  }

  text(i: number): string | undefined {
    if (!this.has(i)) return undefined;
    const k = this.tokenOf(i);
    return k >= 0 ? this.doc.model.tokens[k]!.text : QUOTE_TEXT;
  }

  lower(i: number): string | undefined {
    if (!this.has(i)) return undefined;
    const k = this.tokenOf(i);
    return k >= 0 ? this.doc.model.lower[k]! : QUOTE_TEXT;
  }

  /** The quoted stretch word i stands for, if it is one. */
  quote(i: number): QuotedSpan | undefined {
    if (!this.has(i)) return undefined;
    const k = this.tokenOf(i);
    return k < 0 ? this.doc.spans[-1 - k] : undefined;
  }

  isQuote(i: number): boolean {
    return this.has(i) && this.tokenOf(i) < 0;
  }

  start(i: number): number {
    return this.doc.starts[this.from + i]!;
  }

  end(i: number): number {
    return this.doc.ends[this.from + i]!;
  }

  /** Sentence-initial: its capital letter says nothing about being a name (after "(", "—", ":" or "-" too). */
  initial(i: number): boolean {
    if (!this.has(i) || this.isQuote(i)) return false;
    return i === 0 || (i <= 2 && OPENERS.has(this.text(i - 1)!));
  }

  /** Part of a recognised name (PERSON, ORG, LOC, MISC). */
  name(i: number): boolean {
    if (!this.has(i)) return false;
    const k = this.tokenOf(i);
    return k >= 0 && this.doc.inName[k] === 1;
  }

  /** The word's classes (../wordClasses); none for a quoted stretch. */
  classes(i: number): number {
    if (!this.has(i)) return 0;
    const k = this.tokenOf(i);
    return k >= 0 ? this.doc.classes[k]! : 0;
  }
}
