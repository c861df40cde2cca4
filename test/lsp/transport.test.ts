// The VS Code client starts the server over Node IPC (TransportKind.ipc → --node-ipc); other editors use --stdio.
// This checks the IPC path end to end: initialize, diagnostics for an opened article, a request, shutdown.

import * as assert from 'assert';
import { fork } from 'child_process';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { QUOTES_METHOD, type QuotesResult } from '../../src/protocol';
import { buildServer, serverBundle } from './client';
import { TERMINAL_STORY } from './fixtures';

describe('LSP: transports', function () {
  this.timeout(60_000);

  it('serves over --node-ipc as the VS Code client starts it', async () => {
    await buildServer();
    const child = fork(serverBundle, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
    connection.listen();
    try {
      const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
      assert.ok((init as { capabilities: { hoverProvider?: boolean } }).capabilities.hoverProvider);
      await connection.sendNotification('initialized', {});
      const uri = 'file:///newsroom/ipc.news';
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'news', version: 1, text: TERMINAL_STORY } });
      const diags = await published;
      assert.strictEqual(diags.uri, uri);
      assert.ok(diags.diagnostics.length > 0, 'findings arrive over IPC');
      const quotes = (await connection.sendRequest(QUOTES_METHOD, { textDocument: { uri } })) as QuotesResult;
      assert.ok(quotes.quotes.length > 0);
      await connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      await connection.sendNotification('exit');
      assert.strictEqual(await exited, 0);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
