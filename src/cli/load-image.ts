// Turns a parsed source into an ImageModel by calling the matching io adapter. The environment is read
// here (not in io) and passed down.
import { homedir } from 'node:os';
import type { ImageModel } from '../core/model.js';
import type { ReadOptions } from '../io/read-options.js';
import { openFileSource } from '../io/open-file-source.js';
import { openDemoImage } from '../io/demo-image.js';

// The daemon client (http, tls, ssh) is loaded only for daemon sources: it is half of the CLI's start-up
// (about 50 ms), which an archive or the demo never needs.
const daemon = (): Promise<typeof import('../io/daemon/index.js')> => import('../io/daemon/index.js');
import type { SourceSpec } from './source-spec.js';

export interface LoadContext {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream;
  readonly host?: string;
  readonly context?: string;
  readonly pull: boolean;
}

export async function loadImage(spec: SourceSpec, ctx: LoadContext, opts: ReadOptions): Promise<ImageModel> {
  switch (spec.kind) {
    case 'demo':
      return openDemoImage();
    case 'docker': {
      const { resolveDockerEndpoint, readFromDaemon } = await daemon();
      const endpoint = await resolveDockerEndpoint({ host: ctx.host, context: ctx.context, env: ctx.env, home: homedir() });
      return readFromDaemon(spec.location, endpoint, { ...opts, name: opts.name ?? spec.location, pull: ctx.pull, engine: 'docker' });
    }
    case 'podman': {
      const { resolvePodmanEndpoint, readFromDaemon } = await daemon();
      const endpoint = resolvePodmanEndpoint({ env: ctx.env, home: homedir(), uid: process.getuid?.() ?? 0 });
      return readFromDaemon(spec.location, endpoint, { ...opts, name: opts.name ?? spec.location, pull: ctx.pull, engine: 'podman' });
    }
    case 'stdin':
      return openFileSource('stdin', '-', { ...opts, stdin: ctx.stdin as NodeJS.ReadStream });
    default:
      return openFileSource(spec.kind, spec.location, opts);
  }
}
