// Per-token typed arrays that one step of the analysis uses while it runs and drops when it returns (the quote
// extractor's marks and narration counts, the claim rules' words and name flags), kept from one document to the
// next instead of made for each. A typed array of more than 64 bytes keeps its items outside the JS heap: making one
// is a malloc, zeroing it, and bookkeeping for the collector, which frees it only at a later collection; on the
// WorldWide articles the four such arrays these steps made per document took about 5% of their time. An analysis
// runs to its end synchronously, and each worker thread has its own copy of this module, so no two documents ever
// share a scratch array at once; each use site has a Scratch of its own.

/** Arrays longer than this (in items) are made for their document and not kept: a long book chapter's worth of tokens. */
const KEPT_LENGTH = 1 << 16;

/** A typed array kept for reuse, grown when a document needs more. */
export class Scratch<A extends Int32Array | Uint8Array | Float64Array> {
  private buffer: A;

  constructor(private readonly make: (length: number) => A) {
    this.buffer = make(0);
  }

  /**
   * An array of `length` items over the kept buffer, valid until the next call: its items are whatever the last use
   * left there, so the caller writes every item it reads (reading past `length` gives undefined, as with a fresh array).
   */
  view(length: number): A {
    if (length > KEPT_LENGTH) return this.make(length);
    if (this.buffer.length < length) this.buffer = this.make(Math.min(KEPT_LENGTH, Math.max(length, 2 * this.buffer.length)));
    return this.buffer.subarray(0, length) as A;
  }
}
