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

/** What the single read found: set by the reader when it scanned (absent when scanning was off). */
export interface SecretScanResult {
  readonly findings: readonly SecretFinding[];
  readonly scannedFiles: number;
  readonly skippedBinary: number;
  readonly skippedLarge: number;
  /** Files in trees the package manager owns (not scanned; see UNSCANNED_TREES). */
  readonly skippedSystem: number;
}
