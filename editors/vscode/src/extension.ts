// budgetlint for VS Code: starts the language server (`budgetlint lsp`) for plain-text and
// Markdown disclosures, and adds commands and a status-bar item around it.
//
// Activation: in a workspace that contains a rules.toml (the server then checks the documents
// under it), or through a command for any open file (“budgetlint: Check This File”).

import * as vscode from 'vscode';
import { isDisclosure, Server, SERVER } from './client';
import { RuleDocs, SCHEME } from './ruleDocs';
import { StatusItem } from './status';

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('budgetlint');

let server: Server | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('budgetlint');
  const srv = new Server(context.extensionPath, output);
  server = srv;
  const docs = new RuleDocs(srv, context.globalStorageUri.fsPath);
  context.subscriptions.push(
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
      if (e.affectsConfiguration('budgetlint.server.path')) {
        void srv.restart();
      } else if (e.affectsConfiguration('budgetlint.severityFilter')) {
        void srv.pushSettings();
      }
    }),
    // Plugins named in the workspace's rules.toml load only in a trusted workspace; the server
    // reads the trust state at initialization, so start it again with the new state.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.appendLine('budgetlint: workspace trusted; restarting the server so that it may load the workspace plugins');
      void srv.restart();
    }),
  );
  await srv.start();
}

export async function deactivate(): Promise<void> {
  await server?.stop();
}

/** Applies the server's `source.fixAll.budgetlint` code action to the active document. */
async function fixAllSafe(srv: Server): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isDisclosure(editor.document)) {
    void vscode.window.showInformationMessage('budgetlint: open a disclosure (.txt or .md) first.');
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
    vscode.window.setStatusBarMessage('budgetlint: no safe fixes in this document', 4000);
    return;
  }
  for (const action of actions.slice(0, 1)) {
    if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
      void vscode.window.showWarningMessage('budgetlint: the fixes could not be applied (the document changed meanwhile?).');
      return;
    }
    if (action.command) {
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    }
  }
  vscode.window.setStatusBarMessage('budgetlint: safe fixes applied', 4000);
}

/** Checks the active document even without a rules.toml above it (plain text if need be). */
async function checkFile(srv: Server): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('budgetlint: open the document to check first.');
    return;
  }
  let doc = editor.document;
  if (!isDisclosure(doc)) {
    doc = await vscode.languages.setTextDocumentLanguage(doc, 'plaintext');
    if (!isDisclosure(doc)) {
      void vscode.window.showWarningMessage('budgetlint: only files on disk and untitled documents can be checked.');
      return;
    }
  }
  if (!(await srv.start())) {
    return;
  }
  if (!srv.supports(SERVER.lintDocument)) {
    void vscode.window.showWarningMessage('budgetlint: this server checks only documents under a rules.toml (it has no budgetlint.lintDocument).');
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
  void vscode.window.showWarningMessage('budgetlint: the server did not take the document.');
}
