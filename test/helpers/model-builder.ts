// Builds small in-memory ImageModels for tests, so every test states only what it is about.
// Defaults: kind 'file', size 0, dirs mode 0o755 and others 0o644, uid/gid 0, and for files a hash
// derived from path + size (equal path and size mean equal content unless a hash is given).
import { normaliseName } from '../../src/core/names.js';
import { PathTable } from '../../src/core/path-table.js';
import type { EntryKind, ImageModel, Layer, LayerEntry } from '../../src/core/model.js';

export interface EntrySpec {
  path: string;
  kind?: EntryKind;
  size?: number;
  mode?: number;
  uid?: number;
  gid?: number;
  linkTarget?: string;
  hash?: string;
}

export interface LayerSpec {
  command?: string;
  entries: EntrySpec[];
}

function defaultMode(kind: EntryKind): number {
  if (kind === 'dir') return 0o755;
  if (kind === 'symlink') return 0o777;
  return 0o644;
}

function buildEntry(paths: PathTable, spec: EntrySpec, hashes: Map<string, string>): LayerEntry {
  const kind = spec.kind ?? 'file';
  const path = normaliseName(spec.path).path;
  // Hardlinks have no data of their own: size 0 and the target's hash (when the target is known).
  const size = kind === 'hardlink' ? 0 : (spec.size ?? 0);
  let hash = spec.hash;
  if (hash === undefined && kind === 'file') hash = `h:${path}:${size}`;
  if (hash === undefined && kind === 'hardlink' && spec.linkTarget !== undefined)
    hash = hashes.get(normaliseName(spec.linkTarget).path) ?? `h:${normaliseName(spec.linkTarget).path}`;
  const entry: LayerEntry = {
    path: paths.intern(path),
    kind,
    size,
    mode: spec.mode ?? defaultMode(kind),
    uid: spec.uid ?? 0,
    gid: spec.gid ?? 0,
    ...(spec.linkTarget !== undefined ? { linkTarget: spec.linkTarget } : {}),
    ...(hash !== undefined ? { hash } : {}),
  };
  return entry;
}

export function buildModel(layers: LayerSpec[], name = 'test:image'): ImageModel {
  const paths = new PathTable();
  const built: Layer[] = layers.map((spec, index) => {
    const hashes = new Map<string, string>();
    for (const e of spec.entries) {
      const p = normaliseName(e.path).path;
      if ((e.kind ?? 'file') === 'file') hashes.set(p, e.hash ?? `h:${p}:${e.size ?? 0}`);
    }
    const entries = spec.entries.map((e) => buildEntry(paths, e, hashes));
    const sizeBytes = entries.reduce((sum, e) => sum + e.size, 0);
    const hex = index.toString(16).padStart(64, '0');
    return { index, diffId: `sha256:${hex}`, sizeBytes, command: spec.command ?? `layer ${index}`, entries };
  });
  return {
    name,
    tags: [name],
    layers: built,
    history: built.map((l) => ({ createdBy: l.command, layerIndex: l.index })),
    paths,
    warnings: [],
  };
}
