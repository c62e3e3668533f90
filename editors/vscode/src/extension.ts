// budgetlint for VS Code: starts the language server (`budgetlint lsp`) for plain-text and
// Markdown disclosures, and adds commands and a status-bar item around it. PDF, Word and Excel
// files are shown as read-only views of their text with their findings (./binaryView.ts).
//
// Activation: when a plain-text or Markdown document is opened (cheap: the server starts only
// once a document that looks like a disclosure is open, ./sniff.ts), or through a command for
// any open file (“budgetlint: Check This File”). A rules.toml alone no longer activates it: any
// tool may have one.

import * as vscode from 'vscode';
import { isDisclosure, Server, SERVER, wanted } from './client';
import { BinaryViews, TEXT_SCHEME } from './binaryView';
import { RuleDocs, SCHEME } from './ruleDocs';
import { StatusItem } from './status';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('budgetlint');

let server: Server | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('budgetlint');
  const srv = new Server(context.extensionPath, output);
  server = srv;
  const docs = new RuleDocs(srv, context.globalStorageUri.fsPath);
  const views = new BinaryViews(srv);
  context.subscriptions.push(
    views,
    vscode.workspace.registerTextDocumentContentProvider(TEXT_SCHEME, views),
    vscode.commands.registerCommand('budgetlint.openText', (file?: vscode.Uri) => views.open(file)),
    output,
    srv,
    new StatusItem(srv),
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, docs),
    vscode.commands.registerCommand('budgetlint.restartServer', () => srv.restart()),
    vscode.commands.registerCommand('budgetlint.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('budgetlint.fixAllSafe', () => fixAllSafe(srv)),
    vscode.commands.registerCommand('budgetlint.showRuleDocumentation', (rule?: unknown) => docs.show(rule)),
    vscode.commands.registerCommand('budgetlint.checkFile', () => checkFile(srv)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('budgetlint.server.path') || e.affectsConfiguration('budgetlint.checkAllTextFiles')) {
        void (srv.running ? srv.restart() : startWhenWanted(srv));
      } else if (
        e.affectsConfiguration('budgetlint.severityFilter') ||
        e.affectsConfiguration('budgetlint.language') ||
        e.affectsConfiguration('budgetlint.lintWithoutConfig')
      ) {
        void srv.pushSettings();
      }
    }),
    vscode.workspace.onDidOpenTextDocument(() => void startWhenWanted(srv)),
    // An untitled document that becomes a disclosure as text is pasted into it.
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (!srv.running && e.contentChanges.length > 0 && wanted(e.document)) {
        void srv.start();
      }
    }),
    // Plugins named in the workspace's rules.toml load only in a trusted workspace; the server
    // reads the trust state at initialization, so start it again with the new state.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.appendLine('budgetlint: workspace trusted; restarting the server so that it may load the workspace plugins');
      void srv.restart();
    }),
  );
  await startWhenWanted(srv);
}

/** Starts the server once an open document looks like a disclosure (it then syncs them all). */
async function startWhenWanted(srv: Server): Promise<void> {
  if (!srv.running && vscode.workspace.textDocuments.some(wanted)) {
    await srv.start();
  }
}

export async function deactivate(): Promise<void> {
  await server?.stop();
}

/** Applies the server's `source.fixAll.budgetlint` code action to the active document. */
async function fixAllSafe(srv: Server): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isDisclosure(editor.document)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('budgetlint: open a disclosure (.txt or .md) first.'));
    return;
  }
  if (!(await srv.start())) {
    return;
  }
  const doc = editor.document;
  const whole = new vscode.Range(0, 0, doc.lineCount, 0);
  const found =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND.value)) ?? [];
  const actions = found.filter((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && FIX_ALL_KIND.contains(a.kind));
  if (actions.length === 0) {
    vscode.window.setStatusBarMessage(vscode.l10n.t('budgetlint: no safe fixes in this document'), 4000);
    return;
  }
  for (const action of actions.slice(0, 1)) {
    if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
      void vscode.window.showWarningMessage(vscode.l10n.t('budgetlint: the fixes could not be applied (the document changed meanwhile?).'));
      return;
    }
    if (action.command) {
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    }
  }
  vscode.window.setStatusBarMessage(vscode.l10n.t('budgetlint: safe fixes applied'), 4000);
}

/** Checks the active document even without a rules.toml above it (plain text if need be). */
async function checkFile(srv: Server): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('budgetlint: open the document to check first.'));
    return;
  }
  let doc = editor.document;
  if (!isDisclosure(doc)) {
    doc = await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
    if (!isDisclosure(doc)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('budgetlint: only files on disk and untitled documents can be checked.'));
      return;
    }
  }
  if (!(await srv.start())) {
    return;
  }
  await srv.force(doc);
  if (!srv.supports(SERVER.lintDocument)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('budgetlint: this server checks only documents under a rules.toml (it has no budgetlint.lintDocument).'));
    return;
  }
  // The client sends didOpen on its own schedule; the server says false until it has the document.
  for (let attempt = 0; attempt < 50; attempt++) {
    const accepted = await srv.command<boolean>(SERVER.lintDocument, { uri: doc.uri.toString() });
    if (accepted) {
      srv.repull(doc);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  void vscode.window.showWarningMessage(vscode.l10n.t('budgetlint: the server did not take the document.'));
}
