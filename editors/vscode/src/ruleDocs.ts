// “Show rule documentation”: the rule under the cursor, or one picked from a list, shown as a
// Markdown preview of a virtual document `budgetlint-rule:/<category>/<name>.md`.
//
// The text comes from the server (`budgetlint.explainRule`, which answers for the rules loaded
// under the document's rules.toml), else from `budgetlint explain RULE`. The rule list comes
// from the server (`budgetlint.listRules`) if it offers it, else from `budgetlint rules`.

import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { language, Server, SERVER } from './client';

export const SCHEME = 'budgetlint-rule';

interface RuleInfo {
  id: string;
  summary?: string;
  severity?: string;
  plugin?: string;
}

export class RuleDocs implements vscode.TextDocumentContentProvider {
  private readonly pages = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly server: Server,
    private readonly storageDir: string,
  ) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.pages.get(ruleOf(uri)) ?? `# ${ruleOf(uri)}\n\n(no documentation)`;
  }

  /** The command: `rule` when given (from a hover link or a test), else the cursor's, else a pick. */
  async show(rule?: unknown): Promise<void> {
    const id = typeof rule === 'string' && rule ? rule : (await this.ruleAtCursor()) ?? (await this.pick());
    if (!id) {
      return;
    }
    const doc = vscode.window.activeTextEditor?.document;
    const text = await this.explain(id, doc);
    if (!text) {
      void vscode.window.showWarningMessage(vscode.l10n.t('budgetlint: no loaded plugin provides the rule “{0}”.', id));
      return;
    }
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${id}.md` });
    this.pages.set(id, text);
    this.changed.fire(uri);
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch {
      const page = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(page, { preview: true });
    }
  }

  /** The rule of the budgetlint finding under the cursor (a choice when there are several). */
  private async ruleAtCursor(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      return undefined;
    }
    const at = editor.selection.active;
    const rules = new Set<string>();
    for (const d of vscode.languages.getDiagnostics(editor.document.uri)) {
      const code = codeOf(d);
      if (d.source === 'budgetlint' && code && d.range.contains(at)) {
        rules.add(code);
      }
    }
    if (rules.size <= 1) {
      return [...rules][0];
    }
    return vscode.window.showQuickPick([...rules], { placeHolder: vscode.l10n.t('Which finding’s rule?') });
  }

  private async pick(): Promise<string | undefined> {
    const doc = vscode.window.activeTextEditor?.document;
    const inDocument = new Set<string>();
    for (const d of doc ? vscode.languages.getDiagnostics(doc.uri) : []) {
      const code = codeOf(d);
      if (d.source === 'budgetlint' && code) inDocument.add(code);
    }
    const rules = await this.listRules(doc);
    const known = new Set(rules.map((r) => r.id));
    for (const id of inDocument) {
      if (!known.has(id)) rules.push({ id });
    }
    rules.sort((a, b) => Number(inDocument.has(b.id)) - Number(inDocument.has(a.id)) || a.id.localeCompare(b.id));
    const items = rules.map((r) => ({
      label: r.id,
      description: [inDocument.has(r.id) ? 'in this document' : '', r.severity, r.plugin].filter(Boolean).join(' · '),
      detail: r.summary,
    }));
    const picked = await vscode.window.showQuickPick(items, { placeHolder: vscode.l10n.t('budgetlint rule'), matchOnDescription: true, matchOnDetail: true });
    return picked?.label;
  }

  private async listRules(doc: vscode.TextDocument | undefined): Promise<RuleInfo[]> {
    try {
      const fromServer = await this.server.command<RuleInfo[]>(SERVER.listRules, { uri: doc?.uri.toString() });
      if (Array.isArray(fromServer)) {
        return fromServer.filter((r) => typeof r?.id === 'string');
      }
    } catch {
      // Fall back to the CLI.
    }
    const table = await this.cli(['rules'], doc);
    return parseRulesTable(table ?? '');
  }

  private async explain(rule: string, doc: vscode.TextDocument | undefined): Promise<string | undefined> {
    try {
      const fromServer = await this.server.command<string | null>(SERVER.explainRule, { rule, uri: doc?.uri.toString() });
      if (typeof fromServer === 'string' && fromServer) {
        return fromServer;
      }
    } catch {
      // Fall back to the CLI.
    }
    const text = await this.cli(['explain', rule], doc);
    return text ? cliExplainToMarkdown(text) : undefined;
  }

  /**
   * Runs the budgetlint CLI. In a trusted workspace it runs in the document's folder, so the
   * rules.toml that applies there applies, with `--allow-plugins` (the CLI's own gate; the
   * workspace trust is the user's permission, as for the server); otherwise in a folder of the
   * extension's own with an empty rules.toml, so that no plugin named by the workspace is loaded.
   */
  private cli(args: string[], doc: vscode.TextDocument | undefined): Promise<string | undefined> {
    const command = this.server.binary?.command;
    if (!command) {
      return Promise.resolve(undefined);
    }
    let cwd = this.neutralDir();
    // The pages and summaries in the language of the findings (`budgetlint.language`).
    let allArgs = [...args, '--lang', language(vscode.workspace.getConfiguration('budgetlint'))];
    if (vscode.workspace.isTrusted && doc?.uri.scheme === 'file') {
      cwd = path.dirname(doc.uri.fsPath);
      allArgs = [...allArgs, '--allow-plugins'];
    }
    return new Promise((resolve) => {
      execFile(command, allArgs, { cwd, timeout: 10_000, maxBuffer: 4 << 20 }, (error, stdout) => {
        resolve(error && !stdout ? undefined : stdout);
      });
    });
  }

  private neutralDir(): string {
    const dir = path.join(this.storageDir, 'neutral');
    try {
      fs.mkdirSync(dir, { recursive: true });
      const config = path.join(dir, 'rules.toml');
      if (!fs.existsSync(config)) {
        fs.writeFileSync(config, '# Built-in plugins only (used by the VS Code extension in untrusted workspaces).\n');
      }
    } catch {
      // The folder stays as it is; the CLI then uses the nearest rules.toml above it.
    }
    return dir;
  }
}

function ruleOf(uri: vscode.Uri): string {
  return uri.path.replace(/^\//, '').replace(/\.md$/, '');
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  const code = typeof d.code === 'object' && d.code ? d.code.value : d.code;
  return code === undefined ? undefined : String(code);
}

/** `budgetlint rules`: a header line, then `RULE  PLUGIN  SEVERITY  SUMMARY` columns. */
export function parseRulesTable(text: string): RuleInfo[] {
  const out: RuleInfo[] = [];
  for (const line of text.split('\n').slice(1)) {
    const m = /^(\S+\/\S+)\s+(\S+)\s+(\S+)\s+(.*)$/.exec(line.trimEnd());
    if (m) {
      out.push({ id: m[1], plugin: m[2], severity: m[3], summary: m[4] });
    }
  }
  return out;
}

/** `budgetlint explain`: the id, the summary, plugin and severity lines, then the Markdown docs. */
export function cliExplainToMarkdown(text: string): string {
  const [id = '', summary = '', ...rest] = text.split('\n');
  return `# ${id}\n\n${summary}\n\n${rest.join('\n').replace(/^\n+/, '')}`;
}
