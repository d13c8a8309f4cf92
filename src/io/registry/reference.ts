// Image references as the docker CLI reads them (distribution/reference's "normalized named"): a first
// component with a dot or a colon, or `localhost`, is a registry; otherwise the image lives on Docker
// Hub, where one-word names are official images under `library/`. `nginx` → docker.io/library/nginx:latest.
import { LayerscopeError } from '../../core/errors.js';

export interface RegistryReference {
  /** Registry as the user (and config.json) names it: `docker.io`, `ghcr.io`, `127.0.0.1:5000`. */
  readonly registry: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

export const DOCKER_HUB = 'docker.io';
/** Docker Hub's registry API lives on another host than its name. */
export const DOCKER_HUB_API = 'registry-1.docker.io';

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

function bad(text: string, why: string): LayerscopeError {
  return new LayerscopeError(
    'usage',
    `'${text}' is not an image reference: ${why}`,
    'write [REGISTRY[:PORT]/]NAME[:TAG][@sha256:DIGEST], e.g. registry:nginx:1.27 or registry:ghcr.io/org/app:1.2',
  );
}

export function parseRegistryReference(text: string): RegistryReference {
  let rest = text.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw bad(text, `bad digest '${digest}'`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw bad(text, `bad tag '${tag}'`);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let registry = hasRegistry ? first : DOCKER_HUB;
  let repository = hasRegistry ? rest.slice(slash + 1) : rest;
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (!repository) throw bad(text, 'no repository name');
  if (!repository.split('/').every((c) => COMPONENT.test(c))) {
    throw bad(text, 'repository names are lower-case letters, digits and . _ - separated by /');
  }
  return { registry, repository, tag: tag ?? (digest ? undefined : 'latest'), digest };
}

/** `docker.io/library/nginx:latest`, `host:5000/app@sha256:…` (tag and digest both when both given). */
export function formatReference(ref: RegistryReference): string {
  return `${ref.registry}/${ref.repository}${ref.tag ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}

/** The host:port to talk HTTP to. */
export const apiHost = (registry: string): string => (registry === DOCKER_HUB ? DOCKER_HUB_API : registry);

/** Loopback registries may use plain HTTP without being named (docker's rule for 127.0.0.0/8 and localhost). */
export function isLoopback(registry: string): boolean {
  const host = registry.startsWith('[') ? registry.slice(1, registry.indexOf(']')) : registry.replace(/:\d+$/, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
