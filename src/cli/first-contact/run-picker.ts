// `layerscope` with no argument, on a terminal: the daemon's local images in a picker; Enter opens the
// explorer on one, and quitting the explorer comes back to the list. No daemon: one line that says so,
// and the other ways in.
import { homedir } from 'node:os';
import { createElement } from 'react';
import { LayerscopeError } from '../../core/errors.js';
import type { PickerImage } from '../../ui/picker/picker-state.js';
import { localeIsUtf8 } from '../../ui/theme.js';
import { exploreFlags, runExploreCommand } from '../explore/explore-command.js';
import { importUi } from '../explore/run-explore.js';
import { loadContextFrom, loadImage } from '../load-image.js';
import type { CliIo } from '../cli-io.js';
import { EXIT_OK, printError } from '../print-error.js';

const OTHER_WAYS = 'open an archive (layerscope image.tar), a registry image (layerscope registry:nginx), or the demo (layerscope demo)';

async function localImages(io: CliIo, opts: Readonly<Record<string, unknown>>): Promise<{ images: PickerImage[]; where: string }> {
  const { resolveDockerEndpoint, listImages } = await import('../../io/daemon/index.js');
  const endpoint = await resolveDockerEndpoint({
    host: opts.host as string | undefined,
    context: opts.context as string | undefined,
    env: io.env,
    home: homedir(),
  });
  try {
    return { images: await listImages({ endpoint, engine: 'docker' }), where: endpoint.url };
  } catch (error) {
    const reason = error instanceof LayerscopeError ? error.message : String(error);
    throw new LayerscopeError('source', `no image picker: ${reason}`, OTHER_WAYS, { cause: error });
  }
}

export async function runPicker(io: CliIo, opts: Readonly<Record<string, unknown>>): Promise<number> {
  const { images, where } = await localImages(io, opts);
  if (images.length === 0) throw new LayerscopeError('source', `the Docker daemon at ${where} has no images`, OTHER_WAYS);
  const [{ mountFullscreen }, { Picker }] = await importUi(() =>
    Promise.all([import('../explore/mount-fullscreen.js'), import('../../ui/picker/picker.js')]),
  );
  // As the explorer decides it (run-explore.ts): --ascii, or a locale that is not UTF-8.
  const ascii = opts.ascii === true || !localeIsUtf8(io.env);
  for (;;) {
    const outcome = await mountFullscreen<PickerImage | null>(io, (done, size) =>
      createElement(Picker, { images, columns: size.columns, rows: size.rows, ascii, onDone: done }),
    );
    if ('signalCode' in outcome) return outcome.signalCode;
    const chosen = outcome.value;
    if (!chosen) return EXIT_OK;
    const ref = chosen.repository === '<none>' ? chosen.id : `${chosen.repository}:${chosen.tag}`;
    const load = () => loadImage({ kind: 'docker', location: ref }, { ...loadContextFrom(io, opts), pull: false }, { name: ref });
    // A failed read is said, and the list comes back: one bad image does not end the session.
    const code = await runExploreCommand(load, exploreFlags(opts), io, ref).catch((error: unknown) =>
      printError(error, false, (s) => io.stderr.write(s)),
    );
    if (code > 2) return code; // a signal (128 + n) ends it all
  }
}
