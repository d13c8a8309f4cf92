// What a daemon's export of an image gave beyond its config and layers (entries/export/<image id hex>):
// each layer's blob digest as the archive named it. With the config (kept by
// digest) and every layer's entries (by diff id) it is all a read of that image is made of, so an
// unchanged image is read again without exporting it (read-from-daemon.ts). Which digests an export
// names depends on the engine build (Docker <= 24: none, 25+: the diff ids), so a record counts only for
// the build that answered when it was kept. A few hundred bytes an image, not counted against the cap.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportRecordName } from './export-record-path.js';
import { replaceFile } from './replace-file.js';

const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Written into each record: a later layerscope that reads exports differently writes another. */
const VERSION = 1;

export interface ExportRecord {
  /** The engine build that exported it (EngineAgent.answeredBy). */
  readonly engine: string;
  /** Each layer's digest as the export named it, in config order; null where it named none. */
  readonly digests: readonly (string | null)[];
}

function asRecord(value: unknown): ExportRecord | undefined {
  const r = value as (Partial<ExportRecord> & { version?: unknown }) | null;
  if (typeof r !== 'object' || r === null || r.version !== VERSION || typeof r.engine !== 'string' || !Array.isArray(r.digests))
    return undefined;
  return r.digests.every((d) => d === null || (typeof d === 'string' && DIGEST.test(d)))
    ? { engine: r.engine, digests: r.digests }
    : undefined;
}

export class ExportRecords {
  constructor(
    readonly dir: string,
    private readonly tmpDir: string,
  ) {}

  /** The record of `imageId` kept for the `engine` build, when there is a whole one. */
  async get(imageId: string, engine: string): Promise<ExportRecord | undefined> {
    const hex = exportRecordName(imageId);
    if (!hex) return undefined;
    const text = await readFile(join(this.dir, hex), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    let record: ExportRecord | undefined;
    try {
      record = asRecord(JSON.parse(text));
    } catch {
      record = undefined; // cut short or damaged: as if never kept
    }
    return record?.engine === engine ? record : undefined;
  }

  /** Keeps `record` for `imageId` (temp + rename: a reader sees the old file or the new one). */
  async keep(imageId: string, record: ExportRecord): Promise<void> {
    const hex = exportRecordName(imageId);
    if (!hex) return;
    await replaceFile(this.dir, hex, this.tmpDir, JSON.stringify({ version: VERSION, engine: record.engine, digests: record.digests }));
  }
}
