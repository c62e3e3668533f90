// Whether a text looks like a budget or final-accounts disclosure (部门预算/决算公开说明), so that
// the extension checks it on opening without a rules.toml, and leaves alone the .txt and .md
// files of other projects (their READMEs, notes, logs), even under another tool's rules.toml.
//
// A disclosure opens with its title: within its first few non-blank lines, a short line that
// names a 预算 or 决算 (`魏县社保中心2021年部门预算信息公开情况说明`, `## 2021 年度部门决算`,
// `上海市普陀区2026年区级单位预算`), and its opening pages carry the words of the template (目录,
// 说明, 概况, 职责, 收支, 财政拨款 …). A sentence that merely mentions 部门预算 is not a title (a
// title has no ，。；), nor is a line with a Latin word (`budgetlint —— 部门预算检查工具`): a
// disclosure's title is Chinese.

/** How many non-blank lines from the top may hold the title (unit name, year, title, date). */
const TITLE_LINES = 8;
/** A title line is short: longer lines are prose. */
const TITLE_MAX_CHARS = 60;
/** How much of the start is searched for the template's words (callers need pass no more). */
export const HEAD_CHARS = 6000;

const TITLE_WORD = /预算|决算/;
const TEMPLATE_WORDS = /目\s*录|说明|概况|职责|收支|财政拨款|公开|机构设置/;
const CJK = /[\u4e00-\u9fff]/g;
const LATIN_WORD = /[A-Za-z]{3,}/;
const SENTENCE = /[，。；,;]/;

/** Markup that may wrap a title: Markdown heading marks and emphasis, HTML tags, spaces. */
function bare(line: string): string {
  return line
    .replace(/<[^>]{0,40}>/g, '')
    .replace(/^\s*#{1,6}\s*/, '')
    .replace(/[*_`]/g, '')
    .trim();
}

export function looksLikeDisclosure(text: string): boolean {
  const head = text.slice(0, HEAD_CHARS);
  if (!TEMPLATE_WORDS.test(head)) {
    return false;
  }
  let seen = 0;
  for (const raw of head.split(/\r\n|\r|\n|\f/)) {
    const line = bare(raw);
    if (!line) {
      continue;
    }
    if (++seen > TITLE_LINES) {
      break;
    }
    const cjk = line.match(CJK)?.length ?? 0;
    if (TITLE_WORD.test(line) && line.length <= TITLE_MAX_CHARS && cjk >= 4 && !LATIN_WORD.test(line) && !SENTENCE.test(line)) {
      return true;
    }
  }
  return false;
}
