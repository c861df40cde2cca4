// The Sources view in the Explorer: the active article's speakers grouped Named / Described / Vague, each with
// its quotes; clicking a quote reveals it in the editor. Fed by the server's byline/sources request, refreshed on
// byline/didAnalyze for the active document and when the active editor changes.

import * as vscode from 'vscode';
import { SOURCES_METHOD, type DocumentParams, type QuoteSummary, type SourceSummary, type SourcesResult } from '../protocol';
import { folderText, groupDescription, headerText, quoteLabel, sourceDescription, sourceGroups, type SourceGroup } from './sourceGroups';

export const SOURCES_VIEW_ID = 'byline.sources';

type Node =
  | { kind: 'header'; text: string }
  | { kind: 'group'; group: SourceGroup }
  | { kind: 'source'; source: SourceSummary }
  | { kind: 'quote'; quote: QuoteSummary };

/** Sends byline/sources for a document; undefined when the server is not running. */
export type SourcesFetcher = (params: DocumentParams) => Promise<SourcesResult | null> | undefined;

export class SourcesView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: SourcesResult | null = null;
  /** The document the result is for (quotes open in it). */
  private uri: vscode.Uri | undefined;
  /** Drops answers that arrive after a newer refresh started. */
  private generation = 0;

  constructor(
    private readonly fetch: SourcesFetcher,
    private readonly log: (message: string) => void,
  ) {}

  /** Asks the server again for the document (the active editor's by default). */
  async refresh(document: vscode.TextDocument | undefined): Promise<void> {
    const generation = ++this.generation;
    if (!document) {
      this.result = null;
      this.uri = undefined;
      this.changed.fire(undefined);
      return;
    }
    let result: SourcesResult | null = null;
    try {
      result = (await this.fetch({ textDocument: { uri: document.uri.toString() } })) ?? null;
    } catch (e) {
      this.log(`${SOURCES_METHOD}: ${String(e)}`);
    }
    if (generation !== this.generation) return;
    this.result = result;
    this.uri = result ? document.uri : undefined;
    this.changed.fire(undefined);
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'header': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = groupDescription(node.group);
        item.contextValue = `byline.sourceGroup.${node.group.specificity}`;
        return item;
      }
      case 'source': {
        const item = new vscode.TreeItem(node.source.name, vscode.TreeItemCollapsibleState.Expanded);
        item.description = sourceDescription(node.source);
        item.iconPath = new vscode.ThemeIcon(node.source.specificity === 'named' ? 'person' : node.source.specificity === 'described' ? 'account' : 'question');
        item.tooltip = `${node.source.name} — ${node.source.specificity} source`;
        return item;
      }
      case 'quote': {
        const { label, description } = quoteLabel(node.quote);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.description = description;
        item.iconPath = new vscode.ThemeIcon('quote');
        item.tooltip = node.quote.speaker ? `${node.quote.speaker}: ${node.quote.snippet}` : `No speaker: ${node.quote.snippet}`;
        if (this.uri) {
          const r = node.quote.range;
          const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
          // The built-in open command: focuses the article's editor and selects the quote.
          item.command = { title: 'Reveal Quote', command: 'vscode.open', arguments: [this.uri, { selection: range } satisfies vscode.TextDocumentShowOptions] };
        }
        return item;
      }
    }
  }

  getChildren(node?: Node): Node[] {
    const result = this.result;
    if (!result) return [];
    if (!node) {
      const groups = sourceGroups(result).map((group): Node => ({ kind: 'group', group }));
      const folder = folderText(result);
      const headers: Node[] = [{ kind: 'header', text: headerText(result) }];
      if (folder) headers.push({ kind: 'header', text: folder });
      return [...headers, ...groups];
    }
    if (node.kind === 'group') {
      return node.group.specificity === 'unattributed'
        ? node.group.quotes.map((quote): Node => ({ kind: 'quote', quote }))
        : node.group.sources.map((source): Node => ({ kind: 'source', source }));
    }
    if (node.kind === 'source') return node.source.quotes.map((quote): Node => ({ kind: 'quote', quote }));
    return [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
