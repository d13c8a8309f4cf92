// Text of the two details panes as label/value lines; the UI decides layout and colour.
import type { ImageAnalysis, ImageModel, PathId } from '../core/index.js';
import { splitBar, SPLIT_GLYPHS } from './bars.js';
import { escapeName } from './escape-name.js';
import { absolutePath } from './image-path.js';
import { formatBytes, formatPercent } from './format-bytes.js';
import { displayCommand } from './layer-rows.js';
import { locateSecrets } from '../core/secrets/image-secrets.js';
import { wasteReasons, type WasteReason } from '../core/waste-reasons.js';
import { secretCount, secretLines, secretScanSummary } from './findings.js';
import { configSecretLines } from './config-findings.js';

export interface DetailLine {
  readonly label: string;
  readonly value: string;
}

/** Lines of the layer details pane; the command last, as it is the one that wraps. */
export function layerDetailLines(image: ImageModel, index: number): DetailLine[] {
  const layer = image.layers[index];
  if (!layer) return [{ label: 'Layer', value: 'none' }];
  const lines: DetailLine[] = [{ label: 'Diff ID', value: escapeName(layer.diffId) }];
  if (layer.digest && layer.digest !== layer.diffId) lines.push({ label: 'Digest', value: escapeName(layer.digest) });
  const created = layer.created ? `  Created: ${escapeName(layer.created)}` : '';
  lines.push({ label: 'Size', value: `${formatBytes(layer.sizeBytes)}${created}` });
  // BuildKit stamps every step with the same comment; only a real one is worth a line.
  if (layer.comment && layer.comment !== 'buildkit.dockerfile.v0') lines.push({ label: 'Comment', value: escapeName(layer.comment) });
  lines.push({ label: 'Command', value: displayCommand(layer.command) || '(none recorded)' });
  return lines;
}

/** Title of the image pane: the name and platform. */
export function imageTitle(image: ImageModel): string {
  const platform = [image.os, image.architecture, image.variant].filter(Boolean).join('/');
  return `Image: ${escapeName(image.name)}${platform ? ` (${escapeName(platform)})` : ''}`;
}

/** Lines imageSummaryLines gives: the image pane's layout (ui/layout.ts) counts on them. */
export const IMAGE_SUMMARY_LINE_COUNT = 7;

/**
 * Seven short lines (at most 34 columns for any size), so the summary fits beside the tree at 80x24: the
 * numbers, and one bar that splits what the layers wrote into bytes kept and bytes wasted by cause.
 */
export function imageSummaryLines(analysis: ImageAnalysis, ascii = false): string[] {
  const { dive, waste } = analysis;
  const [kept, over, del, opq] = ascii ? SPLIT_GLYPHS.ascii : SPLIT_GLYPHS.unicode;
  const written = waste.finalVisibleBytes + waste.totalBytes;
  const keptShare = written > 0 ? `${((waste.finalVisibleBytes / written) * 100).toFixed(1)}% kept` : 'nothing written';
  return [
    `Size: ${formatBytes(dive.sizeBytes)}  Efficiency: ${formatPercent(dive.efficiency)}`,
    `Wasted: ${formatBytes(dive.wastedBytes)} (${formatPercent(dive.userWastedPercent)} of user)`,
    `${splitBar([waste.finalVisibleBytes, waste.overwrittenBytes, waste.deletedBytes, waste.opaqueHiddenBytes], 20, [kept!, over!, del!, opq!])} ${keptShare}`,
    `Honest waste: ${formatBytes(waste.totalBytes)} (${kept} kept)`,
    `  ${over} overwrote ${formatBytes(waste.overwrittenBytes)}`,
    `  ${del} deleted ${formatBytes(waste.deletedBytes)}`,
    `  ${opq} opaque-hidden ${formatBytes(waste.opaqueHiddenBytes)}`,
  ];
}

export const INEFFICIENT_HEADER = 'Count  Total Space  Path';

/** Header of the image pane's list: the secrets come first when there are any. */
export function imageListHeader(image: ImageModel): string {
  return secretCount(image) > 0 ? 'Secrets, then inefficient files' : INEFFICIENT_HEADER;
}

const fixLine = (reason: WasteReason | undefined): string[] => (reason?.hint ? [`       fix (${reason.hint.id}): ${reason.hint.fix}`] : []);

/**
 * The image pane's scrollable list: secrets found (where each lives now, redacted), then dive's
 * inefficient files each followed by its fix when its history has a known shape, then directories
 * deleted whole (which dive does not count).
 */
export function imageListLines(image: ImageModel, analysis: ImageAnalysis): string[] {
  const lines: string[] = [];
  const secrets = locateSecrets(image);
  if (secretCount(image) > 0) {
    const found = [...configSecretLines(image.secrets?.configFindings ?? []), ...secretLines(image, secrets)];
    lines.push(secretScanSummary(image), ...found.map((l) => `  ${l}`), INEFFICIENT_HEADER);
  }
  const reasons = wasteReasons(image, analysis);
  const byPath = new Map(reasons.filter((r) => r.scope === 'file').map((r) => [r.path, r]));
  analysis.dive.inefficientFiles.forEach((f) => {
    lines.push(inefficientFileLine(f));
    lines.push(...fixLine(byPath.get(f.path)));
  });
  for (const dir of reasons.filter((r) => r.scope === 'directory')) {
    lines.push(
      `${'-'.padStart(5)}  ${formatBytes(dir.sizeBytes).padStart(11)}  ${escapeName(absolutePath(dir.path))}/ (deleted whole)`,
      ...fixLine(dir),
    );
  }
  return lines;
}

function inefficientFileLine(f: ImageAnalysis['dive']['inefficientFiles'][number]): string {
  return `${String(f.count).padStart(5)}  ${formatBytes(f.sizeBytes).padStart(11)}  ${escapeName(absolutePath(f.path))}`;
}

/**
 * Per line of imageListLines, the file a secret line names and the layer that wrote it (where Enter in
 * the image pane goes); undefined for every other line, the config's secrets among them (no file).
 */
export function imageListTargets(image: ImageModel): ({ layer: number; path: PathId } | undefined)[] {
  if (secretCount(image) === 0) return [];
  const inConfig = (image.secrets?.configFindings ?? []).map(() => undefined);
  return [undefined, ...inConfig, ...locateSecrets(image).map((s) => ({ layer: s.layer, path: s.path }))];
}

export function inefficientFileLines(analysis: ImageAnalysis): string[] {
  return analysis.dive.inefficientFiles.map(
    (f) => `${String(f.count).padStart(5)}  ${formatBytes(f.sizeBytes).padStart(11)}  ${escapeName(absolutePath(f.path))}`,
  );
}
