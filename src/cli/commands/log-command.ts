// `layerscope log SOURCE PATH [--json]`: every layer that added, modified, removed or hid a path, with
// the size and content hash of the version involved and the command that made the layer.
import { LayerscopeError } from '../../core/errors.js';
import { pathHistory } from '../../core/path-history.js';
import { escapeName } from '../../presentation/escape-name.js';
import { formatBytes } from '../../presentation/format-bytes.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK } from '../print-error.js';
import { contentCommand, findPath, loadForContent } from './content-source.js';
import { stringifySafeJson } from '../../presentation/safe-json.js';

export interface LogRow {
  readonly layer: number;
  readonly change: string;
  readonly sizeBytes: number;
  readonly hash: string | null;
  readonly command: string;
}

export async function runLog(io: CliIo, args: readonly string[]): Promise<number> {
  const command = contentCommand('log', 'List every layer that touched a path.')
    .argument('<path>', 'the path, e.g. /etc/passwd')
    .option('--json', 'a JSON array of {layer, change, sizeBytes, hash, command}');
  command
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: () => {} })
    .addHelpText('after', '\nExamples:\n  layerscope log myapp:latest /etc/passwd\n  layerscope log --json image.tar /app/package.json');
  command.parse(args as string[], { from: 'user' });
  const opts = command.opts();
  const [source, typed] = command.args as [string, string];
  const { image } = await loadForContent(io, source, opts);
  const { id, shown } = findPath(image, typed);
  const steps = id === undefined ? [] : pathHistory(image, id);
  if (steps.length === 0) {
    throw new LayerscopeError(
      'usage',
      `no layer of ${image.name} touched ${shown}`,
      "check the path: layerscope SOURCE shows every layer's files",
    );
  }
  const rows: LogRow[] = steps.map((s) => ({
    layer: s.layer + 1,
    change: s.change,
    sizeBytes: s.entry.size,
    hash: s.entry.hash ?? null,
    command: image.layers[s.layer]!.command,
  }));
  if (opts.json === true) {
    io.stdout.write(`${stringifySafeJson(rows, 2)}\n`);
    return EXIT_OK;
  }
  const lines = rows.map((r) =>
    [
      String(r.layer).padEnd(5),
      r.change.padEnd(13),
      formatBytes(r.sizeBytes).padStart(8),
      (r.hash ?? '-').padEnd(16),
      escapeName(r.command),
    ].join('  '),
  );
  io.stdout.write(`${['layer', 'change       ', '    size', 'hash            ', 'command'].join('  ')}\n${lines.join('\n')}\n`);
  return EXIT_OK;
}
