// The language client: starts `budgetlint lsp`, tells it the workspace-trust state, the
// severity filter, the language and whether documents without a rules.toml are checked,
// restarts it on request, and wraps the server's custom commands.
//
// Which documents the server sees: only those that look like a disclosure (./sniff.ts), unless
// `budgetlint.checkAllTextFiles` is set or the user asked for the document (Check This File).
// The gate is client-side middleware, so the .txt and .md files of an unrelated project never
// reach the server, even under another tool's rules.toml.

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  ExecuteCommandRequest,
  LanguageClient,
  LanguageClientOptions,
  Middleware,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
  vsdiag,
} from 'vscode-languageclient/node';
import { resolveServer, ServerBinary } from './serverPath';
import { HEAD_CHARS, looksLikeDisclosure } from './sniff';

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

/**
 * The scheme of the read-only views of PDF, Word and Excel files (binaryView.ts). A view is
 * never synced (the server reads its file from disk), but hovers and code actions are asked
 * for on it: the server answers them from the view's last check.
 */
export const VIEW_SCHEME = 'budgetlint-text';

/** The documents the language client serves: the synced ones and the views. */
const CLIENT_SELECTOR = [...DOCUMENT_SELECTOR, { scheme: VIEW_SCHEME }];

export function isDisclosure(doc: vscode.TextDocument): boolean {
  return vscode.languages.match(DOCUMENT_SELECTOR, doc) > 0;
}

/** The language of the findings: the setting, or with `auto` VS Code's display language. */
export function language(config: vscode.WorkspaceConfiguration): 'zh' | 'en' {
  const chosen = config.get<string>('language', 'zh');
  if (chosen === 'auto') {
    return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }
  return chosen === 'en' ? 'en' : 'zh';
}

/** What the server is told at start and after a settings change (crates/lsp/src/settings.rs). */
function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('budgetlint');
  return {
    trusted: vscode.workspace.isTrusted,
    minimumSeverity: config.get<string>('severityFilter', 'info'),
    language: language(config),
    lintWithoutConfig: config.get<boolean>('lintWithoutConfig', true),
  };
}

/** Whether the extension hands this document to the server without being asked. */
export function wanted(doc: vscode.TextDocument): boolean {
  if (!isDisclosure(doc)) {
    return false;
  }
  const all = vscode.workspace.getConfiguration('budgetlint').get<boolean>('checkAllTextFiles', false);
  // Only the head is read: this runs on every plain-text document opened (and typed into
  // while no server runs), however large.
  const head = new vscode.Range(doc.positionAt(0), doc.positionAt(HEAD_CHARS));
  return all || looksLikeDisclosure(doc.getText(head));
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
  /** Documents the server has been sent (didOpen went through the gate). */
  private readonly synced = new Set<string>();
  /** Documents the user asked to check although they do not look like a disclosure. */
  private readonly forced = new Set<string>();

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
    const OPEN_SETTINGS = vscode.l10n.t('Open Settings');
    if ('error' in found) {
      this.output.appendLine(`budgetlint: ${found.error}`);
      const choice = await vscode.window.showErrorMessage(found.error, OPEN_SETTINGS);
      if (choice === OPEN_SETTINGS) {
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
      documentSelector: CLIENT_SELECTOR,
      initializationOptions: serverSettings(),
      outputChannel: this.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      markdown: { isTrusted: false, supportHtml: false },
      middleware: {
        ...this.gate(),
        // After `budgetlint.lintDocument` the server's diagnostic result id can stay the same
        // although the findings changed (out of scope → checked): ask for a full report then.
        provideDiagnostics: (document, previousResultId, token, next) => {
          const uri = (document instanceof vscode.Uri ? document : document.uri).toString();
          if (!this.synced.has(uri)) {
            return { kind: vsdiag.DocumentDiagnosticReportKind.full, items: [] };
          }
          const forced = this.fullReportFor.delete(uri);
          return next(document, forced ? undefined : previousResultId, token);
        },
      },
    };
    this.synced.clear();
    const client = new LanguageClient('budgetlint', 'budgetlint', serverOptions, clientOptions);
    client.onDidChangeState(() => this.changed.fire());
    try {
      await client.start();
    } catch (e) {
      this.output.appendLine(`budgetlint: the server did not start: ${e}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('budgetlint: the language server ({0}) did not start: {1}', found.command, String(e)));
      return undefined;
    }
    this.client = client;
    this.changed.fire();
    return client;
  }

  /**
   * The text-synchronization middleware: a document reaches the server only when it is
   * [[wanted]] or forced; one that becomes a disclosure while typed (an untitled document
   * filled by pasting) is opened on the server with its whole text at that moment.
   */
  private gate(): Middleware {
    const key = (doc: vscode.TextDocument) => doc.uri.toString();
    const admits = (doc: vscode.TextDocument) =>
      doc.uri.scheme !== VIEW_SCHEME && (this.forced.has(key(doc)) || wanted(doc));
    return {
      didOpen: async (doc, next) => {
        if (admits(doc)) {
          this.synced.add(key(doc));
          await next(doc);
        }
      },
      didChange: async (event, next) => {
        if (this.synced.has(key(event.document))) {
          await next(event);
        } else if (admits(event.document)) {
          await this.openOnServer(event.document);
        }
      },
      didClose: async (doc, next) => {
        this.forced.delete(key(doc));
        if (this.synced.delete(key(doc))) {
          await next(doc);
        }
      },
      didSave: async (doc, next) => {
        if (this.synced.has(key(doc))) {
          await next(doc);
        }
      },
      willSave: async (event, next) => {
        if (this.synced.has(key(event.document))) {
          await next(event);
        }
      },
    };
  }

  /** Sends didOpen for a document the gate held back, with its current text and version. */
  private async openOnServer(doc: vscode.TextDocument): Promise<void> {
    const client = this.running;
    if (!client || this.synced.has(doc.uri.toString())) {
      return;
    }
    this.synced.add(doc.uri.toString());
    await client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: doc.uri.toString(), languageId: doc.languageId, version: doc.version, text: doc.getText() },
    });
  }

  /** Whether the server has been sent `doc` (it passed the gate). */
  isSynced(doc: vscode.TextDocument): boolean {
    return this.synced.has(doc.uri.toString());
  }

  /** Checks `doc` from now on even if it does not look like a disclosure (Check This File). */
  async force(doc: vscode.TextDocument): Promise<void> {
    if (doc.uri.scheme === VIEW_SCHEME) {
      return; // a view is checked from its file, never synced
    }
    this.forced.add(doc.uri.toString());
    await this.openOnServer(doc);
  }

  /** Sends the current settings (severity filter, trust, language, scope) to the running server. */
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

  /** Sends one of the server's own requests (`budgetlint/openBinary`); undefined when it is not running. */
  async request<T>(method: string, params: Record<string, unknown>): Promise<T | undefined> {
    const client = this.running;
    if (!client) {
      return undefined;
    }
    return (await client.sendRequest(method, params)) as T;
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
