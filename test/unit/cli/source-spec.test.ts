import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseSourceSpec } from '../../../src/cli/source-spec.js';
import { isLayerscopeError } from '../../../src/core/errors.js';

const none = () => false;
const only =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);

describe('parseSourceSpec', () => {
  it.each([
    ['docker:alpine', 'docker', 'alpine'],
    ['docker://alpine', 'docker', 'alpine'], // dive's spelling
    ['docker-daemon:alpine:3', 'docker', 'alpine:3'], // skopeo's spelling
    ['podman:app', 'podman', 'app'],
    ['podman://app', 'podman', 'app'],
    ['docker-archive:/tmp/x.tar', 'docker-archive', '/tmp/x.tar'],
    ['docker-archive:///tmp/x.tar', 'docker-archive', '/tmp/x.tar'],
    ['oci-archive:img.tar', 'oci-archive', 'img.tar'],
    ['oci:layout', 'oci', 'layout'],
    ['oci:layout:v1', 'oci', 'layout:v1'],
    ['./image.tar', 'path', './image.tar'],
    ['image.tar.gz', 'path', 'image.tar.gz'],
    ['/abs/dir', 'path', '/abs/dir'],
    ['-', 'stdin', ''],
    ['demo', 'demo', ''],
    ['registry:nginx', 'registry', 'nginx'],
    ['registry:host:5000/app@sha256:abc', 'registry', 'host:5000/app@sha256:abc'],
  ])('%s → %s', (text, kind, location) => {
    expect(parseSourceSpec(text, undefined, none)).toEqual({ kind, location });
  });

  // The shell leaves '~' after a prefix as typed, and completion offers such names (audit).
  it("expands '~' at the start of a path after a path prefix, nowhere else", () => {
    expect(parseSourceSpec('docker-archive:~/x.tar', undefined, none)).toEqual({ kind: 'docker-archive', location: `${homedir()}/x.tar` });
    expect(parseSourceSpec('oci:~', undefined, none)).toEqual({ kind: 'oci', location: homedir() });
    expect(parseSourceSpec('oci-archive:~user/x.tar', undefined, none)).toEqual({ kind: 'oci-archive', location: '~user/x.tar' });
    expect(parseSourceSpec('docker:~app', undefined, none)).toEqual({ kind: 'docker', location: '~app' });
  });

  it('sends a bare reference to the daemon, falling back to the registry; explicit schemes never fall back', () => {
    expect(parseSourceSpec('myapp:latest', undefined, none)).toEqual({ kind: 'docker', location: 'myapp:latest', registryFallback: true });
    expect(parseSourceSpec('registry.example.com:5000/team/app@sha256:abc', undefined, none)).toEqual({
      kind: 'docker',
      location: 'registry.example.com:5000/team/app@sha256:abc',
      registryFallback: true,
    });
    expect(parseSourceSpec('docker:myapp', undefined, none)).toEqual({ kind: 'docker', location: 'myapp' });
    expect(parseSourceSpec('myapp', 'docker', none)).toEqual({ kind: 'docker', location: 'myapp' });
  });

  it('treats a bare name that exists on disk as a path', () => {
    expect(parseSourceSpec('ubuntu', undefined, only('ubuntu'))).toEqual({ kind: 'path', location: 'ubuntu' });
    expect(parseSourceSpec('demo', undefined, only('demo'))).toEqual({ kind: 'path', location: 'demo' });
  });

  it("honours dive's --source for bare arguments, not for explicit schemes", () => {
    expect(parseSourceSpec('x.tar', 'docker-archive', none)).toEqual({ kind: 'docker-archive', location: 'x.tar' });
    expect(parseSourceSpec('app', 'podman', none)).toEqual({ kind: 'podman', location: 'app' });
    expect(parseSourceSpec('oci:dir', 'docker', none)).toEqual({ kind: 'oci', location: 'dir' });
  });

  it('rejects empty locations and unknown --source with a hint', () => {
    for (const [text, flag] of [
      ['docker:', undefined],
      ['x', 'registry'],
    ] as const) {
      try {
        parseSourceSpec(text, flag, none);
        expect.unreachable();
      } catch (e) {
        expect(isLayerscopeError(e) && e.kind === 'usage' && e.hint).toBeTruthy();
      }
    }
  });

  it.each([
    ['docker-archive:', 'write docker-archive:PATH'],
    ['oci-archive://', 'write oci-archive://PATH'],
    ['oci:', 'write oci:DIR'],
    ['registry:', 'write registry:REF'],
    ['docker:', 'write docker:NAME'],
    ['podman:', 'write podman:NAME'],
  ])("'%s' alone: the hint names what goes after it", (text, hint) => {
    expect(() => parseSourceSpec(text, undefined, none)).toThrow(expect.objectContaining({ hint }));
  });
});
