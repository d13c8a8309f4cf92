// The secrets scan of one layer, fed file by file as the layer parser streams their bytes past: the same
// single read that hashes them. Binary files (a NUL in the first bytes) and files over the size limit are
// skipped and counted. Pure: the parser hands bytes in, nothing here reads anything.
import { SECRET_RULES, type SecretRule } from './rules.js';
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

export interface LayerSecretFinding extends RawSecretFinding {
  /** Path as in the layer (no leading '/'). */
  readonly path: string;
}

export interface LayerSecrets {
  readonly findings: readonly LayerSecretFinding[];
  readonly scannedFiles: number;
  readonly skippedBinary: number;
  readonly skippedLarge: number;
}

export class LayerSecretScan implements ContentObserver {
  private readonly findings: LayerSecretFinding[] = [];
  private scanned = 0;
  private binary = 0;
  private large = 0;

  constructor(private readonly rules: readonly SecretRule[] = SECRET_RULES, private readonly maxBytes = SECRET_SCAN_MAX_BYTES) {}

  file(path: string, size: number): FileContentSink | undefined {
    if (size === 0) return undefined;
    if (size > this.maxBytes) { this.large++; return undefined; }
    const chunks: Uint8Array[] = [];
    return {
      whole: (bytes) => this.finishFile(path, [bytes]),
      data: (bytes) => { chunks.push(Buffer.from(bytes)); },
      end: () => this.finishFile(path, chunks),
    };
  }

  private finishFile(path: string, chunks: readonly Uint8Array[]): void {
    const bytes = chunks.length === 1 ? Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength) : Buffer.concat(chunks);
    const nul = bytes.indexOf(0);
    if (nul !== -1 && nul < BINARY_PROBE_BYTES) { this.binary++; return; }
    this.scanned++;
    // latin1: one char per byte, no decoding cost; every pattern is ASCII.
    for (const found of scanText(bytes.toString('latin1'), rulesForPath(path, this.rules))) {
      this.findings.push({ ...found, path });
    }
  }

  result(): LayerSecrets {
    return { findings: this.findings, scannedFiles: this.scanned, skippedBinary: this.binary, skippedLarge: this.large };
  }
}
