// What the secrets and path rules found, as lines under their rule in the text and JUnit reports and
// as sections of the markdown one. The lines come printable (paths escaped), so a report adds only its
// own markup escaping; secrets appear only in their redacted form.
import type { PolicyFindings } from '../../core/ci/policy.js';
import type { RuleId } from '../../core/ci/rules.js';
import type { ImageModel } from '../../core/model.js';
import { wasteReasons } from '../../core/waste-reasons.js';
import type { ImageAnalysis } from '../../core/tree-types.js';
import { escapeName } from '../escape-name.js';
import { absolutePath } from '../image-path.js';
import { formatBytes } from '../format-bytes.js';
import { secretLines, secretScanSummary, wasteReasonLines } from '../findings.js';
import { configSecretLines } from '../config-findings.js';

/** Lines per rule are capped; JSON lists everything. */
export const LISTED_FINDINGS = 50;
/** The text report explains this many of the largest wasted paths. */
export const EXPLAINED_WASTE = 10;

function capped(lines: string[], what: string): string[] {
  if (lines.length <= LISTED_FINDINGS) return lines;
  return [...lines.slice(0, LISTED_FINDINGS), `… and ${lines.length - LISTED_FINDINGS} more ${what} (--ci-format json lists them all)`];
}

export function ruleFindingLines(image: ImageModel, findings: PolicyFindings): Partial<Record<RuleId, string[]>> {
  const secrets = [...configSecretLines(findings.configSecrets ?? []), ...(findings.secrets ? secretLines(image, findings.secrets) : [])];
  if (findings.secrets) {
    secrets.unshift(
      secretScanSummary(image) + (findings.allowedSecrets > 0 ? `; ${findings.allowedSecrets} allowed by secrets.allow` : ''),
    );
  }
  return {
    secrets: capped(secrets, 'secrets'),
    blockedPaths: capped(
      findings.blockedPaths.map((p) => escapeName(absolutePath(p))),
      'paths',
    ),
    noWastePaths: capped(
      findings.wastedProtected.map(
        (r) => `${escapeName(absolutePath(r.path))}  ${formatBytes(r.sizeBytes)}${r.hint ? `  (${r.hint.id})` : ''}`,
      ),
      'paths',
    ),
  };
}

/** The largest wasted paths, each with its writers, remover and fix. */
export function explainedWasteLines(image: ImageModel, analysis: ImageAnalysis): string[] {
  const reasons = wasteReasons(image, analysis)
    .filter((r) => r.steps.length > 0)
    .sort((a, b) => b.sizeBytes - a.sizeBytes);
  const lines = reasons.slice(0, EXPLAINED_WASTE).flatMap(wasteReasonLines);
  if (reasons.length > EXPLAINED_WASTE) lines.push(`… and ${reasons.length - EXPLAINED_WASTE} more (--ci-format json explains them all)`);
  return lines;
}
