// `layerscope log SOURCE PATH [--json]`: every layer that added, modified, removed or hid a path, with
// the size and content hash of the version it made visible and the command that made the layer. A
// removal makes nothing visible: its row has no size or hash (null, '-'), where it used to repeat the
// removed version's, which read as if the layer had written those bytes.
import { LayerscopeError } from '../../core/errors.js';
import { pathHistory } from '../../core/path-history.js';
import { escapeName } from '../../presentation/escape-name.js';
import { versionSizeText } from '../../presentation/file-history-rows.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../print-error.js';
import { findPath, loadForContent } from './content-source.js';
import { logProgram } from './content-programs.js';
import { symlinkHint } from './symlink-hint.js';
import { stringifySafeJson } from '../../presentation/safe-json.js';

export interface LogRow {
  readonly layer: number;
  readonly change: string;
  /** What the row's version is (file, dir, symlink, hardlink…); null on removals, as its size. */
  readonly kind: string | null;
  /** A symlink's or hard link's target, as the layer wrote it. */
  readonly linkTarget?: string;
  /** null on removed/opaque-hidden rows, as hash (also null for anything but files and hardlinks). */
  readonly sizeBytes: number | null;
  readonly hash: string | null;
  readonly command: string;
}

export async function runLog(io: CliIo, args: readonly string[]): Promise<number> {
  const command = logProgram();
  command.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: () => {} });
  try {
    command.parse(args as string[], { from: 'user' });
  } catch (error) {
    // The image command's --json takes a FILE (- for stdout); log's writes to stdout and takes none, so
    // `log --json - IMAGE PATH` (that habit) is three arguments: say what it meant.
    const excess = (error as { code?: unknown }).code === 'commander.excessArguments';
    if (excess && args[args.indexOf('--json') + 1] === '-') {
      throw new LayerscopeError(
        'usage',
        "log --json takes no FILE: it writes to standard output ('-' was read as the image)",
        'write layerscope log --json SOURCE PATH, and > FILE to keep it',
      );
    }
    throw error;
  }
  const opts = command.opts();
  const [source, typed] = command.args as [string, string];
  const { image } = await loadForContent(io, source, opts);
  const { id, shown } = findPath(image, typed);
  const steps = id === undefined ? [] : pathHistory(image, id);
  if (steps.length === 0) {
    throw new LayerscopeError(
      'usage',
      `no layer of ${image.name} touched ${shown}`,
      symlinkHint(image, shown, image.layers.length - 1) ?? "check the path: layerscope SOURCE shows every layer's files",
    );
  }
  const rows: LogRow[] = steps.map((s) => {
    const gone = s.change === 'removed' || s.change === 'opaque-hidden';
    const link = !gone && s.entry.linkTarget !== undefined ? { linkTarget: s.entry.linkTarget } : {};
    return {
      layer: s.layer + 1,
      change: s.change,
      kind: gone ? null : s.entry.kind,
      ...link,
      sizeBytes: gone ? null : s.entry.size,
      hash: gone ? null : (s.entry.hash ?? null),
      command: image.layers[s.layer]!.command,
    };
  });
  if (opts.json === true) {
    io.stdout.write(`${stringifySafeJson(rows, 2)}\n`);
    return EXIT_OK;
  }
  const lines = rows.map((r) =>
    [
      String(r.layer).padEnd(5),
      r.change.padEnd(13),
      sizeText(r).padStart(8),
      (r.linkTarget !== undefined ? `→ ${escapeName(r.linkTarget)}` : (r.hash ?? '-')).padEnd(16),
      escapeName(r.command),
    ].join('  '),
  );
  io.stdout.write(`${['layer', 'change       ', '    size', 'hash            ', 'command'].join('  ')}\n${lines.join('\n')}\n`);
  return EXIT_OK;
}

const sizeText = (r: LogRow): string => versionSizeText(r.kind, r.sizeBytes);
