// One worker thread that runs one job at a time with a time limit: the open documents' analysis and the workspace
// index each own one. Jobs queue here, so the limit measures the job, not the wait; an overrun or a crash
// replaces the worker for the next job; a host without worker threads runs the job in-process instead.

import { parentPort, Worker } from 'worker_threads';

type Envelope<Job> = { id: number; job: Job };
type Reply<Result> = { id: number; result: Result } | { id: number; error: string };

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
  private pending: { id: number; resolve: (r: Result) => void; reject: (e: unknown) => void } | undefined;

  constructor(private readonly options: JobWorkerOptions<Job, Result>) {}

  /** Resolves undefined when `stillWanted` turned false before the job started. */
  run(job: Job, stillWanted: () => boolean): Promise<Result | undefined> {
    const run = this.queue.then(() => (stillWanted() ? this.runOne(job) : undefined));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Nothing is queued: the worker (an isolate with its own heap and copy of the model) goes until needed again. */
  idle(): void {
    if (!this.pending) this.kill();
  }

  dispose(): void {
    this.kill();
  }

  private runOne(job: Job): Promise<Result> {
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
    return new Promise<Result>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = undefined;
        this.kill();
        reject(o.timeoutError(job));
      }, limit);
      this.pending = {
        id,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      const envelope: Envelope<Job> = { id, job };
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
      this.pending = undefined;
      if ('result' in reply) p.resolve(reply.result);
      else p.reject(new Error(reply.error));
    });
    const fail = (why: string): void => {
      if (this.worker === worker) this.worker = undefined;
      const p = this.pending;
      this.pending = undefined;
      p?.reject(new Error(why));
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

/** The worker side: answers each job posted by a JobWorker with `handle`'s result or its error. */
export function serveJobs<Job, Result>(handle: (job: Job) => Result): void {
  parentPort?.on('message', ({ id, job }: Envelope<Job>) => {
    let reply: Reply<Result>;
    try {
      reply = { id, result: handle(job) };
    } catch (e) {
      reply = { id, error: errorText(e) };
    }
    parentPort?.postMessage(reply);
  });
}

export function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
