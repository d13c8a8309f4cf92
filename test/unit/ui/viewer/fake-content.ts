// ContentReaders over bytes made in the test: in memory, or generated on demand (a 100 MB file that
// never exists whole), counting every read so tests can bound what the viewer asks for.
import type { ContentReader } from '../../../../src/core/index.js';

export interface CountingReader extends ContentReader {
  readonly reads: { layer: number; path: number; start: number; length: number }[];
}

/** Bytes of (layer, path) from `files` (keyed "layer:path"); a missing one rejects like a typed io error. */
export function memoryReader(files: Record<string, Uint8Array | string>): CountingReader {
  const reads: CountingReader['reads'] = [];
  return {
    reads,
    async read(layer, path, start, length) {
      reads.push({ layer, path, start, length });
      const data = files[`${layer}:${path}`];
      if (data === undefined) throw new Error(`layer ${layer} wrote no file at path ${path}`);
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      return bytes.slice(start, start + length);
    },
  };
}

/** LINE_BYTES-byte lines "000000001 xxx…\n": line n (1-based) starts at (n - 1) × LINE_BYTES. */
export const LINE_BYTES = 100;

export function lineAt(n: number): string {
  return `${String(n).padStart(9, '0')} ${'x'.repeat(LINE_BYTES - 11)}\n`;
}

/** A virtual text file of `size` bytes made of lineAt(1), lineAt(2), …, generated per read. */
export function generatedReader(size: number): CountingReader {
  const reads: CountingReader['reads'] = [];
  const encoder = new TextEncoder();
  return {
    reads,
    async read(layer, path, start, length) {
      reads.push({ layer, path, start, length });
      const end = Math.min(size, start + length);
      const out = new Uint8Array(Math.max(0, end - start));
      // Whole lines from a template with only the 9-digit number changed (fast enough for 100 MB).
      const template = encoder.encode(lineAt(1));
      for (let n = Math.floor(start / LINE_BYTES); n * LINE_BYTES < end; n++) {
        const digits = String(n + 1).padStart(9, '0');
        for (let d = 0; d < 9; d++) template[d] = digits.charCodeAt(d);
        const from = n * LINE_BYTES;
        const skip = Math.max(0, start - from);
        out.set(template.subarray(skip, Math.min(LINE_BYTES, end - from)), from + skip - start);
      }
      return out;
    },
  };
}
