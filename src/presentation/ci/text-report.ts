// The default CI report, in dive's shape so people (and greps) used to dive read it unchanged:
// the analysis numbers, "Inefficient Files:", one PASS/FAIL/SKIP line per rule, then the
// "Result:PASS [Total:…]" summary. Our honest-waste figures come after dive's three numbers.
import type { RuleResult, RuleStatus } from '../../core/ci/evaluate.js';
import { honestWastedRatio } from '../../core/ci/rules.js';
import { percentText } from './display.js';
import { absolutePath } from '../image-path.js';
import { escapeName } from '../escape-name.js';
import { formatBytes } from '../format-bytes.js';
import { LISTED_FILES, type CiReportInput } from './report-input.js';
import { explainedWasteLines, ruleFindingLines } from './findings-lines.js';

export interface TextReportOptions {
  /** ANSI colour: only when writing to a terminal that wants it. */
  readonly color: boolean;
}

const SGR = { green: '32', red: '31', redInverse: '1;7;31', dim: '2', blue: '34', bold: '1' } as const;
type Style = keyof typeof SGR;

const STATUS_LABEL: Record<RuleStatus, [string, Style]> = {
  pass: ['PASS', 'green'],
  fail: ['FAIL', 'redInverse'],
  warn: ['WARN', 'blue'],
  skip: ['SKIP', 'dim'],
};

const bytesText = (n: number): string => `${n} bytes (${formatBytes(n)})`;

function analysisLines({ image, analysis }: CiReportInput): string[] {
  const { dive, waste } = analysis;
  return [
    `  efficiency: ${percentText(dive.efficiency)}`,
    `  wastedBytes: ${bytesText(dive.wastedBytes)}`,
    `  userWastedPercent: ${percentText(dive.userWastedPercent)}`,
    `  honestWastedBytes: ${bytesText(waste.totalBytes)} [overwritten: ${formatBytes(waste.overwrittenBytes)}, ` +
      `deleted: ${formatBytes(waste.deletedBytes)}, hidden by opaque dirs: ${formatBytes(waste.opaqueHiddenBytes)}]`,
    `  honestWastedPercent: ${percentText(honestWastedRatio(analysis))}`,
    `  imageSize: ${bytesText(dive.sizeBytes)} in ${image.layers.length} layer${image.layers.length === 1 ? '' : 's'}`,
  ];
}

function fileLines({ analysis }: CiReportInput): string[] {
  const files = analysis.dive.inefficientFiles;
  const row = (count: string, size: string, path: string) => `${count.padStart(5)}  ${size.padStart(12)}  ${path}`;
  const lines = [row('Count', 'Wasted Space', 'File Path')];
  if (files.length === 0) return [...lines, 'None'];
  for (const file of files.slice(0, LISTED_FILES)) {
    lines.push(row(String(file.count), formatBytes(file.sizeBytes), escapeName(absolutePath(file.path))));
  }
  if (files.length > LISTED_FILES) {
    lines.push(`… and ${files.length - LISTED_FILES} more (--ci-format json lists them all)`);
  }
  return lines;
}

function ruleLines(result: RuleResult, paint: (text: string, style: Style) => string, found: readonly string[] = []): string[] {
  const [label, style] = STATUS_LABEL[result.status];
  // Messages quote thresholds from config files a pull request may have written: escaped like names.
  const tail = result.message ? `: ${escapeName(result.message)}` : '';
  // Findings under the rule that counted them (a skipped rule counted nothing).
  return [`  ${paint(label, style)}: ${escapeName(result.id)}${tail}`, ...(result.status === 'skip' ? [] : found.map((l) => `      ${l}`))];
}

function whyLines({ image, analysis }: CiReportInput, paint: (text: string, style: Style) => string): string[] {
  const lines = explainedWasteLines(image, analysis);
  return lines.length === 0 ? [] : [paint('Why bytes are wasted:', 'bold'), ...lines.map((l) => `  ${l}`)];
}

export function renderCiText(input: CiReportInput, options: TextReportOptions): string {
  const paint = (text: string, style: Style): string => (options.color ? `\u001b[${SGR[style]}m${text}\u001b[0m` : text);
  const { result } = input;
  const { tally } = result;
  const findings = ruleFindingLines(input.image, result.findings);
  const summary =
    `Result:${result.pass ? 'PASS' : 'FAIL'} [Total:${tally.total}] [Passed:${tally.passed}] ` +
    `[Failed:${tally.failed}] [Warn:${tally.warned}] [Skipped:${tally.skipped}]`;
  const lines = [
    `${paint('Image:', 'bold')} ${escapeName(input.image.name)}`,
    ...analysisLines(input),
    paint('Inefficient Files:', 'bold'),
    ...fileLines(input),
    ...whyLines(input, paint),
    paint('Results:', 'bold'),
    ...result.results.flatMap((r) => ruleLines(r, paint, findings[r.id])),
    paint(summary, result.pass ? 'green' : 'red'),
  ];
  return `${lines.join('\n')}\n`;
}
