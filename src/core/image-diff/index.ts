// Two images compared: their numbers with deltas, the layers they share, and every file that differs,
// largest change first, with totals per directory.
import type { ImageModel } from '../model.js';
import type { FileTree, ImageAnalysis } from '../tree-types.js';
import { diffFiles, type FileChange } from './diff-files.js';
import type { NewSecret } from './new-secrets.js';
import type { ConfigSecretFinding } from '../secrets/secret-types.js';
import { imageSide, layerSharing, type ImageSide, type LayerSharing } from './diff-summary.js';

export * from './diff-files.js';
export * from './diff-summary.js';
export * from './diff-gate.js';
export * from './new-secrets.js';

export interface DiffInput {
  readonly image: ImageModel;
  readonly analysis: ImageAnalysis;
  readonly finalTree: FileTree;
}

export interface DirectoryChange {
  /** The directory holding the changed paths ('' for the root). */
  readonly path: string;
  readonly delta: number;
  readonly added: number;
  readonly removed: number;
  readonly modified: number;
}

export interface ImageDiff {
  /** Both are the same image (same config digest): nothing else is worth saying. */
  readonly identical: boolean;
  readonly a: ImageSide;
  readonly b: ImageSide;
  readonly layers: LayerSharing;
  /** Largest |size delta| first, then by path. */
  readonly files: readonly FileChange[];
  /** Changes grouped by the directory that holds them, largest |delta| first. */
  readonly directories: readonly DirectoryChange[];
  /** B's secret findings that A has not: set when they were looked for (`--fail-on new-secrets`). */
  readonly newSecrets?: readonly NewSecret[];
  /** B's image-config findings that A's config has not: set with `newSecrets`. */
  readonly newConfigSecrets?: readonly ConfigSecretFinding[];
}

/** How many findings `--fail-on new-secrets` counts: files' and config's; undefined when not looked for. */
export const newSecretCount = (diff: ImageDiff): number | undefined =>
  diff.newSecrets ? diff.newSecrets.length + (diff.newConfigSecrets?.length ?? 0) : undefined;

export const sizeDelta = (change: FileChange): number => change.sizeAfter - change.sizeBefore;

const byMagnitude =
  <T>(delta: (x: T) => number, name: (x: T) => string) =>
  (x: T, y: T) =>
    Math.abs(delta(y)) - Math.abs(delta(x)) || (name(x) < name(y) ? -1 : name(x) > name(y) ? 1 : 0);

function groupByDirectory(files: readonly FileChange[]): DirectoryChange[] {
  const groups = new Map<string, { delta: number; added: number; removed: number; modified: number }>();
  for (const file of files) {
    const slash = file.path.lastIndexOf('/');
    const dir = slash < 0 ? '' : file.path.slice(0, slash);
    const group = groups.get(dir) ?? { delta: 0, added: 0, removed: 0, modified: 0 };
    group.delta += sizeDelta(file);
    group[file.change]++;
    groups.set(dir, group);
  }
  return [...groups]
    .map(([path, g]) => ({ path, ...g }))
    .sort(
      byMagnitude(
        (d) => d.delta,
        (d) => d.path,
      ),
    );
}

export function diffImages(a: DiffInput, b: DiffInput): ImageDiff {
  const identical = a.image.id !== undefined && a.image.id === b.image.id;
  const files = identical ? [] : diffFiles({ image: a.image, tree: a.finalTree }, { image: b.image, tree: b.finalTree });
  files.sort(byMagnitude(sizeDelta, (f) => f.path));
  return {
    identical,
    a: imageSide(a.image, a.analysis),
    b: imageSide(b.image, b.analysis),
    layers: layerSharing(a.image, b.image),
    files,
    directories: groupByDirectory(files),
  };
}
export * from './change-tree.js';
