// `--ci-format json`: a versioned document for scripts. Field names follow the `--json` export where
// the two overlap (schemaVersion, generator, image.*), so a script can read both. Documented in
// docs/ci.md; bump CI_JSON_SCHEMA_VERSION on any change that is not a pure addition.
import { honestWastedRatio } from '../../core/ci/rules.js';
import { stringifySafeJson } from '../safe-json.js';
import type { CiReportInput } from './report-input.js';
import { absolutePath } from '../image-path.js';
import { wasteReasons } from '../../core/waste-reasons.js';
import { secretScanJson, secretsJson, wasteReasonsJson } from '../findings.js';
import { configSecretsJson } from '../config-findings.js';

// 2: inefficientFiles[].path is absolute, as every other path of the report (1 wrote it without the '/').
export const CI_JSON_SCHEMA_VERSION = 2;

export function ciJson({ image, analysis, result }: CiReportInput) {
  const { dive, waste } = analysis;
  return {
    schemaVersion: CI_JSON_SCHEMA_VERSION,
    generator: 'layerscope',
    report: 'ci',
    result: result.pass ? 'pass' : 'fail',
    tally: result.tally,
    image: {
      name: image.name,
      ...(image.id !== undefined ? { id: image.id } : {}),
      tags: image.tags,
      layerCount: image.layers.length,
    },
    analysis: {
      efficiency: dive.efficiency,
      wastedBytes: dive.wastedBytes,
      userWastedPercent: dive.userWastedPercent,
      sizeBytes: dive.sizeBytes,
      userSizeBytes: dive.userSizeBytes,
      honestWastedBytes: waste.totalBytes,
      honestWastedPercent: honestWastedRatio(analysis),
      overwrittenBytes: waste.overwrittenBytes,
      deletedBytes: waste.deletedBytes,
      opaqueHiddenBytes: waste.opaqueHiddenBytes,
      finalVisibleBytes: waste.finalVisibleBytes,
      finalFileCount: waste.finalFileCount,
    },
    rules: result.results.map((r) => ({
      rule: r.id,
      status: r.status,
      actual: r.actual,
      threshold: r.threshold ?? null,
      configured: r.configured,
      bound: r.bound,
      unit: r.kind,
      origin: r.origin,
      message: r.message,
    })),
    inefficientFiles: dive.inefficientFiles.map((f) => ({ path: absolutePath(f.path), count: f.count, wastedBytes: f.sizeBytes })),
    secrets: result.findings.secrets ? secretsJson(image, result.findings.secrets) : [],
    configSecrets: configSecretsJson(result.findings.configSecrets ?? []),
    secretScan: { ...secretScanJson(image), allowed: result.findings.allowedSecrets },
    blockedPaths: result.findings.blockedPaths.map(absolutePath),
    noWastePaths: result.findings.wastedProtected.map((r) => absolutePath(r.path)),
    wasteReasons: wasteReasonsJson(wasteReasons(image, analysis)),
    // What the reader tolerated (a layer that is not its diff_id, names climbing out of the root): a job
    // that reads only the report should know what `docker load` would refuse.
    warnings: image.warnings,
  };
}

export function renderCiJson(input: CiReportInput): string {
  return `${stringifySafeJson(ciJson(input), 2)}\n`;
}
