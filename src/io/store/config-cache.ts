// Image configs by digest (entries/config/<hex>), beside the parsed layers: an unchanged image read again
// from a registry then needs its manifest alone. A config is a few KB and names its layers' diff ids, so
// it is what a warm read needs before any layer. Kept only after its bytes were checked against the
// digest (the registry read does that), and checked again when read back: a file changed on disk is not
// used. Like the v1-id aliases, they are not counted against the cache's cap (a few KB an image).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceFile } from './replace-file.js';

const DIGEST = /^sha256:([0-9a-f]{64})$/;
const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export class ConfigCache {
  constructor(
    readonly dir: string,
    private readonly tmpDir: string,
  ) {}

  /** The config `digest` names, when kept and still hashing to it. */
  async get(digest: string): Promise<Buffer | undefined> {
    const hex = DIGEST.exec(digest)?.[1];
    if (!hex) return undefined;
    const bytes = await readFile(join(this.dir, hex)).catch(() => undefined);
    return bytes && sha256Hex(bytes) === hex ? bytes : undefined;
  }

  /** Keeps `bytes` under `digest` (temp + rename), only if they hash to it. */
  async keep(digest: string, bytes: Uint8Array): Promise<void> {
    const hex = DIGEST.exec(digest)?.[1];
    if (!hex || sha256Hex(bytes) !== hex) return;
    await replaceFile(this.dir, hex, this.tmpDir, bytes).catch(() => undefined);
  }
}
