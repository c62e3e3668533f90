// Findings of PDF, Word and Excel files: VS Code cannot hold them as text, so the extension
// shows a read-only view of the text budgetlint read from them (a virtual document under the
// `budgetlint-text:` scheme, the file's path kept) and the server publishes the findings on
// that view. The server learns the file by the custom request `budgetlint/openBinary` with the
// file's URI (crates/lsp/src/binary.rs) and reads it from disk itself: no binary text crosses
// the protocol. When the file changes on disk (a report drafted in Word is saved again), the
// view is asked for again, and the text and findings follow. Hovers and code actions on the
// view are answered by the server from the view's last check (client.ts lets them through
// without syncing the view).

import * as path from 'path';
import * as vscode from 'vscode';
import { Server, VIEW_SCHEME } from './client';

export const TEXT_SCHEME = VIEW_SCHEME;
export const OPEN_BINARY = 'budgetlint/openBinary';

/** The published formats the view is for (text formats open as text and are synced). */
export const BINARY_EXTENSIONS = ['pdf', 'docx', 'xlsx'];

/** The server's answer (crates/lsp/src/binary.rs, `OpenBinaryResult`). */
interface OpenBinaryResult {
  textUri: string;
  text: string;
  format: string;
  notes: string[];
  error: string | null;
}

/** The view of a file: the same path under the view's scheme. */
export function viewOf(file: vscode.Uri): vscode.Uri {
  return file.with({ scheme: TEXT_SCHEME });
}

export function isBinaryDisclosure(uri: vscode.Uri): boolean {
  const ext = path.extname(uri.path).slice(1).toLowerCase();
  return uri.scheme === 'file' && BINARY_EXTENSIONS.includes(ext);
}

export class BinaryViews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** One watcher per open view, on its file. */
  private readonly watchers = new Map<string, vscode.FileSystemWatcher>();
  private readonly closing: vscode.Disposable;

  constructor(private readonly srv: Server) {
    this.closing = vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === TEXT_SCHEME) {
        this.watchers.get(doc.uri.toString())?.dispose();
        this.watchers.delete(doc.uri.toString());
      }
    });
  }

  async provideTextDocumentContent(view: vscode.Uri): Promise<string> {
    const file = view.with({ scheme: 'file' });
    this.watch(file, view);
    if (!(await this.srv.start())) {
      return vscode.l10n.t('budgetlint: the language server is not running.');
    }
    const answer = await this.srv.request<OpenBinaryResult>(OPEN_BINARY, { uri: file.toString(), textUri: view.toString() });
    if (!answer) {
      return vscode.l10n.t('budgetlint: the language server is not running.');
    }
    if (answer.error) {
      return vscode.l10n.t('budgetlint could not read {0}: {1}', file.fsPath, answer.error);
    }
    return answer.text;
  }

  /** Refreshes the view when its file is written, created again or replaced. */
  private watch(file: vscode.Uri, view: vscode.Uri): void {
    const key = view.toString();
    if (this.watchers.has(key)) {
      return;
    }
    const pattern = new vscode.RelativePattern(vscode.Uri.file(path.dirname(file.fsPath)), path.basename(file.fsPath));
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const refresh = () => this.changed.fire(view);
    watcher.onDidChange(refresh);
    watcher.onDidCreate(refresh);
    this.watchers.set(key, watcher);
  }

  /**
   * Opens the view of `file`: the explorer's file, else the active tab's (a PDF open in VS
   * Code's own viewer), else one chosen in a dialog.
   */
  async open(file?: vscode.Uri): Promise<void> {
    const target = (file instanceof vscode.Uri ? file : undefined) ?? activeTabUri() ?? (await pick());
    if (!target) {
      return;
    }
    if (!isBinaryDisclosure(target)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('budgetlint: choose a PDF, Word (.docx) or Excel (.xlsx) file.'));
      return;
    }
    const doc = await vscode.workspace.openTextDocument(viewOf(target));
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  dispose(): void {
    for (const w of this.watchers.values()) {
      w.dispose();
    }
    this.watchers.clear();
    this.closing.dispose();
    this.changed.dispose();
  }
}

/** The file of the active editor tab, whatever editor shows it (text, binary, custom). */
function activeTabUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (input && typeof input === 'object' && 'uri' in input && input.uri instanceof vscode.Uri) {
    return isBinaryDisclosure(input.uri) ? input.uri : undefined;
  }
  return undefined;
}

async function pick(): Promise<vscode.Uri | undefined> {
  const chosen = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { [vscode.l10n.t('Disclosures (PDF, Word, Excel)')]: BINARY_EXTENSIONS },
  });
  return chosen?.[0];
}
