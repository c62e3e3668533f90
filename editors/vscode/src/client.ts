// The language client: starts `budgetlint lsp`, tells it the workspace-trust state and the
// severity filter, restarts it on request, and wraps the server's custom commands.

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { resolveServer, ServerBinary } from './serverPath';

/** Commands the server implements (see crates/lsp/src/actions.rs). */
export const SERVER = {
  fixAll: 'budgetlint.fixAll',
  explainRule: 'budgetlint.explainRule',
  lintDocument: 'budgetlint.lintDocument',
  documentStatus: 'budgetlint.documentStatus',
  listRules: 'budgetlint.listRules',
} as const;

/** The documents the server checks: plain text and Markdown disclosures, saved or not. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'file', language: 'markdown' },
  { scheme: 'file', pattern: '**/*.{txt,md,markdown}' },
  { scheme: 'untitled', language: 'plaintext' },
  { scheme: 'untitled', language: 'markdown' },
];

export function isDisclosure(doc: vscode.TextDocument): boolean {
  return vscode.languages.match(DOCUMENT_SELECTOR, doc) > 0;
}

/** What the server is told at start and after a settings change (crates/lsp/src/settings.rs). */
function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('budgetlint');
  return {
    trusted: vscode.workspace.isTrusted,
    minimumSeverity: config.get<string>('severityFilter', 'info'),
  };
}

export class Server implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the server starts or stops. */
  readonly onDidChange = this.changed.event;
  binary: ServerBinary | undefined;
  /** Documents whose next diagnostic pull must not reuse the previous result id. */
  private readonly fullReportFor = new Set<string>();

  constructor(
    private readonly extensionPath: string,
    readonly output: vscode.OutputChannel,
  ) {}

  get running(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  /** Starts the server unless it runs; resolves to undefined when it cannot start. */
  start(): Promise<LanguageClient | undefined> {
    if (this.client) {
      return Promise.resolve(this.client);
    }
    this.starting ??= this.launch().finally(() => (this.starting = undefined));
    return this.starting;
  }

  async restart(): Promise<LanguageClient | undefined> {
    await this.stop();
    return this.start();
  }

  async stop(): Promise<void> {
    await this.starting;
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(3000);
      } catch (e) {
        this.output.appendLine(`budgetlint: stopping the server: ${e}`);
      }
      this.changed.fire();
    }
  }

  private async launch(): Promise<LanguageClient | undefined> {
    const found = resolveServer(this.extensionPath);
    if ('error' in found) {
      this.output.appendLine(`budgetlint: ${found.error}`);
      const choice = await vscode.window.showErrorMessage(found.error, 'Open Settings');
      if (choice) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'budgetlint.server.path');
      }
      return undefined;
    }
    this.binary = found;
    this.output.appendLine(`budgetlint: starting ${found.command} lsp (${found.origin}; workspace trusted: ${vscode.workspace.isTrusted})`);
    // TransportKind.stdio appends `--stdio`, which `budgetlint lsp` accepts.
    const serverOptions: ServerOptions = {
      run: { command: found.command, args: ['lsp'], transport: TransportKind.stdio },
      debug: { command: found.command, args: ['lsp'], transport: TransportKind.stdio },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      initializationOptions: serverSettings(),
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      markdown: { isTrusted: false, supportHtml: false },
      middleware: {
        // After `budgetlint.lintDocument` the server's diagnostic result id can stay the same
        // although the findings changed (out of scope → checked): ask for a full report then.
        provideDiagnostics: (document, previousResultId, token, next) => {
          const uri = (document instanceof vscode.Uri ? document : document.uri).toString();
          const forced = this.fullReportFor.delete(uri);
          return next(document, forced ? undefined : previousResultId, token);
        },
      },
    };
    const client = new LanguageClient('budgetlint', 'budgetlint', serverOptions, clientOptions);
    client.onDidChangeState(() => this.changed.fire());
    try {
      await client.start();
    } catch (e) {
      this.output.appendLine(`budgetlint: the server did not start: ${e}`);
      void vscode.window.showErrorMessage(`budgetlint: the language server (${found.command}) did not start: ${e}`);
      return undefined;
    }
    this.client = client;
    this.changed.fire();
    return client;
  }

  /** Sends the current settings (severity filter, trust) to the running server. */
  async pushSettings(): Promise<void> {
    this.output.appendLine(`budgetlint: settings changed: ${JSON.stringify(serverSettings())}`);
    await this.running?.sendNotification(DidChangeConfigurationNotification.type, { settings: { budgetlint: serverSettings() } });
  }

  /** Whether the running server implements `command` (it lists them at initialization). */
  supports(command: string): boolean {
    const commands = this.running?.initializeResult?.capabilities.executeCommandProvider?.commands ?? [];
    return commands.includes(command);
  }

  /** Runs one of the server's commands directly (not through VS Code's command registry). */
  async command<T>(command: string, argument: Record<string, unknown>): Promise<T | undefined> {
    const client = this.running;
    if (!client || !this.supports(command)) {
      return undefined;
    }
    return (await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: [argument] })) as T;
  }

  /**
   * Asks the client to pull the diagnostics of `doc` again, as a full report (after
   * `lintDocument`, which the server does not announce with a diagnostic refresh).
   */
  repull(doc: vscode.TextDocument): void {
    this.fullReportFor.add(doc.uri.toString());
    const feature = this.running?.getFeature(DocumentDiagnosticRequest.method);
    feature?.getProvider(doc)?.onDidChangeDiagnosticsEmitter.fire();
  }

  dispose(): void {
    void this.stop();
    this.changed.dispose();
  }
}
