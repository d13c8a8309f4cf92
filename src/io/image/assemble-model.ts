// The last step of every reader: config + layers in manifest order → ImageModel. Paths are interned here,
// in layer order, once the manifest has said which blobs make the image and in what order.
import { LayerscopeError } from '../../core/errors.js';
import type { HistoryStep, ImageModel, Layer, LayerEntry } from '../../core/model.js';
import { PathTable } from '../../core/path-table.js';
import type { ParsedLayer } from '../archive/parse-layer.js';
import { isObject } from './json-blob.js';
import { diffIdDisagreement } from './diff-id-check.js';
import { LIMITS, overLimit } from './limits.js';
import type { SecretFinding, SecretScanResult } from '../../core/secrets/image-secrets.js';
import { scanImageConfig } from '../../core/secrets/config-scan.js';
import type { ConfigSecretFinding } from '../../core/secrets/secret-types.js';

export interface ImageParts {
  readonly config: unknown;
  /** Where the config came from, for messages. */
  readonly configWhere: string;
  readonly id?: string;
  readonly tags: readonly string[];
  readonly layers: readonly { readonly parsed: ParsedLayer; readonly digest?: string }[];
  /** The read scans for secrets (the layers' files as they are read, the config here): none has layers. */
  readonly scanSecrets?: boolean;
  /** What the user called the image (wins over tags). */
  readonly name?: string;
  readonly warnings: readonly string[];
}

const MAX_ESCAPES_SHOWN = 3;
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function diffIdsOf(config: unknown, where: string): string[] {
  const rootfs = isObject(config) ? config.rootfs : undefined;
  const ids = isObject(rootfs) ? rootfs.diff_ids : undefined;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
    throw new LayerscopeError(
      'archive',
      `config ${where} has no rootfs.diff_ids`,
      'the archive is damaged or not an image; export it again',
    );
  }
  return ids as string[];
}

/** Every history step; those without empty_layer consume the next layer, in order. */
function historyOf(config: unknown, layerCount: number, where: string): HistoryStep[] {
  const raw = isObject(config) && Array.isArray(config.history) ? config.history : [];
  if (raw.length > LIMITS.historySteps) throw overLimit(`config ${where} has ${raw.length} history steps`, LIMITS.historySteps);
  let next = 0;
  return raw.filter(isObject).map((step) => {
    const makesLayer = step.empty_layer !== true && next < layerCount;
    return {
      createdBy: str(step.created_by) ?? '',
      created: str(step.created),
      comment: str(step.comment),
      layerIndex: makesLayer ? next++ : undefined,
    };
  });
}

function internWithin(paths: PathTable, path: string): number {
  const id = paths.intern(path);
  if (paths.size > LIMITS.paths) throw overLimit(`the image has more than ${LIMITS.paths} paths`, LIMITS.paths);
  return id;
}

export function assembleModel(parts: ImageParts): ImageModel {
  const diffIds = diffIdsOf(parts.config, parts.configWhere);
  if (diffIds.length !== parts.layers.length) {
    throw new LayerscopeError(
      'archive',
      `the manifest lists ${parts.layers.length} layers but config ${parts.configWhere} has ${diffIds.length} diff_ids`,
      'the archive is damaged; export the image again',
    );
  }
  const rawHistory = historyOf(parts.config, diffIds.length, parts.configWhere);
  // With the scan on, what it finds in a command is shown redacted everywhere.
  const scanning = parts.scanSecrets === true || parts.layers.some((l) => l.parsed.secrets);
  const configScan = scanning ? scanImageConfig(parts.config, rawHistory) : undefined;
  const history = configScan ? rawHistory.map((s, i) => ({ ...s, createdBy: configScan.commands[i]! })) : rawHistory;
  const stepOf = new Map(history.filter((s) => s.layerIndex !== undefined).map((s) => [s.layerIndex!, s]));
  const paths = new PathTable();
  const warnings = [...parts.warnings];
  if (parts.layers.length > LIMITS.layers) throw overLimit(`the image has ${parts.layers.length} layers`, LIMITS.layers);
  // A layer the manifest names twice is parsed once but stacked twice: count what is stacked.
  const entryCount = parts.layers.reduce((sum, l) => sum + l.parsed.entries.length, 0);
  if (entryCount > LIMITS.entries) throw overLimit(`the image's layers hold ${entryCount} entries`, LIMITS.entries);
  const layers: Layer[] = parts.layers.map(({ parsed, digest }, index) => {
    const entries: LayerEntry[] = parsed.entries.map((e) => ({
      path: internWithin(paths, e.path),
      kind: e.kind,
      size: e.size,
      mode: e.mode,
      uid: e.uid,
      gid: e.gid,
      linkTarget: e.linkTarget,
      hash: e.hash,
      dataOffset: e.dataOffset,
    }));
    const diffId = diffIds[index]!;
    const disagreement = diffIdDisagreement(parsed, diffId);
    if (disagreement) warnings.push(`layer ${index + 1}: ${disagreement}`);
    for (const message of parsed.escapes.slice(0, MAX_ESCAPES_SHOWN)) warnings.push(`layer ${index + 1}: ${message}`);
    const more = parsed.escapes.length - MAX_ESCAPES_SHOWN;
    if (more > 0) warnings.push(`layer ${index + 1}: ${more} more entries climb out of the image root`);
    const step = stepOf.get(index);
    return {
      index,
      diffId,
      digest,
      sizeBytes: parsed.sizeBytes,
      entries,
      blob: parsed.blob,
      command: step?.createdBy ?? '',
      created: step?.created,
      comment: step?.comment,
    };
  });
  const secrets = configScan
    ? secretsOf(
        parts.layers.map((l) => l.parsed),
        paths,
        configScan.findings,
      )
    : undefined;
  const config = isObject(parts.config) ? parts.config : {};
  return {
    name: parts.name ?? parts.tags[0] ?? (parts.id ? parts.id.replace(/^sha256:/, '').slice(0, 12) : 'image'),
    id: parts.id,
    tags: parts.tags,
    os: str(config.os),
    architecture: str(config.architecture),
    variant: str(config.variant),
    created: str(config.created),
    layers,
    history,
    paths,
    warnings,
    ...(secrets ? { secrets } : {}),
  };
}

/** The layers' secrets scans as one result, paths interned, with the config's (for a read that scans). */
function secretsOf(layers: readonly ParsedLayer[], paths: PathTable, configFindings: readonly ConfigSecretFinding[]): SecretScanResult {
  const findings: SecretFinding[] = [];
  let scannedFiles = 0,
    skippedBinary = 0,
    skippedLarge = 0,
    skippedSystem = 0;
  layers.forEach((parsed, layer) => {
    const scan = parsed.secrets;
    if (!scan) return;
    for (const f of scan.findings) findings.push({ rule: f.rule, path: paths.intern(f.path), layer, redacted: f.redacted });
    scannedFiles += scan.scannedFiles;
    skippedBinary += scan.skippedBinary;
    skippedLarge += scan.skippedLarge;
    skippedSystem += scan.skippedSystem;
  });
  return { findings, configFindings, scannedFiles, skippedBinary, skippedLarge, skippedSystem };
}
