// The extension's translations are complete: every %key% of package.json has an English and a
// Chinese text (package.nls.json, package.nls.zh-cn.json), and every vscode.l10n.t('…') string
// of src/ has a Chinese one (l10n/bundle.l10n.zh-cn.json). VS Code shows the Chinese texts when
// its display language is Chinese; that needs a language pack, which code-server here cannot get
// (the extension gallery is not reachable), so this is checked statically.
'use strict';

const assert = require('node:assert');
const fs = require('fs');
const path = require('path');
const { test } = require('node:test');

const root = path.join(__dirname, '..');
const read = (f) => fs.readFileSync(path.join(root, f), 'utf8');
const json = (f) => JSON.parse(read(f));

test('every %key% in package.json has an English and a Chinese text', () => {
  const keys = [...read('package.json').matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(keys.length >= 10, `${keys.length} keys`);
  const en = json('package.nls.json');
  const zh = json('package.nls.zh-cn.json');
  for (const key of keys) {
    assert.ok(en[key], `package.nls.json lacks ${key}`);
    assert.ok(zh[key], `package.nls.zh-cn.json lacks ${key}`);
    assert.match(zh[key], /[\u4e00-\u9fff]/, `the zh-cn text of ${key} is not Chinese`);
  }
  assert.deepStrictEqual(Object.keys(zh).sort(), Object.keys(en).sort(), 'both files have the same keys');
});

test('every vscode.l10n.t string has a Chinese translation', () => {
  const bundle = json('l10n/bundle.l10n.zh-cn.json');
  const used = new Set();
  for (const f of fs.readdirSync(path.join(root, 'src'))) {
    for (const m of read(path.join('src', f)).matchAll(/vscode\.l10n\.t\('((?:[^'\\]|\\.)*)'/g)) {
      used.add(m[1]);
    }
  }
  assert.ok(used.size >= 10, `${used.size} strings`);
  for (const s of used) {
    assert.ok(bundle[s], `l10n/bundle.l10n.zh-cn.json lacks “${s}”`);
    const placeholders = (t) => (t.match(/\{\d+\}/g) ?? []).sort().join();
    assert.strictEqual(placeholders(bundle[s]), placeholders(s), `placeholders of “${s}”`);
  }
});

test('the Chinese command titles are what the README names', () => {
  const zh = json('package.nls.zh-cn.json');
  assert.strictEqual(zh['command.checkFile'], '检查此文件');
  assert.ok(read('README.md').includes(zh['command.checkFile']));
});

test('every command and setting is titled and described through a %key%', () => {
  const pkg = json('package.json');
  const zh = json('package.nls.zh-cn.json');
  const literal = [];
  const needsKey = (where, text) => {
    const key = /^%([^%]+)%$/.exec(text ?? '');
    if (!key) literal.push(`${where}: ${JSON.stringify(text)}`);
    else assert.ok(zh[key[1]], `package.nls.zh-cn.json lacks ${key[1]} (${where})`);
  };
  for (const c of pkg.contributes.commands) needsKey(`command ${c.command}`, c.title);
  const sections = [].concat(pkg.contributes.configuration);
  const settings = sections.flatMap((s) => Object.entries(s.properties));
  assert.ok(settings.length >= 5, `${settings.length} settings`);
  for (const [name, setting] of settings) {
    needsKey(`setting ${name}`, setting.markdownDescription ?? setting.description);
    for (const d of setting.enumDescriptions ?? setting.markdownEnumDescriptions ?? []) {
      needsKey(`setting ${name} value`, d);
    }
    assert.strictEqual(
      (setting.enumDescriptions ?? setting.markdownEnumDescriptions ?? setting.enum ?? []).length,
      (setting.enum ?? []).length,
      `every value of ${name} is described`,
    );
  }
  assert.deepStrictEqual(literal, [], 'titles and descriptions written in package.json itself are not translated');
});
