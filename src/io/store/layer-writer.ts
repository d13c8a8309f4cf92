// Writes one uncompressed layer tar into the store as it streams past: sha256 for its name (the diff id)
// and xxh64 per 1 MiB block for the checks on read, computed on the same pass. Bytes go to a temporary
// file; `end` renames it into place only when the whole layer arrived.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hex, type ContentHashing } from '../archive/content-hash.js';
import { BLOCK_BYTES, type StoreFiles, type StoreIndex } from './store-format.js';

/** Where a layer's uncompressed bytes can be sent while the layer is parsed (archive readers take this). */
export interface LayerSink {
  /** A promise back means the disk is behind: wait for it before the next write (bounded memory). */
  write(chunk: Uint8Array): Promise<void> | undefined;
  /** The layer ended intact: keep it. */
  end(): Promise<void>;
  /** The layer failed: drop what was written. */
  abort(): void;
}

export class LayerWriter implements LayerSink {
  private readonly tmp: string;
  private readonly out: WriteStream;
  private readonly sha = createHash('sha256');
  private block: ReturnType<ContentHashing['create']>;
  private blockFill = 0;
  private readonly blocks: string[] = [];
  private bytes = 0;
  private failed: Error | undefined;

  constructor(
    private readonly store: StoreFiles,
    private readonly hashing: ContentHashing,
  ) {
    this.tmp = join(store.tmpDir, `${process.pid}-${randomBytes(6).toString('hex')}`);
    this.out = createWriteStream(this.tmp, { flags: 'wx' });
    this.out.on('error', (error) => {
      this.failed = error;
    });
    this.block = hashing.create();
  }

  write(chunk: Uint8Array): Promise<void> | undefined {
    if (this.failed) return undefined;
    this.sha.update(chunk);
    this.bytes += chunk.length;
    for (let at = 0; at < chunk.length;) {
      const n = Math.min(BLOCK_BYTES - this.blockFill, chunk.length - at);
      this.block.update(chunk.subarray(at, at + n));
      this.blockFill += n;
      at += n;
      if (this.blockFill === BLOCK_BYTES) this.nextBlock();
    }
    if (this.out.write(chunk)) return undefined;
    return new Promise((resolve) => {
      const done = (): void => {
        this.out.off('drain', done);
        this.out.off('close', done);
        resolve();
      };
      this.out.on('drain', done);
      this.out.on('close', done);
    });
  }

  private nextBlock(): void {
    this.blocks.push(hex(this.block.digest()));
    this.block = this.hashing.create();
    this.blockFill = 0;
  }

  /** Renames the layer into place under its sha256 (which must equal `expected` when given). */
  async end(expected?: string): Promise<void> {
    if (this.blockFill > 0) this.nextBlock();
    await new Promise<void>((done) => this.out.end(done));
    const diffId = `sha256:${this.sha.digest('hex')}`;
    if (this.failed || (expected !== undefined && expected !== diffId) || this.bytes > this.store.maxBytes) {
      await rm(this.tmp, { force: true });
      return;
    }
    const index: StoreIndex = { version: 1, diffId, bytes: this.bytes, blockBytes: BLOCK_BYTES, blocks: this.blocks };
    const data = this.store.dataPath(diffId);
    // Index first: a data file without its index is never used, an index without its data neither.
    await writeFile(`${this.tmp}.idx`, JSON.stringify(index), { flag: 'wx' });
    await rename(`${this.tmp}.idx`, `${data}.idx`);
    await rename(this.tmp, data);
    await this.store.written(this.bytes);
  }

  abort(): void {
    this.failed ??= new Error('aborted');
    this.out.destroy();
    void rm(this.tmp, { force: true });
  }
}
