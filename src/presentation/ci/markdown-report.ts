// `--ci-format markdown`, and what is appended to $GITHUB_STEP_SUMMARY: a verdict line, one table row
// per rule, then the numbers and the inefficient files folded away in <details>.
import type { RuleResult, RuleStatus } from '../../core/ci/evaluate.js';
import { honestWastedRatio } from '../../core/ci/rules.js';
import { absolutePath } from '../image-path.js';
import { escapeName } from '../escape-name.js';
import { formatBytes, formatPercent } from '../format-bytes.js';
import { LISTED_FILES, type CiReportInput } from './report-input.js';
import { ruleFindingLines } from './findings-lines.js';

const STATUS: Record<RuleStatus, string> = { pass: '✅ PASS', fail: '❌ FAIL', warn: '⚠️ WARN', skip: '⏭️ SKIP' };

/**
 * Text that cannot break out of a table cell or turn into markup (names come from the image). `&` too:
 * an entity such as `&#8238;` would be rendered as the bidi override the escaper removed.
 */
function cell(text: string): string {
  return markdownText(escapeName(text));
}

/**
 * A name as a code span: escaped to printable text, but not markdown-escaped, since a code span shows
 * backslashes as they are; fenced with one backtick more than the longest run inside (CommonMark 6.1).
 */
export function markdownCode(text: string): string {
  const printable = escapeName(text);
  const fence = '`'.repeat(Math.max(0, ...(printable.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  const pad = printable.startsWith('`') || printable.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${printable}${pad}${fence}`;
}

/** Printable text (escaped already) that cannot turn into markup. */
const markdownText = (printable: string): string => printable.replace(/[\\`*_[\]<>|#~&]/g, (c) => `\\${c}`);

const pct = formatPercent;
const bytes = (n: number): string => (n < 1000 ? `${n} B` : `${formatBytes(n)} (${n} B)`);

function value(kind: RuleResult['kind'], n: number): string {
  if (kind === 'ratio') return pct(n);
  if (kind === 'bytes') return bytes(n);
  return String(n);
}

function row(r: RuleResult): string {
  const threshold = r.threshold === undefined ? 'disabled' : `${r.bound === 'min' ? '≥' : '≤'} ${value(r.kind, r.threshold)}`;
  return `| ${r.id} | ${STATUS[r.status]} | ${value(r.kind, r.actual)} | ${threshold} | ${cell(r.origin)} |`;
}

export function renderCiMarkdown({ image, analysis, result }: CiReportInput): string {
  const { dive, waste } = analysis;
  const { tally } = result;
  const files = dive.inefficientFiles;
  const lines = [
    `### layerscope CI: ${result.pass ? '✅ PASS' : '❌ FAIL'} — ${cell(image.name)}`,
    '',
    '| Rule | Result | Measured | Threshold | Set by |',
    '| --- | --- | --- | --- | --- |',
    ...result.results.map(row),
    '',
    `**Result: ${result.pass ? 'PASS' : 'FAIL'}** — ${tally.total} rules: ${tally.passed} passed, ` +
      `${tally.failed} failed, ${tally.warned} warned, ${tally.skipped} skipped`,
    '',
    '<details><summary>Analysis</summary>',
    '',
    '| Measure | Value |',
    '| --- | --- |',
    `| efficiency | ${pct(dive.efficiency)} |`,
    `| wasted bytes (dive) | ${bytes(dive.wastedBytes)} |`,
    `| user wasted percent | ${pct(dive.userWastedPercent)} |`,
    `| honest waste: not in the final image | ${bytes(waste.totalBytes)} (${pct(honestWastedRatio(analysis))}) |`,
    `| … overwritten later | ${bytes(waste.overwrittenBytes)} |`,
    `| … deleted later | ${bytes(waste.deletedBytes)} |`,
    `| … hidden by opaque directories | ${bytes(waste.opaqueHiddenBytes)} |`,
    `| image size | ${bytes(dive.sizeBytes)} in ${image.layers.length} layers |`,
    '',
    '</details>',
    '',
  ];
  if (files.length > 0) {
    lines.push(
      `<details><summary>Inefficient files (${files.length})</summary>`,
      '',
      '| Count | Wasted Space | File Path |',
      '| ---: | ---: | --- |',
    );
    for (const f of files.slice(0, LISTED_FILES)) {
      lines.push(`| ${f.count} | ${formatBytes(f.sizeBytes)} | ${cell(absolutePath(f.path))} |`);
    }
    if (files.length > LISTED_FILES) lines.push('', `… and ${files.length - LISTED_FILES} more (\`--ci-format json\` lists them all)`);
    lines.push('', '</details>', '');
  }
  if (image.warnings.length > 0) lines.push('**Warnings:**', '', ...image.warnings.map((w) => `- ${cell(w)}`), '');
  const found = ruleFindingLines(image, result.findings);
  for (const r of result.results) {
    const list = found[r.id];
    if (!list || list.length === 0 || r.status === 'skip') continue;
    lines.push(
      `<details${r.status === 'fail' ? ' open' : ''}><summary>${r.id}</summary>`,
      '',
      // Printable already (findings-lines.ts): escaping them again would double every backslash.
      ...list.map((l) => `- ${markdownText(l)}`),
      '',
      '</details>',
      '',
    );
  }
  return lines.join('\n');
}
export { cell as markdownCell };
