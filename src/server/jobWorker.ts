// One worker thread that runs one job at a time with a time limit: the open documents' analysis and the workspace
// index each own one. Jobs queue here, so the limit measures the job, not the wait; an overrun or a crash
// replaces the worker for the next job; a host without worker threads runs the job in-process instead.
//
// Results come back in pieces. Receiving a message deserialises it on the server's main thread, in one go: a
// book-length document's result (tens of thousands of quotes and mentions) would hold every hover and keystroke
// for hundreds of milliseconds. So the worker sends the long arrays of a result a slice at a time, and the next
// slice only once the main thread has acknowledged the last one after letting its pending I/O run.

import { parentPort, Worker } from 'worker_threads';

/** `cancel` is shared with the main thread: it holds the id of a job that is no longer wanted. */
type Envelope<Job> = { id: number; job: Job; cancel: SharedArrayBuffer };
/** A slice of the array `key` of job `id`'s result, to be appended in order; more follow, then the reply. */
type Piece = { id: number; piece: { key: string; items: unknown[] } };
type Reply<Result> = { id: number; result: Result } | { id: number; error: string } | { id: number; cancelled: true } | Piece;
/** Main thread → worker: the piece of job `id` arrived, send the next. */
type Ack = { ack: number };

/**
 * The size of a piece, in items counted with the arrays they hold one level down (an entity with 2,000 mentions
 * counts 2,001): a few milliseconds of deserialisation for quotes, sentences or mentions.
 */
export const PIECE_ITEMS = 500;

/** An item's size for PIECE_ITEMS: 1, plus the length of each array it holds. */
function weight(item: unknown): number {
  let w = 1;
  if (item && typeof item === 'object') for (const v of Object.values(item)) if (Array.isArray(v)) w += v.length;
  return w;
}

export interface JobWorkerOptions<Job, Result> {
  /** The script the worker runs (the server bundle itself); it must call serveJobs. */
  script: string;
  /** Passed to the worker so the script knows which jobs to serve. */
  workerData?: unknown;
  /** For log lines: "analysis worker", "index worker". */
  name: string;
  timeoutMs: number;
  /** Extra time for a job that has to start a fresh worker (loading the bundle and the model). */
  startupGraceMs?: number;
  timeoutError: (job: Job) => Error;
  /** The same work on this thread, when no worker can be started. */
  inProcess: (job: Job) => Result;
  log: (message: string) => void;
}

export class JobWorker<Job, Result> {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private pending:
    | { id: number; job: Job; worker: Worker; resolve: (r: Result | undefined) => void; reject: (e: unknown) => void; pieces: Map<string, unknown[]> }
    | undefined;
  /** Shared with the worker: the id of the job to stop (see cancel). */
  private readonly cancelFlag = new Int32Array(new SharedArrayBuffer(4));

  constructor(private readonly options: JobWorkerOptions<Job, Result>) {}

  /** Resolves undefined when `stillWanted` turned false before the job started, or when it was cancelled. */
  run(job: Job, stillWanted: () => boolean): Promise<Result | undefined> {
    const run = this.queue.then(() => (stillWanted() ? this.runOne(job) : undefined));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Asks the worker to stop the running job if `which` says it is no longer wanted (its document changed): the
   * job's handler checks between steps and gives up, and run() resolves undefined. No effect in-process.
   */
  cancel(which: (job: Job) => boolean): void {
    const p = this.pending;
    if (p && which(p.job)) Atomics.store(this.cancelFlag, 0, p.id);
  }

  /** Nothing is queued: the worker (an isolate with its own heap and copy of the model) goes until needed again. */
  idle(): void {
    if (!this.pending) this.kill();
  }

  dispose(): void {
    this.kill();
  }

  private runOne(job: Job): Promise<Result | undefined> {
    const o = this.options;
    const limit = o.timeoutMs + (this.worker ? 0 : (o.startupGraceMs ?? 0));
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (e) {
      o.log(`Byline: could not start the ${o.name}, working in-process: ${errorText(e)}`);
      return Promise.resolve(o.inProcess(job));
    }
    const id = this.nextId++;
    return new Promise<Result | undefined>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.kill();
        reject(o.timeoutError(job));
      }, limit);
      this.pending = {
        id,
        job,
        worker,
        pieces: new Map(),
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const envelope: Envelope<Job> = { id, job, cancel: this.cancelFlag.buffer as SharedArrayBuffer };
      worker.postMessage(envelope);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const { name, log, script, workerData } = this.options;
    const worker = new Worker(script, { env: process.env, workerData });
    worker.on('message', (reply: Reply<Result>) => {
      const p = this.pending;
      if (!p || p.id !== reply.id) return;
      if ('piece' in reply) {
        const { key, items } = reply.piece;
        const list = p.pieces.get(key);
        if (list) for (const item of items) list.push(item);
        else p.pieces.set(key, items);
        // the next piece once requests that arrived meanwhile have been read (setImmediate runs after I/O)
        setImmediate(() => {
          if (this.pending === p && this.worker === worker) worker.postMessage({ ack: p.id } satisfies Ack);
        });
        return;
      }
      this.pending = undefined;
      if ('result' in reply) p.resolve(assemble(reply.result, p.pieces));
      else if ('cancelled' in reply) p.resolve(undefined);
      else p.reject(new Error(reply.error));
    });
    const fail = (why: string): void => {
      if (this.worker === worker) this.worker = undefined;
      // a worker killed after a time limit exits later, when the next job may already run on a new one
      const p = this.pending;
      if (p?.worker !== worker) return;
      this.pending = undefined;
      p.reject(new Error(why));
    };
    worker.on('error', (e) => {
      log(`Byline: the ${name} failed: ${errorText(e)}`);
      fail(`${name} error: ${e.message}`);
    });
    worker.on('exit', (code) => fail(`${name} exited with code ${code}`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private kill(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }
}

/**
 * The worker side: answers each job posted by a JobWorker with `handle`'s result (in pieces) or its error.
 * `handle` may call `cancelled()` between steps and give up by throwing an error that `isCancellation` knows.
 */
export function serveJobs<Job, Result>(handle: (job: Job, cancelled: () => boolean) => Result, isCancellation: (e: unknown) => boolean = () => false): void {
  const port = parentPort;
  if (!port) return;
  // the current reply's messages still to send, each after the previous one's acknowledgement
  let outbox: Reply<Result>[] = [];
  port.on('message', (message: Envelope<Job> | Ack) => {
    if ('ack' in message) {
      if (outbox[0]?.id === message.ack) port.postMessage(outbox.shift()!);
      return;
    }
    const { id, job } = message;
    const flag = new Int32Array(message.cancel);
    let reply: Reply<Result>;
    try {
      reply = { id, result: handle(job, () => Atomics.load(flag, 0) === id) };
    } catch (e) {
      reply = isCancellation(e) ? { id, cancelled: true } : { id, error: errorText(e) };
    }
    outbox = 'result' in reply ? inPieces(id, reply.result) : [reply];
    port.postMessage(outbox.shift()!);
  });
}

/**
 * A result as messages: its top-level arrays bigger than PIECE_ITEMS in pieces of about that size (an item bigger
 * than that goes alone), then the rest with those arrays emptied (assemble puts them back).
 */
export function inPieces<Result>(id: number, result: Result): Reply<Result>[] {
  if (!result || typeof result !== 'object' || Array.isArray(result)) return [{ id, result }];
  const pieces: Piece[] = [];
  let rest: Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(result)) {
    if (!Array.isArray(value) || value.length === 0) continue;
    const weights = value.map(weight);
    if (weights.reduce((a, b) => a + b, 0) <= PIECE_ITEMS) continue;
    for (let i = 0; i < value.length; ) {
      let j = i + 1;
      for (let size = weights[i]!; j < value.length && size + weights[j]! <= PIECE_ITEMS; j++) size += weights[j]!;
      pieces.push({ id, piece: { key, items: value.slice(i, j) } });
      i = j;
    }
    (rest ??= { ...(result as Record<string, unknown>) })[key] = [];
  }
  return [...pieces, { id, result: (rest ?? result) as Result }];
}

/** The result with the arrays sent in pieces put back. */
export function assemble<Result>(result: Result, pieces: ReadonlyMap<string, unknown[]>): Result {
  if (pieces.size === 0) return result;
  const whole = { ...(result as Record<string, unknown>) };
  for (const [key, items] of pieces) whole[key] = items;
  return whole as Result;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
