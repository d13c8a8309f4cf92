// Where an image comes from, parsed from what the user typed. One scheme, documented in the README;
// dive's and skopeo's spellings are accepted too so that habits carry over.
import { homedir } from 'node:os';
import { LayerscopeError } from '../core/errors.js';

export type SourceKind = 'docker' | 'podman' | 'docker-archive' | 'oci-archive' | 'oci' | 'path' | 'stdin' | 'demo' | 'registry';

export interface SourceSpec {
  readonly kind: SourceKind;
  /** Image reference for daemons, a path for files, '' for stdin/demo. */
  readonly location: string;
  /** A bare reference: read from the registry when the daemon does not have it (or none answers). */
  readonly registryFallback?: true;
}

const SCHEMES: ReadonlyArray<[prefix: string, kind: SourceKind]> = [
  ['docker-archive://', 'docker-archive'],
  ['docker-archive:', 'docker-archive'],
  ['oci-archive://', 'oci-archive'],
  ['oci-archive:', 'oci-archive'],
  ['oci://', 'oci'],
  ['oci:', 'oci'],
  ['docker-daemon:', 'docker'],
  ['docker://', 'docker'],
  ['docker:', 'docker'],
  ['podman://', 'podman'],
  ['podman:', 'podman'],
  ['registry:', 'registry'],
];

const PATH_KINDS: ReadonlySet<SourceKind> = new Set(['docker-archive', 'oci-archive', 'oci']);
/** A shell expands `~` only at a word's start, so `docker-archive:~/x.tar` arrives as typed: expanded here. */
const withHome = (path: string): string => (path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path);

/** What follows each scheme, as the usage writes it. */
const WHAT: Partial<Record<SourceKind, string>> = { 'docker-archive': 'PATH', 'oci-archive': 'PATH', oci: 'DIR', registry: 'REF' };

export const SOURCE_FLAG_VALUES = ['docker', 'podman', 'docker-archive', 'oci-archive', 'oci'] as const;
export type SourceFlag = (typeof SOURCE_FLAG_VALUES)[number];

/** Looks like a file the user means rather than an image name: explicit paths and archive suffixes. */
function looksLikePath(text: string): boolean {
  return /^(\.{0,2}\/|~\/)/.test(text) || /\.(tar|tar\.gz|tgz|tar\.zst|oci)$/i.test(text);
}

/**
 * `source` as typed; `flag` is `--source` (dive's spelling); `exists` tells whether a path exists
 * (injected so this stays testable without a file system).
 */
export function parseSourceSpec(source: string, flag: string | undefined, exists: (path: string) => boolean): SourceSpec {
  if (flag !== undefined && !(SOURCE_FLAG_VALUES as readonly string[]).includes(flag)) {
    throw new LayerscopeError('usage', `unknown --source '${flag}'`, `use one of: ${SOURCE_FLAG_VALUES.join(', ')}`);
  }
  if (source === '-') return { kind: 'stdin', location: '' };
  if (source === 'demo' && flag === undefined && !exists(source)) return { kind: 'demo', location: '' };
  for (const [prefix, kind] of SCHEMES) {
    if (source.startsWith(prefix)) {
      const location = source.slice(prefix.length);
      if (!location) throw new LayerscopeError('usage', `'${source}' names no image`, `write ${prefix}${WHAT[kind] ?? 'NAME'}`);
      return { kind, location: PATH_KINDS.has(kind) ? withHome(location) : location };
    }
  }
  if (flag !== undefined) return { kind: flag as SourceKind, location: source };
  if (exists(source) || looksLikePath(source)) return { kind: 'path', location: source };
  return { kind: 'docker', location: source, registryFallback: true };
}
