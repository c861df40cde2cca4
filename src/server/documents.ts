// Open documents → one cached Article per URI and version: the one place the server triggers analysis.
// Typing re-analyses after a short pause (debounce); an analysis whose document moved on while its inputs were
// gathered is dropped; requests always get the Article of the current version (analysed on demand if needed).

import { performance } from 'perf_hooks';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article, DocumentFormat } from './analysis/types';
import type { EngineOptions } from './analysis/article';
import type { BylineSettings } from './settings';
import { analyzeText } from './engine';

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

export const DEBOUNCE_MS = 150;

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
    private readonly debounceMs = DEBOUNCE_MS,
  ) {}

  /** Called after every new analysis (to publish diagnostics and status). */
  onDidAnalyze(listener: (doc: TextDocument, analysis: Analysis) => void): void {
    this.listeners.push(listener);
  }

  /** A document changed: analyse it after a pause; a document seen for the first time right away. */
  schedule(uri: string): void {
    const previous = this.timers.get(uri);
    if (previous) clearTimeout(previous);
    const delay = this.cache.has(uri) ? this.debounceMs : 0;
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.get(uri).catch((e: unknown) => this.log(`Byline: analysis of ${uri} failed: ${errorText(e)}`));
      }, delay),
    );
  }

  /** Settings or workspace files changed: every open document is analysed again. */
  invalidateAll(): void {
    this.cache.clear();
    for (const doc of this.documents.all()) this.schedule(doc.uri);
  }

  close(uri: string): void {
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

  /** The analysis of the document's current version with current inputs; undefined when it is not open. */
  async get(uri: string): Promise<{ doc: TextDocument; analysis: Analysis } | undefined> {
    // A document edited while its inputs are gathered is analysed again at its new version; a few rounds at most.
    for (let round = 0; round < 5; round++) {
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

  private analyze(doc: TextDocument, inputs: AnalysisInputs): Analysis | undefined {
    // The document may have moved on (or closed) between scheduling and now: a stale analysis is not worth running.
    const current = this.documents.get(doc.uri);
    if (!current || current.version !== doc.version) return undefined;
    const t0 = performance.now();
    let article: Article | null = null;
    if (inputs.enabled) {
      try {
        article = analyzeText(doc.getText(), inputs.options);
      } catch (e) {
        // An engine bug must not take the server down: the document gets an empty article and a logged error.
        this.log(`Byline: the engine failed on ${doc.uri} (version ${doc.version}): ${errorText(e)}`);
        const text = doc.getText();
        article = { text, paragraphs: [], sentences: [], tokens: [], entities: [], quotes: [], diagnostics: [], wordCount: 0, notice: 'Byline could not analyse this document (see the Byline output channel).' };
      }
    }
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

export function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
