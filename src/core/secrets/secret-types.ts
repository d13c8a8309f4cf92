// What a secrets scan finds, as the image model holds it (types only, so the model can name them
// without importing the scan).
import type { PathId } from '../path-table.js';

export interface SecretFinding {
  readonly rule: string;
  readonly path: PathId;
  /** The layer (0-based) that wrote the file the secret is in. */
  readonly layer: number;
  /** First characters and length only. */
  readonly redacted: string;
}

/** Where in the image config a secret is: what `docker inspect` (env…entrypoint) or `docker history` shows. */
export type ConfigField = 'env' | 'label' | 'cmd' | 'entrypoint' | 'history';

/** A secret in the image config: readable by anyone who can pull the image, without any layer. */
export interface ConfigSecretFinding {
  readonly rule: string;
  readonly field: ConfigField;
  /** The variable, build argument or label that holds it; '' when it is in a command's text. */
  readonly name: string;
  /** For 'history': the step (0-based, as the config's `history[]`), and the layer it made if any. */
  readonly step?: number;
  readonly layer?: number;
  /** First characters and length only. */
  readonly redacted: string;
}

/** What the single read found: set by the reader when it scanned (absent when scanning was off). */
export interface SecretScanResult {
  readonly findings: readonly SecretFinding[];
  /** The image config's findings (config-scan.ts), scanned whenever the layers are. */
  readonly configFindings: readonly ConfigSecretFinding[];
  readonly scannedFiles: number;
  readonly skippedBinary: number;
  readonly skippedLarge: number;
  /** Files in trees the package manager owns (not scanned; see UNSCANNED_TREES). */
  readonly skippedSystem: number;
}
