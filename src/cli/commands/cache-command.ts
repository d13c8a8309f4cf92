// `layerscope cache ls|prune [--max SIZE]`: what the layer store holds (diff id, size, last use) and
// emptying it, or shrinking it to a size (least recently used first).
import { LayerscopeError } from '../../core/errors.js';
import { Command } from 'commander';
import { formatBytes } from '../../presentation/format-bytes.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../print-error.js';
import { DEFAULT_CACHE_MAX, layerStoreFrom, parseSize } from './layer-store-setup.js';

const when = (d: Date): string => d.toISOString().slice(0, 16).replace('T', ' ');

/** The cap as it was set: sizes are read in powers of 1024 (5G is 5 GiB), so 5G shows as 5 GiB, not 5.4 GB. */
export function capText(bytes: number): string {
  for (const [unit, size] of [
    ['TiB', 1024 ** 4],
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return formatBytes(bytes);
}

/**
 * The file system refusing the store (a cache another user wrote: `sudo layerscope …` once, a read-only
 * mount): the user's to fix, said in one line, not a bug.
 */
function storeFailure(error: unknown, root: string): unknown {
  const { code, path } = error as NodeJS.ErrnoException;
  if (typeof code !== 'string' || error instanceof LayerscopeError) return error;
  const hint =
    code === 'EACCES' || code === 'EPERM'
      ? `the files there are another user's (made with sudo?): prune as that user, or remove ${root}`
      : code === 'EROFS'
        ? 'the cache directory is on a read-only file system: set XDG_CACHE_HOME to a writable one'
        : `check ${root} and its permissions`;
  return new LayerscopeError('usage', `cannot change the layer cache at ${path ?? root}: ${code}`, hint, { cause: error });
}

export async function runCache(io: CliIo, args: readonly string[]): Promise<number> {
  const command = new Command('layerscope cache')
    .description(
      'Show or prune the layer store (uncompressed layers kept for reading file contents, and parsed layers by diff id, or by blob digest for a compressed blob).',
    )
    .argument('<action>', 'ls or prune')
    .option('--max <size>', 'prune: shrink to this size instead of emptying (e.g. 1G)')
    .option('--cache-max <size>', `the cap shown by ls (default LAYERSCOPE_CACHE_MAX, else ${DEFAULT_CACHE_MAX})`)
    .showHelpAfterError('(run layerscope cache --help for usage)');
  command
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: () => {} })
    .addHelpText('after', '\nExamples:\n  layerscope cache ls\n  layerscope cache prune --max 1G\n  layerscope cache prune');
  command.parse(args as string[], { from: 'user' });
  const opts = command.opts();
  const action = command.args[0];
  const store = layerStoreFrom(io.env, { cacheMax: opts.cacheMax as string | undefined })!;
  if (action === 'ls') {
    const layers = (
      await store.list().catch((error: unknown) => {
        throw storeFailure(error, store.root);
      })
    ).reverse();
    const total = layers.reduce((sum, l) => sum + l.bytes, 0);
    // kind: 'tar' (the layer's bytes, for file contents) or 'entries' (its parsed file list, for re-reads).
    for (const l of layers) io.stdout.write(`${l.diffId}  ${l.kind.padEnd(7)}  ${formatBytes(l.bytes).padStart(8)}  ${when(l.lastUsed)}\n`);
    const tars = layers.filter((l) => l.kind === 'tar').length;
    io.stdout.write(
      `${tars} layers, ${layers.length - tars} parsed layers, ${formatBytes(total)} in ${store.root} (cap ${capText(store.maxBytes)})\n`,
    );
    return EXIT_OK;
  }
  if (action === 'prune') {
    const max = typeof opts.max === 'string' ? parseSize(opts.max, '--max') : 0;
    const removed = await store.prune(max).catch((error: unknown) => {
      throw storeFailure(error, store.root);
    });
    const freed = removed.reduce((sum, l) => sum + l.bytes, 0);
    io.stdout.write(`removed ${removed.length} files (${formatBytes(freed)}) from ${store.root}\n`);
    return EXIT_OK;
  }
  throw new LayerscopeError(
    'usage',
    `unknown cache action '${String(action)}'`,
    'use layerscope cache ls, or layerscope cache prune [--max SIZE]',
  );
}
