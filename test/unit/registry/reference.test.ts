// Reference normalisation as the docker CLI does it (distribution/reference ParseNormalizedNamed);
// expected values are docker's documented results, e.g. `docker pull nginx` pulls docker.io/library/nginx:latest.
import { describe, expect, it } from 'vitest';
import { formatReference, isLoopback, parseRegistryReference } from '../../../src/io/registry/reference.js';
import { isLayerscopeError } from '../../../src/core/errors.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseRegistryReference', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.27', 'docker.io/library/nginx:1.27'],
    ['bitnami/redis', 'docker.io/bitnami/redis:latest'],
    ['docker.io/nginx', 'docker.io/library/nginx:latest'],
    ['index.docker.io/library/nginx:1', 'docker.io/library/nginx:1'],
    ['ghcr.io/org/app:1.2', 'ghcr.io/org/app:1.2'],
    ['localhost/app', 'localhost/app:latest'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
    ['host:5000/team/app:v1', 'host:5000/team/app:v1'],
    [`host:5000/app@${D}`, `host:5000/app@${D}`],
    [`nginx:1@${D}`, `docker.io/library/nginx:1@${D}`],
    ['my_org/app__x', 'docker.io/my_org/app__x:latest'],
  ])('%s → %s', (text, full) => {
    expect(formatReference(parseRegistryReference(text))).toBe(full);
  });

  it('a first component without a dot, colon or localhost is a Docker Hub namespace', () => {
    expect(parseRegistryReference('team/app')).toEqual({ registry: 'docker.io', repository: 'team/app', tag: 'latest', digest: undefined });
  });

  it.each(['', 'Nginx', 'app:bad:tag:', 'app@sha256:short', 'host:5000/', 'a//b', '-app'])('rejects %j with a hint', (text) => {
    try {
      parseRegistryReference(text);
      expect.unreachable();
    } catch (e) {
      expect(isLayerscopeError(e) && e.kind === 'usage' && e.hint).toBeTruthy();
    }
  });
});

describe('isLoopback (plain HTTP allowed without --insecure-registry)', () => {
  it.each([
    ['localhost:5000', true],
    ['127.0.0.1:5000', true],
    ['127.8.9.10', true],
    ['[::1]:5000', true],
    ['10.0.0.1:5000', false],
    ['registry.local:5000', false],
    ['127.0.0.1.nip.io', false],
    ['docker.io', false],
  ])('%s → %s', (host, want) => {
    expect(isLoopback(host)).toBe(want);
  });
});
