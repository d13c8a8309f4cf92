// Expected matches follow bash globstar (shopt -s globstar dotglob) semantics, checked by hand.
import { describe, expect, it } from 'vitest';
import { pathGlob } from '../../../src/core/ci/glob.js';

const cases: Array<[glob: string, path: string, matches: boolean]> = [
  ['**/.git/**', 'app/.git/config', true],
  ['**/.git/**', '.git/HEAD', true],
  ['**/.git/**', 'app/.git', true],
  ['**/.git/**', 'app/.github/workflows/ci.yml', false],
  ['**/*.pem', 'etc/ssl/private/server.pem', true],
  ['**/*.pem', 'server.pem', true],
  ['**/*.pem', 'etc/ssl/server.pem.bak', false],
  ['/root/.ssh/**', 'root/.ssh/id_rsa', true],
  ['/root/.ssh/**', 'root/.sshd/x', false],
  ['/usr/*/lib', 'usr/local/lib', true],
  ['/usr/*/lib', 'usr/local/share/lib', false],
  ['/app/**/test/*.json', 'app/test/a.json', true],
  ['/app/**/test/*.json', 'app/x/y/test/a.json', true],
  ['/app/**/test/*.json', 'app/x/test/sub/a.json', false],
  ['/tmp/file?.txt', 'tmp/file1.txt', true],
  ['/tmp/file?.txt', 'tmp/file12.txt', false],
  ['/a+b/(c)', 'a+b/(c)', true],
  ['**', 'anything/at/all', true],
];

describe('pathGlob', () => {
  it.each(cases)('%s vs %s → %s', (glob, path, matches) => {
    expect(pathGlob(glob).matches(path)).toBe(matches);
    expect(pathGlob(glob).matches(`/${path}`)).toBe(matches);
  });
});
