// Images that live in files: archives (docker-archive:, oci-archive:, a plain path, stdin) and OCI layout
// directories (oci:DIR[:REF]). A plain path is sniffed: a directory with oci-layout is a layout, a file an
// archive of any shape (readImageArchive tells them apart by content).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { Readable } from 'node:stream';
import { LayerscopeError } from '../core/errors.js';
import type { ImageModel } from '../core/model.js';
import { readImageArchive } from './archive/read-image-archive.js';
import { readArchiveFile } from './archive/read-archive-file.js';
import { readOciLayout } from './oci/read-oci-layout.js';
import type { ReadOptions } from './read-options.js';

export type FileSourceKind = 'docker-archive' | 'oci-archive' | 'oci' | 'path' | 'stdin';

async function statOf(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new LayerscopeError('source', `cannot read ${path}: ${code ?? String(error)}`, 'check the path and its permissions', {
      cause: error,
    });
  }
}

const noSuchFile = (path: string): LayerscopeError =>
  new LayerscopeError('source', `no such file: ${path}`, 'check the path; for an image in the Docker daemon use docker:NAME');

/** skopeo-style 'PATH:REF': the whole string when it exists, else the longest existing PATH before a ':'. */
async function pathAndRef(location: string): Promise<{ path: string; ref?: string; info?: Stats }> {
  const whole = await statOf(location);
  if (whole) return { path: location, info: whole };
  // The ref may hold colons itself ('archive.tar:name:tag'): try each split, longest path first.
  for (let colon = location.lastIndexOf(':'); colon > 0; colon = location.lastIndexOf(':', colon - 1)) {
    const path = location.slice(0, colon);
    const info = await statOf(path);
    if (info) return { path, ref: location.slice(colon + 1), info };
  }
  return { path: location };
}

function readArchiveAt(path: string, info: Stats, opts: ReadOptions): Promise<ImageModel> {
  if (info.isDirectory()) {
    throw new LayerscopeError('source', `${path} is a directory, not an image archive`, 'for an OCI layout directory use oci:DIR');
  }
  // A pipe or a device (`layerscope <(docker save app)`, /dev/stdin, a FIFO) cannot be read at offsets:
  // it is read front to back, as standard input is.
  if (!info.isFile()) return readImageArchive(createReadStream(path), opts, path);
  return readArchiveFile(path, info.size, opts);
}

export async function openFileSource(
  kind: FileSourceKind,
  location: string,
  opts: ReadOptions & { stdin?: Readable },
): Promise<ImageModel> {
  const { stdin, ...readOpts } = opts;
  if (kind === 'stdin') {
    if (!stdin)
      throw new LayerscopeError(
        'usage',
        'no standard input to read the archive from',
        'pipe an archive in: docker save IMAGE | layerscope -',
      );
    // A terminal is never an archive: say so now rather than wait for the user to type one.
    if ((stdin as { isTTY?: boolean }).isTTY === true)
      throw new LayerscopeError(
        'usage',
        'standard input is a terminal, not an image archive',
        'pipe an archive in: docker save IMAGE | layerscope -',
      );
    return readImageArchive(stdin, readOpts, 'standard input');
  }
  const { path, ref, info } = await pathAndRef(location);
  if (!info) throw noSuchFile(path);
  if (kind === 'oci' || (kind === 'path' && info.isDirectory())) {
    if (!info.isDirectory())
      throw new LayerscopeError('source', `${path} is not a directory`, 'for an archive file use oci-archive:FILE or just the path');
    return readOciLayout(path, readOpts, ref).catch(unreadable);
  }
  // A ref after the archive path picks the image by tag (docker-archive) or ref name (oci-archive).
  return readArchiveAt(path, info, ref ? { ...readOpts, name: readOpts.name ?? ref, pickRef: ref } : readOpts).catch(unreadable);
}

/** A file the user may not read (the archive, a layout's blob) is theirs to fix, not a bug. */
function unreadable(error: unknown): never {
  const { code, path, syscall } = error as NodeJS.ErrnoException;
  if ((code === 'EACCES' || code === 'EPERM') && path && syscall === 'open') {
    throw new LayerscopeError(
      'source',
      `cannot read ${path}: permission denied`,
      'check its permissions (ls -l), or read it as a user who may',
      {
        cause: error,
      },
    );
  }
  throw error;
}
