// The common ways Dockerfiles waste bytes, each with its fix. Cache patterns are path prefixes (no
// leading '/'; '*/' matches any one home directory) of the places the tools keep their caches.

export type WasteHintId =
  | 'apt-cache'
  | 'apk-cache'
  | 'dnf-yum-cache'
  | 'pip-cache'
  | 'npm-cache'
  | 'yarn-cache'
  | 'pnpm-store'
  | 'go-cache'
  | 'deleted-later'
  | 'metadata-only'
  | 'copied-twice';

export interface WasteHint {
  readonly id: WasteHintId;
  /** What happened, in a few words. */
  readonly what: string;
  /** The Dockerfile change that avoids it. */
  readonly fix: string;
}

interface CacheHint extends WasteHint {
  readonly prefixes: readonly string[];
}

const SAME_RUN = 'removing them in a later step cannot shrink the layer that wrote them';

export const CACHE_HINTS: readonly CacheHint[] = [
  {
    id: 'apt-cache',
    prefixes: ['var/lib/apt/lists/', 'var/cache/apt/'],
    what: `apt package lists or .deb cache removed in a later step (${SAME_RUN})`,
    fix: 'RUN apt-get update && apt-get install -y --no-install-recommends … && rm -rf /var/lib/apt/lists/* (one RUN)',
  },
  {
    id: 'apk-cache',
    prefixes: ['var/cache/apk/'],
    what: `apk index cache removed in a later step (${SAME_RUN})`,
    fix: 'RUN apk add --no-cache …',
  },
  {
    id: 'dnf-yum-cache',
    prefixes: ['var/cache/dnf/', 'var/cache/yum/', 'var/lib/dnf/', 'var/lib/yum/'],
    what: `dnf/yum metadata or package cache removed in a later step (${SAME_RUN})`,
    fix: 'RUN dnf install -y … && dnf clean all && rm -rf /var/cache/dnf (one RUN; yum alike)',
  },
  {
    id: 'pip-cache',
    prefixes: ['root/.cache/pip/', 'home/*/.cache/pip/'],
    what: `pip's download cache removed in a later step (${SAME_RUN})`,
    fix: 'RUN pip install --no-cache-dir … (or RUN --mount=type=cache,target=/root/.cache/pip)',
  },
  {
    id: 'npm-cache',
    prefixes: ['root/.npm/', 'home/*/.npm/'],
    what: `npm's cache removed in a later step (${SAME_RUN})`,
    fix: 'RUN npm ci && npm cache clean --force (one RUN), or RUN --mount=type=cache,target=/root/.npm npm ci',
  },
  {
    id: 'yarn-cache',
    prefixes: ['usr/local/share/.cache/yarn/', 'root/.cache/yarn/', 'home/*/.cache/yarn/', 'root/.yarn/berry/cache/'],
    what: `yarn's cache removed in a later step (${SAME_RUN})`,
    fix: 'RUN yarn install --frozen-lockfile && yarn cache clean (one RUN), or a --mount=type=cache for the cache folder',
  },
  {
    id: 'pnpm-store',
    prefixes: ['root/.local/share/pnpm/store/', 'home/*/.local/share/pnpm/store/', 'root/.pnpm-store/'],
    what: `pnpm's store removed in a later step (${SAME_RUN})`,
    fix: 'RUN --mount=type=cache,id=pnpm,target=/root/.local/share/pnpm/store pnpm install --frozen-lockfile',
  },
  {
    id: 'go-cache',
    prefixes: ['root/.cache/go-build/', 'home/*/.cache/go-build/', 'go/pkg/mod/', 'root/go/pkg/mod/'],
    what: `Go build or module cache removed in a later step (${SAME_RUN})`,
    fix: 'RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build …, or build in a stage and COPY --from it',
  },
];

export const DELETED_LATER: WasteHint = {
  id: 'deleted-later',
  what: 'written, then deleted or hidden by a later step: the bytes still ship in the layer that wrote them',
  fix: 'delete in the same RUN that creates it, or build in a separate stage and COPY --from=build only what you need',
};

export const METADATA_ONLY: WasteHint = {
  id: 'metadata-only',
  what: 'rewritten with the same content only to change its mode or owner (chmod/chown in their own layer)',
  fix: 'COPY --chmod=… --chown=… (or chmod/chown in the RUN that creates the file)',
};

export const COPIED_TWICE: WasteHint = {
  id: 'copied-twice',
  what: 'the same content added twice by COPY/ADD',
  fix: 'copy it once: narrow the COPY sources (or .dockerignore) so the steps do not overlap',
};

function matchesPrefix(path: string, prefix: string): boolean {
  const star = prefix.indexOf('*/');
  if (star < 0) return path.startsWith(prefix) || `${path}/` === prefix;
  if (!path.startsWith(prefix.slice(0, star))) return false;
  const rest = path.slice(star);
  const slash = rest.indexOf('/');
  return slash > 0 && matchesPrefix(rest.slice(slash + 1), prefix.slice(star + 2));
}

export function cacheHintFor(path: string): WasteHint | undefined {
  return CACHE_HINTS.find((hint) => hint.prefixes.some((p) => matchesPrefix(path, p)));
}
