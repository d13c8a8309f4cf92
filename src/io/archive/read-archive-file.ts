// An image archive in a file. A plain tar (what docker save, podman save and skopeo write) is read with
// random access: its headers first, then only the chosen image's layers, two at a time. Anything else (a
// gzipped `docker save`, garbage, an empty file) goes through the streaming reader, which says what it is.
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ImageModel } from '../../core/model.js';
import { readAheadStream } from '../file/read-ahead-stream.js';
import type { ReadOptions } from '../read-options.js';
import { readIndexedMembers } from './indexed-members.js';
import { imageFromMembers, readImageArchive } from './read-image-archive.js';
import { sniff, SNIFF_BYTES } from './sniff.js';

/** `sourceName` names the archive in messages (default: its path). */
export async function readArchiveFile(path: string, size: number, opts: ReadOptions, sourceName = path): Promise<ImageModel> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    // An empty file goes the stream's way too, which says it is empty (sniff calls no bytes a tar: a 0-byte layer).
    if (bytesRead === 0 || sniff(buffer.subarray(0, bytesRead)) !== 'tar') {
      return await readImageArchive(readAheadStream(path, size), { ...opts, totalBytes: opts.totalBytes ?? size }, sourceName);
    }
    return await imageFromMembers(await readIndexedMembers(file, size, opts, resolve(path)), opts, sourceName);
  } finally {
    await file.close();
  }
}
