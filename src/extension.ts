// The Byline client: starts the bundled language server (dist/server.js) over IPC for the analysed languages and
// adds what LSP has no words for: quote navigation, entity mentions, the article figures in the status area.

import * as vscode from 'vscode';
import {
  CloseAction,
  LanguageClient,
  ReferencesRequest,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  QUOTES_METHOD,
  SOURCES_METHOD,
  STATUS_METHOD,
  STATUS_NOTIFICATION,
  type ArticleStatus,
  type DocumentParams,
  type QuoteSummary,
  type QuotesResult,
  type SourcesResult,
} from './protocol';
import { quoteAt, stepToQuote, statusText, type Direction } from './client/quoteOrder';
import { SOURCES_VIEW_ID, SourcesView } from './client/sourcesView';

const CLIENT_ID = 'byline';
const CLIENT_NAME = 'Byline';
/** Crashes tolerated within three minutes before the client stops restarting the server (library default rule). */
const MAX_RESTARTS = 4;
/** Context key holding the analysed language ids; keybindings say `editorLangId in byline.languages`. */
const LANGUAGES_CONTEXT_KEY = 'byline.languages';
/** Analyses slower than this get a warning on the status item (a slow file is a bug to report). */
const SLOW_ANALYSIS_MS = 2500;
/** Context key: the active editor shows an analysed document (the Sources view's when clause). */
const SOURCES_CONTEXT_KEY = 'byline.sourcesAvailable';

let output: vscode.LogOutputChannel;
let client: LanguageClient | undefined;
let clientDisposables: vscode.Disposable[] = [];
let statusItem: vscode.LanguageStatusItem | undefined;
let flash: vscode.TextEditorDecorationType;
let flashTimer: NodeJS.Timeout | undefined;
let sourcesView: SourcesView | undefined;
let sourcesTree: vscode.TreeView<unknown> | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  flash = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
    borderRadius: '2px',
  });
  sourcesView = new SourcesView(
    (params) => (client && client.state === State.Running ? client.sendRequest<SourcesResult | null>(SOURCES_METHOD, params) : undefined),
    (message) => output.appendLine(message),
  );
  const tree = vscode.window.createTreeView(SOURCES_VIEW_ID, { treeDataProvider: sourcesView });
  sourcesTree = tree as vscode.TreeView<unknown>;
  context.subscriptions.push(
    output,
    flash,
    sourcesView,
    tree,
    // Asked only while the view is visible; brought up to date when it is shown again.
    tree.onDidChangeVisibility(() => void refreshSources()),
    vscode.commands.registerCommand('byline.nextQuote', () => moveToQuote('next')),
    vscode.commands.registerCommand('byline.previousQuote', () => moveToQuote('previous')),
    vscode.commands.registerCommand('byline.goToQuote', () => goToQuote()),
    vscode.commands.registerCommand('byline.showEntityMentions', () => showEntityMentions()),
    vscode.commands.registerCommand('byline.restartServer', () => startClient(context, 'restart')),
    vscode.window.onDidChangeActiveTextEditor(() => {
      void refreshStatus();
      void refreshSources();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The document selector and exclusions are fixed when a client starts; other settings the server pulls itself.
      if (e.affectsConfiguration('byline.languages') || e.affectsConfiguration('byline.exclude')) {
        void startClient(context, 'settings');
      }
    }),
    { dispose: () => void stopClient() },
  );
  await startClient(context, 'activate');
}

export async function deactivate(): Promise<void> {
  await stopClient();
}

function analysedLanguages(): string[] {
  const configured = vscode.workspace.getConfiguration('byline').get<unknown>('languages');
  const languages = Array.isArray(configured) ? configured.filter((l): l is string => typeof l === 'string' && l.length > 0) : [];
  return languages.length > 0 ? languages : ['news', 'plaintext', 'markdown'];
}

/** True for documents matched by a `byline.exclude` glob of their workspace folder. */
function isExcluded(document: vscode.TextDocument): boolean {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const patterns = vscode.workspace.getConfiguration('byline', document.uri).get<unknown>('exclude');
  if (!folder || !Array.isArray(patterns)) return false;
  return patterns.some(
    (p) => typeof p === 'string' && p.length > 0 && vscode.languages.match({ pattern: new vscode.RelativePattern(folder, p) }, document) > 0,
  );
}

async function stopClient(): Promise<void> {
  const old = client;
  client = undefined;
  for (const d of clientDisposables) d.dispose();
  clientDisposables = [];
  if (old) {
    // dispose, not stop: a fresh client replaces this one, and a stopped client keeps its providers registered
    try {
      await old.dispose(2000);
    } catch (e) {
      output.appendLine(`Stopping the server: ${String(e)}`);
    }
  }
}

async function startClient(context: vscode.ExtensionContext, reason: 'activate' | 'restart' | 'settings'): Promise<void> {
  await stopClient();
  const languages = analysedLanguages();
  await vscode.commands.executeCommand('setContext', LANGUAGES_CONTEXT_KEY, languages);

  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const documentSelector = languages.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: {
      configurationSection: 'byline',
      // The glossary and the ignore file live in .byline/ by default; the server re-reads them when they change.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.byline/*.json'),
    },
    // Excluded documents are never opened on the server, so it neither analyses nor paints them.
    middleware: {
      didOpen: (document, next) => (isExcluded(document) ? Promise.resolve() : next(document)),
      didChange: (event, next) => (isExcluded(event.document) ? Promise.resolve() : next(event)),
      didClose: (document, next) => (isExcluded(document) ? Promise.resolve() : next(document)),
    },
  };

  const next = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
  next.clientOptions.errorHandler = new GiveUpOnceErrorHandler(next.createDefaultErrorHandler(MAX_RESTARTS), context);
  client = next;
  clientDisposables.push(
    next.onNotification(STATUS_NOTIFICATION, (status: ArticleStatus) => {
      if (status.uri === vscode.window.activeTextEditor?.document.uri.toString()) {
        showStatus(status);
        void refreshSources();
      }
    }),
    next.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        void refreshStatus();
        void refreshSources();
      }
    }),
  );
  recreateStatusItem(languages);
  try {
    await next.start();
    output.appendLine(`Byline server started (${reason}) for ${languages.join(', ')}.`);
    if (reason === 'restart') vscode.window.setStatusBarMessage('Byline: server restarted', 3000);
  } catch (e) {
    output.appendLine(`The Byline server did not start: ${String(e)}`);
    void vscode.window.showErrorMessage('Byline: the language server did not start. See the "Byline" output for details.', 'Show Output').then(
      (choice) => choice && output.show(),
    );
  }
}

/**
 * The library's default handler restarts a crashed server up to MAX_RESTARTS times in three minutes; restarts
 * are only logged, and the user hears once, with a way back, when it gives up.
 */
class GiveUpOnceErrorHandler implements ErrorHandler {
  constructor(
    private readonly inner: ErrorHandler,
    private readonly context: vscode.ExtensionContext,
  ) {}

  error(...args: Parameters<ErrorHandler['error']>): ErrorHandlerResult | Promise<ErrorHandlerResult> {
    return this.inner.error(...args);
  }

  async closed(): Promise<CloseHandlerResult> {
    const result = await this.inner.closed();
    if (result.action === CloseAction.Restart) {
      output.appendLine('The Byline server stopped unexpectedly; restarting it.');
      return { action: CloseAction.Restart, handled: true };
    }
    output.appendLine(result.message ?? 'The Byline server stopped and will not be restarted.');
    void vscode.window
      .showErrorMessage('Byline: the language server keeps crashing and was not restarted. Highlights and checks are off.', 'Restart Server', 'Show Output')
      .then((choice) => {
        if (choice === 'Restart Server') void startClient(this.context, 'restart');
        else if (choice === 'Show Output') output.show();
      });
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}

// ---- the article figures in the language status area ---------------------------------------------------------

function recreateStatusItem(languages: string[]): void {
  statusItem?.dispose();
  statusItem = vscode.languages.createLanguageStatusItem('byline.article', languages);
  statusItem.name = 'Byline article';
  statusItem.text = 'Byline';
  statusItem.detail = 'analysing…';
  statusItem.command = { title: 'Go to Quote…', command: 'byline.goToQuote' };
  clientDisposables.push(statusItem);
}

function showStatus(status: ArticleStatus): void {
  if (!statusItem) return;
  statusItem.busy = false;
  if (!status.analyzed) {
    statusItem.text = 'Byline: not analysed';
    statusItem.detail = status.notice ?? '';
    statusItem.severity = vscode.LanguageStatusSeverity.Information;
    return;
  }
  statusItem.text = statusText(status.words, status.quotes, status.namedSources);
  const details = [
    status.unattributedQuotes > 0 ? `${status.unattributedQuotes} unattributed` : '',
    `${status.entities} names`,
    `${status.findings} findings`,
  ].filter(Boolean);
  statusItem.detail = status.notice ?? details.join(' · ');
  const slow = status.analysisMs > SLOW_ANALYSIS_MS;
  if (slow) statusItem.detail += ` · slow: analysed in ${Math.round(status.analysisMs)} ms`;
  statusItem.severity = status.notice || slow ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
}

async function refreshStatus(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !client || client.state !== State.Running || !statusItem) return;
  if (!vscode.languages.match(statusItem.selector, editor.document)) return;
  statusItem.busy = true;
  try {
    const status = await client.sendRequest<ArticleStatus | null>(STATUS_METHOD, documentParams(editor.document));
    if (status && status.uri === vscode.window.activeTextEditor?.document.uri.toString()) showStatus(status);
    else if (statusItem) statusItem.busy = false;
  } catch (e) {
    output.appendLine(`${STATUS_METHOD}: ${String(e)}`);
    statusItem.busy = false;
  }
}

// ---- the Sources view ------------------------------------------------------------------------------------------

/** Shows the view for an analysed active document and asks the server for its sources (when the view is visible). */
async function refreshSources(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  // No editor (focus in a panel or a view): keep what the view shows.
  if (!editor || !sourcesView) return;
  const analysed = analysedLanguages().includes(editor.document.languageId) && !isExcluded(editor.document);
  await vscode.commands.executeCommand('setContext', SOURCES_CONTEXT_KEY, analysed);
  if (!analysed) return sourcesView.refresh(undefined);
  if (sourcesTree?.visible === false) return;
  return sourcesView.refresh(editor.document);
}

// ---- quotes --------------------------------------------------------------------------------------------------

function documentParams(document: vscode.TextDocument): DocumentParams {
  return { textDocument: { uri: document.uri.toString() } };
}

/** The active editor when it shows an analysed document and the server runs; tells the user why not otherwise. */
function analysedEditor(): { editor: vscode.TextEditor; client: LanguageClient } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  if (!analysedLanguages().includes(editor.document.languageId) || isExcluded(editor.document)) {
    vscode.window.setStatusBarMessage(`Byline does not analyse this ${editor.document.languageId} document (setting byline.languages)`, 4000);
    return undefined;
  }
  if (!client || client.state !== State.Running) {
    vscode.window.setStatusBarMessage('Byline: the server is not running (Byline: Restart Server)', 4000);
    return undefined;
  }
  return { editor, client };
}

/** The active analysed editor with its quotes in order; undefined (and the user told why) when there are none to get. */
async function activeQuotes(): Promise<{ editor: vscode.TextEditor; client: LanguageClient; quotes: QuoteSummary[] } | undefined> {
  const target = analysedEditor();
  if (!target) return undefined;
  try {
    const result = await target.client.sendRequest<QuotesResult | null>(QUOTES_METHOD, documentParams(target.editor.document));
    return { ...target, quotes: result?.quotes ?? [] };
  } catch (e) {
    output.appendLine(`${QUOTES_METHOD}: ${String(e)}`);
    vscode.window.setStatusBarMessage('Byline: could not list the quotes (see the "Byline" output)', 4000);
    return undefined;
  }
}

function speakerLabel(quote: QuoteSummary): string {
  return quote.speaker ?? 'no speaker';
}

/** Puts the caret at the quote's opening (never selects it: typing must not replace a quote) and flashes it. */
function landOn(editor: vscode.TextEditor, c: LanguageClient, quote: QuoteSummary): void {
  const range = c.protocol2CodeConverter.asRange(quote.range);
  editor.selection = new vscode.Selection(range.start, range.start);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  editor.setDecorations(flash, [range]);
  if (flashTimer) clearTimeout(flashTimer);
  flashTimer = setTimeout(() => editor.setDecorations(flash, []), 1200);
}

async function moveToQuote(direction: Direction): Promise<void> {
  const target = await activeQuotes();
  if (!target) return;
  const { editor, client: c, quotes } = target;
  if (quotes.length === 0) {
    vscode.window.setStatusBarMessage('Byline: no quotes in this article', 3000);
    return;
  }
  const cursor = c.code2ProtocolConverter.asPosition(editor.selection.active);
  const step = stepToQuote(quotes, cursor, direction);
  const quote = step && quotes[step.index];
  if (!step || !quote) return;
  landOn(editor, c, quote);
  const where = `Quote ${step.index + 1} of ${quotes.length} · ${speakerLabel(quote)}`;
  const wrap = step.wrapped ? (direction === 'next' ? ' · back to the first quote' : ' · round to the last quote') : '';
  vscode.window.setStatusBarMessage(`Byline: ${where}${wrap}`, step.wrapped ? 4000 : 2500);
}

interface QuotePick extends vscode.QuickPickItem {
  quote: QuoteSummary;
}

async function goToQuote(): Promise<void> {
  const target = await activeQuotes();
  if (!target) return;
  const { editor, client: c, quotes } = target;
  if (quotes.length === 0) {
    void vscode.window.showInformationMessage('Byline found no quotes in this article.');
    return;
  }
  const original = editor.selection;
  const current = quoteAt(quotes, c.code2ProtocolConverter.asPosition(original.active));
  const items: QuotePick[] = quotes.map((quote, i) => ({
    label: quote.snippet,
    description: quote.speaker ? `— ${quote.speaker}` : '— no speaker',
    detail: `${i + 1}. ${quote.kind} quote · line ${quote.range.start.line + 1}${quote.cue ? ` · “${quote.cue}”` : ''}`,
    iconPath: new vscode.ThemeIcon(quote.speaker ? 'quote' : 'warning'),
    quote,
  }));
  const pick = vscode.window.createQuickPick<QuotePick>();
  pick.title = `Quotes (${quotes.length})`;
  pick.placeholder = 'Type a speaker or words of the quote';
  pick.matchOnDescription = true;
  pick.matchOnDetail = false;
  pick.items = items;
  const start = items[current >= 0 ? current : 0];
  if (start) pick.activeItems = [start];
  let accepted = false;
  // Preview while moving through the list; put the cursor back if the pick is dismissed.
  pick.onDidChangeActive((active) => {
    const item = active[0];
    if (item) editor.revealRange(c.protocol2CodeConverter.asRange(item.quote.range), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  });
  pick.onDidAccept(() => {
    const item = pick.selectedItems[0] ?? pick.activeItems[0];
    if (item) {
      accepted = true;
      landOn(editor, c, item.quote);
    }
    pick.hide();
  });
  pick.onDidHide(() => {
    if (!accepted) editor.revealRange(original, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    pick.dispose();
  });
  pick.show();
}

// ---- entity mentions ------------------------------------------------------------------------------------------

/** Every mention of the entity under the cursor, in the peek view (asks Byline's server only, not other providers). */
async function showEntityMentions(): Promise<void> {
  const target = analysedEditor();
  if (!target) return;
  const { editor, client: c } = target;
  const position = editor.selection.active;
  let locations: vscode.Location[] = [];
  try {
    const params = c.code2ProtocolConverter.asReferenceParams(editor.document, position, { includeDeclaration: true });
    const result = await c.sendRequest(ReferencesRequest.type, params);
    locations = (await c.protocol2CodeConverter.asReferences(result)) ?? [];
  } catch (e) {
    output.appendLine(`textDocument/references: ${String(e)}`);
  }
  if (locations.length === 0) {
    vscode.window.setStatusBarMessage('Byline: no name under the cursor', 3000);
    return;
  }
  await vscode.commands.executeCommand('editor.action.showReferences', editor.document.uri, position, locations);
}
