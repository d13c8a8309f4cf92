// `layerscope diff A B` on a terminal: both images read at once as for the report, but keeping their
// layers in the layer store as they pass (stream sources: the daemon, podman, stdin), so Enter can
// read both versions of a file; then the diff explorer in the alternate screen until q.
import { diffImages } from '../../core/image-diff/index.js';
import { printWarnings } from '../print-error.js';
import type { CliIo } from '../cli-io.js';
import { cacheDebugLine, contentSetup } from '../commands/layer-store-setup.js';
import { FillsAfterFirstFrame, startAfterFirstFrame } from '../explore/cache-fills.js';
import { useColor } from '../explore/explore-command.js';
import { loadKeymap } from '../explore/key-config.js';
import { keyboard, uiOnce } from '../explore/run-explore.js';
import { localeIsUtf8 } from '../../ui/theme.js';
import type { DiffOptions } from './diff-options.js';
import { readBoth, sideWarnings } from './read-side.js';

export async function exploreDiff(
  io: CliIo,
  opts: DiffOptions,
  flags: { readonly cache?: boolean; readonly cacheMax?: string; readonly debug?: boolean },
): Promise<number> {
  // Bad key bindings, a missing keyboard or a bad cache size fail before two long reads, not after.
  const keymap = loadKeymap(opts.config, io.env);
  const contents = contentSetup(io.env, {
    ...(flags.cache === false ? { cache: false } : {}),
    ...(flags.cacheMax ? { cacheMax: flags.cacheMax } : {}),
  });
  const stdin = keyboard(io.stdin);
  // As the explorer's: the layer cache's hashes of archive layers wait for the first frame.
  const fills = new FillsAfterFirstFrame();
  const background = new AbortController();
  const startUi = uiOnce(() => import('./mount-diff-explorer.js'));
  try {
    const [a, b] = await readBoth(
      opts,
      io,
      {
        ...contents.readOptions,
        ...contents.refetchOptions,
        ...fills.readOptions(contents.readOptions.layerCache !== undefined),
      },
      startUi,
    );
    if (flags.debug === true && contents.readOptions.layerCache) io.stderr.write(cacheDebugLine(contents.readOptions.layerCache));
    const diff = diffImages(a, b);
    const content = { a: contents.reader(a.image, true), b: contents.reader(b.image, true) };
    try {
      const { mountDiffExplorer } = await startUi();
      const running = mountDiffExplorer({
        diff,
        a,
        b,
        keymap,
        color: useColor({ color: opts.color, ascii: opts.ascii, lenient: opts.lenient }, io.env),
        ascii: opts.ascii || !localeIsUtf8(io.env),
        content,
        stdin,
        stdout: io.stdout,
        stderr: io.stderr,
      });
      startAfterFirstFrame(fills.run, background.signal);
      return await running.finally(() => {
        const kept = fills.debugLine();
        if (flags.debug === true && kept) io.stderr.write(kept);
      });
    } finally {
      background.abort();
      await Promise.all([content.a.close(), content.b.close()]);
      contents.close();
      // Said once the terminal is back, where it stays readable.
      printWarnings(sideWarnings(a, b), (text) => io.stderr.write(text));
    }
  } finally {
    if (stdin !== io.stdin) stdin.destroy();
  }
}
