// The status-bar item: the active document's error and warning counts (from the diagnostics
// VS Code holds) and the province profile the server detected (`budgetlint.documentStatus`).

import * as vscode from 'vscode';
import { isDisclosure, Server, SERVER } from './client';

interface DocumentStatus {
  checked: boolean;
  version?: number;
  profile?: { province?: string | null; level?: string | null; detectedBy?: string };
  config?: string | null;
  suppressed?: number;
}

const LEVELS: Record<string, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  district: '区级',
  township: '乡级',
};

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('budgetlint.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[] = [];
  private status: { uri: string; value: DocumentStatus } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly server: Server) {
    this.item.name = 'budgetlint';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions.push(
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) {
          this.update();
          this.refreshProfileSoon();
        }
      }),
      vscode.window.onDidChangeActiveTextEditor(() => {
        this.update();
        this.refreshProfileSoon();
      }),
      server.onDidChange(() => {
        this.status = undefined;
        this.update();
        this.refreshProfileSoon();
      }),
    );
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isDisclosure(doc) || !this.server.running) {
      this.item.hide();
      return;
    }
    if (!this.server.isSynced(doc)) {
      // Held back by the gate (not a disclosure): say so rather than show a clean 0 0.
      this.item.text = `budgetlint $(circle-slash) ${vscode.l10n.t('not checked')}`;
      this.item.tooltip = new vscode.MarkdownString(
        vscode.l10n.t('Not checked: this file does not look like a budget or final-accounts disclosure. Run **budgetlint: Check This File** to check it anyway.'),
      );
      this.item.accessibilityInformation = { label: vscode.l10n.t('budgetlint: not checked') };
      this.item.show();
      return;
    }
    const counts = { errors: 0, warnings: 0, infos: 0 };
    for (const d of vscode.languages.getDiagnostics(doc.uri)) {
      if (d.source !== 'budgetlint') {
        continue;
      }
      if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
      else counts.infos++;
    }
    const status = this.status?.uri === doc.uri.toString() ? this.status.value : undefined;
    const province = status?.profile?.province;
    const level = status?.profile?.level ? LEVELS[status.profile.level] : undefined;
    const place = province ? ` · ${province}${level ? `（${level}）` : ''}` : '';
    this.item.text = `budgetlint $(error) ${counts.errors} $(warning) ${counts.warnings}${place}`;
    this.item.tooltip = this.tooltip(counts, status);
    this.item.accessibilityInformation = {
      label: `budgetlint: ${counts.errors} errors, ${counts.warnings} warnings${province ? `, profile ${province}` : ''}`,
    };
    this.item.show();
  }

  private tooltip(counts: { errors: number; warnings: number; infos: number }, status: DocumentStatus | undefined): vscode.MarkdownString {
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**budgetlint**: ${counts.errors} errors, ${counts.warnings} warnings, ${counts.infos} info\n\n`);
    if (status?.checked) {
      const p = status.profile;
      md.appendMarkdown(`Province profile: ${p?.province ?? 'national rules only'}${p?.level ? ` (${p.level})` : ''}${p?.detectedBy ? `, detected by ${p.detectedBy}` : ''}\n\n`);
      md.appendMarkdown(`Configuration: ${status.config ?? 'built-in default'}\n\n`);
      if (status.suppressed) {
        md.appendMarkdown(`${status.suppressed} findings accepted in the baseline\n\n`);
      }
    } else if (status && !status.checked) {
      md.appendMarkdown('Not checked: no rules.toml above this file. Run **budgetlint: Check This File** to check it anyway.\n\n');
    }
    md.appendMarkdown('Click to open the Problems panel.');
    return md;
  }

  /** Asks the server for the profile, at most every 300 ms. */
  private refreshProfileSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refreshProfile(), 300);
  }

  private async refreshProfile(): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isDisclosure(doc) || !this.server.supports(SERVER.documentStatus)) {
      return;
    }
    try {
      const value = await this.server.command<DocumentStatus>(SERVER.documentStatus, { uri: doc.uri.toString() });
      if (value) {
        this.status = { uri: doc.uri.toString(), value };
        this.update();
      }
    } catch {
      // An older server, or one busy restarting: the counts alone are still right.
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }
}
