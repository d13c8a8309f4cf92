// Secrets and waste reasons as text lines (explorer details, CI text report) and as JSON (--json, CI
// json). Layers are numbered from 1 in text, as the explorer shows them, and from 0 in JSON, as
// `layer[].index` is. Paths and commands come from the image: escaped. A secret appears only redacted.
import { locateSecrets, type LocatedSecret, type SecretPlace } from '../core/secrets/image-secrets.js';
import type { ImageModel } from '../core/model.js';
import type { WasteReason } from '../core/waste-reasons.js';
import { escapeName } from './escape-name.js';
import { absolutePath } from './image-path.js';
import { formatBytes } from './format-bytes.js';
import { displayCommand } from './layer-rows.js';

const HOW: Record<Exclude<SecretPlace, { inFinalImage: true }>['how'], string> = {
  overwritten: 'overwritten',
  removed: 'deleted',
  'opaque-hidden': 'hidden by an opaque directory',
};

export function secretPlaceText(secret: LocatedSecret): string {
  const { place } = secret;
  if (place.inFinalImage) return 'still in the final image';
  return `${HOW[place.how]} in layer ${place.goneAt + 1}, still readable from layer ${secret.layer + 1}`;
}

/** One line per finding: rule, path, redacted form, the layer that wrote it and where it is now. */
export function secretLines(image: ImageModel, located: readonly LocatedSecret[] = locateSecrets(image)): string[] {
  return located.map(
    (s) =>
      `${s.rule}  ${escapeName(absolutePath(image.paths.path(s.path)))}  [${escapeName(s.redacted)}]  layer ${s.layer + 1}: ${secretPlaceText(s)}`,
  );
}

/** Secrets found in the layers' files and in the image config. */
export const secretCount = (image: ImageModel): number =>
  (image.secrets?.findings.length ?? 0) + (image.secrets?.configFindings.length ?? 0);

/** The image pane's line when its list, where the findings are, has no room: undefined with none found. */
export function secretAlert(image: ImageModel): string | undefined {
  const n = secretCount(image);
  return n > 0 ? `Secrets: ${n} found` : undefined;
}

/** What the scan covered, or that it did not run. */
export function secretScanSummary(image: ImageModel): string {
  const scan = image.secrets;
  if (!scan) return 'Secrets: not scanned (--no-secret-scan)';
  const n = secretCount(image);
  return (
    `Secrets: ${n === 0 ? 'none found' : `${n} found`} in ${scan.scannedFiles} text file${scan.scannedFiles === 1 ? '' : 's'} and the image config ` +
    `(skipped ${scan.skippedBinary} binary, ${scan.skippedLarge} large, ${scan.skippedSystem} in system trees)`
  );
}

export function secretsJson(image: ImageModel, located: readonly LocatedSecret[] = locateSecrets(image)) {
  return located.map((s) => ({
    rule: s.rule,
    path: absolutePath(image.paths.path(s.path)),
    layerIndex: s.layer,
    redacted: s.redacted,
    inFinalImage: s.place.inFinalImage,
    ...(s.place.inFinalImage ? {} : { removedInLayer: s.place.goneAt, removedBy: s.place.how }),
  }));
}

export function secretScanJson(image: ImageModel) {
  const scan = image.secrets;
  return scan
    ? {
        scanned: true,
        scannedFiles: scan.scannedFiles,
        skippedBinary: scan.skippedBinary,
        skippedLarge: scan.skippedLarge,
        skippedSystem: scan.skippedSystem,
      }
    : { scanned: false };
}

const CHANGE: Record<WasteReason['steps'][number]['change'], string> = {
  added: 'wrote',
  modified: 'rewrote',
  removed: 'deleted',
  'opaque-hidden': 'hid (opaque dir)',
};

/** A reason as indented lines: the path and bytes, each step with its command, then the hint and fix. */
export function wasteReasonLines(reason: WasteReason): string[] {
  const what = reason.scope === 'directory' ? 'directory removed whole' : 'file';
  const lines = [`${escapeName(absolutePath(reason.path))}  ${formatBytes(reason.sizeBytes)} (${what})`];
  for (const step of reason.steps) {
    const size = step.sizeBytes > 0 ? ` ${formatBytes(step.sizeBytes)}` : '';
    lines.push(`  layer ${step.layer + 1} ${CHANGE[step.change]}${size}: ${displayCommand(step.command) || '(no command recorded)'}`);
  }
  if (reason.hint) lines.push(`  why: ${reason.hint.what}`, `  fix: ${reason.hint.fix}`);
  return lines;
}

export function wasteReasonsJson(reasons: readonly WasteReason[]) {
  return reasons.map((r) => ({
    path: absolutePath(r.path),
    scope: r.scope,
    sizeBytes: r.sizeBytes,
    steps: r.steps.map((s) => ({ layerIndex: s.layer, change: s.change, command: s.command, sizeBytes: s.sizeBytes })),
    ...(r.hint ? { hint: { id: r.hint.id, what: r.hint.what, fix: r.hint.fix } } : {}),
  }));
}
