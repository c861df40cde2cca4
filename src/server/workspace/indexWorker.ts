// The workspace index's worker thread: analyses one file and sends back only its compact summary, so the main
// thread never deserialises a whole Article (tokens, sentences) per file while it answers requests. One job at a
// time, with the same time limit as the open documents' worker; an overrun replaces the worker.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText } from '../engine';
import type { EngineRunOptions } from '../documents';
import { summarize, type FileSummary } from './index';
import { JobWorker, serveJobs } from '../jobWorker';

export interface Summarizer {
  /** undefined when `stillWanted` turned false before the job started. */
  summarize(uri: string, languageId: string, text: string, options: EngineRunOptions, stillWanted: () => boolean): Promise<FileSummary | undefined>;
  /** Nothing more to do for now: free what the work held (the worker thread and its heap). */
  idle?(): void;
  dispose(): void;
}

interface Request {
  uri: string;
  languageId: string;
  text: string;
  options: EngineRunOptions;
}

/** Marks the worker started by IndexWorker (server.ts dispatches on it). */
export const INDEX_WORKER_ROLE = 'byline-index';

function summarizeText(r: Request): FileSummary {
  return summarize(TextDocument.create(r.uri, r.languageId, 0, r.text), analyzeText(r.text, r.options), 'disk');
}

/** In-process fallback (tests, hosts without workers). */
export class InProcessSummarizer implements Summarizer {
  async summarize(uri: string, languageId: string, text: string, options: EngineRunOptions, stillWanted: () => boolean): Promise<FileSummary | undefined> {
    await Promise.resolve();
    return stillWanted() ? summarizeText({ uri, languageId, text, options }) : undefined;
  }
  dispose(): void {}
}

export class IndexWorker implements Summarizer {
  private readonly jobs: JobWorker<Request, FileSummary>;

  constructor(script: string, timeoutMs: number, log: (message: string) => void) {
    this.jobs = new JobWorker({
      script,
      workerData: { role: INDEX_WORKER_ROLE },
      name: 'index worker',
      timeoutMs,
      timeoutError: (r) => new Error(`indexing ${r.uri} took longer than ${timeoutMs} ms`),
      inProcess: summarizeText,
      log,
    });
  }

  summarize(uri: string, languageId: string, text: string, options: EngineRunOptions, stillWanted: () => boolean): Promise<FileSummary | undefined> {
    return this.jobs.run({ uri, languageId, text, options }, stillWanted);
  }

  idle(): void {
    this.jobs.idle();
  }

  dispose(): void {
    this.jobs.dispose();
  }
}

/** The worker side, started by server.ts when workerData.role is INDEX_WORKER_ROLE. */
export function serveIndexWorker(): void {
  serveJobs(summarizeText);
}
