// The words of a sentence as the claim rules see them: its tokens, except that a whole quoted stretch collapses into
// one word. A word is its index in the sentence. Its data stay where the text model keeps them (each token's
// spelling, lower case and offsets) and in the word classes and name flags per token, with one typed array shared by
// every sentence of the document saying which token each word is, rather than in an object per word: an object per
// token was about 90 bytes of fresh memory for every token of every body sentence (the largest allocation of the
// claim rules), and the rules read only a few fields of a few words of most sentences. A token object is read only
// when a rule asks for a word's offsets (most words are read through their shared spelling, which other documents
// keep in the caches), and the quoted stretches are found by their first and last tokens.

import { firstTokenFrom, type TextModel } from '../text';
import type { QuotedSpan } from './quoted';

/** The text (and lower case) that stands for a quoted stretch. */
const QUOTE_TEXT = '"';
/** Words that may stand before a sentence's first real word, which is then still sentence-initial: "(", "—", ":", "-" (marks: their own lower case). */
const OPENERS: ReadonlySet<string> = new Set(['(', '—', ':', '-']);

/** A word that stands for the tokens of a quoted stretch in one sentence (a quote may run over several). */
interface QuoteWord {
  span: QuotedSpan;
  start: number;
  end: number;
}

/** The words of every body sentence of one document, in document order. */
export class DocumentWords {
  readonly quoteWords: QuoteWord[] = [];
  /** Words filled so far. */
  private used = 0;
  /** The first quoted span that ends after the start of the sentence read last (sentences are read in order). */
  private spanCursor = 0;
  /** The words of a sentence that is not read (not body text). */
  readonly none: Words = new Words(this, 0, 0, 0);

  constructor(
    readonly model: TextModel,
    /** In document order, none overlapping another (./quoted). */
    readonly spans: readonly QuotedSpan[],
    /** For each token, 1 when it is part of a recognised name (./attribution, nameTokens). */
    readonly inName: Uint8Array,
    /** For each token, its word classes (../wordClasses). */
    readonly classes: Uint16Array,
    /**
     * The token of each word, or −1 − j for the quoted stretch quoteWords[j], written as sentences are read: at
     * least as long as model.tokens (the words of all the sentences together never outnumber the tokens).
     */
    readonly token: Int32Array,
  ) {}

  /** The words of one sentence, read from the claim text (quoted stretches collapsed); each sentence once. */
  sentence(sentenceIndex: number): Words {
    const { model, spans, token, classes } = this;
    const s = model.sentences[sentenceIndex]!;
    const from = this.used;
    let n = from;
    let union = 0;
    let k = s.firstToken;
    // the quoted spans that overlap the sentence, each with the tokens that start inside it: from the first that
    // ends after the sentence's start, found on from the last sentence's (the spans end in order), or from the
    // first span for a sentence before that one
    let spanIdx = this.spanCursor;
    if (spanIdx > 0 && spans[spanIdx - 1]!.close > s.start) spanIdx = 0;
    while (spanIdx < spans.length && spans[spanIdx]!.close <= s.start) spanIdx++;
    this.spanCursor = spanIdx;
    for (; spanIdx < spans.length && spans[spanIdx]!.open < s.end && k < s.lastToken; spanIdx++) {
      const q = spans[spanIdx]!;
      const first = firstTokenFrom(model, q.open, k, s.lastToken);
      const last = firstTokenFrom(model, q.close, first, s.lastToken);
      for (; k < first; k++) {
        union |= classes[k]!;
        token[n++] = k;
      }
      if (first < last) {
        const j = this.quoteWords.length;
        this.quoteWords.push({ span: q, start: model.tokens[first]!.start, end: Math.min(model.tokens[last - 1]!.end, q.close) });
        token[n++] = -1 - j;
        k = last;
      }
    }
    for (; k < s.lastToken; k++) {
      union |= classes[k]!;
      token[n++] = k;
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

  /** The token of word i, or −1 − j for a quoted stretch; i inside the sentence. */
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
    return k >= 0 ? this.doc.model.forms[k]!.text : QUOTE_TEXT;
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
    return k < 0 ? this.doc.quoteWords[-1 - k]!.span : undefined;
  }

  isQuote(i: number): boolean {
    return this.has(i) && this.tokenOf(i) < 0;
  }

  /** Where word i starts; i inside the sentence. */
  start(i: number): number {
    const k = this.tokenOf(i);
    return k >= 0 ? this.doc.model.tokens[k]!.start : this.doc.quoteWords[-1 - k]!.start;
  }

  /** Where word i ends; i inside the sentence. */
  end(i: number): number {
    const k = this.tokenOf(i);
    return k >= 0 ? this.doc.model.tokens[k]!.end : this.doc.quoteWords[-1 - k]!.end;
  }

  /** Sentence-initial: its capital letter says nothing about being a name (after "(", "—", ":" or "-" too). */
  initial(i: number): boolean {
    if (!this.has(i) || this.isQuote(i)) return false;
    return i === 0 || (i <= 2 && OPENERS.has(this.lower(i - 1)!));
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
