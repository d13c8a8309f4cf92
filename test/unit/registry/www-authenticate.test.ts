import { describe, expect, it } from 'vitest';
import { parseChallenge } from '../../../src/io/registry/www-authenticate.js';

describe('parseChallenge', () => {
  it("reads Docker Hub's bearer challenge", () => {
    expect(
      parseChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"'),
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull' },
    });
  });

  it('reads basic, bare values, odd spacing and escaped quotes', () => {
    expect(parseChallenge('Basic realm="Registry Realm"')).toEqual({ scheme: 'basic', params: { realm: 'Registry Realm' } });
    expect(parseChallenge('bearer  Realm = http://t/token , service=reg')).toEqual({
      scheme: 'bearer',
      params: { realm: 'http://t/token', service: 'reg' },
    });
    expect(parseChallenge('Bearer realm="a\\"b"')).toEqual({ scheme: 'bearer', params: { realm: 'a"b' } });
  });

  it('ignores schemes it cannot answer', () => {
    expect(parseChallenge('Negotiate abc')).toBeUndefined();
    expect(parseChallenge(undefined)).toBeUndefined();
    expect(parseChallenge('')).toBeUndefined();
  });
});
