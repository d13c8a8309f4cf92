// Path globs for the CI path rules: `*` (within one path segment), `?`, `**` (any number of segments,
// none included), a leading '/' optional. Hand-written because the only glob libraries on hand
// (picomatch, minimatch) are transitive dev dependencies; picomatch would be the one to add.
// Unlike minimatch's default, `*` matches names starting with a dot: `**/*.pem` must catch `.key.pem`.

export interface PathGlob {
  readonly source: string;
  matches(path: string): boolean;
}

function segment(part: string): string {
  return part
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*+/g, '[^/]*')
    .replace(/\?/g, '[^/]');
}

export function globToRegExp(glob: string): RegExp {
  const parts = glob.replace(/^\/+/, '').replace(/\/+$/, '').split('/');
  let out = '';
  let afterGlobstar = false;
  parts.forEach((part, i) => {
    const first = i === 0,
      last = i === parts.length - 1;
    if (part === '**') {
      if (last) out += first ? '.*' : '(?:/.*)?';
      else out += first ? '(?:[^/]+/)*' : '/(?:[^/]+/)*';
      afterGlobstar = !last;
      return;
    }
    out += (first || afterGlobstar ? '' : '/') + segment(part);
    afterGlobstar = false;
  });
  return new RegExp(`^${out}$`);
}

/** `path` without a leading '/', as the model keeps paths. */
export function pathGlob(source: string): PathGlob {
  const re = globToRegExp(source);
  return { source, matches: (path) => re.test(path.replace(/^\/+/, '')) };
}

export const matchesAny = (globs: readonly PathGlob[], path: string): boolean => globs.some((g) => g.matches(path));
