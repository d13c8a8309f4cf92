// `layerscope diff` on a terminal or in a log: aligned text. Every name from an image is escaped.
import type { DiffGateResult, FileChange, ImageDiff } from '../../core/image-diff/index.js';
import { escapeName } from '../escape-name.js';
import { absolutePath } from '../image-path.js';
import { aspectText, CHANGE_MARK, changeCounts, DEFAULT_FILE_ROWS, partingText, signedBytes, summaryRows } from './diff-format.js';
import { gateLine } from './diff-gate-text.js';
import { newSecretLines } from './diff-secrets.js';

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - s.length));
const padLeft = (s: string, n: number) => ' '.repeat(Math.max(0, n - s.length)) + s;

function sharingLines(diff: ImageDiff): string[] {
  const { layers, a, b } = diff;
  return [`Layers: ${layers.shared} shared (same diff id); A has ${a.layerCount}, B has ${b.layerCount}.`, `  ${partingText(diff)}`];
}

function fileRows(files: readonly FileChange[]): string[] {
  const width = Math.max(...files.map((f) => signedBytes(f.sizeAfter - f.sizeBefore).length));
  return files.map((f) => {
    const aspects = f.change === 'modified' ? `  (${aspectText(f.aspects)})` : '';
    return `  ${CHANGE_MARK[f.change]} ${padLeft(signedBytes(f.sizeAfter - f.sizeBefore), width)}  ${escapeName(absolutePath(f.path))}${aspects}`;
  });
}

export interface DiffTextOptions {
  readonly all: boolean;
  readonly gate?: readonly DiffGateResult[];
}

export function renderDiffText(diff: ImageDiff, opts: DiffTextOptions): string {
  const names = `A: ${escapeName(diff.a.name)}${diff.a.id ? ` (${diff.a.id.slice(0, 19)})` : ''}\nB: ${escapeName(diff.b.name)}${diff.b.id ? ` (${diff.b.id.slice(0, 19)})` : ''}`;
  if (diff.identical) return `A and B are the same image (${escapeName(diff.a.id ?? '')}): nothing differs.\n`;
  const rows = summaryRows(diff.a, diff.b);
  const wa = Math.max(1, ...rows.map((r) => r.a.length));
  const wb = Math.max(1, ...rows.map((r) => r.b.length));
  const table = [
    `${pad('', 13)}  ${padLeft('A', wa)}  ${padLeft('B', wb)}  change`,
    ...rows.map((r) => `${pad(r.label, 13)}  ${padLeft(r.a, wa)}  ${padLeft(r.b, wb)}  ${r.delta}`),
  ];
  const counts = changeCounts(diff);
  const shown = opts.all ? diff.files : diff.files.slice(0, DEFAULT_FILE_ROWS);
  const out = [names, '', ...table, '', ...sharingLines(diff), ''];
  out.push(`Files: ${counts.added} added, ${counts.removed} removed, ${counts.modified} modified (${signedBytes(counts.delta)})`);
  if (diff.directories.length > 0) {
    out.push('By directory:');
    const dirs = opts.all ? diff.directories : diff.directories.slice(0, 10);
    for (const d of dirs)
      out.push(`  ${padLeft(signedBytes(d.delta), 10)}  ${escapeName(absolutePath(d.path))}  (+${d.added} -${d.removed} ~${d.modified})`);
  }
  if (shown.length > 0) out.push('Largest changes:', ...fileRows(shown));
  if (shown.length < diff.files.length) out.push(`  … ${diff.files.length - shown.length} more (--all lists every change)`);
  if (diff.newSecrets) out.push('', ...newSecretLines(diff.newSecrets, diff.newConfigSecrets));
  if (opts.gate && opts.gate.length > 0) out.push('', ...opts.gate.map(gateLine));
  return out.join('\n') + '\n';
}
