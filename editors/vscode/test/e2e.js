// Drives code-server (a real VS Code in the browser) with headless Chromium and checks what a
// person drafting a report sees. Started by scripts/vscode-e2e.sh, which installs everything and
// serves the workspace; this file only talks to the browser.
//
// Environment: E2E_URL (code-server), E2E_WORKSPACE (folder with rules.toml and the seeds),
// E2E_ARTIFACTS (screenshots), E2E_PROFILE_DIR (Chromium profile), NODE_PATH (playwright-core).
'use strict';

const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const URL_BASE = process.env.E2E_URL;
const WS = process.env.E2E_WORKSPACE;
const ARTIFACTS = process.env.E2E_ARTIFACTS;
const SEED_001 = '001_c5c4ecd7bc6cfe7d.txt';
const SEED_002 = '002_05b117f19e5843c3.txt';
/** A text in the workspace (under its rules.toml) that is not a disclosure. */
const NOTES = 'notes.txt';
/** A spreadsheet (seed 004 as XLSX); E2E_XLSX_CHANGED is what replaces it on disk. */
const XLSX = 'tables.xlsx';
const STEP_TIMEOUT = 60_000;

const started = Date.now();
const stamp = () => `${((Date.now() - started) / 1000).toFixed(2)}s`;
const log = (msg) => console.log(`[e2e ${stamp()}] ${msg}`);
const failures = [];
function check(ok, what) {
  log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

function lines(file) {
  return fs.readFileSync(path.join(WS, file), 'utf8').split(/\r?\n/);
}

/** The 1-based line and UTF-16 column (what Monaco counts) of `needle` in a file. */
function locate(file, needle, fromLine = 1) {
  const all = lines(file);
  for (let i = fromLine - 1; i < all.length; i++) {
    const col = all[i].indexOf(needle);
    if (col >= 0) return { line: i + 1, column: col + 1 };
  }
  throw new Error(`“${needle}” is not in ${file}`);
}

async function main() {
  const context = await chromium.launchPersistentContext(process.env.E2E_PROFILE_DIR, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1600, height: 1000 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(STEP_TIMEOUT);
  const shot = async (name) => {
    const file = path.join(ARTIFACTS, `${name}.png`);
    await page.screenshot({ path: file });
    log(`screenshot ${file}`);
  };

  try {
    await run(page, shot);
  } catch (e) {
    failures.push(`exception: ${e && e.stack ? e.stack : e}`);
    log(`FAIL exception: ${e && e.stack ? e.stack : e}`);
    await shot('vscode-e2e-failure').catch(() => {});
  } finally {
    await context.close().catch(() => {});
  }
  if (failures.length) {
    console.log(`${failures.length} check(s) failed:\n- ${failures.join('\n- ')}`);
    process.exit(1);
  }
  log('all checks passed');
}

async function run(page, shot) {
  await page.goto(`${URL_BASE}/?folder=${encodeURIComponent(WS)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench');
  log('workbench shown');

  // ---- open seed 001 and wait for the first squiggle
  const row001 = `.explorer-folders-view .monaco-list-row[aria-label*="${SEED_001}"]`;
  await page.waitForSelector(row001);
  const opening = Date.now();
  await page.click(row001);
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines');
  const editorShown = Date.now();
  await page.waitForSelector('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info');
  const firstDiagnostics = Date.now();
  // Clicked as soon as the file shows: VS Code may still be starting its extension host, which
  // activates the extension and starts the server; that is part of what a user waits for.
  log(`TIMING open ${SEED_001} (cold window) → editor shown ${((editorShown - opening) / 1000).toFixed(2)} s, → first diagnostics (squiggle) ${((firstDiagnostics - opening) / 1000).toFixed(2)} s`);

  // ---- the Problems panel lists the expected findings of seed 001
  await focusEditor(page);
  await page.keyboard.press('Control+Shift+M');
  await page.waitForSelector('.markers-panel .monaco-list-row');
  await waitForRows(page, (rows) => rows.some((r) => /percent-mismatch/.test(r)));
  const allRows = await problemRows(page);
  log(`problems panel: ${allRows.length} rows visible`);
  // The main screenshot: the error and warning squiggles of lines 132–148 above the panel.
  const pctLine = locate(SEED_001, '99.68%');
  await goTo(page, pctLine.line, pctLine.column + 1);
  await page.waitForSelector('.monaco-editor .squiggly-error');
  await shot('vscode-e2e');
  await filterProblems(page, 'arithmetic/');
  const rows = await waitForRows(page, (rs) => rs.some((r) => /zero-denominator/.test(r)));
  for (const r of rows) log(`  problem: ${r}`);
  check(rows.some((r) => /percent-mismatch/.test(r) && /line 140\b|Ln 140\b/.test(r) && /99\.68%/.test(r)),
    'Problems: arithmetic/percent-mismatch at line 140 (99.68% should be 99.25%)');
  check(rows.some((r) => /zero-denominator/.test(r) && /line 148\b|Ln 148\b/.test(r)),
    'Problems: arithmetic/zero-denominator at line 148');
  check(rows.some((r) => /^Error:/.test(r) && /percent-mismatch/.test(r)), 'the percent mismatch is an error');
  await shot('vscode-e2e-problems-filtered');
  await filterProblems(page, '');

  // ---- the status bar: counts and the province profile
  const status = await waitForText(page, STATUS_ITEM, (t) => /budgetlint/.test(t) && /山西/.test(t));
  log(`status bar: ${status}`);
  check(/budgetlint\s+\S*\s*\d+\s+\S*\s*\d+/.test(status.replace(/\n/g, ' ')), 'status bar shows the error and warning counts');
  check(/山西（市级）/.test(status), 'status bar shows the detected province profile (山西（市级）)');

  // ---- hover a total: 财政拨款基本支出 21602.22 = 人员经费 + 公用经费
  const total = locate(SEED_001, '财政拨款基本支出 21602.22');
  total.column += '财政拨款基本支出 '.length;
  await goTo(page, total.line, total.column + 2);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = await waitForText(page, '.monaco-hover:not(.hidden) .monaco-hover-content', (t) => /21602\.22/.test(t));
  log(`hover on line ${total.line}: ${hover.replace(/\s+/g, ' ').slice(0, 300)}`);
  check(/21602\.22[^=]*=\s*人员经费\s*21531\.16\s*\+\s*公用经费\s*71\.06\s*✓/.test(hover),
    'hover on the total 21602.22 shows its sum: = 人员经费 21531.16 + 公用经费 71.06 ✓');
  await shot('vscode-e2e-hover');
  await page.keyboard.press('Escape');

  // ---- hover the finding on line 140: its message, then the rule's Chinese documentation page
  await goTo(page, pctLine.line, pctLine.column + 1);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const findingHover = await waitForText(page, '.monaco-hover:not(.hidden) .monaco-hover-content', (t) => /percent-mismatch/.test(t) && /检查内容/.test(t)).catch(() => '');
  log(`hover on the finding, line ${pctLine.line}: ${findingHover.replace(/\s+/g, ' ').slice(0, 300)}`);
  check(/检查内容/.test(findingHover) && /依据/.test(findingHover) && /修改方法/.test(findingHover) && !/What it checks/.test(findingHover),
    'hover on the percent mismatch shows the rule\'s Chinese documentation (检查内容 / 依据 / 修改方法, no English page)');
  await shot('vscode-e2e-hover-docs-zh');
  await page.keyboard.press('Escape');

  // ---- the rule documentation of the finding under the cursor (line 140)
  await goTo(page, pctLine.line, pctLine.column + 1);
  await command(page, 'budgetlint: Show Rule Documentation');
  const tab = await page.waitForSelector('.tabs-container .tab[aria-label*="percent-mismatch"]').catch(() => null);
  check(!!tab, 'Show Rule Documentation opens arithmetic/percent-mismatch');
  // The Markdown preview renders in a webview (nested frames): wait for the page's text.
  const previewText = await poll(async () => {
    for (const frame of page.frames()) {
      const text = await frame.evaluate(() => (document.body ? document.body.innerText : '')).catch(() => '');
      if (/percent-mismatch/.test(text) && /检查内容/.test(text)) return text;
    }
    return '';
  }, (t) => !!t, 20_000).catch(() => '');
  check(/检查内容/.test(previewText) && /修改方法/.test(previewText) && !/What it checks/.test(previewText),
    'the rule documentation page is the Chinese one (检查内容 … 修改方法)');
  await page.waitForTimeout(500);
  await shot('vscode-e2e-rule-docs');

  // ---- … and, away from any finding, a pick of every loaded rule
  await page.click(`.tabs-container .tab[aria-label*="${SEED_001}"]`);
  await goTo(page, 1, 1);
  await command(page, 'budgetlint: Show Rule Documentation');
  const picks = await poll(() => page.$$eval('.quick-input-list .monaco-list-row', (els) => els.length), (n) => n >= 5, 20_000).catch(() => 0);
  await page.keyboard.type('zero-denominator');
  await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="arithmetic/zero-denominator"]');
  await page.keyboard.press('Enter');
  const picked = await page.waitForSelector('.tabs-container .tab[aria-label*="zero-denominator"]').catch(() => null);
  check(picks >= 5 && !!picked, `Show Rule Documentation offers the loaded rules (${picks} rows shown) and opens the one picked`);

  // ---- a quick fix on seed 002: 冀财社【2020】185号 → 冀财社〔2020〕185号
  // Opened while the server runs (seed 001 was the cold start): time to its first findings in
  // the Problems panel, which lists a file only once its diagnostics arrived.
  const opening002 = Date.now();
  await openFromExplorer(page, SEED_002);
  await page.waitForSelector(`.markers-panel .monaco-list-row[aria-label*="${SEED_002}"]`);
  log(`TIMING open ${SEED_002} (61 KB, server running) → first diagnostics in the Problems panel ${((Date.now() - opening002) / 1000).toFixed(2)} s`);
  const bracket = locate(SEED_002, '冀财社【2020】185号');
  const before = lines(SEED_002)[bracket.line - 1];
  await page.waitForSelector('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info');
  await goTo(page, bracket.line, bracket.column + 4);
  await page.keyboard.press('Control+.');
  await page.waitForSelector('.action-widget .monaco-list-row');
  const actions = await page.$$eval('.action-widget .monaco-list-row', (els) => els.map((e) => e.innerText.trim()));
  log(`code actions on line ${bracket.line}: ${JSON.stringify(actions)}`);
  await shot('vscode-e2e-quickfix');
  const fixIndex = actions.findIndex((a) => a.includes('〔'));
  check(fixIndex >= 0, 'a quick fix offers 〔〕 for 【2020】');
  if (fixIndex >= 0) {
    // The menu has keyboard focus (a click would hit the widget's pointer guard first).
    const focused = await page.$$eval('.action-widget .monaco-list-row', (els) => els.findIndex((e) => e.classList.contains('focused')));
    for (let i = Math.max(focused, 0); i < fixIndex; i++) await page.keyboard.press('ArrowDown');
    for (let i = focused; i > fixIndex; i--) await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');
  } else {
    await page.keyboard.press('Escape');
  }
  await save(page);
  const after = await poll(() => lines(SEED_002)[bracket.line - 1], (l) => l !== before, 10_000);
  log(`line ${bracket.line} after the quick fix: ${after}`);
  check(after.includes('冀财社〔2020〕185号') && !after.includes('冀财社【2020】185号'), 'the quick fix changed the document (〔2020〕 on disk after saving)');

  // ---- fix all safe problems
  const beforeAll = lines(SEED_002).join('\n');
  const count = (text, s) => text.split(s).length - 1;
  await focusEditor(page);
  await command(page, 'budgetlint: Fix All Safe Problems');
  await page.waitForTimeout(500);
  await save(page);
  const afterAll = await poll(() => lines(SEED_002).join('\n'), (t) => t !== beforeAll, 15_000);
  const changed = afterAll.split('\n').filter((l, i) => l !== beforeAll.split('\n')[i]).length;
  log(`fix all: ${changed} lines changed; 【2020】 ${count(beforeAll, '【2020】')} → ${count(afterAll, '【2020】')}; “主要用于主要用于” ${count(beforeAll, '主要用于主要用于')} → ${count(afterAll, '主要用于主要用于')}`);
  check(changed > 10 && count(afterAll, '【2020】') === 0 && count(afterAll, '主要用于主要用于') === 0,
    'Fix All Safe Problems applied the safe fixes (no 【2020】 and no doubled 主要用于 left)');
  await page.waitForTimeout(1500);
  await shot('vscode-e2e-fixall');

  // ---- the severity filter: errors only
  const counts = async () => statusCounts(await waitForText(page, STATUS_ITEM, (t) => /budgetlint/.test(t)));
  const unfiltered = await counts();
  writeWorkspaceSetting('budgetlint.severityFilter', 'error');
  const filtered = await poll(counts, (c) => c && c.warnings === 0, 20_000).catch(() => null);
  log(`severity filter “error”: status bar ${JSON.stringify(unfiltered)} → ${JSON.stringify(filtered)}`);
  check(!!filtered && unfiltered.warnings > 0 && filtered.errors === unfiltered.errors, 'budgetlint.severityFilter = error hides the warnings and keeps the errors');
  writeWorkspaceSetting('budgetlint.severityFilter', 'info');

  await languageSetting(page, shot);
  await notADisclosure(page, shot);
  await binaryView(page, shot);
  // ---- a folder without rules.toml: a disclosure is checked on opening, other texts are not
  await onDemand(page, shot);
}

/**
 * A spreadsheet: VS Code shows it as binary; the command opens the read-only view of its text
 * with its findings (the server reads the file itself, budgetlint/openBinary), and when the
 * file is replaced on disk the view and the findings follow.
 */
async function binaryView(page, shot) {
  await openFromExplorer(page, XLSX);
  const asked = Date.now();
  await command(page, 'budgetlint: Show Findings of This PDF, Word or Excel File');
  const shown = await page.waitForSelector(SQUIGGLES).catch(() => null);
  log(`TIMING the view of ${XLSX} → first diagnostics ${((Date.now() - asked) / 1000).toFixed(2)} s`);
  check(!!shown, `the view of ${XLSX} shows squiggles`);
  await focusEditor(page);
  await page.keyboard.press('Control+Shift+M');
  await filterProblems(page, 'table-sum');
  const sums = await waitForRows(page, (rs) => rs.some((r) => /table-sum/.test(r))).catch(() => null);
  check(!!sums, `the Problems panel lists the table-sum finding of ${XLSX}`);
  await shot('vscode-e2e-xlsx');

  // ---- hover the finding on the view (opened from the Problems panel, the cursor on it): the
  // server answers from the view's last check, with the rule's page as on a text
  await page.locator('.markers-panel .monaco-list-row', { hasText: 'table-sum' }).first().click();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const viewHover = await waitForText(page, '.monaco-hover:not(.hidden) .monaco-hover-content', (t) => /table-sum/.test(t) && /检查内容/.test(t)).catch(() => '');
  log(`hover on the view's finding: ${viewHover.replace(/\s+/g, ' ').slice(0, 300)}`);
  check(/table-sum/.test(viewHover) && /检查内容/.test(viewHover), `hover on a finding of the view of ${XLSX} shows the rule's page`);
  await shot('vscode-e2e-xlsx-hover');
  await page.keyboard.press('Escape');

  fs.copyFileSync(process.env.E2E_XLSX_CHANGED, path.join(WS, XLSX));
  await filterProblems(page, 'abolished-tax-office');
  const after = await waitForRows(page, (rs) => rs.some((r) => /abolished-tax-office/.test(r))).catch(() => null);
  check(!!after, `the view follows ${XLSX} when it changes on disk (the new file's finding is listed)`);
  await shot('vscode-e2e-xlsx-changed');
  await filterProblems(page, '');
}

/** `budgetlint.language`: English messages where the rules have them, then Chinese again. */
async function languageSetting(page, shot) {
  await openFromExplorer(page, SEED_001);
  await filterProblems(page, 'percent-mismatch');
  const english = /which rounds to/;
  writeWorkspaceSetting('budgetlint.language', 'en');
  const en = await waitForRows(page, (rs) => rs.some((r) => /percent-mismatch/.test(r) && english.test(r))).catch(() => null);
  check(!!en, 'budgetlint.language = en: the percent mismatch reads “… which rounds to …; the text states …”');
  await shot('vscode-e2e-language-en');
  writeWorkspaceSetting('budgetlint.language', 'zh');
  const zh = await waitForRows(page, (rs) => rs.some((r) => /percent-mismatch/.test(r)) && !rs.some((r) => english.test(r))).catch(() => null);
  check(!!zh, 'budgetlint.language = zh: the message is Chinese again');
  await filterProblems(page, '');
}

/** A .txt under the workspace's rules.toml that is not a disclosure: checked only on request. */
async function notADisclosure(page, shot) {
  await openFromExplorer(page, NOTES);
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines');
  await page.waitForTimeout(3000);
  const before = await page.$$(SQUIGGLES);
  const rows = await problemRows(page);
  check(before.length === 0 && !rows.some((r) => r.includes(NOTES)),
    `${NOTES} (not a disclosure, under rules.toml) gets no findings on opening`);
  const unchecked = await waitForText(page, STATUS_ITEM, (t) => /not checked|未检查/.test(t)).catch(() => '');
  check(!!unchecked, `the status bar says ${NOTES} is not checked (“${unchecked.replace(/\s+/g, ' ')}”)`);
  await shot('vscode-e2e-notes-unchecked');
  await focusEditor(page);
  await command(page, 'budgetlint: Check This File');
  const after = await page.waitForSelector(SQUIGGLES).catch(() => null);
  check(!!after, `budgetlint: Check This File checks ${NOTES} on request`);
  await page.waitForTimeout(500);
  await shot('vscode-e2e-notes-on-request');
}

const STATUS_ITEM = '.statusbar-item[id*="budgetlint.status"]';

/** The numbers in “budgetlint ⊗ 8 ⚠ 72 · 河北（县级）”. */
function statusCounts(text) {
  const m = /budgetlint\s+(\d+)\s+(\d+)/.exec(text.replace(/\s+/g, ' '));
  return m ? { errors: Number(m[1]), warnings: Number(m[2]) } : null;
}

/** A workspace setting, written to .vscode/settings.json as the Settings editor would. */
function writeWorkspaceSetting(key, value) {
  const file = path.join(WS, '.vscode', 'settings.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const settings = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
  settings[key] = value;
  fs.writeFileSync(file, JSON.stringify(settings, null, 2));
}

const SQUIGGLES = '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info';

/**
 * A new window on a folder without rules.toml (E2E_OUTSIDE): its disclosure is checked as soon
 * as it is opened (the extension activates on it), while the README.txt of another project in
 * it, under that project's own rules.toml, gets nothing.
 */
async function onDemand(page, shot) {
  const outside = process.env.E2E_OUTSIDE;
  const seed = fs.readdirSync(outside).find((f) => f.endsWith('.txt'));
  await page.goto(`${URL_BASE}/?folder=${encodeURIComponent(outside)}`, { waitUntil: 'domcontentloaded' });
  await page.waitForSelector('.monaco-workbench');
  const asked = Date.now();
  await openFromExplorer(page, seed);
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines');
  const found = await page.waitForSelector(SQUIGGLES).catch(() => null);
  log(`TIMING open ${seed} in a new window without rules.toml (activates the extension, starts the server) → first diagnostics ${((Date.now() - asked) / 1000).toFixed(2)} s`);
  check(!!found, `${seed} (a disclosure, no rules.toml) is checked on opening, without a command`);
  await page.waitForTimeout(500);
  await shot('vscode-e2e-no-config');

  await quickOpen(page, 'README.txt');
  await page.waitForSelector('.editor-instance .monaco-editor .view-lines');
  await page.waitForTimeout(3000);
  const other = await page.$$(SQUIGGLES);
  await focusEditor(page);
  await page.keyboard.press('Control+Shift+M');
  await page.waitForTimeout(500);
  const rows = await problemRows(page);
  check(other.length === 0 && !rows.some((r) => /README\.txt|rules\.toml/.test(r)),
    'another project’s README.txt under its own rules.toml gets no findings (and its rules.toml none either)');
  await shot('vscode-e2e-other-project');
}

async function quickOpen(page, file) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(file);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${file}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tabs-container .tab.active[aria-label*="${file}"]`);
}

async function focusEditor(page) {
  await page.click('.editor-instance .monaco-editor .view-lines');
}

async function goTo(page, line, column) {
  await focusEditor(page);
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

async function command(page, title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(title);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title.split(': ')[1]}"]`);
  await page.keyboard.press('Enter');
}

async function openFromExplorer(page, file) {
  const row = `.explorer-folders-view .monaco-list-row[aria-label*="${file}"]`;
  await page.click(row);
  await page.waitForSelector(`.tabs-container .tab.active[aria-label*="${file}"]`);
}

async function save(page) {
  await focusEditor(page);
  await page.keyboard.press('Control+S');
  await page.waitForTimeout(700);
}

async function problemRows(page) {
  return page.$$eval('.markers-panel .monaco-list-row', (els) =>
    els.map((e) => `${e.getAttribute('aria-label') || ''} || ${e.innerText.replace(/\s+/g, ' ')}`));
}

async function waitForRows(page, predicate) {
  return poll(() => problemRows(page), predicate, STEP_TIMEOUT);
}

async function filterProblems(page, text) {
  const input = await page.waitForSelector('.markers-panel-container .viewpane-filter input, .panel .viewpane-filter input, .markers-panel-action-filter input');
  await input.fill(text);
  await page.waitForTimeout(500);
}

async function waitForText(page, selector, predicate) {
  return poll(async () => {
    const el = await page.$(selector);
    return el ? (await el.innerText()) || (await el.getAttribute('aria-label')) || '' : '';
  }, predicate, STEP_TIMEOUT);
}

async function poll(get, predicate, timeout) {
  const until = Date.now() + timeout;
  let value = await get();
  while (!(await predicate(value))) {
    if (Date.now() > until) {
      throw new Error(`timed out waiting; last value: ${JSON.stringify(value).slice(0, 500)}`);
    }
    await new Promise((r) => setTimeout(r, 150));
    value = await get();
  }
  return value;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
