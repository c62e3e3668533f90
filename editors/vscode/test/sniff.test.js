// Which texts the extension takes for a disclosure (src/sniff.ts), on the seeds and on the
// cases in test/sniff/. Run: node --test test/*.test.js (after `npm ci`); scripts/vscode-e2e.sh
// runs it.
'use strict';

const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { test } = require('node:test');
const { execFileSync } = require('child_process');

const here = __dirname;
const root = path.join(here, '..');
const bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'budgetlint-sniff-')), 'sniff.js');
execFileSync(path.join(root, 'node_modules', '.bin', 'esbuild'),
  [path.join(root, 'src', 'sniff.ts'), '--format=cjs', `--outfile=${bundle}`, '--log-level=warning']);
const { looksLikeDisclosure } = require(bundle);

const seeds = path.join(root, '..', '..', 'tests', 'fixtures', 'seeds');
const cases = path.join(here, 'sniff');

test('every seed disclosure is taken for one', () => {
  const files = fs.readdirSync(seeds).filter((f) => /^\d{3}_.*\.txt$/.test(f));
  assert.ok(files.length >= 5, `seeds in ${seeds}`);
  for (const f of files) {
    assert.ok(looksLikeDisclosure(fs.readFileSync(path.join(seeds, f), 'utf8')), f);
  }
});

test('the cases: a title in Markdown markup is one; notes, mentions and a tool’s title are not', () => {
  const files = fs.readdirSync(cases).filter((f) => /\.(txt|md)$/.test(f) && f !== 'README.md');
  assert.ok(files.length >= 4);
  for (const f of files) {
    const expected = f.startsWith('markdown-title');
    assert.strictEqual(looksLikeDisclosure(fs.readFileSync(path.join(cases, f), 'utf8')), expected, f);
  }
});

test('the repository’s own Markdown is not a disclosure', () => {
  for (const f of ['README.md', 'docs/ARCHITECTURE.md', 'docs/LSP.md', 'docs/OUTPUT.md']) {
    const file = path.join(root, '..', '..', f);
    assert.strictEqual(looksLikeDisclosure(fs.readFileSync(file, 'utf8')), false, f);
  }
});

test('empty, huge and binary-looking input is answered quickly', () => {
  assert.strictEqual(looksLikeDisclosure(''), false);
  const started = Date.now();
  assert.strictEqual(looksLikeDisclosure('预算'.repeat(5_000_000)), false);
  assert.strictEqual(looksLikeDisclosure('\u0000\uFFFD'.repeat(1_000_000)), false);
  assert.ok(Date.now() - started < 2000);
});
