// `layerscope diff --json FILE|-`: a versioned document (documented in the README). Bump
// DIFF_JSON_SCHEMA_VERSION on any change that is not a pure addition.
import type { DiffGateResult, ImageDiff } from '../../core/image-diff/index.js';
import { absolutePath } from '../image-path.js';
import { newSecretsJson } from './diff-secrets.js';
import { configSecretsJson } from '../config-findings.js';

export const DIFF_JSON_SCHEMA_VERSION = 1;

export function diffJson(diff: ImageDiff, gate?: readonly DiffGateResult[]) {
  return {
    schemaVersion: DIFF_JSON_SCHEMA_VERSION,
    generator: 'layerscope',
    report: 'diff',
    identical: diff.identical,
    a: diff.a,
    b: diff.b,
    delta: {
      sizeBytes: diff.b.sizeBytes - diff.a.sizeBytes,
      layerCount: diff.b.layerCount - diff.a.layerCount,
      efficiency: diff.b.efficiency - diff.a.efficiency,
      wastedBytes: diff.b.wastedBytes - diff.a.wastedBytes,
      honestWasteBytes: diff.b.honestWasteBytes - diff.a.honestWasteBytes,
      finalFileCount: diff.b.finalFileCount - diff.a.finalFileCount,
    },
    layers: diff.layers,
    files: diff.files.map((f) => ({
      path: absolutePath(f.path),
      change: f.change,
      aspects: f.aspects,
      kind: f.kind,
      sizeBefore: f.sizeBefore,
      sizeAfter: f.sizeAfter,
      sizeDelta: f.sizeAfter - f.sizeBefore,
    })),
    directories: diff.directories.map((d) => ({ ...d, path: absolutePath(d.path) })),
    ...(diff.newSecrets ? { newSecrets: newSecretsJson(diff.newSecrets) } : {}),
    ...(diff.newConfigSecrets ? { newConfigSecrets: configSecretsJson(diff.newConfigSecrets) } : {}),
    ...(gate
      ? {
          gate: gate.map((g) => ({
            rule: g.threshold.rule,
            limit: g.threshold.limit,
            relative: g.threshold.relative,
            actual: g.actual,
            failed: g.failed,
          })),
        }
      : {}),
  };
}
