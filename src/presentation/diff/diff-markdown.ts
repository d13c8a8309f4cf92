// `layerscope diff --format markdown` and the $GITHUB_STEP_SUMMARY section: a summary table, shared
// layers, the largest changes in a table (names escaped so they cannot break out of a cell).
import type { DiffGateResult, ImageDiff } from '../../core/image-diff/index.js';
import { markdownCell, markdownCode } from '../ci/markdown-report.js';
import { absolutePath } from '../image-path.js';
import { aspectText, CHANGE_MARK, changeCounts, DEFAULT_FILE_ROWS, partingText, signedBytes, summaryRows } from './diff-format.js';
import { gateValue } from './diff-gate-text.js';
import { newSecretMarkdown } from './diff-secrets.js';

export function renderDiffMarkdown(diff: ImageDiff, opts: { all: boolean; gate?: readonly DiffGateResult[] }): string {
  const title = `### layerscope diff: ${markdownCode(diff.a.name)} → ${markdownCode(diff.b.name)}`;
  if (diff.identical) return `${title}\n\nThe same image: nothing differs.\n`;
  const out = [title, ''];
  if (opts.gate && opts.gate.length > 0) {
    const failed = opts.gate.filter((g) => g.failed).length;
    out.push(failed > 0 ? `❌ ${failed} threshold(s) crossed` : '✅ within every threshold', '');
    out.push('| rule | change | limit | result |', '| --- | ---: | ---: | --- |');
    for (const g of opts.gate)
      out.push(
        `| ${g.threshold.rule} | ${gateValue(g, g.actual)} | ${markdownCell(g.threshold.text.split('=')[1] ?? '')} | ${g.failed ? 'FAIL' : 'PASS'} |`,
      );
    out.push('');
  }
  if (diff.newSecrets) out.push(...newSecretMarkdown(diff.newSecrets, diff.newConfigSecrets));
  out.push('| | A | B | change |', '| --- | ---: | ---: | ---: |');
  for (const r of summaryRows(diff.a, diff.b)) out.push(`| ${r.label} | ${r.a} | ${r.b} | ${r.delta} |`);
  const { layers } = diff;
  out.push('', `Layers: ${layers.shared} shared (same diff id). ${partingText(diff)}`, '');
  const counts = changeCounts(diff);
  out.push(`**Files:** ${counts.added} added, ${counts.removed} removed, ${counts.modified} modified (${signedBytes(counts.delta)})`, '');
  const shown = opts.all ? diff.files : diff.files.slice(0, DEFAULT_FILE_ROWS);
  if (shown.length > 0) {
    out.push('| | size | path | what |', '| --- | ---: | --- | --- |');
    for (const f of shown) {
      out.push(
        `| ${CHANGE_MARK[f.change]} | ${signedBytes(f.sizeAfter - f.sizeBefore)} | ${markdownCell(absolutePath(f.path))} | ${f.change}${f.aspects.length ? ` (${aspectText(f.aspects)})` : ''} |`,
      );
    }
    if (shown.length < diff.files.length) out.push('', `… and ${diff.files.length - shown.length} more.`);
  }
  return out.join('\n') + '\n';
}
