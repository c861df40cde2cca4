// The workspace index wired to the LSP connection: start-up pass with work-done progress, a file watcher
// registered for the articles, and the hooks server.ts calls from its handlers (hover, references, symbols,
// diagnostics, code actions). Kept out of server.ts so that file stays wiring only.

import { DidChangeWatchedFilesNotification, MessageType, ShowMessageNotification, type ClientCapabilities, type CodeAction, type Connection, type Diagnostic, type Hover, type Location, type TextDocuments, type WorkspaceSymbol } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Article } from '../analysis/types';
import { INDEX_STATUS_METHOD, INDEXED_NOTIFICATION, type WorkspaceIndexStatus } from '../../protocol';
import type { Analysis, AnalysisInputs } from '../documents';
import type { Summarizer } from '../workspace/indexWorker';
import type { SettingsCache } from '../settings';
import { isArticleUri, WorkspaceIndex, type Progress } from '../workspace/index';
import { indexSymbols, nameDiagnostics, nameFixes, referencesElsewhere, withWorkspace } from './workspace';

export interface WorkspaceServiceDeps {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  settings: SettingsCache;
  /** The index's own worker (the open documents never wait behind the index). */
  summarizer: Summarizer;
  gatherInputs(doc: TextDocument): Promise<AnalysisInputs>;
  /** The cached analysis of an open document, for republishing. */
  peek(uri: string): Analysis | undefined;
  /** Publishes an open document's diagnostics again (names elsewhere changed). */
  republish(doc: TextDocument, analysis: Analysis): void;
  log(message: string): void;
}

export class WorkspaceService {
  readonly index: WorkspaceIndex;
  private watcherRegistration = false;
  private progressSupported = false;

  constructor(private readonly deps: WorkspaceServiceDeps) {
    const { connection, documents, settings } = deps;
    this.index = new WorkspaceIndex({
      summarizer: deps.summarizer,
      inputsFor: deps.gatherInputs,
      excludesFor: async (uri) => (await settings.get(uri)).exclude.concat(await this.filesExclude(uri)),
      isOpen: (uri) => documents.get(uri) !== undefined,
      log: deps.log,
      notice: (message) => {
        deps.log(message);
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message });
      },
      progress: () => this.progress(),
    });
    this.index.onDidChange(() => this.republishAll());
    connection.onRequest(INDEX_STATUS_METHOD, (): WorkspaceIndexStatus => this.status());
  }

  /** The editor's own `files.exclude` globs that are on (VS Code hides those files; the index leaves them out too). */
  private async filesExclude(folderUri: string): Promise<string[]> {
    if (!this.deps.settings.pullSupported) return [];
    try {
      const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2000).unref());
      const got: unknown = await Promise.race([this.deps.connection.workspace.getConfiguration({ scopeUri: folderUri, section: 'files.exclude' }), timeout]);
      if (!got || typeof got !== 'object') return [];
      return Object.entries(got as Record<string, unknown>).filter(([, on]) => on === true).map(([glob]) => glob);
    } catch {
      return [];
    }
  }

  initialize(caps: ClientCapabilities): void {
    this.watcherRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.progressSupported = caps.window?.workDoneProgress === true;
  }

  /** After `initialized`: watch the articles and index the folders. */
  start(folderUris: string[]): void {
    const { connection } = this.deps;
    if (this.watcherRegistration) {
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{txt,md,news}' }] })
        .catch((e: unknown) => this.deps.log(`Byline: could not register the article watcher: ${String(e)}`));
    }
    this.index
      .start(folderUris)
      .then(() => this.finish())
      .catch((e: unknown) => this.deps.log(`Byline: indexing the workspace failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
  }

  private finish(): void {
    if (!this.index.status) this.index.status = { files: 0, skipped: 0, ms: 0 };
    void this.deps.connection.sendNotification(INDEXED_NOTIFICATION, this.status());
  }

  status(): WorkspaceIndexStatus {
    const s = this.index.status;
    return { ready: !!s, files: this.index.size, skipped: s?.skipped ?? 0, ms: s?.ms ?? 0 };
  }

  private async progress(): Promise<Progress | undefined> {
    if (!this.progressSupported) return undefined;
    const reporter = await this.deps.connection.window.createWorkDoneProgress();
    return {
      begin: (title, percentage, message) => reporter.begin(title, percentage, message, false),
      report: (percentage, message) => reporter.report(percentage, message),
      done: () => reporter.done(),
    };
  }

  /** An open document was analysed: the index takes its live Article. */
  analyzed(doc: TextDocument, analysis: Analysis): void {
    this.index.updateFromArticle(doc, analysis.article);
  }

  closed(uri: string): void {
    this.index.closed(uri);
  }

  /**
   * workspace/didChangeWatchedFiles: articles go to the index. Returns true when another watched file changed
   * (glossary, ignore file), which the server handles as before.
   */
  watchedFiles(changes: { uri: string; type: number }[]): boolean {
    const others = changes.some((c) => !isArticleUri(c.uri) || c.uri.includes('/.byline/'));
    this.index.filesChanged(changes);
    // A glossary change changes the analysis inputs of every file.
    if (others) this.refreshIndex();
    return others;
  }

  /** Settings changed: the index follows (see WorkspaceIndex.refresh). */
  configurationChanged(): void {
    this.refreshIndex();
  }

  private refreshIndex(): void {
    this.index.refresh().catch((e: unknown) => this.deps.log(`Byline: re-indexing after a change of settings or glossary failed: ${String(e)}`));
  }

  foldersChanged(added: string[], removed: string[]): void {
    this.index.foldersChanged(added, removed).catch((e: unknown) => this.deps.log(`Byline: re-indexing the workspace folders failed: ${String(e)}`));
  }

  hover(h: Hover | null, doc: TextDocument, article: Article, offset: number): Hover | null {
    return withWorkspace(h, this.index, doc, article, offset);
  }

  references(doc: TextDocument, article: Article, offset: number): Location[] {
    return referencesElsewhere(this.index, doc, article, offset);
  }

  symbols(query: string): WorkspaceSymbol[] {
    return indexSymbols(this.index, query);
  }

  diagnostics(doc: TextDocument, article: Article, inputs: AnalysisInputs): Diagnostic[] {
    return nameDiagnostics(doc, article, this.index, inputs.settings, inputs.options.glossary);
  }

  codeActions(doc: TextDocument, diagnostics: Diagnostic[]): CodeAction[] {
    return nameFixes(doc, diagnostics);
  }

  dispose(): void {
    this.index.dispose();
  }

  private republishAll(): void {
    for (const doc of this.deps.documents.all()) {
      const a = this.deps.peek(doc.uri);
      if (a?.article) this.deps.republish(doc, a);
    }
  }
}
