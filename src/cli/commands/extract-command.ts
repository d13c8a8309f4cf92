// `layerscope extract SOURCE PATH [--layer N] [-o DIR] [--force]`: a file, or a directory tree, as of a
// layer, into DIR/<its name> (like `docker cp`); all of `/` goes into DIR itself. The rules that keep
// it inside DIR are in io/content/extract-files.ts.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LayerscopeError } from '../../core/errors.js';
import type { ContentReader } from '../../core/content.js';
import type { ImageModel, LayerEntry } from '../../core/model.js';
import { ROOT, type PathId } from '../../core/path-table.js';
import { extractFiles, type ExtractItem } from '../../io/content/extract-files.js';
import { fileData } from '../../io/content/file-version.js';
import { visibleUnder } from '../../io/content/visible-tree.js';
import { escapeName } from '../../presentation/escape-name.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../print-error.js';
import { findPath, layerIndex, loadForContent } from './content-source.js';
import { extractProgram } from './content-programs.js';
import { symlinkHint } from './symlink-hint.js';
import { versionFor } from './file-at-layer.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** File system errors (permission, full disk) are the user's to fix, not bugs: one line. */
function asUserError(error: unknown, dir: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string' || error instanceof LayerscopeError) return error;
  return new LayerscopeError('usage', `cannot write into ${dir}: ${code}`, 'check the directory and its permissions', { cause: error });
}

export async function runExtract(io: CliIo, args: readonly string[]): Promise<number> {
  const command = extractProgram();
  command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: () => {} });
  command.parse(args as string[], { from: 'user' });
  const opts = command.opts();
  const [source, typed] = command.args as [string, string];
  const dir = opts.output as string;
  // Said before the image is read: -o /dev/null or -o notes.txt would otherwise end in mkdir's EEXIST.
  const there = await stat(dir).catch(() => undefined);
  if (there && !there.isDirectory())
    throw new LayerscopeError('usage', `${dir} is not a directory`, 'give -o a directory (made if missing)');
  const { image, content } = await loadForContent(io, source, opts);
  const k = layerIndex(image, opts.layer);
  const { id, shown } = findPath(image, typed);
  const reader = content.reader(image, false);
  const summary = await extractPath(image, reader, k, id, shown, dir, opts.force === true).finally(async () => {
    await reader.close();
    content.close();
  });
  io.stderr.write(`layerscope: ${escapeName(summary)}\n`);
  return EXIT_OK;
}

/** Where a file's bytes lie, for the order of writing (a link that leads nowhere fails later, in extract's check). */
function bytesAt(image: ImageModel, f: { path: PathId; entry: LayerEntry; layer: number }): Pick<ExtractItem, 'bytesAt'> {
  if (f.entry.kind !== 'file' && f.entry.kind !== 'hardlink') return {};
  try {
    const data = fileData(image, f.layer, f.path);
    return { bytesAt: { layer: data.layer, offset: data.dataOffset } };
  } catch {
    return {};
  }
}

/**
 * `id` (shown as `shown`) as of layer k into DIR, by the rules above; the one-line summary, names
 * unescaped (the caller escapes). Shared by `extract` and the explorer's x.
 */
export async function extractPath(
  image: ImageModel,
  reader: ContentReader,
  k: number,
  id: PathId | undefined,
  shown: string,
  dir: string,
  force: boolean,
): Promise<string> {
  const version = id === ROOT ? undefined : versionFor(image, id, k, shown, true);
  const isTree = id === ROOT || version === undefined || version.entry.kind === 'dir';
  const files = isTree ? visibleUnder(image, k, id!) : [{ path: id!, entry: version!.entry, layer: version!.layer }];
  if (files.length === 0)
    throw new LayerscopeError(
      'usage',
      `${shown} does not exist at layer ${k + 1}`,
      symlinkHint(image, shown, k) ?? 'see which layers have it: layerscope log SOURCE PATH',
    );
  // The named path lands at DIR/<its last name>; the image root's contents straight in DIR.
  const base = id === ROOT ? '' : image.paths.path(image.paths.parent(id!));
  const items: ExtractItem[] = files.map((f) => {
    const full = image.paths.path(f.path);
    const item = { relPath: base ? full.slice(base.length + 1) : full, shown: `/${full}`, entry: f.entry, path: f.path, layer: f.layer };
    return { ...item, ...bytesAt(image, f) };
  });
  const summary = await extractFiles(dir, items, reader, force, (name) => name).catch((e: unknown) => {
    throw asUserError(e, dir);
  });
  const where = id === ROOT ? dir : join(dir, image.paths.name(id!));
  const parts = [
    plural(summary.files, 'file'),
    plural(summary.dirs, 'directory').replace('directorys', 'directories'),
    plural(summary.links, 'symlink'),
  ];
  const skipped = summary.skipped ? `; skipped ${plural(summary.skipped, 'device node or fifo')}` : '';
  return `extracted ${shown} as of layer ${k + 1} to ${where} (${parts.join(', ')})${skipped}`;
}
