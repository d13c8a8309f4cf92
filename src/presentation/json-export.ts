// The `--json` document: a superset of dive's `--json` output (dive's field names where dive has the
// field, so scripts written against dive keep working), versioned so that ours can evolve.
import type { ImageAnalysis } from '../core/tree-types.js';
import type { ImageModel, Layer, LayerEntry } from '../core/model.js';
import { entryChanges, type EntryChange } from '../core/entry-changes.js';
import { absolutePath } from './image-path.js';
import { wasteReasons } from '../core/waste-reasons.js';
import { secretScanJson, secretsJson, wasteReasonsJson } from './findings.js';
import { configSecretsJson } from './config-findings.js';

export const JSON_SCHEMA_VERSION = 1;

export interface JsonExportOptions {
  /** Include each layer's entries (can be large). */
  readonly includeFiles: boolean;
}

const hex = (digest: string): string => digest.replace(/^sha256:/, '');

function fileJson(image: ImageModel, e: LayerEntry, change: EntryChange) {
  return {
    path: absolutePath(image.paths.path(e.path)),
    kind: e.kind,
    change,
    sizeBytes: e.size,
    mode: '0' + (e.mode & 0o7777).toString(8),
    uid: e.uid,
    gid: e.gid,
    ...(e.linkTarget !== undefined ? { linkTarget: e.linkTarget } : {}),
    ...(e.hash !== undefined ? { hash: e.hash } : {}),
  };
}

function layerJson(
  image: ImageModel,
  layer: Layer,
  analysis: ImageAnalysis,
  opts: JsonExportOptions,
  changes: readonly EntryChange[] | undefined,
) {
  const waste = analysis.waste.perLayer[layer.index];
  return {
    index: layer.index,
    id: hex(layer.digest ?? layer.diffId),
    digestId: layer.diffId,
    sizeBytes: layer.sizeBytes,
    command: layer.command,
    ...(layer.created !== undefined ? { created: layer.created } : {}),
    ...(layer.comment !== undefined ? { comment: layer.comment } : {}),
    ...(layer.digest !== undefined ? { blobDigest: layer.digest } : {}),
    entryCount: layer.entries.length,
    ...(waste
      ? {
          waste: {
            writtenBytes: waste.writtenBytes,
            visibleBytes: waste.visibleBytes,
            overwrittenBytes: waste.overwrittenBytes,
            deletedBytes: waste.deletedBytes,
            opaqueHiddenBytes: waste.opaqueHiddenBytes,
          },
        }
      : {}),
    ...(changes ? { files: layer.entries.map((e, i) => fileJson(image, e, changes[i]!)) } : {}),
  };
}

export function exportJson(image: ImageModel, analysis: ImageAnalysis, opts: JsonExportOptions) {
  const { dive, waste } = analysis;
  const changes = opts.includeFiles ? entryChanges(image) : undefined;
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    generator: 'layerscope',
    layer: image.layers.map((l, k) => layerJson(image, l, analysis, opts, changes?.[k])),
    image: {
      name: image.name,
      ...(image.id !== undefined ? { id: image.id } : {}),
      tags: image.tags,
      ...(image.os !== undefined ? { os: image.os } : {}),
      ...(image.architecture !== undefined ? { architecture: image.architecture } : {}),
      ...(image.variant !== undefined ? { variant: image.variant } : {}),
      ...(image.created !== undefined ? { created: image.created } : {}),
      sizeBytes: dive.sizeBytes,
      inefficientBytes: dive.wastedBytes,
      efficiencyScore: dive.efficiency,
      userSizeBytes: dive.userSizeBytes,
      userWastedPercent: dive.userWastedPercent,
      fileReference: dive.inefficientFiles.map((f) => ({ count: f.count, sizeBytes: f.sizeBytes, file: absolutePath(f.path) })),
      honestWaste: {
        totalBytes: waste.totalBytes,
        overwrittenBytes: waste.overwrittenBytes,
        deletedBytes: waste.deletedBytes,
        opaqueHiddenBytes: waste.opaqueHiddenBytes,
      },
      finalVisibleBytes: waste.finalVisibleBytes,
      finalFileCount: waste.finalFileCount,
    },
    history: image.history.map((h) => ({
      createdBy: h.createdBy,
      ...(h.created !== undefined ? { created: h.created } : {}),
      ...(h.comment !== undefined ? { comment: h.comment } : {}),
      emptyLayer: h.layerIndex === undefined,
      ...(h.layerIndex !== undefined ? { layerIndex: h.layerIndex } : {}),
    })),
    warnings: image.warnings,
    secrets: secretsJson(image),
    configSecrets: configSecretsJson(image.secrets?.configFindings ?? []),
    secretScan: secretScanJson(image),
    wasteReasons: wasteReasonsJson(wasteReasons(image, analysis)),
  };
}
