// The workspace index's worker thread: analyses one file and sends back only its compact summary, so the main
// thread never deserialises a whole Article (tokens, sentences) per file while it answers requests. One job at a
// time, with the same time limit as the open documents' worker; an overrun replaces the worker.

import { parentPort, Worker } from 'worker_threads';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../engine';
import type { EngineRunOptions } from '../documents';
import { summarize, type FileSummary } from './index';

export interface Summarizer {
  /** undefined when `stillWanted` turned false before the job started. */
  summarize(uri: string, languageId: string, text: string, options: EngineRunOptions, stillWanted: () => boolean): Promise<FileSummary | undefined>;
  /** Nothing more to do for now: free what the work held (the worker thread and its heap). */
  idle?(): void;
  dispose(): void;
}

interface Request {
  id: number;
  uri: string;
  languageId: string;
  text: string;
  options: EngineRunOptions;
}
type Reply = { id: number; summary: FileSummary } | { id: number; error: string };

/** Marks the worker started by IndexWorker (server.ts dispatches on it). */
export const INDEX_WORKER_ROLE = 'byline-index';

function summarizeText(r: Request): FileSummary {
  return summarize(TextDocument.create(r.uri, r.languageId, 0, r.text), analyzeText(r.text, r.options), 'disk');
}

/** In-process fallback (tests, hosts without workers). */
export class InProcessSummarizer implements Summarizer {
  async summarize(uri: string, languageId: string, text: string, options: EngineRunOptions, stillWanted: () => boolean): Promise<FileSummary | undefined> {
    await Promise.resolve();
    return stillWanted() ? summarizeText({ id: 0, uri, languageId, text, options }) : undefined;
  }
  dispose(): void {}
}

export class IndexWorker implements Summarizer {
  private worker: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private pending: { id: number; resolve: (s: FileSummary) => void; reject: (e: unknown) => void } | undefined;

  constructor(
    private readonly script: string,
    private readonly timeoutMs: number,
    private readonly log: (message: string) => void,
  ) {}

  summarize(uri: string, languageId: string, text: string, options: EngineRunOptions, stillWanted: () => boolean): Promise<FileSummary | undefined> {
    const run = this.queue.then(() => (stillWanted() ? this.runOne({ id: this.nextId++, uri, languageId, text, options }) : undefined));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private runOne(request: Request): Promise<FileSummary> {
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (e) {
      this.log(`Byline: could not start the index worker, indexing in-process: ${e instanceof Error ? e.message : String(e)}`);
      return Promise.resolve(summarizeText(request));
    }
    return new Promise<FileSummary>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.kill();
        reject(new Error(`indexing ${request.uri} took longer than ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending = {
        id: request.id,
        resolve: (s) => {
          clearTimeout(timer);
          resolve(s);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      worker.postMessage(request);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script, { env: process.env, workerData: { role: INDEX_WORKER_ROLE } });
    worker.on('message', (reply: Reply) => {
      const p = this.pending;
      if (!p || p.id !== reply.id) return;
      this.pending = undefined;
      if ('summary' in reply) p.resolve(reply.summary);
      else p.reject(new Error(reply.error));
    });
    const fail = (why: string): void => {
      if (this.worker === worker) this.worker = undefined;
      const p = this.pending;
      this.pending = undefined;
      p?.reject(new Error(why));
    };
    worker.on('error', (e) => {
      this.log(`Byline: the index worker failed: ${e.message}`);
      fail(`index worker error: ${e.message}`);
    });
    worker.on('exit', (code) => fail(`index worker exited with code ${code}`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private kill(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }

  /** The queue is empty: the worker (an isolate with its own heap and copy of the model) goes until needed again. */
  idle(): void {
    if (!this.pending) this.kill();
  }

  dispose(): void {
    this.kill();
  }
}

/** The worker side, started by server.ts when workerData.role is INDEX_WORKER_ROLE. */
export function serveIndexWorker(): void {
  parentPort?.on('message', (request: Request) => {
    let reply: Reply;
    try {
      reply = { id: request.id, summary: summarizeText(request) };
    } catch (e) {
      reply = { id: request.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    parentPort?.postMessage(reply);
  });
}
