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
import { withReadingGc } from './reading-gc.js';
import { checkAskedPlatform } from './asked-platform.js';
import { join } from 'node:path';
import { isLayerscopeError, LayerscopeError } from '../core/errors.js';
import { looksLikeImageId } from '../io/daemon/image-reference.js';
import type { ProxySetting, ProxySettings } from '../io/registry/proxy-rules.js';
import { printNotice } from './print-error.js';

const registry = (): Promise<typeof import('../io/registry/index.js')> => import('../io/registry/index.js');

export interface LoadContext {
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream;
  readonly host?: string;
  readonly context?: string;
  readonly pull: boolean;
  /** --insecure-registry hosts (plain HTTP allowed). */
  readonly insecureRegistries?: readonly string[];
  /** One line for the user on stderr, given without the 'layerscope: ' it is printed with (the registry fallback says so). */
  readonly notice?: (line: string) => void;
}

/** The load context from the command's own flags (-H, --context, --pull, --insecure-registry), typed once here. */
export function loadContextFrom(
  io: { readonly env: NodeJS.ProcessEnv; readonly stdin: NodeJS.ReadableStream; readonly stderr: NodeJS.WritableStream },
  opts: Readonly<Record<string, unknown>>,
): LoadContext {
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  const hosts = opts.insecureRegistry;
  return {
    env: io.env,
    stdin: io.stdin,
    host: text(opts.host),
    context: text(opts.context),
    pull: opts.pull === true,
    ...(Array.isArray(hosts) ? { insecureRegistries: hosts.filter((h): h is string => typeof h === 'string') } : {}),
    notice: (text) => printNotice(text, (s) => io.stderr.write(s)),
  };
}

async function loadFromRegistry(location: string, ctx: LoadContext, opts: ReadOptions, onFound?: () => void): Promise<ImageModel> {
  const { readFromRegistry, findCredentials, trustedCas, parseRegistryReference } = await registry();
  const configDir = ctx.env.DOCKER_CONFIG || join(homedir(), '.docker');
  const { registry: host } = parseRegistryReference(location);
  const image = await readFromRegistry(location, {
    ...opts,
    name: opts.name ?? location,
    onFound,
    insecureRegistries: ctx.insecureRegistries,
    ca: trustedCas([ctx.env.SSL_CERT_FILE, ctx.env.NODE_EXTRA_CA_CERTS]),
    proxy: proxySettings(ctx.env),
    credentials: () => findCredentials(host, configDir),
  });
  return checkAskedPlatform(image, opts, location, undefined);
}

/** Go's reading of the proxy variables (the docker CLI's): the upper-case name first, an empty value unset. */
function proxySettings(env: NodeJS.ProcessEnv): ProxySettings {
  const pick = (...names: string[]): ProxySetting | undefined => {
    const from = names.find((name) => env[name]);
    return from ? { value: env[from]!, from } : undefined;
  };
  return {
    httpProxy: pick('HTTP_PROXY', 'http_proxy'),
    httpsProxy: pick('HTTPS_PROXY', 'https_proxy'),
    noProxy: pick('NO_PROXY', 'no_proxy')?.value,
  };
}

/** A daemon's image (checked against an explicit --platform: a daemon can pull another). */
async function fromDaemon(spec: SourceSpec, ctx: LoadContext, opts: ReadOptions, engine: 'docker' | 'podman'): Promise<ImageModel> {
  const { resolveDockerEndpoint, resolvePodmanEndpoint, readFromDaemon } = await daemon();
  const endpoint =
    engine === 'docker'
      ? await resolveDockerEndpoint({ host: ctx.host, context: ctx.context, env: ctx.env, home: homedir() })
      : resolvePodmanEndpoint({ env: ctx.env, home: homedir(), uid: process.getuid?.() ?? 0 });
  const image = await readFromDaemon(spec.location, endpoint, { ...opts, name: opts.name ?? spec.location, pull: ctx.pull, engine });
  const checked = checkAskedPlatform(image, opts, spec.location, engine);
  const id = image.id;
  if (id && opts.onReadAgain) {
    // By id: the same image even if its tag has moved since. The layer cache spares parsing known layers.
    const { layerCache } = opts;
    const read = async (keepLayer: NonNullable<ReadOptions['keepLayer']>, signal: AbortSignal): Promise<void> => {
      await readFromDaemon(id, endpoint, { engine, pull: false, keepLayer, signal, ...(layerCache ? { layerCache } : {}) }).catch(
        (error: unknown) => {
          // The daemon's "not in … docker pull sha256:…" would send the user to pull an id.
          if (!isLayerscopeError(error) || !error.message.startsWith(`image ${id} is not in`)) throw error;
          throw new LayerscopeError(
            'source',
            `${image.name} (${id}) was removed from the ${engine} daemon after it was read, so its files cannot be read`,
            'open it again, or with --keep-layers to keep its layers as it is read',
          );
        },
      );
    };
    opts.onReadAgain({ id, read });
  }
  return checked;
}

/** A bare reference the daemon cannot give (not there, or no daemon) is read from the registry instead. */
async function loadFromDaemonOrRegistry(spec: SourceSpec, ctx: LoadContext, opts: ReadOptions): Promise<ImageModel> {
  try {
    return await fromDaemon(spec, ctx, opts, 'docker');
  } catch (error) {
    const fallback =
      spec.registryFallback && !ctx.pull && isLayerscopeError(error) && error.kind === 'source' && !looksLikeImageId(spec.location);
    if (!fallback) throw error;
    const { formatReference, parseRegistryReference } = await registry();
    let found = false;
    try {
      const ref = formatReference(parseRegistryReference(spec.location));
      // Said only once the registry has the image: when neither has it, the daemon's error is the answer.
      return await loadFromRegistry(spec.location, ctx, opts, () => {
        found = true;
        ctx.notice?.(`${error.message}; reading ${ref} from the registry instead`);
      });
    } catch (registryError) {
      if (found || !isLayerscopeError(registryError)) throw registryError;
      throw new LayerscopeError(
        error.kind,
        error.message,
        `${error.hint ? `${error.hint}; ` : ''}the registry could not give it either (${registryError.message})`,
        { cause: error.cause },
      );
    }
  }
}

export async function loadImage(spec: SourceSpec, ctx: LoadContext, opts: ReadOptions): Promise<ImageModel> {
  const image = await withReadingGc(() => readImage(spec, ctx, opts));
  // The demo has no platform to ask for; a daemon's and a registry's images are checked where they are
  // read (a bare name's fall-back knows which of the two it was).
  if (spec.kind === 'demo' || spec.kind === 'docker' || spec.kind === 'podman' || spec.kind === 'registry') return image;
  return checkAskedPlatform(image, opts, spec.kind === 'stdin' ? 'the image on standard input' : spec.location, undefined);
}

async function readImage(spec: SourceSpec, ctx: LoadContext, opts: ReadOptions): Promise<ImageModel> {
  switch (spec.kind) {
    case 'demo':
      return openDemoImage();
    case 'registry':
      return loadFromRegistry(spec.location, ctx, opts);
    case 'docker':
      return spec.registryFallback ? loadFromDaemonOrRegistry(spec, ctx, opts) : fromDaemon(spec, ctx, opts, 'docker');
    case 'podman':
      return fromDaemon(spec, ctx, opts, 'podman');
    case 'stdin':
      return openFileSource('stdin', '-', { ...opts, stdin: ctx.stdin as NodeJS.ReadStream });
    default:
      return openFileSource(spec.kind, spec.location, opts);
  }
}
