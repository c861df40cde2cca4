// Open documents → one cached Article per URI and version: the one place the server triggers analysis.
// Typing re-analyses after a pause about as long as the document's last analysis took (debounce); an analysis
// whose document moved on while its inputs were gathered or while it waited its turn is dropped; requests always
// get the Article of the current version. The engine runs in a worker thread with a time limit, so a
// pathological document never freezes the server, and keeps per-document memory (NameMemo) between analyses so
// an edit re-tags only the sentences it touched.

import { performance } from 'perf_hooks';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article, DocumentFormat } from './analysis/types';
import { AnalysisCancelled, type EngineOptions } from './analysis/article';
import type { NameMemo } from './analysis/entities';
import type { BylineSettings } from './settings';
import { analyzeText } from './engine';
import { errorText, JobWorker, serveJobs } from './jobWorker';

/** Everything besides the text that an analysis depends on, gathered (asynchronously) per document. */
export interface AnalysisInputs {
  settings: BylineSettings;
  /** false when the document's language is not analysed. */
  enabled: boolean;
  options: Omit<EngineOptions, 'recognizer'>;
  /** Changes whenever an input changes (settings, glossary file): a cached Article with another key is stale. */
  key: string;
}

export interface Analysis {
  uri: string;
  version: number;
  inputs: AnalysisInputs;
  /** null when the document's language is not analysed. */
  article: Article | null;
  ms: number;
}

/**
 * The pause after a keystroke before re-analysing is the time the document's last analysis took, within these
 * bounds: a short article's diagnostics follow the typing, a long one is not re-analysed for every keystroke
 * (an analysis never queues behind a stale one for long), and a document seen for the first time goes at once.
 */
export const DEBOUNCE_MS = 150;
export const MIN_DEBOUNCE_MS = 20;

export function formatOf(doc: TextDocument): DocumentFormat {
  if (doc.languageId === 'markdown') return 'markdown';
  if (doc.languageId === 'news') return 'news';
  if (/\.(md|markdown)$/i.test(doc.uri)) return 'markdown';
  if (/\.news$/i.test(doc.uri)) return 'news';
  return 'plaintext';
}

export class ArticleStore {
  private readonly cache = new Map<string, Analysis>();
  private readonly inflight = new Map<string, { version: number; key: string; done: Promise<Analysis | undefined> }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly listeners: ((doc: TextDocument, analysis: Analysis) => void)[] = [];

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly gatherInputs: (doc: TextDocument) => Promise<AnalysisInputs>,
    private readonly log: (message: string) => void,
    private readonly engine: EngineRunner = new InProcessEngine(),
    private readonly debounceMs = DEBOUNCE_MS,
  ) {}

  /** Called after every new analysis (to publish diagnostics and status). */
  onDidAnalyze(listener: (doc: TextDocument, analysis: Analysis) => void): void {
    this.listeners.push(listener);
  }

  /** A document changed: analyse it after a pause; a document seen for the first time right away. */
  schedule(uri: string): void {
    this.engine.cancel(uri);
    const previous = this.timers.get(uri);
    if (previous) clearTimeout(previous);
    const last = this.cache.get(uri);
    const delay = last ? Math.min(this.debounceMs, Math.max(MIN_DEBOUNCE_MS, last.ms)) : 0;
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.get(uri, true).catch((e: unknown) => this.log(`Byline: analysis of ${uri} failed: ${errorText(e)}`));
      }, delay),
    );
  }

  /** Settings or workspace files changed: every open document is analysed again. */
  invalidateAll(): void {
    this.cache.clear();
    for (const doc of this.documents.all()) this.schedule(doc.uri);
  }

  /** Starts the engine (worker, name model) before the first document arrives, so opening it feels instant. */
  warmUp(): void {
    this.engine.analyze('', 'Warm up.', { format: 'plaintext' }, () => true).catch((e: unknown) => this.log(`Byline: engine warm-up failed: ${errorText(e)}`));
  }

  /** Shutdown: stop timers and the analysis worker. */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.engine.dispose();
  }

  close(uri: string): void {
    this.engine.cancel(uri);
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.cache.delete(uri);
    this.inflight.delete(uri);
  }

  /** The cached analysis of the document's current version, whatever its inputs (for republishing). */
  peek(uri: string): Analysis | undefined {
    const a = this.cache.get(uri);
    const doc = this.documents.get(uri);
    return a && doc && a.version === doc.version ? a : undefined;
  }

  /**
   * The analysis of the document's current version with current inputs; undefined when it is not open.
   * `scheduled`: called at the end of the pause after an edit; it gives up when a newer edit came meanwhile (that
   * edit has scheduled its own), where a request goes on to the current version at once.
   */
  async get(uri: string, scheduled = false): Promise<{ doc: TextDocument; analysis: Analysis } | undefined> {
    // A document edited while its inputs are gathered is analysed again at its new version; a few rounds at most.
    for (let round = 0; round < 5; round++) {
      if (round > 0 && scheduled && this.timers.has(uri)) return undefined;
      const doc = this.documents.get(uri);
      if (!doc) return undefined;
      const inputs = await this.gatherInputs(doc);
      const now = this.documents.get(uri);
      if (!now) return undefined;
      if (now.version !== doc.version) continue;
      const cached = this.cache.get(uri);
      if (cached && cached.version === doc.version && cached.inputs.key === inputs.key) return { doc, analysis: cached };
      const running = this.inflight.get(uri);
      if (running && running.version === doc.version && running.key === inputs.key) {
        const a = await running.done;
        if (a) return { doc, analysis: a };
        continue;
      }
      const done = Promise.resolve().then(() => this.analyze(doc, inputs));
      this.inflight.set(uri, { version: doc.version, key: inputs.key, done });
      const analysis = await done;
      if (this.inflight.get(uri)?.done === done) this.inflight.delete(uri);
      if (analysis) return { doc, analysis };
    }
    return undefined;
  }

  private async analyze(doc: TextDocument, inputs: AnalysisInputs): Promise<Analysis | undefined> {
    // The document may have moved on (or closed) while this analysis waited its turn: stale work is not worth running.
    const isCurrent = (): boolean => this.documents.get(doc.uri)?.version === doc.version;
    if (!isCurrent()) return undefined;
    const text = doc.getText();
    const t0 = performance.now();
    let article: Article | null = null;
    if (inputs.enabled) {
      try {
        const result = await this.engine.analyze(doc.uri, text, inputs.options, isCurrent);
        if (result === undefined) return undefined;
        article = result;
      } catch (e) {
        // An engine bug or a runaway analysis must not take the server down: an empty article with a notice.
        const timedOut = e instanceof AnalysisTimeout;
        this.log(`Byline: ${timedOut ? 'analysis stopped' : 'the engine failed'} on ${doc.uri} (version ${doc.version}): ${errorText(e)}`);
        article = {
          text, paragraphs: [], sentences: [], tokens: [], entities: [], quotes: [], diagnostics: [], wordCount: 0,
          notice: timedOut
            ? `Byline stopped analysing this document after ${Math.round((e as AnalysisTimeout).ms / 1000)} s; it shows no results for this version.`
            : 'Byline could not analyse this document (see the Byline output channel).',
        };
      }
    }
    // Edited while the engine ran: these offsets belong to text that is gone, so nothing of it is shown.
    if (!isCurrent()) return undefined;
    const analysis: Analysis = { uri: doc.uri, version: doc.version, inputs, article, ms: performance.now() - t0 };
    this.cache.set(doc.uri, analysis);
    for (const l of this.listeners) {
      try {
        l(doc, analysis);
      } catch (e) {
        this.log(`Byline: publishing results for ${doc.uri} failed: ${errorText(e)}`);
      }
    }
    return analysis;
  }
}

// ---- the engine runner: a worker thread with a time limit, or in-process when workers are unavailable ----

export type EngineRunOptions = AnalysisInputs['options'];

export interface EngineRunner {
  /**
   * The Article of `text`, the current text of document `uri` (its memo is reused and updated), without its
   * tokens (see serverArticle). Resolves undefined when `stillWanted` turned false before the analysis started.
   */
  analyze(uri: string, text: string, options: EngineRunOptions, stillWanted: () => boolean): Promise<Article | undefined>;
  /** Document `uri` changed: an analysis of it that is running is not wanted any more (it resolves undefined). */
  cancel(uri: string): void;
  dispose(): void;
}

/**
 * How many documents' memos an engine keeps: the most recently analysed ones, closed or not (a memo is about
 * twice its document's text, so a few long documents at most).
 */
const MEMO_DOCUMENTS = 8;

/**
 * The engine with a NameMemo per document, least recently analysed dropped first; the memo changes only what
 * is recomputed, never the result. An empty uri (the warm-up) keeps no memo.
 */
export class MemoEngine {
  private readonly memos = new Map<string, NameMemo>();

  analyze(uri: string, text: string, options: EngineRunOptions, cancelled?: () => boolean): Article {
    let memo = this.memos.get(uri);
    if (uri) {
      this.memos.delete(uri);
      memo ??= { sentences: new Map() };
      this.memos.set(uri, memo);
      if (this.memos.size > MEMO_DOCUMENTS) this.memos.delete(this.memos.keys().next().value!);
    }
    return serverArticle(analyzeText(text, { ...options, memo, cancelled }));
  }
}

/**
 * The Article as the server keeps it: without its tokens, which no server feature reads and which are most of a
 * long document's result (hundreds of milliseconds to pass from the worker for a 1 MB document).
 */
export function serverArticle(article: Article): Article {
  return article.tokens.length ? { ...article, tokens: [] } : article;
}

export class AnalysisTimeout extends Error {
  constructor(readonly ms: number) {
    super(`analysis took longer than ${ms} ms`);
  }
}

const WORKER_STARTUP_GRACE_MS = 5000;

/** Default time limit for one analysis (BYLINE_ANALYSIS_TIMEOUT_MS overrides it). */
export const ANALYSIS_TIMEOUT_MS = 15_000;

export function analysisTimeout(): number {
  const n = Number(process.env.BYLINE_ANALYSIS_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : ANALYSIS_TIMEOUT_MS;
}

/** Runs the engine on the calling thread (tests, hosts without worker support). No time limit is possible. */
export class InProcessEngine implements EngineRunner {
  private readonly engine = new MemoEngine();

  async analyze(uri: string, text: string, options: EngineRunOptions, stillWanted: () => boolean): Promise<Article | undefined> {
    await Promise.resolve();
    return stillWanted() ? this.engine.analyze(uri, text, options) : undefined;
  }
  cancel(): void {}
  dispose(): void {}
}

interface AnalysisJob {
  uri: string;
  text: string;
  options: EngineRunOptions;
}

/**
 * The engine in a worker thread, one analysis at a time with a time limit (jobWorker.ts): an overrun terminates
 * the worker and a fresh one starts for the next job.
 */
export class WorkerEngine implements EngineRunner {
  private readonly jobs: JobWorker<AnalysisJob, Article>;

  constructor(script: string, timeoutMs: number, log: (message: string) => void) {
    const inProcess = new MemoEngine();
    this.jobs = new JobWorker({
      script,
      name: 'analysis worker',
      timeoutMs,
      // a fresh worker first loads the bundle and the name model: that start-up is not the analysis' fault
      startupGraceMs: WORKER_STARTUP_GRACE_MS,
      timeoutError: () => new AnalysisTimeout(timeoutMs),
      inProcess: (job) => inProcess.analyze(job.uri, job.text, job.options),
      log,
    });
  }

  analyze(uri: string, text: string, options: EngineRunOptions, stillWanted: () => boolean): Promise<Article | undefined> {
    return this.jobs.run({ uri, text, options }, stillWanted);
  }

  cancel(uri: string): void {
    this.jobs.cancel((job) => job.uri === uri);
  }

  dispose(): void {
    this.jobs.dispose();
  }
}

/** The worker side: started by server.ts when it runs as a worker thread. */
export function serveAnalysisWorker(): void {
  const engine = new MemoEngine();
  serveJobs(
    (job: AnalysisJob, cancelled) => engine.analyze(job.uri, job.text, job.options, cancelled),
    (e) => e instanceof AnalysisCancelled,
  );
}
