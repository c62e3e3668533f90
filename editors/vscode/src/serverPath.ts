// Which `budgetlint` executable to start: the `budgetlint.server.path` setting, else the binary
// bundled in the .vsix for this platform, else `budgetlint` on PATH.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

export interface ServerBinary {
  command: string;
  /** Where it came from, for the output channel and error messages. */
  origin: 'setting' | 'bundled' | 'PATH';
}

const EXE = process.platform === 'win32' ? 'budgetlint.exe' : 'budgetlint';

/** The platform folder the build script fills: `server/linux-x64`, `server/darwin-arm64`, … */
export function platformDir(): string {
  return `${process.platform}-${process.arch}`;
}

export function bundledServer(extensionPath: string): string {
  return path.join(extensionPath, 'server', platformDir(), EXE);
}

export function resolveServer(extensionPath: string): ServerBinary | { error: string } {
  const configured = vscode.workspace.getConfiguration('budgetlint').get<string>('server.path', '').trim();
  if (configured) {
    const command = expand(configured);
    if (!isExecutable(command)) {
      return { error: vscode.l10n.t('budgetlint.server.path points at “{0}”, which is not an executable file.', command) };
    }
    return { command, origin: 'setting' };
  }
  const bundled = bundledServer(extensionPath);
  if (fs.existsSync(bundled)) {
    makeExecutable(bundled);
    if (isExecutable(bundled)) {
      return { command: bundled, origin: 'bundled' };
    }
  }
  const onPath = findOnPath(EXE);
  if (onPath) {
    return { command: onPath, origin: 'PATH' };
  }
  return {
    error:
      `No budgetlint server for ${platformDir()}: this .vsix has no server/${platformDir()}/${EXE} ` +
      'and there is no budgetlint on PATH. Set budgetlint.server.path to the budgetlint executable.',
  };
}

/** `~` and `${workspaceFolder}` in the setting; relative paths against the first workspace folder. */
function expand(p: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  let out = p.replace(/^~(?=$|[\\/])/, os.homedir());
  if (folder) {
    out = out.replace(/\$\{workspaceFolder\}/g, folder);
    if (!path.isAbsolute(out)) {
      out = path.join(folder, out);
    }
  }
  return out;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, process.platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A zip does not always keep the executable bit; restore it for the bundled binary. */
function makeExecutable(file: string): void {
  if (process.platform === 'win32' || isExecutable(file)) {
    return;
  }
  try {
    fs.chmodSync(file, 0o755);
  } catch {
    // Read-only extension folder: resolveServer falls back to PATH.
  }
}

function findOnPath(exe: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir) {
      const candidate = path.join(dir, exe);
      if (isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}
