// The secrets scan of one layer, fed file by file as the layer parser streams their bytes past: the same
// single read that hashes them. Binary files (a NUL in the first bytes) and files over the size limit are
// skipped and counted. Pure: the parser hands bytes in, nothing here reads anything.
import { SECRET_RULES, UNSCANNED_TREES, type SecretRule } from './rules.js';
import { rulesForPath, scanText, type RawSecretFinding } from './scan-text.js';

/**
 * Receives one regular file's bytes: either `whole` once, or `data` in order then `end`. Bytes given
 * to `data` may be reused by the caller once it returns (the parser reads into a ring of buffers).
 */
export interface FileContentSink {
  whole(bytes: Uint8Array): void;
  data(bytes: Uint8Array): void;
  end(): void;
}

/** Asked once per regular file of a layer; returns a sink for the files it wants to see. */
export interface ContentObserver {
  file(path: string, size: number): FileContentSink | undefined;
}

/** Files larger than this are not scanned: credentials files are small, big text files are data. */
export const SECRET_SCAN_MAX_BYTES = 512 * 1024;
/** As git decides: a NUL in the first 8000 bytes makes a file binary. */
const BINARY_PROBE_BYTES = 8000;

/** A NUL among the bytes of `chunk` that lie within the file's first BINARY_PROBE_BYTES (`offset`: where the chunk starts). */
function hasNul(chunk: Uint8Array, offset: number): boolean {
  if (offset >= BINARY_PROBE_BYTES) return false;
  const probe = chunk.length <= BINARY_PROBE_BYTES - offset ? chunk : chunk.subarray(0, BINARY_PROBE_BYTES - offset);
  return probe.indexOf(0) !== -1;
}

export interface LayerSecretFinding extends RawSecretFinding {
  /** Path as in the layer (no leading '/'). */
  readonly path: string;
}

export interface LayerSecrets {
  readonly findings: readonly LayerSecretFinding[];
  readonly scannedFiles: number;
  readonly skippedBinary: number;
  readonly skippedLarge: number;
  /** Files in the package manager's trees (UNSCANNED_TREES). */
  readonly skippedSystem: number;
}

export class LayerSecretScan implements ContentObserver {
  private readonly findings: LayerSecretFinding[] = [];
  private scanned = 0;
  private binary = 0;
  private large = 0;
  private system = 0;

  constructor(
    private readonly rules: readonly SecretRule[] = SECRET_RULES,
    private readonly maxBytes = SECRET_SCAN_MAX_BYTES,
  ) {}

  file(path: string, size: number): FileContentSink | undefined {
    if (size === 0) return undefined;
    if (size > this.maxBytes) {
      this.large++;
      return undefined;
    }
    if (UNSCANNED_TREES.test(path)) {
      this.system++;
      return undefined;
    }
    // Most bytes in an image are binaries: they are recognised on their first chunk and dropped, so
    // only text is ever copied (into one buffer of the size the tar header announced).
    let copy: Buffer | undefined;
    let seen = 0;
    let binary = false;
    return {
      whole: (bytes) => {
        if (hasNul(bytes, 0)) this.binary++;
        else this.scanFile(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
      data: (bytes) => {
        if (binary) return;
        if (hasNul(bytes, seen)) {
          binary = true;
          copy = undefined;
          return;
        }
        copy ??= Buffer.allocUnsafe(size);
        copy.set(bytes.subarray(0, size - seen), seen);
        seen += Math.min(bytes.length, size - seen);
      },
      end: () => {
        if (binary) this.binary++;
        else if (copy) this.scanFile(path, copy.subarray(0, seen));
      },
    };
  }

  private scanFile(path: string, bytes: Buffer): void {
    this.scanned++;
    // latin1: one char per byte, no decoding cost; every pattern is ASCII.
    for (const found of scanText(bytes.toString('latin1'), rulesForPath(path, this.rules))) {
      this.findings.push({ ...found, path });
    }
  }

  result(): LayerSecrets {
    return {
      findings: this.findings,
      scannedFiles: this.scanned,
      skippedBinary: this.binary,
      skippedLarge: this.large,
      skippedSystem: this.system,
    };
  }
}
