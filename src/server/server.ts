// The Byline language server: LSP wiring only (connection, documents, settings, capabilities → features/).
// Runs over --stdio, --node-ipc (the VS Code client) or --socket; createConnection reads the transport from argv.
// The same file, started as a worker thread, is the analysis worker (documents.ts), so the bundle stays one file.

import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DiagnosticSeverity,
  MessageType,
  ShowMessageNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  GLOSSARY_PROBLEM_CODE,
  IGNORE_FINDING_COMMAND,
  QUOTES_METHOD,
  SOURCES_METHOD,
  SEMANTIC_TOKENS_LEGEND,
  STATUS_METHOD,
  STATUS_NOTIFICATION,
  type ArticleStatus,
  type DocumentParams,
  type IgnoreFindingArgs,
  type QuotesResult,
  type SourcesResult,
} from '../protocol';
import { isMainThread, workerData } from 'worker_threads';
import { analysisTimeout, ArticleStore, formatOf, serveAnalysisWorker, WorkerEngine, type Analysis, type AnalysisInputs } from './documents';
import { errorText } from './jobWorker';
import { SettingsCache } from './settings';
import { WorkspaceFolders } from './workspace/folders';
import { GlossaryFiles, type GlossaryLoad } from './workspace/glossaryFile';
import { IgnoreFiles } from './workspace/ignoreFile';
import { hover } from './features/hover';
import { documentSymbols, flattenSymbols, workspaceSymbols } from './features/symbols';
import { semanticTokens } from './features/semanticTokens';
import { toDiagnostics } from './features/diagnostics';
import { definition, documentHighlights, references } from './features/navigation';
import { codeActions } from './features/codeActions';
import { glossaryActions, type GlossaryTarget } from './features/glossaryActions';
import { confinedPath } from './workspace/folders';
import { pathToFileURL } from 'url';
import { articleStatus, quoteSummaries } from './features/quotes';
import { sourcesOf } from './features/sources';
import { WorkspaceService } from './features/workspaceService';
import { INDEX_WORKER_ROLE, IndexWorker, serveIndexWorker } from './workspace/indexWorker';

if (isMainThread) startServer();
else if ((workerData as { role?: string } | null)?.role === INDEX_WORKER_ROLE) serveIndexWorker();
else serveAnalysisWorker();

function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsCache(connection);
  const folders = new WorkspaceFolders();
  const glossaries = new GlossaryFiles();
  const ignores = new IgnoreFiles();
  const log = (message: string): void => connection.console.error(message);

  let dynamicConfigRegistration = false;
  let foldersSupported = false;
  let hierarchicalSymbols = true;

  // __filename is this very file (dist/server.js when bundled): it serves as the worker's script.
  const store = new ArticleStore(documents, gatherInputs, log, new WorkerEngine(__filename, analysisTimeout(), log));
  // The workspace index analyses the folders' articles in a worker of its own (see features/workspaceService.ts).
  const workspace = new WorkspaceService({ connection, documents, settings, summarizer: new IndexWorker(__filename, analysisTimeout(), log), gatherInputs, peek: (uri) => store.peek(uri), republish: (doc, a) => publish(doc, a), log });

  async function gatherInputs(doc: TextDocument): Promise<AnalysisInputs> {
    const s = await settings.get(doc.uri);
    const format = formatOf(doc);
    const enabled = s.languages.includes(doc.languageId);
    const root = folders.rootFor(doc.uri);
    const glossary: GlossaryLoad = root && enabled ? glossaries.load(root, s.glossaryPath) : { problems: [], stamp: 'none' };
    publishGlossaryProblems(glossary);
    const genre = s.genre === 'auto' ? undefined : s.genre;
    return {
      settings: s,
      enabled,
      options: { format, glossary: glossary.glossary, maxLength: s.maxDocumentSize, genre },
      key: JSON.stringify([enabled, format, s.maxDocumentSize, genre, glossary.stamp]),
    };
  }

  // ---- glossary problems: diagnostics on the glossary file itself ----

  const glossaryPublished = new Map<string, string>();

  function publishGlossaryProblems(load: GlossaryLoad): void {
    if (!load.uri) return;
    const signature = load.stamp + JSON.stringify(load.problems);
    if (glossaryPublished.get(load.uri) === signature) return;
    glossaryPublished.set(load.uri, signature);
    const file = TextDocument.create(load.uri, 'json', 0, load.text ?? '');
    const diagnostics: Diagnostic[] = load.problems.map((p) => {
      const at = Math.min(Math.max(p.offset ?? 0, 0), file.getText().length);
      return {
        range: { start: file.positionAt(at), end: file.positionAt(Math.min(at + 1, file.getText().length)) },
        severity: DiagnosticSeverity.Error,
        code: GLOSSARY_PROBLEM_CODE,
        source: 'byline',
        message: p.message,
      };
    });
    void connection.sendDiagnostics({ uri: load.uri, diagnostics });
  }

  // ---- publishing: diagnostics, the one-time size notice, the status notification ----

  const noticeShown = new Set<string>();
  const findingsCount = new Map<string, number>();

  function publish(doc: TextDocument, analysis: Analysis): void {
    const { article, inputs } = analysis;
    let diagnostics: Diagnostic[] = [];
    if (article) {
      const root = folders.rootFor(doc.uri);
      const ignored = root ? ignores.keys(root) : new Set<string>();
      diagnostics = toDiagnostics(doc, article, inputs.settings, formatOf(doc), ignored).concat(workspace.diagnostics(doc, article, inputs));
      if (article.notice && !noticeShown.has(doc.uri)) {
        noticeShown.add(doc.uri);
        // A notification, not a request: nothing to wait for, and the diagnostic carries the notice as well.
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: article.notice });
      }
    }
    findingsCount.set(doc.uri, diagnostics.length);
    void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics });
    const status: ArticleStatus = articleStatus(doc, article, diagnostics.length, analysis.ms);
    void connection.sendNotification(STATUS_NOTIFICATION, status);
  }

  store.onDidAnalyze(publish);
  store.onDidAnalyze((doc, analysis) => workspace.analyzed(doc, analysis));

  // ---- request plumbing: every handler gets the current Article and cannot take the server down ----

  function guarded<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => Promise<R> | R) {
    return async (params: P, token: CancellationToken): Promise<R> => {
      try {
        return await handler(params, token);
      } catch (e) {
        log(`Byline: ${name} failed: ${errorText(e)}`);
        return fallback;
      }
    };
  }

  async function current(uri: string) {
    const got = await store.get(uri);
    if (!got || !got.analysis.article) return undefined;
    return { doc: got.doc, article: got.analysis.article, analysis: got.analysis };
  }

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    settings.pullSupported = caps.workspace?.configuration === true;
    dynamicConfigRegistration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    foldersSupported = caps.workspace?.workspaceFolders === true;
    workspace.initialize(caps);
    hierarchicalSymbols = caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    if (params.workspaceFolders?.length) folders.set(params.workspaceFolders.map((f) => f.uri));
    else if (params.rootUri) folders.set([params.rootUri]);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Byline' },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: true },
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
      workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [IGNORE_FINDING_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'byline', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    store.warmUp();
    workspace.start(folders.uris());
    if (dynamicConfigRegistration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'byline' });
    if (foldersSupported) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) folders.remove(f.uri);
        for (const f of e.added) folders.add(f.uri);
        workspace.foldersChanged(e.added.map((f) => f.uri), e.removed.map((f) => f.uri));
        store.invalidateAll();
      });
    }
  });

  connection.onShutdown(() => {
    store.dispose();
    workspace.dispose();
  });

  connection.onDidChangeConfiguration((change) => {
    settings.reset(change.settings);
    workspace.configurationChanged();
    store.invalidateAll();
  });

  connection.onDidChangeWatchedFiles((p) => {
    // Articles go to the workspace index; only a change to another file (glossary, ignore file) re-reads those.
    if (!workspace.watchedFiles(p.changes)) return;
    // The glossary or ignore file changed on disk (the client watches .byline/): read them again.
    glossaries.clear();
    store.invalidateAll();
  });

  documents.onDidChangeContent((e) => store.schedule(e.document.uri));
  documents.onDidClose((e) => {
    store.close(e.document.uri);
    workspace.closed(e.document.uri);
    settings.forget(e.document.uri);
    noticeShown.delete(e.document.uri);
    findingsCount.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onHover(
    guarded('hover', null, async (p) => {
      const c = await current(p.textDocument.uri);
      return c ? workspace.hover(hover(c.doc, c.article, c.doc.offsetAt(p.position)), c.doc, c.article, c.doc.offsetAt(p.position)) : null;
    }),
  );

  connection.onDocumentSymbol(
    guarded('documentSymbol', [], async (p) => {
      const c = await current(p.textDocument.uri);
      if (!c) return [];
      const tree = documentSymbols(c.doc, c.article);
      return hierarchicalSymbols ? tree : flattenSymbols(c.doc.uri, tree);
    }),
  );

  connection.languages.semanticTokens.on(
    guarded('semanticTokens/full', { data: [] }, async (p) => {
      const c = await current(p.textDocument.uri);
      return c ? semanticTokens(c.doc, c.article, c.analysis.inputs.settings.highlightKinds) : { data: [] };
    }),
  );

  connection.languages.semanticTokens.onRange(
    guarded('semanticTokens/range', { data: [] }, async (p) => {
      const c = await current(p.textDocument.uri);
      if (!c) return { data: [] };
      const window = { start: c.doc.offsetAt(p.range.start), end: c.doc.offsetAt(p.range.end) };
      return semanticTokens(c.doc, c.article, c.analysis.inputs.settings.highlightKinds, window);
    }),
  );

  connection.onWorkspaceSymbol(
    guarded('workspace/symbol', [], async (p) => {
      const entries = [];
      for (const doc of documents.all()) {
        const c = await current(doc.uri);
        if (c) entries.push({ doc: c.doc, article: c.article });
      }
      // The index holds every article of the folders (open ones from their live Article); loose open files too.
      const indexed = workspace.symbols(p.query);
      const loose = entries.filter((e) => !workspace.index.get(e.doc.uri));
      return indexed.concat(workspaceSymbols(loose, p.query));
    }),
  );

  connection.onDefinition(
    guarded('definition', null, async (p) => {
      const c = await current(p.textDocument.uri);
      return c ? definition(c.doc, c.article, c.doc.offsetAt(p.position)) : null;
    }),
  );

  connection.onReferences(
    guarded('references', [], async (p) => {
      const c = await current(p.textDocument.uri);
      if (!c) return [];
      const offset = c.doc.offsetAt(p.position);
      return references(c.doc, c.article, offset, p.context.includeDeclaration).concat(workspace.references(c.doc, c.article, offset));
    }),
  );

  connection.onDocumentHighlight(
    guarded('documentHighlight', [], async (p) => {
      const c = await current(p.textDocument.uri);
      return c ? documentHighlights(c.doc, c.article, c.doc.offsetAt(p.position)) : [];
    }),
  );

  connection.onCodeAction(
    guarded('codeAction', [], async (p) => {
      const c = await current(p.textDocument.uri);
      if (!c) return [];
      const fixes = codeActions(c.doc, c.article, formatOf(c.doc), p.context.diagnostics).concat(workspace.codeActions(c.doc, p.context.diagnostics));
      const target = glossaryTarget(c.doc.uri, c.analysis.inputs.settings.glossaryPath);
      return target ? fixes.concat(glossaryActions(c.article, c.doc.offsetAt(p.range.start), target)) : fixes;
    }),
  );

  /** The glossary file the document's folder uses, with its text when it exists; undefined when it cannot be edited. */
  function glossaryTarget(uri: string, relative: string): GlossaryTarget | undefined {
    const root = folders.rootFor(uri);
    const file = root ? confinedPath(root, relative) : undefined;
    if (!root || !file) return undefined;
    const load = glossaries.load(root, relative);
    if (!load.uri) return { uri: pathToFileURL(file).toString() };
    // Present but unreadable or too large: nothing to append to safely.
    return load.text === undefined ? undefined : { uri: load.uri, text: load.text };
  }

  connection.onExecuteCommand(
    guarded('executeCommand', null, (p) => {
      if (p.command !== IGNORE_FINDING_COMMAND) return null;
      const args = p.arguments?.[0] as Partial<IgnoreFindingArgs> | undefined;
      if (!args || typeof args.uri !== 'string' || typeof args.code !== 'string' || typeof args.sentence !== 'string') throw new Error('ignoreFinding needs {uri, code, sentence}');
      const root = folders.rootFor(args.uri);
      if (!root) throw new Error(`no workspace folder for ${args.uri}`);
      const file = ignores.add(root, args.code, args.sentence);
      connection.console.info(`Byline: ignored ${args.code} for one sentence in ${file}`);
      // Republish every open document of that folder from its cached analysis.
      for (const doc of documents.all()) {
        const a = store.peek(doc.uri);
        if (a && folders.rootFor(doc.uri) === root) publish(doc, a);
      }
      return null;
    }),
  );

  connection.onRequest(
    QUOTES_METHOD,
    guarded('byline/quotes', null, async (p: DocumentParams): Promise<QuotesResult | null> => {
      const c = await current(p.textDocument.uri);
      return c ? { uri: c.doc.uri, version: c.doc.version, quotes: quoteSummaries(c.doc, c.article) } : null;
    }),
  );

  connection.onRequest(
    SOURCES_METHOD,
    guarded('byline/sources', null, async (p: DocumentParams): Promise<SourcesResult | null> => {
      const c = await current(p.textDocument.uri);
      if (!c) return null;
      const result = sourcesOf(c.doc, c.article);
      // Folder-wide counts from the workspace index (its summaries of the folder's articles, this one included).
      const root = folders.rootFor(c.doc.uri);
      if (root && workspace.index.get(c.doc.uri)) {
        const folder = { articles: 0, quotes: { named: 0, described: 0, vague: 0, unattributed: 0 } };
        for (const f of workspace.index.all()) {
          if (folders.rootFor(f.uri) !== root) continue;
          folder.articles++;
          for (const q of f.quotes) folder.quotes[q.specificity ?? 'unattributed']++;
        }
        result.folder = folder;
      }
      return result;
    }),
  );

  connection.onRequest(
    STATUS_METHOD,
    guarded('byline/status', null, async (p: DocumentParams): Promise<ArticleStatus | null> => {
      const got = await store.get(p.textDocument.uri);
      if (!got) return null;
      return articleStatus(got.doc, got.analysis.article, findingsCount.get(got.doc.uri) ?? 0, got.analysis.ms);
    }),
  );

  // A bug anywhere must be logged, not kill the server (the client would have to restart it and lose state).
  process.on('uncaughtException', (e) => log(`Byline: uncaught exception: ${errorText(e)}`));
  process.on('unhandledRejection', (e) => log(`Byline: unhandled rejection: ${errorText(e)}`));

  documents.listen(connection);
  connection.listen();
}
