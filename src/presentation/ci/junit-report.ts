// `--ci-format junit`: one <testsuite> (inside the usual <testsuites> root, which GitLab, Jenkins and
// the GitHub test-report actions all read) with one <testcase> per rule: a failed rule is a <failure>,
// a disabled one <skipped>. The analysis numbers ride along as <properties>; the inefficient files as
// <system-out>, so the CI's test view explains a failure without opening the job log.
import type { RuleResult } from '../../core/ci/evaluate.js';
import { honestWastedRatio } from '../../core/ci/rules.js';
import { ruleValueText } from './display.js';
import { absolutePath } from '../image-path.js';
import { escapeName } from '../escape-name.js';
import { formatBytes } from '../format-bytes.js';
import type { CiReportInput } from './report-input.js';
import { ruleFindingLines } from './findings-lines.js';

/** Markup escaped; the text must already be printable (see `xml`). */
function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** XML-safe text: unprintable characters escaped first (most are not even legal XML), then markup. */
const xml = (text: string): string => escapeMarkup(escapeName(text));

function detail(r: RuleResult): string {
  const threshold = r.threshold === undefined ? 'disabled' : ruleValueText(r.kind, r.threshold);
  return `measured ${ruleValueText(r.kind, r.actual)}; threshold ${threshold} (configured '${r.configured}' from ${r.origin})`;
}

function testcase(r: RuleResult, found: readonly string[] = []): string {
  const open = `    <testcase name="${xml(r.id)}" classname="layerscope.ci" time="0"`;
  // Lines are escaped one by one so that the newlines between them stay newlines. The findings come
  // printable already (findings-lines.ts): markup only, or every backslash of their escapes would double.
  const body = [xml(detail(r)), ...found.map(escapeMarkup)].join('\n');
  if (r.status === 'fail') {
    return `${open}>\n      <failure message="${xml(r.message)}" type="${xml(r.id)}">${body}</failure>\n    </testcase>`;
  }
  if (r.status === 'skip') return `${open}>\n      <skipped message="${xml(r.message)}"/>\n    </testcase>`;
  return `${open}>\n      <system-out>${body}</system-out>\n    </testcase>`;
}

export function renderCiJunit(input: CiReportInput): string {
  const { image, analysis, result } = input;
  const { tally } = result;
  const found = ruleFindingLines(image, result.findings);
  const counts = `tests="${tally.total}" failures="${tally.failed}" errors="0" skipped="${tally.skipped}" time="0"`;
  const properties: Array<[string, string | number]> = [
    ['image', image.name],
    ['layers', image.layers.length],
    ['efficiency', analysis.dive.efficiency],
    ['wastedBytes', analysis.dive.wastedBytes],
    ['userWastedPercent', analysis.dive.userWastedPercent],
    ['honestWastedBytes', analysis.waste.totalBytes],
    ['honestWastedPercent', honestWastedRatio(analysis)],
    ['sizeBytes', analysis.dive.sizeBytes],
  ];
  const files = analysis.dive.inefficientFiles
    .map((f) => `${f.count}  ${formatBytes(f.sizeBytes)}  ${escapeName(absolutePath(f.path))}`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="layerscope" ${counts}>`,
    `  <testsuite name="${xml(`layerscope CI: ${image.name}`)}" ${counts}>`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${name}" value="${xml(String(value))}"/>`),
    '    </properties>',
    ...result.results.map((r) => testcase(r, found[r.id])),
    `    <system-out>${escapeMarkup(files ? `Inefficient files (count, wasted space, path):\n${files}` : 'Inefficient files: none')}</system-out>`,
    ...(image.warnings.length > 0
      ? [`    <system-err>${escapeMarkup(image.warnings.map((w) => `warning: ${escapeName(w)}`).join('\n'))}</system-err>`]
      : []),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
